import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { runCli } from '../../src/cli/run-cli.js';
import { loadResultFile } from '../../src/tui/load-result-file.js';
import { loadTuiResult } from '../whatif/golden-result.js';

/** Runs `seams tui …` in process with terminals (or pipes) of the given kind. */
async function runTui(argv: string[], tty: { stdin: boolean; stdout: boolean }): Promise<{ code: number; stdout: string; stderr: string }> {
  let stdout = '';
  let stderr = '';
  const code = await runCli(['tui', ...argv], {
    stdin: { isTTY: tty.stdin },
    stdout: { write: (text: string) => (stdout += text), isTTY: tty.stdout },
    stderr: { write: (text: string) => (stderr += text), isTTY: false },
    env: {},
    cwd: process.cwd(),
  });
  return { code, stdout, stderr };
}

function writeTemp(name: string, text: string): string {
  const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'seams-tui-cli-')), name);
  fs.writeFileSync(file, text);
  return file;
}

const terminals = { stdin: true, stdout: true };

test('cli tui: --help exits 0 and names the keys, the what-if and the result-file form', async () => {
  const run = await runTui(['--help'], { stdin: false, stdout: false });
  assert.equal(run.code, 0);
  assert.match(run.stdout, /Usage: seams tui \[dir \| result\.json\]/);
  assert.match(run.stdout, /--boundaries <file>/);
  const main = await runCli(['--help'], { stdout: { write: () => true }, stderr: { write: () => true }, env: {}, cwd: process.cwd() });
  assert.equal(main, 0);
});

for (const [name, tty] of [
  ['stdout is piped', { stdin: true, stdout: false }],
  ['stdin is piped', { stdin: false, stdout: true }],
  ['neither is a terminal', { stdin: false, stdout: false }],
] as const) {
  test(`cli tui: exit 2 when ${name}, pointing to seams analyze`, async () => {
    const run = await runTui([], tty);
    assert.equal(run.code, 2);
    assert.match(run.stderr, /seams tui needs an interactive terminal .* use "seams analyze \[dir\] --format json" instead/);
    assert.equal(run.stdout, '');
  });
}

const badFiles: { name: string; text: string; message: RegExp }[] = [
  { name: 'not JSON', text: '{ "schemaVersion": 1, ', message: /result\.json is not JSON \(.*\)\. Write one with "seams analyze <dir> --format json --output result\.json"/ },
  { name: 'no schemaVersion', text: '{ "modules": [] }', message: /result\.json is not a seams result \(it has no schemaVersion\)/ },
  { name: 'another schemaVersion', text: '{ "schemaVersion": 2 }', message: /result\.json has schemaVersion 2; this seams reads version 1/ },
  { name: 'a JSON array', text: '[1, 2]', message: /is not a seams result/ },
];

for (const { name, text, message } of badFiles) {
  test(`cli tui: a result file that is ${name} is exit 2 with what is wrong`, async () => {
    const file = writeTemp('result.json', text);
    const run = await runTui([file], terminals);
    assert.equal(run.code, 2);
    assert.match(run.stderr, message);
    assert.doesNotMatch(run.stderr, /\n\s+at /);
  });
}

test('cli tui: a result file off the schema names the fields (up to three, then how many more)', async () => {
  const result = loadTuiResult() as unknown as { modules: Record<string, unknown>[]; clusters: unknown };
  const broken = { ...result, modules: result.modules.map((module, position) => (position < 5 ? { ...module, loc: 'many' } : module)), clusters: 'none' };
  const file = writeTemp('result.json', JSON.stringify(broken));
  const run = await runTui([file], terminals);
  assert.equal(run.code, 2);
  assert.match(run.stderr, /result\.json does not match the seams result schema: modules\.0\.loc: .*; modules\.1\.loc: .*; modules\.2\.loc: .* and 3 more\./);
});

test('cli tui: a missing path or two paths are usage errors', async () => {
  const missing = await runTui(['/nonexistent/seams-tui'], terminals);
  assert.equal(missing.code, 2);
  assert.match(missing.stderr, /Not found: \/nonexistent\/seams-tui\. Give a directory to analyze or a result file/);
  const two = await runTui(['a', 'b'], terminals);
  assert.equal(two.code, 2);
  assert.match(two.stderr, /tui takes one directory or result file; got 2/);
});

test('loadResultFile: a valid result file loads as the result', () => {
  const result = loadTuiResult();
  const file = writeTemp('ok.json', JSON.stringify(result));
  assert.deepEqual(loadResultFile(file, 'ok.json'), result);
  assert.throws(() => loadResultFile(path.join(path.dirname(file), 'gone.json'), 'gone.json'), /Cannot read gone\.json/);
});
