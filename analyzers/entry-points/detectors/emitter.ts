import { defineDetector } from '../../shared/detector.js';
import { emitterVisitor } from '../../shared/emitters.js';

/**
 * In-process event listeners: `bus.on('order.placed', h)`, `once`, `addListener`, `subscribe` on a
 * plausible domain emitter (the rule is in shared/emitters.ts: never process, streams, sockets,
 * requests, or Node's own event names). NestJS `@OnEvent` is read by the nestjs detector.
 */
export const emitterDetector = defineDetector({
  id: 'emitter',
  description: 'EventEmitter-style listeners on domain event buses',
  textHint: /\.(on|once|addListener|prependListener|prependOnceListener|subscribe)\s*(<[^>()]*>)?\(/,
  visitor(context) {
    const framework = context.importsFrom(/^@nestjs\/event-emitter$/) ? 'nestjs' : 'emitter';
    return emitterVisitor(context, (found) => {
      if (found.role === 'consume') context.addEntryPoint('event', found.name, framework, found.call, context.toHandlers(found.listener));
    });
  },
});
