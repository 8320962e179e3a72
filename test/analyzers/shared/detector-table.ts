import { test } from 'node:test';
import assert from 'node:assert/strict';

/** A case a detector must find: the text of one file and the rows expected from it. */
export interface DetectedCase {
  name: string;
  text: string;
  rows: string[];
  file?: string;
}

/** A case a detector must not report anything for. */
export interface IgnoredCase {
  name: string;
  text: string;
  file?: string;
}

/** Registers one test per case: `<id>: detects …` (exact rows) and `<id>: ignores …` (no rows). */
export function testDetectorTable(
  id: string,
  rowsOf: (text: string, file?: string) => string[],
  detected: readonly DetectedCase[],
  ignored: readonly IgnoredCase[],
): void {
  for (const { name, text, rows, file } of detected) {
    test(`${id}: detects ${name}`, () => {
      assert.deepEqual(rowsOf(text, file), rows);
    });
  }
  for (const { name, text, file } of ignored) {
    test(`${id}: ignores ${name}`, () => {
      assert.deepEqual(rowsOf(text, file), []);
    });
  }
}
