import { test } from 'node:test';
import assert from 'node:assert/strict';
import { analyze } from '../../src/pipeline/analyze.js';
import { createTempRepo } from '../helpers.js';
import type { AnalysisResult } from '../../src/model/result.js';

function run(files: Record<string, string>, depth?: number): AnalysisResult {
  return analyze({ root: createTempRepo({ 'package.json': '{"name":"x","dependencies":{"knex":"3","sequelize":"6"}}', ...files }), depth });
}

/** `file:line table/mode via path-length` per table of each transaction. */
function rows(result: AnalysisResult): string[] {
  return result.transactions.flatMap((transaction) => transaction.tables.map((table) => `${transaction.id} ${table.table}/${table.mode} ${table.path.map((step) => `${step.file}:${step.line}`).join(' > ')}`));
}

test('trace: a knex handle passed through two service calls reaches their tables', () => {
  const result = run({
    'src/checkout.ts': "import knex from 'knex';\nimport { placeOrder } from './orders/service';\nexport async function checkout(cart) {\n  await knex.transaction(async (trx) => {\n    await placeOrder(trx, cart);\n    await unrelated(cart);\n  });\n}\nasync function unrelated(cart) {\n  await knex('audit').insert(cart);\n}",
    'src/orders/service.ts': "import { chargeCard } from '../billing/payments';\nexport async function placeOrder(tx, cart) {\n  await tx('orders').insert(cart);\n  await chargeCard(tx, cart.total);\n}",
    'src/billing/payments.ts': "export async function chargeCard(db, amount) {\n  await db('payments').insert({ amount });\n}",
  });
  assert.deepEqual(rows(result), [
    'src/checkout.ts:4 orders/write src/checkout.ts:5 > src/orders/service.ts:3',
    'src/checkout.ts:4 payments/write src/checkout.ts:5 > src/orders/service.ts:4 > src/billing/payments.ts:2',
  ]);
});

test('trace: --depth bounds how far calls are followed', () => {
  const files = {
    'src/a.ts': "import knex from 'knex';\nimport { b } from './b';\nknex.transaction(async (trx) => {\n  await b(trx);\n});",
    'src/b.ts': "import { c } from './c';\nexport async function b(trx) {\n  await trx('bees').insert({});\n  await c(trx);\n}",
    'src/c.ts': "export async function c(trx) {\n  await trx('sees').insert({});\n}",
  };
  assert.deepEqual(run(files, 1).transactions[0]?.tables.map((table) => table.table), ['bees']);
  assert.deepEqual(run(files, 2).transactions[0]?.tables.map((table) => table.table), ['bees', 'sees']);
  assert.deepEqual(run(files, 0).transactions[0]?.tables.map((table) => table.table), []);
});

test('trace: methods through this.field with a declared type and constructor injection', () => {
  const result = run({
    'src/orders.service.ts': "import { InventoryService } from './inventory.service';\nimport { Transactional } from 'typeorm-transactional';\nexport class OrdersService {\n  constructor(private readonly inventory: InventoryService) {}\n  @Transactional()\n  async place(o) {\n    await this.inventory.reserve(o);\n    await this.save(o);\n  }\n  async save(o) {\n    await knex('orders').insert(o);\n  }\n}",
    'src/inventory.service.ts': "export class InventoryService {\n  async reserve(o) {\n    await knex('stock').update({ n: 1 });\n  }\n}",
  });
  assert.deepEqual(rows(result), [
    'src/orders.service.ts:5 orders/write src/orders.service.ts:8 > src/orders.service.ts:11',
    'src/orders.service.ts:5 stock/write src/orders.service.ts:7 > src/inventory.service.ts:3',
  ]);
});

test("trace: an Unleash-style service's transactional copy resolves to the service's methods", () => {
  const result = run({
    'src/controller.ts': "import { EnvironmentService } from './environment-service';\nexport class Controller {\n  constructor(private environmentService: EnvironmentService) {}\n  async add(req) {\n    await this.environmentService.transactional((service) =>\n      service.addToProject(req.env),\n    );\n  }\n}",
    'src/environment-service.ts': "export class EnvironmentService {\n  async addToProject(env) {\n    await this.db('project_environments').insert(env);\n  }\n}",
  });
  assert.deepEqual(rows(result), ['src/controller.ts:5 project_environments/write src/controller.ts:6 > src/environment-service.ts:3']);
});

test('trace: an unmanaged Sequelize transaction covers its lines up to commit', () => {
  const result = run({
    'src/pay.ts': "import { sequelize } from 'sequelize';\nexport async function pay(id) {\n  const t = await sequelize.transaction();\n  await Invoice.update({ paid: true }, { where: { id }, transaction: t });\n  await t.commit();\n  await Audit.create({ id });\n}\nclass Invoice extends Model {}\nInvoice.init({}, { sequelize, tableName: 'invoices' });\nclass Audit extends Model {}\nAudit.init({}, { sequelize, tableName: 'audit' });",
  });
  assert.deepEqual(rows(result), ['src/pay.ts:3 invoices/write src/pay.ts:4']);
});

test('trace: callers of a transaction helper are scopes (withTransaction(pool, fn))', () => {
  const result = run({
    'src/db.ts': "export async function withTransaction(pool, fn) {\n  const client = await pool.connect();\n  await client.query('BEGIN');\n  const result = await fn(client);\n  await client.query('COMMIT');\n  return result;\n}",
    'src/stock.ts': "import { withTransaction } from './db';\nexport async function move(pool) {\n  await withTransaction(pool, async (client) => {\n    await client.query('UPDATE stock SET n = n - 1');\n    await client.query('INSERT INTO moves VALUES (1)');\n  });\n}",
  });
  assert.deepEqual(rows(result), ['src/stock.ts:3 moves/write src/stock.ts:5', 'src/stock.ts:3 stock/write src/stock.ts:4']);
});

test('trace: calls that do not pass the handle stay outside the transaction', () => {
  const result = run({
    'src/a.ts': "import knex from 'knex';\nimport { notify } from './b';\nknex.transaction(async (trx) => {\n  await trx('orders').insert({});\n  await notify('x');\n});",
    'src/b.ts': "export async function notify(text) {\n  await knex('notifications').insert({ text });\n}",
  });
  assert.deepEqual(result.transactions[0]?.tables.map((table) => table.table), ['orders']);
});

test('trace: a wrapper type resolves to its type argument, an interface to its one non-test implementation', () => {
  const result = run({
    'src/controller.ts': "import type { EnvironmentService } from './service';\nexport class Controller {\n  private environmentService: WithTransactional<EnvironmentService>;\n  async add(req) {\n    await this.environmentService.transactional((service) => service.add(req.env));\n  }\n}",
    'src/service.ts': "import type { IStore } from './store';\nexport class EnvironmentService {\n  private store: IStore;\n  async add(env) {\n    await this.store.insert(env);\n  }\n}",
    'src/store.ts': "export interface IStore { insert(env): Promise<void> }\nexport class Store implements IStore {\n  async insert(env) {\n    await this.db('environments').insert(env);\n  }\n}",
    'src/fake-store.ts': "import type { IStore } from './store';\nexport class FakeStore implements IStore {\n  async insert(env) {\n    await this.db('fake_environments').insert(env);\n  }\n}",
  });
  assert.deepEqual(rows(result), ['src/controller.ts:5 environments/write src/controller.ts:5 > src/service.ts:5 > src/store.ts:4']);
});

test('events: an imported constant names one event for publisher and consumer; the edge goes publisher → consumer', () => {
  const result = run({
    'src/events/event-names.ts': "export const ORDER_PLACED_EVENT = 'order.placed';",
    'src/orders/place.ts': "import { EventEmitter } from 'node:events';\nimport { ORDER_PLACED_EVENT } from '../events/event-names';\nexport const bus = new EventEmitter();\nexport function place() {\n  bus.emit(ORDER_PLACED_EVENT, {});\n}",
    'src/mail/subscribe.ts': "import { ORDER_PLACED_EVENT } from '../events/event-names';\nimport { bus } from '../orders/place';\nbus.on(ORDER_PLACED_EVENT, () => undefined);",
  });
  assert.deepEqual(result.events.map((event) => `${event.name} ${event.transport} ${event.publishers.length}/${event.consumers.length}`), ['order.placed emitter 1/1']);
  assert.deepEqual(result.edges.filter((edge) => edge.kind === 'event').map((edge) => `${edge.from} → ${edge.to}`), ['src/orders/place.ts → src/mail/subscribe.ts']);
});
