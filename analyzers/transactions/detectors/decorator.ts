import { memberPath, unwrap, type AnyNode } from '../../sql/ast.js';
import type { TransactionDetector } from '../detector.js';

/**
 * A method decorated `@Transactional()` (typeorm-transactional, MikroORM, nestjs-cls) or
 * `@Transaction()` (Vendure): the whole method is the scope. The handle travels implicitly
 * (continuation-local storage, or the request context), so every call in it is followed.
 */
export const decoratorTransactionDetector: TransactionDetector = {
  id: 'decorator',
  hint: /@Transaction(al)?\b/,
  onMethod(method, _className, context) {
    for (const decorator of method.decorators ?? []) {
      const expression = unwrap(decorator.expression as AnyNode);
      const target = expression.type === 'CallExpression' ? (expression.callee as AnyNode) : expression;
      const name = memberPath(target)?.at(-1);
      if (name !== 'Transactional' && name !== 'Transaction') continue;
      const body = method.value as { start: number; end: number };
      context.addScope({
        via: context.clientOf(undefined),
        style: 'decorator',
        line: context.lineOf((decorator as { start: number }).start),
        startLine: context.lineOf(body.start),
        endLine: context.lineOf(Math.max(body.start, body.end - 1)),
      });
      return;
    }
  },
};
