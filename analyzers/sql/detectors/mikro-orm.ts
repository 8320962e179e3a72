import { createEntityOrmDetector, ENTITY_ORM_HINT } from './typeorm.js';

/**
 * MikroORM: entity definitions (`@Entity({ tableName })`, `@Entity({ collection })`, `@Entity()` →
 * the UnderscoreNamingStrategy name of the class, single-table-inheritance children sharing their
 * root's table, `new EntitySchema({ name, tableName })`, `defineEntity({ name, tableName })`),
 * foreign keys of `@ManyToOne` and owning `@OneToOne` to entities of the same file, and accesses
 * through the entity manager (`em.find(Book, …)`, `em.create(Book, …)`, `em.nativeDelete(…)`,
 * `em.persist(new Book())`, `em.fork()`, `em.transactional(async (em2) => …)`), repositories
 * (`em.getRepository(Book)`, `EntityRepository<Book>` and `@InjectRepository(Book)` fields, custom
 * `extends EntityRepository<Book>`) and query builders (`em.createQueryBuilder(Book)`, `em.qb(Book)`).
 *
 * Shares its engine with the TypeORM detector. A construct is MikroORM's when the name it uses is
 * imported from `@mikro-orm/…` (`Entity`, `InjectRepository`, `EntityManager`, `EntityRepository`);
 * constructs that name no import belong to MikroORM when the file imports from `@mikro-orm/…` and
 * not from `typeorm`, or imports neither and calls a method only MikroORM's entity manager has
 * (`nativeUpdate`, `persistAndFlush`, …: an `em` obtained from a local helper).
 */
export const mikroOrmDetector = createEntityOrmDetector({
  orm: 'mikro-orm',
  description: 'MikroORM entities, entity managers, repositories and query builders',
  packages: ['@mikro-orm/'],
  // Its own imports and methods, and the shapes it shares with TypeORM (`em.find(…)`): in a repo that declares MikroORM and not
  // TypeORM, a file importing from neither is MikroORM code (an `em` from a local helper).
  textHint: new RegExp(`['"]@mikro-orm\\/|\\.(nativeUpdate|nativeInsert|nativeDelete|persistAndFlush|removeAndFlush|upsertMany|insertMany)\\s*\\(|${ENTITY_ORM_HINT.source}`),
});
