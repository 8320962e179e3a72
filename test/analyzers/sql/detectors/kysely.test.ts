import { test } from 'node:test';
import assert from 'node:assert/strict';
import { detect, rowsOf } from '../detect.js';

const detected: { name: string; text: string; rows: string[] }[] = [
  { name: 'selectFrom', text: "await db.selectFrom('shipments').selectAll().where('id', '=', id).executeTakeFirst();", rows: ['1 read shipments kysely'] },
  { name: 'selectFrom with an alias, over several lines', text: "const rows = await db\n  .selectFrom('shipments as s')\n  .select(['s.id'])\n  .execute();", rows: ['2 read shipments kysely'] },
  { name: 'selectFrom with an array of tables', text: "db.selectFrom(['person', 'pet as p']).selectAll();", rows: ['1 read person kysely', '1 read pet kysely'] },
  { name: 'insertInto and replaceInto', text: "await db.insertInto('search_documents').values(docs).onConflict((oc) => oc.column('id').doNothing()).execute();\nawait db.replaceInto('tags').values(t).execute();", rows: ['1 write search_documents kysely', '2 write tags kysely'] },
  { name: 'updateTable and deleteFrom', text: "await trx.updateTable('parcels').set({ status }).where('id', '=', id).execute();\nawait db.deleteFrom('search_documents').where('product_id', '=', id).execute();", rows: ['1 write parcels kysely', '2 write search_documents kysely'] },
  {
    name: 'every join kind (read)',
    text: "db.selectFrom('products')\n  .innerJoin('categories', 'categories.id', 'products.category_id')\n  .leftJoin('categories as parent', 'parent.id', 'categories.parent_id')\n  .rightJoin('brands', 'a', 'b')\n  .fullJoin('images', (join) => join.onRef('images.pid', '=', 'products.id'))\n  .crossJoin('regions')\n  .selectAll();",
    rows: ['1 read products kysely', '2 read categories kysely', '3 read categories kysely', '4 read brands kysely', '5 read images kysely', '6 read regions kysely'],
  },
  { name: 'a lateral join on a subquery', text: "db.selectFrom('person')\n  .innerJoinLateral((eb) => eb.selectFrom('pet').select('name').whereRef('pet.owner_id', '=', 'person.id').as('p'), (join) => join.onTrue())\n  .leftJoinLateral('toys', (join) => join.onTrue())\n  .selectAll();", rows: ['1 read person kysely', '2 read pet kysely', '3 read toys kysely'] },
  { name: 'a join in an update writes only the main table', text: "db.updateTable('orders').from('users').set((eb) => ({ a: eb.ref('users.a') })).whereRef('orders.user_id', '=', 'users.id').execute();", rows: ['1 read users kysely', '1 write orders kysely'] },
  { name: 'deleteFrom … using', text: "db.deleteFrom('carts').using('users').whereRef('carts.user_id', '=', 'users.id').execute();", rows: ['1 read users kysely', '1 write carts kysely'] },
  { name: 'mergeInto … using', text: "db.mergeInto('stock as s')\n  .using('deliveries as d', 'd.sku', 's.sku')\n  .whenMatched().thenUpdateSet({ qty: 1 })\n  .execute();", rows: ['1 write stock kysely', '2 read deliveries kysely'] },
  { name: 'withSchema qualifies the tables', text: "db.withSchema('billing').selectFrom('invoices').innerJoin('lines', 'a', 'b').selectAll();\ndb.withSchema('public').deleteFrom('carts');", rows: ['1 read billing.invoices kysely', '1 read billing.lines kysely', '2 write carts kysely'] },
  { name: 'a schema-qualified literal', text: "db.selectFrom('audit.events as e').selectAll();", rows: ['1 read audit.events kysely'] },
  { name: 'a CTE name is not a table', text: "db.with('recent', (qb) => qb.selectFrom('orders').selectAll()).selectFrom('recent').selectAll().execute();", rows: ['1 read orders kysely'] },
  {
    name: 'a recursive CTE with a column list, referenced in its body and in a subquery',
    text: "db.withRecursive('ancestors(id, parent_id)', (qb) =>\n  qb.selectFrom('categories').select(['id', 'parent_id'])\n    .unionAll((eb) => eb.selectFrom('categories as c').innerJoin('ancestors as a', 'a.parent_id', 'c.id').select(['c.id', 'c.parent_id'])),\n)\n  .selectFrom('products')\n  .where('category_id', 'in', (eb) => eb.selectFrom('ancestors').select('id'))\n  .execute();",
    rows: ['2 read categories kysely', '3 read categories kysely', '5 read products kysely'],
  },
  { name: 'a CTE declared through the builder callback', text: "db.with((cte) => cte('recent').materialized(), (qb) => qb.selectFrom('orders').selectAll()).selectFrom('recent').selectAll();", rows: ['1 read orders kysely'] },
  { name: 'a subquery in a where callback', text: "await db.deleteFrom('users').where('id', 'in', (eb) => eb.selectFrom('sessions').select('user_id')).execute();", rows: ['1 read sessions kysely', '1 write users kysely'] },
  { name: 'a destructured selectFrom of the expression builder', text: "db.selectFrom('person').where(({ exists, selectFrom }) => exists(\n  selectFrom('pet').whereRef('pet.owner_id', '=', 'person.id'),\n));", rows: ['1 read person kysely', '2 read pet kysely'] },
  { name: 'an insert from a select', text: "db.insertInto('archive').expression(db.selectFrom('orders').selectAll()).execute();", rows: ['1 read orders kysely', '1 write archive kysely'] },
  { name: 'a transaction', text: "await db.transaction().execute(async (trx) => {\n  await trx.updateTable('shipments').set({ status }).execute();\n  await trx.selectFrom('parcels').selectAll().execute();\n});", rows: ['2 write shipments kysely', '3 read parcels kysely'] },
  { name: 'a local constant', text: "const TABLE = 'price_rules';\ndb.selectFrom(TABLE).selectAll();", rows: ['2 read price_rules kysely'] },
  { name: 'an imported constant', text: "import { T } from './tables';\ndb.insertInto(T.products).values(p).execute();", rows: ['2 write ./tables#T.products kysely'] },
  { name: 'a join continuing a query built elsewhere', text: "await baseQuery().innerJoin('categories', 'categories.id', 'products.category_id').execute();", rows: ['1 read categories kysely 0.8'] },
  { name: 'this.db and a query kept in a variable', text: "let q = this.db.selectFrom('products').selectAll();\nq = q.where('active', '=', true);", rows: ['1 read products kysely'] },
  { name: "a CTE's own body names the table it shadows", text: "db.with('assets', (qb) => qb.updateTable('assets').set(a).where('id', '=', id).returningAll())\n  .selectFrom('assets').selectAll('assets').executeTakeFirst();", rows: ['1 write assets kysely'] },
  {
    name: 'a join on the builder of a $if callback, in a file that imports Kysely',
    text: "import { Kysely } from 'kysely';\ndb.selectFrom('assets')\n  .$if(!force, (qb) =>\n    qb\n      .innerJoin('asset_job_status', 'asset_job_status.assetId', 'assets.id')\n      .where('x', '=', 1),\n  )\n  .selectAll();",
    rows: ['2 read assets kysely', '5 read asset_job_status kysely 0.8'],
  },
];

const ignored: { name: string; text: string }[] = [
  { name: 'knex chains', text: "knex('users').join('sessions', 'a', 'b').where({ id });\ndb.from('users').leftJoin('carts', 'a', 'b');" },
  { name: 'a Drizzle select', text: "import { users } from './schema';\ndb.select().from(users).innerJoin(posts, eq(a, b)).execute();" },
  { name: 'TypeORM joins', text: "await this.repo.createQueryBuilder('u').leftJoin('u.photos', 'photo').getMany();\nqb.leftJoin('u.profile', 'p').execute();" },
  { name: 'a query continued without its main table and without execute', text: "query.innerJoin('categories', 'categories.id', 'products.category_id');" },
  { name: 'a table name only known at run time', text: 'function all(table) {\n  return db.selectFrom(table).selectAll().execute();\n}' },
  { name: 'a subquery source (read through its own chain only)', text: "db.selectFrom((eb) => eb.val(1).as('one')).selectAll();" },
  { name: 'a knex schema chain', text: "await knex.schema.createTable('pets', (t) => t.increments());" },
  { name: 'a schema property that is not a builder', text: "const parsed = config.schema.parse(input);" },
];

for (const { name, text, rows } of detected) {
  test(`kysely: detects ${name}`, () => {
    assert.deepEqual(rowsOf(text, 'kysely'), rows);
  });
}

for (const { name, text } of ignored) {
  test(`kysely: ignores ${name}`, () => {
    assert.deepEqual(rowsOf(text, 'kysely'), []);
  });
}

const schemas: { name: string; text: string; rows: string[]; schemaTables: string[]; foreignKeys: string[] }[] = [
  {
    name: 'createTable with column references and a foreign-key constraint',
    text: [
      'await db.schema',
      "  .createTable('pet')",
      "  .addColumn('id', 'serial', (col) => col.primaryKey())",
      "  .addColumn('owner_id', 'integer', (col) => col.references('person.id').onDelete('cascade').notNull())",
      "  .addColumn('shop_id', 'integer')",
      "  .addForeignKeyConstraint('pet_shop_fk', ['shop_id'], 'shops', ['id'])",
      '  .execute();',
    ].join('\n'),
    rows: ['2 ddl pet kysely'],
    schemaTables: ['2 pet'],
    foreignKeys: ['4 pet>person', '6 pet>shops'],
  },
  {
    name: 'withSchema(…).createTable(…).ifNotExists()',
    text: "await db.schema.withSchema('audit').createTable('events').ifNotExists().addColumn('user_id', 'integer', (c) => c.references('auth.users.id')).execute();",
    rows: ['1 ddl audit.events kysely'],
    schemaTables: ['1 audit.events'],
    foreignKeys: ['1 audit.events>auth.users'],
  },
  {
    name: 'alterTable adds a foreign key, dropTable, createIndex … on',
    text: "await db.schema.alterTable('orders').addForeignKeyConstraint('fk', ['user_id'], 'users', ['id']).execute();\nawait db.schema.dropTable('legacy').ifExists().execute();\nawait db.schema.createIndex('orders_user_idx').on('orders').column('user_id').execute();\nawait db.schema.alterTable('carts').renameTo('baskets').execute();",
    rows: ['1 ddl orders kysely', '2 ddl legacy kysely', '3 ddl orders kysely', '4 ddl baskets kysely', '4 ddl carts kysely'],
    schemaTables: [],
    foreignKeys: ['1 orders>users'],
  },
  {
    name: 'a builder executed later, and a drop in a file that uses Kysely',
    text: "import type { Kysely } from 'kysely';\nconst builder = db.schema.createTable('test').as(db.selectFrom('person').selectAll());\nconst drop = db.schema.dropTable('old');",
    rows: ['2 ddl test kysely', '2 read person kysely', '3 ddl old kysely'],
    schemaTables: ['2 test'],
    foreignKeys: [],
  },
];

for (const { name, text, rows, schemaTables, foreignKeys } of schemas) {
  test(`kysely: schema builder, ${name}`, () => {
    const { facts } = detect(text);
    assert.deepEqual(rowsOf(text, 'kysely'), rows);
    assert.deepEqual(facts.schemaTables.filter((s) => s.via === 'kysely').map((s) => `${s.line} ${s.table}`).sort(), schemaTables);
    assert.deepEqual(facts.foreignKeys.filter((f) => f.via === 'kysely').map((f) => `${f.line} ${f.from}>${f.to}`), foreignKeys);
  });
}

test('kysely: a table name only known at run time is a diagnostic at its line', () => {
  const { facts, diagnostics } = detect('function all(table) {\n  return db.selectFrom(table).selectAll().execute();\n}');
  assert.deepEqual(diagnostics.map((d) => [d.code, d.line]), [['sql-dynamic-table', 2]]);
  assert.deepEqual(facts.tableAccesses, []);
});
