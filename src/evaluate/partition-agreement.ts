/**
 * Agreement between two partitions of the same items (predicted vs true labels).
 * Items only one side labels are left out, so both sides count the same items.
 */

function choose2(n: number): number {
  return (n * (n - 1)) / 2;
}

/** The items both partitions label, with the two labels. */
function toPairs(predicted: ReadonlyMap<string, string>, truth: ReadonlyMap<string, string>): [string, string][] {
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
