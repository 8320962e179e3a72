import { extractTableAccesses, isTemplateHole, type SqlDialectHint } from './sql-parse.js';
import { DIAGNOSTIC_CODES, type SqlDetectorContext, type SqlSource } from './detector.js';
import type { AnyNode } from './ast.js';
import type { TableReference } from './table-references.js';

/** Statements (after comments) that make a string SQL rather than some other text. */
const SQL_START = /^\s*(\(\s*)*(with|select|insert|update|delete|merge|truncate|create|alter|drop|begin|commit|rollback|start\s+transaction|savepoint|release|lock|copy|grant|revoke|comment\s+on|refresh|vacuum|explain|do|call|replace|values|table)\b/i;

/** Removes SQL comments at the start. */
function stripLeadingComments(text: string): string {
  let rest = text;
  for (;;) {
    const trimmed = rest.trimStart();
    if (trimmed.startsWith('--')) rest = trimmed.slice(trimmed.indexOf('\n') === -1 ? trimmed.length : trimmed.indexOf('\n'));
    else if (trimmed.startsWith('/*')) rest = trimmed.slice(trimmed.indexOf('*/') === -1 ? trimmed.length : trimmed.indexOf('*/') + 2);
    else return trimmed;
  }
}

/** True when a string reads as an SQL statement. */
export function looksLikeSql(text: string): boolean {
  return SQL_START.test(stripLeadingComments(text));
}

/** Confidence of accesses the regex fallback found in SQL the parser rejected. */
export const BEST_EFFORT_CONFIDENCE = 0.4;

/**
 * Records the accesses of SQL given to a sink at `at`: parses literal SQL (a diagnostic when it
 * cannot be parsed or names an interpolated table), or records a reference to an imported
 * constant for the link stage to expand.
 */
export function recordSql(
  context: SqlDetectorContext,
  source: SqlSource | undefined,
  at: AnyNode,
  options: { hint?: SqlDialectHint; requireSqlShape?: boolean; references?: ReadonlyMap<string, TableReference> } = {},
): void {
  if (!source) return;
  if (source.kind === 'symbol') {
    context.addAccess({ kind: 'symbol', symbol: source.symbol, specifier: source.specifier }, 'read', at, { expandSql: true, confidence: 0.9 });
    return;
  }
  if ((options.requireSqlShape ?? true) && !looksLikeSql(source.text)) return;
  const hint = options.hint ?? (source.text.includes('`') ? 'mysql' : 'unknown');
  const extraction = extractTableAccesses(source.text, hint);
  const confidence = extraction.bestEffort ? BEST_EFFORT_CONFIDENCE : 1;
  for (const access of extraction.accesses) {
    if (isTemplateHole(access.table)) continue;
    const reference = options.references?.get(access.table);
    if (reference?.kind === 'target') context.addAccess(reference.target, access.mode, at, { confidence });
    else if (reference?.kind === 'parameter') {
      context.addAccess({ kind: 'parameter', function: reference.function, application: reference.application, argument: reference.argument }, access.mode, at, { confidence });
    } else context.addAccess({ kind: 'table', table: access.table }, access.mode, at, { confidence });
  }
  if (!extraction.ok && extraction.error) {
    // Where the parser complained: the literal's start plus the lines before the error in its text.
    const linesBefore = source.text.slice(0, extraction.error.offset).match(/\n/g)?.length ?? 0;
    const line = source.offset !== undefined ? context.lineOf(source.offset) + linesBefore : context.lineOf(at);
    context.reportAtLine(
      DIAGNOSTIC_CODES.sqlUnparsed,
      `SQL could not be parsed by the PostgreSQL parser (${extraction.error.message}); ${extraction.accesses.length > 0 ? 'tables were guessed with low confidence' : 'no tables were found'}. If it is another dialect or built dynamically, this is expected; otherwise check the SQL.`,
      line,
    );
  }
  if (extraction.dynamicTables > 0) {
    context.report(
      DIAGNOSTIC_CODES.sqlDynamicTable,
      `SQL names ${extraction.dynamicTables === 1 ? 'a table' : `${extraction.dynamicTables} tables`} through an interpolation; seams cannot tell which. Use a constant table name, or a query builder call with a literal, to have it counted.`,
      at,
    );
  }
}
