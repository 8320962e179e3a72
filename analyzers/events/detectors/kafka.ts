import type { CallExpression } from 'oxc-parser';
import { objectOf, propertyName, propertyValue, unwrap, type AnyNode } from '../../sql/ast.js';
import { defineDetector } from '../../shared/detector.js';
import { subscribedTopics } from '../../entry-points/detectors/kafkajs.js';

/**
 * Kafka topics (kafkajs): publish `producer.send({ topic, messages })` and `producer.sendBatch({
 * topicMessages: [{ topic }] })`; consume `consumer.subscribe({ topic | topics })`. The object shapes
 * are specific enough that the receiver's name is not checked.
 */
export const kafkaDetector = defineDetector({
  id: 'kafka',
  description: 'Kafka topics: producer.send({ topic }) and consumer.subscribe({ topic })',
  textHint: /\btopics?\s*:|topicMessages/,
  visitor(context) {
    return {
      CallExpression(node: CallExpression) {
        const callee = unwrap(node.callee as AnyNode);
        if (callee.type !== 'MemberExpression') return;
        const method = propertyName(callee);
        const options = objectOf(node.arguments[0] as AnyNode | undefined);
        if (method === 'send' && propertyValue(options, 'messages') !== undefined) {
          const topic = context.toName(propertyValue(options, 'topic'));
          if (topic !== undefined) context.addEvent(topic, 'publish', 'kafka', node);
        } else if (method === 'sendBatch') {
          const batches = propertyValue(options, 'topicMessages');
          const items = batches && unwrap(batches).type === 'ArrayExpression' ? (unwrap(batches) as { elements: AnyNode[] }).elements : [];
          for (const item of items) {
            const topic = context.toName(propertyValue(objectOf(item), 'topic'));
            if (topic !== undefined) context.addEvent(topic, 'publish', 'kafka', node);
          }
        } else if (method === 'subscribe') {
          for (const topic of subscribedTopics(context, node) ?? []) context.addEvent(topic, 'consume', 'kafka', node);
        }
      },
    };
  },
});
