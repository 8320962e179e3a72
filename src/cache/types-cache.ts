import fs from 'node:fs';
import path from 'node:path';
import type { TableAccessFact } from '../model/facts.js';
import type { Diagnostic } from '../model/result.js';
import { writeFileAtomic } from '../io/write-file-atomic.js';
import { isRecordCurrent, type FileSystemRecord, type KnownHash } from '../types/recording-file-system.js';
import { CACHE_DIRECTORY } from './facts-cache.js';

/** Bumped when the layout of the file changes. */
const FORMAT = 1;
const FILE_NAME = 'types.json';

/** What the type pass found for one group of files (one tsconfig), and what it read to find it. */
export interface TypeGroupAnswers {
  /** Every file-system question the checker asked, with its answer. */
  fileSystem: FileSystemRecord;
  /** Accesses the checker answered, in the order they were added, by asking module. */
  accesses: { module: string; access: TableAccessFact }[];
  answered: number;
  diagnostics: Diagnostic[];
}

/** Answers of the type pass kept between runs, by group key. */
export interface TypesCache {
  /** The stored answers of a group when the key matches and the file system still answers every recorded question the same way. */
  lookup(key: string): TypeGroupAnswers | undefined;
  store(key: string, answers: TypeGroupAnswers): void;
  /** Writes the file atomically when it changed, keeping only the groups of this run; a message when it cannot. */
  save(): string | undefined;
  readonly hits: number;
}

interface StoredTypes {
  format: number;
  seamsVersion: string;
  groups: Record<string, TypeGroupAnswers>;
}

function isStored(value: unknown, seamsVersion: string): value is StoredTypes {
  if (typeof value !== 'object' || value === null) return false;
  const stored = value as Partial<StoredTypes>;
  return stored.format === FORMAT && stored.seamsVersion === seamsVersion && typeof stored.groups === 'object' && stored.groups !== null;
}

function isAnswers(value: unknown): value is TypeGroupAnswers {
  if (typeof value !== 'object' || value === null) return false;
  const answers = value as Partial<TypeGroupAnswers>;
  return (
    typeof answers.fileSystem === 'object' &&
    answers.fileSystem !== null &&
    Object.values(answers.fileSystem).every((answer) => typeof answer === 'string') &&
    Array.isArray(answers.accesses) &&
    answers.accesses.every((entry) => typeof entry?.module === 'string' && typeof entry.access === 'object' && entry.access !== null) &&
    typeof answers.answered === 'number' &&
    Array.isArray(answers.diagnostics)
  );
}

/**
 * Loads `.seams-cache/types.json`. A group's answers are reused only when its key (tsconfig,
 * the questions, the files the pass starts from) matches and every file-system question the
 * checker asked gets the same answer now: the same file contents (by hash; `knownHash` gives
 * those extraction already hashed), the same files and directories found or missing. A missing,
 * corrupt or other-version file starts empty.
 */
export function loadTypesCache(root: string, seamsVersion: string, knownHash: KnownHash): TypesCache {
  const file = path.join(root, CACHE_DIRECTORY, FILE_NAME);
  let stored: Record<string, TypeGroupAnswers> = {};
  try {
    const parsed: unknown = JSON.parse(fs.readFileSync(file, 'utf8'));
    if (isStored(parsed, seamsVersion)) stored = parsed.groups;
  } catch {
    // Missing, unreadable or corrupt: every group is computed and the file rewritten.
  }
  const used: Record<string, TypeGroupAnswers> = {};
  let changed = false;
  let hits = 0;
  return {
    lookup(key) {
      const answers = Object.hasOwn(stored, key) ? stored[key] : undefined;
      if (!isAnswers(answers) || !isRecordCurrent(answers.fileSystem, knownHash)) return undefined;
      used[key] = answers;
      hits += 1;
      return answers;
    },
    store(key, answers) {
      used[key] = answers;
      changed = true;
    },
    save() {
      if (!changed && Object.keys(used).length === Object.keys(stored).length) return undefined;
      try {
        const sorted = Object.fromEntries(Object.entries(used).sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0)));
        writeFileAtomic(file, JSON.stringify({ format: FORMAT, seamsVersion, groups: sorted } satisfies StoredTypes));
        return undefined;
      } catch (error) {
        return `Could not write the type cache ${file} (${error instanceof Error ? error.message : String(error)}); the next run checks types again.`;
      }
    },
    get hits() {
      return hits;
    },
  };
}
