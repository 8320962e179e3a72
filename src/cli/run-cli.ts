import { isSeamsError, type SeamsErrorCode } from '../errors.js';
import { SEAMS_VERSION } from '../version.js';
import { MAIN_HELP } from './help.js';

/** Where the CLI writes and what it knows of its terminal. */
export interface CliStreams {
  /** The terminal's input (the TUI needs it to be a TTY; other commands ignore it). */
  stdin?: { isTTY?: boolean };
  stdout: { write(text: string): unknown; isTTY?: boolean };
  stderr: { write(text: string): unknown; isTTY?: boolean };
  env: Record<string, string | undefined>;
  cwd: string;
}

/** Exit codes, set in one place. */
export const EXIT_CODES = {
  ok: 0,
  findings: 1,
  usage: 2,
  internal: 3,
} as const;

/** The exit code of a fatal error code. */
export function toExitCode(code: SeamsErrorCode): number {
  return code === 'internal' || code === 'io' ? EXIT_CODES.internal : EXIT_CODES.usage;
}

/** A command of the CLI: gets its own arguments, returns the exit code. */
export type Command = (argv: string[], streams: CliStreams) => Promise<number>;

/** Each command is loaded when it runs: `seams lint` never loads the SQL parser or the clustering. */
const COMMANDS: Record<string, () => Promise<Command>> = {
  analyze: async () => (await import('./analyze-command.js')).runAnalyzeCommand,
  report: async () => (await import('./report-command.js')).runReportCommand,
  evaluate: async () => (await import('./evaluate-command.js')).runEvaluateCommand,
  diff: async () => (await import('./diff-command.js')).runDiffCommand,
  lint: async () => (await import('./lint-command.js')).runLintCommand,
  boundaries: async () => (await import('./boundaries-command.js')).runBoundariesCommand,
  tui: async () => (await import('./tui-command.js')).runTuiCommand,
};

/**
 * Runs the CLI and returns its exit code; never calls process.exit. Known errors print their
 * message (how to fix it) without a stack; `--debug` adds the stack.
 */
export async function runCli(argv: string[], streams: CliStreams): Promise<number> {
  const debug = argv.includes('--debug');
  const [commandName, ...rest] = argv.filter((argument) => argument !== '--debug');
  if (commandName === undefined || commandName === '--help' || commandName === '-h' || commandName === 'help') {
    if (commandName === 'help' && rest[0] && COMMANDS[rest[0]]) return runCommand(rest[0], ['--help'], streams, debug);
    if (commandName === undefined) {
      streams.stderr.write(MAIN_HELP);
      return EXIT_CODES.usage;
    }
    streams.stdout.write(MAIN_HELP);
    return EXIT_CODES.ok;
  }
  if (commandName === '--version' || commandName === '-v') {
    streams.stdout.write(`${SEAMS_VERSION}\n`);
    return EXIT_CODES.ok;
  }
  if (!COMMANDS[commandName]) {
    streams.stderr.write(`seams: unknown command "${commandName}". Commands: ${Object.keys(COMMANDS).join(', ')}. Run "seams --help".\n`);
    return EXIT_CODES.usage;
  }
  return runCommand(commandName, rest, streams, debug);
}

async function runCommand(name: string, argv: string[], streams: CliStreams, debug: boolean): Promise<number> {
  try {
    const command = await (COMMANDS[name] as () => Promise<Command>)();
    return await command(argv, streams);
  } catch (error) {
    if (isSeamsError(error)) {
      streams.stderr.write(`seams ${name}: ${error.message}\n`);
      if (debug && error.stack) streams.stderr.write(`${error.stack}\n`);
      return toExitCode(error.code);
    }
    if (isParseArgsError(error)) {
      streams.stderr.write(`seams ${name}: ${error.message}. Run "seams ${name} --help" for the options.\n`);
      return EXIT_CODES.usage;
    }
    const message = error instanceof Error ? error.message : String(error);
    streams.stderr.write(`seams ${name}: internal error: ${message}\nThis is a bug in seams; please report it${debug ? '' : ' with the output of --debug'}.\n`);
    if (debug && error instanceof Error && error.stack) streams.stderr.write(`${error.stack}\n`);
    return EXIT_CODES.internal;
  }
}

function isParseArgsError(error: unknown): error is Error {
  return error instanceof Error && typeof (error as { code?: unknown }).code === 'string' && String((error as unknown as { code: string }).code).startsWith('ERR_PARSE_ARGS');
}
