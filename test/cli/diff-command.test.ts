import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fixturePath, runCliCaptured } from '../helpers.js';

async function analyzeTo(file: string, extra: string[]): Promise<void> {
  const run = await runCliCaptured(['analyze', fixturePath('ecommerce'), '--format', 'json', '--output', file, ...extra]);
  assert.equal(run.code, 0, run.stderr);
}

test('cli diff: two runs of the same repo match every cluster; another resolution moves modules', async () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'seams-diff-'));
  const [a, b, c] = ['a.json', 'b.json', 'c.json'].map((name) => path.join(dir, name)) as [string, string, string];
  await analyzeTo(a, []);
  await analyzeTo(b, []);
  await analyzeTo(c, ['--resolution', '1.5']);
  const same = await runCliCaptured(['diff', a, b]);
  assert.equal(same.code, 0, same.stderr);
  assert.match(same.stdout, /clusters: \d+ matched, 0 new, 0 gone/);
  assert.match(same.stdout, /modules: 0 moved, 0 new, 0 gone/);
  assert.match(same.stdout, /findings: 0 new, 0 gone/);
  const other = await runCliCaptured(['diff', a, c, '--format', 'json']);
  assert.equal(other.code, 0, other.stderr);
  const diff = JSON.parse(other.stdout);
  assert.ok(diff.modules.moved.length > 0);
  for (const move of diff.modules.moved) assert.notEqual(move.from, move.to);
});

const errors: { name: string; argv: string[]; message: RegExp }[] = [
  { name: 'one file', argv: ['diff', 'a.json'], message: /two result files/ },
  { name: 'unreadable file', argv: ['diff', '/nonexistent/a.json', '/nonexistent/b.json'], message: /Cannot read result file/ },
];
for (const { name, argv, message } of errors) {
  test(`cli diff: ${name} → exit 2 with a message`, async () => {
    const run = await runCliCaptured(argv);
    assert.equal(run.code, 2);
    assert.match(run.stderr, message);
  });
}
