import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { saveBoundariesFile, toBoundariesFile, BOUNDARIES_SCHEMA_REF } from '../../src/whatif/to-boundaries-file.js';
import { applyMoves } from '../../src/whatif/apply-moves.js';
import { createSyntheticResult } from './synthetic-result.js';

const result = createSyntheticResult({
  modules: {
    'src/orders/api.ts': 'orders',
    'src/orders/db/repo.ts': 'orders',
    'src/billing/invoice.ts': 'billing',
    'src/billing/refund.ts': 'orders',
    'src/main.ts': 'shared',
    'src/lib/log.ts': 'shared',
  },
  tables: { orders: 'orders', invoices: 'billing', audit: 'shared' },
  shared: ['shared'],
});

test('toBoundariesFile: one glob per folder a single cluster holds, files where folders are mixed', () => {
  assert.deepEqual(toBoundariesFile(result), {
    $schema: BOUNDARIES_SCHEMA_REF,
    domains: {
      billing: { paths: ['src/billing/invoice.ts'], tables: ['invoices'] },
      orders: { paths: ['src/billing/refund.ts', 'src/orders/**'], tables: ['orders'] },
    },
    shared: { paths: ['src/lib/**', 'src/main.ts'] },
    allow: {},
  });
});

test('toBoundariesFile: follows what-if moves; a repo in one cluster is "**"', () => {
  const moved = applyMoves(result, [{ kind: 'module', module: 'src/billing/refund.ts', to: 'billing' }, { kind: 'folder', folder: 'src/lib', to: 'platform' }]);
  const file = toBoundariesFile(moved);
  assert.deepEqual(file.domains.billing?.paths, ['src/billing/**']);
  assert.deepEqual(file.domains.platform, { paths: ['src/lib/**'], tables: [] });
  assert.deepEqual(file.shared.paths, ['src/main.ts']);
  const single = createSyntheticResult({ modules: { 'a.ts': 'x', 'b/c.ts': 'x' } });
  assert.deepEqual(toBoundariesFile(single).domains, { x: { paths: ['**'], tables: [] } });
});

test('saveBoundariesFile: writes atomically, refuses to replace an existing file unless told', () => {
  const directory = fs.mkdtempSync(path.join(os.tmpdir(), 'seams-boundaries-'));
  const target = path.join(directory, 'seams.boundaries.json');
  assert.equal(saveBoundariesFile(target, result, false), 'written');
  const first = fs.readFileSync(target, 'utf8');
  assert.deepEqual(JSON.parse(first), toBoundariesFile(result));
  const moved = applyMoves(result, [{ kind: 'module', module: 'src/main.ts', to: 'orders' }]);
  assert.equal(saveBoundariesFile(target, moved, false), 'exists');
  assert.equal(fs.readFileSync(target, 'utf8'), first);
  assert.equal(saveBoundariesFile(target, moved, true), 'written');
  assert.deepEqual(JSON.parse(fs.readFileSync(target, 'utf8')), toBoundariesFile(moved));
  assert.deepEqual(fs.readdirSync(directory), ['seams.boundaries.json']);
});
