import { test } from 'node:test';
import assert from 'node:assert/strict';
import { measurePartition } from '../../src/score/partition-metrics.js';
import type { AnalysisResult } from '../../src/model/result.js';

/** a→b, b→a (2 statements), c→d, b→c: two pairs of modules joined by one import. */
const graph: Pick<AnalysisResult, 'modules' | 'edges'> = {
  modules: ['a', 'b', 'c', 'd'].map((id) => ({ id, cluster: '', loc: 1 })),
  edges: [
    { from: 'a', to: 'b', kind: 'import', weight: 1, locations: [] },
    { from: 'b', to: 'a', kind: 'import', weight: 2, locations: [] },
    { from: 'c', to: 'd', kind: 'import', weight: 1, locations: [] },
    { from: 'b', to: 'c', kind: 'import', weight: 1, locations: [] },
  ],
};

test('metrics: two natural clusters (hand-computed values)', () => {
  const metrics = measurePartition(graph, new Map([['a', 'x'], ['b', 'x'], ['c', 'y'], ['d', 'y']]));
  // Undirected weights: ab 3, cd 1, bc 1 (m = 5). Q = (3/5 - (7/10)^2) + (1/5 - (3/10)^2) = 0.11 + 0.11.
  assert.equal(metrics.modularity, 0.22);
  // SM = mean(1/4, 1/4) - 1/(2·2) = 0.
  assert.equal(metrics.structuralModularity, 0);
  // ICP: f = ln w + 1 → a→b 1, b→a ln2+1, c→d 1, b→c 1; crossing only b→c.
  assert.equal(metrics.interCallPercentage, Math.round((1 / (4 + Math.log(2))) * 10000) / 10000);
  // IFN: only c is imported from outside its cluster; two clusters.
  assert.equal(metrics.interfaceNumber, 0.5);
  assert.equal(metrics.nonExtremeDistribution, 1);
  assert.deepEqual(metrics.sizes, { min: 2, median: 2, max: 2 });
});

test('metrics: one cluster has Q 0, no crossing and no interface', () => {
  const metrics = measurePartition(graph, new Map(['a', 'b', 'c', 'd'].map((id) => [id, 'all'])));
  assert.deepEqual([metrics.clusters, metrics.modularity, metrics.interCallPercentage, metrics.interfaceNumber], [1, 0, 0, 0]);
  assert.equal(metrics.structuralModularity, 3 / 16);
});

test('metrics: the result carries seams, single-cluster and folder metrics', async () => {
  const { analyze } = await import('../../src/pipeline/analyze.js');
  const { fixturePath } = await import('../helpers.js');
  const result = analyze({ root: fixturePath('ecommerce') });
  assert.ok(result.metrics);
  assert.equal(result.metrics.singleCluster.clusters, 1);
  assert.ok(result.metrics.seams.modularity > result.metrics.folders.modularity, 'seams clusters are more modular than folders on the fixture');
  assert.ok(result.metrics.seams.interCallPercentage < result.metrics.folders.interCallPercentage);
});
