import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createTempRepo, runCliCaptured } from '../helpers.js';
import { chooseAnalyzers } from '../../src/cli/analyze-command.js';

const repo = {
  'src/a.ts': "import { b } from './b';\nexport async function a(client: { query(sql: string): Promise<unknown> }) { await client.query('SELECT id FROM users'); return b; }",
  'src/b.ts': 'export const b = 1;',
};

test('cli: --performance prints one row per stage with time and memory on stderr, the report stays on stdout', async () => {
  const run = await runCliCaptured(['analyze', createTempRepo(repo), '--format', 'json', '--performance']);
  assert.equal(run.code, 0);
  assert.match(run.stderr, /seams: performance/);
  for (const stage of ['discover', 'extract', 'build graph', 'calls', 'types', 'link tables', 'trace', 'cluster', 'result', 'total']) {
    assert.match(run.stderr, new RegExp(`\\n  ${stage} +\\d+ ms`), stage);
  }
  assert.match(run.stderr, /\d+ MiB/);
  assert.equal(JSON.parse(run.stdout).stats.files, 2);
});

test('cli: --analyzers imports builds the import graph without table accesses', async () => {
  const root = createTempRepo(repo);
  const all = JSON.parse((await runCliCaptured(['analyze', root, '--format', 'json'])).stdout);
  const importsOnly = JSON.parse((await runCliCaptured(['analyze', root, '--format', 'json', '--analyzers', 'imports'])).stdout);
  assert.equal(all.stats.tables.accesses, 1);
  assert.equal(importsOnly.stats.tables.accesses, 0);
  assert.equal(importsOnly.stats.imports.internal, all.stats.imports.internal);
});

test('cli: --analyzers names registered analyzers; anything else is a usage error listing them', async () => {
  assert.deepEqual(chooseAnalyzers('imports, sql,imports').map((analyzer) => analyzer.id), ['imports', 'sql']);
  assert.deepEqual(chooseAnalyzers(undefined).map((analyzer) => analyzer.id), ['imports', 'calls', 'sql', 'transactions', 'entry-points', 'events']);
  for (const value of ['sqll', '', ',']) {
    const run = await runCliCaptured(['analyze', createTempRepo(repo), '--analyzers', value]);
    assert.equal(run.code, 2, value);
    assert.match(run.stderr, /Unknown --analyzers ".*". Analyzers: imports, calls, sql, transactions, entry-points, events/);
  }
});
