import { propertyName, unwrap, type AnyNode } from '../../sql/ast.js';
import type { TransactionDetector } from '../detector.js';

/** Prisma's batch transaction `prisma.$transaction([a, b, c])`: the array is the scope. */
export const batchTransactionDetector: TransactionDetector = {
  id: 'batch',
  hint: /\$transaction\s*\(\s*\[/,
  onCall(call, context) {
    const callee = unwrap(call.callee as AnyNode);
    if (callee.type !== 'MemberExpression' || propertyName(callee) !== '$transaction') return;
    const first = call.arguments[0] ? unwrap(call.arguments[0] as AnyNode) : undefined;
    if (first?.type !== 'ArrayExpression') return;
    const array = first as { start: number; end: number };
    context.addScope({
      via: 'prisma',
      style: 'batch',
      line: context.lineOf(call.start),
      startLine: context.lineOf(array.start),
      endLine: context.lineOf(Math.max(array.start, array.end - 1)),
    });
  },
};
