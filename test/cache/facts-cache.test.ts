import { mock, test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { analyzers } from '../../analyzers/index.js';
import { CACHE_DIRECTORY, hashText, loadFactsCache, toCacheFile } from '../../src/cache/facts-cache.js';
import { discoverFiles } from '../../src/discover/discover-files.js';
import { extractFacts } from '../../src/extract/extract-facts.js';
import { analyze } from '../../src/pipeline/analyze.js';
import { createTempRepo, fixturePath, runCliCaptured } from '../helpers.js';

const KEY = { seamsVersion: '1.0.0', analyzers: ['imports'] };
const FILES = {
  'src/a.ts': "import { b } from './b';\nexport const a = b;",
  'src/b.ts': 'export const b = 1;',
  'src/broken.ts': 'export const = ;',
};

/** The entries of a cache file by id (one line each after the header). */
function readEntries(file: string): Record<string, { hash: string; facts: { module: string; imports: unknown } }> {
  const [, ...lines] = fs.readFileSync(file, 'utf8').split('\n').filter((line) => line !== '');
  return Object.fromEntries(
    lines.map((line) => {
      const [id, hash, , rest] = line.split('\t') as [string, string, string, string];
      return [JSON.parse(id) as string, { hash, ...JSON.parse(rest) }];
    }),
  );
}

/** Rewrites the line of one id. */
function editLine(file: string, id: string, edit: (line: string) => string): void {
  const lines = fs.readFileSync(file, 'utf8').split('\n');
  const index = lines.findIndex((line) => line.startsWith(`${JSON.stringify(id)}\t`));
  assert.ok(index > 0, `${id} has a line`);
  lines[index] = edit(lines[index] as string);
  fs.writeFileSync(file, lines.join('\n'));
}

function extractWithCache(root: string, key = KEY) {
  const cache = loadFactsCache(root, key);
  const discovery = discoverFiles({ root, include: [], exclude: [], defaultExcludes: true });
  const extraction = extractFacts(discovery.files, [analyzers.imports], { dependencies: new Set() }, undefined, { cache });
  cache.save({ prune: true });
  return { cache, extraction };
}

test('facts cache: cold, then warm with the same facts and diagnostics; a changed file is parsed again', () => {
  const root = createTempRepo(FILES);
  const cold = extractWithCache(root);
  assert.deepEqual(cold.cache.stats, { state: 'cold', hits: 0, misses: 3 });
  assert.ok(fs.existsSync(path.join(root, CACHE_DIRECTORY, '.gitignore')), 'the cache directory ignores itself');
  const warm = extractWithCache(root);
  assert.deepEqual(warm.cache.stats, { state: 'warm', hits: 3, misses: 0 });
  assert.deepEqual(warm.extraction, cold.extraction, 'facts and diagnostics (the syntax error) come back identical');
  assert.ok(warm.extraction.diagnostics.some((diagnostic) => diagnostic.code === 'parse-error' && diagnostic.file === 'src/broken.ts'));

  fs.writeFileSync(path.join(root, 'src/b.ts'), 'export const b = 2;\nexport const c = 3;');
  fs.rmSync(path.join(root, 'src/broken.ts'));
  const changed = extractWithCache(root);
  assert.deepEqual(changed.cache.stats, { state: 'warm', hits: 1, misses: 1 });
  assert.deepEqual(changed.extraction.facts.find((facts) => facts.module === 'src/b.ts')?.exports.map((fact) => fact.name), ['b', 'c']);
  const stored = readEntries(toCacheFile(root, KEY));
  assert.deepEqual(Object.keys(stored), ['src/a.ts', 'src/b.ts'], 'entries of deleted files are pruned');
  assert.equal(stored['src/b.ts']?.hash, hashText('export const b = 2;\nexport const c = 3;'));
});

const corruptions: { name: string; write: (file: string) => void; reason: RegExp }[] = [
  { name: 'truncated JSON', write: (file) => fs.writeFileSync(file, fs.readFileSync(file, 'utf8').slice(0, 40)), reason: /corrupt/ },
  { name: 'another seams version', write: (file) => fs.writeFileSync(file, fs.readFileSync(file, 'utf8').replace('"seamsVersion":"1.0.0"', '"seamsVersion":"0.9.0"')), reason: /written by seams 0\.9\.0/ },
  { name: 'an unknown format', write: (file) => fs.writeFileSync(file, '{"format":99}'), reason: /unknown cache format/ },
  { name: 'a cache that is not an object', write: (file) => fs.writeFileSync(file, 'null'), reason: /unknown cache format/ },
];

for (const { name, write, reason } of corruptions) {
  test(`facts cache: ${name} is rebuilt, with the same facts`, () => {
    const root = createTempRepo(FILES);
    const cold = extractWithCache(root);
    write(toCacheFile(root, KEY));
    const rebuilt = extractWithCache(root);
    assert.equal(rebuilt.cache.stats.state, 'rebuilt');
    assert.match(rebuilt.cache.stats.reason ?? '', reason);
    assert.deepEqual(rebuilt.extraction, cold.extraction);
    assert.equal(extractWithCache(root).cache.stats.state, 'warm', 'rewritten, so the next run is warm');
  });
}

test('facts cache: a malformed entry is a miss, not a crash; another analyzer set has its own file', () => {
  const root = createTempRepo(FILES);
  extractWithCache(root);
  const file = toCacheFile(root, KEY);
  editLine(file, 'src/a.ts', (line) => line.replace(/"imports":\[[^\]]*\]/, '"imports":"not a list"'));
  editLine(file, 'src/b.ts', (line) => line.replace('"module":"src/b.ts"', '"module":"src/other.ts"'));
  const run = extractWithCache(root);
  assert.deepEqual(run.cache.stats, { state: 'warm', hits: 1, misses: 2 });
  assert.equal(run.extraction.facts.find((facts) => facts.module === 'src/a.ts')?.imports.length, 1);
  const other = { seamsVersion: '1.0.0', analyzers: ['imports', 'sql'] };
  assert.notEqual(toCacheFile(root, other), file);
  assert.equal(loadFactsCache(root, other).stats.state, 'cold');
});

test('facts cache: analyze --cache gives a byte-identical result cold and warm, and lint reports a rebuilt cache', async () => {
  const root = createTempRepo({});
  fs.cpSync(fixturePath('ecommerce'), root, { recursive: true });
  const plain = JSON.stringify(analyze({ root }));
  const cold = JSON.stringify(analyze({ root, cache: true }));
  const warm = JSON.stringify(analyze({ root, cache: true }));
  assert.equal(cold, plain);
  assert.equal(warm, plain);
  assert.ok(fs.readdirSync(path.join(root, CACHE_DIRECTORY)).some((name) => name.startsWith('facts-')));

  fs.writeFileSync(path.join(root, 'seams.boundaries.json'), JSON.stringify({ version: 1, domains: { all: { paths: ['src/**'] } } }));
  assert.equal((await runCliCaptured(['lint', root])).code, 0);
  const lintCache = fs.readdirSync(path.join(root, CACHE_DIRECTORY)).filter((name) => name.startsWith('facts-'));
  assert.equal(lintCache.length, 2, 'lint (imports only) and analyze (all analyzers) keep separate files');
  for (const name of lintCache) if (name !== '.gitignore') fs.writeFileSync(path.join(root, CACHE_DIRECTORY, name), '{"format":2,"files":');
  const rebuilt = await runCliCaptured(['lint', root]);
  assert.equal(rebuilt.code, 0);
  assert.match(rebuilt.stderr, /facts cache corrupt \(not valid JSON\); rebuilt/);
});

test('facts cache: entries are read only when asked for; untouched lines are written back as they were', () => {
  const root = createTempRepo(FILES);
  extractWithCache(root);
  const file = toCacheFile(root, KEY);
  editLine(file, 'src/broken.ts', (line) => line.replace(/\t\{.*$/, '\t{not json'));
  const before = fs.readFileSync(file, 'utf8');
  const cache = loadFactsCache(root, KEY);
  assert.equal(cache.get('src/a.ts', hashText(FILES['src/a.ts']))?.facts.imports.length, 1);
  assert.equal(cache.hashOf('src/broken.ts'), hashText(FILES['src/broken.ts']), 'the hash is known without reading the entry');
  const b = cache.peek('src/b.ts');
  assert.ok(b !== undefined);
  cache.set('src/b.ts', { hash: 'changed', facts: b.facts, diagnostics: [] });
  cache.save();
  const after = fs.readFileSync(file, 'utf8').split('\n');
  const lineOf = (text: string[], id: string) => text.find((line) => line.startsWith(`${JSON.stringify(id)}\t`));
  assert.equal(lineOf(after, 'src/broken.ts'), lineOf(before.split('\n'), 'src/broken.ts'), 'an entry never read is kept byte for byte');
  assert.match(lineOf(after, 'src/b.ts') ?? '', /\tchanged\t/);
  assert.equal(loadFactsCache(root, KEY).get('src/broken.ts', hashText(FILES['src/broken.ts'])), undefined, 'a line that does not parse is a miss');
});

test('facts cache: a truncated last line costs that file only; odd paths round-trip; the first format is removed', () => {
  const root = createTempRepo({ ...FILES, 'src/we"ird\\na\tme.ts': 'export const w = 1;' });
  fs.mkdirSync(path.join(root, CACHE_DIRECTORY), { recursive: true });
  const oldFormat = toCacheFile(root, KEY).replace(/\.jsonl$/, '.json');
  fs.writeFileSync(oldFormat, '{"format":1,"files":{}}');
  extractWithCache(root);
  assert.ok(!fs.existsSync(oldFormat), 'the first format is removed when the cache is written');
  const file = toCacheFile(root, KEY);
  assert.deepEqual(Object.keys(readEntries(file)), ['src/a.ts', 'src/b.ts', 'src/broken.ts', 'src/we"ird\\na\tme.ts']);
  fs.writeFileSync(file, fs.readFileSync(file, 'utf8').slice(0, -10));
  const run = extractWithCache(root);
  assert.deepEqual(run.cache.stats, { state: 'warm', hits: 3, misses: 1 });
  assert.equal(extractWithCache(root).cache.stats.hits, 4, 'rewritten whole');
});

test('facts cache: a file whose stamp (size, times, inode) is unchanged is not read again, unless it was written just before the cache', () => {
  const root = createTempRepo(FILES);
  const hourAgo = new Date(Date.now() - 3_600_000);
  for (const file of Object.keys(FILES)) fs.utimesSync(path.join(root, file), hourAgo, hourAgo);
  extractWithCache(root);
  const opened: string[] = [];
  const openSync = fs.openSync;
  const spy = mock.method(fs, 'openSync', (file: fs.PathLike, ...rest: unknown[]) => {
    if (String(file).startsWith(path.join(root, 'src'))) opened.push(path.relative(root, String(file)).split(path.sep).join('/'));
    return (openSync as (...args: unknown[]) => number)(file, ...rest);
  });
  try {
    const warm = extractWithCache(root);
    assert.deepEqual(opened, [], 'every file vouched for by its stamp');
    assert.deepEqual(warm.cache.stats, { state: 'warm', hits: 3, misses: 0 });
    assert.ok(warm.extraction.diagnostics.some((diagnostic) => diagnostic.code === 'parse-error'), 'cached diagnostics come back too');

    fs.writeFileSync(path.join(root, 'src/b.ts'), 'export const b = 2;\nexport const c = 3;');
    const edited = extractWithCache(root);
    assert.deepEqual(opened, ['src/b.ts'], 'the edited file only');
    assert.deepEqual(edited.extraction.facts.find((facts) => facts.module === 'src/b.ts')?.exports.map((fact) => fact.name), ['b', 'c']);

    opened.length = 0;
    extractWithCache(root);
    assert.deepEqual(opened, ['src/b.ts'], 'written less than two seconds before the cache: read again, whatever its stamp says');

    // A same-size rewrite that restores the modification time (cp -p, rsync -t) still changes the change time.
    opened.length = 0;
    fs.writeFileSync(path.join(root, 'src/a.ts'), FILES['src/a.ts'].replace("'./b'", "'./c'"));
    fs.utimesSync(path.join(root, 'src/a.ts'), hourAgo, hourAgo);
    const restored = extractWithCache(root);
    assert.ok((opened as string[]).includes('src/a.ts'));
    assert.deepEqual(restored.extraction.facts.find((facts) => facts.module === 'src/a.ts')?.imports.map((fact) => fact.specifier), ['./c']);
  } finally {
    spy.mock.restore();
  }
});

test('facts cache: entries completed by the second pass (deferred calls analyzer) keep the stamp of their file', () => {
  const root = createTempRepo({});
  fs.cpSync(fixturePath('ecommerce'), root, { recursive: true });
  analyze({ root, cache: true });
  const file = fs.readdirSync(path.join(root, CACHE_DIRECTORY)).find((name) => name.endsWith('.jsonl')) as string;
  const lines = fs.readFileSync(path.join(root, CACHE_DIRECTORY, file), 'utf8').split('\n').slice(1).filter((line) => line !== '');
  assert.ok(lines.length > 10);
  assert.deepEqual(lines.filter((line) => line.split('\t')[2] === '').map((line) => line.split('\t')[0]), [], 'every line has a stamp');
});
