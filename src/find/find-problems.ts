import type { Edge, EntryPoint, Finding, Location, Transaction } from '../model/result.js';
import { findCrossDomainImports, findCycles, findFanOut, findSharedTransactions } from './find-coupling.js';
import { compareText } from '../model/diagnostics.js';
import { toSortedLocations } from '../model/locations.js';
import type { ModuleId } from '../model/facts.js';
import type { Clustering } from '../cluster/cluster-graph.js';

/** Who writes and reads each table, by cluster, with the locations. */
export interface TableUse {
  writers: Map<string, Location[]>;
  readers: Map<string, Location[]>;
}

/** Collects, for every table, the clusters whose modules write and read it. */
export function toTableUses(edges: Edge[], clustering: Clustering): Map<string, TableUse> {
  const uses = new Map<string, TableUse>();
  for (const edge of edges) {
    if (edge.kind !== 'writes' && edge.kind !== 'reads') continue;
    const cluster = clustering.clusterOf.get(edge.from as ModuleId);
    if (cluster === undefined) continue;
    if (!uses.has(edge.to)) uses.set(edge.to, { writers: new Map(), readers: new Map() });
    const use = uses.get(edge.to) as TableUse;
    const byCluster = edge.kind === 'writes' ? use.writers : use.readers;
    if (!byCluster.has(cluster)) byCluster.set(cluster, []);
    byCluster.get(cluster)?.push(...edge.locations);
  }
  return uses;
}


/**
 * Findings about data ownership: `shared-table` (written by more than one cluster: one of them
 * must own it and the others go through its API or events), `shared-table-read` (read by
 * other clusters: milder, a read model or an API call replaces it) and `untouched-table`
 * (declared in a schema, never used by the analyzed code).
 */
export function findTableProblems(uses: Map<string, TableUse>, clustering: Clustering, untouched: string[]): Finding[] {
  const findings: Finding[] = [];
  for (const [table, use] of [...uses.entries()].sort((a, b) => compareText(a[0], b[0]))) {
    const owner = clustering.tableClusterOf.get(table) ?? '';
    const writers = [...use.writers.keys()].sort(compareText);
    if (writers.length > 1) {
      findings.push({
        kind: 'shared-table',
        severity: 'warning',
        message: `Table "${table}" is written by ${writers.length} clusters (${writers.join(', ')}); owner: ${owner}. Give it one owner: the others call the owner's API or publish events it consumes.`,
        locations: toSortedLocations(writers.flatMap((cluster) => use.writers.get(cluster) ?? [])),
        evidence: writers.map((cluster) => ({
          description: `${cluster} writes ${table}`,
          locations: toSortedLocations(use.writers.get(cluster) ?? []),
        })),
      });
      continue;
    }
    const foreignReaders = [...use.readers.keys()].filter((cluster) => cluster !== owner && !use.writers.has(cluster)).sort(compareText);
    if (foreignReaders.length > 0) {
      findings.push({
        kind: 'shared-table-read',
        severity: 'info',
        message: `Table "${table}" (owner: ${owner}) is read by ${foreignReaders.join(', ')}. After a split they need ${owner}'s API, a replicated read model, or events.`,
        locations: toSortedLocations(foreignReaders.flatMap((cluster) => use.readers.get(cluster) ?? [])),
        evidence: foreignReaders.map((cluster) => ({
          description: `${cluster} reads ${table}`,
          locations: toSortedLocations(use.readers.get(cluster) ?? []),
        })),
      });
    }
  }
  for (const table of untouched) {
    findings.push({
      kind: 'untouched-table',
      severity: 'info',
      message: `Table "${table}" is declared in a schema or migration but no analyzed code reads or writes it (dead, used by another service, or reached through SQL seams cannot read).`,
      locations: [],
      evidence: [],
    });
  }
  return findings;
}

/** What every finding is computed from: the result's edges, scopes and entry points under one clustering. */
export interface ProblemInputs {
  edges: Edge[];
  transactions: Transaction[];
  entryPoints: EntryPoint[];
  clustering: Clustering;
  uses: Map<string, TableUse>;
  untouched: string[];
}

/**
 * Every finding, in the order of the result: shared transactions, cross-domain imports, cycles,
 * entry-point fan-out, then the table findings. The pipeline and the what-if recompute both call it.
 */
export function findProblems(inputs: ProblemInputs): Finding[] {
  const { clustering } = inputs;
  const domains = new Set(clustering.clusters.filter((cluster) => cluster.kind === 'domain').map((cluster) => cluster.id));
  return [
    ...findSharedTransactions(inputs.transactions, domains),
    ...findCrossDomainImports(inputs.edges, clustering.clusterOf, domains),
    ...findCycles(inputs.edges, clustering.clusterOf, domains),
    ...findFanOut(inputs.entryPoints, clustering.clusterOf),
    ...findTableProblems(inputs.uses, clustering, inputs.untouched),
  ];
}
