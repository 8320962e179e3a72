import type { AssignmentExpression, CallExpression, Class, NewExpression, VariableDeclarator, VisitorObject } from 'oxc-parser';
import { memberPath, propertyName, unwrap, type AnyNode } from '../sql/ast.js';
import { decoratorsOf, type DetectorContext } from './detector.js';

/** Packages whose `Queue` (and Bull's default export) create a job queue. */
export const QUEUE_PACKAGES = /^(bullmq|bullmq-pro|@taskforcesh\/bullmq-pro|bull|bee-queue)$/;

/** The queue name of `new Queue('q')`, `new Bull('q')` or `Bull('q')` when the class comes from a queue package. */
export function toQueueCreation(context: DetectorContext, node: AnyNode | undefined | null): { name: string; library: string } | undefined {
  if (!node) return undefined;
  const inner = unwrap(node);
  if (inner.type !== 'NewExpression' && inner.type !== 'CallExpression') return undefined;
  const path = memberPath(inner.callee as AnyNode);
  const head = path?.[0];
  const specifier = head === undefined ? undefined : context.specifierOf(head);
  if (specifier === undefined || !QUEUE_PACKAGES.test(specifier)) return undefined;
  const className = path?.at(-1);
  if (className !== 'Queue' && !(specifier === 'bull' && path?.length === 1)) return undefined;
  const name = context.toName((inner as NewExpression | CallExpression).arguments[0] as AnyNode | undefined);
  return name === undefined ? undefined : { name, library: specifier.includes('bullmq') ? 'bullmq' : specifier };
}

/**
 * Tracks the queues of a file (`const q = new Queue('q')`, `this.q = new Queue('q')`, a class field
 * `q = new Queue('q')`, a NestJS constructor parameter `@InjectQueue('q') private q: Queue`) and
 * reports, at the end of the file, each call of a method in `methods` on one of them with the queue's
 * name.
 */
export function queueCallVisitor(
  context: DetectorContext,
  methods: ReadonlySet<string>,
  onCall: (call: CallExpression, method: string, queue: { name: string; library: string }) => void,
): VisitorObject {
  const queues = new Map<string, { name: string; library: string }>();
  const pending: { call: CallExpression; method: string; receiver: string }[] = [];
  context.atEnd(() => {
    for (const { call, method, receiver } of pending) {
      const queue = queues.get(receiver);
      if (queue) onCall(call, method, queue);
    }
  });
  const onClass = (node: Class) => {
    for (const member of node.body.body) {
      if (member.type === 'PropertyDefinition' && !member.computed && member.key.type === 'Identifier') {
        const created = toQueueCreation(context, member.value as AnyNode | null);
        if (created) queues.set(`this.${member.key.name}`, created);
      }
      if (member.type !== 'MethodDefinition' || member.kind !== 'constructor') continue;
      for (const param of member.value.params) {
        if (param.type !== 'TSParameterProperty' || param.parameter.type !== 'Identifier') continue;
        const inject = decoratorsOf(param).get('InjectQueue');
        const name = inject ? context.toName(inject[0]) : undefined;
        if (name !== undefined) queues.set(`this.${param.parameter.name}`, { name, library: context.importsFrom(/^@nestjs\/bullmq$/) ? 'bullmq' : 'bull' });
      }
    }
  };
  return {
    ClassDeclaration: onClass,
    ClassExpression: onClass,
    VariableDeclarator(node: VariableDeclarator) {
      if (node.id.type !== 'Identifier') return;
      const created = toQueueCreation(context, node.init as AnyNode | null);
      if (created) queues.set(node.id.name, created);
    },
    AssignmentExpression(node: AssignmentExpression) {
      const target = memberPath(node.left as AnyNode)?.join('.');
      const created = toQueueCreation(context, node.right as AnyNode);
      if (target !== undefined && created) queues.set(target, created);
    },
    CallExpression(node: CallExpression) {
      const callee = unwrap(node.callee as AnyNode);
      if (callee.type !== 'MemberExpression') return;
      const method = propertyName(callee);
      const receiver = memberPath(callee.object as AnyNode)?.join('.');
      if (method !== undefined && receiver !== undefined && methods.has(method)) pending.push({ call: node, method, receiver });
    },
  };
}

/** The queue name of `new Worker('q', …)` when Worker comes from bullmq, with the processor argument. */
export function toWorkerCreation(context: DetectorContext, node: NewExpression): { name: string; processor: AnyNode | undefined } | undefined {
  const path = memberPath(node.callee as AnyNode);
  const head = path?.[0];
  if (path?.at(-1) !== 'Worker' || head === undefined || !/bullmq/.test(context.specifierOf(head) ?? '')) return undefined;
  const name = context.toName(node.arguments[0] as AnyNode | undefined);
  return name === undefined ? undefined : { name, processor: node.arguments[1] as AnyNode | undefined };
}
