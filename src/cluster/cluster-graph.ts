import { UndirectedGraph } from 'graphology';
import louvainModule from 'graphology-communities-louvain';
import type { LouvainOptions } from 'graphology-communities-louvain';
import type { ModuleId } from '../model/facts.js';
import type { EdgeKind } from '../model/result.js';
import { compareText } from '../model/diagnostics.js';
import type { ModuleGraph } from '../graph/build-graph.js';
import { nameClusters } from './name-clusters.js';

/** How clustering is done. */
export interface ClusterOptions {
  /** Louvain resolution: higher gives more, smaller clusters. */
  resolution: number;
  /** Seed of the random number generator (same seed, same partition). */
  seed: number;
  /** Overrides of the per-kind edge weights (for tuning and experiments). */
  weights?: Partial<Record<EdgeKind, number>>;
}

/** One cluster before it is written into the result. */
export interface ModuleCluster {
  id: string;
  name: string;
  kind: 'domain' | 'shared';
  modules: ModuleId[];
  tables: string[];
}

/** The partition of modules and tables. */
export interface Clustering {
  clusters: ModuleCluster[];
  clusterOf: Map<ModuleId, string>;
  tableClusterOf: Map<string, string>;
}

/** How much one import statement of each kind pulls two modules together. */
export const EDGE_KIND_WEIGHTS: Partial<Record<EdgeKind, number>> = {
  import: 1,
  'type-import': 0.3,
  'dynamic-import': 0.5,
};

/**
 * How much one table access or foreign key pulls a module and a table (or two tables) together.
 * Tuned on the three fixtures (mean ARI over six seeds; cluster-rationale.md has the table).
 */
export const TABLE_KIND_WEIGHTS: Partial<Record<EdgeKind, number>> = {
  writes: 0.5,
  reads: 0.25,
  fk: 0.25,
  // ddl: migrations touch every table; they say nothing about ownership.
};

/** The graph node key of a table (modules use their id). */
export function toTableKey(table: string): string {
  return `table:${table}`;
}

/** True for a table node key. */
function isTableKey(key: string): boolean {
  return key.startsWith('table:');
}

/** Edges into a pure barrel are weak: the followed edge to the defining module carries the dependency. */
const BARREL_EDGE_FACTOR = 0.25;

/** The id of the shared-kernel cluster. */
export const SHARED_CLUSTER_ID = 'shared';

// The package is CommonJS (`module.exports = louvain`) while its types declare a default export.
type Louvain = (graph: UndirectedGraph, options?: LouvainOptions) => Record<string, number>;
const louvain = ((louvainModule as unknown as { default?: Louvain }).default ?? louvainModule) as unknown as Louvain;

/** Mulberry32: a small, fast seeded generator, so clustering is deterministic. */
export function createRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function toWeightedGraph(graph: ModuleGraph, leaveOut: ReadonlySet<ModuleId>, overrides: ClusterOptions['weights'] = {}): UndirectedGraph {
  const weighted = new UndirectedGraph({ allowSelfLoops: false });
  for (const module of graph.modules) if (!leaveOut.has(module.id)) weighted.addNode(module.id);
  for (const table of graph.tables) weighted.addNode(toTableKey(table.id));
  for (const edge of graph.edges) {
    if (leaveOut.has(edge.from as ModuleId) || leaveOut.has(edge.to as ModuleId)) continue;
    let from = edge.from;
    let to = edge.to;
    let weight: number;
    const importWeight = edge.kind in EDGE_KIND_WEIGHTS ? (overrides[edge.kind] ?? EDGE_KIND_WEIGHTS[edge.kind]) : undefined;
    const tableWeight = edge.kind in EDGE_KIND_WEIGHTS ? undefined : (overrides[edge.kind] ?? TABLE_KIND_WEIGHTS[edge.kind]);
    if (importWeight !== undefined) {
      const barrelFactor = graph.barrels.has(edge.to as ModuleId) && edge.through === undefined ? BARREL_EDGE_FACTOR : 1;
      weight = importWeight * edge.weight * barrelFactor;
    } else if (tableWeight !== undefined) {
      // Many statements on one table say little more than a few: grow slowly.
      weight = tableWeight * (1 + Math.log2(Math.max(1, edge.weight)));
      to = toTableKey(edge.to);
      if (edge.kind === 'fk') from = toTableKey(edge.from);
    } else continue;
    if (!weighted.hasNode(from) || !weighted.hasNode(to) || from === to) continue;
    const existing = weighted.edge(from, to);
    if (existing) weighted.updateEdgeAttribute(existing, 'weight', (value: number | undefined) => (value ?? 0) + weight);
    else weighted.addEdge(from, to, { weight });
  }
  return weighted;
}

function runLouvain(weighted: UndirectedGraph, options: ClusterOptions): Map<string, number> {
  if (weighted.size === 0) return new Map(weighted.nodes().map((node, index) => [node, index]));
  const communities = louvain(weighted, {
    getEdgeWeight: 'weight',
    resolution: options.resolution,
    rng: createRandom(options.seed),
  });
  return new Map(Object.entries(communities));
}

/**
 * The shared kernel: modules many parts of the graph import (logger, config, db client, errors).
 * A module is a kernel candidate when many modules import it; it is kernel when its importers
 * fall in at least a quarter (and at least three) of the communities found without it, checked
 * over a few rounds as removing kernel modules sharpens the communities. Leaf utilities used
 * only by kernel modules join the kernel.
 */
export function findSharedKernel(graph: ModuleGraph, options: ClusterOptions): Set<ModuleId> {
  const importers = new Map<ModuleId, Set<ModuleId>>();
  const dependencies = new Map<ModuleId, Set<ModuleId>>();
  for (const edge of graph.edges) {
    if (edge.kind !== 'import' && edge.kind !== 'type-import') continue;
    const to = edge.to as ModuleId;
    const from = edge.from as ModuleId;
    if (graph.barrels.has(from) && edge.through === undefined) continue;
    if (!importers.has(to)) importers.set(to, new Set());
    importers.get(to)?.add(from);
    if (!dependencies.has(from)) dependencies.set(from, new Set());
    dependencies.get(from)?.add(to);
  }
  const moduleCount = graph.modules.length;
  const minimumFanIn = Math.max(3, Math.ceil(moduleCount * 0.04));
  const candidates = [...importers.entries()]
    .filter(([module, from]) => from.size >= minimumFanIn && !graph.barrels.has(module))
    .map(([module]) => module)
    .sort(compareText);
  const kernel = new Set<ModuleId>();
  for (let round = 0; round < 3; round += 1) {
    const communities = runLouvain(toWeightedGraph(graph, kernel, options.weights), options);
    const sizes = new Map<number, number>();
    for (const community of communities.values()) sizes.set(community, (sizes.get(community) ?? 0) + 1);
    const significant = [...sizes.values()].filter((size) => size >= 3).length;
    const minimumSpread = Math.max(3, Math.ceil(significant * 0.25));
    let added = false;
    for (const candidate of candidates) {
      if (kernel.has(candidate)) continue;
      const spread = new Set<number>();
      for (const importer of importers.get(candidate) ?? []) {
        const community = communities.get(importer);
        if (community !== undefined && (sizes.get(community) ?? 0) >= 3) spread.add(community);
      }
      if (spread.size >= minimumSpread) {
        kernel.add(candidate);
        added = true;
      }
    }
    if (!added) break;
  }
  // Leaf utilities of the kernel: imported only by kernel modules, importing only kernel modules.
  for (let changed = kernel.size > 0; changed; ) {
    changed = false;
    for (const module of graph.modules) {
      if (kernel.has(module.id)) continue;
      const from = importers.get(module.id);
      if (!from || from.size === 0 || ![...from].every((importer) => kernel.has(importer))) continue;
      if (![...(dependencies.get(module.id) ?? [])].every((dependency) => kernel.has(dependency))) continue;
      kernel.add(module.id);
      changed = true;
    }
  }
  return kernel;
}

/** The directory of a module path ('' at the root). */
function directoryOf(modulePath: string): string {
  const slash = modulePath.lastIndexOf('/');
  return slash === -1 ? '' : modulePath.slice(0, slash);
}

/**
 * Clusters the module graph: the shared kernel is set aside, seeded Louvain partitions the rest,
 * single modules join the neighbour they are most tied to, and modules with no ties at all
 * join the cluster that holds most of the nearest folder with tied modules (or form a cluster
 * per folder). Every module
 * ends in exactly one cluster; clusters get names from their path words.
 */
export function clusterGraph(graph: ModuleGraph, options: ClusterOptions): Clustering {
  const kernel = findSharedKernel(graph, options);
  const weighted = toWeightedGraph(graph, kernel, options.weights);
  const communities = runLouvain(weighted, options);

  const members = new Map<string, string[]>();
  const nodeKeys = [...graph.modules.filter((module) => !kernel.has(module.id)).map((module) => module.id as string), ...graph.tables.map((table) => toTableKey(table.id))];
  for (const node of nodeKeys) {
    const key = `c${communities.get(node) ?? -1}`;
    if (!members.has(key)) members.set(key, []);
    members.get(key)?.push(node);
  }
  const keyOf = new Map<string, string>();
  for (const [key, ids] of members) for (const id of ids) keyOf.set(id, key);

  // Single modules with ties join the neighbour cluster they are most tied to.
  for (const [key, ids] of [...members.entries()].sort((a, b) => compareText(a[0], b[0]))) {
    if (ids.length !== 1) continue;
    const [only] = ids;
    if (only === undefined || weighted.degree(only) === 0) continue;
    const pull = new Map<string, number>();
    weighted.forEachNeighbor(only, (neighbour) => {
      const neighbourKey = keyOf.get(neighbour);
      if (neighbourKey === undefined || neighbourKey === key) return;
      const edge = weighted.edge(only, neighbour);
      pull.set(neighbourKey, (pull.get(neighbourKey) ?? 0) + (edge ? (weighted.getEdgeAttribute(edge, 'weight') as number) : 0));
    });
    const best = [...pull.entries()].sort((a, b) => b[1] - a[1] || compareText(a[0], b[0]))[0];
    if (!best) continue;
    members.get(best[0])?.push(only);
    keyOf.set(only, best[0]);
    members.delete(key);
  }

  // Modules with no ties: join the cluster holding most modules of the nearest folder, else group by folder.
  // Tables with no ties (declared, never touched) go to the shared cluster.
  const isolated = graph.modules.filter((module) => !kernel.has(module.id) && weighted.degree(module.id) === 0).map((m) => m.id);
  const untouchedTables = graph.tables.filter((table) => weighted.degree(toTableKey(table.id)) === 0).map((table) => table.id);
  for (const id of [...isolated, ...untouchedTables.map(toTableKey)]) {
    const key = keyOf.get(id);
    if (key !== undefined) members.delete(key);
    keyOf.delete(id);
  }
  const connectedByFolder = new Map<string, Map<string, number>>();
  for (const [id, key] of keyOf) {
    if (isTableKey(id)) continue;
    for (let folder = directoryOf(id); ; folder = directoryOf(folder)) {
      if (!connectedByFolder.has(folder)) connectedByFolder.set(folder, new Map());
      const counts = connectedByFolder.get(folder);
      counts?.set(key, (counts.get(key) ?? 0) + 1);
      if (folder === '') break;
    }
  }
  for (const id of isolated) {
    // The nearest folder with tied modules decides, when one cluster holds most of them.
    let target: string | undefined;
    for (let folder = directoryOf(id); folder !== ''; folder = directoryOf(folder)) {
      const counts = connectedByFolder.get(folder);
      if (!counts || counts.size === 0) continue;
      const total = [...counts.values()].reduce((sum, count) => sum + count, 0);
      const [bestKey, bestCount] = [...counts.entries()].sort((a, b) => b[1] - a[1] || compareText(a[0], b[0]))[0] ?? ['', 0];
      if (bestCount * 2 > total) target = bestKey;
      break;
    }
    target ??= `folder:${directoryOf(id)}`;
    if (!members.has(target)) members.set(target, []);
    members.get(target)?.push(id);
    keyOf.set(id, target);
  }

  const domainClusters = [...members.entries()].map(([key, ids]) => ({
    key,
    modules: ids.filter((id) => !isTableKey(id)).sort(compareText) as ModuleId[],
    tables: ids.filter(isTableKey).map((id) => id.slice('table:'.length)).sort(compareText),
  }));
  const names = nameClusters(
    domainClusters.map(({ key, modules, tables }) => ({ key, modules: [...modules, ...tables] })),
    new Set([SHARED_CLUSTER_ID]),
  );
  const clusters: ModuleCluster[] = domainClusters.map(({ key, modules, tables }) => {
    const name = names.get(key) ?? key;
    return { id: name, name, kind: 'domain', modules, tables };
  });
  if (kernel.size > 0 || untouchedTables.length > 0) {
    clusters.push({
      id: SHARED_CLUSTER_ID,
      name: SHARED_CLUSTER_ID,
      kind: 'shared',
      modules: [...kernel].sort(compareText),
      tables: [...untouchedTables].sort(compareText),
    });
  }
  clusters.sort((a, b) => compareText(a.id, b.id));
  const clusterOf = new Map<ModuleId, string>();
  const tableClusterOf = new Map<string, string>();
  for (const cluster of clusters) {
    for (const module of cluster.modules) clusterOf.set(module, cluster.id);
    for (const table of cluster.tables) tableClusterOf.set(table, cluster.id);
  }
  return { clusters, clusterOf, tableClusterOf };
}
