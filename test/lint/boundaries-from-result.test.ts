import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { parse as parseYaml } from 'yaml';
import { toBoundaries, toBoundariesFromFolders, toCompactGlobs } from '../../src/lint/boundaries-from-result.js';
import { boundariesSchema } from '../../src/lint/boundaries-schema.js';
import type { AnalysisResult } from '../../src/model/result.js';
import { createTempRepo, fixturePath, runCliCaptured } from '../helpers.js';

test('boundaries init: a folder wholly in one group becomes folder/**, files of mixed folders are listed', () => {
  const groups = new Map([
    ['src/billing/a.ts', 'billing'],
    ['src/billing/deep/b.ts', 'billing'],
    ['src/models/invoice.ts', 'billing'],
    ['src/models/product.ts', 'catalog'],
    ['src/catalog/c.ts', 'catalog'],
    ['src/app.ts', 'catalog'],
  ]);
  assert.deepEqual(Object.fromEntries(toCompactGlobs(groups)), {
    billing: ['src/billing/**', 'src/models/invoice.ts'],
    catalog: ['src/app.ts', 'src/catalog/**', 'src/models/product.ts'],
  });
  assert.deepEqual(Object.fromEntries(toCompactGlobs(new Map([['a/b.ts', 'x'], ['c.ts', 'x']]))), { x: ['**'] });
});

test('boundaries init: clusters become domains (names made valid and unique), the shared cluster the shared kernel, tables owned', () => {
  const cluster = (id: string, name: string, kind: 'domain' | 'shared', modules: string[], tables: string[] = []): AnalysisResult['clusters'][number] => ({ id, name, kind, modules, tables, coupling: [] });
  const boundaries = toBoundaries({
    clusters: [
      cluster('c1', 'orders', 'domain', ['src/orders/a.ts'], ['orders', 'order_items']),
      cluster('c2', 'Order Items!', 'domain', ['src/items/b.ts']),
      cluster('c3', 'orders', 'domain', ['src/more/c.ts']),
      cluster('k', 'shared', 'shared', ['src/lib/d.ts'], ['settings']),
      cluster('c4', 'shared', 'domain', ['src/sh/e.ts']),
      cluster('empty', 'empty', 'domain', []),
    ],
  });
  assert.equal(boundariesSchema.safeParse(boundaries).success, true);
  assert.deepEqual(boundaries.shared, { paths: ['src/lib/**'], tables: ['settings'] });
  assert.deepEqual(Object.keys(boundaries.domains), ['Order-Items-', 'orders', 'orders-2', 'shared-domain']);
  assert.deepEqual(boundaries.domains.orders, { paths: ['src/orders/**'], tables: ['order_items', 'orders'], dependsOn: [] });
});

test('boundaries init: from folders, by depth or by glob; folder names that repeat are qualified', () => {
  const files = ['src/billing/a.ts', 'src/billing/x/b.ts', 'src/catalog/c.ts', 'src/index.ts', 'lib/features/billing/d.ts', 'lib/features/users/e.ts', 'lib/billing/f.ts'];
  assert.deepEqual(Object.fromEntries(Object.entries(toBoundariesFromFolders(files, '2').domains).map(([name, domain]) => [name, domain.paths])), {
    'lib-billing': ['lib/billing/**'],
    features: ['lib/features/**'],
    'src-billing': ['src/billing/**'],
    catalog: ['src/catalog/**'],
  });
  assert.deepEqual(Object.fromEntries(Object.entries(toBoundariesFromFolders(files, 'lib/features/*').domains).map(([name, domain]) => [name, domain.paths])), {
    billing: ['lib/features/billing/**'],
    users: ['lib/features/users/**'],
  });
});

test('boundaries init cli: from an analysis the file lints without configuration errors; never overwrites without --force', async () => {
  const root = createTempRepo({});
  fs.cpSync(fixturePath('ecommerce'), root, { recursive: true });
  const init = await runCliCaptured(['boundaries', 'init', root]);
  assert.equal(init.code, 0, init.stderr);
  assert.match(init.stderr, /wrote .*seams\.boundaries\.json with 8 domains and a shared kernel from the candidate services of an analysis/);
  const written = JSON.parse(fs.readFileSync(path.join(root, 'seams.boundaries.json'), 'utf8'));
  assert.equal(boundariesSchema.safeParse(written).success, true);
  assert.ok(written.domains.billing.paths.includes('src/billing/**'), 'a folder wholly in one cluster is one glob');
  const lint = await runCliCaptured(['lint', root, '--update-baseline']);
  assert.equal(lint.code, 0, lint.stderr);
  assert.equal((await runCliCaptured(['lint', root, '--strict-baseline'])).code, 0);

  const again = await runCliCaptured(['boundaries', 'init', root, '--from-folders', '2']);
  assert.equal(again.code, 2);
  assert.match(again.stderr, /seams\.boundaries\.json exists; not overwritten\. Pass --force/);
  assert.equal((await runCliCaptured(['boundaries', 'init', root, '--from-folders', '2', '--force'])).code, 0);
});

test('boundaries init cli: from a saved result, as YAML; from folders; errors are exit 2', async () => {
  const root = createTempRepo({ 'src/billing/a.ts': 'export const a = 1;', 'src/catalog/b.ts': 'export const b = 1;' });
  const result = await runCliCaptured(['analyze', root, '--format', 'json', '--output', path.join(root, 'result.json')]);
  assert.equal(result.code, 0);
  const fromResult = await runCliCaptured(['boundaries', 'init', root, '--from', path.join(root, 'result.json'), '--output', 'seams.boundaries.yaml']);
  assert.equal(fromResult.code, 0, fromResult.stderr);
  const yamlText = fs.readFileSync(path.join(root, 'seams.boundaries.yaml'), 'utf8');
  assert.match(yamlText, /^# yaml-language-server: \$schema=/);
  assert.equal(boundariesSchema.safeParse(parseYaml(yamlText)).success, true);

  const folders = createTempRepo({ 'src/lib/features/a/x.ts': '', 'src/lib/features/b/y.ts': '' });
  assert.equal((await runCliCaptured(['boundaries', 'init', folders, '--from-folders', 'src/lib/features/*'])).code, 0);
  assert.deepEqual(Object.keys(JSON.parse(fs.readFileSync(path.join(folders, 'seams.boundaries.json'), 'utf8')).domains), ['a', 'b']);

  const errors: [string[], RegExp][] = [
    [['boundaries', 'init', root, '--from', path.join(root, 'nope.json'), '--force'], /Cannot read the result/],
    [['boundaries', 'init', root, '--from', path.join(root, 'src/billing/a.ts'), '--force'], /Cannot read the result|is not a seams result/],
    [['boundaries', 'init', createTempRepo({ 'a.ts': '' }), '--from-folders', 'src/*'], /no folder matches "src\/\*" holds a source file/],
    [['boundaries', 'init', root, '--from', 'x', '--from-folders', '2'], /Give --from or --from-folders, not both/],
    [['boundaries', 'list'], /unknown subcommand "list"/],
  ];
  for (const [argv, message] of errors) {
    const run = await runCliCaptured(argv);
    assert.equal(run.code, 2, argv.join(' '));
    assert.match(run.stderr, message);
  }
});
