import { SeamsError } from '../errors.js';
import type { Clustering, ModuleCluster } from '../cluster/cluster-graph.js';
import { compareText } from '../model/diagnostics.js';
import type { ModuleId } from '../model/facts.js';
import type { AnalysisResult, Cluster, Finding, Transaction } from '../model/result.js';
import { findProblems, toTableUses } from '../find/find-problems.js';
import { toCouplings } from '../pipeline/analyze.js';

/** A what-if move: one module, every module under a folder, or a table, to a candidate (existing or new). */
export type Move =
  | { kind: 'module'; module: string; to: string }
  | { kind: 'folder'; folder: string; to: string }
  | { kind: 'table'; table: string; to: string };

/** Recomputes the candidates' scores of a rearranged result. */
export type Rescore = (result: AnalysisResult) => AnalysisResult;

/** Options of {@link applyMoves}. */
export interface ApplyMovesOptions {
  /**
   * Recomputes scores after the moves. Without it, the score of every candidate whose modules,
   * tables or couplings changed is dropped (it would be stale); the others keep theirs.
   */
  rescore?: Rescore;
}

/** The modules a folder move takes: every module whose path is under the folder. */
export function toFolderModules(moduleIds: readonly string[], folder: string): string[] {
  const prefix = `${folder.replace(/\/+$/, '')}/`;
  return moduleIds.filter((id) => id.startsWith(prefix));
}

/**
 * Applies what-if moves to an analysis result and recomputes what follows from the partition:
 * each cluster's modules and tables, the couplings between clusters (from the result's edges),
 * each table's writers and readers, the table findings (shared-table, shared-table-read,
 * untouched-table), the clusters of transactions, and (through `options.rescore`) the scores.
 * Moving to a name no cluster has creates a new candidate; a candidate left empty disappears.
 * Pure: the input is not changed. With no moves the result equals a fresh analysis.
 */
export function applyMoves(result: AnalysisResult, moves: readonly Move[], options: ApplyMovesOptions = {}): AnalysisResult {
  const clusterOf = new Map(result.modules.map((module) => [module.id, module.cluster]));
  const tableClusterOf = new Map(result.tables.map((table) => [table.id, table.cluster]));
  const moduleIds = result.modules.map((module) => module.id);
  for (const move of moves) {
    if (move.to.trim() === '') throw new SeamsError('usage', 'A move needs a target candidate name.');
    if (move.kind === 'module') {
      if (!clusterOf.has(move.module)) throw new SeamsError('usage', `Cannot move module "${move.module}": the result has no such module.`);
      clusterOf.set(move.module, move.to);
    } else if (move.kind === 'folder') {
      const modules = toFolderModules(moduleIds, move.folder);
      if (modules.length === 0) throw new SeamsError('usage', `Cannot move folder "${move.folder}": no module of the result is under it.`);
      for (const module of modules) clusterOf.set(module, move.to);
    } else {
      if (!tableClusterOf.has(move.table)) throw new SeamsError('usage', `Cannot move table "${move.table}": the result has no such table.`);
      tableClusterOf.set(move.table, move.to);
    }
  }

  const clusters = toClusters(result, clusterOf, tableClusterOf);
  const transactions = result.transactions.map((transaction) => toMovedTransaction(transaction, tableClusterOf));
  const clustering: Clustering = { clusters, clusterOf: clusterOf as Map<ModuleId, string>, tableClusterOf, resolution: result.options.resolution };
  const couplings = toCouplings(result.edges, clusterOf);
  const uses = toTableUses(result.edges, clustering);
  const untouched = result.tables.filter((table) => table.declared && !uses.has(table.id)).map((table) => table.id);
  const previous = new Map(result.clusters.map((cluster) => [cluster.id, cluster]));

  const next: AnalysisResult = {
    ...result,
    modules: result.modules.map((module) => ({ ...module, cluster: clusterOf.get(module.id) ?? module.cluster })),
    tables: result.tables.map((table) => ({
      ...table,
      cluster: tableClusterOf.get(table.id) ?? table.cluster,
      writers: [...(uses.get(table.id)?.writers.keys() ?? [])].sort(compareText),
      readers: [...(uses.get(table.id)?.readers.keys() ?? [])].sort(compareText),
    })),
    clusters: clusters.map((cluster) => {
      const rebuilt: Cluster = { ...cluster, coupling: couplings.get(cluster.id) ?? [] };
      const before = previous.get(cluster.id);
      if (before !== undefined && !hasChanged(before, rebuilt)) {
        if (before.stability !== undefined) rebuilt.stability = before.stability;
        if (before.score !== undefined) rebuilt.score = before.score;
      }
      return rebuilt;
    }),
    transactions,
    findings: findProblems({ edges: result.edges, transactions, entryPoints: result.entryPoints, clustering, uses, untouched }),
  };
  // The one place scores are recomputed after a move (wired to scoreCandidates by the caller).
  return options.rescore ? options.rescore(next) : next;
}

function toClusters(result: AnalysisResult, clusterOf: Map<string, string>, tableClusterOf: Map<string, string>): ModuleCluster[] {
  const members = new Map<string, { modules: string[]; tables: string[] }>();
  const entry = (id: string): { modules: string[]; tables: string[] } => {
    let found = members.get(id);
    if (!found) {
      found = { modules: [], tables: [] };
      members.set(id, found);
    }
    return found;
  };
  for (const cluster of result.clusters) entry(cluster.id);
  for (const [module, cluster] of clusterOf) entry(cluster).modules.push(module);
  for (const [table, cluster] of tableClusterOf) entry(cluster).tables.push(table);
  const existing = new Map(result.clusters.map((cluster) => [cluster.id, cluster]));
  const clusters: ModuleCluster[] = [];
  for (const [id, { modules, tables }] of members) {
    const before = existing.get(id);
    const kind = before?.kind ?? 'domain';
    if (kind === 'domain' && modules.length === 0 && tables.length === 0) continue;
    clusters.push({ id, name: before?.name ?? id, kind, modules: modules.sort(compareText) as ModuleId[], tables: tables.sort(compareText) });
  }
  return clusters.sort((a, b) => compareText(a.id, b.id));
}

function hasChanged(before: Cluster, after: Cluster): boolean {
  return (
    !sameList(before.modules, after.modules) ||
    !sameList(before.tables, after.tables) ||
    JSON.stringify(before.coupling) !== JSON.stringify(after.coupling)
  );
}

function sameList(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && a.every((item, index) => item === b[index]);
}

function toMovedTransaction(transaction: Transaction, tableClusterOf: Map<string, string>): Transaction {
  const tables = transaction.tables.map((table) => ({ ...table, cluster: tableClusterOf.get(table.table) ?? table.cluster }));
  return { ...transaction, tables, clusters: [...new Set(tables.map((table) => table.cluster))].sort(compareText) };
}

