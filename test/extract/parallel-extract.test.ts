import { test } from 'node:test';
import assert from 'node:assert/strict';
import { analyzers } from '../../analyzers/index.js';
import { discoverFiles } from '../../src/discover/discover-files.js';
import { extractFacts } from '../../src/extract/extract-facts.js';
import { loadFactsCache } from '../../src/cache/facts-cache.js';
import { loadProjectLayout } from '../../src/discover/project-layout.js';
import { createTempRepo, fixturePath, fixturesWithTruth } from '../helpers.js';

function setUp(root: string) {
  const discovery = discoverFiles({ root, include: [], exclude: [], defaultExcludes: true });
  const project = { dependencies: loadProjectLayout(root, discovery).dependencies };
  return { files: discovery.files, project };
}

for (const fixture of fixturesWithTruth()) {
  test(`parallel extraction: ${fixture} gives the same facts and diagnostics with 2 workers as on one thread, deferred analyzers too`, () => {
    const { files, project } = setUp(fixturePath(fixture));
    const all = Object.values(analyzers);
    const alone = extractFacts(files, all, project, undefined, { workers: 0, defer: true });
    const progress: number[] = [];
    // Every file done in workers (the default): their outcomes, not the main thread's, make the same extraction.
    const inWorkers = extractFacts(files, all, project, (done) => progress.push(done), { workers: 2, defer: true });
    assert.deepEqual(inWorkers, alone);
    assert.equal(progress.at(-1), files.length, 'progress reaches the file count');
    assert.deepEqual(extractFacts(files, all, project, undefined, { workers: 1, defer: true, mainThreadParses: true }), alone);
  });
}

test('parallel extraction: workers use the cache hashes, and an analyzer a worker cannot load runs here', () => {
  const root = createTempRepo({
    'src/a.ts': "import { b } from './b';\nexport const a = b;",
    'src/b.ts': "export const b = 1;\nexport function f() { return g(); }\nfunction g() { return 2; }",
    'src/broken.ts': 'export const = ;',
    'src/gen.ts': '// @generated\nexport const x = 1;',
  });
  const { files, project } = setUp(root);
  const key = { seamsVersion: 'test', analyzers: ['imports'] };
  const coldCache = loadFactsCache(root, key);
  const cold = extractFacts(files, [analyzers.imports], project, undefined, { workers: 0, cache: coldCache });
  coldCache.save();
  const warmCache = loadFactsCache(root, key);
  const warm = extractFacts(files, [analyzers.imports], project, undefined, { workers: 2, cache: warmCache });
  assert.deepEqual(warm, cold);
  assert.equal(warmCache.stats.hits, 3, 'every parsed file came from the cache, though workers hashed them');
  // A copy is not the registered analyzer: no worker can load it, so the main thread does every file.
  const copy = { ...analyzers.imports };
  const byCopy = extractFacts(files, [copy], project, undefined, { workers: 2 });
  assert.deepEqual(byCopy, extractFacts(files, [analyzers.imports], project, undefined, { workers: 0 }));
});
