import { test } from 'node:test';
import assert from 'node:assert/strict';
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { generateMonolith } from '../../bench/generate-monolith.js';
import { analyze } from '../../src/pipeline/analyze.js';

function generate(files: number, seed: number): { root: string; digest: string; paths: string[] } {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'seams-monolith-'));
  generateMonolith(root, { files, seed });
  const paths = (fs.readdirSync(root, { recursive: true }) as string[]).filter((entry) => fs.statSync(path.join(root, entry)).isFile()).sort();
  const hash = crypto.createHash('sha256');
  for (const entry of paths) hash.update(`${entry}\0${fs.readFileSync(path.join(root, entry), 'utf8')}\0`);
  return { root, digest: hash.digest('hex'), paths };
}

test('generator: same seed and size, byte-identical tree; another seed, another tree', () => {
  const first = generate(300, 7);
  const again = generate(300, 7);
  const other = generate(300, 8);
  assert.equal(first.digest, again.digest);
  assert.notEqual(first.digest, other.digest);
});

test('generator: about the size asked for, with aliases, workspaces, a Prisma schema and every data-access style', () => {
  const { root, paths } = generate(400, 3);
  const sources = paths.filter((entry) => entry.endsWith('.ts'));
  assert.ok(Math.abs(sources.length - 400) <= 40, `${sources.length} source files for 400 asked`);
  const tsconfig = JSON.parse(fs.readFileSync(path.join(root, 'tsconfig.json'), 'utf8')) as { compilerOptions: { paths: Record<string, string[]> } };
  assert.deepEqual(Object.keys(tsconfig.compilerOptions.paths).sort(), ['@app/*', '@core/*', '@mono/db', '@mono/shared']);
  assert.deepEqual(JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8')).workspaces, ['packages/*']);
  const text = sources.map((entry) => fs.readFileSync(path.join(root, entry), 'utf8')).join('\n');
  for (const marker of ["pool.query('SELECT", 'db.transaction(async (trx)', 'prisma.$transaction([', 'AppDataSource.transaction(', '@Entity(', "from '@app/domains/", "from '@core/", "from '@mono/shared'"]) {
    assert.ok(text.includes(marker), `no ${marker}`);
  }
  assert.match(fs.readFileSync(path.join(root, 'prisma/schema.prisma'), 'utf8'), /@@map\("\w+"\)/);
});

test('generator: seams resolves every import of the generated tree and finds its tables and domains', () => {
  const { root } = generate(300, 1);
  const result = analyze({ root, types: false });
  assert.equal(result.stats.imports.unresolved, 0);
  assert.ok(result.stats.imports.internal > result.stats.files, 'fewer internal imports than files');
  assert.ok(result.stats.tables.accesses > 20, `${result.stats.tables.accesses} table accesses`);
  assert.ok(result.clusters.filter((cluster) => cluster.kind === 'domain').length >= 4);
});
