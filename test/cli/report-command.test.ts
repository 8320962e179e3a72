import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { createTempRepo, runCliCaptured } from '../helpers.js';

const smallRepo = { 'src/a.ts': "import { b } from './b';\nexport const a = b;", 'src/b.ts': 'export const b = 1;' };

async function saveResult(): Promise<{ root: string; resultFile: string }> {
  const root = createTempRepo(smallRepo);
  const resultFile = path.join(root, 'result.json');
  const run = await runCliCaptured(['analyze', root, '--output', resultFile]);
  assert.equal(run.code, 0, run.stderr);
  return { root, resultFile };
}

test('cli report: re-renders a saved result in each format, format from --output\'s extension', async () => {
  const { root, resultFile } = await saveResult();
  const cases: [string, RegExp][] = [
    ['r.html', /^<!doctype html>/],
    ['r.md', /^# seams report: /],
    ['r.sarif', /"version": "2.1.0"/],
    ['r.mmd', /^flowchart LR/],
    ['r.dot', /^digraph seams \{/],
    ['r.txt', /candidate service/],
  ];
  for (const [name, content] of cases) {
    const output = path.join(root, 'out', name);
    const run = await runCliCaptured(['report', resultFile, '--output', output]);
    assert.equal(run.code, 0, run.stderr);
    assert.match(fs.readFileSync(output, 'utf8'), content, name);
  }
});

test('cli report: markdown links point from the output file to the analyzed sources; --link-base overrides', async () => {
  const { root, resultFile } = await saveResult();
  const run = await runCliCaptured(['report', resultFile, '--format', 'markdown', '--output', path.join(root, 'docs', 'seams.md')]);
  assert.equal(run.code, 0, run.stderr);
  assert.match(fs.readFileSync(path.join(root, 'docs', 'seams.md'), 'utf8'), /\[src\/a\.ts\]\(\.\.\/src\/a\.ts\)/);
  const url = await runCliCaptured(['report', resultFile, '--format', 'markdown', '--link-base', 'https://example.test/blob/main']);
  assert.match(url.stdout, /\(https:\/\/example\.test\/blob\/main\/src\/a\.ts\)/);
});

test('cli analyze: repeated --format writes <base>.<extension> for each (a report extension on --output is replaced)', async () => {
  const root = createTempRepo(smallRepo);
  const run = await runCliCaptured(['analyze', root, '--format', 'html', '--format', 'sarif,markdown', '--output', path.join(root, 'out', 'seams.html')]);
  assert.equal(run.code, 0, run.stderr);
  assert.deepEqual(fs.readdirSync(path.join(root, 'out')).sort(), ['seams.html', 'seams.md', 'seams.sarif']);
  assert.match(run.stderr, /wrote html to .*seams\.html\n.*wrote sarif to .*seams\.sarif\n.*wrote markdown to .*seams\.md/);
});

test('cli analyze: --level module gives a module-level diagram', async () => {
  const root = createTempRepo(smallRepo);
  const run = await runCliCaptured(['analyze', root, '--format', 'mermaid', '--level', 'module']);
  assert.equal(run.code, 0, run.stderr);
  assert.match(run.stdout, /m0\["src\/a\.ts"\]/);
});

const usageErrors: { name: string; argv: (file: string) => string[]; message: RegExp }[] = [
  { name: 'no result file', argv: () => ['report'], message: /report takes one result file/ },
  { name: 'missing result file', argv: () => ['report', '/nonexistent/seams.json'], message: /Result file not found: \/nonexistent\/seams\.json/ },
  { name: 'several formats to stdout', argv: (file) => ['report', file, '--format', 'html', '--format', 'sarif'], message: /2 formats \(html, sarif\) need --output <base>/ },
  { name: 'unknown format', argv: (file) => ['report', file, '--format', 'pdf'], message: /Unknown --format "pdf"/ },
  { name: 'bad level', argv: (file) => ['analyze', path.dirname(file), '--level', 'file'], message: /--level must be cluster or module/ },
];

for (const { name, argv, message } of usageErrors) {
  test(`cli report: exit 2 for ${name}`, async () => {
    const { resultFile } = await saveResult();
    const run = await runCliCaptured(argv(resultFile));
    assert.equal(run.code, 2, run.stderr);
    assert.match(run.stderr, message);
    assert.doesNotMatch(run.stderr, /\n\s+at /);
  });
}

test('cli report: exit 2 for a file that is not a result, saying what is wrong', async () => {
  const root = createTempRepo({ 'bad.json': '{ not json', 'old.json': '{"schemaVersion": 0}', 'partial.json': '{"schemaVersion": 1, "root": "."}' });
  const cases: [string, RegExp][] = [
    ['bad.json', /bad\.json is not JSON/],
    ['old.json', /old\.json is not a seams result of schemaVersion 1 \(schemaVersion: 0\)/],
    ['partial.json', /partial\.json does not match the result schema .*tool/],
  ];
  for (const [file, message] of cases) {
    const run = await runCliCaptured(['report', path.join(root, file), '--format', 'text']);
    assert.equal(run.code, 2, file);
    assert.match(run.stderr, message);
  }
});
