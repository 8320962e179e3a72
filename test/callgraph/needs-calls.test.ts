import { test } from 'node:test';
import assert from 'node:assert/strict';
import { modulesNeedingCalls } from '../../src/callgraph/needs-calls.js';
import { createFileFacts, type FileFacts, type ModuleId } from '../../src/model/facts.js';
import type { Edge } from '../../src/model/result.js';

function facts(module: string, parts: Partial<Pick<FileFacts, 'entryPoints' | 'transactions'>> = {}): FileFacts {
  return { ...createFileFacts(module as ModuleId, 1), ...parts } as FileFacts;
}
const edge = (from: string, to: string, kind: Edge['kind'] = 'import'): Edge => ({ from, to, kind, weight: 1, locations: [] });
const route = { kind: 'http', name: 'GET /', framework: 'express', line: 1, handlers: [] } as unknown as FileFacts['entryPoints'][number];
const scope = { via: 'knex', style: 'callback', line: 1, startLine: 1, endLine: 2 } as FileFacts['transactions'][number];

const cases: { name: string; facts: FileFacts[]; edges: Edge[]; needed: string[] }[] = [
  {
    name: 'an entry point and what it imports, type imports included; not its importers or the rest',
    facts: [facts('routes.ts', { entryPoints: [route] }), facts('service.ts'), facts('types.ts'), facts('app.ts'), facts('ui.tsx')],
    edges: [edge('routes.ts', 'service.ts'), edge('service.ts', 'types.ts', 'type-import'), edge('app.ts', 'routes.ts'), edge('ui.tsx', 'types.ts')],
    needed: ['routes.ts', 'service.ts', 'types.ts'],
  },
  {
    name: "a transaction's module, its imports, and its importers (a helper's callers) with their imports",
    facts: [facts('db.ts', { transactions: [scope] }), facts('pool.ts'), facts('orders.ts'), facts('payments.ts'), facts('other.ts')],
    edges: [edge('db.ts', 'pool.ts'), edge('orders.ts', 'db.ts'), edge('orders.ts', 'payments.ts'), edge('other.ts', 'orders.ts')],
    needed: ['db.ts', 'orders.ts', 'payments.ts', 'pool.ts'],
  },
  {
    name: 'table and event edges are not followed',
    facts: [facts('routes.ts', { entryPoints: [route] }), facts('consumer.ts')],
    edges: [edge('routes.ts', 'orders', 'writes'), edge('routes.ts', 'consumer.ts', 'event')],
    needed: ['routes.ts'],
  },
  { name: 'no entry point and no transaction: nothing', facts: [facts('a.ts'), facts('b.ts')], edges: [edge('a.ts', 'b.ts')], needed: [] },
];

for (const { name, facts: all, edges, needed } of cases) {
  test(`modules needing calls: ${name}`, () => {
    assert.deepEqual([...modulesNeedingCalls(all, edges)].sort(), needed);
  });
}
