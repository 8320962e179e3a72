import type { Diagnostic } from './result.js';

/** Stable codes of per-file diagnostics (problems with the input; the run goes on). */
export const DIAGNOSTIC_CODES = {
  parseError: 'parse-error',
  unresolvedImport: 'unresolved-import',
  tsconfigExtendsMissing: 'tsconfig-extends-missing',
  tsconfigUnreadable: 'tsconfig-unreadable',
  packageJsonUnreadable: 'package-json-unreadable',
  fileTooLarge: 'file-too-large',
  binaryFile: 'binary-file',
  unreadableFile: 'unreadable-file',
  symlinkLoop: 'symlink-loop',
  workspaceUnresolved: 'workspace-unresolved',
  analyzerFailed: 'analyzer-failed',
  sqlUnparsed: 'sql-unparsed',
  sqlDynamicTable: 'sql-dynamic-table',
  tableUnresolved: 'table-unresolved',
  schemaUnparsed: 'schema-unparsed',
  typePassFailed: 'type-pass-failed',
} as const;

/** A diagnostic code. */
export type DiagnosticCode = (typeof DIAGNOSTIC_CODES)[keyof typeof DIAGNOSTIC_CODES];

/** Creates a diagnostic; `file` is a POSIX path relative to the analyzed root. */
export function createDiagnostic(code: DiagnosticCode, message: string, file?: string, line?: number): Diagnostic {
  const diagnostic: Diagnostic = { code, message };
  if (file !== undefined) diagnostic.file = file;
  if (line !== undefined) diagnostic.line = line;
  return diagnostic;
}

/** Sorts diagnostics by file, line, code and message, for a deterministic result. */
export function sortDiagnostics(diagnostics: Diagnostic[]): Diagnostic[] {
  return [...diagnostics].sort(
    (a, b) =>
      compareText(a.file ?? '', b.file ?? '') ||
      (a.line ?? 0) - (b.line ?? 0) ||
      compareText(a.code, b.code) ||
      compareText(a.message, b.message),
  );
}

/** Locale-independent string comparison (code-unit order), so sorting is the same everywhere. */
export function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
