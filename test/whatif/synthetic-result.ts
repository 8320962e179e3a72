import type { AnalysisResult, Edge, EdgeKind } from '../../src/model/result.js';
import { compareText } from '../../src/model/diagnostics.js';

/** What a synthetic result is made of: module → cluster, table → cluster, edges, shared clusters. */
export interface SyntheticParts {
  modules: Record<string, string>;
  tables?: Record<string, string>;
  edges?: [from: string, to: string, kind: EdgeKind, line?: number][];
  shared?: string[];
  declared?: string[];
}

/**
 * A schema-valid result built from the partition and edges only: couplings, writers, readers and
 * findings are left empty (the tests state what they should be).
 */
export function createSyntheticResult(parts: SyntheticParts): AnalysisResult {
  const tables = parts.tables ?? {};
  const clusterIds = [...new Set([...Object.values(parts.modules), ...Object.values(tables)])].sort(compareText);
  const edges: Edge[] = (parts.edges ?? []).map(([from, to, kind, line]) => ({ from, to, kind, weight: 1, locations: [{ file: from, line: line ?? 1 }] }));
  return {
    schemaVersion: 1,
    tool: { name: 'seams', version: '0.0.0' },
    root: 'synthetic',
    options: { resolution: 1, seed: 42, include: [], exclude: [] },
    stats: {
      files: Object.keys(parts.modules).length,
      skippedFiles: 0,
      tables: { total: Object.keys(tables).length, accesses: 0, declared: 0, untouched: 0 },
      types: { files: 0, questions: 0, answered: 0 },
      imports: { internal: 0, external: 0, builtin: 0, excluded: 0, unresolved: 0 },
    },
    modules: Object.entries(parts.modules).sort((a, b) => compareText(a[0], b[0])).map(([id, cluster]) => ({ id, cluster, loc: 10 })),
    tables: Object.entries(tables).sort((a, b) => compareText(a[0], b[0])).map(([id, cluster]) => ({ id, cluster, declared: parts.declared?.includes(id) ?? false, writers: [], readers: [] })),
    edges,
    clusters: clusterIds.map((id) => ({
      id,
      name: id,
      kind: parts.shared?.includes(id) ? 'shared' : 'domain',
      modules: Object.keys(parts.modules).filter((module) => parts.modules[module] === id).sort(compareText),
      tables: Object.keys(tables).filter((table) => tables[table] === id).sort(compareText),
      coupling: [],
    })),
    transactions: [],
    entryPoints: [],
    events: [],
    findings: [],
    diagnostics: [],
  };
}

/**
 * A large result for responsiveness tests: `modules` modules in folders of 50, one cluster per
 * 500 modules, a table per cluster, each module importing its neighbour.
 */
export function createLargeResult(moduleCount: number): AnalysisResult {
  const modules: Record<string, string> = {};
  const tables: Record<string, string> = {};
  const edges: NonNullable<SyntheticParts['edges']> = [];
  const ids: string[] = [];
  for (let index = 0; index < moduleCount; index += 1) {
    const cluster = `domain-${String(Math.floor(index / 500)).padStart(3, '0')}`;
    const id = `src/${cluster}/folder-${String(Math.floor(index / 50) % 10).padStart(2, '0')}/module-${String(index).padStart(5, '0')}.ts`;
    modules[id] = cluster;
    tables[`table_${cluster.slice(7)}`] = cluster;
    ids.push(id);
  }
  ids.sort(compareText);
  for (let index = 1; index < ids.length; index += 1) {
    const from = ids[index] as string;
    edges.push([from, ids[index - 1] as string, 'import']);
    edges.push([from, `table_${modules[from]?.slice(7)}`, index % 3 === 0 ? 'writes' : 'reads']);
  }
  return createSyntheticResult({ modules, tables, edges });
}
