import fs from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { analyze, DEFAULT_RESOLUTION, DEFAULT_SEED } from '../pipeline/analyze.js';
import { DEFAULT_RUNS } from '../cluster/cluster-graph.js';
import { SeamsError } from '../errors.js';
import { evaluateResult, type AgreementScores, type Evaluation, type EvaluationPart } from '../evaluate/evaluate-result.js';
import { loadResult } from '../evaluate/load-result.js';
import { loadTruth } from '../evaluate/truth.js';
import type { AnalysisResult } from '../model/result.js';
import { toNumberOption, toPins } from './analyze-command.js';
import { EVALUATE_HELP } from './help.js';
import { EXIT_CODES, type CliStreams } from './run-cli.js';

function formatScores(name: string, scores: AgreementScores): string {
  return `  ${name.padEnd(22)} ${scores.ari.toFixed(3).padStart(6)} ${scores.ami.toFixed(3).padStart(6)} ${scores.mojoFm.toFixed(1).padStart(7)} ${String(scores.clusters).padStart(9)}`;
}

function formatPart(title: string, part: EvaluationPart): string[] {
  const lines = [`${title}: ${part.items} labelled, ${part.truthClusters} true clusters${part.missingCount > 0 ? `; ${part.missingCount} labelled but not in the result (${part.missing.slice(0, 5).join(', ')}${part.missingCount > 5 ? ', …' : ''})` : ''}`];
  if (part.items === 0) return [...lines, '  nothing to compare'];
  lines.push(`  ${''.padEnd(22)} ${'ARI'.padStart(6)} ${'AMI'.padStart(6)} ${'MoJoFM'.padStart(7)} ${'clusters'.padStart(9)}`);
  lines.push(formatScores('seams', part.seams));
  lines.push(formatScores(`folders (depth ${part.folders.depth})`, part.folders));
  lines.push(formatScores('leaf folders', part.leafFolders));
  lines.push(formatScores('random, same sizes', part.random));
  return lines;
}

/** The text form of an evaluation. */
export function renderEvaluation(evaluation: Evaluation, source: string): string {
  return `${[`seams evaluate: ${source}`, '', ...formatPart('modules', evaluation.modules), '', ...formatPart('tables', evaluation.tables)].join('\n')}\n`;
}

/** `seams evaluate --truth expected.json [result.json | dir]`. */
export async function runEvaluateCommand(argv: string[], streams: CliStreams): Promise<number> {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      truth: { type: 'string' },
      format: { type: 'string' },
      seed: { type: 'string' },
      resolution: { type: 'string' },
      runs: { type: 'string' },
      clusters: { type: 'string' },
      pin: { type: 'string', multiple: true },
      help: { type: 'boolean', short: 'h' },
    },
  });
  if (values.help) {
    streams.stdout.write(EVALUATE_HELP);
    return EXIT_CODES.ok;
  }
  if (values.truth === undefined) throw new SeamsError('usage', 'evaluate needs --truth <expected.json>: the labelled decomposition to compare with.');
  if (positionals.length > 1) throw new SeamsError('usage', `evaluate takes one result file or directory; got ${positionals.length} (${positionals.join(', ')}).`);
  const format = values.format ?? 'text';
  if (format !== 'text' && format !== 'json') throw new SeamsError('usage', `Unknown --format "${format}". Formats: text, json.`);
  const truth = loadTruth(path.resolve(streams.cwd, values.truth));
  const target = positionals[0] ?? '.';
  const absolute = path.resolve(streams.cwd, target);
  let result: AnalysisResult;
  if (fs.existsSync(absolute) && fs.statSync(absolute).isFile()) {
    result = loadResult(absolute);
  } else {
    result = analyze({
      root: absolute,
      displayRoot: target,
      seed: toNumberOption('seed', values.seed, DEFAULT_SEED, (n) => Number.isInteger(n) && n >= 0, 'a whole number of 0 or more'),
      resolution: toNumberOption('resolution', values.resolution, DEFAULT_RESOLUTION, (n) => n > 0, 'a number above 0'),
      runs: toNumberOption('runs', values.runs, DEFAULT_RUNS, (n) => Number.isInteger(n) && n >= 1 && n <= 200, 'a whole number from 1 to 200'),
      clusters: values.clusters === undefined ? undefined : toNumberOption('clusters', values.clusters, 0, (n) => Number.isInteger(n) && n >= 1, 'a whole number of 1 or more'),
      pins: toPins(values.pin),
    });
  }
  const evaluation = evaluateResult(result, truth);
  streams.stdout.write(format === 'json' ? `${JSON.stringify(evaluation, null, 2)}\n` : renderEvaluation(evaluation, target));
  return EXIT_CODES.ok;
}
