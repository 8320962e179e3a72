import type { ModuleId } from '../model/facts.js';
import type { Edge, EntryPoint, Evidence, Finding, Transaction } from '../model/result.js';
import { compareText } from '../model/diagnostics.js';
import { toSortedLocations } from '../model/locations.js';

/** How many domains a request may reach synchronously before it is a finding. */
export const FAN_OUT_DOMAINS = 3;

/** Evidence lists keep at most this many locations each (the count is in the description). */
const MAX_LOCATIONS = 20;


function plural(count: number, word: string): string {
  return `${count} ${word}${count === 1 ? '' : 's'}`;
}

/**
 * `shared-transaction`: a scope touching tables owned by two or more domain clusters. After a
 * split it cannot stay one database transaction: a saga with compensations, an outbox with
 * events, or the two contexts merged.
 */
export function findSharedTransactions(transactions: Transaction[], domainClusters: ReadonlySet<string>): Finding[] {
  const findings: Finding[] = [];
  for (const transaction of transactions) {
    // A migration's transaction is split along with the schema, not by a saga.
    if (/(^|\/)migrations?\//.test(transaction.location.file)) continue;
    const domains = transaction.clusters.filter((cluster) => domainClusters.has(cluster));
    if (domains.length < 2) continue;
    const evidence: Evidence[] = domains.map((cluster) => {
      const tables = transaction.tables.filter((table) => table.cluster === cluster);
      return {
        description: `${cluster}: ${tables.map((table) => `${table.mode} ${table.table}${table.path.length > 1 ? ` (through ${plural(table.path.length - 1, 'call')})` : ''}`).join(', ')}`,
        locations: tables.flatMap((table) => table.path),
      };
    });
    findings.push({
      kind: 'shared-transaction',
      severity: 'warning',
      message: `Transaction at ${transaction.id} (${transaction.via}, ${transaction.style}) touches tables of ${domains.length} domains (${domains.join(', ')}). Split it with a saga and compensations, an outbox and events, or merge the contexts.`,
      locations: [transaction.location],
      evidence,
    });
  }
  return findings;
}

interface ClusterPair {
  from: string;
  to: string;
  edges: Edge[];
}

function toClusterPairs(edges: Edge[], clusterOf: ReadonlyMap<ModuleId, string>, domainClusters: ReadonlySet<string>, kinds: ReadonlySet<string>): ClusterPair[] {
  const pairs = new Map<string, ClusterPair>();
  for (const edge of edges) {
    if (!kinds.has(edge.kind) || edge.through !== undefined) continue;
    const from = clusterOf.get(edge.from as ModuleId);
    const to = clusterOf.get(edge.to as ModuleId);
    if (from === undefined || to === undefined || from === to || !domainClusters.has(from) || !domainClusters.has(to)) continue;
    const key = `${from}\u0000${to}`;
    if (!pairs.has(key)) pairs.set(key, { from, to, edges: [] });
    pairs.get(key)?.edges.push(edge);
  }
  return [...pairs.values()].sort((a, b) => compareText(a.from, b.from) || compareText(a.to, b.to));
}

function toEdgeEvidence(edges: Edge[]): Evidence[] {
  return [...edges]
    .sort((a, b) => compareText(a.from, b.from) || compareText(a.to, b.to))
    .slice(0, MAX_LOCATIONS)
    .map((edge) => ({ description: `${edge.from} → ${edge.to}`, locations: edge.locations }));
}

const RUNTIME_IMPORTS = new Set(['import', 'dynamic-import']);
const TYPE_IMPORTS = new Set(['type-import']);

/**
 * `cross-domain-import` (warning): runtime imports from one domain cluster into another, one
 * finding per direction; `cross-domain-type-import` (info), type-only imports reported apart
 * (they vanish at run time but still couple the code).
 */
export function findCrossDomainImports(edges: Edge[], clusterOf: ReadonlyMap<ModuleId, string>, domainClusters: ReadonlySet<string>): Finding[] {
  const findings: Finding[] = [];
  for (const [kinds, kind, severity] of [
    [RUNTIME_IMPORTS, 'cross-domain-import', 'warning'],
    [TYPE_IMPORTS, 'cross-domain-type-import', 'info'],
  ] as const) {
    for (const pair of toClusterPairs(edges, clusterOf, domainClusters, kinds)) {
      const statements = pair.edges.reduce((sum, edge) => sum + edge.weight, 0);
      const targets = [...new Set(pair.edges.map((edge) => edge.to))].sort(compareText);
      findings.push({
        kind,
        severity,
        message: `${pair.from} imports ${pair.to} ${plural(statements, kind === 'cross-domain-import' ? 'time' : 'type-only time')} (${plural(targets.length, 'module')}: ${targets.slice(0, 3).join(', ')}${targets.length > 3 ? ', …' : ''}). Go through ${pair.to}'s public API, or publish an event ${pair.to} consumes.`,
        locations: toSortedLocations(pair.edges.flatMap((edge) => edge.locations)).slice(0, MAX_LOCATIONS),
        evidence: toEdgeEvidence(pair.edges),
      });
    }
  }
  return findings;
}

/** Strongly connected components (Tarjan) of a small directed graph, each sorted, in sorted order. */
function stronglyConnected(nodes: string[], successors: ReadonlyMap<string, Set<string>>): string[][] {
  let counter = 0;
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  const components: string[][] = [];
  const visit = (node: string): void => {
    index.set(node, counter);
    low.set(node, counter);
    counter += 1;
    stack.push(node);
    onStack.add(node);
    for (const next of [...(successors.get(node) ?? [])].sort(compareText)) {
      if (!index.has(next)) {
        visit(next);
        low.set(node, Math.min(low.get(node) as number, low.get(next) as number));
      } else if (onStack.has(next)) low.set(node, Math.min(low.get(node) as number, index.get(next) as number));
    }
    if (low.get(node) === index.get(node)) {
      const component: string[] = [];
      for (;;) {
        const top = stack.pop() as string;
        onStack.delete(top);
        component.push(top);
        if (top === node) break;
      }
      components.push(component.sort(compareText));
    }
  };
  for (const node of [...nodes].sort(compareText)) if (!index.has(node)) visit(node);
  return components.sort((a, b) => compareText(a[0] as string, b[0] as string));
}

/** `cycle`: domain clusters that depend on each other at run time (a strongly connected group); none of them can be extracted alone. */
export function findCycles(edges: Edge[], clusterOf: ReadonlyMap<ModuleId, string>, domainClusters: ReadonlySet<string>): Finding[] {
  const pairs = toClusterPairs(edges, clusterOf, domainClusters, RUNTIME_IMPORTS);
  const successors = new Map<string, Set<string>>();
  for (const pair of pairs) {
    if (!successors.has(pair.from)) successors.set(pair.from, new Set());
    successors.get(pair.from)?.add(pair.to);
  }
  const findings: Finding[] = [];
  for (const component of stronglyConnected([...domainClusters], successors)) {
    if (component.length < 2) continue;
    const members = new Set(component);
    const inside = pairs.filter((pair) => members.has(pair.from) && members.has(pair.to));
    findings.push({
      kind: 'cycle',
      severity: 'warning',
      message: `Domains ${component.join(', ')} depend on each other (${inside.map((pair) => `${pair.from} → ${pair.to}`).join(', ')}). Break the cycle: invert one dependency with an interface or an event, or treat them as one context.`,
      locations: toSortedLocations(inside.flatMap((pair) => pair.edges.flatMap((edge) => edge.locations))).slice(0, MAX_LOCATIONS),
      evidence: inside.map((pair) => ({
        description: `${pair.from} → ${pair.to}: ${plural(pair.edges.reduce((sum, edge) => sum + edge.weight, 0), 'import')}`,
        locations: toSortedLocations(pair.edges.flatMap((edge) => edge.locations)).slice(0, MAX_LOCATIONS),
      })),
    });
  }
  return findings;
}

/**
 * `entry-point-fan-out`: a route, consumer or job whose handler synchronously reaches
 * FAN_OUT_DOMAINS or more domain clusters besides its own (by calling their code or touching
 * their tables). After a split each of them is a network call on the request's path.
 */
export function findFanOut(entryPoints: EntryPoint[], clusterOf: ReadonlyMap<ModuleId, string>): Finding[] {
  const findings: Finding[] = [];
  for (const entryPoint of entryPoints) {
    const own = clusterOf.get(entryPoint.location.file as ModuleId);
    const others = entryPoint.clusters.filter((cluster) => cluster !== own);
    if (others.length < FAN_OUT_DOMAINS) continue;
    findings.push({
      kind: 'entry-point-fan-out',
      severity: 'warning',
      message: `${entryPoint.kind} entry point "${entryPoint.name}" (${entryPoint.framework}${own ? `, in ${own}` : ''}) reaches ${others.length} other domains synchronously (${others.join(', ')}). After a split each is a network call: orchestrate them (a saga or a workflow) or let the other domains react to an event.`,
      locations: [entryPoint.location],
      evidence: [{ description: `tables reached: ${entryPoint.tables.join(', ') || 'none'}`, locations: [entryPoint.location] }],
    });
  }
  return findings;
}
