import picomatch from 'picomatch';
import { stringify as toYaml } from 'yaml';
import type { AnalysisResult } from '../model/result.js';
import { compareText } from '../model/diagnostics.js';
import { BOUNDARIES_VERSION, SHARED_KERNEL, type Boundaries, type Domain } from './boundaries-schema.js';

/** Where editors find the JSON Schema of a boundaries file when seams is a dev dependency. */
export const BOUNDARIES_SCHEMA_REFERENCE = './node_modules/seams/schema/boundaries.schema.json';

/**
 * Compact globs for groups of files: a folder whose files all belong to one group becomes
 * `folder/**` (so files added there later belong to it too); files of mixed folders are listed
 * one by one. Returns the globs of each group, sorted.
 */
export function toCompactGlobs(groupOf: ReadonlyMap<string, string>): Map<string, string[]> {
  const groupsUnder = new Map<string, Set<string>>();
  const filesIn = new Map<string, string[]>();
  const subfolders = new Map<string, Set<string>>();
  const note = (map: Map<string, Set<string>>, key: string, value: string): void => {
    if (!map.has(key)) map.set(key, new Set());
    map.get(key)?.add(value);
  };
  for (const [file, group] of groupOf) {
    const parts = file.split('/');
    let folder = '';
    note(groupsUnder, folder, group);
    for (const part of parts.slice(0, -1)) {
      const child = folder === '' ? part : `${folder}/${part}`;
      note(subfolders, folder, child);
      folder = child;
      note(groupsUnder, folder, group);
    }
    if (!filesIn.has(folder)) filesIn.set(folder, []);
    filesIn.get(folder)?.push(file);
  }
  const globs = new Map<string, string[]>();
  const add = (group: string, glob: string): void => {
    if (!globs.has(group)) globs.set(group, []);
    globs.get(group)?.push(glob);
  };
  const walk = (folder: string): void => {
    const groups = groupsUnder.get(folder);
    if (groups?.size === 1) {
      add([...groups][0] as string, folder === '' ? '**' : `${folder}/**`);
      return;
    }
    for (const file of filesIn.get(folder) ?? []) add(groupOf.get(file) as string, file);
    for (const child of subfolders.get(folder) ?? []) walk(child);
  };
  walk('');
  for (const list of globs.values()) list.sort(compareText);
  return globs;
}

/** A domain name the boundaries schema accepts, unique among `taken`, never the shared kernel's. */
function toDomainName(name: string, taken: Set<string>): string {
  let base = name.replace(/[^A-Za-z0-9._-]+/g, '-').replace(/^[^A-Za-z0-9]+/, '') || 'domain';
  if (base === SHARED_KERNEL) base = `${SHARED_KERNEL}-domain`;
  let unique = base;
  for (let suffix = 2; taken.has(unique); suffix += 1) unique = `${base}-${suffix}`;
  taken.add(unique);
  return unique;
}

function emptyBoundaries(): Boundaries {
  return { $schema: BOUNDARIES_SCHEMA_REFERENCE, version: BOUNDARIES_VERSION, typeImports: 'deny', domains: {} };
}

/**
 * The boundaries of an analysis as it stands: each candidate service becomes a domain (its files
 * as compact globs, its tables owned), the shared-kernel cluster becomes the shared kernel. No
 * dependencies are allowed yet: today's cross-domain imports are the debt a baseline records.
 * Pure, so the TUI can save edited clusters the same way.
 */
export function toBoundaries(result: Pick<AnalysisResult, 'clusters'>): Boundaries {
  const boundaries = emptyBoundaries();
  const groupOf = new Map<string, string>();
  const taken = new Set<string>([SHARED_KERNEL]);
  const names = new Map<string, string>();
  const clusters = [...result.clusters].filter((cluster) => cluster.modules.length > 0).sort((a, b) => compareText(a.name, b.name) || compareText(a.id, b.id));
  for (const cluster of clusters) {
    const name = cluster.kind === 'shared' ? SHARED_KERNEL : toDomainName(cluster.name, taken);
    names.set(cluster.id, name);
    for (const module of cluster.modules) groupOf.set(module, name);
  }
  const globs = toCompactGlobs(groupOf);
  for (const cluster of clusters) {
    const name = names.get(cluster.id) as string;
    const tables = [...cluster.tables].sort(compareText);
    const paths = globs.get(name) ?? [];
    if (name === SHARED_KERNEL) {
      boundaries.shared = { paths, ...(tables.length > 0 ? { tables } : {}) };
      continue;
    }
    const domain: Domain = tables.length > 0 ? { paths, tables, dependsOn: [] } : { paths, dependsOn: [] };
    boundaries.domains[name] = domain;
  }
  return boundaries;
}

/**
 * The boundaries of a folder layout: each folder at `depth` path segments (`2`: `src/billing`),
 * or each folder matching a glob (`src/lib/features/*`), becomes a domain named after it. Files
 * outside those folders belong to no domain (they are not checked).
 */
export function toBoundariesFromFolders(files: readonly string[], spec: string): Boundaries {
  const depth = /^\d+$/.test(spec) ? Number(spec) : undefined;
  const matchesFolder = depth === undefined ? picomatch(spec.replace(/\/+$/, ''), { dot: true }) : undefined;
  const folderOf = (file: string): string | undefined => {
    const parts = file.split('/').slice(0, -1);
    if (depth !== undefined) return depth > 0 && parts.length >= depth ? parts.slice(0, depth).join('/') : undefined;
    for (let length = 1; length <= parts.length; length += 1) {
      const folder = parts.slice(0, length).join('/');
      if (matchesFolder?.(folder)) return folder;
    }
    return undefined;
  };
  const folders = [...new Set(files.map(folderOf).filter((folder): folder is string => folder !== undefined))].sort(compareText);
  const lastSegment = (folder: string): string => folder.split('/').pop() ?? folder;
  const counts = new Map<string, number>();
  for (const folder of folders) counts.set(lastSegment(folder), (counts.get(lastSegment(folder)) ?? 0) + 1);
  const boundaries = emptyBoundaries();
  const taken = new Set<string>([SHARED_KERNEL]);
  for (const folder of folders) {
    const name = toDomainName((counts.get(lastSegment(folder)) ?? 0) > 1 ? folder.replace(/\//g, '-') : lastSegment(folder), taken);
    boundaries.domains[name] = { paths: [`${folder}/**`], dependsOn: [] };
  }
  return boundaries;
}

/** The text of a boundaries file, JSON or YAML (with the schema comment YAML editors read). */
export function formatBoundaries(boundaries: Boundaries, format: 'json' | 'yaml'): string {
  if (format === 'json') return `${JSON.stringify(boundaries, null, 2)}\n`;
  const { $schema, ...rest } = boundaries;
  const header = $schema === undefined ? '' : `# yaml-language-server: $schema=${$schema}\n`;
  return `${header}${toYaml(rest)}`;
}
