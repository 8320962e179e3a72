import { test } from 'node:test';
import assert from 'node:assert/strict';
import { analyze } from '../../src/pipeline/analyze.js';
import type { AnalysisResult } from '../../src/model/result.js';
import { createTempRepo } from '../helpers.js';

function tableEdges(result: AnalysisResult): string[] {
  return result.edges
    .filter((edge) => ['reads', 'writes', 'ddl', 'fk'].includes(edge.kind))
    .map((edge) => `${edge.from} ${edge.kind} ${edge.to} @${edge.locations.map((l) => `${l.file}:${l.line}`).join(',')} ${edge.via?.join('+')} ${edge.confidence}`);
}

test('link: SQL constants imported directly, through a barrel and a namespace import expand to their tables', () => {
  const result = analyze({
    root: createTempRepo({
      'src/db/queries.ts': "export const INSERT_ORDER = 'INSERT INTO orders (id) VALUES ($1)';\nexport const Q = { list: `SELECT * FROM orders JOIN customers ON true` };",
      'src/db/index.ts': "export * from './queries';",
      'src/a.ts': "import { INSERT_ORDER } from './db/queries';\npool.query(INSERT_ORDER);",
      'src/b.ts': "import { Q } from './db';\n\npool.query(Q.list);",
      'src/c.ts': "import * as queries from './db/queries';\npool.query(queries.INSERT_ORDER);",
    }),
  });
  assert.deepEqual(tableEdges(result), [
    'src/a.ts writes orders @src/a.ts:2 raw-sql 0.9',
    'src/b.ts reads customers @src/b.ts:3 raw-sql 0.9',
    'src/b.ts reads orders @src/b.ts:3 raw-sql 0.9',
    'src/c.ts writes orders @src/c.ts:2 raw-sql 0.9',
  ]);
});

test('link: a symbol found nowhere is a diagnostic with file and line', () => {
  const result = analyze({
    root: createTempRepo({ 'src/a.ts': "import { MISSING } from './q';\npool.query(MISSING);", 'src/q.ts': 'export const other = 1;' }),
  });
  assert.deepEqual(result.diagnostics.map((d) => [d.code, d.file, d.line]), [['table-unresolved', 'src/a.ts', 2]]);
});

test('link: SQL schema files give declared tables and foreign keys; untouched tables are findings', () => {
  const result = analyze({
    root: createTempRepo({
      'migrations/001.sql': 'CREATE TABLE users (id int primary key);\nCREATE TABLE orders (id int, user_id int REFERENCES users(id));\nCREATE TABLE audit (id int);',
      'src/a.ts': "pool.query('SELECT * FROM orders WHERE id = $1');\npool.query('INSERT INTO users (id) VALUES (1)');",
    }),
  });
  assert.deepEqual(
    result.tables.map((t) => [t.id, t.declared, t.writers, t.readers]),
    [['audit', true, [], []], ['orders', true, [], ['orders']], ['users', true, ['orders'], []]],
  );
  assert.ok(tableEdges(result).includes('orders fk users @migrations/001.sql:2 schema 1'));
  assert.deepEqual(result.findings.map((f) => [f.kind, f.message.split('"')[1]]), [['untouched-table', 'audit']]);
  assert.deepEqual(result.stats.tables, { total: 3, accesses: 2, declared: 3, untouched: 1 });
});

test('link: a table written by two clusters is a shared-table finding with evidence per cluster', () => {
  const files: Record<string, string> = {};
  for (const domain of ['billing', 'shipping']) {
    for (let index = 0; index < 4; index += 1) {
      files[`src/${domain}/${domain}${index}.ts`] = `import { x } from './${domain}${(index + 1) % 4}';\nexport const y = x;\npool.query('UPDATE ${domain}_items SET a = 1');`;
    }
  }
  files['src/billing/billing0.ts'] += "\npool.query('UPDATE shipping_items SET paid = true');";
  const result = analyze({ root: createTempRepo(files) });
  const finding = result.findings.find((f) => f.kind === 'shared-table');
  assert.ok(finding, JSON.stringify(result.findings));
  assert.match(finding.message, /Table "shipping_items" is written by 2 clusters \(billing, shipping\); owner: shipping/);
  assert.deepEqual(finding.evidence.map((e) => [e.description, e.locations.length]), [['billing writes shipping_items', 1], ['shipping writes shipping_items', 4]]);
});

test('link: a class imported from an installed package is no table, and no diagnostic', () => {
  const result = analyze({
    root: createTempRepo({ 'src/a.ts': "import { TextSelection } from 'prosemirror-state';\nexport const s = TextSelection.create(doc, 1);" }),
  });
  assert.deepEqual(result.diagnostics, []);
  assert.deepEqual(result.tables, []);
});
