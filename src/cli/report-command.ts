import path from 'node:path';
import { parseArgs } from 'node:util';
import { SeamsError } from '../errors.js';
import { isDirectory } from '../io/is-directory.js';
import { readText } from '../io/read-text.js';
import { writeFileAtomic } from '../io/write-file-atomic.js';
import { analysisResultSchema, SCHEMA_VERSION, type AnalysisResult } from '../model/result.js';
import { reporters, isReportFormat, toFormatOfFile, REPORT_EXTENSIONS, type ReportFormat, type ReportOptions } from '../../reports/index.js';
import { REPORT_HELP } from './help.js';
import { EXIT_CODES, type CliStreams } from './run-cli.js';

/** The options `analyze` and `report` share: which reports, where, and how they link. */
export const REPORT_ARGUMENTS = {
  format: { type: 'string', multiple: true },
  output: { type: 'string', short: 'o' },
  level: { type: 'string' },
  'link-base': { type: 'string' },
} as const;

/** The parsed report options. */
export interface ReportArguments {
  format?: string[];
  output?: string;
  level?: string;
  'link-base'?: string;
}

/**
 * The formats to write: each `--format` (repeatable, comma-separated lists allowed), else the one
 * `--output`'s extension names, else text on a terminal and json when piped.
 */
export function chooseFormats(formats: readonly string[] | undefined, output: string | undefined, stdoutIsTty: boolean): ReportFormat[] {
  const names = (formats ?? []).flatMap((format) => format.split(',')).map((format) => format.trim()).filter(Boolean);
  if (names.length > 0) {
    const unknown = names.find((name) => !isReportFormat(name));
    if (unknown !== undefined) throw new SeamsError('usage', `Unknown --format "${unknown}". Formats: ${Object.keys(reporters).join(', ')}.`);
    return [...new Set(names)] as ReportFormat[];
  }
  const fromFile = output === undefined ? undefined : toFormatOfFile(output);
  if (fromFile !== undefined) return [fromFile];
  return [stdoutIsTty ? 'text' : 'json'];
}

/** Whether colour may be used on stdout. */
export function allowsColor(streams: CliStreams): boolean {
  return Boolean(streams.stdout.isTTY) && streams.env.NO_COLOR === undefined && streams.env.TERM !== 'dumb';
}

/** `--output` for one of several formats: the base name (a report extension dropped) plus the format's extension. */
export function toOutputFile(output: string, format: ReportFormat, formatCount: number): string {
  if (formatCount === 1) return output;
  const lower = output.toLowerCase();
  const known = lower.endsWith('.sarif.json') ? '.sarif.json' : toFormatOfFile(output) ? path.extname(output) : '';
  return `${output.slice(0, output.length - known.length)}.${REPORT_EXTENSIONS[format]}`;
}

function toPosix(relative: string): string {
  return relative.split(path.sep).join('/');
}

/**
 * The default link base of a report: the analyzed root as seen from where the report is read,
 * that is from the output file's directory (from the working directory for SARIF, whose paths
 * GitHub reads from the repository root, and for stdout). Empty when the root is not known.
 */
function defaultLinkBase(format: ReportFormat, analyzedRoot: string | undefined, outputFile: string | undefined, cwd: string): string {
  if (analyzedRoot === undefined) return '';
  const from = format === 'sarif' || outputFile === undefined ? cwd : path.dirname(outputFile);
  return toPosix(path.relative(from, analyzedRoot));
}

/** Checks the report options before any work is done; returns the formats to write. */
export function checkReportArguments(values: ReportArguments, streams: CliStreams): ReportFormat[] {
  const formats = chooseFormats(values.format, values.output, Boolean(streams.stdout.isTTY));
  if (values.level !== undefined && values.level !== 'cluster' && values.level !== 'module') {
    throw new SeamsError('usage', `--level must be cluster or module; got "${values.level}".`);
  }
  if (formats.length > 1 && values.output === undefined) {
    throw new SeamsError('usage', `${formats.length} formats (${formats.join(', ')}) need --output <base>: each is written to <base>.<extension> (${formats.map((format) => `.${REPORT_EXTENSIONS[format]}`).join(', ')}).`);
  }
  return formats;
}

/**
 * Renders the result in every chosen format and writes each to its file (atomically), or the
 * single one to stdout. `analyzedRoot` (absolute) lets links point at the sources.
 */
export function writeReports(result: AnalysisResult, values: ReportArguments, streams: CliStreams, analyzedRoot: string | undefined): void {
  const formats = checkReportArguments(values, streams);
  for (const format of formats) {
    const output = values.output === undefined ? undefined : toOutputFile(values.output, format, formats.length);
    const target = output === undefined ? undefined : path.resolve(streams.cwd, output);
    const options: ReportOptions & { color: boolean } = {
      color: output === undefined && allowsColor(streams),
      ...(values.level !== undefined ? { level: values.level as 'cluster' | 'module' } : {}),
      linkBase: values['link-base'] ?? defaultLinkBase(format, analyzedRoot, target, streams.cwd),
    };
    const rendered = reporters[format].render(result, options);
    if (output === undefined || target === undefined) {
      streams.stdout.write(rendered);
      continue;
    }
    try {
      writeFileAtomic(target, rendered);
    } catch (error) {
      throw new SeamsError('io', `Cannot write ${output}: ${error instanceof Error ? error.message : String(error)}.`);
    }
    streams.stderr.write(`seams: wrote ${format} to ${output}\n`);
  }
}

/** Reads and checks a saved result (`seams analyze --format json`); errors say what is wrong and how to fix it. */
export function loadResult(file: string, cwd: string): AnalysisResult {
  const absolute = path.resolve(cwd, file);
  let text: string;
  try {
    text = readText(absolute);
  } catch (error) {
    const code = (error as { code?: string }).code;
    if (code === 'ENOENT') throw new SeamsError('not-found', `Result file not found: ${file}. Write one with "seams analyze <dir> --format json --output ${file}".`);
    throw new SeamsError('io', `Cannot read ${file}: ${error instanceof Error ? error.message : String(error)}.`);
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    throw new SeamsError('usage', `${file} is not JSON (${error instanceof Error ? error.message : String(error)}). "seams report" reads the output of "seams analyze --format json".`);
  }
  const version = (json as { schemaVersion?: unknown } | null)?.schemaVersion;
  if (version !== SCHEMA_VERSION) {
    throw new SeamsError('usage', `${file} is not a seams result of schemaVersion ${SCHEMA_VERSION} (schemaVersion: ${JSON.stringify(version) ?? 'missing'}). Re-run "seams analyze --format json" with this version of seams.`);
  }
  const parsed = analysisResultSchema.safeParse(json);
  if (!parsed.success) {
    const issues = parsed.error.issues.slice(0, 3).map((issue) => `${issue.path.join('.') || '(root)'}: ${issue.message}`);
    throw new SeamsError('usage', `${file} does not match the result schema (schema/result.schema.json): ${issues.join('; ')}${parsed.error.issues.length > 3 ? `; and ${parsed.error.issues.length - 3} more` : ''}.`);
  }
  return parsed.data;
}

/** `seams report <result.json>`: re-renders a saved result in any format without analysing again. */
export async function runReportCommand(argv: string[], streams: CliStreams): Promise<number> {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: { ...REPORT_ARGUMENTS, help: { type: 'boolean', short: 'h' } },
  });
  if (values.help) {
    streams.stdout.write(REPORT_HELP);
    return EXIT_CODES.ok;
  }
  if (positionals.length !== 1) {
    throw new SeamsError('usage', `report takes one result file (from "seams analyze --format json"); got ${positionals.length}${positionals.length ? ` (${positionals.join(', ')})` : ''}.`);
  }
  const file = positionals[0] as string;
  checkReportArguments(values, streams);
  const result = loadResult(file, streams.cwd);
  const root = path.resolve(streams.cwd, result.root);
  writeReports(result, values, streams, isDirectory(root) ? root : undefined);
  return EXIT_CODES.ok;
}
