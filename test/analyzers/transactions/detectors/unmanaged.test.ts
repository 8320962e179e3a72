import { test } from 'node:test';
import assert from 'node:assert/strict';
import { scopeRows } from '../scopes.js';

const detected: { name: string; text: string; rows: string[] }[] = [
  {
    name: 'Sequelize unmanaged: transaction() … commit()',
    text: "import { sequelize } from 'sequelize';\nasync function pay() {\n  const t = await sequelize.transaction();\n  await Invoice.update(v, { transaction: t });\n  await t.commit();\n  await audit();\n}",
    rows: ['3 3-5 unmanaged sequelize t'],
  },
  {
    name: 'knex unmanaged, assigned later, no commit: to the end of the function',
    text: "import knex from 'knex';\nasync function f() {\n  let trx;\n  trx = await knex.transaction();\n  await trx('a').insert(x);\n}",
    rows: ['4 4-6 unmanaged knex trx'],
  },
  {
    name: 'TypeORM queryRunner.startTransaction … commitTransaction',
    text: "import { DataSource } from 'typeorm';\nasync function f(qr) {\n  await this.queryRunner.startTransaction();\n  await this.queryRunner.manager.save(x);\n  await this.queryRunner.commitTransaction();\n}",
    rows: ['3 3-5 unmanaged typeorm this.queryRunner'],
  },
  {
    name: "node-postgres BEGIN … COMMIT on one client",
    text: "import pg from 'pg';\nasync function f() {\n  const client = await pool.connect();\n  await client.query('BEGIN');\n  await client.query('update stock set n = n - 1');\n  await client.query('COMMIT');\n}",
    rows: ['4 4-6 unmanaged pg client'],
  },
  {
    name: 'START TRANSACTION in lower case, two scopes on one client',
    text: "import mysql from 'mysql2';\nawait conn.query('start transaction');\nawait conn.query('commit');\nawait conn.query('BEGIN');\nawait conn.query('COMMIT');",
    rows: ['2 2-3 unmanaged mysql conn', '4 4-5 unmanaged mysql conn'],
  },
];
const ignored: { name: string; text: string }[] = [
  { name: 'a callback transaction', text: "import knex from 'knex';\nconst x = await knex.transaction(async (trx) => 1);" },
  { name: 'a transaction() result not assigned', text: "import knex from 'knex';\nawait knex.transaction();" },
  { name: 'a query that is not BEGIN', text: "import pg from 'pg';\nawait client.query('SELECT begin_date FROM t');" },
];

for (const { name, text, rows } of detected) {
  test(`unmanaged transaction detected: ${name}`, () => assert.deepEqual(scopeRows(text, 'unmanaged'), rows));
}
for (const { name, text } of ignored) {
  test(`unmanaged transaction ignored: ${name}`, () => assert.deepEqual(scopeRows(text, 'unmanaged'), []));
}
