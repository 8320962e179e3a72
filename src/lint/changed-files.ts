import { execFileSync } from 'node:child_process';
import { SeamsError } from '../errors.js';

/** Runs git in `cwd` with an argument array (never a shell) and returns stdout. */
function runGit(cwd: string, args: string[]): string {
  return execFileSync('git', args, { cwd, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'], maxBuffer: 256 * 1024 * 1024 });
}

function gitFailure(error: unknown): string {
  const stderr = (error as { stderr?: unknown }).stderr;
  const text = typeof stderr === 'string' && stderr.trim() !== '' ? stderr.trim().split('\n')[0] : (error as Error).message;
  return text ?? 'git failed';
}

/**
 * The files under `root` that differ from `ref`: changed, added or deleted since it (committed or
 * not), plus untracked files git does not ignore. Paths are POSIX, relative to `root`. A ref git
 * does not know, or a root outside a git work tree, is a usage error (exit code 2).
 */
export function listChangedFiles(root: string, ref: string): string[] {
  if (ref.startsWith('-')) throw new SeamsError('usage', `--changed-since takes a git ref (a branch, tag or commit); got "${ref}".`);
  try {
    runGit(root, ['rev-parse', '--verify', '--quiet', '--end-of-options', `${ref}^{commit}`]);
  } catch (error) {
    const reason = (error as { status?: number }).status === 1 ? `git does not know "${ref}"` : gitFailure(error);
    throw new SeamsError(
      'usage',
      `--changed-since ${ref}: ${reason}. Give a branch, tag or commit of the repository (in CI, fetch it first: "git fetch origin main" and use origin/main).`,
    );
  }
  try {
    const changed = runGit(root, ['diff', '--name-only', '--no-renames', '--relative', '-z', ref, '--']);
    const untracked = runGit(root, ['ls-files', '--others', '--exclude-standard', '-z']);
    const files = new Set([...changed.split('\0'), ...untracked.split('\0')].filter((file) => file !== ''));
    return [...files].sort();
  } catch (error) {
    throw new SeamsError('usage', `--changed-since ${ref}: ${gitFailure(error)}.`);
  }
}
