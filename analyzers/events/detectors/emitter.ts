import { defineDetector } from '../../shared/detector.js';
import { emitterVisitor } from '../../shared/emitters.js';

/**
 * In-process events by name: `bus.emit('order.placed')` / `publish` and `bus.on('order.placed', h)` /
 * `once` / `addListener` / `subscribe`, on plausible domain emitters only (the rule is in
 * shared/emitters.ts). Transport `emitter` for every in-process emitter (Node's EventEmitter, a custom
 * bus, NestJS's injected EventEmitter2), so publishers and `@OnEvent` consumers meet by name.
 */
export const emitterDetector = defineDetector({
  id: 'emitter',
  description: 'EventEmitter-style emit/on on domain event buses',
  textHint: /\.(emit|emitAsync|publish|on|once|addListener|prependListener|prependOnceListener|subscribe)\s*(<[^>()]*>)?\(/,
  visitor(context) {
    return emitterVisitor(context, (found) => context.addEvent(found.name, found.role, 'emitter', found.call));
  },
});
