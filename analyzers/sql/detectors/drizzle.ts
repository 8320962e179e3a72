import type { Program, VariableDeclarator } from 'oxc-parser';
import type { TableTarget } from '../../../src/plugin/index.js';
import { memberPath, propertyName, stringValue, unwrap, type AnyNode, type CallChain } from '../ast.js';
import { defineSqlDetector, type SqlDetectorContext } from '../detector.js';
import { forEachChainIn, hasCall, hasDrizzleEvidence, isDrizzleSelect, toChainHead, toQuotedTableId } from './knex.js';

/** Drizzle's table factories, by dialect. */
const TABLE_FACTORIES = new Set(['pgTable', 'mysqlTable', 'sqliteTable', 'singlestoreTable', 'gelTable']);
/** Factories of a schema (`pgSchema('auth').table('users', …)`). */
const SCHEMA_FACTORIES = new Set(['pgSchema', 'mysqlSchema', 'singlestoreSchema', 'gelSchema']);
/** Factories of a table factory with a name template (`pgTableCreator((name) => \`app_${name}\`)`). */
const TABLE_CREATORS = new Set(['pgTableCreator', 'mysqlTableCreator', 'sqliteTableCreator', 'singlestoreTableCreator']);

const MUTATIONS = new Set(['insert', 'update', 'delete']);
/** Links that follow a Drizzle mutation (`db.insert(t).values(…)`, `db.update(t).set(…)`). */
const MUTATION_CONTINUATIONS = new Set(['values', 'set', 'where', 'returning', 'onConflictDoUpdate', 'onConflictDoNothing', 'onDuplicateKeyUpdate']);
/** knex's own links: `trx.insert(rows).into('t')` is knex's. */
const KNEX_LINKS = new Set(['into', 'table', 'del']);
const JOINS = new Set(['leftJoin', 'rightJoin', 'innerJoin', 'fullJoin', 'crossJoin', 'leftJoinLateral', 'innerJoinLateral', 'crossJoinLateral', 'from']);
const RELATIONAL_READS = new Set(['findMany', 'findFirst']);
/** Confidence of a relational query: its key in the schema object is usually, not always, the table's export name. */
const RELATIONAL_CONFIDENCE = 0.8;

/** Names a Drizzle database or transaction usually has. */
function isDatabaseName(name: string | undefined): boolean {
  if (name === undefined) return false;
  return /^(?:db|tx|trx|database|drizzle|conn|connection|orm|qb)$/i.test(name) || /[a-z](?:Db|DB|Tx|Trx|Drizzle|Database)$/.test(name);
}

/** What this file declares: its Drizzle tables, schemas, table creators and aliases, by local name. */
interface FileTables {
  tables: Map<string, string>;
  schemas: Map<string, string>;
  creators: Map<string, (name: string) => string>;
  /** `const parent = alias(categories, 'parent')` → categories' target. */
  aliases: Map<string, TableTarget>;
}

const fileTables = new WeakMap<SqlDetectorContext, FileTables>();

function tablesOf(context: SqlDetectorContext): FileTables {
  let tables = fileTables.get(context);
  if (!tables) {
    tables = { tables: new Map(), schemas: new Map(), creators: new Map(), aliases: new Map() };
    fileTables.set(context, tables);
  }
  return tables;
}

/** The imported name of a local binding (`import { pgTable as table }` → `pgTable`), or the name itself. */
function originalName(context: SqlDetectorContext, name: string): string {
  const imported = context.file.importOf(name);
  return imported && imported.importedName !== '*' && imported.importedName !== 'default' ? imported.importedName : name;
}

/** `(name) => \`prefix_${name}\`` as a function, when it is that simple. */
function toNameTemplate(node: AnyNode | undefined): ((name: string) => string) | undefined {
  if (!node) return undefined;
  const inner = unwrap(node);
  if (inner.type !== 'ArrowFunctionExpression' || inner.body.type === 'BlockStatement') return undefined;
  const parameter = inner.params[0];
  const body = unwrap(inner.body as AnyNode);
  if (parameter?.type !== 'Identifier' || body.type !== 'TemplateLiteral' || body.expressions.length !== 1) return undefined;
  const hole = body.expressions[0] as AnyNode | undefined;
  if (hole?.type !== 'Identifier' || hole.name !== parameter.name) return undefined;
  const [before, after] = body.quasis.map((quasi) => quasi.value.cooked ?? quasi.value.raw);
  return (name) => `${before ?? ''}${name}${after ?? ''}`;
}

/** The table a Drizzle table factory call declares, or undefined when the call is not one. */
function toDeclaredTable(context: SqlDetectorContext, init: AnyNode): string | undefined {
  const call = unwrap(init);
  if (call.type !== 'CallExpression') return undefined;
  const name = stringValue(call.arguments[0] as AnyNode | undefined);
  if (name === undefined) return undefined;
  const callee = unwrap(call.callee as AnyNode);
  const known = tablesOf(context);
  if (callee.type === 'Identifier') {
    if (TABLE_FACTORIES.has(originalName(context, callee.name))) return toQuotedTableId(name);
    const creator = known.creators.get(callee.name);
    return creator ? toQuotedTableId(creator(name)) : undefined;
  }
  if (callee.type === 'MemberExpression' && propertyName(callee) === 'table') {
    const object = unwrap(callee.object as AnyNode);
    let schema: string | undefined;
    if (object.type === 'Identifier') schema = known.schemas.get(object.name);
    else if (object.type === 'CallExpression') schema = toSchemaName(context, object);
    return schema === undefined ? undefined : toQuotedTableId(`${schema}.${name}`);
  }
  return undefined;
}

function toSchemaName(context: SqlDetectorContext, node: AnyNode): string | undefined {
  const call = unwrap(node);
  if (call.type !== 'CallExpression') return undefined;
  const callee = unwrap(call.callee as AnyNode);
  if (callee.type !== 'Identifier' || !SCHEMA_FACTORIES.has(originalName(context, callee.name))) return undefined;
  return stringValue(call.arguments[0] as AnyNode | undefined);
}

/** The table a column or foreign-key reference points at: `() => accounts.id`, `accounts.id`. */
function toReferencedTable(known: FileTables, node: AnyNode | undefined): string | undefined {
  if (!node) return undefined;
  let inner = unwrap(node);
  if (inner.type === 'ArrowFunctionExpression' || inner.type === 'FunctionExpression') {
    const body = inner.body;
    if (body?.type === 'BlockStatement') {
      const returned = body.body.find((statement) => statement.type === 'ReturnStatement');
      if (!returned?.argument) return undefined;
      inner = unwrap(returned.argument as AnyNode);
    } else if (body) inner = unwrap(body as AnyNode);
  }
  const path = memberPath(inner);
  return path?.[0] === undefined ? undefined : known.tables.get(path[0]);
}

/** Foreign keys of a table declaration: column `.references(() => t.id)` and `foreignKey({ foreignColumns: [t.id] })`. */
function recordForeignKeys(context: SqlDetectorContext, table: string, call: AnyNode): void {
  const known = tablesOf(context);
  const inner = unwrap(call);
  if (inner.type !== 'CallExpression') return;
  for (const argument of inner.arguments.slice(1)) {
    forEachChainIn(argument as AnyNode, (chain) => {
      for (const link of chain.links) {
        if (!link.call) continue;
        if (link.property === 'references') {
          const to = toReferencedTable(known, link.arguments[0] as AnyNode | undefined);
          if (to !== undefined) context.addForeignKey(table, to, link.arguments[0] as AnyNode);
        } else if (link.property === undefined && chain.basePath?.length === 1 && originalName(context, chain.basePath[0] ?? '') === 'foreignKey') {
          const options = link.arguments[0] ? unwrap(link.arguments[0] as AnyNode) : undefined;
          if (options?.type !== 'ObjectExpression') continue;
          for (const property of options.properties) {
            if (property.type !== 'Property' || property.key.type !== 'Identifier' || property.key.name !== 'foreignColumns') continue;
            const columns = unwrap(property.value as AnyNode);
            const first = columns.type === 'ArrayExpression' ? columns.elements[0] : undefined;
            const to = toReferencedTable(known, first as AnyNode | undefined);
            if (to !== undefined) context.addForeignKey(table, to, property.value as AnyNode);
          }
        }
      }
    });
  }
}

/** Records a schema (`pgSchema('s')`) or table creator (`pgTableCreator(…)`) a declarator names. */
function readFactory(context: SqlDetectorContext, declarator: VariableDeclarator): void {
  if (declarator.id.type !== 'Identifier' || !declarator.init) return;
  const known = tablesOf(context);
  const init = unwrap(declarator.init as AnyNode);
  const schema = toSchemaName(context, init);
  if (schema !== undefined) known.schemas.set(declarator.id.name, schema);
  if (init.type === 'CallExpression' && init.callee.type === 'Identifier' && TABLE_CREATORS.has(originalName(context, init.callee.name))) {
    const template = toNameTemplate(init.arguments[0] as AnyNode | undefined);
    if (template) known.creators.set(declarator.id.name, template);
  }
}

/** Records the table a declarator declares, if any, and returns it. */
function readTable(context: SqlDetectorContext, declarator: VariableDeclarator): string | undefined {
  if (declarator.id.type !== 'Identifier' || !declarator.init) return undefined;
  const table = toDeclaredTable(context, declarator.init as AnyNode);
  if (table === undefined) return undefined;
  tablesOf(context).tables.set(declarator.id.name, table);
  context.addDefinition(declarator.id.name, table, declarator);
  context.addSchemaTable(table, declarator);
  return table;
}

const topLevelDeclarators = new WeakSet<VariableDeclarator>();

/**
 * Reads the file's top-level declarations: schemas and table creators first, then tables, then
 * their foreign keys (so references to tables declared later resolve).
 */
function readDeclarations(context: SqlDetectorContext, program: Program): void {
  const declarators: VariableDeclarator[] = [];
  for (const statement of program.body) {
    const declaration = statement.type === 'ExportNamedDeclaration' ? statement.declaration : statement;
    if (declaration?.type !== 'VariableDeclaration') continue;
    for (const declarator of declaration.declarations) {
      declarators.push(declarator);
      topLevelDeclarators.add(declarator);
    }
  }
  for (const declarator of declarators) readFactory(context, declarator);
  const declared: { table: string; declarator: VariableDeclarator }[] = [];
  for (const declarator of declarators) {
    const table = readTable(context, declarator);
    if (table !== undefined) declared.push({ table, declarator });
  }
  for (const { table, declarator } of declared) recordForeignKeys(context, table, declarator.init as AnyNode);
}

/** A declaration inside a function (tables declared in a test or a factory), read in source order. */
function readNestedDeclaration(context: SqlDetectorContext, declarator: VariableDeclarator): void {
  if (topLevelDeclarators.has(declarator)) return;
  readFactory(context, declarator);
  const table = readTable(context, declarator);
  if (table !== undefined) recordForeignKeys(context, table, declarator.init as AnyNode);
}

/**
 * The table a Drizzle query names: an imported table (a symbol with its specifier), a table of
 * this file, or an alias of either (`alias(users, 'parent')`). Subqueries, CTEs and parameters
 * name none.
 */
function toQueryTable(context: SqlDetectorContext, node: AnyNode | undefined): TableTarget | undefined {
  if (!node || stringValue(node) !== undefined) return undefined;
  const inner = unwrap(node);
  const path = memberPath(inner);
  const known = tablesOf(context);
  if (path?.length === 1 && path[0] !== undefined && known.aliases.has(path[0])) return known.aliases.get(path[0]);
  const target = context.toTableTarget(inner);
  if (target?.kind !== 'symbol') return undefined;
  if (target.specifier !== undefined) return target;
  return known.tables.has(target.symbol) ? target : undefined;
}

/** True for `db.insert(t).values(…)`, `tx.update(t).set(…)`, `db.delete(t)` (and not knex's `trx.insert(rows).into('t')`). */
function isDrizzleMutation(chain: CallChain, context: SqlDetectorContext, index: number): boolean {
  if (hasCall(chain, KNEX_LINKS)) return false;
  const next = chain.links[index + 1];
  return hasDrizzleEvidence(context.file) || (next?.call !== undefined && next.property !== undefined && MUTATION_CONTINUATIONS.has(next.property));
}

/**
 * Drizzle: table declarations (`export const accounts = pgTable('accounts', {…})`, `mysqlTable`,
 * `sqliteTable`, `pgSchema('s').table(…)`, `pgTableCreator` templates) as definitions and schema
 * tables, with foreign keys from column `.references(() => t.id)` and `foreignKey({…})`;
 * accesses `db.select(…).from(t)` and its joins (read), `db.insert/update/delete(t)` (write;
 * `update(t).from(u)` reads `u`), `db.$count(t)` (read), relational queries
 * `db.query.t.findMany/findFirst()` (read, 0.8), also on a transaction (`tx.update(t)`).
 * Tables are resolved through imports, so an imported table is a symbol with its specifier.
 */
export const drizzleDetector = defineSqlDetector({
  id: 'drizzle',
  description: 'Drizzle ORM tables, foreign keys, queries and relational queries',
  packages: ['drizzle-orm'],
  textHint: /drizzle|(?:Table|Schema|TableCreator)\s*\(|(?:db|Db|DB|tx|Tx|trx|Trx|database|Database|conn|connection|orm)\s*\.\s*(?:select|selectDistinct|selectDistinctOn|insert|update|delete|query|with|\$with|\$count)\b/,
  visitor(context) {
    return {
      Program(program: Program) {
        readDeclarations(context, program);
      },
      VariableDeclarator(declarator: VariableDeclarator) {
        readNestedDeclaration(context, declarator);
        const init = declarator.init ? unwrap(declarator.init as AnyNode) : undefined;
        if (declarator.id.type !== 'Identifier' || init?.type !== 'CallExpression' || init.callee.type !== 'Identifier') return;
        if (originalName(context, init.callee.name) !== 'alias') return;
        const target = toQueryTable(context, init.arguments[0] as AnyNode | undefined);
        if (target) tablesOf(context).aliases.set(declarator.id.name, target);
      },
    };
  },
  onChain(chain, context) {
    const head = toChainHead(chain);
    if (!head || head.call.property === undefined) return;
    const path = head.path;

    if (path.length >= 3 && path.at(-2) === 'query' && RELATIONAL_READS.has(head.call.property)) {
      const table = path.at(-1);
      if (table !== undefined) context.addAccess({ kind: 'symbol', symbol: table }, 'read', head.call.call ?? chain.node, { confidence: RELATIONAL_CONFIDENCE });
      return;
    }
    if (!isDatabaseName(path.at(-1))) return;

    // `db.with(sq1, sq2).update(t)`, `db.$withAuth(token).select()`: the statement starts after CTEs (not tables) and options.
    let index = head.callIndex;
    const ctes = new Set<string>();
    const isPrelude = (property: string | undefined): boolean => property === 'with' || (property !== undefined && property.startsWith('$') && property !== '$count');
    for (let link = chain.links[index]; isPrelude(link?.property); link = chain.links[++index]) {
      if (link?.property !== 'with') continue;
      for (const argument of link.arguments) {
        const name = memberPath(argument as AnyNode);
        if (name?.length === 1 && name[0] !== undefined) ctes.add(name[0]);
      }
    }
    const operation = chain.links[index];
    if (!operation?.call || operation.property === undefined) return;
    const tableOf = (node: AnyNode | undefined): TableTarget | undefined => {
      const path = node ? memberPath(node) : undefined;
      return path?.length === 1 && path[0] !== undefined && ctes.has(path[0]) ? undefined : toQueryTable(context, node);
    };
    const recordReads = (from: number): void => {
      for (const link of chain.links.slice(from)) {
        if (!link.call || link.property === undefined || !JOINS.has(link.property)) continue;
        const read = tableOf(link.arguments[0] as AnyNode | undefined);
        if (read) context.addAccess(read, 'read', link.arguments[0] as AnyNode);
      }
    };

    if (operation.property === '$count') {
      const target = tableOf(operation.arguments[0] as AnyNode | undefined);
      if (target) context.addAccess(target, 'read', operation.arguments[0] as AnyNode);
      return;
    }
    if (MUTATIONS.has(operation.property)) {
      const node = operation.arguments[0] as AnyNode | undefined;
      const target = tableOf(node);
      if (!target || !node || !isDrizzleMutation(chain, context, index)) return;
      context.addAccess(target, 'write', node);
      recordReads(index + 1);
      return;
    }
    if (isDrizzleSelect(chain, context)) recordReads(index);
  },
});
