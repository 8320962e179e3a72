import type { FileFacts, ModuleId } from '../model/facts.js';
import type { Resolution } from '../resolve/resolve-imports.js';

/** Where an exported name really comes from. */
export interface ExportOrigin {
  /** The module that defines it. */
  module: ModuleId;
  /** Its local name there (`User` for `export default class User`); `*` for a namespace re-export. */
  localName: string;
  /** Barrels passed through on the way, nearest first. */
  through: ModuleId[];
}

/** The maximum number of barrels followed for one name. */
const MAX_DEPTH = 12;

/**
 * Follows an exported name through `export { x as y } from`, `export * from` and
 * `export * as ns from` chains to the module that defines it. Memoised; cycles end the search.
 */
export function createExportResolver(
  factsById: ReadonlyMap<ModuleId, FileFacts>,
  resolve: (from: ModuleId, specifier: string) => Resolution,
): (module: ModuleId, name: string) => ExportOrigin | undefined {
  const cache = new Map<string, ExportOrigin | null>();
  const find = (moduleId: ModuleId, name: string, depth: number, visiting: Set<ModuleId>): ExportOrigin | undefined => {
    const key = `${moduleId}\u0000${name}`;
    const cached = cache.get(key);
    if (cached !== undefined) return cached ?? undefined;
    const facts = factsById.get(moduleId);
    if (!facts || depth > MAX_DEPTH || visiting.has(moduleId)) return undefined;
    visiting.add(moduleId);
    let found: ExportOrigin | undefined;
    const exported = facts.exports.find((fact) => fact.name === name);
    if (exported && exported.from === undefined) {
      found = { module: moduleId, localName: exported.localName ?? name, through: [] };
    } else if (exported?.from !== undefined) {
      const target = resolve(moduleId, exported.from);
      if (target.kind === 'module') {
        if (exported.importName === '*') found = { module: target.target, localName: '*', through: [moduleId] };
        else {
          const inner = find(target.target, exported.importName ?? name, depth + 1, visiting);
          if (inner) found = { ...inner, through: [moduleId, ...inner.through] };
        }
      }
    } else if (name !== 'default') {
      for (const star of facts.exportStars) {
        const target = resolve(moduleId, star.specifier);
        if (target.kind !== 'module') continue;
        const inner = find(target.target, name, depth + 1, visiting);
        if (inner) {
          found = { ...inner, through: [moduleId, ...inner.through] };
          break;
        }
      }
    }
    visiting.delete(moduleId);
    cache.set(key, found ?? null);
    return found;
  };
  return (module, name) => find(module, name, 0, new Set());
}
