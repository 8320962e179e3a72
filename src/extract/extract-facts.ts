import fs from 'node:fs';
import os from 'node:os';
import { createFileFacts, type FileFacts, type ModuleId } from '../model/facts.js';
import { createDiagnostic, DIAGNOSTIC_CODES } from '../model/diagnostics.js';
import type { Diagnostic } from '../model/result.js';
import type { AnyAnalyzer, ProjectInfo } from '../plugin/index.js';
import type { DiscoveredFile, DiscoveredResource } from '../discover/discover-files.js';
import { describeError } from '../discover/discover-files.js';
import { readText } from '../io/read-text.js';
import { toStamp, type FactsCache } from '../cache/facts-cache.js';
import { countLinesOfCode, createLineIndex } from './parse-file.js';
import { extractFile, toExtractContext, type ExtractContext, type FileOutcome } from './extract-file.js';
import { extractInParallel } from './parallel-extract.js';

/** What extraction produced. */
export interface Extraction {
  facts: FileFacts[];
  /** Facts of schema resources (Prisma schemas, SQL files): tables, definitions, foreign keys; never module nodes. */
  resourceFacts: FileFacts[];
  /** Files dropped at read time (generated, binary, unreadable). */
  skippedFiles: number;
  diagnostics: Diagnostic[];
  /** Deferrable analyzers put off, by module (only with `defer`); completeDeferred runs those that are needed. */
  deferred: Map<ModuleId, string[]>;
}

/** How extraction runs. */
export interface ExtractOptions {
  /** Per-file facts cached by content hash: a file whose text is unchanged is not parsed again. */
  cache?: FactsCache;
  /**
   * Worker threads that extract while the main thread collects (0: none, the main thread
   * parses). Absent: one per core (at most 4), and only for trees of at least
   * PARALLEL_MIN_FILES files, where the start-up of workers pays for itself.
   */
  workers?: number;
  /** Put off deferrable analyzers where no other analyzer materialised the AST (see completeDeferred). */
  defer?: boolean;
  /** With workers, the main thread parses too (faster where cores are idle; see ParallelOptions). */
  mainThreadParses?: boolean;
}

/** Progress callback: files done so far out of the total. */
export type ExtractProgress = (done: number, total: number) => void;

/** Trees smaller than this are extracted on the main thread alone unless workers are asked for. */
export const PARALLEL_MIN_FILES = 2500;

/** How many workers to start when the caller did not say: one per core, at most 4, on trees big enough. */
export function defaultWorkers(files: number): number {
  if (files < PARALLEL_MIN_FILES) return 0;
  return Math.max(1, Math.min(4, os.availableParallelism()));
}

/**
 * Reads and parses each file once and lets every enabled analyzer add facts from that one
 * parse. Generated and binary files are dropped; a parse error or a failing analyzer becomes a
 * diagnostic and the run goes on with the rest. With workers, they claim files one at a time
 * while the main thread collects (see extractInParallel); the result is the same as on one thread.
 */
export function extractFacts(
  files: DiscoveredFile[],
  analyzers: readonly AnyAnalyzer[],
  project: ProjectInfo,
  onProgress?: ExtractProgress,
  extractOptions: ExtractOptions = {},
): Extraction {
  const cache = extractOptions.cache;
  const context: ExtractContext = {
    ...toExtractContext(analyzers, project, cache !== undefined),
    defer: extractOptions.defer === true,
    ...(cache === undefined ? {} : { isCached: (id: string, hash: string) => cache.hashOf(id) === hash }),
  };
  // Files whose stamp is the one the cache recorded with their hash are not read: their facts are the cached ones.
  const known = cache === undefined ? [] : files.map((file) => knownOutcome(cache, file));
  const pending = cache === undefined ? files : files.filter((_, index) => known[index] === undefined);
  const workers = extractOptions.workers ?? defaultWorkers(pending.length);
  const done = files.length - pending.length;
  const progress = onProgress === undefined ? undefined : (finished: number) => onProgress(done + finished, files.length);
  const extracted =
    workers > 0 && pending.length > 0
      ? extractInParallel(pending, context, project, {
          workers,
          ...(progress === undefined ? {} : { onProgress: progress }),
          ...(cache === undefined ? {} : { cachedHashes: cachedHashes(cache, pending) }),
          mainThreadParses: extractOptions.mainThreadParses === true,
        })
      : pending.map((file, index) => {
          progress?.(index + 1);
          return extractFile(file, context);
        });
  let next = 0;
  const outcomes = pending === files ? extracted : files.map((_, index) => known[index] ?? (extracted[next++] as FileOutcome));
  const extraction: Extraction = { facts: [], resourceFacts: [], skippedFiles: 0, diagnostics: [], deferred: new Map() };
  files.forEach((file, index) => {
    let outcome = outcomes[index] as FileOutcome;
    const cached = outcome.hash === undefined ? undefined : cache?.get(file.id, outcome.hash);
    if (cached !== undefined) {
      if (outcome.stamp !== undefined) cache?.restamp(file.id, outcome.stamp);
      extraction.facts.push(cached.facts);
      extraction.diagnostics.push(...cached.diagnostics);
      if (cached.deferred !== undefined) extraction.deferred.set(file.id, cached.deferred);
      return;
    }
    // The cache named the file but its entry is unusable (malformed): extract it after all.
    if (outcome.cached) outcome = extractFile(file, { ...context, isCached: undefined });
    if (outcome.skipped) extraction.skippedFiles += 1;
    extraction.diagnostics.push(...outcome.diagnostics);
    if (outcome.facts === undefined) return;
    extraction.facts.push(outcome.facts);
    if (outcome.deferred !== undefined) extraction.deferred.set(file.id, outcome.deferred);
    if (outcome.hash !== undefined) {
      cache?.set(file.id, { hash: outcome.hash, facts: outcome.facts, diagnostics: outcome.diagnostics, ...(outcome.deferred === undefined ? {} : { deferred: outcome.deferred }) }, outcome.stamp);
    }
  });
  return extraction;
}

/**
 * Runs the deferred analyzers on the modules that need their facts (`needed`), in a second
 * parse, and adds those facts to the extraction (and to the cache, so a warm run has them).
 */
export function completeDeferred(
  extraction: Extraction,
  files: readonly DiscoveredFile[],
  analyzers: readonly AnyAnalyzer[],
  project: ProjectInfo,
  needed: ReadonlySet<ModuleId>,
  extractOptions: Pick<ExtractOptions, 'cache' | 'workers'> = {},
): void {
  const due = files.filter((file) => needed.has(file.id) && extraction.deferred.has(file.id));
  if (due.length === 0) return;
  const ids = new Set(due.flatMap((file) => extraction.deferred.get(file.id) ?? []));
  const second = extractFacts(due, analyzers.filter((analyzer) => ids.has(analyzer.id)), project, undefined, {
    ...(extractOptions.workers === undefined ? {} : { workers: extractOptions.workers }),
  });
  const factsById = new Map(extraction.facts.map((facts) => [facts.module, facts]));
  const cache = extractOptions.cache;
  for (const added of second.facts) {
    const facts = factsById.get(added.module);
    if (facts === undefined) continue;
    mergeFacts(facts, added);
    extraction.deferred.delete(added.module);
    const entry = cache?.peek(added.module);
    if (entry !== undefined && entry.facts === facts) {
      // The entry holds the same facts object, now complete: it only loses its deferred mark and gains the diagnostics.
      const diagnostics = second.diagnostics.filter((diagnostic) => diagnostic.file === added.module && !FIRST_PASS_CODES.has(diagnostic.code));
      cache?.set(added.module, { hash: entry.hash, facts, diagnostics: [...entry.diagnostics, ...diagnostics] });
    }
  }
  // What concerns the file as a whole (a syntax error) was reported by the first pass.
  extraction.diagnostics.push(...second.diagnostics.filter((diagnostic) => !FIRST_PASS_CODES.has(diagnostic.code)));
}

/** Diagnostics about a file as a whole, which a second pass on it would repeat. */
const FIRST_PASS_CODES = new Set<string>([DIAGNOSTIC_CODES.parseError, DIAGNOSTIC_CODES.unreadableFile, DIAGNOSTIC_CODES.binaryFile]);

/** Adds the array facts of a second pass on a file to its first-pass facts. */
function mergeFacts(into: FileFacts, from: FileFacts): void {
  const target = into as unknown as Record<string, unknown>;
  for (const [key, value] of Object.entries(from)) {
    if (!Array.isArray(value) || value.length === 0) continue;
    const existing = target[key];
    if (Array.isArray(existing)) existing.push(...(value as unknown[]));
  }
}

/** A cached outcome for a file the cache can vouch for by its stamp alone (see FactsCache.trustedHash). */
function knownOutcome(cache: FactsCache, file: DiscoveredFile): FileOutcome | undefined {
  if (cache.hashOf(file.id) === undefined) return undefined;
  let stat: fs.Stats | undefined;
  try {
    stat = fs.statSync(file.absolutePath, { throwIfNoEntry: false });
  } catch {
    return undefined;
  }
  if (stat === undefined) return undefined;
  const hash = cache.trustedHash(file.id, toStamp(stat));
  return hash === undefined ? undefined : { hash, cached: true, diagnostics: [] };
}

/** The hashes the cache holds for these files, for workers (which cannot reach the cache itself). */
function cachedHashes(cache: FactsCache, files: readonly DiscoveredFile[]): Record<string, string> {
  const hashes: Record<string, string> = {};
  for (const file of files) {
    const hash = cache.hashOf(file.id);
    if (hash !== undefined) hashes[file.id] = hash;
  }
  return hashes;
}

/** Lets analyzers that read resources (Prisma schemas, SQL files) add their facts; a failure is a diagnostic. */
export function extractResourceFacts(
  resources: DiscoveredResource[],
  analyzers: readonly AnyAnalyzer[],
  project: ProjectInfo,
  extraction: Extraction,
): void {
  const enabled = analyzers.filter((analyzer) => analyzer.visitResource && analyzer.isEnabled(project));
  if (enabled.length === 0) return;
  for (const resource of resources) {
    let text: string;
    try {
      text = readText(resource.absolutePath);
    } catch (error) {
      extraction.diagnostics.push(createDiagnostic(DIAGNOSTIC_CODES.unreadableFile, `Cannot read file: ${describeError(error)}.`, resource.id));
      continue;
    }
    const lineOf = createLineIndex(text);
    const facts = createFileFacts(resource.id as FileFacts['module'], countLinesOfCode(text));
    for (const analyzer of enabled) {
      try {
        analyzer.visitResource?.(
          { id: resource.id, kind: resource.kind, text, lineOf },
          { options: analyzer.options.parse({}), facts, project, report: (d: Diagnostic) => extraction.diagnostics.push(d) },
        );
      } catch (error) {
        extraction.diagnostics.push(
          createDiagnostic(DIAGNOSTIC_CODES.analyzerFailed, `Analyzer "${analyzer.id}" failed on this file (${describeError(error)}). This is a seams bug: please report it with the file.`, resource.id),
        );
      }
    }
    extraction.resourceFacts.push(facts);
  }
}
