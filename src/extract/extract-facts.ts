import { createFileFacts, type FileFacts } from '../model/facts.js';
import { createDiagnostic, DIAGNOSTIC_CODES } from '../model/diagnostics.js';
import type { Diagnostic } from '../model/result.js';
import type { AnyAnalyzer, ProjectInfo } from '../plugin/index.js';
import type { DiscoveredFile, DiscoveredResource } from '../discover/discover-files.js';
import { describeError } from '../discover/discover-files.js';
import { isBinaryText, isGeneratedSource } from '../discover/generated.js';
import { readText } from '../io/read-text.js';
import { hashText, type FactsCache } from '../cache/facts-cache.js';
import { countLinesOfCode, createLineIndex, parseFile } from './parse-file.js';

/** What extraction produced. */
export interface Extraction {
  facts: FileFacts[];
  /** Facts of schema resources (Prisma schemas, SQL files): tables, definitions, foreign keys; never module nodes. */
  resourceFacts: FileFacts[];
  /** Files dropped at read time (generated, binary, unreadable). */
  skippedFiles: number;
  diagnostics: Diagnostic[];
}

/** How extraction runs. */
export interface ExtractOptions {
  /** Per-file facts cached by content hash: a file whose text is unchanged is not parsed again. */
  cache?: FactsCache;
}

/** Progress callback: files done so far out of the total. */
export type ExtractProgress = (done: number, total: number) => void;

/**
 * Reads and parses each file once and lets every enabled analyzer add facts from that one
 * parse. Generated and binary files are dropped; a parse error or a failing analyzer becomes a
 * diagnostic and the run goes on with the rest.
 */
export function extractFacts(
  files: DiscoveredFile[],
  analyzers: readonly AnyAnalyzer[],
  project: ProjectInfo,
  onProgress?: ExtractProgress,
  extractOptions: ExtractOptions = {},
): Extraction {
  const cache = extractOptions.cache;
  const enabled = analyzers.filter((analyzer) => analyzer.isEnabled(project));
  const options = new Map(enabled.map((analyzer) => [analyzer.id, analyzer.options.parse({})]));
  const extraction: Extraction = { facts: [], resourceFacts: [], skippedFiles: 0, diagnostics: [] };
  let done = 0;
  for (const file of files) {
    done += 1;
    onProgress?.(done, files.length);
    let text: string;
    try {
      text = readText(file.absolutePath);
    } catch (error) {
      extraction.diagnostics.push(createDiagnostic(DIAGNOSTIC_CODES.unreadableFile, `Cannot read file: ${describeError(error)}.`, file.id));
      continue;
    }
    if (isBinaryText(text)) {
      extraction.skippedFiles += 1;
      extraction.diagnostics.push(
        createDiagnostic(DIAGNOSTIC_CODES.binaryFile, 'File has a source extension but binary content (a NUL byte); not analyzed.', file.id),
      );
      continue;
    }
    if (isGeneratedSource(file.id, text)) {
      extraction.skippedFiles += 1;
      continue;
    }
    const hash = cache === undefined ? '' : hashText(text);
    const cached = cache?.get(file.id, hash);
    if (cached !== undefined) {
      extraction.facts.push(cached.facts);
      extraction.diagnostics.push(...cached.diagnostics);
      continue;
    }
    const fileDiagnostics: Diagnostic[] = [];
    const parsed = parseFile(file.id, text);
    const firstError = parsed.errors.find((error) => error.severity === 'Error');
    if (firstError) {
      const offset = firstError.labels[0]?.start;
      fileDiagnostics.push(
        createDiagnostic(
          DIAGNOSTIC_CODES.parseError,
          `Syntax error: ${firstError.message}. What could be read is still used; fix the syntax (or exclude the file) for complete results.`,
          file.id,
          offset === undefined ? undefined : parsed.lineOf(offset),
        ),
      );
    }
    const facts = createFileFacts(file.id, countLinesOfCode(text));
    for (const analyzer of enabled) {
      try {
        analyzer.visit(parsed, { options: options.get(analyzer.id), facts, report: (d: Diagnostic) => fileDiagnostics.push(d) });
      } catch (error) {
        fileDiagnostics.push(
          createDiagnostic(
            DIAGNOSTIC_CODES.analyzerFailed,
            `Analyzer "${analyzer.id}" failed on this file (${describeError(error)}); its facts for the file are incomplete. This is a seams bug: please report it with the file.`,
            file.id,
          ),
        );
      }
    }
    extraction.facts.push(facts);
    extraction.diagnostics.push(...fileDiagnostics);
    cache?.set(file.id, { hash, facts, diagnostics: fileDiagnostics });
  }
  return extraction;
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
          { options: analyzer.options.parse({}), facts, report: (d: Diagnostic) => extraction.diagnostics.push(d) },
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
