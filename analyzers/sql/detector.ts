import type { TemplateLiteral, VisitorObject } from 'oxc-parser';
import {
  DIAGNOSTIC_CODES,
  createDiagnostic,
  type FileFacts,
  type ParsedFile,
  type TableAccessMode,
  type TableTarget,
  type Diagnostic,
  type ResourceFile,
  type TableArgumentFact,
  type TableSymbolRef,
  type ProjectInfo,
} from '../../src/plugin/index.js';
import { memberPath, stringValue, unwrap, startOf, type AnyNode, type CallChain } from './ast.js';
import { readFileConstants, type FileConstant } from './file-constants.js';
import { fromTemplateParts, toTableId } from './sql-parse.js';

/** SQL text an expression holds, or the imported constant it names. */
export type SqlSource =
  | { kind: 'text'; text: string; /** offset of the text's first character in the file, when it is a literal there */ offset?: number }
  | { kind: 'symbol'; symbol: string; specifier?: string };

/** What a detector gets: the file, ways to record facts, and resolvers for table names and SQL. */
export interface SqlDetectorContext {
  readonly file: ParsedFile;
  /** What the repo declares, when the caller says. */
  readonly project?: ProjectInfo;
  /** Top-level constants of the file, by symbol (`T`, `T.users`). */
  readonly constants: ReadonlyMap<string, FileConstant>;
  /** Records an access; `at` is the node (or offset) whose line is reported. */
  addAccess(target: TableTarget, mode: TableAccessMode, at: AnyNode | number, options?: { confidence?: number; expandSql?: boolean }): void;
  /** Records that a local name (class, const) or ORM model stands for a table. */
  addDefinition(symbol: string, table: string, at: AnyNode | number, orm?: string): void;
  /** Records that a name stands for the same table as the model `alias` (resolved at link time). */
  addModelAlias(symbol: string, alias: string, at: AnyNode | number): void;
  /** Records a foreign key; an end may be a class of another file (`{ symbol, specifier }`), resolved at link time. */
  addForeignKey(from: string | TableSymbolRef, to: string | TableSymbolRef, at: AnyNode | number): void;
  addSchemaTable(table: string, at: AnyNode | number): void;
  /** Records a call that passes a table-like argument (see TableArgumentFact). */
  addTableArgument(argument: Omit<TableArgumentFact, 'line' | 'via'>, at: AnyNode | number): void;
  /** Asks the lazy type-aware pass what `receiver` holds; it records `mode` on the entity it finds. */
  askType(receiver: AnyNode, method: string, mode: TableAccessMode): void;
  /** How many accesses this file has so far (to tell whether a chain recorded one). */
  accessCount(): number;
  report(code: Diagnostic['code'], message: string, at: AnyNode | number): void;
  /** Like report, with a 1-based line already computed. */
  reportAtLine(code: Diagnostic['code'], message: string, line: number): void;
  /** What an expression names as a table: a literal (`'users'`, `'public.users as u'`), a constant, or a symbol (local or imported). */
  toTableTarget(node: AnyNode | undefined): TableTarget | undefined;
  /** The SQL an expression holds: a literal, a template (holes normalised), a local constant, or an imported constant's symbol. */
  toSqlSource(node: AnyNode | undefined): SqlSource | undefined;
  /** 1-based line of a node or offset. */
  lineOf(at: AnyNode | number): number;
}

/**
 * One client library's detector. The sql analyzer walks each file once and calls every detector
 * whose text hint matches: `onChain` for each outermost call chain (`a.b(x).c()`), and the node
 * visitors a detector asks for (decorators, classes, tagged templates).
 */
export interface SqlDetector {
  readonly id: string;
  readonly description: string;
  /**
   * The packages of the library: when the repo declares dependencies and none of these, the
   * detector does not run (its patterns, such as `X.create(…)`, would only find false leads).
   * Forks, wrappers and plugins named after a package count too (see declaresPackage); an entry
   * ending in `/` is a scope (`@mikro-orm/`). Absent: always runs (raw SQL).
   */
  readonly packages?: readonly string[];
  /** Cheap pre-filter on the file text: the detector runs only on files that match. */
  readonly textHint: RegExp;
  /** A second pre-filter after the text hint, on what the parse gives without the AST (the module record, `importOf`). */
  applies?(file: ParsedFile): boolean;
  onChain?(chain: CallChain, context: SqlDetectorContext): void;
  visitor?(context: SqlDetectorContext): VisitorObject;
  /** Reads a non-code resource of its kind (schema.prisma): table definitions, schema tables, foreign keys. */
  onResource?(resource: ResourceFile, facts: FileFacts, report: (diagnostic: Diagnostic) => void): void;
}

/**
 * True when a repo's dependencies include one of a detector's packages: the package itself, a
 * scoped fork or wrapper of it (`@n8n/typeorm`, `@nestjs/sequelize`), or a plugin named after it
 * (`typeorm-naming-strategies`). A `/`-ended entry is a scope (`@mikro-orm/`).
 */
export function declaresPackage(dependencies: ReadonlySet<string>, packages: readonly string[]): boolean {
  return packages.some((name) =>
    [...dependencies].some((dependency) =>
      name.endsWith('/') ? dependency.startsWith(name) : dependency === name || dependency.endsWith(`/${name}`) || dependency.startsWith(`${name}-`),
    ),
  );
}

/** Defines a detector (identity function that fixes the type). */
export function defineSqlDetector(detector: SqlDetector): SqlDetector {
  return detector;
}

/**
 * Canonical table id of a name as written in code (not SQL): drops an alias (`users as u`) and
 * the `public` schema. Case is kept: query builders and ORMs quote the names they are given, so
 * `knex('userAvatars')` is the table "userAvatars".
 */
export function toTableIdFromText(text: string): string | undefined {
  const withoutAlias = text.trim().split(/\s+as\s+|\s+/i)[0] ?? '';
  if (withoutAlias === '' || /[^\w."$-]/.test(withoutAlias)) return undefined;
  const parts = withoutAlias.split('.').map((part) => part.replace(/^"|"$/g, ''));
  const name = parts.pop() ?? '';
  const schema = parts.pop();
  if (name === '' || name === '*') return undefined;
  return toTableId(schema === undefined ? undefined : `"${schema}"`, `"${name}"`);
}

/** slonik value helpers that stand for a set of rows in FROM/JOIN position. */
const ROW_SET_HELPERS = new Set(['unnest']);

/**
 * The quasis of an SQL tagged template, with holes whose meaning is known filled in first:
 * slonik `sql.identifier(['s', 't'])` becomes the quoted name; `sql.unnest(…)` becomes a row
 * set; a postgres.js row helper right after `INSERT INTO t` (`${sql(row)}`) becomes
 * `DEFAULT VALUES`, so the statement parses and the table is kept.
 */
export function toSqlTemplateQuasis(template: TemplateLiteral): string[] {
  const quasis = template.quasis.map((quasi) => quasi.value.cooked ?? quasi.value.raw);
  const parts: string[] = [quasis[0] ?? ''];
  template.expressions.forEach((expression, index) => {
    const next = quasis[index + 1] ?? '';
    const inner = unwrap(expression as AnyNode);
    let inline: string | undefined;
    if (inner.type === 'CallExpression') {
      const path = memberPath(inner.callee as AnyNode) ?? [];
      const helper = path[path.length - 1];
      const first = inner.arguments[0] ? unwrap(inner.arguments[0] as AnyNode) : undefined;
      if (helper === 'identifier' && first?.type === 'ArrayExpression') {
        const names = first.elements.map((element) => (element ? stringValue(element as AnyNode) : undefined));
        if (names.length > 0 && names.every((name) => name !== undefined)) inline = names.map((name) => `"${name}"`).join('.');
      } else if (helper !== undefined && ROW_SET_HELPERS.has(helper) && /\b(from|join)\s*$/i.test(parts[parts.length - 1] ?? '')) {
        inline = 'unnest(NULL)';
      } else if (/\binsert\s+into\s+[\w."]+\s*$/i.test(parts[parts.length - 1] ?? '')) {
        inline = 'DEFAULT VALUES';
      }
    }
    if (inline !== undefined) parts[parts.length - 1] = `${parts[parts.length - 1] ?? ''}${inline}${next}`;
    else parts.push(next);
  });
  return parts;
}

/** Creates the context of one file; facts go into `facts`, diagnostics to `report`. */
export function createSqlDetectorContext(
  file: ParsedFile,
  facts: FileFacts,
  detectorId: () => string,
  report: (diagnostic: Diagnostic) => void,
  project?: ProjectInfo,
): SqlDetectorContext {
  let constants: Map<string, FileConstant> | undefined;
  const getConstants = () => (constants ??= readFileConstants(file.program));
  const lineOf = (at: AnyNode | number) => file.lineOf(typeof at === 'number' ? at : startOf(at));

  const symbolTarget = (path: string[]): TableTarget => {
    const [head, ...rest] = path;
    const imported = head === undefined ? undefined : file.importOf(head);
    if (imported) {
      const symbol = imported.importedName === '*' ? rest.join('.') : [imported.importedName, ...rest].join('.');
      return { kind: 'symbol', symbol, specifier: imported.specifier };
    }
    return { kind: 'symbol', symbol: path.join('.') };
  };

  const context: SqlDetectorContext = {
    file,
    ...(project === undefined ? {} : { project }),
    get constants() {
      return getConstants();
    },
    lineOf,
    addAccess(target, mode, at, options = {}) {
      const fact = { target, mode, line: lineOf(at), via: detectorId(), confidence: options.confidence ?? 1 };
      facts.tableAccesses.push(options.expandSql ? { ...fact, expandSql: true } : fact);
    },
    addDefinition(symbol, table, at, orm) {
      facts.tableDefinitions.push(orm ? { symbol, table, via: detectorId(), line: lineOf(at), orm } : { symbol, table, via: detectorId(), line: lineOf(at) });
    },
    addModelAlias(symbol, alias, at) {
      facts.tableDefinitions.push({ symbol, table: '', via: detectorId(), line: lineOf(at), alias });
    },
    addForeignKey(from, to, at) {
      facts.foreignKeys.push({
        from: typeof from === 'string' ? from : '',
        to: typeof to === 'string' ? to : '',
        line: lineOf(at),
        via: detectorId(),
        ...(typeof from === 'string' ? {} : { fromSymbol: from }),
        ...(typeof to === 'string' ? {} : { toSymbol: to }),
      });
    },
    addSchemaTable(table, at) {
      facts.schemaTables.push({ table, line: lineOf(at), via: detectorId() });
    },
    addTableArgument(argument, at) {
      facts.tableArguments.push({ ...argument, line: lineOf(at), via: detectorId() });
    },
    askType(receiver, method, mode) {
      const start = startOf(receiver);
      const end = (receiver as { end: number }).end;
      facts.typeQuestions.push({ start, end, line: lineOf(receiver), method, mode, via: detectorId() });
    },
    accessCount() {
      return facts.tableAccesses.length;
    },
    report(code, message, at) {
      report(createDiagnostic(code as Parameters<typeof createDiagnostic>[0], message, file.id, lineOf(at)));
    },
    reportAtLine(code, message, line) {
      report(createDiagnostic(code as Parameters<typeof createDiagnostic>[0], message, file.id, line));
    },
    toTableTarget(node) {
      if (!node) return undefined;
      const literal = stringValue(node);
      if (literal !== undefined) {
        const table = toTableIdFromText(literal);
        return table === undefined ? undefined : { kind: 'table', table };
      }
      const path = memberPath(node);
      if (!path || path[0] === 'this') return undefined;
      const constant = getConstants().get(path.join('.'));
      if (constant?.value !== undefined) {
        const table = toTableIdFromText(constant.value);
        return table === undefined ? undefined : { kind: 'table', table };
      }
      return symbolTarget(path);
    },
    toSqlSource(node) {
      if (!node) return undefined;
      const inner = unwrap(node);
      const literal = stringValue(inner);
      if (literal !== undefined) return { kind: 'text', text: literal, offset: startOf(inner) + 1 };
      if (inner.type === 'TemplateLiteral') {
        return { kind: 'text', text: fromTemplateParts(inner.quasis.map((q) => q.value.cooked ?? q.value.raw)), offset: startOf(inner) + 1 };
      }
      if (inner.type === 'TaggedTemplateExpression') {
        return { kind: 'text', text: fromTemplateParts(toSqlTemplateQuasis(inner.quasi)), offset: startOf(inner.quasi) + 1 };
      }
      if (inner.type === 'BinaryExpression' && inner.operator === '+') {
        const left = context.toSqlSource(inner.left as AnyNode);
        const right = context.toSqlSource(inner.right as AnyNode);
        if (left?.kind === 'text' && right?.kind === 'text') return { kind: 'text', text: left.text + right.text };
        return undefined;
      }
      const path = memberPath(inner);
      if (!path || path[0] === 'this') return undefined;
      const constant = getConstants().get(path.join('.'));
      if (constant?.value !== undefined) return { kind: 'text', text: constant.value };
      if (constant?.quasis !== undefined) return { kind: 'text', text: fromTemplateParts(constant.quasis) };
      const target = symbolTarget(path);
      return target.kind === 'symbol' && target.specifier !== undefined ? { kind: 'symbol', symbol: target.symbol, specifier: target.specifier } : undefined;
    },
  };
  return context;
}

/** Re-exported so detectors need only this module and ast.ts. */
export { DIAGNOSTIC_CODES };
