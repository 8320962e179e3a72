import { defineDetector } from '../../shared/detector.js';
import { emitterVisitor } from '../../shared/emitters.js';

/**
 * In-process events by name: `bus.emit('order.placed')` / `publish` and `bus.on('order.placed', h)` /
 * `once` / `addListener` / `subscribe`, on plausible domain emitters only (the rule is in
 * shared/emitters.ts). Transport `nestjs-event-emitter` in files that import @nestjs/event-emitter
 * (`this.eventEmitter.emit(…)` on an injected EventEmitter2), else `emitter`.
 */
export const emitterDetector = defineDetector({
  id: 'emitter',
  description: 'EventEmitter-style emit/on on domain event buses',
  textHint: /\.(emit|emitAsync|publish|on|once|addListener|prependListener|prependOnceListener|subscribe)\s*(<[^>()]*>)?\(/,
  visitor(context) {
    const transport = context.importsFrom(/^@nestjs\/event-emitter$/) ? 'nestjs-event-emitter' : 'emitter';
    return emitterVisitor(context, (found) => context.addEvent(found.name, found.role, transport, found.call));
  },
});
