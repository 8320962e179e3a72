import fs from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { discoverFiles } from '../discover/discover-files.js';
import { SeamsError } from '../errors.js';
import { readText } from '../io/read-text.js';
import { writeFileAtomic } from '../io/write-file-atomic.js';
import { formatBoundaries, toBoundaries, toBoundariesFromFolders } from '../lint/boundaries-from-result.js';
import { BOUNDARIES_FILE_NAMES, type Boundaries } from '../lint/boundaries-schema.js';
import { analysisResultSchema, type AnalysisResult } from '../model/result.js';
import { analyze } from '../pipeline/analyze.js';
import { BOUNDARIES_HELP } from './help.js';
import { createProgressRenderer } from './progress-renderer.js';
import { EXIT_CODES, type CliStreams } from './run-cli.js';

function loadResult(file: string): AnalysisResult {
  let data: unknown;
  try {
    data = JSON.parse(readText(file));
  } catch (error) {
    throw new SeamsError('config', `Cannot read the result ${file}: ${error instanceof Error ? error.message : String(error)}. Save one with "seams analyze <dir> --format json --output result.json".`);
  }
  const parsed = analysisResultSchema.safeParse(data);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new SeamsError('config', `${file} is not a seams result (${issue?.path.join('.') || 'root'}: ${issue?.message ?? 'invalid'}). Save one with "seams analyze <dir> --format json --output result.json".`);
  }
  return parsed.data;
}

function describe(boundaries: Boundaries): string {
  const domains = Object.keys(boundaries.domains).length;
  return `${domains} domain${domains === 1 ? '' : 's'}${boundaries.shared ? ' and a shared kernel' : ''}`;
}

/** `seams boundaries init [dir]`: writes a boundaries file from an analysis, a saved result or the folder layout. */
export async function runBoundariesCommand(argv: string[], streams: CliStreams): Promise<number> {
  const [subcommand, ...rest] = argv;
  if (subcommand === undefined || subcommand === '--help' || subcommand === '-h') {
    (subcommand === undefined ? streams.stderr : streams.stdout).write(BOUNDARIES_HELP);
    return subcommand === undefined ? EXIT_CODES.usage : EXIT_CODES.ok;
  }
  if (subcommand !== 'init') throw new SeamsError('usage', `unknown subcommand "${subcommand}". Subcommands: init. Run "seams boundaries --help".`);
  const { values, positionals } = parseArgs({
    args: rest,
    allowPositionals: true,
    options: {
      from: { type: 'string' },
      'from-folders': { type: 'string' },
      output: { type: 'string', short: 'o' },
      force: { type: 'boolean', default: false },
      help: { type: 'boolean', short: 'h' },
    },
  });
  if (values.help) {
    streams.stdout.write(BOUNDARIES_HELP);
    return EXIT_CODES.ok;
  }
  if (positionals.length > 1) throw new SeamsError('usage', `boundaries init takes one directory; got ${positionals.length} (${positionals.join(', ')}).`);
  if (values.from !== undefined && values['from-folders'] !== undefined) throw new SeamsError('usage', 'Give --from or --from-folders, not both.');
  const root = path.resolve(streams.cwd, positionals[0] ?? '.');
  if (!fs.existsSync(root) || !fs.statSync(root).isDirectory()) throw new SeamsError('not-found', `Directory not found: ${root}. Give the repository the boundaries are for.`);
  const output = path.resolve(root, values.output ?? 'seams.boundaries.json');
  const format = /\.ya?ml$/.test(output) ? 'yaml' : 'json';
  const existing = [output, ...BOUNDARIES_FILE_NAMES.map((name) => path.join(root, name))].find((file) => fs.existsSync(file));
  if (existing !== undefined && !values.force) {
    throw new SeamsError('usage', `${existing} exists; not overwritten. Pass --force to replace it, or --output to write elsewhere.`);
  }

  let boundaries: Boundaries;
  let source: string;
  if (values.from !== undefined) {
    boundaries = toBoundaries(loadResult(path.resolve(streams.cwd, values.from)));
    source = `the candidates in ${values.from}`;
  } else if (values['from-folders'] !== undefined) {
    const spec = values['from-folders'];
    const discovery = discoverFiles({ root, include: [], exclude: [], defaultExcludes: true });
    boundaries = toBoundariesFromFolders(discovery.files.map((file) => file.id), spec);
    if (Object.keys(boundaries.domains).length === 0) {
      throw new SeamsError('usage', `--from-folders ${spec}: no folder ${/^\d+$/.test(spec) ? `at depth ${spec}` : `matches "${spec}"`} holds a source file. Give a depth (2: src/<domain>) or a folder glob ("src/modules/*").`);
    }
    source = `the folders ${/^\d+$/.test(spec) ? `at depth ${spec}` : `matching ${spec}`}`;
  } else {
    const progress = streams.stderr.isTTY ? createProgressRenderer(streams.stderr) : undefined;
    boundaries = toBoundaries(analyze({ root, onProgress: progress?.listener }));
    progress?.finish();
    source = 'the candidate services of an analysis';
  }
  try {
    writeFileAtomic(output, formatBoundaries(boundaries, format));
  } catch (error) {
    throw new SeamsError('io', `Cannot write ${output}: ${error instanceof Error ? error.message : String(error)}.`);
  }
  streams.stderr.write(
    `seams: wrote ${path.relative(streams.cwd, output) || output} with ${describe(boundaries)} from ${source}. No dependencies between domains are allowed yet: add them to dependsOn, then record today's violations with "seams lint --update-baseline".\n`,
  );
  return EXIT_CODES.ok;
}
