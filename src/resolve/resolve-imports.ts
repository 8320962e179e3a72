import fs from 'node:fs';
import path from 'node:path';
import { isBuiltin } from 'node:module';
import { ResolverFactory, type NapiResolveOptions } from 'oxc-resolver';
import { exports as resolveExportsMap } from 'resolve.exports';
import type { ModuleId } from '../model/facts.js';
import type { Diagnostic } from '../model/result.js';
import { createDiagnostic, DIAGNOSTIC_CODES } from '../model/diagnostics.js';
import { relativeId, SOURCE_EXTENSIONS } from '../discover/discover-files.js';
import { nearestTsconfigDirectory as findNearestTsconfigDirectory, type LocalPackage, type ProjectLayout } from '../discover/project-layout.js';
import { loadTsconfigSettings, matchPathsPattern, type TsconfigSettings } from './tsconfig-chain.js';

/** Where a specifier leads. */
export type Resolution =
  | { kind: 'module'; target: ModuleId }
  | { kind: 'excluded'; file: string }
  | { kind: 'external'; packageName: string }
  | { kind: 'builtin'; name: string }
  | { kind: 'unresolved'; reason: string };

/** Resolves module specifiers of analyzed files. */
export interface ImportResolver {
  resolve(from: ModuleId, specifier: string): Resolution;
  /** Diagnostics about configuration met while resolving (each reported once). */
  readonly diagnostics: Diagnostic[];
  /** The tsconfig directories whose settings the last resolve call read (what its diagnostics depend on). */
  readonly lastConsulted?: readonly string[];
  /** Reads a tsconfig directory's settings as a resolve call would, reporting its problems once: for resolutions taken from a cache. */
  consult?(tsconfigDirectory: string): void;
}

const RESOLVE_EXTENSIONS = ['.ts', '.tsx', '.mts', '.cts', '.d.ts', '.js', '.jsx', '.mjs', '.cjs', '.json', '.node'];
const BUILD_OUTPUT_SEGMENTS = new Set(['dist', 'build', 'lib', 'out', 'esm', 'cjs', 'types', 'typings']);
const CONDITIONS = ['source', 'types', 'import', 'require', 'node', 'default'];

const BASE_OPTIONS: NapiResolveOptions = {
  extensions: RESOLVE_EXTENSIONS,
  extensionAlias: {
    '.js': ['.ts', '.tsx', '.d.ts', '.js', '.jsx'],
    '.jsx': ['.tsx', '.jsx'],
    '.mjs': ['.mts', '.d.mts', '.mjs'],
    '.cjs': ['.cts', '.d.cts', '.cjs'],
  },
  conditionNames: ['types', 'import', 'require', 'node', 'default'],
  mainFields: ['types', 'typings', 'module', 'main'],
  symlinks: true,
};

/** The package name of a bare specifier (`@scope/name/deep` → `@scope/name`). */
export function toPackageName(specifier: string): string {
  const parts = specifier.split('/');
  return specifier.startsWith('@') ? parts.slice(0, 2).join('/') : (parts[0] ?? specifier);
}

/** True for `./x`, `../x`, `/x`: specifiers that never name a package. */
function isPathSpecifier(specifier: string): boolean {
  return specifier.startsWith('.') || specifier.startsWith('/');
}

/** The source files a build-output or extensionless path may have come from, most likely first. */
export function toSourceCandidates(absolutePath: string, packageDirectory: string): string[] {
  const withoutExtension = absolutePath.replace(/(\.d)?\.[cm]?[jt]sx?$/, '');
  const bases = [withoutExtension];
  const relative = path.relative(packageDirectory, withoutExtension).split(path.sep);
  let stripped = 0;
  while (stripped < relative.length - 1 && BUILD_OUTPUT_SEGMENTS.has(relative[stripped] ?? '')) stripped += 1;
  if (stripped > 0) {
    const rest = relative.slice(stripped);
    bases.push(path.join(packageDirectory, 'src', ...rest), path.join(packageDirectory, ...rest));
  }
  const candidates: string[] = [];
  if (SOURCE_EXTENSIONS.some((extension) => absolutePath.endsWith(extension)) && !/\.d\.[cm]?ts$/.test(absolutePath)) {
    candidates.push(absolutePath);
  }
  for (const base of bases) {
    for (const extension of SOURCE_EXTENSIONS) candidates.push(base + extension);
    for (const extension of SOURCE_EXTENSIONS) candidates.push(path.join(base, `index${extension}`));
  }
  return candidates;
}

/**
 * Creates the resolver: oxc-resolver against each file's nearest tsconfig (paths, baseUrl,
 * extends), package.json `imports`/`exports`, `.js` → `.ts`, index files; workspace packages
 * resolve to their source, not their build output. A tsconfig whose `extends` is not installed
 * falls back to its own paths and baseUrl instead of failing every import.
 */
export function createImportResolver(layout: ProjectLayout, modules: ReadonlyMap<string, ModuleId>): ImportResolver {
  const root = layout.root;
  const diagnostics: Diagnostic[] = [];
  const resolver = new ResolverFactory({ ...BASE_OPTIONS, tsconfig: 'auto' });
  const plainResolver = resolver.cloneWithOptions({ ...BASE_OPTIONS });
  const settingsByDirectory = new Map<string, TsconfigSettings | undefined>();
  const fallbackResolvers = new Map<string, ResolverFactory>();
  const nearestByDirectory = new Map<string, string | undefined>();
  const brokenTsconfigDirectories = new Set<string>();

  const nearestTsconfigDirectory = (directory: string): string | undefined => {
    if (nearestByDirectory.has(directory)) return nearestByDirectory.get(directory);
    const found = findNearestTsconfigDirectory(layout, directory);
    nearestByDirectory.set(directory, found);
    return found;
  };

  let consulted: string[] = [];
  const settingsFor = (tsconfigDirectory: string | undefined): TsconfigSettings | undefined => {
    if (tsconfigDirectory === undefined) return undefined;
    if (!consulted.includes(tsconfigDirectory)) consulted.push(tsconfigDirectory);
    if (!settingsByDirectory.has(tsconfigDirectory)) {
      const settings = loadTsconfigSettings(path.join(tsconfigDirectory, 'tsconfig.json'));
      settingsByDirectory.set(tsconfigDirectory, settings);
      const file = relativeId(root, settings.file);
      if (settings.missingExtends.length > 0) {
        diagnostics.push(
          createDiagnostic(
            DIAGNOSTIC_CODES.tsconfigExtendsMissing,
            `tsconfig extends ${settings.missingExtends.map((entry) => `"${entry}"`).join(', ')}, which is not installed here; imports of files under it are resolved with its own paths and baseUrl only. Install dependencies for full fidelity.`,
            file,
          ),
        );
      }
      if (settings.parseError) {
        diagnostics.push(
          createDiagnostic(DIAGNOSTIC_CODES.tsconfigUnreadable, `tsconfig could not be read (${settings.parseError}); its paths are ignored. Fix the JSON.`, file),
        );
      }
    }
    return settingsByDirectory.get(tsconfigDirectory);
  };

  const fallbackResolverFor = (tsconfigDirectory: string | undefined): ResolverFactory => {
    const settings = settingsFor(tsconfigDirectory);
    if (!settings || tsconfigDirectory === undefined) return plainResolver;
    let fallback = fallbackResolvers.get(tsconfigDirectory);
    if (!fallback) {
      const alias: Record<string, string[]> = {};
      for (const { pattern, targets } of settings.paths) {
        const key = pattern.endsWith('/*') ? pattern.slice(0, -2) : pattern.replace(/\*$/, '');
        alias[key] = targets.map((target) => target.replace(/[/\\]\*$/, '').replace(/\*$/, ''));
      }
      fallback = resolver.cloneWithOptions({
        ...BASE_OPTIONS,
        alias,
        modules: settings.baseUrl ? [settings.baseUrl, 'node_modules'] : ['node_modules'],
      });
      fallbackResolvers.set(tsconfigDirectory, fallback);
    }
    return fallback;
  };

  const classifyPath = (absolutePath: string, specifier: string): Resolution => {
    const moduleId = modules.get(absolutePath);
    if (moduleId !== undefined) return { kind: 'module', target: moduleId };
    const relative = path.relative(root, absolutePath);
    if (relative.startsWith('..') || relative.split(path.sep).includes('node_modules')) {
      return { kind: 'external', packageName: isPathSpecifier(specifier) ? relative : toPackageName(specifier) };
    }
    return { kind: 'excluded', file: relativeId(root, absolutePath) };
  };

  // A workspace specifier leads to the same file from anywhere: resolved once per specifier.
  const workspaceResolutions = new Map<string, Resolution>();
  const resolveWorkspace = (localPackage: LocalPackage, specifier: string): Resolution => {
    let resolution = workspaceResolutions.get(specifier);
    if (resolution === undefined) {
      resolution = resolveWorkspaceOnce(localPackage, specifier);
      workspaceResolutions.set(specifier, resolution);
    }
    return resolution;
  };

  const resolveWorkspaceOnce = (localPackage: LocalPackage, specifier: string): Resolution => {
    const subpath = specifier.slice(localPackage.name.length).replace(/^\//, '');
    const entry = subpath === '' ? '.' : `./${subpath}`;
    let targets: string[] = [];
    if (localPackage.manifest.exports !== undefined) {
      try {
        targets = resolveExportsMap(localPackage.manifest, entry, { conditions: CONDITIONS, unsafe: true }) ?? [];
      } catch {
        targets = [];
      }
    }
    if (targets.length === 0) {
      const manifest = localPackage.manifest;
      targets =
        subpath === ''
          ? [manifest.source, manifest.types, manifest.typings, manifest.module, manifest.main].filter((t): t is string => typeof t === 'string')
          : [`./${subpath}`];
    }
    targets.push(subpath === '' ? './src/index' : `./src/${subpath}`, subpath === '' ? './index' : `./${subpath}`);
    const candidates = targets.flatMap((target) => toSourceCandidates(path.resolve(localPackage.directory, target), localPackage.directory));
    for (const candidate of candidates) {
      const moduleId = modules.get(candidate);
      if (moduleId !== undefined) return { kind: 'module', target: moduleId };
    }
    // Only when no candidate is analyzed does the disk say whether one exists but was left out (a stat each).
    const existingButNotAnalyzed = candidates.find(isFile);
    if (existingButNotAnalyzed !== undefined) return { kind: 'excluded', file: relativeId(root, existingButNotAnalyzed) };
    return { kind: 'unresolved', reason: `workspace package ${localPackage.name} has no source file for "${entry}"` };
  };

  const resolve = (from: ModuleId, specifier: string): Resolution => {
    consulted = [];
    if (isBuiltin(specifier)) return { kind: 'builtin', name: specifier.replace(/^node:/, '') };
    const fromFile = path.join(root, from);
    if (!isPathSpecifier(specifier) && !specifier.startsWith('#')) {
      const localPackage = layout.packages.get(toPackageName(specifier));
      if (localPackage) return resolveWorkspace(localPackage, specifier);
    }
    const tsconfigDirectory = nearestTsconfigDirectory(path.dirname(fromFile));
    const brokenTsconfig = tsconfigDirectory !== undefined && brokenTsconfigDirectories.has(tsconfigDirectory);
    let result = brokenTsconfig
      ? fallbackResolverFor(tsconfigDirectory).sync(path.dirname(fromFile), specifier)
      : resolver.resolveFileSync(fromFile, specifier);
    if (!brokenTsconfig && result.error && /tsconfig/i.test(result.error)) {
      if (tsconfigDirectory !== undefined) brokenTsconfigDirectories.add(tsconfigDirectory);
      settingsFor(tsconfigDirectory);
      result = fallbackResolverFor(tsconfigDirectory).sync(path.dirname(fromFile), specifier);
    }
    if (result.path) return classifyPath(result.path, specifier);
    if (isPathSpecifier(specifier) || specifier.startsWith('#')) {
      return { kind: 'unresolved', reason: result.error ?? 'not found' };
    }
    const settings = settingsFor(tsconfigDirectory);
    const alias = settings ? matchPathsPattern(settings, specifier) : undefined;
    // Not an alias miss: a catch-all pattern ("*"), a declared dependency, or an alias into node_modules (a types shim).
    const isAliasMiss =
      alias !== undefined &&
      alias.pattern !== '*' &&
      !layout.dependencies.has(toPackageName(specifier)) &&
      !alias.targets.every((target) => target.split(path.sep).includes('node_modules'));
    if (settings && isAliasMiss) {
      return { kind: 'unresolved', reason: `matches a tsconfig paths alias of ${relativeId(root, settings.file)} but no file exists there` };
    }
    return { kind: 'external', packageName: toPackageName(specifier) };
  };

  return {
    resolve,
    diagnostics,
    get lastConsulted() {
      return consulted;
    },
    consult: (tsconfigDirectory) => void settingsFor(tsconfigDirectory),
  };
}

function isFile(candidate: string): boolean {
  try {
    return fs.statSync(candidate).isFile();
  } catch {
    return false;
  }
}
