import { test } from 'node:test';
import assert from 'node:assert/strict';
import v8 from 'node:v8';
import vm from 'node:vm';
import { parseSync, Visitor } from 'oxc-parser';
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

/** Every enter and exit oxc's own Visitor makes, for every node type, as `type` / `type:exit` lines. */
function oxcOrder(program: ReturnType<typeof parseSync>['program'], types: readonly string[]): string[] {
  const seen: string[] = [];
  const handlers: Record<string, (node: { type: string; start: number }) => void> = {};
  for (const type of types) {
    handlers[type] = (node) => seen.push(`${node.type}@${node.start}`);
    handlers[`${type}:exit`] = (node) => seen.push(`${node.type}:exit@${node.start}`);
  }
  new Visitor(handlers as never).visit(program);
  return seen;
}

test('visitAst: later walks of a program replay the first one, in exactly the order of oxc\'s Visitor (leaf exits too)', () => {
  const text = [
    "import { x } from './x';",
    '@Injectable() export class A<T> extends B implements C { constructor(private readonly r: Repo<T>) { super(); } async m() { for (const y of [1, 2]) await f(`a${y}`, () => this.r.g()); } }',
    "export default function h({ a = 1, ...rest }: P): void { label: while (true) { try { break label; } catch { throw new Error('e'); } finally { ; } } }",
    'const j = <div>{x ? <span /> : null}</div>;',
  ].join('\n');
  const program = parseSync('a.tsx', text).program;
  const types = ['ClassDeclaration', 'CallExpression', 'Identifier', 'TemplateElement', 'ThisExpression', 'Decorator', 'JSXElement', 'Literal', 'EmptyStatement', 'TSTypeReference', 'ArrowFunctionExpression'];
  const expected = oxcOrder(program, types);
  assert.ok(expected.length > 60, `a walk worth comparing (${expected.length} events)`);
  for (const round of ['first (records)', 'second (replays)', 'third (replays)']) {
    const seen: string[] = [];
    const handlers: Record<string, (node: { type: string; start: number }) => void> = {};
    for (const type of types) {
      handlers[type] = (node) => seen.push(`${node.type}@${node.start}`);
      handlers[`${type}:exit`] = (node) => seen.push(`${node.type}:exit@${node.start}`);
    }
    visitAst(program, handlers as never);
    assert.deepEqual(seen, expected, round);
  }
  const calls: string[] = [];
  visitAst(program, { 'CallExpression:exit': (node: { start: number }) => calls.push(`exit@${node.start}`) });
  assert.deepEqual(calls, expected.filter((event) => event.startsWith('CallExpression:exit')).map((event) => event.replace('CallExpression:', '')), 'only the handlers given are called');
});

test('visitAst: a node type oxc does not know is reported as its Visitor reports it', () => {
  const program = parseSync('a.ts', 'f();').program;
  assert.throws(() => visitAst(program, { NotANodeType: () => undefined }));
});
