import { test } from 'node:test';
import assert from 'node:assert/strict';
import { scopeRows } from '../scopes.js';

const detected: { name: string; text: string; rows: string[] }[] = [
  {
    name: 'typeorm-transactional @Transactional()',
    text: "import { Transactional } from 'typeorm-transactional';\nclass Orders {\n  @Transactional()\n  async place(order) {\n    await this.repo.save(order);\n  }\n}",
    rows: ['3 4-6 decorator typeorm'],
  },
  {
    name: "Vendure's @Transaction()",
    text: "import { Transaction } from '@vendure/core';\nclass Resolver {\n  @Transaction()\n  @Mutation()\n  create(@Ctx() ctx, args) {\n    return this.service.create(ctx, args);\n  }\n}",
    rows: ['3 5-7 decorator typeorm'],
  },
  {
    name: 'MikroORM @Transactional without a call',
    text: "import { Transactional } from '@mikro-orm/core';\nclass S {\n  @Transactional\n  async run() {}\n}",
    rows: ['3 4-4 decorator mikro-orm'],
  },
];
const ignored: { name: string; text: string }[] = [
  { name: 'another decorator', text: "class S {\n  @Transactions()\n  @Get()\n  run() {}\n}" },
  { name: 'an undecorated method named transaction', text: 'class S {\n  transaction() {}\n}' },
];

for (const { name, text, rows } of detected) {
  test(`decorator transaction detected: ${name}`, () => assert.deepEqual(scopeRows(text, 'decorator'), rows));
}
for (const { name, text } of ignored) {
  test(`decorator transaction ignored: ${name}`, () => assert.deepEqual(scopeRows(text, 'decorator'), []));
}
