import { createFileFacts, type FileFacts } from '../model/facts.js';
import { createDiagnostic, DIAGNOSTIC_CODES } from '../model/diagnostics.js';
import type { Diagnostic } from '../model/result.js';
import type { AnyAnalyzer, ProjectInfo } from '../plugin/index.js';
import type { DiscoveredFile } from '../discover/discover-files.js';
import { describeError, MAX_FILE_BYTES } from '../discover/discover-files.js';
import { isBinaryText, isGeneratedSource } from '../discover/generated.js';
import { readTextUpTo } from '../io/read-text.js';
import { hashText, toStamp } from '../cache/facts-cache.js';
import { countLinesOfCode, parseFile } from './parse-file.js';

/** What extracting one file gave; files are assembled in discovery order, whichever thread did them. */
export interface FileOutcome {
  /** The file's facts; absent when it was dropped (unreadable, binary, generated). */
  facts?: FileFacts;
  diagnostics: Diagnostic[];
  /** Dropped as binary or generated (counted in `skippedFiles`). */
  skipped?: boolean;
  /** Content hash, when a cache is in use. */
  hash?: string;
  /** The file's stamp when it was read (see toStamp), when a cache is in use. */
  stamp?: string;
  /** The facts came from the cache (nothing to store). */
  cached?: boolean;
  /** Deferrable analyzers put off for this file (see Analyzer.deferrable). */
  deferred?: string[];
}

/** The analyzers of one extraction, with their parsed options. */
export interface ExtractContext {
  analyzers: readonly AnyAnalyzer[];
  options: ReadonlyMap<string, unknown>;
  project: ProjectInfo;
  /** Hash every file (a cache is in use). */
  hash: boolean;
  /** Put off deferrable analyzers where no other analyzer materialised the AST. */
  defer?: boolean;
  /** True when the cache holds facts for this file at this hash. */
  isCached?(id: string, hash: string): boolean;
}

/** The enabled analyzers with their default options. */
export function toExtractContext(analyzers: readonly AnyAnalyzer[], project: ProjectInfo, hash: boolean): ExtractContext {
  const enabled = analyzers.filter((analyzer) => analyzer.isEnabled(project));
  return { analyzers: enabled, options: new Map(enabled.map((analyzer) => [analyzer.id, analyzer.options.parse({})])), project, hash };
}

/**
 * Reads, parses and lets every analyzer add facts from that one parse. A parse error or a
 * failing analyzer becomes a diagnostic and the rest of the file's facts stand.
 */
export function extractFile(file: Pick<DiscoveredFile, 'id' | 'absolutePath'>, context: ExtractContext): FileOutcome {
  let read: ReturnType<typeof readTextUpTo>;
  try {
    read = readTextUpTo(file.absolutePath, MAX_FILE_BYTES);
  } catch (error) {
    return { diagnostics: [createDiagnostic(DIAGNOSTIC_CODES.unreadableFile, `Cannot read file: ${describeError(error)}.`, file.id)] };
  }
  if (!('text' in read)) {
    return {
      skipped: true,
      diagnostics: [
        createDiagnostic(
          DIAGNOSTIC_CODES.fileTooLarge,
          `File has ${read.size} bytes, over the ${MAX_FILE_BYTES}-byte limit; not analyzed. If it is generated or bundled code, exclude it with --exclude.`,
          file.id,
        ),
      ],
    };
  }
  const text = read.text;
  if (isBinaryText(text)) {
    return {
      skipped: true,
      diagnostics: [createDiagnostic(DIAGNOSTIC_CODES.binaryFile, 'File has a source extension but binary content (a NUL byte); not analyzed.', file.id)],
    };
  }
  if (isGeneratedSource(file.id, text)) return { skipped: true, diagnostics: [] };
  const hash = context.hash ? hashText(text) : undefined;
  const stamp = hash === undefined ? {} : { stamp: toStamp(read.stat) };
  if (hash !== undefined && context.isCached?.(file.id, hash)) return { hash, ...stamp, cached: true, diagnostics: [] };
  const diagnostics: Diagnostic[] = [];
  const parsed = parseFile(file.id, text);
  const firstError = parsed.errors.find((error) => error.severity === 'Error');
  if (firstError) {
    const offset = firstError.labels[0]?.start;
    diagnostics.push(
      createDiagnostic(
        DIAGNOSTIC_CODES.parseError,
        `Syntax error: ${firstError.message}. What could be read is still used; fix the syntax (or exclude the file) for complete results.`,
        file.id,
        offset === undefined ? undefined : parsed.lineOf(offset),
      ),
    );
  }
  const facts = createFileFacts(file.id, countLinesOfCode(text));
  // Deferrable analyzers go last, when the others have shown whether the AST is needed anyway.
  const later = context.defer ? context.analyzers.filter((analyzer) => analyzer.deferrable?.(parsed) === true) : [];
  const deferred: string[] = [];
  const order = later.length === 0 ? context.analyzers : [...context.analyzers.filter((analyzer) => !later.includes(analyzer)), ...later];
  for (const analyzer of order) {
    if (later.includes(analyzer) && !parsed.programLoaded) {
      deferred.push(analyzer.id);
      continue;
    }
    try {
      analyzer.visit(parsed, { options: context.options.get(analyzer.id), facts, project: context.project, report: (d: Diagnostic) => diagnostics.push(d) });
    } catch (error) {
      diagnostics.push(
        createDiagnostic(
          DIAGNOSTIC_CODES.analyzerFailed,
          `Analyzer "${analyzer.id}" failed on this file (${describeError(error)}); its facts for the file are incomplete. This is a seams bug: please report it with the file.`,
          file.id,
        ),
      );
    }
  }
  return { facts, diagnostics, ...(hash === undefined ? {} : { hash, ...stamp }), ...(deferred.length === 0 ? {} : { deferred }) };
}
