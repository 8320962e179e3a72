import { propertyName, stringValue, unwrap } from '../../sql/ast.js';
import { defineDetector } from '../../shared/detector.js';
import { HTTP_METHODS, factoryPath, routerVisitor, type RouterStyle } from '../routes.js';

const hono: RouterStyle = {
  framework: 'hono',
  methods: HTTP_METHODS,
  mountMethod: 'route',
  toRouterPrefix(init, context) {
    const inner = unwrap(init);
    // `new Hono().basePath('/api')`
    if (inner.type === 'CallExpression' && propertyName(inner.callee) === 'basePath') {
      const callee = unwrap(inner.callee);
      const base = callee.type === 'MemberExpression' ? hono.toRouterPrefix(callee.object, context) : undefined;
      return base === undefined ? undefined : (stringValue(inner.arguments[0]) ?? '');
    }
    const head = factoryPath(inner)?.[0];
    return inner.type === 'NewExpression' && head !== undefined && context.specifierOf(head) === 'hono' ? '' : undefined;
  },
  receiverNames: /^(app|api|router|routes|[\w.]*(App|Router|Routes))$/,
};

/** Hono: `app.get('/x', h)` and the other verbs, `new Hono().basePath('/api')`, `app.route('/prefix', sub)` for apps in the same file. */
export const honoDetector = defineDetector({
  id: 'hono',
  description: 'Hono routes, base paths and sub-apps mounted with route()',
  textHint: /['"]hono['"]/,
  visitor(context) {
    return context.importsFrom(/^hono$/) ? routerVisitor(hono, context) : {};
  },
});
