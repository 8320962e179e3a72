import type { AssignmentExpression, CallExpression, VariableDeclarator } from 'oxc-parser';
import { memberPath, stringValue, unwrap, type AnyNode } from '../../sql/ast.js';
import { defineDetector, type DetectorContext } from '../../shared/detector.js';

/** An HTTP client package: the client's name, its request methods, and whether the imported value itself is called (`axios(…)`). */
interface ClientPackage {
  client: string;
  methods: ReadonlySet<string>;
  callable: boolean;
}

const VERBS = ['get', 'post', 'put', 'patch', 'delete', 'head', 'options'];
const PACKAGES: Record<string, ClientPackage> = {
  axios: { client: 'axios', methods: new Set([...VERBS, 'request', 'postForm', 'putForm', 'patchForm']), callable: true },
  got: { client: 'got', methods: new Set([...VERBS, 'stream', 'paginate']), callable: true },
  ky: { client: 'ky', methods: new Set(VERBS), callable: true },
  superagent: { client: 'superagent', methods: new Set([...VERBS, 'del']), callable: true },
  'node-fetch': { client: 'fetch', methods: new Set(), callable: true },
  'cross-fetch': { client: 'fetch', methods: new Set(), callable: true },
  'isomorphic-fetch': { client: 'fetch', methods: new Set(), callable: true },
  undici: { client: 'undici', methods: new Set(['request', 'fetch', 'stream']), callable: false },
  http: { client: 'http', methods: new Set(['request', 'get']), callable: false },
  https: { client: 'https', methods: new Set(['request', 'get']), callable: false },
};
/** Named imports that are themselves request functions (`import { request } from 'undici'`). */
const NAMED_FUNCTIONS = new Set(['request', 'fetch', 'get']);
/** Methods that make an instance of a client with defaults (`axios.create`, `got.extend`, `ky.create`). */
const INSTANCE_FACTORIES = new Set(['create', 'extend']);

function toPackage(specifier: string): ClientPackage | undefined {
  return PACKAGES[specifier.replace(/^node:/, '')];
}

/** Local names bound to client packages: imports, requires and instances made in the file. */
function readImportedClients(context: DetectorContext): { values: Map<string, ClientPackage>; functions: Map<string, ClientPackage> } {
  const values = new Map<string, ClientPackage>();
  const functions = new Map<string, ClientPackage>();
  for (const statement of context.file.module.staticImports) {
    const client = toPackage(statement.moduleRequest.value);
    if (!client) continue;
    for (const entry of statement.entries) {
      if (entry.isType) continue;
      const local = entry.localName.value;
      if (entry.importName.kind === 'Name') {
        const name = entry.importName.name ?? '';
        if (name === 'default') values.set(local, client);
        else if (NAMED_FUNCTIONS.has(name) && (client.methods.has(name) || client.client === 'fetch')) functions.set(local, client);
      } else values.set(local, client);
    }
  }
  return { values, functions };
}

/**
 * Outbound HTTP calls: the global `fetch(…)` (also `globalThis.fetch`), fetch polyfills (node-fetch,
 * cross-fetch), axios (`axios(…)`, `axios.get/post/…`, instances from `axios.create()`), got, ky,
 * superagent, undici (`request`, `fetch`), `http.request/get` and `https.request/get` (also `node:`),
 * and NestJS `HttpService` (`this.httpService.get` in a file importing @nestjs/axios). A client
 * counts only when its name is the global or is imported (or required) from its package.
 */
export const outboundHttpDetector = defineDetector({
  id: 'outbound-http',
  description: 'outbound HTTP calls (fetch, axios, got, ky, superagent, undici, http/https)',
  textHint: /\bfetch\(|['"](node:)?(axios|got|ky|superagent|undici|https?|@nestjs\/axios)['"]/,
  visitor(context) {
    const { values, functions } = readImportedClients(context);
    // `fetch` imported from anywhere (a polyfill is counted through its import, a local wrapper through its own file) or declared here is not the global.
    const shadowsFetch = context.file.importOf('fetch') !== undefined || /\b(function\s+fetch\b|(const|let|var)\s+fetch\b)/.test(context.file.text);
    const nestHttp = context.importsFrom(/^@nestjs\/axios$/);
    const instances = new Map<string, ClientPackage>();
    const bind = (target: string | undefined, init: AnyNode | null | undefined) => {
      if (target === undefined || !init) return;
      const inner = unwrap(init);
      if (inner.type !== 'CallExpression') return;
      const path = memberPath(inner.callee as AnyNode);
      if (path?.[0] === 'require' && path.length === 1) {
        const client = toPackage(stringValue(inner.arguments[0] as AnyNode) ?? '');
        if (client) values.set(target, client);
        return;
      }
      const client = path?.length === 2 ? (values.get(path[0] as string) ?? instances.get(path[0] as string)) : undefined;
      if (client && INSTANCE_FACTORIES.has(path?.[1] as string)) instances.set(target, client);
    };
    return {
      VariableDeclarator(node: VariableDeclarator) {
        if (node.id.type === 'Identifier') bind(node.id.name, node.init as AnyNode | null);
      },
      AssignmentExpression(node: AssignmentExpression) {
        bind(memberPath(node.left as AnyNode)?.join('.'), node.right as AnyNode);
      },
      CallExpression(node: CallExpression) {
        const path = memberPath(node.callee as AnyNode);
        if (!path) return;
        const joined = path.join('.');
        if (path.length === 1) {
          const name = path[0] as string;
          const client = functions.get(name) ?? values.get(name) ?? instances.get(name);
          if (client && (client.callable || functions.has(name) || instances.has(name))) context.addOutboundHttp(client.client, node);
          else if (name === 'fetch' && !shadowsFetch) context.addOutboundHttp('fetch', node);
          return;
        }
        if ((joined === 'globalThis.fetch' || joined === 'window.fetch') && !shadowsFetch) {
          context.addOutboundHttp('fetch', node);
          return;
        }
        const method = path.at(-1) as string;
        const receiver = path.slice(0, -1).join('.');
        const client = values.get(receiver) ?? instances.get(receiver);
        if (client?.methods.has(method)) context.addOutboundHttp(client.client, node);
        else if (nestHttp && /httpService(\.axiosRef)?$/i.test(receiver) && (VERBS.includes(method) || method === 'request')) context.addOutboundHttp('axios', node);
      },
    };
  },
});
