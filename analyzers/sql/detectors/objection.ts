import type { Class, MethodDefinition, ObjectExpression, Program } from 'oxc-parser';
import type { TableTarget } from '../../../src/plugin/index.js';
import { classScopeVisitor, memberPath, stringValue, unwrap, type AnyNode, type CallChain } from '../ast.js';
import { toLoopStrings } from '../table-references.js';
import { defineSqlDetector, type SqlDetectorContext } from '../detector.js';
import { isSequelizeRegistryCall, readRequires, REGISTRY_PATHS, toRegistryModel } from './sequelize.js';

/** Objection query-builder methods that change rows; any other chain after `query()` reads. */
const OBJECTION_WRITES = new Set([
  'insert', 'insertAndFetch', 'insertGraph', 'insertGraphAndFetch', 'upsertGraph', 'upsertGraphAndFetch', 'patch', 'patchAndFetch',
  'patchAndFetchById', 'update', 'updateAndFetch', 'updateAndFetchById', 'delete', 'deleteById', 'relate', 'unrelate', 'increment', 'decrement',
]);
/** Bookshelf calls that start a model chain (`User.forge(…)`, `User.where(…)`); a chain is Bookshelf's only when it also fetches, saves or destroys. */
const BOOKSHELF_STARTS = new Set(['forge', 'where', 'query', 'collection', 'fetchAll', 'fetchPage']);
const BOOKSHELF_READS = new Set(['fetch', 'fetchAll', 'fetchOne', 'fetchPage', 'count']);
const BOOKSHELF_WRITES = new Set(['save', 'destroy']);
/** Ghost's model layer on top of Bookshelf (`models.Post.findOne(…)`). */
const GHOST_READS = new Set(['findOne', 'findAll', 'findPage']);
const GHOST_WRITES = new Set(['add', 'edit', 'destroy', 'bulkAdd', 'bulkEdit', 'bulkDestroy']);
/** Packages whose upper-case exports are not models. */
const NOT_MODEL_PACKAGES = /^(node:|objection$|knex$|bookshelf$|pg$|mysql2?$|@nestjs\/|url$|querystring$)/;

/** Confidence of a model reached through Ghost's registry (`models.Post`), resolved by name only. */
const REGISTRY_CONFIDENCE = 0.7;
/** Confidence of a call on an imported upper-case identifier. */
const IMPORTED_MODEL_CONFIDENCE = 0.9;
/** Confidence of a model injected into a service and named after its registry name (`this.OfferModel`, `this._Member`). */
const INJECTED_MODEL_CONFIDENCE = 0.5;
/** A field holding an injected model: `OfferModel`, `_Member`, `#MemberModel` (the private `#` is not part of the name). */
const INJECTED_MODEL_FIELD = /^_?([A-Z][A-Za-z0-9]*?)(?:Model)?$/;
/** A local name (a parameter, a destructured option) holding a model handed in: `InviteModel` is the model `Invite`. */
const PASSED_MODEL_NAME = /^([A-Z][A-Za-z0-9]*)Model$/;
/** Ghost bulk operations whose second argument names the table they change (`bulkDestroy(ids, 'emails')`). */
const GHOST_BULK_OPERATIONS = new Set(['bulkAdd', 'bulkEdit', 'bulkDestroy']);
/** Imports of ORMs whose models injected fields could also hold. */
const OTHER_ORM_IMPORTS = /['"](?:mongoose|sequelize|sequelize-typescript|typeorm|@nestjs\/mongoose|@nestjs\/sequelize|@nestjs\/typeorm|@prisma\/client)['"]/;

/** Canonical table id: `schema.name`, or `name` in the default schema. Case is kept (knex quotes names). */
function toTableId(name: string): string {
  const dot = name.indexOf('.');
  if (dot <= 0) return name;
  const schema = name.slice(0, dot);
  return schema === 'public' ? name.slice(dot + 1) : name;
}

function propertyValue(object: ObjectExpression | undefined, key: string): AnyNode | undefined {
  for (const property of object?.properties ?? []) {
    if (property.type !== 'Property' || property.computed) continue;
    const name = property.key.type === 'Identifier' ? property.key.name : stringValue(property.key as AnyNode);
    if (name === key) return property.value as AnyNode;
  }
  return undefined;
}

function objectOf(node: AnyNode | undefined | null): ObjectExpression | undefined {
  if (!node) return undefined;
  const inner = unwrap(node);
  return inner.type === 'ObjectExpression' ? inner : undefined;
}

/** `static tableName = 'persons'` or `static get tableName() { return 'persons' }`. */
function staticTableName(node: Class): string | undefined {
  for (const member of node.body.body) {
    if ((member.type !== 'PropertyDefinition' && member.type !== 'MethodDefinition') || !member.static || member.computed) continue;
    if (member.key.type !== 'Identifier' || member.key.name !== 'tableName') continue;
    if (member.type === 'PropertyDefinition') return stringValue(member.value as AnyNode | null);
    const method = member as MethodDefinition;
    const statements = method.kind === 'get' ? (method.value.body?.body ?? []) : [];
    const returned = statements.find((statement) => statement.type === 'ReturnStatement');
    return returned?.type === 'ReturnStatement' ? stringValue(returned.argument as AnyNode | null) : undefined;
  }
  return undefined;
}

/** The table of a Bookshelf model expression: `bookshelf.Model.extend({ tableName })` or `bookshelf.model('Name', { tableName })`. */
function bookshelfTable(node: AnyNode | null | undefined): { table: string; modelName?: string } | undefined {
  const inner = node ? unwrap(node) : undefined;
  if (inner?.type !== 'CallExpression') return undefined;
  const callee = memberPath(inner.callee as AnyNode);
  const method = callee?.[callee.length - 1];
  if (method === 'extend') {
    const table = stringValue(propertyValue(objectOf(inner.arguments[0] as AnyNode | undefined), 'tableName'));
    return table === undefined ? undefined : { table: toTableId(table) };
  }
  if (method === 'model' && callee?.some((part) => /bookshelf/i.test(part))) {
    const modelName = stringValue(inner.arguments[0] as AnyNode | undefined);
    const table = stringValue(propertyValue(objectOf(inner.arguments[1] as AnyNode | undefined), 'tableName'));
    return table === undefined ? undefined : { table: toTableId(table), modelName };
  }
  return undefined;
}

interface ObjectionFileState {
  /** Local models (Objection classes, Bookshelf models) by binding name: their table and kind. */
  models: Map<string, { table: string; kind: 'objection' | 'bookshelf' }>;
  /** Enclosing classes while walking, with whether the walk is inside a static method of each. */
  classes: { name: string | undefined; inStatic: number }[];
  /** Names bound by top-level `require` calls. */
  required: Map<string, { specifier: string; importedName: string }>;
}

const states = new WeakMap<SqlDetectorContext, ObjectionFileState>();

/** Top-level statements, exported declarations unwrapped. */
function topLevelDeclarations(program: Program): AnyNode[] {
  return program.body.map((statement) =>
    (statement.type === 'ExportNamedDeclaration' || statement.type === 'ExportDefaultDeclaration') && statement.declaration
      ? (statement.declaration as AnyNode)
      : statement,
  );
}

/** Reads the model definitions of the file's top-level statements. */
function readDefinitions(context: SqlDetectorContext, state: ObjectionFileState): void {
  const define = (name: string, table: string, kind: 'objection' | 'bookshelf', at: AnyNode) => {
    if (state.models.has(name)) return;
    state.models.set(name, { table, kind });
    context.addDefinition(name, table, at);
  };
  const defineBookshelf = (name: string, value: AnyNode | null | undefined, at: AnyNode) => {
    const model = bookshelfTable(value);
    if (!model) return;
    define(name, model.table, 'bookshelf', at);
    if (model.modelName !== undefined) context.addDefinition(model.modelName, model.table, at, 'bookshelf');
  };
  for (const declaration of topLevelDeclarations(context.file.program)) {
    if ((declaration.type === 'ClassDeclaration' || declaration.type === 'ClassExpression') && declaration.id) {
      const table = staticTableName(declaration);
      if (table !== undefined) define(declaration.id.name, toTableId(table), 'objection', declaration);
    } else if (declaration.type === 'VariableDeclaration') {
      for (const declarator of declaration.declarations) {
        if (declarator.id.type === 'Identifier') defineBookshelf(declarator.id.name, declarator.init, declarator);
      }
    } else if (declaration.type === 'ExpressionStatement') {
      const expression = unwrap(declaration.expression);
      if (expression.type === 'AssignmentExpression' && expression.left.type === 'Identifier') defineBookshelf(expression.left.name, expression.right, expression);
    }
  }
}

function stateOf(context: SqlDetectorContext): ObjectionFileState {
  let state = states.get(context);
  if (!state) {
    state = { models: new Map(), classes: [], required: readRequires(context.file.program) };
    states.set(context, state);
    readDefinitions(context, state);
  }
  return state;
}

/** `bookshelf.model('Post', Post)`: the registry name of a model defined in this file. */
function recordRegistration(chain: CallChain, context: SqlDetectorContext, state: ObjectionFileState): void {
  if (!(chain.basePath ?? []).some((part) => /bookshelf/i.test(part))) return;
  for (const link of chain.links) {
    if (link.property !== 'model' || !link.call || link.arguments.length < 2) continue;
    const modelName = stringValue(link.arguments[0] as AnyNode);
    const value = unwrap(link.arguments[1] as AnyNode);
    const local = value.type === 'Identifier' ? state.models.get(value.name) : undefined;
    if (modelName !== undefined && local) context.addDefinition(modelName, local.table, link.call, 'bookshelf');
  }
}

interface ModelBase {
  target: TableTarget;
  confidence: number;
  /** Which APIs the base may use. */
  kind: 'objection' | 'bookshelf' | 'registry' | 'imported' | 'injected';
  /** Index of the first link after the base. */
  start: number;
}

/**
 * The model a chain starts from: a model defined in this file (`Person`, `new User(…)`),
 * `this` in a model's static method, Ghost's registry (`models.Post`, `this.models.Post`,
 * `bookshelf.model('Post')`, by name, confidence 0.7), or an upper-case identifier imported from
 * a module that is not a known library (`import Person from './person'`).
 */
function toModelBase(chain: CallChain, context: SqlDetectorContext, state: ObjectionFileState): ModelBase | undefined {
  const base = unwrap(chain.base);
  if (base.type === 'NewExpression') {
    const callee = unwrap(base.callee as AnyNode);
    const local = callee.type === 'Identifier' ? state.models.get(callee.name) : undefined;
    return local?.kind === 'bookshelf' && callee.type === 'Identifier' ? { target: { kind: 'symbol', symbol: callee.name }, confidence: 1, kind: 'bookshelf', start: 0 } : undefined;
  }
  const registry = toRegistryModel(chain);
  if (registry) return { target: { kind: 'symbol', symbol: registry.model }, confidence: REGISTRY_CONFIDENCE, kind: 'registry', start: registry.start };
  if (base.type === 'ThisExpression' && chain.links[0]?.property !== undefined && !chain.links[0].call && chain.links[1]?.call) {
    // A model injected into a service (`constructor({ OfferModel }) { this.OfferModel = OfferModel; }`), by name.
    const match = INJECTED_MODEL_FIELD.exec(chain.links[0].property);
    const name = match?.[1];
    if (name !== undefined && name !== 'Model' && !OTHER_ORM_IMPORTS.test(context.file.text)) {
      return { target: { kind: 'symbol', symbol: name }, confidence: INJECTED_MODEL_CONFIDENCE, kind: 'injected', start: 1 };
    }
  }
  if (base.type === 'ThisExpression') {
    const enclosing = state.classes[state.classes.length - 1];
    const local = enclosing?.name === undefined ? undefined : state.models.get(enclosing.name);
    if (!local || enclosing?.name === undefined || enclosing.inStatic === 0) return undefined;
    return { target: { kind: 'symbol', symbol: enclosing.name }, confidence: 1, kind: local.kind, start: 0 };
  }
  const path = chain.basePath;
  if (!path) return undefined;
  const first = chain.links[0];
  if (path.length === 1 && first?.property === 'model' && first.call && /bookshelf/i.test(path[0] ?? '') && first.arguments.length === 1) {
    const name = stringValue(first.arguments[0] as AnyNode);
    return name === undefined ? undefined : { target: { kind: 'symbol', symbol: name }, confidence: REGISTRY_CONFIDENCE, kind: 'registry', start: 1 };
  }
  if (path.length !== 1 || base.type !== 'Identifier') return undefined;
  const name = base.name;
  const local = state.models.get(name);
  if (local) return { target: { kind: 'symbol', symbol: name }, confidence: 1, kind: local.kind, start: 0 };
  const imported = context.file.importOf(name);
  const required = imported ? undefined : state.required.get(name);
  const source = imported ?? required;
  const passed = source ? undefined : PASSED_MODEL_NAME.exec(name)?.[1];
  if (passed !== undefined && !OTHER_ORM_IMPORTS.test(context.file.text)) {
    // A model handed in by name (`add({ InviteModel })`, `constructor({ SettingsModel })`), like an injected field.
    return { target: { kind: 'symbol', symbol: passed }, confidence: INJECTED_MODEL_CONFIDENCE, kind: 'injected', start: 0 };
  }
  if (!source || !/^[A-Z]/.test(name) || source.importedName === '*' || NOT_MODEL_PACKAGES.test(source.specifier)) return undefined;
  const target = required ? { kind: 'symbol' as const, symbol: required.importedName, specifier: required.specifier } : context.toTableTarget(base);
  return target ? { target, confidence: IMPORTED_MODEL_CONFIDENCE, kind: 'imported', start: 0 } : undefined;
}

/**
 * Models handed to a service under another name (`new LinkClickRepository({ MemberLinkClickEventModel:
 * models.MemberClickEvent })`, `{ StripeCustomer: models.MemberStripeCustomer }`): the name the
 * service reads them by (`this.#MemberLinkClickEventModel`, `deps.StripeCustomer`) is an alias of the registry model.
 */
function recordModelAliases(node: ObjectExpression, context: SqlDetectorContext): void {
  for (const property of node.properties) {
    if (property.type !== 'Property' || property.computed || property.key.type !== 'Identifier') continue;
    const name = PASSED_MODEL_NAME.exec(property.key.name)?.[1] ?? property.key.name;
    const path = memberPath(property.value as AnyNode);
    const model = path && path.length >= 2 && REGISTRY_PATHS.has(path.slice(0, -1).join('.')) ? path[path.length - 1] : undefined;
    if (model !== undefined && /^[A-Z]/.test(name) && /^[A-Z]/.test(model) && model !== name) context.addModelAlias(name, model, property);
  }
}

function onObjectionChain(chain: CallChain, context: SqlDetectorContext): void {
  const state = stateOf(context);
  recordRegistration(chain, context, state);
  const model = toModelBase(chain, context, state);
  if (!model) return;
  const links = chain.links.slice(model.start);
  const first = links[0];
  if (!first?.call || first.property === undefined) return;
  const isBulk = GHOST_BULK_OPERATIONS.has(first.property) && first.arguments.length >= 2;
  const literal = isBulk ? stringValue(first.arguments[1] as AnyNode | undefined) : undefined;
  // `for (const table of ['posts_meta', …]) bulkDestroy(ids, table)`: each table of the list.
  const bulkTables = literal !== undefined ? [literal] : isBulk ? toLoopStrings(context, first.arguments[1] as AnyNode | undefined) : undefined;
  // `bulkDestroy(ids, table)` with a table only known at run time.
  if (isBulk && bulkTables === undefined) return;
  const targets: TableTarget[] = bulkTables ? bulkTables.map((table) => ({ kind: 'table', table: toTableId(table) })) : [model.target];
  const record = (mode: 'read' | 'write') => {
    for (const target of targets) context.addAccess(target, mode, first.call ?? chain.node, { confidence: model.confidence });
  };
  const later = links.slice(1).map((link) => link.property ?? '');
  if (first.property === 'query' && model.kind !== 'bookshelf' && model.kind !== 'registry' && !later.some((name) => BOOKSHELF_READS.has(name))) {
    // `Person.query(trx)`, never `Db.query('SELECT …')` (raw SQL is the raw-sql detector's).
    const argument = first.arguments[0] ? unwrap(first.arguments[0] as AnyNode) : undefined;
    if (argument && (stringValue(argument) !== undefined || argument.type === 'TemplateLiteral')) return;
    record(later.some((name) => OBJECTION_WRITES.has(name)) ? 'write' : 'read');
    return;
  }
  if (model.kind === 'objection') return;
  const all = [first.property, ...later];
  if (BOOKSHELF_STARTS.has(first.property) && all.some((name) => BOOKSHELF_READS.has(name) || BOOKSHELF_WRITES.has(name))) {
    record(all.some((name) => BOOKSHELF_WRITES.has(name)) ? 'write' : 'read');
    return;
  }
  if (model.kind === 'bookshelf' && unwrap(chain.base).type === 'NewExpression' && all.some((name) => BOOKSHELF_READS.has(name) || BOOKSHELF_WRITES.has(name))) {
    record(all.some((name) => BOOKSHELF_WRITES.has(name)) ? 'write' : 'read');
    return;
  }
  if ((model.kind === 'registry' || model.kind === 'injected') && isSequelizeRegistryCall(first.property, first.arguments[0] as AnyNode | undefined, context.file.text)) return;
  if (model.kind === 'bookshelf' || model.kind === 'registry' || model.kind === 'injected') {
    if (GHOST_WRITES.has(first.property)) record('write');
    else if (GHOST_READS.has(first.property)) record('read');
  }
}

/**
 * Objection.js and Bookshelf (including Ghost's model layer). Definitions: classes with
 * `static tableName` (property or getter), `bookshelf.Model.extend({ tableName })` and
 * `bookshelf.model('User', { tableName })` assigned to a name (plus a `bookshelf` definition of
 * the registry name, also from `bookshelf.model('Post', Post)`). Accesses: `Person.query()`
 * chains (write when they insert, patch, update, delete, relate…; `relatedQuery` is skipped),
 * Bookshelf `User.forge(…).fetch()`/`.save()`/`.destroy()`, `User.where(…).fetch()`, `new
 * User(…).save()`, and Ghost's `models.Post.findOne/findAll/findPage` (read) and
 * `add/edit/destroy` (write), by model name with confidence 0.7; the same calls and Bookshelf chains on
 * a model injected into a service (`this.OfferModel`, `this._Member`, `this.#Member`), by the
 * field's name, with confidence 0.5, and likewise on a local name such as `InviteModel` (a model passed in as an
 * option or parameter), also when the service is handed the model under another name (`{ StripeCustomer:
 * models.MemberStripeCustomer }` makes `StripeCustomer` an alias of that model). Ghost's `bulkAdd/bulkEdit/bulkDestroy(ids, 'table')` change
 * the table they name (a literal, or each name of a `for (const t of LIST)` over literal names;
 * nothing is recorded when the name is only known at run time).
 */
export const objectionDetector = defineSqlDetector({
  id: 'objection',
  description: 'Objection.js and Bookshelf (and Ghost models): static tableName, Model.extend, query() and forge/fetch chains',
  packages: ['objection', 'bookshelf'],
  textHint: /tableName|\.query\s*\(|\.forge\s*\(|\.fetch(All|Page|One)?\s*\(|bookshelf|\b(models|db)\.[A-Z]|\b(?:this\.[#_]?[A-Z]\w*|[A-Z]\w*Model)\.(?:findOne|findAll|findPage|add|edit|destroy|bulk\w+)\s*\(/,
  onChain: onObjectionChain,
  visitor(context) {
    return {
      Program() {
        stateOf(context);
      },
      ...classScopeVisitor(() => stateOf(context).classes),
      ObjectExpression(node: ObjectExpression) {
        recordModelAliases(node, context);
      },
    };
  },
});
