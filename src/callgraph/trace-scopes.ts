import type { EntryPointFact, FileFacts, ModuleId, TransactionFact } from '../model/facts.js';
import type { Edge, EntryPoint, EventNode, Transaction } from '../model/result.js';
import { compareText } from '../model/diagnostics.js';
import { toSortedLocations } from '../model/locations.js';
import type { LinkedAccess } from '../tables/link-tables.js';
import type { Resolution } from '../resolve/resolve-imports.js';
import type { CallGraph } from './build-call-graph.js';
import { followCalls, type Reach } from './follow-calls.js';

/** How many calls deep scopes and entry points are followed by default. */
export const DEFAULT_CALL_DEPTH = 4;

/** A transaction scope with what it reaches, before clusters are known. */
export interface TracedTransaction {
  module: ModuleId;
  fact: TransactionFact;
  reach: Reach;
}

/** An entry point with what its handlers reach, before clusters are known. */
export interface TracedEntryPoint {
  module: ModuleId;
  fact: EntryPointFact;
  reach: Reach;
}

function groupAccesses(accesses: LinkedAccess[]): Map<ModuleId, LinkedAccess[]> {
  const byModule = new Map<ModuleId, LinkedAccess[]>();
  for (const access of accesses) {
    if (access.mode === 'ddl') continue;
    if (!byModule.has(access.module)) byModule.set(access.module, []);
    byModule.get(access.module)?.push(access);
  }
  return byModule;
}

function mergeReach(into: Reach, from: Reach): void {
  into.accesses.push(...from.accesses);
  into.functions.push(...from.functions);
  into.outboundHttp.push(...from.outboundHttp);
}

/**
 * Transaction helpers: a function that opens a scope and calls one of its own parameters inside
 * it (`withTransaction(pool, fn)` doing BEGIN, `fn(client)`, COMMIT). Every inline function
 * passed at that position elsewhere runs in a transaction: those become scopes too.
 */
function findHelperScopes(allFacts: FileFacts[], graph: CallGraph): { module: ModuleId; fact: TransactionFact }[] {
  const helpers = new Map<string, { index: number; scope: TransactionFact }>();
  for (const facts of allFacts) {
    for (const scope of facts.transactions) {
      const enclosing = graph.functionAt(facts.module, scope.line);
      if (!enclosing) continue;
      for (const call of graph.callsOf(facts.module)) {
        if (call.line < scope.startLine || call.line > scope.endLine || call.callee.kind !== 'name') continue;
        const index = enclosing.fn.params.indexOf(call.callee.name);
        if (index >= 0) helpers.set(`${facts.module}\u0000${enclosing.fn.name}`, { index, scope });
      }
    }
  }
  if (helpers.size === 0) return [];
  const names = new Set([...helpers.keys()].map((key) => key.slice(key.indexOf('\u0000') + 1).split('.').at(-1) as string));
  const derived: { module: ModuleId; fact: TransactionFact }[] = [];
  for (const facts of allFacts) {
    for (const call of facts.calls) {
      if (!call.callbacks || !names.has(call.callee.kind === 'name' ? call.callee.name : call.callee.property)) continue;
      const target = graph.resolveCallee(facts.module, call.callee, call.line);
      const helper = target ? helpers.get(`${target.module}\u0000${target.fn.name}`) : undefined;
      const callback = helper ? call.callbacks.find((candidate) => candidate.index === helper.index) : undefined;
      if (!helper || !callback) continue;
      const handle = callback.params[0];
      derived.push({
        module: facts.module,
        fact: { via: helper.scope.via, style: 'callback', line: call.line, startLine: callback.startLine, endLine: callback.endLine, ...(handle ? { handle } : {}) },
      });
    }
  }
  return derived;
}

/** Follows every transaction scope (helpers' callers included) and every entry point's handlers through the call graph. */
export function traceScopes(
  allFacts: FileFacts[],
  graph: CallGraph,
  accesses: LinkedAccess[],
  depth: number,
): { transactions: TracedTransaction[]; entryPoints: TracedEntryPoint[] } {
  const byModule = groupAccesses(accesses);
  const transactions: TracedTransaction[] = [];
  const entryPoints: TracedEntryPoint[] = [];
  const scopes = [...allFacts.flatMap((facts) => facts.transactions.map((fact) => ({ module: facts.module, fact }))), ...findHelperScopes(allFacts, graph)];
  for (const { module, fact } of scopes) {
    const handles = fact.handle !== undefined && !fact.handle.startsWith('{') ? [fact.handle] : undefined;
    const reach = followCalls(graph, byModule, { module, startLine: fact.startLine, endLine: fact.endLine, handles, handleIs: fact.handleIs }, depth);
    transactions.push({ module, fact, reach });
  }
  for (const facts of allFacts) {
    for (const fact of facts.entryPoints) {
      const reach: Reach = { accesses: [], functions: [], outboundHttp: [] };
      for (const handler of fact.handlers) {
        if (handler.kind === 'inline') {
          mergeReach(reach, followCalls(graph, byModule, { module: facts.module, startLine: handler.startLine, endLine: handler.endLine }, depth));
          continue;
        }
        const target = graph.resolveCallee(facts.module, handler.callee, fact.line);
        if (!target) continue;
        const inner = followCalls(graph, byModule, { module: target.module, startLine: target.fn.startLine, endLine: target.fn.endLine }, depth);
        const hop = { file: facts.module as string, line: fact.line };
        reach.functions.push({ ref: target, path: [hop] });
        for (const access of inner.accesses) reach.accesses.push({ access: access.access, path: [hop, ...access.path] });
        for (const fn of inner.functions) reach.functions.push({ ref: fn.ref, path: [hop, ...fn.path] });
        reach.outboundHttp.push(...inner.outboundHttp);
      }
      entryPoints.push({ module: facts.module, fact, reach });
    }
  }
  return { transactions, entryPoints };
}


/** The transactions of the result: each table touched once per mode (shortest path), with its owner. */
export function toTransactions(traced: TracedTransaction[], tableClusterOf: ReadonlyMap<string, string>): Transaction[] {
  const transactions: Transaction[] = traced.map(({ module, fact, reach }) => {
    const byKey = new Map<string, Transaction['tables'][number]>();
    for (const { access, path } of reach.accesses) {
      const mode = access.mode === 'write' ? 'write' : 'read';
      const key = `${access.table}\u0000${mode}`;
      const existing = byKey.get(key);
      if (existing && existing.path.length <= path.length) continue;
      byKey.set(key, { table: access.table, mode, cluster: tableClusterOf.get(access.table) ?? '', path });
    }
    const tables = [...byKey.values()].sort((a, b) => compareText(a.table, b.table) || compareText(a.mode, b.mode));
    return {
      id: `${module}:${fact.line}`,
      location: { file: module, line: fact.line },
      via: fact.via,
      style: fact.style,
      tables,
      clusters: [...new Set(tables.map((table) => table.cluster))].filter((cluster) => cluster !== '').sort(compareText),
    };
  });
  return transactions.sort((a, b) => compareText(a.location.file, b.location.file) || a.location.line - b.location.line);
}

/** The entry points of the result: the domain clusters, tables and outbound calls each reaches. */
export function toEntryPoints(
  traced: TracedEntryPoint[],
  clusterOf: ReadonlyMap<ModuleId, string>,
  tableClusterOf: ReadonlyMap<string, string>,
  domainClusters: ReadonlySet<string>,
): EntryPoint[] {
  const entryPoints: EntryPoint[] = traced.map(({ module, fact, reach }) => {
    const clusters = new Set<string>();
    const own = clusterOf.get(module);
    if (own !== undefined) clusters.add(own);
    for (const { ref } of reach.functions) {
      const cluster = clusterOf.get(ref.module);
      if (cluster !== undefined) clusters.add(cluster);
    }
    const tables = new Set<string>();
    for (const { access } of reach.accesses) {
      tables.add(access.table);
      const cluster = tableClusterOf.get(access.table);
      if (cluster !== undefined) clusters.add(cluster);
    }
    return {
      id: `${module}:${fact.line}`,
      kind: fact.kind,
      name: fact.name,
      framework: fact.framework,
      location: { file: module, line: fact.line },
      clusters: [...clusters].filter((cluster) => domainClusters.has(cluster)).sort(compareText),
      tables: [...tables].sort(compareText),
      outboundHttp: toSortedLocations(reach.outboundHttp),
    };
  });
  return entryPoints.sort((a, b) => compareText(a.location.file, b.location.file) || a.location.line - b.location.line || compareText(a.name, b.name));
}

/** Tables touched together in one transaction: table-to-table `same-transaction` edges, weighted by the number of scopes. */
export function toSameTransactionEdges(traced: TracedTransaction[]): Edge[] {
  const edges = new Map<string, Edge>();
  for (const { module, fact, reach } of traced) {
    const tables = [...new Set(reach.accesses.map(({ access }) => access.table))].sort(compareText);
    for (let i = 0; i < tables.length; i += 1) {
      for (let j = i + 1; j < tables.length; j += 1) {
        const from = tables[i] as string;
        const to = tables[j] as string;
        const key = `${from}\u0000${to}`;
        let edge = edges.get(key);
        if (!edge) {
          edge = { from, to, kind: 'same-transaction', weight: 0, locations: [] };
          edges.set(key, edge);
        }
        edge.weight += 1;
        edge.locations.push({ file: module, line: fact.line });
      }
    }
  }
  return [...edges.values()].map((edge) => ({ ...edge, locations: toSortedLocations(edge.locations) }));
}

/**
 * An event name the analyzer left as `<specifier>#<Symbol>` (an imported constant): the
 * constant's value when the defining module records it, else `<defining module>#<Symbol>` so
 * every importer names it alike.
 */
function toEventName(module: ModuleId, name: string, factsById: ReadonlyMap<ModuleId, FileFacts>, resolve: (from: ModuleId, specifier: string) => Resolution): string {
  const hash = name.lastIndexOf('#');
  if (hash <= 0) return name;
  const specifier = name.slice(0, hash);
  const symbol = name.slice(hash + 1);
  const target = resolve(module, specifier);
  if (target.kind !== 'module') return name;
  const value = factsById.get(target.target)?.constants.find((constant) => constant.symbol === symbol && constant.value !== undefined)?.value;
  return value ?? `${target.target}#${symbol}`;
}

/** Events by name and transport with where they are published and consumed, and module-to-module `event` edges (publisher → consumer). */
export function toEvents(allFacts: FileFacts[], resolve: (from: ModuleId, specifier: string) => Resolution): { events: EventNode[]; edges: Edge[] } {
  const events = new Map<string, EventNode>();
  const factsById = new Map(allFacts.map((facts) => [facts.module, facts]));
  for (const facts of allFacts) {
    for (const fact of facts.events) {
      const name = toEventName(facts.module, fact.name, factsById, resolve);
      const key = `${fact.transport}\u0000${name}`;
      if (!events.has(key)) events.set(key, { name, transport: fact.transport, publishers: [], consumers: [] });
      const event = events.get(key) as EventNode;
      (fact.role === 'publish' ? event.publishers : event.consumers).push({ file: facts.module, line: fact.line });
    }
  }
  const edges = new Map<string, Edge>();
  for (const event of events.values()) {
    for (const publisher of event.publishers) {
      for (const consumer of event.consumers) {
        if (publisher.file === consumer.file) continue;
        const key = `${publisher.file}\u0000${consumer.file}`;
        let edge = edges.get(key);
        if (!edge) {
          edge = { from: publisher.file, to: consumer.file, kind: 'event', weight: 0, locations: [] };
          edges.set(key, edge);
        }
        edge.weight += 1;
        edge.locations.push(publisher, consumer);
      }
    }
  }
  const sortedEvents = [...events.values()]
    .map((event) => ({ ...event, publishers: toSortedLocations(event.publishers), consumers: toSortedLocations(event.consumers) }))
    .sort((a, b) => compareText(a.name, b.name) || compareText(a.transport, b.transport));
  return { events: sortedEvents, edges: [...edges.values()].map((edge) => ({ ...edge, locations: toSortedLocations(edge.locations) })) };
}
