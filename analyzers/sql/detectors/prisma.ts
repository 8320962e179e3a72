import type { ObjectExpression } from 'oxc-parser';
import { createDiagnostic, DIAGNOSTIC_CODES, type Diagnostic, type FileFacts, type ResourceFile } from '../../../src/plugin/index.js';
import { objectOf, propertyValue, stringValue, unwrap, type AnyNode, type CallChain } from '../ast.js';
import { defineSqlDetector, type SqlDetectorContext } from '../detector.js';

const READ_OPERATIONS = new Set(['findUnique', 'findUniqueOrThrow', 'findFirst', 'findFirstOrThrow', 'findMany', 'count', 'aggregate', 'groupBy']);
const WRITE_OPERATIONS = new Set([
  'create', 'createMany', 'createManyAndReturn', 'update', 'updateMany', 'updateManyAndReturn', 'upsert', 'delete', 'deleteMany',
]);
/** Nested-write operations inside `data`: each writes the related model's table. */
const NESTED_WRITES = new Set(['create', 'createMany', 'connectOrCreate', 'upsert', 'update', 'updateMany', 'delete', 'deleteMany']);
/** Keys of a `select` value that make it a relation selection rather than a scalar. */
const RELATION_QUERY_KEYS = new Set(['select', 'include', 'where', 'orderBy', 'take', 'skip', 'cursor', 'distinct']);

/** Keys of a Prisma operation's argument: an argument with only these keys is Prisma-shaped. */
const PRISMA_ARGUMENT_KEYS = new Set([
  'where', 'data', 'select', 'include', 'omit', 'orderBy', 'take', 'skip', 'cursor', 'distinct', 'create', 'update', 'by', 'having',
  '_count', '_sum', '_avg', '_min', '_max', 'skipDuplicates', 'relationLoadStrategy',
]);

/** Confidence of an access whose client is only known to be Prisma because the file imports it. */
const IMPORT_GUARD_CONFIDENCE = 0.8;
/** Confidence of an access known to be Prisma only by the shape of its argument (`ctx.db.post.findMany({ where })`). */
const SHAPE_GUARD_CONFIDENCE = 0.7;

// ───────────────────────────── schema.prisma ─────────────────────────────

interface PrismaField {
  name: string;
  type: string;
  /** The field declares the foreign key (`@relation(fields: […], references: […])`). */
  ownsForeignKey: boolean;
  offset: number;
}

interface PrismaModel {
  keyword: 'model' | 'view';
  name: string;
  offset: number;
  map?: string;
  schema?: string;
  fields: PrismaField[];
}

const BLOCK_START = /^(model|view|enum|type|generator|datasource)\s+([A-Za-z_]\w*)\s*\{\s*(\})?$/;
const FIELD = /^([A-Za-z_]\w*)\s+([A-Za-z_][\w.]*)(\([^)]*\))?(\[\])?(\?)?(?:\s+(.*))?$/;
const BLOCK_ATTRIBUTE = /^@@(\w+)\s*\((.*)\)\s*$/;

/** The line without its `//` comment (a `//` inside a string is kept). */
function withoutComment(line: string): string {
  let inString = false;
  for (let index = 0; index < line.length; index++) {
    const character = line.charAt(index);
    if (inString) {
      if (character === '\\') index++;
      else if (character === '"') inString = false;
    } else if (character === '"') inString = true;
    else if (character === '/' && line.charAt(index + 1) === '/') return line.slice(0, index);
  }
  return line;
}

/** The first string argument of an attribute: `"x"` or `name: "x"`. */
function firstString(argumentsText: string): string | undefined {
  return /^\s*(?:name\s*:\s*)?"((?:[^"\\]|\\.)*)"/.exec(argumentsText)?.[1];
}

/** Canonical table id: `schema.name`, or `name` in the default (`public`) schema. Case is kept (Prisma quotes names). */
function toTableId(name: string, schema?: string): string {
  return schema === undefined || schema === '' || schema === 'public' ? name : `${schema}.${name}`;
}

/**
 * Reads the `model` and `view` blocks of a Prisma schema with a small line-based block parser:
 * Prisma's own parser ships only as a native or WebAssembly engine, and its schema language
 * is regular enough (one declaration per line, `//` comments, braces only around blocks).
 */
function readPrismaSchema(resource: ResourceFile, report: (diagnostic: Diagnostic) => void): PrismaModel[] {
  const models: PrismaModel[] = [];
  const malformed = (message: string, offset: number) =>
    report(createDiagnostic(DIAGNOSTIC_CODES.schemaUnparsed, `${message}; the rest of the schema is still read.`, resource.id, resource.lineOf(offset)));
  let open: { keyword: string; name: string; offset: number; model?: PrismaModel } | undefined;
  let offset = 0;
  for (const rawLine of resource.text.split('\n')) {
    const lineOffset = offset;
    offset += rawLine.length + 1;
    const line = withoutComment(rawLine).trim();
    if (line === '') continue;
    const start = BLOCK_START.exec(line);
    if (start) {
      if (open) malformed(`Prisma ${open.keyword} "${open.name}" is not closed with "}" before the next block`, open.offset);
      const keyword = start[1] ?? '';
      const name = start[2] ?? '';
      const model: PrismaModel | undefined = keyword === 'model' || keyword === 'view' ? { keyword, name, offset: lineOffset, fields: [] } : undefined;
      if (model) models.push(model);
      open = start[3] === undefined ? { keyword, name, offset: lineOffset, model } : undefined;
      continue;
    }
    if (line === '}') {
      if (!open) malformed('Unexpected "}" outside a Prisma block', lineOffset);
      open = undefined;
      continue;
    }
    if (!open) {
      malformed(`Unexpected text outside a Prisma block: "${line.slice(0, 60)}"`, lineOffset);
      continue;
    }
    const model = open.model;
    if (!model) continue;
    const attribute = BLOCK_ATTRIBUTE.exec(line);
    if (attribute) {
      const value = firstString(attribute[2] ?? '');
      if (attribute[1] === 'map' && value !== undefined) model.map = value;
      if (attribute[1] === 'schema' && value !== undefined) model.schema = value;
      continue;
    }
    if (line.startsWith('@@')) continue;
    const field = FIELD.exec(line);
    if (!field) {
      malformed(`Unreadable line in Prisma ${model.keyword} "${model.name}": "${line.slice(0, 60)}"`, lineOffset);
      continue;
    }
    const attributes = field[6] ?? '';
    model.fields.push({
      name: field[1] ?? '',
      type: field[2] ?? '',
      ownsForeignKey: /@relation\s*\([^)]*\bfields\s*:/.test(attributes),
      offset: lineOffset,
    });
  }
  if (open) malformed(`Prisma ${open.keyword} "${open.name}" is not closed with "}"`, open.offset);
  return models;
}

/**
 * Records a Prisma schema's models as table definitions (`UserAccount` → `user_accounts` from
 * `@@map`, or the model name), schema tables, foreign keys from `@relation(fields: …)`, and one
 * definition per relation field (`Enrolment.course` → `courses`) so that relation paths read
 * through `include` can be resolved (see the code detector).
 */
function visitPrismaSchema(resource: ResourceFile, facts: FileFacts, report: (diagnostic: Diagnostic) => void): void {
  const models = readPrismaSchema(resource, report);
  const tables = new Map(models.map((model) => [model.name, toTableId(model.map ?? model.name, model.schema)]));
  for (const model of models) {
    const table = tables.get(model.name) ?? model.name;
    const line = resource.lineOf(model.offset);
    facts.tableDefinitions.push({ symbol: model.name, table, via: 'prisma', line, orm: 'prisma' });
    if (model.keyword === 'model') facts.schemaTables.push({ table, line, via: 'prisma' });
  }
  for (const model of models) {
    const from = tables.get(model.name) ?? model.name;
    for (const field of model.fields) {
      const to = tables.get(field.type);
      if (to === undefined) continue;
      const line = resource.lineOf(field.offset);
      facts.tableDefinitions.push({ symbol: `${model.name}.${field.name}`, table: to, via: 'prisma', line, orm: 'prisma' });
      if (field.ownsForeignKey) facts.foreignKeys.push({ from, to, line, via: 'prisma' });
    }
  }
}

// ───────────────────────────── client code ─────────────────────────────

interface PrismaFileState {
  /** Parameters of `$transaction(async (tx) => …)` callbacks seen so far. */
  transactionClients: Set<string>;
  /** The file imports `@prisma/client` or a generated client (any specifier containing `prisma`). */
  importsPrisma: boolean;
}

const states = new WeakMap<SqlDetectorContext, PrismaFileState>();

function stateOf(context: SqlDetectorContext): PrismaFileState {
  let state = states.get(context);
  if (!state) {
    const importsPrisma =
      context.file.module.staticImports.some((entry) => /prisma/i.test(entry.moduleRequest.value)) ||
      /\brequire\(\s*['"][^'"]*prisma[^'"]*['"]\s*\)/i.test(context.file.text);
    state = { transactionClients: new Set(), importsPrisma };
    states.set(context, state);
  }
  return state;
}

function keyName(property: ObjectExpression['properties'][number]): string | undefined {
  if (property.type !== 'Property' || property.computed) return undefined;
  return property.key.type === 'Identifier' ? property.key.name : stringValue(property.key as AnyNode);
}



type RelationSink = (path: string, mode: 'read' | 'write', at: AnyNode) => void;

/** Relations counted through `_count: { select: { courses: true } }`. */
function countRelations(count: AnyNode | undefined, path: string, sink: RelationSink): void {
  for (const property of objectOf(propertyValue(objectOf(count), 'select'))?.properties ?? []) {
    const name = keyName(property);
    if (name !== undefined) sink(`${path}.${name}`, 'read', property);
  }
}

/** Relations read through `include` (every key), `select` (keys whose value is a nested query) and `_count`. */
function readRelations(query: ObjectExpression | undefined, path: string, sink: RelationSink): void {
  for (const key of ['include', 'select']) {
    for (const property of objectOf(propertyValue(query, key))?.properties ?? []) {
      const name = keyName(property);
      if (name === '_count' && property.type === 'Property') countRelations(property.value as AnyNode, path, sink);
      if (name === undefined || name.startsWith('_') || property.type !== 'Property') continue;
      const value = unwrap(property.value as AnyNode);
      const nested = objectOf(value);
      const isRelation =
        key === 'include'
          ? (value.type === 'Literal' && (value as { value: unknown }).value === true) || nested !== undefined
          : nested !== undefined && nested.properties.some((inner) => RELATION_QUERY_KEYS.has(keyName(inner) ?? ''));
      if (!isRelation) continue;
      sink(`${path}.${name}`, 'read', property);
      readRelations(nested, `${path}.${name}`, sink);
    }
  }
}

/** Relations written through nested writes in `data` (`posts: { create: … }`). */
function writeRelations(data: ObjectExpression | undefined, path: string, sink: RelationSink): void {
  for (const property of data?.properties ?? []) {
    const name = keyName(property);
    const operations = property.type === 'Property' ? objectOf(property.value as AnyNode) : undefined;
    if (name === undefined || !operations) continue;
    const names = operations.properties.map(keyName);
    if (!names.some((operation) => NESTED_WRITES.has(operation ?? ''))) continue;
    sink(`${path}.${name}`, 'write', property);
    writeRelations(objectOf(propertyValue(operations, 'create')), `${path}.${name}`, sink);
    const update = objectOf(propertyValue(operations, 'update'));
    writeRelations(objectOf(propertyValue(update, 'data')) ?? update, `${path}.${name}`, sink);
  }
}

/** Remembers the client parameter of an interactive transaction (`$transaction(async (tx) => …)`). */
function recordTransactionClients(chain: CallChain, state: PrismaFileState): void {
  for (const link of chain.links) {
    if (link.property !== '$transaction' || !link.call) continue;
    const callback = link.arguments[0] ? unwrap(link.arguments[0] as AnyNode) : undefined;
    if (callback?.type !== 'ArrowFunctionExpression' && callback?.type !== 'FunctionExpression') continue;
    const parameter = callback.params[0];
    if (parameter?.type === 'Identifier') state.transactionClients.add(parameter.name);
  }
}

/**
 * How sure we are that `client` (the path before the delegate) is a Prisma client: its path
 * names `prisma` (`prisma`, `this.prisma`, `this.prismaService`), it is the parameter of a
 * `$transaction` callback, or (client not bare `this`) the file imports Prisma (`@prisma/client`,
 * a generated client, a `PrismaService`: 0.8), or the argument has Prisma's keys only
 * (`ctx.db.post.findMany({ where, orderBy })` in T3 and RedwoodJS apps: 0.7). Anything else (a
 * Mongo or Redis client with `findMany`/`update`/`delete`, or more than one argument) is not taken.
 */
function clientConfidence(client: string[], state: PrismaFileState, argument: ObjectExpression | undefined, fileText: string): number | undefined {
  if (client.some((part) => /prisma/i.test(part))) return 1;
  if (client.length === 1 && state.transactionClients.has(client[0] ?? '')) return 1;
  if (client.length === 0 || (client.length === 1 && client[0] === 'this')) return undefined;
  if (state.importsPrisma) return IMPORT_GUARD_CONFIDENCE;
  if (isPrismaShaped(argument) && !/sequelize/i.test(fileText)) return SHAPE_GUARD_CONFIDENCE;
  return undefined;
}

/** An argument with Prisma's keys only, and at least one (`{ where, include }`, `{ data }`). */
function isPrismaShaped(argument: ObjectExpression | undefined): boolean {
  const keys = argument?.properties.map(keyName) ?? [];
  return keys.length > 0 && keys.every((key) => key !== undefined && PRISMA_ARGUMENT_KEYS.has(key));
}

function onPrismaChain(chain: CallChain, context: SqlDetectorContext): void {
  const state = stateOf(context);
  recordTransactionClients(chain, state);
  const client = [...(chain.basePath ?? [])];
  for (let index = 0; index < chain.links.length; index++) {
    const link = chain.links[index];
    const next = chain.links[index + 1];
    if (!link) continue;
    const operation = next?.property;
    if (link.property !== undefined && !link.call && next?.call && operation !== undefined && (READ_OPERATIONS.has(operation) || WRITE_OPERATIONS.has(operation))) {
      const delegate = link.property;
      const query = next.arguments.length === 1 ? objectOf(next.arguments[0] as AnyNode | undefined) : undefined;
      const confidence = next.arguments.length <= 1 ? clientConfidence(client, state, query, context.file.text) : undefined;
      if (confidence === undefined || !/^[a-z]/.test(delegate)) return;
      const mode = WRITE_OPERATIONS.has(operation) ? 'write' : 'read';
      const add = (model: string, accessMode: 'read' | 'write', at: AnyNode) =>
        context.addAccess({ kind: 'model', orm: 'prisma', model }, accessMode, at, { confidence });
      add(delegate, mode, next.call);
      readRelations(query, delegate, add);
      if (mode === 'write') {
        writeRelations(objectOf(propertyValue(query, 'data')), delegate, add);
        writeRelations(objectOf(propertyValue(query, 'create')), delegate, add);
        writeRelations(objectOf(propertyValue(query, 'update')), delegate, add);
      }
      return;
    }
    client.push(link.property ?? '()');
  }
}

/**
 * Prisma. Schema: `model`/`view` blocks of `*.prisma` files become definitions (`orm: 'prisma'`,
 * table from `@@map` and `@@schema`, else the model name), schema tables and foreign keys.
 * Code: `prisma.<delegate>.<operation>(…)` on `prisma`, `this.prisma`, `this.db`, or the `tx`
 * of an interactive `$transaction`, recorded as a model access (`prisma:userAccount`) that the
 * link stage maps to its table; relations read through `include`/`select` and written through
 * nested writes are recorded as model paths (`prisma:certificate.enrolment.course`), resolved
 * one relation field at a time against the schema's `Model.field` definitions.
 */
export const prismaDetector = defineSqlDetector({
  id: 'prisma',
  description: 'Prisma: schema.prisma models, relations and @@map; client delegate calls, interactive transactions, include and nested writes',
  packages: ['prisma', '@prisma/'],
  textHint: /prisma|\$transaction|\.[a-z]\w*\s*\.\s*(find(Unique|First)(OrThrow)?|findMany|count|aggregate|groupBy|(create|update)(Many(AndReturn)?)?|upsert|delete(Many)?)\s*\(/i,
  onChain: onPrismaChain,
  onResource(resource, facts, report) {
    if (resource.kind === 'prisma') visitPrismaSchema(resource, facts, report);
  },
});
