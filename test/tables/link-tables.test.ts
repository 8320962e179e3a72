import { test } from 'node:test';
import assert from 'node:assert/strict';
import { analyze } from '../../src/pipeline/analyze.js';
import type { AnalysisResult } from '../../src/model/result.js';
import { createTempRepo } from '../helpers.js';
import { toSnakeCase } from '../../src/tables/link-tables.js';

function tableEdges(result: AnalysisResult): string[] {
  return result.edges
    .filter((edge) => ['reads', 'writes', 'ddl', 'fk'].includes(edge.kind))
    .map((edge) => `${edge.from} ${edge.kind} ${edge.to} @${edge.locations.map((l) => `${l.file}:${l.line}`).join(',')} ${edge.via?.join('+')} ${edge.confidence}`);
}

test('link: SQL constants imported directly, through a barrel and a namespace import expand to their tables', () => {
  const result = analyze({
    root: createTempRepo({
      'src/db/queries.ts': "export const INSERT_ORDER = 'INSERT INTO orders (id) VALUES ($1)';\nexport const Q = { list: `SELECT * FROM orders JOIN customers ON true` };",
      'src/db/index.ts': "export * from './queries';",
      'src/a.ts': "import { INSERT_ORDER } from './db/queries';\npool.query(INSERT_ORDER);",
      'src/b.ts': "import { Q } from './db';\n\npool.query(Q.list);",
      'src/c.ts': "import * as queries from './db/queries';\npool.query(queries.INSERT_ORDER);",
    }),
  });
  assert.deepEqual(tableEdges(result), [
    'src/a.ts writes orders @src/a.ts:2 raw-sql 0.9',
    'src/b.ts reads customers @src/b.ts:3 raw-sql 0.9',
    'src/b.ts reads orders @src/b.ts:3 raw-sql 0.9',
    'src/c.ts writes orders @src/c.ts:2 raw-sql 0.9',
  ]);
});

test('link: a symbol found nowhere is a diagnostic with file and line', () => {
  const result = analyze({
    root: createTempRepo({ 'src/a.ts': "import { MISSING } from './q';\npool.query(MISSING);", 'src/q.ts': 'export const other = 1;' }),
  });
  assert.deepEqual(result.diagnostics.map((d) => [d.code, d.file, d.line]), [['table-unresolved', 'src/a.ts', 2]]);
});

test('link: SQL schema files give declared tables and foreign keys; untouched tables are findings', () => {
  const result = analyze({
    root: createTempRepo({
      'migrations/001.sql': 'CREATE TABLE users (id int primary key);\nCREATE TABLE orders (id int, user_id int REFERENCES users(id));\nCREATE TABLE audit (id int);',
      'src/a.ts': "pool.query('SELECT * FROM orders WHERE id = $1');\npool.query('INSERT INTO users (id) VALUES (1)');",
    }),
  });
  assert.deepEqual(
    result.tables.map((t) => [t.id, t.declared, t.writers, t.readers]),
    [['audit', true, [], []], ['orders', true, [], ['orders']], ['users', true, ['orders'], []]],
  );
  assert.ok(tableEdges(result).includes('orders fk users @migrations/001.sql:2 schema 1'));
  assert.deepEqual(result.findings.map((f) => [f.kind, f.message.split('"')[1]]), [['untouched-table', 'audit']]);
  assert.deepEqual(result.stats.tables, { total: 3, accesses: 2, declared: 3, untouched: 1 });
});

test('link: a table written by two clusters is a shared-table finding with evidence per cluster', () => {
  const files: Record<string, string> = {};
  for (const domain of ['billing', 'shipping']) {
    for (let index = 0; index < 4; index += 1) {
      files[`src/${domain}/${domain}${index}.ts`] = `import { x } from './${domain}${(index + 1) % 4}';\nexport const y = x;\npool.query('UPDATE ${domain}_items SET a = 1');`;
    }
  }
  files['src/billing/billing0.ts'] += "\npool.query('UPDATE shipping_items SET paid = true');";
  const result = analyze({ root: createTempRepo(files) });
  const finding = result.findings.find((f) => f.kind === 'shared-table');
  assert.ok(finding, JSON.stringify(result.findings));
  assert.match(finding.message, /Table "shipping_items" is written by 2 clusters \(billing, shipping\); owner: shipping/);
  assert.deepEqual(finding.evidence.map((e) => [e.description, e.locations.length]), [['billing writes shipping_items', 1], ['shipping writes shipping_items', 4]]);
});

test('link: a class imported from an installed package is no table, and no diagnostic', () => {
  const result = analyze({
    root: createTempRepo({ 'src/a.ts': "import { TextSelection } from 'prosemirror-state';\nexport const s = TextSelection.create(doc, 1);" }),
  });
  assert.deepEqual(result.diagnostics, []);
  assert.deepEqual(result.tables, []);
});

/** A workspace whose schema package generates its table objects at build time (they are not in the sources). */
function generatedSchemaRepo(extra: Record<string, string> = {}): string {
  return createTempRepo({
    'package.json': JSON.stringify({ name: 'root', private: true, workspaces: ['packages/*'] }),
    'packages/schemas/package.json': JSON.stringify({ name: '@acme/schemas', main: 'src/index.ts' }),
    'packages/schemas/src/index.ts': "export * from './db-entries/index.js';\nexport const other = 1;",
    'packages/schemas/tables/users.sql': 'create table users (id varchar(21) primary key);\ncreate table organization_role_user_relations (user_id varchar(21) references users (id));',
    'packages/core/package.json': JSON.stringify({ name: '@acme/core', dependencies: { '@acme/schemas': 'workspace:*' } }),
    'packages/core/src/database/find.ts': [
      'export const buildFind = (pool) => (schema) => {',
      '  const { table } = convertToIdentifiers(schema);',
      '  return async (id) => pool.one(sql`select * from ${table} where id = ${id}`);',
      '};',
    ].join('\n'),
    ...extra,
  });
}

test('link: a schema object the workspace package does not define maps to the declared table of its snake_case name', () => {
  const result = analyze({
    root: generatedSchemaRepo({
      'packages/core/src/queries/users.ts': [
        "import { Users, OrganizationRoleUserRelations, Orders } from '@acme/schemas';",
        "import { buildFind } from '../database/find.js';",
        'const { table } = convertToIdentifiers(Users);',
        'const relations = convertToIdentifiers(OrganizationRoleUserRelations);',
        'export const findUser = buildFind(pool)(Users);',
        'export const a = () => pool.query(sql`delete from ${relations.table} where ${relations.fields.userId} = ${id}`);',
        'export const b = () => pool.query(sql`select * from ${table}`);',
        'export const c = () => { const { table: orders } = convertToIdentifiers(Orders); return pool.query(sql`select * from ${orders}`); };',
      ].join('\n'),
    }),
  });
  const accesses = tableEdges(result).filter((edge) => !edge.includes(' fk '));
  assert.deepEqual(accesses, [
    'packages/core/src/queries/users.ts writes organization_role_user_relations @packages/core/src/queries/users.ts:6 raw-sql 0.8',
    'packages/core/src/queries/users.ts reads users @packages/core/src/queries/users.ts:5,packages/core/src/queries/users.ts:7 raw-sql 0.8',
  ]);
  // `Orders` has no declared table: a diagnostic, no guessed table. The builder's own SQL is no access of its file.
  assert.deepEqual(
    result.diagnostics.filter((d) => d.code === 'table-unresolved').map((d) => [d.file, d.line]),
    [['packages/core/src/queries/users.ts', 8]],
  );
});

test('link: a name the package does define, or a local one, is not matched by convention', () => {
  const result = analyze({
    root: generatedSchemaRepo({
      'packages/schemas/src/index.ts': "export * from './db-entries/index.js';\nexport const Users = { table: 'people' };",
      'packages/core/src/queries/users.ts': "import { Users } from '@acme/schemas';\nconst { table } = convertToIdentifiers(Users);\nexport const b = () => pool.query(sql`select * from ${table}`);",
    }),
  });
  assert.deepEqual(tableEdges(result).filter((edge) => !edge.includes(' fk ')), []);
  assert.deepEqual(result.diagnostics.filter((d) => d.code === 'table-unresolved').map((d) => [d.file, d.line]), [['packages/core/src/queries/users.ts', 3]]);
});

test('link: toSnakeCase follows the usual naming conventions', () => {
  assert.deepEqual(
    ['Users', 'OrganizationRoleUserRelations', 'SsoConnectors', 'OIDCModelInstances', 'userAvatars'].map(toSnakeCase),
    ['users', 'organization_role_user_relations', 'sso_connectors', 'oidc_model_instances', 'user_avatars'],
  );
});

test('link: foreign keys to entities and models of other files resolve through imports (an unresolved end drops the key)', () => {
  const result = analyze({
    root: createTempRepo({
      'src/entities/user.ts': "import { Entity } from 'typeorm';\n@Entity('app_users')\nexport class User {}",
      'src/entities/index.ts': "export * from './user';",
      'src/entities/photo.ts': [
        "import { Entity, ManyToOne } from 'typeorm';",
        "import { User } from './index';",
        "import { Album } from './album';",
        "@Entity('photos')",
        'export class Photo {',
        '  @ManyToOne(() => User) owner: User;',
        '  @ManyToOne(() => Album) album: Album;',
        '}',
      ].join('\n'),
      'src/entities/album.ts': 'export class Album {}',
    }),
  });
  assert.deepEqual(
    result.edges.filter((edge) => edge.kind === 'fk').map((edge) => `${edge.from}->${edge.to} @${edge.locations.map((l) => `${l.file}:${l.line}`).join(',')}`),
    ['photos->app_users @src/entities/photo.ts:6'],
  );
});

test('link: a model alias (a registry model handed over under another name) resolves to that model, unless ambiguous', () => {
  const result = analyze({
    root: createTempRepo({
      'core/models/redirect.js': "const ghostBookshelf = require('./base');\nconst Redirect = ghostBookshelf.Model.extend({ tableName: 'redirects' });\nmodule.exports = { Redirect: ghostBookshelf.model('Redirect', Redirect) };",
      'core/services/wiring.js': "const models = require('../models');\nmodule.exports = () => new Repo({ LinkRedirect: models.Redirect, Other: models.Missing });",
      'core/services/repo.js': "module.exports = class Repo {\n  constructor(deps) { this.LinkRedirectModel = deps.LinkRedirect; this.OtherModel = deps.Other; }\n  async save(link) { await this.LinkRedirectModel.add(link, {}); await this.OtherModel.add(link, {}); }\n};",
    }),
  });
  assert.deepEqual(
    result.edges.filter((edge) => edge.kind === 'writes').map((edge) => `${edge.from} ${edge.to} @${edge.locations.map((l) => l.line).join(',')} ${edge.confidence}`),
    ['core/services/repo.js redirects @3 0.35'],
  );
  assert.deepEqual(result.diagnostics.filter((d) => d.code === 'table-unresolved').map((d) => [d.file, d.line, d.message.split('"')[1]]), [['core/services/repo.js', 3, 'Other']]);
});
