import type { CallExpression } from 'oxc-parser';
import { z } from 'zod';
import { markBuiltIn, defineAnalyzer, visitAst, type AnalyzerContext, type ParsedFile, type ProjectInfo, type ResourceFile } from '../../src/plugin/index.js';
import { innerCalls, toCallChain } from './ast.js';
import { createSqlDetectorContext, declaresPackage, DIAGNOSTIC_CODES, toTableIdFromText, type SqlDetector, type SqlDetectorContext } from './detector.js';

export { declaresPackage } from './detector.js';
import { sqlDetectors } from './detectors/index.js';
import { extractTableAccesses, fromTemplateParts, isTemplateHole, loadSqlParser } from './sql-parse.js';
import { looksLikeSql } from './sql-sink.js';

// The PostgreSQL parser is WebAssembly: load it once, when the analyzer is loaded.
await loadSqlParser();

/** Options of the sql analyzer. */
export const sqlOptionsSchema = z.object({}).strict();

/** Files that may export table-name or SQL constants worth recording for other files: an exported string or object constant... */
const EXPORTED_CONSTANT_HINT = /export\s+(const|let|var)\s+[\w$]+\s*(?::[^=\n]+)?=\s*(['"`{]|sql`)/;
/** ...named like a table, or holding SQL. */
const TABLE_OR_SQL_HINT = /TABLE|Tables?\b|tables?\b|(['"`])\s*(select|insert|update|delete|with)\s/i;

type Handler = (node: never) => void;

/** Runs the matching detectors over one walk of the file's AST. */
function runDetectors(file: ParsedFile, active: readonly SqlDetector[], context: SqlDetectorContext, setCurrent: (id: string) => void): void {
  const handlers = new Map<string, { id: string; handler: Handler }[]>();
  for (const detector of active) {
    const visitor = detector.visitor?.(context) as Record<string, Handler> | undefined;
    if (!visitor) continue;
    for (const [type, handler] of Object.entries(visitor)) {
      if (!handlers.has(type)) handlers.set(type, []);
      handlers.get(type)?.push({ id: detector.id, handler });
    }
  }
  const chainDetectors = active.filter((detector) => detector.onChain);
  const seen = new WeakSet<CallExpression>();
  const merged: Record<string, Handler> = {};
  for (const [type, list] of handlers) {
    merged[type] = (node: never) => {
      for (const { id, handler } of list) {
        setCurrent(id);
        handler(node);
      }
    };
  }
  if (chainDetectors.length > 0) {
    const ownCallHandlers = merged.CallExpression;
    merged.CallExpression = (node: never) => {
      ownCallHandlers?.(node);
      const call = node as CallExpression;
      if (seen.has(call)) return;
      const chain = toCallChain(call);
      for (const inner of innerCalls(chain)) seen.add(inner);
      for (const detector of chainDetectors) {
        setCurrent(detector.id);
        detector.onChain?.(chain, context);
      }
    };
  }
  if (Object.keys(merged).length > 0) visitAst(file.program, merged);
}

/** Records exported constants holding table names or SQL, for sinks in other files that import them. */
function recordExportedConstants(context: SqlDetectorContext, analyzerContext: AnalyzerContext<unknown>): void {
  for (const constant of context.constants.values()) {
    if (!constant.exported) continue;
    const line = context.lineOf(constant.start);
    const text = constant.value ?? (constant.quasis ? fromTemplateParts(constant.quasis) : undefined);
    if (text === undefined) continue;
    if (looksLikeSql(text)) {
      const extraction = extractTableAccesses(text);
      const sql = extraction.accesses.filter((access) => !isTemplateHole(access.table)).map(({ table, mode }) => ({ table, mode }));
      analyzerContext.facts.constants.push({ symbol: constant.symbol, line, sql });
    } else if (constant.value !== undefined && /^[A-Za-z_][\w$]*(\.[A-Za-z_][\w$]*)?$/.test(constant.value)) {
      const table = toTableIdFromText(constant.value);
      if (table !== undefined) analyzerContext.facts.constants.push({ symbol: constant.symbol, line, table });
    }
  }
}

/** Tables, foreign keys and accesses of an SQL schema or migration file. */
function visitSqlResource(resource: ResourceFile, context: AnalyzerContext<unknown>): void {
  const extraction = extractTableAccesses(resource.text);
  const escape = (table: string) => (table.split('.').pop() ?? table).replace(/[^\w]/g, '');
  const lineOf = (pattern: RegExp, fallback: RegExp): number => {
    let index = resource.text.search(pattern);
    if (index === -1) index = resource.text.search(fallback);
    return index === -1 ? 1 : resource.lineOf(index);
  };
  const line = (table: string): number =>
    lineOf(new RegExp(`(create|alter)\\s+[\\w\\s]*?(table|view)\\s+(if\\s+(not\\s+)?exists\\s+)?[\\w".]*\\b${escape(table)}\\b`, 'i'), new RegExp(`\\b${escape(table)}\\b`, 'i'));
  /** The REFERENCES of `to` that follows the CREATE/ALTER TABLE of `from` (several tables may reference `to`). */
  const foreignKeyLine = (from: string, to: string): number => {
    const owner = resource.text.search(new RegExp(`(create|alter)\\s+[\\w\\s]*?table\\s+(if\\s+(not\\s+)?exists\\s+)?(only\\s+)?[\\w".]*\\b${escape(from)}\\b`, 'i'));
    const reference = new RegExp(`references\\s+[\\w".]*\\b${escape(to)}\\b`, 'i');
    const after = owner === -1 ? -1 : resource.text.slice(owner).search(reference);
    if (after !== -1) return resource.lineOf(owner + after);
    return lineOf(reference, new RegExp(`\\b${escape(to)}\\b`, 'i'));
  };
  for (const access of extraction.accesses) {
    if (isTemplateHole(access.table)) continue;
    context.facts.schemaTables.push({ table: access.table, line: line(access.table), via: 'sql-schema' });
  }
  for (const foreignKey of extraction.foreignKeys) {
    context.facts.foreignKeys.push({ from: foreignKey.from, to: foreignKey.to, line: foreignKeyLine(foreignKey.from, foreignKey.to), via: 'sql-schema' });
  }
  if (!extraction.ok && extraction.error) {
    context.report({
      code: DIAGNOSTIC_CODES.schemaUnparsed,
      message: `SQL file could not be parsed completely (${extraction.error.message}); tables in the rest were guessed. psql meta-commands and other dialects are not read.`,
      file: resource.id,
      line: resource.lineOf(Math.min(extraction.error.offset, resource.text.length)),
    });
  }
}

const detectorsByProject = new WeakMap<ProjectInfo, readonly SqlDetector[]>();

/**
 * The detectors worth running in a project: those without packages (raw SQL), and those whose
 * library the repo declares. A repo that declares no dependency at all (no package.json under
 * the analyzed directory, say) gets every detector.
 */
export function detectorsFor(project: ProjectInfo | undefined): readonly SqlDetector[] {
  if (project === undefined || project.dependencies.size === 0) return sqlDetectors;
  let detectors = detectorsByProject.get(project);
  if (detectors === undefined) {
    detectors = sqlDetectors.filter((detector) => detector.packages === undefined || declaresPackage(project.dependencies, detector.packages));
    detectorsByProject.set(project, detectors);
  }
  return detectors;
}

/**
 * The sql analyzer: which tables each module reads, writes or changes, from raw SQL (parsed by
 * the real PostgreSQL parser), query builders and ORMs, one detector per client library; plus
 * the tables and foreign keys of schema files.
 */
export const sqlAnalyzer = defineAnalyzer({
  id: 'sql',
  description: 'table accesses from raw SQL, query builders and ORMs; tables and foreign keys from schemas',
  options: sqlOptionsSchema,
  isEnabled: () => true,
  visit(file, analyzerContext) {
    const active = detectorsFor(analyzerContext.project).filter((detector) => detector.textHint.test(file.text) && (detector.applies?.(file) ?? true));
    const wantsConstants = EXPORTED_CONSTANT_HINT.test(file.text) && TABLE_OR_SQL_HINT.test(file.text);
    if (active.length === 0 && !wantsConstants) return;
    let current = 'sql';
    const context = createSqlDetectorContext(file, analyzerContext.facts, () => current, analyzerContext.report, analyzerContext.project);
    if (active.length > 0) runDetectors(file, active, context, (id) => (current = id));
    if (wantsConstants) recordExportedConstants(context, analyzerContext);
  },
  visitResource(resource, analyzerContext) {
    if (resource.kind === 'sql') {
      visitSqlResource(resource, analyzerContext);
      return;
    }
    for (const detector of sqlDetectors) detector.onResource?.(resource, analyzerContext.facts, analyzerContext.report);
  },
});

// Built in: worker threads load it from the registry by id.
markBuiltIn(sqlAnalyzer);
