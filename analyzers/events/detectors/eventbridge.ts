import type { CallExpression, NewExpression, ObjectExpression } from 'oxc-parser';
import { memberPath, objectOf, propertyValue, stringValue, unwrap, type AnyNode } from '../../sql/ast.js';
import { defineDetector, type DetectorContext } from '../../shared/detector.js';

/** The detail types of `{ Entries: [{ DetailType, Source }] }`. */
function detailTypesOf(context: DetectorContext, input: ObjectExpression | undefined): string[] {
  const entries = propertyValue(input, 'Entries');
  if (!entries || unwrap(entries).type !== 'ArrayExpression') return [];
  return (unwrap(entries) as { elements: AnyNode[] }).elements.flatMap((entry) => {
    const name = context.toName(propertyValue(objectOf(entry), 'DetailType'));
    return name === undefined ? [] : [name];
  });
}

/** The names listed in a rule pattern's `'detail-type': ['X']` (or CDK's `detailType: ['X']`). */
function patternNames(context: DetectorContext, node: AnyNode): string[] {
  const inner = unwrap(node);
  const items = inner.type === 'ArrayExpression' ? inner.elements : [inner];
  return items.flatMap((item) => {
    const name = item ? context.toName(item as AnyNode) : undefined;
    return name === undefined ? [] : [name];
  });
}

/**
 * Amazon EventBridge: publish `new PutEventsCommand({ Entries: [{ DetailType }] })` (SDK v3) and
 * `eventBridge.putEvents({ Entries })` (v2); consume where a rule pattern lists detail types in code:
 * `'detail-type': ['OrderPlaced']` (a JSON-shaped pattern, a `PutRuleCommand`'s pattern) or CDK's
 * `detailType: ['OrderPlaced']` in an `eventPattern`.
 */
export const eventbridgeDetector = defineDetector({
  id: 'eventbridge',
  description: 'EventBridge PutEvents detail types and rule patterns',
  textHint: /PutEventsCommand|putEvents|detail-type|detailType/,
  visitor(context) {
    return {
      NewExpression(node: NewExpression) {
        if (memberPath(node.callee as AnyNode)?.at(-1) !== 'PutEventsCommand') return;
        for (const name of detailTypesOf(context, objectOf(node.arguments[0] as AnyNode | undefined))) context.addEvent(name, 'publish', 'eventbridge', node);
      },
      CallExpression(node: CallExpression) {
        if (memberPath(node.callee as AnyNode)?.at(-1) !== 'putEvents') return;
        for (const name of detailTypesOf(context, objectOf(node.arguments[0] as AnyNode | undefined))) context.addEvent(name, 'publish', 'eventbridge', node);
      },
      ObjectExpression(node: ObjectExpression) {
        for (const property of node.properties) {
          if (property.type !== 'Property' || property.computed) continue;
          const key = property.key.type === 'Identifier' ? property.key.name : stringValue(property.key as AnyNode);
          const inEventPattern = key === 'detailType' && propertyValue(node, 'source') !== undefined;
          if (key !== 'detail-type' && !inEventPattern) continue;
          for (const name of patternNames(context, property.value as AnyNode)) context.addEvent(name, 'consume', 'eventbridge', property);
        }
      },
    };
  },
});
