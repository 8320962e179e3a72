import { test } from 'node:test';
import assert from 'node:assert/strict';
import { detect, rowsOf } from '../detect.js';
import { toTypeormTableName } from '../../../../analyzers/sql/detectors/typeorm.js';

const IMPORTS = "import { Repository, DataSource, EntityManager } from 'typeorm';\nimport { InjectRepository } from '@nestjs/typeorm';\nimport { User } from './user.entity';\nimport { Post } from './post.entity';\n";

/** The text of a file: the shared imports (4 lines), then `body` from line 5. */
function file(body: string): string {
  return IMPORTS + body;
}

const detected: { name: string; text: string; rows: string[] }[] = [
  {
    name: '@InjectRepository constructor parameter, read and write methods',
    text: file('class S {\n  constructor(@InjectRepository(User) private readonly users: Repository<User>) {}\n  a() { return this.users.find({ where: { active: true } }); }\n  b(u: User) { return this.users.save(u); }\n  c() { return this.users.softDelete({ id: 1 }); }\n  d() { return this.users.findOneByOrFail({ id: 1 }); }\n}'),
    rows: ['7 read ./user.entity#User typeorm', '8 write ./user.entity#User typeorm', '9 write ./user.entity#User typeorm', '10 read ./user.entity#User typeorm'],
  },
  {
    name: 'a field typed Repository<T> without a decorator',
    text: file('class S {\n  private repo!: Repository<Post>;\n  x() { return this.repo.count(); }\n}'),
    rows: ['7 read ./post.entity#Post typeorm'],
  },
  {
    name: 'a field decorated @InjectRepository with another type (decorator wins)',
    text: file('class S {\n  @InjectRepository(User) repo: UserRepo;\n  x() { return this.repo.increment({ id: 1 }, "logins", 1); }\n}'),
    rows: ['7 write ./user.entity#User typeorm'],
  },
  {
    name: 'TreeRepository and MongoRepository fields',
    text: "import { TreeRepository, MongoRepository } from 'typeorm';\nimport { Category } from './category';\nclass S {\n  constructor(private tree: TreeRepository<Category>, private mongo: MongoRepository<Category>) {}\n  a() { this.tree.findOne({}); this.mongo.deleteAll(); }\n}",
    rows: ['5 read ./category#Category typeorm', '5 write ./category#Category typeorm'],
  },
  {
    name: 'getRepository on a data source, in the same chain and through a local',
    text: file("await dataSource.getRepository(User).update({ id }, { name });\nconst repo = AppDataSource.getRepository(Post);\nawait repo.findBy({ published: true });\nawait repo.upsert([{ id }], ['id']);"),
    rows: ['5 write ./user.entity#User typeorm', '7 read ./post.entity#Post typeorm', '8 write ./post.entity#Post typeorm'],
  },
  {
    name: 'a multi-line chain is reported at the method',
    text: file('await this.dataSource\n  .getRepository(User)\n  .delete({ id });'),
    rows: ['7 write ./user.entity#User typeorm'],
  },
  {
    name: 'the global getRepository and getManager (TypeORM 0.2)',
    text: "import { getRepository, getManager } from 'typeorm';\nimport { User } from './user';\ngetRepository(User).findOne(1);\ngetManager().remove(User, { id: 1 });",
    rows: ['3 read ./user#User typeorm', '4 write ./user#User typeorm'],
  },
  {
    name: 'manager methods with an entity class first',
    text: file('class S {\n  constructor(private readonly manager: EntityManager) {}\n  a() { return this.manager.findOneBy(User, { id: 1 }); }\n  b() { return this.manager.insert(Post, { title: "x" }); }\n  c() { return this.manager.exists(User, {}); }\n}'),
    rows: ['7 read ./user.entity#User typeorm', '8 write ./post.entity#Post typeorm', '9 read ./user.entity#User typeorm'],
  },
  {
    name: 'manager.transaction and dataSource.transaction callbacks, with an isolation level',
    text: file("await this.dataSource.manager.transaction(async (m) => {\n  await m.update(User, { id }, { n: 1 });\n  await m.count(Post, {});\n});\nawait dataSource.transaction('SERIALIZABLE', async (tx) => tx.save(Post, { id }));"),
    rows: ['6 write ./user.entity#User typeorm', '7 read ./post.entity#Post typeorm', '9 write ./post.entity#Post typeorm'],
  },
  {
    name: 'a manager from a query runner and getRepository on it',
    text: file('const qr = this.dataSource.createQueryRunner();\nawait qr.manager.save(User, rows);\nawait qr.manager.getRepository(Post).clear();'),
    rows: ['6 write ./user.entity#User typeorm', '7 write ./post.entity#Post typeorm'],
  },
  {
    name: 'manager.save(new X()) takes the class of the instance',
    text: file('await manager.save(new User());\nawait entityManager.save([new Post(), new Post()]);'),
    rows: ['5 write ./user.entity#User typeorm', '6 write ./post.entity#Post typeorm', '6 write ./post.entity#Post typeorm'],
  },
  {
    name: 'an entity name string with lower confidence',
    text: file("await this.manager.find('Invoice', {});"),
    rows: ['5 read Invoice typeorm 0.8'],
  },
  {
    name: 'a custom repository class: this.find() and this.createQueryBuilder()',
    text: file("export class UserRepository extends Repository<User> {\n  active() { return this.find({ where: { active: true } }); }\n  purge() { return this.createQueryBuilder('u').delete().where('1=1').execute(); }\n}"),
    rows: ['6 read ./user.entity#User typeorm', '7 write ./user.entity#User typeorm'],
  },
  {
    name: 'a @EntityRepository class (TypeORM 0.2) and getCustomRepository',
    text: "import { EntityRepository, Repository, getCustomRepository } from 'typeorm';\nimport { Photo } from './photo';\n@EntityRepository(Photo)\nclass PhotoRepository extends Repository<Photo> {}\ngetCustomRepository(PhotoRepository).save(p);",
    rows: ['5 write ./photo#Photo typeorm'],
  },
  {
    name: 'dataSource.getRepository(User).extend({…}): methods inside use this',
    text: file("export const UserRepository = dataSource.getRepository(User).extend({\n  findByName(name: string) {\n    return this.createQueryBuilder('user').where('user.name = :name', { name }).getMany();\n  },\n});\nawait UserRepository.findOneBy({ id: 1 });"),
    rows: ['7 read ./user.entity#User typeorm', '10 read ./user.entity#User typeorm'],
  },
  {
    name: 'a getter returning a repository (this.jobs.findOne)',
    text: file('class S {\n  constructor(private readonly dataSource: DataSource) {}\n  private get jobs() { return this.dataSource.getRepository(Post); }\n  run() { return this.jobs.findOne({ where: {} }); }\n}'),
    rows: ['8 read ./post.entity#Post typeorm'],
  },
  {
    name: 'a field initialised with a repository and one assigned in the constructor',
    text: file('class S {\n  private users = AppDataSource.getRepository(User);\n  private posts: any;\n  constructor(ds: DataSource) { this.posts = ds.getRepository(Post); }\n  a() { this.users.remove(u); this.posts.find(); }\n}'),
    rows: ['9 read ./post.entity#Post typeorm', '9 write ./user.entity#User typeorm'],
  },
  {
    name: 'repo.createQueryBuilder is a read, with joins of entity classes',
    text: file("class S {\n  constructor(private users: Repository<User>) {}\n  x() { return this.users.createQueryBuilder('u').innerJoin(Post, 'p', 'p.authorId = u.id').leftJoinAndSelect('u.photos', 'ph').getMany(); }\n}"),
    rows: ['7 read ./post.entity#Post typeorm', '7 read ./user.entity#User typeorm'],
  },
  {
    name: 'query builders from a manager: from, insert…into, update(X), delete…from',
    text: file("await dataSource.createQueryBuilder().select('u').from(User, 'u').getMany();\nawait manager.createQueryBuilder().insert().into(Post).values([]).execute();\nawait manager.createQueryBuilder().update(User).set({ a: 1 }).execute();\nawait manager.createQueryBuilder().delete().from(Post).where('id = :id').execute();\nawait manager.createQueryBuilder(User, 'u').getOne();"),
    rows: ['5 read ./user.entity#User typeorm', '6 write ./post.entity#Post typeorm', '7 write ./user.entity#User typeorm', '8 write ./post.entity#Post typeorm', '9 read ./user.entity#User typeorm'],
  },
  {
    name: 'a query builder from a table name string',
    text: file("await dataSource.createQueryBuilder().select('*').from('audit_log', 'a').getRawMany();"),
    rows: ['5 read audit_log typeorm'],
  },
  {
    name: 'a query builder held in a variable: created as a read, later made a write',
    text: file("class S {\n  constructor(private repo: Repository<User>) {}\n  x() {\n    const qb = this.repo.createQueryBuilder('u');\n    qb.where('x').innerJoin(Post, 'p');\n    return qb.update().set({ a: 1 }).execute();\n  }\n}"),
    rows: ['8 read ./user.entity#User typeorm', '9 read ./post.entity#Post typeorm', '10 write ./user.entity#User typeorm'],
  },
  {
    name: 'a relation query builder: add/remove/set write, loadMany reads',
    text: file("await repo.createQueryBuilder().relation('tags').of(post).add(tag);\nclass S { constructor(private posts: Repository<Post>) {}\n  a() { return this.posts.createQueryBuilder().relation('tags').of(1).loadMany(); }\n  b() { return manager.createQueryBuilder().relation(User, 'roles').of(1).remove(2); } }"),
    rows: ['7 read ./post.entity#Post typeorm', '8 write ./user.entity#User typeorm'],
  },
  {
    name: 'common table expressions are not tables',
    text: file("await manager.createQueryBuilder().addCommonTableExpression(inner, '_recent').select('r.id').from('_recent', 'r').leftJoin(Post, 'p').getRawMany();"),
    rows: ['5 read ./post.entity#Post typeorm'],
  },
  {
    name: 'a repository chosen by a conditional or a fallback',
    text: file('const repo = ctx ? this.connection.getRepository(ctx, User) : this.connection.rawConnection.getRepository(User);\nawait repo.save(u);\nconst other = injected ?? dataSource.getRepository(Post);\nawait other.find();'),
    rows: ['6 write ./user.entity#User typeorm', '8 read ./post.entity#Post typeorm'],
  },
  {
    name: 'ActiveRecord: a local BaseEntity class, static and instance calls',
    text: "import { BaseEntity, Entity } from 'typeorm';\n@Entity()\nexport class Photo extends BaseEntity {\n  static latest() { return this.find({ take: 5 }); }\n  touch() { return this.save(); }\n}\nawait Photo.findOneBy({ id: 1 });",
    rows: ['4 read Photo typeorm', '5 write Photo typeorm', '7 read Photo typeorm'],
  },
  {
    name: 'ActiveRecord: TypeORM-only statics on an imported class, lower confidence',
    text: "import { Account } from './account.entity';\nconst a = await Account.findOneBy({ id: 1 });\nconst n = await Account.countBy({});",
    rows: ['2 read ./account.entity#Account typeorm 0.8', '3 read ./account.entity#Account typeorm 0.8'],
  },
  {
    name: 'a typed function parameter and withRepository',
    text: file('async function f(repo: Repository<User>, manager: EntityManager) {\n  await repo.findAndCount();\n  await manager.withRepository(repo).decrement({}, "n", 1);\n}'),
    rows: ['6 read ./user.entity#User typeorm', '7 write ./user.entity#User typeorm'],
  },
  {
    name: "Vendure's TransactionalConnection.getRepository(ctx, Entity)",
    text: file('class S { constructor(private connection: TransactionalConnection) {}\n  x(ctx) { return this.connection.getRepository(ctx, User).findOne({ where: { id: 1 } }); } }'),
    rows: ['6 read ./user.entity#User typeorm'],
  },
  {
    name: 'an entity under a namespace import',
    text: "import * as entities from './entities';\nawait manager.delete(entities.User, { id: 1 });",
    rows: ['2 write ./entities#User typeorm'],
  },
  {
    name: 'DI by token: an entity named without an import',
    text: "import { EntityManager } from 'typeorm';\nawait manager.find(Order, {});",
    rows: ['2 read Order typeorm'],
  },
  {
    name: "a migration's query-runner schema calls",
    text: [
      "import { MigrationInterface, QueryRunner, Table, TableForeignKey } from 'typeorm';",
      'export class AddPhotos implements MigrationInterface {',
      '  async up(queryRunner: QueryRunner) {',
      "    await queryRunner.createTable(new Table({ name: 'photos', columns: [], foreignKeys: [{ columnNames: ['user_id'], referencedTableName: 'users' }] }), true);",
      "    await queryRunner.addColumn('albums', new TableColumn({ name: 'cover' }));",
      "    await queryRunner.createForeignKey('albums', new TableForeignKey({ columnNames: ['cover'], referencedTableName: 'photos' }));",
      "    await this.queryRunner.renameTable('old_tags', 'tags');",
      "    await queryRunner.clearTable('sessions');",
      '  }',
      '}',
    ].join('\n'),
    rows: ['4 ddl photos typeorm', '5 ddl albums typeorm', '6 ddl albums typeorm', '7 ddl old_tags typeorm', '7 ddl tags typeorm', '8 write sessions typeorm'],
  },
];

const ignored: { name: string; text: string }[] = [
  { name: 'find and delete on arrays, Maps and caches', text: file('const u = users.find((x) => x.id === id);\nthis.cache.delete(key);\nmap.delete(User);\nconst items = this.items.find((i) => i);') },
  { name: 'save() on something that is not a repository', text: file('class S { constructor(private readonly store: FileStore) {}\n  x() { return this.store.save(User); } }\nform.save();\ndoc.update(Post);') },
  { name: 'a manager method without an entity class', text: file('await manager.save(user);\nawait manager.remove(entity);\nawait this.manager.update(id, { a: 1 });') },
  { name: 'create and merge build entities in memory', text: file('class S { constructor(private users: Repository<User>) {}\n  x() { this.users.create({}); this.users.merge(u, {}); manager.create(User, {}); } }') },
  { name: 'query() is left to the raw-sql detector', text: file("class S { constructor(private users: Repository<User>) {}\n  x() { return this.users.query('SELECT 1'); } }") },
  { name: 'a repository of a generic type parameter', text: file('class Base<T> { constructor(private repo: Repository<T>) {}\n  all() { return this.repo.find(); } }') },
  { name: 'a repository of ObjectLiteral', text: "import { Repository, ObjectLiteral } from 'typeorm';\nfunction f(repository: Repository<ObjectLiteral>) { return repository.createQueryBuilder('e').getMany(); }" },
  { name: 'a Repository type from another library', text: "import { Connection } from 'mongoose';\nclass S { constructor(private connection: Connection) {}\n  x() { this.connection.transaction(async (s) => s.save(Thing)); } }" },
  { name: 'statics shared with other ORMs on an imported class', text: "import { User } from './models';\nawait User.findOne({ where: {} });\nawait User.update({}, {});\nawait User.count();" },
  { name: 'builtins as first argument', text: file('await manager.find(Object, {});\nawait manager.delete(Date, {});') },
  { name: 'a shadowed local that no longer holds a repository', text: file('const repo = dataSource.getRepository(User);\nfunction f(repo) { return repo.find(); }') },
  { name: 'a MikroORM file', text: "import { EntityManager, Entity } from '@mikro-orm/core';\n@Entity()\nclass Book {}\nawait em.find(Book, {});" },
  {
    name: 'schema-like calls on something that is not a query runner, and a query runner given a computed table',
    text: "import { QueryRunner } from 'typeorm';\nawait schemaBuilder.createTable(new Table({ name: 'x' }));\nawait queryRunner.dropTable(tableName);\nawait queryRunner.query('SELECT 1');",
  },
];

for (const { name, text, rows } of detected) {
  test(`typeorm: detects ${name}`, () => {
    assert.deepEqual(rowsOf(text, 'typeorm'), rows);
  });
}

for (const { name, text } of ignored) {
  test(`typeorm: ignores ${name}`, () => {
    assert.deepEqual(rowsOf(text, 'typeorm'), []);
  });
}

const definitions: { name: string; text: string; definitions: [string, string, number][] }[] = [
  { name: "@Entity('name')", text: "import { Entity } from 'typeorm';\n@Entity('video_assets')\nexport class VideoAsset {}", definitions: [['VideoAsset', 'video_assets', 2]] },
  { name: '@Entity({ name, schema })', text: "import { Entity } from 'typeorm';\n@Entity({ name: 'caption_tracks', schema: 'media' })\nexport class CaptionTrack {}", definitions: [['CaptionTrack', 'media.caption_tracks', 2]] },
  { name: "@Entity('name', { schema })", text: "import { Entity } from 'typeorm';\n@Entity('jobs', { schema: 'queue' })\nclass Job {}", definitions: [['Job', 'queue.jobs', 2]] },
  { name: '@Entity() takes the snake_case class name', text: "import { Entity } from 'typeorm';\n@Entity()\nexport class TranscodeJob {}\n@Entity()\nexport class VideoAsset {}", definitions: [['TranscodeJob', 'transcode_job', 2], ['VideoAsset', 'video_asset', 4]] },
  { name: 'a table name keeps its case', text: "import { Entity } from 'typeorm';\n@Entity('UserProfile')\nclass Profile {}", definitions: [['Profile', 'UserProfile', 2]] },
  { name: 'a table name from a local constant', text: "import { Entity } from 'typeorm';\nconst TABLE = 'audit_log';\n@Entity(TABLE)\nclass Audit {}", definitions: [['Audit', 'audit_log', 3]] },
  { name: 'an aliased and a namespace Entity import', text: "import { Entity as Table } from 'typeorm';\nimport * as orm from 'typeorm';\n@Table('a')\nclass A {}\n@orm.Entity('b')\nclass B {}", definitions: [['A', 'a', 3], ['B', 'b', 5]] },
  { name: '@Entity with no import at all is TypeORM', text: '@Entity()\nclass LegacyThing {}', definitions: [['LegacyThing', 'legacy_thing', 1]] },
  { name: '@ViewEntity', text: "import { ViewEntity } from 'typeorm';\n@ViewEntity({ name: 'post_stats', expression: 'SELECT 1' })\nclass PostStats {}\n@ViewEntity()\nclass UserSummary {}", definitions: [['PostStats', 'post_stats', 2], ['UserSummary', 'user_summary', 4]] },
  { name: '@ChildEntity shares the table of its parent', text: "import { Entity, ChildEntity, TableInheritance } from 'typeorm';\n@Entity('content')\n@TableInheritance({ column: 'type' })\nclass Content {}\n@ChildEntity()\nclass Photo extends Content {}", definitions: [['Content', 'content', 2], ['Photo', 'content', 5]] },
  {
    name: 'new EntitySchema({ name, tableName }) and without tableName',
    text: "import { EntitySchema } from 'typeorm';\nexport const CategorySchema = new EntitySchema({ name: 'Category', tableName: 'categories', columns: {} });\nexport const BlogPost = new EntitySchema({ name: 'BlogPost', columns: {} });",
    definitions: [['CategorySchema', 'categories', 2], ['Category', 'categories', 2], ['BlogPost', 'blog_post', 3]],
  },
  { name: 'HTML acronyms and digits follow TypeORM', text: "import { Entity } from 'typeorm';\n@Entity()\nclass HTMLPage {}\n@Entity()\nclass Item2Value {}", definitions: [['HTMLPage', 'html_page', 2], ['Item2Value', 'item2_value', 4]] },
];

test('typeorm: query-runner createTable and createForeignKey give schema tables and foreign keys', () => {
  const { facts } = detect(
    "await queryRunner.createTable(new Table({ name: 'photos', foreignKeys: [new TableForeignKey({ referencedTableName: 'users' })] }));\nawait queryRunner.createForeignKey('albums', { referencedTableName: 'photos' });",
  );
  assert.deepEqual(facts.schemaTables.map((t) => `${t.line} ${t.table}`), ['1 photos']);
  assert.deepEqual(facts.foreignKeys.map((k) => `${k.line} ${k.from}->${k.to}`), ['1 photos->users', '2 albums->photos']);
});

for (const { name, text, definitions: expected } of definitions) {
  test(`typeorm: defines ${name}`, () => {
    const own = detect(text).facts.tableDefinitions.filter((d) => d.via === 'typeorm');
    assert.deepEqual(
      own.map((d) => [d.symbol, d.table, d.line, d.orm]),
      expected.map((row) => [...row, 'typeorm']),
    );
  });
}

test('typeorm: a MikroORM @Entity is not a TypeORM definition', () => {
  const { facts } = detect("import { Entity } from '@mikro-orm/core';\n@Entity()\nclass Book {}");
  assert.deepEqual(facts.tableDefinitions.filter((d) => d.via === 'typeorm'), []);
});

test('typeorm: foreign keys of @ManyToOne and owning @OneToOne to entities of the same file, and to imported ones by symbol (not @OneToMany, not unowned @OneToOne)', () => {
  const text = [
    "import { Entity, ManyToOne, OneToOne, OneToMany, JoinColumn } from 'typeorm';",
    "import { Tenant } from './tenant';",
    "@Entity('users')",
    'class User {',
    '  @ManyToOne(() => Team, (t) => t.users) team: Team;',
    '  @OneToOne(() => Profile) @JoinColumn() profile: Profile;',
    '  @OneToOne(() => Avatar) avatar: Avatar;',
    '  @OneToMany(() => Post, (p) => p.author) posts: Post[];',
    '  @ManyToOne(() => Tenant) tenant: Tenant;',
    "  @ManyToOne('User') manager: User;",
    '}',
    "@Entity('teams') class Team {}",
    "@Entity('profiles') class Profile {}",
    "@Entity('avatars') class Avatar {}",
    "@Entity('posts') class Post { @ManyToOne(type => User) @JoinColumn({ name: 'author_id' }) author: User; }",
  ].join('\n');
  const { facts } = detect(text);
  assert.deepEqual(
    facts.foreignKeys.filter((k) => k.via === 'typeorm').map((k) => [k.from, k.to || `${k.toSymbol?.specifier}#${k.toSymbol?.symbol}`, k.line, k.via]),
    [
      ['users', 'teams', 5, 'typeorm'],
      ['users', 'profiles', 6, 'typeorm'],
      ['users', './tenant#Tenant', 9, 'typeorm'],
      ['users', 'users', 10, 'typeorm'],
      ['posts', 'users', 15, 'typeorm'],
    ],
  );
});

test('typeorm: EntitySchema relations give foreign keys', () => {
  const text = [
    "import { EntitySchema } from 'typeorm';",
    "export const Author = new EntitySchema({ name: 'Author', tableName: 'authors' });",
    "export const Book = new EntitySchema({ name: 'Book', tableName: 'books', relations: { author: { type: 'many-to-one', target: 'Author' }, tags: { type: 'many-to-many', target: 'Tag' } } });",
  ].join('\n');
  assert.deepEqual(detect(text).facts.foreignKeys.filter((k) => k.via === 'typeorm').map((k) => [k.from, k.to, k.line]), [['books', 'authors', 3]]);
});

const names: [string, string][] = [
  ['User', 'user'],
  ['VideoAsset', 'video_asset'],
  ['TranscodeJob', 'transcode_job'],
  ['HTMLParser', 'html_parser'],
  ['OAuth2Token', 'o_auth2_token'],
  ['ABTest', 'ab_test'],
];

for (const [className, table] of names) {
  test(`typeorm: default table name of ${className} is ${table}`, () => {
    assert.equal(toTypeormTableName(className), table);
  });
}
