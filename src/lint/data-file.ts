import fs from 'node:fs';
import { isMap, isScalar, isSeq, LineCounter, parseDocument, type Document } from 'yaml';
import type { z } from 'zod';
import { SeamsError } from '../errors.js';

/** A path into a data file (`domains.billing.paths[0]` is `['domains', 'billing', 'paths', 0]`). */
export type DataPath = readonly (string | number)[];

/** One problem in a configuration file, at a line and column. */
export interface ConfigProblem {
  line: number;
  column: number;
  message: string;
}

/** A data file read with the locations of its values, for diagnostics. */
export interface DataFile<T> {
  /** The file as the user named it (for messages). */
  name: string;
  value: T;
  /** Where a value sits; a path that is not in the file gives the nearest enclosing value. */
  locate(path: DataPath): { line: number; column: number };
}

/** Renders a path the way users read it: `domains.billing.paths[0]`. */
export function formatDataPath(path: DataPath): string {
  let text = '';
  for (const part of path) text += typeof part === 'number' ? `[${part}]` : text === '' ? part : `.${part}`;
  return text;
}

/** The error for configuration problems: one line per problem, `file:line:column: what`, exit code 2. */
export function toConfigError(name: string, problems: ConfigProblem[], hint?: string): SeamsError {
  const sorted = [...problems].sort((a, b) => a.line - b.line || a.column - b.column);
  const lines = sorted.map((problem) => `  ${name}:${problem.line}:${problem.column}: ${problem.message}`);
  const count = problems.length === 1 ? 'a problem' : `${problems.length} problems`;
  return new SeamsError('config', `${name} has ${count}:\n${lines.join('\n')}${hint ? `\n${hint}` : ''}`);
}

function locateIn(document: Document, lineCounter: LineCounter, path: DataPath): { line: number; column: number } {
  for (let length = path.length; length >= 0; length -= 1) {
    const node = length === 0 ? document.contents : document.getIn(path.slice(0, length), true);
    const range = node && typeof node === 'object' && 'range' in node ? (node as { range?: unknown }).range : undefined;
    if (Array.isArray(range)) {
      const keyNode = length > 0 && (isMap(node) || isSeq(node)) ? findKeyNode(document, path.slice(0, length)) : undefined;
      const offset = keyNode?.range?.[0] ?? (range[0] as number);
      const position = lineCounter.linePos(offset);
      return { line: position.line, column: position.col };
    }
  }
  return { line: 1, column: 1 };
}

/** The key of a map entry (so a problem with a whole domain points at its name, not its `{`). */
function findKeyNode(document: Document, path: DataPath): { range?: [number, number, number] | null } | undefined {
  const key = path[path.length - 1];
  if (typeof key !== 'string') return undefined;
  const parent = path.length === 1 ? document.contents : document.getIn(path.slice(0, -1), true);
  if (!isMap(parent)) return undefined;
  const pair = parent.items.find((item) => isScalar(item.key) && item.key.value === key);
  return pair && isScalar(pair.key) ? pair.key : undefined;
}

/**
 * Reads a JSON or YAML file as data (the `yaml` package reads both, with positions) and
 * validates it with a zod schema. Syntax errors, an empty file and schema violations all become
 * one configuration error (exit code 2) listing `file:line:column: what is wrong`.
 */
export function loadDataFile<T>(absolutePath: string, name: string, schema: z.ZodType<T>, hint?: string, options: { json?: boolean } = {}): DataFile<T> {
  let text: string;
  try {
    text = fs.readFileSync(absolutePath, 'utf8');
  } catch (error) {
    throw new SeamsError('config', `Cannot read ${name}: ${(error as Error).message}.`);
  }
  if (options.json) {
    const fast = readJsonFast(text, schema);
    if (fast !== undefined) {
      let located: ((path: DataPath) => { line: number; column: number }) | undefined;
      const locate = (path: DataPath): { line: number; column: number } => {
        if (located === undefined) {
          const lineCounter = new LineCounter();
          const document = parseDocument(text, { lineCounter });
          located = (at) => locateIn(document, lineCounter, at);
        }
        return located(path);
      };
      return { name, value: fast, locate };
    }
  }
  const lineCounter = new LineCounter();
  const document = parseDocument(text, { lineCounter, prettyErrors: true, uniqueKeys: true });
  if (document.errors.length > 0) {
    throw toConfigError(
      name,
      document.errors.map((error) => ({
        line: error.linePos?.[0]?.line ?? 1,
        column: error.linePos?.[0]?.col ?? 1,
        message: `syntax error: ${(error.message.split('\n')[0] ?? '').replace(/ at line \d+, column \d+:?$/, '')}`,
      })),
      hint,
    );
  }
  const locate = (path: DataPath): { line: number; column: number } => locateIn(document, lineCounter, path);
  const data: unknown = document.toJS();
  if (data === null || data === undefined) {
    throw toConfigError(name, [{ line: 1, column: 1, message: 'the file is empty' }], hint);
  }
  const parsed = schema.safeParse(data);
  if (!parsed.success) {
    const problems: ConfigProblem[] = parsed.error.issues.map((issue) => {
      const keys = issue.code === 'unrecognized_keys' ? issue.keys : [];
      const path = keys.length > 0 ? [...issue.path, keys[0] as string] : issue.path;
      const where = formatDataPath(issue.path as DataPath);
      const what = issue.code === 'unrecognized_keys' ? `unknown key${keys.length > 1 ? 's' : ''} ${keys.map((key) => `"${key}"`).join(', ')}` : issue.message;
      return { ...locate(path as DataPath), message: where === '' ? what : `${where}: ${what}` };
    });
    throw toConfigError(name, problems, hint);
  }
  return { name, value: parsed.data, locate };
}

/**
 * A valid file read by JSON.parse: a large file seams writes itself (the baseline) costs a
 * fraction of the located parse. Anything else (not JSON, or invalid) is undefined: the located
 * parse then says where the problem is.
 */
function readJsonFast<T>(text: string, schema: z.ZodType<T>): T | undefined {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch {
    return undefined;
  }
  const parsed = schema.safeParse(data);
  return parsed.success ? parsed.data : undefined;
}
