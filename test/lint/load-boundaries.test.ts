import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createTempRepo, runCliCaptured } from '../helpers.js';

const FILES = {
  'src/billing/index.ts': "import { price } from '../catalog/index';\nexport const bill = price;",
  'src/catalog/index.ts': 'export const price = 1;',
};

const domains = (extra = ''): string => `{
  "version": 1,
  "domains": {
    "billing": { "paths": ["src/billing/**"] },
    "catalog": { "paths": ["src/catalog/**"]${extra} }
  }
}`;

interface ConfigCase {
  name: string;
  files: Record<string, string>;
  /** Expected on stderr: the file, line and column, and what is wrong. */
  message: RegExp;
}

const cases: ConfigCase[] = [
  { name: 'no boundaries file', files: {}, message: /No boundaries file in .*seams boundaries init/ },
  { name: 'an empty file', files: { 'seams.boundaries.json': '' }, message: /seams\.boundaries\.json:1:1: the file is empty/ },
  { name: 'malformed JSON', files: { 'seams.boundaries.json': '{\n  "version": 1,\n  "domains": {\n    "billing": { "paths": ["src/billing/**"] ,\n}' }, message: /seams\.boundaries\.json:5:\d+: syntax error/ },
  { name: 'a duplicate key', files: { 'seams.boundaries.json': '{\n  "version": 1,\n  "version": 1,\n  "domains": {}\n}' }, message: /seams\.boundaries\.json:3:3: syntax error: Map keys must be unique/ },
  { name: 'malformed YAML', files: { 'seams.boundaries.yaml': 'version: 1\ndomains:\n  billing:\n    paths: [src/billing/**\n' }, message: /seams\.boundaries\.yaml:\d+:\d+: syntax error/ },
  { name: 'a wrong version', files: { 'seams.boundaries.json': '{\n  "version": 2,\n  "domains": {}\n}' }, message: /seams\.boundaries\.json:2:14: version: Invalid input: expected 1/ },
  { name: 'an unknown key', files: { 'seams.boundaries.json': domains(',\n      "dependson": ["billing"]') }, message: /seams\.boundaries\.json:6:7: domains\.catalog: unknown key "dependson"/ },
  { name: 'a wrong type, in YAML', files: { 'seams.boundaries.yaml': 'version: 1\ndomains:\n  billing:\n    paths: src/billing/**\n' }, message: /seams\.boundaries\.yaml:4:12: domains\.billing\.paths: Invalid input: expected array/ },
  { name: 'no domain', files: { 'seams.boundaries.json': '{ "version": 1, "domains": {} }' }, message: /seams\.boundaries\.json:1:\d+: domains: no domain is defined/ },
  { name: 'an unknown dependsOn', files: { 'seams.boundaries.json': domains(', "dependsOn": ["biling"]') }, message: /seams\.boundaries\.json:5:\d+: domains\.catalog\.dependsOn: unknown domain "biling" \(domains: billing, catalog\)/ },
  { name: 'a domain called shared', files: { 'seams.boundaries.json': '{ "version": 1,\n "domains": {\n "shared": { "paths": ["src/**"] } } }' }, message: /seams\.boundaries\.json:3:2: "shared" is the shared kernel's name/ },
  { name: 'a table with two owners', files: { 'seams.boundaries.json': domains(', "tables": ["prices"] }, "x": { "paths": ["src/x/**"], "tables": ["prices"]') }, message: /table "prices" is owned by both catalog and x/ },
  { name: 'a glob matching no file', files: { 'seams.boundaries.json': domains(', "paths": ["src/catalog/**", "src/catalogue/**"]').replace('"paths": ["src/catalog/**"], "paths"', '"paths"') }, message: /seams\.boundaries\.json:5:\d+: domains\.catalog\.paths: "src\/catalogue\/\*\*" matches no file/ },
  { name: 'a folder written without /**', files: { 'seams.boundaries.json': domains().replace('"src/catalog/**"', '"src/catalog"') }, message: /seams\.boundaries\.json:5:\d+: domains\.catalog matches no file.*\n.*"src\/catalog" matches no file \(did you mean "src\/catalog\/\*\*"\?\)/ },
  { name: 'an entry glob matching none of its files', files: { 'seams.boundaries.json': domains(', "entries": ["src/catalog/public.ts"]') }, message: /domains\.catalog\.entries: "src\/catalog\/public\.ts" matches none of the domain's files/ },
  { name: 'a file in two domains', files: { 'seams.boundaries.json': domains().replace('"src/catalog/**"', '"src/**"') }, message: /seams\.boundaries\.json:5:\d+: 1 file belong to both billing and catalog \(src\/billing\/index\.ts\)/ },
  { name: 'both a JSON and a YAML file', files: { 'seams.boundaries.json': domains(), 'seams.boundaries.yaml': 'version: 1' }, message: /Both seams\.boundaries\.json and seams\.boundaries\.yaml exist/ },
  { name: 'a malformed baseline', files: { 'seams.boundaries.json': domains(), 'seams.baseline.json': '{ "version": 1, "violations": [\n  { "from": "a", "to": "b", "kind": "imports", "rule": "forbidden-dependency" }\n] }' }, message: /seams\.baseline\.json:2:\d+: violations\[0\]\.kind: Invalid option/ },
];

for (const { name, files, message } of cases) {
  test(`lint config: exit 2 with the location for ${name}`, async () => {
    const root = createTempRepo({ ...FILES, ...files });
    const run = await runCliCaptured(['lint', root, '--no-cache']);
    assert.equal(run.code, 2, run.stderr + run.stdout);
    assert.match(run.stderr, message);
    assert.equal(run.stdout, '');
    assert.doesNotMatch(run.stderr, /\n\s+at /, 'no stack trace');
  });
}

test('lint config: a valid YAML file is read like JSON, and problems list every location at once', async () => {
  const root = createTempRepo({
    ...FILES,
    'seams.boundaries.yml': 'version: 1\ntypeImports: warn\ndomains:\n  billing:\n    paths: ["src/billing/**"]\n    dependsOn: [catalog]\n  catalog:\n    paths: ["src/catalog/**"]\n',
  });
  const run = await runCliCaptured(['lint', root, '--no-cache']);
  assert.equal(run.code, 0, run.stderr);
  const broken = createTempRepo({
    ...FILES,
    'seams.boundaries.yaml': 'version: 1\ndomains:\n  billing:\n    paths: ["src/nope/**"]\n    dependsOn: [catalogue]\n  catalog:\n    paths: ["src/catalog/**"]\n',
  });
  const brokenRun = await runCliCaptured(['lint', broken, '--no-cache']);
  assert.equal(brokenRun.code, 2);
  assert.match(brokenRun.stderr, /seams\.boundaries\.yaml:5:17: domains\.billing\.dependsOn: unknown domain "catalogue"/);
});

test('lint config: --boundaries names the file; a missing one is exit 2', async () => {
  const root = createTempRepo({ ...FILES, 'config/boundaries.json': domains() });
  const named = await runCliCaptured(['lint', root, '--no-cache', '--boundaries', 'config/boundaries.json']);
  assert.equal(named.code, 1, named.stderr);
  assert.match(named.stdout, /billing → catalog \(1\)/);
  const missing = await runCliCaptured(['lint', root, '--boundaries', 'config/nope.json']);
  assert.equal(missing.code, 2);
  assert.match(missing.stderr, /Boundaries file not found: config\/nope\.json/);
});

test('lint config: with --tables, an owned table seams never sees is exit 2 with its location', async () => {
  const root = createTempRepo({
    ...FILES,
    'migrations/001.sql': 'CREATE TABLE prices (id int);',
    'seams.boundaries.json': domains(', "tables": ["prices", "pricez"], "dependsOn": ["billing"]'),
  });
  const run = await runCliCaptured(['lint', root, '--tables', '--no-cache']);
  assert.equal(run.code, 2);
  assert.match(run.stderr, /seams\.boundaries\.json:5:\d+: table "pricez" matches no table seams sees/);
  assert.doesNotMatch(run.stderr, /table "prices"/);
  assert.equal((await runCliCaptured(['lint', root, '--no-cache'])).code, 1, 'without --tables, table names are not checked (billing → catalog is the violation)');
});
