import type { Edge, EdgeKind, Location } from '../model/result.js';
import { compareText } from '../model/diagnostics.js';
import type { LinkedTables } from '../tables/link-tables.js';
import { compareEdges, type ModuleGraph } from './build-graph.js';

const MODE_TO_KIND = { read: 'reads', write: 'writes', ddl: 'ddl' } as const satisfies Record<string, EdgeKind>;

/**
 * Adds the data half to the module graph: a node per table, module→table edges (reads, writes,
 * ddl) with their locations, detectors and confidence, and table→table foreign-key edges.
 */
export function addTableEdges(graph: ModuleGraph, linked: LinkedTables): void {
  const edges = new Map<string, Edge>();
  const add = (from: string, to: string, kind: EdgeKind, location: Location, via: string, confidence: number): void => {
    const key = `${from}\u0000${to}\u0000${kind}`;
    let edge = edges.get(key);
    if (!edge) {
      edge = { from, to, kind, weight: 0, locations: [], via: [], confidence: 0 };
      edges.set(key, edge);
    }
    if (!edge.locations.some((known) => known.file === location.file && known.line === location.line)) {
      edge.locations.push(location);
      edge.weight += 1;
    }
    if (!edge.via?.includes(via)) edge.via?.push(via);
    edge.confidence = Math.max(edge.confidence ?? 0, confidence);
  };
  for (const access of linked.accesses) {
    add(access.module, access.table, MODE_TO_KIND[access.mode], { file: access.module, line: access.line }, access.via, access.confidence);
  }
  for (const foreignKey of linked.foreignKeys) {
    if (foreignKey.from === foreignKey.to) continue;
    add(foreignKey.from, foreignKey.to, 'fk', { file: foreignKey.file, line: foreignKey.line }, 'schema', 1);
  }
  for (const edge of edges.values()) {
    edge.locations.sort((a, b) => compareText(a.file, b.file) || a.line - b.line);
    edge.via?.sort(compareText);
  }
  graph.tables = linked.tables.map((id) => ({ id, declared: linked.declared.has(id) }));
  graph.edges = [...graph.edges, ...edges.values()].sort(compareEdges);
}
