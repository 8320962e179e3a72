import fs from 'node:fs';

/** Reads a UTF-8 text file. Throws the file-system error as is. */
export function readText(absolutePath: string): string {
  return fs.readFileSync(absolutePath, 'utf8');
}
