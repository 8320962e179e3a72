import fs from 'node:fs';
import path from 'node:path';
import { analyzers as registeredAnalyzers } from '../../analyzers/index.js';
import { loadFactsCache, type FactsCacheStats } from '../cache/facts-cache.js';
import { discoverFiles } from '../discover/discover-files.js';
import { loadProjectLayout } from '../discover/project-layout.js';
import { SeamsError } from '../errors.js';
import { extractFacts, extractResourceFacts } from '../extract/extract-facts.js';
import { buildGraph, createCachedResolve } from '../graph/build-graph.js';
import { addTableEdges } from '../graph/table-edges.js';
import type { FileFacts, ModuleId } from '../model/facts.js';
import type { Diagnostic } from '../model/result.js';
import { createImportResolver } from '../resolve/resolve-imports.js';
import { linkTables } from '../tables/link-tables.js';
import { SEAMS_VERSION } from '../version.js';
import { assignDomains, createTableOwners } from './assign-domains.js';
import { compareWithBaseline, defaultBaselineFile, loadBaseline, toUpdatedBaseline, type BaselineEntry } from './baseline.js';
import { listChangedFiles } from './changed-files.js';
import { toConfigError } from './data-file.js';
import { BOUNDARIES_HINT, loadBoundaries, toDisplayName } from './load-boundaries.js';
import { checkEdges, type Violation } from './rules.js';

/** Options of one lint run. */
export interface LintOptions {
  /** The repository root (absolute or relative to the working directory). */
  root: string;
  /** The boundaries file (relative to root); default: seams.boundaries.json/.yaml in root. */
  boundaries?: string;
  /** The baseline file (relative to root); default: seams.baseline.json beside the boundaries file. */
  baseline?: string;
  /** Also check table writes against ownership (runs the SQL analyzer). */
  tables?: boolean;
  /** Check only edges from files changed since this git ref. */
  changedSince?: string;
  /** Cache per-file facts under .seams-cache/ (default true). */
  cache?: boolean;
}

/** Which files a run checked. */
export type LintScope =
  | { kind: 'full'; reason?: string }
  | { kind: 'changed'; ref: string; changedFiles: number };

/** Everything a lint run found; renderers and the CLI read it. */
export interface LintReport {
  /** Boundaries and baseline file names as messages show them. */
  boundariesFile: string;
  baselineFile: string;
  /** Absolute path of the baseline, for --update-baseline. */
  baselinePath: string;
  scope: LintScope;
  /** Files analyzed, files whose edges were checked, files in no domain (not checked). */
  files: number;
  checkedFiles: number;
  unassignedFiles: number;
  /** The files in no domain (not checked). */
  unassigned: string[];
  domains: { name: string; files: number }[];
  /** Violations not in the baseline: they fail the run. */
  violations: Violation[];
  /** Violations the baseline knows. */
  known: Violation[];
  /** Reported, never failing (type-only imports under "warn"). */
  warnings: Violation[];
  /** Baseline entries no longer violated. */
  stale: BaselineEntry[];
  /** The baseline as loaded, and as --update-baseline would write it. */
  baseline: BaselineEntry[];
  updatedBaseline: BaselineEntry[];
  /** Problems with the input (unresolved imports, syntax errors): those imports are not checked. */
  diagnostics: Diagnostic[];
  cache?: FactsCacheStats & { note?: string };
}

/** Changes that make every edge worth re-checking, even under --changed-since. */
function needsFullCheck(changed: readonly string[], boundariesFile: string): string | undefined {
  const trigger = changed.find((file) => file === boundariesFile || /(^|\/)(tsconfig[^/]*\.json|package\.json)$/.test(file));
  return trigger === undefined ? undefined : `${trigger} changed, so every file is checked`;
}

function assertDirectory(root: string): void {
  if (!fs.existsSync(root)) throw new SeamsError('not-found', `Directory not found: ${root}. Give the path of the repository to lint.`);
  if (!fs.statSync(root).isDirectory()) throw new SeamsError('usage', `Not a directory: ${root}. Give the path of the repository to lint.`);
}

/**
 * Lints a repository against its boundaries file: discover → extract (imports only, unless
 * tables are checked; facts cached by content hash) → resolve → module graph with barrels
 * followed → rules → baseline. No clustering. Configuration problems throw (exit code 2);
 * per-file problems are diagnostics and the run goes on.
 */
export function lint(options: LintOptions): LintReport {
  const root = path.resolve(options.root);
  assertDirectory(root);
  const boundaries = loadBoundaries(root, options.boundaries);
  const baselinePath = options.baseline !== undefined ? path.resolve(root, options.baseline) : defaultBaselineFile(boundaries.file);

  let scope: LintScope = { kind: 'full' };
  let changed: Set<string> | undefined;
  if (options.changedSince !== undefined) {
    const files = listChangedFiles(root, options.changedSince);
    const reason = needsFullCheck(files, toDisplayName(root, boundaries.file));
    if (reason !== undefined) scope = { kind: 'full', reason };
    else {
      changed = new Set(files);
      scope = { kind: 'changed', ref: options.changedSince, changedFiles: files.length };
    }
  }

  const discovery = discoverFiles({ root, include: [], exclude: boundaries.value.exclude ?? [], defaultExcludes: true });
  const layout = loadProjectLayout(root, discovery);

  const analyzers = options.tables ? [registeredAnalyzers.imports, registeredAnalyzers.sql] : [registeredAnalyzers.imports];
  const project = { dependencies: layout.dependencies };
  const cache = options.cache === false ? undefined : loadFactsCache(root, { seamsVersion: SEAMS_VERSION, analyzers: analyzers.map((analyzer) => analyzer.id) });
  const extraction = extractFacts(discovery.files, analyzers, project, undefined, { cache });
  if (options.tables) extractResourceFacts(discovery.resources, analyzers, project, extraction);
  const cacheNote = cache?.save({ prune: true });
  const assignment = assignDomains(extraction.facts.map((facts) => facts.module), boundaries);

  const modulesByPath = new Map<string, ModuleId>();
  const analyzed = new Set(extraction.facts.map((facts) => facts.module));
  for (const file of discovery.files) if (analyzed.has(file.id)) modulesByPath.set(file.absolutePath, file.id);
  const resolver = createImportResolver(layout, modulesByPath);
  const resolve = createCachedResolve(resolver);
  const checked = changed;
  const graphFacts: FileFacts[] = checked === undefined ? extraction.facts : extraction.facts.map((facts) => (checked.has(facts.module) ? facts : { ...facts, imports: [] }));
  const graph = buildGraph(graphFacts, resolve);

  let ownerOf: ((table: string) => string | undefined) | undefined;
  const diagnostics: Diagnostic[] = [...extraction.diagnostics, ...resolver.diagnostics, ...graph.diagnostics];
  if (options.tables) {
    const linked = linkTables(extraction.facts, extraction.resourceFacts, resolve);
    addTableEdges(graph, linked);
    diagnostics.push(...linked.diagnostics);
    const owners = createTableOwners(boundaries.value);
    const unmatched = owners.patterns.filter((entry) => !linked.tables.some((table) => entry.matches(table)));
    if (unmatched.length > 0) {
      throw toConfigError(
        boundaries.name,
        unmatched.map((entry) => ({
          ...boundaries.locate(entry.at),
          message: `table "${entry.pattern}" matches no table seams sees (accessed in code, or declared by a schema, migration or entity); check the name (schema-qualified when not public) or remove it`,
        })),
        BOUNDARIES_HINT,
      );
    }
    ownerOf = owners.ownerOf;
  }

  const all = checkEdges(graph.edges, {
    boundaries: boundaries.value,
    assignment,
    ownerOf,
    checkFrom: checked === undefined ? undefined : (module) => checked.has(module),
    boundariesName: boundaries.name,
  });
  const baseline = loadBaseline(root, baselinePath);
  const comparison = compareWithBaseline(all, baseline, checked === undefined ? () => true : (from) => checked.has(from));
  const report: LintReport = {
    boundariesFile: boundaries.name,
    baselineFile: toDisplayName(root, baselinePath),
    baselinePath,
    scope,
    files: extraction.facts.length,
    checkedFiles: checked === undefined ? extraction.facts.length : extraction.facts.filter((facts) => checked.has(facts.module)).length,
    unassignedFiles: assignment.unassigned.length,
    unassigned: [...assignment.unassigned],
    domains: [...assignment.sizes].map(([name, files]) => ({ name, files })).sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0)),
    violations: comparison.fresh,
    known: comparison.known,
    warnings: all.filter((violation) => violation.severity === 'warning'),
    stale: comparison.stale,
    baseline,
    updatedBaseline: toUpdatedBaseline(baseline, comparison),
    diagnostics,
  };
  if (cache) report.cache = cacheNote === undefined ? { ...cache.stats } : { ...cache.stats, note: cacheNote };
  return report;
}
