import { test } from 'node:test';
import assert from 'node:assert/strict';
import { fitText, formatCells, wrapText } from '../../src/tui/layout.js';
import { clampView } from '../../src/tui/tui-state.js';

test('fitText: pads, cuts with …, aligns right', () => {
  assert.equal(fitText('abc', 5), 'abc  ');
  assert.equal(fitText('abcdef', 5), 'abcd…');
  assert.equal(fitText('12', 4, 'right'), '  12');
  assert.equal(fitText('a\nb', 3), 'a b');
  assert.equal(fitText('x', 0), '');
});

test('formatCells: fixed columns keep their width, the flexible one takes the rest', () => {
  const line = formatCells([{ title: 'name' }, { title: 'n', width: 4, align: 'right' }], ['orders', '17'], 20);
  assert.equal(line, 'orders            17');
  assert.equal(formatCells([{ title: 'name' }, { title: 'n', width: 4, align: 'right' }], ['orders', '17'], 30), 'orders                      17');
});

test('wrapText: at most n lines of the width, the last one cut with …', () => {
  assert.deepEqual(wrapText('one two three', 7, 2), ['one two', 'three  ']);
  assert.deepEqual(wrapText('one two three four', 7, 2), ['one two', 'three …']);
  assert.deepEqual(wrapText('', 4, 2), ['    ', '    ']);
  assert.deepEqual(wrapText('abcdefghij', 4, 3), ['abcd', 'efgh', 'ij  ']);
});

const views: { name: string; args: [number, number, number, number]; expected: { cursor: number; offset: number } }[] = [
  { name: 'inside the window', args: [3, 0, 100, 10], expected: { cursor: 3, offset: 0 } },
  { name: 'below the window scrolls by the least', args: [12, 0, 100, 10], expected: { cursor: 12, offset: 3 } },
  { name: 'above the window scrolls up to it', args: [4, 8, 100, 10], expected: { cursor: 4, offset: 4 } },
  { name: 'past the end clamps', args: [500, 0, 100, 10], expected: { cursor: 99, offset: 90 } },
  { name: 'before the start clamps', args: [-3, 5, 100, 10], expected: { cursor: 0, offset: 0 } },
  { name: 'a shorter list pulls the window back', args: [5, 40, 8, 10], expected: { cursor: 5, offset: 0 } },
  { name: 'an empty list', args: [0, 0, 0, 10], expected: { cursor: 0, offset: 0 } },
];
for (const { name, args, expected } of views) {
  test(`clampView: ${name}`, () => {
    assert.deepEqual(clampView(...args), expected);
  });
}
