import fs from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { SeamsError } from '../errors.js';
import { BUNDLED_FIXTURE } from '../version.js';
import { loadResultFile } from '../tui/load-result-file.js';
import type { StartTuiOptions } from '../tui/start-tui.js';
import { BOUNDARIES_FILE_NAME } from '../whatif/to-boundaries-file.js';
import { rescoreCandidates } from '../whatif/rescore.js';
import { ANALYSIS_OPTIONS, toAnalysisSettings } from './analyze-command.js';
import { allowsColor } from './report-command.js';
import { TUI_HELP } from './help.js';
import { EXIT_CODES, type CliStreams } from './run-cli.js';

/** `seams tui [dir | result.json]`. */
export async function runTuiCommand(argv: string[], streams: CliStreams): Promise<number> {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    allowNegative: true,
    options: {
      boundaries: { type: 'string' },
      ...ANALYSIS_OPTIONS,
      help: { type: 'boolean', short: 'h' },
    },
  });
  if (values.help) {
    streams.stdout.write(TUI_HELP);
    return EXIT_CODES.ok;
  }
  if (positionals.length > 1) {
    throw new SeamsError('usage', `tui takes one directory or result file; got ${positionals.length} (${positionals.join(', ')}).`);
  }
  if (!streams.stdin?.isTTY || !streams.stdout.isTTY) {
    throw new SeamsError(
      'usage',
      'seams tui needs an interactive terminal (stdin and stdout must be a TTY). In scripts, pipes and CI use "seams analyze [dir] --format json" instead.',
    );
  }
  const settings = toAnalysisSettings(values);

  const given = positionals[0];
  const target = path.resolve(streams.cwd, given ?? BUNDLED_FIXTURE);
  let stat: fs.Stats | undefined;
  try {
    stat = fs.statSync(target);
  } catch {
    throw new SeamsError('not-found', `Not found: ${given}. Give a directory to analyze or a result file written by "seams analyze <dir> --format json --output result.json".`);
  }
  let source: StartTuiOptions['source'];
  let label: string;
  let roots: string[];
  let boundariesDefault: string;
  if (stat.isDirectory()) {
    label = given === undefined ? 'fixtures/ecommerce (bundled)' : given;
    source = {
      analyze: {
        root: target,
        displayRoot: label,
        ...settings,
      },
    };
    roots = [target];
    // The bundled fixture lives inside seams' own package: save beside the user, not in there.
    boundariesDefault = given === undefined ? path.join(streams.cwd, BOUNDARIES_FILE_NAME) : path.join(target, BOUNDARIES_FILE_NAME);
  } else {
    const result = loadResultFile(target, given ?? target);
    source = { result };
    label = `${result.root} (from ${given})`;
    roots = [...new Set([path.resolve(streams.cwd, result.root), path.resolve(path.dirname(target), result.root), streams.cwd])];
    boundariesDefault = path.join(streams.cwd, BOUNDARIES_FILE_NAME);
  }
  // Loaded here so that other commands never load Ink and React.
  const { startTui } = await import('../tui/start-tui.js');
  await startTui({
    stdin: streams.stdin as NodeJS.ReadStream,
    stdout: streams.stdout as NodeJS.WriteStream,
    stderr: streams.stderr as NodeJS.WriteStream,
    env: streams.env,
    source,
    label,
    color: allowsColor(streams),
    boundariesPath: values.boundaries === undefined ? boundariesDefault : path.resolve(streams.cwd, values.boundaries),
    cwd: streams.cwd,
    roots,
    rescore: rescoreCandidates,
  });
  return EXIT_CODES.ok;
}
