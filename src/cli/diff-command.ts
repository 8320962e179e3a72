import path from 'node:path';
import { parseArgs } from 'node:util';
import { SeamsError } from '../errors.js';
import { diffResults, type ResultDiff } from '../evaluate/diff-results.js';
import { loadResult } from '../evaluate/load-result.js';
import { DIFF_HELP } from './help.js';
import { EXIT_CODES, type CliStreams } from './run-cli.js';

/** Moves listed in the text form before "and N more". */
const MOVES_SHOWN = 30;

function formatItems(title: string, part: ResultDiff['modules']): string[] {
  const lines = [`${title}: ${part.moved.length} moved, ${part.added.length} new, ${part.removed.length} gone`];
  for (const move of part.moved.slice(0, MOVES_SHOWN)) lines.push(`  ${move.id}: ${move.from} → ${move.to}`);
  if (part.moved.length > MOVES_SHOWN) lines.push(`  … and ${part.moved.length - MOVES_SHOWN} more`);
  return lines;
}

/** The text form of a diff. */
export function renderDiff(diff: ResultDiff, before: string, after: string): string {
  const lines = [`seams diff: ${before} → ${after}`, '', `clusters: ${diff.clusters.matched.length} matched, ${diff.clusters.added.length} new, ${diff.clusters.removed.length} gone`];
  for (const match of diff.clusters.matched) lines.push(`  ${match.old === match.new ? match.old : `${match.old} → ${match.new}`} (overlap ${match.jaccard.toFixed(2)})`);
  for (const id of diff.clusters.added) lines.push(`  + ${id}`);
  for (const id of diff.clusters.removed) lines.push(`  - ${id}`);
  lines.push('', ...formatItems('modules', diff.modules), '', ...formatItems('tables', diff.tables), '');
  lines.push(`findings: ${diff.findings.added.length} new, ${diff.findings.removed.length} gone`);
  for (const finding of diff.findings.added) lines.push(`  + ${finding.kind}: ${finding.message}`);
  for (const finding of diff.findings.removed) lines.push(`  - ${finding.kind}: ${finding.message}`);
  return `${lines.join('\n')}\n`;
}

/** `seams diff old.json new.json`. */
export async function runDiffCommand(argv: string[], streams: CliStreams): Promise<number> {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: { format: { type: 'string' }, help: { type: 'boolean', short: 'h' } },
  });
  if (values.help) {
    streams.stdout.write(DIFF_HELP);
    return EXIT_CODES.ok;
  }
  if (positionals.length !== 2) throw new SeamsError('usage', `diff takes two result files (old.json new.json); got ${positionals.length}.`);
  const format = values.format ?? 'text';
  if (format !== 'text' && format !== 'json') throw new SeamsError('usage', `Unknown --format "${format}". Formats: text, json.`);
  const [before, after] = positionals as [string, string];
  const diff = diffResults(loadResult(path.resolve(streams.cwd, before)), loadResult(path.resolve(streams.cwd, after)));
  streams.stdout.write(format === 'json' ? `${JSON.stringify(diff, null, 2)}\n` : renderDiff(diff, before, after));
  return EXIT_CODES.ok;
}
