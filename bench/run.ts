import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { execFileSync } from 'node:child_process';
import { parseArgs } from 'node:util';
import { PACKAGE_ROOT } from '../src/version.js';
import { CACHE_DIRECTORY } from '../src/cache/facts-cache.js';
import { GENERATOR_VERSION, generateMonolith } from './generate-monolith.js';
import { hasGnuTime, measure, median, type Measurement, type TimedCommand } from './measure.js';
import { measureSqlThroughput } from './sql-throughput.js';

/** A tree to benchmark: generated at a size, or a repository given by path. */
export interface BenchTarget {
  label: string;
  root: string;
  /** Source files and lines the generator wrote (generated trees only). */
  files?: number;
  lines?: number;
}

/** One tool of the benchmark: how to run it on a target, and how to read what it found. */
interface BenchTool {
  id: string;
  label: string;
  command(target: BenchTarget, scratch: string): TimedCommand;
  /** Modules and import edges in the tool's output, as a check that every tool read the same tree. */
  count?(output: string): { modules: number; edges: number } | undefined;
  /** Runs before each timed run (e.g. change 10 files); undoes itself with the returned function. */
  prepare?(target: BenchTarget, scratch: string): () => void;
}

/** The numbers of one tool on one target. */
export interface ToolResult {
  tool: string;
  label: string;
  runs: Measurement[];
  medianMs: number | undefined;
  peakRss: number | undefined;
  modules?: number;
  edges?: number;
  failed?: string;
}

/** The numbers of one target. */
export interface TargetResult {
  target: BenchTarget;
  tools: ToolResult[];
}

/** Everything one `npm run bench` measured, with the machine it ran on (written as JSON for the chart). */
export interface BenchResults {
  machine: MachineInfo;
  runs: number;
  targets: TargetResult[];
}

/** The machine, as docs/benchmarks.md describes it. */
export interface MachineInfo {
  cpus: number;
  cpuModel: string;
  memoryGiB: number;
  node: string;
  loadAverage: number[];
  rssSource: string;
}

const SEAMS_BIN = path.join(PACKAGE_ROOT, 'dist/src/cli/bin.js');

/** The path of a devDependency's bin script. */
function binOf(packageName: string, bin: string): string {
  const manifestPath = path.join(PACKAGE_ROOT, 'node_modules', packageName, 'package.json');
  const manifest = JSON.parse(fs.readFileSync(manifestPath, 'utf8')) as { bin: string | Record<string, string> };
  const relative = typeof manifest.bin === 'string' ? manifest.bin : (manifest.bin[bin] as string);
  return path.join(path.dirname(manifestPath), relative);
}

const EXTENSIONS = 'ts,tsx,mts,cts,js,jsx,mjs,cjs';

function tsconfigArgs(flag: string, target: BenchTarget): string[] {
  const tsconfig = path.join(target.root, 'tsconfig.json');
  return fs.existsSync(tsconfig) ? [flag, tsconfig] : [];
}

function seamsCount(output: string): { modules: number; edges: number } | undefined {
  const result = JSON.parse(output) as { stats: { files: number; imports: { internal: number } } };
  return { modules: result.stats.files, edges: result.stats.imports.internal };
}

/** `seams analyze` as a user runs it: a child process writing its JSON report. */
function seamsTool(id: string, label: string, extra: string[]): BenchTool {
  return {
    id,
    label,
    command: (target, scratch) => ({
      command: process.execPath,
      args: [SEAMS_BIN, 'analyze', target.root, '--format', 'json', '--output', path.join(scratch, `${id}.json`), ...extra],
    }),
    count: seamsCount,
  };
}

/** Every tool, in the order they take turns. */
export function createTools(): BenchTool[] {
  const tools: BenchTool[] = [
    seamsTool('seams', 'seams analyze (full)', []),
    seamsTool('seams-imports', 'seams analyze --analyzers imports --no-types', ['--analyzers', 'imports', '--no-types']),
    {
      id: 'madge',
      label: 'madge --json',
      command: (target, scratch) => ({
        command: process.execPath,
        args: [binOf('madge', 'madge'), '--extensions', EXTENSIONS, ...tsconfigArgs('--ts-config', target), '--json', target.root],
        stdoutFile: path.join(scratch, 'madge.json'),
      }),
      count: (output) => {
        const graph = JSON.parse(output) as Record<string, string[]>;
        return { modules: Object.keys(graph).length, edges: Object.values(graph).reduce((sum, targets) => sum + targets.length, 0) };
      },
    },
    {
      id: 'depcruise',
      label: 'depcruise -T json',
      command: (target, scratch) => ({
        command: process.execPath,
        args: [
          binOf('dependency-cruiser', 'depcruise'), '--no-config', ...tsconfigArgs('--ts-config', target), '--ts-pre-compilation-deps',
          '--exclude', '(^|/)(node_modules|dist|build)/', '--output-type', 'json', '--output-to', path.join(scratch, 'depcruise.json'), '.',
        ],
        cwd: target.root,
      }),
      count: (output) => {
        const result = JSON.parse(output) as { modules: { source: string; coreModule?: boolean; couldNotResolve?: boolean; dependencies: { resolved: string; coreModule: boolean; couldNotResolve: boolean; dependencyTypes: string[] }[] }[] };
        const local = result.modules.filter((module) => !module.coreModule && !module.couldNotResolve && !module.source.includes('node_modules'));
        const edges = local.reduce((sum, module) => sum + module.dependencies.filter((dependency) => !dependency.coreModule && !dependency.couldNotResolve && !dependency.dependencyTypes.some((type) => type.startsWith('npm'))).length, 0);
        return { modules: local.length, edges };
      },
    },
  ];
  // Warm re-analysis: `--cache` after one untimed cold run, as is and after a 10-file change.
  const warmUp = (target: BenchTarget, scratch: string): void => {
    execFileSync(process.execPath, [SEAMS_BIN, 'analyze', target.root, '--cache', '--format', 'json', '--output', path.join(scratch, 'warm-up.json')], { stdio: 'ignore' });
  };
  tools.push({
    ...seamsTool('seams-warm', 'seams analyze --cache (warm)', ['--cache']),
    prepare: (target, scratch) => {
      warmUp(target, scratch);
      return () => undefined;
    },
  });
  tools.push({
    ...seamsTool('seams-warm-10', 'seams analyze --cache, 10 files changed', ['--cache']),
    prepare: (target, scratch) => {
      warmUp(target, scratch);
      return changeFiles(target.root, 10);
    },
  });
  // seams lint against boundaries from the folders (depth 2), the baseline recorded first so a run exits 0.
  const lintArgs = (target: BenchTarget, scratch: string): string[] => [
    SEAMS_BIN, 'lint', target.root, '--boundaries', path.join(scratch, 'seams.boundaries.json'), '--baseline', path.join(scratch, 'seams.baseline.json'),
    '--format', 'json', '--output', path.join(scratch, 'lint.json'),
  ];
  const prepareLint = (target: BenchTarget, scratch: string, cache: 'cold' | 'warm'): void => {
    const boundaries = path.join(scratch, 'seams.boundaries.json');
    if (!fs.existsSync(boundaries)) {
      execFileSync(process.execPath, [SEAMS_BIN, 'boundaries', 'init', target.root, '--from-folders', '2', '--output', boundaries], { stdio: 'ignore' });
      execFileSync(process.execPath, [...lintArgs(target, scratch), '--update-baseline'], { stdio: 'ignore' });
    }
    if (cache === 'cold') fs.rmSync(path.join(target.root, CACHE_DIRECTORY), { recursive: true, force: true });
    else execFileSync(process.execPath, lintArgs(target, scratch), { stdio: 'ignore' });
  };
  const lintTool = (id: string, label: string, prepare: (target: BenchTarget, scratch: string) => () => void): BenchTool => ({
    id,
    label,
    command: (target, scratch) => ({ command: process.execPath, args: lintArgs(target, scratch) }),
    prepare,
  });
  tools.push(
    lintTool('lint-cold', 'seams lint (cold: no cache)', (target, scratch) => {
      prepareLint(target, scratch, 'cold');
      return () => undefined;
    }),
    lintTool('lint-warm', 'seams lint (warm cache)', (target, scratch) => {
      prepareLint(target, scratch, 'warm');
      return () => undefined;
    }),
    lintTool('lint-10', 'seams lint, 10 files changed (warm cache)', (target, scratch) => {
      prepareLint(target, scratch, 'warm');
      return changeFiles(target.root, 10);
    }),
  );
  return tools;
}


/**
 * Appends a comment line to `count` source files (the same files every time: the first in sorted
 * order under src/), for "after a 10-file change" runs; returns a function that restores them.
 */
export function changeFiles(root: string, count: number): () => void {
  const files: string[] = [];
  const walk = (directory: string): void => {
    for (const entry of fs.readdirSync(directory, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : 1))) {
      if (files.length >= count) return;
      if (entry.name === 'node_modules' || entry.name.startsWith('.')) continue;
      const absolute = path.join(directory, entry.name);
      if (entry.isDirectory()) walk(absolute);
      else if (/\.tsx?$/.test(entry.name) && !entry.name.endsWith('.d.ts')) files.push(absolute);
    }
  };
  walk(fs.existsSync(path.join(root, 'src')) ? path.join(root, 'src') : root);
  const originals = files.map((file) => fs.readFileSync(file, 'utf8'));
  files.forEach((file, index) => fs.writeFileSync(file, `${originals[index]}\n// changed by seams bench\n`));
  return () => files.forEach((file, index) => fs.writeFileSync(file, originals[index] as string));
}

/** `1k` → 1000, `2.5k` → 2500, `800` → 800. */
export function parseSize(text: string): number {
  const match = /^(\d+(?:\.\d+)?)(k?)$/i.exec(text.trim());
  if (!match) throw new Error(`--sizes: "${text}" is not a size (e.g. 1k, 10k, 30k or 5000)`);
  return Math.round(Number(match[1]) * (match[2] ? 1000 : 1));
}

/** A generated monolith of `files` files, reused from the temp dir when it was generated before with the same version and seed. */
export function generatedTarget(files: number, seed: number, baseDir = path.join(os.tmpdir(), 'seams-bench')): BenchTarget {
  const root = path.join(baseDir, `monolith-${files}-seed${seed}-v${GENERATOR_VERSION}`);
  const marker = path.join(root, '.seams-bench.json');
  if (fs.existsSync(marker)) {
    const generated = JSON.parse(fs.readFileSync(marker, 'utf8')) as { files: number; lines: number };
    return { label: `synthetic ${files}`, root, files: generated.files, lines: generated.lines };
  }
  fs.rmSync(root, { recursive: true, force: true });
  const generated = generateMonolith(root, { files, seed });
  fs.writeFileSync(marker, `${JSON.stringify(generated)}\n`);
  return { label: `synthetic ${files}`, root, files: generated.files, lines: generated.lines };
}

/** Describes the machine (from `os` and /proc/cpuinfo). */
export function describeMachine(): MachineInfo {
  let cpuModel = os.cpus()[0]?.model ?? 'unknown';
  try {
    cpuModel = /model name\s*:\s*(.+)/.exec(fs.readFileSync('/proc/cpuinfo', 'utf8'))?.[1]?.trim() ?? cpuModel;
  } catch {
    // not Linux: os.cpus() is enough
  }
  return {
    cpus: os.cpus().length,
    cpuModel,
    memoryGiB: Math.round(os.totalmem() / 2 ** 30),
    node: process.version,
    loadAverage: os.loadavg().map((load) => Math.round(load * 100) / 100),
    rssSource: hasGnuTime() ? 'GNU time %M' : '/proc/<pid>/status VmHWM, polled every 20 ms',
  };
}

const MIB = 2 ** 20;
const seconds = (ms: number | undefined) => (ms === undefined ? 'n/a' : (ms / 1000).toFixed(2));
const mebibytes = (bytes: number | undefined) => (bytes === undefined ? 'n/a' : `${Math.round(bytes / MIB)}`);

/** The table of one target: median wall time, peak RSS, what each tool found, and the ratio to seams' full analysis. */
export function formatTarget(result: TargetResult): string {
  const base = result.tools.find((tool) => tool.tool === 'seams')?.medianMs;
  const header = ['tool', 'wall s (median)', 'runs s', 'peak RSS MiB', 'modules', 'edges', 'x seams full'];
  const rows = result.tools.map((tool) => [
    tool.label,
    tool.failed ? `failed` : seconds(tool.medianMs),
    tool.runs.map((run) => seconds(run.milliseconds)).join(' '),
    mebibytes(tool.peakRss),
    tool.modules === undefined ? '' : String(tool.modules),
    tool.edges === undefined ? '' : String(tool.edges),
    base && tool.medianMs && !tool.failed ? `${(tool.medianMs / base).toFixed(1)}x` : '',
  ]);
  const widths = header.map((title, column) => Math.max(title.length, ...rows.map((row) => (row[column] ?? '').length)));
  const line = (cells: string[]) => cells.map((cell, column) => (column === 0 ? cell.padEnd(widths[column] ?? 0) : cell.padStart(widths[column] ?? 0))).join('  ');
  const size = result.target.files ? ` (${result.target.files} files, ${result.target.lines} lines)` : '';
  const failures = result.tools.filter((tool) => tool.failed).map((tool) => `  ${tool.label} failed: ${tool.failed}`);
  return [`${result.target.label}${size}: ${result.target.root}`, line(header), ...rows.map(line), ...failures, ''].join('\n');
}

/** Runs every tool on one target, `runs` times, in turns (tool A, B, C, D, then again), so load changes hit all alike. */
export async function benchTarget(target: BenchTarget, tools: readonly BenchTool[], runs: number, timeoutMs: number, log: (text: string) => void): Promise<TargetResult> {
  const scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'seams-bench-out-'));
  const results: ToolResult[] = tools.map((tool) => ({ tool: tool.id, label: tool.label, runs: [], medianMs: undefined, peakRss: undefined }));
  for (let run = 0; run < runs; run += 1) {
    for (const [index, tool] of tools.entries()) {
      const result = results[index] as ToolResult;
      if (result.failed) continue;
      const restore = tool.prepare?.(target, scratch);
      const command = { ...tool.command(target, scratch), timeoutMs };
      const measurement = await measure(command);
      restore?.();
      log(`  run ${run + 1}/${runs} ${tool.label}: ${seconds(measurement.milliseconds)} s, ${mebibytes(measurement.peakRss)} MiB${measurement.exitCode === 0 ? '' : ` (exit ${measurement.exitCode}${measurement.timedOut ? ', timed out' : ''})`}\n`);
      if (measurement.exitCode !== 0) {
        result.failed = measurement.timedOut ? `timed out after ${timeoutMs / 1000} s` : `exit ${measurement.exitCode}: ${measurement.stderrTail.trim().split('\n').slice(-2).join(' / ')}`;
        continue;
      }
      result.runs.push(measurement);
      if (run === 0 && tool.count) {
        const output = command.stdoutFile ?? path.join(scratch, tool.id === 'depcruise' ? 'depcruise.json' : `${tool.id}.json`);
        try {
          Object.assign(result, tool.count(fs.readFileSync(output, 'utf8')));
        } catch {
          // the count is a sanity check only
        }
      }
    }
  }
  for (const result of results) {
    if (result.runs.length === 0) continue;
    result.medianMs = median(result.runs.map((run) => run.milliseconds));
    const peaks = result.runs.map((run) => run.peakRss).filter((value): value is number => value !== undefined);
    result.peakRss = peaks.length > 0 ? Math.max(...peaks) : undefined;
  }
  fs.rmSync(scratch, { recursive: true, force: true });
  return { target, tools: results };
}

const USAGE = `Usage: npm run bench -- [options] [<repo> …]

Times seams analyze (full, and --analyzers imports --no-types), madge and dependency-cruiser on
generated monoliths and/or the repositories given, in turns, as child processes.

Options:
  --sizes <list>   generated sizes, e.g. 1k,10k,30k (default 1k; none when repos are given)
  --runs <n>       runs per tool and tree; the median is reported (default 3)
  --tools <list>   seams,seams-imports,seams-warm,seams-warm-10,lint-cold,lint-warm,lint-10,
                   madge,depcruise (default all)
  --seed <n>       generator seed (default 1)
  --timeout <s>    kill a run after this many seconds (default 900)
  --json <file>    where to write the results (default <tmp>/seams-bench/last-results.json)
  --no-sql         skip the SQL parser throughput line
`;

/**
 * `npm run bench [-- --sizes 1k,10k] [--runs 3] [--tools seams,madge] [--seed 1] [--json out.json] [<repo> …]`:
 * generates synthetic monoliths (kept in the temp dir between runs) or takes the repositories
 * given, then times `seams analyze` (full, and imports only), madge and dependency-cruiser on each
 * tree, in turns, as child processes: median wall time, peak RSS, and the ratio to seams' full
 * analysis. Numbers are reported, never asserted (see docs/benchmarks.md).
 */
async function main(): Promise<void> {
  const { values, positionals } = parseArgs({
    allowPositionals: true,
    options: {
      sizes: { type: 'string' },
      runs: { type: 'string', default: '3' },
      seed: { type: 'string', default: '1' },
      tools: { type: 'string' },
      json: { type: 'string' },
      timeout: { type: 'string', default: '900' },
      'no-sql': { type: 'boolean', default: false },
      help: { type: 'boolean', short: 'h' },
    },
  });
  if (values.help) {
    process.stdout.write(USAGE);
    return;
  }
  const output = process.stdout;
  const machine = describeMachine();
  output.write(`machine: ${machine.cpus} x ${machine.cpuModel}, ${machine.memoryGiB} GiB, Node ${machine.node}, load average ${machine.loadAverage.join(' ')}; peak RSS from ${machine.rssSource}\n`);
  if (!values['no-sql']) {
    const sql = await measureSqlThroughput();
    output.write(`sql: extractTableAccesses on ${sql.statements} generated statements: median ${sql.median} statements/s (runs: ${sql.perSecond.join(', ')})\n`);
  }
  const sizes = (values.sizes ?? (positionals.length > 0 ? '' : '1k')).split(',').filter((size) => size.trim() !== '').map(parseSize);
  const seed = Number(values.seed);
  const runs = Math.max(1, Number(values.runs));
  const wanted = values.tools?.split(',').map((tool) => tool.trim());
  const tools = createTools().filter((tool) => !wanted || wanted.includes(tool.id));
  const targets: BenchTarget[] = [];
  for (const size of sizes) {
    output.write(`generating a synthetic monolith of ${size} files (seed ${seed})…\n`);
    targets.push(generatedTarget(size, seed));
  }
  for (const repo of positionals) targets.push({ label: path.basename(path.resolve(repo)), root: path.resolve(repo) });
  const results: BenchResults = { machine, runs, targets: [] };
  for (const target of targets) {
    output.write(`\n${target.label}: ${runs} run(s) of ${tools.map((tool) => tool.id).join(', ')}, in turns\n`);
    const result = await benchTarget(target, tools, runs, Number(values.timeout) * 1000, (text) => output.write(text));
    results.targets.push(result);
    output.write(`\n${formatTarget(result)}`);
  }
  const jsonPath = values.json ?? path.join(os.tmpdir(), 'seams-bench', 'last-results.json');
  fs.mkdirSync(path.dirname(jsonPath), { recursive: true });
  fs.writeFileSync(jsonPath, `${JSON.stringify(results, null, 2)}\n`);
  output.write(`\nresults: ${jsonPath} (chart: node dist/bench/chart.js ${jsonPath} docs/benchmarks-time.svg)\n`);
}

if (import.meta.url === `file://${process.argv[1]}`) await main();
