import type { Class, Decorator, MethodDefinition, VisitorObject } from 'oxc-parser';
import { visitAst, type AstHandler, type CalleeRef, type EntryPointFact, type EventFact, type FileFacts, type HandlerRef, type ParsedFile } from '../../src/plugin/index.js';
import { memberPath, startOf, stringValue, unwrap, type AnyNode } from '../sql/ast.js';
import { readFileConstants, type FileConstant } from '../sql/file-constants.js';

/**
 * What a detector of the entry-points or events analyzer gets: the file, ways to record facts,
 * and resolvers for names (event, queue, route) and handlers.
 */
export interface DetectorContext {
  readonly file: ParsedFile;
  readonly facts: FileFacts;
  /** Top-level string constants of the file (also enum members), by symbol (`NAME`, `NAME.member`, `Enum.Member`). */
  readonly constants: ReadonlyMap<string, FileConstant>;
  /** 1-based line of a node or offset. */
  lineOf(at: AnyNode | number): number;
  /** True when the file imports (or requires) a module whose specifier matches. */
  importsFrom(specifier: RegExp): boolean;
  /** The specifier a local name is imported from, when it is imported. */
  specifierOf(localName: string): string | undefined;
  /**
   * The name an expression holds: a literal, a template without holes, a same-file constant's
   * string; else a placeholder `<specifier>#<symbol>` for an imported constant (as imported), or
   * `./<own file name>#<symbol>` for a top-level constant of this file whose value seams cannot
   * read. Undefined for anything else (a parameter, a call).
   */
  toName(node: AnyNode | undefined | null): string | undefined;
  /**
   * Like toName, for paths and schedules: holes seams cannot read are kept as `{source}`
   * (`${prefix}/:id` → `{prefix}/:id`), and so is any other expression.
   */
  toPath(node: AnyNode | undefined | null): string | undefined;
  /** What a route, consumer or command runs, for each handler argument (arrays flattened). */
  toHandlers(node: AnyNode | undefined | null): HandlerRef[];
  /** The innermost class being walked. */
  enclosingClass(): Class | undefined;
  addEntryPoint(kind: EntryPointFact['kind'], name: string, framework: string, at: AnyNode | number, handlers: HandlerRef[]): void;
  addEvent(name: string, role: EventFact['role'], transport: string, at: AnyNode | number): void;
  addOutboundHttp(client: string, at: AnyNode | number): void;
  /** Runs `finish` once the whole file is walked (for facts that need the rest of the file: prefixes, pairs of calls). */
  atEnd(finish: () => void): void;
}

/** One framework's or library's detector: a cheap text pre-filter, then node visitors over the one walk of the file. */
export interface Detector {
  readonly id: string;
  readonly description: string;
  /** Cheap pre-filter on the file text: the detector runs only on files that match. */
  readonly textHint: RegExp;
  visitor(context: DetectorContext): VisitorObject;
}

/** Defines a detector (identity function that fixes the type). */
export function defineDetector(detector: Detector): Detector {
  return detector;
}

/** True for an arrow function or function expression. */
export function isFunctionNode(node: AnyNode | undefined | null): boolean {
  if (!node) return false;
  const inner = unwrap(node);
  return inner.type === 'ArrowFunctionExpression' || inner.type === 'FunctionExpression';
}

/** The name of a decorator (`@Get(':id')` → `Get`, `@Injectable` → `Injectable`, `@nest.Get()` → `Get`) and its arguments. */
export function decoratorOf(decorator: Decorator): { name: string; arguments: AnyNode[] } | undefined {
  const expression = unwrap(decorator.expression);
  const callee = expression.type === 'CallExpression' ? unwrap(expression.callee as AnyNode) : expression;
  const path = memberPath(callee);
  const name = path?.at(-1);
  if (name === undefined) return undefined;
  return { name, arguments: expression.type === 'CallExpression' ? (expression.arguments as AnyNode[]) : [] };
}

/** The decorators of a class, method or parameter, by name (the first of each name). */
export function decoratorsOf(node: { decorators?: Decorator[] }): Map<string, AnyNode[]> {
  const found = new Map<string, AnyNode[]>();
  for (const decorator of node.decorators ?? []) {
    const read = decoratorOf(decorator);
    if (read && !found.has(read.name)) found.set(read.name, read.arguments);
  }
  return found;
}

/** The first decorator of a name on a class, method or parameter, with its arguments. */
export function decoratorNamed(node: { decorators?: Decorator[] }, name: string): { decorator: Decorator; arguments: AnyNode[] } | undefined {
  for (const decorator of node.decorators ?? []) {
    const read = decoratorOf(decorator);
    if (read?.name === name) return { decorator, arguments: read.arguments };
  }
  return undefined;
}

/** The name of a method (`list`, `'list'`, `#list`), when it is not computed. */
export function methodName(method: MethodDefinition): string | undefined {
  if (method.computed) return undefined;
  if (method.key.type === 'Identifier' || method.key.type === 'PrivateIdentifier') return method.key.name;
  return stringValue(method.key as AnyNode);
}

/** The methods of a class (not constructors or accessors). */
export function methodsOf(node: Class): MethodDefinition[] {
  return node.body.body.filter((member): member is MethodDefinition => member.type === 'MethodDefinition' && member.kind === 'method');
}

/** Top-level `enum E { A = 'a' }` members with string values, as constants `E.A`. */
function readEnumConstants(file: ParsedFile, into: Map<string, FileConstant>): void {
  for (const statement of file.program.body) {
    const exported = statement.type === 'ExportNamedDeclaration' && statement.declaration !== null;
    const declaration = exported ? (statement as { declaration: AnyNode }).declaration : statement;
    if (declaration.type !== 'TSEnumDeclaration') continue;
    for (const member of declaration.body.members) {
      const key = member.id.type === 'Identifier' ? member.id.name : stringValue(member.id as AnyNode);
      const value = stringValue(member.initializer as AnyNode | null);
      if (key === undefined || value === undefined) continue;
      const symbol = `${declaration.id.name}.${key}`;
      into.set(symbol, { symbol, value, start: member.start, exported });
    }
  }
}

/** Names declared at the top level of the file (to tell a constant this file owns from a parameter), with a variable's initialiser. */
function readTopLevelNames(file: ParsedFile): Map<string, AnyNode | undefined> {
  const names = new Map<string, AnyNode | undefined>();
  for (const statement of file.program.body) {
    const declaration = statement.type === 'ExportNamedDeclaration' && statement.declaration ? statement.declaration : statement;
    if (declaration.type === 'VariableDeclaration') {
      for (const declarator of declaration.declarations) {
        if (declarator.id.type === 'Identifier') names.set(declarator.id.name, declaration.kind === 'const' ? ((declarator.init as AnyNode | null) ?? undefined) : undefined);
      }
    } else if ((declaration.type === 'TSEnumDeclaration' || declaration.type === 'ClassDeclaration') && declaration.id) {
      names.set(declaration.id.name, undefined);
    }
  }
  return names;
}

/** How deep a constant may refer to other constants before seams gives up. */
const MAX_CONSTANT_DEPTH = 8;

/** The file name of a module id (`src/a/b.ts` → `b.ts`). */
function baseName(id: string): string {
  return id.slice(id.lastIndexOf('/') + 1);
}

/** Functions that wrap a handler given by name (`asyncHandler(createOrder)`, `catchErrors(h)`, `wrap(h)`). */
const WRAPPER_NAME = /handler|wrap|async|catch|safe|route|controller/i;

/** The callee a plain or member expression names, for a handler reference. */
export function toCalleeRef(node: AnyNode): CalleeRef | undefined {
  const path = memberPath(node);
  if (!path || path.length === 0) return undefined;
  if (path.length === 1) return path[0] === 'this' ? undefined : { kind: 'name', name: path[0] as string };
  return { kind: 'member', object: path.slice(0, -1).join('.'), property: path.at(-1) as string };
}

/** Creates the context of one file. */
export function createDetectorContext(file: ParsedFile, facts: FileFacts): DetectorContext & { finish(): void; classes: Class[] } {
  let constants: Map<string, FileConstant> | undefined;
  let topLevel: Map<string, AnyNode | undefined> | undefined;
  const finishers: (() => void)[] = [];
  const classes: Class[] = [];
  const lineOf = (at: AnyNode | number) => file.lineOf(typeof at === 'number' ? at : startOf(at));
  const getConstants = () => {
    if (!constants) {
      constants = readFileConstants(file.program);
      readEnumConstants(file, constants);
    }
    return constants;
  };
  let specifiers: string[] | undefined;
  const getSpecifiers = () => {
    if (!specifiers) {
      specifiers = file.module.staticImports.map((entry) => entry.moduleRequest.value);
      for (const match of file.text.matchAll(/\brequire\(\s*['"]([^'"]+)['"]\s*\)/g)) if (match[1]) specifiers.push(match[1]);
    }
    return specifiers;
  };

  const handlerOf = (node: AnyNode): HandlerRef[] => {
    const inner = unwrap(node);
    if (inner.type === 'ArrowFunctionExpression' || inner.type === 'FunctionExpression') {
      return [{ kind: 'inline', startLine: lineOf(inner), endLine: lineOf((inner as { end: number }).end) }];
    }
    if (inner.type === 'ArrayExpression') return inner.elements.flatMap((element) => (element ? handlerOf(element as AnyNode) : []));
    if (inner.type === 'CallExpression') {
      const callee = unwrap(inner.callee as AnyNode);
      // `this.list.bind(this)`: the bound function.
      if (callee.type === 'MemberExpression' && memberPath(callee)?.at(-1) === 'bind') return handlerOf(callee.object as AnyNode);
      // A wrapper such as `asyncHandler(async (req, res) => …)`: the function it wraps.
      const wrapped = [...inner.arguments].reverse().find((argument) => isFunctionNode(argument as AnyNode));
      if (wrapped) return handlerOf(wrapped as AnyNode);
      // A middleware factory (`auth()`, `validate(schema)`): what it returns is reached through it;
      // a wrapper of a named handler (`asyncHandler(createOrder)`): the handler too.
      const ref = toCalleeRef(callee);
      const refs: HandlerRef[] = ref ? [{ kind: 'ref', callee: ref }] : [];
      if (ref && WRAPPER_NAME.test(ref.kind === 'name' ? ref.name : ref.property)) {
        for (const argument of inner.arguments) if (memberPath(argument as AnyNode)) refs.push(...handlerOf(argument as AnyNode));
      }
      return refs;
    }
    const path = memberPath(inner);
    if (path?.[0] === 'this' && path.length === 2) {
      const owner = classes.at(-1);
      const method = owner ? methodsOf(owner).find((candidate) => methodName(candidate) === path[1]) : undefined;
      if (method) return [{ kind: 'inline', startLine: lineOf(method.value), endLine: lineOf(method.value.end) }];
    }
    const ref = toCalleeRef(inner);
    return ref ? [{ kind: 'ref', callee: ref }] : [];
  };

  const sourceOf = (node: AnyNode) => `{${file.text.slice(startOf(node), (node as { end: number }).end).replace(/\s+/g, ' ')}}`;
  /** The string an expression holds: literals, templates and `+` of them, same-file constants (also ones built from others). */
  const evaluate = (node: AnyNode, keepHoles: boolean, depth: number): string | undefined => {
    const inner = unwrap(node);
    const literal = stringValue(inner);
    if (literal !== undefined) return literal;
    if (inner.type === 'TemplateLiteral') {
      let text = inner.quasis[0]?.value.cooked ?? '';
      for (const [index, expression] of inner.expressions.entries()) {
        const value = evaluate(expression as AnyNode, keepHoles, depth) ?? (keepHoles ? sourceOf(expression as AnyNode) : undefined);
        if (value === undefined) return undefined;
        text += value + (inner.quasis[index + 1]?.value.cooked ?? '');
      }
      return text;
    }
    if (inner.type === 'BinaryExpression' && inner.operator === '+') {
      const left = evaluate(inner.left as AnyNode, keepHoles, depth);
      const right = left === undefined ? undefined : evaluate(inner.right as AnyNode, keepHoles, depth);
      return right === undefined ? undefined : `${left}${right}`;
    }
    const path = memberPath(inner);
    if (!path || path[0] === 'this' || path[0] === 'super') return undefined;
    const value = getConstants().get(path.join('.'))?.value;
    if (value !== undefined || path.length !== 1 || depth >= MAX_CONSTANT_DEPTH) return value;
    topLevel ??= readTopLevelNames(file);
    const init = topLevel.get(path[0] as string);
    return init ? evaluate(init, false, depth + 1) : undefined;
  };
  /** `<specifier>#<symbol>` for an imported name, `./<file>#<symbol>` for a top-level one of this file. */
  const placeholder = (node: AnyNode): string | undefined => {
    const path = memberPath(node);
    if (!path || path[0] === 'this' || path[0] === 'super') return undefined;
    const head = path[0] as string;
    const imported = file.importOf(head);
    if (imported) {
      const rest = path.slice(1);
      const exported = imported.importedName === '*' ? rest.join('.') : [imported.importedName, ...rest].join('.');
      return exported === '' ? undefined : `${imported.specifier}#${exported}`;
    }
    topLevel ??= readTopLevelNames(file);
    return topLevel.has(head) ? `./${baseName(file.id)}#${path.join('.')}` : undefined;
  };

  return {
    file,
    facts,
    classes,
    get constants() {
      return getConstants();
    },
    lineOf,
    importsFrom(specifier) {
      return getSpecifiers().some((value) => specifier.test(value));
    },
    specifierOf(localName) {
      return file.importOf(localName)?.specifier;
    },
    toName(node) {
      if (!node) return undefined;
      return evaluate(node, false, 0) ?? placeholder(node);
    },
    toPath(node) {
      if (!node) return undefined;
      return evaluate(node, true, 0) ?? placeholder(node) ?? sourceOf(node);
    },
    toHandlers(node) {
      return node ? handlerOf(node) : [];
    },
    enclosingClass() {
      return classes.at(-1);
    },
    addEntryPoint(kind, name, framework, at, handlers) {
      facts.entryPoints.push({ kind, name, framework, line: lineOf(at), handlers });
    },
    addEvent(name, role, transport, at) {
      facts.events.push({ name, role, transport, line: lineOf(at) });
    },
    addOutboundHttp(client, at) {
      facts.outboundHttp.push({ client, line: lineOf(at) });
    },
    atEnd(finish) {
      finishers.push(finish);
    },
    finish() {
      for (const finish of finishers) finish();
    },
  };
}

type Handler = (node: never) => void;

/**
 * Runs the detectors whose text hint matches over one walk of the file's AST, keeping the stack
 * of enclosing classes, then their end-of-file steps. Returns false when none matched (the AST
 * was not touched).
 */
export function runDetectors(file: ParsedFile, facts: FileFacts, detectors: readonly Detector[]): boolean {
  const active = detectors.filter((detector) => detector.textHint.test(file.text));
  if (active.length === 0) return false;
  const context = createDetectorContext(file, facts);
  const handlers = new Map<string, Handler[]>();
  const add = (type: string, handler: Handler) => {
    if (!handlers.has(type)) handlers.set(type, []);
    handlers.get(type)?.push(handler);
  };
  const enter = (node: Class) => {
    context.classes.push(node);
  };
  const exit = () => {
    context.classes.pop();
  };
  add('ClassDeclaration', enter as Handler);
  add('ClassExpression', enter as Handler);
  for (const detector of active) {
    for (const [type, handler] of Object.entries(detector.visitor(context) as Record<string, Handler>)) add(type, handler);
  }
  add('ClassDeclaration:exit', exit);
  add('ClassExpression:exit', exit);
  const merged: Record<string, Handler> = {};
  for (const [type, list] of handlers) {
    merged[type] = (node: never) => {
      for (const handler of list) handler(node);
    };
  }
  visitAst(file.program, merged as Record<string, AstHandler>);
  context.finish();
  return true;
}
