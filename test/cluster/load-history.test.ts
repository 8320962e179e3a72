import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { HISTORY_UNAVAILABLE, parseGitLog, toHistory, MAXIMUM_COMMIT_SIZE } from '../../src/cluster/load-history.js';
import { analyze } from '../../src/pipeline/analyze.js';
import { createTempRepo } from '../helpers.js';

const log = ['\u001eAnn@x.org', '', 'src/a.ts', 'src/b.ts', 'README.md', '\u001eann@x.org', '', 'src/a.ts', 'src/b.ts', '\u001ebob@x.org', '', 'src/b.ts', 'src/c.ts', ''].join('\n');

test('history: parses git log records; pairs changed together twice or more become co-changes; owners are the main authors', () => {
  const commits = parseGitLog(log);
  assert.deepEqual(commits, [
    { author: 'ann@x.org', files: ['src/a.ts', 'src/b.ts', 'README.md'] },
    { author: 'ann@x.org', files: ['src/a.ts', 'src/b.ts'] },
    { author: 'bob@x.org', files: ['src/b.ts', 'src/c.ts'] },
  ]);
  const history = toHistory(commits, new Set(['src/a.ts', 'src/b.ts', 'src/c.ts']));
  assert.equal(history.commits, 3);
  assert.deepEqual(history.coChanges, [{ a: 'src/a.ts', b: 'src/b.ts', commits: 2 }]);
  assert.deepEqual([...history.owners], [['src/a.ts', 'ann@x.org'], ['src/b.ts', 'ann@x.org'], ['src/c.ts', 'bob@x.org']]);
});

test('history: bulk commits give no co-change', () => {
  const files = Array.from({ length: MAXIMUM_COMMIT_SIZE + 1 }, (_, index) => `f${index}.ts`);
  const history = toHistory([{ author: 'a', files }, { author: 'a', files }], new Set(files));
  assert.deepEqual(history.coChanges, []);
  assert.equal(history.owners.size, files.length);
});

test('history: outside a git repository the run goes on with a diagnostic', () => {
  const root = createTempRepo({ 'src/a.ts': "import { b } from './b';\nexport const a = b;", 'src/b.ts': 'export const b = 1;' });
  const result = analyze({ root, history: 50 });
  assert.equal(result.options.history, 50);
  assert.ok(result.diagnostics.some((diagnostic) => diagnostic.code === HISTORY_UNAVAILABLE), JSON.stringify(result.diagnostics));
  assert.equal(result.modules.length, 2);
});

const hasGit = spawnSync('git', ['--version']).status === 0;
test('history: in a git repository, files committed together get a co-change edge', { skip: hasGit ? false : 'git is not installed' }, () => {
  const root = createTempRepo({ 'src/a.ts': 'export const a = 1;', 'src/b.ts': 'export const b = 1;', 'src/c.ts': 'export const c = 1;' });
  const git = (...args: string[]) => {
    const run = spawnSync('git', ['-c', 'user.email=dev@example.org', '-c', 'user.name=Dev', ...args], { cwd: root, encoding: 'utf8' });
    assert.equal(run.status, 0, run.stderr);
  };
  git('init', '-q');
  git('add', '.');
  git('commit', '-qm', 'one');
  for (const round of [1, 2]) {
    for (const file of ['src/a.ts', 'src/b.ts']) createTempRepoFile(root, file, `export const x = ${round};`);
    git('commit', '-qam', `change ${round}`);
  }
  const result = analyze({ root, history: 10 });
  const coChange = result.edges.filter((edge) => edge.kind === 'co-change');
  assert.deepEqual(coChange.map((edge) => [edge.from, edge.to, edge.weight]), [['src/a.ts', 'src/b.ts', 3]]);
  assert.equal(result.clusters.find((cluster) => cluster.modules.includes('src/a.ts'))?.modules.includes('src/b.ts'), true);
});

function createTempRepoFile(root: string, file: string, text: string): void {
  fs.writeFileSync(path.join(root, file), text);
}
