import { test } from 'node:test';
import assert from 'node:assert/strict';
import { detect, rowsOf } from '../detect.js';
import { toMikroOrmTableName } from '../../../../analyzers/sql/detectors/typeorm.js';

const IMPORTS = "import { EntityManager, EntityRepository, MikroORM } from '@mikro-orm/postgresql';\nimport { InjectRepository } from '@mikro-orm/nestjs';\nimport { Book } from './book.entity';\nimport { Author } from './author.entity';\n";

/** The text of a file: the shared imports (4 lines), then `body` from line 5. */
function file(body: string): string {
  return IMPORTS + body;
}

const detected: { name: string; text: string; rows: string[] }[] = [
  {
    name: 'em reads with the entity first',
    text: file("class S {\n  constructor(private readonly em: EntityManager) {}\n  a() { return this.em.find(Book, { author: 1 }); }\n  b() { return this.em.findOneOrFail(Author, 1); }\n  c() { return this.em.findAll(Book); }\n  d() { return this.em.findAndCount(Book, {}); }\n  e() { return this.em.count(Author); }\n}"),
    rows: ['7 read ./book.entity#Book mikro-orm', '8 read ./author.entity#Author mikro-orm', '9 read ./book.entity#Book mikro-orm', '10 read ./book.entity#Book mikro-orm', '11 read ./author.entity#Author mikro-orm'],
  },
  {
    name: 'em writes: create, native*, insert, upsert',
    text: file("em.create(Book, { title });\nawait em.nativeInsert(Book, {});\nawait em.nativeUpdate(Author, { id }, { n: 1 });\nawait em.nativeDelete(Book, { id });\nawait em.insertMany(Author, rows);\nawait em.upsert(Book, data);\nawait em.upsertMany(Book, rows);"),
    rows: ['5 write ./book.entity#Book mikro-orm', '6 write ./book.entity#Book mikro-orm', '7 write ./author.entity#Author mikro-orm', '8 write ./book.entity#Book mikro-orm', '9 write ./author.entity#Author mikro-orm', '10 write ./book.entity#Book mikro-orm', '11 write ./book.entity#Book mikro-orm'],
  },
  {
    name: 'persist and remove of new X() (and of em.create, counted once)',
    text: file("em.persist(new Book('x'));\nawait em.persistAndFlush([new Author(), new Book()]);\nem.remove(new Author());\nem.persist(em.create(Book, {}));"),
    rows: ['5 write ./book.entity#Book mikro-orm', '6 write ./author.entity#Author mikro-orm', '6 write ./book.entity#Book mikro-orm', '7 write ./author.entity#Author mikro-orm', '8 write ./book.entity#Book mikro-orm'],
  },
  {
    name: 'em.getRepository(X) in the chain and through a local',
    text: file('await em.getRepository(Book).findOne({ id });\nconst authors = em.getRepository(Author);\nawait authors.nativeDelete({ id });'),
    rows: ['5 read ./book.entity#Book mikro-orm', '7 write ./author.entity#Author mikro-orm'],
  },
  {
    name: 'EntityRepository<X> and @InjectRepository(X) fields',
    text: file('class S {\n  constructor(\n    @InjectRepository(Book) private readonly books: BookRepository,\n    private readonly authors: EntityRepository<Author>,\n  ) {}\n  a() { return this.books.findAll({ limit: 10 }); }\n  b() { return this.authors.upsert({}); }\n}'),
    rows: ['10 read ./book.entity#Book mikro-orm', '11 write ./author.entity#Author mikro-orm'],
  },
  {
    name: 'em.transactional callback and em.fork()',
    text: file('await this.orm.em.fork().transactional(async (em2) => {\n  await em2.nativeUpdate(Book, {}, {});\n  const a = await em2.findOne(Author, 1);\n});\nconst forked = orm.em.fork();\nawait forked.find(Book, {});'),
    rows: ['6 write ./book.entity#Book mikro-orm', '7 read ./author.entity#Author mikro-orm', '10 read ./book.entity#Book mikro-orm'],
  },
  {
    name: 'a custom repository: this.find() and this.em',
    text: file('export class BookRepository extends EntityRepository<Book> {\n  recent() { return this.find({}, { orderBy: { id: -1 } }); }\n  wipe() { return this.em.nativeDelete(Author, {}); }\n}'),
    rows: ['6 read ./book.entity#Book mikro-orm', '7 write ./author.entity#Author mikro-orm'],
  },
  {
    name: 'query builders: em.createQueryBuilder, em.qb, repository qb, writes',
    text: file("await em.createQueryBuilder(Book, 'b').select('*').where({}).getResult();\nawait em.qb(Author).update({ n: 1 }).where({ id }).execute();\nawait em.getRepository(Book).qb('b').delete().where({ id }).execute();\nawait em.createQueryBuilder(Author).truncate().execute();"),
    rows: ['5 read ./book.entity#Book mikro-orm', '6 write ./author.entity#Author mikro-orm', '7 write ./book.entity#Book mikro-orm', '8 write ./author.entity#Author mikro-orm'],
  },
  {
    name: 'a typed function parameter',
    text: file('export async function seed(em: EntityManager) {\n  await em.insert(Book, { title: "x" });\n}'),
    rows: ['6 write ./book.entity#Book mikro-orm'],
  },
];

const ignored: { name: string; text: string }[] = [
  { name: 'persist and remove of an entity without its class', text: file('em.persist(book);\nem.remove(author);\nawait em.flush();') },
  { name: 'find on arrays and Maps, delete on a cache', text: file('const b = books.find((x) => x.id === id);\nthis.cache.delete(key);\nnew Map().delete(Book);') },
  { name: 'getReference, merge and assign do not touch the table', text: file('em.getReference(Book, 1);\nem.merge(Author, data);') },
  { name: 'a TypeORM file', text: "import { Repository } from 'typeorm';\nimport { User } from './user';\nclass S { constructor(private r: Repository<User>) {} x() { return this.r.find(); } }" },
  { name: 'a file that imports no ORM (TypeORM by default)', text: "import { Book } from './book';\nawait em.find(Book, {});" },
];

for (const { name, text, rows } of detected) {
  test(`mikro-orm: detects ${name}`, () => {
    assert.deepEqual(rowsOf(text, 'mikro-orm'), rows);
  });
}

for (const { name, text } of ignored) {
  test(`mikro-orm: ignores ${name}`, () => {
    assert.deepEqual(rowsOf(text, 'mikro-orm'), []);
  });
}

test('mikro-orm: accesses of a MikroORM file are not also TypeORM accesses', () => {
  assert.deepEqual(rowsOf(file('await em.find(Book, {});'), 'typeorm'), []);
});

const definitions: { name: string; text: string; definitions: [string, string, number][] }[] = [
  { name: '@Entity({ tableName })', text: "import { Entity } from '@mikro-orm/core';\n@Entity({ tableName: 'books' })\nexport class Book {}", definitions: [['Book', 'books', 2]] },
  { name: '@Entity({ collection, schema })', text: "import { Entity } from '@mikro-orm/core';\n@Entity({ collection: 'authors', schema: 'library' })\nexport class Author {}", definitions: [['Author', 'library.authors', 2]] },
  { name: '@Entity() takes the underscored class name', text: "import { Entity } from '@mikro-orm/core';\n@Entity()\nexport class BookTag {}\n@Entity()\nexport class HTMLPage {}", definitions: [['BookTag', 'book_tag', 2], ['HTMLPage', 'htmlpage', 4]] },
  { name: 'abstract and virtual entities have no table', text: "import { Entity } from '@mikro-orm/core';\n@Entity({ abstract: true })\nexport class BaseEntity {}\n@Entity({ expression: 'select 1' })\nexport class BookSummary {}", definitions: [] },
  { name: 'single-table inheritance children share the root table', text: "import { Entity } from '@mikro-orm/core';\n@Entity({ discriminatorColumn: 'type' })\nclass Person {}\n@Entity()\nclass Employee extends Person {}", definitions: [['Person', 'person', 2], ['Employee', 'person', 4]] },
  {
    name: 'new EntitySchema({ name, tableName, class })',
    text: "import { EntitySchema } from '@mikro-orm/core';\nexport const BookSchema = new EntitySchema<IBook>({ name: 'Book', tableName: 'books', properties: {} });\nexport const schema = new EntitySchema({ class: Publisher, properties: {} });",
    definitions: [['BookSchema', 'books', 2], ['Book', 'books', 2], ['schema', 'publisher', 3], ['Publisher', 'publisher', 3]],
  },
  { name: 'defineEntity({ name, tableName })', text: "import { defineEntity } from '@mikro-orm/core';\nexport const Book = defineEntity({ name: 'Book', tableName: 'books', properties: (p) => ({}) });\nexport const BookTag = defineEntity({ name: 'BookTag', properties: {} });", definitions: [['Book', 'books', 2], ['BookTag', 'book_tag', 3]] },
  { name: '@Entity from a local barrel in a MikroORM file', text: "import { Entity } from './decorators';\nimport { Property } from '@mikro-orm/core';\n@Entity()\nclass Publisher {}", definitions: [['Publisher', 'publisher', 3]] },
];

for (const { name, text, definitions: expected } of definitions) {
  test(`mikro-orm: defines ${name}`, () => {
    const own = detect(text).facts.tableDefinitions.filter((d) => d.via === 'mikro-orm');
    assert.deepEqual(
      own.map((d) => [d.symbol, d.table, d.line, d.orm]),
      expected.map((row) => [...row, 'mikro-orm']),
    );
  });
}

test('mikro-orm: in a file importing both ORMs, the import of each name decides', () => {
  const text = "import { Entity as OrmEntity, Repository } from 'typeorm';\nimport { Entity, EntityRepository } from '@mikro-orm/core';\nimport { A } from './a';\n@Entity()\nclass BookTag {}\n@OrmEntity()\nclass HTMLPage {}\nclass S { constructor(private a: Repository<A>, private b: EntityRepository<A>) {}\n  x() { this.a.find(); this.b.findAll(); } }";
  const { facts } = detect(text);
  assert.deepEqual(facts.tableDefinitions.filter((d) => d.via === 'mikro-orm' || d.via === 'typeorm').map((d) => [d.via, d.symbol, d.table]), [
    ['mikro-orm', 'BookTag', 'book_tag'],
    ['typeorm', 'HTMLPage', 'html_page'],
  ]);
  assert.deepEqual(rowsOf(text, 'mikro-orm'), ['9 read ./a#A mikro-orm']);
  assert.deepEqual(rowsOf(text, 'typeorm'), ['9 read ./a#A typeorm']);
});

test('mikro-orm: a TypeORM @Entity is not a MikroORM definition', () => {
  const { facts } = detect("import { Entity } from 'typeorm';\n@Entity()\nclass User {}");
  assert.deepEqual(facts.tableDefinitions.filter((d) => d.via === 'mikro-orm'), []);
});

test('mikro-orm: foreign keys of @ManyToOne and owning @OneToOne to entities of the same file', () => {
  const text = [
    "import { Entity, ManyToOne, OneToOne, OneToMany, Ref } from '@mikro-orm/core';",
    "@Entity({ tableName: 'authors' })",
    'class Author {',
    '  @OneToMany(() => Book, (b) => b.author) books = new Collection<Book>(this);',
    '  @OneToOne({ entity: () => Profile, owner: true }) profile!: Profile;',
    "  @OneToOne(() => Avatar, (a) => a.author, { mappedBy: 'author' }) avatar!: Avatar;",
    '}',
    "@Entity({ tableName: 'books' })",
    'class Book {',
    '  @ManyToOne(() => Author) author!: Author;',
    '  @ManyToOne() editor!: Ref<Author>;',
    '  @ManyToOne({ entity: () => Publisher }) publisher!: Publisher;',
    '}',
    "@Entity({ tableName: 'profiles' }) class Profile {}",
    "@Entity({ tableName: 'avatars' }) class Avatar {}",
  ].join('\n');
  assert.deepEqual(
    detect(text).facts.foreignKeys.filter((k) => k.via === 'mikro-orm').map((k) => [k.from, k.to, k.line]),
    [
      ['authors', 'profiles', 5],
      ['books', 'authors', 10],
      ['books', 'authors', 11],
    ],
  );
});

const names: [string, string][] = [
  ['Book', 'book'],
  ['BookTag', 'book_tag'],
  ['HTMLParser', 'htmlparser'],
  ['Item2Value', 'item2value'],
];

for (const [className, table] of names) {
  test(`mikro-orm: default table name of ${className} is ${table}`, () => {
    assert.equal(toMikroOrmTableName(className), table);
  });
}
