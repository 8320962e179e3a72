import { objectOf, propertyValue, stringValue, unwrap, type AnyNode } from '../../sql/ast.js';
import { defineDetector } from '../../shared/detector.js';
import { HTTP_METHODS, factoryPath, routerVisitor, type RouterStyle } from '../routes.js';

const ROUTER_PACKAGES = /^(@koa\/router|koa-router)$/;

const koa: RouterStyle = {
  framework: 'koa',
  methods: HTTP_METHODS,
  mountMethod: 'use',
  namedRoutes: true,
  toRouterPrefix(init, context) {
    const inner = unwrap(init);
    const head = factoryPath(inner)?.[0];
    if (inner.type !== 'NewExpression' || head === undefined || !ROUTER_PACKAGES.test(context.specifierOf(head) ?? '')) return undefined;
    return stringValue(propertyValue(objectOf(inner.arguments[0] as AnyNode | undefined), 'prefix')) ?? '';
  },
  receiverNames: /^(router|api|routes|[\w.]*Router)$/,
};

/**
 * Koa routers (@koa/router, koa-router): `router.get('/x', …middleware, handler)`, named routes
 * `router.get('name', '/x', h)`, `new Router({ prefix })`, `router.use('/prefix', other.routes())`
 * for routers declared in the same file. Paths are kept as written (outline's `documents.list`).
 */
export const koaDetector = defineDetector({
  id: 'koa',
  description: 'Koa router routes (@koa/router, koa-router), prefixes of routers in the same file',
  textHint: /['"](@koa\/router|koa-router)['"]/,
  visitor(context) {
    return context.importsFrom(ROUTER_PACKAGES) ? routerVisitor(koa, context) : {};
  },
});
