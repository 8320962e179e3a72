import { test } from 'node:test';
import assert from 'node:assert/strict';
import { detect, rowsOf } from '../detect.js';

const detected: { name: string; text: string; rows: string[] }[] = [
  { name: 'a base call with a literal table', text: 'await knex("users").where({ id }).first();', rows: ['1 read users knex'] },
  { name: 'a base call with type arguments', text: "const user = await knex<UserRow>('users').where('id', id).first();", rows: ['1 read users knex'] },
  { name: 'insert', text: "await knex('users').insert({ email }).returning('*');", rows: ['1 write users knex'] },
  { name: 'update over several lines (the line of the table)', text: "\nawait knex('users')\n  .where({ id })\n  .update({ name });", rows: ['2 write users knex'] },
  { name: 'del and delete on db and trx', text: "await db('sessions').where({ id }).del();\nawait trx('carts').delete();", rows: ['1 write sessions knex', '2 write carts knex'] },
  {
    name: 'truncate, increment, decrement, upsert',
    text: "knex('a').truncate();\nknex('b').increment('n', 1);\nknex('c').where({ id }).decrement('n');\nknex('d').upsert(row);",
    rows: ['1 write a knex', '2 write b knex', '3 write c knex', '4 write d knex'],
  },
  { name: 'insert … onConflict().merge() and .ignore()', text: "knex('stock').insert(row).onConflict('sku').merge();\nknex('tags').insert(row).onConflict('name').ignore();", rows: ['1 write stock knex', '2 write tags knex'] },
  { name: 'this.knex(…) in a class', text: "class Orders {\n  find(id) {\n    return this.knex('orders').where({ id });\n  }\n}", rows: ['3 read orders knex'] },
  { name: 'suffixed names: readDb, this.db, ctx.trx', text: "readDb('products').select('id');\nthis.db('prices');\nctx.trx('stock').update({ n });", rows: ['1 read products knex', '2 read prices knex', '3 write stock knex'] },
  { name: 'a knex instance from a factory call', text: "await getKnex()('users').where({ id });\nawait em.getKnex()('carts').del();\nthis.getDb().from('prices');", rows: ['1 read users knex', '2 write carts knex', '3 read prices knex'] },
  { name: 'both branches of a conditional table name', text: "knex(archived ? 'orders_archive' : 'orders').where({ id });", rows: ['1 read orders knex', '1 read orders_archive knex'] },
  { name: 'from with type arguments, on a renamed import', text: "import { knex as db } from './knex.js';\nreturn db\n  .from<SessionRow>('sessions')\n  .where('token', t)\n  .first();", rows: ['3 read sessions knex'] },
  { name: 'select … from with an alias', text: "knex.select('u.id').from('users as u');", rows: ['1 read users knex'] },
  { name: 'insert … into', text: "await knex.insert(rows).into('audit_log');", rows: ['1 write audit_log knex'] },
  { name: 'table(…) on knex', text: "await knex.table('events').insert(event);", rows: ['1 write events knex'] },
  {
    name: 'every join kind (read)',
    text: "knex('orders')\n  .join('users', 'users.id', 'orders.user_id')\n  .innerJoin('carts', 'a', 'b')\n  .leftJoin('payments as p', 'p.order_id', 'orders.id')\n  .leftOuterJoin('refunds', 'a', 'b')\n  .rightJoin('shipments', 'a', 'b')\n  .fullOuterJoin('invoices', 'a', 'b')\n  .crossJoin('regions');",
    rows: ['1 read orders knex', '2 read users knex', '3 read carts knex', '4 read payments knex', '5 read refunds knex', '6 read shipments knex', '7 read invoices knex', '8 read regions knex'],
  },
  { name: 'an update with a join writes only the main table', text: "knex('orders').join('users', 'users.id', 'orders.user_id').where('users.banned', true).update({ status: 'void' });", rows: ['1 read users knex', '1 write orders knex'] },
  { name: 'withSchema qualifies the tables', text: "knex.withSchema('billing').select('*').from('invoices').leftJoin('lines', 'a', 'b');\nknex('accounts').withSchema('public');", rows: ['1 read billing.invoices knex', '1 read billing.lines knex', '2 read accounts knex'] },
  { name: 'case is kept (knex quotes names), public is dropped', text: "knex('userAvatars').first();\nknex.withSchema('Audit').from('Events');\nknex('public.Users');", rows: ['1 read userAvatars knex', '2 read Audit.Events knex', '3 read Users knex'] },
  { name: 'a schema-qualified literal', text: "knex('audit.events').insert(e);", rows: ['1 write audit.events knex'] },
  { name: 'a subquery is read while the main table is written', text: "knex('users').whereIn('id', knex('sessions').select('user_id')).del();", rows: ['1 read sessions knex', '1 write users knex'] },
  { name: 'a subquery in a function with this', text: "knex('users').whereIn('id', function () {\n  this.select('user_id').from('sessions');\n});", rows: ['1 read users knex', '2 read sessions knex'] },
  { name: 'this.select … from outside a knex chain (0.8)', text: "class Q {\n  run() {\n    return this.select('id').from('sessions');\n  }\n}", rows: ['3 read sessions knex 0.8'] },
  {
    name: 'a subquery on a callback parameter of any name, and a recursive CTE',
    text: "WIKI.models.knex.withRecursive('ancestors', (qb) => {\n  qb.select('id').from('assetFolders').union((sqb) => {\n    sqb.select('a.id').from('assetFolders AS a').join('ancestors', 'ancestors.parentId', 'a.id');\n  });\n}).select('*').from('ancestors');",
    rows: ['2 read assetFolders knex', '3 read assetFolders knex'],
  },
  { name: 'a CTE name is not a table', text: "knex.with('recent', (qb) => qb.select('*').from('orders')).select('*').from('recent');", rows: ['1 read orders knex'] },
  { name: 'a recursive CTE referenced inside its own body', text: "knex.withRecursive('tree', (qb) => {\n  qb.select('*').from('categories').unionAll((qb) => qb.select('c.*').from('categories as c').join('tree', 'tree.id', 'c.parent_id'));\n}).select('*').from('tree');", rows: ['2 read categories knex', '2 read categories knex'] },
  { name: 'a local string constant', text: "const OUTBOX = 'email_outbox';\n\nawait knex(OUTBOX).where({ id }).update({ status });", rows: ['3 write email_outbox knex'] },
  { name: 'a local object of table names', text: "const T = { sessions: 'auth.sessions' } as const;\ndb(T.sessions).del();\ndb.from(T.sessions);", rows: ['2 write auth.sessions knex', '3 read auth.sessions knex'] },
  { name: 'an imported object of table names', text: "import { T } from './tables.js';\nawait knex(T.users).update(patch);", rows: ['2 write ./tables.js#T.users knex'] },
  { name: 'an imported constant and a namespace import', text: "import { USERS } from '../tables';\nimport * as tables from './tables';\nknex(USERS);\nknex.from(tables.SESSIONS);", rows: ['3 read ../tables#USERS knex', '4 read ./tables#SESSIONS knex'] },
  { name: 'an alias object', text: "knex({ u: 'users' }).select('u.id');\nknex.from({ s: 'sessions' });", rows: ['1 read users knex', '2 read sessions knex'] },
  { name: 'a transaction callback', text: "await knex.transaction(async (trx) => {\n  await trx('accounts').insert(a);\n  await trx('ledger').where({ id }).first();\n});", rows: ['2 write accounts knex', '3 read ledger knex'] },
  { name: 'a select of a table-name constant without Drizzle evidence', text: "import { T } from './tables';\nimport { USERS } from './names';\ndb.select().from(T.users);\nknex.select().from(USERS);", rows: ['3 read ./tables#T.users knex', '4 read ./names#USERS knex'] },
  { name: 'a template of table-name constants', text: "const T = { strategies: 'strategies', fes: 'feature_strategies' };\nthis.db(`${T.strategies} as str`).join(`${T.fes} as fes`, 'fes.strategy_name', 'str.name');", rows: ['2 read feature_strategies knex', '2 read strategies knex'] },
  { name: 'a transaction named transaction', text: "const comments = await this.transaction.select('id').from('comments');", rows: ['1 read comments knex'] },
  { name: "a CTE's own body names the table it shadows", text: "db.with('users', (qb) => qb.select('*').from('users').where('active', true)).select('*').from('users');", rows: ['1 read users knex'] },
  {
    name: 'a join continuing the builder of a knex callback',
    text: "const q = knex('features').with('ranked', (query) => {\n  query.from('features');\n  query.leftJoin('favorite_features', function () { this.on('a', 'b'); });\n});",
    rows: ['1 read features knex', '2 read features knex', '3 read favorite_features knex 0.8'],
  },
  { name: 'a parameter typed as a knex query builder', text: "const base = (dbSubQuery: Knex.QueryBuilder) => dbSubQuery.from('feature_strategies').leftJoin('segments', 'a', 'b');", rows: ['1 read feature_strategies knex', '1 read segments knex'] },
  { name: 'a query kept in a variable and continued with a join', text: "let query = this.db('features').select('name');\nif (isAdmin) {\n  query = query.leftJoin('feature_tag as ft', 'ft.feature_name', 'features.name');\n}", rows: ['1 read features knex', '3 read feature_tag knex'] },
  {
    name: 'a class field typed as a knex builder, or given one, continued with joins',
    text: [
      'class FeatureListBuilder {',
      '  public internalQuery: Knex.QueryBuilder;',
      '  private other;',
      "  query = (table: string) => { this.other = this.db('features'); };",
      "  withFavorites = () => { this.internalQuery.leftJoin(`favorite_features`, function () { this.on('a', 'b'); }); };",
      "  withTags = () => { this.other.leftJoin('feature_tag as ft', 'ft.feature_name', 'features.name'); };",
      '}',
    ].join('\n'),
    rows: ['4 read features knex', '5 read favorite_features knex', '6 read feature_tag knex'],
  },
  {
    name: "this.tableName of a class that gives its base class one table name, or sets it in a field",
    text: [
      'export class IntegrationEventsStore extends CRUDStore {',
      "  constructor(db: Db, config) { super('integration_events', db, config); }",
      '  async page() { return this.db(this.tableName).where({ id }).del(); }',
      '  async plans() { return this.db(`${this.tableName} AS rpd`).select(); }',
      '}',
      "class AuditStore { private readonly tableName = 'audit_log'; all() { return this.db(this.tableName); } }",
    ].join('\n'),
    rows: ['3 write integration_events knex', '4 read integration_events knex', '6 read audit_log knex'],
  },
  { name: 'the rows of an awaited query are not a builder', text: "const rows = await this.db('features').select('name');\nrows.join('users', 'x');\nrows.from('users');", rows: ['1 read features knex'] },
];

const ignored: { name: string; text: string }[] = [
  { name: 'builtins with from/table', text: "Array.from(items);\nBuffer.from('users');\nconsole.table(rows);\nObject.entries(x);\nArray.from('users').join(',');" },
  { name: 'insert/delete/from on objects that are not knex', text: "new Set(items).delete('users');\ncache.insert('users');\nsomeService.from('users');\nlist.table('users').update(x);" },
  { name: 'calls of other functions with a string', text: "t('users.title');\ni18n('users');\nrequire('users');\nfetch('users').then((r) => r.json());" },
  { name: 'functions named like a knex instance that do something', text: "await WIKI.configSvc.saveToDb(['certs', 'sessionSecret']);\nawait connectDb('main');\ninitDb('users').then(run);" },
  { name: 'text that is not a table name', text: "db('SELECT * FROM users');\nknex.from('users u, sessions s');" },
  { name: 'an array given to a knex call', text: "await db(['users', 'sessions']).where(x);" },
  { name: 'knex.raw (the raw-sql detector reads it)', text: "knex.raw('select * from users');" },
  { name: 'the knex factory with a config object', text: "const knex = knexFactory({ client: 'pg', connection: url });\nknex({ client: 'pg' });" },
  { name: 'a Kysely chain with joins', text: "db.selectFrom('a').innerJoin('b', 'b.id', 'a.b_id').selectAll().execute();" },
  { name: 'a Drizzle select with joins', text: "import { eq } from 'drizzle-orm';\nimport { users, posts } from './schema';\ndb.select().from(users).leftJoin(posts, eq(users.id, posts.userId));" },
  { name: 'a Drizzle select of a table that is not a constant, without a drizzle-orm import', text: "import { usersTable } from './common';\nawait db.select().from(usersTable);" },
  { name: 'a Drizzle select of an object of columns', text: "import { users } from './db/tables';\ndb.select({ id: users.id }).from(users);" },
  { name: 'Drizzle mutations', text: "import { users } from './schema';\ndb.insert(users).values(row);\ndb.update(users).set({ a: 1 });\ndb.delete(users);" },
  { name: 'TypeORM query builders', text: "dataSource.createQueryBuilder().select('u').from(User, 'u').getMany();\nconnection.createQueryBuilder().insert().into(User).values(x).execute();\nqb.from('users', 'u');" },
  { name: 'a join without a main table', text: "qb.leftJoin('u.profile', 'p');" },
  { name: 'a from on a parameter outside any knex chain', text: "items.forEach((list) => list.from('users'));\nfunction f(q) {\n  return q.select('a').from('users');\n}" },
  { name: 'a table name only known at run time', text: 'function count(tableName) {\n  return knex(tableName).count();\n}\nknex(`audit_${year}`);\nknex(TABLES[name]);' },
  { name: 'a schema property that is not knex\'s schema builder', text: "this.schema.table('users', { id: 'int' });\nconst schema = pgSchema('auth');\nschema.table('users', { id: serial('id') });" },
  { name: 'Kysely schema chains', text: "await db.schema.createTable('pets').addColumn('id', 'serial').execute();\nconst builder = db.schema.createTable('test').as(query);\nawait db.schema.dropTable('x').ifExists().execute();" },
  { name: 'classes and decorators named like a knex instance', text: "@Database({ name: 'immich' })\nexport class ImmichDatabase {}\nnew Database({ name: 'x' });\nConnection('users').close();" },
  { name: "Kysely's eb.table inside a Kysely chain on qb", text: "qb.leftJoinLateral((eb) => eb.selectFrom('assets as stacked').select((eb) => eb.fn('array_agg', [eb.table('stacked')])).as('s'), (join) => join.onTrue());\nqb.$if(ok, (qb) => qb.where('a', 1)).select((eb) => eb.table('asset_stack').as('stack'));" },
  { name: 'a transaction method given a store name (IndexedDB)', text: "const STORE = 'items';\nconst database = await open();\ndatabase.transaction(STORE, 'readonly').objectStore(STORE).getAll();\ndb.transaction('users').commit();" },
  { name: 'any chain in a file that imports Kysely and not knex', text: "import { Kysely } from 'kysely';\nexport const q = (db) => db.from('users');" },
  { name: 'Array join inside a knex callback', text: "db.transaction(async (trx) => {\n  const key = parts.join('_');\n  names.join('\\n', extra);\n});" },
  {
    name: 'this.tableName without one string table name (two literals in super, none, or a plain class field not typed as knex)',
    text: "class A extends B { constructor(db) { super('a', 'b', db); } f() { return this.db(this.tableName); } }\nclass C { f() { return this.db(this.tableName); } }\nclass D { private list; f() { this.list.leftJoin('x', 'y'); } }",
  },
  { name: "a helper's join of a CTE declared elsewhere in the file", text: "function search(db) {\n  return db.with('metrics', (qb) => qb.sum('yes')).select('*').from('metrics');\n}\nfunction queryMetrics(queryBuilder: Knex.QueryBuilder) {\n  queryBuilder.leftJoin('metrics', (qb) => qb.on('a', '=', 'b'));\n}" },
];

for (const { name, text, rows } of detected) {
  test(`knex: detects ${name}`, () => {
    assert.deepEqual(rowsOf(text, 'knex'), rows);
  });
}

for (const { name, text } of ignored) {
  test(`knex: ignores ${name}`, () => {
    assert.deepEqual(rowsOf(text, 'knex'), []);
  });
}

const schemas: { name: string; text: string; rows: string[]; schemaTables: string[]; foreignKeys: string[] }[] = [
  {
    name: 'createTable with every foreign-key form',
    text: [
      "exports.up = (knex) => knex.schema.createTable('orders', (t) => {",
      "  t.increments('id');",
      "  t.integer('user_id').references('users.id');",
      "  t.integer('cart_id').references('id').inTable('carts').onDelete('CASCADE');",
      "  t.foreign('coupon_id').references('coupons.id');",
      "  t.foreign('shop_id').references('id').inTable('shop.shops');",
      "  t.uuid('ref').defaultTo(knex.raw('gen_random_uuid()'));",
      '});',
    ].join('\n'),
    rows: ['1 ddl orders knex'],
    schemaTables: ['1 orders'],
    foreignKeys: ['3 orders>users', '4 orders>carts', '5 orders>coupons', '6 orders>shop.shops'],
  },
  {
    name: 'withSchema(…).createTableIfNotExists',
    text: "await knex.schema\n  .withSchema('audit')\n  .createTableIfNotExists('events', (table) => {\n    table.integer('order_id').references('orders.id');\n  });",
    rows: ['3 ddl audit.events knex'],
    schemaTables: ['3 audit.events'],
    foreignKeys: ['4 audit.events>orders'],
  },
  {
    name: 'alterTable and table add foreign keys, declare no table',
    text: "await this.knex.schema.alterTable('payments', (t) => {\n  t.foreign('order_id').references('id').inTable('orders');\n});\nawait knex.schema.table('refunds', (t) => t.string('reason'));",
    rows: ['1 ddl payments knex', '4 ddl refunds knex'],
    schemaTables: [],
    foreignKeys: ['2 payments>orders'],
  },
  {
    name: 'dropTable, dropTableIfExists, renameTable',
    text: "exports.down = async (knex) => {\n  await knex.schema.dropTable('legacy');\n  await knex.schema.dropTableIfExists('old_sessions');\n  await knex.schema.renameTable('carts', 'baskets');\n};",
    rows: ['2 ddl legacy knex', '3 ddl old_sessions knex', '4 ddl baskets knex', '4 ddl carts knex'],
    schemaTables: [],
    foreignKeys: [],
  },
  {
    name: 'chained schema calls and a table constant',
    text: "const T = { users: 'users' };\nknex.schema.createTable(T.users, (t) => t.increments()).createTable('profiles', (t) => t.integer('user_id').references(`${T.users}.id`));",
    rows: ['2 ddl profiles knex', '2 ddl users knex'],
    schemaTables: ['2 profiles', '2 users'],
    foreignKeys: [],
  },
];

for (const { name, text, rows, schemaTables, foreignKeys } of schemas) {
  test(`knex: schema builder, ${name}`, () => {
    const { facts } = detect(text);
    assert.deepEqual(rowsOf(text, 'knex'), rows);
    assert.deepEqual(facts.schemaTables.filter((s) => s.via === 'knex').map((s) => `${s.line} ${s.table}`).sort(), schemaTables);
    assert.deepEqual(facts.foreignKeys.filter((f) => f.via === 'knex').map((f) => `${f.line} ${f.from}>${f.to}`), foreignKeys);
  });
}

test('knex: a table name only known at run time is a diagnostic at its line', () => {
  const { facts, diagnostics } = detect('function count(tableName) {\n  return knex(tableName).count();\n}');
  assert.deepEqual(diagnostics.map((d) => [d.code, d.line]), [['sql-dynamic-table', 2]]);
  assert.deepEqual(facts.tableAccesses, []);
});

test('knex: a knex-like call with a value and nothing after it is no diagnostic', () => {
  const { facts, diagnostics } = detect('payload.value = def.tx(payload.value);');
  assert.deepEqual(diagnostics, []);
  assert.deepEqual(facts.tableAccesses, []);
});
