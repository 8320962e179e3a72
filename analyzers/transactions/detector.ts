import type { CallExpression, MethodDefinition } from 'oxc-parser';
import type { TransactionFact } from '../../src/plugin/index.js';

/** What a transaction detector can ask and record while the file is walked. */
export interface TransactionDetectorContext {
  lineOf(offset: number): number;
  /** The last line of the innermost function around an offset (the file's last line at top level). */
  enclosingEnd(offset: number): number;
  /** The client opening a scope: from the file's imports, else from the receiver's name. */
  clientOf(receiver: string[] | undefined): string;
  addScope(scope: TransactionFact): void;
  /** The variable a call's result is assigned to (`const t = await sequelize.transaction()` → `t`). */
  declaredNameOf(call: CallExpression): string | undefined;
  /** Unmanaged scopes still open, by handle path (`t`, `queryRunner`, `client`), to close at commit. */
  readonly open: Map<string, TransactionFact>;
}

/** One way of opening a transaction (callback, batch, begin … commit, decorator, middleware). */
export interface TransactionDetector {
  id: string;
  /** Cheap text test: the detector runs only on files that match. */
  hint: RegExp;
  onCall?(call: CallExpression, context: TransactionDetectorContext): void;
  onMethod?(method: MethodDefinition, className: string | undefined, context: TransactionDetectorContext): void;
}
