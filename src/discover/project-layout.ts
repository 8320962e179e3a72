import fs from 'node:fs';
import path from 'node:path';
import picomatch from 'picomatch';
import { parse as parseYaml } from 'yaml';
import { createDiagnostic, DIAGNOSTIC_CODES, compareText } from '../model/diagnostics.js';
import type { Diagnostic } from '../model/result.js';
import { describeError, relativeId, toPosix, type Discovery } from './discover-files.js';

/** A package.json as data (never executed). Only the fields seams reads. */
export interface PackageManifest {
  name?: string;
  main?: string;
  module?: string;
  types?: string;
  typings?: string;
  source?: string;
  exports?: unknown;
  imports?: unknown;
  workspaces?: string[] | { packages?: string[] };
  dependencies?: Record<string, string>;
  devDependencies?: Record<string, string>;
  peerDependencies?: Record<string, string>;
  optionalDependencies?: Record<string, string>;
}

/** A package inside the analyzed repo (a workspace, or any named package.json). */
export interface LocalPackage {
  name: string;
  /** Absolute directory holding the package.json. */
  directory: string;
  manifest: PackageManifest;
  /** True when a workspaces field or pnpm-workspace.yaml lists it. */
  declaredWorkspace: boolean;
}

/** The configuration files of the repo, read as data. */
export interface ProjectLayout {
  root: string;
  /** Local packages by name. */
  packages: Map<string, LocalPackage>;
  /** Every dependency name declared anywhere, for analyzers' isEnabled. */
  dependencies: Set<string>;
  /** Absolute directories that hold a tsconfig.json, deepest first. */
  tsconfigDirectories: string[];
  diagnostics: Diagnostic[];
}

/**
 * Reads every package.json and pnpm-workspace.yaml discovery found (as JSON/YAML data) and
 * works out the local packages and workspaces.
 */
export function loadProjectLayout(root: string, discovery: Discovery): ProjectLayout {
  const layout: ProjectLayout = {
    root,
    packages: new Map(),
    dependencies: new Set(),
    tsconfigDirectories: discovery.tsconfigs
      .map((file) => path.dirname(file))
      .sort((a, b) => b.length - a.length || compareText(a, b)),
    diagnostics: [],
  };
  const manifests: { file: string; manifest: PackageManifest }[] = [];
  for (const file of discovery.packageJsons) {
    try {
      const manifest = JSON.parse(fs.readFileSync(file, 'utf8')) as PackageManifest;
      if (manifest && typeof manifest === 'object') manifests.push({ file, manifest });
    } catch (error) {
      layout.diagnostics.push(
        createDiagnostic(
          DIAGNOSTIC_CODES.packageJsonUnreadable,
          `package.json is not valid JSON (${describeError(error)}); its name, exports and workspaces are ignored. Fix the JSON to have them used.`,
          relativeId(root, file),
        ),
      );
    }
  }

  const workspaceGlobs: { base: string; globs: string[] }[] = [];
  for (const { file, manifest } of manifests) {
    const globs = Array.isArray(manifest.workspaces) ? manifest.workspaces : manifest.workspaces?.packages;
    if (Array.isArray(globs)) workspaceGlobs.push({ base: path.dirname(file), globs: globs.filter((g) => typeof g === 'string') });
    for (const field of ['dependencies', 'devDependencies', 'peerDependencies', 'optionalDependencies'] as const) {
      const dependencies = manifest[field];
      if (dependencies && typeof dependencies === 'object') for (const name of Object.keys(dependencies)) layout.dependencies.add(name);
    }
  }
  for (const file of discovery.pnpmWorkspaces) {
    try {
      const document = parseYaml(fs.readFileSync(file, 'utf8')) as { packages?: unknown } | null;
      const globs = document?.packages;
      if (Array.isArray(globs)) workspaceGlobs.push({ base: path.dirname(file), globs: globs.filter((g): g is string => typeof g === 'string') });
    } catch (error) {
      layout.diagnostics.push(
        createDiagnostic(DIAGNOSTIC_CODES.packageJsonUnreadable, `pnpm-workspace.yaml is not valid YAML (${describeError(error)}); its packages are ignored.`, relativeId(root, file)),
      );
    }
  }
  const isDeclared = (directory: string): boolean =>
    workspaceGlobs.some(({ base, globs }) => {
      const relative = toPosix(path.relative(base, directory));
      if (relative.startsWith('..')) return false;
      const positive = globs.filter((glob) => !glob.startsWith('!'));
      const negative = globs.filter((glob) => glob.startsWith('!')).map((glob) => glob.slice(1));
      const normalise = (glob: string) => glob.replace(/^\.\//, '').replace(/\/$/, '');
      return (
        positive.some((glob) => picomatch.isMatch(relative, normalise(glob), { dot: true })) &&
        !negative.some((glob) => picomatch.isMatch(relative, normalise(glob), { dot: true }))
      );
    });

  for (const { file, manifest } of manifests) {
    if (typeof manifest.name !== 'string' || manifest.name === '') continue;
    const directory = path.dirname(file);
    const declaredWorkspace = isDeclared(directory);
    const existing = layout.packages.get(manifest.name);
    // Two package.json files with one name: prefer a declared workspace, then the shallower one.
    if (existing) {
      const better = declaredWorkspace !== existing.declaredWorkspace ? declaredWorkspace : directory.length < existing.directory.length;
      if (!better) continue;
    }
    layout.packages.set(manifest.name, { name: manifest.name, directory, manifest, declaredWorkspace });
  }
  return layout;
}

/** The directory of the tsconfig.json nearest to `directory` (itself or the closest parent with one). */
export function nearestTsconfigDirectory(layout: ProjectLayout, directory: string): string | undefined {
  return layout.tsconfigDirectories.find((candidate) => directory === candidate || directory.startsWith(candidate + path.sep));
}

/** The tsconfig.json nearest to a file. */
export function nearestTsconfigFile(layout: ProjectLayout, file: string): string | undefined {
  const found = nearestTsconfigDirectory(layout, path.dirname(file));
  return found === undefined ? undefined : path.join(found, 'tsconfig.json');
}
