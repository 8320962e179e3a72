import type { Program } from 'oxc-parser';
import { stringValue, unwrap, type AnyNode } from './ast.js';

/** A top-level constant whose value seams can read: a string, a template, or an object of those. */
export interface FileConstant {
  /** `NAME` or `NAME.member`. */
  symbol: string;
  /** Plain string value (a literal or a template without holes). */
  value?: string;
  /** Template literal quasis, when the value is a template with holes (SQL with interpolations). */
  quasis?: string[];
  /** Offset of the declaration. */
  start: number;
  exported: boolean;
}

function readValue(node: AnyNode): Pick<FileConstant, 'value' | 'quasis'> | undefined {
  const inner = unwrap(node);
  const value = stringValue(inner);
  if (value !== undefined) return { value };
  if (inner.type === 'TemplateLiteral') return { quasis: inner.quasis.map((quasi) => quasi.value.cooked ?? quasi.value.raw) };
  if (inner.type === 'TaggedTemplateExpression') {
    return { quasis: inner.quasi.quasis.map((quasi) => quasi.value.cooked ?? quasi.value.raw) };
  }
  return undefined;
}

/**
 * The top-level constants of a file (`const T = 'users'`, `export const Q = { insert: '…' } as
 * const`, `const SQL = sql\`…\``), by symbol. Only top-level declarations: a name shadowed in a
 * function is not seen as the constant (an accepted imprecision).
 */
export function readFileConstants(program: Program): Map<string, FileConstant> {
  const constants = new Map<string, FileConstant>();
  for (const statement of program.body) {
    let declaration: AnyNode = statement;
    let exported = false;
    if (statement.type === 'ExportNamedDeclaration' && statement.declaration) {
      declaration = statement.declaration;
      exported = true;
    }
    if (declaration.type !== 'VariableDeclaration') continue;
    for (const declarator of declaration.declarations) {
      if (declarator.id.type !== 'Identifier' || !declarator.init) continue;
      const name = declarator.id.name;
      const start = declarator.start;
      const direct = readValue(declarator.init);
      if (direct) {
        constants.set(name, { symbol: name, start, exported, ...direct });
        continue;
      }
      const init = unwrap(declarator.init);
      if (init.type !== 'ObjectExpression') continue;
      for (const property of init.properties) {
        if (property.type !== 'Property' || property.computed) continue;
        const key = property.key.type === 'Identifier' ? property.key.name : stringValue(property.key as AnyNode);
        if (key === undefined) continue;
        const member = readValue(property.value as AnyNode);
        if (member) constants.set(`${name}.${key}`, { symbol: `${name}.${key}`, start: property.start, exported, ...member });
      }
    }
  }
  for (const statement of program.body) {
    if (statement.type !== 'ExportNamedDeclaration' || statement.declaration || statement.source) continue;
    for (const specifier of statement.specifiers) {
      const local = specifier.local.type === 'Identifier' ? specifier.local.name : undefined;
      if (local === undefined) continue;
      for (const constant of constants.values()) {
        if (constant.symbol === local || constant.symbol.startsWith(`${local}.`)) constant.exported = true;
      }
    }
  }
  return constants;
}
