import { defineDetector } from '../../shared/detector.js';
import { HTTP_METHODS, factoryPath, routerVisitor, type RouterStyle } from '../routes.js';

const fastify: RouterStyle = {
  framework: 'fastify',
  methods: HTTP_METHODS,
  toRouterPrefix(init, context) {
    const head = factoryPath(init)?.[0];
    return head !== undefined && context.specifierOf(head) === 'fastify' ? '' : undefined;
  },
  receiverNames: /^(fastify|app|server|instance|router|this\.(app|server|fastify))$/,
};

/**
 * Fastify shorthand routes: `fastify.get('/x', [options,] handler)` (or the options' `handler`),
 * on an instance created in the file or named like one (`fastify`, `app`, `server`, the plugin's
 * parameter). `fastify.route({ method, url, handler })` is read by the route-config detector.
 */
export const fastifyDetector = defineDetector({
  id: 'fastify',
  description: 'Fastify shorthand routes (get, post, …)',
  textHint: /['"]fastify['"]/,
  visitor(context) {
    return context.importsFrom(/^fastify$/) ? routerVisitor(fastify, context) : {};
  },
});
