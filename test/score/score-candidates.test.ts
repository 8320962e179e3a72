import { test } from 'node:test';
import assert from 'node:assert/strict';
import { analyze } from '../../src/pipeline/analyze.js';
import { scoreCandidates } from '../../src/score/score-candidates.js';
import type { AnalysisResult } from '../../src/model/result.js';
import { createTempRepo } from '../helpers.js';

/** orders (tables orders, order_lines) reaches into stock (table stock_levels) and writes its table; stock is stateful; mail has no tables. */
function shopRepo(): Record<string, string> {
  return {
    'src/db.ts': "import { Pool } from 'pg';\nexport const pool = new Pool();",
    'src/orders/place.ts': [
      "import { pool } from '../db';",
      "import { reserve, STOCK_UNIT } from '../stock/reserve';",
      "import { lines } from './lines';",
      "import { total } from './total';",
      'export async function place(id: string) {',
      '  await reserve(id, STOCK_UNIT);',
      "  await pool.query('insert into orders (id) values ($1)', [id]);",
      "  await pool.query('update stock_levels set qty = qty - 1 where id = $1', [id]);",
      '  return [lines(id), total()];',
      '}',
    ].join('\n'),
    'src/orders/lines.ts': "import { pool } from '../db';\nimport { total } from './total';\nexport const lines = (id: string) => [total(), pool.query('select * from order_lines where id = $1', [id])];",
    'src/orders/total.ts': "import { pool } from '../db';\nexport const total = () => pool.query('insert into order_lines (id) values (1)');",
    'src/stock/reserve.ts': "import { pool } from '../db';\nimport { level } from './level';\nexport const STOCK_UNIT = 1;\nexport const reserve = (id: string, n: number) => [level(), pool.query('update stock_levels set qty = qty - $2 where id = $1', [id, n])];",
    'src/stock/level.ts': "import { pool } from '../db';\nimport { audit } from './audit';\nexport const level = () => [audit(), pool.query('select qty from stock_levels')];",
    'src/stock/audit.ts': "import { pool } from '../db';\nexport const audit = () => pool.query('insert into stock_audit (at) values (now())');",
    'src/mail/send.ts': "import { render } from './render';\nimport { queue } from './queue';\nexport const send = () => queue(render());",
    'src/mail/render.ts': "import { queue } from './queue';\nexport const render = () => String(queue);",
    'src/mail/queue.ts': 'export const queue = (text: unknown) => text;',
  };
}

function clusterOf(result: AnalysisResult, module: string): string {
  return result.modules.find((m) => m.id === module)?.cluster ?? '';
}

function factor(result: AnalysisResult, cluster: string, name: string) {
  const found = result.clusters.find((c) => c.id === cluster)?.score?.factors.find((f) => f.name === name);
  assert.ok(found, `${cluster} has no factor ${name}`);
  return found;
}

test('score: named factors with evidence to file:line; the API surface lists the names other clusters import', () => {
  const result = analyze({ root: createTempRepo(shopRepo()) });
  const orders = clusterOf(result, 'src/orders/place.ts');
  const stock = clusterOf(result, 'src/stock/reserve.ts');
  assert.notEqual(orders, stock);
  const outbound = factor(result, orders, 'outbound-imports');
  assert.equal(outbound.value, 1);
  assert.deepEqual(outbound.evidence[0]?.locations, [{ file: 'src/orders/place.ts', line: 2 }]);
  const api = factor(result, stock, 'api-surface');
  assert.deepEqual(api.evidence.map((e) => e.description), [`src/stock/reserve.ts: STOCK_UNIT, used by ${orders}`, `src/stock/reserve.ts: reserve, used by ${orders}`]);
  const shared = factor(result, orders, 'shared-tables');
  assert.equal(shared.value, 1);
  assert.match(shared.evidence[0]?.description ?? '', /writes stock_levels, which .* owns/);
  assert.deepEqual(shared.evidence[0]?.locations, [{ file: 'src/orders/place.ts', line: 8 }]);
});

test('score: a stateless cluster with no coupling is the easiest, first in the plan; each plan entry ends with the extract step', () => {
  const result = analyze({ root: createTempRepo(shopRepo()) });
  const mail = clusterOf(result, 'src/mail/send.ts');
  assert.equal(result.plan?.[0]?.cluster, mail);
  assert.equal(factor(result, mail, 'statefulness').detail, 'no tables of its own: an easy first extraction');
  const eases = result.plan?.map((entry) => entry.ease) ?? [];
  assert.deepEqual(eases, [...eases].sort((a, b) => b - a));
  for (const entry of result.plan ?? []) assert.equal(entry.steps.at(-1)?.action, 'extract');
  const orders = result.plan?.find((entry) => entry.cluster === clusterOf(result, 'src/orders/place.ts'));
  assert.ok(orders?.steps.some((step) => step.action === 'replace-imports' && /the 1 import from/.test(step.description)));
  assert.ok(orders?.steps.some((step) => step.action === 'move-table' && /stock_levels/.test(step.description)));
  for (const cluster of result.clusters) {
    if (cluster.kind === 'domain') assert.equal(cluster.score?.ease, result.plan?.find((entry) => entry.cluster === cluster.id)?.ease);
    else assert.equal(cluster.score, undefined);
  }
});

test('score: shared-transaction findings involving a cluster cost points and add a split step; scoring is pure and repeatable', () => {
  const result = analyze({ root: createTempRepo(shopRepo()) });
  const orders = clusterOf(result, 'src/orders/place.ts');
  const before = factor(result, orders, 'shared-transactions');
  assert.equal(before.value, 0);
  const withTransaction: AnalysisResult = {
    ...result,
    findings: [
      ...result.findings,
      { kind: 'shared-transaction', severity: 'warning', message: 'transaction writes orders and stock_levels', locations: [{ file: 'src/orders/place.ts', line: 6 }], evidence: [] },
    ],
  };
  const rescored = scoreCandidates(withTransaction);
  const ordersCluster = rescored.clusters.find((c) => c.id === orders);
  const transactions = ordersCluster?.score?.factors.find((f) => f.name === 'shared-transactions');
  assert.equal(transactions?.value, 1);
  assert.equal(transactions?.points, 7);
  assert.equal(ordersCluster?.score?.ease, (result.clusters.find((c) => c.id === orders)?.score?.ease ?? 0) - 7);
  assert.ok(rescored.plan.find((entry) => entry.cluster === orders)?.steps.some((step) => step.action === 'split-transaction' && step.description.includes('src/orders/place.ts:6')));
  assert.deepEqual(scoreCandidates(withTransaction), rescored);
});

test('score: after a what-if move, scoring again follows the new clusters', () => {
  const result = analyze({ root: createTempRepo(shopRepo()) });
  const orders = clusterOf(result, 'src/orders/place.ts');
  const stock = clusterOf(result, 'src/stock/reserve.ts');
  const moved: AnalysisResult = {
    ...result,
    modules: result.modules.map((m) => (m.id === 'src/stock/reserve.ts' ? { ...m, cluster: orders } : m)),
    clusters: result.clusters.map((c) =>
      c.id === orders ? { ...c, modules: [...c.modules, 'src/stock/reserve.ts'] } : c.id === stock ? { ...c, modules: c.modules.filter((m) => m !== 'src/stock/reserve.ts') } : c,
    ),
  };
  const rescored = scoreCandidates(moved);
  assert.equal(rescored.clusters.find((c) => c.id === orders)?.score?.factors.find((f) => f.name === 'outbound-imports')?.value, 1, 'reserve.ts now imports level.ts across the boundary');
  assert.equal(rescored.clusters.find((c) => c.id === stock)?.score?.factors.find((f) => f.name === 'api-surface')?.evidence[0]?.description, `src/stock/level.ts: level, used by ${orders}`);
});
