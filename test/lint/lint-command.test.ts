import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { createTempRepo, runCliCaptured } from '../helpers.js';

const BOUNDARIES = JSON.stringify({
  version: 1,
  typeImports: 'warn',
  domains: { billing: { paths: ['src/billing/**'] }, catalog: { paths: ['src/catalog/**'] }, orders: { paths: ['src/orders/**'] } },
});

const FILES = {
  'seams.boundaries.json': BOUNDARIES,
  'src/billing/index.ts': "import { price } from '../catalog/index';\nimport type { Order } from '../orders/index';\nexport const bill = price;",
  'src/catalog/index.ts': 'export const price = 1;',
  'src/orders/index.ts': 'export const order = 1;\nexport type Order = { id: string };',
};

test('lint cli: exit 0 when clean, 1 on a new violation, with the file:line, rule, domains and fix', async () => {
  const clean = createTempRepo({ ...FILES, 'src/billing/index.ts': 'export const bill = 1;' });
  const ok = await runCliCaptured(['lint', clean]);
  assert.equal(ok.code, 0);
  assert.match(ok.stdout, /✔ seams lint: 0 new violations/);
  const root = createTempRepo(FILES);
  const failed = await runCliCaptured(['lint'], { cwd: root });
  assert.equal(failed.code, 1, 'dir defaults to the working directory');
  assert.match(failed.stdout, /✖ seams lint: 1 new violation · 0 baselined · 0 stale baseline entries · 1 warning/);
  assert.match(failed.stdout, /billing → catalog \(1\)\n {2}src\/billing\/index\.ts:1 {2}forbidden-dependency {2}billing may not depend on catalog: imports src\/catalog\/index\.ts\n {2}fix: .*add "catalog" to domains\.billing\.dependsOn/);
  assert.match(failed.stdout, /warnings \(type-only imports; they never fail the run\):\nbilling → orders \(1\)\n {2}src\/billing\/index\.ts:2 {2}forbidden-dependency \(type-only\)/);
});

test('lint cli: colour only on a terminal and not with NO_COLOR', async () => {
  const root = createTempRepo(FILES);
  assert.match((await runCliCaptured(['lint', root], { tty: true })).stdout, /\u001b\[31mforbidden-dependency/);
  assert.doesNotMatch((await runCliCaptured(['lint', root], { tty: true, env: { NO_COLOR: '1' } })).stdout, /\u001b\[/);
  assert.doesNotMatch((await runCliCaptured(['lint', root])).stdout, /\u001b\[/);
});

test('lint cli: json is deterministic and names every violation', async () => {
  const root = createTempRepo(FILES);
  const first = await runCliCaptured(['lint', root, '--format', 'json']);
  const second = await runCliCaptured(['lint', root, '--format', 'json', '--no-cache']);
  assert.equal(first.code, 1);
  assert.equal(first.stdout, second.stdout, 'same output cold, warm or without cache');
  const report = JSON.parse(first.stdout);
  assert.deepEqual(report.summary, { files: 3, checkedFiles: 3, unassignedFiles: 0, new: 1, baselined: 0, stale: 0, warnings: 1, unresolvedImports: 0 });
  assert.deepEqual(
    report.violations.map((v: Record<string, unknown>) => [v.rule, v.from, v.to, v.fromDomain, v.toDomain, v.locations]),
    [['forbidden-dependency', 'src/billing/index.ts', 'src/catalog/index.ts', 'billing', 'catalog', [{ file: 'src/billing/index.ts', line: 1 }]]],
  );
});

test('lint cli: sarif is a minimal valid 2.1.0 log with the rules and located results', async () => {
  const root = createTempRepo(FILES);
  const output = path.join(root, 'out', 'seams.sarif');
  const run = await runCliCaptured(['lint', root, '--output', output]);
  assert.equal(run.code, 1);
  assert.equal(run.stdout, '');
  const sarif = JSON.parse(fs.readFileSync(output, 'utf8'));
  assert.equal(sarif.version, '2.1.0');
  const [only] = sarif.runs;
  assert.deepEqual(only.tool.driver.rules.map((rule: { id: string }) => rule.id), ['forbidden-dependency', 'private-import', 'foreign-table-write']);
  assert.deepEqual(
    only.results.map((result: { ruleId: string; level: string; ruleIndex: number; locations: { physicalLocation: { artifactLocation: { uri: string }; region: { startLine: number } } }[] }) => [
      result.ruleId,
      result.ruleIndex,
      result.level,
      result.locations[0]?.physicalLocation.artifactLocation.uri,
      result.locations[0]?.physicalLocation.region.startLine,
    ]),
    [
      ['forbidden-dependency', 0, 'error', 'src/billing/index.ts', 1],
      ['forbidden-dependency', 0, 'warning', 'src/billing/index.ts', 2],
    ],
  );
});

test('lint cli: GitHub Actions annotations when GITHUB_ACTIONS is set, escaped', async () => {
  const root = createTempRepo(FILES);
  const plain = await runCliCaptured(['lint', root]);
  assert.doesNotMatch(plain.stdout, /::error/);
  const actions = await runCliCaptured(['lint', root], { env: { GITHUB_ACTIONS: 'true' } });
  assert.match(actions.stdout, /✖ seams lint/, 'the text report stays');
  assert.match(actions.stdout, /\n::error file=src\/billing\/index\.ts,line=1,title=seams forbidden-dependency%3A billing → catalog::billing may not depend on catalog: imports src\/catalog\/index\.ts\. Fix: /);
  assert.match(actions.stdout, /\n::warning file=src\/billing\/index\.ts,line=2,/);
  const only = await runCliCaptured(['lint', root, '--format', 'github']);
  assert.match(only.stdout, /^::error file=/);
});

const usageErrors: { name: string; argv: string[]; message: RegExp }[] = [
  { name: 'an unknown format', argv: ['--format', 'xml'], message: /Unknown --format "xml". Formats: text, json, sarif, github/ },
  { name: 'two directories', argv: ['a', 'b'], message: /lint takes one directory; got 2/ },
  { name: 'an unknown option', argv: ['--fix'], message: /Unknown option '--fix'/ },
];

for (const { name, argv, message } of usageErrors) {
  test(`lint cli: exit 2 for ${name}`, async () => {
    const run = await runCliCaptured(['lint', ...argv], { cwd: createTempRepo(FILES) });
    assert.equal(run.code, 2);
    assert.match(run.stderr, message);
  });
}

test('lint cli: exit 2 for a missing directory, 3 when the report cannot be written', async () => {
  const missing = await runCliCaptured(['lint', '/nonexistent/seams-lint']);
  assert.equal(missing.code, 2);
  assert.match(missing.stderr, /Directory not found/);
  const root = createTempRepo(FILES);
  const unwritable = await runCliCaptured(['lint', root, '--output', path.join(root, 'src/catalog/index.ts', 'x.json')]);
  assert.equal(unwritable.code, 3);
  assert.match(unwritable.stderr, /Cannot write json/);
});

function git(root: string, ...args: string[]): void {
  execFileSync('git', args, { cwd: root, stdio: 'ignore', env: { ...process.env, GIT_AUTHOR_NAME: 't', GIT_AUTHOR_EMAIL: 't@t', GIT_COMMITTER_NAME: 't', GIT_COMMITTER_EMAIL: 't@t' } });
}

test('lint cli: --changed-since checks only edges from changed files; a bad ref is exit 2; a boundaries change checks everything', async () => {
  const root = createTempRepo({ ...FILES, 'src/orders/index.ts': "import { price } from '../catalog/index';\nexport const order = price;\nexport type Order = { id: string };" });
  git(root, 'init', '-q');
  git(root, 'add', '-A');
  git(root, 'commit', '-qm', 'base');
  const full = await runCliCaptured(['lint', root, '--format', 'json']);
  assert.equal(JSON.parse(full.stdout).summary.new, 2);

  const nothing = await runCliCaptured(['lint', root, '--changed-since', 'HEAD']);
  assert.equal(nothing.code, 0, 'no changed file, nothing to check');
  assert.match(nothing.stdout, /checked 0 changed files \(since HEAD\)/);

  fs.appendFileSync(path.join(root, 'src/orders/index.ts'), '\n// touched\n');
  fs.writeFileSync(path.join(root, 'src/catalog/new.ts'), "import { order } from '../orders/index';\nexport const n = order;");
  const changed = await runCliCaptured(['lint', root, '--changed-since', 'HEAD', '--format', 'json']);
  const report = JSON.parse(changed.stdout);
  assert.equal(changed.code, 1);
  assert.deepEqual(report.scope, { kind: 'changed', ref: 'HEAD', changedFiles: 2 });
  assert.deepEqual(report.violations.map((v: { from: string; to: string }) => `${v.from} > ${v.to}`), ['src/catalog/new.ts > src/orders/index.ts', 'src/orders/index.ts > src/catalog/index.ts'], 'modified and untracked files, not the unchanged billing');

  const bad = await runCliCaptured(['lint', root, '--changed-since', 'no-such-branch']);
  assert.equal(bad.code, 2);
  assert.match(bad.stderr, /--changed-since no-such-branch: git does not know "no-such-branch"/);
  const option = await runCliCaptured(['lint', root, '--changed-since', '--output=x']);
  assert.equal(option.code, 2);

  fs.writeFileSync(path.join(root, 'seams.boundaries.json'), BOUNDARIES.replace('"typeImports":"warn"', '"typeImports":"deny"'));
  const boundariesChanged = await runCliCaptured(['lint', root, '--changed-since', 'HEAD']);
  assert.match(boundariesChanged.stdout, /seams\.boundaries\.json changed, so every file is checked/);
  assert.match(boundariesChanged.stdout, /4 new violations/);

  const notGit = await runCliCaptured(['lint', createTempRepo(FILES), '--changed-since', 'HEAD']);
  assert.equal(notGit.code, 2);
  assert.match(notGit.stderr, /--changed-since HEAD: /);
});

test('lint cli: help for lint and boundaries, and both listed in the main help', async () => {
  assert.match((await runCliCaptured(['lint', '--help'])).stdout, /Usage: seams lint \[dir\] \[options\][\s\S]*--changed-since <ref>/);
  assert.match((await runCliCaptured(['help', 'lint'])).stdout, /Usage: seams lint/);
  assert.match((await runCliCaptured(['boundaries', '--help'])).stdout, /Usage: seams boundaries init \[dir\][\s\S]*--from-folders/);
  const main = await runCliCaptured(['--help']);
  assert.match(main.stdout, /lint \[dir\] +check imports against the committed boundaries file/);
  assert.match(main.stdout, /boundaries init \[dir\]/);
  const bare = await runCliCaptured(['boundaries']);
  assert.equal(bare.code, 2);
});
