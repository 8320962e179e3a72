import type { CallExpression } from 'oxc-parser';
import type { ParsedFile, TableTarget } from '../../../src/plugin/index.js';
import { innerCalls, memberPath, stringValue, toCallChain, unwrap, walkNodes, type AnyNode, type CallChain, type ChainLink } from '../ast.js';
import { DIAGNOSTIC_CODES, defineSqlDetector, toTableIdFromText, type SqlDetectorContext } from '../detector.js';
import { toClassTableName } from '../table-references.js';

// Helpers shared by the query-builder detectors (knex, Kysely, Drizzle) live here, so the three
// agree on which chain belongs to whom and no table is counted twice.

/** The start of a chain: its dotted path up to the first call, and that call. */
export interface ChainHead {
  /** The base path and the property accesses before the first call: `this.knex.schema.createTable(…)` → ['this', 'knex', 'schema']. */
  path: string[];
  /** Index in `chain.links` of the first called link. */
  callIndex: number;
  /** The first called link: `createTable(…)`, or the base itself for `knex('users')` (no property). */
  call: ChainLink;
}

/** The head of a chain, or undefined when the chain does not start from a named value (`getDb()` counts as named). */
export function toChainHead(chain: CallChain): ChainHead | undefined {
  if (!chain.basePath) return undefined;
  const path = [...chain.basePath];
  for (const [index, link] of chain.links.entries()) {
    if (link.call) return { path, callIndex: index, call: link };
    if (link.property === undefined) return undefined;
    path.push(link.property);
  }
  return undefined;
}

/** The path of the function the head calls: `knex` for `knex('t')`, `this.knex` for `this.knex('t')`, `db.from` for `db.from('t')`. */
export function toCalleePath(head: ChainHead): string[] {
  return head.call.property === undefined ? head.path : [...head.path, head.call.property];
}

/** True when a chain has a called link with one of `names`. */
export function hasCall(chain: CallChain, names: ReadonlySet<string>): boolean {
  return chain.links.some((link) => link.call !== undefined && link.property !== undefined && names.has(link.property));
}

/** True for a function or arrow function expression. */
export function isFunctionNode(node: AnyNode | undefined): boolean {
  if (!node) return false;
  const type = unwrap(node).type;
  return type === 'ArrowFunctionExpression' || type === 'FunctionExpression';
}

/** Calls every outermost call chain inside `node` (callbacks, nested functions), outermost first. */
export function forEachChainIn(node: AnyNode, visit: (chain: CallChain) => void): void {
  const seen = new WeakSet<object>();
  walkNodes(node, (record) => {
    if (record.type !== 'CallExpression' || seen.has(record)) return;
    const chain = toCallChain(record as unknown as CallExpression);
    for (const inner of innerCalls(chain)) seen.add(inner);
    visit(chain);
  });
}

const CONFIG_KEYS = new Set(['client', 'connection', 'dialect', 'version', 'searchPath']);

function propertyKey(key: AnyNode): string | undefined {
  return key.type === 'Identifier' ? key.name : stringValue(key);
}

/**
 * The table id of a name given to a query builder: knex, Kysely and Drizzle quote identifiers, so
 * case is kept (`'assetData'` is the table "assetData", as in a quoted SQL name); an alias
 * (`'users as u'`) is dropped, `public` too. Undefined for text that is not a table name.
 */
export function toQuotedTableId(text: string): string | undefined {
  const name = text.trim().split(/\s+as\s+/i)[0]?.trim() ?? '';
  if (!/^[\w$."-]+$/.test(name)) return undefined;
  const quoted = name
    .split('.')
    .map((part) => (part.startsWith('"') ? part : `"${part}"`))
    .join('.');
  return toTableIdFromText(quoted);
}

/**
 * What a query-builder argument names as a table: a literal, a file constant or the enclosing
 * class's table name (`this.tableName` after `super('events', db)`; case kept, see
 * {@link toQuotedTableId}), else what `context.toTableTarget` makes of it (an imported name).
 */
export function toBuilderTableTarget(context: SqlDetectorContext, node: AnyNode | undefined): TableTarget | undefined {
  if (!node) return undefined;
  const literal = stringValue(node);
  const path = literal === undefined ? memberPath(node) : undefined;
  const text = literal ?? (path && path[0] !== 'this' ? context.constants.get(path.join('.'))?.value : toClassTableName(context, node));
  if (text !== undefined) {
    const table = toQuotedTableId(text);
    return table === undefined ? undefined : { kind: 'table', table };
  }
  return context.toTableTarget(node);
}

const localConstants = new WeakMap<ParsedFile, Map<string, string | null>>();

/**
 * String constants declared anywhere in the file (`const EVENTS_TABLE = 'events'` inside a
 * method), by name; null when the name is declared more than once (it may be shadowed).
 */
function readLocalConstants(file: ParsedFile): Map<string, string | null> {
  let constants = localConstants.get(file);
  if (constants) return constants;
  const found = new Map<string, string | null>();
  walkNodes(file.program, (record) => {
    if (record.type !== 'VariableDeclaration') return;
    for (const declarator of (record as unknown as { declarations: { id: AnyNode; init: AnyNode | null }[] }).declarations) {
      if (declarator.id.type !== 'Identifier') continue;
      const name = declarator.id.name;
      const text = record.kind === 'const' ? stringValue(declarator.init) : undefined;
      found.set(name, found.has(name) || text === undefined ? null : text);
    }
  });
  localConstants.set(file, found);
  return found;
}

/**
 * The text a template hole stands for when it is a constant: a top-level constant of the file
 * (`${TABLE}`, `${T.users}`), a string `const` declared once anywhere in the file, or the table
 * name of the enclosing class (`${this.tableName}` after `super('events', db)`).
 */
export function toConstantText(context: SqlDetectorContext, node: AnyNode): string | undefined {
  const path = memberPath(node);
  if (!path) return undefined;
  if (path[0] === 'this') return toClassTableName(context, node);
  const constant = context.constants.get(path.join('.'));
  if (constant?.value !== undefined) return constant.value;
  if (path.length !== 1 || constant) return undefined;
  return readLocalConstants(context.file).get(path[0] ?? '') ?? undefined;
}

/** The text of a template literal whose every hole is a constant (`\`${T.strategies} as str\``), else undefined. */
export function toTemplateText(context: SqlDetectorContext, node: AnyNode): string | undefined {
  const inner = unwrap(node);
  if (inner.type !== 'TemplateLiteral') return undefined;
  let text = inner.quasis[0]?.value.cooked ?? '';
  for (const [index, expression] of inner.expressions.entries()) {
    const value = toConstantText(context, expression as AnyNode);
    if (value === undefined) return undefined;
    text += value + (inner.quasis[index + 1]?.value.cooked ?? '');
  }
  return text;
}

/** A table argument resolved: a target, or `dynamic` when the name is only known at run time. */
export type ResolvedTable = { target: TableTarget; node: AnyNode } | { dynamic: true; node: AnyNode };

/**
 * The tables a query-builder argument names: a literal (`'users as u'`), a constant, an imported
 * name, an array of those (Kysely `selectFrom(['a', 'b'])`) or an alias object (knex `{ u: 'users' }`).
 * Both branches of `cond ? 'a' : 'b'` count. Subqueries and callbacks name none (their own chains
 * are read separately), nor text that is not a table name (`'SELECT …'`). A plain local name that
 * is not a constant (a parameter), a computed member or a template with a hole that is not a
 * constant is `dynamic`; a template of constants (`\`${T.users} as u\``) is a name.
 */
export function toTableArguments(context: SqlDetectorContext, argument: AnyNode | undefined): ResolvedTable[] {
  if (!argument || argument.type === 'SpreadElement') return [];
  const inner = unwrap(argument);
  if (inner.type === 'ArrayExpression') {
    return inner.elements.flatMap((element) => (element ? toTableArguments(context, element as AnyNode) : []));
  }
  if (inner.type === 'ObjectExpression') {
    // An alias object has only `alias: 'table'` members; a config object (`knex({ client: 'pg', … })`) is not one.
    const isAliasObject = inner.properties.every(
      (property) => property.type === 'Property' && !property.computed && stringValue(property.value as AnyNode) !== undefined && !CONFIG_KEYS.has(propertyKey(property.key as AnyNode) ?? ''),
    );
    return isAliasObject ? inner.properties.flatMap((property) => (property.type === 'Property' ? toTableArguments(context, property.value as AnyNode) : [])) : [];
  }
  if (inner.type === 'ConditionalExpression') {
    return [...toTableArguments(context, inner.consequent as AnyNode), ...toTableArguments(context, inner.alternate as AnyNode)];
  }
  if (inner.type === 'TemplateLiteral' && inner.expressions.length > 0) {
    // `${T.strategies} as str`: holes that are constants make a plain name.
    const text = toTemplateText(context, inner);
    if (text === undefined) return [{ dynamic: true, node: inner }];
    if (!/^\s*[\w$."-]+(?:\s+as\s+[\w$"]+)?\s*$/i.test(text)) return [];
    const table = toQuotedTableId(text);
    return table === undefined ? [] : [{ target: { kind: 'table', table }, node: inner }];
  }
  if (inner.type !== 'Identifier' && inner.type !== 'MemberExpression' && stringValue(inner) === undefined) return [];
  // A table name, possibly qualified and aliased (`public.users as u`); not a sentence or SQL.
  const literal = stringValue(inner);
  if (literal !== undefined && !/^\s*[\w$."-]+(?:\s+as\s+[\w$"]+)?\s*$/i.test(literal)) return [];
  const target = toBuilderTableTarget(context, inner);
  if (!target) return inner.type === 'MemberExpression' || inner.type === 'Identifier' ? [{ dynamic: true, node: inner }] : [];
  if (target.kind === 'symbol' && target.specifier === undefined) return [{ dynamic: true, node: inner }];
  return [{ target, node: inner }];
}

/** Qualifies an unqualified table with a `withSchema(…)` schema. */
export function withSchemaOf(target: TableTarget, schema: string | undefined): TableTarget {
  if (schema === undefined || target.kind !== 'table' || target.table.includes('.')) return target;
  const table = toQuotedTableId(`${schema}.${target.table}`);
  return table === undefined ? target : { kind: 'table', table };
}

/** The canonical name of a CTE declared by `with('name', …)` / `with('name(a, b)', …)`, Kysely's `with((cte) => cte('name'), …)` too. */
export function toCteName(argument: AnyNode | undefined): string | undefined {
  if (!argument) return undefined;
  const literal = stringValue(argument);
  if (literal !== undefined) return toQuotedTableId(literal.replace(/\(.*$/s, ''));
  const inner = unwrap(argument);
  if (inner.type === 'ArrowFunctionExpression' && inner.body.type !== 'BlockStatement') {
    let body = unwrap(inner.body as AnyNode);
    while (body.type === 'CallExpression') {
      const callee = unwrap(body.callee as AnyNode);
      if (callee.type === 'MemberExpression') body = unwrap(callee.object as AnyNode);
      else return toCteName(body.arguments[0] as AnyNode | undefined);
    }
  }
  return undefined;
}

/**
 * Names per file (CTE names, markers), with the source range of the chain that declares them: a
 * name is visible in its chain and in the callbacks inside it (subqueries arrive as chains of
 * their own, after the chain that contains them).
 */
export interface NameScopes {
  /**
   * Records the names a chain declares. A name is not visible inside `hidden` (the body of a
   * non-recursive CTE, where its own name still means the table: `with('assets', (qb) => qb.updateTable('assets'))`).
   */
  declare(context: SqlDetectorContext, chain: CallChain, names: readonly string[], hidden?: SourceRange): void;
  /** The names visible at a chain. */
  visibleAt(context: SqlDetectorContext, chain: CallChain): Set<string>;
}

/** A start/end offset pair in the file. */
export interface SourceRange {
  start: number;
  end: number;
}

/** Creates an empty set of name scopes (one per use; files are kept apart by their context). */
export function createNameScopes(): NameScopes {
  const byFile = new WeakMap<SqlDetectorContext, { start: number; end: number; names: readonly string[]; hidden?: SourceRange }[]>();
  return {
    declare(context, chain, names, hidden) {
      if (names.length === 0) return;
      const scopes = byFile.get(context) ?? [];
      scopes.push({ start: chain.node.start, end: chain.node.end, names, ...(hidden ? { hidden } : {}) });
      byFile.set(context, scopes);
    },
    visibleAt(context, chain) {
      const visible = new Set<string>();
      for (const scope of byFile.get(context) ?? []) {
        if (scope.start > chain.node.start || chain.node.end > scope.end) continue;
        if (scope.hidden && scope.hidden.start <= chain.node.start && chain.node.end <= scope.hidden.end) continue;
        for (const name of scope.names) visible.add(name);
      }
      return visible;
    },
  };
}

/** CTE methods whose body cannot name the CTE itself (so the name there is a table). */
const NON_RECURSIVE_CTE_METHODS = new Set(['with', 'withMaterialized', 'withNotMaterialized']);

/**
 * Declares the CTEs of a chain's `with*` links in `scopes` (each hidden in its own body unless
 * recursive) and returns their names, to add to the names visible at the chain itself.
 */
export function declareCtes(context: SqlDetectorContext, chain: CallChain, scopes: NameScopes, methods: ReadonlySet<string>): string[] {
  const declared: string[] = [];
  for (const link of chain.links) {
    if (!link.call || link.property === undefined || !methods.has(link.property)) continue;
    const name = toCteName(link.arguments[0] as AnyNode | undefined);
    if (name === undefined) continue;
    declared.push(name);
    const body = link.arguments[link.arguments.length - 1] as AnyNode | undefined;
    const hidden = NON_RECURSIVE_CTE_METHODS.has(link.property) && body && link.arguments.length > 1 ? { start: (body as { start: number }).start, end: (body as { end: number }).end } : undefined;
    scopes.declare(context, chain, [name], hidden);
  }
  return declared;
}

/**
 * The table a column's foreign key points at, in a schema-builder chain: `.references('users.id')`,
 * `.references('id').inTable('users')` (knex), `.references('person.id')` (Kysely).
 */
export function toReferencedTable(context: SqlDetectorContext, chain: CallChain): { table: string; at: AnyNode } | undefined {
  const references = chain.links.find((link) => link.call && link.property === 'references');
  if (!references?.call) return undefined;
  const column = stringValue(references.arguments[0] as AnyNode | undefined);
  if (column !== undefined && column.includes('.')) {
    const table = toQuotedTableId(column.slice(0, column.lastIndexOf('.')));
    return table === undefined ? undefined : { table, at: references.arguments[0] as AnyNode };
  }
  const inTable = chain.links.find((link) => link.call && link.property === 'inTable');
  const target = toBuilderTableTarget(context, inTable?.arguments[0] as AnyNode | undefined);
  return target?.kind === 'table' && inTable?.call ? { table: target.table, at: inTable.arguments[0] as AnyNode } : undefined;
}

/** Methods only a Kysely chain has (knex has none of them). */
export const KYSELY_QUERY_METHODS: ReadonlySet<string> = new Set(['selectFrom', 'insertInto', 'replaceInto', 'updateTable', 'deleteFrom', 'mergeInto']);

/** Links that make a `db.schema…` chain Kysely's (knex's schema builder is awaited directly and takes callbacks). */
export const KYSELY_SCHEMA_MARKERS: ReadonlySet<string> = new Set([
  'execute', 'compile', 'addColumn', 'modifyColumn', 'alterColumn', 'dropColumn', 'renameColumn', 'renameTo', 'addForeignKeyConstraint',
  'addPrimaryKeyConstraint', 'addUniqueConstraint', 'addCheckConstraint', 'dropConstraint', 'addIndex', 'dropIndex', 'ifNotExists', 'ifExists',
  'cascade', 'temporary', 'onCommit', 'createIndex', 'createType', 'createSchema', 'createView',
]);

const SCHEMA_TABLE_METHODS = new Set(['createTable', 'createTableIfNotExists', 'createTableLike', 'alterTable', 'table', 'dropTable', 'dropTableIfExists', 'renameTable']);

/**
 * True for a Kysely schema chain, `db.schema.createTable('t').addColumn(…).execute()`, rather than
 * knex's `knex.schema.createTable('t', (t) => …)`: it has Kysely-only links, or creates or alters
 * a table without a callback, or, with no callback, sits in a file that uses Kysely.
 */
export function isKyselySchemaChain(chain: CallChain, file: ParsedFile): boolean {
  if (hasCall(chain, KYSELY_SCHEMA_MARKERS)) return true;
  const calls = chain.links.filter((link) => link.call && link.property !== undefined && SCHEMA_TABLE_METHODS.has(link.property));
  if (calls.some((link) => link.arguments.some((argument) => isFunctionNode(argument as AnyNode)))) return false;
  if (calls.some((link) => link.property === 'createTable' || link.property === 'alterTable')) return true;
  return /['"]kysely['"/]|\bKysely\b/.test(file.text);
}

/** True when the file shows it uses Drizzle: imports `drizzle-orm…` or declares a Drizzle table. */
export function hasDrizzleEvidence(file: ParsedFile): boolean {
  let cached = drizzleEvidence.get(file);
  if (cached === undefined) {
    cached = /['"]drizzle-orm|\b(?:pg|mysql|sqlite|singlestore)Table\s*\(/.test(file.text);
    drizzleEvidence.set(file, cached);
  }
  return cached;
}
const drizzleEvidence = new WeakMap<ParsedFile, boolean>();

const DRIZZLE_SELECTS = new Set(['select', 'selectDistinct', 'selectDistinctOn']);

/**
 * True for a Drizzle select chain, `db.select(…).from(table)`, which knex also allows
 * (`knex.select().from(TABLE)`). Drizzle's when `from` names a value (not a string or a string
 * constant) and the selection is an object of column references, or is empty and the file uses
 * Drizzle, the table comes from a `schema` module or its name does not look like a constant
 * (`T.users`, `TABLES.users`, `USERS` are knex's table-name constants).
 */
export function isDrizzleSelect(chain: CallChain, context: SqlDetectorContext): boolean {
  const head = toChainHead(chain);
  if (!head) return false;
  const links = chain.links.slice(head.callIndex);
  // `db.with(sq).select()`, `db.$withAuth('x').select()`: the select may follow other calls, never `from`.
  const selectIndex = links.findIndex((link) => link.call !== undefined && link.property !== undefined && DRIZZLE_SELECTS.has(link.property));
  const fromIndex = links.findIndex((link) => link.call !== undefined && link.property === 'from');
  const select = links[selectIndex];
  const from = links[fromIndex];
  if (!select || !from || fromIndex < selectIndex) return false;
  const table = from.arguments[0] as AnyNode | undefined;
  if (!table || stringValue(table) !== undefined) return false;
  const target = context.toTableTarget(table);
  if (!target || target.kind !== 'symbol') return false;
  const selection = select.arguments[select.property === 'selectDistinctOn' ? 1 : 0] as AnyNode | undefined;
  const inner = selection ? unwrap(selection) : undefined;
  if (inner && (stringValue(inner) !== undefined || inner.type === 'ArrayExpression')) return false;
  if (inner?.type === 'ObjectExpression') {
    return !inner.properties.some((property) => property.type === 'Property' && stringValue(property.value as AnyNode) !== undefined);
  }
  // Otherwise knex's `select().from(T.users)` names a constant: `T`, `TABLES`, `USERS_TABLE`.
  const looksConstant = target.symbol.split('.').some((part) => /^[A-Z][A-Z0-9_]*$/.test(part));
  return hasDrizzleEvidence(context.file) || /schema/i.test(target.specifier ?? '') || !looksConstant;
}

/** Names a knex instance or transaction usually has. */
export function isKnexName(name: string | undefined): boolean {
  if (name === undefined) return false;
  return /^(?:db|trx|tx|transaction|database|connection|conn|querybuilder|qb)$/i.test(name) || /knex/i.test(name) || /[a-z](?:Db|DB|Trx|Tx|Database|Connection)$/.test(name);
}

/** Bases that are never knex, though they have `from`/`table`/`insert` (`Array.from`, `console.table`). */
const BUILTIN_BASES = new Set([
  'Array', 'Object', 'Buffer', 'console', 'JSON', 'Promise', 'Reflect', 'Math', 'Date', 'Intl', 'Set', 'Map', 'String', 'Number',
  'process', 'window', 'document', 'globalThis', 'Uint8Array', 'Int8Array', 'Uint16Array', 'Int32Array', 'Float64Array', 'Iterator',
]);

/** Links of other query builders (Kysely, TypeORM, MikroORM, Drizzle) that a knex chain never has. */
const NOT_KNEX = new Set([
  ...KYSELY_QUERY_METHODS, 'selectAll', 'execute', 'executeTakeFirst', 'executeTakeFirstOrThrow', 'compile', 'addColumn',
  'createQueryBuilder', 'getRepository', 'getMany', 'getOne', 'getOneOrFail', 'getRawMany', 'getRawOne', 'getCount', 'getManyAndCount',
  'leftJoinAndSelect', 'innerJoinAndSelect', 'leftJoinAndMapOne', 'leftJoinAndMapMany', 'values', 'orIgnore', 'orUpdate', 'setParameter',
  'setParameters', 'getResult', 'getResultList', 'getSingleResult', 'set', 'onConflictDoUpdate', 'onConflictDoNothing', '$dynamic',
  // Kysely's own: lateral joins, column-to-column conditions, conditional and helper calls, casts.
  'innerJoinLateral', 'leftJoinLateral', 'crossJoinLateral', 'whereRef', 'onRef', 'havingRef', '$if', '$call', '$castTo', '$narrowType',
  '$assertType', 'returningAll', 'doUpdateSet', 'selectNoFrom',
]);

const MAIN_TABLE_METHODS = new Set(['from', 'into', 'table']);
const VERB_PREFIX = /^(?:get|set|save|load|init|connect|close|create|open|use|with|to|is|has|run|make|build|reset|drop|seed|migrate|sync|update|fetch|find|query|ensure)[A-Z_]/;
const JOIN_METHODS = new Set(['join', 'innerJoin', 'leftJoin', 'leftOuterJoin', 'rightJoin', 'rightOuterJoin', 'fullOuterJoin', 'outerJoin', 'crossJoin']);
const WRITE_METHODS = new Set(['insert', 'update', 'del', 'delete', 'truncate', 'upsert', 'increment', 'decrement']);
const CTE_METHODS = new Set(['with', 'withRecursive', 'withMaterialized', 'withNotMaterialized']);
const ON_CONFLICT = new Set(['onConflict']);
const CONFLICT_ACTIONS = new Set(['merge', 'ignore']);

const cteScopes = createNameScopes();
/** Ranges of knex chains: a chain inside one (`.whereIn('id', (sqb) => sqb.select('x').from('t'))`) is a knex subquery. */
const knexChains = createNameScopes();
const KNEX_CHAIN = 'knex';
/** First calls of a knex subquery built on a callback's parameter or `this`. */
const SUBQUERY_STARTS = new Set(['select', 'from', 'column', 'columns', 'distinct', 'distinctOn', 'where', 'table', 'count', 'first', 'pluck', 'with', 'withRecursive', 'union', 'unionAll']);

/** Confidence of a chain on `this` that is not named like knex, and of joins continuing a callback's builder. */
const CONTINUED_CONFIDENCE = 0.8;

const knexTyped = new WeakMap<ParsedFile, Set<string>>();

/** True for an expression that builds a knex query (not awaited): `this.db(T)`, `db.select('a')`, `knex.from('t')`. */
function isKnexBuilder(node: AnyNode | null | undefined): boolean {
  if (!node || (node.type !== 'CallExpression' && !(node.type === 'TSAsExpression' || node.type === 'ParenthesizedExpression'))) return false;
  const inner = unwrap(node);
  if (inner.type !== 'CallExpression') return false;
  const chain = toCallChain(inner);
  const head = toChainHead(chain);
  if (!head || hasCall(chain, NOT_KNEX)) return false;
  const callee = toCalleePath(head);
  const name = callee.at(-1) ?? '';
  return isKnexName(head.path.at(-1)) || (isKnexName(name) && !VERB_PREFIX.test(name) && !/^[A-Z][a-z]/.test(name) && name !== 'transaction');
}

/**
 * Names that hold a knex builder: parameters, variables and class fields (`this.query`) typed as
 * knex's (`qb: Knex.QueryBuilder`, `trx: Knex.Transaction`) and variables or fields given a query
 * that is not awaited (`let query = this.db(T)`, so `query = query.leftJoin('t', …)` continues it;
 * `this.query = this.db(T)`). By name, for the whole file.
 */
function knexTypedNames(file: ParsedFile): Set<string> {
  let names = knexTyped.get(file);
  if (names) return names;
  const found = new Set<string>();
  const typed = /\bKnex\b/.test(file.text);
  walkNodes(file.program, (record) => {
    const annotation = record.typeAnnotation as { start: number; end: number } | null | undefined;
    const isKnexType = typed && annotation !== null && annotation !== undefined && /\bKnex\b/.test(file.text.slice(annotation.start, annotation.end));
    if (isKnexType && record.type === 'Identifier') found.add(record.name as string);
    // A class field typed as knex's (`public internalQuery: Knex.QueryBuilder`) is `this.internalQuery`.
    const key = record.key as AnyNode | undefined;
    if (isKnexType && record.type === 'PropertyDefinition' && key?.type === 'Identifier') found.add(`this.${key.name}`);
    if (record.type === 'AssignmentExpression') {
      const left = memberPath(record.left as AnyNode);
      if (left?.length === 2 && left[0] === 'this' && isKnexBuilder(record.right as AnyNode)) found.add(left.join('.'));
    }
    if (record.type === 'VariableDeclarator') {
      const id = record.id as AnyNode;
      if (id.type === 'Identifier' && isKnexBuilder(record.init as AnyNode | null)) found.add(id.name);
    }
  });
  knexTyped.set(file, found);
  names = found;
  return names;
}

const fileCtes = new WeakMap<ParsedFile, Set<string>>();

/** Every CTE name a `with*('name', …)` call of the file declares (a helper given the builder may join one). */
function knexCteNames(file: ParsedFile): Set<string> {
  let names = fileCtes.get(file);
  if (names) return names;
  const found = new Set<string>();
  forEachChainIn(file.program as unknown as AnyNode, (chain) => {
    for (const link of chain.links) {
      if (!link.call || link.property === undefined || !CTE_METHODS.has(link.property)) continue;
      const name = toCteName(link.arguments[0] as AnyNode | undefined);
      if (name !== undefined) found.add(name);
    }
  });
  fileCtes.set(file, found);
  return found;
}

const kyselyOnly = new WeakMap<ParsedFile, boolean>();

/** True for a file that imports Kysely and never mentions knex: its builder chains are Kysely's (`eb.table('t')` is not knex's `table`). */
function isKyselyOnlyFile(file: ParsedFile): boolean {
  let cached = kyselyOnly.get(file);
  if (cached === undefined) {
    cached = file.module.staticImports.some((entry) => /^kysely(?:\/|$)/.test(entry.moduleRequest.value)) && !/knex/i.test(file.text);
    kyselyOnly.set(file, cached);
  }
  return cached;
}

/** Reports a table name only known at run time (a parameter, a computed member, a template). */
export function reportDynamicTable(context: SqlDetectorContext, library: string, at: AnyNode): void {
  context.report(
    DIAGNOSTIC_CODES.sqlDynamicTable,
    `${library} is given a table name that is only known at run time; seams cannot tell which table. Use a literal or a constant (\`const T = { users: 'users' }\`) to have it counted.`,
    at,
  );
}

function reportDynamic(context: SqlDetectorContext, at: AnyNode): void {
  reportDynamicTable(context, 'knex', at);
}

/** `knex.schema.createTable('t', (t) => …)` and the other schema-builder calls: ddl accesses, schema tables, foreign keys. */
function recordSchemaChain(chain: CallChain, head: ChainHead, context: SqlDetectorContext): void {
  if (isKyselySchemaChain(chain, context.file)) return;
  let schema: string | undefined;
  for (const link of chain.links.slice(head.callIndex)) {
    if (!link.call || link.property === undefined) continue;
    const first = link.arguments[0] as AnyNode | undefined;
    const ddl = (node: AnyNode | undefined): string | undefined => {
      for (const resolved of toTableArguments(context, node)) {
        if ('dynamic' in resolved) {
          reportDynamic(context, resolved.node);
          continue;
        }
        const target = withSchemaOf(resolved.target, schema);
        context.addAccess(target, 'ddl', resolved.node);
        return target.kind === 'table' ? target.table : undefined;
      }
      return undefined;
    };
    const foreignKeys = (table: string | undefined): void => {
      const callback = link.arguments.find((argument) => isFunctionNode(argument as AnyNode));
      if (table === undefined || !callback) return;
      forEachChainIn(callback as AnyNode, (inner) => {
        const referenced = toReferencedTable(context, inner);
        if (referenced) context.addForeignKey(table, referenced.table, referenced.at);
      });
    };
    switch (link.property) {
      case 'withSchema':
        schema = stringValue(first);
        break;
      case 'createTable':
      case 'createTableIfNotExists':
      case 'createTableLike': {
        const table = ddl(first);
        if (table !== undefined && first) context.addSchemaTable(table, first);
        foreignKeys(table);
        break;
      }
      case 'alterTable':
      case 'table':
        if (link.arguments.some((argument) => isFunctionNode(argument as AnyNode))) foreignKeys(ddl(first));
        break;
      case 'dropTable':
      case 'dropTableIfExists':
        ddl(first);
        break;
      case 'renameTable':
        ddl(first);
        ddl(link.arguments[1] as AnyNode | undefined);
        break;
    }
  }
}

/**
 * knex: `knex('users')`, `db(T.sessions)`, `trx('t')`, `this.knex('t')`, `.from/.into/.table('t')`,
 * joins (read), `.withSchema('s')`; the main table is written when the chain inserts, updates,
 * deletes, truncates, upserts, increments or merges. CTE names (`with('x', …)`) are not tables.
 * Schema builder: `knex.schema.createTable/createTableIfNotExists/alterTable/table/dropTable/
 * dropTableIfExists/renameTable`, with foreign keys from `.references('users.id')` and
 * `.references('id').inTable('users')` in the callback. A chain counts only when it starts from
 * a knex-like name (`knex`, `db`, `trx`, `tx`, `transaction`, `database`, `connection`, `qb`, `…Db`,
 * `…Knex`) or a name holding a knex builder (`qb: Knex.QueryBuilder`, `let q = this.db(T)`), and has none of Kysely's, TypeORM's or
 * Drizzle's own methods; in a knex chain's callbacks, subqueries on the callback's builder count, and
 * so do joins continuing it (`(query) => query.leftJoin('t', fn)`, confidence 0.8). Table names may be
 * templates of constants (`\`${T.users} as u\``); a `with` body still means the table by its name.
 */
export const knexDetector = defineSqlDetector({
  id: 'knex',
  description: 'knex query builder and schema builder (tables, joins, withSchema, CTEs, foreign keys)',
  // Objection and Bookshelf build on knex, which npm installs for them undeclared.
  packages: ['knex', 'objection', 'bookshelf'],
  textHint: /[kK]nex|\.(?:from|into|table)\s*[(<]|\.schema\b|(?:db|Db|DB|trx|Trx|tx|Tx|database|Database|connection|Connection|conn|qb|queryBuilder)\s*[(<]/,
  onChain(chain, context) {
    const head = toChainHead(chain);
    if (!head || BUILTIN_BASES.has(head.path[0] ?? '') || hasCall(chain, NOT_KNEX) || isKyselyOnlyFile(context.file)) return;
    if (head.path.length >= 2 && head.path.at(-1) === 'schema') {
      recordSchemaChain(chain, head, context);
      return;
    }
    if (isDrizzleSelect(chain, context)) return;
    const callee = toCalleePath(head);
    // `saveToDb(['a'])`, `connectDb(url)` are functions that do something, not a knex instance;
    // `Database({ name })`, `@Connection('x')` are classes or decorators; `db.transaction(…)` starts a transaction.
    const calleeName = callee.at(-1) ?? '';
    const isBaseCall =
      head.call.arguments.length > 0 && isKnexName(calleeName) && !VERB_PREFIX.test(calleeName) && !/^[A-Z][a-z]/.test(calleeName) && head.call.property !== 'transaction';
    // `em.getKnex()('users')`, `this.getDb().from('users')`: a factory of knex instances.
    // `(qb: Knex.QueryBuilder) => qb.from('t')`, `let query = this.db(T); query = query.join(…)`: a name holding a knex builder.
    const typed = (head.path.length === 1 || (head.path.length === 2 && head.path[0] === 'this')) && knexTypedNames(context.file).has(head.path.join('.'));
    const onKnex = typed || isKnexName(head.path.at(-1)) || (head.call.arguments.length === 0 && isKnexName(callee.at(-1)));
    const inKnexChain = head.path.length === 1 && head.call.property !== undefined && knexChains.visibleAt(context, chain).has(KNEX_CHAIN);
    const inSubquery = inKnexChain && SUBQUERY_STARTS.has(head.call.property ?? '');
    // `.with('x', (query) => { query.leftJoin('t', fn); })`: a join continuing the builder of a knex callback (not `ids.join(',')`).
    const joinsOnly = inKnexChain && JOIN_METHODS.has(head.call.property ?? '') && head.call.arguments.length >= 2;
    const onThis = head.path.length === 1 && head.path[0] === 'this' && head.call.property !== undefined && !isKnexName(head.call.property);
    if (!isBaseCall && !onKnex && !onThis && !inSubquery && !joinsOnly) return;
    knexChains.declare(context, chain, [KNEX_CHAIN]);

    const ctes = cteScopes.visibleAt(context, chain);
    for (const name of declareCtes(context, chain, cteScopes, CTE_METHODS)) ctes.add(name);

    let schema: string | undefined;
    const main: ResolvedTable[] = [];
    const joined: ResolvedTable[] = [];
    let baseCallSeen = false;
    for (const [index, link] of chain.links.entries()) {
      if (!link.call || index < head.callIndex) continue;
      const first = link.arguments[0] as AnyNode | undefined;
      if (!baseCallSeen && (index === head.callIndex ? isBaseCall : link.property === undefined && isKnexName(callee.at(-1)))) {
        baseCallSeen = true;
        if (first && unwrap(first).type !== 'ArrayExpression') main.push(...toTableArguments(context, first));
        continue;
      }
      if (link.property === 'withSchema') schema = stringValue(first);
      else if (link.property !== undefined && MAIN_TABLE_METHODS.has(link.property)) {
        // TypeORM's `from(Entity, 'alias')` and `from('users', 'u')` are not knex's.
        if (link.property === 'from' && stringValue(link.arguments[1] as AnyNode | undefined) !== undefined) return;
        main.push(...toTableArguments(context, first));
      } else if (link.property !== undefined && JOIN_METHODS.has(link.property)) joined.push(...toTableArguments(context, first));
    }
    if (main.length === 0 && !joinsOnly && !typed) return;
    // A builder continued in a callback or handed to a helper (`queryMetrics(qb: Knex.QueryBuilder)`) may join a CTE declared elsewhere in the file.
    if (main.length === 0) for (const name of knexCteNames(context.file)) ctes.add(name);

    const writes = hasCall(chain, WRITE_METHODS) || (hasCall(chain, ON_CONFLICT) && hasCall(chain, CONFLICT_ACTIONS));
    const onOtherThis = onThis && !onKnex && !isBaseCall && !inSubquery;
    const confidence = onOtherThis || (joinsOnly && !onKnex) ? CONTINUED_CONFIDENCE : 1;
    // `def.tx(payload.value)` is a call, not a query: a run-time name is reported only when a query method follows.
    const isQuery = chain.links.length > head.callIndex + 1;
    const record = (resolved: ResolvedTable, mode: 'read' | 'write'): void => {
      if (onOtherThis && ('dynamic' in resolved || resolved.target.kind !== 'table')) return;
      if ('dynamic' in resolved) {
        if (isQuery) reportDynamic(context, resolved.node);
        return;
      }
      const target = withSchemaOf(resolved.target, schema);
      if (target.kind === 'table' && ctes.has(target.table)) return;
      context.addAccess(target, mode, resolved.node, confidence < 1 ? { confidence } : {});
    };
    for (const resolved of main) record(resolved, writes ? 'write' : 'read');
    for (const resolved of joined) record(resolved, 'read');
  },
});
