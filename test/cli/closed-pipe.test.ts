import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import path from 'node:path';
import { PACKAGE_ROOT } from '../../src/version.js';
import { fixturePath } from '../helpers.js';

test('cli: a reader that closes the pipe early (seams analyze | head) ends the run quietly, exit 0', async () => {
  const child = spawn(process.execPath, [path.join(PACKAGE_ROOT, 'dist/src/cli/bin.js'), 'analyze', fixturePath('ecommerce'), '--format', 'json'], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stderr = '';
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  child.stdout.once('data', () => child.stdout.destroy());
  const code = await new Promise<number | null>((resolve) => child.on('close', resolve));
  assert.equal(code, 0, stderr);
  assert.doesNotMatch(stderr, /EPIPE|Unhandled/);
});
