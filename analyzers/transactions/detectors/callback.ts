import type { CallExpression } from 'oxc-parser';
import { memberPath, toCallChain, unwrap, type AnyNode } from '../../sql/ast.js';
import type { TransactionDetector, TransactionDetectorContext } from '../detector.js';

/** Methods that run a callback in a transaction: knex, Sequelize, TypeORM, slonik (`transaction`), MikroORM and Unleash-style services (`transactional`), Prisma (`$transaction`). */
const CALLBACK_METHODS = new Set(['transaction', 'transactional', '$transaction']);

function lastFunctionArgument(call: CallExpression): AnyNode | undefined {
  const last = call.arguments.at(-1) as AnyNode | undefined;
  if (!last) return undefined;
  const inner = unwrap(last);
  return inner.type === 'ArrowFunctionExpression' || inner.type === 'FunctionExpression' ? inner : undefined;
}

function firstParamName(fn: AnyNode): string | undefined {
  const param = (fn as { params: { type: string; name?: string; left?: { type: string; name?: string } }[] }).params[0];
  if (!param) return undefined;
  if (param.type === 'Identifier') return param.name;
  if (param.type === 'AssignmentPattern' && param.left?.type === 'Identifier') return param.left.name;
  return undefined;
}

function addCallbackScope(call: CallExpression, fn: AnyNode, receiver: string[] | undefined, context: TransactionDetectorContext): void {
  const node = fn as { start: number; end: number };
  const handle = firstParamName(fn);
  const isService = receiver !== undefined && toCallChain(call).links.at(-1)?.property === 'transactional' && receiver[0] === 'this';
  context.addScope({
    via: context.clientOf(receiver),
    style: 'callback',
    line: context.lineOf(call.start),
    startLine: context.lineOf(node.start),
    endLine: context.lineOf(Math.max(node.start, node.end - 1)),
    ...(handle !== undefined ? { handle } : {}),
    // `this.orders.transactional((service) => service.create())`: the handle is the same service, bound to the transaction.
    ...(isService && handle !== undefined ? { handleIs: receiver.join('.') } : {}),
  });
}

/**
 * `x.transaction(async (trx) => …)`, `em.transactional(cb)`, `prisma.$transaction(async (tx) => …)`,
 * `dataSource.transaction('SERIALIZABLE', cb)` and Kysely's `db.transaction().execute(cb)`: the
 * callback is the scope and its first parameter the handle.
 */
export const callbackTransactionDetector: TransactionDetector = {
  id: 'callback',
  hint: /\.\$?transaction(al)?\s*\(/,
  onCall(call, context) {
    const callee = unwrap(call.callee as AnyNode);
    if (callee.type !== 'MemberExpression') return;
    const chain = toCallChain(call);
    const last = chain.links.at(-1);
    if (!last?.property) return;
    const fn = lastFunctionArgument(call);
    if (!fn) return;
    if (CALLBACK_METHODS.has(last.property)) {
      addCallbackScope(call, fn, memberPath(callee.object as AnyNode), context);
      return;
    }
    // Kysely: db.transaction().setIsolationLevel(…).execute(async (trx) => …)
    if (last.property === 'execute' && chain.links.some((link) => link.property === 'transaction' && link.call !== undefined)) {
      const receiver = chain.basePath ? [...chain.basePath, ...chain.links.slice(0, chain.links.findIndex((link) => link.property === 'transaction')).map((link) => link.property ?? '')] : undefined;
      addCallbackScope(call, fn, receiver, context);
    }
  },
};
