/**
 * Per-file facts: plain data an analyzer derives from one parsed file, nothing else. Facts depend
 * only on the file's own text, so they can be cached by content hash and computed in parallel;
 * everything that needs other files (resolution, barrels, clusters) happens after extraction.
 */

/** Branded id of a module: its POSIX path relative to the analyzed root. */
export type ModuleId = string & { readonly __brand: 'ModuleId' };

/** Branded id of a table: `name`, or `schema.name` when the schema is not `public`. */
export type TableId = string & { readonly __brand: 'TableId' };

/** Converts a relative POSIX path to a module id. */
export function toModuleId(posixRelativePath: string): ModuleId {
  return posixRelativePath as ModuleId;
}

/** How a module refers to another. */
export type ImportKind = 'import' | 'type-import' | 'dynamic-import';

/** How the reference was written, for diagnostics and for the kind of edge. */
export type ImportSyntax =
  | 'import'
  | 'export-from'
  | 'require'
  | 'import-equals'
  | 'dynamic-import';

/** One reference from this file to a module specifier. */
export interface ImportFact {
  specifier: string;
  kind: ImportKind;
  syntax: ImportSyntax;
  line: number;
  /**
   * Names taken from the target: exported names, `default`, or `*` for a namespace or
   * an unknown set (require, dynamic import, side-effect import has none).
   */
  names: string[];
}

/** One name this file exports. */
export interface ExportFact {
  /** The exported name (`default` for a default export). */
  name: string;
  /** For a local export: the local binding exported (`export default class User` → `User`), when it has one. */
  localName?: string;
  /** When re-exported from another module: its specifier. */
  from?: string;
  /** When re-exported: the name in the other module (`*` for `export * as ns from`). */
  importName?: string;
  typeOnly: boolean;
  line: number;
}

/** How code touches a table. */
export type TableAccessMode = 'read' | 'write' | 'ddl';

/**
 * How an access names its table: a literal name; a symbol (an entity class, a Drizzle table, a
 * constant such as `T.sessions`) defined in this file or, with `specifier`, imported (then
 * `symbol` starts with the imported name; `*` for a namespace import); or an ORM model name
 * the schema maps to a table (Prisma's `prisma.userAccount`).
 */
export type TableTarget =
  | { kind: 'table'; table: string }
  | { kind: 'symbol'; symbol: string; specifier?: string }
  | { kind: 'model'; orm: string; model: string }
  | TableParameterTarget;

/**
 * The table is whatever the callers of a function give it: argument `argument` of application
 * `application` of the function named `function` in this file (`buildFind = (pool) => (schema) =>
 * …`: `schema` is application 1, argument 0). The link stage records the access at each call
 * site that passes a table (see {@link TableArgumentFact}), not here.
 */
export interface TableParameterTarget {
  kind: 'parameter';
  function: string;
  application: number;
  argument: number;
}

/** One place a file reads, writes or changes the shape of a table. */
export interface TableAccessFact {
  target: TableTarget;
  mode: TableAccessMode;
  line: number;
  /** The detector that found it (`pg`, `knex`, `prisma`, …). */
  via: string;
  /** 0..1: 1 for a parsed literal, lower for best effort and guesses. */
  confidence: number;
  /** The target is a constant holding SQL: the accesses are the SQL's, with their own modes. */
  expandSql?: boolean;
}

/**
 * A call that passes something table-like (an imported schema object, `X.table`) to a function:
 * `buildFind(pool)(Users)` is callee `buildFind`, application 1, argument 0. It is an access only
 * when the function's own SQL uses that parameter as a table (a {@link TableParameterTarget}).
 */
export interface TableArgumentFact {
  callee: string;
  /** Where the callee is imported from, when it is. */
  specifier?: string;
  application: number;
  argument: number;
  target: TableTarget;
  line: number;
  via: string;
}

/** A name this file gives to a table: an entity class, a Drizzle table, a model. */
export interface TableDefinitionFact {
  /** The local name (`User`, `users`) or, for ORM models, the model name. */
  symbol: string;
  table: string;
  via: string;
  line: number;
  /** For ORM models: the ORM, so model references of that ORM find it. */
  orm?: string;
  /**
   * The symbol is another name for the model `alias` (a model handed over as `{ StripeCustomer:
   * models.MemberStripeCustomer }`): its table is the alias's, found at link time; `table` is ''.
   */
  alias?: string;
}

/** A top-level constant of this file: a string (`TABLE = 'users'`, `T.sessions`) or parsed SQL. */
export interface ConstantFact {
  /** `NAME` or `NAME.member` (one level of object members). */
  symbol: string;
  line: number;
  /** The table id the string names, when it is a plain name (`'users'`, `'auth.sessions'`) rather than SQL. */
  table?: string;
  /** The tables the SQL touches, when the constant holds SQL. */
  sql?: { table: string; mode: TableAccessMode }[];
  /** The string the constant holds, when an analyzer needs it by value (event, topic, queue and job names). */
  value?: string;
}

/** An entity or model class named by a foreign key's end instead of its table: resolved through imports at link time. */
export interface TableSymbolRef {
  symbol: string;
  specifier?: string;
}

/** A foreign key: table `from` references table `to`. */
export interface ForeignKeyFact {
  /** The table; '' when `fromSymbol` names it. */
  from: string;
  /** The table; '' when `toSymbol` names it. */
  to: string;
  line: number;
  via: string;
  /** The end is a class of another file (`@ManyToOne(() => User)` with `User` imported). */
  fromSymbol?: TableSymbolRef;
  toSymbol?: TableSymbolRef;
}

/** A table a schema or migration declares. */
export interface SchemaTableFact {
  table: string;
  line: number;
  via: string;
}

/**
 * A question for the type-aware pass: what does the expression at [start, end) hold? Asked by a
 * detector that sees a repository-style call (`x.findOneBy(…)`) on a receiver syntax cannot place.
 */
export interface TypeQuestion {
  start: number;
  end: number;
  line: number;
  /** The method called on it (`findOneBy`), for the record. */
  method: string;
  mode: TableAccessMode;
  via: string;
}

/**
 * A body calls can enter: a function declaration, a class method, or a function held in a
 * top-level const or in a member of a top-level object literal.
 */
export interface FunctionFact {
  /** `name`, `Class.method` or `object.member`. */
  name: string;
  startLine: number;
  endLine: number;
  /** Parameter names in order; a destructured parameter is `{a,b}` (its property names). */
  params: string[];
}

/**
 * How a call names what it calls: a plain name (`createOrder()`, local or imported) or a member
 * (`this.save()`, `this.orders.create()`, `ordersService.create()`, `OrderRepo.create()`), where
 * `object` is `this`, `this.<field>` or a local/imported name.
 */
export type CalleeRef = ({ kind: 'name'; name: string } | { kind: 'member'; object: string; property: string }) & ImportedFrom;

/**
 * Set when the name (for a member: the object's root) is imported, as extraction saw it
 * (ESM import or `require`): the specifier and the imported name (`default`, `*` for a namespace or a whole CommonJS module).
 */
export interface ImportedFrom {
  specifier?: string;
  importedName?: string;
}

/** One call. */
export interface CallFact {
  callee: CalleeRef;
  line: number;
  /** Per argument, the identifiers it mentions at its top level (`trx`, `{ transaction }` → `transaction`, `ctx.trx` → `ctx`). */
  args: string[][];
  /** Arguments that are inline functions (`withTransaction(pool, async (client) => …)`), with their lines and parameters. */
  callbacks?: { index: number; startLine: number; endLine: number; params: string[] }[];
}

/** A class field whose type syntax tells: `constructor(private orders: OrdersService)`, `orders: OrdersService`, `orders = new OrdersService()`. */
export interface ClassFieldFact {
  /** The class; empty for a module-level `const orders = new OrdersService()`. */
  className: string;
  field: string;
  /** The type's name as written (`OrdersService`; generic arguments dropped; `Repository<Order>` → `Repository`). */
  type: string;
  line: number;
  /** Where the type is imported from, when it is. */
  typeFrom?: ImportedFrom;
  /** The type's type arguments' names (`WithTransactional<OrdersService>` → `OrdersService`), tried when the type itself has no such method. */
  typeArguments?: { name: string; from?: ImportedFrom }[];
}

/** A class that declares the interfaces it implements (`class ProjectStore implements IProjectStore`). */
export interface ImplementationFact {
  className: string;
  interfaces: string[];
}

/** A database transaction scope in this file. */
export interface TransactionFact {
  /** The client (knex, kysely, prisma, sequelize, typeorm, mikro-orm, slonik, pg, middleware). */
  via: string;
  style: 'callback' | 'unmanaged' | 'decorator' | 'batch' | 'middleware';
  /** Where the scope is opened. */
  line: number;
  /** The lines the scope covers (callback body, begin…commit, decorated method). */
  startLine: number;
  endLine: number;
  /** The name the transaction handle has inside the scope (`trx`, `tx`, `manager`, `t`), when it has one. */
  handle?: string;
  /** The handle is a transaction-bound copy of this receiver (`this.orders.transactional((service) => …)` → `this.orders`). */
  handleIs?: string;
}

/** What a route, consumer or command runs: an inline function's lines, or a reference resolved like a call. */
export type HandlerRef = { kind: 'inline'; startLine: number; endLine: number } | { kind: 'ref'; callee: CalleeRef };

/** Where the outside world calls in. */
export interface EntryPointFact {
  kind: 'http' | 'queue' | 'event' | 'cron' | 'cli';
  /** `GET /orders/:id`, a queue or topic name, a cron expression, a command name. */
  name: string;
  /** express, koa, fastify, hono, nestjs, bullmq, kafkajs, sqs, eventbridge, node-cron, commander, … */
  framework: string;
  line: number;
  handlers: HandlerRef[];
}

/** An event published or consumed by name. */
export interface EventFact {
  name: string;
  role: 'publish' | 'consume';
  /** emitter, eventbridge, kafka, bullmq, sqs, nestjs-event-emitter, … */
  transport: string;
  line: number;
}

/** An outbound HTTP call (fetch, axios, got, …). */
export interface OutboundHttpFact {
  client: string;
  line: number;
}

/** Everything extracted from one file. Analyzers append to the arrays of their own concern. */
export interface FileFacts {
  module: ModuleId;
  /** Non-blank lines. */
  loc: number;
  imports: ImportFact[];
  exports: ExportFact[];
  /** Specifiers of `export * from '…'` (not `export * as ns`). */
  exportStars: { specifier: string; typeOnly: boolean; line: number }[];
  tableAccesses: TableAccessFact[];
  tableDefinitions: TableDefinitionFact[];
  /** Calls that pass a table-like argument, for functions whose SQL takes the table as a parameter. */
  tableArguments: TableArgumentFact[];
  constants: ConstantFact[];
  foreignKeys: ForeignKeyFact[];
  schemaTables: SchemaTableFact[];
  typeQuestions: TypeQuestion[];
  functions: FunctionFact[];
  calls: CallFact[];
  classFields: ClassFieldFact[];
  implementations: ImplementationFact[];
  transactions: TransactionFact[];
  entryPoints: EntryPointFact[];
  events: EventFact[];
  outboundHttp: OutboundHttpFact[];
}

/** Creates the empty facts of a file. */
export function createFileFacts(module: ModuleId, loc: number): FileFacts {
  return {
    module,
    loc,
    imports: [],
    exports: [],
    exportStars: [],
    tableAccesses: [],
    tableDefinitions: [],
    tableArguments: [],
    constants: [],
    foreignKeys: [],
    schemaTables: [],
    typeQuestions: [],
    functions: [],
    calls: [],
    classFields: [],
    implementations: [],
    transactions: [],
    entryPoints: [],
    events: [],
    outboundHttp: [],
  };
}
