import { test } from 'node:test';
import assert from 'node:assert/strict';
import { analyze } from '../../src/pipeline/analyze.js';
import { createTempRepo } from '../helpers.js';

const barrelRepo = {
  'src/orders/order-service.ts': "export function placeOrder() {}\nexport const orderLimit = 3;",
  'src/orders/order-types.ts': 'export interface Order { id: string }',
  'src/orders/index.ts': "export * from './order-service';\nexport type { Order } from './order-types';",
  'src/index.ts': "export * from './orders';\nexport { helper as assist } from './util/helper';",
  'src/util/helper.ts': 'export function helper() {}',
  'src/checkout.ts': "import { placeOrder, assist } from './index';\nimport type { Order } from './orders';\nimport * as all from './orders';\nimport { nothing } from './orders';",
  'src/lazy.ts': "export async function load() { return import('./checkout'); }",
  'src/cjs.cjs': "const h = require('./util/helper.ts');\nmodule.exports = h;",
  'src/self.ts': "import { self } from './self';\nexport const self = 1;",
};

test('graph: keeps the edge to a barrel and follows named imports through export * and export { x as y } chains', () => {
  const result = analyze({ root: createTempRepo(barrelRepo) });
  const fromCheckout = result.edges.filter((edge) => edge.from === 'src/checkout.ts').map(({ to, kind, weight, through, locations }) => ({ to, kind, weight, through, lines: locations.map((l) => l.line) }));
  assert.deepEqual(fromCheckout, [
    { to: 'src/index.ts', kind: 'import', weight: 1, through: undefined, lines: [1] },
    { to: 'src/orders/index.ts', kind: 'import', weight: 2, through: undefined, lines: [3, 4] },
    { to: 'src/orders/index.ts', kind: 'type-import', weight: 1, through: undefined, lines: [2] },
    { to: 'src/orders/order-service.ts', kind: 'import', weight: 1, through: ['src/index.ts', 'src/orders/index.ts'], lines: [1] },
    { to: 'src/orders/order-types.ts', kind: 'type-import', weight: 1, through: ['src/orders/index.ts'], lines: [2] },
    { to: 'src/util/helper.ts', kind: 'import', weight: 1, through: ['src/index.ts'], lines: [1] },
  ]);
});

test('graph: dynamic imports and require become edges of their kind; self-imports are dropped', () => {
  const result = analyze({ root: createTempRepo(barrelRepo) });
  const kinds = result.edges.filter((e) => e.from === 'src/lazy.ts' || e.from === 'src/cjs.cjs' || e.from === 'src/self.ts').map((e) => [e.from, e.to, e.kind]);
  assert.deepEqual(kinds, [
    ['src/cjs.cjs', 'src/util/helper.ts', 'import'],
    ['src/lazy.ts', 'src/checkout.ts', 'dynamic-import'],
  ]);
});

test('graph: unresolved imports are counted and reported with file and line', () => {
  const result = analyze({ root: createTempRepo({ 'src/a.ts': "import x from 'lodash';\nimport { y } from './gone';\nimport fs from 'node:fs';" }) });
  assert.deepEqual(result.stats.imports, { internal: 0, external: 1, builtin: 1, excluded: 0, unresolved: 1 });
  assert.deepEqual(result.diagnostics.map((d) => [d.code, d.file, d.line]), [['unresolved-import', 'src/a.ts', 2]]);
});

test('graph: a file that does not parse is a diagnostic, and the run goes on', () => {
  const result = analyze({ root: createTempRepo({ 'src/a.ts': "import { b } from './b';\nconst = ;", 'src/b.ts': 'export const b = 1;' }) });
  assert.deepEqual(result.diagnostics.map((d) => [d.code, d.file, d.line]), [['parse-error', 'src/a.ts', 2]]);
  assert.equal(result.edges.length, 1);
});
