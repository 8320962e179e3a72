import fs from 'node:fs';

/** Reads a UTF-8 text file. Throws the file-system error as is. */
export function readText(absolutePath: string): string {
  return fs.readFileSync(absolutePath, 'utf8');
}

/**
 * Reads a UTF-8 text file unless it has more than `maxBytes`: then only its size comes back.
 * One open and one fstat, as `readFileSync` does anyway, so discovery need not stat every file.
 * Throws the file-system error as is.
 */
export function readTextUpTo(absolutePath: string, maxBytes: number): { text: string } | { size: number } {
  const descriptor = fs.openSync(absolutePath, 'r');
  try {
    const size = fs.fstatSync(descriptor).size;
    if (size > maxBytes) return { size };
    return { text: fs.readFileSync(descriptor, 'utf8') };
  } finally {
    fs.closeSync(descriptor);
  }
}
