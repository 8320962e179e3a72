import { extractTableAccesses, loadSqlParser } from '../analyzers/sql/sql-parse.js';
import { createRandom } from '../src/cluster/cluster-graph.js';

const TABLES = ['users', 'orders', 'order_items', 'payments', 'stock_levels', 'products', 'categories', 'sessions', 'billing.invoices', '"Audit"'];

/** Deterministic ORM-like statements: selects with joins, inserts with ON CONFLICT, updates with FROM, deletes with USING, CTEs. */
export function generateStatements(count: number, seed = 1): string[] {
  const random = createRandom(seed);
  const pick = () => TABLES[Math.floor(random() * TABLES.length)] ?? 'users';
  const shapes = [
    () => `SELECT a.id, b.name FROM ${pick()} a JOIN ${pick()} b ON b.id = a.ref_id WHERE a.created_at > $1 ORDER BY a.id LIMIT 50`,
    () => `INSERT INTO ${pick()} (id, name, qty) VALUES ($1, $2, $3) ON CONFLICT (id) DO UPDATE SET qty = EXCLUDED.qty RETURNING id`,
    () => `UPDATE ${pick()} t SET status = $1 FROM ${pick()} s WHERE s.id = t.ref_id AND s.kind = $2`,
    () => `DELETE FROM ${pick()} t USING ${pick()} u WHERE u.id = t.user_id AND u.deleted`,
    () => `WITH recent AS (SELECT id FROM ${pick()} WHERE created_at > now() - interval '1 day') SELECT count(*) FROM ${pick()} x WHERE x.id IN (SELECT id FROM recent)`,
    () => `SELECT id, sum(total) OVER (PARTITION BY user_id ORDER BY id) FROM ${pick()} WHERE user_id = ANY($1::int[])`,
  ];
  return Array.from({ length: count }, () => (shapes[Math.floor(random() * shapes.length)] ?? shapes[0])?.() ?? '');
}

/** Statements per second of `extractTableAccesses` (parse + table extraction), median of `runs` passes. */
export async function measureSqlThroughput(count = 3000, runs = 3): Promise<{ statements: number; perSecond: number[]; median: number }> {
  await loadSqlParser();
  const statements = generateStatements(count);
  for (const statement of statements.slice(0, 200)) extractTableAccesses(statement); // warm-up
  const perSecond: number[] = [];
  for (let run = 0; run < runs; run += 1) {
    const started = performance.now();
    for (const statement of statements) extractTableAccesses(statement);
    perSecond.push(Math.round(statements.length / ((performance.now() - started) / 1000)));
  }
  const sorted = [...perSecond].sort((a, b) => a - b);
  return { statements: count, perSecond, median: sorted[Math.floor(sorted.length / 2)] ?? 0 };
}
