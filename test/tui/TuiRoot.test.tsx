import { test } from 'node:test';
import assert from 'node:assert/strict';
import { render } from 'ink-testing-library';
import type { AnalysisResult } from '../../src/model/result.js';
import type { ProgressListener } from '../../src/pipeline/progress.js';
import { TuiRoot } from '../../src/tui/TuiRoot.js';
import { SeamsError } from '../../src/errors.js';
import { loadTuiResult } from '../whatif/golden-result.js';

const settle = (): Promise<void> => new Promise((resolve) => setTimeout(resolve, 20));

function renderRoot(load: (onProgress: ProgressListener) => Promise<AnalysisResult>, onCancel: () => void = () => undefined) {
  return render(
    <TuiRoot
      load={load}
      onCancel={onCancel}
      label="fixtures/ecommerce"
      color={false}
      size={{ columns: 100, rows: 30 }}
      boundariesPath="/nonexistent/seams.boundaries.json"
      cwd="/nonexistent"
      openLocation={() => ({ text: '', tone: 'info' })}
    />,
  );
}

test('TuiRoot: shows the stages and files parsed while analyzing, then the candidates', async () => {
  let report: ProgressListener = () => undefined;
  let finish: (result: AnalysisResult) => void = () => undefined;
  const app = renderRoot((onProgress) => {
    report = onProgress;
    return new Promise((resolve) => {
      finish = resolve;
    });
  });
  await settle();
  assert.match(app.lastFrame() ?? '', /loading the analyzers…/);
  report({ stage: 'discover' });
  report({ stage: 'extract', done: 50, total: 200 });
  await settle();
  assert.match(app.lastFrame() ?? '', /✓ discover/);
  assert.match(app.lastFrame() ?? '', /▸ extract\s+\[█{8}░{22}\] 50\/200 files/);
  finish(loadTuiResult());
  await settle();
  assert.match(app.lastFrame() ?? '', /Candidates · sorted by name/);
  app.unmount();
});

test('TuiRoot: q while analyzing cancels the analysis', async () => {
  let cancelled = 0;
  const app = renderRoot(() => new Promise(() => undefined), () => {
    cancelled += 1;
  });
  await settle();
  app.stdin.write('q');
  await settle();
  assert.equal(cancelled, 1);
});

test('TuiRoot: a failed analysis ends the TUI with its error', async () => {
  const app = renderRoot(() => Promise.reject(new SeamsError('not-found', 'Directory not found: /x.')));
  await settle();
  // exit(error) unmounts: nothing new is drawn after the progress screen.
  assert.doesNotMatch(app.lastFrame() ?? '', /Candidates/);
  app.unmount();
});
