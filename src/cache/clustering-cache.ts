import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { toClustering, type ClusterOptions, type Clustering, type ModuleCluster } from '../cluster/cluster-graph.js';
import type { ModuleGraph } from '../graph/build-graph.js';
import { writeFileAtomic } from '../io/write-file-atomic.js';
import { CACHE_DIRECTORY } from './facts-cache.js';

/** Bumped when the layout of the file changes. */
const FORMAT = 1;
const FILE_NAME = 'clustering.json';

interface StoredClustering {
  format: number;
  seamsVersion: string;
  key: string;
  resolution: number;
  clusters: ModuleCluster[];
}

/**
 * The hash of everything clustering reads: module ids, tables, each edge's ends, kind, weight
 * and barrel hop, the barrels, and the options. Lines and names of imports are not read, so an
 * edit that keeps a file's imports and table accesses (a body, a comment) keeps the key.
 */
export function toClusteringKey(graph: ModuleGraph, options: ClusterOptions, seamsVersion: string): string {
  const hash = crypto.createHash('sha1');
  hash.update(JSON.stringify({ seamsVersion, options: { ...options, pins: options.pins ?? [], weights: options.weights ?? {} } }));
  for (const module of graph.modules) hash.update(`\nm${module.id}`);
  for (const table of graph.tables) hash.update(`\nt${table.id}\u0000${table.declared}`);
  for (const edge of graph.edges) hash.update(`\ne${edge.from}\u0000${edge.to}\u0000${edge.kind}\u0000${edge.weight}\u0000${edge.through ?? ''}`);
  for (const barrel of [...graph.barrels].sort()) hash.update(`\nb${barrel}`);
  return hash.digest('hex');
}

function isStored(value: unknown, key: string, seamsVersion: string): value is StoredClustering {
  if (typeof value !== 'object' || value === null) return false;
  const stored = value as Partial<StoredClustering>;
  return (
    stored.format === FORMAT &&
    stored.seamsVersion === seamsVersion &&
    stored.key === key &&
    typeof stored.resolution === 'number' &&
    Array.isArray(stored.clusters) &&
    stored.clusters.every((cluster) => typeof cluster?.id === 'string' && Array.isArray(cluster.modules) && Array.isArray(cluster.tables))
  );
}

/**
 * Clusters through a one-entry cache under `.seams-cache/`: when the graph and options hash to
 * the key of the last clustering, that clustering is read back (the same clusters, so the same
 * result, byte for byte); otherwise it is computed and stored. Consensus clustering is most of a
 * warm re-analysis of a large repo. Git-history ownership (`owners`) is not hashed: with it,
 * clustering always runs. A cache that cannot be read or written only costs the computation.
 */
export function clusterWithCache(
  root: string,
  graph: ModuleGraph,
  options: ClusterOptions,
  seamsVersion: string,
  compute: () => Clustering,
): { clustering: Clustering; hit: boolean } {
  if (options.owners !== undefined) return { clustering: compute(), hit: false };
  const file = path.join(root, CACHE_DIRECTORY, FILE_NAME);
  const key = toClusteringKey(graph, options, seamsVersion);
  try {
    const stored: unknown = JSON.parse(fs.readFileSync(file, 'utf8'));
    if (isStored(stored, key, seamsVersion)) return { clustering: toClustering(stored.clusters, stored.resolution), hit: true };
  } catch {
    // Missing, unreadable or corrupt: computed and rewritten below.
  }
  const clustering = compute();
  const stored: StoredClustering = { format: FORMAT, seamsVersion, key, resolution: clustering.resolution, clusters: clustering.clusters };
  try {
    writeFileAtomic(file, JSON.stringify(stored));
  } catch {
    // As with the facts cache in analyze: the next run clusters again.
  }
  return { clustering, hit: false };
}
