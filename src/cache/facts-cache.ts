import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type { FileFacts } from '../model/facts.js';
import type { Diagnostic } from '../model/result.js';
import { writeFileAtomic } from '../io/write-file-atomic.js';

/** The cache directory, under the analyzed root (discovery never enters it). */
export const CACHE_DIRECTORY = '.seams-cache';

/** Bumped when the layout of a cache file changes (2: one line per file, read lazily; 3: with each file's stamp). */
const CACHE_FORMAT = 3;

/**
 * A file written this close (ms) before the cache was saved may have changed again within the
 * same timestamp tick after it was hashed (coarse file-system clocks): its stamp is not trusted.
 */
const RACY_MARGIN_MS = 2000;

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
  /** Records the extraction of a file, with the stamp the file had when it was read (see toStamp; kept when absent and the hash is the same). */
  set(id: string, entry: CachedFile, stamp?: string): void;
  /**
   * The hash recorded for a file whose stamp (size, modification and change times, inode) is
   * the one recorded with that hash, and not so close to the cache's last save that it could
   * have changed within the same clock tick: the file need not be read to know its hash.
   */
  trustedHash(id: string, stamp: string): string | undefined;
  /** Records the stamp of a file whose content was hashed and found unchanged. */
  restamp(id: string, stamp: string): void;
  /** The content hash the cache holds for a file, without reading its entry and not counted as a lookup (workers' hash lists). */
  hashOf(id: string): string | undefined;
  /** A file's cached entry whatever its hash, unchecked and not counted as a lookup (second passes); undefined when unreadable. */
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

interface CacheHeader {
  format: number;
  seamsVersion: string;
  analyzers: string[];
  /** When the file was written (ms since the epoch): stamps modified less than RACY_MARGIN_MS before are not trusted. */
  writtenAt?: number;
}

/**
 * One file's place in the cache: its hash, and either the bytes of its line as read (parsed on
 * first use, written back as they are when untouched) or the entry itself.
 */
interface Slot {
  hash: string;
  /** The file's stamp when it was hashed ('' when unknown). */
  stamp: string;
  /** Byte range of the entry's JSON in the loaded buffer. */
  start: number;
  end: number;
  /** The line as read, newline included, when untouched. */
  line?: Buffer;
  /** The parsed or newly set entry; null when the line does not parse into a valid entry. */
  entry?: CachedFile | null;
}

const FACT_ARRAYS = ['imports', 'exports', 'exportStars', 'tableAccesses', 'tableDefinitions', 'constants', 'foreignKeys', 'schemaTables', 'typeQuestions'] as const;
const NEWLINE = 0x0a;
const TAB = 0x09;

/** The content hash of a file's text (sha1: fast, and collisions are not a threat model here). */
export function hashText(text: string): string {
  return crypto.createHash('sha1').update(text).digest('hex');
}

/** The cache file of a key: one per analyzer set, so `lint` (imports only) and `analyze` (all analyzers) do not evict each other. */
export function toCacheFile(root: string, key: FactsCacheKey): string {
  return path.join(root, CACHE_DIRECTORY, `facts-${analyzerSetOf(key)}.jsonl`);
}

function analyzerSetOf(key: FactsCacheKey): string {
  return hashText(key.analyzers.join('\u0000')).slice(0, 10);
}

function isCachedFile(id: string, value: unknown): value is CachedFile {
  if (typeof value !== 'object' || value === null) return false;
  const entry = value as Partial<CachedFile>;
  if (typeof entry.hash !== 'string' || !Array.isArray(entry.diagnostics)) return false;
  const facts = entry.facts as unknown as Record<string, unknown> | undefined;
  if (typeof facts !== 'object' || facts === null || facts.module !== id || typeof facts.loc !== 'number') return false;
  return FACT_ARRAYS.every((name) => Array.isArray(facts[name]));
}

/**
 * What says a file is the one that was hashed without reading it: size, modification and change
 * times, inode (as git's index does). The change time cannot be set back by tools that restore
 * modification times (`cp -p`, `rsync -t`), so a same-size rewrite they make is still seen.
 */
export function toStamp(stat: Pick<fs.Stats, 'size' | 'mtimeMs' | 'ctimeMs' | 'ino'>): string {
  return `${stat.size}:${stat.mtimeMs}:${stat.ctimeMs}:${stat.ino}`;
}

/** The modification time in a stamp. */
function modifiedAt(stamp: string): number {
  return Number(stamp.split(':')[1]);
}

/** A line of the cache file: `"<id>"\t<hash>\t<stamp>\t<entry JSON without the hash>`. JSON escapes tabs and newlines, so neither occurs inside a field. */
function toLinePrefix(id: string, hash: string, stamp: string): string {
  return `${JSON.stringify(id)}\t${hash}\t${stamp}\t`;
}

interface LoadedCache {
  slots: Map<string, Slot>;
  buffer?: Buffer;
  writtenAt?: number;
  state: FactsCacheStats['state'];
  reason?: string;
}

/**
 * Reads the header and indexes the lines (id, hash, byte range) without parsing any entry: a
 * run that needs a few hundred files of a large repository parses only those. A line that
 * cannot be indexed (a truncated write) is skipped: its file is a miss.
 */
function readCacheFile(file: string, key: FactsCacheKey): LoadedCache {
  let buffer: Buffer;
  try {
    buffer = fs.readFileSync(file);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return { slots: new Map(), state: 'cold' };
    return { slots: new Map(), state: 'rebuilt', reason: `unreadable (${(error as Error).message})` };
  }
  const headerEnd = buffer.indexOf(NEWLINE);
  let header: Partial<CacheHeader>;
  try {
    header = JSON.parse(buffer.toString('utf8', 0, headerEnd === -1 ? buffer.length : headerEnd)) as Partial<CacheHeader>;
  } catch {
    return { slots: new Map(), state: 'rebuilt', reason: 'corrupt (not valid JSON)' };
  }
  if (typeof header !== 'object' || header === null || header.format !== CACHE_FORMAT) {
    return { slots: new Map(), state: 'rebuilt', reason: 'unknown cache format' };
  }
  if (header.seamsVersion !== key.seamsVersion) {
    return { slots: new Map(), state: 'rebuilt', reason: `written by seams ${String(header.seamsVersion)}` };
  }
  if (JSON.stringify(header.analyzers) !== JSON.stringify(key.analyzers)) {
    return { slots: new Map(), state: 'rebuilt', reason: 'written for another analyzer set' };
  }
  const slots = new Map<string, Slot>();
  let start = headerEnd === -1 ? buffer.length : headerEnd + 1;
  while (start < buffer.length) {
    let end = buffer.indexOf(NEWLINE, start);
    const complete = end !== -1;
    if (!complete) end = buffer.length;
    const firstTab = buffer.indexOf(TAB, start);
    const secondTab = firstTab === -1 || firstTab >= end ? -1 : buffer.indexOf(TAB, firstTab + 1);
    const thirdTab = secondTab === -1 || secondTab >= end ? -1 : buffer.indexOf(TAB, secondTab + 1);
    if (complete && thirdTab !== -1 && thirdTab < end) {
      const id = readId(buffer, start, firstTab);
      if (id !== undefined) {
        slots.set(id, {
          hash: buffer.toString('latin1', firstTab + 1, secondTab),
          stamp: buffer.toString('latin1', secondTab + 1, thirdTab),
          start: thirdTab + 1,
          end,
          line: buffer.subarray(start, end + 1),
        });
      }
    }
    start = end + 1;
  }
  return { slots, buffer, state: 'warm', ...(typeof header.writtenAt === 'number' ? { writtenAt: header.writtenAt } : {}) };
}

function readId(buffer: Buffer, start: number, end: number): string | undefined {
  const quoted = buffer.toString('utf8', start, end);
  if (quoted.length < 2 || !quoted.startsWith('"') || !quoted.endsWith('"')) return undefined;
  if (!quoted.includes('\\')) return quoted.slice(1, -1);
  try {
    const id: unknown = JSON.parse(quoted);
    return typeof id === 'string' ? id : undefined;
  } catch {
    return undefined;
  }
}

/** The entry of a slot, parsed on first use; null when its line is not a valid entry. */
function entryOf(id: string, slot: Slot, buffer: Buffer | undefined): CachedFile | null {
  if (slot.entry !== undefined) return slot.entry;
  let entry: CachedFile | null = null;
  if (buffer !== undefined) {
    try {
      const value = { hash: slot.hash, ...(JSON.parse(buffer.toString('utf8', slot.start, slot.end)) as object) };
      if (isCachedFile(id, value)) entry = value;
    } catch {
      entry = null;
    }
  }
  slot.entry = entry;
  return entry;
}

/**
 * Loads the facts cache of `root` for a seams version and analyzer set. A missing cache starts
 * cold; a corrupt one, or one from another version or analyzer set, starts empty and is
 * rewritten on save. Entries are read when first asked for and checked for shape then; a
 * malformed one is a miss.
 */
export function loadFactsCache(root: string, key: FactsCacheKey): FactsCache {
  const file = toCacheFile(root, key);
  const loaded = readCacheFile(file, key);
  const { slots, buffer } = loaded;
  const trustedBefore = loaded.writtenAt === undefined ? Number.NEGATIVE_INFINITY : loaded.writtenAt - RACY_MARGIN_MS;
  const seen = new Set<string>();
  const stats: FactsCacheStats = { state: loaded.state, hits: 0, misses: 0 };
  if (loaded.reason !== undefined) stats.reason = loaded.reason;
  let dirty = loaded.state !== 'warm';
  return {
    file,
    stats,
    get(id, hash) {
      seen.add(id);
      const slot = slots.get(id);
      const entry = slot === undefined || slot.hash !== hash ? null : entryOf(id, slot, buffer);
      if (entry !== null) {
        stats.hits += 1;
        return entry;
      }
      stats.misses += 1;
      return undefined;
    },
    hashOf(id) {
      return slots.get(id)?.hash;
    },
    peek(id) {
      const slot = slots.get(id);
      return slot === undefined ? undefined : (entryOf(id, slot, buffer) ?? undefined);
    },
    set(id, entry, stamp) {
      seen.add(id);
      // Without a new stamp (a second pass completing an entry), the file is still the one hashed.
      const previous = slots.get(id);
      const kept = stamp ?? (previous?.hash === entry.hash ? previous.stamp : '');
      slots.set(id, { hash: entry.hash, stamp: kept, start: 0, end: 0, entry });
      dirty = true;
    },
    trustedHash(id, stamp) {
      const slot = slots.get(id);
      if (slot === undefined || slot.stamp !== stamp || stamp === '' || !(modifiedAt(stamp) < trustedBefore)) return undefined;
      return slot.hash;
    },
    restamp(id, stamp) {
      const slot = slots.get(id);
      if (slot === undefined || slot.stamp === stamp) return;
      slot.stamp = stamp;
      // The line as read carries the old stamp: it is rebuilt from its parts on save.
      slot.line = undefined;
      dirty = true;
    },
    save(options = {}) {
      if (options.prune) {
        for (const id of slots.keys()) {
          if (!seen.has(id)) {
            slots.delete(id);
            dirty = true;
          }
        }
      }
      if (!dirty) return undefined;
      const header: CacheHeader = { format: CACHE_FORMAT, seamsVersion: key.seamsVersion, analyzers: key.analyzers, writtenAt: Date.now() };
      const parts: Buffer[] = [Buffer.from(`${JSON.stringify(header)}\n`)];
      for (const id of [...slots.keys()].sort()) {
        const slot = slots.get(id) as Slot;
        if (slot.line !== undefined) {
          parts.push(slot.line);
        } else if (slot.entry) {
          const { hash, ...rest } = slot.entry;
          parts.push(Buffer.from(`${toLinePrefix(id, hash, slot.stamp)}${JSON.stringify(rest)}\n`));
        } else if (slot.entry === undefined && buffer !== undefined && slot.end > slot.start) {
          parts.push(Buffer.from(toLinePrefix(id, slot.hash, slot.stamp)), buffer.subarray(slot.start, slot.end), Buffer.from('\n'));
        }
      }
      try {
        writeFileAtomic(file, Buffer.concat(parts));
        const ignoreFile = path.join(path.dirname(file), '.gitignore');
        if (!fs.existsSync(ignoreFile)) writeFileAtomic(ignoreFile, '# written by seams: the facts cache is never committed\n*\n');
        removeOldFormat(root, key);
        dirty = false;
        return undefined;
      } catch (error) {
        return `cannot write the facts cache ${file} (${(error as Error).message}); the next run will parse every file again.`;
      }
    },
  };
}

/** Removes the cache file of the first format (one JSON document), which this version neither reads nor rewrites. */
function removeOldFormat(root: string, key: FactsCacheKey): void {
  fs.rmSync(path.join(root, CACHE_DIRECTORY, `facts-${analyzerSetOf(key)}.json`), { force: true });
}
