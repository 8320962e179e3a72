import { test } from 'node:test';
import assert from 'node:assert/strict';
import { applyMoves, type Move } from '../../src/whatif/apply-moves.js';
import { analysisResultSchema, type AnalysisResult } from '../../src/model/result.js';
import { fixturesWithTruth } from '../helpers.js';
import { loadGolden } from './golden-result.js';
import { createSyntheticResult } from './synthetic-result.js';


for (const fixture of fixturesWithTruth()) {
  test(`applyMoves: with no moves, ${fixture} recomputes to exactly what the analysis produced`, () => {
    const result = loadGolden(fixture);
    assert.deepEqual(applyMoves(result, []), result);
  });

  test(`applyMoves: ${fixture}: a module moved away and back again gives the original result`, () => {
    const result = loadGolden(fixture);
    const module = result.modules.find((m) => result.edges.some((e) => e.from === m.id && (e.kind === 'writes' || e.kind === 'import')));
    assert.ok(module);
    const other = result.clusters.find((c) => c.id !== module.cluster && c.kind === 'domain');
    assert.ok(other);
    const away = applyMoves(result, [{ kind: 'module', module: module.id, to: other.id }]);
    assert.notDeepEqual(away.clusters, result.clusters);
    const back = applyMoves(result, [
      { kind: 'module', module: module.id, to: other.id },
      { kind: 'module', module: module.id, to: module.cluster },
    ]);
    assert.deepEqual(back, result);
  });
}

const base = createSyntheticResult({
  modules: { 'src/a/one.ts': 'a', 'src/a/two.ts': 'a', 'src/b/one.ts': 'b', 'src/b/sub/two.ts': 'b', 'src/lib/util.ts': 'shared' },
  tables: { orders: 'a', users: 'b', audit: 'shared' },
  declared: ['audit'],
  shared: ['shared'],
  edges: [
    ['src/a/one.ts', 'src/b/one.ts', 'import', 3],
    ['src/a/two.ts', 'src/b/one.ts', 'import', 4],
    ['src/b/one.ts', 'src/lib/util.ts', 'import', 2],
    ['src/a/one.ts', 'orders', 'writes', 10],
    ['src/b/sub/two.ts', 'orders', 'reads', 7],
    ['src/b/one.ts', 'users', 'writes', 5],
    ['src/b/sub/two.ts', 'users', 'writes', 8],
  ],
});

interface Case {
  name: string;
  moves: Move[];
  clusters: Record<string, { modules: string[]; tables: string[] }>;
  coupling: Record<string, string[]>;
  orders: { cluster: string; writers: string[]; readers: string[] };
  findings: string[];
}

const cases: Case[] = [
  {
    name: 'no moves',
    moves: [],
    clusters: {
      a: { modules: ['src/a/one.ts', 'src/a/two.ts'], tables: ['orders'] },
      b: { modules: ['src/b/one.ts', 'src/b/sub/two.ts'], tables: ['users'] },
      shared: { modules: ['src/lib/util.ts'], tables: ['audit'] },
    },
    coupling: { a: ['b out 2 in 0'], b: ['a out 0 in 2', 'shared out 1 in 0'], shared: ['b out 0 in 1'] },
    orders: { cluster: 'a', writers: ['a'], readers: ['b'] },
    findings: ['cross-domain-import a imports b', 'shared-table-read orders', 'untouched-table audit'],
  },
  {
    name: 'the module that writes orders moves to b: one writer that is not the owner, no finding (as in the analysis)',
    moves: [{ kind: 'module', module: 'src/a/one.ts', to: 'b' }],
    clusters: {
      a: { modules: ['src/a/two.ts'], tables: ['orders'] },
      b: { modules: ['src/a/one.ts', 'src/b/one.ts', 'src/b/sub/two.ts'], tables: ['users'] },
      shared: { modules: ['src/lib/util.ts'], tables: ['audit'] },
    },
    coupling: { a: ['b out 1 in 0'], b: ['a out 0 in 1', 'shared out 1 in 0'], shared: ['b out 0 in 1'] },
    orders: { cluster: 'a', writers: ['b'], readers: ['b'] },
    findings: ['cross-domain-import a imports b', 'untouched-table audit'],
  },
  {
    name: 'the table follows: orders moved to b as well, no finding left on it',
    moves: [{ kind: 'module', module: 'src/a/one.ts', to: 'b' }, { kind: 'table', table: 'orders', to: 'b' }],
    clusters: {
      a: { modules: ['src/a/two.ts'], tables: [] },
      b: { modules: ['src/a/one.ts', 'src/b/one.ts', 'src/b/sub/two.ts'], tables: ['orders', 'users'] },
      shared: { modules: ['src/lib/util.ts'], tables: ['audit'] },
    },
    coupling: { a: ['b out 1 in 0'], b: ['a out 0 in 1', 'shared out 1 in 0'], shared: ['b out 0 in 1'] },
    orders: { cluster: 'b', writers: ['b'], readers: ['b'] },
    findings: ['cross-domain-import a imports b', 'untouched-table audit'],
  },
  {
    name: 'a folder to a new candidate: b/sub leaves b, so users has two writers and orders a foreign reader',
    moves: [{ kind: 'folder', folder: 'src/b/sub/', to: 'reporting' }],
    clusters: {
      a: { modules: ['src/a/one.ts', 'src/a/two.ts'], tables: ['orders'] },
      b: { modules: ['src/b/one.ts'], tables: ['users'] },
      reporting: { modules: ['src/b/sub/two.ts'], tables: [] },
      shared: { modules: ['src/lib/util.ts'], tables: ['audit'] },
    },
    coupling: { a: ['b out 2 in 0'], b: ['a out 0 in 2', 'shared out 1 in 0'], shared: ['b out 0 in 1'] },
    orders: { cluster: 'a', writers: ['a'], readers: ['reporting'] },
    findings: ['cross-domain-import a imports b', 'shared-table-read orders', 'shared-table users', 'untouched-table audit'],
  },
  {
    name: 'folder src/b to a: every access is inside a; b keeps its table, so it stays',
    moves: [{ kind: 'folder', folder: 'src/b', to: 'a' }],
    clusters: {
      a: { modules: ['src/a/one.ts', 'src/a/two.ts', 'src/b/one.ts', 'src/b/sub/two.ts'], tables: ['orders'] },
      b: { modules: [], tables: ['users'] },
      shared: { modules: ['src/lib/util.ts'], tables: ['audit'] },
    },
    coupling: { a: ['shared out 1 in 0'], shared: ['a out 0 in 1'] },
    orders: { cluster: 'a', writers: ['a'], readers: ['a'] },
    findings: ['untouched-table audit'],
  },
  {
    name: 'a module that writes users moves to a: users has two writers (shared-table)',
    moves: [{ kind: 'module', module: 'src/b/sub/two.ts', to: 'a' }],
    clusters: {
      a: { modules: ['src/a/one.ts', 'src/a/two.ts', 'src/b/sub/two.ts'], tables: ['orders'] },
      b: { modules: ['src/b/one.ts'], tables: ['users'] },
      shared: { modules: ['src/lib/util.ts'], tables: ['audit'] },
    },
    coupling: { a: ['b out 2 in 0'], b: ['a out 0 in 2', 'shared out 1 in 0'], shared: ['b out 0 in 1'] },
    orders: { cluster: 'a', writers: ['a'], readers: ['a'] },
    findings: ['cross-domain-import a imports b', 'shared-table users', 'untouched-table audit'],
  },
];

const summary = (result: AnalysisResult) => ({
  clusters: Object.fromEntries(result.clusters.map((c) => [c.id, { modules: c.modules, tables: c.tables }])),
  coupling: Object.fromEntries(result.clusters.filter((c) => c.coupling.length > 0).map((c) => [c.id, c.coupling.map((k) => `${k.cluster} out ${k.outgoing} in ${k.incoming}`)])),
  orders: (({ cluster, writers, readers }) => ({ cluster, writers, readers }))(result.tables.find((t) => t.id === 'orders') ?? { cluster: '', writers: [], readers: [] }),
  findings: result.findings.map((f) => `${f.kind} ${/"([^"]+)"/.exec(f.message)?.[1] ?? f.message.split(' ').slice(0, 3).join(' ')}`),
});

for (const testCase of cases) {
  test(`applyMoves: ${testCase.name}`, () => {
    const moved = applyMoves(base, testCase.moves);
    const { clusters, coupling, orders, findings } = testCase;
    assert.deepEqual(summary(moved), { clusters, coupling, orders, findings });
    assert.equal(analysisResultSchema.safeParse(moved).success, true);
    for (const module of moved.modules) assert.ok(moved.clusters.find((c) => c.id === module.cluster)?.modules.includes(module.id));
  });
}

test('applyMoves: the input is not changed', () => {
  const before = JSON.stringify(base);
  applyMoves(base, [{ kind: 'folder', folder: 'src/b', to: 'a' }, { kind: 'table', table: 'users', to: 'a' }]);
  assert.equal(JSON.stringify(base), before);
});

test('applyMoves: an emptied candidate disappears, a new one is a domain named as typed', () => {
  const moved = applyMoves(base, [{ kind: 'folder', folder: 'src/a', to: 'Checkout' }, { kind: 'table', table: 'orders', to: 'Checkout' }]);
  assert.deepEqual(moved.clusters.map((c) => `${c.id}:${c.kind}`), ['Checkout:domain', 'b:domain', 'shared:shared']);
});

test('applyMoves: scores of changed candidates are dropped without rescore, kept when nothing changed, and rescore is the one hook', () => {
  const settledBase = applyMoves(base, []);
  const scored: AnalysisResult = {
    ...settledBase,
    clusters: settledBase.clusters.map((c) => ({ ...c, score: { ease: 50, factors: [] } })),
  };
  const settled = applyMoves(scored, []);
  assert.deepEqual(settled, scored);
  const moved = applyMoves(settled, [{ kind: 'folder', folder: 'src/b/sub', to: 'reporting' }]);
  assert.deepEqual(moved.clusters.map((c) => `${c.id}:${c.score?.ease ?? '-'}`), ['a:50', 'b:-', 'reporting:-', 'shared:50']);
  let calls = 0;
  const rescored = applyMoves(settled, [{ kind: 'folder', folder: 'src/b/sub', to: 'reporting' }], {
    rescore: (result) => {
      calls += 1;
      return { ...result, clusters: result.clusters.map((c) => ({ ...c, score: { ease: c.modules.length, factors: [] } })) };
    },
  });
  assert.equal(calls, 1);
  assert.deepEqual(rescored.clusters.map((c) => c.score?.ease), [2, 1, 1, 1]);
});

const invalid: { move: Move; message: RegExp }[] = [
  { move: { kind: 'module', module: 'src/nope.ts', to: 'a' }, message: /no such module/ },
  { move: { kind: 'folder', folder: 'src/nope', to: 'a' }, message: /no module of the result is under it/ },
  { move: { kind: 'folder', folder: 'src/a/one', to: 'a' }, message: /no module of the result is under it/ },
  { move: { kind: 'table', table: 'nope', to: 'a' }, message: /no such table/ },
  { move: { kind: 'module', module: 'src/a/one.ts', to: ' ' }, message: /needs a target/ },
];
for (const { move, message } of invalid) {
  test(`applyMoves: refuses ${JSON.stringify(move)}`, () => {
    assert.throws(() => applyMoves(base, [move]), message);
  });
}
