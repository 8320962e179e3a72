import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import ignore, { type Ignore } from 'ignore';
import picomatch from 'picomatch';
import { createDiagnostic, DIAGNOSTIC_CODES, compareText } from '../model/diagnostics.js';
import type { Diagnostic } from '../model/result.js';
import { toModuleId, type ModuleId } from '../model/facts.js';

/** Extensions of the source files seams analyzes. */
export const SOURCE_EXTENSIONS = ['.ts', '.tsx', '.mts', '.cts', '.js', '.jsx', '.mjs', '.cjs'] as const;

/** Directories never entered. */
const ALWAYS_SKIPPED_DIRECTORIES = new Set(['node_modules', '.git', '.hg', '.svn', '.seams-cache']);

/** Directories skipped by default: build output and tests. */
export const DEFAULT_SKIPPED_DIRECTORIES = [
  'dist', 'build', 'out', '.next', '.nuxt', '.output', '.svelte-kit', '.turbo', '.cache', 'coverage',
  '__tests__', '__mocks__', 'test', 'tests', 'e2e',
] as const;

/** File-name patterns skipped by default: declarations and tests. */
const DEFAULT_SKIPPED_FILE = /(\.d\.[cm]?ts$)|(\.(test|spec|e2e|e2e-spec)\.[cm]?[jt]sx?$)/;

/** Files larger than this are not parsed (extraction checks when it opens the file, and a diagnostic says so). */
export const MAX_FILE_BYTES = 2 * 1024 * 1024;

/** How discovery chooses files. */
export interface DiscoverOptions {
  /** Absolute path of the analyzed root. */
  root: string;
  /** Only files matching one of these globs (relative to root) are analyzed; empty means all. */
  include: string[];
  /** Files matching one of these globs are not analyzed. */
  exclude: string[];
  /** Skip build output, tests, declarations and generated files (default true). */
  defaultExcludes: boolean;
}

/** A source file found by discovery. */
export interface DiscoveredFile {
  id: ModuleId;
  absolutePath: string;
}

/** A schema file read as data: a Prisma schema or an SQL schema/migration. */
export interface DiscoveredResource {
  id: string;
  absolutePath: string;
  kind: 'prisma' | 'sql';
}

/** What discovery found: source files to analyze and the configuration files beside them. */
export interface Discovery {
  files: DiscoveredFile[];
  /** Prisma schemas and SQL files (schemas, migrations), under the same rules as source files. */
  resources: DiscoveredResource[];
  /** Absolute paths of every tsconfig.json seen (for nearest-config resolution). */
  tsconfigs: string[];
  /** Absolute paths of every package.json seen. */
  packageJsons: string[];
  /** Absolute paths of every pnpm-workspace.yaml seen. */
  pnpmWorkspaces: string[];
  /** Source files passed over one by one (ignored, excluded, tests); files in skipped directories are not counted. Too large ones are counted by extraction. */
  skippedFiles: number;
  diagnostics: Diagnostic[];
  /** A hash of every entry (name and kind) of every directory walked: equal when no file or folder was added, removed or renamed there. */
  listing: string;
  /** Absolute paths of the files that configure resolution: package.json, tsconfig*.json, jsconfig*.json, workspace and lock files. */
  configFiles: string[];
}

/** Files whose content decides how imports resolve (besides the source files themselves). */
const CONFIG_FILE = /^(package\.json|[tj]sconfig.*\.json|pnpm-workspace\.yaml|package-lock\.json|npm-shrinkwrap\.json|yarn\.lock|pnpm-lock\.yaml|bun\.lockb?)$/;

interface IgnoreScope {
  directory: string;
  rules: Ignore;
}

/** True when `name` has one of the analyzed extensions. */
export function isSourceFileName(name: string): boolean {
  return SOURCE_EXTENSIONS.some((extension) => name.endsWith(extension));
}

/**
 * Walks the root and returns the source files to analyze, honouring .gitignore files at every
 * level, the default skips and the include/exclude globs. Symlink loops and unreadable
 * directories become diagnostics. The result is sorted.
 */
export function discoverFiles(options: DiscoverOptions): Discovery {
  const root = options.root;
  const includeMatchers = options.include.map((glob) => picomatch(glob, { dot: true }));
  const excludeMatchers = options.exclude.map((glob) => picomatch(glob, { dot: true }));
  const skippedDirectories = new Set<string>(options.defaultExcludes ? DEFAULT_SKIPPED_DIRECTORIES : []);
  const discovery: Discovery = { files: [], resources: [], tsconfigs: [], packageJsons: [], pnpmWorkspaces: [], skippedFiles: 0, diagnostics: [], listing: '', configFiles: [] };
  const listing = crypto.createHash('sha1');
  const visitedDirectories = new Set<string>();

  const isIgnored = (scopes: IgnoreScope[], absolutePath: string, isDirectory: boolean): boolean => {
    for (const scope of scopes) {
      // Both paths were joined from the root, so the scope's directory is a plain prefix.
      const prefix = scope.directory.endsWith(path.sep) ? scope.directory : scope.directory + path.sep;
      if (!absolutePath.startsWith(prefix)) continue;
      const relative = path.sep === '/' ? absolutePath.slice(prefix.length) : toPosix(absolutePath.slice(prefix.length));
      if (relative === '') continue;
      if (scope.rules.ignores(isDirectory ? `${relative}/` : relative)) return true;
    }
    return false;
  };

  /** `knownReal`: the real path when the walk reached the directory through no symbolic link (its parent's real path and its name). */
  const walk = (directory: string, scopes: IgnoreScope[], knownReal?: string): void => {
    let realDirectory: string;
    try {
      realDirectory = knownReal ?? fs.realpathSync.native(directory);
    } catch (error) {
      discovery.diagnostics.push(
        createDiagnostic(DIAGNOSTIC_CODES.unreadableFile, `Cannot read directory: ${describeError(error)}.`, relativeId(root, directory)),
      );
      return;
    }
    if (visitedDirectories.has(realDirectory)) {
      discovery.diagnostics.push(
        createDiagnostic(
          DIAGNOSTIC_CODES.symlinkLoop,
          `Directory reached twice through a symbolic link (it points at ${toPosix(path.relative(root, realDirectory)) || '.'}); entered once.`,
          relativeId(root, directory),
        ),
      );
      return;
    }
    visitedDirectories.add(realDirectory);

    let entries: fs.Dirent[];
    try {
      entries = fs.readdirSync(directory, { withFileTypes: true });
    } catch (error) {
      discovery.diagnostics.push(
        createDiagnostic(DIAGNOSTIC_CODES.unreadableFile, `Cannot list directory: ${describeError(error)}.`, relativeId(root, directory)),
      );
      return;
    }
    entries.sort((a, b) => compareText(a.name, b.name));
    listing.update(`\n${directory}`);
    for (const entry of entries) listing.update(`\u0000${entry.name}\u0000${entry.isDirectory() ? 'd' : entry.isSymbolicLink() ? 'l' : 'f'}`);

    let localScopes = scopes;
    if (entries.some((entry) => entry.name === '.gitignore' && entry.isFile())) {
      try {
        const rules = ignore().add(fs.readFileSync(path.join(directory, '.gitignore'), 'utf8'));
        localScopes = [...scopes, { directory, rules }];
      } catch (error) {
        discovery.diagnostics.push(
          createDiagnostic(DIAGNOSTIC_CODES.unreadableFile, `Cannot read .gitignore: ${describeError(error)}.`, relativeId(root, path.join(directory, '.gitignore'))),
        );
      }
    }

    for (const entry of entries) {
      const absolutePath = path.join(directory, entry.name);
      let isDirectory = entry.isDirectory();
      let isFile = entry.isFile();
      if (entry.isSymbolicLink()) {
        try {
          const target = fs.statSync(absolutePath);
          isDirectory = target.isDirectory();
          isFile = target.isFile();
        } catch (error) {
          discovery.diagnostics.push(
            createDiagnostic(DIAGNOSTIC_CODES.unreadableFile, `Broken symbolic link: ${describeError(error)}.`, relativeId(root, absolutePath)),
          );
          continue;
        }
      }
      if (isDirectory) {
        if (ALWAYS_SKIPPED_DIRECTORIES.has(entry.name) || isIgnored(localScopes, absolutePath, true)) continue;
        if (skippedDirectories.has(entry.name)) continue;
        walk(absolutePath, localScopes, entry.isSymbolicLink() ? undefined : path.join(realDirectory, entry.name));
        continue;
      }
      if (!isFile) continue;
      if (CONFIG_FILE.test(entry.name)) discovery.configFiles.push(absolutePath);
      if (entry.name === 'tsconfig.json') discovery.tsconfigs.push(absolutePath);
      if (entry.name === 'package.json') discovery.packageJsons.push(absolutePath);
      if (entry.name === 'pnpm-workspace.yaml') discovery.pnpmWorkspaces.push(absolutePath);
      const resourceKind = entry.name.endsWith('.prisma') ? 'prisma' : entry.name.endsWith('.sql') ? 'sql' : undefined;
      if (resourceKind !== undefined) {
        const id = relativeId(root, absolutePath);
        if (!isIgnored(localScopes, absolutePath, false) && !excludeMatchers.some((matches) => matches(id))) {
          discovery.resources.push({ id, absolutePath, kind: resourceKind });
        }
        continue;
      }
      if (!isSourceFileName(entry.name)) continue;
      const id = relativeId(root, absolutePath);
      if (
        isIgnored(localScopes, absolutePath, false) ||
        (options.defaultExcludes && DEFAULT_SKIPPED_FILE.test(entry.name)) ||
        (includeMatchers.length > 0 && !includeMatchers.some((matches) => matches(id))) ||
        excludeMatchers.some((matches) => matches(id))
      ) {
        discovery.skippedFiles += 1;
        continue;
      }
      discovery.files.push({ id, absolutePath });
    }
  };

  walk(root, []);
  discovery.listing = listing.digest('hex');
  discovery.configFiles.sort(compareText);
  discovery.files.sort((a, b) => compareText(a.id, b.id));
  discovery.resources.sort((a, b) => compareText(a.id, b.id));
  discovery.tsconfigs.sort(compareText);
  discovery.packageJsons.sort(compareText);
  discovery.pnpmWorkspaces.sort(compareText);
  return discovery;
}

/** Converts a native path to POSIX separators. */
export function toPosix(nativePath: string): string {
  return nativePath.split(path.sep).join('/');
}

/** The module id of an absolute path under root. */
export function relativeId(root: string, absolutePath: string): ModuleId {
  return toModuleId(toPosix(path.relative(root, absolutePath)) || '.');
}

/** The message of an unknown error, without a stack. */
export function describeError(error: unknown): string {
  if (error && typeof error === 'object' && 'code' in error && 'message' in error) {
    return String((error as { message: string }).message);
  }
  return error instanceof Error ? error.message : String(error);
}
