import path from 'node:path';
import { parseArgs } from 'node:util';
import { SeamsError } from '../errors.js';
import { readText } from '../io/read-text.js';
import { writeFileAtomic } from '../io/write-file-atomic.js';
import { formatBaseline } from '../lint/baseline.js';
import { lint, type LintReport } from '../lint/lint.js';
import { isLintFormat, LINT_FORMATS, renderLintGithub, renderLintJson, renderLintSarif, renderLintText, type LintFormat } from '../lint/render-lint.js';
import { allowsColor } from './report-command.js';
import { LINT_HELP } from './help.js';
import { EXIT_CODES, type CliStreams } from './run-cli.js';

function chooseLintFormat(format: string | undefined, output: string | undefined): LintFormat {
  if (format !== undefined) {
    if (!isLintFormat(format)) throw new SeamsError('usage', `Unknown --format "${format}". Formats: ${LINT_FORMATS.join(', ')}.`);
    return format;
  }
  if (output?.endsWith('.sarif') || output?.endsWith('.sarif.json')) return 'sarif';
  if (output?.endsWith('.json')) return 'json';
  return 'text';
}

function render(report: LintReport, format: LintFormat, options: { color: boolean; strictBaseline: boolean; githubActions: boolean }): string {
  switch (format) {
    case 'json':
      return renderLintJson(report);
    case 'sarif':
      return renderLintSarif(report);
    case 'github':
      return renderLintGithub(report, options);
    case 'text':
      return renderLintText(report, options) + (options.githubActions ? renderLintGithub(report, options) : '');
  }
}

function readIfExists(file: string): string | undefined {
  try {
    return readText(file);
  } catch {
    return undefined;
  }
}

function writeOrThrow(file: string, text: string, what: string): void {
  try {
    writeFileAtomic(file, text);
  } catch (error) {
    throw new SeamsError('io', `Cannot write ${what} ${file}: ${error instanceof Error ? error.message : String(error)}.`);
  }
}

/** `seams lint [dir]`: exit 0 clean, 1 new violations (or stale entries under --strict-baseline), 2 configuration error. */
export async function runLintCommand(argv: string[], streams: CliStreams): Promise<number> {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    allowNegative: true,
    options: {
      boundaries: { type: 'string' },
      baseline: { type: 'string' },
      'update-baseline': { type: 'boolean', default: false },
      'strict-baseline': { type: 'boolean', default: false },
      'changed-since': { type: 'string' },
      tables: { type: 'boolean', default: false },
      cache: { type: 'boolean', default: true },
      format: { type: 'string' },
      output: { type: 'string', short: 'o' },
      help: { type: 'boolean', short: 'h' },
    },
  });
  if (values.help) {
    streams.stdout.write(LINT_HELP);
    return EXIT_CODES.ok;
  }
  if (positionals.length > 1) throw new SeamsError('usage', `lint takes one directory; got ${positionals.length} (${positionals.join(', ')}).`);
  if (values['update-baseline'] && values['changed-since'] !== undefined) {
    streams.stderr.write('seams lint: --update-baseline with --changed-since updates only the entries of changed files.\n');
  }
  const format = chooseLintFormat(values.format, values.output);
  const root = path.resolve(streams.cwd, positionals[0] ?? '.');
  const report = lint({
    root,
    boundaries: values.boundaries,
    baseline: values.baseline,
    tables: values.tables,
    ...(values.tables ? { tableAnalyzer: (await import('../../analyzers/sql/index.js')).sqlAnalyzer } : {}),
    changedSince: values['changed-since'],
    cache: values.cache,
  });
  if (report.cache?.reason !== undefined) streams.stderr.write(`seams lint: facts cache ${report.cache.reason}; rebuilt.\n`);
  if (report.cache?.note !== undefined) streams.stderr.write(`seams lint: ${report.cache.note}\n`);

  if (values['update-baseline']) {
    const text = formatBaseline(report.updatedBaseline);
    const added = report.violations.length;
    const removed = report.stale.length;
    if (readIfExists(report.baselinePath) !== text) writeOrThrow(report.baselinePath, text, 'the baseline');
    streams.stderr.write(`seams lint: ${report.baselineFile}: ${added} added, ${removed} removed, ${report.updatedBaseline.length} known violations.\n`);
    report.known = [...report.known, ...report.violations];
    report.violations = [];
    report.stale = [];
  }

  const githubActions = (streams.env.GITHUB_ACTIONS ?? '') !== '' && streams.env.GITHUB_ACTIONS !== 'false';
  const rendered = render(report, format, { color: values.output === undefined && allowsColor(streams), strictBaseline: values['strict-baseline'], githubActions });
  if (values.output !== undefined) {
    writeOrThrow(path.resolve(streams.cwd, values.output), rendered, format);
    streams.stderr.write(`seams: wrote ${format} to ${values.output}\n`);
    if (githubActions && format !== 'github') streams.stdout.write(renderLintGithub(report, { strictBaseline: values['strict-baseline'] }));
  } else {
    streams.stdout.write(rendered);
  }
  if (report.violations.length > 0) return EXIT_CODES.findings;
  if (values['strict-baseline'] && report.stale.length > 0) return EXIT_CODES.findings;
  return EXIT_CODES.ok;
}
