import type {
  ArrowFunctionExpression,
  AssignmentExpression,
  Class,
  Decorator,
  ForOfStatement,
  Function as FunctionNode,
  ObjectExpression,
  Program,
  VariableDeclarator,
} from 'oxc-parser';
import type { TableSymbolRef, TableTarget } from '../../../src/plugin/index.js';
import { classScopeVisitor, memberPath, objectOf, propertyValue, stringValue, toCallChain, unwrap, type AnyNode, type CallChain } from '../ast.js';
import { defineSqlDetector, type SqlDetectorContext } from '../detector.js';

const READ_OPERATIONS = new Set(['findAll', 'findOne', 'findByPk', 'findAndCountAll', 'count', 'max', 'min', 'sum', 'aggregate']);
const WRITE_OPERATIONS = new Set([
  'findOrCreate', 'findCreateFind', 'create', 'bulkCreate', 'update', 'destroy', 'upsert', 'increment', 'decrement', 'truncate', 'restore',
]);
const INSTANCE_READS = new Set(['reload']);
const INSTANCE_WRITES = new Set(['save', 'update', 'destroy', 'increment', 'decrement', 'restore']);
/** Static calls that return an instance of the model (`const invoice = await Invoice.findByPk(id)`). */
const INSTANCE_SOURCES = new Set(['findByPk', 'findOne', 'create', 'build', 'findOrCreate', 'findCreateFind', 'upsert']);
/** Static calls that return rows of the model (`const keys = await ApiKey.findAll(…)`). */
const COLLECTION_SOURCES = new Set(['findAll']);
/** Array methods whose callback's first parameter is one element of the array. */
const ELEMENT_CALLBACKS = new Set(['map', 'forEach', 'filter', 'find', 'findLast', 'some', 'every', 'flatMap']);
/** Links allowed between the model and the operation: `Document.unscoped().findAll()`, `Share.scope('x').findOne()`. */
const SCOPE_LINKS = new Set(['scope', 'unscoped', 'schema']);
/** Mongoose model methods that look like Sequelize ones once a suffix rule applies. */
const NOT_SEQUELIZE = /^(updateOne|updateMany|deleteOne|deleteMany|countDocuments|estimatedDocumentCount|insertMany|findOneAnd\w+|findById\w*|createIndexes|createCollection)$/;
/** Packages whose upper-case exports are not models (`DateTime.max`, `Decimal.sum`, `Sequelize.literal`). */
const NOT_MODEL_PACKAGES =
  /^(node:|(fs|path|crypto|events|stream|buffer|url|util|os|http|https|child_process|worker_threads)(\/|$)|(sequelize|sequelize-typescript|luxon|decimal\.js|decimal\.js-light|big\.js|bignumber\.js|moment|dayjs|date-fns|lodash|lodash-es|ramda|rxjs|immutable|zod|yup|joi|ioredis|redis|bull|bullmq|stripe|aws-sdk|knex|kysely|drizzle-orm)(\/|$)|@nestjs\/|@aws-sdk\/)/;
/** Imports that make an upper-case identifier more likely another ORM's model than a Sequelize one. */
const OTHER_ORM_PACKAGES = /^(typeorm|mongoose|mongodb|objection|bookshelf|@mikro-orm\/|@prisma\/client|@nestjs\/mongoose|@nestjs\/typeorm)/;
const SEQUELIZE_PACKAGES = /^(sequelize|sequelize-typescript|@nestjs\/sequelize)(\/|$)/;

/** Paths of registries that hold models by name: `models.Post`, `db.User`, `this.models.Post`, `sequelize.models.User`. */
export const REGISTRY_PATHS: ReadonlySet<string> = new Set(['models', 'db', 'this.models', 'this.db', 'sequelize.models']);
/** Methods of Ghost's Bookshelf models (read by the objection detector) that Sequelize models also have. */
const GHOST_OPERATIONS = new Set(['findOne', 'findAll', 'findPage', 'add', 'edit', 'destroy', 'bulkAdd', 'bulkEdit', 'bulkDestroy']);
/** Option keys that only a Sequelize finder takes (`{ where }`); Ghost takes data, `filter`, `withRelated`, and also `order`/`limit`. */
const QUERY_OPTION_KEYS = new Set(['where', 'include', 'attributes', 'offset', 'raw', 'group', 'paranoid']);

/** Confidence of a model reached through a registry by name (`models.Post`), resolved by name only. */
const REGISTRY_CONFIDENCE = 0.7;
/** Confidence of a call on an imported model when the file does not import Sequelize itself. */
const IMPORTED_MODEL_CONFIDENCE = 0.9;
/** Confidence of a call on a variable taken to hold a model instance. */
const INSTANCE_CONFIDENCE = 0.8;

// ───────────────────────────── table names ─────────────────────────────

/** The classic uncountable words of Rails' inflector, which the `inflection` package ports. */
const UNCOUNTABLE = new Set(['equipment', 'information', 'rice', 'money', 'species', 'series', 'fish', 'sheep', 'moose', 'deer', 'news']);
const PLURAL_RULES: [RegExp, string][] = [
  [/(p)erson$/i, '$1eople'],
  [/(child)$/i, '$1ren'],
  [/^(m|wom)an$/i, '$1en'],
  [/(quiz)$/i, '$1zes'],
  [/(matr|vert|ind)(?:ix|ex)$/i, '$1ices'],
  [/(x|ch|ss|sh)$/i, '$1es'],
  [/([^aeiouy]|qu)y$/i, '$1ies'],
  [/(?:([^f])fe|([lr])f)$/i, '$1$2ves'],
  [/sis$/i, 'ses'],
  [/([ti])um$/i, '$1a'],
  [/([ti])a$/i, '$1a'],
  [/(alias|status|bus)$/i, '$1es'],
  [/s$/i, 's'],
  [/$/, 's'],
];

/**
 * English plural of a model name, a small subset of the `inflection` rules Sequelize uses
 * (`Category` → `Categories`, `Address` → `Addresses`, `Person` → `People`); the case is kept.
 */
function toPlural(word: string): string {
  if (UNCOUNTABLE.has(word.toLowerCase())) return word;
  for (const [pattern, replacement] of PLURAL_RULES) {
    if (pattern.test(word)) return word.replace(pattern, replacement);
  }
  return word;
}

/** `LedgerEntries` → `ledger_entries` (Sequelize's `underscored` naming). */
function toUnderscored(word: string): string {
  return word.replace(/([A-Z]+)([A-Z][a-z\d])/g, '$1_$2').replace(/([a-z\d])([A-Z])/g, '$1_$2').replace(/-/g, '_').toLowerCase();
}

/** Canonical table id: `schema.name`, or `name` in the default schema. Case is kept (Sequelize quotes names). */
function toTableId(name: string, schema?: string): string {
  const dot = name.indexOf('.');
  if (schema === undefined && dot > 0) return toTableId(name.slice(dot + 1), name.slice(0, dot));
  return schema === undefined || schema === '' || schema === 'public' ? name : `${schema}.${name}`;
}

// ───────────────────────────── AST helpers ─────────────────────────────



function isTrue(node: AnyNode | undefined): boolean {
  return node !== undefined && unwrap(node).type === 'Literal' && (unwrap(node) as { value: unknown }).value === true;
}

/**
 * The table of a model from its options (`tableName`, `schema`, `modelName`, `freezeTableName`,
 * `underscored`), as Sequelize names it: `tableName`, else the model name, pluralised unless
 * `freezeTableName`, snake_cased when `underscored`. Global `define` options of the Sequelize
 * instance are not seen.
 */
function toModelTable(options: ObjectExpression | undefined, modelName: string): string {
  const schema = stringValue(propertyValue(options, 'schema'));
  const tableName = stringValue(propertyValue(options, 'tableName'));
  if (tableName !== undefined) return toTableId(tableName, schema);
  const name = stringValue(propertyValue(options, 'modelName')) ?? modelName;
  if (isTrue(propertyValue(options, 'freezeTableName'))) return toTableId(name, schema);
  const plural = toPlural(name);
  return toTableId(isTrue(propertyValue(options, 'underscored')) ? toUnderscored(plural) : plural, schema);
}

/** `@Name` or `@Name(…)`: the name and the arguments. */
function toDecorator(decorator: Decorator): { name: string; arguments: AnyNode[] } | undefined {
  const expression = unwrap(decorator.expression);
  if (expression.type === 'Identifier') return { name: expression.name, arguments: [] };
  if (expression.type === 'CallExpression' && expression.callee.type === 'Identifier') {
    return { name: expression.callee.name, arguments: expression.arguments as AnyNode[] };
  }
  return undefined;
}

/** The class a thunk returns: `() => Other` → `Other`. */
function thunkName(node: AnyNode | undefined): string | undefined {
  const inner = node ? unwrap(node) : undefined;
  if (inner?.type !== 'ArrowFunctionExpression' || inner.body.type === 'BlockStatement') return undefined;
  const body = unwrap(inner.body as AnyNode);
  return body.type === 'Identifier' ? body.name : undefined;
}

/** `super.init(attributes, options)` inside a class's static methods (sequelize-auto). */
function findSuperInit(node: unknown): AnyNode[] | undefined {
  if (!node || typeof node !== 'object') return undefined;
  if (Array.isArray(node)) {
    for (const item of node) {
      const found = findSuperInit(item);
      if (found) return found;
    }
    return undefined;
  }
  const candidate = node as { type?: string; callee?: AnyNode; arguments?: AnyNode[] };
  if (candidate.type === 'CallExpression' && candidate.callee) {
    const path = memberPath(candidate.callee);
    if (path?.[0] === 'super' && path[1] === 'init' && path.length === 2) return candidate.arguments;
  }
  for (const [key, value] of Object.entries(node)) {
    if (key === 'parent' || key === 'start' || key === 'end' || key === 'range') continue;
    if (value && typeof value === 'object') {
      const found = findSuperInit(value);
      if (found) return found;
    }
  }
  return undefined;
}

// ───────────────────────────── per-file state ─────────────────────────────

interface ModelReference {
  target: TableTarget;
  confidence: number;
}

interface SequelizeFileState {
  /** Local models by binding name: their table. */
  models: Map<string, string>;
  /** `@InjectModel(Invoice) private invoiceModel` fields: field name → model identifier. */
  injected: Map<string, AnyNode>;
  /** Variables taken to hold a model instance: name → model identifier. */
  instances: Map<string, AnyNode>;
  /** Variables taken to hold rows of a model (`findAll` results, `X[]` parameters): name → model identifier. */
  collections: Map<string, AnyNode>;
  /** `const { Invoice } = require('./models')`, `const User = require('./user')`: local name → specifier and imported name. */
  required: Map<string, { specifier: string; importedName: string }>;
  importsSequelize: boolean;
  importsOtherOrm: boolean;
  /** Enclosing classes while walking, with whether the walk is inside a static method of each. */
  classes: { name: string | undefined; inStatic: number }[];
}

const states = new WeakMap<SqlDetectorContext, SequelizeFileState>();

function topLevelDeclarations(program: Program): AnyNode[] {
  const declarations: AnyNode[] = [];
  for (const statement of program.body) {
    if ((statement.type === 'ExportNamedDeclaration' || statement.type === 'ExportDefaultDeclaration') && statement.declaration) {
      declarations.push(statement.declaration as AnyNode);
    } else declarations.push(statement);
  }
  return declarations;
}

/** Reads the file's model definitions and associations (top-level statements only). */
function readDefinitions(context: SqlDetectorContext, state: SequelizeFileState): void {
  /** A foreign key's end: a model of the file (by name) or a table named directly (a `through` table). */
  type End = string | { table: string };
  const foreignKeys: { from: End; to: End; at: AnyNode }[] = [];
  const define = (name: string, table: string, at: AnyNode) => {
    if (state.models.has(name)) return;
    state.models.set(name, table);
    context.addDefinition(name, table, at);
  };
  const classes = new Set<string>();
  for (const declaration of topLevelDeclarations(context.file.program)) {
    if ((declaration.type === 'ClassDeclaration' || declaration.type === 'ClassExpression') && declaration.id) {
      const name = declaration.id.name;
      classes.add(name);
      const table = declaration.decorators.map(toDecorator).find((decorator) => decorator?.name === 'Table');
      if (table) define(name, toModelTable(objectOf(table.arguments[0]), name), declaration);
      const superInit = findSuperInit(declaration.body.body.filter((member) => member.type === 'MethodDefinition' && member.static));
      if (superInit) define(name, toModelTable(objectOf(superInit[1]), name), declaration);
      for (const member of declaration.body.body) {
        if (member.type !== 'PropertyDefinition') continue;
        for (const decorator of member.decorators.map(toDecorator)) {
          const other = thunkName(decorator?.arguments[0]);
          if (other === undefined) continue;
          if (decorator?.name === 'ForeignKey' || decorator?.name === 'BelongsTo') foreignKeys.push({ from: name, to: other, at: member });
          if (decorator?.name === 'HasMany' || decorator?.name === 'HasOne') foreignKeys.push({ from: other, to: name, at: member });
        }
      }
      continue;
    }
    if (declaration.type === 'VariableDeclaration') {
      for (const declarator of declaration.declarations) {
        const init = declarator.init ? unwrap(declarator.init) : undefined;
        if (declarator.id.type !== 'Identifier' || init?.type !== 'CallExpression') continue;
        const callee = memberPath(init.callee as AnyNode);
        const modelName = stringValue(init.arguments[0] as AnyNode | undefined);
        if (callee?.[callee.length - 1] !== 'define' || callee.length < 2 || modelName === undefined) continue;
        if (!state.importsSequelize && !callee.some((part) => /sequel|db|orm|database|connection/i.test(part))) continue;
        define(declarator.id.name, toModelTable(objectOf(init.arguments[2] as AnyNode | undefined), modelName), declarator);
      }
      continue;
    }
    if (declaration.type !== 'ExpressionStatement') continue;
    const call = unwrap(declaration.expression);
    if (call.type !== 'CallExpression') continue;
    const callee = memberPath(call.callee as AnyNode);
    if (callee?.length !== 2) continue;
    const [model = '', method] = callee;
    const first = call.arguments[0] ? unwrap(call.arguments[0] as AnyNode) : undefined;
    const initOptions = objectOf(call.arguments[1] as AnyNode | undefined);
    const isModelInit = classes.has(model) || ['sequelize', 'tableName', 'modelName'].some((key) => propertyValue(initOptions, key) !== undefined);
    if (method === 'init' && initOptions && isModelInit) define(model, toModelTable(initOptions, model), call);
    if (first?.type !== 'Identifier') continue;
    if (method === 'belongsTo') foreignKeys.push({ from: model, to: first.name, at: call });
    if (method === 'hasMany' || method === 'hasOne') foreignKeys.push({ from: first.name, to: model, at: call });
    if (method === 'belongsToMany') {
      const through = propertyValue(objectOf(call.arguments[1] as AnyNode | undefined), 'through');
      const throughModel = through ? unwrap(through) : undefined;
      const throughName = stringValue(through);
      const join: End | undefined = throughName !== undefined ? { table: throughName } : throughModel?.type === 'Identifier' ? throughModel.name : undefined;
      if (join !== undefined) foreignKeys.push({ from: join, to: model, at: call }, { from: join, to: first.name, at: call });
    }
  }
  /** A model of the file, a table named directly, or a model imported from another file (resolved at link time). */
  const tableOf = (end: End): string | TableSymbolRef | undefined => {
    if (typeof end !== 'string') return end.table;
    const local = state.models.get(end);
    if (local !== undefined || !/^[A-Z]/.test(end)) return local;
    const imported = context.file.importOf(end) ?? state.required.get(end);
    return imported && imported.importedName !== '*' && !NOT_MODEL_PACKAGES.test(imported.specifier) ? { symbol: imported.importedName, specifier: imported.specifier } : undefined;
  };
  const keyOf = (end: string | TableSymbolRef) => (typeof end === 'string' ? end : `${end.specifier ?? ''}#${end.symbol}`);
  const seen = new Set<string>();
  for (const { from, to, at } of foreignKeys) {
    const fromTable = tableOf(from);
    const toTable = tableOf(to);
    if (fromTable === undefined || toTable === undefined || (typeof fromTable !== 'string' && typeof toTable !== 'string')) continue;
    const key = `${keyOf(fromTable)}\0${keyOf(toTable)}`;
    if (seen.has(key)) continue;
    seen.add(key);
    context.addForeignKey(fromTable, toTable, at);
  }
}

/**
 * Names bound by top-level CommonJS requires, as `importOf` gives them for ESM imports:
 * `const { Invoice } = require('./models')` → `Invoice` from `./models`, and
 * `const Person = require('./person')` → `default` of `./person`.
 */
export function readRequires(program: Program): Map<string, { specifier: string; importedName: string }> {
  const required = new Map<string, { specifier: string; importedName: string }>();
  for (const statement of program.body) {
    if (statement.type !== 'VariableDeclaration') continue;
    for (const declarator of statement.declarations) {
      const init = declarator.init ? unwrap(declarator.init) : undefined;
      if (init?.type !== 'CallExpression' || init.callee.type !== 'Identifier' || init.callee.name !== 'require') continue;
      const specifier = stringValue(init.arguments[0] as AnyNode | undefined);
      if (specifier === undefined) continue;
      if (declarator.id.type === 'Identifier') required.set(declarator.id.name, { specifier, importedName: 'default' });
      if (declarator.id.type !== 'ObjectPattern') continue;
      for (const property of declarator.id.properties) {
        if (property.type !== 'Property' || property.key.type !== 'Identifier' || property.value.type !== 'Identifier') continue;
        required.set(property.value.name, { specifier, importedName: property.key.name });
      }
    }
  }
  return required;
}

function stateOf(context: SqlDetectorContext): SequelizeFileState {
  let state = states.get(context);
  if (state) return state;
  const specifiers = context.file.module.staticImports.map((entry) => entry.moduleRequest.value);
  const required = readRequires(context.file.program);
  const allSpecifiers = [...specifiers, ...[...required.values()].map((entry) => entry.specifier)];
  state = {
    models: new Map(),
    injected: new Map(),
    instances: new Map(),
    collections: new Map(),
    required,
    importsSequelize: allSpecifiers.some((specifier) => SEQUELIZE_PACKAGES.test(specifier)) || /\brequire\(\s*['"]sequelize['"]\s*\)/.test(context.file.text),
    importsOtherOrm: allSpecifiers.some((specifier) => OTHER_ORM_PACKAGES.test(specifier)),
    classes: [],
  };
  states.set(context, state);
  readDefinitions(context, state);
  return state;
}

/**
 * What a model identifier stands for, when it is a model: a model defined in this file, or an
 * upper-case identifier imported (ESM or destructured `require`) from something that is not a
 * known non-model package (`luxon`'s `DateTime.max`), in a file that imports no other ORM.
 * Globals (`Object.create`, `Promise.all`, `Math.max`) and other locals are never models.
 */
function toModelReference(node: AnyNode, context: SqlDetectorContext, state: SequelizeFileState): ModelReference | undefined {
  const inner = unwrap(node);
  if (inner.type !== 'Identifier') return undefined;
  const name = inner.name;
  if (state.models.has(name)) return { target: { kind: 'symbol', symbol: name }, confidence: 1 };
  if (!/^[A-Z]/.test(name) || state.importsOtherOrm) return undefined;
  const confidence = state.importsSequelize ? 1 : IMPORTED_MODEL_CONFIDENCE;
  const imported = context.file.importOf(name);
  if (imported) {
    if (NOT_MODEL_PACKAGES.test(imported.specifier) || imported.importedName === '*') return undefined;
    const target = context.toTableTarget(inner);
    return target ? { target, confidence } : undefined;
  }
  const required = state.required.get(name);
  if (required && !NOT_MODEL_PACKAGES.test(required.specifier)) {
    return { target: { kind: 'symbol', symbol: required.importedName, specifier: required.specifier }, confidence };
  }
  return undefined;
}

/** The mode of a static or instance operation, also for suffixed variants (`createWithCtx`, `findAllInBatches`). */
function toMode(operation: string, reads: ReadonlySet<string>, writes: ReadonlySet<string>): 'read' | 'write' | undefined {
  if (writes.has(operation)) return 'write';
  if (reads.has(operation)) return 'read';
  if (NOT_SEQUELIZE.test(operation)) return undefined;
  let best: { length: number; mode: 'read' | 'write' } | undefined;
  for (const [set, mode] of [[reads, 'read'], [writes, 'write']] as const) {
    for (const name of set) {
      if (operation.length > name.length && operation.startsWith(name) && /[A-Z]/.test(operation.charAt(name.length)) && name.length > (best?.length ?? 0)) {
        best = { length: name.length, mode };
      }
    }
  }
  return best?.mode;
}

/**
 * A model reached through a registry object by name (`models.Post.findOne()`,
 * `db.User.findAll()`, `this.models.Post`, `sequelize.models.User`): its name and the index of
 * the first link after it. Shared with the objection detector, which reads Ghost's registry.
 */
export function toRegistryModel(chain: CallChain): { model: string; start: number } | undefined {
  const parts = [...(chain.basePath ?? [])];
  for (let index = 0; index < chain.links.length && parts.length <= 2; index++) {
    const link = chain.links[index];
    if (!link || link.call || link.property === undefined) return undefined;
    if (REGISTRY_PATHS.has(parts.join('.')) && /^[A-Z]/.test(link.property)) return { model: link.property, start: index + 1 };
    parts.push(link.property);
  }
  return undefined;
}

/**
 * Whether a registry call (`models.Post.findOne(…)`) is Sequelize's rather than Ghost's: a method
 * only Sequelize has (`findByPk`, `create`, `update`), or a shared one (`findOne`, `destroy`)
 * given Sequelize query options (`{ where }`) or in a file that mentions Sequelize. The two
 * detectors use this one rule, so a registry call is recorded once.
 */
export function isSequelizeRegistryCall(operation: string, firstArgument: AnyNode | undefined, fileText: string): boolean {
  if (!GHOST_OPERATIONS.has(operation)) return toMode(operation, READ_OPERATIONS, WRITE_OPERATIONS) !== undefined;
  // `findPage`, `add`, `edit`, `bulk…` are Ghost's only.
  if (toMode(operation, READ_OPERATIONS, WRITE_OPERATIONS) === undefined) return false;
  if (/sequelize/i.test(fileText)) return true;
  const options = objectOf(firstArgument);
  return options?.properties.some((property) => property.type === 'Property' && property.key.type === 'Identifier' && QUERY_OPTION_KEYS.has(property.key.name)) ?? false;
}

/**
 * `Metrics.increment('key', { tag })`: a static increment or decrement whose options are an
 * object literal without `where` is not Sequelize's (its static form requires `where`).
 */
function isCounterWithoutWhere(operation: string, callArguments: AnyNode[]): boolean {
  if (!/^(increment|decrement)$/.test(operation)) return false;
  const options = callArguments[1] ? unwrap(callArguments[1]) : undefined;
  if (!options) return true;
  return options.type === 'ObjectExpression' && propertyValue(options, 'where') === undefined && !options.properties.some((property) => property.type === 'SpreadElement');
}

/** The operation link of a chain after optional scope links: index and name. */
function operationOf(chain: CallChain, start: number): { index: number; name: string } | undefined {
  let index = start;
  while (chain.links[index]?.call && SCOPE_LINKS.has(chain.links[index]?.property ?? '')) index++;
  const link = chain.links[index];
  return link?.call && link.property !== undefined ? { index, name: link.property } : undefined;
}

/** `Model.op(…)` (after optional scopes) on a model identifier: the identifier and the operation. */
function toStaticCall(node: AnyNode): { model: AnyNode; operation: string } | undefined {
  const inner = unwrap(node);
  if (inner.type !== 'CallExpression') return undefined;
  const chain = toCallChain(inner);
  const operation = operationOf(chain, 0);
  if (chain.base.type !== 'Identifier' || !operation || operation.index !== chain.links.length - 1) return undefined;
  return { model: chain.base, operation: operation.name };
}

function rememberInstance(name: string, value: AnyNode | null | undefined, context: SqlDetectorContext, state: SequelizeFileState): void {
  const call = value ? toStaticCall(value) : undefined;
  if (call && INSTANCE_SOURCES.has(call.operation) && toModelReference(call.model, context, state)) state.instances.set(name, call.model);
  if (call && COLLECTION_SOURCES.has(call.operation) && toModelReference(call.model, context, state)) state.collections.set(name, call.model);
}

/** The model whose rows an expression holds: a remembered collection, or a `Model.findAll(…)` call itself. */
function collectionModel(node: AnyNode, context: SqlDetectorContext, state: SequelizeFileState): AnyNode | undefined {
  const inner = unwrap(node);
  if (inner.type === 'Identifier') return state.collections.get(inner.name);
  const call = toStaticCall(inner);
  return call && COLLECTION_SOURCES.has(call.operation) && toModelReference(call.model, context, state) ? call.model : undefined;
}

/** `for (const row of rows)` and `rows.map((row) => …)` over rows of a model: `row` is an instance of it. */
function rememberElement(element: AnyNode | undefined, collection: AnyNode, context: SqlDetectorContext, state: SequelizeFileState): void {
  const model = collectionModel(collection, context, state);
  const target = element?.type === 'AssignmentPattern' ? element.left : element;
  if (model && target?.type === 'Identifier') state.instances.set(target.name, model);
}

function rememberTypedInstance(node: AnyNode, context: SqlDetectorContext, state: SequelizeFileState): void {
  const inner = node.type === 'TSParameterProperty' ? node.parameter : node;
  if (inner.type !== 'Identifier' || !inner.typeAnnotation) return;
  const type = inner.typeAnnotation.typeAnnotation;
  if (type.type !== 'TSTypeReference' || type.typeName.type !== 'Identifier') return;
  if (toModelReference(type.typeName, context, state)) state.instances.set(inner.name, type.typeName);
}

/** A parameter or variable typed `Model[]` or `Array<Model>`: rows of the model. */
function rememberTypedCollection(node: AnyNode, context: SqlDetectorContext, state: SequelizeFileState): void {
  const inner = node.type === 'TSParameterProperty' ? node.parameter : node;
  if (inner.type !== 'Identifier' || !inner.typeAnnotation) return;
  const type = inner.typeAnnotation.typeAnnotation;
  const element =
    type.type === 'TSArrayType'
      ? type.elementType
      : type.type === 'TSTypeReference' && type.typeName.type === 'Identifier' && type.typeName.name === 'Array'
        ? type.typeArguments?.params[0]
        : undefined;
  if (element?.type !== 'TSTypeReference' || element.typeName.type !== 'Identifier') return;
  if (toModelReference(element.typeName, context, state)) state.collections.set(inner.name, element.typeName);
}

/** Fields injected with `@InjectModel(Model)` (NestJS), as class properties or constructor parameter properties. */
function rememberInjectedModels(node: Class, state: SequelizeFileState): void {
  const injectedModel = (decorators: Decorator[]) => {
    const decorator = decorators.map(toDecorator).find((entry) => entry?.name === 'InjectModel');
    const model = decorator?.arguments[0] ? unwrap(decorator.arguments[0]) : undefined;
    return model?.type === 'Identifier' ? model : undefined;
  };
  for (const member of node.body.body) {
    if (member.type === 'PropertyDefinition' && member.key.type === 'Identifier') {
      const model = injectedModel(member.decorators);
      if (model) state.injected.set(member.key.name, model);
    }
    if (member.type === 'MethodDefinition' && member.kind === 'constructor') {
      for (const parameter of member.value.params) {
        if (parameter.type !== 'TSParameterProperty' || parameter.parameter.type !== 'Identifier') continue;
        const model = injectedModel(parameter.decorators);
        if (model) state.injected.set(parameter.parameter.name, model);
      }
    }
  }
}

function onSequelizeChain(chain: CallChain, context: SqlDetectorContext): void {
  const state = stateOf(context);
  const base = unwrap(chain.base);
  const record = (reference: ModelReference | undefined, mode: 'read' | 'write' | undefined, at: AnyNode, confidence = 1) => {
    if (reference && mode) context.addAccess(reference.target, mode, at, { confidence: Math.min(reference.confidence, confidence) });
  };
  const registry = toRegistryModel(chain);
  if (registry) {
    const operation = operationOf(chain, registry.start);
    const link = operation ? chain.links[operation.index] : undefined;
    if (!operation || !link?.call || !isSequelizeRegistryCall(operation.name, link.arguments[0] as AnyNode | undefined, context.file.text)) return;
    const reference: ModelReference = { target: { kind: 'symbol', symbol: registry.model }, confidence: REGISTRY_CONFIDENCE };
    record(reference, toMode(operation.name, READ_OPERATIONS, WRITE_OPERATIONS), link.call);
    return;
  }
  if (base.type === 'Identifier') {
    const iterate = chain.links[0];
    if (iterate?.call && iterate.property !== undefined && ELEMENT_CALLBACKS.has(iterate.property) && state.collections.has(base.name)) {
      const callback = iterate.arguments[0] ? unwrap(iterate.arguments[0] as AnyNode) : undefined;
      if (callback?.type === 'ArrowFunctionExpression' || callback?.type === 'FunctionExpression') rememberElement(callback.params[0] as AnyNode | undefined, base, context, state);
    }
    const operation = operationOf(chain, 0);
    const link = operation ? chain.links[operation.index] : undefined;
    if (!operation || !link?.call) return;
    const instanceModel = state.instances.get(base.name);
    if (instanceModel && !state.models.has(base.name)) {
      record(toModelReference(instanceModel, context, state), toMode(operation.name, INSTANCE_READS, INSTANCE_WRITES), link.call, INSTANCE_CONFIDENCE);
      return;
    }
    const mode =
      operation.name === 'build' && chain.links.slice(operation.index + 1).some((next) => next.property === 'save')
        ? 'write'
        : toMode(operation.name, READ_OPERATIONS, WRITE_OPERATIONS);
    if (isCounterWithoutWhere(operation.name, link.arguments as AnyNode[])) return;
    record(toModelReference(base, context, state), mode, link.call);
    return;
  }
  if (base.type !== 'ThisExpression') return;
  const field = chain.links[0];
  const injected = field?.property !== undefined && !field.call ? state.injected.get(field.property) : undefined;
  if (injected) {
    const operation = operationOf(chain, 1);
    const link = operation ? chain.links[operation.index] : undefined;
    if (operation && link?.call) record(toModelReference(injected, context, state), toMode(operation.name, READ_OPERATIONS, WRITE_OPERATIONS), link.call);
    return;
  }
  const enclosing = state.classes[state.classes.length - 1];
  if (enclosing?.name === undefined || !state.models.has(enclosing.name)) return;
  const operation = operationOf(chain, 0);
  const link = operation ? chain.links[operation.index] : undefined;
  if (!operation || !link?.call) return;
  // `this.findAll()` in a static method is the model; `this.save()` in an instance method is a row of it.
  const mode = enclosing.inStatic > 0 ? toMode(operation.name, READ_OPERATIONS, WRITE_OPERATIONS) : toMode(operation.name, INSTANCE_READS, INSTANCE_WRITES);
  record({ target: { kind: 'symbol', symbol: enclosing.name }, confidence: 1 }, mode, link.call);
}

/**
 * Sequelize and sequelize-typescript. Definitions: `Invoice.init(attrs, { tableName })`,
 * `const PaymentAttempt = sequelize.define('payment_attempts', attrs, options)`, `@Table(…)`
 * classes and sequelize-auto's `super.init` (table from `tableName`, else the model name,
 * pluralised unless `freezeTableName`); foreign keys from `@ForeignKey`/`@BelongsTo`/`@HasMany`
 * and `belongsTo`/`hasMany`/`belongsToMany` between a model of the file and one of the file or imported. Accesses: static
 * calls on a model (`Invoice.findAll`, `Share.scope('x').findOne`, suffixed helpers such as
 * `createWithCtx`), `this.findAll()` in a model's static method, `this.save()`/`this.update()` in
 * its instance methods, `this.invoiceModel.findAll()`
 * for `@InjectModel(Invoice)` fields, and instance writes (`invoice.update`, `save`, `destroy`)
 * on variables typed as or assigned from a model, and on the elements of `findAll` results and
 * `Model[]` parameters (`for (const row of rows)`, `rows.map((row) => row.destroy())`) (confidence 0.8).
 */
export const sequelizeDetector = defineSqlDetector({
  id: 'sequelize',
  description: 'Sequelize and sequelize-typescript: Model.init, sequelize.define, @Table; static, injected and instance model calls',
  // Bookshelf models have the same static finders (`Role.findOne(…)`, Ghost), which this detector reads.
  packages: ['sequelize', 'bookshelf'],
  // A model's static call (`Invoice.findAll(`, `User.scope('x').create(`), an instance method of a model (`this.save(`),
  // a registry (`models.User`), or a Sequelize word. Lower-case receivers alone (`list.update(`) do not wake it, nor
  // built-in globals (`Math.max(`, `Object.create(`: 99 of the 129 n8n files that woke it).
  textHint:
    /[Ss]equelize|@Table\b|InjectModel|\b(models|db)\.[A-Z]|\bthis\.(save|reload|update|destroy|increment|decrement|restore)\s*\(|\b(?!(?:Math|JSON|Object|Array|Number|Promise|Date|String|Reflect|Atomics|BigInt)\.)[A-Z][\w$]*(\.(scope|unscoped|schema)\([^)]*\))?\.(findAll|findOne|findByPk|findAndCountAll|findOrCreate|findCreateFind|count|max|min|sum|aggregate|create|bulkCreate|update|destroy|upsert|increment|decrement|truncate|restore)\w*\s*\(/,
  onChain: onSequelizeChain,
  visitor(context) {
    const enterFunction = (node: FunctionNode | ArrowFunctionExpression) => {
      const state = stateOf(context);
      for (const parameter of node.params) {
        rememberTypedInstance(parameter as AnyNode, context, state);
        rememberTypedCollection(parameter as AnyNode, context, state);
      }
    };
    return {
      Program() {
        stateOf(context);
      },
      ...classScopeVisitor(
        () => stateOf(context).classes,
        (node) => rememberInjectedModels(node, stateOf(context)),
      ),
      FunctionDeclaration: enterFunction,
      FunctionExpression: enterFunction,
      ArrowFunctionExpression: enterFunction,
      VariableDeclarator(node: VariableDeclarator) {
        const state = stateOf(context);
        if (node.id.type === 'Identifier') {
          rememberTypedInstance(node.id, context, state);
          rememberInstance(node.id.name, node.init, context, state);
        } else if (node.id.type === 'ArrayPattern' && node.id.elements[0]?.type === 'Identifier') {
          rememberInstance(node.id.elements[0].name, node.init, context, state);
        }
      },
      ForOfStatement(node: ForOfStatement) {
        const declaration = node.left.type === 'VariableDeclaration' ? node.left.declarations[0]?.id : undefined;
        rememberElement(declaration as AnyNode | undefined, node.right as AnyNode, context, stateOf(context));
      },
      AssignmentExpression(node: AssignmentExpression) {
        if (node.left.type === 'Identifier') rememberInstance(node.left.name, node.right, context, stateOf(context));
      },
    };
  },
});
