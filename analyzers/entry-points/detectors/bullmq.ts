import type { NewExpression } from 'oxc-parser';
import { stringValue, unwrap, type AnyNode } from '../../sql/ast.js';
import { defineDetector, isFunctionNode } from '../../shared/detector.js';
import { queueCallVisitor, toWorkerCreation } from '../../shared/queues.js';

/** A processor given as a file (`'./email.js'`, `path.join(__dirname, 'email.js')`, `new URL(…)`): run in a sandbox, not a handler here. */
function isProcessorFile(processor: AnyNode | undefined): boolean {
  if (!processor) return true;
  const inner = unwrap(processor);
  if (stringValue(inner) !== undefined || inner.type === 'TemplateLiteral' || inner.type === 'NewExpression') return true;
  return inner.type === 'CallExpression' && !inner.arguments.some((argument) => isFunctionNode(argument as AnyNode));
}

/**
 * Job queue consumers: BullMQ `new Worker('q', processor)` (a processor file path gives no
 * handler) and Bull `queue.process([name,] [concurrency,] handler)` on a queue created in the file
 * (`new Queue('q')`, `new Bull('q')`, NestJS `@InjectQueue('q')`). NestJS `@Processor` classes are
 * read by the nestjs detector.
 */
export const bullmqDetector = defineDetector({
  id: 'bullmq',
  description: 'BullMQ workers and Bull queue.process consumers',
  textHint: /['"](bullmq|bull|bullmq-pro|@taskforcesh\/bullmq-pro)['"]/,
  visitor(context) {
    const processCalls = queueCallVisitor(context, new Set(['process']), (call, _method, queue) => {
      const handler = [...call.arguments].reverse().find((argument) => isFunctionNode(argument as AnyNode) || unwrap(argument as AnyNode).type === 'Identifier');
      context.addEntryPoint('queue', queue.name, queue.library, call, context.toHandlers(handler as AnyNode | undefined));
    });
    return {
      ...processCalls,
      NewExpression(node: NewExpression) {
        const worker = toWorkerCreation(context, node);
        if (worker) context.addEntryPoint('queue', worker.name, 'bullmq', node, isProcessorFile(worker.processor) ? [] : context.toHandlers(worker.processor));
      },
    };
  },
});
