import { sqlAnalyzer } from '../../../analyzers/sql/index.js';
import { transactionsAnalyzer } from '../../../analyzers/transactions/index.js';
import { parseFile } from '../../../src/extract/parse-file.js';
import { createFileFacts, toModuleId, type TransactionFact } from '../../../src/model/facts.js';

/** Runs the sql and transactions analyzers on one file and returns its scopes as rows: `line start-end style via handle`. */
export function scopeRows(text: string, style?: TransactionFact['style']): string[] {
  const file = parseFile(toModuleId('src/a.ts'), text);
  const facts = createFileFacts(file.id, 0);
  const context = { options: {}, facts, report: () => undefined };
  sqlAnalyzer.visit(file, context);
  transactionsAnalyzer.visit(file, context);
  return facts.transactions
    .filter((scope) => style === undefined || scope.style === style)
    .map((scope) => `${scope.line} ${scope.startLine}-${scope.endLine} ${scope.style} ${scope.via}${scope.handle ? ` ${scope.handle}` : ''}${scope.handleIs ? ` =${scope.handleIs}` : ''}`);
}
