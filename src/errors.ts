/** Stable codes of fatal errors, each mapped to an exit code by the CLI. */
export type SeamsErrorCode = 'usage' | 'config' | 'not-found' | 'io' | 'internal';

/**
 * A known, fatal problem. The message says what is wrong, where, and how to fix it; the CLI
 * prints it without a stack trace (unless --debug).
 */
export class SeamsError extends Error {
  readonly code: SeamsErrorCode;

  /** Creates a fatal error with a stable code. */
  constructor(code: SeamsErrorCode, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'SeamsError';
    this.code = code;
  }
}

/** True when `error` is a SeamsError. */
export function isSeamsError(error: unknown): error is SeamsError {
  return error instanceof SeamsError;
}
