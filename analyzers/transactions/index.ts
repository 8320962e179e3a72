import type { CallExpression, Class, MethodDefinition, VariableDeclarator, VisitorObject } from 'oxc-parser';
import { z } from 'zod';
import { markBuiltIn, defineAnalyzer, visitAst, type AstHandler, type ParsedFile, type TransactionFact } from '../../src/plugin/index.js';
import { unwrap, type AnyNode } from '../sql/ast.js';
import type { TransactionDetector, TransactionDetectorContext } from './detector.js';
import { transactionDetectors } from './detectors/index.js';

/** Options of the transactions analyzer. */
export const transactionsOptionsSchema = z.object({}).strict();

/** Clients by the package a file imports, most specific first. */
const CLIENT_PACKAGES: [RegExp, string][] = [
  [/^@prisma\/client|^\.prisma/, 'prisma'],
  [/^kysely/, 'kysely'],
  [/^knex/, 'knex'],
  [/^sequelize/, 'sequelize'],
  [/^@mikro-orm\//, 'mikro-orm'],
  [/^typeorm|^@nestjs\/typeorm|^@vendure\//, 'typeorm'],
  [/^drizzle-orm/, 'drizzle'],
  [/^objection/, 'objection'],
  [/^slonik/, 'slonik'],
  [/^postgres$/, 'postgres'],
  [/^pg(-promise)?$/, 'pg'],
  [/^mysql2?/, 'mysql'],
];

/** Clients by the receiver's name, when the file's imports do not tell. */
const CLIENT_RECEIVERS: [RegExp, string][] = [
  [/prisma/i, 'prisma'],
  [/sequelize/i, 'sequelize'],
  [/knex|trx/i, 'knex'],
  [/^em$|entityManager|orm/i, 'mikro-orm'],
  [/dataSource|manager|connection|queryRunner/i, 'typeorm'],
  [/pool|client/i, 'pg'],
];

function toClientOf(file: ParsedFile): (receiver: string[] | undefined) => string {
  const imported = new Set<string>();
  for (const statement of file.module.staticImports) {
    const specifier = statement.moduleRequest.value;
    for (const [pattern, client] of CLIENT_PACKAGES) if (pattern.test(specifier)) imported.add(client);
  }
  for (const match of file.text.matchAll(/require\(\s*['"]([^'"]+)['"]\s*\)/g)) {
    for (const [pattern, client] of CLIENT_PACKAGES) if (pattern.test(match[1] as string)) imported.add(client);
  }
  return (receiver) => {
    const name = receiver?.join('.') ?? '';
    for (const [pattern, client] of CLIENT_RECEIVERS) if (pattern.test(name) && (imported.size === 0 || imported.has(client))) return client;
    if (imported.size >= 1) return [...imported][0] as string;
    return 'unknown';
  };
}

/** Walks one file with the detectors whose hint matches. */
function collectTransactions(file: ParsedFile, active: TransactionDetector[]): TransactionFact[] {
  const scopes: TransactionFact[] = [];
  const functionEnds: { start: number; end: number }[] = [];
  const declared = new WeakMap<CallExpression, string>();
  const classes: (string | undefined)[] = [];
  const lastLine = file.lineOf(file.text.length);
  const context: TransactionDetectorContext = {
    lineOf: file.lineOf,
    enclosingEnd(offset) {
      for (let index = functionEnds.length - 1; index >= 0; index -= 1) {
        const range = functionEnds[index] as { start: number; end: number };
        if (range.start <= offset && offset < range.end) return file.lineOf(Math.max(range.start, range.end - 1));
      }
      return lastLine;
    },
    clientOf: toClientOf(file),
    addScope: (scope) => scopes.push(scope),
    declaredNameOf: (call) => declared.get(call),
    open: new Map(),
  };
  const enterFunction = (node: { start: number; end: number }) => functionEnds.push({ start: node.start, end: node.end });
  const exitFunction = () => functionEnds.pop();
  const enterClass = (node: Class) => classes.push(node.id?.name);
  const exitClass = () => classes.pop();
  const visitor: VisitorObject = {
    FunctionDeclaration: enterFunction,
    'FunctionDeclaration:exit': exitFunction,
    FunctionExpression: enterFunction,
    'FunctionExpression:exit': exitFunction,
    ArrowFunctionExpression: enterFunction,
    'ArrowFunctionExpression:exit': exitFunction,
    ClassDeclaration: enterClass,
    'ClassDeclaration:exit': exitClass,
    ClassExpression: enterClass,
    'ClassExpression:exit': exitClass,
    VariableDeclarator(node: VariableDeclarator) {
      if (node.id.type !== 'Identifier' || !node.init) return;
      const init = unwrap(node.init as AnyNode);
      if (init.type === 'CallExpression') declared.set(init, node.id.name);
    },
    AssignmentExpression(node) {
      if (node.left.type !== 'Identifier') return;
      const right = unwrap(node.right as AnyNode);
      if (right.type === 'CallExpression') declared.set(right, node.left.name);
    },
    CallExpression(node: CallExpression) {
      for (const detector of active) detector.onCall?.(node, context);
    },
    MethodDefinition(node: MethodDefinition) {
      for (const detector of active) detector.onMethod?.(node, classes.at(-1), context);
    },
  };
  visitAst(file.program, visitor as Record<string, AstHandler>);
  return scopes;
}

/**
 * The transactions analyzer: every database transaction scope of a file (callback, batch,
 * begin … commit, decorated method, transaction middleware), with the lines it covers and the
 * name of its handle. The call graph then finds the tables each scope reaches.
 */
export const transactionsAnalyzer = defineAnalyzer({
  id: 'transactions',
  description: 'database transaction scopes (knex, Kysely, Prisma, Sequelize, TypeORM, MikroORM, slonik, pg, middleware)',
  options: transactionsOptionsSchema,
  isEnabled: () => true,
  visit(file, context) {
    if (!/transaction|begin/i.test(file.text)) return;
    const active = Object.values(transactionDetectors).filter((detector) => detector.hint.test(file.text));
    if (active.length === 0) return;
    const scopes = collectTransactions(file, active);
    for (const scope of scopes) {
      if (scope.via !== 'unknown') continue;
      // The client is a local wrapper: the detectors that found the scope's table accesses tell which.
      const inside = context.facts.tableAccesses.find((access) => access.line >= scope.startLine && access.line <= scope.endLine);
      if (inside) scope.via = inside.via;
    }
    scopes.sort((a, b) => a.line - b.line || a.startLine - b.startLine);
    context.facts.transactions.push(...scopes);
  },
});

// Built in: worker threads load it from the registry by id.
markBuiltIn(transactionsAnalyzer);
