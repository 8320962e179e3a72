import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { toResultJsonSchema } from '../../src/model/result.js';
import { PACKAGE_ROOT } from '../../src/version.js';

const schemaFile = path.join(PACKAGE_ROOT, 'schema', 'result.schema.json');

test('schema: the published JSON Schema is the one generated from the model (UPDATE_GOLDEN=1 rewrites it)', () => {
  const generated = `${JSON.stringify(toResultJsonSchema(), null, 2)}\n`;
  if (process.env.UPDATE_GOLDEN === '1') fs.writeFileSync(schemaFile, generated);
  assert.equal(fs.readFileSync(schemaFile, 'utf8'), generated);
});
