import { test } from 'node:test';
import assert from 'node:assert/strict';
import { scopeRows } from '../scopes.js';

const detected: { name: string; text: string; rows: string[] }[] = [
  { name: 'an array of operations', text: "await prisma.$transaction([\n  prisma.course.update({ where, data }),\n  prisma.lesson.deleteMany({ where }),\n]);", rows: ['1 1-4 batch prisma'] },
  { name: 'on this.prisma, one line', text: 'await this.prisma.$transaction([a, b]);', rows: ['1 1-1 batch prisma'] },
];
const ignored: { name: string; text: string }[] = [
  { name: 'a callback $transaction', text: 'await prisma.$transaction(async (tx) => tx.user.findMany());' },
  { name: 'an array held in a variable', text: 'await prisma.$transaction(operations);' },
];

for (const { name, text, rows } of detected) {
  test(`batch transaction detected: ${name}`, () => assert.deepEqual(scopeRows(text, 'batch'), rows));
}
for (const { name, text } of ignored) {
  test(`batch transaction ignored: ${name}`, () => assert.deepEqual(scopeRows(text, 'batch'), []));
}
