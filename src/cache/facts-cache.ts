import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type { FileFacts } from '../model/facts.js';
import type { Diagnostic } from '../model/result.js';
import { writeFileAtomic } from '../io/write-file-atomic.js';

/** The cache directory, under the analyzed root (discovery never enters it). */
export const CACHE_DIRECTORY = '.seams-cache';

/** Bumped when the layout of a cache file changes. */
const CACHE_FORMAT = 1;

/** What a cache file is valid for: a facts cache written by another seams version or analyzer set is rebuilt. */
export interface FactsCacheKey {
  seamsVersion: string;
  /** Ids of the analyzers that produced the facts, in run order. */
  analyzers: string[];
}

/** The cached extraction of one file. */
export interface CachedFile {
  /** Content hash of the text the facts were extracted from. */
  hash: string;
  facts: FileFacts;
  /** Diagnostics extraction reported for the file (parse errors, analyzer reports). */
  diagnostics: Diagnostic[];
  /** Deferrable analyzers that have not run on the file yet (their facts are missing). */
  deferred?: string[];
}

/** How the cache was found when loaded, and how it served this run. */
export interface FactsCacheStats {
  /** `cold`: no cache file; `warm`: loaded; `rebuilt`: unreadable, corrupt or from another version, so started empty. */
  state: 'cold' | 'warm' | 'rebuilt';
  /** Why it was rebuilt. */
  reason?: string;
  hits: number;
  misses: number;
}

/** Per-file facts cached by content hash. */
export interface FactsCache {
  /** The cached extraction of a file, when its content hash is unchanged. */
  get(id: string, hash: string): CachedFile | undefined;
  /** Records the extraction of a file. */
  set(id: string, entry: CachedFile): void;
  /** A file's cached entry whatever its hash, unchecked and not counted as a lookup (workers' hash lists, second passes). */
  peek(id: string): CachedFile | undefined;
  readonly stats: FactsCacheStats;
  readonly file: string;
  /**
   * Writes the cache atomically when it changed. With `prune`, entries of files not looked up
   * in this run (deleted or no longer analyzed) are dropped. Returns a message instead of
   * throwing when it cannot be written: the cache is an optimisation, never a reason to fail.
   */
  save(options?: { prune?: boolean }): string | undefined;
}

interface CacheFileContent {
  format: number;
  seamsVersion: string;
  analyzers: string[];
  files: Record<string, CachedFile>;
}

const FACT_ARRAYS = ['imports', 'exports', 'exportStars', 'tableAccesses', 'tableDefinitions', 'constants', 'foreignKeys', 'schemaTables', 'typeQuestions'] as const;

/** The content hash of a file's text (sha1: fast, and collisions are not a threat model here). */
export function hashText(text: string): string {
  return crypto.createHash('sha1').update(text).digest('hex');
}

/** The cache file of a key: one per analyzer set, so `lint` (imports only) and `analyze` (all analyzers) do not evict each other. */
export function toCacheFile(root: string, key: FactsCacheKey): string {
  const analyzerSet = hashText(key.analyzers.join('\u0000')).slice(0, 10);
  return path.join(root, CACHE_DIRECTORY, `facts-${analyzerSet}.json`);
}

function isCachedFile(id: string, value: unknown): value is CachedFile {
  if (typeof value !== 'object' || value === null) return false;
  const entry = value as Partial<CachedFile>;
  if (typeof entry.hash !== 'string' || !Array.isArray(entry.diagnostics)) return false;
  const facts = entry.facts as unknown as Record<string, unknown> | undefined;
  if (typeof facts !== 'object' || facts === null || facts.module !== id || typeof facts.loc !== 'number') return false;
  return FACT_ARRAYS.every((name) => Array.isArray(facts[name]));
}

function readCacheFile(file: string, key: FactsCacheKey): { entries: Map<string, CachedFile>; state: FactsCacheStats['state']; reason?: string } {
  let text: string;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return { entries: new Map(), state: 'cold' };
    return { entries: new Map(), state: 'rebuilt', reason: `unreadable (${(error as Error).message})` };
  }
  let content: Partial<CacheFileContent>;
  try {
    content = JSON.parse(text) as Partial<CacheFileContent>;
  } catch {
    return { entries: new Map(), state: 'rebuilt', reason: 'corrupt (not valid JSON)' };
  }
  if (typeof content !== 'object' || content === null || content.format !== CACHE_FORMAT || typeof content.files !== 'object' || content.files === null) {
    return { entries: new Map(), state: 'rebuilt', reason: 'unknown cache format' };
  }
  if (content.seamsVersion !== key.seamsVersion) {
    return { entries: new Map(), state: 'rebuilt', reason: `written by seams ${String(content.seamsVersion)}` };
  }
  if (JSON.stringify(content.analyzers) !== JSON.stringify(key.analyzers)) {
    return { entries: new Map(), state: 'rebuilt', reason: 'written for another analyzer set' };
  }
  return { entries: new Map(Object.entries(content.files)), state: 'warm' };
}

/**
 * Loads the facts cache of `root` for a seams version and analyzer set. A missing cache starts
 * cold; a corrupt one, or one from another version or analyzer set, starts empty and is
 * rewritten on save. Entries are checked for shape when read; a malformed one is a miss.
 */
export function loadFactsCache(root: string, key: FactsCacheKey): FactsCache {
  const file = toCacheFile(root, key);
  const loaded = readCacheFile(file, key);
  const entries = loaded.entries;
  const seen = new Set<string>();
  const stats: FactsCacheStats = { state: loaded.state, hits: 0, misses: 0 };
  if (loaded.reason !== undefined) stats.reason = loaded.reason;
  let dirty = loaded.state !== 'warm';
  return {
    file,
    stats,
    get(id, hash) {
      seen.add(id);
      const entry = entries.get(id);
      if (entry !== undefined && entry.hash === hash && isCachedFile(id, entry)) {
        stats.hits += 1;
        return entry;
      }
      stats.misses += 1;
      return undefined;
    },
    peek(id) {
      return entries.get(id);
    },
    set(id, entry) {
      seen.add(id);
      entries.set(id, entry);
      dirty = true;
    },
    save(options = {}) {
      if (options.prune) {
        for (const id of entries.keys()) {
          if (!seen.has(id)) {
            entries.delete(id);
            dirty = true;
          }
        }
      }
      if (!dirty) return undefined;
      const ids = [...entries.keys()].sort();
      const files: Record<string, CachedFile> = {};
      for (const id of ids) files[id] = entries.get(id) as CachedFile;
      const content: CacheFileContent = { format: CACHE_FORMAT, seamsVersion: key.seamsVersion, analyzers: key.analyzers, files };
      try {
        writeFileAtomic(file, JSON.stringify(content));
        const ignoreFile = path.join(path.dirname(file), '.gitignore');
        if (!fs.existsSync(ignoreFile)) writeFileAtomic(ignoreFile, '# written by seams: the facts cache is never committed\n*\n');
        dirty = false;
        return undefined;
      } catch (error) {
        return `cannot write the facts cache ${file} (${(error as Error).message}); the next run will parse every file again.`;
      }
    },
  };
}
