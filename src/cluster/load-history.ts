import { spawnSync } from 'node:child_process';
import type { ModuleId } from '../model/facts.js';
import type { Diagnostic, Edge } from '../model/result.js';
import { compareText } from '../model/diagnostics.js';
import { compareEdges, type ModuleGraph } from '../graph/build-graph.js';

/** Diagnostic code when --history cannot read git history (not a repository, no git). */
export const HISTORY_UNAVAILABLE = 'history-unavailable';

/** Commits touching more analyzed modules than this are bulk changes (renames, formatting): no co-change. */
export const MAXIMUM_COMMIT_SIZE = 30;
/** Two modules must change together at least this often to be tied. */
export const MINIMUM_CO_CHANGES = 2;

/** What git history says about the analyzed modules. */
export interface History {
  /** Commits read. */
  commits: number;
  /** Module pairs (a < b) changed together, with how often. */
  coChanges: { a: ModuleId; b: ModuleId; commits: number }[];
  /** The author of most commits to each module (ties: the first in code-unit order). */
  owners: Map<ModuleId, string>;
  diagnostics: Diagnostic[];
}

/** Runs git (an argument array, never a shell) in the root; undefined with a reason when it cannot. */
function runGitLog(root: string, limit: number): { output: string } | { problem: string } {
  const run = spawnSync('git', ['log', `--max-count=${limit}`, '--no-merges', '--no-renames', '--relative', '--name-only', '--format=%x1e%ae'], {
    cwd: root,
    encoding: 'utf8',
    maxBuffer: 512 * 1024 * 1024,
    shell: false,
    windowsHide: true,
  });
  if (run.error) return { problem: `git could not be run (${run.error.message})` };
  if (run.status !== 0) return { problem: (run.stderr || `git exited with ${run.status}`).trim().split('\n')[0] ?? 'git failed' };
  return { output: run.stdout };
}

/** Parses `git log --name-only --format=%x1e%ae` output into commits (author and changed paths). */
export function parseGitLog(output: string): { author: string; files: string[] }[] {
  const commits: { author: string; files: string[] }[] = [];
  for (const record of output.split('\u001e')) {
    const lines = record.split('\n').map((line) => line.trim());
    const author = lines.shift();
    if (!author) continue;
    commits.push({ author: author.toLowerCase(), files: lines.filter((line) => line.length > 0) });
  }
  return commits;
}

/** Co-change pairs and owners from parsed commits, over the analyzed modules only. */
export function toHistory(commits: { author: string; files: string[] }[], modules: ReadonlySet<string>): History {
  const pairs = new Map<string, number>();
  const authorship = new Map<string, Map<string, number>>();
  for (const commit of commits) {
    const changed = [...new Set(commit.files.filter((file) => modules.has(file)))].sort(compareText);
    for (const module of changed) {
      if (!authorship.has(module)) authorship.set(module, new Map());
      const counts = authorship.get(module) as Map<string, number>;
      counts.set(commit.author, (counts.get(commit.author) ?? 0) + 1);
    }
    if (changed.length > MAXIMUM_COMMIT_SIZE) continue;
    for (let i = 0; i < changed.length; i += 1) {
      for (let j = i + 1; j < changed.length; j += 1) {
        const key = `${changed[i]}\u0000${changed[j]}`;
        pairs.set(key, (pairs.get(key) ?? 0) + 1);
      }
    }
  }
  const coChanges = [...pairs]
    .filter(([, count]) => count >= MINIMUM_CO_CHANGES)
    .map(([key, count]) => {
      const [a, b] = key.split('\u0000') as [ModuleId, ModuleId];
      return { a, b, commits: count };
    })
    .sort((x, y) => compareText(x.a, y.a) || compareText(x.b, y.b));
  const owners = new Map<ModuleId, string>();
  for (const [module, counts] of [...authorship].sort((x, y) => compareText(x[0], y[0]))) {
    const [owner] = [...counts].sort((x, y) => y[1] - x[1] || compareText(x[0], y[0]))[0] ?? [];
    if (owner !== undefined) owners.set(module as ModuleId, owner);
  }
  return { commits: commits.length, coChanges, owners, diagnostics: [] };
}

/**
 * Reads the last `limit` commits of git history under the root (`git log`, run as a child
 * process with an argument array): which analyzed modules change together, and who mostly
 * changes each. Not a repository, or no git: a diagnostic and an empty history; the run goes on.
 */
export function loadHistory(root: string, modules: readonly { id: ModuleId }[], limit: number): History {
  const log = runGitLog(root, limit);
  if ('problem' in log) {
    return {
      commits: 0,
      coChanges: [],
      owners: new Map(),
      diagnostics: [{ code: HISTORY_UNAVAILABLE, message: `--history: cannot read git history of ${root}: ${log.problem}. Co-change and ownership are left out; run seams inside a git work tree to use them.` }],
    };
  }
  return toHistory(parseGitLog(log.output), new Set(modules.map((module) => module.id)));
}

/** Adds one `co-change` edge per module pair that changed together (weight: commits; no source lines). */
export function addHistoryEdges(graph: ModuleGraph, history: History): void {
  const edges: Edge[] = history.coChanges.map(({ a, b, commits }) => ({ from: a, to: b, kind: 'co-change', weight: commits, locations: [], via: ['git'] }));
  if (edges.length === 0) return;
  graph.edges = [...graph.edges, ...edges].sort(compareEdges);
}
