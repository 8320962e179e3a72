import type { CallExpression, Class } from 'oxc-parser';
import { memberPath, propertyName, unwrap, type AnyNode } from '../../sql/ast.js';
import { decoratorNamed, defineDetector, type DetectorContext } from '../../shared/detector.js';

/** Receivers that are typed event buses (`this.eventBus`, `eventBus`, `events`). */
const BUS_NAME = /(eventbus|events|bus)$/i;

/** The class an expression names, as exported by its module when imported (`OrderPlacedEvent`). */
function className(context: DetectorContext, node: AnyNode | undefined): string | undefined {
  if (!node) return undefined;
  const path = memberPath(node);
  const head = path?.[0];
  if (!path || head === undefined || path.length !== 1 || !/^[A-Z]/.test(head)) return undefined;
  const imported = context.file.importOf(head);
  return imported && imported.importedName !== 'default' && imported.importedName !== '*' ? imported.importedName : head;
}

/**
 * Events named by their class (Vendure's EventBus, NestJS CQRS): publish `eventBus.publish(new
 * OrderPlacedEvent(…))`; consume `eventBus.ofType(OrderPlacedEvent)` and `@EventsHandler(OrderPlacedEvent)`
 * (CQRS). The name is the class name as exported.
 */
export const classEventsDetector = defineDetector({
  id: 'class-events',
  description: 'events named by class: eventBus.publish(new X()), eventBus.ofType(X), @EventsHandler(X)',
  textHint: /\.publish\(\s*new\s|\.ofType\(|@EventsHandler\(/,
  visitor(context) {
    const onClass = (node: Class) => {
      const handler = decoratorNamed(node, 'EventsHandler');
      for (const argument of handler?.arguments ?? []) {
        const name = className(context, argument);
        if (name !== undefined && handler) context.addEvent(name, 'consume', 'event-bus', handler.decorator);
      }
    };
    return {
      ClassDeclaration: onClass,
      ClassExpression: onClass,
      CallExpression(node: CallExpression) {
        const callee = unwrap(node.callee as AnyNode);
        if (callee.type !== 'MemberExpression') return;
        const method = propertyName(callee);
        const receiver = memberPath(callee.object as AnyNode)?.join('.');
        if (receiver === undefined || !BUS_NAME.test(receiver)) return;
        const first = node.arguments[0] ? unwrap(node.arguments[0] as AnyNode) : undefined;
        if (method === 'publish' && first?.type === 'NewExpression') {
          const name = className(context, first.callee as AnyNode);
          if (name !== undefined) context.addEvent(name, 'publish', 'event-bus', node);
        } else if (method === 'ofType') {
          for (const argument of node.arguments) {
            const name = className(context, argument as AnyNode);
            if (name !== undefined) context.addEvent(name, 'consume', 'event-bus', node);
          }
        }
      },
    };
  },
});
