import { test } from 'node:test';
import assert from 'node:assert/strict';
import { analyze } from '../../src/pipeline/analyze.js';
import { toPathWords, nameClusters } from '../../src/cluster/name-clusters.js';
import { createTempRepo } from '../helpers.js';

/** Three domains of six modules in shared layer folders, all using one logger and one config. */
function layeredRepo(): Record<string, string> {
  const files: Record<string, string> = {
    'src/lib/logger.ts': "import { config } from './config';\nexport const log = (m: string) => config.level && m;",
    'src/lib/config.ts': 'export const config = { level: 1 };',
    'src/lib/lonely.ts': 'export const lonely = 1;',
  };
  for (const domain of ['billing', 'shipping', 'catalog']) {
    for (let index = 0; index < 6; index += 1) {
      const layer = ['services', 'models', 'routes'][index % 3];
      const next = (index + 1) % 6;
      const nextLayer = ['services', 'models', 'routes'][next % 3];
      files[`src/${layer}/${domain}-part${index}.ts`] = [
        `import { log } from '../lib/logger';`,
        `import { part${next} } from '../${nextLayer}/${domain}-part${next}';`,
        `import { part${(index + 2) % 6} } from '../${['services', 'models', 'routes'][((index + 2) % 6) % 3]}/${domain}-part${(index + 2) % 6}';`,
        `export const part${index} = () => log('${domain}');`,
      ].join('\n');
    }
  }
  files['src/services/billing-part0.ts'] += "\nimport { part3 } from '../services/shipping-part3';";
  return files;
}

test('cluster: recovers domains from dependencies across layer folders and sets the shared kernel apart', () => {
  const result = analyze({ root: createTempRepo(layeredRepo()) });
  const summary = Object.fromEntries(result.clusters.map((cluster) => [cluster.id, { kind: cluster.kind, modules: cluster.modules.length }]));
  assert.deepEqual(summary, {
    billing: { kind: 'domain', modules: 6 },
    catalog: { kind: 'domain', modules: 6 },
    shared: { kind: 'shared', modules: 3 },
    shipping: { kind: 'domain', modules: 6 },
  });
  // lonely.ts has no ties, but sits in src/lib: infrastructure by convention.
  assert.deepEqual(result.clusters.find((c) => c.id === 'shared')?.modules, ['src/lib/config.ts', 'src/lib/logger.ts', 'src/lib/lonely.ts']);
  const billing = result.clusters.find((c) => c.id === 'billing');
  assert.deepEqual(billing?.coupling.find((c) => c.cluster === 'shipping'), { cluster: 'shipping', outgoing: 1, incoming: 0 });
});

test('cluster: every module is in exactly one cluster, and the module says which', () => {
  const result = analyze({ root: createTempRepo(layeredRepo()) });
  const seen = new Map<string, string>();
  for (const cluster of result.clusters) {
    for (const module of cluster.modules) {
      assert.ok(!seen.has(module), `${module} is in ${seen.get(module)} and ${cluster.id}`);
      seen.set(module, cluster.id);
    }
  }
  assert.equal(seen.size, result.modules.length);
  for (const module of result.modules) assert.equal(module.cluster, seen.get(module.id));
});

test('cluster: same input and seed give byte-identical results; the seed and resolution are recorded', () => {
  const root = createTempRepo(layeredRepo());
  const first = JSON.stringify(analyze({ root, seed: 7 }));
  const second = JSON.stringify(analyze({ root, seed: 7 }));
  assert.equal(first, second);
  assert.equal(JSON.parse(first).options.seed, 7);
});

test('cluster: a higher resolution gives at least as many clusters', () => {
  const root = createTempRepo(layeredRepo());
  const low = analyze({ root, resolution: 0.2 }).clusters.length;
  const high = analyze({ root, resolution: 4 }).clusters.length;
  assert.ok(high >= low, `${high} < ${low}`);
  assert.ok(high > low, 'resolution has no effect');
});

test('names: path words skip layer words and split identifiers', () => {
  assert.deepEqual(toPathWords('src/services/orderService.ts'), ['order']);
  assert.deepEqual(toPathWords('src/modules/shop/product-images.repository.ts'), ['shop', 'product', 'images']);
});

test('names: unique names, the most telling word first', () => {
  const names = nameClusters([
    { key: 'a', modules: ['src/routes/cart.ts', 'src/services/cartService.ts', 'src/models/cart-item.ts'] },
    { key: 'b', modules: ['src/routes/cart-admin.ts', 'src/services/adminAudit.ts'] },
    { key: 'c', modules: ['src/x/index.ts'] },
  ], new Set(['shared']));
  assert.deepEqual(Object.fromEntries(names), { a: 'cart', b: 'admin', c: 'x' });
});

test('cluster: domain clusters report a stability between 0 and 1; the kernel reports none', () => {
  const result = analyze({ root: createTempRepo(layeredRepo()) });
  for (const cluster of result.clusters) {
    if (cluster.kind === 'shared') assert.equal(cluster.stability, undefined);
    else assert.ok(cluster.stability !== undefined && cluster.stability >= 0 && cluster.stability <= 1, `${cluster.id}: ${cluster.stability}`);
  }
  assert.equal(result.clusters.find((c) => c.id === 'billing')?.stability, 1, 'three clean domains are found by every run');
});

test('cluster: --pin fixes matching modules to a named domain, and pinning to shared puts them in the kernel', () => {
  const root = createTempRepo(layeredRepo());
  const result = analyze({ root, pins: [{ glob: 'src/*/billing-part[0-2].ts', domain: 'payments' }, { glob: 'src/routes/catalog-*.ts', domain: 'shared' }] });
  const payments = result.clusters.find((c) => c.id === 'payments');
  assert.ok(payments, 'a cluster named after the pinned domain');
  for (const module of ['src/services/billing-part0.ts', 'src/models/billing-part1.ts', 'src/routes/billing-part2.ts']) assert.ok(payments.modules.includes(module), module);
  const shared = result.clusters.find((c) => c.id === 'shared');
  assert.ok(shared?.modules.includes('src/routes/catalog-part2.ts'));
  assert.deepEqual(result.options.pins, ['src/*/billing-part[0-2].ts=payments', 'src/routes/catalog-*.ts=shared']);
});

test('cluster: --clusters finds a resolution giving about that many domain clusters', () => {
  const root = createTempRepo(layeredRepo());
  for (const target of [2, 3, 6]) {
    const result = analyze({ root, clusters: target });
    const domains = result.clusters.filter((c) => c.kind === 'domain').length;
    assert.ok(Math.abs(domains - target) <= 1, `asked for ${target}, got ${domains} (resolution ${result.options.resolution})`);
    assert.equal(result.options.clusters, target);
  }
});

test('cluster: tiny clusters merge into their strongest neighbour', () => {
  const files = layeredRepo();
  files['src/services/billing-extra.ts'] = "import { part0 } from './billing-part0';\nexport const extra = part0;";
  const result = analyze({ root: createTempRepo(files), resolution: 4 });
  for (const cluster of result.clusters.filter((c) => c.kind === 'domain')) {
    assert.ok(cluster.modules.length + cluster.tables.length >= 3, `${cluster.id} has ${cluster.modules.length} modules`);
  }
});

test('cluster: consensus over more runs is still deterministic', () => {
  const root = createTempRepo(layeredRepo());
  assert.equal(JSON.stringify(analyze({ root, runs: 5 })), JSON.stringify(analyze({ root, runs: 5 })));
  assert.equal(analyze({ root, runs: 1 }).options.runs, 1);
});
