import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { clusterWithCache, toClusteringKey } from '../../src/cache/clustering-cache.js';
import { CACHE_DIRECTORY } from '../../src/cache/facts-cache.js';
import { clusterGraph, type ClusterOptions } from '../../src/cluster/cluster-graph.js';
import type { ModuleGraph } from '../../src/graph/build-graph.js';
import { toModuleId } from '../../src/model/facts.js';
import { analyze } from '../../src/pipeline/analyze.js';
import { createTempRepo, fixturePath } from '../helpers.js';

function toGraph(): ModuleGraph {
  const ids = ['a/x.ts', 'a/y.ts', 'a/z.ts', 'b/x.ts', 'b/y.ts', 'b/z.ts'].map(toModuleId);
  const edge = (from: number, to: number, line = 1) => ({ from: ids[from] as string, to: ids[to] as string, kind: 'import' as const, weight: 1, locations: [{ file: ids[from] as string, line }] });
  return {
    modules: ids.map((id) => ({ id, loc: 10 })),
    tables: [],
    edges: [edge(0, 1), edge(1, 2), edge(2, 0), edge(3, 4), edge(4, 5), edge(5, 3), edge(2, 3)],
    barrels: new Set(),
    importStats: { internal: 7, external: 0, builtin: 0, excluded: 0, unresolved: 0 },
    diagnostics: [],
  };
}

const OPTIONS: ClusterOptions = { resolution: 1, seed: 42, runs: 5 };

test('clustering cache: the same graph and options are read back, identical; an edge, an option or a corrupt file recomputes', () => {
  const root = createTempRepo({});
  let computed = 0;
  const run = (graph: ModuleGraph, options = OPTIONS) =>
    clusterWithCache(root, graph, options, '1.0.0', () => {
      computed += 1;
      return clusterGraph(graph, options);
    });
  const cold = run(toGraph());
  assert.equal(cold.hit, false);
  const warm = run(toGraph());
  assert.equal(warm.hit, true);
  assert.equal(computed, 1);
  assert.deepEqual(warm.clustering, cold.clustering, 'clusters, lookups and resolution as computed');

  const moved = toGraph();
  for (const edge of moved.edges) for (const location of edge.locations) location.line += 5;
  moved.modules = moved.modules.map((module) => ({ ...module, loc: module.loc + 1 }));
  assert.equal(run(moved).hit, true, 'lines and sizes are not read by clustering: a comment or a body edit keeps the key');

  const rewired = toGraph();
  rewired.edges.pop();
  assert.equal(run(rewired).hit, false, 'an edge less is another graph');
  assert.equal(run({ ...toGraph() }, { ...OPTIONS, seed: 7 }).hit, false, 'another seed');
  assert.equal(computed, 3);

  fs.writeFileSync(path.join(root, CACHE_DIRECTORY, 'clustering.json'), '{"format":1,');
  assert.equal(run(toGraph()).hit, false, 'corrupt: recomputed');
  assert.equal(run(toGraph()).hit, true, 'and rewritten');
  assert.equal(run(toGraph(), { ...OPTIONS, owners: new Map() }).hit, false, 'history ownership is not hashed, so never read back');
  assert.notEqual(toClusteringKey(toGraph(), OPTIONS, '1.0.0'), toClusteringKey(toGraph(), OPTIONS, '1.0.1'), 'another seams version');
});

test('clustering cache: analyze --cache is byte-identical to a run without it, cold, warm and after an edit', () => {
  const root = createTempRepo({});
  fs.cpSync(fixturePath('ecommerce'), root, { recursive: true });
  const plain = JSON.stringify(analyze({ root }));
  assert.equal(JSON.stringify(analyze({ root, cache: true })), plain);
  assert.ok(fs.existsSync(path.join(root, CACHE_DIRECTORY, 'clustering.json')));
  assert.equal(JSON.stringify(analyze({ root, cache: true })), plain);
  const file = path.join(root, 'src/billing/currency.ts');
  assert.ok(fs.existsSync(file), 'the fixture file to edit');
  fs.appendFileSync(file, '\n// edited\n');
  assert.equal(JSON.stringify(analyze({ root, cache: true })), JSON.stringify(analyze({ root })));
});
