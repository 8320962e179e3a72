import { parseSync, type ParserOptions } from 'oxc-parser';
import type { ModuleId } from '../model/facts.js';
import type { ParsedFile, SourceLanguage } from '../plugin/index.js';

/** The language a file is parsed as, from its extension. `.js` is parsed as JSX: React code often uses it. */
export function toSourceLanguage(id: string): SourceLanguage {
  if (/\.[cm]?ts$/.test(id)) return 'ts';
  if (id.endsWith('.tsx')) return 'tsx';
  return 'jsx';
}

/** Offsets at which each line starts. */
function toLineStarts(text: string): number[] {
  const starts = [0];
  for (let index = text.indexOf('\n'); index !== -1; index = text.indexOf('\n', index + 1)) starts.push(index + 1);
  return starts;
}

/** A function from a UTF-16 offset to its 1-based line; line starts are computed on first use. */
export function createLineIndex(text: string): (offset: number) => number {
  let lineStarts: number[] | undefined;
  return (offset: number): number => {
    lineStarts ??= toLineStarts(text);
    let low = 0;
    let high = lineStarts.length - 1;
    while (low < high) {
      const middle = (low + high + 1) >> 1;
      if ((lineStarts[middle] ?? 0) <= offset) low = middle;
      else high = middle - 1;
    }
    return low + 1;
  };
}

/** Counts non-blank lines. */
export function countLinesOfCode(text: string): number {
  let count = 0;
  for (const line of text.split('\n')) if (line.trim() !== '') count += 1;
  return count;
}

/**
 * Parses a file once with oxc. The module record is read eagerly (cheap); the AST is
 * materialised on first access only, so analyzers can skip it after a text pre-filter.
 */
export function parseFile(id: ModuleId, text: string): ParsedFile {
  const language = toSourceLanguage(id);
  const options: ParserOptions = { lang: language };
  if (id.endsWith('.cjs') || id.endsWith('.cts')) options.sourceType = 'commonjs';
  const result = parseSync(id, text, options);
  const lineOf = createLineIndex(text);
  let imported: Map<string, { specifier: string; importedName: string }> | undefined;
  let program: ParsedFile['program'] | undefined;
  const module = result.module;
  const errors = result.errors;
  const comments = result.comments;
  return {
    id,
    language,
    text,
    module,
    errors,
    comments,
    get program() {
      program ??= result.program;
      return program;
    },
    get programLoaded() {
      return program !== undefined;
    },
    importOf(localName: string) {
      if (!imported) {
        imported = new Map();
        for (const statement of module.staticImports) {
          for (const entry of statement.entries) {
            const importedName =
              entry.importName.kind === 'Name' ? (entry.importName.name ?? 'default') : entry.importName.kind === 'Default' ? 'default' : '*';
            imported.set(entry.localName.value, { specifier: statement.moduleRequest.value, importedName });
          }
        }
      }
      return imported.get(localName);
    },
    lineOf,
  };
}
