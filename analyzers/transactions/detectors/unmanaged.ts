import type { CallExpression } from 'oxc-parser';
import { memberPath, propertyName, stringValue, unwrap, type AnyNode } from '../../sql/ast.js';
import type { TransactionDetector, TransactionDetectorContext } from '../detector.js';

const BEGIN = /^\s*(begin|start\s+transaction)\b/i;
const COMMIT = /^\s*(commit|end)\b/i;

function open(call: CallExpression, handle: string, via: string, context: TransactionDetectorContext): void {
  const line = context.lineOf(call.start);
  const scope = { via, style: 'unmanaged' as const, line, startLine: line, endLine: context.enclosingEnd(call.start), handle };
  context.addScope(scope);
  context.open.set(handle, scope);
}

function close(handle: string, call: CallExpression, context: TransactionDetectorContext): void {
  const scope = context.open.get(handle);
  if (!scope) return;
  scope.endLine = context.lineOf(call.start);
  context.open.delete(handle);
}

/**
 * Transactions opened and committed by hand: `const t = await sequelize.transaction()` (also
 * knex's `trx = await knex.transaction()`) … `t.commit()`; TypeORM's
 * `queryRunner.startTransaction()` … `commitTransaction()`; node-postgres and friends'
 * `client.query('BEGIN')` … `client.query('COMMIT')`. The scope runs from the opening line to the
 * commit (to the end of the function when no commit is seen).
 */
export const unmanagedTransactionDetector: TransactionDetector = {
  id: 'unmanaged',
  hint: /\.transaction\(\s*(\)|\{)|startTransaction\(|['"`]\s*(BEGIN|begin|START TRANSACTION|start transaction)/,
  onCall(call, context) {
    const callee = unwrap(call.callee as AnyNode);
    if (callee.type !== 'MemberExpression') return;
    const property = propertyName(callee);
    const object = memberPath(callee.object as AnyNode);
    const path = object?.join('.');
    if (property === 'transaction') {
      const first = call.arguments[0] ? unwrap(call.arguments[0] as AnyNode) : undefined;
      if (call.arguments.length > 1 || (first && first.type !== 'ObjectExpression')) return;
      const name = context.declaredNameOf(call);
      if (name !== undefined) open(call, name, context.clientOf(object), context);
      return;
    }
    if (path === undefined) return;
    if (property === 'startTransaction') open(call, path, 'typeorm', context);
    else if (property === 'commit' || property === 'commitTransaction') close(path, call, context);
    else if (property === 'query') {
      const sql = stringValue(call.arguments[0] as AnyNode | undefined);
      if (sql === undefined) return;
      if (BEGIN.test(sql)) open(call, path, context.clientOf(object), context);
      else if (COMMIT.test(sql)) close(path, call, context);
    }
  },
};
