import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { Ajv } from 'ajv';
import { reporters } from '../../reports/index.js';
import type { AnalysisResult } from '../../src/model/result.js';
import { PACKAGE_ROOT } from '../../src/version.js';
import { loadFixtureResult, reportFixtures, HOSTILE_FIXTURE } from './support/report-fixtures.js';

const schema = JSON.parse(fs.readFileSync(path.join(PACKAGE_ROOT, 'test', 'reports', 'sarif', 'sarif-schema-2.1.0.json'), 'utf8')) as object;
/** A URI reference: no characters RFC 3986 forbids unescaped, and every % starts an escape. */
const isUriReference = (text: string): boolean => !/[\s<>"{}|\\^`\u0080-\uffff]/.test(text) && !/%(?![0-9A-Fa-f]{2})/.test(text);
// The schema's language pattern is not valid with the u flag ajv uses by default.
const ajv = new Ajv({ allErrors: true, strict: false, unicodeRegExp: false });
ajv.addFormat('uri-reference', isUriReference);
ajv.addFormat('uri', (text: string) => /^[A-Za-z][A-Za-z0-9+.-]*:/.test(text) && isUriReference(text));
ajv.addFormat('date-time', (text: string) => !Number.isNaN(Date.parse(text)));
const validate = ajv.compile(schema);

interface SarifLog {
  runs: {
    tool: { driver: { rules: { id: string; help: { text: string }; shortDescription: { text: string } }[] } };
    results: { ruleId: string; ruleIndex: number; level: string; message: { text: string }; locations: { physicalLocation: { artifactLocation: { uri: string }; region: { startLine: number } } }[]; relatedLocations?: unknown[] }[];
    properties: { findingsWithoutLocation: number };
  }[];
}

function renderSarif(result: AnalysisResult, linkBase?: string): SarifLog {
  return JSON.parse(reporters.sarif.render(result, { color: false, ...(linkBase !== undefined ? { linkBase } : {}) })) as SarifLog;
}

for (const fixture of reportFixtures()) {
  test(`sarif: ${fixture} is valid against the SARIF 2.1.0 schema, one rule per finding kind, every located finding a result`, () => {
    const result = loadFixtureResult(fixture);
    const sarif = renderSarif(result);
    assert.ok(validate(sarif), JSON.stringify(validate.errors?.slice(0, 5), null, 2));
    const [run] = sarif.runs;
    assert.ok(run);
    const located = result.findings.filter((finding) => finding.locations.length > 0);
    assert.deepEqual(run.tool.driver.rules.map((rule) => rule.id), [...new Set(located.map((finding) => finding.kind))].sort());
    for (const rule of run.tool.driver.rules) assert.ok(rule.help.text.length > 40 && rule.shortDescription.text.length > 10, `rule ${rule.id} has help`);
    assert.equal(run.results.length, located.length);
    assert.equal(run.properties.findingsWithoutLocation, result.findings.length - located.length);
    run.results.forEach((sarifResult, index) => {
      const finding = located[index];
      assert.ok(finding);
      assert.equal(run.tool.driver.rules[sarifResult.ruleIndex]?.id, sarifResult.ruleId);
      assert.equal(sarifResult.level, { error: 'error', warning: 'warning', info: 'note' }[finding.severity]);
      assert.equal(sarifResult.locations.length, 1, 'GitHub needs exactly one primary location');
      assert.equal(decodeURIComponent(sarifResult.locations[0]?.physicalLocation.artifactLocation.uri ?? ''), finding.locations[0]?.file);
      assert.equal(sarifResult.locations[0]?.physicalLocation.region.startLine, finding.locations[0]?.line);
    });
  });
}

test('sarif: hostile file names become percent-encoded URIs and brackets in messages are escaped (no embedded links)', () => {
  const result = loadFixtureResult(HOSTILE_FIXTURE);
  const withBrackets: AnalysisResult = {
    ...result,
    findings: [{ kind: 'shared-table', severity: 'warning', message: 'Table "[x](1)" \\ is shared', locations: [{ file: 'src/a b/[x].ts', line: 2 }], evidence: [] }],
  };
  const sarif = renderSarif(withBrackets, 'services/api');
  assert.ok(validate(sarif), JSON.stringify(validate.errors?.slice(0, 5)));
  const [only] = sarif.runs[0]?.results ?? [];
  assert.equal(only?.message.text, 'Table "\\[x\\](1)" \\\\ is shared');
  assert.equal(only?.locations[0]?.physicalLocation.artifactLocation.uri, 'services/api/src/a%20b/%5Bx%5D.ts');
});

test('sarif: a finding kind seams does not know yet still gets a rule with help', () => {
  const result = loadFixtureResult(HOSTILE_FIXTURE);
  const sarif = renderSarif({ ...result, findings: [{ kind: 'glue-module', severity: 'error', message: 'm', locations: [{ file: 'a.ts', line: 1 }], evidence: [] }] });
  assert.ok(validate(sarif));
  const rule = sarif.runs[0]?.tool.driver.rules[0] as unknown as { id: string; name: string; defaultConfiguration: { level: string } };
  assert.deepEqual([rule.id, rule.name, rule.defaultConfiguration.level], ['glue-module', 'GlueModule', 'error']);
});

test('sarif: the schema check can fail (a result without a message, a location with line 0)', () => {
  const sarif = renderSarif(loadFixtureResult('ecommerce')) as unknown as { runs: { results: Record<string, unknown>[] }[] };
  const broken = structuredClone(sarif);
  delete broken.runs[0]?.results[0]?.message;
  assert.equal(validate(broken), false);
  const badLine = JSON.parse(JSON.stringify(sarif).replace('"startLine":', '"startLine":-')) as unknown;
  assert.equal(validate(badLine), false);
});
