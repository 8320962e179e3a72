import type {
  ArrowFunctionExpression,
  Class,
  Decorator,
  Function as FunctionNode,
  NewExpression,
  ObjectExpression,
  ParamPattern,
  TSTypeAnnotation,
  VariableDeclarator,
  AssignmentExpression,
  VisitorObject,
} from 'oxc-parser';
import type { ProjectInfo, TableAccessMode, TableTarget } from '../../../src/plugin/index.js';
import { memberPath, objectOf, propertyName, propertyValue, startOf, stringValue, toChainLinks, unwrap, type AnyNode, type CallChain, type ChainLink } from '../ast.js';
import { declaresPackage, defineSqlDetector, toTableIdFromText, type SqlDetector, type SqlDetectorContext } from '../detector.js';
import { toTableId } from '../sql-parse.js';

/** The decorator/repository ORMs this module reads: TypeORM and MikroORM share most of their shapes. */
export type EntityOrm = 'typeorm' | 'mikro-orm';

/** Method names and their access modes, per ORM and per kind of receiver. */
interface OrmMethods {
  /** `repo.find()`, `repo.save(x)`: the repository's entity. */
  repository: ReadonlyMap<string, TableAccessMode>;
  /** `manager.find(User, …)`: the entity is the first argument. */
  manager: ReadonlyMap<string, TableAccessMode>;
  /** Manager methods that also take an entity instance (`em.persist(new Book())`). */
  instance: ReadonlySet<string>;
  /** Query builder methods that make the query a write. */
  builderWrites: ReadonlySet<string>;
  /** The table an entity class gets when no name is given (the ORM's default naming strategy). */
  defaultTable(className: string): string;
}

function modes(reads: string[], writes: string[]): Map<string, TableAccessMode> {
  return new Map<string, TableAccessMode>([...reads.map((name) => [name, 'read'] as const), ...writes.map((name) => [name, 'write'] as const)]);
}

const TYPEORM_READS = ['find', 'findBy', 'findOne', 'findOneBy', 'findOneOrFail', 'findOneByOrFail', 'findAndCount', 'findAndCountBy', 'count', 'countBy', 'exists', 'existsBy', 'exist', 'sum', 'average', 'minimum', 'maximum', 'preload', 'findByIds', 'findOneById'];
const TYPEORM_WRITES = ['save', 'insert', 'update', 'upsert', 'delete', 'remove', 'softDelete', 'softRemove', 'restore', 'recover', 'increment', 'decrement', 'clear', 'deleteAll', 'updateAll'];
const MIKRO_READS = ['find', 'findOne', 'findOneOrFail', 'findAll', 'findAndCount', 'findByCursor', 'count', 'stream'];
const MIKRO_WRITES = ['create', 'nativeInsert', 'nativeUpdate', 'nativeDelete', 'insert', 'insertMany', 'upsert', 'upsertMany'];

/**
 * TypeORM's DefaultNamingStrategy table name: `VideoAsset` → `video_asset`, `HTMLParser` →
 * `html_parser`, `Item2Value` → `item2_value`.
 */
export function toTypeormTableName(className: string): string {
  return className.replace(/([A-Z])([A-Z])([a-z])/g, '$1_$2$3').replace(/([a-z0-9])([A-Z])/g, '$1_$2').toLowerCase();
}

/** MikroORM's UnderscoreNamingStrategy table name: `BookTag` → `book_tag`, `HTMLParser` → `htmlparser`. */
export function toMikroOrmTableName(className: string): string {
  return className.replace(/([a-z])([A-Z])/g, '$1_$2').toLowerCase();
}

const METHODS: Record<EntityOrm, OrmMethods> = {
  typeorm: {
    repository: modes(TYPEORM_READS, TYPEORM_WRITES),
    manager: modes(TYPEORM_READS, TYPEORM_WRITES),
    instance: new Set(['save', 'insert', 'remove', 'softRemove', 'recover', 'upsert']),
    builderWrites: new Set(['insert', 'update', 'delete', 'softDelete', 'restore']),
    defaultTable: toTypeormTableName,
  },
  'mikro-orm': {
    repository: modes(MIKRO_READS, [...MIKRO_WRITES, 'persist', 'persistAndFlush', 'remove', 'removeAndFlush']),
    manager: modes(MIKRO_READS, MIKRO_WRITES),
    instance: new Set(['persist', 'persistAndFlush', 'remove', 'removeAndFlush', 'insert', 'insertMany', 'upsert', 'upsertMany']),
    builderWrites: new Set(['insert', 'update', 'delete', 'truncate']),
    defaultTable: toMikroOrmTableName,
  },
};

/** ActiveRecord statics only TypeORM has: taken on an imported class without proof that it is an entity. */
const TYPEORM_ONLY_STATICS = new Set(['findBy', 'findOneBy', 'findOneByOrFail', 'findAndCountBy', 'countBy', 'existsBy', 'createQueryBuilder', 'getRepository']);
const REPOSITORY_GETTERS = new Set(['getRepository', 'getTreeRepository', 'getMongoRepository']);
const BUILDER_FACTORIES = new Set(['createQueryBuilder', 'qb']);
const TRANSACTIONS = new Set(['transaction', 'transactional']);
const RELATION_WRITES = new Set(['add', 'remove', 'set', 'addAndRemove']);
const JOINS_ENTITY_FIRST = new Set(['leftJoin', 'innerJoin', 'leftJoinAndSelect', 'innerJoinAndSelect']);
const JOINS_ENTITY_SECOND = new Set(['leftJoinAndMapOne', 'leftJoinAndMapMany', 'innerJoinAndMapOne', 'innerJoinAndMapMany']);
const MANAGER_NAMES = new Set(['manager', 'entityManager', 'em', 'transactionalEntityManager', 'transactionManager']);
const SOURCE_NAME = /^(dataSource|datasource|connection|orm)$|(DataSource|Connection)$/;
const NOT_ENTITIES = new Set(['Object', 'Array', 'String', 'Number', 'Boolean', 'Date', 'Map', 'Set', 'WeakMap', 'WeakSet', 'Promise', 'Error', 'JSON', 'Math', 'Symbol', 'BigInt', 'RegExp', 'Buffer', 'Reflect', 'Proxy', 'Intl', 'URL', 'Function', 'ObjectLiteral']);

/** Confidence of a target named only by a string (`manager.find('User')`) or a guessed ActiveRecord class. */
const GUESS_CONFIDENCE = 0.8;

interface Repository {
  kind: 'repository';
  orm: EntityOrm;
  target: TableTarget;
  confidence: number;
  /** An imported class used like a TypeORM ActiveRecord entity: only TypeORM-only statics count. */
  guess?: boolean;
}
interface Manager {
  kind: 'manager';
  orm: EntityOrm;
  confidence: number;
}
interface Source {
  kind: 'source';
  orm: EntityOrm;
  confidence: number;
}
interface Builder {
  kind: 'builder';
  orm: EntityOrm;
  confidence: number;
  target?: TableTarget;
  mode: TableAccessMode;
  at?: AnyNode;
  joins: { target: TableTarget; at: AnyNode }[];
  /** For a builder held in a variable: what was already recorded where it was created. */
  baseline?: { target?: TableTarget; mode: TableAccessMode };
  /** Names of common table expressions (`addCommonTableExpression(qb, 'name')`): not tables. */
  commonTableExpressions?: Set<string>;
  /** A relation query builder (`.relation(Post, 'tags').of(post)`): `add`/`remove`/`set` write. */
  relation?: boolean;
}
interface This {
  kind: 'this';
  scope: ClassScope;
}
/** What an expression holds, as far as table access goes. */
type Role = Repository | Manager | Source | Builder | This;

interface ClassScope {
  /** The role of `this` itself: a custom repository or an ActiveRecord entity. */
  self?: Repository;
  /** Fields, constructor parameter properties, getters and methods that hold or return a role; `null` for a member typed as something else. */
  members: Map<string, Role | null>;
  typeParameters: Set<string>;
}

interface EntityClass {
  table: string;
  orm: EntityOrm;
  /** MikroORM single-table-inheritance root (`discriminatorColumn`): children share its table. */
  singleTable?: boolean;
}

interface FileState {
  context: SqlDetectorContext;
  /** The ORM of the detector this state belongs to: only its facts are recorded. */
  orm: EntityOrm;
  /** The ORM of constructs that do not say (no import names the ORM). */
  fileOrm: EntityOrm;
  classes: ClassScope[];
  /** Local names (variables, parameters) holding a role, keyed by name, in walk order; `null` for a name typed as something else. */
  locals: Map<string, Role | null>;
  /** Transaction callbacks whose first parameter is a manager. */
  callbacks: WeakMap<object, Manager>;
  /** Object literals given to `repo.extend({…})`: their methods' `this` is the repository. */
  thisRanges: { start: number; end: number; role: Repository }[];
  customRepositories: Map<string, Repository>;
  activeRecords: Map<string, Repository>;
  entityClasses: Map<string, EntityClass>;
  pendingForeignKeys: { from: string; toClass: string; orm: EntityOrm; at: AnyNode }[];
  /** Initialiser node → the variable it is assigned to (names an `EntitySchema`). */
  variableNames: WeakMap<object, string>;
}

/** The ORM a module specifier belongs to; `other` for any other import. */
function toOrmOfSpecifier(specifier: string | undefined): EntityOrm | 'other' | undefined {
  if (specifier === undefined) return undefined;
  if (specifier === 'typeorm' || specifier.startsWith('typeorm/') || specifier === '@nestjs/typeorm') return 'typeorm';
  if (specifier.startsWith('@mikro-orm/')) return 'mikro-orm';
  return 'other';
}

/** Entity-manager methods only MikroORM has: a file using them without an ORM import is MikroORM code (an `em` from a local helper). */
const MIKRO_ONLY_CALL = /\.(nativeUpdate|nativeInsert|nativeDelete|persistAndFlush|removeAndFlush|upsertMany|insertMany)\s*\(/;

/**
 * The ORM of a file's constructs that do not name it themselves: MikroORM when the file imports
 * from `@mikro-orm/…` and not from `typeorm`; when it imports from neither, MikroORM if it calls a
 * MikroORM-only method or the repo declares MikroORM and not TypeORM; TypeORM otherwise.
 */
function declaresOnlyMikroOrm(project: ProjectInfo | undefined): boolean {
  return project !== undefined && declaresPackage(project.dependencies, ['@mikro-orm/']) && !declaresPackage(project.dependencies, ['typeorm']);
}

function toFileOrm(context: SqlDetectorContext): EntityOrm {
  let mikro = false;
  let typeorm = false;
  for (const statement of context.file.module.staticImports) {
    const orm = toOrmOfSpecifier(statement.moduleRequest.value);
    if (orm === 'mikro-orm') mikro = true;
    if (orm === 'typeorm') typeorm = true;
  }
  if (!mikro && !typeorm && (MIKRO_ONLY_CALL.test(context.file.text) || declaresOnlyMikroOrm(context.project))) return 'mikro-orm';
  return mikro && !typeorm ? 'mikro-orm' : 'typeorm';
}

/** The name a local identifier or namespace path was imported as, with its specifier. */
function toImportedName(context: SqlDetectorContext, path: readonly string[]): { name: string; orm: EntityOrm | 'other' | undefined } | undefined {
  const [head, second] = path;
  if (head === undefined) return undefined;
  const imported = context.file.importOf(head);
  if (path.length === 1) {
    const name = imported && imported.importedName !== '*' && imported.importedName !== 'default' ? imported.importedName : head;
    return { name, orm: toOrmOfSpecifier(imported?.specifier) };
  }
  if (path.length === 2 && second !== undefined && imported?.importedName === '*') return { name: second, orm: toOrmOfSpecifier(imported.specifier) };
  return { name: path[path.length - 1] ?? head, orm: undefined };
}

interface DecoratorInfo {
  name: string;
  orm: EntityOrm | 'other' | undefined;
  args: AnyNode[];
  node: Decorator;
}

function toDecoratorInfo(context: SqlDetectorContext, decorator: Decorator): DecoratorInfo | undefined {
  const expression = unwrap(decorator.expression);
  const callee = expression.type === 'CallExpression' ? (expression.callee as AnyNode) : expression;
  const path = memberPath(callee);
  const imported = path ? toImportedName(context, path) : undefined;
  if (!imported) return undefined;
  const args = expression.type === 'CallExpression' ? (expression.arguments as AnyNode[]) : [];
  return { name: imported.name, orm: imported.orm, args, node: decorator };
}

function decoratorsOf(node: unknown): Decorator[] {
  const decorators = (node as { decorators?: Decorator[] | null }).decorators;
  return Array.isArray(decorators) ? decorators : [];
}

/** The value of a non-computed property of an object literal. */
function propertyOf(object: AnyNode | undefined, key: string): AnyNode | undefined {
  if (!object) return undefined;
  const inner = unwrap(object);
  if (inner.type !== 'ObjectExpression') return undefined;
  for (const property of inner.properties) {
    if (property.type !== 'Property' || property.computed) continue;
    const name = property.key.type === 'Identifier' ? property.key.name : stringValue(property.key as AnyNode);
    if (name === key) return property.value as AnyNode;
  }
  return undefined;
}

/** A string a node holds: a literal or a local constant. */
function toStringOf(state: FileState, node: AnyNode | undefined): string | undefined {
  if (!node) return undefined;
  const literal = stringValue(node);
  if (literal !== undefined) return literal;
  const path = memberPath(node);
  return path ? state.context.constants.get(path.join('.'))?.value : undefined;
}

function quoteIdentifier(name: string): string {
  return `"${name.replaceAll('"', '""')}"`;
}

/** Table id of an ORM table name: ORMs quote identifiers, so the case is kept; `schema.table` splits. */
export function toOrmTableId(schema: string | undefined, name: string): string {
  let table = name.trim();
  let owner = schema?.trim() || undefined;
  const dot = table.lastIndexOf('.');
  if (owner === undefined && dot > 0) {
    owner = table.slice(0, dot);
    table = table.slice(dot + 1);
  }
  return toTableId(owner === undefined ? undefined : quoteIdentifier(owner), quoteIdentifier(table));
}

function isEntityName(name: string): boolean {
  return /^[A-Z][\w$]*$/.test(name) && !NOT_ENTITIES.has(name);
}

/** The entity an argument names: an entity class (`User`, `entities.User`) or, when allowed, an entity name string. */
function toEntityTarget(state: FileState, node: AnyNode | undefined, allowStrings = true): { target: TableTarget; confidence: number } | undefined {
  if (!node || node.type === 'SpreadElement') return undefined;
  const inner = unwrap(node);
  if (inner.type === 'Identifier' || inner.type === 'MemberExpression') {
    const path = memberPath(inner);
    const last = path?.[path.length - 1];
    if (!path || path[0] === 'this' || last === undefined || !isEntityName(last)) return undefined;
    if (path.length === 1 && state.classes.some((scope) => scope.typeParameters.has(last))) return undefined;
    const target = state.context.toTableTarget(inner);
    return target ? { target, confidence: 1 } : undefined;
  }
  const literal = allowStrings ? stringValue(inner) : undefined;
  if (literal !== undefined && isEntityName(literal)) return { target: { kind: 'symbol', symbol: literal }, confidence: GUESS_CONFIDENCE };
  return undefined;
}

/** The class of `new X(…)` arguments (or arrays of them). */
function toInstanceTargets(state: FileState, node: AnyNode | undefined): TableTarget[] {
  if (!node || node.type === 'SpreadElement') return [];
  const inner = unwrap(node);
  if (inner.type === 'NewExpression') {
    const entity = toEntityTarget(state, inner.callee as AnyNode, false);
    return entity ? [entity.target] : [];
  }
  if (inner.type === 'ArrayExpression') return inner.elements.flatMap((element) => (element ? toInstanceTargets(state, element as AnyNode) : []));
  return [];
}


/** The node whose line an access is reported at: the method name of a call link. */
function toReportNode(link: ChainLink, fallback: AnyNode): AnyNode {
  if (!link.call) return fallback;
  const callee = unwrap(link.call.callee as AnyNode);
  return callee.type === 'MemberExpression' ? (callee.property as AnyNode) : link.call;
}

function record(state: FileState, role: { orm: EntityOrm; confidence: number }, target: TableTarget, mode: TableAccessMode, at: AnyNode, confidence = 1): void {
  if (role.orm !== state.orm) return;
  state.context.addAccess(target, mode, at, { confidence: Math.min(role.confidence, confidence) });
}

function recordBuilder(state: FileState, builder: Builder): void {
  if (builder.target && builder.at) {
    const baseline = builder.baseline;
    const same = baseline !== undefined && baseline.mode === builder.mode && JSON.stringify(baseline.target) === JSON.stringify(builder.target);
    if (!same) record(state, builder, builder.target, builder.mode, builder.at);
  }
  for (const join of builder.joins) record(state, builder, join.target, 'read', join.at);
}

function createBuilder(orm: EntityOrm, confidence: number, target: TableTarget | undefined, at: AnyNode): Builder {
  const builder: Builder = { kind: 'builder', orm, confidence, mode: 'read', joins: [] };
  if (target) {
    builder.target = target;
    builder.at = at;
  }
  return builder;
}

/** Name-based roles for receivers nothing else describes: `manager`, `em`, `dataSource`, `AppDataSource`, `connection`. */
function toNamedRole(state: FileState, name: string): Role | undefined {
  if (MANAGER_NAMES.has(name)) return { kind: 'manager', orm: state.fileOrm, confidence: 1 };
  if (SOURCE_NAME.test(name)) return { kind: 'source', orm: state.fileOrm, confidence: 1 };
  return undefined;
}

function toRepositoryFromArguments(state: FileState, orm: EntityOrm, confidence: number, link: ChainLink): Repository | undefined {
  // TypeORM `getRepository(User)`; Vendure's TransactionalConnection `getRepository(ctx, User)`.
  const entity = toEntityTarget(state, link.arguments[0] as AnyNode | undefined) ?? (link.arguments.length >= 2 ? toEntityTarget(state, link.arguments[1] as AnyNode | undefined, false) : undefined);
  return entity ? { kind: 'repository', orm, target: entity.target, confidence: Math.min(confidence, entity.confidence) } : undefined;
}

function registerCallback(state: FileState, link: ChainLink, manager: Manager): void {
  for (let index = link.arguments.length - 1; index >= 0; index--) {
    const argument = link.arguments[index];
    if (argument && (argument.type === 'ArrowFunctionExpression' || argument.type === 'FunctionExpression')) {
      state.callbacks.set(argument, manager);
      return;
    }
  }
}

function registerExtend(state: FileState, link: ChainLink, repository: Repository): void {
  const object = link.arguments[0];
  if (!object || object.type !== 'ObjectExpression') return;
  const { start, end } = object;
  if (!state.thisRanges.some((range) => range.start === start)) state.thisRanges.push({ start, end, role: repository });
}

function toThisRole(state: FileState, offset: number): Role | undefined {
  for (let index = state.thisRanges.length - 1; index >= 0; index--) {
    const range = state.thisRanges[index];
    if (range && range.start <= offset && offset < range.end) return range.role;
  }
  const scope = state.classes[state.classes.length - 1];
  return scope ? { kind: 'this', scope } : undefined;
}

/** A role read back from a variable or member: a held query builder starts a new chain whose creation was already recorded. */
function toHeld(role: Role): Role {
  return role.kind === 'builder' ? { ...role, joins: [], baseline: { target: role.target, mode: role.mode } } : role;
}

function toIdentifierRole(state: FileState, node: AnyNode & { name: string }, extra?: ReadonlyMap<string, Role | null>): Role | undefined {
  const name = node.name;
  const local = extra?.has(name) ? extra.get(name) : state.locals.get(name);
  if (local) return toHeld(local);
  if (local === null) return undefined;
  const activeRecord = state.activeRecords.get(name);
  if (activeRecord) return activeRecord;
  const named = toNamedRole(state, name);
  if (named) return named;
  if (isEntityName(name) && state.context.file.importOf(name) !== undefined) {
    const target = state.context.toTableTarget(node);
    if (target) return { kind: 'repository', orm: 'typeorm', target, confidence: GUESS_CONFIDENCE, guess: true };
  }
  return undefined;
}

/** `getRepository(User)`, `getManager()`, `getConnection()`, `getCustomRepository(UserRepository)`: TypeORM's global functions. */
function toFreeCallRole(state: FileState, name: string, link: ChainLink): Role | undefined {
  const imported = toImportedName(state.context, [name]);
  if (imported?.orm === 'mikro-orm') return undefined;
  const canonical = imported?.name ?? name;
  if (REPOSITORY_GETTERS.has(canonical)) return toRepositoryFromArguments(state, 'typeorm', 1, link);
  if (canonical === 'getCustomRepository') {
    const path = link.arguments[0] ? memberPath(link.arguments[0] as AnyNode) : undefined;
    return path?.length === 1 && path[0] !== undefined ? state.customRepositories.get(path[0]) : undefined;
  }
  if (canonical === 'getManager' || canonical === 'getMongoManager') return { kind: 'manager', orm: 'typeorm', confidence: 1 };
  if (canonical === 'getConnection') return { kind: 'source', orm: 'typeorm', confidence: 1 };
  return undefined;
}

/** One link of a chain applied to what its receiver holds; records accesses when `emit`. */
function step(state: FileState, role: Role | undefined, link: ChainLink, emit: boolean, chainNode: AnyNode): Role | undefined {
  const name = link.property;
  if (name === undefined) return undefined;
  const at = toReportNode(link, chainNode);
  const first = link.arguments[0] as AnyNode | undefined;
  if (!role) {
    if (!link.call) return toNamedRole(state, name);
    // `x.getRepository(User)` on a receiver seams cannot name still names the entity.
    return REPOSITORY_GETTERS.has(name) ? toRepositoryFromArguments(state, state.fileOrm, 1, link) : undefined;
  }
  switch (role.kind) {
    case 'this': {
      const member = role.scope.members.get(name);
      if (member) return toHeld(member);
      if (member === null) return undefined;
      if (role.scope.self) return step(state, role.scope.self, link, emit, chainNode);
      return link.call ? undefined : toNamedRole(state, name);
    }
    case 'source':
    case 'manager': {
      if (!link.call) return name === 'manager' || name === 'em' ? { kind: 'manager', orm: role.orm, confidence: role.confidence } : toNamedRole(state, name);
      if (REPOSITORY_GETTERS.has(name)) return toRepositoryFromArguments(state, role.orm, role.confidence, link);
      if (name === 'withRepository' && first) {
        const repository = evaluate(state, first, false);
        return repository?.kind === 'repository' ? repository : undefined;
      }
      if (TRANSACTIONS.has(name)) {
        registerCallback(state, link, { kind: 'manager', orm: role.orm, confidence: role.confidence });
        return undefined;
      }
      if (name === 'fork' || name === 'createEntityManager' || name === 'getContext') return { kind: 'manager', orm: role.orm, confidence: role.confidence };
      if (BUILDER_FACTORIES.has(name)) {
        return createBuilder(role.orm, role.confidence, toEntityTarget(state, first)?.target, at);
      }
      if (role.kind === 'source') return undefined;
      const methods = METHODS[role.orm];
      const mode = methods.manager.get(name) ?? (methods.instance.has(name) ? 'write' : undefined);
      if (mode === undefined) return undefined;
      const entity = toEntityTarget(state, first);
      if (entity) {
        if (emit) record(state, role, entity.target, mode, at, entity.confidence);
      } else if (methods.instance.has(name) && emit) {
        for (const target of toInstanceTargets(state, first)) record(state, role, target, 'write', at);
      }
      return undefined;
    }
    case 'repository': {
      if (!link.call) return name === 'manager' || name === 'em' ? { kind: 'manager', orm: role.orm, confidence: role.confidence } : undefined;
      if (role.guess && !TYPEORM_ONLY_STATICS.has(name)) return undefined;
      if (name === 'getRepository' && link.arguments.length === 0) return { ...role, guess: false };
      if (BUILDER_FACTORIES.has(name)) {
        return createBuilder(role.orm, role.confidence, role.target, at);
      }
      if (name === 'extend') {
        registerExtend(state, link, role);
        return role;
      }
      if (name === 'getEntityManager') return { kind: 'manager', orm: role.orm, confidence: role.confidence };
      const mode = METHODS[role.orm].repository.get(name);
      if (mode !== undefined && emit) record(state, role, role.target, mode, at);
      return undefined;
    }
    case 'builder': {
      if (!link.call) return role;
      if (METHODS[role.orm].builderWrites.has(name) || (role.relation && RELATION_WRITES.has(name))) {
        role.mode = 'write';
        if (role.target) role.at = at;
      }
      if (name === 'relation') {
        role.relation = true;
        if (link.arguments.length >= 2 && !role.target) {
          const entity = toEntityTarget(state, first, false);
          if (entity) {
            role.target = entity.target;
            role.at = at;
          }
        }
        return role;
      }
      if (name === 'addCommonTableExpression') {
        const alias = toStringOf(state, link.arguments[1] as AnyNode | undefined);
        if (alias !== undefined) (role.commonTableExpressions ??= new Set()).add(alias);
        return role;
      }
      if (name === 'update' || name === 'into' || name === 'from') {
        const entity = toEntityTarget(state, first);
        const literal = first ? stringValue(first) : undefined;
        const isTableName = name !== 'update' && literal !== undefined && !role.commonTableExpressions?.has(literal);
        const table = entity ?? (isTableName ? { target: state.context.toTableTarget(first), confidence: 1 } : undefined);
        if (table?.target) {
          if (!role.target) {
            role.target = table.target;
            role.at = at;
          } else if (name === 'from') {
            role.joins.push({ target: table.target, at });
          }
        }
        return role;
      }
      if (JOINS_ENTITY_FIRST.has(name) || JOINS_ENTITY_SECOND.has(name)) {
        const entity = toEntityTarget(state, (JOINS_ENTITY_FIRST.has(name) ? link.arguments[0] : link.arguments[1]) as AnyNode | undefined, false);
        if (entity) role.joins.push({ target: entity.target, at });
        return role;
      }
      if (name === 'subQuery') {
        return createBuilder(role.orm, role.confidence, undefined, at);
      }
      return role;
    }
  }
}

/** Walks a chain from its base, returning what the whole expression holds; records accesses when `emit`. */
function walk(state: FileState, base: AnyNode, links: readonly ChainLink[], emit: boolean, chainNode: AnyNode, extra?: ReadonlyMap<string, Role | null>): Role | undefined {
  let role: Role | undefined;
  let index = 0;
  const inner = unwrap(base);
  if (inner.type === 'ThisExpression') {
    role = toThisRole(state, startOf(inner));
  } else if (inner.type === 'Identifier') {
    const first = links[0];
    if (first && first.property === undefined && first.call) {
      role = toFreeCallRole(state, inner.name, first);
      index = 1;
    } else {
      role = toIdentifierRole(state, inner, extra);
    }
  } else if (inner.type === 'ConditionalExpression') {
    role = evaluate(state, inner.consequent, false, extra) ?? evaluate(state, inner.alternate, false, extra);
  } else if (inner.type === 'LogicalExpression') {
    role = evaluate(state, inner.left, false, extra) ?? evaluate(state, inner.right, false, extra);
  } else {
    return undefined;
  }
  const builders: Builder[] = [];
  if (role?.kind === 'builder') builders.push(role);
  for (; index < links.length; index++) {
    const link = links[index];
    if (link) role = step(state, role, link, emit, chainNode);
    if (role?.kind === 'builder' && !builders.includes(role)) builders.push(role);
  }
  if (emit) for (const builder of builders) recordBuilder(state, builder);
  return role;
}

/** What an expression holds (a repository, a manager…), without recording anything. */
function evaluate(state: FileState, node: AnyNode, emit: boolean, extra?: ReadonlyMap<string, Role | null>): Role | undefined {
  const { base, links } = toChainLinks(node);
  return walk(state, base, links, emit, node, extra);
}

/** The role a type annotation gives: `Repository<User>`, `EntityRepository<Book>`, `EntityManager`, `DataSource`. */
function toTypeRole(state: FileState, annotation: TSTypeAnnotation | null | undefined, typeParameters: ReadonlySet<string> = new Set()): Role | undefined {
  const type = annotation?.typeAnnotation;
  if (!type || type.type !== 'TSTypeReference') return undefined;
  const typeName = type.typeName;
  const path = typeName.type === 'Identifier' ? [typeName.name] : typeName.type === 'TSQualifiedName' && typeName.left.type === 'Identifier' ? [typeName.left.name, typeName.right.name] : undefined;
  const imported = path ? toImportedName(state.context, path) : undefined;
  if (!imported) return undefined;
  const { name, orm } = imported;
  const known = orm === 'typeorm' || orm === 'mikro-orm' ? orm : undefined;
  if (name === 'Repository' || name === 'TreeRepository' || name === 'MongoRepository' || name === 'EntityRepository' || name === 'SqlEntityRepository') {
    const parameter = type.typeArguments?.params[0];
    if (!parameter || parameter.type !== 'TSTypeReference' || parameter.typeName.type !== 'Identifier') return undefined;
    const entityName = parameter.typeName.name;
    if (typeParameters.has(entityName) || state.classes.some((scope) => scope.typeParameters.has(entityName)) || !isEntityName(entityName)) return undefined;
    const target = state.context.toTableTarget(parameter.typeName as AnyNode);
    if (!target) return undefined;
    const fallback: EntityOrm = name.includes('EntityRepository') ? 'mikro-orm' : 'typeorm';
    return { kind: 'repository', orm: known ?? fallback, target, confidence: known ? 1 : GUESS_CONFIDENCE };
  }
  if (name === 'EntityManager' || name === 'SqlEntityManager' || name === 'MongoEntityManager') {
    return orm === 'other' ? undefined : { kind: 'manager', orm: known ?? state.fileOrm, confidence: 1 };
  }
  if (name === 'DataSource' || name === 'Connection' || name === 'MikroORM') {
    if (orm === 'other' || (name === 'Connection' && !known)) return undefined;
    return { kind: 'source', orm: known ?? (name === 'MikroORM' ? 'mikro-orm' : state.fileOrm), confidence: 1 };
  }
  return undefined;
}

/** The role NestJS injection decorators give: `@InjectRepository(User)`, `@InjectEntityManager()`, `@InjectDataSource()`. */
function toDecoratorRole(state: FileState, decorators: readonly Decorator[]): Role | undefined {
  for (const decorator of decorators) {
    const info = toDecoratorInfo(state.context, decorator);
    if (!info || info.orm === 'other') continue;
    const orm = info.orm ?? state.fileOrm;
    if (info.name === 'InjectRepository') {
      const entity = toEntityTarget(state, info.args[0], false);
      if (entity) return { kind: 'repository', orm, target: entity.target, confidence: 1 };
    }
    if (info.name === 'InjectEntityManager') return { kind: 'manager', orm, confidence: 1 };
    if (info.name === 'InjectDataSource' || (info.name === 'InjectConnection' && info.orm === 'typeorm')) return { kind: 'source', orm, confidence: 1 };
  }
  return undefined;
}

function bindingOf(param: ParamPattern): { name: string; annotation: TSTypeAnnotation | null | undefined; decorators: Decorator[] } | undefined {
  const binding = param.type === 'TSParameterProperty' ? param.parameter : param;
  const identifier = binding.type === 'AssignmentPattern' ? binding.left : binding;
  if (identifier.type !== 'Identifier') return undefined;
  return { name: identifier.name, annotation: identifier.typeAnnotation, decorators: [...decoratorsOf(param), ...(param.type === 'TSParameterProperty' ? decoratorsOf(binding) : [])] };
}

function keyName(key: AnyNode): string | undefined {
  if (key.type === 'Identifier' || key.type === 'PrivateIdentifier') return key.name;
  return stringValue(key);
}

/** The expression a getter or method returns, when its body is a single return path. */
function returnedExpression(fn: FunctionNode): AnyNode | undefined {
  for (const statement of fn.body?.body ?? []) {
    if (statement.type === 'ReturnStatement' && statement.argument) return statement.argument;
  }
  return undefined;
}

/** The repository `this` is in `class X extends Repository<User>` / `EntityRepository<Book>`, or an ActiveRecord entity. */
function toSelfRole(state: FileState, node: Class, className: string | undefined): { role: Repository; activeRecord: boolean } | undefined {
  for (const decorator of node.decorators) {
    const info = toDecoratorInfo(state.context, decorator);
    if (info?.name !== 'EntityRepository' || info.orm === 'other' || info.orm === 'mikro-orm') continue;
    const entity = toEntityTarget(state, info.args[0], false);
    if (entity) return { role: { kind: 'repository', orm: 'typeorm', target: entity.target, confidence: 1 }, activeRecord: false };
  }
  const superPath = node.superClass ? memberPath(node.superClass as AnyNode) : undefined;
  const imported = superPath ? toImportedName(state.context, superPath) : undefined;
  if (!imported || imported.orm === 'other') return undefined;
  const { name, orm } = imported;
  if (name === 'BaseEntity' && className !== undefined && orm !== 'mikro-orm') {
    return { role: { kind: 'repository', orm: 'typeorm', target: { kind: 'symbol', symbol: className }, confidence: 1 }, activeRecord: true };
  }
  const typeormBase = name === 'Repository' || name === 'TreeRepository' || name === 'MongoRepository' || name === 'AbstractRepository';
  const mikroBase = name === 'EntityRepository' || name === 'SqlEntityRepository' || name === 'MongoEntityRepository';
  if (!typeormBase && !mikroBase) return undefined;
  const parameter = node.superTypeArguments?.params[0];
  if (!parameter || parameter.type !== 'TSTypeReference' || parameter.typeName.type !== 'Identifier' || !isEntityName(parameter.typeName.name)) return undefined;
  const target = state.context.toTableTarget(parameter.typeName as AnyNode);
  if (!target) return undefined;
  return { role: { kind: 'repository', orm: orm ?? (mikroBase ? 'mikro-orm' : 'typeorm'), target, confidence: 1 }, activeRecord: false };
}

/** Pushes the class's scope: what `this` is and which members hold repositories, managers or data sources. */
function enterClass(state: FileState, node: Class): void {
  const className = node.id?.name;
  const typeParameters = new Set((node.typeParameters?.params ?? []).map((parameter) => parameter.name.name));
  const scope: ClassScope = { members: new Map(), typeParameters };
  const self = toSelfRole(state, node, className);
  if (self) {
    scope.self = self.role;
    scope.members.set('repository', self.role);
    if (className !== undefined) (self.activeRecord ? state.activeRecords : state.customRepositories).set(className, self.role);
  }
  state.classes.push(scope);
  const parameters = new Map<string, Role | null>();
  const later: (() => void)[] = [];
  for (const element of node.body.body) {
    if (element.type === 'PropertyDefinition' || element.type === 'AccessorProperty') {
      const name = keyName(element.key as AnyNode);
      if (name === undefined || element.static) continue;
      const role = toDecoratorRole(state, element.decorators) ?? toTypeRole(state, element.typeAnnotation, typeParameters);
      if (role) scope.members.set(name, role);
      else if (element.typeAnnotation) scope.members.set(name, null);
      else if (element.value) {
        const value = element.value;
        later.push(() => {
          const initial = evaluate(state, value, false);
          if (initial) scope.members.set(name, initial);
        });
      }
    } else if (element.type === 'MethodDefinition' && element.kind === 'constructor') {
      for (const param of element.value.params) {
        const binding = bindingOf(param);
        if (!binding) continue;
        const role = toDecoratorRole(state, binding.decorators) ?? toTypeRole(state, binding.annotation, typeParameters);
        if (!role && !binding.annotation) continue;
        parameters.set(binding.name, role ?? null);
        if (param.type === 'TSParameterProperty') scope.members.set(binding.name, role ?? null);
      }
      for (const statement of element.value.body?.body ?? []) {
        if (statement.type !== 'ExpressionStatement' || statement.expression.type !== 'AssignmentExpression') continue;
        const assignment = statement.expression;
        const left = memberPath(assignment.left as AnyNode);
        const member = left?.length === 2 && left[0] === 'this' ? left[1] : undefined;
        if (member === undefined) continue;
        later.push(() => {
          const role = evaluate(state, assignment.right, false, parameters);
          if (role) scope.members.set(member, role);
        });
      }
    } else if (element.type === 'MethodDefinition' && (element.kind === 'get' || element.kind === 'method') && !element.static) {
      const name = keyName(element.key as AnyNode);
      const returned = returnedExpression(element.value);
      if (name === undefined || !returned) continue;
      later.push(() => {
        const role = evaluate(state, returned, false);
        if (role) scope.members.set(name, role);
      });
    }
  }
  for (const run of later) run();
}

function toEntityClassName(node: AnyNode | undefined): string | undefined {
  if (!node) return undefined;
  const inner = unwrap(node);
  if (inner.type === 'ArrowFunctionExpression' && inner.expression) return toEntityClassName(inner.body as AnyNode);
  if (inner.type === 'ArrowFunctionExpression' || inner.type === 'FunctionExpression') {
    const body = inner.body;
    if (body && body.type === 'BlockStatement') {
      const returned = body.body.find((statement) => statement.type === 'ReturnStatement');
      return returned?.type === 'ReturnStatement' && returned.argument ? toEntityClassName(returned.argument) : undefined;
    }
    return undefined;
  }
  const literal = stringValue(inner);
  if (literal !== undefined) return isEntityName(literal) ? literal : undefined;
  const path = memberPath(inner);
  const last = path?.[path.length - 1];
  return path && path[0] !== 'this' && last !== undefined && isEntityName(last) ? last : undefined;
}

/** The class a MikroORM reference type names: `Author`, `Ref<Author>`, `Rel<Author>`, `Reference<Author>`. */
function toTypeClassName(annotation: TSTypeAnnotation | null | undefined): string | undefined {
  let type = annotation?.typeAnnotation;
  for (let depth = 0; depth < 3 && type; depth++) {
    if (type.type !== 'TSTypeReference' || type.typeName.type !== 'Identifier') return undefined;
    const name = type.typeName.name;
    if (['Ref', 'Rel', 'Reference', 'IdentifiedReference', 'LazyRef', 'Loaded', 'Opt'].includes(name)) {
      type = type.typeArguments?.params[0];
      continue;
    }
    return isEntityName(name) ? name : undefined;
  }
  return undefined;
}

function isMikroOwner(args: readonly AnyNode[]): boolean {
  let owner = false;
  for (const arg of args) {
    if (propertyOf(arg, 'mappedBy')) return false;
    const flag = propertyOf(arg, 'owner');
    if ((flag && unwrap(flag).type === 'Literal' && (unwrap(flag) as { value: unknown }).value === true) || propertyOf(arg, 'inversedBy')) owner = true;
  }
  return owner;
}

/** Foreign keys of an entity class's `@ManyToOne` (and owning `@OneToOne`) properties, resolved at the end of the file. */
function collectForeignKeys(state: FileState, node: Class, table: string, orm: EntityOrm): void {
  for (const element of node.body.body) {
    if (element.type !== 'PropertyDefinition' && element.type !== 'AccessorProperty') continue;
    const infos = element.decorators.map((decorator) => toDecoratorInfo(state.context, decorator)).filter((info): info is DecoratorInfo => info !== undefined);
    const manyToOne = infos.find((info) => info.name === 'ManyToOne');
    const oneToOne = infos.find((info) => info.name === 'OneToOne');
    const owning =
      manyToOne ??
      (oneToOne && (orm === 'typeorm' ? infos.some((info) => info.name === 'JoinColumn') : isMikroOwner(oneToOne.args)) ? oneToOne : undefined);
    if (!owning) continue;
    const [first, second] = owning.args;
    const toClass =
      toEntityClassName(propertyOf(first, 'entity') ?? (first && unwrap(first).type === 'ObjectExpression' ? undefined : first)) ??
      toEntityClassName(propertyOf(second, 'entity')) ??
      (orm === 'mikro-orm' ? toTypeClassName(element.typeAnnotation) : undefined);
    if (toClass !== undefined) state.pendingForeignKeys.push({ from: table, toClass, orm, at: owning.node });
  }
}

function defineTable(state: FileState, symbols: readonly (string | undefined)[], entity: EntityClass, at: AnyNode): void {
  const seen = new Set<string>();
  for (const symbol of symbols) {
    if (symbol === undefined || seen.has(symbol)) continue;
    seen.add(symbol);
    state.entityClasses.set(symbol, entity);
    if (entity.orm === state.orm) state.context.addDefinition(symbol, entity.table, at, entity.orm);
  }
}

/** The table of `@Entity('name')`, `@Entity('name', { schema })`, `@Entity({ name, schema })` (TypeORM) or `@Entity({ tableName | collection, schema })` (MikroORM). */
function toDecoratedTable(state: FileState, info: DecoratorInfo, orm: EntityOrm, className: string): string | undefined {
  const [first, second] = info.args;
  const options = first && unwrap(first).type === 'ObjectExpression' ? first : second;
  const schema = toStringOf(state, propertyOf(options, 'schema'));
  const given = orm === 'typeorm' ? (toStringOf(state, first) ?? toStringOf(state, propertyOf(options, 'name'))) : (toStringOf(state, propertyOf(options, 'tableName')) ?? toStringOf(state, propertyOf(options, 'collection')));
  if (given === undefined && first && unwrap(first).type !== 'ObjectExpression') return undefined; // a name seams cannot read
  return toOrmTableId(schema, given ?? METHODS[orm].defaultTable(className));
}

/** Table definitions of a decorated class: `@Entity`, `@ViewEntity`, `@ChildEntity` (single-table inheritance). */
function defineClass(state: FileState, node: Class): void {
  const className = node.id?.name;
  if (className === undefined) return;
  for (const decorator of node.decorators) {
    const info = toDecoratorInfo(state.context, decorator);
    if (!info) continue;
    const orm: EntityOrm = info.orm === 'mikro-orm' ? 'mikro-orm' : info.orm === 'typeorm' ? 'typeorm' : state.fileOrm;
    let entity: EntityClass | undefined;
    if (info.name === 'Entity') {
      const options = info.args.find((arg) => unwrap(arg).type === 'ObjectExpression');
      if (orm === 'mikro-orm' && (propertyOf(options, 'abstract') || propertyOf(options, 'virtual') || propertyOf(options, 'expression'))) return;
      const parent = node.superClass ? memberPath(node.superClass as AnyNode)?.join('.') : undefined;
      const root = parent === undefined ? undefined : state.entityClasses.get(parent);
      const named = orm === 'mikro-orm' && propertyOf(options, 'tableName') === undefined && propertyOf(options, 'collection') === undefined;
      const table = root?.singleTable && named ? root.table : toDecoratedTable(state, info, orm, className);
      if (table === undefined) continue;
      entity = { table, orm };
      if (orm === 'mikro-orm' && propertyOf(options, 'discriminatorColumn')) entity.singleTable = true;
    } else if (info.name === 'ViewEntity' && orm === 'typeorm') {
      const table = toDecoratedTable(state, info, 'typeorm', className);
      if (table !== undefined) entity = { table, orm };
    } else if (info.name === 'ChildEntity' && orm === 'typeorm') {
      const parent = node.superClass ? memberPath(node.superClass as AnyNode)?.join('.') : undefined;
      const root = parent === undefined ? undefined : state.entityClasses.get(parent);
      if (root) entity = { table: root.table, orm };
    }
    if (!entity) continue;
    defineTable(state, [className], entity, decorator);
    collectForeignKeys(state, node, entity.table, entity.orm);
    return;
  }
}

/** Relations of an `EntitySchema`'s options: TypeORM `relations: { x: { type: 'many-to-one', target } }`, MikroORM `properties: { x: { kind: 'm:1', entity } }`. */
function collectSchemaForeignKeys(state: FileState, options: AnyNode, table: string, orm: EntityOrm, at: AnyNode): void {
  const relations = propertyOf(options, orm === 'typeorm' ? 'relations' : 'properties');
  if (!relations || unwrap(relations).type !== 'ObjectExpression') return;
  for (const property of (unwrap(relations) as ObjectExpression).properties) {
    if (property.type !== 'Property') continue;
    const value = property.value as AnyNode;
    let toClass: string | undefined;
    if (orm === 'typeorm') {
      const type = toStringOf(state, propertyOf(value, 'type'));
      const owning = type === 'many-to-one' || (type === 'one-to-one' && propertyOf(value, 'joinColumn') !== undefined);
      if (owning) toClass = toEntityClassName(propertyOf(value, 'target'));
    } else {
      const kindNode = propertyOf(value, 'kind') ?? propertyOf(value, 'reference');
      const kind = kindNode ? (toStringOf(state, kindNode) ?? memberPath(kindNode)?.pop()) : undefined;
      const manyToOne = kind === 'm:1' || kind === 'MANY_TO_ONE';
      const oneToOne = (kind === '1:1' || kind === 'ONE_TO_ONE') && isMikroOwner([value]);
      if (manyToOne || oneToOne) toClass = toEntityClassName(propertyOf(value, 'entity'));
    }
    if (toClass !== undefined) state.pendingForeignKeys.push({ from: table, toClass, orm, at });
  }
}

/** `new EntitySchema({ name, tableName })` (TypeORM and MikroORM) and MikroORM's `defineEntity({ name, tableName })`. */
function defineSchema(state: FileState, node: AnyNode, options: AnyNode | undefined, orm: EntityOrm): void {
  if (!options || unwrap(options).type !== 'ObjectExpression') return;
  const name = toStringOf(state, propertyOf(options, 'name'));
  const classNode = propertyOf(options, orm === 'typeorm' ? 'target' : 'class');
  const classPath = classNode ? memberPath(classNode) : undefined;
  const className = classPath?.length === 1 ? classPath[0] : undefined;
  const entityName = name ?? className;
  const given = toStringOf(state, propertyOf(options, 'tableName')) ?? (orm === 'mikro-orm' ? toStringOf(state, propertyOf(options, 'collection')) : undefined);
  if (given === undefined && entityName === undefined) return;
  if (orm === 'mikro-orm' && propertyOf(options, 'abstract')) return;
  const table = toOrmTableId(toStringOf(state, propertyOf(options, 'schema')), given ?? METHODS[orm].defaultTable(entityName ?? ''));
  defineTable(state, [state.variableNames.get(unwrap(node)), entityName, className], { table, orm }, node);
  collectSchemaForeignKeys(state, options, table, orm, node);
}

function enterFunction(state: FileState, node: FunctionNode | ArrowFunctionExpression): void {
  const callback = state.callbacks.get(node);
  const typeParameters = new Set((node.typeParameters?.params ?? []).map((parameter) => parameter.name.name));
  node.params.forEach((param, index) => {
    const binding = bindingOf(param);
    if (!binding) return;
    const role = (index === 0 ? callback : undefined) ?? toDecoratorRole(state, binding.decorators) ?? toTypeRole(state, binding.annotation, typeParameters);
    if (role || binding.annotation) state.locals.set(binding.name, role ?? null);
    else state.locals.delete(binding.name);
  });
}

function createFileState(context: SqlDetectorContext, orm: EntityOrm): FileState {
  return {
    context,
    orm,
    fileOrm: toFileOrm(context),
    classes: [],
    locals: new Map(),
    callbacks: new WeakMap(),
    thisRanges: [],
    customRepositories: new Map(),
    activeRecords: new Map(),
    entityClasses: new Map(),
    pendingForeignKeys: [],
    variableNames: new WeakMap(),
  };
}

function toVisitor(state: FileState): VisitorObject {
  const onClass = (node: Class) => {
    defineClass(state, node);
    enterClass(state, node);
  };
  const onClassExit = () => {
    state.classes.pop();
  };
  return {
    ClassDeclaration: onClass,
    'ClassDeclaration:exit': onClassExit,
    ClassExpression: onClass,
    'ClassExpression:exit': onClassExit,
    FunctionDeclaration: (node: FunctionNode) => enterFunction(state, node),
    FunctionExpression: (node: FunctionNode) => enterFunction(state, node),
    ArrowFunctionExpression: (node: ArrowFunctionExpression) => enterFunction(state, node),
    VariableDeclarator(node: VariableDeclarator) {
      if (node.id.type !== 'Identifier') return;
      if (node.init) state.variableNames.set(unwrap(node.init), node.id.name);
      const role = (node.init ? evaluate(state, node.init, false) : undefined) ?? toTypeRole(state, node.id.typeAnnotation);
      if (role || node.id.typeAnnotation) state.locals.set(node.id.name, role ?? null);
      else state.locals.delete(node.id.name);
    },
    AssignmentExpression(node: AssignmentExpression) {
      const left = memberPath(node.left as AnyNode);
      if (!left || node.operator !== '=') return;
      const role = evaluate(state, node.right, false);
      if (left.length === 1 && left[0] !== undefined) {
        if (role) state.locals.set(left[0], role);
        else state.locals.delete(left[0]);
      } else if (left.length === 2 && left[0] === 'this' && left[1] !== undefined && role) {
        state.classes[state.classes.length - 1]?.members.set(left[1], role);
      }
    },
    NewExpression(node: NewExpression) {
      const path = memberPath(node.callee as AnyNode);
      const imported = path ? toImportedName(state.context, path) : undefined;
      if (imported?.name !== 'EntitySchema' || imported.orm === 'other') return;
      defineSchema(state, node, node.arguments[0] as AnyNode | undefined, imported.orm ?? state.fileOrm);
    },
    'Program:exit'() {
      for (const pending of state.pendingForeignKeys) {
        if (pending.orm !== state.orm) continue;
        const to = state.entityClasses.get(pending.toClass);
        // An entity of another file: its table is found through the import at link time.
        const imported = to ? undefined : state.context.file.importOf(pending.toClass);
        if (to) state.context.addForeignKey(pending.from, to.table, pending.at);
        else if (imported && imported.importedName !== '*') state.context.addForeignKey(pending.from, { symbol: imported.importedName, specifier: imported.specifier }, pending.at);
      }
    },
  } as VisitorObject;
}

/** QueryRunner schema methods whose first argument is the table (a name or `new Table({ name })`): ddl, but `clearTable` deletes rows. */
const QUERY_RUNNER_METHODS = new Set([
  'createTable', 'dropTable', 'renameTable', 'addColumn', 'addColumns', 'dropColumn', 'dropColumns', 'changeColumn', 'changeColumns', 'renameColumn',
  'createIndex', 'createIndices', 'dropIndex', 'dropIndices', 'createForeignKey', 'createForeignKeys', 'dropForeignKey', 'dropForeignKeys',
  'createPrimaryKey', 'dropPrimaryKey', 'createUniqueConstraint', 'dropUniqueConstraint', 'createCheckConstraint', 'dropCheckConstraint', 'clearTable',
]);

/** `new Table({ name: 'x', … })` / `new TableForeignKey({ referencedTableName: 'y' })`: the option's string. */
function newObjectOption(node: AnyNode | undefined, className: string, key: string): string | undefined {
  const inner = node ? unwrap(node) : undefined;
  if (inner?.type !== 'NewExpression' || memberPath(inner.callee as AnyNode)?.pop() !== className) return undefined;
  return stringValue(propertyValue(objectOf(inner.arguments[0] as AnyNode | undefined), key));
}

/** The `referencedTableName`s of foreign keys given as `new TableForeignKey({…})`, object literals, or an array of them. */
function referencedTables(node: AnyNode | undefined): string[] {
  const inner = node ? unwrap(node) : undefined;
  if (!inner) return [];
  if (inner.type === 'ArrayExpression') return inner.elements.flatMap((element) => (element && element.type !== 'SpreadElement' ? referencedTables(element as AnyNode) : []));
  const literal = stringValue(propertyValue(objectOf(inner), 'referencedTableName'));
  const name = literal ?? newObjectOption(inner, 'TableForeignKey', 'referencedTableName');
  return name === undefined ? [] : [name];
}

function addForeignKeyTo(context: SqlDetectorContext, from: string, to: string, at: AnyNode): void {
  const table = toTableIdFromText(to);
  if (table !== undefined) context.addForeignKey(from, table, at);
}

/**
 * TypeORM migrations' schema calls on a query runner (`queryRunner.createTable(new Table({ name:
 * 'photos', foreignKeys: [{ referencedTableName: 'users' }] }))`, `queryRunner.addColumn('photos',
 * …)`, `queryRunner.createForeignKey('photos', new TableForeignKey({ referencedTableName: 'users' }))`):
 * ddl on the table, schema tables and foreign keys. True when the chain was one.
 */
function onQueryRunnerChain(state: FileState, chain: CallChain): boolean {
  const index = chain.links.findIndex((link) => link.call !== undefined);
  const link = chain.links[index];
  if (!link?.call || link.property === undefined || !QUERY_RUNNER_METHODS.has(link.property)) return false;
  const receiver = [...(chain.basePath ?? []), ...chain.links.slice(0, index).map((before) => before.property ?? '')];
  if (!/queryRunner$/i.test(receiver[receiver.length - 1] ?? '')) return false;
  const first = link.arguments[0] as AnyNode | undefined;
  const name = stringValue(first) ?? newObjectOption(first, 'Table', 'name');
  const table = name === undefined ? undefined : toTableIdFromText(name);
  if (table === undefined) return true;
  const context = state.context;
  context.addAccess({ kind: 'table', table }, link.property === 'clearTable' ? 'write' : 'ddl', link.call);
  if (link.property === 'createTable') {
    context.addSchemaTable(table, link.call);
    const inner = first ? unwrap(first) : undefined;
    const options = inner?.type === 'NewExpression' ? objectOf(inner.arguments[0] as AnyNode | undefined) : undefined;
    for (const to of referencedTables(propertyValue(options, 'foreignKeys'))) addForeignKeyTo(context, table, to, link.call);
  }
  if (link.property === 'createForeignKey' || link.property === 'createForeignKeys') {
    for (const to of referencedTables(link.arguments[1] as AnyNode | undefined)) addForeignKeyTo(context, table, to, link.call);
  }
  if (link.property === 'renameTable') {
    const renamed = stringValue(link.arguments[1] as AnyNode | undefined);
    const renamedTable = renamed === undefined ? undefined : toTableIdFromText(renamed);
    if (renamedTable !== undefined) context.addAccess({ kind: 'table', table: renamedTable }, 'ddl', link.call);
  }
  return true;
}

function onChain(state: FileState, chain: CallChain): void {
  if (state.orm === 'typeorm' && onQueryRunnerChain(state, chain)) return;
  const base = unwrap(chain.base);
  const [first] = chain.links;
  if (base.type === 'Identifier' && chain.links.length === 1 && first?.call && first.property === undefined) {
    const imported = toImportedName(state.context, [base.name]);
    if (imported?.name === 'defineEntity' && imported.orm !== 'other' && imported.orm !== 'typeorm') {
      defineSchema(state, chain.node, first.arguments[0] as AnyNode | undefined, 'mikro-orm');
      return;
    }
  }
  const before = state.context.accessCount();
  walk(state, chain.base, chain.links, true, chain.node);
  if (state.orm === 'typeorm' && state.context.accessCount() === before) askTypeOfReceiver(state, chain);
}

/** Receivers whose name says they hold a repository (`usersRepo`, `this.orderRepository`, `getUserRepo()`). */
const REPOSITORY_NAME = /repo(sitory)?s?$/i;
/** Getters whose entity argument is read syntactically; when it is a variable, the checker cannot help either. */
const GENERIC_GETTERS = new Set(['getRepository', 'getTreeRepository', 'getMongoRepository', 'getCustomRepository']);

/**
 * `x.findOneBy(…)` on a receiver this detector cannot place (a repository returned by a helper,
 * a field typed by inference, a custom repository class from another file): ask the lazy
 * type-aware pass, which reads the receiver's type with the TypeScript checker.
 */
function askTypeOfReceiver(state: FileState, chain: CallChain): void {
  const node = unwrap(chain.node);
  if (node.type !== 'CallExpression') return;
  const callee = unwrap(node.callee as AnyNode);
  if (callee.type !== 'MemberExpression') return;
  const method = propertyName(callee);
  if (method === undefined) return;
  const mode = METHODS.typeorm.repository.get(method) ?? (method === 'createQueryBuilder' ? 'read' : undefined);
  if (mode === undefined) return;
  const receiver = unwrap(callee.object as AnyNode);
  const receiverPath = memberPath(receiver.type === 'CallExpression' ? (receiver.callee as AnyNode) : receiver);
  const receiverName = receiverPath?.[receiverPath.length - 1] ?? '';
  if (GENERIC_GETTERS.has(receiverName)) return;
  // A field or parameter declared with a repository-named type: `private readonly people: UserRepository`.
  const declaredAsRepository =
    receiverName !== '' && new RegExp(`\\b${receiverName.replace(/\$/g, '\\$')}\\s*[?!]?\\s*:\\s*[\\w.]*Repo(sitory)?\\b`).test(state.context.file.text);
  if (!REPOSITORY_NAME.test(receiverName) && !declaredAsRepository) return;
  state.context.askType(callee.object as AnyNode, method, mode);
}

/**
 * A detector for an entity ORM (TypeORM or MikroORM). Both detectors share one engine: each walks
 * the file, follows repositories, managers, data sources and query builders, and records only the
 * facts of its own ORM. Which ORM a construct belongs to comes from the import of the name it
 * uses (`Entity`, `InjectRepository`, `EntityManager`, `Repository`, `EntityRepository` from
 * `typeorm`/`@nestjs/typeorm` or `@mikro-orm/…`); constructs that name no import (a `manager`
 * parameter, `@Entity` from a local barrel) belong to MikroORM when the file imports from
 * `@mikro-orm/…` and not from `typeorm`, and to TypeORM otherwise.
 */
export function createEntityOrmDetector(options: { orm: EntityOrm; description: string; packages: readonly string[]; textHint: RegExp }): SqlDetector {
  const states = new WeakMap<SqlDetectorContext, FileState>();
  return defineSqlDetector({
    id: options.orm,
    description: options.description,
    packages: options.packages,
    textHint: options.textHint,
    visitor(context) {
      const state = createFileState(context, options.orm);
      states.set(context, state);
      return toVisitor(state);
    },
    onChain(chain, context) {
      const state = states.get(context);
      if (state) onChain(state, chain);
    },
  });
}

/** Names and calls of an entity ORM's managers, repositories and decorators (TypeORM's, and MikroORM's too where they share them). */
export const ENTITY_ORM_HINT =
  /typeorm|Repository|EntityManager|EntitySchema|DataSource|BaseEntity|getManager|getConnection|createQueryBuilder|@(Entity|ViewEntity|ChildEntity)\b|\b(manager|entityManager|em|connection|dataSource)\s*[.)]|\.(findBy|findOneBy|findOneByOrFail|findAndCountBy|countBy|existsBy)\(|[qQ]ueryRunner\./;

/**
 * TypeORM: entity definitions (`@Entity('name')`, `@Entity({ name, schema })`, `@Entity()` →
 * snake_case class name, `@ViewEntity`, `@ChildEntity`, `new EntitySchema({ name, tableName })`),
 * foreign keys of `@ManyToOne` and owning `@OneToOne` to entities of the same file or imported ones, and accesses
 * through repositories (`@InjectRepository(User)` / `Repository<User>` fields and parameters,
 * `getRepository(User)` on a data source, manager or alone, custom `extends Repository<User>`,
 * `.extend({…})`, getters returning one), managers (`manager.find(User, …)`, transaction
 * callbacks), query builders (`createQueryBuilder`, `.from/.into/.update(User)`, joins) and
 * ActiveRecord entities (`extends BaseEntity`; TypeORM-only statics such as `User.findOneBy` on an
 * imported class, with lower confidence); migrations' query-runner schema calls (`queryRunner.createTable(new
 * Table({ name }))`, `addColumn('t', …)`, `createForeignKey('t', new TableForeignKey({ referencedTableName }))`).
 * Raw `query()` SQL is the raw-sql detector's.
 */
export const typeormDetector = createEntityOrmDetector({
    orm: 'typeorm',
    description: 'TypeORM entities, repositories, entity managers and query builders',
    packages: ['typeorm'],
    textHint: ENTITY_ORM_HINT,
});
