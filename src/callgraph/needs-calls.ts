import type { FileFacts, ModuleId } from '../model/facts.js';
import type { Edge } from '../model/result.js';

/**
 * The modules whose calls the call graph may follow: everything reachable by imports (type
 * imports and barrels' followed edges included) from a module with an entry point or a
 * transaction scope, or from a module importing one with a scope (its callbacks may be the
 * scopes of a helper such as `withTransaction(pool, fn)`). Calls are resolved through imports
 * only, so no trace can leave this set; the calls of other modules need not be read.
 */
export function modulesNeedingCalls(allFacts: readonly FileFacts[], edges: readonly Edge[]): Set<ModuleId> {
  const next = new Map<string, string[]>();
  const importers = new Map<string, string[]>();
  for (const edge of edges) {
    if (edge.kind !== 'import' && edge.kind !== 'type-import') continue;
    if (!next.has(edge.from)) next.set(edge.from, []);
    next.get(edge.from)?.push(edge.to);
    if (!importers.has(edge.to)) importers.set(edge.to, []);
    importers.get(edge.to)?.push(edge.from);
  }
  const seeds = new Set<string>();
  for (const facts of allFacts) {
    if (facts.entryPoints.length > 0) seeds.add(facts.module);
    if (facts.transactions.length === 0) continue;
    seeds.add(facts.module);
    for (const importer of importers.get(facts.module) ?? []) seeds.add(importer);
  }
  const needed = new Set<string>(seeds);
  const stack = [...seeds];
  while (stack.length > 0) {
    for (const target of next.get(stack.pop() as string) ?? []) {
      if (needed.has(target)) continue;
      needed.add(target);
      stack.push(target);
    }
  }
  return needed as Set<ModuleId>;
}
