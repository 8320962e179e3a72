import type { CallExpression, Class, Function as FunctionNode, VisitorObject } from 'oxc-parser';
import { z } from 'zod';
import {
  markBuiltIn,
  defineAnalyzer,
  visitAst,
  type AstHandler,
  type CalleeRef,
  type CallFact,
  type ClassFieldFact,
  type FileFacts,
  type ImportedFrom,
  type ParsedFile,
} from '../../src/plugin/index.js';
import { memberPath, propertyName, stringValue, unwrap, type AnyNode } from '../sql/ast.js';

/** Options of the calls analyzer. */
export const callsOptionsSchema = z.object({}).strict();

/** Globals whose methods are never the analyzed code's functions. */
const GLOBAL_OBJECTS = new Set([
  'console', 'JSON', 'Math', 'Object', 'Array', 'Promise', 'Number', 'String', 'Date', 'Reflect', 'Symbol', 'Buffer',
  'process', 'Error', 'RegExp', 'Map', 'Set', 'BigInt', 'Intl', 'URL', 'crypto',
]);

/** Calls of these names are language or runtime built-ins, never functions of the analyzed code. */
const GLOBAL_FUNCTIONS = new Set(['require', 'setTimeout', 'setInterval', 'setImmediate', 'clearTimeout', 'parseInt', 'parseFloat', 'String', 'Number', 'Boolean', 'Symbol', 'isNaN']);

// The walk reads many node shapes; oxc's precise types would need a cast at every step.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type AnyRecord = { type: string; start: number; end: number; [key: string]: any };

/** The name of a type reference node (`ns.Type` → `Type`). */
function referenceName(node: AnyRecord | undefined): string | undefined {
  if (!node || node.type !== 'TSTypeReference') return undefined;
  let name = node.typeName as AnyRecord;
  while (name.type === 'TSQualifiedName') name = name.right as AnyRecord;
  return name.type === 'Identifier' ? (name.name as string) : undefined;
}

/** The type name of a type annotation (`OrdersService`, `Repository<Order>` → `Repository`) and its type arguments' names. */
function typeOf(annotation: unknown): { name: string; typeArguments: string[] } | undefined {
  const node = (annotation as { typeAnnotation?: AnyRecord } | undefined)?.typeAnnotation;
  const name = referenceName(node);
  if (name === undefined) return undefined;
  const params = ((node?.typeArguments ?? node?.typeParameters) as AnyRecord | undefined)?.params as AnyRecord[] | undefined;
  return { name, typeArguments: (params ?? []).map(referenceName).filter((argument): argument is string => argument !== undefined) };
}

/** The parameter names of a function, destructured ones as `{a,b}`. */
function paramNames(fn: FunctionNode | { params: unknown[] }): string[] {
  const names: string[] = [];
  for (const raw of fn.params as AnyRecord[]) {
    let param = raw;
    if (param.type === 'TSParameterProperty') param = param.parameter as AnyRecord;
    if (param.type === 'AssignmentPattern') param = param.left as AnyRecord;
    if (param.type === 'Identifier') names.push(param.name as string);
    else if (param.type === 'ObjectPattern') {
      const keys = (param.properties as AnyRecord[])
        .map((property) => (property.type === 'Property' && (property.key as AnyRecord).type === 'Identifier' ? ((property.key as AnyRecord).name as string) : ''))
        .filter((key) => key !== '');
      names.push(`{${keys.join(',')}}`);
    } else names.push('');
  }
  return names;
}

/** The identifiers an argument mentions at its top level: `trx`, `ctx.trx` → `ctx`, `{ transaction }` → `transaction`. */
function argumentNames(argument: AnyNode): string[] {
  const inner = unwrap(argument);
  if (inner.type === 'SpreadElement') return argumentNames((inner as { argument: AnyNode }).argument);
  const path = memberPath(inner);
  if (path) return [path[0] as string];
  if (inner.type === 'ObjectExpression') {
    const names: string[] = [];
    for (const property of inner.properties) {
      if (property.type === 'SpreadElement') names.push(...argumentNames(property.argument as AnyNode));
      else {
        const valuePath = memberPath(property.value as AnyNode);
        if (valuePath) names.push(valuePath[0] as string);
      }
    }
    return names;
  }
  return [];
}

function isFunctionLike(node: AnyNode | null | undefined): node is FunctionNode {
  if (!node) return false;
  const inner = unwrap(node);
  return inner.type === 'ArrowFunctionExpression' || inner.type === 'FunctionExpression';
}

/** Collects functions, calls and typed class fields of one file. */
function collectCalls(file: ParsedFile, facts: FileFacts): void {
  const requires = new Map<string, ImportedFrom>();
  const importedFrom = (local: string): ImportedFrom | undefined => {
    const esm = file.importOf(local);
    if (esm) return { specifier: esm.specifier, importedName: esm.importedName };
    return requires.get(local);
  };
  const lineOf = (node: { start: number }): number => file.lineOf(node.start);
  const addFunction = (name: string, fn: FunctionNode | { start: number; end: number; params: unknown[] }): void => {
    facts.functions.push({ name, startLine: lineOf(fn), endLine: file.lineOf(Math.max(fn.start, fn.end - 1)), params: paramNames(fn) });
  };
  const addField = (className: string, field: string, type: string, line: number, typeArguments: string[] = []): void => {
    const fact: ClassFieldFact = { className, field, type, line };
    const from = importedFrom(type);
    if (from) fact.typeFrom = from;
    if (typeArguments.length > 0) fact.typeArguments = typeArguments.map((name) => ({ name, ...(importedFrom(name) ? { from: importedFrom(name) } : {}) }));
    facts.classFields.push(fact);
  };
  const addObjectMembers = (objectName: string, object: AnyRecord): void => {
    for (const property of object.properties as AnyRecord[]) {
      if (property.type !== 'Property' || property.computed) continue;
      const key = property.key as AnyRecord;
      const name = key.type === 'Identifier' ? (key.name as string) : stringValue(key as AnyNode);
      if (name !== undefined && isFunctionLike(property.value as AnyNode)) addFunction(`${objectName}.${name}`, unwrap(property.value as AnyNode) as FunctionNode);
    }
  };
  const addClass = (node: Class, name: string): void => {
    const interfaces = (node.implements ?? []).map((clause) => memberPath((clause as unknown as AnyRecord).expression as AnyNode)?.at(-1)).filter((item): item is string => item !== undefined);
    if (interfaces.length > 0) facts.implementations.push({ className: name, interfaces });
    for (const member of node.body.body as AnyRecord[]) {
      const key = member.key as AnyRecord | undefined;
      const memberName = key && !member.computed ? (key.type === 'Identifier' || key.type === 'PrivateIdentifier' ? (key.name as string) : stringValue(key as AnyNode)) : undefined;
      if (memberName === undefined) continue;
      if (member.type === 'MethodDefinition') {
        const fn = member.value as FunctionNode;
        addFunction(`${name}.${memberName}`, fn);
        if (member.kind === 'constructor') {
          for (const raw of fn.params as AnyRecord[]) {
            if (raw.type !== 'TSParameterProperty') continue;
            const param = raw.parameter as AnyRecord;
            const id = (param.type === 'AssignmentPattern' ? param.left : param) as AnyRecord;
            const type = typeOf(id.typeAnnotation);
            if (id.type === 'Identifier' && type) addField(name, id.name as string, type.name, lineOf(raw), type.typeArguments);
          }
        }
      } else if (member.type === 'PropertyDefinition' || member.type === 'AccessorProperty') {
        const value = member.value as AnyNode | null;
        if (isFunctionLike(value)) addFunction(`${name}.${memberName}`, unwrap(value) as FunctionNode);
        const declared = typeOf(member.typeAnnotation);
        const created = value && unwrap(value).type === 'NewExpression' ? memberPath((unwrap(value) as { callee: AnyNode }).callee)?.at(-1) : undefined;
        if (declared) addField(name, memberName, declared.name, lineOf(member), declared.typeArguments);
        else if (created) addField(name, memberName, created, lineOf(member));
      }
    }
  };
  const addDeclarator = (declarator: AnyRecord): void => {
    const id = declarator.id as AnyRecord;
    const init = declarator.init ? (unwrap(declarator.init as AnyNode) as AnyRecord) : undefined;
    if (init?.type === 'CallExpression' && memberPath((init as unknown as CallExpression).callee as AnyNode)?.join('.') === 'require') {
      const specifier = stringValue((init as unknown as CallExpression).arguments[0] as AnyNode);
      if (specifier === undefined) return;
      if (id.type === 'Identifier') requires.set(id.name as string, { specifier, importedName: '*' });
      else if (id.type === 'ObjectPattern') {
        for (const property of id.properties as AnyRecord[]) {
          const key = property.key as AnyRecord | undefined;
          const value = property.value as AnyRecord | undefined;
          if (property.type === 'Property' && key?.type === 'Identifier' && value?.type === 'Identifier') requires.set(value.name as string, { specifier, importedName: key.name as string });
        }
      }
      return;
    }
    if (id.type !== 'Identifier' || !init) return;
    const name = id.name as string;
    if (isFunctionLike(init as AnyNode)) addFunction(name, init as unknown as FunctionNode);
    else if (init.type === 'ObjectExpression') addObjectMembers(name, init);
    else if (init.type === 'NewExpression') {
      const type = memberPath(init.callee as AnyNode)?.at(-1);
      if (type) addField('', name, type, lineOf(declarator));
    } else if (init.type === 'ClassExpression') addClass(init as unknown as Class, name);
    const declared = typeOf(id.typeAnnotation);
    if (declared && init.type !== 'NewExpression') addField('', name, declared.name, lineOf(declarator), declared.typeArguments);
  };
  const addStatement = (statement: AnyRecord): void => {
    switch (statement.type) {
      case 'ExportNamedDeclaration':
      case 'ExportDefaultDeclaration': {
        const declaration = statement.declaration as AnyRecord | null;
        if (!declaration) return;
        if (statement.type === 'ExportDefaultDeclaration' && (declaration.type === 'FunctionDeclaration' || declaration.type === 'ClassDeclaration') && !declaration.id) {
          if (declaration.type === 'FunctionDeclaration') addFunction('default', declaration as unknown as FunctionNode);
          else addClass(declaration as unknown as Class, 'default');
          return;
        }
        if (statement.type === 'ExportDefaultDeclaration' && isFunctionLike(declaration as AnyNode)) {
          addFunction('default', unwrap(declaration as AnyNode) as FunctionNode);
          return;
        }
        addStatement(declaration);
        return;
      }
      case 'FunctionDeclaration':
        if (statement.id) addFunction((statement.id as AnyRecord).name as string, statement as unknown as FunctionNode);
        return;
      case 'ClassDeclaration':
        if (statement.id) addClass(statement as unknown as Class, (statement.id as AnyRecord).name as string);
        return;
      case 'VariableDeclaration':
        for (const declarator of statement.declarations as AnyRecord[]) addDeclarator(declarator);
        return;
      case 'ExpressionStatement': {
        // CommonJS: `exports.create = function…`, `module.exports = { create() {…} }`.
        const expression = unwrap(statement.expression as AnyNode) as unknown as AnyRecord;
        if (expression.type !== 'AssignmentExpression') return;
        const target = memberPath(expression.left as AnyNode)?.join('.');
        const value = unwrap(expression.right as AnyNode) as AnyRecord;
        const exported = target?.startsWith('module.exports.') ? target.slice('module.exports.'.length) : target?.startsWith('exports.') ? target.slice('exports.'.length) : undefined;
        if (exported !== undefined && !exported.includes('.') && isFunctionLike(value as AnyNode)) addFunction(exported, value as unknown as FunctionNode);
        if (target === 'module.exports' && value.type === 'ObjectExpression') {
          for (const property of value.properties as AnyRecord[]) {
            const key = property.key as AnyRecord | undefined;
            if (property.type === 'Property' && key?.type === 'Identifier' && isFunctionLike(property.value as AnyNode)) addFunction(key.name as string, unwrap(property.value as AnyNode) as FunctionNode);
          }
        }
        return;
      }
      default:
    }
  };
  for (const statement of file.program.body as unknown as AnyRecord[]) addStatement(statement);

  const visitor: VisitorObject = {
    CallExpression(node: CallExpression) {
      const callee = toCalleeRef(node.callee as AnyNode, importedFrom);
      if (!callee) return;
      const fact: CallFact = { callee, line: lineOf(node), args: node.arguments.map((argument) => argumentNames(argument as AnyNode)) };
      node.arguments.forEach((argument, index) => {
        if (!isFunctionLike(argument as AnyNode)) return;
        const fn = unwrap(argument as AnyNode) as FunctionNode;
        (fact.callbacks ??= []).push({ index, startLine: lineOf(fn), endLine: file.lineOf(Math.max(fn.start, fn.end - 1)), params: paramNames(fn) });
      });
      facts.calls.push(fact);
    },
  };
  visitAst(file.program, visitor as Record<string, AstHandler>);
}

/** What a callee expression names, or undefined for calls the call graph cannot follow. */
function toCalleeRef(calleeNode: AnyNode, importedFrom: (local: string) => ImportedFrom | undefined): CalleeRef | undefined {
  const callee = unwrap(calleeNode);
  if (callee.type === 'Identifier') {
    if (GLOBAL_FUNCTIONS.has(callee.name)) return undefined;
    return { kind: 'name', name: callee.name, ...importedFrom(callee.name) };
  }
  if (callee.type !== 'MemberExpression') return undefined;
  const property = propertyName(callee);
  const object = memberPath(callee.object as AnyNode);
  if (property === undefined || !object || object.length === 0) return undefined;
  const root = object[0] as string;
  if (root === 'super' || GLOBAL_OBJECTS.has(root)) return undefined;
  if (root === 'this' ? object.length > 2 : object.length > 1) return undefined;
  return { kind: 'member', object: object.join('.'), property, ...(root === 'this' ? undefined : importedFrom(root)) };
}

/**
 * The calls analyzer: the functions of a file (declarations, class methods, functions held in
 * top-level consts and object literals, CommonJS exports), the calls it makes with the
 * identifiers each argument mentions, and class fields whose type the syntax tells. The call
 * graph (src/callgraph) links them across files to follow transactions and entry points.
 */
export const callsAnalyzer = defineAnalyzer({
  id: 'calls',
  description: 'functions, calls and typed class fields for the call graph',
  options: callsOptionsSchema,
  isEnabled: () => true,
  // Call facts matter only where an entry point or a transaction can lead; the pipeline asks for
  // them there. A class that implements an interface is read at once: calls through the
  // interface are placed on its sole implementation wherever they are made.
  deferrable: (file) => !/\bimplements\b/.test(file.text),
  visit(file, context) {
    if (!/\(/.test(file.text)) return;
    collectCalls(file, context.facts);
  },
});

// Built in: worker threads load it from the registry by id.
markBuiltIn(callsAnalyzer);
