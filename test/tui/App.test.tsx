import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { toBoundariesFile } from '../../src/whatif/to-boundaries-file.js';
import { applyMoves } from '../../src/whatif/apply-moves.js';
import type { Key } from 'ink';
import { splitKeys } from '../../src/tui/App.js';
import { loadTuiResult } from '../whatif/golden-result.js';
import { createLargeResult } from '../whatif/synthetic-result.js';
import { KEYS, renderApp } from './render-app.js';

const fixture = loadTuiResult();

/** The selected row's text (after the › marker). */
function selectedRow(frame: string): string {
  const line = frame.split('\n').find((row) => row.startsWith('›'));
  return (line ?? '').slice(1).trim();
}

/** Candidate names in the order the list shows them. */
function candidateOrder(frame: string): string[] {
  return frame
    .split('\n')
    .slice(3)
    .map((line) => /^[› ] (\S+)(?: \(shared kernel\))?\s+\d/.exec(line)?.[1])
    .filter((name): name is string => name !== undefined);
}

test('tui keys: j/k/G/g move the selection, Enter opens, Esc goes back where it was', async () => {
  const app = await renderApp(fixture);
  assert.match(selectedRow(app.frame()), /^accounts/);
  await app.press('j', 'j');
  assert.match(selectedRow(app.frame()), /^cart/);
  await app.press('G');
  assert.match(selectedRow(app.frame()), /^shop/);
  await app.press('g', KEYS.down);
  assert.match(selectedRow(app.frame()), /^billing/);
  await app.press(KEYS.enter);
  assert.match(app.frame(), /billing › \[1 modules\]/);
  await app.press(KEYS.tab, KEYS.tab);
  assert.match(app.frame(), /\[3 deps\]/);
  await app.press(KEYS.shiftTab);
  assert.match(app.frame(), /\[2 tables\]/);
  await app.press(KEYS.escape);
  assert.match(app.frame(), /Candidates · sorted by name/);
  assert.match(selectedRow(app.frame()), /^billing/);
  app.unmount();
});

test('tui keys: a burst of keys (typed ahead or sent by a script) is handled key by key', async () => {
  const app = await renderApp(fixture);
  await app.press('jj\r3');
  assert.match(app.frame(), /cart › .*\[3 deps\]/);
  app.unmount();
  assert.deepEqual(splitKeys('j\r', {} as Key).map(([input, key]) => [input, key.return]), [['j', false], ['', true]]);
});

test('tui keys: s sorts by each column in turn (numbers largest first), S reverses', async () => {
  const app = await renderApp(fixture);
  assert.deepEqual(candidateOrder(app.frame()), ['accounts', 'billing', 'cart', 'checkout', 'inventory', 'messaging', 'search', 'shared', 'shop']);
  await app.press('s');
  assert.match(app.frame(), /sorted by modules ↓/);
  assert.deepEqual(candidateOrder(app.frame()).slice(0, 3), ['shared', 'checkout', 'shop']);
  await app.press('S');
  assert.deepEqual(candidateOrder(app.frame()).slice(0, 1), ['cart']);
  await app.press('s', 's', 's');
  assert.match(app.frame(), /sorted by findings ↓/);
  assert.equal(candidateOrder(app.frame())[0], 'checkout');
  app.unmount();
});

test('tui what-if: moving a module recomputes findings and couplings at once; u undoes, U redoes', async () => {
  const app = await renderApp(fixture);
  // cart › src/jobs/purgeStale.ts (writes carts) → accounts: carts gets a second writer.
  await app.press('j', 'j', KEYS.enter, 'j', 'j');
  assert.match(selectedRow(app.frame()), /^purgeStale\.ts/);
  await app.press('m');
  assert.match(app.frame(), /move src\/jobs\/purgeStale\.ts to/);
  await app.press(KEYS.enter);
  const moved = applyMoves(fixture, [{ kind: 'module', module: 'src/jobs/purgeStale.ts', to: 'accounts' }]);
  assert.match(app.frame(), new RegExp(`${moved.findings.length} findings · what-if: 1 move`));
  assert.match(app.frame(), new RegExp(`Moved src/jobs/purgeStale\\.ts → accounts · findings ${fixture.findings.length}→${moved.findings.length}`));
  assert.doesNotMatch(app.frame(), /purgeStale\.ts\s+38/);
  await app.press('2');
  assert.match(app.frame(), /carts\s+owned, shared\s+cart\s+accounts, cart/);
  await app.press('u');
  assert.match(app.frame(), new RegExp(`Undid src/jobs/purgeStale\\.ts → accounts · findings ${moved.findings.length}→${fixture.findings.length}`));
  assert.match(app.frame(), /carts\s+owned\s+cart\s+cart\s/);
  await app.press('U');
  assert.match(app.frame(), /Redid src\/jobs\/purgeStale\.ts → accounts/);
  await app.press(KEYS.ctrlR);
  assert.match(app.frame(), /Nothing to redo/);
  app.unmount();
});

test('tui what-if: a folder to a new candidate, a table to another; the list shows them', async () => {
  const app = await renderApp(fixture);
  // cart › src/modules/cart/ folder → new candidate "basket".
  await app.press('j', 'j', KEYS.enter);
  for (let step = 0; step < 20 && !/^▾ modules\/cart\//.test(selectedRow(app.frame())); step += 1) await app.press('j');
  assert.match(selectedRow(app.frame()), /^▾ modules\/cart\//);
  await app.press('m', 'G', KEYS.enter, 'b', 'a', 's', 'k', 'e', 'e', KEYS.backspace, 't', KEYS.enter);
  assert.match(app.frame(), /Moved src\/modules\/cart\/ \(folder\) → basket/);
  // carts table (cart) → basket.
  await app.press('2', 'j', 'm');
  const picker = app.frame();
  const targets = picker.split('\n').slice(3).map((line) => line.slice(2).split(/\s+/)[0]);
  assert.ok(targets.includes('basket'));
  await app.press(...Array(targets.indexOf('basket')).fill('j'), KEYS.enter);
  assert.match(app.frame(), /Moved table carts → basket/);
  await app.press('c');
  const after = applyMoves(fixture, [{ kind: 'folder', folder: 'src/modules/cart/', to: 'basket' }, { kind: 'table', table: 'carts', to: 'basket' }]);
  for (const id of ['basket', 'cart']) {
    const cluster = after.clusters.find((candidate) => candidate.id === id);
    assert.ok(cluster);
    assert.match(app.frame(), new RegExp(`${id}\\s+${cluster.modules.length}\\s+${cluster.tables.length}\\s`));
  }
  app.unmount();
});

test('tui what-if: w saves the boundaries file; an existing one is kept unless y', async () => {
  const directory = fs.mkdtempSync(path.join(os.tmpdir(), 'seams-tui-'));
  const target = path.join(directory, 'seams.boundaries.json');
  const app = await renderApp(fixture, { cwd: directory, boundariesPath: target });
  await app.press('j', 'j', KEYS.enter, 'j', 'j', 'm', KEYS.enter, 'w');
  assert.match(app.frame(), /Save boundaries to: seams\.boundaries\.json█/);
  await app.press(KEYS.enter);
  assert.match(app.frame(), /Wrote seams\.boundaries\.json: 8 domains/);
  const moved = applyMoves(fixture, [{ kind: 'module', module: 'src/jobs/purgeStale.ts', to: 'accounts' }]);
  assert.deepEqual(JSON.parse(fs.readFileSync(target, 'utf8')), toBoundariesFile(moved));
  await app.press('u', 'w', KEYS.enter);
  assert.match(app.frame(), /seams\.boundaries\.json exists\. Overwrite it\? \(y\/n\)/);
  await app.press('n');
  assert.match(app.frame(), /Not saved: seams\.boundaries\.json exists and was kept/);
  assert.deepEqual(JSON.parse(fs.readFileSync(target, 'utf8')), toBoundariesFile(moved));
  await app.press('w', KEYS.enter, 'y');
  assert.deepEqual(JSON.parse(fs.readFileSync(target, 'utf8')), toBoundariesFile(fixture));
  await app.press('w', ...Array(30).fill(KEYS.backspace), 'o', 't', 'h', 'e', 'r', '.', 'j', 's', 'o', 'n', KEYS.enter);
  assert.ok(fs.existsSync(path.join(directory, 'other.json')));
  assert.deepEqual(fs.readdirSync(directory).sort(), ['other.json', 'seams.boundaries.json']);
  app.unmount();
});

test('tui keys: e opens the selected file:line in the editor; nothing to open says so', async () => {
  const app = await renderApp(fixture);
  await app.press('e');
  assert.match(app.frame(), /Nothing to open here/);
  await app.press('f', KEYS.enter, 'j', 'e');
  assert.deepEqual(app.opened, [{ file: 'src/modules/checkout/checkoutService.ts', line: 59 }]);
  assert.match(app.frame(), /\(test\) opened src\/modules\/checkout\/checkoutService\.ts:59/);
  app.unmount();
});

test('tui keys: findings filter by kind with t', async () => {
  const app = await renderApp(fixture);
  await app.press('f');
  // The kind column is 18 wide: longer kinds end in an ellipsis.
  const shown = (kind: string) => (kind.length > 18 ? `${kind.slice(0, 17)}…` : kind);
  const count = (frame: string, kind: string) => frame.split('\n').filter((line) => new RegExp(`^[› ] \\w+\\s+${shown(kind)}\\s`).test(line)).length;
  const kinds = [...new Set(fixture.findings.map((finding) => finding.kind))].sort();
  // t cycles through the kinds in alphabetical order, then back to all.
  for (const kind of kinds) {
    await app.press('t');
    assert.match(app.frame(), new RegExp(`kind: ${kind} ·`));
    const expected = fixture.findings.filter((finding) => finding.kind === kind).length;
    assert.equal(count(app.frame(), kind), Math.min(expected, 20), kind);
    for (const other of kinds) if (shown(other) !== shown(kind)) assert.equal(count(app.frame(), other), 0, `${other} hidden under ${kind}`);
  }
  await app.press('t');
  assert.match(app.frame(), /kind: all ·/);
  app.unmount();
});

test('tui keys: / searches modules and tables; Enter opens the candidate at that row', async () => {
  const app = await renderApp(fixture);
  await app.press('/', 'c', 'a', 'r', 't', 's');
  assert.match(app.frame(), /table\s+carts\s+cart/);
  await app.press(KEYS.enter, 'G', KEYS.enter);
  assert.match(app.frame(), /cart › .*\[2 tables\]/);
  assert.match(selectedRow(app.frame()), /^carts/);
  await app.press(KEYS.escape, '/', KEYS.backspace, KEYS.backspace, KEYS.backspace, KEYS.backspace, KEYS.backspace, 'z', 'z', 'z');
  assert.match(app.frame(), /Nothing matches "zzz"/);
  app.unmount();
});

test('tui keys: q with unsaved moves asks first; n stays; ? shows the keys', async () => {
  const app = await renderApp(fixture);
  await app.press('?');
  assert.match(app.frame(), /^Keys +1-22 of 23$/m);
  await app.press(KEYS.escape, 'j', 'j', KEYS.enter, 'j', 'j', 'm', KEYS.enter, 'q');
  assert.match(app.frame(), /1 what-if move is not saved\. Quit anyway\?/);
  await app.press('n');
  assert.doesNotMatch(app.frame(), /Quit anyway/);
  app.unmount();
});

test('tui: a 15,000-module result draws only the rows that fit (virtualised) and reaches the last row', async () => {
  const large = createLargeResult(15_000);
  const app = await renderApp(large, { size: { columns: 100, rows: 30 } });
  assert.match(app.frame(), /30 candidates · 15000 modules/);
  await app.press(KEYS.enter);
  const frame = app.frame();
  assert.equal(frame.split('\n').length, 29);
  assert.match(frame, /1-22 of 511/);
  await app.press('G');
  assert.match(app.frame(), /490-511 of 511/);
  assert.match(selectedRow(app.frame()), /^module-00499\.ts/);
  await app.press('/', '1', '4', '9', '9', '9');
  assert.match(app.frame(), /src\/domain-029\/folder-09\/module-14999\.ts/);
  await app.press(KEYS.enter, 'm', KEYS.enter);
  assert.match(app.frame(), /Moved src\/domain-029\/folder-09\/module-14999\.ts → domain-000/);
  app.unmount();
});
