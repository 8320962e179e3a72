import type { Class, NewExpression } from 'oxc-parser';
import { objectOf, propertyValue } from '../../sql/ast.js';
import { decoratorNamed, defineDetector } from '../../shared/detector.js';
import { queueCallVisitor, toWorkerCreation } from '../../shared/queues.js';

/**
 * Job queues by name (BullMQ, Bull, bee-queue): publish `queue.add(…)` / `addBulk(…)` on a queue
 * created in the file (`new Queue('q')`, `this.q = new Queue('q')`, NestJS `@InjectQueue('q')`);
 * consume `new Worker('q', …)`, Bull `queue.process(…)` and
 * NestJS `@Processor('q')` classes. The event name is the queue's name (not the job's).
 */
export const bullmqDetector = defineDetector({
  id: 'bullmq',
  description: 'BullMQ/Bull queues: add (publish), Worker/process/@Processor (consume)',
  textHint: /['"](bullmq|bull|bullmq-pro|@taskforcesh\/bullmq-pro|bee-queue|@nestjs\/bull|@nestjs\/bullmq)['"]/,
  visitor(context) {
    const calls = queueCallVisitor(context, new Set(['add', 'addBulk', 'process']), (call, method, queue) => {
      context.addEvent(queue.name, method === 'process' ? 'consume' : 'publish', queue.library, call);
    });
    const onClass = (node: Class) => {
      calls.ClassDeclaration?.(node as never);
      const processor = decoratorNamed(node, 'Processor');
      if (!processor) return;
      const first = processor.arguments[0];
      const name = context.toName(objectOf(first) ? propertyValue(objectOf(first), 'name') : first);
      if (name !== undefined) context.addEvent(name, 'consume', context.importsFrom(/^@nestjs\/bull$/) ? 'bull' : 'bullmq', processor.decorator);
    };
    return {
      ...calls,
      ClassDeclaration: onClass,
      NewExpression(node: NewExpression) {
        const worker = toWorkerCreation(context, node);
        if (worker) context.addEvent(worker.name, 'consume', 'bullmq', node);
      },
    };
  },
});
