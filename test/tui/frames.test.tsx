import { test } from 'node:test';
import path from 'node:path';
import { PACKAGE_ROOT } from '../../src/version.js';
import assert from 'node:assert/strict';
import { render } from 'ink-testing-library';
import type { AnalysisResult } from '../../src/model/result.js';
import { ProgressView } from '../../src/tui/TuiRoot.js';
import { loadTuiResult } from '../whatif/golden-result.js';
import { assertGoldenFrame } from './golden-frame.js';
import { KEYS, renderApp } from './render-app.js';

/** The ecommerce fixture's result, with a score on orders (the analysis does not score yet). */
function fixtureResult(): AnalysisResult {
  const result = loadTuiResult();
  return {
    ...result,
    clusters: result.clusters.map((cluster) =>
      cluster.id === 'orders'
        ? {
            ...cluster,
            score: {
              ease: 61,
              factors: [
                { name: 'incoming coupling', value: 0.42, evidence: [{ description: 'shop imports orders', locations: [{ file: 'src/modules/shop/admin.ts', line: 3 }] }] },
                { name: 'shared tables', value: 1, evidence: [] },
              ],
            },
          }
        : cluster,
    ),
  };
}

/** Each frame: its name, the terminal size, and the keys that lead to it from the start. */
const frames: { name: string; keys: string[]; size?: { columns: number; rows: number }; boundaries?: string }[] = [
  { name: 'candidates', keys: [] },
  { name: 'candidates-sorted-by-modules', keys: ['s'] },
  { name: 'candidates-80x24', keys: [], size: { columns: 80, rows: 24 } },
  { name: 'candidate-modules', keys: ['j', 'j', KEYS.enter] },
  { name: 'candidate-modules-folded', keys: ['j', 'j', KEYS.enter, 'j', 'j', KEYS.enter] },
  { name: 'candidate-modules-80x24', keys: ['j', 'j', KEYS.enter], size: { columns: 80, rows: 24 } },
  { name: 'candidate-tables', keys: ['G', 'k', 'k', 'k', KEYS.enter, '2'] },
  { name: 'candidate-dependencies', keys: ['j', 'j', KEYS.enter, '3'] },
  { name: 'candidate-api', keys: ['j', 'j', KEYS.enter, '4'] },
  { name: 'candidate-entry-points', keys: ['j', 'j', KEYS.enter, '5'] },
  { name: 'candidate-findings', keys: ['G', 'k', 'k', KEYS.enter, '6'] },
  { name: 'candidate-score', keys: ['G', 'k', 'k', 'k', KEYS.enter, '7'] },
  { name: 'evidence-score-factor', keys: ['G', 'k', 'k', 'k', KEYS.enter, '7', 'j', KEYS.enter] },
  { name: 'candidate-score-after-move', keys: ['G', 'k', 'k', 'k', KEYS.enter, 'j', 'j', 'm', KEYS.enter, '7'] },
  { name: 'candidate-score-missing', keys: ['j', KEYS.enter, '7'] },
  { name: 'evidence-table', keys: ['G', 'k', 'k', 'k', KEYS.enter, '2', KEYS.enter] },
  { name: 'evidence-finding', keys: ['f', KEYS.enter] },
  { name: 'save-overwrite', keys: ['j', 'j', KEYS.enter, 'j', 'j', 'm', KEYS.enter, 'w', KEYS.enter], boundaries: 'package.json' },
  { name: 'evidence-module', keys: ['j', 'j', KEYS.enter, 'j', 'j', KEYS.enter] },
  { name: 'findings', keys: ['f'] },
  { name: 'findings-by-kind', keys: ['f', 't', 't'] },
  { name: 'search', keys: ['/', 'c', 'a', 'r', 't'] },
  { name: 'help', keys: ['?'] },
  { name: 'move-picker', keys: ['j', 'j', KEYS.enter, 'j', 'j', 'm'] },
  { name: 'move-new-candidate', keys: ['j', 'j', KEYS.enter, 'j', 'j', 'm', 'G', KEYS.enter, 'j', 'o', 'b', 's'] },
  { name: 'moved', keys: ['j', 'j', KEYS.enter, 'j', 'j', 'm', KEYS.enter] },
  { name: 'save-prompt', keys: ['j', 'j', KEYS.enter, 'j', 'j', 'm', KEYS.enter, 'w'] },
  { name: 'quit-confirm', keys: ['j', 'j', KEYS.enter, 'j', 'j', 'm', KEYS.enter, 'q'] },
  { name: 'too-small', keys: [], size: { columns: 50, rows: 10 } },
];

for (const { name, keys, size, boundaries } of frames) {
  test(`tui frame: ${name}${size ? ` at ${size.columns}x${size.rows}` : ' at 100x30'}`, async () => {
    // Saving is never confirmed here: the overwrite frame stops at the question.
    const app = await renderApp(fixtureResult(), { size, cwd: PACKAGE_ROOT, boundariesPath: path.join(PACKAGE_ROOT, boundaries ?? 'seams.boundaries.json') });
    await app.press(...keys);
    const frame = app.frame();
    app.unmount();
    const lines = frame.split('\n');
    const rows = size?.rows ?? 30;
    if (name !== 'too-small') assert.equal(lines.length, rows - 1, 'the frame fills the terminal but its last line');
    for (const line of lines) assert.ok([...line].length <= (size?.columns ?? 100), `line wider than the terminal: ${line}`);
    assertGoldenFrame(name, frame);
  });
}

const progressFrames = [
  { name: 'progress-starting', progress: undefined },
  { name: 'progress-extract', progress: { stage: 'extract' as const, done: 412, total: 1030 } },
  { name: 'progress-cluster', progress: { stage: 'cluster' as const } },
];
for (const { name, progress } of progressFrames) {
  test(`tui frame: ${name}`, () => {
    const app = render(<ProgressView label="../my-monolith" progress={progress} width={100} />);
    const frame = (app.lastFrame() ?? '').split('\n').map((line) => line.trimEnd()).join('\n');
    app.unmount();
    assertGoldenFrame(name, frame);
  });
}
