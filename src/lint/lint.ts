import fs from 'node:fs';
import path from 'node:path';
import { importsAnalyzer } from '../../analyzers/imports/index.js';
import type { AnyAnalyzer } from '../plugin/index.js';
import { loadFactsCache, type FactsCacheStats } from '../cache/facts-cache.js';
import { discoverFiles, type DiscoveredFile } from '../discover/discover-files.js';
import { loadProjectLayout } from '../discover/project-layout.js';
import { SeamsError } from '../errors.js';
import { extractFacts, extractResourceFacts, type Extraction } from '../extract/extract-facts.js';
import { buildGraph, createCachedResolve } from '../graph/build-graph.js';
import { addTableEdges } from '../graph/table-edges.js';
import type { FileFacts, ModuleId } from '../model/facts.js';
import type { Diagnostic } from '../model/result.js';
import { createImportResolver, type ImportResolver, type Resolution } from '../resolve/resolve-imports.js';
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
  /** Also check table writes against ownership (runs `tableAnalyzer`). */
  tables?: boolean;
  /** The sql analyzer, for `tables` (loaded by the caller only then: it brings the SQL parser). */
  tableAnalyzer?: AnyAnalyzer;
  /** Check only edges from files changed since this git ref. */
  changedSince?: string;
  /** Check only edges from these files (POSIX, relative to root), as a caller that knows them says; ignored with `changedSince`. */
  changedFiles?: string[];
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

/**
 * Extracts only what a check of `start`'s imports needs: the changed files, the modules they
 * import, and the re-export chains of those (to follow barrels). Everything else stays unread.
 */
function extractReachable(
  files: readonly DiscoveredFile[],
  start: ReadonlySet<string>,
  extract: (files: DiscoveredFile[]) => Extraction,
  resolve: (from: ModuleId, specifier: string) => Resolution,
): Extraction {
  const byId = new Map(files.map((file) => [file.id as string, file]));
  const result: Extraction = { facts: [], resourceFacts: [], skippedFiles: 0, diagnostics: [], deferred: new Map() };
  const seen = new Set<string>();
  let frontier = [...start].filter((id) => byId.has(id));
  for (const id of frontier) seen.add(id);
  while (frontier.length > 0) {
    const batch = extract(frontier.map((id) => byId.get(id) as DiscoveredFile));
    result.facts.push(...batch.facts);
    result.diagnostics.push(...batch.diagnostics);
    result.skippedFiles += batch.skippedFiles;
    const next: string[] = [];
    for (const facts of batch.facts) {
      const specifiers = [
        ...(start.has(facts.module) ? facts.imports.map((fact) => fact.specifier) : []),
        ...facts.exports.flatMap((fact) => (fact.from === undefined ? [] : [fact.from])),
        ...facts.exportStars.map((star) => star.specifier),
      ];
      for (const specifier of specifiers) {
        const resolution = resolve(facts.module, specifier);
        if (resolution.kind !== 'module' || seen.has(resolution.target)) continue;
        seen.add(resolution.target);
        next.push(resolution.target);
      }
    }
    frontier = next;
  }
  return result;
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
  const changedFiles = options.changedSince !== undefined ? listChangedFiles(root, options.changedSince) : options.changedFiles;
  if (changedFiles !== undefined) {
    const reason = needsFullCheck(changedFiles, toDisplayName(root, boundaries.file));
    if (reason !== undefined) scope = { kind: 'full', reason };
    else {
      changed = new Set(changedFiles);
      scope = { kind: 'changed', ref: options.changedSince ?? '(given files)', changedFiles: changedFiles.length };
    }
  }

  const discovery = discoverFiles({ root, include: [], exclude: boundaries.value.exclude ?? [], defaultExcludes: true });
  const layout = loadProjectLayout(root, discovery);

  if (options.tables && options.tableAnalyzer === undefined) throw new SeamsError('internal', 'lint: checking tables needs the sql analyzer (tableAnalyzer).');
  const analyzers = options.tables && options.tableAnalyzer ? [importsAnalyzer, options.tableAnalyzer] : [importsAnalyzer];
  const project = { dependencies: layout.dependencies };
  const cache = options.cache === false ? undefined : loadFactsCache(root, { seamsVersion: SEAMS_VERSION, analyzers: analyzers.map((analyzer) => analyzer.id) });
  const checked = changed;
  const lazy = checked !== undefined && !options.tables;
  const extract = (files: DiscoveredFile[]): Extraction => extractFacts(files, analyzers, project, undefined, { cache });
  const modulesByPath = new Map<string, ModuleId>();
  let extraction: Extraction;
  let resolver: ImportResolver;
  let resolve: (from: ModuleId, specifier: string) => Resolution;
  if (lazy) {
    for (const file of discovery.files) modulesByPath.set(file.absolutePath, file.id);
    resolver = createImportResolver(layout, modulesByPath);
    resolve = createCachedResolve(resolver);
    extraction = extractReachable(discovery.files, checked, extract, resolve);
  } else {
    extraction = extract(discovery.files);
    if (options.tables) extractResourceFacts(discovery.resources, analyzers, project, extraction);
    const analyzed = new Set(extraction.facts.map((facts) => facts.module));
    for (const file of discovery.files) if (analyzed.has(file.id)) modulesByPath.set(file.absolutePath, file.id);
    resolver = createImportResolver(layout, modulesByPath);
    resolve = createCachedResolve(resolver);
  }
  const cacheNote = cache?.save({ prune: !lazy });
  const assignment = assignDomains(lazy ? discovery.files.map((file) => file.id) : extraction.facts.map((facts) => facts.module), boundaries);

  const graphFacts: FileFacts[] = checked === undefined ? extraction.facts : extraction.facts.map((facts) => (checked.has(facts.module) ? facts : { ...facts, imports: [] }));
  const graph = buildGraph(graphFacts, resolve);
  if (lazy) {
    const analyzed = new Set(extraction.facts.map((facts) => facts.module as string));
    graph.edges = graph.edges.filter((edge) => analyzed.has(edge.to));
  }

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
    files: lazy ? discovery.files.length : extraction.facts.length,
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
