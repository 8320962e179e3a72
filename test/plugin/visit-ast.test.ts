import { test } from 'node:test';
import assert from 'node:assert/strict';
import v8 from 'node:v8';
import vm from 'node:vm';
import { parseSync } from 'oxc-parser';
import { visitAst } from '../../src/plugin/index.js';

v8.setFlagsFromString('--expose-gc');
const collectGarbage = vm.runInNewContext('gc') as () => void;

test('visitAst: calls handlers by node type and on exit, in walk order', () => {
  const program = parseSync('a.ts', 'class A { m() { f(g()); } }\nclass B {}').program;
  const seen: string[] = [];
  visitAst(program, {
    ClassDeclaration: (node: { id: { name: string } }) => seen.push(`enter ${node.id.name}`),
    'ClassDeclaration:exit': (node: { id: { name: string } }) => seen.push(`exit ${node.id.name}`),
    CallExpression: (node: { callee: { name: string } }) => seen.push(`call ${node.callee.name}`),
  });
  assert.deepEqual(seen, ['enter A', 'call f', 'call g', 'exit A', 'enter B', 'exit B']);
});

test('visitAst: a walk inside a walk with the same node types gets its own handlers', () => {
  const outer = parseSync('a.ts', 'f(1); f(2);').program;
  const inner = parseSync('b.ts', 'g(1);').program;
  const seen: string[] = [];
  visitAst(outer, {
    CallExpression: (node: { callee: { name: string } }) => {
      seen.push(node.callee.name);
      visitAst(inner, { CallExpression: (nested: { callee: { name: string } }) => seen.push(`inner ${nested.callee.name}`) });
    },
  });
  assert.deepEqual(seen, ['f', 'inner g', 'f', 'inner g']);
});

test('visitAst: keeps nothing of a file after its walk (a per-file oxc Visitor kept every file alive)', async () => {
  const references: WeakRef<object>[] = [];
  for (let index = 0; index < 20; index += 1) {
    const file = { program: parseSync('a.ts', `f(${index});`).program, payload: new Array(1000).fill(index) };
    references.push(new WeakRef(file));
    visitAst(file.program, { CallExpression: () => void file.payload.length });
  }
  await new Promise((resolve) => setImmediate(resolve)); // WeakRef targets stay alive until the current job ends
  collectGarbage();
  const alive = references.filter((reference) => reference.deref() !== undefined).length;
  assert.equal(alive, 0, `${alive} of 20 files still reachable after their walks`);
});
