/**
 * The plugin API: the only part of src/ that analyzers/ and reports/ import.
 */
import type { z } from 'zod';
import type { EcmaScriptModule, Program, Comment, OxcError } from 'oxc-parser';
import type { FileFacts, ModuleId } from '../model/facts.js';
import type { Diagnostic, AnalysisResult } from '../model/result.js';

export type {
  FileFacts, ModuleId, ImportFact, ExportFact, ImportKind, ImportSyntax, TableId, TableAccessMode, TableTarget,
  TableAccessFact, TableDefinitionFact, ConstantFact, ForeignKeyFact, SchemaTableFact, TypeQuestion,
  FunctionFact, CalleeRef, ImportedFrom, CallFact, ClassFieldFact, ImplementationFact, TransactionFact, HandlerRef, EntryPointFact, EventFact, OutboundHttpFact,
  TableParameterTarget, TableArgumentFact, TableSymbolRef,
} from '../model/facts.js';
export type { AnalysisResult, Diagnostic, Edge, Cluster, Finding, Location } from '../model/result.js';
export { createDiagnostic, DIAGNOSTIC_CODES, compareText } from '../model/diagnostics.js';
export type { DiagnosticCode } from '../model/diagnostics.js';
export { visitAst, type AstHandler } from './visit-ast.js';

/** The language oxc parsed a file as. */
export type SourceLanguage = 'js' | 'jsx' | 'ts' | 'tsx';

/** One source file, parsed once; every analyzer reads the same parse. */
export interface ParsedFile {
  /** POSIX path relative to the analyzed root. */
  readonly id: ModuleId;
  readonly language: SourceLanguage;
  readonly text: string;
  /** oxc's module record (imports, exports, dynamic imports): cheap. */
  readonly module: EcmaScriptModule;
  /** The full ESTree-compatible AST. Materialised on first access (costly): read it only after a text pre-filter. */
  readonly program: Program;
  /** True once `program` has been read (the AST is materialised): deferrable analyzers run then at no extra parse cost. */
  readonly programLoaded: boolean;
  readonly comments: Comment[];
  readonly errors: OxcError[];
  /** 1-based line of a UTF-16 offset into `text`. */
  lineOf(offset: number): number;
  /** Where a local name comes from when it is imported: the specifier and the imported name (`default`, `*` for a namespace). */
  importOf(localName: string): { specifier: string; importedName: string } | undefined;
}

/** A non-code file an analyzer may read: a Prisma schema or an SQL migration/schema file. */
export interface ResourceFile {
  /** POSIX path relative to the analyzed root. */
  readonly id: string;
  readonly kind: 'prisma' | 'sql';
  readonly text: string;
  lineOf(offset: number): number;
}

/** Facts about the whole project an analyzer may use to decide whether it runs. */
export interface ProjectInfo {
  /** Every dependency name declared by any package.json in the repo (dependencies, dev, peer, optional). */
  readonly dependencies: ReadonlySet<string>;
}

/** What an analyzer gets besides the file: where to put facts and diagnostics, and its options. */
export interface AnalyzerContext<Options> {
  readonly options: Options;
  readonly facts: FileFacts;
  /** What the repo declares (absent when a caller does not say: then assume any library may be in use). */
  readonly project?: ProjectInfo;
  report(diagnostic: Diagnostic): void;
}

/** An analyzer plugin: reads a parsed file, adds facts and diagnostics. Never reads files, prints or throws on bad input. */
export interface Analyzer<Options = unknown> {
  readonly id: string;
  readonly description: string;
  readonly options: z.ZodType<Options>;
  isEnabled(project: ProjectInfo): boolean;
  visit(file: ParsedFile, context: AnalyzerContext<Options>): void;
  /**
   * Optional: true when the analyzer's facts for this file may be put off. A deferred analyzer
   * runs in the same parse when another analyzer materialised the AST anyway, and otherwise
   * only if the pipeline needs its facts for the file, in a second pass (the calls analyzer:
   * only modules reachable by imports from an entry point or a transaction are followed).
   */
  deferrable?(file: ParsedFile): boolean;
  /** Optional: reads a resource (schema.prisma, .sql); facts go to the resource's own FileFacts (never a module node). */
  visitResource?(resource: ResourceFile, context: AnalyzerContext<Options>): void;
}

/** An analyzer of any options type, as registries hold them. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type AnyAnalyzer = Analyzer<any>;

const builtIn = new WeakSet<AnyAnalyzer>();

/** Marks an analyzer of seams' own registry (analyzers/index.ts), which worker threads load by id. Plugins never call it. */
export function markBuiltIn(analyzer: AnyAnalyzer): void {
  builtIn.add(analyzer);
}

/** True for an analyzer of seams' own registry (a worker thread can load it by id), false for plugins and copies. */
export function isBuiltIn(analyzer: AnyAnalyzer): boolean {
  return builtIn.has(analyzer);
}

/** Defines an analyzer plugin (identity function that fixes the type). */
export function defineAnalyzer<Options>(analyzer: Analyzer<Options>): Analyzer<Options> {
  return analyzer;
}

/** A reporter plugin: a pure renderer of the result. */
export interface Reporter<Options = Record<string, unknown>> {
  readonly id: string;
  readonly description: string;
  /** Media type of the output, for `--output` naming and documentation. */
  readonly mediaType: string;
  render(result: AnalysisResult, options: Options & ReporterCommonOptions): string;
}

/** Options every reporter receives. */
export interface ReporterCommonOptions {
  /** Whether colour may be used (text reporter on a TTY without NO_COLOR). */
  color: boolean;
}

/** Defines a reporter plugin. */
export function defineReporter<Options = Record<string, unknown>>(reporter: Reporter<Options>): Reporter<Options> {
  return reporter;
}
