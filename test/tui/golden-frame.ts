import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { PACKAGE_ROOT } from '../../src/version.js';

/** Compares a frame with test/tui/golden/<name>.txt; UPDATE_GOLDEN=1 rewrites the file. */
export function assertGoldenFrame(name: string, frame: string): void {
  const file = path.join(PACKAGE_ROOT, 'test', 'tui', 'golden', `${name}.txt`);
  const text = `${frame}\n`;
  if (process.env.UPDATE_GOLDEN === '1') {
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(file, text);
  }
  assert.ok(fs.existsSync(file), `no golden frame ${name}; run UPDATE_GOLDEN=1 npm test`);
  assert.equal(text, fs.readFileSync(file, 'utf8'), `frame ${name} differs from its golden file; check the change, then UPDATE_GOLDEN=1 npm test`);
}
