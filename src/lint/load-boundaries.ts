import fs from 'node:fs';
import path from 'node:path';
import picomatch from 'picomatch';
import { SeamsError } from '../errors.js';
import { BOUNDARIES_FILE_NAMES, boundariesSchema, SHARED_KERNEL, type Boundaries } from './boundaries-schema.js';
import { loadDataFile, toConfigError, type ConfigProblem, type DataFile } from './data-file.js';

/** How to fix a boundaries file, added under every configuration error. */
export const BOUNDARIES_HINT = 'Fix the boundaries file (schema: schema/boundaries.schema.json), or write a fresh one with "seams boundaries init".';

/** A loaded, checked boundaries file. */
export interface LoadedBoundaries extends DataFile<Boundaries> {
  /** Absolute path. */
  file: string;
}

/** A file as messages name it: relative to the root when inside it, else absolute. */
export function toDisplayName(root: string, file: string): string {
  const relative = path.relative(root, file);
  return relative === '' || relative.startsWith('..') || path.isAbsolute(relative) ? file : relative.split(path.sep).join('/');
}

/** The boundaries file of `root`: the one given, else the one of the standard names that exists. */
export function findBoundariesFile(root: string, given?: string): string {
  if (given !== undefined) {
    const file = path.resolve(root, given);
    if (!fs.existsSync(file)) throw new SeamsError('config', `Boundaries file not found: ${given}. Write one with "seams boundaries init".`);
    return file;
  }
  const found = BOUNDARIES_FILE_NAMES.map((name) => path.join(root, name)).filter((file) => fs.existsSync(file));
  if (found.length > 1) {
    throw new SeamsError('config', `Both ${found.map((file) => path.basename(file)).join(' and ')} exist in ${root}; keep one (or choose with --boundaries).`);
  }
  if (found.length === 0) {
    throw new SeamsError(
      'config',
      `No boundaries file in ${root} (looked for ${BOUNDARIES_FILE_NAMES.join(', ')}). Write one with "seams boundaries init ${root}", or name it with --boundaries.`,
    );
  }
  return found[0] as string;
}

/**
 * Checks what the schema cannot: every `dependsOn` names a domain, no domain is called like the
 * shared kernel, no table has two owners, every table pattern and glob is a valid pattern.
 */
export function checkBoundaries(file: DataFile<Boundaries>): ConfigProblem[] {
  const problems: ConfigProblem[] = [];
  const boundaries = file.value;
  const names = Object.keys(boundaries.domains);
  if (names.length === 0) problems.push({ ...file.locate(['domains']), message: 'domains: no domain is defined; a boundaries file without domains checks nothing' });
  const owners = new Map<string, string>();
  const addOwner = (table: string, owner: string, at: (string | number)[]): void => {
    const previous = owners.get(table);
    if (previous !== undefined && previous !== owner) {
      problems.push({ ...file.locate(at), message: `table "${table}" is owned by both ${previous} and ${owner}; give each table one owner (or put it in shared.tables)` });
    }
    owners.set(table, owner);
  };
  boundaries.shared?.tables?.forEach((table, index) => addOwner(table, SHARED_KERNEL, ['shared', 'tables', index]));
  for (const [name, domain] of Object.entries(boundaries.domains)) {
    if (name === SHARED_KERNEL) {
      problems.push({ ...file.locate(['domains', name]), message: `"${SHARED_KERNEL}" is the shared kernel's name; declare the shared kernel under the top-level "shared" key, or rename the domain` });
    }
    domain.dependsOn?.forEach((dependency, index) => {
      if (dependency === name) {
        problems.push({ ...file.locate(['domains', name, 'dependsOn', index]), message: `domains.${name}.dependsOn: a domain does not need to list itself` });
      } else if (!(dependency in boundaries.domains) && dependency !== SHARED_KERNEL) {
        problems.push({
          ...file.locate(['domains', name, 'dependsOn', index]),
          message: `domains.${name}.dependsOn: unknown domain "${dependency}" (domains: ${names.join(', ')})`,
        });
      }
    });
    domain.tables?.forEach((table, index) => addOwner(table, name, ['domains', name, 'tables', index]));
  }
  const checkGlobs = (globs: string[] | undefined, at: (string | number)[]): void => {
    globs?.forEach((glob, index) => {
      try {
        picomatch(glob.replace(/^!/, ''));
      } catch (error) {
        problems.push({ ...file.locate([...at, index]), message: `not a valid glob: "${glob}" (${(error as Error).message})` });
      }
    });
  };
  checkGlobs(boundaries.shared?.paths, ['shared', 'paths']);
  checkGlobs(boundaries.exclude, ['exclude']);
  for (const [name, domain] of Object.entries(boundaries.domains)) {
    checkGlobs(domain.paths, ['domains', name, 'paths']);
    checkGlobs(domain.entries, ['domains', name, 'entries']);
  }
  return problems;
}

/**
 * Loads the boundaries file (JSON or YAML, read as data) and checks it. Any problem is a
 * configuration error (exit code 2) naming the file, line and column and what is wrong.
 */
export function loadBoundaries(root: string, given?: string): LoadedBoundaries {
  const file = findBoundariesFile(root, given);
  const loaded = loadDataFile(file, toDisplayName(root, file), boundariesSchema, BOUNDARIES_HINT);
  const problems = checkBoundaries(loaded);
  if (problems.length > 0) throw toConfigError(loaded.name, problems, BOUNDARIES_HINT);
  return { ...loaded, file };
}
