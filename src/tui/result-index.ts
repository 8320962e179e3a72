import { compareText } from '../model/diagnostics.js';
import type { AnalysisResult, Cluster, Edge, Finding, Location } from '../model/result.js';

/** Where one table is written and read, by cluster. */
export interface TableAccess {
  writes: Map<string, Location[]>;
  reads: Map<string, Location[]>;
}

/** A module of a cluster that other clusters import: part of its API surface. */
export interface SurfaceModule {
  module: string;
  statements: number;
  clusters: string[];
  edges: Edge[];
}

/**
 * Lookup views derived from one result, built once per result (every what-if move gives a new
 * result and a new index). Per-cluster views are computed on first use, so a 15,000-module result
 * costs one pass over the edges plus the candidate being looked at.
 */
export interface ResultIndex {
  result: AnalysisResult;
  clusterById: Map<string, Cluster>;
  clusterOfModule: Map<string, string>;
  /** Findings with a location or evidence in a cluster's modules, by cluster. */
  findingsByCluster: Map<string, Finding[]>;
  /** Import statements across clusters from and to each module. */
  crossOut: Map<string, number>;
  crossIn: Map<string, number>;
  /** Total import statements between different clusters. */
  crossStatements: number;
  tableAccess(table: string): TableAccess;
  /** Edges from modules of one cluster to modules of another (barrel-followed edges left out, as in couplings). */
  edgesBetween(from: string, to: string): Edge[];
  /** Modules of the cluster imported by other clusters, most imported first. */
  surfaceOf(cluster: string): SurfaceModule[];
  /** Tables the cluster owns or its modules touch. */
  tablesOf(cluster: string): string[];
  /** Edges touching a module. */
  edgesOfModule(module: string): { outgoing: Edge[]; incoming: Edge[] };
}

function isModuleEdge(edge: Edge, clusterOfModule: Map<string, string>): boolean {
  return edge.through === undefined && clusterOfModule.has(edge.from) && clusterOfModule.has(edge.to);
}

function push<K, V>(map: Map<K, V[]>, key: K, value: V): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}

/** Builds the lookup views of a result. */
export function createResultIndex(result: AnalysisResult): ResultIndex {
  const clusterById = new Map(result.clusters.map((cluster) => [cluster.id, cluster]));
  const clusterOfModule = new Map(result.modules.map((module) => [module.id, module.cluster]));
  const crossOut = new Map<string, number>();
  const crossIn = new Map<string, number>();
  const crossEdges = new Map<string, Edge[]>();
  const tableEdges = new Map<string, Edge[]>();
  const outgoing = new Map<string, Edge[]>();
  const incoming = new Map<string, Edge[]>();
  let crossStatements = 0;
  for (const edge of result.edges) {
    push(outgoing, edge.from, edge);
    push(incoming, edge.to, edge);
    if (edge.kind === 'reads' || edge.kind === 'writes') push(tableEdges, edge.to, edge);
    if (!isModuleEdge(edge, clusterOfModule)) continue;
    const from = clusterOfModule.get(edge.from) as string;
    const to = clusterOfModule.get(edge.to) as string;
    if (from === to) continue;
    crossOut.set(edge.from, (crossOut.get(edge.from) ?? 0) + edge.weight);
    crossIn.set(edge.to, (crossIn.get(edge.to) ?? 0) + edge.weight);
    crossStatements += edge.weight;
    push(crossEdges, `${from}\u0000${to}`, edge);
  }

  const findingsByCluster = new Map<string, Finding[]>();
  for (const finding of result.findings) {
    const clusters = new Set<string>();
    for (const location of [...finding.locations, ...finding.evidence.flatMap((evidence) => evidence.locations)]) {
      const cluster = clusterOfModule.get(location.file);
      if (cluster !== undefined) clusters.add(cluster);
    }
    for (const cluster of clusters) push(findingsByCluster, cluster, finding);
  }

  const accessCache = new Map<string, TableAccess>();
  const surfaceCache = new Map<string, SurfaceModule[]>();
  const tablesCache = new Map<string, string[]>();
  return {
    result,
    clusterById,
    clusterOfModule,
    findingsByCluster,
    crossOut,
    crossIn,
    crossStatements,
    tableAccess(table) {
      let access = accessCache.get(table);
      if (!access) {
        access = { writes: new Map(), reads: new Map() };
        for (const edge of tableEdges.get(table) ?? []) {
          const cluster = clusterOfModule.get(edge.from);
          if (cluster === undefined) continue;
          const byCluster = edge.kind === 'writes' ? access.writes : access.reads;
          for (const location of edge.locations) push(byCluster, cluster, location);
        }
        accessCache.set(table, access);
      }
      return access;
    },
    edgesBetween(from, to) {
      return crossEdges.get(`${from}\u0000${to}`) ?? [];
    },
    surfaceOf(cluster) {
      let surface = surfaceCache.get(cluster);
      if (!surface) {
        const byModule = new Map<string, SurfaceModule>();
        for (const other of result.clusters) {
          if (other.id === cluster) continue;
          for (const edge of crossEdges.get(`${other.id}\u0000${cluster}`) ?? []) {
            let entry = byModule.get(edge.to);
            if (!entry) {
              entry = { module: edge.to, statements: 0, clusters: [], edges: [] };
              byModule.set(edge.to, entry);
            }
            entry.statements += edge.weight;
            entry.edges.push(edge);
            if (!entry.clusters.includes(other.id)) entry.clusters.push(other.id);
          }
        }
        surface = [...byModule.values()].sort((a, b) => b.statements - a.statements || compareText(a.module, b.module));
        surfaceCache.set(cluster, surface);
      }
      return surface;
    },
    tablesOf(cluster) {
      let tables = tablesCache.get(cluster);
      if (!tables) {
        const found = new Set(clusterById.get(cluster)?.tables ?? []);
        for (const table of result.tables) {
          if (table.writers.includes(cluster) || table.readers.includes(cluster)) found.add(table.id);
        }
        tables = [...found].sort(compareText);
        tablesCache.set(cluster, tables);
      }
      return tables;
    },
    edgesOfModule(module) {
      return { outgoing: outgoing.get(module) ?? [], incoming: incoming.get(module) ?? [] };
    },
  };
}
