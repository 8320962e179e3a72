/**
 * Agreement between two partitions of the same items (predicted vs true labels).
 * Items only one side labels are left out, so both sides count the same items.
 */

function choose2(n: number): number {
  return (n * (n - 1)) / 2;
}

/** The items both partitions label, as [predicted label, true label] pairs. */
export function toPairs(predicted: ReadonlyMap<string, string>, truth: ReadonlyMap<string, string>): [string, string][] {
  const pairs: [string, string][] = [];
  for (const [item, trueLabel] of truth) {
    const predictedLabel = predicted.get(item);
    if (predictedLabel !== undefined) pairs.push([predictedLabel, trueLabel]);
  }
  return pairs;
}

/**
 * Adjusted Rand index (Hubert & Arabie): 1 for identical partitions, about 0 for chance,
 * negative below chance. Two single-cluster partitions of the same items score 1.
 */
export function adjustedRandIndex(predicted: ReadonlyMap<string, string>, truth: ReadonlyMap<string, string>): number {
  const pairs = toPairs(predicted, truth);
  const n = pairs.length;
  if (n < 2) return 1;
  const contingency = new Map<string, number>();
  const rowSums = new Map<string, number>();
  const columnSums = new Map<string, number>();
  for (const [a, b] of pairs) {
    const key = `${a}\u0000${b}`;
    contingency.set(key, (contingency.get(key) ?? 0) + 1);
    rowSums.set(a, (rowSums.get(a) ?? 0) + 1);
    columnSums.set(b, (columnSums.get(b) ?? 0) + 1);
  }
  let index = 0;
  for (const count of contingency.values()) index += choose2(count);
  let rows = 0;
  for (const count of rowSums.values()) rows += choose2(count);
  let columns = 0;
  for (const count of columnSums.values()) columns += choose2(count);
  const expected = (rows * columns) / choose2(n);
  const maximum = (rows + columns) / 2;
  if (maximum === expected) return 1;
  return (index - expected) / (maximum - expected);
}

/** Cluster sizes and the contingency table of two labelings of the same items. */
interface Contingency {
  n: number;
  rows: Map<string, number>;
  columns: Map<string, number>;
  cells: Map<string, Map<string, number>>;
}

function toContingency(predicted: ReadonlyMap<string, string>, truth: ReadonlyMap<string, string>): Contingency {
  const rows = new Map<string, number>();
  const columns = new Map<string, number>();
  const cells = new Map<string, Map<string, number>>();
  const pairs = toPairs(predicted, truth);
  for (const [a, b] of pairs) {
    rows.set(a, (rows.get(a) ?? 0) + 1);
    columns.set(b, (columns.get(b) ?? 0) + 1);
    if (!cells.has(a)) cells.set(a, new Map());
    const row = cells.get(a) as Map<string, number>;
    row.set(b, (row.get(b) ?? 0) + 1);
  }
  return { n: pairs.length, rows, columns, cells };
}

function entropy(sizes: Iterable<number>, n: number): number {
  let h = 0;
  for (const size of sizes) if (size > 0) h -= (size / n) * Math.log(size / n);
  return h;
}

/**
 * Adjusted mutual information (Vinh, Epps & Bailey 2010) with the arithmetic mean of the two
 * entropies, as scikit-learn's adjusted_mutual_info_score: 1 for identical partitions, about 0
 * for chance. Two single-cluster partitions score 1.
 */
export function adjustedMutualInformation(predicted: ReadonlyMap<string, string>, truth: ReadonlyMap<string, string>): number {
  const { n, rows, columns, cells } = toContingency(predicted, truth);
  if (n < 2) return 1;
  if ((rows.size === 1 && columns.size === 1) || (rows.size === n && columns.size === n)) return 1;
  let mutual = 0;
  for (const [a, row] of cells) {
    for (const [b, count] of row) mutual += (count / n) * Math.log((n * count) / ((rows.get(a) as number) * (columns.get(b) as number)));
  }
  const logFactorial = [0];
  for (let k = 1; k <= n; k += 1) logFactorial.push((logFactorial[k - 1] as number) + Math.log(k));
  const lf = (k: number): number => logFactorial[k] as number;
  let expected = 0;
  for (const a of rows.values()) {
    for (const b of columns.values()) {
      for (let nij = Math.max(1, a + b - n); nij <= Math.min(a, b); nij += 1) {
        const term = (nij / n) * Math.log((n * nij) / (a * b));
        const logProbability = lf(a) + lf(b) + lf(n - a) + lf(n - b) - lf(n) - lf(nij) - lf(a - nij) - lf(b - nij) - lf(n - a - b + nij);
        expected += term * Math.exp(logProbability);
      }
    }
  }
  const mean = (entropy(rows.values(), n) + entropy(columns.values(), n)) / 2;
  const denominator = mean - expected;
  if (Math.abs(denominator) < 1e-12) return mutual - expected >= 0 ? 1 : 0;
  return (mutual - expected) / denominator;
}

/**
 * MoJoFM (Wen & Tzerpos 2004) of `predicted` against the truth, in percent: 100 × (1 −
 * mno(A, B) / max mno(·, B)), with mno = moves + joins as in ARCADE's MoJoCalculator (each
 * predicted cluster tagged with the true clusters it shares most with, joins saved by a
 * maximum matching of those tags). 100 for identical partitions; lenient on over-splitting.
 */
export function moJoFm(predicted: ReadonlyMap<string, string>, truth: ReadonlyMap<string, string>): number {
  const { n, columns, cells } = toContingency(predicted, truth);
  if (n === 0) return 100;
  const clusters = [...cells.keys()].sort();
  let moves = 0;
  const tags = new Map<string, string[]>();
  for (const cluster of clusters) {
    const row = cells.get(cluster) as Map<string, number>;
    const best = Math.max(...row.values());
    let size = 0;
    for (const count of row.values()) size += count;
    moves += size - best;
    tags.set(cluster, [...row.entries()].filter(([, count]) => count === best).map(([group]) => group).sort());
  }
  const matched = maximumMatching(clusters, tags);
  const distance = moves + clusters.length - matched;
  let groups = 0;
  for (const size of [...columns.values()].sort((x, y) => x - y)) if (groups < size) groups += 1;
  const maximum = n - groups;
  if (maximum <= 0) return 100;
  return (1 - distance / maximum) * 100;
}

/** Size of a maximum bipartite matching (Kuhn's augmenting paths). */
function maximumMatching(left: readonly string[], edges: ReadonlyMap<string, string[]>): number {
  const owner = new Map<string, string>();
  const augment = (node: string, seen: Set<string>): boolean => {
    for (const right of edges.get(node) ?? []) {
      if (seen.has(right)) continue;
      seen.add(right);
      const current = owner.get(right);
      if (current === undefined || augment(current, seen)) {
        owner.set(right, node);
        return true;
      }
    }
    return false;
  };
  let size = 0;
  for (const node of left) if (augment(node, new Set())) size += 1;
  return size;
}
