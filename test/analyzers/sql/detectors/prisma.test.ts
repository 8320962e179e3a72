import { test } from 'node:test';
import assert from 'node:assert/strict';
import { sqlAnalyzer } from '../../../../analyzers/sql/index.js';
import { createFileFacts, toModuleId, type FileFacts } from '../../../../src/model/facts.js';
import type { Diagnostic } from '../../../../src/model/result.js';
import { rowsOf } from '../detect.js';

const detected: { name: string; text: string; rows: string[] }[] = [
  {
    name: 'reads through this.prisma',
    text: "await this.prisma.userAccount.findUnique({ where: { id } });\nawait this.prisma.course.findMany();\nthis.prisma.lesson.count({ where });\nthis.prisma.quizAttempt.aggregate({ _avg: { score: true } });\nthis.prisma.enrolment.groupBy({ by: ['status'] });\nthis.prisma.course.findFirstOrThrow({ where });",
    rows: ['1 read prisma:userAccount prisma', '2 read prisma:course prisma', '3 read prisma:lesson prisma', '4 read prisma:quizAttempt prisma', '5 read prisma:enrolment prisma', '6 read prisma:course prisma'],
  },
  {
    name: 'every write operation',
    text: "prisma.a.create({ data });\nprisma.b.createMany({ data: [] });\nprisma.c.update({ where, data });\nprisma.d.updateMany({ data });\nprisma.e.upsert({ where, create: {}, update: {} });\nprisma.f.delete({ where });\nprisma.g.deleteMany({});\nprisma.h.createManyAndReturn({ data: [] });\nprisma.i.updateManyAndReturn({ data });",
    rows: ['1 write prisma:a prisma', '2 write prisma:b prisma', '3 write prisma:c prisma', '4 write prisma:d prisma', '5 write prisma:e prisma', '6 write prisma:f prisma', '7 write prisma:g prisma', '8 write prisma:h prisma', '9 write prisma:i prisma'],
  },
  {
    name: 'an imported client instance named prisma',
    text: "import { prisma } from '@common/prisma';\nconst user = await prisma.userAccount.findUnique({ where: { email } });\nawait prisma.enrolment.create({ data: { userId: user.id } });",
    rows: ['2 read prisma:userAccount prisma', '3 write prisma:enrolment prisma'],
  },
  {
    name: 'the client of an interactive $transaction',
    text: 'await this.prisma.$transaction(async (tx) => {\n  const found = await tx.certificate.findUnique({ where: { enrolmentId } });\n  await tx.enrolment.update({ where: { id }, data });\n});',
    rows: ['2 read prisma:certificate prisma', '3 write prisma:enrolment prisma'],
  },
  {
    name: 'calls inside an array $transaction',
    text: 'await this.prisma.$transaction([\n  this.prisma.course.update({ where: { id }, data }),\n  ...ids.map((id) => this.prisma.lesson.update({ where: { id }, data })),\n]);',
    rows: ['2 write prisma:course prisma', '3 write prisma:lesson prisma'],
  },
  {
    name: 'a client under another name in a file that imports Prisma (lower confidence)',
    text: "import { PrismaService } from '../prisma/prisma.service';\nclass A { constructor(private readonly db: PrismaService) {}\n  list() { return this.db.invoice.findMany(); } }",
    rows: ['3 read prisma:invoice prisma 0.8'],
  },
  {
    name: 'a generated client instance',
    text: "import { PrismaClient } from '../generated/prisma-client';\nconst client = new PrismaClient();\nawait client.order.deleteMany({ where });",
    rows: ['3 write prisma:order prisma 0.8'],
  },
  {
    name: 'a client of another name known by its Prisma-shaped argument (T3, RedwoodJS)',
    text: "import { db } from 'src/lib/db';\nexport const posts = () => db.post.findMany({ where: { published: true }, orderBy: { createdAt: 'desc' } });\nctx.db.comment.create({ data: { body } });\ndb.tag.findMany();",
    rows: ['2 read prisma:post prisma 0.7', '3 write prisma:comment prisma 0.7'],
  },
  {
    name: 'a client returned by a getter call, and a then() after the operation',
    text: 'getPrisma().user.count().then(log);',
    rows: ['1 read prisma:user prisma'],
  },
  {
    name: 'relations read through include and nested select',
    text: 'await this.prisma.certificate.findUnique({\n  where: { serial },\n  include: {\n    enrolment: {\n      include: {\n        course: { select: { title: true } },\n        user: true,\n        _count: true,\n      },\n    },\n  },\n});',
    rows: [
      '1 read prisma:certificate prisma',
      '4 read prisma:certificate.enrolment prisma',
      '6 read prisma:certificate.enrolment.course prisma',
      '7 read prisma:certificate.enrolment.user prisma',
    ],
  },
  {
    name: 'relations counted through _count',
    text: 'this.prisma.instructor.findUnique({ where, include: { account: { select: { displayName: true } }, _count: { select: { courses: true } } } });',
    rows: ['1 read prisma:instructor prisma', '1 read prisma:instructor.account prisma', '1 read prisma:instructor.courses prisma'],
  },
  {
    name: 'a select only counts a key as a relation when its value is a nested query',
    text: 'prisma.post.findMany({ select: { title: true, author: { select: { name: true } } } });',
    rows: ['1 read prisma:post prisma', '1 read prisma:post.author prisma'],
  },
  {
    name: 'nested writes in data',
    text: 'await prisma.user.create({\n  data: {\n    email,\n    profile: { create: { bio } },\n    posts: { connect: [{ id }] },\n  },\n});',
    rows: ['1 write prisma:user prisma', '4 write prisma:user.profile prisma'],
  },
];

const ignored: { name: string; text: string }[] = [
  { name: 'a Mongo or Redis client with Prisma-like methods in a file without Prisma', text: "import { Db } from 'mongodb';\nawait this.mongo.users.findMany();\nawait db.sessions.deleteMany({});\nawait redis.cache.update(k, v);" },
  { name: 'a collection on this in a file that imports Prisma', text: "import { PrismaService } from './prisma.service';\nthis.sessions.delete(id);\nthis.items.update(x);" },
  { name: 'Prisma-like arguments on clients that are not Prisma', text: "db.users.update({ where }, { $set: x });\ncollection.items.delete({ id });\nthis.cache.count({ where });\nconst sequelize = init();\ndb.user.count({ where: { active: true } });" },
  { name: 'upper-case delegates (Sequelize registries)', text: "import { prisma } from './prisma';\nprisma.User.findMany();\ndb.User.count({ where });" },
  { name: 'client methods that start with $', text: "prisma.$connect();\nprisma.$extends({}).$on('query');\nthis.prisma.$transaction([]);" },
  { name: 'a tx parameter of something that is not a $transaction', text: "knex.transaction(async (tx) => { await tx.users.update({}); });" },
  { name: 'test mocks of delegate methods', text: 'prisma.course.count.mockResolvedValue(1);\nexpect(prisma.course.update).toHaveBeenCalled();' },
  { name: 'an unknown delegate method', text: 'prisma.user.fields.email;\nprisma.user.subscribe();' },
];

for (const { name, text, rows } of detected) {
  test(`prisma: detects ${name}`, () => {
    assert.deepEqual(rowsOf(text, 'prisma'), rows);
  });
}

for (const { name, text } of ignored) {
  test(`prisma: ignores ${name}`, () => {
    assert.deepEqual(rowsOf(text, 'prisma'), []);
  });
}

/** Runs the sql analyzer on a Prisma schema text. */
function readSchema(text: string): { facts: FileFacts; diagnostics: Diagnostic[] } {
  const facts = createFileFacts(toModuleId('prisma/schema.prisma'), 0);
  const diagnostics: Diagnostic[] = [];
  const lineOf = (offset: number) => text.slice(0, offset).split('\n').length;
  sqlAnalyzer.visitResource?.({ id: 'prisma/schema.prisma', kind: 'prisma', text, lineOf }, { options: {}, facts, report: (d) => diagnostics.push(d) });
  return { facts, diagnostics };
}

const SCHEMA = `// Header comment with a model Fake { brace
generator client {
  provider = "prisma-client-js"
}

enum Role {
  LEARNER
}

model UserAccount {
  id       String    @id @default(uuid())
  settings Json      @default("{}") // a "{" in a string
  url      String    @default("https://example.com//x")
  role     Role
  sessions Session[]

  @@map("user_accounts")
}

model Session {
  id     String      @id
  userId String      @map("user_id")
  user   UserAccount @relation(fields: [userId], references: [id], onDelete: Cascade)

  @@map(name: "sessions")
}

/// Kept as the model name.
model PasswordReset {
  id     String       @id
  userId String
  user   UserAccount? @relation("Resets", fields: [userId], references: [id])
  ledger Ledger?
  @@schema("auth")
}

model Ledger {
  id      String         @id
  resetId String         @unique
  reset   PasswordReset  @relation(fields: [resetId], references: [id])
  @@map("ledgers")
  @@schema("billing")
}

view ActiveUser {
  id String @unique
  @@map("active_users")
}
`;

test('prisma schema: models become definitions and schema tables, with @@map and @@schema', () => {
  const { facts, diagnostics } = readSchema(SCHEMA);
  assert.deepEqual(diagnostics, []);
  assert.deepEqual(
    facts.tableDefinitions.filter((d) => !d.symbol.includes('.')).map((d) => [d.symbol, d.table, d.line, d.orm]),
    [
      ['UserAccount', 'user_accounts', 10, 'prisma'],
      ['Session', 'sessions', 20, 'prisma'],
      ['PasswordReset', 'auth.PasswordReset', 29, 'prisma'],
      ['Ledger', 'billing.ledgers', 37, 'prisma'],
      ['ActiveUser', 'active_users', 45, 'prisma'],
    ],
  );
  assert.deepEqual(facts.schemaTables.map((t) => [t.table, t.line]), [
    ['user_accounts', 10],
    ['sessions', 20],
    ['auth.PasswordReset', 29],
    ['billing.ledgers', 37],
  ]);
});

test('prisma schema: @relation(fields: …) is a foreign key to the related model table', () => {
  const { facts } = readSchema(SCHEMA);
  assert.deepEqual(facts.foreignKeys.map((fk) => [fk.from, fk.to, fk.line, fk.via]), [
    ['sessions', 'user_accounts', 23, 'prisma'],
    ['auth.PasswordReset', 'user_accounts', 32, 'prisma'],
    ['billing.ledgers', 'auth.PasswordReset', 40, 'prisma'],
  ]);
});

test('prisma schema: relation fields are definitions of Model.field, for include paths', () => {
  const { facts } = readSchema(SCHEMA);
  assert.deepEqual(
    facts.tableDefinitions.filter((d) => d.symbol.includes('.')).map((d) => [d.symbol, d.table]),
    [
      ['UserAccount.sessions', 'sessions'],
      ['Session.user', 'user_accounts'],
      ['PasswordReset.user', 'user_accounts'],
      ['PasswordReset.ledger', 'billing.ledgers'],
      ['Ledger.reset', 'auth.PasswordReset'],
    ],
  );
});

test('prisma schema: a malformed block is a diagnostic and the rest is still read', () => {
  const { facts, diagnostics } = readSchema('model Broken {\n  id String @id\n\nmodel Order {\n  id String @id\n  ??? nonsense\n  @@map("orders")\n}\nstray text\n');
  assert.deepEqual(diagnostics.map((d) => [d.code, d.line, d.file]), [
    ['schema-unparsed', 1, 'prisma/schema.prisma'],
    ['schema-unparsed', 6, 'prisma/schema.prisma'],
    ['schema-unparsed', 9, 'prisma/schema.prisma'],
  ]);
  assert.deepEqual(facts.tableDefinitions.map((d) => [d.symbol, d.table]), [
    ['Broken', 'Broken'],
    ['Order', 'orders'],
  ]);
});

test('prisma schema: an unclosed block at the end of the file is a diagnostic', () => {
  const { facts, diagnostics } = readSchema('model Order {\n  id String @id\n');
  assert.deepEqual(diagnostics.map((d) => [d.code, d.line]), [['schema-unparsed', 1]]);
  assert.deepEqual(facts.schemaTables.map((t) => t.table), ['Order']);
});

test('prisma schema: an SQL resource is not read by the Prisma detector', () => {
  const facts = createFileFacts(toModuleId('db/schema.sql'), 0);
  sqlAnalyzer.visitResource?.({ id: 'db/schema.sql', kind: 'sql', text: 'model X {\n}\n', lineOf: () => 1 }, { options: {}, facts, report: () => undefined });
  assert.deepEqual(facts.tableDefinitions.filter((d) => d.via === 'prisma'), []);
});
