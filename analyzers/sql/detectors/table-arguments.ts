import { defineSqlDetector } from '../detector.js';
import { recordTableArguments } from '../table-references.js';

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
  textHint: /\)\s*\(\s*[A-Z][\w$]*(\.table)?\s*[,)]|,\s*[A-Z][\w$]*(\.table)?\s*[,)]/,
  onChain(chain, context) {
    recordTableArguments(context, chain);
  },
});
