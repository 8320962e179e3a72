import type { CallExpression, NewExpression } from 'oxc-parser';
import { memberPath, objectOf, propertyValue, type AnyNode } from '../../sql/ast.js';
import { defineDetector } from '../../shared/detector.js';
import { toQueueNameFromUrl } from '../../entry-points/detectors/sqs.js';

const SEND_COMMANDS = new Set(['SendMessageCommand', 'SendMessageBatchCommand']);
const SEND_METHODS = new Set(['sendMessage', 'sendMessageBatch']);

/**
 * Amazon SQS queues by name (the queue URL's last segment, or the constant holding it): publish
 * `new SendMessageCommand({ QueueUrl })` / `SendMessageBatchCommand` (SDK v3) and
 * `sqs.sendMessage({ QueueUrl })` (v2); consume `new ReceiveMessageCommand({ QueueUrl })`,
 * `sqs.receiveMessage({ QueueUrl })` and sqs-consumer `Consumer.create({ queueUrl })`.
 */
export const sqsDetector = defineDetector({
  id: 'sqs',
  description: 'SQS SendMessage (publish) and ReceiveMessage / sqs-consumer (consume)',
  textHint: /SendMessage|sendMessage|ReceiveMessage|receiveMessage|sqs-consumer/,
  visitor(context) {
    const record = (role: 'publish' | 'consume', url: AnyNode | undefined, at: AnyNode) => {
      const name = toQueueNameFromUrl(context, url);
      if (name !== undefined) context.addEvent(name, role, 'sqs', at);
    };
    return {
      NewExpression(node: NewExpression) {
        const command = memberPath(node.callee as AnyNode)?.at(-1);
        const url = propertyValue(objectOf(node.arguments[0] as AnyNode | undefined), 'QueueUrl');
        if (command !== undefined && SEND_COMMANDS.has(command)) record('publish', url, node);
        else if (command === 'ReceiveMessageCommand') record('consume', url, node);
      },
      CallExpression(node: CallExpression) {
        const path = memberPath(node.callee as AnyNode);
        const method = path?.at(-1);
        const options = objectOf(node.arguments[0] as AnyNode | undefined);
        if (method !== undefined && SEND_METHODS.has(method)) record('publish', propertyValue(options, 'QueueUrl'), node);
        else if (method === 'receiveMessage') record('consume', propertyValue(options, 'QueueUrl'), node);
        else if (path?.length === 2 && method === 'create' && context.specifierOf(path[0] as string) === 'sqs-consumer') record('consume', propertyValue(options, 'queueUrl'), node);
      },
    };
  },
});
