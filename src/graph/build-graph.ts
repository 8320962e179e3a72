import type { FileFacts, ImportFact, ModuleId } from '../model/facts.js';
import type { Diagnostic, Edge, EdgeKind, Location, Stats } from '../model/result.js';
import { compareText, createDiagnostic, DIAGNOSTIC_CODES } from '../model/diagnostics.js';
import type { ImportResolver, Resolution } from '../resolve/resolve-imports.js';
import { createExportResolver } from './resolve-exports.js';

/** The module graph: nodes are analyzed files, edges are resolved imports. */
export interface ModuleGraph {
  modules: { id: ModuleId; loc: number }[];
  /** Tables (added by the table stage): nodes beside the modules. */
  tables: { id: string; declared: boolean }[];
  edges: Edge[];
  /** Modules that only re-export (barrels): edges into them are weak evidence of coupling. */
  barrels: Set<ModuleId>;
  importStats: Stats['imports'];
  diagnostics: Diagnostic[];
}

/**
 * Builds the module graph from per-file facts: resolves every specifier, counts externals and
 * builtins, reports unresolved imports, and follows named imports through barrels
 * (`export *`, `export { x } from`) to the module that defines them. The edge to the barrel
 * is kept and a second edge, marked with `through`, goes to the definer.
 */
export function buildGraph(facts: FileFacts[], resolve: (from: ModuleId, specifier: string) => Resolution): ModuleGraph {
  const factsById = new Map(facts.map((fileFacts) => [fileFacts.module, fileFacts]));

  const graph: ModuleGraph = {
    modules: facts.map((fileFacts) => ({ id: fileFacts.module, loc: fileFacts.loc })).sort((a, b) => compareText(a.id, b.id)),
    tables: [],
    edges: [],
    barrels: new Set(),
    importStats: { internal: 0, external: 0, builtin: 0, excluded: 0, unresolved: 0 },
    diagnostics: [],
  };
  for (const fileFacts of facts) {
    const hasLocalExports = fileFacts.exports.some((fact) => fact.from === undefined);
    const hasReexports = fileFacts.exportStars.length > 0 || fileFacts.exports.some((fact) => fact.from !== undefined);
    if (hasReexports && !hasLocalExports) graph.barrels.add(fileFacts.module);
  }

  const findOrigin = createExportResolver(factsById, resolve);

  const edgesByKey = new Map<string, Edge>();
  const addEdge = (from: ModuleId, to: ModuleId, kind: EdgeKind, location: Location, through?: ModuleId[], names: readonly string[] = []): void => {
    if (from === to) return;
    const key = `${from}\u0000${to}\u0000${kind}\u0000${through ? 'through' : ''}`;
    let edge = edgesByKey.get(key);
    if (!edge) {
      edge = { from, to, kind, weight: 0, locations: [] };
      if (through) edge.through = [];
      edgesByKey.set(key, edge);
    }
    if (!edge.locations.some((known) => known.file === location.file && known.line === location.line)) {
      edge.locations.push(location);
      edge.weight += 1;
    }
    if (through && edge.through) for (const barrel of through) if (!edge.through.includes(barrel)) edge.through.push(barrel);
    for (const name of names) {
      edge.names ??= [];
      if (!edge.names.includes(name)) edge.names.push(name);
    }
  };

  const followBarrels = (from: ModuleId, fact: ImportFact, target: ModuleId, location: Location): void => {
    if (fact.syntax === 'export-from') return;
    for (const name of fact.names) {
      if (name === '*') continue;
      const origin = findOrigin(target, name);
      if (origin && origin.module !== target) addEdge(from, origin.module, fact.kind, location, origin.through, [name]);
    }
  };

  for (const fileFacts of facts) {
    for (const fact of fileFacts.imports) {
      const resolution = resolve(fileFacts.module, fact.specifier);
      const location: Location = { file: fileFacts.module, line: fact.line };
      switch (resolution.kind) {
        case 'module':
          graph.importStats.internal += 1;
          addEdge(fileFacts.module, resolution.target, fact.kind, location, undefined, fact.names);
          followBarrels(fileFacts.module, fact, resolution.target, location);
          break;
        case 'external':
          graph.importStats.external += 1;
          break;
        case 'builtin':
          graph.importStats.builtin += 1;
          break;
        case 'excluded':
          graph.importStats.excluded += 1;
          break;
        case 'unresolved':
          graph.importStats.unresolved += 1;
          graph.diagnostics.push(
            createDiagnostic(
              DIAGNOSTIC_CODES.unresolvedImport,
              `Cannot resolve "${fact.specifier}" (${resolution.reason}). If it is an alias, check tsconfig "paths" or package.json "imports"; if the file moved, fix the import.`,
              fileFacts.module,
              fact.line,
            ),
          );
          break;
      }
    }
  }

  for (const edge of edgesByKey.values()) {
    edge.locations.sort((a, b) => compareText(a.file, b.file) || a.line - b.line);
    edge.through?.sort(compareText);
    edge.names?.sort(compareText);
  }
  graph.edges = [...edgesByKey.values()].sort(compareEdges);
  return graph;
}

/** A memoising wrapper of the resolver: each (file, specifier) pair is resolved once per run. */
export function createCachedResolve(resolver: ImportResolver): (from: ModuleId, specifier: string) => Resolution {
  const cache = new Map<string, Resolution>();
  return (from, specifier) => {
    const key = `${from}\u0000${specifier}`;
    let resolution = cache.get(key);
    if (!resolution) {
      resolution = resolver.resolve(from, specifier);
      cache.set(key, resolution);
    }
    return resolution;
  };
}

/** Orders edges by from, to, kind, then plain before followed-through. */
export function compareEdges(a: Edge, b: Edge): number {
  return (
    compareText(a.from, b.from) ||
    compareText(a.to, b.to) ||
    compareText(a.kind, b.kind) ||
    Number(a.through !== undefined) - Number(b.through !== undefined)
  );
}
