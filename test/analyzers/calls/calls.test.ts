import { test } from 'node:test';
import assert from 'node:assert/strict';
import { callsAnalyzer } from '../../../analyzers/calls/index.js';
import { parseFile } from '../../../src/extract/parse-file.js';
import { createFileFacts, toModuleId, type FileFacts } from '../../../src/model/facts.js';

function collect(text: string): FileFacts {
  const file = parseFile(toModuleId('src/a.ts'), text);
  const facts = createFileFacts(file.id, 0);
  callsAnalyzer.visit(file, { options: {}, facts, report: () => undefined });
  return facts;
}

const functionCases: { name: string; text: string; functions: string[] }[] = [
  { name: 'declarations, exported and default', text: 'function a(x) {}\nexport async function b(x, { transaction }) {\n}\nexport default function () {}', functions: ['a 1-1 x', 'b 2-3 x,{transaction}', 'default 4-4 '] },
  { name: 'class methods, constructor and arrow fields', text: 'export class Orders {\n  constructor(private readonly repo: Repo) {}\n  async place(o) {\n    return 1;\n  }\n  cancel = async (id) => {};\n}', functions: ['Orders.constructor 2-2 repo', 'Orders.place 3-5 o', 'Orders.cancel 6-6 id'] },
  { name: 'functions held in consts and object literals', text: 'export const list = async () => {};\nexport const orders = {\n  create(o) {},\n  remove: function (id) {},\n};', functions: ['list 1-1 ', 'orders.create 3-3 o', 'orders.remove 4-4 id'] },
  { name: 'CommonJS exports', text: 'exports.create = function (o) {};\nmodule.exports.remove = (id) => {};\nmodule.exports = { find(q) {} };', functions: ['create 1-1 o', 'remove 2-2 id', 'find 3-3 q'] },
];
for (const { name, text, functions } of functionCases) {
  test(`calls analyzer functions: ${name}`, () => {
    assert.deepEqual(collect(text).functions.map((fn) => `${fn.name} ${fn.startLine}-${fn.endLine} ${fn.params.join(',')}`), functions);
  });
}

const callCases: { name: string; text: string; calls: string[] }[] = [
  { name: 'a local name and an imported one', text: "import { pay } from './billing';\nrun(1);\npay(trx, { transaction: t });", calls: ['2 name run [] ', "3 name pay ./billing#pay [trx|t] "] },
  { name: 'this, this.field and an imported instance', text: "import { orders } from './orders';\nthis.save(x);\nthis.repo.find(trx);\norders.create(ctx.trx);", calls: ['2 member this.save [x] ', '3 member this.repo.find [trx] ', '4 member orders.create ./orders#orders [ctx] '] },
  { name: 'require bindings', text: "const svc = require('./svc');\nconst { pay } = require('./billing');\nsvc.run();\npay();", calls: ["3 member svc.run ./svc#* [] ", "4 name pay ./billing#pay [] "] },
  { name: 'an inline callback argument', text: 'withTransaction(pool, async (client) => {\n  await client.query(q);\n});', calls: ['1 name withTransaction [pool|] cb1:1-3:client', '2 member client.query [q] '] },
];
const ignoredCalls: { name: string; text: string }[] = [
  { name: 'globals and built-ins', text: 'console.log(1);\nJSON.parse(s);\nrequire("x");\nsetTimeout(f);\nsuper.run();' },
  { name: 'deep member chains and computed callees', text: 'a.b.c();\nthis.a.b.c();\nfns[i]();\n(await f())();' },
];
for (const { name, text, calls } of callCases) {
  test(`calls analyzer calls: ${name}`, () => {
    const rows = collect(text).calls.map((call) => {
      const target = call.callee.kind === 'name' ? `name ${call.callee.name}` : `member ${call.callee.object}.${call.callee.property}`;
      const from = call.callee.specifier ? ` ${call.callee.specifier}#${call.callee.importedName}` : '';
      const callbacks = (call.callbacks ?? []).map((cb) => `cb${cb.index}:${cb.startLine}-${cb.endLine}:${cb.params.join(',')}`).join(' ');
      return `${call.line} ${target}${from} [${call.args.map((names) => names.join(',')).join('|')}] ${callbacks}`;
    });
    assert.deepEqual(rows, calls);
  });
}
for (const { name, text } of ignoredCalls) {
  test(`calls analyzer ignores: ${name}`, () => {
    assert.deepEqual(collect(text).calls.filter((call) => call.callee.kind === 'member' || call.callee.name !== 'f'), []);
  });
}

test('calls analyzer: typed class fields from parameter properties, declarations and new', () => {
  const facts = collect("import { Repo } from './repo';\nclass A {\n  constructor(private repo: Repo, plain: Other) {}\n  cache: Map<string, number>;\n  mailer = new Mailer();\n}\nconst billing = new BillingService();");
  assert.deepEqual(
    facts.classFields.map((field) => `${field.className}.${field.field}:${field.type}${field.typeFrom ? ` ${field.typeFrom.specifier}#${field.typeFrom.importedName}` : ''}`),
    ['A.repo:Repo ./repo#Repo', 'A.cache:Map', 'A.mailer:Mailer', '.billing:BillingService'],
  );
});
