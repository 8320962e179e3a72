import type { AnalysisResult, Cluster, Edge } from '../../../src/model/result.js';

/**
 * A schema-valid result of a made-up monolith of `moduleCount` modules in `clusterCount`
 * clusters (the last one the shared kernel), with imports inside and across clusters, tables,
 * findings and scores. Deterministic (a fixed linear congruential sequence).
 */
export function createSyntheticResult(moduleCount: number, clusterCount: number): AnalysisResult {
  let state = 12345;
  const random = (): number => {
    state = (state * 1103515245 + 12345) % 2147483648;
    return state / 2147483648;
  };
  const clusterIds = Array.from({ length: clusterCount }, (_, index) => (index === clusterCount - 1 ? 'shared' : `domain-${String(index).padStart(3, '0')}`));
  const modules = Array.from({ length: moduleCount }, (_, index) => {
    const cluster = clusterIds[Math.floor(Math.pow(random(), 1.6) * clusterCount)] as string;
    return { id: `src/${cluster}/module-${index}.ts`, cluster, loc: 20 + Math.floor(random() * 300) };
  }).sort((a, b) => (a.id < b.id ? -1 : 1));
  const byCluster = new Map(clusterIds.map((id) => [id, modules.filter((module) => module.cluster === id)]));
  const tables = clusterIds.slice(0, -1).flatMap((cluster, index) =>
    index % 3 === 0 ? [{ id: `table_${index}`, cluster, declared: true, writers: [cluster], readers: [cluster] }] : [],
  );
  const edges: Edge[] = [];
  const coupling = new Map<string, Map<string, { outgoing: number; incoming: number }>>();
  const couple = (from: string, to: string): void => {
    if (from === to) return;
    const get = (a: string, b: string) => {
      const map = coupling.get(a) ?? new Map();
      coupling.set(a, map);
      const entry = map.get(b) ?? { outgoing: 0, incoming: 0 };
      map.set(b, entry);
      return entry;
    };
    get(from, to).outgoing += 1;
    get(to, from).incoming += 1;
  };
  for (const module of modules) {
    for (let count = 0; count < 3; count++) {
      const local = random() < 0.8;
      const targets = local ? (byCluster.get(module.cluster) ?? []) : modules;
      const target = targets[Math.floor(random() * targets.length)];
      if (!target || target.id === module.id) continue;
      edges.push({ from: module.id, to: target.id, kind: 'import', weight: 1, locations: [{ file: module.id, line: count + 1 }] });
      couple(module.cluster, target.cluster);
    }
  }
  for (const table of tables) {
    const writer = (byCluster.get(table.cluster) ?? [])[0];
    if (writer) edges.push({ from: writer.id, to: table.id, kind: 'writes', weight: 1, locations: [{ file: writer.id, line: 9 }], via: ['pg'], confidence: 1 });
  }
  edges.sort((a, b) => (a.from < b.from ? -1 : a.from > b.from ? 1 : a.to < b.to ? -1 : a.to > b.to ? 1 : 0));
  const clusters: Cluster[] = clusterIds.map((id, index) => ({
    id,
    name: id,
    kind: id === 'shared' ? 'shared' : 'domain',
    modules: (byCluster.get(id) ?? []).map((module) => module.id),
    tables: tables.filter((table) => table.cluster === id).map((table) => table.id),
    coupling: [...(coupling.get(id) ?? new Map()).entries()].sort((a, b) => (a[0] < b[0] ? -1 : 1)).map(([cluster, counts]) => ({ cluster, ...counts })),
    ...(id === 'shared' ? {} : { score: { ease: (index * 37) % 101, factors: [{ name: 'outgoing coupling', value: index, evidence: [{ description: `${id} imports others`, locations: [{ file: (byCluster.get(id) ?? [])[0]?.id ?? 'x.ts', line: 1 }] }] }] } }),
  }));
  return {
    schemaVersion: 1,
    tool: { name: 'seams', version: '<version>' },
    root: 'synthetic',
    options: { resolution: 1, seed: 42, include: [], exclude: [], depth: 4 },
    stats: {
      files: moduleCount,
      skippedFiles: 0,
      tables: { total: tables.length, accesses: tables.length, declared: tables.length, untouched: 0 },
      types: { files: 0, questions: 0, answered: 0 },
      imports: { internal: edges.length, external: 0, builtin: 0, excluded: 0, unresolved: 0 },
    },
    modules,
    tables,
    edges,
    clusters,
    transactions: [],
    entryPoints: [],
    events: [],
    findings: modules.slice(0, 300).map((module, index) => ({
      kind: index % 2 ? 'shared-table-read' : 'shared-table',
      severity: index % 2 ? 'info' : 'warning',
      message: `Finding ${index} about ${module.id}`,
      locations: [{ file: module.id, line: 1 }],
      evidence: [],
    })),
    diagnostics: [],
  };
}
