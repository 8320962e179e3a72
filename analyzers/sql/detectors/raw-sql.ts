import type { TaggedTemplateExpression } from 'oxc-parser';
import { memberPath, unwrap, type AnyNode } from '../ast.js';
import { defineSqlDetector } from '../detector.js';
import { recordSql } from '../sql-sink.js';

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
]);

/** knex fragment methods and how to make their fragment a statement the parser reads. */
const FRAGMENT_SINKS = new Map<string, (fragment: string) => string>([
  ['whereRaw', (fragment) => `SELECT 1 WHERE ${fragment}`],
  ['orWhereRaw', (fragment) => `SELECT 1 WHERE ${fragment}`],
  ['andWhereRaw', (fragment) => `SELECT 1 WHERE ${fragment}`],
  ['havingRaw', (fragment) => `SELECT 1 HAVING ${fragment}`],
  ['joinRaw', (fragment) => `SELECT 1 FROM __seams_base__ ${fragment}`],
  ['fromRaw', (fragment) => `SELECT 1 FROM ${fragment}`],
]);

/** Tags whose template is SQL: slonik, postgres.js, Kysely, Drizzle and Prisma `sql`, Prisma's raw queries. */
const SQL_TAGS = new Set(['sql', '$queryRaw', '$executeRaw', 'raw', 'unsafe']);

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
 * `$queryRaw`/`$executeRaw`/`…Unsafe`, pg-promise, and tagged templates `sql\`…\`` (slonik,
 * postgres.js, Kysely, Drizzle, Prisma.sql). A string is taken as SQL only when it starts like a
 * statement, so `router.query('id')` is not mistaken for it.
 */
export const rawSqlDetector = defineSqlDetector({
  id: 'raw-sql',
  description: 'raw SQL given to pg, mysql2, Sequelize, TypeORM, knex raw, Prisma raw, slonik/postgres.js/Kysely/Drizzle sql``',
  textHint: /\.(query|execute|raw|whereRaw|orWhereRaw|andWhereRaw|havingRaw|joinRaw|fromRaw|\$queryRaw|\$executeRaw|\$queryRawUnsafe|\$executeRawUnsafe|unsafe|none|one|oneOrNone|many|manyOrNone|any)\s*[(<`]|\bsql\s*[`(.]/,
  onChain(chain, context) {
    for (const link of chain.links) {
      if (!link.call || link.property === undefined) continue;
      const first = link.arguments[0] as AnyNode | undefined;
      // A tagged template argument (`pool.query(sql\`…\`)`) is recorded by the tagged-template visitor.
      if (!first || first.type === 'SpreadElement' || unwrap(first).type === 'TaggedTemplateExpression') continue;
      const client = STATEMENT_SINKS.get(link.property);
      if (client !== undefined) {
        const isSequelize = (chain.basePath ?? []).some((part) => /sequelize/i.test(part)) || link.arguments.some((arg) => /replacements/.test(JSON.stringify((arg as { type: string }).type === 'ObjectExpression' ? (arg as { properties: { key?: { name?: string } }[] }).properties.map((p) => p.key?.name) : [])));
        const source = context.toSqlSource(first);
        // `sql\`…\`.execute(db)` (Kysely) and `stmt.execute(params)`: an identifier argument of execute is not SQL.
        if (source?.kind === 'symbol' && (link.property === 'execute' || unwrap(chain.base).type === 'TaggedTemplateExpression')) continue;
        recordSql(context, source, link.call, { hint: isSequelize ? 'sequelize' : undefined });
        continue;
      }
      const wrap = FRAGMENT_SINKS.get(link.property);
      if (wrap !== undefined) {
        const source = context.toSqlSource(first);
        if (source?.kind === 'text' && /\b(select|from|join)\b/i.test(source.text)) {
          recordSql(context, { kind: 'text', text: wrap(source.text) }, link.call, { requireSqlShape: false });
        }
      }
    }
  },
  visitor(context) {
    return {
      TaggedTemplateExpression(node: TaggedTemplateExpression) {
        const name = tagName(node.tag as AnyNode);
        if (name === undefined || !SQL_TAGS.has(name)) return;
        recordSql(context, context.toSqlSource(node), node);
      },
    };
  },
});
