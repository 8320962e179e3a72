import { test } from 'node:test';
import assert from 'node:assert/strict';
import { scopeRows } from '../scopes.js';

const detected: { name: string; text: string; rows: string[] }[] = [
  {
    name: "outline's transaction() middleware before the handler",
    text: "router.post(\n  'documents.restore',\n  auth(),\n  transaction(),\n  async (ctx) => {\n    await Document.restore(ctx.state.transaction);\n  },\n);",
    rows: ['1 5-7 middleware middleware'],
  },
  { name: 'every handler after it', text: "app.put('/x', withTransaction(), validate, function a(req) {}, (req, res) => {});", rows: ['1 1-1 middleware middleware', '1 1-1 middleware middleware'] },
];
const ignored: { name: string; text: string }[] = [
  { name: 'handlers before the middleware', text: "router.post('x', async (ctx) => {}, transaction());" },
  { name: 'a transaction() call with arguments', text: "router.post('x', transaction(db), async (ctx) => {});" },
];

for (const { name, text, rows } of detected) {
  test(`middleware transaction detected: ${name}`, () => assert.deepEqual(scopeRows(text, 'middleware'), rows));
}
for (const { name, text } of ignored) {
  test(`middleware transaction ignored: ${name}`, () => assert.deepEqual(scopeRows(text, 'middleware'), []));
}
