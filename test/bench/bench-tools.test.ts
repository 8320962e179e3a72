import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import { changeFiles, formatTarget, parseSize, type TargetResult } from '../../bench/run.js';
import { hasGnuTime, measure, median } from '../../bench/measure.js';
import { renderChart, toSeries } from '../../bench/chart.js';
import { createTempRepo } from '../helpers.js';

test('bench: sizes are whole numbers, with k for thousands', () => {
  for (const [text, files] of [['1k', 1000], ['10k', 10000], ['2.5k', 2500], ['800', 800]] as const) assert.equal(parseSize(text), files, text);
  for (const text of ['', 'ten', '1m', '-1k']) assert.throws(() => parseSize(text), /is not a size/, text);
});

test('bench: median of odd and even counts', () => {
  assert.equal(median([3, 1, 2]), 2);
  assert.equal(median([4, 1, 3, 2]), 2);
});

const allocate = ['-e', 'const b = Buffer.alloc(160 * 2 ** 20, 1); setTimeout(() => process.exit(b[0] === 1 ? 0 : 1), 200);'];

test('bench: a child process is timed and its peak RSS read from /proc (and from GNU time when installed)', async () => {
  const ways = hasGnuTime() ? [false, true] : [false];
  for (const useGnuTime of ways) {
    const run = await measure({ command: process.execPath, args: allocate }, useGnuTime);
    assert.equal(run.exitCode, 0);
    assert.ok(run.milliseconds >= 200, `${run.milliseconds} ms`);
    assert.equal(run.rssSource, useGnuTime ? 'time' : 'proc');
    assert.ok((run.peakRss ?? 0) > 160 * 2 ** 20, `peak ${run.peakRss} bytes for a 160 MiB buffer`);
  }
});

test('bench: a run that outlives its timeout is killed and says so', async () => {
  const run = await measure({ command: process.execPath, args: ['-e', 'setTimeout(() => {}, 10000)'], timeoutMs: 300 });
  assert.equal(run.timedOut, true);
  assert.notEqual(run.exitCode, 0);
});

test('bench: a 10-file change touches 10 source files and is undone', () => {
  const files: Record<string, string> = {};
  for (let index = 0; index < 12; index += 1) files[`src/m${String(index).padStart(2, '0')}.ts`] = `export const m${index} = ${index};\n`;
  const root = createTempRepo(files);
  const restore = changeFiles(root, 10);
  const changed = Object.keys(files).filter((file) => fs.readFileSync(`${root}/${file}`, 'utf8') !== files[file]);
  assert.equal(changed.length, 10);
  restore();
  assert.ok(Object.keys(files).every((file) => fs.readFileSync(`${root}/${file}`, 'utf8') === files[file]));
});

const result = (files: number, seams: number, madge: number): TargetResult => ({
  target: { label: `synthetic ${files}`, root: '/tmp/x', files, lines: files * 100 },
  tools: [
    { tool: 'seams', label: 'seams analyze (full)', runs: [], medianMs: seams, peakRss: 300 * 2 ** 20, modules: files, edges: files * 3 },
    { tool: 'madge', label: 'madge --json', runs: [], medianMs: madge, peakRss: 400 * 2 ** 20 },
    { tool: 'depcruise', label: 'depcruise -T json', runs: [], medianMs: undefined, peakRss: undefined, failed: 'exit 1: TS6053' },
  ],
});

test('bench: the table gives the median, peak RSS and the ratio to seams full; a failed tool says why', () => {
  const text = formatTarget(result(1000, 2000, 25000));
  assert.match(text, /synthetic 1000 \(1000 files, 100000 lines\)/);
  assert.match(text, /madge --json\s+25\.00\s+\s+400\s+12\.5x/);
  assert.match(text, /depcruise -T json failed: exit 1: TS6053/);
});

test('bench: the chart has one line per tool that ran, on log axes, and refuses empty results', () => {
  const svg = renderChart(toSeries([{ machine: {} as never, runs: 1, targets: [result(1000, 2000, 25000), result(10000, 19000, 260000)] }]), 'title');
  assert.equal(svg.match(/<polyline /g)?.length, 2);
  assert.match(svg, /seams analyze \(full\)/);
  assert.match(svg, />madge</);
  assert.doesNotMatch(svg, /dependency-cruiser/);
  assert.throws(() => renderChart([], 'title'), /no points/);
});
