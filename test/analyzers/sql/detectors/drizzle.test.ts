import { test } from 'node:test';
import assert from 'node:assert/strict';
import { detect, rowsOf } from '../detect.js';

const detected: { name: string; text: string; rows: string[] }[] = [
  {
    name: 'select … from an imported table',
    text: "import { eq } from 'drizzle-orm';\nimport { accounts } from './schema';\nconst [row] = await db.select().from(accounts).where(eq(accounts.id, id)).limit(1);",
    rows: ['3 read ./schema#accounts drizzle'],
  },
  {
    name: 'a select of columns with joins (no drizzle-orm import needed)',
    text: "import { users, posts, comments } from '../db/tables';\ndb.select({ id: users.id, title: posts.title })\n  .from(users)\n  .leftJoin(posts, eq(posts.userId, users.id))\n  .innerJoin(comments, eq(comments.postId, posts.id));",
    rows: ['3 read ../db/tables#users drizzle', '4 read ../db/tables#posts drizzle', '5 read ../db/tables#comments drizzle'],
  },
  { name: 'selectDistinct and a namespace import', text: "import * as schema from './schema';\nimport { sql } from 'drizzle-orm';\ndb.selectDistinct().from(schema.apiKeys);", rows: ['3 read ./schema#apiKeys drizzle'] },
  {
    name: 'insert, update and delete',
    text: "import { accounts } from './schema';\nawait db.insert(accounts).values({ ...input }).returning();\nawait db.update(accounts).set({ status }).where(eq(accounts.id, id));\nawait db.delete(accounts).where(eq(accounts.id, id));",
    rows: ['2 write ./schema#accounts drizzle', '3 write ./schema#accounts drizzle', '4 write ./schema#accounts drizzle'],
  },
  {
    name: 'writes on the transaction inside db.transaction',
    text: "import { accounts, apiKeys } from './schema';\nawait db.transaction(async (tx) => {\n  await tx.update(accounts).set({ status: 'closed' });\n  await tx.update(apiKeys).set({ revokedAt: new Date() });\n});",
    rows: ['3 write ./schema#accounts drizzle', '4 write ./schema#apiKeys drizzle'],
  },
  { name: 'update … from reads the other table', text: "import { orders, users } from './schema';\nawait db.update(orders).set({ a: 1 }).from(users).where(eq(users.id, orders.userId));", rows: ['2 read ./schema#users drizzle', '2 write ./schema#orders drizzle'] },
  { name: 'relational queries (0.8, symbol without specifier)', text: "await db.query.accounts.findMany({ with: { apiKeys: true } });\nawait this.db.query.users.findFirst();", rows: ['1 read accounts drizzle 0.8', '2 read users drizzle 0.8'] },
  { name: 'db.$count', text: "import { users } from './schema';\nconst n = await db.$count(users);", rows: ['2 read ./schema#users drizzle'] },
  {
    name: 'tables of the same file',
    text: "import { pgTable, uuid } from 'drizzle-orm/pg-core';\nexport const users = pgTable('users', { id: uuid('id') });\nexport async function all() {\n  return db.select().from(users);\n}",
    rows: ['4 read users drizzle'],
  },
  {
    name: 'a table declared inside a function, with an alias',
    text: "import { pgTable, alias, serial } from 'drizzle-orm/pg-core';\ntest('x', async () => {\n  const users = pgTable('users_tmp', { id: serial('id') });\n  const customers = alias(users, 'customer');\n  await db.select().from(users).leftJoin(customers, eq(customers.id, 1));\n});",
    rows: ['5 read users drizzle', '5 read users drizzle'],
  },
  {
    name: 'an alias of a table',
    text: "import { alias } from 'drizzle-orm/pg-core';\nimport { categories } from './schema';\nconst parent = alias(categories, 'parent');\ndb.select().from(categories).leftJoin(parent, eq(parent.id, categories.parentId));",
    rows: ['4 read ./schema#categories drizzle', '4 read ./schema#categories drizzle'],
  },
  { name: 'a CTE select (the table inside is read)', text: "import { orders } from './schema';\nconst sq = db.$with('sq').as(db.select().from(orders));\nconst rows = await db.with(sq).select().from(sq);", rows: ['2 read ./schema#orders drizzle'] },
  {
    name: 'a mutation after CTEs',
    text: "import { products, users } from './schema';\nconst avg = db.$with('avg').as(db.select({ v: sql`avg(${products.price})` }).from(products));\nawait db.with(avg).update(products).set({ cheap: true });\nawait db.with(users).select().from(users);",
    rows: ['2 read ./schema#products drizzle', '3 write ./schema#products drizzle'],
  },
  { name: 'a view body (qb)', text: "import { pgView } from 'drizzle-orm/pg-core';\nimport { users } from './schema';\nexport const active = pgView('active_users').as((qb) => qb.select().from(users));", rows: ['3 read ./schema#users drizzle'] },
  { name: 'a select without a drizzle-orm import, of a table that is not a constant', text: "import { usersTable } from './common';\nawait db.select().from(usersTable);", rows: ['2 read ./common#usersTable drizzle'] },
  { name: 'a select after $withAuth, of getTableColumns', text: "import { users } from './tables';\ndb.$withAuth('token').select().from(users);\ndb.select(getTableColumns(users)).from(users);", rows: ['2 read ./tables#users drizzle', '3 read ./tables#users drizzle'] },
  { name: 'a mutation without a drizzle-orm import, recognised by what follows', text: "import { users } from './tables';\nawait db.insert(users).values(row);", rows: ['2 write ./tables#users drizzle'] },
];

const ignored: { name: string; text: string }[] = [
  { name: 'Map, Set and cache deletes', text: "import { users } from './schema';\ncache.delete(users);\nseen.delete(key);\nstore.update(users);" },
  { name: 'a db.delete that is not followed by a Drizzle call, without Drizzle in the file', text: 'db.delete(key);\ndb.insert(row);' },
  { name: 'knex chains', text: "import { T } from './tables';\ntrx.insert(rows).into('users');\nknex.select('id').from('users');\ndb.select().from(T.users);\ndb('users').update({ a: 1 });" },
  { name: 'a string is never a Drizzle table', text: "import { eq } from 'drizzle-orm';\ndb.select().from('users');\ndb.insert('users').values(x);" },
  { name: 'a subquery and a parameter', text: "import { eq } from 'drizzle-orm';\nfunction count(table) {\n  const sq = db.select().from(table).as('sq');\n  return db.select().from(sq);\n}" },
  { name: 'a Kysely chain', text: "import { sql } from 'drizzle-orm';\ndb.selectFrom('users').selectAll().execute();" },
];

for (const { name, text, rows } of detected) {
  test(`drizzle: detects ${name}`, () => {
    assert.deepEqual(rowsOf(text, 'drizzle'), rows);
  });
}

for (const { name, text } of ignored) {
  test(`drizzle: ignores ${name}`, () => {
    assert.deepEqual(rowsOf(text, 'drizzle'), []);
  });
}

const declarations: { name: string; text: string; definitions: string[]; schemaTables: string[]; foreignKeys: string[] }[] = [
  {
    name: 'pgTable with column references and an extra-config callback',
    text: [
      "import { pgTable, uuid, text, index } from 'drizzle-orm/pg-core';",
      "export const accounts = pgTable('accounts', {",
      "  id: uuid('id').primaryKey(),",
      '});',
      'export const apiKeys = pgTable(',
      "  'api_keys',",
      '  {',
      "    accountId: uuid('account_id')",
      '      .notNull()',
      "      .references(() => accounts.id, { onDelete: 'cascade' }),",
      '  },',
      "  (t) => ({ accountIdx: index('api_keys_account_idx').on(t.accountId) }),",
      ');',
    ].join('\n'),
    definitions: ['2 accounts=accounts', '5 apiKeys=api_keys'],
    schemaTables: ['2 accounts', '5 api_keys'],
    foreignKeys: ['10 api_keys>accounts'],
  },
  {
    name: 'mysqlTable and sqliteTable (case kept: Drizzle quotes names), a reference to a table declared later, a self reference',
    text: "import { mysqlTable, int } from 'drizzle-orm/mysql-core';\nimport { sqliteTable } from 'drizzle-orm/sqlite-core';\nconst posts = mysqlTable('Posts', { authorId: int('author_id').references(() => authors.id), parentId: int('parent_id').references((): AnyMySqlColumn => posts.id) });\nconst authors = sqliteTable('authors', { id: int('id') });",
    definitions: ['3 posts=Posts', '4 authors=authors'],
    schemaTables: ['3 Posts', '4 authors'],
    foreignKeys: ['3 Posts>authors', '3 Posts>Posts'],
  },
  {
    name: 'a pgSchema table, inline and through a constant',
    text: "import { pgSchema, serial } from 'drizzle-orm/pg-core';\nexport const auth = pgSchema('auth');\nexport const users = auth.table('users', { id: serial('id') });\nexport const logs = pgSchema('audit').table('logs', { userId: serial('user_id').references(() => users.id) });",
    definitions: ['3 users=auth.users', '4 logs=audit.logs'],
    schemaTables: ['3 auth.users', '4 audit.logs'],
    foreignKeys: ['4 audit.logs>auth.users'],
  },
  {
    name: 'foreignKey({…}) in the extra config, object and array forms',
    text: "import { pgTable, foreignKey, integer } from 'drizzle-orm/pg-core';\nexport const users = pgTable('users', { id: integer('id') });\nexport const orders = pgTable('orders', { userId: integer('user_id') }, (t) => ({\n  fk: foreignKey({ columns: [t.userId], foreignColumns: [users.id] }),\n}));\nexport const carts = pgTable('carts', { userId: integer('user_id') }, (t) => [foreignKey({ columns: [t.userId], foreignColumns: [users.id] }).onDelete('cascade')]);",
    definitions: ['2 users=users', '3 orders=orders', '6 carts=carts'],
    schemaTables: ['2 users', '3 orders', '6 carts'],
    foreignKeys: ['4 orders>users', '6 carts>users'],
  },
  {
    name: 'a renamed factory import and a table-name template',
    text: "import { pgTable as table, pgTableCreator, text } from 'drizzle-orm/pg-core';\nexport const notes = table('notes', { body: text('body') });\nconst createTable = pgTableCreator((name) => `shop_${name}`);\nexport const carts = createTable('carts', { id: text('id') });",
    definitions: ['2 notes=notes', '4 carts=shop_carts'],
    schemaTables: ['2 notes', '4 shop_carts'],
    foreignKeys: [],
  },
  {
    name: 'a reference to an imported table is not a foreign key the file can name',
    text: "import { pgTable, uuid } from 'drizzle-orm/pg-core';\nimport { accounts } from './accounts';\nexport const sessions = pgTable('sessions', { accountId: uuid('account_id').references(() => accounts.id) });",
    definitions: ['3 sessions=sessions'],
    schemaTables: ['3 sessions'],
    foreignKeys: [],
  },
  {
    name: 'a table declared inside a function, and used there',
    text: "import { pgTable, serial } from 'drizzle-orm/pg-core';\ntest('x', async () => {\n  const users = pgTable('users_tmp', { id: serial('id') });\n  await db.insert(users).values({});\n});",
    definitions: ['3 users=users_tmp'],
    schemaTables: ['3 users_tmp'],
    foreignKeys: [],
  },
  {
    name: 'not tables: views, enums, other calls',
    text: "import { pgView, pgEnum } from 'drizzle-orm/pg-core';\nexport const status = pgEnum('status', ['a']);\nexport const active = pgView('active_users').as((qb) => qb.select().from(users));\nconst other = makeTable('x', {});",
    definitions: [],
    schemaTables: [],
    foreignKeys: [],
  },
];

for (const { name, text, definitions, schemaTables, foreignKeys } of declarations) {
  test(`drizzle: declarations, ${name}`, () => {
    const { facts } = detect(text);
    assert.deepEqual(facts.tableDefinitions.filter((d) => d.via === 'drizzle').map((d) => `${d.line} ${d.symbol}=${d.table}`), definitions);
    assert.deepEqual(facts.schemaTables.filter((s) => s.via === 'drizzle').map((s) => `${s.line} ${s.table}`), schemaTables);
    assert.deepEqual(facts.foreignKeys.filter((f) => f.via === 'drizzle').map((f) => `${f.line} ${f.from}>${f.to}`), foreignKeys);
  });
}
