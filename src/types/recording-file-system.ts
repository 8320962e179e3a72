import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type * as TsMorph from 'ts-morph';

/**
 * Every question the type checker asked the file system, with the answer it got: `r` a file's
 * content (its hash, or `-` when it could not be read), `f`/`d` whether a file/directory
 * exists, `l` a directory listing, `p` a real path, `g` a glob, `c` the current directory.
 * The checker reads nothing else, so when every answer is still the same it would answer
 * every type question the same way: that is what makes its answers cacheable.
 */
export type FileSystemRecord = Record<string, string>;

/** The hash of a file's text, as the facts cache computes it (sha1 of the UTF-8 text). */
export type KnownHash = (absolutePath: string) => string | undefined;

const MISSING = '-';

function hashOf(value: string): string {
  return crypto.createHash('sha1').update(value).digest('hex');
}

/** A listing as names (not paths) with their kinds, symbolic links followed as ts-morph's host follows them. */
function describeListing(entries: readonly { name: string; isFile: boolean; isDirectory: boolean; isSymlink: boolean }[]): string {
  return hashOf(entries.map((entry) => `${path.basename(entry.name)}\u0000${entry.isFile ? 'f' : ''}${entry.isDirectory ? 'd' : ''}${entry.isSymlink ? 's' : ''}`).join('\n'));
}

function listDirectory(directory: string): { name: string; isFile: boolean; isDirectory: boolean; isSymlink: boolean }[] {
  return fs.readdirSync(directory, { withFileTypes: true }).map((entry) => {
    const listed = { name: entry.name, isFile: entry.isFile(), isDirectory: entry.isDirectory(), isSymlink: entry.isSymbolicLink() };
    if (listed.isSymlink) {
      try {
        const target = fs.statSync(path.join(directory, entry.name));
        listed.isFile = target.isFile();
        listed.isDirectory = target.isDirectory();
      } catch {
        // a dangling link: listed as a link only, as ts-morph lists it
      }
    }
    return listed;
  });
}

function statOf(subject: string): fs.Stats | undefined {
  try {
    return fs.statSync(subject);
  } catch {
    return undefined;
  }
}

/**
 * The answer the file system gives now to one recorded question, read with node:fs the way
 * ts-morph's real host reads it (so checking a record does not load ts-morph). `-` for a
 * failure; a glob cannot be asked again without ts-morph, so it never matches.
 */
function ask(question: string, knownHash: KnownHash): string {
  const kind = question[0];
  const subject = question.slice(2);
  try {
    switch (kind) {
      case 'r':
        return knownHash(subject) ?? hashOf(fs.readFileSync(subject, 'utf8'));
      case 'f':
        return statOf(subject)?.isFile() ? '1' : '0';
      case 'd':
        return statOf(subject)?.isDirectory() ? '1' : '0';
      case 'l':
        return describeListing(listDirectory(subject));
      case 'p':
        return fs.realpathSync(subject);
      case 'c':
        return path.resolve().replace(/\\/g, '/');
      default:
        return `cannot ask ${kind} again`;
    }
  } catch {
    return MISSING;
  }
}

/**
 * Wraps a file-system host so every synchronous question and its answer land in `record`.
 * Writes and asynchronous calls pass through unrecorded: the type pass makes none.
 */
export function recordFileSystem(host: TsMorph.FileSystemHost, record: FileSystemRecord): TsMorph.FileSystemHost {
  const note = <T>(question: string, answer: () => T, describe: (value: T) => string): T => {
    let value: T;
    try {
      value = answer();
    } catch (error) {
      record[question] ??= MISSING;
      throw error;
    }
    record[question] ??= describe(value);
    return value;
  };
  const recording: Partial<TsMorph.FileSystemHost> = {
    readFileSync: (filePath, encoding) => note(`r:${filePath}`, () => host.readFileSync(filePath, encoding), hashOf),
    fileExistsSync: (filePath) => note(`f:${filePath}`, () => host.fileExistsSync(filePath), (exists) => (exists ? '1' : '0')),
    directoryExistsSync: (dirPath) => note(`d:${dirPath}`, () => host.directoryExistsSync(dirPath), (exists) => (exists ? '1' : '0')),
    readDirSync: (dirPath) => note(`l:${dirPath}`, () => host.readDirSync(dirPath), describeListing),
    realpathSync: (filePath) => note(`p:${filePath}`, () => host.realpathSync(filePath), (real) => real),
    globSync: (patterns) => note(`g:${JSON.stringify(patterns)}`, () => host.globSync(patterns), (found) => hashOf(JSON.stringify(found))),
    getCurrentDirectory: () => note('c:', () => host.getCurrentDirectory(), (directory) => directory),
  };
  return new Proxy(host, {
    get(target, property, receiver) {
      const own = recording[property as keyof TsMorph.FileSystemHost];
      if (own !== undefined) return own;
      const value: unknown = Reflect.get(target, property, receiver);
      return typeof value === 'function' ? (value as (...args: unknown[]) => unknown).bind(target) : value;
    },
  });
}

/** True when the file system gives every recorded question the recorded answer. */
export function isRecordCurrent(record: FileSystemRecord, knownHash: KnownHash): boolean {
  for (const [question, answer] of Object.entries(record)) if (ask(question, knownHash) !== answer) return false;
  return true;
}
