import type { Class, Program } from 'oxc-parser';
import type { TableTarget } from '../../src/plugin/index.js';
import { memberPath, objectOf, propertyValue, startOf, stringValue, unwrap, walkNodes, type AnyNode, type CallChain } from './ast.js';
import { toTableIdFromText, type SqlDetectorContext } from './detector.js';

/** A function seams can name at its call sites: `const f = (a) => (b) => …` is `f`, with `(b) => …` as application 1. */
interface FunctionScope {
  start: number;
  end: number;
  /** Parameter names in order ('' for a pattern). */
  params: string[];
  name?: string;
  application: number;
}

/**
 * A local name bound to the table of a schema object: `const { table } = toIds(Users)` binds
 * `table`, `const users = toIds(Users)` binds `users.table`.
 */
interface TableBinding {
  start: number;
  scopeStart: number;
  scopeEnd: number;
  argument: AnyNode;
}

interface FileIndex {
  functions: FunctionScope[];
  bindings: Map<string, TableBinding[]>;
  /** Local names that only copy another (`const s = schema`, `const { a, ...rest } = schema`). */
  aliases: Map<string, TableBinding[]>;
  /**
   * Classes whose constructor passes exactly one `X.table` to `super(…)` (`this.table` there is X's
   * table), or whose table name is a string: the one string literal given to `super(…)`, or a
   * `tableName`/`table` field initialised with one.
   */
  classes: { start: number; end: number; schema?: AnyNode; tableName?: string }[];
}

const FUNCTION_TYPES = new Set(['ArrowFunctionExpression', 'FunctionExpression', 'FunctionDeclaration']);

function parameterName(parameter: AnyNode): string {
  let node = parameter as { type: string; name?: string; left?: AnyNode; parameter?: AnyNode };
  if (node.type === 'TSParameterProperty' && node.parameter) node = node.parameter as typeof node;
  if (node.type === 'AssignmentPattern' && node.left) node = node.left as typeof node;
  return node.type === 'Identifier' ? (node.name ?? '') : '';
}

/** The first argument of a call when it can stand for a schema object: a name, or an object literal with a `table` name. */
function schemaArgument(init: AnyNode): AnyNode | undefined {
  const call = unwrap(init);
  if (call.type !== 'CallExpression') return undefined;
  const first = call.arguments[0] ? unwrap(call.arguments[0] as AnyNode) : undefined;
  if (first?.type === 'Identifier') return first;
  if (first && stringValue(propertyValue(objectOf(first), 'table')) !== undefined) return first;
  return undefined;
}

function addBinding(map: Map<string, TableBinding[]>, key: string, binding: TableBinding): void {
  const list = map.get(key) ?? [];
  list.push(binding);
  map.set(key, list);
}

/** The innermost binding of `name` visible at `offset`. */
function bindingAt(map: Map<string, TableBinding[]>, name: string, offset: number): TableBinding | undefined {
  let binding: TableBinding | undefined;
  for (const candidate of map.get(name) ?? []) {
    if (candidate.start > offset || offset >= candidate.scopeEnd || offset < candidate.scopeStart) continue;
    if (!binding || candidate.scopeStart > binding.scopeStart) binding = candidate;
  }
  return binding;
}

/** The arguments of the `super(…)` call in a class's constructor. */
function superArguments(node: Class): AnyNode[] | undefined {
  const constructor = node.body.body.find((member) => member.type === 'MethodDefinition' && member.kind === 'constructor');
  const body = constructor?.type === 'MethodDefinition' ? constructor.value.body?.body ?? [] : [];
  for (const statement of body) {
    if (statement.type !== 'ExpressionStatement') continue;
    const call = unwrap(statement.expression);
    if (call.type === 'CallExpression' && call.callee.type === 'Super') return call.arguments as AnyNode[];
  }
  return undefined;
}

/** A class's table name as a string: a `tableName`/`table` field's literal, or the one string literal given to `super(…)`. */
function classTableName(node: Class): string | undefined {
  for (const member of node.body.body) {
    if (member.type !== 'PropertyDefinition' || member.static || member.key.type !== 'Identifier') continue;
    if (member.key.name === 'tableName' || member.key.name === 'table') {
      const value = stringValue(member.value as AnyNode | null);
      if (value !== undefined) return value;
    }
  }
  const literals = (superArguments(node) ?? []).map((argument) => stringValue(argument)).filter((value): value is string => value !== undefined);
  return literals.length === 1 ? literals[0] : undefined;
}

/** The X of the one `X.table` argument of the `super(…)` call in a class's constructor. */
function superTableArgument(node: Class): AnyNode | undefined {
  const tables = (superArguments(node) ?? []).filter((argument) => {
    const path = memberPath(argument);
    return path?.length === 2 && path[1] === 'table' && path[0] !== 'this';
  });
  const only = tables.length === 1 ? unwrap(tables[0] as AnyNode) : undefined;
  return only?.type === 'MemberExpression' ? unwrap(only.object as AnyNode) : undefined;
}

/** One walk of the program: the named functions and their parameters, and the table bindings. */
function buildIndex(program: Program): FileIndex {
  const index: FileIndex = { functions: [], bindings: new Map(), aliases: new Map(), classes: [] };
  const names = new Map<unknown, { name: string; application: number }>();
  const scopes: { start: number; end: number }[] = [{ start: program.start, end: program.end }];
  const walk = (node: unknown): void => {
    if (Array.isArray(node)) {
      for (const item of node) walk(item);
      return;
    }
    if (node === null || typeof node !== 'object') return;
    const record = node as Record<string, unknown> & { type?: unknown; start: number; end: number };
    if (typeof record.type !== 'string') return;
    const isFunction = FUNCTION_TYPES.has(record.type);
    if (isFunction) {
      const fn = record as unknown as { id?: { name: string } | null; params: AnyNode[]; body: AnyNode | null; expression?: boolean };
      const named = names.get(node) ?? (fn.id ? { name: fn.id.name, application: 0 } : undefined);
      index.functions.push({ start: record.start, end: record.end, params: fn.params.map(parameterName), ...(named ?? { application: 0 }) });
      if (named && fn.body && FUNCTION_TYPES.has(fn.body.type)) names.set(fn.body, { name: named.name, application: named.application + 1 });
      scopes.push({ start: record.start, end: record.end });
    } else if (record.type === 'ClassDeclaration' || record.type === 'ClassExpression') {
      const schema = superTableArgument(record as unknown as Class);
      const tableName = classTableName(record as unknown as Class);
      if (schema || tableName !== undefined) index.classes.push({ start: record.start, end: record.end, ...(schema ? { schema } : {}), ...(tableName !== undefined ? { tableName } : {}) });
    } else if (record.type === 'VariableDeclarator') {
      const declarator = record as unknown as { id: AnyNode; init: AnyNode | null };
      const init = declarator.init ? unwrap(declarator.init) : undefined;
      if (declarator.id.type === 'Identifier' && init && FUNCTION_TYPES.has(init.type)) names.set(init, { name: declarator.id.name, application: 0 });
      const argument = init ? schemaArgument(init) : undefined;
      const scope = scopes[scopes.length - 1] ?? { start: 0, end: 0 };
      const binding = argument ? { start: record.start, scopeStart: scope.start, scopeEnd: scope.end, argument } : undefined;
      if (binding && declarator.id.type === 'Identifier') addBinding(index.bindings, `${declarator.id.name}.table`, binding);
      if (binding && declarator.id.type === 'ObjectPattern') {
        for (const property of declarator.id.properties) {
          if (property.type !== 'Property' || property.computed || property.key.type !== 'Identifier' || property.key.name !== 'table') continue;
          const alias = parameterName(property.value as AnyNode);
          if (alias !== '') addBinding(index.bindings, alias, binding);
        }
      }
      if (init?.type === 'Identifier') {
        const copy = { start: record.start, scopeStart: scope.start, scopeEnd: scope.end, argument: init };
        if (declarator.id.type === 'Identifier') addBinding(index.aliases, declarator.id.name, copy);
        if (declarator.id.type === 'ObjectPattern') {
          const restElement = declarator.id.properties.find((property) => property.type === 'RestElement');
          if (restElement?.argument.type === 'Identifier') addBinding(index.aliases, restElement.argument.name, copy);
        }
      }
    }
    for (const key of Object.keys(record)) if (key !== 'type' && key !== 'start' && key !== 'end') walk(record[key]);
    if (isFunction) scopes.pop();
  };
  walk(program);
  return index;
}

const indexes = new WeakMap<Program, FileIndex>();

function indexOf(context: SqlDetectorContext): FileIndex {
  const program = context.file.program;
  let index = indexes.get(program);
  if (!index) {
    index = buildIndex(program);
    indexes.set(program, index);
  }
  return index;
}

/** What a reference to a table stands for: a table target, or a parameter of a named function. */
export type TableReference = { kind: 'target'; target: TableTarget } | { kind: 'parameter'; function: string; application: number; argument: number };

/** A name at `offset`: the parameter of the innermost function that declares it, when that function has a name. */
function parameterAt(index: FileIndex, name: string, offset: number): TableReference | 'unnamed' | undefined {
  let best: FunctionScope | undefined;
  for (const scope of index.functions) {
    if (scope.start > offset || offset >= scope.end || !scope.params.includes(name)) continue;
    if (!best || scope.start > best.start) best = scope;
  }
  if (!best) return undefined;
  if (best.name === undefined) return 'unnamed';
  return { kind: 'parameter', function: best.name, application: best.application, argument: best.params.indexOf(name) };
}

/** How many local copies (`const s = schema`) are followed. */
const MAX_ALIASES = 4;

/** The schema object given to a binding's call: an object literal's `table`, a parameter, or an imported name. */
function argumentReference(context: SqlDetectorContext, index: FileIndex, argument: AnyNode, depth = 0): TableReference | undefined {
  const literal = stringValue(propertyValue(objectOf(argument), 'table'));
  if (literal !== undefined) {
    const table = toTableIdFromText(literal);
    return table === undefined ? undefined : { kind: 'target', target: { kind: 'table', table } };
  }
  if (argument.type !== 'Identifier') return undefined;
  const alias = bindingAt(index.aliases, argument.name, startOf(argument));
  if (alias && depth < MAX_ALIASES) return argumentReference(context, index, alias.argument, depth + 1);
  const parameter = parameterAt(index, argument.name, startOf(argument));
  if (parameter === 'unnamed') return undefined;
  if (parameter) return parameter;
  // Only imported names: a local variable holding a schema object is not followed.
  if (!context.file.importOf(argument.name)) return undefined;
  const target = context.toTableTarget(argument);
  return target ? { kind: 'target', target } : undefined;
}

/**
 * The table an SQL template hole names through a schema object: `${table}` after
 * `const { table } = toIdentifiers(Users)`, `${users.table}` after `const users = toIdentifiers(Users)`
 * (the call is any call whose first argument is the schema object: seams does not need to know
 * the helper); `${this.table}` in a class that passes one `X.table` to its base class's
 * constructor. With `identifier` (the hole is inside `sql.identifier([…])`), also `X.table` of an
 * imported `X`, and a parameter `table` of a named function.
 */
export function toTableReference(context: SqlDetectorContext, expression: AnyNode, identifier = false): TableReference | undefined {
  const path = memberPath(expression);
  if (!path) return undefined;
  if (path[0] === 'this') return path.length === 2 && path[1] === 'table' ? classTableReference(context, expression) : undefined;
  const key = path.length === 1 ? path[0] : path.length === 2 && path[1] === 'table' ? path.join('.') : undefined;
  if (key === undefined) return undefined;
  const index = indexOf(context);
  const offset = startOf(expression);
  const binding = bindingAt(index.bindings, key, offset);
  if (binding) return argumentReference(context, index, binding.argument);
  if (!identifier) return undefined;
  const inner = unwrap(expression);
  // `sql.identifier([schema.table])`, `sql.identifier([Users.table])`: the object before `.table`.
  if (path.length === 2 && inner.type === 'MemberExpression') return argumentReference(context, index, unwrap(inner.object as AnyNode));
  const parameter = parameterAt(index, path[0] ?? '', offset);
  return parameter === 'unnamed' ? undefined : parameter;
}

/** The innermost indexed class around an offset. */
function classAt(index: FileIndex, offset: number): FileIndex['classes'][number] | undefined {
  let best: FileIndex['classes'][number] | undefined;
  for (const candidate of index.classes) {
    if (candidate.start > offset || offset >= candidate.end) continue;
    if (!best || candidate.start > best.start) best = candidate;
  }
  return best;
}

/** `this.table` in a class whose constructor passes one `X.table` to `super(…)` (the base class keeps it as its table). */
function classTableReference(context: SqlDetectorContext, expression: AnyNode): TableReference | undefined {
  const index = indexOf(context);
  const schema = classAt(index, startOf(expression))?.schema;
  return schema ? argumentReference(context, index, schema) : undefined;
}

/**
 * The table name `this.tableName` / `this.table` holds in a class that names its table with a
 * string: `super('integration_events', db)` (the one string literal given to the base class, which
 * keeps it as its table), or a field `tableName = 'events'`.
 */
export function toClassTableName(context: SqlDetectorContext, node: AnyNode): string | undefined {
  const path = memberPath(node);
  if (path?.length !== 2 || path[0] !== 'this' || (path[1] !== 'tableName' && path[1] !== 'table')) return undefined;
  return classAt(indexOf(context), startOf(node))?.tableName;
}

/** An argument that may be a schema object: an imported PascalCase name (`Users`) or its `.table` (`Users.table`). */
function tableLikeArgument(context: SqlDetectorContext, argument: AnyNode): TableTarget | undefined {
  const path = memberPath(argument);
  if (!path || path.length > 2 || (path.length === 2 && path[1] !== 'table')) return undefined;
  const head = path[0] ?? '';
  if (!/^[A-Z]/.test(head) || !context.file.importOf(head)) return undefined;
  const inner = unwrap(argument);
  return context.toTableTarget(inner.type === 'MemberExpression' ? (inner.object as AnyNode) : inner);
}

/**
 * Records the table-like arguments of a call of a plain function (`buildFind(pool)(Users)`,
 * `countRows(pool, Users)`), so the link stage can apply the function's parameter accesses.
 */
export function recordTableArguments(context: SqlDetectorContext, chain: CallChain): void {
  const base = unwrap(chain.base);
  if (base.type !== 'Identifier') return;
  const imported = context.file.importOf(base.name);
  if (imported?.importedName === '*') return;
  for (const [application, link] of chain.links.entries()) {
    if (link.property !== undefined || !link.call) return;
    for (const [argument, node] of link.arguments.entries()) {
      if (node.type === 'SpreadElement') continue;
      const target = tableLikeArgument(context, node as AnyNode);
      if (!target) continue;
      context.addTableArgument(
        { callee: imported ? imported.importedName : base.name, ...(imported ? { specifier: imported.specifier } : {}), application, argument, target },
        link.call,
      );
    }
  }
}

/** `for (const x of LIST)` statements whose list is known: the variable, the loop's range, the strings. */
interface LoopOverStrings {
  name: string;
  start: number;
  end: number;
  values: string[];
}

const loops = new WeakMap<Program, LoopOverStrings[]>();

/** The strings of an array literal whose every element is one, else undefined. */
function stringArray(node: AnyNode | null | undefined): string[] | undefined {
  const inner = node ? unwrap(node) : undefined;
  if (inner?.type !== 'ArrayExpression' || inner.elements.length === 0) return undefined;
  const values = inner.elements.map((element) => (element && element.type !== 'SpreadElement' ? stringValue(element as AnyNode) : undefined));
  return values.every((value): value is string => value !== undefined) ? values : undefined;
}

/** The file's `for…of` loops over an array literal or a `const` array of string literals declared once in the file. */
function loopsOf(program: Program): LoopOverStrings[] {
  let found = loops.get(program);
  if (found) return found;
  const arrays = new Map<string, string[] | null>();
  const statements: { name: string; start: number; end: number; right: AnyNode }[] = [];
  walkNodes(program, (record) => {
    if (record.type === 'VariableDeclarator') {
      const id = record.id as AnyNode;
      if (id.type === 'Identifier') arrays.set(id.name, arrays.has(id.name) ? null : (stringArray(record.init as AnyNode | null) ?? null));
    }
    if (record.type === 'ForOfStatement') {
      const left = record.left as AnyNode;
      const declared = left.type === 'VariableDeclaration' && left.kind === 'const' ? left.declarations[0]?.id : undefined;
      if (declared?.type === 'Identifier') statements.push({ name: declared.name, start: record.start as number, end: record.end as number, right: record.right as AnyNode });
    }
  });
  found = [];
  for (const statement of statements) {
    const right = unwrap(statement.right);
    const values = stringArray(right) ?? (right.type === 'Identifier' ? (arrays.get(right.name) ?? undefined) : undefined);
    if (values) found.push({ name: statement.name, start: statement.start, end: statement.end, values });
  }
  loops.set(program, found);
  return found;
}

/**
 * The strings a name can hold when it is the variable of an enclosing `for (const t of LIST)` over
 * a list of string literals (inline, or a `const` declared once in the file):
 * `for (const table of ['posts_meta', 'posts_tags']) bulkDestroy(ids, table)`.
 */
export function toLoopStrings(context: SqlDetectorContext, node: AnyNode | undefined): string[] | undefined {
  const inner = node ? unwrap(node) : undefined;
  if (inner?.type !== 'Identifier') return undefined;
  const offset = startOf(inner);
  let best: LoopOverStrings | undefined;
  for (const loop of loopsOf(context.file.program)) {
    if (loop.name !== inner.name || loop.start > offset || offset >= loop.end) continue;
    if (!best || loop.start > best.start) best = loop;
  }
  return best?.values;
}
