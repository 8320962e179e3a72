import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { Ajv2020 } from 'ajv/dist/2020.js';
import { toBoundariesJsonSchema } from '../../src/lint/boundaries-schema.js';
import { PACKAGE_ROOT } from '../../src/version.js';

const schemaFile = path.join(PACKAGE_ROOT, 'schema', 'boundaries.schema.json');

test('boundaries schema: the published JSON Schema is the one generated from the zod schema (UPDATE_GOLDEN=1 rewrites it)', () => {
  const generated = `${JSON.stringify(toBoundariesJsonSchema(), null, 2)}\n`;
  if (process.env.UPDATE_GOLDEN === '1') fs.writeFileSync(schemaFile, generated);
  assert.equal(fs.readFileSync(schemaFile, 'utf8'), generated);
});

test("boundaries schema: seams' own boundaries file is valid against the published JSON Schema, and a typo is not", () => {
  const validate = new Ajv2020({ strict: false }).compile(JSON.parse(fs.readFileSync(schemaFile, 'utf8')));
  const own = JSON.parse(fs.readFileSync(path.join(PACKAGE_ROOT, 'seams.boundaries.json'), 'utf8'));
  assert.equal(validate(own), true, JSON.stringify(validate.errors));
  assert.equal(validate({ ...own, typeImport: 'allow' }), false);
  assert.equal(validate({ ...own, typeImports: 'sometimes' }), false);
});
