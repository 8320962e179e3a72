import { test } from 'node:test';
import assert from 'node:assert/strict';
import { isInKernelFolder } from '../../src/cluster/shared-kernel.js';
import { analyze } from '../../src/pipeline/analyze.js';
import { createTempRepo } from '../helpers.js';

const folderCases: [string, boolean][] = [
  ['src/lib/db/knex.ts', true],
  ['src/lib/money.ts', true],
  ['packages/db/src/pool.ts', true],
  ['src/common/pagination.ts', true],
  ['src/config/index.ts', true],
  ['src/checkout/utils/format.ts', false],
  ['src/lib/features/billing/service.ts', false],
  ['src/services/orders.ts', false],
  ['index.ts', false],
];
for (const [modulePath, expected] of folderCases) {
  test(`kernel folder: ${modulePath} → ${expected}`, () => assert.equal(isInKernelFolder(modulePath), expected));
}

/** Three domains behind a composition root, an auth guard of one domain that every domain uses, and a db client only one domain uses. */
function rootedRepo(): Record<string, string> {
  const files: Record<string, string> = {
    'src/main.ts': "import { users } from './users/a';\nimport { orders } from './orders/a';\nimport { stock } from './stock/a';\nexport const app = [users, orders, stock];",
    'src/lib/db/pool.ts': 'export const pool = { query: (text: string) => text };',
  };
  for (const domain of ['users', 'orders', 'stock']) {
    files[`src/${domain}/a.ts`] = `import { b } from './b';\nimport { c } from './c';\nimport { guard } from '../users/guard';\nexport const ${domain} = [b, c, guard];`;
    files[`src/${domain}/b.ts`] = `import { c } from './c';\nexport const b = c;`;
    files[`src/${domain}/c.ts`] = `import { pool } from '../lib/db/pool';\nexport const c = () => pool.query('select * from ${domain}_rows');`;
  }
  files['src/users/guard.ts'] = "import { c } from './c';\nexport const guard = () => c();";
  files['src/users/a.ts'] = "import { b } from './b';\nimport { c } from './c';\nimport { guard } from './guard';\nexport const users = [b, c, guard];";
  return files;
}

test('kernel: the composition root and the infrastructure folder are shared; a guard that reaches one domain\'s state stays in that domain', () => {
  const result = analyze({ root: createTempRepo(rootedRepo()) });
  const shared = result.clusters.find((cluster) => cluster.kind === 'shared');
  assert.deepEqual(shared?.modules, ['src/lib/db/pool.ts', 'src/main.ts']);
  const usersCluster = result.modules.find((module) => module.id === 'src/users/c.ts')?.cluster;
  assert.equal(result.modules.find((module) => module.id === 'src/users/guard.ts')?.cluster, usersCluster);
});
