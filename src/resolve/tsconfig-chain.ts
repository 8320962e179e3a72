import fs from 'node:fs';
import path from 'node:path';
import { parse as parseJsonc, type ParseError } from 'jsonc-parser';

/** The resolution-relevant parts of a tsconfig after following its local `extends` chain. */
export interface TsconfigSettings {
  /** Absolute path of the tsconfig.json. */
  file: string;
  /** Absolute baseUrl, when set somewhere in the chain. */
  baseUrl?: string;
  /** `paths` patterns with absolute target patterns. */
  paths: { pattern: string; targets: string[] }[];
  /** `extends` entries that could not be found (a package that is not installed, a missing file). */
  missingExtends: string[];
  /** Set when the file itself (or one it extends) is not valid JSON with comments. */
  parseError?: string;
  /** Every file of the chain that was read (the file first), for caches keyed on what resolution read. */
  files: string[];
}

interface RawTsconfig {
  extends?: string | string[];
  compilerOptions?: { baseUrl?: string; paths?: Record<string, string[]> };
}

function readRaw(file: string): { config?: RawTsconfig; error?: string } {
  let text: string;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch (error) {
    return { error: error instanceof Error ? error.message : String(error) };
  }
  const errors: ParseError[] = [];
  const config = parseJsonc(text, errors, { allowTrailingComma: true }) as RawTsconfig | undefined;
  if (errors.length > 0 || !config || typeof config !== 'object') {
    return { error: `not valid JSON with comments at offset ${errors[0]?.offset ?? 0}` };
  }
  return { config };
}

/** Where an `extends` entry points, if it is a local file or an installed package that exists. */
function locateExtends(fromDirectory: string, entry: string): string | undefined {
  const candidates: string[] = [];
  if (entry.startsWith('.') || path.isAbsolute(entry)) {
    const absolute = path.resolve(fromDirectory, entry);
    candidates.push(absolute, `${absolute}.json`, path.join(absolute, 'tsconfig.json'));
  } else {
    for (let directory = fromDirectory; ; directory = path.dirname(directory)) {
      const absolute = path.join(directory, 'node_modules', entry);
      candidates.push(absolute, `${absolute}.json`, path.join(absolute, 'tsconfig.json'));
      if (path.dirname(directory) === directory) break;
    }
  }
  return candidates.find((candidate) => {
    try {
      return fs.statSync(candidate).isFile();
    } catch {
      return false;
    }
  });
}

/**
 * Reads a tsconfig.json as data and follows its `extends` chain (local files and installed
 * packages) for `baseUrl` and `paths`. Never executes anything; a missing base is recorded,
 * not fatal.
 */
export function loadTsconfigSettings(file: string): TsconfigSettings {
  const settings: TsconfigSettings = { file, paths: [], missingExtends: [], files: [] };
  const seen = new Set<string>();
  let pathsFound = false;
  let baseUrlFound = false;
  let rawPaths: { directory: string; paths: Record<string, string[]> } | undefined;
  // Walk from the file to its bases; the first definition found wins (the extending file overrides).
  const visit = (current: string): void => {
    if (seen.has(current)) return;
    seen.add(current);
    settings.files.push(current);
    const { config, error } = readRaw(current);
    if (!config) {
      settings.parseError ??= `${path.basename(current)}: ${error}`;
      return;
    }
    const directory = path.dirname(current);
    const options = config.compilerOptions ?? {};
    if (!baseUrlFound && typeof options.baseUrl === 'string') {
      settings.baseUrl = path.resolve(directory, options.baseUrl);
      baseUrlFound = true;
    }
    if (!pathsFound && options.paths && typeof options.paths === 'object') {
      pathsFound = true;
      rawPaths = { directory, paths: options.paths };
    }
    const bases = config.extends === undefined ? [] : Array.isArray(config.extends) ? config.extends : [config.extends];
    // Later entries of an extends array override earlier ones: visit them first.
    for (const entry of [...bases].reverse()) {
      if (typeof entry !== 'string') continue;
      const located = locateExtends(directory, entry);
      if (located) visit(located);
      else settings.missingExtends.push(entry);
    }
  };
  visit(file);
  if (rawPaths) {
    // Targets are relative to baseUrl when the merged config has one, else to the file that declares paths.
    const pathsBase = settings.baseUrl ?? rawPaths.directory;
    settings.paths = Object.entries(rawPaths.paths).map(([pattern, targets]) => ({
      pattern,
      targets: (Array.isArray(targets) ? targets : []).map((target) => path.resolve(pathsBase, target)),
    }));
  }
  return settings;
}

/**
 * The tsconfig `paths` pattern a specifier matches, with its targets, or undefined when none
 * matches.
 */
export function matchPathsPattern(settings: TsconfigSettings, specifier: string): { pattern: string; targets: string[] } | undefined {
  const match = settings.paths.find(({ pattern }) => {
    const star = pattern.indexOf('*');
    if (star === -1) return pattern === specifier;
    return specifier.startsWith(pattern.slice(0, star)) && specifier.endsWith(pattern.slice(star + 1));
  });
  return match;
}
