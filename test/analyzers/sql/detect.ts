import { sqlAnalyzer } from '../../../analyzers/sql/index.js';
import { parseFile } from '../../../src/extract/parse-file.js';
import { createFileFacts, toModuleId, type FileFacts, type TableAccessFact } from '../../../src/model/facts.js';
import type { Diagnostic } from '../../../src/model/result.js';

/** Runs the sql analyzer (every detector) on one file's text. */
export function detect(text: string, file = 'src/a.ts'): { facts: FileFacts; diagnostics: Diagnostic[] } {
  const facts = createFileFacts(toModuleId(file), 0);
  const diagnostics: Diagnostic[] = [];
  sqlAnalyzer.visit(parseFile(toModuleId(file), text), { options: {}, facts, report: (d) => diagnostics.push(d) });
  return { facts, diagnostics };
}

/** An access as a compact row for table-driven assertions: `line mode target via`. */
export function toRow(access: TableAccessFact): string {
  const target =
    access.target.kind === 'table'
      ? access.target.table
      : access.target.kind === 'model'
        ? `${access.target.orm}:${access.target.model}`
        : access.target.kind === 'parameter'
          ? `${access.target.function}(${access.target.application}.${access.target.argument})`
          : `${access.target.specifier ? `${access.target.specifier}#` : ''}${access.target.symbol}`;
  return `${access.line} ${access.mode} ${target}${access.expandSql ? ' (sql)' : ''} ${access.via}${access.confidence < 1 ? ` ${access.confidence}` : ''}`;
}

/** The rows of one detector (by via), sorted by line then text. */
export function rowsOf(text: string, via: string, file?: string): string[] {
  return detect(text, file).facts.tableAccesses
    .filter((access) => access.via === via)
    .map(toRow)
    .sort((a, b) => Number.parseInt(a, 10) - Number.parseInt(b, 10) || (a < b ? -1 : a > b ? 1 : 0));
}
