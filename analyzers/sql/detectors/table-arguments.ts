import { defineSqlDetector } from '../detector.js';
import { recordTableArguments } from '../table-references.js';

const TABLE_ARGUMENT_SOURCE = String.raw`\)\s*\(\s*([A-Z][\w$]*)(?:\.table)?\s*[,)]|,\s*([A-Z][\w$]*)(?:\.table)?\s*[,)]`;
const TABLE_ARGUMENT = new RegExp(TABLE_ARGUMENT_SOURCE);
const TABLE_ARGUMENTS = new RegExp(TABLE_ARGUMENT_SOURCE, 'g');
/** `export { a, B }`, `export type { A, B } from`, `export * from` (not `export class …`, whose range is the whole class). */
const EXPORT_LIST = /^export\s+(?:type\s+)?[{*]/;

/**
 * Calls of the repo's own query functions with a schema object: `buildFindById(pool)(Users)`,
 * `countRows(pool, Users)`, `deleteById(pool, Users.table)`. An argument counts when it is an
 * imported PascalCase name or its `.table`. These calls are not accesses by themselves: the link
 * stage makes one of each whose function uses that parameter as a table in its SQL (a `parameter`
 * target recorded by the raw-sql detector), with that SQL's mode.
 */
export const tableArgumentsDetector = defineSqlDetector({
  id: 'table-arguments',
  description: 'calls passing a schema object to a function whose SQL takes its table as a parameter',
  // A curried call with a PascalCase argument, or a PascalCase (or `.table`) argument after the first.
  textHint: TABLE_ARGUMENT,
  // ...that is an imported name, outside import and export lists (`import { A, B, C }` matches the hint).
  applies(file) {
    const lists = [...file.module.staticImports, ...file.module.staticExports.filter((statement) => EXPORT_LIST.test(file.text.slice(statement.start, statement.start + 64)))];
    for (const match of file.text.matchAll(TABLE_ARGUMENTS)) {
      const at = match.index;
      if (lists.some((statement) => at >= statement.start && at < statement.end)) continue;
      if (file.importOf(match[1] ?? match[2] ?? '') !== undefined) return true;
    }
    return false;
  },
  onChain(chain, context) {
    recordTableArguments(context, chain);
  },
});
