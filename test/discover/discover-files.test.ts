import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { discoverFiles, MAX_FILE_BYTES } from '../../src/discover/discover-files.js';
import { isGeneratedSource } from '../../src/discover/generated.js';
import { analyzers } from '../../analyzers/index.js';
import { extractFacts } from '../../src/extract/extract-facts.js';
import { createTempRepo } from '../helpers.js';

const repo = {
  '.gitignore': 'ignored/\n*.local.ts\n',
  'src/a.ts': 'export const a = 1;',
  'src/b.tsx': 'export const b = 1;',
  'src/c.mts': '', 'src/d.cts': '', 'src/e.js': '', 'src/f.jsx': '', 'src/g.mjs': '', 'src/h.cjs': '',
  'src/readme.md': '# not code',
  'src/types.d.ts': 'declare const x: number;',
  'src/a.test.ts': '', 'src/a.spec.tsx': '', 'src/__tests__/x.ts': '', 'test/y.ts': '', 'tests/z.ts': '', 'e2e/w.ts': '',
  'dist/out.js': '', 'build/out.js': '', 'out/out.js': '', '.next/x.js': '', 'coverage/x.js': '',
  'node_modules/pkg/index.js': '',
  'ignored/x.ts': '', 'src/secret.local.ts': '',
  'src/nested/.gitignore': 'skip-me.ts\n',
  'src/nested/skip-me.ts': '', 'src/nested/keep.ts': '',
  'scripts/tool.ts': '',
  'packages/p/tsconfig.json': '{}', 'packages/p/package.json': '{"name":"p"}', 'packages/p/src/index.ts': '',
};

const ids = (root: string, options: Partial<Parameters<typeof discoverFiles>[0]> = {}) =>
  discoverFiles({ root, include: [], exclude: [], defaultExcludes: true, ...options }).files.map((file) => file.id);

test('discover: finds every source extension, skips tests, build output, .d.ts, node_modules and .gitignored files', () => {
  const root = createTempRepo(repo);
  assert.deepEqual(ids(root), [
    'packages/p/src/index.ts', 'scripts/tool.ts', 'src/a.ts', 'src/b.tsx', 'src/c.mts', 'src/d.cts', 'src/e.js', 'src/f.jsx',
    'src/g.mjs', 'src/h.cjs', 'src/nested/keep.ts',
  ]);
});

test('discover: collects tsconfig.json and package.json files', () => {
  const root = createTempRepo(repo);
  const discovery = discoverFiles({ root, include: [], exclude: [], defaultExcludes: true });
  assert.deepEqual(discovery.tsconfigs, [path.join(root, 'packages/p/tsconfig.json')]);
  assert.deepEqual(discovery.packageJsons, [path.join(root, 'packages/p/package.json')]);
});

test('discover: --exclude and --include globs', () => {
  const root = createTempRepo(repo);
  assert.deepEqual(ids(root, { include: ['src/**'], exclude: ['**/*.js', '**/*.jsx', '**/*.?js', 'src/nested/**'] }), [
    'src/a.ts', 'src/b.tsx', 'src/c.mts', 'src/d.cts',
  ]);
});

test('discover: --no-default-excludes brings tests and build output back, not node_modules or .gitignored files', () => {
  const root = createTempRepo(repo);
  const found: string[] = ids(root, { defaultExcludes: false });
  for (const expected of ['src/a.test.ts', 'src/__tests__/x.ts', 'test/y.ts', 'dist/out.js', 'src/types.d.ts']) assert.ok(found.includes(expected), expected);
  for (const unexpected of ['node_modules/pkg/index.js', 'ignored/x.ts', 'src/secret.local.ts', 'src/nested/skip-me.ts']) assert.ok(!found.includes(unexpected), unexpected);
});

test('discover: a symlink loop becomes a diagnostic and the walk ends', () => {
  const root = createTempRepo({ 'src/a.ts': '' });
  fs.symlinkSync(path.join(root, 'src'), path.join(root, 'src', 'loop'));
  const discovery = discoverFiles({ root, include: [], exclude: [], defaultExcludes: true });
  assert.deepEqual(discovery.files.map((f) => f.id), ['src/a.ts']);
  assert.equal(discovery.diagnostics[0]?.code, 'symlink-loop');
  assert.equal(discovery.diagnostics[0]?.file, 'src/loop');
});

test('discover: a broken symlink becomes a diagnostic; a huge file is skipped with one when extraction opens it', () => {
  const root = createTempRepo({ 'src/a.ts': 'export const a = 1;' });
  fs.symlinkSync(path.join(root, 'nowhere.ts'), path.join(root, 'src', 'dangling.ts'));
  fs.writeFileSync(path.join(root, 'src', 'bundle.js'), 'x'.repeat(MAX_FILE_BYTES + 1));
  fs.writeFileSync(path.join(root, 'src', 'limit.js'), 'x'.repeat(MAX_FILE_BYTES));
  const discovery = discoverFiles({ root, include: [], exclude: [], defaultExcludes: true });
  assert.deepEqual(discovery.files.map((f) => f.id), ['src/a.ts', 'src/bundle.js', 'src/limit.js']);
  assert.deepEqual(discovery.diagnostics.map((d) => [d.code, d.file]), [['unreadable-file', 'src/dangling.ts']]);
  const extraction = extractFacts(discovery.files, [analyzers.imports], { dependencies: new Set() });
  assert.deepEqual(extraction.facts.map((facts) => facts.module), ['src/a.ts', 'src/limit.js'], 'a file of exactly the limit is read');
  assert.equal(extraction.skippedFiles, 1);
  assert.deepEqual(extraction.diagnostics.map((d) => [d.code, d.file]), [['file-too-large', 'src/bundle.js']]);
  assert.match(extraction.diagnostics[0]?.message ?? '', new RegExp(`File has ${MAX_FILE_BYTES + 1} bytes`));
});

test('discover: an unreadable directory becomes a diagnostic', { skip: process.getuid?.() === 0 ? 'root reads everything' : false }, () => {
  const root = createTempRepo({ 'src/a.ts': '', 'locked/b.ts': '' });
  fs.chmodSync(path.join(root, 'locked'), 0);
  const discovery = discoverFiles({ root, include: [], exclude: [], defaultExcludes: true });
  assert.equal(discovery.diagnostics[0]?.code, 'unreadable-file');
});

test('generated: headers and generated-client paths', () => {
  assert.equal(isGeneratedSource('src/a.ts', '// Code generated by openapi-typescript. DO NOT EDIT.\nexport {}'), true);
  assert.equal(isGeneratedSource('src/a.ts', '/* !!! This is code generated by Prisma. Do not edit directly. !!! */'), true);
  assert.equal(isGeneratedSource('src/a.ts', '/** @generated */'), true);
  assert.equal(isGeneratedSource('src/generated/prisma/index.ts', ''), true);
  assert.equal(isGeneratedSource('src/a.ts', 'export const generator = 1; // generates ids'), false);
  assert.equal(isGeneratedSource('src/a.ts', `${'const x = 1;\n'.repeat(100)}// do not edit`), false);
});
