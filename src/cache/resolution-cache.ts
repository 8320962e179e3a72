import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type { Discovery } from '../discover/discover-files.js';
import type { ModuleId } from '../model/facts.js';
import type { ImportResolver, Resolution } from '../resolve/resolve-imports.js';
import { loadTsconfigSettings } from '../resolve/tsconfig-chain.js';
import { writeFileAtomic } from '../io/write-file-atomic.js';
import { CACHE_DIRECTORY, toStamp } from './facts-cache.js';

/** Bumped when the layout of the file changes. */
const FORMAT = 1;
const FILE_NAME = 'resolutions.json';

interface StoredResolutions {
  format: number;
  key: string;
  /** `from\0specifier` → where it led, and the tsconfig directories resolving it read (`c`, when any). */
  resolutions: Record<string, StoredResolution>;
}

interface StoredResolution {
  r: Resolution;
  c?: string[];
}

function stampOf(file: string): string {
  try {
    return toStamp(fs.statSync(file));
  } catch {
    return '-';
  }
}

/**
 * The hash of everything import resolution reads besides the specifiers: the analyzed files,
 * every name in every directory discovery walked (a file added, removed or renamed anywhere),
 * the stamps (size, times, inode) of package.json, tsconfig/jsconfig and their `extends` chains
 * (inside or outside the root), workspace and lock files, and of the node_modules folders beside
 * each package.json (a package installed or removed), the Node version (built-in modules) and
 * the seams version.
 */
export function toResolutionKey(root: string, discovery: Discovery, modules: readonly ModuleId[], seamsVersion: string): string {
  const hash = crypto.createHash('sha1');
  hash.update(JSON.stringify({ seamsVersion, node: process.version, platform: process.platform, root, listing: discovery.listing }));
  for (const module of modules) hash.update(`\nm${module}`);
  const stamped = new Set<string>(discovery.configFiles);
  for (const tsconfig of discovery.tsconfigs) for (const file of loadTsconfigSettings(tsconfig).files) stamped.add(file);
  for (const manifest of discovery.packageJsons) stamped.add(path.join(path.dirname(manifest), 'node_modules'));
  for (const file of [...stamped].sort()) hash.update(`\ns${file}\u0000${stampOf(file)}`);
  return hash.digest('hex');
}

/** A resolution that stays true while the key holds; excluded and unresolved ones are asked again (they depend on files outside the walk). */
function isKeptAcrossRuns(resolution: Resolution): boolean {
  return resolution.kind === 'module' || resolution.kind === 'external' || resolution.kind === 'builtin';
}

function isStoredResolution(value: unknown): value is StoredResolution {
  if (typeof value !== 'object' || value === null) return false;
  const stored = value as Partial<StoredResolution>;
  return isResolution(stored.r) && (stored.c === undefined || (Array.isArray(stored.c) && stored.c.every((directory) => typeof directory === 'string')));
}

function isResolution(value: unknown): value is Resolution {
  if (typeof value !== 'object' || value === null) return false;
  const resolution = value as Partial<Record<string, unknown>>;
  switch (resolution.kind) {
    case 'module':
      return typeof resolution.target === 'string';
    case 'external':
      return typeof resolution.packageName === 'string';
    case 'builtin':
      return typeof resolution.name === 'string';
    default:
      return false;
  }
}

/** Resolutions kept between runs of `analyze --cache`. */
export interface ResolutionCache {
  /** Wraps a resolver's resolve: stored resolutions first, the resolver for the rest. */
  resolve(from: ModuleId, specifier: string): Resolution;
  /** Writes the resolutions of this run (when any was new, or some stored ones were not used). */
  save(): void;
  readonly hits: number;
}

/**
 * Loads `.seams-cache/resolutions.json` when its key is `key`. Only resolutions to an analyzed
 * module, a package or a built-in are kept; excluded and unresolved imports are resolved again
 * each run. Each kept resolution remembers the tsconfig directories resolving it read: a
 * resolution read back has the resolver read them too, so their problems (a tsconfig extending
 * what is not installed) are reported as a run without the cache reports them.
 */
export function loadResolutionCache(root: string, key: string, resolver: ImportResolver): ResolutionCache {
  const file = path.join(root, CACHE_DIRECTORY, FILE_NAME);
  let stored: Record<string, StoredResolution> = {};
  let storedCount = 0;
  try {
    const parsed = JSON.parse(fs.readFileSync(file, 'utf8')) as Partial<StoredResolutions>;
    if (parsed.format === FORMAT && parsed.key === key && typeof parsed.resolutions === 'object' && parsed.resolutions !== null) {
      stored = parsed.resolutions;
      storedCount = Object.keys(stored).length;
    }
  } catch {
    // Missing, unreadable or corrupt: everything is resolved and the file rewritten.
  }
  const used = new Map<string, StoredResolution>();
  let hits = 0;
  let fresh = 0;
  return {
    resolve(from, specifier) {
      const pair = `${from}\u0000${specifier}`;
      const known = Object.hasOwn(stored, pair) ? stored[pair] : undefined;
      if (isStoredResolution(known) && (known.c === undefined || resolver.consult !== undefined)) {
        hits += 1;
        used.set(pair, known);
        for (const directory of known.c ?? []) resolver.consult?.(directory);
        return known.r;
      }
      const resolution = resolver.resolve(from, specifier);
      if (isKeptAcrossRuns(resolution)) {
        const consulted = resolver.lastConsulted ?? [];
        used.set(pair, consulted.length === 0 ? { r: resolution } : { r: resolution, c: [...consulted] });
        fresh += 1;
      }
      return resolution;
    },
    save() {
      if (fresh === 0 && used.size === storedCount) return;
      const resolutions = Object.fromEntries([...used.entries()].sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0)));
      try {
        writeFileAtomic(file, JSON.stringify({ format: FORMAT, key, resolutions } satisfies StoredResolutions));
      } catch {
        // The next run resolves again.
      }
    },
    get hits() {
      return hits;
    },
  };
}
