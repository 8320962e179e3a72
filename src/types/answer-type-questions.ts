import crypto from 'node:crypto';
import path from 'node:path';
import { createRequire } from 'node:module';
import type * as TsMorph from 'ts-morph';
import type { FileFacts, ModuleId } from '../model/facts.js';
import type { Diagnostic } from '../model/result.js';
import { compareText, createDiagnostic, DIAGNOSTIC_CODES } from '../model/diagnostics.js';
import type { TypeGroupAnswers, TypesCache } from '../cache/types-cache.js';
import { recordFileSystem, type FileSystemRecord } from './recording-file-system.js';

/** What the type-aware pass did, for the result's stats and the performance report. */
export interface TypePassReport {
  questions: number;
  answered: number;
  files: number;
  milliseconds: number;
  diagnostics: Diagnostic[];
}

/** Type names that hold a repository of their first type argument. */
const REPOSITORY_TYPES = new Set(['Repository', 'TreeRepository', 'MongoRepository', 'EntityRepository']);

/** Confidence of an access whose entity came from the type checker. */
const TYPED_CONFIDENCE = 0.9;

/** The class a type-name node names (`User` in `Repository<User>`), through the checker. */
function toClassOfTypeNode(typeNode: TsMorph.TypeNode | undefined): TsMorph.ClassDeclaration | undefined {
  const declaration = typeNode?.getType().getSymbol()?.getDeclarations()[0];
  return declaration && declaration.getKindName() === 'ClassDeclaration' ? (declaration as TsMorph.ClassDeclaration) : undefined;
}

/** The entity a class is a repository of when it `extends Repository<User>` (read from the heritage clause, so it works without node_modules). */
function toEntityOfRepositoryClass(declaration: TsMorph.ClassDeclaration, depth: number): TsMorph.ClassDeclaration | undefined {
  const heritage = declaration.getExtends();
  if (!heritage || depth > 5) return undefined;
  const baseName = heritage.getExpression().getText().split('.').pop() ?? '';
  if (REPOSITORY_TYPES.has(baseName)) return toClassOfTypeNode(heritage.getTypeArguments()[0]);
  const base = heritage.getExpression().getType().getSymbol()?.getDeclarations()[0];
  return base && base.getKindName() === 'ClassDeclaration' ? toEntityOfRepositoryClass(base as TsMorph.ClassDeclaration, depth + 1) : undefined;
}

/** The entity of a declared type: `Repository<User>`, a custom repository class, or undefined. */
function toEntityOfTypeNode(typeNode: TsMorph.TypeNode | undefined): TsMorph.ClassDeclaration | undefined {
  if (!typeNode || typeNode.getKindName() !== 'TypeReference') return undefined;
  const reference = typeNode as TsMorph.TypeReferenceNode;
  const name = reference.getTypeName().getText().split('.').pop() ?? '';
  if (REPOSITORY_TYPES.has(name)) return toClassOfTypeNode(reference.getTypeArguments()[0]);
  const declaration = toClassOfTypeNode(reference);
  return declaration ? toEntityOfRepositoryClass(declaration, 0) : undefined;
}

/**
 * The entity class the expression holds a repository of. Reads the declared type of what the
 * expression names (a field, parameter or variable annotation; a function's return type; a
 * custom repository class's `extends Repository<User>`), which works when the ORM's own types
 * are not installed; then the inferred type's repository type argument.
 */
function toEntityClass(node: TsMorph.Node): TsMorph.ClassDeclaration | undefined {
  const target = node.getKindName() === 'CallExpression' ? (node as TsMorph.CallExpression).getExpression() : node;
  const symbol = target.getSymbol();
  const resolved = symbol?.isAlias() ? symbol.getAliasedSymbol() : symbol;
  for (const declaration of resolved?.getDeclarations() ?? []) {
    const withType = declaration as unknown as { getTypeNode?(): TsMorph.TypeNode | undefined; getReturnTypeNode?(): TsMorph.TypeNode | undefined };
    const typeNode = node === target ? withType.getTypeNode?.() : withType.getReturnTypeNode?.();
    const entity = toEntityOfTypeNode(typeNode);
    if (entity) return entity;
  }
  const type = node.getType();
  const name = type.getSymbol()?.getName() ?? type.getAliasSymbol()?.getName();
  if (name !== undefined && REPOSITORY_TYPES.has(name)) {
    const declaration = type.getTypeArguments()[0]?.getSymbol()?.getDeclarations()[0];
    if (declaration && declaration.getKindName() === 'ClassDeclaration') return declaration as TsMorph.ClassDeclaration;
  }
  const declaration = type.getSymbol()?.getDeclarations()[0];
  return declaration && declaration.getKindName() === 'ClassDeclaration' ? toEntityOfRepositoryClass(declaration as TsMorph.ClassDeclaration, 0) : undefined;
}

/** A relative import specifier from one file to another (`./entities/user`). */
function toSpecifier(fromFile: string, toFile: string): string {
  const relative = path.relative(path.dirname(fromFile), toFile).split(path.sep).join('/').replace(/\.[cm]?[jt]sx?$/, '');
  return relative.startsWith('.') ? relative : `./${relative}`;
}

/**
 * The lazy type-aware pass: for the few files whose detectors asked "what does this receiver
 * hold?", loads ts-morph (the TypeScript 6 checker) on just those files and the modules they
 * import, reads each receiver's declared or inferred type and, when it is a repository of an
 * entity class, records the access on that class. Nothing runs when no file asked; a checker
 * failure is a diagnostic.
 */
export function answerTypeQuestions(
  root: string,
  facts: FileFacts[],
  nearestTsconfig: (file: string) => string | undefined,
  neighbours: (module: ModuleId) => readonly ModuleId[],
  cache?: TypesCache,
): TypePassReport {
  const started = performance.now();
  const asking = facts.filter((fileFacts) => fileFacts.typeQuestions.length > 0);
  const report: TypePassReport = { questions: 0, answered: 0, files: asking.length, milliseconds: 0, diagnostics: [] };
  if (asking.length === 0) return report;
  const byTsconfig = new Map<string, FileFacts[]>();
  for (const fileFacts of asking) {
    const key = nearestTsconfig(path.join(root, fileFacts.module)) ?? '';
    if (!byTsconfig.has(key)) byTsconfig.set(key, []);
    byTsconfig.get(key)?.push(fileFacts);
  }
  const factsByModule = new Map(asking.map((fileFacts) => [fileFacts.module as string, fileFacts]));
  let tsMorph: typeof TsMorph | undefined;
  let realFileSystem: TsMorph.FileSystemHost | undefined;
  for (const [tsconfig, group] of [...byTsconfig.entries()].sort((a, b) => compareText(a[0], b[0]))) {
    // The program starts from the asking files and the modules they import (barrels already followed to
    // definers); TypeScript itself follows further imports only as far as the checker needs.
    const loaded: ModuleId[] = [];
    const seen = new Set<ModuleId>();
    for (const fileFacts of group) {
      for (const module of [fileFacts.module, ...neighbours(fileFacts.module)]) {
        if (seen.has(module)) continue;
        seen.add(module);
        loaded.push(module);
      }
    }
    report.files += loaded.length - group.length;
    for (const fileFacts of group) report.questions += fileFacts.typeQuestions.length;
    const key = cache === undefined ? '' : toGroupKey(root, tsconfig, group, loaded);
    let answers = cache?.lookup(key);
    if (answers === undefined) {
      if (tsMorph === undefined) {
        try {
          tsMorph = createRequire(import.meta.url)('ts-morph') as typeof TsMorph;
          realFileSystem = new tsMorph.Project({ skipLoadingLibFiles: true, compilerOptions: { noLib: true } }).getFileSystem();
        } catch (error) {
          report.diagnostics.push(
            createDiagnostic(
              DIAGNOSTIC_CODES.typePassFailed,
              `The type-aware pass needs ts-morph, which could not be loaded (${error instanceof Error ? error.message : String(error)}); ${asking.length} files keep their syntax-only results.`,
            ),
          );
          break;
        }
      }
      answers = checkGroup(tsMorph, realFileSystem as TsMorph.FileSystemHost, root, tsconfig, group, loaded);
      cache?.store(key, answers);
    }
    for (const { module, access } of answers.accesses) factsByModule.get(module)?.tableAccesses.push({ ...access, target: { ...access.target } });
    report.answered += answers.answered;
    report.diagnostics.push(...answers.diagnostics);
  }
  report.milliseconds = Math.round(performance.now() - started);
  return report;
}

/** What identifies a group's work apart from the files it reads: its tsconfig, its questions, the files the program starts from. */
function toGroupKey(root: string, tsconfig: string, group: readonly FileFacts[], loaded: readonly ModuleId[]): string {
  return crypto
    .createHash('sha1')
    .update(JSON.stringify({ root, tsconfig, questions: group.map((fileFacts) => [fileFacts.module, fileFacts.typeQuestions]), loaded }))
    .digest('hex');
}

/** Runs the checker on one group, recording every file-system question it asks. */
function checkGroup(
  tsMorph: typeof TsMorph,
  realFileSystem: TsMorph.FileSystemHost,
  root: string,
  tsconfig: string,
  group: readonly FileFacts[],
  loaded: readonly ModuleId[],
): TypeGroupAnswers {
  const record: FileSystemRecord = {};
  const fileSystem = recordFileSystem(realFileSystem, record);
  const answers: TypeGroupAnswers = { fileSystem: record, accesses: [], answered: 0, diagnostics: [] };
  let project: TsMorph.Project;
  try {
    project = new tsMorph.Project({
      ...(tsconfig ? { tsConfigFilePath: tsconfig } : {}),
      fileSystem,
      skipAddingFilesFromTsConfig: true,
      skipFileDependencyResolution: true,
      // No default lib and no @types: only declared types and classes of the repo are read.
      compilerOptions: { allowJs: true, noEmit: true, skipLibCheck: true, noLib: true, types: [] },
    });
  } catch {
    project = new tsMorph.Project({
      fileSystem,
      skipFileDependencyResolution: true,
      compilerOptions: { allowJs: true, noEmit: true, noLib: true, types: [], experimentalDecorators: true },
    });
  }
  for (const module of loaded) {
    try {
      project.addSourceFileAtPath(path.join(root, module));
    } catch {
      // unreadable: the question about it stays unanswered
    }
  }
  for (const fileFacts of group) {
    const file = path.join(root, fileFacts.module);
    try {
      const sourceFile = project.getSourceFileOrThrow(file);
      for (const question of fileFacts.typeQuestions) {
        let node: TsMorph.Node | undefined = sourceFile.getDescendantAtPos(question.start);
        while (node && !(node.getStart() === question.start && node.getEnd() === question.end)) node = node.getParent();
        if (!node) continue;
        const entity = toEntityClass(node);
        const className = entity?.getName();
        if (!entity || className === undefined) continue;
        const declarationFile = entity.getSourceFile().getFilePath();
        const samefile = path.resolve(declarationFile) === path.resolve(file);
        answers.accesses.push({
          module: fileFacts.module,
          access: {
            target: samefile ? { kind: 'symbol', symbol: className } : { kind: 'symbol', symbol: className, specifier: toSpecifier(file, declarationFile) },
            mode: question.mode,
            line: question.line,
            via: `${question.via}-types`,
            confidence: TYPED_CONFIDENCE,
          },
        });
        answers.answered += 1;
      }
    } catch (error) {
      answers.diagnostics.push(
        createDiagnostic(
          DIAGNOSTIC_CODES.typePassFailed,
          `The type checker failed on this file (${error instanceof Error ? error.message : String(error)}); it keeps its syntax-only results.`,
          fileFacts.module as ModuleId,
        ),
      );
    }
  }
  return answers;
}
