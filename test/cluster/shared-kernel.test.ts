import { test } from 'node:test';
import assert from 'node:assert/strict';
import { isInKernelFolder, toReachedCommunities } from '../../src/cluster/shared-kernel.js';
import type { ModuleId } from '../../src/model/facts.js';
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

test('shared kernel: the communities each module reaches, by components, equal a walk from each module', () => {
  // Seeded random graphs with cycles and a kernel the walks must not enter.
  let state = 7;
  const random = (): number => {
    state = (state * 1103515245 + 12345) % 2147483648;
    return state / 2147483648;
  };
  for (let round = 0; round < 20; round += 1) {
    const size = 5 + Math.floor(random() * 40);
    const modules = Array.from({ length: size }, (_, index) => `m${index}` as ModuleId);
    const dependencies = new Map<ModuleId, Set<ModuleId>>();
    for (const module of modules) {
      const targets = new Set<ModuleId>();
      for (let k = 0; k < 3; k += 1) if (random() < 0.6) targets.add(modules[Math.floor(random() * size)] as ModuleId);
      dependencies.set(module, targets);
    }
    const kernel = new Set(modules.filter(() => random() < 0.15));
    const community = new Map(modules.map((module) => [module, random() < 0.2 ? undefined : Math.floor(random() * 6)]));
    const reached = toReachedCommunities(modules, dependencies, kernel, (module) => community.get(module));
    for (const start of modules) {
      if (kernel.has(start)) continue;
      const seen = new Set<ModuleId>([start]);
      const stack = [start];
      while (stack.length > 0) {
        for (const next of dependencies.get(stack.pop() as ModuleId) ?? []) {
          if (seen.has(next) || kernel.has(next)) continue;
          seen.add(next);
          stack.push(next);
        }
      }
      const expected = [...new Set([...seen].map((module) => community.get(module)).filter((value) => value !== undefined))].sort();
      assert.deepEqual([...(reached.get(start) ?? [])].sort(), expected, `round ${round}, from ${start}`);
    }
  }
});
