import { test } from 'node:test';
import assert from 'node:assert/strict';
import { detect, rowsOf, toRow } from '../detect.js';

const detected: { name: string; text: string; rows: string[] }[] = [
  { name: 'pg pool.query with a literal', text: "await pool.query('SELECT * FROM products WHERE id = $1', [id]);", rows: ['1 read products raw-sql'] },
  { name: 'client.query with a template and holes', text: 'await client.query(`UPDATE stock_levels SET qty = qty - ${n} WHERE sku = ${sku}`);', rows: ['1 write stock_levels raw-sql'] },
  { name: 'a local const holding SQL', text: "const Q = 'INSERT INTO orders (id) VALUES ($1)';\n\nawait db.query(Q, [1]);", rows: ['3 write orders raw-sql'] },
  { name: 'a local object of SQL', text: "const Q = { list: 'SELECT * FROM carts', del: 'DELETE FROM carts USING users WHERE users.id = carts.user_id' } as const;\npool.query(Q.del);", rows: ['2 read users raw-sql', '2 write carts raw-sql'] },
  { name: 'an imported SQL constant (expanded at link time)', text: "import { QUERIES } from './queries';\npool.query(QUERIES.insertOrder, []);", rows: ['2 read ./queries#QUERIES.insertOrder (sql) raw-sql 0.9'] },
  { name: 'sequelize.query with :name replacements', text: "await sequelize.query('UPDATE shipments SET status = :s WHERE id = :id', { replacements: { s, id } });", rows: ['1 write shipments raw-sql'] },
  { name: 'TypeORM manager.query', text: 'await this.manager.query(`DELETE FROM transcode_job WHERE id = $1`, [id]);', rows: ['1 write transcode_job raw-sql'] },
  { name: 'mysql2 execute with ? and backticks', text: 'await conn.execute("SELECT * FROM `users` WHERE id = ?", [id]);', rows: ['1 read users raw-sql'] },
  { name: 'knex raw and whereRaw with a subquery', text: "await knex.raw('TRUNCATE sessions');\nknex('users').whereRaw('id IN (SELECT user_id FROM sessions WHERE expired)');", rows: ['1 write sessions raw-sql', '2 read sessions raw-sql'] },
  { name: 'Prisma $queryRaw tagged template', text: 'const rows = await this.prisma.$queryRaw`SELECT * FROM lesson_completions WHERE enrolment_id = ${id}`;', rows: ['1 read lesson_completions raw-sql'] },
  { name: 'Prisma $executeRawUnsafe', text: "await prisma.$executeRawUnsafe('DELETE FROM sessions WHERE id = $1', id);", rows: ['1 write sessions raw-sql'] },
  { name: 'slonik / postgres.js sql tag', text: 'await pool.query(sql`SELECT * FROM accounts WHERE id = ${id}`);\nawait sql`INSERT INTO api_keys ${sql(row)}`;', rows: ['1 read accounts raw-sql', '2 write api_keys raw-sql'] },
  { name: 'slonik typed sql tag', text: 'await pool.one(sql.type(Row)`SELECT id FROM invoices`);', rows: ['1 read invoices raw-sql'] },
  { name: 'a CTE with INSERT … RETURNING', text: "pool.query(`WITH o AS (INSERT INTO public.orders (id) VALUES ($1) RETURNING id) INSERT INTO \"order_items\" SELECT * FROM o`);", rows: ['1 write order_items raw-sql', '1 write orders raw-sql'] },
  { name: 'concatenated literals', text: "pool.query('SELECT * FROM ' + 'products');", rows: ['1 read products raw-sql'] },
  { name: 'knex joinRaw (only the joined table is one)', text: "knex('users').joinRaw('CROSS JOIN totals');", rows: ['1 read totals raw-sql'] },
  {
    name: 'knex raw SQL naming the CTEs of its chain (not tables)',
    text: "db.with('ranked', (qb) => qb.select('*').from('features'))\n  .with('final_ranks', db.raw('select row_number() over () as r from ranked'))\n  .with('total', db.raw('select count(*) as total from final_ranks'))\n  .select('*').from('ranked')\n  .joinRaw('CROSS JOIN total JOIN regions ON true');",
    rows: ['5 read regions raw-sql'],
  },
  { name: 'db-migrate runSql', text: "exports.up = function (db, cb) {\n  db.runSql('CREATE TABLE widgets (id int); INSERT INTO widgets VALUES (1);', cb);\n};", rows: ['2 ddl widgets raw-sql', '2 write widgets raw-sql'] },
  { name: 'a top-level constant in a plain template', text: "const TABLE = 'users';\nconst r = await this.db.raw(`SELECT EXISTS (SELECT 1 FROM ${TABLE} WHERE id = ?) AS present`, [id]);", rows: ['2 read users raw-sql'] },
  { name: 'a constant declared once inside a function, in a joinRaw template', text: "function stale() {\n  const EVENTS_TABLE = 'events';\n  return db('features').joinRaw(`JOIN ${EVENTS_TABLE} AS ev ON ev.feature_name = features.name`);\n}", rows: ['3 read events raw-sql'] },
  { name: 'Kysely sql.table and slonik sql.identifier holes', text: "await sql`truncate ${sql.table('smart_search')}`.execute(db);\nawait pool.query(sql`delete from ${sql.identifier(['public', 'sessions'])} where id = ${id}`);", rows: ['1 write smart_search raw-sql', '2 write sessions raw-sql'] },
  { name: 'Kysely sql.id with a schema and a table', text: "await sql`vacuum analyze ${sql.id('audit', 'events')}; delete from ${sql.id('audit', 'events')} where id = ${id}`.execute(db);", rows: ['1 write audit.events raw-sql'] },
  {
    name: 'slonik holes naming the table of a schema object (destructured, aliased, or a member of the converted object)',
    text: [
      "import { Users, Roles } from '@acme/schemas';",
      'const { table, fields } = convertToIdentifiers(Users);',
      'const roles = convertToIdentifiers(Roles, true);',
      'const { table: usersTable } = toIds(Users);',
      'pool.any(sql`select ${fields.id} from ${table}`);',
      'pool.query(sql`insert into ${roles.table} (${roles.fields.id}) values (${id})`);',
      'pool.one(sql`select count(*) from ${usersTable} join ${roles.table} on true`);',
      'pool.one(sql`select * from ${sql.identifier([Users.table])}`);',
    ].join('\n'),
    rows: ['5 read @acme/schemas#Users raw-sql', '6 write @acme/schemas#Roles raw-sql', '7 read @acme/schemas#Roles raw-sql', '7 read @acme/schemas#Users raw-sql', '8 read @acme/schemas#Users raw-sql'],
  },
  {
    name: 'a schema object given as an object literal with a table name',
    text: "const { table } = convertToIdentifiers({ table: 'audit_logs', fields: {} });\npool.query(sql`delete from ${table} where id = ${id}`);",
    rows: ['2 write audit_logs raw-sql'],
  },
  {
    name: 'a converted table used only as a column qualifier (not a table there)',
    text: "import { Users } from '@acme/schemas';\nconst { table } = convertToIdentifiers(Users);\npool.any(sql`select ${table}.id from audit`);",
    rows: ['3 read audit raw-sql'],
  },
  {
    name: 'a table taken from a parameter of a named (curried) function, through a rest copy',
    text: [
      'export const buildInsert = (pool) => (schema, config) => {',
      '  const { fieldKeys, ...rest } = schema;',
      '  const { table, fields } = convertToIdentifiers(rest);',
      '  return async (data) => pool.query(sql`insert into ${table} (${fields.id}) values (${data.id})`);',
      '};',
      'export function countRows(pool, schema) {',
      '  return pool.one(sql`select count(*) from ${sql.identifier([schema.table])}`);',
      '}',
    ].join('\n'),
    rows: ['4 write buildInsert(1.0) raw-sql', '7 read countRows(0.1) raw-sql'],
  },
  {
    name: "this.table in a class that passes one X.table to its base class's constructor",
    text: [
      "import { Users, Orgs, OrgUsers } from '@acme/schemas';",
      'export class OrgUserQueries extends RelationQueries {',
      '  constructor(pool) {',
      '    super(pool, OrgUsers.table, Orgs, Users);',
      '  }',
      '  count() {',
      '    return this.pool.one(sql`select count(*) from ${this.table}`);',
      '  }',
      '}',
    ].join('\n'),
    rows: ['7 read @acme/schemas#OrgUsers raw-sql'],
  },
  {
    name: 'SQL in a string const declared once inside a function',
    text: "module.exports = {\n  up: async (queryInterface) => {\n    const searchCollection = `CREATE TRIGGER atlases_tsv BEFORE INSERT ON atlases FOR EACH ROW EXECUTE PROCEDURE f();`;\n    await queryInterface.sequelize.query(searchCollection);\n  },\n};",
    rows: ['4 ddl atlases raw-sql'],
  },
];

const ignored: { name: string; text: string }[] = [
  { name: 'a query method given something that is not SQL', text: "req.query('id');\nrouter.query('page');\nurl.query('?a=1');" },
  { name: 'a Kysely sql fragment that is not a statement', text: 'db.selectFrom("users").select(sql`now()`.as("t"));' },
  { name: 'SQL-like text given to something that is not a sink', text: "logger.info('SELECT * FROM users');" },
  { name: 'a query with a computed SQL string', text: 'pool.query(buildSql(filters));' },
  { name: 'a constant in a tagged template (a bound value, not pasted in)', text: "const T = 'users';\nawait pool.query(sql`SELECT * FROM ${T}`);" },
  { name: 'a name declared twice in the file (may be shadowed)', text: "function a() { const TABLE = 'users'; }\nfunction b(TABLE2) { const TABLE = 'orders'; return db.raw(`DELETE FROM ${TABLE}`); }" },
  { name: 'a table parameter of an unnamed callback', text: 'tables.map((table) => pool.query(sql`select * from ${table}`));' },
  { name: 'a schema object held in a local variable (not followed)', text: 'const s = makeSchema();\nconst { table } = convertToIdentifiers(s);\npool.query(sql`select * from ${table}`);' },
  { name: "a schema object's table name as a bound value (outside sql.identifier)", text: "import { Users } from '@acme/schemas';\npool.query(sql`select * from ${Users.table}`);" },
  { name: 'a converted table declared in another function (out of scope)', text: "import { Users } from '@acme/schemas';\nfunction a() { const { table } = convertToIdentifiers(Users); }\nfunction b(x) { return pool.query(sql`select * from ${table}`); }" },
  {
    name: 'this.table in a class whose super call passes two tables, or none',
    text: "import { A, B } from '@acme/schemas';\nclass Q extends R { constructor(p) { super(p, A.table, B.table); } f() { return pool.query(sql`select * from ${this.table}`); } }\nclass S { f() { return pool.query(sql`delete from ${this.table}`); } }",
  },
  {
    name: 'SQL in a local name declared twice (may be shadowed) or with let',
    text: "function a() { const q = 'DELETE FROM users'; }\nfunction b() { const q = 'DELETE FROM orders'; return pool.query(q); }\nfunction c() { let r = 'DELETE FROM carts'; r = other; return pool.query(r); }",
  },
];

for (const { name, text, rows } of detected) {
  test(`raw-sql: detects ${name}`, () => {
    assert.deepEqual(rowsOf(text, 'raw-sql'), rows);
  });
}

for (const { name, text } of ignored) {
  test(`raw-sql: ignores ${name}`, () => {
    assert.deepEqual(rowsOf(text, 'raw-sql'), []);
  });
}

test('raw-sql: unparseable SQL is a diagnostic at its line with low-confidence tables', () => {
  const { facts, diagnostics } = detect("\npool.query(`SELECT * FROM users WHERE`);");
  assert.deepEqual(diagnostics.map((d) => [d.code, d.line]), [['sql-unparsed', 2]]);
  assert.deepEqual(facts.tableAccesses.map((a) => [a.target, a.confidence]), [[{ kind: 'table', table: 'users' }, 0.4]]);
});

test('raw-sql: an interpolated table name is a diagnostic, not a table', () => {
  const { facts, diagnostics } = detect('pool.query(`SELECT * FROM ${table} WHERE id = $1`);');
  assert.deepEqual(diagnostics.map((d) => d.code), ['sql-dynamic-table']);
  assert.deepEqual(facts.tableAccesses, []);
});

test('constants: exported table names and SQL are recorded for other files', () => {
  const { facts } = detect("export const TABLE = 'features';\nexport const T = { users: 'users', sessions: 'auth.sessions' } as const;\nexport const INSERT = `INSERT INTO events (id) VALUES ($1)`;\nexport const note = 'Hello world, friend';", 'src/tables.ts');
  assert.deepEqual(facts.constants, [
    { symbol: 'TABLE', line: 1, table: 'features' },
    { symbol: 'T.users', line: 2, table: 'users' },
    { symbol: 'T.sessions', line: 2, table: 'auth.sessions' },
    { symbol: 'INSERT', line: 3, sql: [{ table: 'events', mode: 'write' }] },
  ]);
});

test('raw-sql: template helpers with a known meaning are filled in (slonik identifier and unnest, postgres.js row helper)', () => {
  const { facts, diagnostics } = detect(
    [
      "await pool.query(sql`SELECT * FROM ${sql.identifier(['billing', 'invoices'])} WHERE id = ${id}`);",
      'await pool.query(sql`INSERT INTO seats (row, num) SELECT * FROM ${sql.unnest(rows, ["int4", "int4"])}`);',
      'await sql`INSERT INTO notifications ${sql(row, "id", "body")} RETURNING id`;',
    ].join('\n'),
  );
  assert.deepEqual(diagnostics, []);
  assert.deepEqual(facts.tableAccesses.map(toRow), ['1 read billing.invoices raw-sql', '2 write seats raw-sql', '3 write notifications raw-sql']);
});

test('raw-sql: the line of unparseable SQL is where the parser stopped inside the literal', () => {
  const { diagnostics } = detect('\n\nawait pool.query(`\n  SELECT *\n  FROM users\n  WHERE AND`);');
  assert.deepEqual(diagnostics.map((d) => [d.code, d.line]), [['sql-unparsed', 6]]);
});
