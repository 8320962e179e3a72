import type { ModuleId } from '../model/facts.js';
import type { Edge, Location } from '../model/result.js';
import { compareText } from '../model/diagnostics.js';
import { SHARED_KERNEL, type Boundaries, type TypeImportPolicy } from './boundaries-schema.js';
import type { DomainAssignment } from './assign-domains.js';

/** Ids of the lint rules. */
export type LintRuleId = 'forbidden-dependency' | 'private-import' | 'foreign-table-write';

/** A lint rule: its id and what it checks (for SARIF and documentation). */
export interface LintRule {
  id: LintRuleId;
  description: string;
}

/** The rules, by id (for SARIF and documentation). */
export const LINT_RULES: Record<LintRuleId, LintRule> = {
  'forbidden-dependency': {
    id: 'forbidden-dependency',
    description: 'A module imports a domain its own domain may not depend on (not in its dependsOn, not the shared kernel).',
  },
  'private-import': {
    id: 'private-import',
    description: "A module imports another domain's internals instead of one of its public entries.",
  },
  'foreign-table-write': {
    id: 'foreign-table-write',
    description: 'A module writes a table another domain owns.',
  },
};

/** The kinds of edge lint checks. */
export type CheckedEdgeKind = 'import' | 'type-import' | 'dynamic-import' | 'writes' | 'ddl';

/** One violation of the boundaries: an edge (all its lines) that breaks a rule. */
export interface Violation {
  rule: LintRuleId;
  /** `error` fails the run unless baselined; `warning` (type-only imports under "warn") never does. */
  severity: 'error' | 'warning';
  kind: CheckedEdgeKind;
  /** The importing (or writing) module. */
  from: string;
  /** The imported module, or the table written. */
  to: string;
  fromDomain: string;
  toDomain: string;
  locations: Location[];
  /** Barrels the import went through to reach `to`. */
  through?: string[];
  message: string;
  /** How to fix it. */
  fix: string;
}

/** What the rules need besides the edges. */
export interface RuleContext {
  boundaries: Boundaries;
  assignment: DomainAssignment;
  /** Owner of a table, when one is declared. */
  ownerOf?: (table: string) => string | undefined;
  /** Only edges from these modules are checked (for --changed-since); all when absent. */
  checkFrom?: (module: string) => boolean;
  /** The boundaries file's name, for fix hints. */
  boundariesName: string;
}

const IMPORT_KINDS = new Set(['import', 'type-import', 'dynamic-import']);
const WRITE_KINDS = new Set(['writes', 'ddl']);

function describeDomain(domain: string): string {
  return domain === SHARED_KERNEL ? 'the shared kernel' : domain;
}

function mayDepend(boundaries: Boundaries, from: string, to: string): boolean {
  if (from === to || to === SHARED_KERNEL) return true;
  if (from === SHARED_KERNEL) return false;
  return boundaries.domains[from]?.dependsOn?.includes(to) ?? false;
}

function entriesOf(boundaries: Boundaries, domain: string): string {
  const entries = boundaries.domains[domain]?.entries ?? [];
  return entries.length === 1 ? entries[0] as string : entries.join(', ');
}

function severityFor(kind: string, policy: TypeImportPolicy): Violation['severity'] | undefined {
  if (kind !== 'type-import') return 'error';
  return policy === 'allow' ? undefined : policy === 'warn' ? 'warning' : 'error';
}

/**
 * Checks import and table-write edges against the boundaries:
 * - forbidden-dependency: the importing domain may not use the imported one (the shared kernel
 *   is always allowed; the shared kernel itself may use no domain);
 * - private-import: the dependency is allowed but the imported file is not a public entry;
 * - foreign-table-write: a module writes a table another domain owns (with `ownerOf`).
 * An import followed through a barrel is checked for the dependency it creates, unless the
 * import itself already entered the same domain (then the import's own edge carries the
 * verdict, and a public barrel makes its internals reachable on purpose). Edges from or to files
 * in no domain are not checked. Violations are merged per (from, to, kind, rule) and sorted.
 */
export function checkEdges(edges: readonly Edge[], context: RuleContext): Violation[] {
  const { boundaries, assignment } = context;
  const policy = boundaries.typeImports ?? 'deny';
  const domainOf = assignment.domainOf;
  const directTargets = new Map<string, Set<string>>();
  for (const edge of edges) {
    if (!IMPORT_KINDS.has(edge.kind) || edge.through !== undefined) continue;
    const toDomain = domainOf.get(edge.to as ModuleId);
    if (toDomain === undefined) continue;
    for (const location of edge.locations) {
      const key = `${location.file}\u0000${location.line}`;
      if (!directTargets.has(key)) directTargets.set(key, new Set());
      directTargets.get(key)?.add(toDomain);
    }
  }

  const violations = new Map<string, Violation>();
  const add = (violation: Violation): void => {
    const key = `${violation.from}\u0000${violation.to}\u0000${violation.kind}\u0000${violation.rule}`;
    const known = violations.get(key);
    if (!known) {
      violations.set(key, violation);
      return;
    }
    for (const location of violation.locations) {
      if (!known.locations.some((other) => other.file === location.file && other.line === location.line)) known.locations.push(location);
    }
    if (violation.through) known.through = [...new Set([...(known.through ?? []), ...violation.through])].sort(compareText);
  };

  for (const edge of edges) {
    if (context.checkFrom && !context.checkFrom(edge.from)) continue;
    const fromDomain = domainOf.get(edge.from as ModuleId);
    if (fromDomain === undefined) continue;
    if (IMPORT_KINDS.has(edge.kind)) {
      const toDomain = domainOf.get(edge.to as ModuleId);
      if (toDomain === undefined || toDomain === fromDomain) continue;
      const severity = severityFor(edge.kind, policy);
      if (severity === undefined) continue;
      const kind = edge.kind as CheckedEdgeKind;
      const base = { severity, kind, from: edge.from, to: edge.to, fromDomain, toDomain };
      if (edge.through !== undefined) {
        const locations = edge.locations.filter((location) => !directTargets.get(`${location.file}\u0000${location.line}`)?.has(toDomain));
        if (locations.length === 0 || mayDepend(boundaries, fromDomain, toDomain)) continue;
        add({
          ...base,
          rule: 'forbidden-dependency',
          locations,
          through: [...edge.through],
          message: `${describeDomain(fromDomain)} may not depend on ${describeDomain(toDomain)}: imports ${edge.to} through ${edge.through.join(', ')}`,
          fix: forbiddenFix(fromDomain, toDomain, context.boundariesName),
        });
        continue;
      }
      if (!mayDepend(boundaries, fromDomain, toDomain)) {
        add({
          ...base,
          rule: 'forbidden-dependency',
          locations: [...edge.locations],
          message: `${describeDomain(fromDomain)} may not depend on ${describeDomain(toDomain)}: imports ${edge.to}`,
          fix: forbiddenFix(fromDomain, toDomain, context.boundariesName),
        });
      } else if (!assignment.isEntry(toDomain, edge.to as ModuleId)) {
        add({
          ...base,
          rule: 'private-import',
          locations: [...edge.locations],
          message: `${edge.to} is internal to ${describeDomain(toDomain)}`,
          fix: `import it through ${toDomain}'s public entry (${entriesOf(boundaries, toDomain)}), or add it to domains.${toDomain}.entries in ${context.boundariesName}.`,
        });
      }
      continue;
    }
    if (WRITE_KINDS.has(edge.kind) && context.ownerOf) {
      const owner = context.ownerOf(edge.to);
      if (owner === undefined || owner === fromDomain || owner === SHARED_KERNEL) continue;
      add({
        rule: 'foreign-table-write',
        severity: 'error',
        kind: edge.kind as CheckedEdgeKind,
        from: edge.from,
        to: edge.to,
        fromDomain,
        toDomain: owner,
        locations: [...edge.locations],
        message: `${describeDomain(fromDomain)} ${edge.kind === 'ddl' ? 'changes the shape of' : 'writes'} table ${edge.to}, owned by ${owner}`,
        fix: `call ${owner}'s public API or publish an event ${owner} handles, or move the table's ownership in ${context.boundariesName}.`,
      });
    }
  }
  for (const violation of violations.values()) violation.locations.sort((a, b) => compareText(a.file, b.file) || a.line - b.line);
  return [...violations.values()].sort(compareViolations);
}

function forbiddenFix(fromDomain: string, toDomain: string, boundariesName: string): string {
  if (fromDomain === SHARED_KERNEL) {
    return `the shared kernel may use no domain: move the code it needs into the shared kernel, or move this module into ${toDomain}.`;
  }
  return `use ${toDomain} through an allowed domain, publish an event instead of calling it, or allow the dependency: add "${toDomain}" to domains.${fromDomain}.dependsOn in ${boundariesName}.`;
}

/** Orders violations by domain pair, then file, line, target and rule. */
export function compareViolations(a: Violation, b: Violation): number {
  return (
    compareText(a.fromDomain, b.fromDomain) ||
    compareText(a.toDomain, b.toDomain) ||
    compareText(a.from, b.from) ||
    (a.locations[0]?.line ?? 0) - (b.locations[0]?.line ?? 0) ||
    compareText(a.to, b.to) ||
    compareText(a.kind, b.kind) ||
    compareText(a.rule, b.rule)
  );
}
