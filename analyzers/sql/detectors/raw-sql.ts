import type { TaggedTemplateExpression, TemplateLiteral } from 'oxc-parser';
import { memberPath, startOf, stringValue, unwrap, type AnyNode } from '../ast.js';
import { defineSqlDetector, type SqlDetectorContext, type SqlSource } from '../detector.js';
import { fromTemplateParts } from '../sql-parse.js';
import { recordSql } from '../sql-sink.js';
import { toTableReference, type TableReference } from '../table-references.js';
import { createNameScopes, declareCtes, toConstantText } from './knex.js';

/** Methods that take a whole SQL statement as their first argument, by client. */
const STATEMENT_SINKS = new Map<string, string>([
  ['query', 'pg'], // node-postgres client/pool, Sequelize, TypeORM manager/queryRunner/dataSource, mysql2
  ['execute', 'mysql2'],
  ['raw', 'knex'],
  ['$queryRaw', 'prisma'],
  ['$executeRaw', 'prisma'],
  ['$queryRawUnsafe', 'prisma'],
  ['$executeRawUnsafe', 'prisma'],
  ['unsafe', 'postgres'],
  ['none', 'pg-promise'],
  ['one', 'pg-promise'],
  ['oneOrNone', 'pg-promise'],
  ['many', 'pg-promise'],
  ['manyOrNone', 'pg-promise'],
  ['any', 'pg-promise'],
  ['runSql', 'db-migrate'],
]);

/** knex fragment methods and how to make their fragment a statement the parser reads. */
const FRAGMENT_SINKS = new Map<string, (fragment: string) => string>([
  ['whereRaw', (fragment) => `SELECT 1 WHERE ${fragment}`],
  ['orWhereRaw', (fragment) => `SELECT 1 WHERE ${fragment}`],
  ['andWhereRaw', (fragment) => `SELECT 1 WHERE ${fragment}`],
  ['havingRaw', (fragment) => `SELECT 1 HAVING ${fragment}`],
  // The base is a derived table, so only the joined tables are tables.
  ['joinRaw', (fragment) => `SELECT 1 FROM (SELECT 1) AS __seams_base__ ${fragment}`],
  ['fromRaw', (fragment) => `SELECT 1 FROM ${fragment}`],
]);

/** Tags whose template is SQL: slonik, postgres.js, Kysely, Drizzle and Prisma `sql`, Prisma's raw queries. */
const SQL_TAGS = new Set(['sql', '$queryRaw', '$executeRaw', 'raw', 'unsafe']);

/** knex CTE methods: a CTE's name is not a table in the raw SQL of its chain (`.with('total', …).joinRaw('CROSS JOIN total')`). */
const KNEX_CTE_METHODS = new Set(['with', 'withRecursive', 'withMaterialized', 'withNotMaterialized']);
const cteScopes = createNameScopes();

/** Query-builder helpers that put an identifier or raw text into a template: Kysely `sql.table/id/raw`, slonik `sql.identifier`. */
const IDENTIFIER_HELPERS = new Set(['table', 'id', 'identifier', 'raw']);

/** Prefix of the stand-in names of holes that name a schema object's table. */
const REFERENCE_PREFIX = '__seams_ref_';

/** `"a"."b"` from `a.b` or `['a', 'b']`. */
function toQuotedIdentifier(parts: string[]): string {
  return parts.map((part) => `"${part.replace(/"/g, '""')}"`).join('.');
}

/**
 * The SQL text a template hole stands for when seams can tell: `sql.table('users')`,
 * `sql.identifier(['users'])`, `sql.raw('…')` with literals, and (in a plain template, where
 * holes are pasted in) a constant of the file (`${TABLE}`). In a tagged template other holes are
 * bound values, so they stay holes.
 */
function toHoleText(context: SqlDetectorContext, expression: AnyNode, tagged: boolean, references: Map<string, TableReference>): string | undefined {
  const inner = unwrap(expression);
  if (inner.type === 'CallExpression') {
    const path = memberPath(inner.callee as AnyNode);
    const helper = path?.length === 2 && path[0] === 'sql' ? path[1] : undefined;
    const argument = inner.arguments[0] ? unwrap(inner.arguments[0] as AnyNode) : undefined;
    if (helper === undefined || !IDENTIFIER_HELPERS.has(helper) || !argument) return undefined;
    if (helper === 'raw') return stringValue(argument);
    if (argument.type === 'ArrayExpression') {
      const parts = argument.elements.map((element) => (element ? stringValue(element as AnyNode) : undefined));
      if (parts.every((part): part is string => part !== undefined) && parts.length > 0) return toQuotedIdentifier(parts);
      // `sql.identifier([table])`: one name that stands for a schema object's table.
      const only = argument.elements.length === 1 ? argument.elements[0] : undefined;
      return only && only.type !== 'SpreadElement' ? toReferenceText(context, only as AnyNode, true, references) : undefined;
    }
    if (helper === 'id') {
      // Kysely `sql.id('schema', 'table')`: one identifier part per argument.
      const parts = inner.arguments.map((part) => stringValue(part as AnyNode));
      return parts.every((part): part is string => part !== undefined) ? toQuotedIdentifier(parts) : undefined;
    }
    const name = stringValue(argument);
    return name === undefined ? undefined : toQuotedIdentifier(name.split('.'));
  }
  return tagged ? toReferenceText(context, inner, false, references) : toConstantText(context, inner);
}

/** A quoted stand-in name for a hole that names a schema object's table (see toTableReference), remembered in `references`. */
function toReferenceText(context: SqlDetectorContext, expression: AnyNode, identifier: boolean, references: Map<string, TableReference>): string | undefined {
  const reference = toTableReference(context, expression, identifier);
  if (!reference) return undefined;
  const name = `${REFERENCE_PREFIX}${references.size}__`;
  references.set(name, reference);
  return `"${name}"`;
}

/**
 * The SQL of an argument, with the template holes seams can fill filled in (see {@link toHoleText});
 * holes that name a schema object's table get a stand-in name listed in `references`.
 */
function toSqlSourceWithHoles(context: SqlDetectorContext, node: AnyNode): { source: SqlSource | undefined; references: Map<string, TableReference> } {
  const references = new Map<string, TableReference>();
  const inner = unwrap(node);
  const template: TemplateLiteral | undefined = inner.type === 'TemplateLiteral' ? inner : inner.type === 'TaggedTemplateExpression' ? inner.quasi : undefined;
  if (!template || template.expressions.length === 0) return { source: context.toSqlSource(node), references };
  const tagged = inner.type === 'TaggedTemplateExpression';
  const cooked = (index: number) => template.quasis[index]?.value.cooked ?? template.quasis[index]?.value.raw ?? '';
  const parts = [cooked(0)];
  let filled = false;
  for (const [index, expression] of template.expressions.entries()) {
    const text = toHoleText(context, expression as AnyNode, tagged, references);
    if (text === undefined) parts.push(cooked(index + 1));
    else {
      parts[parts.length - 1] += text + cooked(index + 1);
      filled = true;
    }
  }
  return { source: filled ? { kind: 'text', text: fromTemplateParts(parts), offset: startOf(template) + 1 } : context.toSqlSource(node), references };
}

/** The context, but dropping accesses to the given CTE names (SQL names are case-folded, knex keeps case). */
function withoutCtes(context: SqlDetectorContext, ctes: ReadonlySet<string>): SqlDetectorContext {
  if (ctes.size === 0) return context;
  const names = new Set([...ctes].flatMap((name) => [name, name.toLowerCase()]));
  return Object.create(context, {
    addAccess: {
      value: (...args: Parameters<SqlDetectorContext['addAccess']>) => {
        const [target] = args;
        if (target.kind === 'table' && names.has(target.table)) return;
        context.addAccess(...args);
      },
    },
  }) as SqlDetectorContext;
}

function tagName(tag: AnyNode): string | undefined {
  const inner = unwrap(tag);
  if (inner.type === 'CallExpression') {
    // sql.type(schema)`…`, sql.typeAlias('x')`…` (slonik)
    const path = memberPath(inner.callee as AnyNode);
    return path?.includes('sql') ? 'sql' : undefined;
  }
  const path = memberPath(inner);
  return path?.[path.length - 1];
}

/**
 * Raw SQL handed to SQL sinks: `client.query('…')`, `pool.query(sql)`, `sequelize.query(…)`,
 * `manager.query(…)`, mysql2 `execute`, knex `raw`/`whereRaw`/`joinRaw`, Prisma
 * `$queryRaw`/`$executeRaw`/`…Unsafe`, pg-promise, db-migrate `runSql`, and tagged templates
 * `sql\`…\`` (slonik, postgres.js, Kysely, Drizzle, Prisma.sql). A string is taken as SQL only when
 * it starts like a statement, so `router.query('id')` is not mistaken for it. Template holes that
 * name an identifier (`sql.table('t')`, `sql.identifier(['t'])`) or, in a plain template, a
 * constant of the file (`${TABLE}`) are filled in; the CTE names of a knex chain
 * (`.with('total', …).joinRaw('CROSS JOIN total')`) are not tables.
 */
export const rawSqlDetector = defineSqlDetector({
  id: 'raw-sql',
  description: 'raw SQL given to pg, mysql2, Sequelize, TypeORM, knex raw, Prisma raw, db-migrate runSql, slonik/postgres.js/Kysely/Drizzle sql``',
  textHint: /\.(query|execute|runSql|raw|whereRaw|orWhereRaw|andWhereRaw|havingRaw|joinRaw|fromRaw|\$queryRaw|\$executeRaw|\$queryRawUnsafe|\$executeRawUnsafe|unsafe|none|one|oneOrNone|many|manyOrNone|any)\s*[(<`]|\bsql\s*[`(.]/,
  onChain(chain, outerContext) {
    const ctes = cteScopes.visibleAt(outerContext, chain);
    for (const name of declareCtes(outerContext, chain, cteScopes, KNEX_CTE_METHODS)) ctes.add(name);
    const context = withoutCtes(outerContext, ctes);
    for (const link of chain.links) {
      if (!link.call || link.property === undefined) continue;
      const first = link.arguments[0] as AnyNode | undefined;
      // A tagged template argument (`pool.query(sql\`…\`)`) is recorded by the tagged-template visitor.
      if (!first || first.type === 'SpreadElement' || unwrap(first).type === 'TaggedTemplateExpression') continue;
      const client = STATEMENT_SINKS.get(link.property);
      if (client !== undefined) {
        const isSequelize = (chain.basePath ?? []).some((part) => /sequelize/i.test(part)) || link.arguments.some((arg) => /replacements/.test(JSON.stringify((arg as { type: string }).type === 'ObjectExpression' ? (arg as { properties: { key?: { name?: string } }[] }).properties.map((p) => p.key?.name) : [])));
        const withHoles = toSqlSourceWithHoles(context, first);
        const { references } = withHoles;
        // A string `const` declared once inside a function (`const searchDocument = \`ALTER TABLE …\``).
        const localText = withHoles.source === undefined ? toConstantText(context, unwrap(first)) : undefined;
        const source: SqlSource | undefined = localText === undefined ? withHoles.source : { kind: 'text', text: localText };
        // `sql\`…\`.execute(db)` (Kysely) and `stmt.execute(params)`: an identifier argument of execute is not SQL.
        if (source?.kind === 'symbol' && (link.property === 'execute' || unwrap(chain.base).type === 'TaggedTemplateExpression')) continue;
        recordSql(context, source, link.call, { hint: isSequelize ? 'sequelize' : undefined, references });
        continue;
      }
      const wrap = FRAGMENT_SINKS.get(link.property);
      if (wrap !== undefined) {
        const { source } = toSqlSourceWithHoles(context, first);
        if (source?.kind === 'text' && /\b(select|from|join)\b/i.test(source.text)) {
          // At the fragment's own line: a fragment method sits mid-chain, often lines below the chain's start.
          recordSql(context, { kind: 'text', text: wrap(source.text) }, first, { requireSqlShape: false });
        }
      }
    }
  },
  visitor(context) {
    return {
      TaggedTemplateExpression(node: TaggedTemplateExpression) {
        const name = tagName(node.tag as AnyNode);
        if (name === undefined || !SQL_TAGS.has(name)) return;
        const { source, references } = toSqlSourceWithHoles(context, node);
        recordSql(context, source, node, { references });
      },
    };
  },
});
