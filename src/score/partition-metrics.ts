import type { AnalysisResult, Metrics, PartitionMetrics } from '../model/result.js';
import { chooseFolderDepth, toFolderPartition } from './folder-partition.js';

const IMPORT_KINDS: ReadonlySet<string> = new Set(['import', 'type-import', 'dynamic-import']);

/** Directed module-to-module import weights (statements), barrel-followed duplicates left out. */
function toImportWeights(result: Pick<AnalysisResult, 'modules' | 'edges'>): Map<string, Map<string, number>> {
  const modules = new Set(result.modules.map((module) => module.id));
  const weights = new Map<string, Map<string, number>>();
  for (const edge of result.edges) {
    if (!IMPORT_KINDS.has(edge.kind) || edge.through !== undefined || edge.from === edge.to) continue;
    if (!modules.has(edge.from) || !modules.has(edge.to)) continue;
    if (!weights.has(edge.from)) weights.set(edge.from, new Map());
    const row = weights.get(edge.from) as Map<string, number>;
    row.set(edge.to, (row.get(edge.to) ?? 0) + edge.weight);
  }
  return weights;
}

function median(values: number[]): number {
  if (values.length === 0) return 0;
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? (sorted[middle] as number) : ((sorted[middle - 1] as number) + (sorted[middle] as number)) / 2;
}

const round = (value: number): number => Math.round(value * 10000) / 10000;

/**
 * The structural metrics of one partition of the modules over the module import graph, with the
 * definitions of reference/metrics.md: Newman Q on the undirected graph weighted by statements;
 * textbook SM (no self-loops) on distinct unordered module pairs; ICP with f(w) = ln w + 1 per
 * directed module pair (Mono2Micro); IFN as the mean count of members imported from outside
 * (Jin); NED weighted by modules with the band 5..20 (Mono2Micro).
 */
export function measurePartition(result: Pick<AnalysisResult, 'modules' | 'edges'>, clusterOf: ReadonlyMap<string, string>): PartitionMetrics {
  return measureOn(toImportStructure(result), clusterOf);
}

/** What every partition of the same modules is measured on: the directed weights and the undirected pairs. */
interface ImportStructure {
  moduleIds: readonly string[];
  weights: Map<string, Map<string, number>>;
  pairs: { a: string; b: string; weight: number }[];
}

function toImportStructure(result: Pick<AnalysisResult, 'modules' | 'edges'>): ImportStructure {
  const weights = toImportWeights(result);
  // Undirected pair weights.
  const pairs = new Map<string, { a: string; b: string; weight: number }>();
  for (const [from, row] of weights) {
    for (const [to, weight] of row) {
      const key = from < to ? `${from}\u0000${to}` : `${to}\u0000${from}`;
      const pair = pairs.get(key) ?? { a: from, b: to, weight: 0 };
      pair.weight += weight;
      pairs.set(key, pair);
    }
  }
  return { moduleIds: result.modules.map((module) => module.id), weights, pairs: [...pairs.values()] };
}

function measureOn(structure: ImportStructure, clusterOf: ReadonlyMap<string, string>): PartitionMetrics {
  const { weights, pairs } = structure;
  const members = new Map<string, number>();
  for (const id of structure.moduleIds) {
    const cluster = clusterOf.get(id) ?? '';
    members.set(cluster, (members.get(cluster) ?? 0) + 1);
  }
  const sizes = [...members.values()];
  const n = structure.moduleIds.length;

  let total = 0;
  const internal = new Map<string, number>();
  const degree = new Map<string, number>();
  const intraPairs = new Map<string, number>();
  const interPairs = new Map<string, number>();
  for (const { a, b, weight } of pairs) {
    total += weight;
    const ca = clusterOf.get(a) ?? '';
    const cb = clusterOf.get(b) ?? '';
    degree.set(ca, (degree.get(ca) ?? 0) + weight);
    degree.set(cb, (degree.get(cb) ?? 0) + weight);
    if (ca === cb) {
      internal.set(ca, (internal.get(ca) ?? 0) + weight);
      intraPairs.set(ca, (intraPairs.get(ca) ?? 0) + 1);
    } else {
      const key = ca < cb ? `${ca}\u0000${cb}` : `${cb}\u0000${ca}`;
      interPairs.set(key, (interPairs.get(key) ?? 0) + 1);
    }
  }
  let modularity = 0;
  if (total > 0) for (const cluster of members.keys()) modularity += (internal.get(cluster) ?? 0) / total - ((degree.get(cluster) ?? 0) / (2 * total)) ** 2;

  const k = members.size;
  let cohesion = 0;
  for (const [cluster, size] of members) cohesion += (intraPairs.get(cluster) ?? 0) / (size * size);
  let coupling = 0;
  for (const [key, count] of interPairs) {
    const [ci, cj] = key.split('\u0000') as [string, string];
    coupling += count / ((members.get(ci) ?? 1) * (members.get(cj) ?? 1));
  }
  const structuralModularity = k === 0 ? 0 : cohesion / k - (k > 1 ? (2 * coupling) / (k * (k - 1)) : 0);

  let crossing = 0;
  let all = 0;
  const exposed = new Set<string>();
  for (const [from, row] of weights) {
    for (const [to, weight] of row) {
      const f = Math.log(weight) + 1;
      all += f;
      if ((clusterOf.get(from) ?? '') !== (clusterOf.get(to) ?? '')) {
        crossing += f;
        exposed.add(to);
      }
    }
  }
  const inBand = sizes.filter((size) => size >= 5 && size <= 20).reduce((sum, size) => sum + size, 0);
  return {
    clusters: k,
    sizes: { min: sizes.length ? Math.min(...sizes) : 0, median: median(sizes), max: sizes.length ? Math.max(...sizes) : 0 },
    modularity: round(modularity),
    structuralModularity: round(structuralModularity),
    interCallPercentage: round(all === 0 ? 0 : crossing / all),
    interfaceNumber: round(k === 0 ? 0 : exposed.size / k),
    nonExtremeDistribution: round(n === 0 ? 0 : 1 - inBand / n),
  };
}

/**
 * Partition metrics of seams' clusters beside two trivial baselines: everything in one cluster,
 * and the folders cut at the depth whose cluster count is nearest to seams'.
 */
export function measurePartitions(result: Pick<AnalysisResult, 'modules' | 'tables' | 'edges'>): Metrics {
  const seams = new Map(result.modules.map((module) => [module.id, module.cluster]));
  const count = new Set(seams.values()).size;
  const depth = chooseFolderDepth(result.modules.map((module) => module.id), count);
  const structure = toImportStructure(result);
  return {
    seams: measureOn(structure, seams),
    singleCluster: measureOn(structure, new Map(result.modules.map((module) => [module.id, 'all']))),
    folders: { ...measureOn(structure, toFolderPartition(result, depth).modules), depth },
  };
}
