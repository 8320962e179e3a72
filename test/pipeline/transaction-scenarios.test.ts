import { test } from 'node:test';
import assert from 'node:assert/strict';
import { analyze } from '../../src/pipeline/analyze.js';
import { fixturePath } from '../helpers.js';
import type { AnalysisResult } from '../../src/model/result.js';

const results = new Map<string, AnalysisResult>();
function resultOf(fixture: string): AnalysisResult {
  if (!results.has(fixture)) results.set(fixture, analyze({ root: fixturePath(fixture) }));
  return results.get(fixture) as AnalysisResult;
}

function sharedTransactionAt(result: AnalysisResult, id: string) {
  return result.findings.find((finding) => finding.kind === 'shared-transaction' && finding.locations.some((location) => `${location.file}:${location.line}` === id));
}

test('scenario (ecommerce, pg BEGIN…COMMIT): checkout writes orders, payments and stock in one transaction, through service calls', () => {
  const result = resultOf('ecommerce');
  const checkout = result.transactions.find((transaction) => transaction.id === 'src/modules/checkout/checkoutService.ts:44');
  assert.ok(checkout, 'the checkout transaction is found');
  const tables = new Map(checkout.tables.filter((table) => table.mode === 'write').map((table) => [table.table, table]));
  for (const table of ['orders', 'payments', 'stock_levels']) assert.ok(tables.has(table), `checkout writes ${table}`);
  // payments is written two calls away: checkoutService → paymentService → paymentRepository.
  assert.equal(tables.get('payments')?.path.length, 3);
  assert.ok(new Set([tables.get('orders')?.cluster, tables.get('payments')?.cluster, tables.get('stock_levels')?.cluster]).size >= 2, 'the tables belong to different candidates');
  assert.ok(sharedTransactionAt(result, 'src/modules/checkout/checkoutService.ts:44'), 'shared-transaction finding');
});

test('scenario (ecommerce, knex transaction(cb)): the password reset stays inside one candidate: no finding', () => {
  const result = resultOf('ecommerce');
  const reset = result.transactions.find((transaction) => transaction.id === 'src/modules/accounts/passwordReset.ts:35');
  assert.ok(reset);
  assert.equal(reset.clusters.length, 1);
  assert.equal(sharedTransactionAt(result, 'src/modules/accounts/passwordReset.ts:35'), undefined);
});

test('scenario (distributed-monolith, unmanaged Sequelize): billing writes shipping\'s table before commit', () => {
  const result = resultOf('distributed-monolith');
  const payment = result.transactions.find((transaction) => transaction.id === 'services/billing/src/payments.service.ts:25');
  assert.ok(payment);
  assert.equal(payment.style, 'unmanaged');
  assert.equal(payment.via, 'sequelize');
  assert.ok(payment.tables.some((table) => table.table === 'shipments' && table.mode === 'write'));
  assert.ok(sharedTransactionAt(result, 'services/billing/src/payments.service.ts:25'));
});

test('scenario (learning, Prisma batch and interactive; assorted-clients, slonik/MikroORM/Objection): scopes found, none spans candidates', () => {
  for (const [fixture, expected] of [
    ['learning', ['prisma/batch', 'prisma/callback', 'typeorm/callback']],
    ['assorted-clients', ['mikro-orm/callback', 'objection/callback', 'slonik/callback']],
  ] as const) {
    const result = resultOf(fixture);
    assert.deepEqual([...new Set(result.transactions.map((transaction) => `${transaction.via}/${transaction.style}`))].sort(), expected);
    assert.equal(result.findings.filter((finding) => finding.kind === 'shared-transaction').length, 0, fixture);
  }
});
