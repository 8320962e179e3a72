import type { UndirectedGraph } from 'graphology';
import picomatch from 'picomatch';
import type { ModuleId } from '../model/facts.js';
import type { EdgeKind } from '../model/result.js';
import { compareText } from '../model/diagnostics.js';
import type { ModuleGraph } from '../graph/build-graph.js';
import { findConsensus, measureStability, runLouvain } from './consensus.js';
import { nameClusters } from './name-clusters.js';
import { findSharedKernel } from './shared-kernel.js';
import { DEFAULT_EDGE_WEIGHTS, isAnchorKey, isTableKey, toTableKey, toWeightedGraph } from './weighted-graph.js';

export { toTableKey } from './weighted-graph.js';
export { createRandom } from './consensus.js';

/** A path glob fixed to a named domain (`--pin 'src/billing/**=billing'`). */
export interface Pin {
  glob: string;
  domain: string;
}

/** How clustering is done. */
export interface ClusterOptions {
  /** Louvain resolution: higher gives more, smaller clusters (ignored when `clusters` is set). */
  resolution: number;
  /** Seed of the first run (same seed, same partition). */
  seed: number;
  /** Seeded Louvain runs the consensus is built from (default DEFAULT_RUNS; 1 = plain Louvain). */
  runs?: number;
  /** Find the resolution that gives about this many domain clusters. */
  clusters?: number;
  /** Overrides of the per-kind edge weights (for tuning and experiments). */
  weights?: Partial<Record<EdgeKind, number>>;
  /** Paths fixed to named domains; the domain `shared` means the shared kernel. */
  pins?: readonly Pin[];
  /** Main author per module (git history), a weak ownership tie. */
  owners?: ReadonlyMap<ModuleId, string>;
  /** Domain clusters with fewer members (modules and tables) merge into their strongest neighbour. */
  minimumSize?: number;
}

/** One cluster before it is written into the result. */
export interface ModuleCluster {
  id: string;
  name: string;
  kind: 'domain' | 'shared';
  modules: ModuleId[];
  tables: string[];
  /** Share of member pairs the seeded runs keep together (domain clusters). */
  stability?: number;
}

/** The partition of modules and tables. */
export interface Clustering {
  clusters: ModuleCluster[];
  clusterOf: Map<ModuleId, string>;
  tableClusterOf: Map<string, string>;
  /** The resolution used (the one found when a cluster count was asked for). */
  resolution: number;
}

/** The id of the shared-kernel cluster. */
export const SHARED_CLUSTER_ID = 'shared';
/** Seeded runs of the consensus by default. */
export const DEFAULT_RUNS = 20;
/** Domain clusters smaller than this (modules and tables) merge into their strongest neighbour. */
export const DEFAULT_MINIMUM_SIZE = 3;

/** The domain each pinned module is fixed to (the first matching pin wins). */
export function resolvePins(modules: readonly { id: ModuleId }[], pins: readonly Pin[]): Map<ModuleId, string> {
  const matchers = pins.map((pin) => ({ domain: pin.domain, isMatch: picomatch(pin.glob, { dot: true }) }));
  const pinned = new Map<ModuleId, string>();
  for (const module of modules) {
    const match = matchers.find((matcher) => matcher.isMatch(module.id));
    if (match) pinned.set(module.id, match.domain);
  }
  return pinned;
}

/** The directory of a module path ('' at the root). */
function directoryOf(modulePath: string): string {
  const slash = modulePath.lastIndexOf('/');
  return slash === -1 ? '' : modulePath.slice(0, slash);
}

/** Sum of edge weights between a node and each community other than its own. */
function pullOf(weighted: UndirectedGraph, nodes: readonly string[], keyOf: ReadonlyMap<string, string>, own: string): Map<string, number> {
  const pull = new Map<string, number>();
  for (const node of nodes) {
    weighted.forEachEdge(node, (_edge, attributes, source, target) => {
      const other = source === node ? target : source;
      const key = keyOf.get(other);
      if (key === undefined || key === own) return;
      pull.set(key, (pull.get(key) ?? 0) + (attributes.weight as number));
    });
  }
  return pull;
}

/** Resolutions tried by the cluster-count search: a log grid from 0.02 to 50. */
const RESOLUTION_GRID = Array.from({ length: 41 }, (_, index) => Number((0.02 * 2500 ** (index / 40)).toPrecision(3)));

/**
 * Finds the resolution whose Louvain partition has the domain-cluster count (communities of at
 * least the minimum size) closest to `target`, over a log grid (the count is not monotone in
 * the resolution: very high ones shatter clusters below the minimum size); ties go to the
 * resolution nearest 1.
 */
export function findResolution(weighted: UndirectedGraph, target: number, seed: number, minimumSize: number): number {
  let best = { resolution: 1, distance: Number.POSITIVE_INFINITY };
  for (const resolution of RESOLUTION_GRID) {
    const sizes = new Map<number, number>();
    for (const [node, community] of runLouvain(weighted, resolution, seed)) if (!isAnchorKey(node)) sizes.set(community, (sizes.get(community) ?? 0) + 1);
    const distance = Math.abs([...sizes.values()].filter((size) => size >= minimumSize).length - target);
    if (distance < best.distance || (distance === best.distance && Math.abs(Math.log(resolution)) < Math.abs(Math.log(best.resolution)))) {
      best = { resolution, distance };
    }
  }
  return best.resolution;
}

/**
 * Clusters the module graph: the shared kernel is set aside; a consensus of seeded Louvain runs
 * partitions the rest (modules and tables together); pinned modules are held in their domain;
 * clusters below the minimum size join the neighbour they are most tied to; modules with no
 * ties join the cluster that holds most of their nearest folder (or form one per folder).
 * Every module and table ends in exactly one cluster; clusters get names from their path words.
 */
export function clusterGraph(graph: ModuleGraph, options: ClusterOptions): Clustering {
  const weights = { ...DEFAULT_EDGE_WEIGHTS, ...options.weights };
  const minimumSize = options.minimumSize ?? DEFAULT_MINIMUM_SIZE;
  const pinned = resolvePins(graph.modules, options.pins ?? []);
  const pinnedShared = new Set([...pinned].filter(([, domain]) => domain === SHARED_CLUSTER_ID).map(([module]) => module));
  const domainPins = new Map([...pinned].filter(([, domain]) => domain !== SHARED_CLUSTER_ID));
  const kernel = findSharedKernel(graph, {
    resolution: options.resolution,
    seed: options.seed,
    weights,
    pinnedShared,
    pinnedDomain: new Set(domainPins.keys()),
  });
  const weighted = toWeightedGraph(graph, kernel, weights, { owners: options.owners, pins: domainPins });
  const resolution = options.clusters === undefined ? options.resolution : findResolution(weighted, options.clusters, options.seed, minimumSize);
  const consensus = findConsensus(weighted, { resolution, seed: options.seed, runs: options.runs ?? DEFAULT_RUNS });

  const members = new Map<string, string[]>();
  const keyOf = new Map<string, string>();
  const place = (node: string, key: string): void => {
    const previous = keyOf.get(node);
    if (previous !== undefined) {
      const list = members.get(previous) ?? [];
      list.splice(list.indexOf(node), 1);
      if (list.length === 0) members.delete(previous);
    }
    if (!members.has(key)) members.set(key, []);
    members.get(key)?.push(node);
    keyOf.set(node, key);
  };
  const nodeKeys = [...graph.modules.filter((module) => !kernel.has(module.id)).map((module) => module.id as string), ...graph.tables.map((table) => toTableKey(table.id))];
  const pinKeyOf = new Map<string, string>();
  for (const [node, community] of consensus.communities) if (node.startsWith('pin:')) pinKeyOf.set(`c${community}`, node.slice('pin:'.length));
  for (const node of nodeKeys) place(node, `c${consensus.communities.get(node) ?? -1}`);
  // A pinned module always ends in its domain, whichever community its anchor landed in.
  const domainKey = new Map<string, string>();
  for (const [key, domain] of pinKeyOf) if (!domainKey.has(domain)) domainKey.set(domain, key);
  for (const [module, domain] of [...domainPins].sort((a, b) => compareText(a[0], b[0]))) {
    if (kernel.has(module)) continue;
    const key = domainKey.get(domain) ?? `pin:${domain}`;
    domainKey.set(domain, key);
    if (keyOf.get(module) !== key) place(module, key);
  }
  const pinnedKeys = new Set(domainKey.values());

  // Tiny clusters with ties join the neighbour cluster they are most tied to, smallest first.
  for (let changed = true; changed; ) {
    changed = false;
    const tiny = [...members.entries()]
      .filter(([key, ids]) => ids.length < minimumSize && !pinnedKeys.has(key))
      .sort((a, b) => a[1].length - b[1].length || compareText(a[0], b[0]));
    for (const [key] of tiny) {
      const ids = members.get(key);
      if (!ids || ids.length >= minimumSize) continue;
      const best = [...pullOf(weighted, ids, keyOf, key).entries()].sort((a, b) => b[1] - a[1] || compareText(a[0], b[0]))[0];
      if (!best) continue;
      for (const id of [...ids]) place(id, best[0]);
      changed = true;
    }
  }

  // Modules with no ties: join the cluster holding most modules of the nearest folder, else group by folder.
  // Tables with no ties (declared, never touched) go to the shared cluster.
  const isolated = graph.modules.filter((module) => !kernel.has(module.id) && weighted.degree(module.id) === 0).map((m) => m.id);
  const untouchedTables = graph.tables.filter((table) => weighted.degree(toTableKey(table.id)) === 0).map((table) => table.id);
  for (const id of [...isolated, ...untouchedTables.map(toTableKey)]) {
    const key = keyOf.get(id);
    if (key === undefined) continue;
    const list = members.get(key) ?? [];
    list.splice(list.indexOf(id), 1);
    if (list.length === 0) members.delete(key);
    keyOf.delete(id);
  }
  placeIsolated(isolated, keyOf, place);

  const domainClusters = [...members.entries()].map(([key, ids]) => ({
    key,
    modules: ids.filter((id) => !isTableKey(id)).sort(compareText) as ModuleId[],
    tables: ids.filter(isTableKey).map((id) => id.slice('table:'.length)).sort(compareText),
    stability: measureStability(ids.filter((id) => weighted.degree(id) > 0), consensus.runs),
  }));
  const pinnedName = new Map([...domainKey].map(([domain, key]) => [key, domain]));
  const names = nameClusters(
    domainClusters.filter(({ key }) => !pinnedName.has(key)).map(({ key, modules, tables }) => ({ key, modules: [...modules, ...tables] })),
    new Set([SHARED_CLUSTER_ID, ...domainKey.keys()]),
  );
  const clusters: ModuleCluster[] = domainClusters.map(({ key, modules, tables, stability }) => {
    const name = pinnedName.get(key) ?? names.get(key) ?? key;
    return { id: name, name, kind: 'domain', modules, tables, stability: Math.round(stability * 1000) / 1000 };
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
  return toClustering(clusters, resolution);
}

/** A clustering from its clusters: the lookups by module and by table. */
export function toClustering(clusters: ModuleCluster[], resolution: number): Clustering {
  const clusterOf = new Map<ModuleId, string>();
  const tableClusterOf = new Map<string, string>();
  for (const cluster of clusters) {
    for (const module of cluster.modules) clusterOf.set(module, cluster.id);
    for (const table of cluster.tables) tableClusterOf.set(table, cluster.id);
  }
  return { clusters, clusterOf, tableClusterOf, resolution };
}

/** Places modules with no ties by their nearest folder that has tied modules (or one cluster per folder). */
function placeIsolated(isolated: readonly ModuleId[], keyOf: ReadonlyMap<string, string>, place: (node: string, key: string) => void): void {
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
    place(id, target ?? `folder:${directoryOf(id)}`);
  }
}
