import type { Argument, CallExpression, TSImportEqualsDeclaration } from 'oxc-parser';
import { z } from 'zod';
import { markBuiltIn, defineAnalyzer, visitAst, type ExportFact, type ImportFact, type ParsedFile, type FileFacts } from '../../src/plugin/index.js';

/** Options of the imports analyzer. */
export const importsOptionsSchema = z.object({}).strict();

/** The string value of a literal module specifier (`'x'`, `"x"`, or a template with no holes). */
export function toLiteralSpecifier(text: string): string | undefined {
  const trimmed = text.trim();
  const match = /^(['"`])([^'"`$\\]*)\1$/.exec(trimmed);
  return match ? match[2] : undefined;
}

function literalArgument(argument: Argument | undefined): string | undefined {
  if (!argument) return undefined;
  if (argument.type === 'Literal' && typeof argument.value === 'string') return argument.value;
  if (argument.type === 'TemplateLiteral' && argument.expressions.length === 0) return argument.quasis[0]?.value.cooked ?? undefined;
  return undefined;
}

function addStaticImports(file: ParsedFile, facts: FileFacts): void {
  for (const statement of file.module.staticImports) {
    const specifier = statement.moduleRequest.value;
    const line = file.lineOf(statement.start);
    if (statement.entries.length === 0) {
      facts.imports.push({ specifier, kind: 'import', syntax: 'import', line, names: [] });
      continue;
    }
    const valueNames: string[] = [];
    const typeNames: string[] = [];
    for (const entry of statement.entries) {
      const name =
        entry.importName.kind === 'Name' ? (entry.importName.name ?? 'default') : entry.importName.kind === 'Default' ? 'default' : '*';
      (entry.isType ? typeNames : valueNames).push(name);
    }
    if (valueNames.length > 0) facts.imports.push({ specifier, kind: 'import', syntax: 'import', line, names: valueNames });
    if (typeNames.length > 0) facts.imports.push({ specifier, kind: 'type-import', syntax: 'import', line, names: typeNames });
  }
}

function addStaticExports(file: ParsedFile, facts: FileFacts): void {
  const reexports = new Map<string, ImportFact>();
  for (const statement of file.module.staticExports) {
    for (const entry of statement.entries) {
      const line = file.lineOf(entry.start);
      const exportedName = entry.exportName.kind === 'Default' ? 'default' : entry.exportName.name;
      if (!entry.moduleRequest) {
        if (exportedName) {
          const fact: ExportFact = { name: exportedName, typeOnly: entry.isType, line };
          if (entry.localName.name) fact.localName = entry.localName.name;
          facts.exports.push(fact);
        }
        continue;
      }
      const specifier = entry.moduleRequest.value;
      const kind = entry.isType ? 'type-import' : 'import';
      let importedName: string;
      if (entry.importName.kind === 'AllButDefault') {
        facts.exportStars.push({ specifier, typeOnly: entry.isType, line });
        importedName = '*';
      } else if (entry.importName.kind === 'All') {
        importedName = '*';
        if (exportedName) facts.exports.push({ name: exportedName, from: specifier, importName: '*', typeOnly: entry.isType, line });
      } else {
        importedName = entry.importName.name ?? 'default';
        if (exportedName) facts.exports.push({ name: exportedName, from: specifier, importName: importedName, typeOnly: entry.isType, line });
      }
      // One import fact per export statement and kind, carrying every name it takes.
      const key = `${statement.start}:${kind}`;
      const existing = reexports.get(key);
      if (existing) existing.names.push(importedName);
      else {
        const fact: ImportFact = { specifier, kind, syntax: 'export-from', line, names: [importedName] };
        reexports.set(key, fact);
        facts.imports.push(fact);
      }
    }
  }
}

function addDynamicImports(file: ParsedFile, facts: FileFacts): void {
  for (const dynamicImport of file.module.dynamicImports) {
    const specifier = toLiteralSpecifier(file.text.slice(dynamicImport.moduleRequest.start, dynamicImport.moduleRequest.end));
    if (specifier === undefined) continue;
    facts.imports.push({ specifier, kind: 'dynamic-import', syntax: 'dynamic-import', line: file.lineOf(dynamicImport.start), names: ['*'] });
  }
}

/** Text that a `require('x')` call or `import x = require('x')` needs (not "required", "requirements"). */
const REQUIRE_CALL = /\brequire\s*\(/;

/** `require('x')` and `import x = require('x')`: needs the AST, so only after a text pre-filter. */
function addRequires(file: ParsedFile, facts: FileFacts): void {
  if (!REQUIRE_CALL.test(file.text)) return;
  visitAst(file.program, {
    CallExpression(node: CallExpression) {
      if (node.callee.type !== 'Identifier' || node.callee.name !== 'require' || node.arguments.length !== 1) return;
      const specifier = literalArgument(node.arguments[0]);
      if (specifier !== undefined) {
        facts.imports.push({ specifier, kind: 'import', syntax: 'require', line: file.lineOf(node.start), names: ['*'] });
      }
    },
    TSImportEqualsDeclaration(node: TSImportEqualsDeclaration) {
      if (node.moduleReference.type !== 'TSExternalModuleReference') return;
      facts.imports.push({
        specifier: node.moduleReference.expression.value,
        kind: node.importKind === 'type' ? 'type-import' : 'import',
        syntax: 'import-equals',
        line: file.lineOf(node.start),
        names: ['*'],
      });
    },
  });
}

/**
 * The imports analyzer: every reference from a file to another module, with its kind (runtime,
 * type-only, dynamic), line and the names it takes, and every name the file exports (for barrels).
 */
export const importsAnalyzer = defineAnalyzer({
  id: 'imports',
  description: 'ESM imports and re-exports, type-only imports, require(), import = require(), literal import()',
  options: importsOptionsSchema,
  isEnabled: () => true,
  visit(file, context) {
    addStaticImports(file, context.facts);
    addStaticExports(file, context.facts);
    addDynamicImports(file, context.facts);
    addRequires(file, context.facts);
    context.facts.imports.sort((a, b) => a.line - b.line);
  },
});

// Built in: worker threads load it from the registry by id.
markBuiltIn(importsAnalyzer);
