import { test } from 'node:test';
import assert from 'node:assert/strict';
import { declaresPackage, detectorsFor, sqlAnalyzer } from '../../../analyzers/sql/index.js';
import { sqlDetectors } from '../../../analyzers/sql/detectors/index.js';
import { parseFile } from '../../../src/extract/parse-file.js';
import { createFileFacts, toModuleId } from '../../../src/model/facts.js';
import { toRow } from './detect.js';

const TEXT = [
  "import { User } from './models';",
  "import { pool } from './db';",
  'export async function f() {',
  '  await User.findAll();',
  "  await pool.query('select * from orders');",
  '}',
].join('\n');

function rows(dependencies: string[] | undefined): string[] {
  const facts = createFileFacts(toModuleId('src/a.ts'), 0);
  const project = dependencies === undefined ? undefined : { dependencies: new Set(dependencies) };
  sqlAnalyzer.visit(parseFile(toModuleId('src/a.ts'), TEXT), { options: {}, facts, ...(project ? { project } : {}), report: () => undefined });
  return facts.tableAccesses.map(toRow);
}

test('sql detectors by dependency: an ORM detector runs only where the repo declares its library', () => {
  assert.deepEqual(rows(['sequelize', 'pg']), ['4 read ./models#User sequelize 0.9', '5 read orders raw-sql']);
  assert.deepEqual(rows(['pg']), ['5 read orders raw-sql'], 'no sequelize: `User.findAll()` is not read as a model call');
  assert.deepEqual(rows([]), rows(['sequelize', 'pg']), 'a repo that declares nothing (no package.json analyzed) gets every detector');
  assert.deepEqual(rows(undefined), rows(['sequelize', 'pg']), 'a caller that gives no project gets every detector');
});

test('sql detectors by dependency: scopes, always-on detectors, one list per project', () => {
  assert.equal(declaresPackage(new Set(['@mikro-orm/postgresql']), ['@mikro-orm/']), true);
  assert.equal(declaresPackage(new Set(['mikro-orm-like']), ['@mikro-orm/']), false);
  assert.equal(declaresPackage(new Set(['@n8n/typeorm']), ['typeorm']), true, 'a scoped fork (n8n declares only @n8n/typeorm)');
  assert.equal(declaresPackage(new Set(['typeorm-naming-strategies']), ['typeorm']), true, 'a plugin named after it');
  assert.equal(declaresPackage(new Set(['typeormish', '@x/typeorm-less']), ['typeorm']), false);
  const project = { dependencies: new Set(['left-pad']) };
  assert.deepEqual(detectorsFor(project).map((detector) => detector.id), ['raw-sql', 'table-arguments']);
  assert.equal(detectorsFor(project), detectorsFor(project), 'computed once per project');
  for (const detector of sqlDetectors) {
    if (detector.packages === undefined) continue;
    assert.ok(detectorsFor({ dependencies: new Set(detector.packages.map((name) => (name.endsWith('/') ? `${name}core` : name))) }).includes(detector), detector.id);
  }
});
