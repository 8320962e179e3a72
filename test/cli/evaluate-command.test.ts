import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fixturePath, runCliCaptured } from '../helpers.js';

const truth = path.join(fixturePath('distributed-monolith'), 'expected.json');

test('cli evaluate: a directory is analyzed and scored against the truth, with the baselines', async () => {
  const run = await runCliCaptured(['evaluate', '--truth', truth, fixturePath('distributed-monolith')]);
  assert.equal(run.code, 0, run.stderr);
  assert.match(run.stdout, /modules: \d+ labelled, 5 true clusters/);
  assert.match(run.stdout, /seams\s+1\.000\s+1\.000\s+100\.0/);
  assert.match(run.stdout, /folders \(depth \d\)/);
  assert.match(run.stdout, /random, same sizes/);
});

test('cli evaluate: a result file gives the same numbers; --format json', async () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'seams-evaluate-'));
  const file = path.join(dir, 'result.json');
  const analyzed = await runCliCaptured(['analyze', fixturePath('distributed-monolith'), '--format', 'json', '--output', file]);
  assert.equal(analyzed.code, 0, analyzed.stderr);
  const run = await runCliCaptured(['evaluate', '--truth', truth, file, '--format', 'json']);
  assert.equal(run.code, 0, run.stderr);
  const evaluation = JSON.parse(run.stdout);
  assert.equal(evaluation.modules.seams.ari, 1);
  assert.equal(evaluation.tables.seams.ari, 1);
  assert.ok(evaluation.modules.folders.ari < 1);
});

const errors: { name: string; argv: () => string[]; code: number; message: RegExp }[] = [
  { name: 'no --truth', argv: () => ['evaluate', '.'], code: 2, message: /evaluate needs --truth/ },
  { name: 'missing truth file', argv: () => ['evaluate', '--truth', '/nonexistent/expected.json'], code: 2, message: /Cannot read truth file/ },
  { name: 'not a result', argv: () => ['evaluate', '--truth', truth, truth], code: 2, message: /is not a seams result/ },
  { name: 'two targets', argv: () => ['evaluate', '--truth', truth, 'a', 'b'], code: 2, message: /one result file or directory/ },
  { name: 'bad format', argv: () => ['evaluate', '--truth', truth, '--format', 'xml'], code: 2, message: /Unknown --format "xml"/ },
];
for (const { name, argv, code, message } of errors) {
  test(`cli evaluate: ${name} → exit ${code} with a message`, async () => {
    const run = await runCliCaptured(argv());
    assert.equal(run.code, code);
    assert.match(run.stderr, message);
  });
}

test('cli evaluate --help', async () => {
  const run = await runCliCaptured(['evaluate', '--help']);
  assert.equal(run.code, 0);
  assert.match(run.stdout, /Usage: seams evaluate --truth/);
});

const analyzeErrors: { name: string; argv: string[]; message: RegExp }[] = [
  { name: 'bad --pin', argv: ['analyze', '--pin', 'src/**'], message: /--pin must be <glob>=<domain>/ },
  { name: 'bad --clusters', argv: ['analyze', '--clusters', '0'], message: /--clusters must be a whole number of 1 or more/ },
  { name: 'bad --runs', argv: ['analyze', '--runs', '0'], message: /--runs must be a whole number from 1 to 200/ },
];
for (const { name, argv, message } of analyzeErrors) {
  test(`cli analyze: ${name} → exit 2 with a message`, async () => {
    const run = await runCliCaptured(argv);
    assert.equal(run.code, 2);
    assert.match(run.stderr, message);
  });
}

test('cli analyze: --history without a number reads the default count; outside git a diagnostic, exit 0', async () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'seams-history-'));
  fs.writeFileSync(path.join(dir, 'a.ts'), 'export const a = 1;');
  const run = await runCliCaptured(['analyze', dir, '--history', '--format', 'json']);
  assert.equal(run.code, 0, run.stderr);
  const result = JSON.parse(run.stdout);
  assert.equal(result.options.history, 500);
  assert.ok(result.diagnostics.some((d: { code: string }) => d.code === 'history-unavailable'));
});
