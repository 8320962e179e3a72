import { test } from 'node:test';
import assert from 'node:assert/strict';
import { evaluateResult } from '../../src/evaluate/evaluate-result.js';
import { chooseFolderDepth, toFolderAtDepth } from '../../src/score/folder-partition.js';
import type { AnalysisResult } from '../../src/model/result.js';

function result(modules: Record<string, string>, tables: Record<string, string> = {}, edges: AnalysisResult['edges'] = []): Pick<AnalysisResult, 'modules' | 'tables' | 'edges'> {
  return {
    modules: Object.entries(modules).map(([id, cluster]) => ({ id, cluster, loc: 1 })),
    tables: Object.entries(tables).map(([id, cluster]) => ({ id, cluster, declared: true, writers: [], readers: [] })),
    edges,
  };
}

test('folders: cut at a depth; the depth with the nearest cluster count wins (ties: shallower)', () => {
  assert.equal(toFolderAtDepth('src/a/b/c.ts', 2), 'src/a');
  assert.equal(toFolderAtDepth('c.ts', 2), '.');
  const paths = ['src/a/x/1.ts', 'src/a/y/2.ts', 'src/b/z/3.ts', 'src/b/z/4.ts'];
  assert.equal(chooseFolderDepth(paths, 1), 1);
  assert.equal(chooseFolderDepth(paths, 2), 2);
  assert.equal(chooseFolderDepth(paths, 3), 3);
});

test('evaluate: perfect clusters score 1 and beat every baseline; missing items are listed, not scored', () => {
  const truth = { modules: { 'src/x/a.ts': 'one', 'src/y/b.ts': 'one', 'src/x/c.ts': 'two', 'src/y/d.ts': 'two', 'src/z/gone.ts': 'two' }, tables: { t1: 'one', t2: 'two' } };
  const evaluation = evaluateResult(
    result({ 'src/x/a.ts': 'p', 'src/y/b.ts': 'p', 'src/x/c.ts': 'q', 'src/y/d.ts': 'q', 'src/other.ts': 'q' }, { t1: 'p', t2: 'q' }, [
      { from: 'src/x/a.ts', to: 't1', kind: 'writes', weight: 1, locations: [] },
      { from: 'src/x/c.ts', to: 't2', kind: 'writes', weight: 1, locations: [] },
    ]),
    truth,
  );
  assert.equal(evaluation.modules.items, 4);
  assert.deepEqual(evaluation.modules.missing, ['src/z/gone.ts']);
  assert.equal(evaluation.modules.seams.ari, 1);
  assert.equal(evaluation.modules.seams.ami, 1);
  assert.equal(evaluation.modules.seams.mojoFm, 100);
  assert.ok(evaluation.modules.folders.ari < 1, 'folders cross the true domains');
  assert.ok(Math.abs(evaluation.modules.random.ari) < 0.6);
  assert.equal(evaluation.tables.seams.ari, 1);
  // Both tables are written from src/x: the folder baseline puts them together.
  assert.equal(evaluation.tables.folders.clusters, 1);
});

test('evaluate: the random baseline is deterministic', () => {
  const truth = { modules: Object.fromEntries(Array.from({ length: 30 }, (_, index) => [`m${index}.ts`, `d${index % 3}`])), tables: {} };
  const predicted = result(Object.fromEntries(Array.from({ length: 30 }, (_, index) => [`m${index}.ts`, `c${index % 5}`])));
  assert.deepEqual(evaluateResult(predicted, truth).modules.random, evaluateResult(predicted, truth).modules.random);
});
