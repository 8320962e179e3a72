import { test } from 'node:test';
import assert from 'node:assert/strict';
import { analyze } from '../../src/pipeline/analyze.js';
import { createTempRepo } from '../helpers.js';

/** TypeORM is not installed (as in most analyzed checkouts): the declared types must carry the answer. */
const repo = {
  'tsconfig.json': '{ "compilerOptions": { "experimentalDecorators": true } }',
  'src/users/user.entity.ts': "import { Entity } from 'typeorm';\n@Entity('app_users')\nexport class User { id!: number; }",
  'src/users/user.repository.ts': [
    "import { Repository } from 'typeorm';",
    "import { User } from './user.entity';",
    'export class UserRepository extends Repository<User> {}',
    'export function usersRepo(): Repository<User> { return null as never; }',
  ].join('\n'),
  'src/orders/order.service.ts': [
    "import { UserRepository, usersRepo } from '../users/user.repository';",
    'export class OrderService {',
    '  constructor(private readonly people: UserRepository) {}',
    '  async owner(id: number) {',
    '    await usersRepo().softDelete({ id });',
    '    return this.people.findOneBy({ id });',
    '  }',
    '  count(list: number[]) { return list.find((n) => n > 1); }',
    '}',
  ].join('\n'),
};

function accessesOf(types: boolean): string[] {
  const result = analyze({ root: createTempRepo(repo), types });
  return result.edges
    .filter((edge) => edge.kind === 'reads' || edge.kind === 'writes')
    .map((edge) => `${edge.from} ${edge.kind} ${edge.to} ${edge.via?.join('+')} ${edge.locations.map((l) => l.line).join(',')} ${edge.confidence}`);
}

test('types: receivers syntax cannot place are answered from declared types (custom repository class, function return type)', () => {
  assert.deepEqual(accessesOf(true), [
    'src/orders/order.service.ts reads app_users typeorm-types 6 0.9',
    'src/orders/order.service.ts writes app_users typeorm-types 5 0.9',
  ]);
});

test('types: --no-types skips the pass and asks nothing', () => {
  assert.deepEqual(accessesOf(false), []);
  assert.deepEqual(analyze({ root: createTempRepo(repo), types: false }).stats.types, { files: 0, questions: 0, answered: 0 });
});

test('types: the pass starts from the asking files and what they import (TypeScript follows further imports itself), and reports what it did', () => {
  const result = analyze({ root: createTempRepo({ ...repo, 'src/unrelated/big.ts': 'export const x = 1;' }) });
  assert.deepEqual(result.stats.types, { files: 2, questions: 2, answered: 2 });
});
