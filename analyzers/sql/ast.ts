import type { Argument, CallExpression, Class, Expression, MethodDefinition, Node, ObjectExpression } from 'oxc-parser';

/** Any AST node or expression the helpers accept. */
export type AnyNode = Node | Expression | Argument;

/** Removes TypeScript and grouping wrappers: `x as T`, `x!`, `<T>x`, `x satisfies T`, `(x)`, `await x`. */
export function unwrap(node: AnyNode): AnyNode {
  let current: AnyNode = node;
  for (;;) {
    switch (current.type) {
      case 'TSAsExpression':
      case 'TSSatisfiesExpression':
      case 'TSNonNullExpression':
      case 'TSTypeAssertion':
      case 'ParenthesizedExpression':
      case 'AwaitExpression':
        current = (current as { expression?: AnyNode; argument?: AnyNode }).expression ?? (current as { argument: AnyNode }).argument;
        break;
      default:
        return current;
    }
  }
}

/** The value of a string literal or a template literal without holes. */
export function stringValue(node: AnyNode | undefined | null): string | undefined {
  if (!node) return undefined;
  const inner = unwrap(node);
  if (inner.type === 'Literal' && typeof (inner as { value: unknown }).value === 'string') return (inner as { value: string }).value;
  if (inner.type === 'TemplateLiteral' && inner.expressions.length === 0) return inner.quasis[0]?.value.cooked ?? undefined;
  return undefined;
}

/** The name of a member expression's property (`a.b` → `b`, `a['b']` → `b`). */
export function propertyName(node: AnyNode): string | undefined {
  const inner = unwrap(node);
  if (inner.type !== 'MemberExpression') return undefined;
  if (!inner.computed && inner.property.type === 'Identifier') return inner.property.name;
  if (inner.computed) return stringValue(inner.property as AnyNode);
  if (inner.property.type === 'PrivateIdentifier') return inner.property.name;
  return undefined;
}

/**
 * The dotted path of an identifier or member expression: `a` → ['a'], `this.repo.find` →
 * ['this', 'repo', 'find'], `a['b'].c` → ['a', 'b', 'c']. Undefined when a part is computed
 * or a call.
 */
export function memberPath(node: AnyNode): string[] | undefined {
  const inner = unwrap(node);
  if (inner.type === 'Identifier') return [inner.name];
  if (inner.type === 'ThisExpression') return ['this'];
  if (inner.type === 'Super') return ['super'];
  if (inner.type === 'MemberExpression') {
    const name = propertyName(inner);
    const object = memberPath(inner.object as AnyNode);
    return name !== undefined && object ? [...object, name] : undefined;
  }
  return undefined;
}

/** One link of a call chain: a property access, a call, or both (`.where(x)`). */
export interface ChainLink {
  /** The property name (`where`); undefined for a direct call of the base (`knex('t')`). */
  property?: string;
  /** Set when the link is called. */
  call?: CallExpression;
  /** The call's arguments (empty when not called). */
  arguments: Argument[];
}

/**
 * A chain of property accesses and calls on one base: `db.selectFrom('x').where(y).execute()`
 * has base `db` and links selectFrom(…), where(…), execute(). The base is whatever starts the
 * chain (an identifier, `this`, a `new` expression…).
 */
export interface CallChain {
  base: AnyNode;
  /** The dotted path of the base when it has one (`this.prisma` is base `this` + link `prisma`). */
  basePath: string[] | undefined;
  links: ChainLink[];
  /** The outermost node of the chain. */
  node: CallExpression;
}

/** The base and the links of any expression: an identifier, a member expression or a call chain. */
export function toChainLinks(node: AnyNode): { base: AnyNode; links: ChainLink[] } {
  const links: ChainLink[] = [];
  let current: AnyNode = node;
  for (;;) {
    const inner = unwrap(current);
    if (inner.type === 'CallExpression') {
      const callee = unwrap(inner.callee as AnyNode);
      if (callee.type === 'MemberExpression') {
        links.push({ property: propertyName(callee), call: inner, arguments: inner.arguments });
        current = callee.object as AnyNode;
      } else {
        links.push({ call: inner, arguments: inner.arguments });
        current = callee;
      }
      continue;
    }
    if (inner.type === 'MemberExpression') {
      links.push({ property: propertyName(inner), arguments: [] });
      current = inner.object as AnyNode;
      continue;
    }
    links.reverse();
    return { base: inner, links };
  }
}

/** The links from the base to `node`, outermost last. Stops at computed members it cannot name. */
export function toCallChain(node: CallExpression): CallChain {
  const { base, links } = toChainLinks(node);
  return { base, basePath: memberPath(base), links, node };
}

/** An object literal, unwrapped, or undefined. */
export function objectOf(node: AnyNode | undefined | null): ObjectExpression | undefined {
  if (!node) return undefined;
  const inner = unwrap(node);
  return inner.type === 'ObjectExpression' ? inner : undefined;
}

/** The value of a non-computed property of an object literal (`{ tableName: 'x' }`), by key. */
export function propertyValue(object: ObjectExpression | undefined, key: string): AnyNode | undefined {
  for (const property of object?.properties ?? []) {
    if (property.type !== 'Property' || property.computed) continue;
    const name = property.key.type === 'Identifier' ? property.key.name : stringValue(property.key as AnyNode);
    if (name === key) return property.value as AnyNode;
  }
  return undefined;
}

/** The inner calls of a chain (every link's call but the outermost), to mark them as seen. */
export function innerCalls(chain: CallChain): CallExpression[] {
  return chain.links.map((link) => link.call).filter((call): call is CallExpression => call !== undefined && call !== chain.node);
}

/** Start offset of a node. */
export function startOf(node: AnyNode): number {
  return (node as { start: number }).start;
}

/** Keys of an AST node that hold no child nodes. */
const NON_CHILD_KEYS = new Set(['type', 'start', 'end', 'range', 'loc', 'parent']);

/**
 * Calls `onNode` for `node` and every node below it, in pre-order. For walks of a sub-tree
 * (a callback, a method): the analyzer's own Visitor walks whole programs only.
 */
export function walkNodes(node: unknown, onNode: (node: Record<string, unknown> & { type: string }) => void): void {
  if (Array.isArray(node)) {
    for (const item of node) walkNodes(item, onNode);
    return;
  }
  if (node === null || typeof node !== 'object') return;
  const record = node as Record<string, unknown>;
  if (typeof record.type !== 'string') return;
  onNode(record as Record<string, unknown> & { type: string });
  for (const key of Object.keys(record)) if (!NON_CHILD_KEYS.has(key)) walkNodes(record[key], onNode);
}

/** The class a visitor is in, and whether it is inside one of its static methods. */
export interface ClassScope {
  name: string | undefined;
  inStatic: number;
}

/**
 * Visitor entries that keep a stack of the classes being walked (and whether the walk is in a
 * static method), for detectors that read `this.x` differently in models' static methods.
 */
export function classScopeVisitor(classes: () => ClassScope[], onEnter?: (node: Class) => void): Record<string, (node: never) => void> {
  const enter = (node: Class) => {
    onEnter?.(node);
    classes().push({ name: node.id?.name, inStatic: 0 });
  };
  const exit = () => {
    classes().pop();
  };
  const method = (step: number) => (node: MethodDefinition) => {
    const enclosing = classes().at(-1);
    if (node.static && enclosing) enclosing.inStatic += step;
  };
  return {
    ClassDeclaration: enter,
    ClassExpression: enter,
    'ClassDeclaration:exit': exit,
    'ClassExpression:exit': exit,
    MethodDefinition: method(1),
    'MethodDefinition:exit': method(-1),
  } as Record<string, (node: never) => void>;
}
