import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { CACHE_DIRECTORY } from '../../src/cache/facts-cache.js';
import { loadResolutionCache, toResolutionKey } from '../../src/cache/resolution-cache.js';
import { discoverFiles } from '../../src/discover/discover-files.js';
import { toModuleId, type ModuleId } from '../../src/model/facts.js';
import { analyze } from '../../src/pipeline/analyze.js';
import type { ImportResolver, Resolution } from '../../src/resolve/resolve-imports.js';
import { createTempRepo } from '../helpers.js';

const REPO = {
  'package.json': '{ "name": "app", "dependencies": { "lodash": "^4.0.0" } }',
  'tsconfig.base.json': '{ "compilerOptions": { "baseUrl": ".", "paths": { "@lib/*": ["src/lib/*"] } } }',
  'tsconfig.json': '{ "extends": "./tsconfig.base.json" }',
  'src/lib/money.ts': 'export const cents = (n: number) => n * 100;',
  'src/lib/time.ts': 'export const now = () => 0;',
  'src/orders/order.ts': "import { cents } from '@lib/money';\nimport _ from 'lodash';\nimport fs from 'node:fs';\nimport { gone } from './missing';\nexport const total = cents(1);",
};

function keyOf(root: string): string {
  const discovery = discoverFiles({ root, include: [], exclude: [], defaultExcludes: true });
  return toResolutionKey(root, discovery, discovery.files.map((file) => file.id), '1.0.0');
}

test('resolution cache key: the same tree gives the same key; a file added anywhere, a config in the extends chain or node_modules changes it', () => {
  const root = createTempRepo(REPO);
  const key = keyOf(root);
  assert.equal(keyOf(root), key);
  fs.writeFileSync(path.join(root, 'src/orders/notes.md'), 'not a source file');
  const withNotes = keyOf(root);
  assert.notEqual(withNotes, key, 'a new file of any kind (it could be what an import now finds)');
  fs.writeFileSync(path.join(root, 'tsconfig.base.json'), REPO['tsconfig.base.json'].replace('src/lib/*', 'src/lib2/*'));
  const rebased = keyOf(root);
  assert.notEqual(rebased, withNotes, 'a tsconfig reached only through extends');
  fs.mkdirSync(path.join(root, 'node_modules'));
  assert.notEqual(keyOf(root), rebased, 'node_modules appearing beside a package.json');
});

test('resolution cache key: a tsconfig outside the analyzed folder that it extends is part of the key', () => {
  const outer = createTempRepo({ 'tsconfig.shared.json': '{ "compilerOptions": { "baseUrl": "." } }', 'app/tsconfig.json': '{ "extends": "../tsconfig.shared.json" }', 'app/a.ts': 'export const a = 1;' });
  const root = path.join(outer, 'app');
  const key = keyOf(root);
  fs.writeFileSync(path.join(outer, 'tsconfig.shared.json'), '{ "compilerOptions": { "baseUrl": "./app" } }');
  assert.notEqual(keyOf(root), key);
});

test('resolution cache: modules, packages and built-ins are read back; excluded and unresolved imports are asked again; the tsconfigs a resolution read are read again', () => {
  const root = createTempRepo(REPO);
  const answers: Record<string, Resolution> = {
    './a': { kind: 'module', target: toModuleId('src/a.ts') },
    lodash: { kind: 'external', packageName: 'lodash' },
    fs: { kind: 'builtin', name: 'fs' },
    './dist/x': { kind: 'excluded', file: 'dist/x.js' },
    './nowhere': { kind: 'unresolved', reason: 'not found' },
  };
  const asked: string[] = [];
  const consulted: string[] = [];
  let last: string[] = [];
  const resolver: ImportResolver = {
    diagnostics: [],
    resolve: (_from, specifier) => {
      asked.push(specifier);
      last = specifier === 'lodash' ? ['/repo/packages/api'] : [];
      return answers[specifier] as Resolution;
    },
    get lastConsulted() {
      return last;
    },
    consult: (directory) => void consulted.push(directory),
  };
  const from = toModuleId('src/b.ts') as ModuleId;
  const run = (key = 'k'): Resolution[] => {
    const cache = loadResolutionCache(root, key, resolver);
    const resolved = Object.keys(answers).map((specifier) => cache.resolve(from, specifier));
    cache.save();
    return resolved;
  };
  const cold = run();
  assert.deepEqual(asked, Object.keys(answers));
  assert.deepEqual(consulted, []);
  asked.length = 0;
  assert.deepEqual(run(), cold, 'the same answers');
  assert.deepEqual(asked, ['./dist/x', './nowhere'], 'only what depends on files outside the walk is asked again');
  assert.deepEqual(consulted, ['/repo/packages/api'], 'the tsconfig the package resolution read is read again (its problems are reported as without the cache)');
  asked.length = 0;
  run('another key');
  assert.equal(asked.length, 5, 'another key: everything is resolved again');

  const file = path.join(root, CACHE_DIRECTORY, 'resolutions.json');
  fs.writeFileSync(file, '{"format":1,"key":"k","resolutions":{"src/b.ts\\u0000./a":{"r":{"kind":"module"}}}}');
  asked.length = 0;
  assert.deepEqual(run()[0], answers['./a'], 'a malformed entry is resolved again');
  assert.ok(asked.includes('./a'));
});

test('resolution cache: a tsconfig extending what is not installed is reported on warm runs too', () => {
  // No excluded or unresolved import: on the warm run every resolution comes from the cache.
  const root = createTempRepo({
    ...REPO,
    'tsconfig.json': '{ "extends": ["./tsconfig.base.json", "@company/tsconfig/node20.json"] }',
    'src/orders/order.ts': "import { cents } from '@lib/money';\nimport _ from 'lodash';\nexport const total = cents(1);",
  });
  const codes = (result: ReturnType<typeof analyze>) => result.diagnostics.map((diagnostic) => diagnostic.code).filter((code) => code.startsWith('tsconfig'));
  const expected = codes(analyze({ root }));
  assert.deepEqual(expected, ['tsconfig-extends-missing']);
  assert.deepEqual(codes(analyze({ root, cache: true })), expected, 'cold');
  assert.ok(fs.existsSync(path.join(root, CACHE_DIRECTORY, 'resolutions.json')), 'written although resolving reported a problem');
  assert.deepEqual(codes(analyze({ root, cache: true })), expected, 'warm');
  assert.equal(JSON.stringify(analyze({ root, cache: true })), JSON.stringify(analyze({ root })));
});

test('resolution cache: analyze --cache equals a run without it, cold, warm and after a paths change in an extended tsconfig', () => {
  const root = createTempRepo(REPO);
  const plain = () => JSON.stringify(analyze({ root }));
  const cached = () => JSON.stringify(analyze({ root, cache: true }));
  assert.equal(cached(), plain(), 'cold');
  const warm = cached();
  assert.equal(warm, plain(), 'warm');
  assert.ok(warm.includes('"to":"src/lib/money.ts"'), 'the alias leads to money.ts');
  assert.ok(fs.existsSync(path.join(root, CACHE_DIRECTORY, 'resolutions.json')));
  fs.writeFileSync(path.join(root, 'tsconfig.base.json'), REPO['tsconfig.base.json'].replace('"@lib/*"', '"@old/*"'));
  const after = cached();
  assert.equal(after, plain(), 'after the edit');
  assert.ok(!after.includes('"to":"src/lib/money.ts"'), 'the alias no longer leads to money.ts');
});
