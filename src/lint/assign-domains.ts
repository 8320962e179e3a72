import picomatch from 'picomatch';
import type { ModuleId } from '../model/facts.js';
import { SHARED_KERNEL, type Boundaries } from './boundaries-schema.js';
import { toConfigError, type ConfigProblem, type DataFile, type DataPath } from './data-file.js';
import { BOUNDARIES_HINT } from './load-boundaries.js';

/** Which domain each checked file belongs to. */
export interface DomainAssignment {
  /** Domain (or `shared`) of each file that belongs to one; files in no domain are not checked. */
  domainOf: Map<ModuleId, string>;
  /** Files in no domain. */
  unassigned: ModuleId[];
  /** Number of files per domain. */
  sizes: Map<string, number>;
  /** True when a file is one of its domain's public entries (always true for a domain without `entries`). */
  isEntry(domain: string, file: ModuleId): boolean;
}

interface CompiledGlob {
  glob: string;
  at: DataPath;
  negated: boolean;
  base: string;
  matches: (file: string) => boolean;
  hits: number;
}

/** Compiles a list of globs; `!glob` excludes. A base-directory prefix test skips most files cheaply. */
function compileGlobs(globs: readonly string[], at: DataPath): CompiledGlob[] {
  return globs.map((glob, index) => {
    const negated = glob.startsWith('!');
    const pattern = negated ? glob.slice(1) : glob;
    const base = picomatch.scan(pattern).base;
    return { glob, at: [...at, index], negated, base, matches: picomatch(pattern, { dot: true }), hits: 0 };
  });
}

function isUnder(file: string, base: string): boolean {
  return base === '' || file === base || (file.startsWith(base) && file.charCodeAt(base.length) === 47);
}

/** Whether a file matches a compiled list (some positive glob and no negative one); counts hits of positives. */
function matchesList(globs: CompiledGlob[], file: string): boolean {
  let matched: CompiledGlob | undefined;
  for (const glob of globs) {
    if (glob.negated || !isUnder(file, glob.base) || !glob.matches(file)) continue;
    matched = glob;
    break;
  }
  if (!matched) return false;
  for (const glob of globs) if (glob.negated && isUnder(file, glob.base) && glob.matches(file)) return false;
  for (const glob of globs) if (!glob.negated && isUnder(file, glob.base) && glob.matches(file)) glob.hits += 1;
  return true;
}

/** A suggestion for a glob that matched nothing: the folder form, when the user wrote a folder. */
function suggestFor(glob: string, files: readonly ModuleId[]): string {
  if (!/[*?[{]/.test(glob)) {
    const folder = `${glob.replace(/\/$/, '')}/**`;
    const matcher = picomatch(folder, { dot: true });
    if (files.some((file) => matcher(file))) return ` (did you mean "${folder}"?)`;
  }
  return '';
}

/**
 * Assigns each file to its domain (files the boundaries file excludes never get here: discovery skips them). A glob matching no file, a domain matching no file, an entry
 * glob matching none of its domain's files, and a file claimed by two domains are configuration
 * errors (exit code 2), never a silent pass.
 */
export function assignDomains(files: readonly ModuleId[], file: DataFile<Boundaries>): DomainAssignment {
  const boundaries = file.value;
  const owners: { name: string; at: DataPath; paths: CompiledGlob[]; entries?: CompiledGlob[] }[] = [];
  if (boundaries.shared) owners.push({ name: SHARED_KERNEL, at: ['shared'], paths: compileGlobs(boundaries.shared.paths, ['shared', 'paths']) });
  for (const [name, domain] of Object.entries(boundaries.domains)) {
    owners.push({
      name,
      at: ['domains', name],
      paths: compileGlobs(domain.paths, ['domains', name, 'paths']),
      entries: domain.entries ? compileGlobs(domain.entries, ['domains', name, 'entries']) : undefined,
    });
  }

  const assignment: DomainAssignment = { domainOf: new Map(), unassigned: [], sizes: new Map(), isEntry: () => true };
  const overlaps = new Map<string, ModuleId[]>();
  const entryFiles = new Set<ModuleId>();
  for (const id of files) {
    let domain: string | undefined;
    for (const owner of owners) {
      if (!matchesList(owner.paths, id)) continue;
      if (domain === undefined) {
        domain = owner.name;
        if (owner.entries && matchesList(owner.entries, id)) entryFiles.add(id);
        continue;
      }
      const pair = `${domain}\u0000${owner.name}`;
      if (!overlaps.has(pair)) overlaps.set(pair, []);
      overlaps.get(pair)?.push(id);
    }
    if (domain === undefined) assignment.unassigned.push(id);
    else {
      assignment.domainOf.set(id, domain);
      assignment.sizes.set(domain, (assignment.sizes.get(domain) ?? 0) + 1);
    }
  }

  const problems: ConfigProblem[] = [];
  for (const owner of owners) {
    const label = owner.name === SHARED_KERNEL && owner.at[0] === 'shared' ? 'shared' : `domains.${owner.name}`;
    if (!assignment.sizes.has(owner.name)) {
      problems.push({ ...file.locate(owner.at), message: `${label} matches no file; a domain that matches nothing checks nothing. Fix its paths or remove it` });
    }
    for (const glob of owner.paths) {
      if (!glob.negated && glob.hits === 0) {
        problems.push({ ...file.locate(glob.at), message: `${label}.paths: "${glob.glob}" matches no file${suggestFor(glob.glob, files)}` });
      }
    }
    for (const glob of owner.entries ?? []) {
      if (!glob.negated && glob.hits === 0) {
        problems.push({ ...file.locate(glob.at), message: `${label}.entries: "${glob.glob}" matches none of the domain's files` });
      }
    }
  }
  for (const [pair, claimed] of overlaps) {
    const [first, second] = pair.split('\u0000') as [string, string];
    const at = second === SHARED_KERNEL ? ['shared'] : ['domains', second];
    const examples = claimed.slice(0, 3).join(', ') + (claimed.length > 3 ? ` and ${claimed.length - 3} more` : '');
    problems.push({
      ...file.locate(at),
      message: `${claimed.length} file${claimed.length === 1 ? '' : 's'} belong to both ${first} and ${second} (${examples}); each file belongs to one domain: narrow one of the globs or add a "!glob" exclusion`,
    });
  }
  if (problems.length > 0) throw toConfigError(file.name, problems, BOUNDARIES_HINT);

  const hasEntries = new Set(owners.filter((owner) => owner.entries).map((owner) => owner.name));
  assignment.isEntry = (domain, id) => !hasEntries.has(domain) || entryFiles.has(id);
  return assignment;
}

/** A table ownership pattern as written. */
export interface TablePattern {
  owner: string;
  pattern: string;
  at: DataPath;
  matches(table: string): boolean;
}

/** Who owns each table: exact names or picomatch globs over table ids (`billing_*`, `auth.*`), case-insensitive. */
export function createTableOwners(boundaries: Boundaries): { ownerOf(table: string): string | undefined; patterns: TablePattern[] } {
  const patterns: TablePattern[] = [];
  const add = (owner: string, pattern: string, at: DataPath): void => {
    const glob = picomatch(pattern, { dot: true, nocase: true });
    const lower = pattern.toLowerCase();
    patterns.push({ owner, pattern, at, matches: (table) => table.toLowerCase() === lower || glob(table) });
  };
  boundaries.shared?.tables?.forEach((pattern, index) => add(SHARED_KERNEL, pattern, ['shared', 'tables', index]));
  for (const [name, domain] of Object.entries(boundaries.domains)) {
    domain.tables?.forEach((pattern, index) => add(name, pattern, ['domains', name, 'tables', index]));
  }
  return { patterns, ownerOf: (table) => patterns.find((entry) => entry.matches(table))?.owner };
}
