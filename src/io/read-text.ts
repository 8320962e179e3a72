import fs from 'node:fs';

/** Reads a UTF-8 text file. Throws the file-system error as is. */
export function readText(absolutePath: string): string {
  return fs.readFileSync(absolutePath, 'utf8');
}

/**
 * Reads a UTF-8 text file unless it has more than `maxBytes`: then only its size comes back.
 * One open and one fstat, as `readFileSync` does anyway, so discovery need not stat every file;
 * the stat (taken before the read) comes back with the text.
 * Throws the file-system error as is.
 */
export function readTextUpTo(absolutePath: string, maxBytes: number): { text: string; stat: fs.Stats } | { size: number } {
  const descriptor = fs.openSync(absolutePath, 'r');
  try {
    const stat = fs.fstatSync(descriptor);
    if (stat.size > maxBytes) return { size: stat.size };
    return { text: fs.readFileSync(descriptor, 'utf8'), stat };
  } finally {
    fs.closeSync(descriptor);
  }
}
