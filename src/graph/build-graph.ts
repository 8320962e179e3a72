import type { FileFacts, ImportFact, ModuleId } from '../model/facts.js';
import type { Diagnostic, Edge, EdgeKind, Location, Stats } from '../model/result.js';
import { compareText, createDiagnostic, DIAGNOSTIC_CODES } from '../model/diagnostics.js';
import type { ImportResolver, Resolution } from '../resolve/resolve-imports.js';

/** The module graph: nodes are analyzed files, edges are resolved imports. */
export interface ModuleGraph {
  modules: { id: ModuleId; loc: number }[];
  edges: Edge[];
  /** Modules that only re-export (barrels): edges into them are weak evidence of coupling. */
  barrels: Set<ModuleId>;
  importStats: Stats['imports'];
  diagnostics: Diagnostic[];
}

interface DefinerTrace {
  definer: ModuleId;
  through: ModuleId[];
}

/** The maximum number of barrels followed for one name. */
const MAX_BARREL_DEPTH = 12;

/**
 * Builds the module graph from per-file facts: resolves every specifier, counts externals and
 * builtins, reports unresolved imports, and follows named imports through barrels
 * (`export *`, `export { x } from`) to the module that defines them. The edge to the barrel
 * is kept and a second edge, marked with `through`, goes to the definer.
 */
export function buildGraph(facts: FileFacts[], resolver: ImportResolver): ModuleGraph {
  const factsById = new Map(facts.map((fileFacts) => [fileFacts.module, fileFacts]));
  const resolutionCache = new Map<string, Resolution>();
  const resolve = (from: ModuleId, specifier: string): Resolution => {
    const key = `${from}\u0000${specifier}`;
    let resolution = resolutionCache.get(key);
    if (!resolution) {
      resolution = resolver.resolve(from, specifier);
      resolutionCache.set(key, resolution);
    }
    return resolution;
  };

  const graph: ModuleGraph = {
    modules: facts.map((fileFacts) => ({ id: fileFacts.module, loc: fileFacts.loc })).sort((a, b) => compareText(a.id, b.id)),
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

  const definerCache = new Map<string, DefinerTrace | null>();
  const findDefiner = (moduleId: ModuleId, name: string, depth: number, visiting: Set<ModuleId>): DefinerTrace | undefined => {
    const key = `${moduleId}\u0000${name}`;
    const cached = definerCache.get(key);
    if (cached !== undefined) return cached ?? undefined;
    const moduleFacts = factsById.get(moduleId);
    if (!moduleFacts || depth > MAX_BARREL_DEPTH || visiting.has(moduleId)) return undefined;
    visiting.add(moduleId);
    let found: DefinerTrace | undefined;
    const exported = moduleFacts.exports.find((fact) => fact.name === name);
    if (exported && exported.from === undefined) found = { definer: moduleId, through: [] };
    else if (exported?.from !== undefined) {
      const target = resolve(moduleId, exported.from);
      if (target.kind === 'module') {
        if (exported.importName === '*') found = { definer: target.target, through: [moduleId] };
        else {
          const inner = findDefiner(target.target, exported.importName ?? name, depth + 1, visiting);
          if (inner) found = { definer: inner.definer, through: [moduleId, ...inner.through] };
        }
      }
    } else if (name !== 'default') {
      for (const star of moduleFacts.exportStars) {
        const target = resolve(moduleId, star.specifier);
        if (target.kind !== 'module') continue;
        const inner = findDefiner(target.target, name, depth + 1, visiting);
        if (inner) {
          found = { definer: inner.definer, through: [moduleId, ...inner.through] };
          break;
        }
      }
    }
    visiting.delete(moduleId);
    definerCache.set(key, found ?? null);
    return found;
  };

  const edgesByKey = new Map<string, Edge>();
  const addEdge = (from: ModuleId, to: ModuleId, kind: EdgeKind, location: Location, through?: ModuleId[]): void => {
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
  };

  const followBarrels = (from: ModuleId, fact: ImportFact, target: ModuleId, location: Location): void => {
    if (fact.syntax === 'export-from') return;
    for (const name of fact.names) {
      if (name === '*') continue;
      const trace = findDefiner(target, name, 0, new Set());
      if (trace && trace.definer !== target) addEdge(from, trace.definer, fact.kind, location, trace.through);
    }
  };

  for (const fileFacts of facts) {
    for (const fact of fileFacts.imports) {
      const resolution = resolve(fileFacts.module, fact.specifier);
      const location: Location = { file: fileFacts.module, line: fact.line };
      switch (resolution.kind) {
        case 'module':
          graph.importStats.internal += 1;
          addEdge(fileFacts.module, resolution.target, fact.kind, location);
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
  }
  graph.edges = [...edgesByKey.values()].sort(compareEdges);
  return graph;
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
