import type { CallExpression, Class, VariableDeclarator, VisitorObject } from 'oxc-parser';
import { memberPath, propertyName, unwrap, type AnyNode } from '../sql/ast.js';
import type { DetectorContext } from './detector.js';

/** Methods that publish an event by name on an emitter or bus. */
export const PUBLISH_METHODS: ReadonlySet<string> = new Set(['emit', 'emitAsync', 'publish']);
/** Methods that subscribe to an event by name. */
export const CONSUME_METHODS: ReadonlySet<string> = new Set(['on', 'once', 'addListener', 'prependListener', 'prependOnceListener', 'subscribe']);

/** Receivers whose name says they carry domain events: `bus`, `events`, `eventBus`, `this.eventEmitter`, `orderEvents`, `hub`, `pubsub`. */
const EMITTER_NAME = /(events?|emitter|bus|hub|pubsub|mediator)(repository|service)?$/i;
/** Receivers that are never domain emitters even when named like one (streams, sockets, processes, DOM). */
const SYSTEM_RECEIVER = /^(process|window|document|globalThis|self|this\.(socket|stream|server|process))$|(stream|socket|request|response|source)$/i;
/** Event names of Node's own emitters (process, streams, sockets, servers, child processes) and of queue workers: not domain events. */
export const SYSTEM_EVENTS: ReadonlySet<string> = new Set([
  'error', 'close', 'end', 'data', 'finish', 'drain', 'exit', 'message', 'connect', 'connection', 'disconnect', 'ready', 'listening', 'open',
  'readable', 'pipe', 'unpipe', 'timeout', 'uncaughtException', 'unhandledRejection', 'warning', 'SIGINT', 'SIGTERM', 'SIGHUP', 'newListener',
  'removeListener', 'beforeExit', 'online', 'request', 'response', 'upgrade', 'abort', 'change', 'line', 'resume', 'pause', 'spawn',
  'failed', 'completed', 'progress', 'active', 'stalled', 'waiting', 'drained', 'paused', 'resumed', 'cleaned', 'removed', 'closing',
]);
const EMITTER_CLASSES = /^(EventEmitter2?|EventBus|Emittery|Mitt)$/;

/** A call of an emitter method on a plausible emitter, with its event name. */
export interface EmitterCall {
  role: 'publish' | 'consume';
  name: string;
  call: CallExpression;
  /** The listener, for a subscription. */
  listener?: AnyNode;
}

/**
 * Visitors that find `x.emit('name')`/`x.publish('name')` and `x.on('name', h)`/`once`/`addListener`/
 * `subscribe` on receivers that plausibly carry domain events: a variable created in the file by
 * `new EventEmitter()` (or of a class extending it in the file), `this` in such a class, or a receiver
 * named like an event bus (`bus`, `events`, `eventBus`, `emitter`, `this.eventEmitter`, `eventRepository`).
 * Never `process`, streams, sockets, requests or the DOM, and never Node's own event names (`error`,
 * `data`, `close`, `exit`, …) or queue-worker events (`failed`, `completed`). The event name must be a
 * string, a same-file constant or an imported constant (placeholder).
 */
export function emitterVisitor(context: DetectorContext, onCall: (found: EmitterCall) => void): VisitorObject {
  const emitterVariables = new Set<string>();
  const emitterClasses = new Set<string>();
  const pending: { call: CallExpression; receiver: string; inEmitterClass: boolean }[] = [];
  const isEmitterClassNode = (node: Class | undefined): boolean => {
    const superPath = node?.superClass ? memberPath(node.superClass as AnyNode) : undefined;
    const superName = superPath?.at(-1);
    return superName !== undefined && (EMITTER_CLASSES.test(superName) || emitterClasses.has(superName));
  };
  context.atEnd(() => {
    for (const { call, receiver, inEmitterClass } of pending) {
      const plausible = receiver === 'this' ? inEmitterClass : emitterVariables.has(receiver) || (EMITTER_NAME.test(receiver) && !SYSTEM_RECEIVER.test(receiver));
      if (!plausible) continue;
      const method = propertyName(call.callee as AnyNode) ?? '';
      const args = call.arguments as AnyNode[];
      const name = context.toName(args[0]);
      if (name === undefined || SYSTEM_EVENTS.has(name)) continue;
      if (PUBLISH_METHODS.has(method)) onCall({ role: 'publish', name, call });
      else if (args.length >= 2) onCall({ role: 'consume', name, call, listener: args[1] });
    }
  });
  const onClass = (node: Class) => {
    if (node.id && isEmitterClassNode(node)) emitterClasses.add(node.id.name);
  };
  return {
    ClassDeclaration: onClass,
    VariableDeclarator(node: VariableDeclarator) {
      if (node.id.type !== 'Identifier' || !node.init) return;
      const init = unwrap(node.init as AnyNode);
      const className = init.type === 'NewExpression' ? memberPath(init.callee as AnyNode)?.at(-1) : undefined;
      if (className !== undefined && (EMITTER_CLASSES.test(className) || emitterClasses.has(className))) emitterVariables.add(node.id.name);
    },
    CallExpression(node: CallExpression) {
      const callee = unwrap(node.callee as AnyNode);
      if (callee.type !== 'MemberExpression' || node.arguments.length === 0) return;
      const method = propertyName(callee);
      if (method === undefined || (!PUBLISH_METHODS.has(method) && !CONSUME_METHODS.has(method))) return;
      const receiver = memberPath(callee.object as AnyNode)?.join('.');
      if (receiver === undefined) return;
      pending.push({ call: node, receiver, inEmitterClass: receiver === 'this' && isEmitterClassNode(context.enclosingClass()) });
    },
  };
}
