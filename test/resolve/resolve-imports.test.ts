import { test } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import { discoverFiles } from '../../src/discover/discover-files.js';
import { loadProjectLayout } from '../../src/discover/project-layout.js';
import { createImportResolver, toSourceCandidates, type Resolution } from '../../src/resolve/resolve-imports.js';
import { toModuleId, type ModuleId } from '../../src/model/facts.js';
import { createTempRepo } from '../helpers.js';

function resolverFor(files: Record<string, string>) {
  const root = createTempRepo(files);
  const discovery = discoverFiles({ root, include: [], exclude: [], defaultExcludes: true });
  const layout = loadProjectLayout(root, discovery);
  const resolver = createImportResolver(layout, new Map<string, ModuleId>(discovery.files.map((f) => [f.absolutePath, f.id])));
  return { root, resolver, resolve: (from: string, specifier: string): Resolution => resolver.resolve(toModuleId(from), specifier) };
}

test('resolve: relative, .js → .ts, index files, builtins, externals, unresolved', () => {
  const { resolve } = resolverFor({
    'src/a.ts': '', 'src/b.ts': '', 'src/dir/index.ts': '', 'src/types.d.ts': '',
  });
  assert.deepEqual(resolve('src/a.ts', './b'), { kind: 'module', target: 'src/b.ts' });
  assert.deepEqual(resolve('src/a.ts', './b.js'), { kind: 'module', target: 'src/b.ts' });
  assert.deepEqual(resolve('src/a.ts', './dir'), { kind: 'module', target: 'src/dir/index.ts' });
  assert.deepEqual(resolve('src/a.ts', './types'), { kind: 'excluded', file: 'src/types.d.ts' });
  assert.deepEqual(resolve('src/a.ts', 'node:fs'), { kind: 'builtin', name: 'fs' });
  assert.deepEqual(resolve('src/a.ts', 'events'), { kind: 'builtin', name: 'events' });
  assert.deepEqual(resolve('src/a.ts', '@nestjs/core/injector'), { kind: 'external', packageName: '@nestjs/core' });
  assert.equal(resolve('src/a.ts', './missing').kind, 'unresolved');
});

test('resolve: the nearest tsconfig paths apply, an alias to nothing is unresolved (not external)', () => {
  const { resolve } = resolverFor({
    'tsconfig.json': '{ "compilerOptions": { "baseUrl": ".", "paths": { "@app/*": ["src/*"], "vite": ["./node_modules/vite/dist/index.d.ts"] } } }',
    'src/a.ts': '', 'src/lib/log.ts': '',
    'sub/tsconfig.json': '{ // comments are allowed\n "compilerOptions": { "paths": { "@app/*": ["./other/*"], "*": ["./other/*"] } } }',
    'package.json': '{ "name": "app", "dependencies": { "@app/sdk": "1.0.0" } }',
    'sub/other/lib/log.ts': '', 'sub/x.ts': '',
  });
  assert.deepEqual(resolve('src/a.ts', '@app/lib/log'), { kind: 'module', target: 'src/lib/log.ts' });
  assert.deepEqual(resolve('sub/x.ts', '@app/lib/log'), { kind: 'module', target: 'sub/other/lib/log.ts' });
  assert.equal(resolve('src/a.ts', '@app/nothing').kind, 'unresolved');
  assert.deepEqual(resolve('src/a.ts', 'vite'), { kind: 'external', packageName: 'vite' }, 'an alias into node_modules is a package');
  assert.deepEqual(resolve('sub/x.ts', 'react'), { kind: 'external', packageName: 'react' }, 'a catch-all "*" alias falls back to packages');
  assert.deepEqual(resolve('src/a.ts', '@app/sdk/client'), { kind: 'external', packageName: '@app/sdk' }, 'a declared dependency wins over an alias miss');
});

test('resolve: a tsconfig extending a package that is not installed still resolves its own paths', () => {
  const { resolve, resolver } = resolverFor({
    'tsconfig.json': '{ "extends": "@tsconfig/node20/tsconfig.json", "compilerOptions": { "baseUrl": ".", "paths": { "@x/*": ["src/x/*"] } } }',
    'src/a.ts': '', 'src/b.ts': '', 'src/x/y.ts': '', 'src/z.ts': '',
  });
  assert.deepEqual(resolve('src/a.ts', './b'), { kind: 'module', target: 'src/b.ts' });
  assert.deepEqual(resolve('src/a.ts', '@x/y'), { kind: 'module', target: 'src/x/y.ts' });
  assert.deepEqual(resolve('src/a.ts', 'src/z'), { kind: 'module', target: 'src/z.ts' });
  assert.equal(resolver.diagnostics.filter((d) => d.code === 'tsconfig-extends-missing').length, 1);
});

test('resolve: workspace packages resolve to their source, not their build output', () => {
  const { resolve } = resolverFor({
    'package.json': '{ "name": "root", "workspaces": ["packages/*"] }',
    'packages/billing/package.json': '{ "name": "@acme/billing", "main": "dist/index.js", "types": "dist/index.d.ts" }',
    'packages/billing/src/index.ts': '', 'packages/billing/src/invoices/rules.ts': '',
    'packages/catalog/package.json': '{ "name": "@acme/catalog", "exports": { ".": { "types": "./dist/index.d.ts", "default": "./dist/index.js" }, "./client": "./src/client.ts" } }',
    'packages/catalog/src/index.ts': '', 'packages/catalog/src/client.ts': '',
    'apps/web/main.ts': '',
  });
  assert.deepEqual(resolve('apps/web/main.ts', '@acme/billing'), { kind: 'module', target: 'packages/billing/src/index.ts' });
  assert.deepEqual(resolve('apps/web/main.ts', '@acme/billing/src/invoices/rules'), { kind: 'module', target: 'packages/billing/src/invoices/rules.ts' });
  assert.deepEqual(resolve('apps/web/main.ts', '@acme/catalog'), { kind: 'module', target: 'packages/catalog/src/index.ts' });
  assert.deepEqual(resolve('apps/web/main.ts', '@acme/catalog/client'), { kind: 'module', target: 'packages/catalog/src/client.ts' });
  assert.equal(resolve('apps/web/main.ts', '@acme/catalog/missing').kind, 'unresolved');
});

test('resolve: package.json imports (#alias)', () => {
  const { resolve } = resolverFor({
    'package.json': '{ "name": "app", "imports": { "#db": "./src/lib/db.ts", "#config/*": "./src/config/*.ts" } }',
    'src/a.ts': '', 'src/lib/db.ts': '', 'src/config/env.ts': '',
  });
  assert.deepEqual(resolve('src/a.ts', '#db'), { kind: 'module', target: 'src/lib/db.ts' });
  assert.deepEqual(resolve('src/a.ts', '#config/env'), { kind: 'module', target: 'src/config/env.ts' });
  assert.equal(resolve('src/a.ts', '#nope').kind, 'unresolved');
});

test('resolve: source candidates of a build-output path', () => {
  const directory = path.join('/repo', 'pkg');
  const candidates = toSourceCandidates(path.join(directory, 'dist', 'esm', 'index.js'), directory);
  assert.ok(candidates.includes(path.join(directory, 'src', 'index.ts')));
  assert.ok(candidates.includes(path.join(directory, 'index.ts')));
});
