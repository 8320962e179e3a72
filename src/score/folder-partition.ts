import type { AnalysisResult } from '../model/result.js';
import { compareText } from '../model/diagnostics.js';

/** The folder of a path cut at a depth (`src/a/b/c.ts` at depth 2 → `src/a`). */
export function toFolderAtDepth(modulePath: string, depth: number): string {
  const folders = modulePath.split('/').slice(0, -1);
  return folders.slice(0, depth).join('/') || '.';
}

/** The folder depth (1 … deepest) whose partition of the paths has the cluster count nearest to `target` (ties: shallower). */
export function chooseFolderDepth(paths: readonly string[], target: number): number {
  const split = paths.map((item) => item.split('/').slice(0, -1));
  const deepest = split.reduce((most, folders) => Math.max(most, folders.length), 1);
  // The folders at every depth in one pass: depth d's folder extends depth d-1's (as toFolderAtDepth cuts them).
  const folderSets = Array.from({ length: deepest + 1 }, () => new Set<string>());
  for (const folders of split) {
    let prefix = '';
    for (let depth = 1; depth <= deepest; depth += 1) {
      if (depth <= folders.length) prefix = depth === 1 ? (folders[0] as string) : `${prefix}/${folders[depth - 1] as string}`;
      folderSets[depth]?.add(prefix || '.');
    }
  }
  let best = { depth: 1, distance: Number.POSITIVE_INFINITY };
  for (let depth = 1; depth <= deepest; depth += 1) {
    const count = folderSets[depth]?.size ?? 0;
    const distance = Math.abs(count - target);
    if (distance < best.distance) best = { depth, distance };
  }
  return best.depth;
}

/**
 * The folder partition of modules and tables at a depth: a module's folder, and for a table
 * the folder most of its accessing modules (writers first, then readers) live in.
 */
export function toFolderPartition(result: Pick<AnalysisResult, 'modules' | 'tables' | 'edges'>, depth: number): { modules: Map<string, string>; tables: Map<string, string> } {
  const modules = new Map(result.modules.map((module) => [module.id, toFolderAtDepth(module.id, depth)]));
  const votes = new Map<string, Map<string, number>>();
  for (const edge of result.edges) {
    if (edge.kind !== 'writes' && edge.kind !== 'reads') continue;
    const folder = modules.get(edge.from);
    if (folder === undefined) continue;
    if (!votes.has(edge.to)) votes.set(edge.to, new Map());
    const byFolder = votes.get(edge.to) as Map<string, number>;
    byFolder.set(folder, (byFolder.get(folder) ?? 0) + edge.weight * (edge.kind === 'writes' ? 2 : 1));
  }
  const tables = new Map<string, string>();
  for (const table of result.tables) {
    const best = [...(votes.get(table.id) ?? new Map<string, number>())].sort((a, b) => b[1] - a[1] || compareText(a[0], b[0]))[0];
    tables.set(table.id, best ? best[0] : '(untouched)');
  }
  return { modules, tables };
}
