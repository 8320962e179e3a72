import fs from 'node:fs';
import { writeFileAtomic } from '../io/write-file-atomic.js';
import { compareText } from '../model/diagnostics.js';
import type { AnalysisResult } from '../model/result.js';

/**
 * The boundaries file `seams lint` reads (seams.boundaries.json): each domain's path globs and
 * owned tables, the shared kernel's paths, and the dependencies allowed between domains.
 *
 * MERGE NOTE: this adapter stands in for `toBoundaries(result)` of `seams boundaries init`
 * (written on another branch); switch {@link toBoundariesFile} to it once both are merged.
 */
export interface BoundariesFile {
  $schema: string;
  domains: Record<string, { paths: string[]; tables: string[] }>;
  shared: { paths: string[] };
  allow: Record<string, string[]>;
}

/** Where the boundaries file points for its JSON Schema. */
export const BOUNDARIES_SCHEMA_REF = './node_modules/seams/schema/boundaries.schema.json';

/** The default name of the boundaries file. */
export const BOUNDARIES_FILE_NAME = 'seams.boundaries.json';

interface FolderNode {
  files: Map<string, string>;
  folders: Map<string, FolderNode>;
  clusters: Set<string>;
}

/**
 * Turns a (possibly rearranged) result into a boundaries file. Paths are as few globs as
 * possible: a folder whose modules all belong to one cluster becomes `folder/**`; a folder shared
 * by several clusters is split further, down to single files.
 */
export function toBoundariesFile(result: AnalysisResult): BoundariesFile {
  const root: FolderNode = { files: new Map(), folders: new Map(), clusters: new Set() };
  for (const module of result.modules) {
    const parts = module.id.split('/');
    let node = root;
    node.clusters.add(module.cluster);
    for (const folder of parts.slice(0, -1)) {
      let child = node.folders.get(folder);
      if (!child) {
        child = { files: new Map(), folders: new Map(), clusters: new Set() };
        node.folders.set(folder, child);
      }
      child.clusters.add(module.cluster);
      node = child;
    }
    node.files.set(parts[parts.length - 1] ?? module.id, module.cluster);
  }
  const pathsOf = new Map<string, string[]>();
  const add = (cluster: string, glob: string): void => {
    if (!pathsOf.has(cluster)) pathsOf.set(cluster, []);
    pathsOf.get(cluster)?.push(glob);
  };
  const visit = (node: FolderNode, prefix: string): void => {
    if (node.clusters.size === 1) {
      add([...node.clusters][0] as string, prefix === '' ? '**' : `${prefix}/**`);
      return;
    }
    for (const [file, cluster] of node.files) add(cluster, prefix === '' ? file : `${prefix}/${file}`);
    for (const [folder, child] of node.folders) visit(child, prefix === '' ? folder : `${prefix}/${folder}`);
  };
  if (result.modules.length > 0) visit(root, '');

  const domains: BoundariesFile['domains'] = {};
  const shared: BoundariesFile['shared'] = { paths: [] };
  for (const cluster of [...result.clusters].sort((a, b) => compareText(a.name, b.name))) {
    const paths = (pathsOf.get(cluster.id) ?? []).sort(compareText);
    if (cluster.kind === 'shared') shared.paths.push(...paths);
    else domains[cluster.name] = { paths, tables: [...cluster.tables].sort(compareText) };
  }
  shared.paths.sort(compareText);
  return { $schema: BOUNDARIES_SCHEMA_REF, domains, shared, allow: {} };
}

/** What {@link saveBoundariesFile} did. */
export type SaveOutcome = 'written' | 'exists';

/**
 * Writes the boundaries file of a result atomically. An existing file is only replaced when
 * `overwrite` is true; otherwise nothing is written and the outcome is `exists`, so the caller
 * can ask first.
 */
export function saveBoundariesFile(target: string, result: AnalysisResult, overwrite: boolean): SaveOutcome {
  if (!overwrite && fs.existsSync(target)) return 'exists';
  writeFileAtomic(target, `${JSON.stringify(toBoundariesFile(result), null, 2)}\n`);
  return 'written';
}
