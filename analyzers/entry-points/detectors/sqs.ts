import type { CallExpression } from 'oxc-parser';
import { memberPath, objectOf, propertyValue, unwrap, type AnyNode } from '../../sql/ast.js';
import { defineDetector, type DetectorContext } from '../../shared/detector.js';

/**
 * The queue a queue URL names: the last path segment of a literal or of a template's static tail
 * (`${base}/orders` → `orders`), else the name or placeholder of the constant holding it.
 */
export function toQueueNameFromUrl(context: DetectorContext, node: AnyNode | undefined): string | undefined {
  if (!node) return undefined;
  const inner = unwrap(node);
  const tail = inner.type === 'TemplateLiteral' ? (inner.quasis.at(-1)?.value.cooked ?? '') : undefined;
  const text = tail !== undefined && tail.includes('/') ? tail : context.toName(inner);
  if (text === undefined) return undefined;
  if (text.includes('#')) return text;
  const segment = text.replace(/\/+$/, '').split('/').pop();
  return segment === undefined || segment === '' ? undefined : segment;
}

/**
 * SQS consumers: sqs-consumer `Consumer.create({ queueUrl, handleMessage | handleMessageBatch })`
 * (`Consumer` imported from sqs-consumer); the queue is the URL's last segment.
 */
export const sqsDetector = defineDetector({
  id: 'sqs',
  description: 'SQS consumers (sqs-consumer Consumer.create)',
  textHint: /sqs-consumer/,
  visitor(context) {
    return {
      CallExpression(node: CallExpression) {
        const path = memberPath(node.callee as AnyNode);
        if (path?.length !== 2 || path[1] !== 'create' || context.specifierOf(path[0] as string) !== 'sqs-consumer') return;
        const options = objectOf(node.arguments[0] as AnyNode | undefined);
        const name = toQueueNameFromUrl(context, propertyValue(options, 'queueUrl'));
        const handler = propertyValue(options, 'handleMessage') ?? propertyValue(options, 'handleMessageBatch');
        if (name !== undefined) context.addEntryPoint('queue', name, 'sqs', node, context.toHandlers(handler));
      },
    };
  },
});
