import { test } from 'node:test';
import assert from 'node:assert/strict';
import { analyzers } from '../../analyzers/index.js';
import { discoverFiles } from '../../src/discover/discover-files.js';
import { extractFacts } from '../../src/extract/extract-facts.js';
import { analyze } from '../../src/pipeline/analyze.js';
import { fixturePath, fixturesWithTruth } from '../helpers.js';

for (const fixture of fixturesWithTruth()) {
  test(`deferred calls: ${fixture} analyzes byte-identically whether calls are read everywhere or only where the call graph can lead`, () => {
    const root = fixturePath(fixture);
    const files = discoverFiles({ root, include: [], exclude: [], defaultExcludes: true }).files;
    const first = extractFacts(files, Object.values(analyzers), { dependencies: new Set() }, undefined, { workers: 0, defer: true });
    assert.ok(first.deferred.size > 0, 'some modules have their calls put off');
    assert.equal(JSON.stringify(analyze({ root })), JSON.stringify(analyze({ root, defer: false })));
  });
}
