import type { CallExpression } from 'oxc-parser';
import { objectOf, propertyName, propertyValue, toChainLinks, unwrap, type AnyNode } from '../../sql/ast.js';
import { defineDetector, isFunctionNode, type DetectorContext } from '../../shared/detector.js';

/** The command's name: the first word of its spec (`'serve <dir>'` → `serve`; yargs' `'$0'` is the default command). */
function toCommandName(context: DetectorContext, node: AnyNode | undefined): string | undefined {
  if (!node) return undefined;
  const inner = unwrap(node);
  if (inner.type === 'ArrayExpression') return toCommandName(context, inner.elements[0] as AnyNode | undefined);
  return context.toName(inner)?.trim().split(/\s+/)[0];
}

/**
 * CLI commands: commander `program.command('name').…action(handler)` in one chain (and `new
 * Command('name').action(h)`), yargs `.command('name', description, builder, handler)` and
 * `.command({ command, handler })`. Only in files that import commander or yargs.
 */
export const cliDetector = defineDetector({
  id: 'cli',
  description: 'CLI commands (commander, yargs)',
  textHint: /['"](commander|@commander-js\/extra-typings|yargs)['"]/,
  visitor(context) {
    const commander = context.importsFrom(/^(commander|@commander-js\/extra-typings)$/);
    const yargs = context.importsFrom(/^yargs(\/|$)/);
    if (!commander && !yargs) return {};
    return {
      CallExpression(node: CallExpression) {
        const callee = unwrap(node.callee as AnyNode);
        if (callee.type !== 'MemberExpression') return;
        const method = propertyName(callee);
        const args = node.arguments as AnyNode[];
        if (commander && method === 'action' && args.length >= 1) {
          const { base, links } = toChainLinks(callee.object as AnyNode);
          const command = [...links].reverse().find((link) => link.property === 'command' && link.call);
          const constructed = unwrap(base).type === 'NewExpression' ? (unwrap(base) as { arguments: AnyNode[] }).arguments[0] : undefined;
          const name = toCommandName(context, (command?.arguments[0] as AnyNode | undefined) ?? constructed);
          const at = command?.call ? unwrap(command.call.callee as AnyNode) : callee;
          if (name !== undefined) context.addEntryPoint('cli', name, 'commander', at.type === 'MemberExpression' ? at.property : node, context.toHandlers(args[0]));
        } else if (yargs && method === 'command') {
          const options = objectOf(args[0]);
          if (options) {
            const name = toCommandName(context, propertyValue(options, 'command'));
            const handler = propertyValue(options, 'handler');
            if (name !== undefined && handler) context.addEntryPoint('cli', name, 'yargs', callee.property, context.toHandlers(handler));
            return;
          }
          const handler = args.length >= 4 ? args[3] : args.length === 3 && isFunctionNode(args[2]) ? args[2] : undefined;
          const name = toCommandName(context, args[0]);
          if (name !== undefined && handler) context.addEntryPoint('cli', name, 'yargs', callee.property, context.toHandlers(handler));
        }
      },
    };
  },
});
