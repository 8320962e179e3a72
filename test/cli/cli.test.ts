import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { createTempRepo, runCliCaptured } from '../helpers.js';
import { resultSchemaErrors } from '../support/validate-result.js';

const smallRepo = { 'src/a.ts': "import { b } from './b';\nexport const a = b;", 'src/b.ts': 'export const b = 1;' };

test('cli: analyze with no directory analyzes the bundled fixture and says so', async () => {
  const run = await runCliCaptured(['analyze', '--format', 'text']);
  assert.equal(run.code, 0);
  assert.match(run.stderr, /no directory given, so analyzing the bundled fixture monolith \(fixtures\/ecommerce\)/);
  assert.match(run.stdout, /candidate services and the shared kernel/);
});

test('cli: text on a terminal, JSON when piped, valid against the schema', async () => {
  const root = createTempRepo(smallRepo);
  const onTerminal = await runCliCaptured(['analyze', root], { tty: true });
  assert.match(onTerminal.stdout, /2 files analyzed/);
  assert.match(onTerminal.stdout, /\u001b\[1m/, 'bold on a terminal');
  const noColor = await runCliCaptured(['analyze', root], { tty: true, env: { NO_COLOR: '1' } });
  assert.doesNotMatch(noColor.stdout, /\u001b\[/);
  const piped = await runCliCaptured(['analyze', root]);
  assert.equal(piped.code, 0);
  assert.deepEqual(resultSchemaErrors(JSON.parse(piped.stdout)), []);
});

test('cli: --output writes the file (format from its extension) and prints nothing on stdout', async () => {
  const root = createTempRepo(smallRepo);
  const output = path.join(root, 'out', 'result.json');
  const run = await runCliCaptured(['analyze', root, '--output', output], { tty: true });
  assert.equal(run.code, 0);
  assert.equal(run.stdout, '');
  assert.equal(JSON.parse(fs.readFileSync(output, 'utf8')).schemaVersion, 1);
  assert.deepEqual(fs.readdirSync(path.dirname(output)), ['result.json'], 'no temporary file left behind');
});

test('cli: --include, --exclude, --resolution and --depth reach the analysis', async () => {
  const root = createTempRepo({ ...smallRepo, 'scripts/x.ts': '' });
  const run = await runCliCaptured(['analyze', root, '--format', 'json', '--exclude', 'scripts/**', '--resolution', '2', '--include', 'src/**', '--include', 'scripts/**', '--depth', '2']);
  const result = JSON.parse(run.stdout);
  assert.deepEqual(result.modules.map((m: { id: string }) => m.id), ['src/a.ts', 'src/b.ts']);
  assert.deepEqual(result.options, { resolution: 2, seed: 42, runs: 20, include: ['src/**', 'scripts/**'], exclude: ['scripts/**'], depth: 2 });
});

const usageErrors: { name: string; argv: string[]; message: RegExp }[] = [
  { name: 'a negative depth', argv: ['analyze', '--depth', '-1'], message: /--depth/ },
  { name: 'a workers count that is not a number', argv: ['analyze', '--workers', 'x'], message: /--workers must be a whole number from 0 to 16/ },
  { name: 'no command', argv: [], message: /Usage: seams <command>/ },
  { name: 'unknown command', argv: ['analyse'], message: /unknown command "analyse"/ },
  { name: 'unknown option', argv: ['analyze', '--colour'], message: /Unknown option '--colour'.*seams analyze --help/ },
  { name: 'unknown format', argv: ['analyze', '--format', 'yaml'], message: /Unknown --format "yaml". Formats: text, json/ },
  { name: 'bad resolution', argv: ['analyze', '--resolution', '0'], message: /--resolution must be a number above 0; got "0"/ },
  { name: 'bad seed', argv: ['analyze', '--seed', '1.5'], message: /--seed must be a whole number of 0 or more/ },
  { name: 'two directories', argv: ['analyze', 'a', 'b'], message: /analyze takes one directory; got 2/ },
  { name: 'missing directory', argv: ['analyze', '/nonexistent/seams-test'], message: /Directory not found: \/nonexistent\/seams-test/ },
];

for (const { name, argv, message } of usageErrors) {
  test(`cli: exit 2 for a usage error (${name}), with what was wrong and no stack trace`, async () => {
    const run = await runCliCaptured(argv);
    assert.equal(run.code, 2);
    assert.match(run.stderr, message);
    assert.doesNotMatch(run.stderr, /\n\s+at /);
  });
}

test('cli: exit 2 when the directory is a file', async () => {
  const root = createTempRepo(smallRepo);
  const run = await runCliCaptured(['analyze', path.join(root, 'src/a.ts')]);
  assert.equal(run.code, 2);
  assert.match(run.stderr, /Not a directory/);
});

test('cli: exit 3 when the output cannot be written', async () => {
  const root = createTempRepo(smallRepo);
  const run = await runCliCaptured(['analyze', root, '--output', path.join(root, 'src/a.ts', 'result.json')]);
  assert.equal(run.code, 3);
  assert.match(run.stderr, /Cannot write/);
});

test('cli: --help, per-command help and --version exit 0', async () => {
  assert.match((await runCliCaptured(['--help'])).stdout, /Commands:/);
  assert.match((await runCliCaptured(['analyze', '--help'])).stdout, /Usage: seams analyze \[dir\]/);
  assert.match((await runCliCaptured(['help', 'analyze'])).stdout, /Usage: seams analyze \[dir\]/);
  const version = await runCliCaptured(['--version']);
  assert.equal(version.code, 0);
  assert.match(version.stdout, /^\d+\.\d+\.\d+\n$/);
});
