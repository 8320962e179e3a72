import fs from 'node:fs';
import path from 'node:path';

/**
 * Writes a file atomically: the text goes to a temporary file beside the target, which is then
 * renamed over it, so a crash never leaves a half-written file.
 */
export function writeFileAtomic(target: string, text: string | Uint8Array): void {
  const directory = path.dirname(path.resolve(target));
  fs.mkdirSync(directory, { recursive: true });
  const temporary = path.join(directory, `.${path.basename(target)}.${process.pid}.${Date.now()}.tmp`);
  try {
    fs.writeFileSync(temporary, text);
    fs.renameSync(temporary, target);
  } catch (error) {
    fs.rmSync(temporary, { force: true });
    throw error;
  }
}
