import { test } from 'node:test';
import assert from 'node:assert/strict';
import { importsAnalyzer } from '../../../analyzers/imports/index.js';
import { parseFile } from '../../../src/extract/parse-file.js';
import { createFileFacts, toModuleId, type FileFacts, type ImportFact } from '../../../src/model/facts.js';

function extract(file: string, text: string): FileFacts {
  const facts = createFileFacts(toModuleId(file), 0);
  importsAnalyzer.visit(parseFile(toModuleId(file), text), { options: {}, facts, report: () => undefined });
  return facts;
}

type Expected = Pick<ImportFact, 'specifier' | 'kind' | 'syntax' | 'line' | 'names'>;

const detected: { name: string; file?: string; text: string; expected: Expected[] }[] = [
  { name: 'named import', text: "import { a, b as c } from './x';", expected: [{ specifier: './x', kind: 'import', syntax: 'import', line: 1, names: ['a', 'b'] }] },
  { name: 'default and namespace', text: "import d from './d';\nimport * as ns from './ns';", expected: [
    { specifier: './d', kind: 'import', syntax: 'import', line: 1, names: ['default'] },
    { specifier: './ns', kind: 'import', syntax: 'import', line: 2, names: ['*'] },
  ] },
  { name: 'side-effect import', text: "\n\nimport './polyfill';", expected: [{ specifier: './polyfill', kind: 'import', syntax: 'import', line: 3, names: [] }] },
  { name: 'import type', text: "import type { T } from './types';", expected: [{ specifier: './types', kind: 'type-import', syntax: 'import', line: 1, names: ['T'] }] },
  { name: 'inline type specifier splits the edge', text: "import { type A, b } from './m';", expected: [
    { specifier: './m', kind: 'import', syntax: 'import', line: 1, names: ['b'] },
    { specifier: './m', kind: 'type-import', syntax: 'import', line: 1, names: ['A'] },
  ] },
  { name: 'export named from', text: "export { a, b as c } from './y';", expected: [{ specifier: './y', kind: 'import', syntax: 'export-from', line: 1, names: ['a', 'b'] }] },
  { name: 'export star', text: "export * from './z';", expected: [{ specifier: './z', kind: 'import', syntax: 'export-from', line: 1, names: ['*'] }] },
  { name: 'export type from', text: "export type { T } from './t';", expected: [{ specifier: './t', kind: 'type-import', syntax: 'export-from', line: 1, names: ['T'] }] },
  { name: 'require with a literal', file: 'a.cjs', text: "const x = require('./x');\nmodule.exports = x;", expected: [{ specifier: './x', kind: 'import', syntax: 'require', line: 1, names: ['*'] }] },
  { name: 'require with space before the parenthesis', file: 'a.js', text: "const x = require ('./x');", expected: [{ specifier: './x', kind: 'import', syntax: 'require', line: 1, names: ['*'] }] },
  { name: 'require with a template without holes', file: 'a.js', text: 'const x = require(`./x`);', expected: [{ specifier: './x', kind: 'import', syntax: 'require', line: 1, names: ['*'] }] },
  { name: 'import equals require', text: "import fs = require('node:fs');\nimport y = require('./y');", expected: [
    { specifier: 'node:fs', kind: 'import', syntax: 'import-equals', line: 1, names: ['*'] },
    { specifier: './y', kind: 'import', syntax: 'import-equals', line: 2, names: ['*'] },
  ] },
  { name: 'dynamic import with a literal', text: "async function f() {\n  return import('./heavy.js');\n}", expected: [{ specifier: './heavy.js', kind: 'dynamic-import', syntax: 'dynamic-import', line: 2, names: ['*'] }] },
  { name: 'tsx file', file: 'c.tsx', text: "import React from 'react';\nexport const C = () => <div>hi</div>;", expected: [{ specifier: 'react', kind: 'import', syntax: 'import', line: 1, names: ['default'] }] },
  { name: 'jsx in a .js file', file: 'c.js', text: "import { h } from './h';\nexport const C = () => <div />;", expected: [{ specifier: './h', kind: 'import', syntax: 'import', line: 1, names: ['h'] }] },
];

const ignored: { name: string; file?: string; text: string }[] = [
  { name: 'dynamic import with a computed specifier', text: "const m = 'x';\nimport(`./${m}`);\nimport(m);" },
  { name: 'require with a variable', text: 'const m = "x"; require(m);' },
  { name: 'require with two arguments', text: "require('./a', 1);" },
  { name: 'a method named require', text: "loader.require('./a');" },
  { name: 'specifier text in a string or comment', text: "const s = \"import x from './x'\";\n// require('./y')" },
];

for (const { name, file, text, expected } of detected) {
  test(`imports: detects ${name}`, () => {
    const facts = extract(file ?? 'src/a.ts', text);
    assert.deepEqual(
      facts.imports.map(({ specifier, kind, syntax, line, names }) => ({ specifier, kind, syntax, line, names })),
      expected,
    );
  });
}

for (const { name, file, text } of ignored) {
  test(`imports: ignores ${name}`, () => {
    assert.deepEqual(extract(file ?? 'src/a.ts', text).imports, []);
  });
}

test('imports: records exports for barrels', () => {
  const facts = extract(
    'src/index.ts',
    "export * from './a';\nexport { b as bee } from './b';\nexport * as ns from './c';\nexport const local = 1;\nexport default function () {}\nexport type { T } from './t';",
  );
  assert.deepEqual(facts.exportStars, [{ specifier: './a', typeOnly: false, line: 1 }]);
  assert.deepEqual(
    facts.exports.map(({ name, from, importName, typeOnly }) => ({ name, from, importName, typeOnly })),
    [
      { name: 'bee', from: './b', importName: 'b', typeOnly: false },
      { name: 'ns', from: './c', importName: '*', typeOnly: false },
      { name: 'local', from: undefined, importName: undefined, typeOnly: false },
      { name: 'default', from: undefined, importName: undefined, typeOnly: false },
      { name: 'T', from: './t', importName: 'T', typeOnly: true },
    ],
  );
});

test('imports: text that only mentions "require" does not materialise the AST', () => {
  const parsed = parseFile(toModuleId('src/form.ts'), "import { z } from 'zod';\nexport const form = { required: true, requirements: z.string() };");
  const facts = createFileFacts(toModuleId('src/form.ts'), 0);
  importsAnalyzer.visit(parsed, { options: {}, facts, report: () => undefined });
  assert.equal(facts.imports.length, 1);
  assert.equal(parsed.programLoaded, false);
});

test('imports: a file with a syntax error still yields what can be read', () => {
  const facts = extract('src/broken.ts', "import { a } from './a';\nconst = ;\n");
  assert.equal(facts.imports[0]?.specifier, './a');
});
