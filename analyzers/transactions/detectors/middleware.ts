import { memberPath, unwrap, type AnyNode } from '../../sql/ast.js';
import type { TransactionDetector } from '../detector.js';

/** Middleware factories that wrap the rest of a route in a transaction (outline's `transaction()`). */
const MIDDLEWARE_NAMES = /^(transaction|transactional|withTransaction|transactionMiddleware)$/;

/**
 * A route registered with a transaction middleware: `router.post('x', auth(), transaction(),
 * async (ctx) => …)`. Every function argument after the middleware runs inside the request's
 * transaction, so each is a scope.
 */
export const middlewareTransactionDetector: TransactionDetector = {
  id: 'middleware',
  hint: /\b(transaction|transactional|withTransaction|transactionMiddleware)\(\s*\)/,
  onCall(call, context) {
    const index = call.arguments.findIndex((argument) => {
      const inner = unwrap(argument as AnyNode);
      if (inner.type !== 'CallExpression' || inner.arguments.length > 0) return false;
      const name = memberPath(inner.callee as AnyNode);
      return name?.length === 1 && MIDDLEWARE_NAMES.test(name[0] as string);
    });
    if (index < 0) return;
    for (const argument of call.arguments.slice(index + 1)) {
      const inner = unwrap(argument as AnyNode);
      if (inner.type !== 'ArrowFunctionExpression' && inner.type !== 'FunctionExpression') continue;
      const node = inner as { start: number; end: number };
      context.addScope({
        via: 'middleware',
        style: 'middleware',
        line: context.lineOf(call.start),
        startLine: context.lineOf(node.start),
        endLine: context.lineOf(Math.max(node.start, node.end - 1)),
      });
    }
  },
};
