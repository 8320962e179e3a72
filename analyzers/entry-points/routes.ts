import type { CallExpression, VariableDeclarator, VisitorObject } from 'oxc-parser';
import type { HandlerRef } from '../../src/plugin/index.js';
import { memberPath, objectOf, propertyName, propertyValue, stringValue, toChainLinks, unwrap, type AnyNode } from '../sql/ast.js';
import type { DetectorContext } from '../shared/detector.js';

/** How one router library registers routes and mounts routers. */
export interface RouterStyle {
  framework: string;
  /** Verb methods (`get`, `post`, …, `all`). */
  methods: ReadonlySet<string>;
  /** The method that mounts a router under a prefix (`use` in Express and Koa, `route` in Hono). */
  mountMethod?: string;
  /** For a variable's initialiser that creates a router: its own prefix ('' for none); undefined when it is not one. */
  toRouterPrefix(init: AnyNode, context: DetectorContext): string | undefined;
  /** Receivers taken as routers without a local declaration (a parameter, `this.app`). */
  receiverNames: RegExp;
  /** Koa's named routes: `router.get('name', '/path', handler)`. */
  namedRoutes?: boolean;
}

/** The HTTP verbs of Express, Koa, Fastify and Hono routers. */
export const HTTP_METHODS: ReadonlySet<string> = new Set(['get', 'post', 'put', 'patch', 'delete', 'del', 'all', 'options', 'head']);

/** The path strings an argument holds (one, or an array of them). */
function toPaths(node: AnyNode | undefined, context: DetectorContext): string[] | undefined {
  if (!node) return undefined;
  const inner = unwrap(node);
  if (inner.type === 'ArrayExpression') {
    const paths = inner.elements.map((element) => (element ? context.toName(element as AnyNode) : undefined));
    return paths.every((path): path is string => path !== undefined) && paths.length > 0 ? paths : undefined;
  }
  if (inner.type === 'Literal' && (inner as { regex?: { pattern: string } }).regex) return [`/${(inner as { regex: { pattern: string } }).regex.pattern}/`];
  const name = inner.type === 'TemplateLiteral' ? context.toPath(inner) : context.toName(inner);
  return name === undefined ? undefined : [name];
}

/** Joins a prefix and a path the way routers do: one slash between them, none at the end of a prefix-only route. */
export function joinRoutePath(prefix: string, path: string): string {
  if (prefix === '') return path === '' ? '/' : path;
  if (prefix === '/') return path.startsWith('/') ? path : `/${path}`;
  const head = prefix.endsWith('/') ? prefix.slice(0, -1) : prefix;
  if (path === '' || path === '/') return head;
  return path.startsWith('/') ? `${head}${path}` : `${head}/${path}`;
}

/** A route name: `GET /orders/:id` (`ALL` for `all`, `DELETE` for Koa's `del`). */
export function toRouteName(method: string, path: string): string {
  const verb = method === 'del' ? 'DELETE' : method.toUpperCase();
  return `${verb} ${path}`;
}

interface PendingRoute {
  receiver: string;
  method: string;
  paths: string[];
  /** Where the route is registered (the call, or the verb of a `route('/x').get(…)` chain). */
  at: AnyNode;
  handlers: HandlerRef[];
}

/**
 * Visitors for the routes of one router style: `r.get('/x', …handlers)`, `r.route('/x').get(h).post(h)`,
 * and mounts `parent.use('/prefix', child)` (Koa `child.routes()`) when the child is a router declared in
 * this file. Routes are recorded at the end of the file, when every router variable and mount is known;
 * a receiver is a router when it is declared in the file from the library's factory or is named like
 * one (`receiverNames`).
 */
export function routerVisitor(style: RouterStyle, context: DetectorContext): VisitorObject {
  const routers = new Map<string, string>();
  const mounts = new Map<string, { parent: string; prefix: string }>();
  const pending: PendingRoute[] = [];

  const prefixOf = (router: string, seen = new Set<string>()): string => {
    if (seen.has(router)) return '';
    seen.add(router);
    const own = routers.get(router) ?? '';
    const mount = mounts.get(router);
    return mount ? joinRoutePath(joinRoutePath(prefixOf(mount.parent, seen), mount.prefix), own) : own;
  };

  context.atEnd(() => {
    for (const route of pending) {
      if (!routers.has(route.receiver) && !style.receiverNames.test(route.receiver)) continue;
      const prefix = prefixOf(route.receiver);
      for (const path of route.paths) {
        context.addEntryPoint('http', toRouteName(route.method, joinRoutePath(prefix, path)), style.framework, route.at, route.handlers);
      }
    }
  });

  return {
    VariableDeclarator(node: VariableDeclarator) {
      if (node.id.type !== 'Identifier' || !node.init) return;
      const prefix = style.toRouterPrefix(node.init as AnyNode, context);
      if (prefix !== undefined) routers.set(node.id.name, prefix);
    },
    CallExpression(node: CallExpression) {
      const callee = unwrap(node.callee as AnyNode);
      if (callee.type !== 'MemberExpression') return;
      const method = propertyName(callee);
      if (method === undefined) return;
      const args = node.arguments as AnyNode[];
      if (method === style.mountMethod && args.length >= 2) {
        const parent = memberPath(callee.object as AnyNode)?.join('.');
        const prefix = stringValue(args[0]);
        const child = unwrap(args[args.length - 1] as AnyNode);
        const childPath = memberPath(child.type === 'CallExpression' ? (child.callee as AnyNode) : child);
        const childName = childPath?.at(-1) === 'routes' ? childPath.slice(0, -1).join('.') : childPath?.join('.');
        if (parent !== undefined && prefix !== undefined && childName) mounts.set(childName, { parent, prefix });
        return;
      }
      if (!style.methods.has(method) || args.length === 0) return;
      const { base, links } = toChainLinks(callee.object as AnyNode);
      // `router.route('/x').get(a).post(b)`: the path comes from `route(…)`.
      const routeLink = links.findIndex((link) => link.property === 'route' && link.arguments.length === 1);
      if (routeLink !== -1) {
        const paths = toPaths(links[routeLink]?.arguments[0] as AnyNode, context);
        const receiver = memberPath(base)?.concat(links.slice(0, routeLink).map((link) => link.property ?? '')).join('.');
        if (paths && receiver !== undefined) pending.push({ receiver, method, paths, at: callee.property as AnyNode, handlers: args.flatMap((arg) => context.toHandlers(arg)) });
        return;
      }
      const receiver = memberPath(callee.object as AnyNode)?.join('.');
      if (receiver === undefined || args.length < 2) return;
      let pathIndex = 0;
      if (style.namedRoutes && args.length >= 3 && stringValue(args[1]) !== undefined) pathIndex = 1;
      const paths = toPaths(args[pathIndex], context);
      if (!paths) return;
      const handlerArgs = args.slice(pathIndex + 1).filter((arg) => {
        const inner = unwrap(arg);
        // Fastify's route options object: its `handler` is the handler.
        return inner.type !== 'ObjectExpression' || propertyValue(objectOf(inner), 'handler') !== undefined;
      });
      const handlers = handlerArgs.flatMap((arg) => {
        const options = objectOf(arg);
        return options ? context.toHandlers(propertyValue(options, 'handler')) : context.toHandlers(arg);
      });
      if (handlers.length === 0) return;
      pending.push({ receiver, method, paths, at: node, handlers });
    },
  };
}

/** The callee path of a call or `new` expression (`express.Router()` → ['express', 'Router']), unwrapped. */
export function factoryPath(init: AnyNode): string[] | undefined {
  const inner = unwrap(init);
  if (inner.type !== 'CallExpression' && inner.type !== 'NewExpression') return undefined;
  return memberPath(inner.callee as AnyNode);
}
