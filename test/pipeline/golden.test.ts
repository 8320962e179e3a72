import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { analyze } from '../../src/pipeline/analyze.js';
import { reporters } from '../../reports/index.js';
import type { AnalysisResult } from '../../src/model/result.js';
import { fixturePath, fixturesWithTruth } from '../helpers.js';
import { resultSchemaErrors } from '../support/validate-result.js';

/** The result with what varies between machines and releases replaced. */
function normalise(result: AnalysisResult): AnalysisResult {
  return { ...result, tool: { ...result.tool, version: '<version>' } };
}

for (const fixture of fixturesWithTruth()) {
  test(`golden: ${fixture} analyzes to its golden JSON, valid against the schema, byte-identical on a second run`, () => {
    const options = { root: fixturePath(fixture), displayRoot: `fixtures/${fixture}` };
    const first = reporters.json.render(normalise(analyze(options)), { color: false });
    const second = reporters.json.render(normalise(analyze(options)), { color: false });
    assert.equal(first, second, 'two runs differ');
    assert.deepEqual(resultSchemaErrors(JSON.parse(first)), []);
    const goldenFile = path.join(fixturePath(fixture), 'golden', 'analyze.json');
    if (process.env.UPDATE_GOLDEN === '1') {
      fs.mkdirSync(path.dirname(goldenFile), { recursive: true });
      fs.writeFileSync(goldenFile, first);
    }
    assert.ok(fs.existsSync(goldenFile), `no golden file; run UPDATE_GOLDEN=1 npm test`);
    assert.equal(first, fs.readFileSync(goldenFile, 'utf8'), 'result differs from the golden file; check the change, then UPDATE_GOLDEN=1 npm test');
  });
}
