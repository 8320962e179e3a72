import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { CACHE_DIRECTORY } from '../../src/cache/facts-cache.js';
import { analyze } from '../../src/pipeline/analyze.js';
import { createTempRepo } from '../helpers.js';

/**
 * The asking file imports only the repository module; the entity behind it is reached by
 * TypeScript alone (through `./model`, a folder at first), so neither the questions nor the
 * files the pass starts from change when the entity does: only the recorded file-system
 * answers can tell.
 */
const repo = {
  'package.json': '{ "dependencies": { "typeorm": "^0.3.0" } }',
  'tsconfig.json': '{ "compilerOptions": { "experimentalDecorators": true } }',
  'src/users/model/index.ts': "import { Entity } from 'typeorm';\n@Entity('app_users')\nexport class User { id!: number; }\n@Entity('admins')\nexport class Admin { id!: number; }",
  'src/users/user.repository.ts': "import { Repository } from 'typeorm';\nimport { User } from './model';\nexport function usersRepo(): Repository<User> { return null as never; }",
  'src/orders/order.service.ts': "import { usersRepo } from '../users/user.repository';\nexport async function owner(id: number) {\n  return usersRepo().findOneBy({ id });\n}",
};

function typedAccesses(root: string, cache: boolean): string[] {
  const result = analyze({ root, cache });
  return result.edges.filter((edge) => edge.via?.some((via) => via.endsWith('-types'))).map((edge) => `${edge.from} ${edge.kind} ${edge.to}`);
}

function cacheFile(root: string): string {
  return path.join(root, CACHE_DIRECTORY, 'types.json');
}

/** The inode of the cache file: a run that reused every answer does not rewrite it. */
function inodeOf(root: string): number {
  return fs.statSync(cacheFile(root)).ino;
}

test('types cache: a warm run reuses the answers (the file is not rewritten) and equals a run without the cache', () => {
  const root = createTempRepo(repo);
  const expected = typedAccesses(root, false);
  assert.deepEqual(expected, ['src/orders/order.service.ts reads app_users']);
  assert.deepEqual(typedAccesses(root, true), expected, 'cold');
  const written = inodeOf(root);
  assert.deepEqual(typedAccesses(root, true), expected, 'warm');
  assert.equal(inodeOf(root), written, 'every answer reused');
  const json = JSON.stringify(analyze({ root, cache: true }));
  assert.equal(json, JSON.stringify(analyze({ root })), 'byte-identical');
});

test('types cache: a file only TypeScript read (not asking, not imported by the asking file) changes the answer', () => {
  const root = createTempRepo(repo);
  typedAccesses(root, true);
  fs.writeFileSync(path.join(root, 'src/users/user.repository.ts'), repo['src/users/user.repository.ts'].replaceAll('User', 'Admin'));
  // user.repository.ts is a neighbour; the entity file is not, so edit it too in a second step.
  assert.deepEqual(typedAccesses(root, true), ['src/orders/order.service.ts reads admins']);
  fs.writeFileSync(path.join(root, 'src/users/model/index.ts'), repo['src/users/model/index.ts'].replace("'admins'", "'administrators'"));
  const written = inodeOf(root);
  assert.deepEqual(typedAccesses(root, true), ['src/orders/order.service.ts reads administrators']);
  assert.deepEqual(typedAccesses(root, false), ['src/orders/order.service.ts reads administrators'], 'as without the cache');
  assert.notEqual(inodeOf(root), written, 'answers of the changed group stored again');
});

test('types cache: a new file where TypeScript looked (./model.ts before ./model/index.ts) is seen', () => {
  const root = createTempRepo(repo);
  assert.deepEqual(typedAccesses(root, true), ['src/orders/order.service.ts reads app_users']);
  // Same class name, other table: the asking file's import and the questions stay the same.
  fs.writeFileSync(path.join(root, 'src/users/model.ts'), "import { Entity } from 'typeorm';\n@Entity('legacy_users')\nexport class User { id!: number; }");
  assert.deepEqual(typedAccesses(root, true), typedAccesses(root, false));
  assert.deepEqual(typedAccesses(root, true), ['src/orders/order.service.ts reads legacy_users']);
});

test('types cache: a corrupt or foreign file costs only the computation', () => {
  const root = createTempRepo(repo);
  typedAccesses(root, true);
  for (const text of ['{"format":1,', '[]', '{"format":1,"seamsVersion":"0.0.0","groups":{}}', '{"format":1,"seamsVersion":"x","groups":{"k":{"fileSystem":5}}}']) {
    fs.writeFileSync(cacheFile(root), text);
    assert.deepEqual(typedAccesses(root, true), ['src/orders/order.service.ts reads app_users'], text);
  }
  const stored = JSON.parse(fs.readFileSync(cacheFile(root), 'utf8')) as { groups: Record<string, { fileSystem: Record<string, string> }> };
  const questions = Object.keys(Object.values(stored.groups)[0]?.fileSystem ?? {});
  assert.ok(questions.some((question) => question.startsWith('r:') && question.endsWith('src/users/model/index.ts')), 'the entity file was recorded as read');
  assert.ok(questions.some((question) => question.startsWith('f:') && question.endsWith('src/users/model.ts')), 'the probe for ./model.ts was recorded as missing');
});
