import path from 'node:path';
import { parseArgs } from 'node:util';
import { analyze, DEFAULT_RESOLUTION, DEFAULT_SEED } from '../pipeline/analyze.js';
import { SeamsError } from '../errors.js';
import { writeFileAtomic } from '../io/write-file-atomic.js';
import { BUNDLED_FIXTURE } from '../version.js';
import { reporters, isReportFormat, type ReportFormat } from '../../reports/index.js';
import { analyzers as registeredAnalyzers } from '../../analyzers/index.js';
import type { AnyAnalyzer } from '../plugin/index.js';
import { ANALYZE_HELP } from './help.js';
import { combineListeners, createPerformanceRecorder, createProgressRenderer } from './progress-renderer.js';
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

/** The report format: --format, else from --output's extension, else text on a terminal and json when piped. */
export function chooseFormat(format: string | undefined, output: string | undefined, stdoutIsTty: boolean): ReportFormat {
  if (format !== undefined) {
    if (!isReportFormat(format)) {
      throw new SeamsError('usage', `Unknown --format "${format}". Formats: ${Object.keys(reporters).join(', ')}.`);
    }
    return format;
  }
  if (output !== undefined) {
    const extension = path.extname(output).slice(1);
    if (extension === 'json') return 'json';
    if (extension === 'txt') return 'text';
  }
  return stdoutIsTty ? 'text' : 'json';
}

/** Whether colour may be used on stdout. */
export function allowsColor(streams: CliStreams): boolean {
  return Boolean(streams.stdout.isTTY) && streams.env.NO_COLOR === undefined && streams.env.TERM !== 'dumb';
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
    args: argv,
    allowPositionals: true,
    allowNegative: true,
    options: {
      format: { type: 'string' },
      output: { type: 'string', short: 'o' },
      resolution: { type: 'string' },
      seed: { type: 'string' },
      include: { type: 'string', multiple: true },
      exclude: { type: 'string', multiple: true },
      'default-excludes': { type: 'boolean', default: true },
      types: { type: 'boolean', default: true },
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
  const format = chooseFormat(values.format, values.output, Boolean(streams.stdout.isTTY));
  const resolution = toNumberOption('resolution', values.resolution, DEFAULT_RESOLUTION, (n) => n > 0, 'a number above 0');
  const seed = toNumberOption('seed', values.seed, DEFAULT_SEED, (n) => Number.isInteger(n) && n >= 0, 'a whole number of 0 or more');
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
    include: values.include ?? [],
    exclude: values.exclude ?? [],
    defaultExcludes: values['default-excludes'],
    types: values.types,
    resolution,
    seed,
    analyzers,
    onProgress: combineListeners(progress?.listener, performance?.listener),
  });
  progress?.finish();
  if (performance) streams.stderr.write(performance.report());
  const rendered = reporters[format].render(result, { color: values.output === undefined && allowsColor(streams) });
  if (values.output !== undefined) {
    const target = path.resolve(streams.cwd, values.output);
    try {
      writeFileAtomic(target, rendered);
    } catch (error) {
      throw new SeamsError('io', `Cannot write ${values.output}: ${error instanceof Error ? error.message : String(error)}.`);
    }
    streams.stderr.write(`seams: wrote ${format} to ${values.output}\n`);
  } else {
    streams.stdout.write(rendered);
  }
  return EXIT_CODES.ok;
}
