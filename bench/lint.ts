import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { discoverFiles } from '../src/discover/discover-files.js';
import { formatBoundaries, toBoundariesFromFolders } from '../src/lint/boundaries-from-result.js';
import { CACHE_DIRECTORY } from '../src/cache/facts-cache.js';
import { lint, type LintOptions } from '../src/lint/lint.js';

/** Median of numbers. */
function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? 0;
}

interface Timing {
  wall: number;
  cpu: number;
}

/** Wall and CPU (user + system) milliseconds of one call. */
function measure(run: () => void): Timing {
  const cpuBefore = process.cpuUsage();
  const started = performance.now();
  run();
  const wall = performance.now() - started;
  const cpu = process.cpuUsage(cpuBefore);
  return { wall, cpu: (cpu.user + cpu.system) / 1000 };
}

function describe(times: Timing[]): string {
  const wall = median(times.map((time) => time.wall));
  const cpu = median(times.map((time) => time.cpu));
  return `median ${wall.toFixed(0)} ms wall, ${cpu.toFixed(0)} ms cpu (wall runs: ${times.map((time) => time.wall.toFixed(0)).join(', ')})`;
}

/**
 * `node dist/bench/lint.js <repo>[:<folders>] …`: reported numbers, never asserted. Copies each
 * repo to a temporary directory (the cache and the edits go there), writes boundaries from its
 * folders (a depth or a folder glob, default 2), then times a full lint cold (no cache) and warm,
 * and a 10-file change with a warm cache, both checked in full and with only the changed files
 * (as --changed-since would give them). Median of three runs each.
 */
function main(): void {
  const output = process.stdout;
  output.write(`machine: ${os.cpus().length} × ${os.cpus()[0]?.model ?? 'cpu'}, load ${os.loadavg()[0]?.toFixed(1)}, Node ${process.version}\n`);
  for (const argument of process.argv.slice(2)) {
    const [repo, folders = '2'] = argument.split(':') as [string, string | undefined];
    const root = fs.mkdtempSync(path.join(os.tmpdir(), 'seams-bench-lint-'));
    fs.cpSync(path.resolve(repo), root, { recursive: true });
    const files = discoverFiles({ root, include: [], exclude: [], defaultExcludes: true }).files.map((file) => file.id);
    fs.writeFileSync(path.join(root, 'seams.boundaries.json'), formatBoundaries(toBoundariesFromFolders(files, folders), 'json'));
    const options: LintOptions = { root };
    const clearCache = (): void => fs.rmSync(path.join(root, CACHE_DIRECTORY), { recursive: true, force: true });

    const cold: Timing[] = [];
    for (let run = 0; run < 3; run += 1) {
      clearCache();
      cold.push(measure(() => lint(options)));
    }
    const warm: Timing[] = [];
    for (let run = 0; run < 3; run += 1) warm.push(measure(() => lint(options)));
    const report = lint(options);

    const step = Math.max(1, Math.floor(files.length / 10));
    const changed = files.filter((_, index) => index % step === 0).slice(0, 10);
    const touch = (run: number): void => {
      for (const file of changed) fs.appendFileSync(path.join(root, file), `\n// seams bench edit ${run}\n`);
    };
    const changedFull: Timing[] = [];
    const changedOnly: Timing[] = [];
    for (let run = 0; run < 3; run += 1) {
      touch(run * 2);
      changedFull.push(measure(() => lint(options)));
      touch(run * 2 + 1);
      changedOnly.push(measure(() => lint({ ...options, changedFiles: changed })));
    }
    const domains = report.domains.length;
    output.write(`lint ${repo} (${report.files} files, ${domains} domains from folders ${folders}, ${report.violations.length} violations):\n`);
    output.write(`  full, cold cache:              ${describe(cold)}\n`);
    output.write(`  full, warm cache:              ${describe(warm)}\n`);
    output.write(`  10 files changed, full check:  ${describe(changedFull)}\n`);
    output.write(`  10 files changed, only those:  ${describe(changedOnly)}\n`);
    fs.rmSync(root, { recursive: true, force: true });
  }
}

main();
