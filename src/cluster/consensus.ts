import { UndirectedGraph } from 'graphology';
import louvainModule from 'graphology-communities-louvain';
import type { LouvainOptions } from 'graphology-communities-louvain';

// The package is CommonJS (`module.exports = louvain`) while its types declare a default export.
type Louvain = (graph: UndirectedGraph, options?: LouvainOptions) => Record<string, number>;
const louvain = ((louvainModule as unknown as { default?: Louvain }).default ?? louvainModule) as unknown as Louvain;

/** Mulberry32: a small, fast seeded generator, so clustering is deterministic. */
export function createRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** One seeded Louvain run: node key → community number. */
export function runLouvain(weighted: UndirectedGraph, resolution: number, seed: number): Map<string, number> {
  if (weighted.size === 0) return new Map(weighted.nodes().map((node, index) => [node, index]));
  const communities = louvain(weighted, { getEdgeWeight: 'weight', resolution, rng: createRandom(seed) });
  return new Map(Object.entries(communities));
}

/** How consensus clustering is done. */
export interface ConsensusOptions {
  resolution: number;
  /** The first seed; run r uses seed + r. */
  seed: number;
  /** Seeded runs (1 = plain Louvain). */
  runs: number;
}

/** A consensus partition and the runs it was built from (for stability). */
export interface Consensus {
  communities: Map<string, number>;
  runs: Map<string, number>[];
}

/** Co-assignment below this share of runs is dropped from the consensus graph. */
const CONSENSUS_THRESHOLD = 0.5;
/** Rounds of consensus before the last partition is taken as it is. */
const MAXIMUM_ROUNDS = 4;

/**
 * Consensus clustering (Lancichinetti & Fortunato 2012): run seeded Louvain `runs` times, weigh
 * each edge by the share of runs that put its ends together (dropping those below one half), and
 * repeat on that consensus graph until the runs agree on every edge; the agreed partition is the
 * connected components of the unanimous edges. Only edges of the input graph are weighed, so it
 * stays linear in the edges. Deterministic for a given seed.
 */
export function findConsensus(weighted: UndirectedGraph, options: ConsensusOptions): Consensus {
  const runCount = Math.max(1, Math.floor(options.runs));
  const seeds = Array.from({ length: runCount }, (_, index) => options.seed + index);
  const firstRuns = seeds.map((seed) => runLouvain(weighted, options.resolution, seed));
  if (runCount === 1) return { communities: firstRuns[0] as Map<string, number>, runs: firstRuns };
  let current = weighted;
  let runs = firstRuns;
  for (let round = 0; round < MAXIMUM_ROUNDS; round += 1) {
    const consensus = new UndirectedGraph({ allowSelfLoops: false });
    for (const node of current.nodes()) consensus.addNode(node);
    let unanimous = true;
    current.forEachEdge((_edge, _attributes, source, target) => {
      let together = 0;
      for (const run of runs) if (run.get(source) === run.get(target)) together += 1;
      const share = together / runs.length;
      if (share > 0 && share < 1) unanimous = false;
      if (share >= CONSENSUS_THRESHOLD) consensus.addEdge(source, target, { weight: share });
    });
    if (unanimous) return { communities: toComponents(consensus), runs: firstRuns };
    current = consensus;
    runs = seeds.map((seed) => runLouvain(current, options.resolution, seed));
  }
  return { communities: runLouvain(current, options.resolution, options.seed), runs: firstRuns };
}

/** Connected components, numbered in node order. */
function toComponents(graph: UndirectedGraph): Map<string, number> {
  const component = new Map<string, number>();
  let next = 0;
  for (const start of graph.nodes()) {
    if (component.has(start)) continue;
    const stack = [start];
    component.set(start, next);
    while (stack.length > 0) {
      const node = stack.pop() as string;
      graph.forEachNeighbor(node, (neighbour) => {
        if (component.has(neighbour)) return;
        component.set(neighbour, next);
        stack.push(neighbour);
      });
    }
    next += 1;
  }
  return component;
}

/**
 * Stability of a group of nodes: the share of its member pairs that the seeded runs put in the
 * same community, averaged over the runs (1 when fewer than two members were clustered).
 */
export function measureStability(members: readonly string[], runs: readonly Map<string, number>[]): number {
  if (runs.length === 0) return 1;
  let total = 0;
  let counted = 0;
  for (const run of runs) {
    const sizes = new Map<number, number>();
    let placed = 0;
    for (const member of members) {
      const community = run.get(member);
      if (community === undefined) continue;
      sizes.set(community, (sizes.get(community) ?? 0) + 1);
      placed += 1;
    }
    if (placed < 2) continue;
    let together = 0;
    for (const size of sizes.values()) together += (size * (size - 1)) / 2;
    total += together / ((placed * (placed - 1)) / 2);
    counted += 1;
  }
  return counted === 0 ? 1 : total / counted;
}
