import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { compareWithBaseline, formatBaseline, toUpdatedBaseline, type BaselineEntry } from '../../src/lint/baseline.js';
import type { Violation } from '../../src/lint/rules.js';
import { createTempRepo, runCliCaptured } from '../helpers.js';

const BOUNDARIES = JSON.stringify({
  version: 1,
  domains: { billing: { paths: ['src/billing/**'] }, catalog: { paths: ['src/catalog/**'] }, orders: { paths: ['src/orders/**'] } },
});

function write(root: string, file: string, text: string): void {
  fs.writeFileSync(path.join(root, file), text);
}

test('baseline round trip: a new violation fails, a baselined one passes, a fixed one is stale, update removes it', async () => {
  const root = createTempRepo({
    'seams.boundaries.json': BOUNDARIES,
    'src/billing/index.ts': "import { price } from '../catalog/index';\nexport const bill = price;",
    'src/catalog/index.ts': 'export const price = 1;',
    'src/orders/index.ts': 'export const order = 1;',
  });
  const baselineFile = path.join(root, 'seams.baseline.json');

  const first = await runCliCaptured(['lint', root]);
  assert.equal(first.code, 1, 'a violation not in the (missing) baseline fails');
  assert.match(first.stdout, /billing → catalog \(1\)\n {2}src\/billing\/index\.ts:1 {2}forbidden-dependency/);

  const update = await runCliCaptured(['lint', root, '--update-baseline']);
  assert.equal(update.code, 0);
  assert.match(update.stderr, /seams\.baseline\.json: 1 added, 0 removed, 1 known violations/);
  const written = fs.readFileSync(baselineFile, 'utf8');
  assert.equal(written, '{\n  "version": 1,\n  "violations": [\n    {"from":"src/billing/index.ts","to":"src/catalog/index.ts","kind":"import","rule":"forbidden-dependency"}\n  ]\n}\n');
  assert.deepEqual(fs.readdirSync(root).filter((name) => name.endsWith('.tmp')), [], 'no temporary file left behind');

  const baselined = await runCliCaptured(['lint', root]);
  assert.equal(baselined.code, 0);
  assert.match(baselined.stdout, /0 new violations · 1 baselined · 0 stale baseline entries/);

  write(root, 'src/billing/index.ts', '\n\n// moved down: line numbers are not part of the key\nimport { price } from "../catalog/index";\nexport const bill = price;');
  assert.equal((await runCliCaptured(['lint', root])).code, 0, 'edits elsewhere in the file do not churn the baseline');
  await runCliCaptured(['lint', root, '--update-baseline']);
  assert.equal(fs.readFileSync(baselineFile, 'utf8'), written, 'an update with nothing new rewrites nothing');

  write(root, 'src/orders/index.ts', "import { bill } from '../billing/index';\nexport const order = bill;");
  const fresh = await runCliCaptured(['lint', root]);
  assert.equal(fresh.code, 1, 'a new violation fails beside a baselined one');
  assert.match(fresh.stdout, /1 new violation · 1 baselined/);
  assert.match(fresh.stdout, /orders → billing \(1\)/);
  assert.doesNotMatch(fresh.stdout, /billing → catalog/, 'baselined violations are not listed');

  write(root, 'src/orders/index.ts', 'export const order = 1;');
  write(root, 'src/billing/index.ts', 'export const bill = 1;');
  const stale = await runCliCaptured(['lint', root]);
  assert.equal(stale.code, 0, 'a stale entry is reported but does not fail by default');
  assert.match(stale.stdout, /1 stale baseline entry/);
  assert.match(stale.stdout, /src\/billing\/index\.ts → src\/catalog\/index\.ts {2}import {2}forbidden-dependency/);
  const strict = await runCliCaptured(['lint', root, '--strict-baseline']);
  assert.equal(strict.code, 1, '--strict-baseline fails on stale entries');

  const removed = await runCliCaptured(['lint', root, '--update-baseline']);
  assert.match(removed.stderr, /0 added, 1 removed, 0 known violations/);
  assert.equal(fs.readFileSync(baselineFile, 'utf8'), '{\n  "version": 1,\n  "violations": []\n}\n');
  assert.equal((await runCliCaptured(['lint', root, '--strict-baseline'])).code, 0);
});

function violation(from: string, to: string, rule: Violation['rule'] = 'forbidden-dependency', severity: Violation['severity'] = 'error'): Violation {
  return { rule, severity, kind: 'import', from, to, fromDomain: 'a', toDomain: 'b', locations: [{ file: from, line: 1 }], message: '', fix: '' };
}

function entry(from: string, to: string, rule: BaselineEntry['rule'] = 'forbidden-dependency'): BaselineEntry {
  return { from, to, kind: 'import', rule };
}

test('baseline: entries are keyed by from, to, kind and rule; warnings never enter it; only checked files can be stale', () => {
  const baseline = [entry('src/a.ts', 'src/b.ts'), entry('src/c.ts', 'src/d.ts'), entry('src/a.ts', 'src/e.ts', 'private-import')];
  const violations = [violation('src/a.ts', 'src/b.ts'), violation('src/a.ts', 'src/e.ts'), violation('src/x.ts', 'src/y.ts', 'forbidden-dependency', 'warning')];
  const all = compareWithBaseline(violations, baseline, () => true);
  assert.deepEqual(all.known.map((v) => v.to), ['src/b.ts']);
  assert.deepEqual(all.fresh.map((v) => `${v.to} ${v.rule}`), ['src/e.ts forbidden-dependency'], 'another rule on the same edge is new');
  assert.deepEqual(all.stale, [entry('src/a.ts', 'src/e.ts', 'private-import'), entry('src/c.ts', 'src/d.ts')]);
  const onlyA = compareWithBaseline(violations, baseline, (from) => from === 'src/a.ts');
  assert.deepEqual(onlyA.stale, [entry('src/a.ts', 'src/e.ts', 'private-import')], 'entries of unchecked files are never stale');
  assert.deepEqual(toUpdatedBaseline(baseline, onlyA), [entry('src/a.ts', 'src/b.ts'), entry('src/a.ts', 'src/e.ts'), entry('src/c.ts', 'src/d.ts')], 'unchecked entries are kept');
});

test('baseline: the file is sorted and stable whatever the order of the violations', () => {
  const entries = [entry('src/b.ts', 'src/a.ts'), entry('src/a.ts', 'src/z.ts'), entry('src/a.ts', 'src/c.ts')];
  const text = formatBaseline(entries);
  assert.equal(text, formatBaseline([...entries].reverse()));
  assert.deepEqual(JSON.parse(text).violations.map((e: BaselineEntry) => `${e.from}>${e.to}`), ['src/a.ts>src/c.ts', 'src/a.ts>src/z.ts', 'src/b.ts>src/a.ts']);
});
