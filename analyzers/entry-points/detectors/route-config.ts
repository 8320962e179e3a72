import type { CallExpression } from 'oxc-parser';
import { objectOf, propertyName, propertyValue, stringValue, unwrap, type AnyNode } from '../../sql/ast.js';
import { defineDetector } from '../../shared/detector.js';
import { toRouteName } from '../routes.js';

/** The HTTP methods a route object's `method` holds (`'GET'`, `['GET', 'HEAD']`). */
function toMethods(node: AnyNode | undefined): string[] {
  if (!node) return [];
  const inner = unwrap(node);
  if (inner.type === 'ArrayExpression') return inner.elements.flatMap((element) => toMethods(element as AnyNode | undefined));
  const value = stringValue(inner);
  return value !== undefined && /^[a-z]+$/i.test(value) ? [value.toLowerCase()] : [];
}

/**
 * Routes declared as one object: Fastify's `fastify.route({ method, url, handler })` and the
 * route helpers of controller base classes (Unleash's `this.route({ method, path, handler })`).
 * The object must name a literal method, a path (`url` or `path`) and a `handler`; the framework
 * is fastify in a file that imports it, else express when the file imports express, else
 * `route-config`.
 */
export const routeConfigDetector = defineDetector({
  id: 'route-config',
  description: 'routes declared as an object: route({ method, url | path, handler })',
  textHint: /\.route\(\s*\{/,
  visitor(context) {
    const framework = context.importsFrom(/^fastify$/) ? 'fastify' : context.importsFrom(/^express$/) ? 'express' : 'route-config';
    return {
      CallExpression(node: CallExpression) {
        const callee = unwrap(node.callee as AnyNode);
        if (callee.type !== 'MemberExpression' || propertyName(callee) !== 'route' || node.arguments.length !== 1) return;
        const options = objectOf(node.arguments[0] as AnyNode);
        const methods = toMethods(propertyValue(options, 'method'));
        const path = context.toPath(propertyValue(options, 'url') ?? propertyValue(options, 'path'));
        const handler = propertyValue(options, 'handler');
        if (methods.length === 0 || path === undefined || !handler) return;
        const handlers = [...context.toHandlers(propertyValue(options, 'preHandler')), ...context.toHandlers(propertyValue(options, 'middleware')), ...context.toHandlers(handler)];
        for (const method of methods) context.addEntryPoint('http', toRouteName(method, path === '' ? '/' : path), framework, node, handlers);
      },
    };
  },
});
