import { test } from 'node:test';
import assert from 'node:assert/strict';
import { UndirectedGraph } from 'graphology';
import { findConsensus, measureStability } from '../../src/cluster/consensus.js';

/** Two cliques of five joined by one weak edge. */
function twoCliques(): UndirectedGraph {
  const graph = new UndirectedGraph();
  for (const side of ['a', 'b']) {
    for (let i = 0; i < 5; i += 1) graph.addNode(`${side}${i}`);
    for (let i = 0; i < 5; i += 1) for (let j = i + 1; j < 5; j += 1) graph.addEdge(`${side}${i}`, `${side}${j}`, { weight: 1 });
  }
  graph.addEdge('a0', 'b0', { weight: 0.1 });
  return graph;
}

test('consensus: two cliques come out as two communities, the same for the same seed', () => {
  const first = findConsensus(twoCliques(), { resolution: 1, seed: 3, runs: 8 });
  const second = findConsensus(twoCliques(), { resolution: 1, seed: 3, runs: 8 });
  assert.deepEqual([...first.communities], [...second.communities]);
  assert.equal(first.runs.length, 8);
  assert.equal(first.communities.get('a1'), first.communities.get('a4'));
  assert.notEqual(first.communities.get('a1'), first.communities.get('b1'));
});

const stabilityCases: { name: string; members: string[]; runs: Record<string, number>[]; expected: number }[] = [
  { name: 'always together', members: ['x', 'y', 'z'], runs: [{ x: 0, y: 0, z: 0 }, { x: 1, y: 1, z: 1 }], expected: 1 },
  { name: 'split in one run of two', members: ['x', 'y'], runs: [{ x: 0, y: 0 }, { x: 0, y: 1 }], expected: 0.5 },
  { name: 'one of three pairs together', members: ['x', 'y', 'z'], runs: [{ x: 0, y: 0, z: 1 }], expected: 1 / 3 },
  { name: 'a single member', members: ['x'], runs: [{ x: 0 }], expected: 1 },
  { name: 'members the runs never placed', members: ['p', 'q'], runs: [{ x: 0 }], expected: 1 },
];
for (const { name, members, runs, expected } of stabilityCases) {
  test(`stability: ${name}`, () => {
    const value = measureStability(members, runs.map((run) => new Map(Object.entries(run))));
    assert.ok(Math.abs(value - expected) < 1e-9, `${value} !== ${expected}`);
  });
}
