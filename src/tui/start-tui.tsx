import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { render } from 'ink';
import type { AnalyzeOptions } from '../pipeline/analyze.js';
import type { AnalysisResult, Location } from '../model/result.js';
import type { Rescore } from '../whatif/apply-moves.js';
import { analyzeInWorker, type RunningAnalysis } from './analyze-in-worker.js';
import { toEditorCommand } from './editor-command.js';
import type { Status } from './tui-state.js';
import { TuiRoot } from './TuiRoot.js';

/** Switches to the terminal's alternate screen and clears it. */
const ENTER_SCREEN = '\u001b[?1049h\u001b[2J\u001b[H';
/** Back to the normal screen, cursor shown. */
const LEAVE_SCREEN = '\u001b[?25h\u001b[?1049l';
/** Clears the screen (after a resize, so no half-drawn lines stay). */
const CLEAR_SCREEN = '\u001b[2J\u001b[H';

/** How the TUI is started. */
export interface StartTuiOptions {
  stdin: NodeJS.ReadStream;
  stdout: NodeJS.WriteStream;
  stderr: NodeJS.WriteStream;
  env: Record<string, string | undefined>;
  /** A loaded result, or the options of an analysis to run first (in a worker, with progress). */
  source: { result: AnalysisResult } | { analyze: Omit<AnalyzeOptions, 'onProgress' | 'analyzers'> };
  label: string;
  color: boolean;
  boundariesPath: string;
  cwd: string;
  /** Directories a result's file paths may be relative to, most likely first. */
  roots: string[];
  rescore?: Rescore;
}

/** Opens a location in $VISUAL / $EDITOR with the terminal handed over, then takes it back. */
function createLocationOpener(options: StartTuiOptions, redraw: () => void): (location: Location) => Status {
  return (location) => {
    const file = options.roots.map((root) => path.resolve(root, location.file)).find((candidate) => fs.existsSync(candidate));
    if (file === undefined) {
      return { text: `Cannot find ${location.file} under ${options.roots.join(' or ')}: run seams tui from where the repository is.`, tone: 'error' };
    }
    const editor = options.env.VISUAL || options.env.EDITOR;
    const command = toEditorCommand(editor, file, location.line);
    options.stdout.write(LEAVE_SCREEN);
    options.stdin.setRawMode(false);
    const run = spawnSync(command.command, command.args, { stdio: 'inherit', env: options.env as NodeJS.ProcessEnv });
    options.stdin.setRawMode(true);
    options.stdout.write(ENTER_SCREEN);
    redraw();
    if (run.error) {
      return { text: `Cannot start the editor "${command.command}" (${run.error.message}). Set $EDITOR, e.g. EDITOR=nano.`, tone: 'error' };
    }
    return { text: `Opened ${location.file}:${location.line} in ${path.basename(command.command)}${editor ? '' : ' (set $EDITOR to use another editor)'}.`, tone: 'info' };
  };
}

/**
 * Runs the terminal UI until the user quits: alternate screen, raw keys, Ctrl-C handled by Ink,
 * the terminal restored on every way out (quit, Ctrl-C, error). Rejects with the analysis error
 * when the analysis fails.
 */
export async function startTui(options: StartTuiOptions): Promise<void> {
  const { stdin, stdout, stderr } = options;
  let running: RunningAnalysis | undefined;
  const onResize = (): void => {
    stdout.write(CLEAR_SCREEN);
  };
  stdout.write(ENTER_SCREEN);
  stdout.prependListener('resize', onResize);
  let clear = (): void => undefined;
  const source = options.source;
  const instance = render(
    <TuiRoot
      load={(onProgress) => {
        if ('result' in source) return Promise.resolve(source.result);
        running = analyzeInWorker(source.analyze, onProgress);
        return running.result;
      }}
      onCancel={() => running?.cancel()}
      label={options.label}
      color={options.color}
      boundariesPath={options.boundariesPath}
      cwd={options.cwd}
      openLocation={createLocationOpener(options, () => clear())}
      rescore={options.rescore}
    />,
    { stdin, stdout, stderr, exitOnCtrlC: true, patchConsole: false },
  );
  clear = () => instance.clear();
  try {
    await instance.waitUntilExit();
  } finally {
    running?.cancel();
    stdout.off('resize', onResize);
    instance.cleanup();
    stdout.write(LEAVE_SCREEN);
  }
}
