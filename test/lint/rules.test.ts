import { test } from 'node:test';
import assert from 'node:assert/strict';
import { analyzers } from '../../analyzers/index.js';
import { lint } from '../../src/lint/lint.js';
import type { Boundaries } from '../../src/lint/boundaries-schema.js';
import { createTempRepo } from '../helpers.js';

/** Three domains and a shared kernel; billing may use catalog; catalog publishes only its index. */
const BOUNDARIES: Boundaries = {
  version: 1,
  shared: { paths: ['src/shared/**'] },
  domains: {
    billing: { paths: ['src/billing/**'], dependsOn: ['catalog'], tables: ['invoices'] },
    catalog: { paths: ['src/catalog/**'], entries: ['src/catalog/index.ts'], tables: ['products'] },
    orders: { paths: ['src/orders/**'], tables: ['orders'] },
  },
};

/** Files every case starts from: each domain has an entry and an internal module; the shared kernel has a barrel. */
const BASE_FILES: Record<string, string> = {
  'src/billing/index.ts': 'export const bill = 1;',
  'src/billing/internal.ts': 'export const ledger = 1;',
  'src/catalog/index.ts': "export { price } from './internal';",
  'src/catalog/internal.ts': 'export const price = 1;\nexport type Product = { id: string };',
  'src/orders/index.ts': 'export const order = 1;\nexport type Order = { id: string };',
  'src/shared/index.ts': "export { money } from './money';",
  'src/shared/money.ts': 'export const money = 1;',
  'src/shared/reexports-orders.ts': "export { order } from '../orders/index';",
  'scripts/tool.ts': 'export const tool = 1;',
  'migrations/001-init.sql': 'CREATE TABLE invoices (id int);\nCREATE TABLE products (id int);\nCREATE TABLE orders (id int, paid boolean);',
};

interface Case {
  name: string;
  /** The file under test: path and text. */
  file: [string, string];
  boundaries?: Partial<Boundaries>;
  tables?: boolean;
  /** Expected violations: rule, severity, from → to, line, domains. Empty means valid. */
  expected: { rule: string; severity?: string; to: string; line: number; fromDomain: string; toDomain: string }[];
}

const valid: Case[] = [
  { name: 'an import inside the same domain', file: ['src/billing/a.ts', "import { ledger } from './internal';"], expected: [] },
  { name: 'an import of the shared kernel (through its barrel)', file: ['src/billing/a.ts', "import { money } from '../shared/index';"], expected: [] },
  { name: 'an allowed dependency through the public entry', file: ['src/billing/a.ts', "import { price } from '../catalog/index';"], expected: [] },
  { name: 'a file in no domain importing any domain', file: ['scripts/b.ts', "import { ledger } from '../src/billing/internal';"], expected: [] },
  { name: 'a domain importing a file in no domain', file: ['src/billing/a.ts', "import { tool } from '../../scripts/tool';"], expected: [] },
  {
    name: 'a type-only import of a forbidden domain under typeImports: allow',
    file: ['src/billing/a.ts', "import type { Order } from '../orders/index';"],
    boundaries: { typeImports: 'allow' },
    expected: [],
  },
  { name: 'an import of an external package', file: ['src/billing/a.ts', "import fs from 'node:fs';\nimport z from 'zod';"], expected: [] },
  { name: 'a table write by its owner', file: ['src/orders/repo.ts', "import { Pool } from 'pg';\nconst pool = new Pool();\nexport const save = () => pool.query('INSERT INTO orders (id) VALUES (1)');"], tables: true, expected: [] },
  { name: 'a table read by another domain', file: ['src/billing/repo.ts', "import { Pool } from 'pg';\nconst pool = new Pool();\nexport const load = () => pool.query('SELECT * FROM orders');"], tables: true, expected: [] },
];

const invalid: Case[] = [
  {
    name: 'a static import of a domain not in dependsOn',
    file: ['src/billing/a.ts', "import { order } from '../orders/index';"],
    expected: [{ rule: 'forbidden-dependency', to: 'src/orders/index.ts', line: 1, fromDomain: 'billing', toDomain: 'orders' }],
  },
  {
    name: 'a require of a forbidden domain',
    file: ['src/billing/a.js', "\nconst { order } = require('../orders/index');"],
    expected: [{ rule: 'forbidden-dependency', to: 'src/orders/index.ts', line: 2, fromDomain: 'billing', toDomain: 'orders' }],
  },
  {
    name: 'a dynamic import of a forbidden domain',
    file: ['src/billing/a.ts', "export const load = () => import('../orders/index');"],
    expected: [{ rule: 'forbidden-dependency', to: 'src/orders/index.ts', line: 1, fromDomain: 'billing', toDomain: 'orders' }],
  },
  {
    name: 'a re-export of a forbidden domain',
    file: ['src/billing/a.ts', "export { order } from '../orders/index';"],
    expected: [{ rule: 'forbidden-dependency', to: 'src/orders/index.ts', line: 1, fromDomain: 'billing', toDomain: 'orders' }],
  },
  {
    name: 'a type-only import of a forbidden domain (default deny)',
    file: ['src/billing/a.ts', "import type { Order } from '../orders/index';"],
    expected: [{ rule: 'forbidden-dependency', severity: 'error', to: 'src/orders/index.ts', line: 1, fromDomain: 'billing', toDomain: 'orders' }],
  },
  {
    name: 'a type-only import of a forbidden domain under typeImports: warn (a warning)',
    file: ['src/billing/a.ts', "import type { Order } from '../orders/index';"],
    boundaries: { typeImports: 'warn' },
    expected: [{ rule: 'forbidden-dependency', severity: 'warning', to: 'src/orders/index.ts', line: 1, fromDomain: 'billing', toDomain: 'orders' }],
  },
  {
    name: "an allowed dependency reaching past the public entry into the domain's internals",
    file: ['src/billing/a.ts', "import { price } from '../catalog/internal';"],
    expected: [{ rule: 'private-import', to: 'src/catalog/internal.ts', line: 1, fromDomain: 'billing', toDomain: 'catalog' }],
  },
  {
    name: "a forbidden domain's barrel: one violation for the import, none for what the barrel re-exports",
    file: ['src/orders/a.ts', "import { price } from '../catalog/index';"],
    expected: [{ rule: 'forbidden-dependency', to: 'src/catalog/index.ts', line: 1, fromDomain: 'orders', toDomain: 'catalog' }],
  },
  {
    name: 'a forbidden domain reached through a shared-kernel barrel (barrel followed)',
    file: ['src/billing/a.ts', "import { order } from '../shared/reexports-orders';"],
    expected: [{ rule: 'forbidden-dependency', to: 'src/orders/index.ts', line: 1, fromDomain: 'billing', toDomain: 'orders' }],
  },
  {
    name: 'the shared kernel importing a domain',
    file: ['src/shared/b.ts', "import { bill } from '../billing/index';"],
    expected: [{ rule: 'forbidden-dependency', to: 'src/billing/index.ts', line: 1, fromDomain: 'shared', toDomain: 'billing' }],
  },
  {
    name: 'a table write by a domain that does not own it (--tables)',
    file: ['src/billing/repo.ts', "import { Pool } from 'pg';\nconst pool = new Pool();\nexport const save = () =>\n  pool.query('UPDATE orders SET paid = true');"],
    tables: true,
    expected: [{ rule: 'foreign-table-write', to: 'orders', line: 4, fromDomain: 'billing', toDomain: 'orders' }],
  },
];

/** The shared kernel's own re-export of orders is itself a violation; cases that do not test it leave it out of the comparison. */
function relevant(violation: { from: string }, file: string): boolean {
  return violation.from === file;
}

for (const { name, file, boundaries, tables, expected } of [...valid, ...invalid]) {
  test(`lint rules: ${expected.length === 0 ? 'valid' : 'invalid'}: ${name}`, () => {
    const root = createTempRepo({
      ...BASE_FILES,
      [file[0]]: file[1],
      'package.json': JSON.stringify({ dependencies: { pg: '8', zod: '4' } }),
      'seams.boundaries.json': JSON.stringify({ ...BOUNDARIES, ...boundaries }),
    });
    const findIn = (report: ReturnType<typeof lint>) =>
      [...report.violations, ...report.warnings]
        .filter((violation) => relevant(violation, file[0]))
        .map((violation) => ({
          rule: violation.rule,
          ...(expected.some((entry) => entry.severity !== undefined) ? { severity: violation.severity } : {}),
          to: violation.to,
          line: violation.locations[0]?.line,
          fromDomain: violation.fromDomain,
          toDomain: violation.toDomain,
        }));
    const tableAnalyzer = analyzers.sql;
    const found = findIn(lint({ root, tables, tableAnalyzer, cache: false }));
    assert.deepEqual(findIn(lint({ root, tables, tableAnalyzer, cache: false, changedFiles: [file[0]] })), found, 'checking only the changed file finds the same');
    assert.deepEqual(found, expected);
  });
}

test('lint rules: every violation says how to fix it, naming the boundaries file', () => {
  const root = createTempRepo({ ...BASE_FILES, 'src/billing/a.ts': "import { order } from '../orders/index';\nimport { price } from '../catalog/internal';", 'seams.boundaries.json': JSON.stringify(BOUNDARIES) });
  const report = lint({ root, cache: false });
  const fixOf = (rule: string): string => report.violations.find((violation) => violation.from === 'src/billing/a.ts' && violation.rule === rule)?.fix ?? '';
  assert.match(fixOf('forbidden-dependency'), /publish an event.*add "orders" to domains\.billing\.dependsOn in seams\.boundaries\.json/);
  assert.match(fixOf('private-import'), /through catalog's public entry \(src\/catalog\/index\.ts\)/);
});
