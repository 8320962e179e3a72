import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { PACKAGE_ROOT } from '../src/version.js';
import { runCli } from '../src/cli/run-cli.js';

/** Absolute path of a bundled fixture. */
export function fixturePath(name: string): string {
  return path.join(PACKAGE_ROOT, 'fixtures', name);
}

/** The fixtures that have an expected.json. */
export function fixturesWithTruth(): string[] {
  return fs
    .readdirSync(path.join(PACKAGE_ROOT, 'fixtures'))
    .filter((name) => fs.existsSync(path.join(PACKAGE_ROOT, 'fixtures', name, 'expected.json')))
    .sort();
}

/** Writes a throwaway repo (path → text) under the OS temp dir and returns its root. */
export function createTempRepo(files: Record<string, string>): string {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'seams-test-'));
  for (const [file, text] of Object.entries(files)) {
    const absolute = path.join(root, file);
    fs.mkdirSync(path.dirname(absolute), { recursive: true });
    fs.writeFileSync(absolute, text);
  }
  return root;
}

/** What a CLI run printed and returned. */
export interface CliRun {
  code: number;
  stdout: string;
  stderr: string;
}

/** Runs the CLI in process with captured streams. */
export async function runCliCaptured(argv: string[], options: { cwd?: string; tty?: boolean; env?: Record<string, string> } = {}): Promise<CliRun> {
  let stdout = '';
  let stderr = '';
  const code = await runCli(argv, {
    stdout: { write: (text: string) => (stdout += text), isTTY: options.tty ?? false },
    stderr: { write: (text: string) => (stderr += text), isTTY: false },
    env: options.env ?? {},
    cwd: options.cwd ?? process.cwd(),
  });
  return { code, stdout, stderr };
}
