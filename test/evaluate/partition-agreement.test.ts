import { test } from 'node:test';
import assert from 'node:assert/strict';
import { adjustedRandIndex } from '../../src/evaluate/partition-agreement.js';

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
