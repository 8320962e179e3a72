import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createPerformanceRecorder, createProgressRenderer } from '../../src/cli/progress-renderer.js';

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

test('progress: stage-end events draw nothing', () => {
  let output = '';
  const renderer = createProgressRenderer({ write: (text: string) => (output += text) }, () => 5000);
  renderer.listener({ stage: 'extract', end: true });
  assert.equal(output, '');
});

test('performance: each stage timed from its first event to its end event, with memory at the end; a total row', () => {
  let clock = 0;
  let rss = 100 * 2 ** 20;
  const recorder = createPerformanceRecorder(
    () => clock,
    () => ({ rss, heapUsed: rss / 2, maxRss: rss + 2 ** 20 }),
  );
  recorder.listener({ stage: 'discover' });
  clock = 40;
  recorder.listener({ stage: 'discover', end: true });
  recorder.listener({ stage: 'extract', done: 0, total: 2 });
  clock = 100;
  recorder.listener({ stage: 'extract', done: 2, total: 2 });
  clock = 1240;
  rss = 300 * 2 ** 20;
  recorder.listener({ stage: 'extract', end: true });
  assert.deepEqual(recorder.timings.map((timing) => [timing.stage, timing.milliseconds]), [['discover', 40], ['extract', 1200]]);
  assert.equal(
    recorder.report(),
    [
      'seams: performance (wall time per stage; memory when it ended)',
      '  stage        time      rss     heap  peak rss',
      '  discover    40 ms  100 MiB   50 MiB   101 MiB',
      '  extract   1200 ms  300 MiB  150 MiB   301 MiB',
      '  total     1240 ms                     301 MiB',
      '',
    ].join('\n'),
  );
});
