import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createProgressRenderer } from '../../src/cli/progress-renderer.js';

function renderAt(times: number[]): string {
  let output = '';
  let index = 0;
  const renderer = createProgressRenderer({ write: (text: string) => (output += text) }, () => times[Math.min(index++, times.length - 1)] ?? 0);
  renderer.listener({ stage: 'discover' });
  renderer.listener({ stage: 'extract', done: 5, total: 10 });
  renderer.listener({ stage: 'extract', done: 10, total: 10 });
  renderer.finish();
  return output;
}

test('progress: nothing for a run shorter than a second', () => {
  assert.equal(renderAt([0, 100, 200, 300]), '');
});

test('progress: after a second, stage and files parsed / total on one line, cleared at the end', () => {
  const output = renderAt([0, 1500, 1700, 1750]);
  assert.match(output, /seams: extract 5\/10 files/);
  assert.match(output, /seams: extract 10\/10 files/, 'the last count is always drawn');
  assert.ok(output.endsWith('\r\u001b[2K'));
});
