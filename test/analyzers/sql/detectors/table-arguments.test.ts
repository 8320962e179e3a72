import { test } from 'node:test';
import assert from 'node:assert/strict';
import { detect } from '../detect.js';

/** A recorded call as `line callee[@specifier] application.argument target`. */
function argumentsOf(text: string): string[] {
  return detect(text).facts.tableArguments.map(
    (call) =>
      `${call.line} ${call.callee}${call.specifier ? `@${call.specifier}` : ''} ${call.application}.${call.argument} ${call.target.kind === 'symbol' ? `${call.target.specifier ?? ''}#${call.target.symbol}` : call.target.kind}`,
  );
}

const detected: { name: string; text: string; rows: string[] }[] = [
  {
    name: 'a curried builder given an imported schema object',
    text: "import { buildInsert } from './db';\nimport { Users } from '@acme/schemas';\nconst insert = buildInsert(pool)(Users, { returning: true });",
    rows: ['3 buildInsert@./db 1.0 @acme/schemas#Users'],
  },
  {
    name: "a plain call given a schema object's .table, and a local function",
    text: "import { Users } from '@acme/schemas';\nconst countRows = (pool, schema) => 0;\ncountRows(pool, Users.table);",
    rows: ['3 countRows 0.1 @acme/schemas#Users'],
  },
];

const ignored: { name: string; text: string }[] = [
  { name: 'a lowercase or local argument', text: "import { users } from './s';\nconst Local = {};\nbuild(pool)(users);\nbuild(pool)(Local);" },
  { name: 'a method call (not a plain function)', text: "import { Users } from '@acme/schemas';\nrepo.find(pool, Users);" },
  { name: 'a call on a namespace import', text: "import * as db from './db';\nimport { Users } from '@acme/schemas';\ndb(pool)(Users);" },
];

for (const { name, text, rows } of detected) {
  test(`table-arguments: records ${name}`, () => {
    assert.deepEqual(argumentsOf(text), rows);
  });
}

for (const { name, text } of ignored) {
  test(`table-arguments: ignores ${name}`, () => {
    assert.deepEqual(argumentsOf(text), []);
  });
}

test('table-arguments: a call records no access by itself', () => {
  const { facts } = detect("import { Users } from '@acme/schemas';\nbuild(pool)(Users);");
  assert.deepEqual(facts.tableAccesses, []);
});
