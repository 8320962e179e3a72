import type { ParsedFile } from '../../../src/plugin/index.js';
import { stringValue, type AnyNode, type CallChain } from '../ast.js';
import { defineSqlDetector, type SqlDetectorContext } from '../detector.js';
import {
  KYSELY_QUERY_METHODS,
  createNameScopes,
  declareCtes,
  forEachChainIn,
  hasCall,
  isFunctionNode,
  isKyselySchemaChain,
  reportDynamicTable,
  toBuilderTableTarget,
  toChainHead,
  toReferencedTable,
  toTableArguments,
  withSchemaOf,
  type ChainHead,
  type ResolvedTable,
} from './knex.js';

/** Kysely methods that name the statement's main table, and how they touch it. */
const MAIN_METHODS = new Map<string, 'read' | 'write'>([
  ['selectFrom', 'read'],
  ['insertInto', 'write'],
  ['replaceInto', 'write'],
  ['updateTable', 'write'],
  ['deleteFrom', 'write'],
  ['mergeInto', 'write'],
]);

/** Methods naming further tables a statement reads: joins, `UPDATE … FROM`, `DELETE … USING`, `MERGE … USING`. */
const READ_METHODS = new Set([
  'innerJoin', 'leftJoin', 'rightJoin', 'fullJoin', 'crossJoin', 'innerJoinLateral', 'leftJoinLateral', 'crossJoinLateral', 'from', 'using',
]);
const JOIN_METHODS = new Set(['innerJoin', 'leftJoin', 'rightJoin', 'fullJoin', 'crossJoin']);
const CTE_METHODS = new Set(['with', 'withRecursive']);
const EXECUTE_METHODS = new Set(['execute', 'executeTakeFirst', 'executeTakeFirstOrThrow', 'stream', 'compile']);
/** Other builders whose joins look like Kysely's (TypeORM's `qb.leftJoin('u.photos', 'p').getMany()`). */
const FOREIGN_METHODS = new Set(['createQueryBuilder', 'getMany', 'getOne', 'getRawMany', 'getRawOne', 'getManyAndCount', 'leftJoinAndSelect', 'innerJoinAndSelect']);

/** Confidence of a join in a chain that continues a query built elsewhere (`baseQuery().innerJoin('x', …).execute()`). */
const CONTINUED_JOIN_CONFIDENCE = 0.8;

const cteScopes = createNameScopes();

/** True for a chain on a plain name whose first call is a join: `qb.innerJoin('t', 'a', 'b')`. */
function startsWithJoin(chain: CallChain): boolean {
  const first = chain.links[0];
  return chain.basePath?.length === 1 && first?.call !== undefined && first.property !== undefined && JOIN_METHODS.has(first.property);
}

const kyselyImports = new WeakMap<ParsedFile, boolean>();

/** True when the file imports from `kysely` (its builders are Kysely's). */
function importsKysely(file: ParsedFile): boolean {
  let cached = kyselyImports.get(file);
  if (cached === undefined) {
    cached = file.module.staticImports.some((entry) => /^kysely(?:\/|$)/.test(entry.moduleRequest.value));
    kyselyImports.set(file, cached);
  }
  return cached;
}

function record(context: SqlDetectorContext, resolved: ResolvedTable, mode: 'read' | 'write', schema: string | undefined, ctes: Set<string>, confidence = 1): void {
  if ('dynamic' in resolved) {
    if (confidence === 1) reportDynamicTable(context, 'Kysely', resolved.node);
    return;
  }
  if (resolved.target.kind === 'table' && ctes.has(resolved.target.table)) return;
  context.addAccess(withSchemaOf(resolved.target, schema), mode, resolved.node, confidence < 1 ? { confidence } : {});
}

/** `db.schema.createTable('t').addColumn(…).execute()` and the other schema-builder chains. */
function recordSchemaChain(chain: CallChain, head: ChainHead, context: SqlDetectorContext): void {
  let schema: string | undefined;
  let current: string | undefined;
  let indexing = false;
  const ddl = (node: AnyNode | undefined): string | undefined => {
    let table: string | undefined;
    for (const resolved of toTableArguments(context, node)) {
      if ('dynamic' in resolved) {
        reportDynamicTable(context, 'Kysely', resolved.node);
        continue;
      }
      const target = withSchemaOf(resolved.target, schema);
      context.addAccess(target, 'ddl', resolved.node);
      if (target.kind === 'table') table ??= target.table;
    }
    return table;
  };
  for (const link of chain.links.slice(head.callIndex)) {
    if (!link.call || link.property === undefined) continue;
    const first = link.arguments[0] as AnyNode | undefined;
    switch (link.property) {
      case 'withSchema':
        schema = stringValue(first);
        break;
      case 'createTable':
        current = ddl(first);
        if (current !== undefined && first) context.addSchemaTable(current, first);
        break;
      case 'alterTable':
        current = ddl(first);
        break;
      case 'dropTable':
        ddl(first);
        break;
      case 'renameTo':
        if (current !== undefined) ddl(first);
        break;
      case 'createIndex':
      case 'dropIndex':
        indexing = true;
        break;
      case 'on':
        if (indexing) ddl(first);
        break;
      case 'addColumn':
      case 'modifyColumn': {
        const callback = link.arguments.find((argument) => isFunctionNode(argument as AnyNode));
        const from = current;
        if (from === undefined || !callback) break;
        forEachChainIn(callback as AnyNode, (inner) => {
          const referenced = toReferencedTable(context, inner);
          if (referenced) context.addForeignKey(from, referenced.table, referenced.at);
        });
        break;
      }
      case 'addForeignKeyConstraint': {
        const target = toBuilderTableTarget(context, link.arguments[2] as AnyNode | undefined);
        if (current !== undefined && target?.kind === 'table') context.addForeignKey(current, target.table, link.arguments[2] as AnyNode);
        break;
      }
    }
  }
}

/**
 * Kysely: `selectFrom` (read; arrays and `'t as a'`), `insertInto`/`replaceInto`/`updateTable`/
 * `deleteFrom`/`mergeInto` (write), joins, `UPDATE … from`, `DELETE/MERGE … using` (read),
 * `withSchema('s')`, CTEs from `with`/`withRecursive` (not tables, in the chain and its callbacks;
 * a `with` body still means the table by that name),
 * subqueries (`eb.selectFrom('x')`, a destructured `({ selectFrom }) => selectFrom('x')`, their own
 * chains), joins of a query continued elsewhere (`base().innerJoin(…).execute()`, and in a file that
 * imports Kysely `$if(c, (qb) => qb.innerJoin('t', a, b))`; confidence 0.8). Schema builder: `db.schema.createTable`
 * (ddl, schema table, foreign keys from `.addForeignKeyConstraint(…)` and column
 * `.references('t.id')`), `alterTable`, `dropTable`, `createIndex(…).on('t')`.
 */
export const kyselyDetector = defineSqlDetector({
  id: 'kysely',
  description: 'Kysely query builder and schema builder (tables, joins, CTEs, withSchema, foreign keys)',
  packages: ['kysely'],
  textHint: /\b(?:selectFrom|insertInto|replaceInto|updateTable|deleteFrom|mergeInto)\b|\.schema\b|\.(?:inner|left|right|full)Join\(\s*['"]/,
  onChain(chain, context) {
    const head = toChainHead(chain);
    if (head && head.path.length >= 2 && head.path.at(-1) === 'schema') {
      if (isKyselySchemaChain(chain, context.file)) recordSchemaChain(chain, head, context);
      return;
    }
    // `({ selectFrom }) => selectFrom('pet')…`: the expression builder's selectFrom, destructured.
    const destructured = chain.basePath?.length === 1 && chain.basePath[0] === 'selectFrom' && chain.links[0]?.call !== undefined && chain.links[0].property === undefined;
    const hasMain = destructured || hasCall(chain, KYSELY_QUERY_METHODS);
    // A query continued elsewhere: `baseQuery().innerJoin(…).execute()`, or in a Kysely file a
    // builder handed to a callback or helper, `$if(cond, (qb) => qb.innerJoin('t', a, b))`.
    const continuesQuery =
      !hasMain && !hasCall(chain, FOREIGN_METHODS) && (hasCall(chain, EXECUTE_METHODS) || (startsWithJoin(chain) && importsKysely(context.file)));
    if (!hasMain && !continuesQuery) return;

    const ctes = cteScopes.visibleAt(context, chain);
    for (const name of declareCtes(context, chain, cteScopes, CTE_METHODS)) ctes.add(name);

    let schema: string | undefined;
    for (const [index, link] of chain.links.entries()) {
      const first = link.arguments[0] as AnyNode | undefined;
      if (destructured && index === 0) {
        for (const resolved of toTableArguments(context, first)) record(context, resolved, 'read', schema, ctes);
        continue;
      }
      if (!link.call || link.property === undefined) continue;
      if (link.property === 'withSchema') {
        schema = stringValue(first);
        continue;
      }
      const mode = MAIN_METHODS.get(link.property);
      if (mode !== undefined) {
        for (const resolved of toTableArguments(context, first)) record(context, resolved, mode, schema, ctes);
      } else if (hasMain && READ_METHODS.has(link.property)) {
        for (const resolved of toTableArguments(context, first)) record(context, resolved, 'read', schema, ctes);
      } else if (continuesQuery && JOIN_METHODS.has(link.property) && stringValue(first) !== undefined) {
        // Kysely joins take (table, a, b) or (table, callback); TypeORM's take (relation, alias).
        const second = link.arguments[1] as AnyNode | undefined;
        if (link.arguments.length < 3 && !isFunctionNode(second)) continue;
        for (const resolved of toTableArguments(context, first)) record(context, resolved, 'read', schema, ctes, CONTINUED_JOIN_CONFIDENCE);
      }
    }
  },
});
