import fs from 'node:fs';

/** True when the path exists and is a directory. */
export function isDirectory(absolutePath: string): boolean {
  try {
    return fs.statSync(absolutePath).isDirectory();
  } catch {
    return false;
  }
}
