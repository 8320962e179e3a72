import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { reporters, type ReportFormat } from '../../reports/index.js';
import { EXPLORER_SCRIPT } from '../../reports/html/index.js';
import { EXPLORER_CSS } from '../../reports/html/styles.js';
import type { ReportOptions } from '../../reports/shared/options.js';
import { fixturePath } from '../helpers.js';
import { HOSTILE_FIXTURE, analyzeHostileFixture, loadFixtureResult, reportFixtures } from './support/report-fixtures.js';

/** The golden files of each fixture: file name, format, options. */
const GOLDENS: { file: string; format: ReportFormat; options: ReportOptions }[] = [
  { file: 'report.md', format: 'markdown', options: {} },
  { file: 'report.html', format: 'html', options: {} },
  { file: 'report.sarif', format: 'sarif', options: {} },
  { file: 'report.mmd', format: 'mermaid', options: {} },
  { file: 'report.dot', format: 'dot', options: {} },
  { file: 'report-modules.mmd', format: 'mermaid', options: { level: 'module' } },
  { file: 'report-modules.dot', format: 'dot', options: { level: 'module' } },
];

/** The HTML golden keeps the page and its data; the script and stylesheet (tested in the browser) are replaced by placeholders so a change to them does not rewrite every golden. */
function normaliseHtml(html: string): string {
  return html
    .replace(EXPLORER_SCRIPT, '/* explorer script: reports/html/client.ts */')
    .replace(EXPLORER_CSS, '/* stylesheet: reports/html/styles.ts */')
    .replace(/script-src 'sha256-[^']+'; style-src 'sha256-[^']+'/, "script-src '<hash>'; style-src '<hash>'");
}

function checkGolden(file: string, actual: string): void {
  if (process.env.UPDATE_GOLDEN === '1') {
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(file, actual);
  }
  assert.ok(fs.existsSync(file), `no golden file ${file}; run UPDATE_GOLDEN=1 npm test`);
  assert.equal(actual, fs.readFileSync(file, 'utf8'), `${file} differs; check the change, then UPDATE_GOLDEN=1 npm test`);
}

test(`golden: the ${HOSTILE_FIXTURE} fixture analyzes to its golden JSON`, () => {
  checkGolden(path.join(fixturePath(HOSTILE_FIXTURE), 'golden', 'analyze.json'), reporters.json.render(analyzeHostileFixture(), { color: false }));
});

for (const fixture of reportFixtures()) {
  const result = loadFixtureResult(fixture);
  for (const { file, format, options } of GOLDENS) {
    test(`golden: ${fixture} renders ${format}${options.level ? ` (${options.level} level)` : ''} to golden/${file}, the same twice`, () => {
      const first = reporters[format].render(result, { color: false, ...options });
      const second = reporters[format].render(structuredClone(result), { color: false, ...options });
      assert.equal(first, second, 'two renders differ');
      assert.ok(first.endsWith('\n'));
      checkGolden(path.join(fixturePath(fixture), 'golden', file), format === 'html' ? normaliseHtml(first) : first);
    });
  }
}
