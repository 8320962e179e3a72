import { test } from 'node:test';
import assert from 'node:assert/strict';
import { findCrossDomainImports, findCycles, findFanOut, findSharedTransactions } from '../../src/find/find-coupling.js';
import type { Edge, EntryPoint, Transaction } from '../../src/model/result.js';
import type { ModuleId } from '../../src/model/facts.js';

const clusterOf = new Map<ModuleId, string>([
  ['orders/a.ts', 'orders'], ['orders/b.ts', 'orders'], ['billing/a.ts', 'billing'], ['stock/a.ts', 'stock'], ['lib/log.ts', 'shared'],
] as [ModuleId, string][]);
const domains = new Set(['orders', 'billing', 'stock']);
const edge = (from: string, to: string, kind: Edge['kind'] = 'import', line = 1): Edge => ({ from, to, kind, weight: 1, locations: [{ file: from, line }] });

test('cross-domain imports: one finding per direction between domains, type-only apart, shared kernel and same-cluster ignored', () => {
  const findings = findCrossDomainImports(
    [edge('orders/a.ts', 'billing/a.ts'), edge('orders/b.ts', 'billing/a.ts', 'import', 7), edge('orders/a.ts', 'stock/a.ts', 'type-import'), edge('orders/a.ts', 'lib/log.ts'), edge('orders/a.ts', 'orders/b.ts')],
    clusterOf,
    domains,
  );
  assert.deepEqual(findings.map((finding) => `${finding.kind} ${finding.severity} ${finding.locations.map((l) => `${l.file}:${l.line}`).join(',')}`), [
    'cross-domain-import warning orders/a.ts:1,orders/b.ts:7',
    'cross-domain-type-import info orders/a.ts:1',
  ]);
  assert.match(findings[0]?.message ?? '', /^orders imports billing 2 times/);
});

test('cycles: domains depending on each other at run time; type-only edges do not make a cycle', () => {
  assert.deepEqual(findCycles([edge('orders/a.ts', 'billing/a.ts'), edge('billing/a.ts', 'stock/a.ts'), edge('stock/a.ts', 'orders/b.ts')], clusterOf, domains).map((finding) => finding.message.split(' depend')[0]), [
    'Domains billing, orders, stock',
  ]);
  assert.deepEqual(findCycles([edge('orders/a.ts', 'billing/a.ts'), edge('billing/a.ts', 'orders/a.ts', 'type-import')], clusterOf, domains), []);
});

test('shared transactions: two or more domain owners; the shared kernel does not count', () => {
  const transaction = (clusters: string[]): Transaction => ({
    id: 'a.ts:1', location: { file: 'a.ts', line: 1 }, via: 'knex', style: 'callback', clusters,
    tables: clusters.map((cluster) => ({ table: `${cluster}_t`, mode: 'write' as const, cluster, path: [{ file: 'a.ts', line: 2 }] })),
  });
  assert.equal(findSharedTransactions([transaction(['orders', 'billing'])], domains).length, 1);
  assert.equal(findSharedTransactions([transaction(['orders', 'shared']), transaction(['orders'])], domains).length, 0);
});

test('fan-out: an entry point reaching three or more domains besides its own', () => {
  const entry = (clusters: string[]): EntryPoint => ({ id: 'orders/a.ts:1', kind: 'http', name: 'POST /checkout', framework: 'express', location: { file: 'orders/a.ts', line: 1 }, clusters, tables: [], outboundHttp: [] });
  const threeOthers = entry(['billing', 'orders', 'search', 'stock']);
  assert.deepEqual(findFanOut([threeOthers, entry(['orders', 'billing', 'stock'])], clusterOf).map((finding) => finding.message.split(' reaches ')[1]?.slice(0, 22)), ['3 other domains synchr']);
});

test('shared transactions: a migration spanning domains is not a finding', () => {
  const transaction: Transaction = {
    id: 'db/migrations/001.js:3', location: { file: 'db/migrations/001.js', line: 3 }, via: 'knex', style: 'callback', clusters: ['orders', 'billing'],
    tables: ['orders', 'billing'].map((cluster) => ({ table: `${cluster}_t`, mode: 'write' as const, cluster, path: [{ file: 'db/migrations/001.js', line: 4 }] })),
  };
  assert.deepEqual(findSharedTransactions([transaction], domains), []);
});
