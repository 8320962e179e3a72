import type { CallExpression, NewExpression } from 'oxc-parser';
import { memberPath, objectOf, propertyValue, stringValue, unwrap, type AnyNode } from '../../sql/ast.js';
import { defineDetector, type DetectorContext } from '../../shared/detector.js';

/** Longest source text kept as the name of a schedule seams cannot read. */
const MAX_EXPRESSION_TEXT = 60;

/** The schedule an expression holds: a string or constant, else its source text (`config.cron.digest ?? '0 7 * * 1'`). */
function toSchedule(context: DetectorContext, node: AnyNode | undefined): string {
  if (!node) return '?';
  const name = context.toName(node);
  if (name !== undefined) return name;
  const inner = unwrap(node);
  if (inner.type === 'ObjectExpression') return 'rule';
  const text = context.file.text.slice((inner as { start: number }).start, (inner as { end: number }).end).replace(/\s+/g, ' ');
  return text.length > MAX_EXPRESSION_TEXT ? `${text.slice(0, MAX_EXPRESSION_TEXT - 1)}…` : text;
}

/** Where a local name comes from, when it is one of the cron packages. */
function packageOf(context: DetectorContext, node: AnyNode): string | undefined {
  const head = memberPath(node)?.[0];
  const specifier = head === undefined ? undefined : context.specifierOf(head);
  return specifier === 'node-cron' || specifier === 'cron' || specifier === 'node-schedule' ? specifier : undefined;
}

/**
 * Cron jobs: node-cron `cron.schedule(expr, task)` (or an imported `schedule`), cron `new CronJob(expr,
 * onTick)` and `CronJob.from({ cronTime, onTick })`, node-schedule `scheduleJob([name,] rule, job)`.
 * Only names imported from those packages. The name is the expression, or its source text when it is
 * not a constant (`task.schedule`). NestJS `@Cron` is read by the nestjs detector.
 */
export const cronDetector = defineDetector({
  id: 'cron',
  description: 'cron jobs (node-cron, cron, node-schedule)',
  textHint: /['"](node-cron|cron|node-schedule)['"]/,
  visitor(context) {
    return {
      CallExpression(node: CallExpression) {
        const path = memberPath(node.callee as AnyNode);
        const method = path?.at(-1);
        const library = packageOf(context, node.callee as AnyNode);
        if (library === undefined || method === undefined) return;
        const args = node.arguments as AnyNode[];
        if (library === 'node-cron' && method === 'schedule' && args.length >= 2) {
          context.addEntryPoint('cron', toSchedule(context, args[0]), library, node, context.toHandlers(args[1]));
        } else if (library === 'node-schedule' && method === 'scheduleJob' && args.length >= 2) {
          const named = args.length >= 3 && stringValue(args[0]) !== undefined;
          context.addEntryPoint('cron', toSchedule(context, named ? args[1] : args[0]), library, node, context.toHandlers(args[named ? 2 : 1]));
        } else if (library === 'cron' && path?.join('.') === 'CronJob.from') {
          const options = objectOf(args[0]);
          context.addEntryPoint('cron', toSchedule(context, propertyValue(options, 'cronTime')), library, node, context.toHandlers(propertyValue(options, 'onTick')));
        }
      },
      NewExpression(node: NewExpression) {
        if (packageOf(context, node.callee as AnyNode) !== 'cron' || memberPath(node.callee as AnyNode)?.at(-1) !== 'CronJob') return;
        const args = node.arguments as AnyNode[];
        if (args.length >= 2) context.addEntryPoint('cron', toSchedule(context, args[0]), 'cron', node, context.toHandlers(args[1]));
      },
    };
  },
});
