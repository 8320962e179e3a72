import type { TransactionDetector } from '../detector.js';
import { batchTransactionDetector } from './batch.js';
import { callbackTransactionDetector } from './callback.js';
import { decoratorTransactionDetector } from './decorator.js';
import { middlewareTransactionDetector } from './middleware.js';
import { unmanagedTransactionDetector } from './unmanaged.js';

/** Every transaction detector, by id. A test fails when a file here is missing or has no test. */
export const transactionDetectors = {
  callback: callbackTransactionDetector,
  batch: batchTransactionDetector,
  unmanaged: unmanagedTransactionDetector,
  decorator: decoratorTransactionDetector,
  middleware: middlewareTransactionDetector,
} as const satisfies Record<string, TransactionDetector>;
