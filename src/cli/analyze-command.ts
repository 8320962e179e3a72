import path from 'node:path';
import { parseArgs } from 'node:util';
import { analyze, DEFAULT_RESOLUTION, DEFAULT_SEED, type AnalyzeOptions } from '../pipeline/analyze.js';
import { DEFAULT_CALL_DEPTH } from '../callgraph/trace-scopes.js';
import { DEFAULT_RUNS, type Pin } from '../cluster/cluster-graph.js';
import { SeamsError } from '../errors.js';
import { BUNDLED_FIXTURE } from '../version.js';
import { analyzers as registeredAnalyzers } from '../../analyzers/index.js';
import type { AnyAnalyzer } from '../plugin/index.js';
import { ANALYZE_HELP } from './help.js';
import { combineListeners, createPerformanceRecorder, createProgressRenderer } from './progress-renderer.js';
import { checkReportArguments, writeReports, REPORT_ARGUMENTS } from './report-command.js';
import { EXIT_CODES, type CliStreams } from './run-cli.js';

/** Parses a number option, or explains what was wrong. */
export function toNumberOption(name: string, value: string | undefined, fallback: number, check: (n: number) => boolean, expected: string): number {
  if (value === undefined) return fallback;
  const number = Number(value);
  if (!Number.isFinite(number) || !check(number)) {
    throw new SeamsError('usage', `--${name} must be ${expected}; got "${value}".`);
  }
  return number;
}

/** Commits `--history` reads when given without a number. */
export const DEFAULT_HISTORY = 500;

/** `--history` takes an optional count: give it the default when no number follows. */
export function withHistoryCount(argv: readonly string[]): string[] {
  const out: string[] = [];
  for (const [index, argument] of argv.entries()) {
    out.push(argument);
    if (argument === '--history' && !/^\d+$/.test(argv[index + 1] ?? '')) out.push(String(DEFAULT_HISTORY));
  }
  return out;
}

/** Parses repeatable `--pin <glob>=<domain>` values. */
export function toPins(values: readonly string[] | undefined): Pin[] {
  return (values ?? []).map((value) => {
    const at = value.lastIndexOf('=');
    const glob = value.slice(0, at).trim();
    const domain = value.slice(at + 1).trim();
    if (at <= 0 || glob === '' || !/^[A-Za-z0-9][A-Za-z0-9._-]*$/.test(domain)) {
      throw new SeamsError('usage', `--pin must be <glob>=<domain> with a domain of letters, digits, '.', '_' or '-'; got "${value}". Example: --pin 'src/billing/**=billing'.`);
    }
    return { glob, domain };
  });
}

/** Options that shape an analysis, shared by the commands that analyze (analyze, tui). */
export const ANALYSIS_OPTIONS = {
  resolution: { type: 'string' },
  seed: { type: 'string' },
  include: { type: 'string', multiple: true },
  exclude: { type: 'string', multiple: true },
  'default-excludes': { type: 'boolean', default: true },
  types: { type: 'boolean', default: true },
  runs: { type: 'string' },
  clusters: { type: 'string' },
  pin: { type: 'string', multiple: true },
  history: { type: 'string' },
  depth: { type: 'string' },
  cache: { type: 'boolean', default: false },
  workers: { type: 'string' },
} as const;

/** The analysis settings from parsed {@link ANALYSIS_OPTIONS}; a bad number is a usage error. */
export function toAnalysisSettings(values: {
  resolution?: string;
  seed?: string;
  include?: string[];
  exclude?: string[];
  'default-excludes'?: boolean;
  types?: boolean;
  runs?: string;
  clusters?: string;
  pin?: string[];
  history?: string;
  depth?: string;
  cache?: boolean;
  workers?: string;
}): Required<Pick<AnalyzeOptions, 'include' | 'exclude' | 'defaultExcludes' | 'types' | 'resolution' | 'seed' | 'runs' | 'pins' | 'depth' | 'cache'>> &
  Pick<AnalyzeOptions, 'clusters' | 'history' | 'workers'> {
  return {
    runs: toNumberOption('runs', values.runs, DEFAULT_RUNS, (n) => Number.isInteger(n) && n >= 1 && n <= 200, 'a whole number from 1 to 200'),
    clusters: values.clusters === undefined ? undefined : toNumberOption('clusters', values.clusters, 0, (n) => Number.isInteger(n) && n >= 1, 'a whole number of 1 or more'),
    history: values.history === undefined ? undefined : toNumberOption('history', values.history, DEFAULT_HISTORY, (n) => Number.isInteger(n) && n >= 1, 'a whole number of 1 or more'),
    pins: toPins(values.pin),
    depth: toNumberOption('depth', values.depth, DEFAULT_CALL_DEPTH, (n) => Number.isInteger(n) && n >= 0 && n <= 50, 'a whole number from 0 to 50'),
    cache: values.cache ?? false,
    workers: values.workers === undefined ? undefined : toNumberOption('workers', values.workers, 0, (n) => Number.isInteger(n) && n >= 0 && n <= 16, 'a whole number from 0 to 16'),
    include: values.include ?? [],
    exclude: values.exclude ?? [],
    defaultExcludes: values['default-excludes'] ?? true,
    types: values.types ?? true,
    resolution: toNumberOption('resolution', values.resolution, DEFAULT_RESOLUTION, (n) => n > 0, 'a number above 0'),
    seed: toNumberOption('seed', values.seed, DEFAULT_SEED, (n) => Number.isInteger(n) && n >= 0, 'a whole number of 0 or more'),
  };
}

/** The analyzers `--analyzers a,b` names (all registered ones when not given), or a usage error naming the known ids. */
export function chooseAnalyzers(value: string | undefined): AnyAnalyzer[] {
  if (value === undefined) return Object.values(registeredAnalyzers);
  const known = registeredAnalyzers as Record<string, AnyAnalyzer>;
  const ids = value.split(',').map((id) => id.trim()).filter((id) => id !== '');
  const unknown = ids.filter((id) => !Object.hasOwn(known, id));
  if (ids.length === 0 || unknown.length > 0) {
    throw new SeamsError('usage', `Unknown --analyzers "${value}". Analyzers: ${Object.keys(known).join(', ')} (comma-separated).`);
  }
  return [...new Set(ids)].map((id) => known[id] as AnyAnalyzer);
}

/** `seams analyze [dir]`. */
export async function runAnalyzeCommand(argv: string[], streams: CliStreams): Promise<number> {
  const { values, positionals } = parseArgs({
    args: withHistoryCount(argv),
    allowPositionals: true,
    allowNegative: true,
    options: {
      ...REPORT_ARGUMENTS,
      ...ANALYSIS_OPTIONS,
      analyzers: { type: 'string' },
      performance: { type: 'boolean', default: false },
      help: { type: 'boolean', short: 'h' },
    },
  });
  if (values.help) {
    streams.stdout.write(ANALYZE_HELP);
    return EXIT_CODES.ok;
  }
  if (positionals.length > 1) {
    throw new SeamsError('usage', `analyze takes one directory; got ${positionals.length} (${positionals.join(', ')}). Quote globs given to --include/--exclude.`);
  }
  checkReportArguments(values, streams);
  const settings = toAnalysisSettings(values);
  const analyzers = chooseAnalyzers(values.analyzers);

  let root = positionals[0];
  let displayRoot = root;
  if (root === undefined) {
    root = BUNDLED_FIXTURE;
    displayRoot = 'fixtures/ecommerce (bundled)';
    streams.stderr.write(
      'seams: no directory given, so analyzing the bundled fixture monolith (fixtures/ecommerce). Run "seams analyze <dir>" on your own repository.\n',
    );
  }
  const progress = streams.stderr.isTTY ? createProgressRenderer(streams.stderr) : undefined;
  const performance = values.performance ? createPerformanceRecorder() : undefined;
  const result = analyze({
    root: path.resolve(streams.cwd, root),
    displayRoot,
    ...settings,
    analyzers,
    onProgress: combineListeners(progress?.listener, performance?.listener),
  });
  progress?.finish();
  if (performance) streams.stderr.write(performance.report());
  writeReports(result, values, streams, path.resolve(streams.cwd, root));
  return EXIT_CODES.ok;
}
