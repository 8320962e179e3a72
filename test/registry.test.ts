import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { analyzers } from '../analyzers/index.js';
import { reporters } from '../reports/index.js';
import { PACKAGE_ROOT } from '../src/version.js';

test('registry: every analyzer folder is registered under its own id', () => {
  const folders = fs
    .readdirSync(path.join(PACKAGE_ROOT, 'analyzers'), { withFileTypes: true })
    .filter((entry) => entry.isDirectory() && fs.existsSync(path.join(PACKAGE_ROOT, 'analyzers', entry.name, 'index.ts')))
    .map((entry) => entry.name)
    .sort();
  assert.deepEqual(Object.keys(analyzers).sort(), folders);
  for (const [id, analyzer] of Object.entries(analyzers)) assert.equal(analyzer.id, id);
});

test('registry: every reporter file (or folder with an index.ts) is registered under its own id', () => {
  const directory = path.join(PACKAGE_ROOT, 'reports');
  const files = fs
    .readdirSync(directory, { withFileTypes: true })
    .filter((entry) => (entry.isFile() && entry.name.endsWith('.ts') && entry.name !== 'index.ts') || (entry.isDirectory() && fs.existsSync(path.join(directory, entry.name, 'index.ts'))))
    .map((entry) => entry.name.replace(/\.ts$/, ''))
    .sort();
  assert.deepEqual(Object.keys(reporters).sort(), files);
  for (const [id, reporter] of Object.entries(reporters)) assert.equal(reporter.id, id);
});

test('registry: every SQL detector file is registered under its own id and has a table-driven test', async () => {
  const { sqlDetectors } = await import('../analyzers/sql/detectors/index.js');
  const directory = path.join(PACKAGE_ROOT, 'analyzers', 'sql', 'detectors');
  const files = fs.readdirSync(directory).filter((name) => name.endsWith('.ts') && name !== 'index.ts').map((name) => name.replace(/\.ts$/, '')).sort();
  assert.deepEqual(sqlDetectors.map((detector) => detector.id).sort(), files);
  for (const id of files) {
    assert.ok(fs.existsSync(path.join(PACKAGE_ROOT, 'test', 'analyzers', 'sql', 'detectors', `${id}.test.ts`)), `no test for detector ${id}`);
  }
});

test('registry: every transaction detector file is registered under its own id and has a table-driven test', async () => {
  const { transactionDetectors } = await import('../analyzers/transactions/detectors/index.js');
  const directory = path.join(PACKAGE_ROOT, 'analyzers', 'transactions', 'detectors');
  const files = fs.readdirSync(directory).filter((name) => name.endsWith('.ts') && name !== 'index.ts').map((name) => name.replace(/\.ts$/, '')).sort();
  assert.deepEqual(Object.keys(transactionDetectors).sort(), files);
  for (const [id, detector] of Object.entries(transactionDetectors)) assert.equal(detector.id, id);
  for (const id of files) {
    assert.ok(fs.existsSync(path.join(PACKAGE_ROOT, 'test', 'analyzers', 'transactions', 'detectors', `${id}.test.ts`)), `no test for detector ${id}`);
  }
});

for (const [analyzer, load] of [
  ['entry-points', async () => (await import('../analyzers/entry-points/detectors/index.js')).entryPointDetectors],
  ['events', async () => (await import('../analyzers/events/detectors/index.js')).eventDetectors],
] as const) {
  test(`registry: every ${analyzer} detector file is registered under its own id and has a table-driven test`, async () => {
    const detectors = await load();
    const directory = path.join(PACKAGE_ROOT, 'analyzers', analyzer, 'detectors');
    const files = fs.readdirSync(directory).filter((name) => name.endsWith('.ts') && name !== 'index.ts').map((name) => name.replace(/\.ts$/, '')).sort();
    assert.deepEqual(detectors.map((detector) => detector.id).sort(), files);
    for (const id of files) {
      assert.ok(fs.existsSync(path.join(PACKAGE_ROOT, 'test', 'analyzers', analyzer, 'detectors', `${id}.test.ts`)), `no test for ${analyzer} detector ${id}`);
    }
  });
}
