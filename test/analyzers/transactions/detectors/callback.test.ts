import { test } from 'node:test';
import assert from 'node:assert/strict';
import { scopeRows } from '../scopes.js';

const detected: { name: string; text: string; rows: string[] }[] = [
  { name: 'knex transaction(cb)', text: "import knex from 'knex';\nawait db.transaction(async (trx) => {\n  await trx('orders').insert(o);\n});", rows: ['2 2-4 callback knex trx'] },
  { name: 'Kysely transaction().execute(cb)', text: "import { Kysely } from 'kysely';\nawait this.db.transaction().execute(async (tx) => {\n  await tx.insertInto('tags').values(v).execute();\n});", rows: ['2 2-4 callback kysely tx'] },
  { name: 'Kysely with an isolation level', text: "import { Kysely } from 'kysely';\nawait db.transaction().setIsolationLevel('serializable').execute(async (trx) => {\n  return 1;\n});", rows: ['2 2-4 callback kysely trx'] },
  { name: 'Prisma interactive $transaction', text: "import { PrismaClient } from '@prisma/client';\nawait prisma.$transaction(async (tx) => {\n  await tx.user.create({ data });\n});", rows: ['2 2-4 callback prisma tx'] },
  { name: 'Sequelize managed transaction', text: "import { Sequelize } from 'sequelize';\nawait sequelize.transaction(async (t) => {\n  await User.create(u, { transaction: t });\n});", rows: ['2 2-4 callback sequelize t'] },
  { name: 'TypeORM with an isolation level first', text: "import { DataSource } from 'typeorm';\nawait this.dataSource.transaction('SERIALIZABLE', async (manager) => {\n  await manager.save(order);\n});", rows: ['2 2-4 callback typeorm manager'] },
  { name: 'MikroORM em.transactional', text: "import { EntityManager } from '@mikro-orm/core';\nawait em.transactional(async (em) => {\n  em.persist(x);\n});", rows: ['2 2-4 callback mikro-orm em'] },
  { name: 'slonik pool.transaction', text: "import { createPool } from 'slonik';\nawait pool.transaction(async (connection) => {\n  await connection.query(sql`delete from seats`);\n});", rows: ['2 2-4 callback slonik connection'] },
  { name: "a service's transactional copy (Unleash)", text: "await this.environmentService.transactional((service) =>\n  service.addEnvironmentToProject(env, id),\n);", rows: ['1 1-2 callback unknown service =this.environmentService'] },
  { name: 'the client from the accesses inside when imports do not tell', text: "import { db } from './db';\nawait db.transaction(async (tx) => {\n  await tx('accounts').insert(a);\n});", rows: ['2 2-4 callback knex tx'] },
  { name: 'a function expression callback without parameters', text: "import knex from 'knex';\nknex.transaction(function () {\n  return 1;\n});", rows: ['2 2-4 callback knex'] },
];

const ignored: { name: string; text: string }[] = [
  { name: 'a transaction call without a callback', text: "import knex from 'knex';\nconst trx = knex.transaction;\nlog.transaction(id);" },
  { name: 'a method named like a transaction on a plain call', text: "transaction(async () => 1);" },
  { name: 'an execute without transaction()', text: "await db.selectFrom('x').execute(async () => 1);" },
];

for (const { name, text, rows } of detected) {
  test(`callback transaction detected: ${name}`, () => {
    assert.deepEqual(scopeRows(text, 'callback'), rows);
  });
}
for (const { name, text } of ignored) {
  test(`callback transaction ignored: ${name}`, () => {
    assert.deepEqual(scopeRows(text, 'callback'), []);
  });
}
