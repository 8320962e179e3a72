import { test } from 'node:test';
import assert from 'node:assert/strict';
import { adjustedMutualInformation, adjustedRandIndex, moJoFm } from '../../src/evaluate/partition-agreement.js';

const map = (entries: Record<string, string>) => new Map(Object.entries(entries));

test('ARI: identical partitions under other labels score 1', () => {
  assert.equal(adjustedRandIndex(map({ a: 'x', b: 'x', c: 'y', d: 'y' }), map({ a: '1', b: '1', c: '2', d: '2' })), 1);
});

test('ARI: a known value (sklearn: adjusted_rand_score([0,0,1,1],[0,0,1,2]) = 0.5714)', () => {
  const value = adjustedRandIndex(map({ a: '0', b: '0', c: '1', d: '1' }), map({ a: '0', b: '0', c: '1', d: '2' }));
  assert.ok(Math.abs(value - 0.5714285714) < 1e-9, String(value));
});

test('ARI: all-in-one against a split scores 0; crossing partitions score below 0', () => {
  assert.equal(adjustedRandIndex(map({ a: 'x', b: 'x', c: 'x', d: 'x' }), map({ a: '1', b: '1', c: '2', d: '2' })), 0);
  assert.ok(adjustedRandIndex(map({ a: 'x', b: 'y', c: 'x', d: 'y' }), map({ a: '1', b: '1', c: '2', d: '2' })) < 0);
});

test('ARI: items labelled by one side only are left out', () => {
  assert.equal(adjustedRandIndex(map({ a: 'x', b: 'x', c: 'y', d: 'y', extra: 'z' }), map({ a: '1', b: '1', c: '2', d: '2' })), 1);
});


/** Mutual information of two label arrays. */
function mutualInformation(a: readonly string[], b: readonly string[]): number {
  const n = a.length;
  const cells = new Map<string, number>();
  const rows = new Map<string, number>();
  const columns = new Map<string, number>();
  a.forEach((label, index) => {
    const other = b[index] as string;
    cells.set(`${label}|${other}`, (cells.get(`${label}|${other}`) ?? 0) + 1);
    rows.set(label, (rows.get(label) ?? 0) + 1);
    columns.set(other, (columns.get(other) ?? 0) + 1);
  });
  let mi = 0;
  for (const [key, count] of cells) {
    const [x, y] = key.split('|') as [string, string];
    mi += (count / n) * Math.log((n * count) / ((rows.get(x) as number) * (columns.get(y) as number)));
  }
  return mi;
}

function entropyOf(labels: readonly string[]): number {
  const counts = new Map<string, number>();
  for (const label of labels) counts.set(label, (counts.get(label) ?? 0) + 1);
  let h = 0;
  for (const count of counts.values()) h -= (count / labels.length) * Math.log(count / labels.length);
  return h;
}

function permutations<T>(items: readonly T[]): T[][] {
  if (items.length <= 1) return [[...items]];
  return items.flatMap((item, index) => permutations([...items.slice(0, index), ...items.slice(index + 1)]).map((rest) => [item, ...rest]));
}

test('AMI: equals the definition with the expected MI taken over every permutation (brute force)', () => {
  const a = ['0', '1', '1', '1', '2', '2'];
  const b = ['0', '0', '1', '1', '1', '2'];
  const all = permutations(b);
  const expected = all.reduce((sum, permuted) => sum + mutualInformation(a, permuted), 0) / all.length;
  const brute = (mutualInformation(a, b) - expected) / ((entropyOf(a) + entropyOf(b)) / 2 - expected);
  const toMap = (labels: readonly string[]) => new Map(labels.map((label, index) => [`i${index}`, label]));
  assert.ok(Math.abs(adjustedMutualInformation(toMap(a), toMap(b)) - brute) < 1e-9);
  assert.ok(Math.abs(adjustedMutualInformation(toMap(a), toMap(a)) - 1) < 1e-12);
});

const mojoCases: { name: string; predicted: Record<string, string>; truth: Record<string, string>; expected: number }[] = [
  { name: 'identical under other labels', predicted: { a: 'x', b: 'x', c: 'y' }, truth: { a: '1', b: '1', c: '2' }, expected: 100 },
  // one move (d out of {c, d}); max distance 4 - 2 = 2.
  { name: 'one move', predicted: { a: '0', b: '0', c: '1', d: '1' }, truth: { a: '0', b: '0', c: '1', d: '2' }, expected: 50 },
  // over-splitting costs one join: {a}{b} vs {a b}: mno 1, max 2 - 1 = 1.
  { name: 'a split costs one join', predicted: { a: '0', b: '1' }, truth: { a: '0', b: '0' }, expected: 0 },
  // all in one against three pairs: 4 moves (mno 4 + 1 - 1); the farthest partition is also 4 away (6 - 2).
  { name: 'all in one against three pairs scores 0', predicted: { a: '0', b: '0', c: '0', d: '0', e: '0', f: '0' }, truth: { a: '1', b: '1', c: '2', d: '2', e: '3', f: '3' }, expected: 0 },
];
for (const { name, predicted, truth, expected } of mojoCases) {
  test(`MoJoFM: ${name}`, () => {
    const value = moJoFm(map(predicted), map(truth));
    assert.ok(Math.abs(value - expected) < 1e-9, `${value} !== ${expected}`);
  });
}
