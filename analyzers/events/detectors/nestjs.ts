import type { CallExpression, Class } from 'oxc-parser';
import { memberPath, objectOf, propertyName, propertyValue, unwrap, type AnyNode } from '../../sql/ast.js';
import { decoratorOf, defineDetector, methodsOf, type DetectorContext } from '../../shared/detector.js';

/** The event names of a decorator argument: a name, an array of names, or `{ name }` / `{ cmd }`. */
function namesOf(context: DetectorContext, node: AnyNode | undefined): string[] {
  if (!node) return [];
  const inner = unwrap(node);
  if (inner.type === 'ArrayExpression') return inner.elements.flatMap((element) => namesOf(context, element as AnyNode | undefined));
  const options = objectOf(inner);
  if (options) return namesOf(context, propertyValue(options, 'name') ?? propertyValue(options, 'cmd'));
  const name = context.toName(inner);
  return name === undefined ? [] : [name];
}

/** Receivers that are microservice clients (`this.client`, `ordersClient`, `this.kafkaClient`). */
const CLIENT_NAME = /client(proxy)?$/i;

/**
 * NestJS events: consumers `@OnEvent('order.created')` (@nestjs/event-emitter: in-process, transport
 * `emitter`, like every in-process emitter) and `@EventPattern('x')` / `@MessagePattern('x')` (transport
 * `nestjs-microservices`); publishers `client.emit('x')` / `client.send('x')` on a ClientProxy-like
 * receiver in a file that imports @nestjs/microservices. `eventEmitter.emit(…)` is read by the
 * emitter detector.
 */
export const nestjsDetector = defineDetector({
  id: 'nestjs',
  description: 'NestJS @OnEvent, @EventPattern/@MessagePattern and ClientProxy emit/send',
  textHint: /@(OnEvent|EventPattern|MessagePattern)\(|@nestjs\/microservices/,
  visitor(context) {
    const microservices = context.importsFrom(/^@nestjs\/microservices$/);
    const visit = (node: Class) => {
      for (const method of methodsOf(node)) {
        for (const decorator of method.decorators ?? []) {
          const read = decoratorOf(decorator);
          if (!read) continue;
          const transport = read.name === 'OnEvent' ? 'emitter' : read.name === 'EventPattern' || read.name === 'MessagePattern' ? 'nestjs-microservices' : undefined;
          if (transport === undefined) continue;
          for (const name of namesOf(context, read.arguments[0])) context.addEvent(name, 'consume', transport, decorator);
        }
      }
    };
    return {
      ClassDeclaration: visit,
      ClassExpression: visit,
      CallExpression(node: CallExpression) {
        if (!microservices) return;
        const callee = unwrap(node.callee as AnyNode);
        if (callee.type !== 'MemberExpression') return;
        const method = propertyName(callee);
        const receiver = memberPath(callee.object as AnyNode)?.join('.');
        if ((method !== 'emit' && method !== 'send') || receiver === undefined || !CLIENT_NAME.test(receiver)) return;
        for (const name of namesOf(context, node.arguments[0] as AnyNode | undefined)) context.addEvent(name, 'publish', 'nestjs-microservices', node);
      },
    };
  },
});
