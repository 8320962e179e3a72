import path from 'node:path';

/** A program and its arguments, spawned without a shell. */
export interface EditorCommand {
  command: string;
  args: string[];
}

/** Editors that take `+line file`. */
const PLUS_LINE = new Set(['vi', 'vim', 'nvim', 'gvim', 'mvim', 'view', 'nano', 'pico', 'emacs', 'emacsclient', 'micro', 'kak', 'joe', 'ne', 'mg', 'jed']);
/** Editors that take `--goto file:line`. */
const GOTO = new Set(['code', 'code-insiders', 'codium', 'cursor', 'windsurf']);
/** Editors that take `file:line`. */
const COLON_LINE = new Set(['subl', 'sublime_text', 'hx', 'zed', 'mate']);

/**
 * How to open `file` at `line` with the editor named by $VISUAL or $EDITOR (which may carry
 * arguments, e.g. `code -w`): `+line file` for vi, vim, nvim, nano, emacs and kin, `--goto
 * file:line` for VS Code and its forks, `file:line` for Sublime Text, Helix and Zed, the bare
 * file for anything else. Without an editor setting, vi (as git and less do).
 */
export function toEditorCommand(editor: string | undefined, file: string, line: number): EditorCommand {
  const words = (editor ?? '').trim().split(/\s+/).filter((word) => word !== '');
  const [command = 'vi', ...given] = words;
  const name = path.basename(command).replace(/\.exe$/i, '');
  if (PLUS_LINE.has(name)) return { command, args: [...given, `+${line}`, file] };
  if (GOTO.has(name)) return { command, args: [...given, '--goto', `${file}:${line}`] };
  if (COLON_LINE.has(name)) return { command, args: [...given, `${file}:${line}`] };
  return { command, args: [...given, file] };
}
