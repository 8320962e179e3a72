import { UndirectedGraph } from 'graphology';
import type { ModuleId } from '../model/facts.js';
import type { EdgeKind } from '../model/result.js';
import type { ModuleGraph } from '../graph/build-graph.js';

/**
 * How much one edge of each kind pulls its two ends together (cluster-rationale.md has the
 * measurements that chose them). Import kinds count per statement; the others grow with the log
 * of their weight (access sites, shared transactions, events, commits), so a module that runs
 * fifty queries on one table does not outweigh its imports.
 */
export const DEFAULT_EDGE_WEIGHTS: Readonly<Record<EdgeKind, number>> = {
  import: 1,
  'type-import': 0.3,
  'dynamic-import': 0.5,
  writes: 0.5,
  reads: 0.25,
  fk: 0.25,
  // ddl: migrations touch every table; they say nothing about ownership.
  ddl: 0,
  // Measured with the transaction analyzer on (seed 42, module ARI ecommerce / distributed-monolith):
  // 0 → 0.811 / 1.000; 0.25 → 0.870 / 1.000; 0.4-0.5 → 0.921 / 0.961 (a cross-domain
  // transaction then pulls shipping's table into billing). See cluster-rationale.md.
  'same-transaction': 0.25,
  event: 0.1,
  'co-change': 0.2,
};

/** Weight of the tie between a module and its main author (--history): a weak ownership signal. */
export const DEFAULT_OWNERSHIP_WEIGHT = 0.1;

/** Kinds counted per statement (the others grow with the log of their weight). */
const LINEAR_KINDS: ReadonlySet<EdgeKind> = new Set(['import', 'type-import', 'dynamic-import']);

/** Edges into a pure barrel are weak: the followed edge to the defining module carries the dependency. */
const BARREL_EDGE_FACTOR = 0.25;

/** The graph node key of a table (modules use their id). */
export function toTableKey(table: string): string {
  return `table:${table}`;
}

/** True for a table node key. */
export function isTableKey(key: string): boolean {
  return key.startsWith('table:');
}

/** Extra ties that are not edges of the result: main authors (ownership) and pinned domains. */
export interface ExtraTies {
  /** The main author of a module (from git history). */
  owners?: ReadonlyMap<ModuleId, string>;
  ownershipWeight?: number;
  /** The domain a module is pinned to (--pin); pinned modules are tied to one anchor per domain. */
  pins?: ReadonlyMap<ModuleId, string>;
}

/** The node key of a virtual anchor (author or pinned domain): never a module or table. */
export function isAnchorKey(key: string): boolean {
  return key.startsWith('author:') || key.startsWith('pin:');
}

/** The weight of one result edge in the clustering graph (0 when its kind does not count). */
export function toClusteringWeight(graph: ModuleGraph, edge: ModuleGraph['edges'][number], weights: Readonly<Record<EdgeKind, number>>): number {
  const kindWeight = weights[edge.kind] ?? 0;
  if (kindWeight === 0) return 0;
  if (LINEAR_KINDS.has(edge.kind)) {
    const barrelFactor = graph.barrels.has(edge.to as ModuleId) && edge.through === undefined ? BARREL_EDGE_FACTOR : 1;
    return kindWeight * edge.weight * barrelFactor;
  }
  return kindWeight * (1 + Math.log2(Math.max(1, edge.weight)));
}

/**
 * The undirected weighted graph Louvain runs on: modules (except those left out) and tables as
 * nodes, every result edge whose kind has a weight, plus virtual anchors for owners and pins.
 * Edge ends are looked up as modules first, then as tables, so new edge kinds between tables
 * or between modules (same-transaction, event, co-change) need no code here.
 */
export function toWeightedGraph(
  graph: ModuleGraph,
  leaveOut: ReadonlySet<ModuleId>,
  weights: Readonly<Record<EdgeKind, number>>,
  extra: ExtraTies = {},
): UndirectedGraph {
  const weighted = new UndirectedGraph({ allowSelfLoops: false });
  const modules = new Set<string>();
  for (const module of graph.modules) {
    if (leaveOut.has(module.id)) continue;
    weighted.addNode(module.id);
    modules.add(module.id);
  }
  const tables = new Set(graph.tables.map((table) => table.id));
  for (const table of graph.tables) weighted.addNode(toTableKey(table.id));
  const keyOf = (id: string): string | undefined => (modules.has(id) ? id : tables.has(id) ? toTableKey(id) : undefined);
  const tie = (from: string, to: string, weight: number): void => {
    if (from === to || weight <= 0) return;
    const existing = weighted.edge(from, to);
    if (existing) weighted.updateEdgeAttribute(existing, 'weight', (value: number | undefined) => (value ?? 0) + weight);
    else weighted.addEdge(from, to, { weight });
  };
  for (const edge of graph.edges) {
    const weight = toClusteringWeight(graph, edge, weights);
    if (weight === 0) continue;
    const from = keyOf(edge.from);
    const to = keyOf(edge.to);
    if (from !== undefined && to !== undefined) tie(from, to, weight);
  }
  const ownershipWeight = extra.ownershipWeight ?? DEFAULT_OWNERSHIP_WEIGHT;
  for (const [module, author] of [...(extra.owners ?? [])].sort((a, b) => (a[0] < b[0] ? -1 : 1))) {
    if (!modules.has(module) || ownershipWeight <= 0) continue;
    const key = `author:${author}`;
    if (!weighted.hasNode(key)) weighted.addNode(key);
    tie(module, key, ownershipWeight);
  }
  if (extra.pins && extra.pins.size > 0) {
    // An anchor stronger than everything else keeps a pinned domain together; its neighbours still feel its pull.
    let strongest = 1;
    weighted.forEachNode((node) => {
      let strength = 0;
      weighted.forEachEdge(node, (_edge, attributes) => {
        strength += attributes.weight as number;
      });
      strongest = Math.max(strongest, strength);
    });
    for (const [module, domain] of [...extra.pins].sort((a, b) => (a[0] < b[0] ? -1 : 1))) {
      if (!modules.has(module)) continue;
      const key = `pin:${domain}`;
      if (!weighted.hasNode(key)) weighted.addNode(key);
      tie(module, key, strongest * 10);
    }
  }
  return weighted;
}
