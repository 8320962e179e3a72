import { defineDetector } from '../../shared/detector.js';
import { HTTP_METHODS, factoryPath, routerVisitor, type RouterStyle } from '../routes.js';

const express: RouterStyle = {
  framework: 'express',
  methods: HTTP_METHODS,
  mountMethod: 'use',
  toRouterPrefix(init, context) {
    const path = factoryPath(init);
    if (!path) return undefined;
    const [head, second] = path;
    if (path.length === 1 && head !== undefined && (context.specifierOf(head) === 'express' || head === 'express')) return '';
    if (path.length === 2 && second === 'Router' && head !== undefined && context.specifierOf(head) === 'express') return '';
    return undefined;
  },
  receiverNames: /^(app|api|router|routes|server|this\.(app|router)|[\w.]*(Router|Routes|App))$/,
};

/**
 * Express: `app.get('/x', …handlers)` and the other verbs, `router.route('/x').get(h).post(h)`,
 * `app.use('/prefix', router)` for routers declared in the same file (`Router()`, `express.Router()`,
 * `express()`). Every middleware and the handler are in `handlers`. Only in files that import express;
 * the receiver is a router declared in the file or named like one (`app`, `router`, `ordersRouter`).
 */
export const expressDetector = defineDetector({
  id: 'express',
  description: 'Express routes and routers mounted under a prefix',
  textHint: /['"]express['"]/,
  visitor(context) {
    return context.importsFrom(/^express$/) ? routerVisitor(express, context) : {};
  },
});
