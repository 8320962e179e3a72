import { test } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import ts from 'typescript';
import { discoverFiles } from '../../src/discover/discover-files.js';
import { loadProjectLayout } from '../../src/discover/project-layout.js';
import { extractFacts } from '../../src/extract/extract-facts.js';
import { createImportResolver } from '../../src/resolve/resolve-imports.js';
import { importsAnalyzer } from '../../analyzers/imports/index.js';
import type { ModuleId } from '../../src/model/facts.js';
import { fixturePath, fixturesWithTruth } from '../helpers.js';

function compilerOptionsFor(file: string, cache: Map<string, ts.CompilerOptions>): ts.CompilerOptions {
  const configFile = ts.findConfigFile(path.dirname(file), ts.sys.fileExists);
  if (!configFile) return { moduleResolution: ts.ModuleResolutionKind.Bundler, allowJs: true };
  let options = cache.get(configFile);
  if (!options) {
    const { config } = ts.readConfigFile(configFile, ts.sys.readFile);
    options = { allowJs: true, ...ts.parseJsonConfigFileContent(config ?? {}, ts.sys, path.dirname(configFile)).options };
    cache.set(configFile, options);
  }
  return options;
}

for (const fixture of fixturesWithTruth()) {
  test(`resolve: agrees with ts.resolveModuleName wherever TypeScript resolves (${fixture})`, () => {
    const root = fixturePath(fixture);
    const discovery = discoverFiles({ root, include: [], exclude: [], defaultExcludes: true });
    const layout = loadProjectLayout(root, discovery);
    const extraction = extractFacts(discovery.files, [importsAnalyzer], { dependencies: layout.dependencies });
    const modules = new Map<string, ModuleId>(discovery.files.map((file) => [file.absolutePath, file.id]));
    const resolver = createImportResolver(layout, modules);
    const cache = new Map<string, ts.CompilerOptions>();
    let compared = 0;
    const disagreements: string[] = [];
    for (const facts of extraction.facts) {
      const file = path.join(root, facts.module);
      for (const fact of facts.imports) {
        const byTypeScript = ts.resolveModuleName(fact.specifier, file, compilerOptionsFor(file, cache), ts.sys).resolvedModule;
        if (!byTypeScript || byTypeScript.isExternalLibraryImport) continue;
        compared += 1;
        const ours = resolver.resolve(facts.module, fact.specifier);
        const expected = path.relative(root, byTypeScript.resolvedFileName).split(path.sep).join('/');
        const actual = ours.kind === 'module' ? ours.target : ours.kind === 'excluded' ? ours.file : `(${ours.kind})`;
        if (actual !== expected) disagreements.push(`${facts.module}:${fact.line} "${fact.specifier}": TypeScript ${expected}, seams ${actual}`);
      }
    }
    assert.ok(compared > 10, `compared only ${compared} imports`);
    assert.deepEqual(disagreements, []);
  });
}
