/**
 * Per-file facts: plain data an analyzer derives from one parsed file, nothing else. Facts depend
 * only on the file's own text, so they can be cached by content hash and computed in parallel;
 * everything that needs other files (resolution, barrels, clusters) happens after extraction.
 */

/** Branded id of a module: its POSIX path relative to the analyzed root. */
export type ModuleId = string & { readonly __brand: 'ModuleId' };

/** Branded id of a table: `name`, or `schema.name` when the schema is not `public`. */
export type TableId = string & { readonly __brand: 'TableId' };

/** Converts a relative POSIX path to a module id. */
export function toModuleId(posixRelativePath: string): ModuleId {
  return posixRelativePath as ModuleId;
}

/** How a module refers to another. */
export type ImportKind = 'import' | 'type-import' | 'dynamic-import';

/** How the reference was written, for diagnostics and for the kind of edge. */
export type ImportSyntax =
  | 'import'
  | 'export-from'
  | 'require'
  | 'import-equals'
  | 'dynamic-import';

/** One reference from this file to a module specifier. */
export interface ImportFact {
  specifier: string;
  kind: ImportKind;
  syntax: ImportSyntax;
  line: number;
  /**
   * Names taken from the target: exported names, `default`, or `*` for a namespace or
   * an unknown set (require, dynamic import, side-effect import has none).
   */
  names: string[];
}

/** One name this file exports. */
export interface ExportFact {
  /** The exported name (`default` for a default export). */
  name: string;
  /** When re-exported from another module: its specifier. */
  from?: string;
  /** When re-exported: the name in the other module (`*` for `export * as ns from`). */
  importName?: string;
  typeOnly: boolean;
  line: number;
}

/** Everything extracted from one file. Analyzers append to the arrays of their own concern. */
export interface FileFacts {
  module: ModuleId;
  /** Non-blank lines. */
  loc: number;
  imports: ImportFact[];
  exports: ExportFact[];
  /** Specifiers of `export * from '…'` (not `export * as ns`). */
  exportStars: { specifier: string; typeOnly: boolean; line: number }[];
}

/** Creates the empty facts of a file. */
export function createFileFacts(module: ModuleId, loc: number): FileFacts {
  return { module, loc, imports: [], exports: [], exportStars: [] };
}
