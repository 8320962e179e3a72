import type { CallExpression } from 'oxc-parser';
import type { HandlerRef } from '../../../src/plugin/index.js';
import { memberPath, objectOf, propertyName, propertyValue, unwrap, type AnyNode } from '../../sql/ast.js';
import { defineDetector, type DetectorContext } from '../../shared/detector.js';

/** The topics of `consumer.subscribe({ topic })` / `({ topics: [...] })`; a RegExp topic is kept as its source. */
export function subscribedTopics(context: DetectorContext, call: CallExpression): string[] | undefined {
  const callee = unwrap(call.callee as AnyNode);
  if (callee.type !== 'MemberExpression' || propertyName(callee) !== 'subscribe') return undefined;
  const options = objectOf(call.arguments[0] as AnyNode | undefined);
  const single = propertyValue(options, 'topic');
  const many = propertyValue(options, 'topics');
  const nodes = single ? [single] : many && unwrap(many).type === 'ArrayExpression' ? (unwrap(many) as { elements: AnyNode[] }).elements : [];
  if (nodes.length === 0) return undefined;
  return nodes.flatMap((node) => {
    const inner = unwrap(node);
    if (inner.type === 'Literal' && (inner as { regex?: { pattern: string } }).regex) return [`/${(inner as { regex: { pattern: string } }).regex.pattern}/`];
    const name = context.toName(inner);
    return name === undefined ? [] : [name];
  });
}

/**
 * kafkajs consumers: `consumer.subscribe({ topic | topics })` paired with `consumer.run({ eachMessage |
 * eachBatch })` on the same receiver in the file; one entry point per topic, at the subscribe call.
 */
export const kafkajsDetector = defineDetector({
  id: 'kafkajs',
  description: 'kafkajs consumers: subscribe({ topic }) with run({ eachMessage })',
  textHint: /\.subscribe\(\s*\{/,
  visitor(context) {
    const subscriptions: { receiver: string; topics: string[]; call: CallExpression }[] = [];
    const runs = new Map<string, HandlerRef[]>();
    context.atEnd(() => {
      for (const { receiver, topics, call } of subscriptions) {
        for (const topic of topics) context.addEntryPoint('queue', topic, 'kafkajs', call, runs.get(receiver) ?? []);
      }
    });
    return {
      CallExpression(node: CallExpression) {
        const callee = unwrap(node.callee as AnyNode);
        if (callee.type !== 'MemberExpression') return;
        const receiver = memberPath(callee.object as AnyNode)?.join('.');
        if (receiver === undefined) return;
        const topics = subscribedTopics(context, node);
        if (topics) {
          subscriptions.push({ receiver, topics, call: node });
          return;
        }
        if (propertyName(callee) !== 'run') return;
        const options = objectOf(node.arguments[0] as AnyNode | undefined);
        const handler = propertyValue(options, 'eachMessage') ?? propertyValue(options, 'eachBatch');
        if (handler) runs.set(receiver, context.toHandlers(handler));
      },
    };
  },
});
