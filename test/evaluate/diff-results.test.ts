import { test } from 'node:test';
import assert from 'node:assert/strict';
import { diffResults, matchClusters } from '../../src/evaluate/diff-results.js';
import type { AnalysisResult, Cluster } from '../../src/model/result.js';

function run(clusters: Record<string, { modules: string[]; tables?: string[] }>, findings: string[] = []): AnalysisResult {
  const list: Cluster[] = Object.entries(clusters).map(([id, c]) => ({ id, name: id, kind: id === 'shared' ? 'shared' : 'domain', modules: c.modules, tables: c.tables ?? [], coupling: [] }));
  return {
    schemaVersion: 1,
    tool: { name: 'seams', version: '0' },
    root: '.',
    options: { resolution: 1, seed: 42, include: [], exclude: [] },
    stats: { files: 0, skippedFiles: 0, tables: { total: 0, accesses: 0, declared: 0, untouched: 0 }, types: { files: 0, questions: 0, answered: 0 }, imports: { internal: 0, external: 0, builtin: 0, excluded: 0, unresolved: 0 } },
    modules: list.flatMap((c) => c.modules.map((id) => ({ id, cluster: c.id, loc: 1 }))),
    tables: list.flatMap((c) => c.tables.map((id) => ({ id, cluster: c.id, declared: true, writers: [], readers: [] }))),
    edges: [],
    clusters: list,
    transactions: [],
    entryPoints: [],
    events: [],
    findings: findings.map((message) => ({ kind: 'shared-table', severity: 'warning', message, locations: [], evidence: [] })),
    diagnostics: [],
  };
}

test('diff: a renamed cluster is matched by its members; moved modules and tables, new and gone clusters and findings are listed', () => {
  const before = run({ orders: { modules: ['a', 'b', 'c'], tables: ['orders'] }, stock: { modules: ['d', 'e'] }, legacy: { modules: ['z'] } }, ['old finding', 'kept']);
  const after = run({ checkout: { modules: ['a', 'b'], tables: ['orders'] }, stock: { modules: ['c', 'd', 'e'] }, mail: { modules: ['m1', 'm2'] } }, ['kept', 'new finding']);
  const diff = diffResults(before, after);
  assert.deepEqual(diff.clusters.matched, [
    { old: 'orders', new: 'checkout', jaccard: 0.75 },
    { old: 'stock', new: 'stock', jaccard: 0.667 },
  ]);
  assert.deepEqual(diff.clusters.added, ['mail']);
  assert.deepEqual(diff.clusters.removed, ['legacy']);
  assert.deepEqual(diff.modules.moved, [{ id: 'c', from: 'orders', to: 'stock' }]);
  assert.deepEqual(diff.modules.added, ['m1', 'm2']);
  assert.deepEqual(diff.modules.removed, ['z']);
  assert.deepEqual(diff.tables.moved, []);
  assert.deepEqual(diff.findings.added.map((f) => f.message), ['new finding']);
  assert.deepEqual(diff.findings.removed.map((f) => f.message), ['old finding']);
});

test('diff: identical runs match every cluster to itself and nothing moves', () => {
  const before = run({ a: { modules: ['1', '2'] }, b: { modules: ['3'] } });
  assert.deepEqual(matchClusters(before, before).map((m) => [m.old, m.new, m.jaccard]), [['a', 'a', 1], ['b', 'b', 1]]);
  const diff = diffResults(before, before);
  assert.deepEqual([diff.modules.moved, diff.findings.added, diff.findings.removed], [[], [], []]);
});
