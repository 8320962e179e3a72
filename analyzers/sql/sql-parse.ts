import { loadModule, parsePlPgSQLSync, parseSync } from 'libpg-query';

/** Which client produced the SQL text; decides which placeholder and quoting conventions the normaliser rewrites. */
export type SqlDialectHint = 'postgres' | 'mysql' | 'sequelize' | 'unknown';

/** How a statement touches a table: `read` (SELECT, joins, subqueries), `write` (INSERT/UPDATE/DELETE/MERGE/TRUNCATE/SELECT INTO) or `ddl` (CREATE/ALTER/DROP). */
export type AccessMode = 'read' | 'write' | 'ddl';

/** One table touched by the SQL, with the index of the first top-level statement that touched it in that mode. */
export interface SqlTableAccess {
  table: string;
  mode: AccessMode;
  statementIndex: number;
}

/** A foreign key declared by CREATE TABLE or ALTER TABLE: `from` references `to`. Empty `referencedColumns` means the primary key of `to`. */
export interface SqlForeignKey {
  from: string;
  to: string;
  columns: string[];
  referencedColumns: string[];
}

/** Transaction-control command of a `TransactionStmt`, from its `TRANS_STMT_*` kind in lower case. */
export type TransactionCommand =
  | 'begin'
  | 'start'
  | 'commit'
  | 'rollback'
  | 'savepoint'
  | 'release'
  | 'rollback_to'
  | 'prepare'
  | 'commit_prepared'
  | 'rollback_prepared';

/** A transaction-control statement (BEGIN, COMMIT, …) and the index of the top-level statement it is. */
export interface SqlTransactionCommand {
  statementIndex: number;
  command: TransactionCommand;
}

/** Everything extracted from one SQL string. All arrays are sorted and deduplicated, so equal input gives equal output. */
export interface SqlExtraction {
  /** false when the parser rejected at least one statement. */
  ok: boolean;
  /** Sorted by table then mode, one entry per (table, mode). Interpolated table names are left out (see `dynamicTables`). */
  accesses: SqlTableAccess[];
  /** Sorted by from, to, columns. */
  foreignKeys: SqlForeignKey[];
  /** Names of views and materialized views created here; they also appear as `ddl` accesses. */
  views: string[];
  /** Node type of each top-level statement in order (e.g. `SelectStmt`, `TransactionStmt`); `Unparsed` for a statement the parser rejected. */
  statementKinds: string[];
  /** BEGIN/COMMIT/ROLLBACK/SAVEPOINT… in statement order. */
  transactionCommands: SqlTransactionCommand[];
  /** How many distinct table names were template holes or `??` bindings (`__seams_hole_…`), so the caller can report "table name is interpolated". */
  dynamicTables: number;
  /** The first parser complaint; `offset` is a UTF-16 index into the text given to `extractTableAccesses`. */
  error?: { message: string; offset: number };
  /** true when some accesses came from the regex fallback rather than the parser. */
  bestEffort: boolean;
}

/** Prefix of every identifier the normaliser invents for an interpolated name (`__seams_hole_2__`, `__seams_hole_b1__`). */
export const TEMPLATE_HOLE_PREFIX = '__seams_hole_';

/** True when a table name (or table id) contains an identifier invented for an interpolated name. */
export function isTemplateHole(name: string): boolean {
  return name.includes(TEMPLATE_HOLE_PREFIX);
}

let loadPromise: Promise<void> | undefined;
let parserLoaded = false;

/** Loads the WASM parser once; call before extractTableAccesses. Idempotent. */
export async function loadSqlParser(): Promise<void> {
  loadPromise ??= loadModule().then(() => {
    parserLoaded = true;
  });
  return loadPromise;
}

/**
 * Canonical table id: unquoted, lower-cased unless it was quoted, schema dropped when it is `public` (or absent),
 * kept as `schema.table` otherwise. Takes identifiers as written in source: `"Order"` → `Order`, `` `Order` `` →
 * `Order`, `Users` → `users`. When `schema` is undefined and `name` holds an unquoted dot (`billing.invoices`),
 * the part before the dot is the schema.
 */
export function toTableId(schema: string | undefined, name: string): string {
  if (schema === undefined) {
    const parts = splitQualifiedName(name.trim());
    if (parts.length === 2 && parts[0] !== undefined && parts[1] !== undefined) {
      return toCanonicalId(resolveIdentifier(parts[0]), resolveIdentifier(parts[1]));
    }
    return toCanonicalId(undefined, resolveIdentifier(name.trim()));
  }
  return toCanonicalId(resolveIdentifier(schema.trim()), resolveIdentifier(name.trim()));
}

function toCanonicalId(schema: string | undefined, name: string): string {
  if (schema === undefined || schema === '' || schema === 'public') return name;
  return `${schema}.${name}`;
}

function resolveIdentifier(raw: string): string {
  const first = raw.charAt(0);
  if (raw.length >= 2 && first === '"' && raw.endsWith('"')) return raw.slice(1, -1).replaceAll('""', '"');
  if (raw.length >= 2 && first === '`' && raw.endsWith('`')) return raw.slice(1, -1).replaceAll('``', '`');
  return raw.toLowerCase();
}

function splitQualifiedName(text: string): string[] {
  const parts: string[] = [];
  let start = 0;
  let quote = '';
  for (let i = 0; i < text.length; i++) {
    const c = text.charAt(i);
    if (quote !== '') {
      if (c === quote) quote = '';
    } else if (c === '"' || c === '`') {
      quote = c;
    } else if (c === '.') {
      parts.push(text.slice(start, i).trim());
      start = i + 1;
    }
  }
  parts.push(text.slice(start).trim());
  return parts;
}

// ---------------------------------------------------------------------------------------------------------------
// Normaliser

interface Normalized {
  text: string;
  /** Maps an offset in `text` to an offset in the input. */
  toOriginalOffset: (offset: number) => number;
  /** Offsets in `text` of every top-level `;`. */
  statementBreaks: number[];
}

type TokenKind = 'none' | 'operand' | 'operator';
type HoleRole = 'identifier' | 'value' | 'list' | 'assignment' | 'fragment';

interface ParenFrame {
  clause: string;
  identifierList: boolean;
}

/** Words after which an operand is expected: a `?`, `:name` or template hole after them is a value, not an operator or a fragment. */
const WORDS_BEFORE_OPERAND = new Set([
  'ALL', 'AND', 'ANY', 'ARRAY', 'AS', 'BETWEEN', 'BY', 'CASE', 'DEFAULT', 'DISTINCT', 'DO', 'ELSE', 'ESCAPE',
  'EXCEPT', 'EXISTS', 'FETCH', 'FOR', 'FROM', 'HAVING', 'ILIKE', 'IN', 'INDEX', 'INTERSECT', 'INTERVAL', 'INTO',
  'IS', 'JOIN', 'LIKE', 'LIMIT', 'NOT', 'OF', 'OFFSET', 'ON', 'ONLY', 'OR', 'OVERLAPS', 'RECURSIVE', 'REFERENCES',
  'RETURNING', 'SELECT', 'SET', 'SIMILAR', 'SOME', 'TABLE', 'THEN', 'TO', 'TRUNCATE', 'UNION', 'UPDATE', 'USING',
  'VALUES', 'VIEW', 'WHEN', 'WHERE', 'WITH', 'CONCURRENTLY',
]);

/** Words after which a template hole is an identifier: a table, or an alias, CTE or index name. */
const WORDS_BEFORE_IDENTIFIER = new Set([
  'FROM', 'JOIN', 'INTO', 'UPDATE', 'TABLE', 'TRUNCATE', 'ONLY', 'REFERENCES', 'VIEW', 'INDEX', 'CONCURRENTLY',
  'USING', 'AS', 'WITH', 'RECURSIVE',
]);

/** Words that start a clause; remembered per parenthesis depth to tell a FROM list's `,` from a SELECT list's. */
const CLAUSE_WORDS = new Set([
  'SELECT', 'FROM', 'WHERE', 'GROUP', 'ORDER', 'HAVING', 'LIMIT', 'OFFSET', 'SET', 'VALUES', 'RETURNING', 'ON',
  'USING', 'JOIN', 'INTO', 'UPDATE', 'TRUNCATE', 'WINDOW', 'CONFLICT', 'TABLE', 'DO',
]);

function isIdentifierStart(code: number): boolean {
  return (code >= 65 && code <= 90) || (code >= 97 && code <= 122) || code === 95 || code >= 128;
}

function isIdentifierPart(code: number): boolean {
  return isIdentifierStart(code) || (code >= 48 && code <= 57) || code === 36;
}

function isDigit(code: number): boolean {
  return code >= 48 && code <= 57;
}

function isSpace(code: number): boolean {
  return code === 32 || code === 9 || code === 10 || code === 13 || code === 12 || code === 11;
}

interface RewriteOptions {
  hint: SqlDialectHint;
  /** Only resolve `${…}` holes; leave placeholders, backticks and MySQL syntax alone (used by fromTemplateParts). */
  holesOnly: boolean;
}

/**
 * One pass over the text that tracks strings, quoted identifiers, comments and dollar quotes, and rewrites
 * placeholders and template holes. Every rewrite is recorded so offsets can be mapped back to the input.
 */
function rewriteSql(src: string, options: RewriteOptions): Normalized {
  const { hint, holesOnly } = options;
  const n = src.length;
  const convertQuestionMarks = !holesOnly && hint !== 'postgres';
  const rewriteMysql = !holesOnly && hint !== 'postgres';

  const parts: string[] = [];
  const segmentOut: number[] = [];
  const segmentOrig: number[] = [];
  const segmentVerbatim: boolean[] = [];
  let outLength = 0;
  let flushed = 0;
  let dropping = -1;
  const statementBreaks: number[] = [];

  const replace = (from: number, to: number, text: string): void => {
    if (dropping >= 0) return;
    if (from > flushed) {
      parts.push(src.slice(flushed, from));
      segmentOut.push(outLength);
      segmentOrig.push(flushed);
      segmentVerbatim.push(true);
      outLength += from - flushed;
    }
    parts.push(text);
    segmentOut.push(outLength);
    segmentOrig.push(from);
    segmentVerbatim.push(false);
    outLength += text.length;
    flushed = to;
  };
  const outputOffset = (i: number): number => outLength + (i - flushed);

  let prevKind = 'none' as TokenKind;
  let prevWord = '';
  let prevPrevWord = '';
  let prevPunct = '';
  let frames: ParenFrame[] = [{ clause: '', identifierList: false }];
  let statementHead: string[] = [];
  let holeCount = 0;
  let bindingCount = 0;
  let nextNamedParam = maxPositionalParam(src) + 1;
  const namedParams = new Map<string, number>();

  const namedParam = (name: string): string => {
    let number = namedParams.get(name);
    if (number === undefined) {
      number = nextNamedParam++;
      namedParams.set(name, number);
    }
    return `$${number}`;
  };
  const topFrame = (): ParenFrame => frames[frames.length - 1] ?? { clause: '', identifierList: false };
  const setToken = (kind: TokenKind, word: string, punct: string): void => {
    prevKind = kind;
    prevPrevWord = prevWord;
    prevWord = word;
    prevPunct = punct;
  };

  /** Index just past the `}` closing the hole that starts at `start` (`${`). */
  const holeEnd = (start: number): number => {
    let depth = 0;
    for (let j = start + 1; j < n; j++) {
      const c = src.charCodeAt(j);
      if (c === 123) depth++;
      else if (c === 125 && --depth === 0) return j + 1;
    }
    return n;
  };
  const isHoleAt = (i: number): boolean => src.charCodeAt(i) === 36 && src.charCodeAt(i + 1) === 123;
  /** Replaces a hole inside a string, comment or quoted identifier by the hole identifier text; returns its end. */
  const replaceQuotedHole = (i: number): number => {
    const end = holeEnd(i);
    holeCount++;
    replace(i, end, `${TEMPLATE_HOLE_PREFIX}${holeCount}__`);
    return end;
  };

  const classifyHole = (start: number, end: number): HoleRole => {
    if (isIdentifierPart(src.charCodeAt(start - 1)) || isIdentifierPart(src.charCodeAt(end))) return 'identifier';
    let next = end;
    while (next < n && isSpace(src.charCodeAt(next))) next++;
    if (prevPunct === '.' || src.charCodeAt(next) === 46) return 'identifier';
    if (prevPunct === '::') return 'identifier';
    const frame = topFrame();
    if (frame.identifierList && (prevPunct === '(' || prevPunct === ',')) return 'identifier';
    if (prevKind === 'operator' && prevWord !== '') {
      if (WORDS_BEFORE_IDENTIFIER.has(prevWord)) return 'identifier';
      if (prevWord === 'EXISTS' && (prevPrevWord === 'IF' || prevPrevWord === 'NOT')) return 'identifier';
      if (prevWord === 'ON' && statementHead[0] === 'CREATE') return 'identifier';
      if (prevWord === 'IN' || prevWord === 'VALUES') return 'list';
      if (prevWord === 'SET' && frame.clause === 'SET') return 'assignment';
    }
    if (prevPunct === ',') {
      if (frame.clause === 'FROM' || frame.clause === 'TRUNCATE' || frame.clause === 'USING') return 'identifier';
      if (frame.clause === 'SET' && frames.length === 1) return 'assignment';
    }
    if (prevKind === 'operand' || prevKind === 'none') return 'fragment';
    return 'value';
  };

  let i = 0;
  while (i < n) {
    const c = src.charCodeAt(i);

    if (isSpace(c)) {
      i++;
      continue;
    }

    // ' string literal (E'…' allows backslash escapes; MySQL strings always do)
    if (c === 39) {
      const escapes = hint === 'mysql' || ((src.charCodeAt(i - 1) | 32) === 101 && !isIdentifierPart(src.charCodeAt(i - 2)));
      let j = i + 1;
      while (j < n) {
        const d = src.charCodeAt(j);
        if (d === 92 && escapes) {
          if (hint === 'mysql' && src.charCodeAt(j + 1) === 39 && !holesOnly) replace(j, j + 2, "''");
          j += 2;
        } else if (d === 39) {
          if (src.charCodeAt(j + 1) === 39) j += 2;
          else break;
        } else if (isHoleAt(j)) {
          j = replaceQuotedHole(j);
        } else {
          j++;
        }
      }
      i = j + 1;
      setToken('operand', '', '');
      continue;
    }

    // "quoted identifier" or `backtick identifier`
    if (c === 34 || c === 96) {
      const convert = c === 96 && !holesOnly;
      if (convert) replace(i, i + 1, '"');
      let j = i + 1;
      while (j < n) {
        const d = src.charCodeAt(j);
        if (d === c) {
          if (src.charCodeAt(j + 1) === c) {
            if (convert) replace(j, j + 2, '`');
            j += 2;
            continue;
          }
          break;
        }
        if (d === 34 && convert) {
          replace(j, j + 1, '""');
          j++;
        } else if (isHoleAt(j)) {
          j = replaceQuotedHole(j);
        } else {
          j++;
        }
      }
      if (convert && j < n) replace(j, j + 1, '"');
      i = j + 1;
      setToken('operand', '', '');
      continue;
    }

    // -- comment, and # comment in MySQL
    if ((c === 45 && src.charCodeAt(i + 1) === 45) || (c === 35 && hint === 'mysql' && !holesOnly)) {
      if (c === 35) replace(i, i + 1, '--');
      let j = i + 1;
      while (j < n && src.charCodeAt(j) !== 10) {
        if (isHoleAt(j)) j = replaceQuotedHole(j);
        else j++;
      }
      i = j;
      continue;
    }

    // /* block comment */ (nested in PostgreSQL)
    if (c === 47 && src.charCodeAt(i + 1) === 42) {
      let depth = 1;
      let j = i + 2;
      while (j < n && depth > 0) {
        if (src.charCodeAt(j) === 47 && src.charCodeAt(j + 1) === 42) {
          depth++;
          j += 2;
        } else if (src.charCodeAt(j) === 42 && src.charCodeAt(j + 1) === 47) {
          depth--;
          j += 2;
        } else if (isHoleAt(j)) {
          j = replaceQuotedHole(j);
        } else {
          j++;
        }
      }
      i = j;
      continue;
    }

    if (c === 36) {
      // ${…} template hole
      if (src.charCodeAt(i + 1) === 123) {
        const end = holeEnd(i);
        holeCount++;
        const role = classifyHole(i, end);
        const identifier = `${TEMPLATE_HOLE_PREFIX}${holeCount}__`;
        switch (role) {
          case 'identifier':
            replace(i, end, identifier);
            setToken('operand', 'HOLE', '');
            break;
          case 'value':
            replace(i, end, `$${holeCount}`);
            setToken('operand', '', '');
            break;
          case 'list':
            replace(i, end, `($${holeCount})`);
            setToken('operand', '', '');
            break;
          case 'assignment':
            replace(i, end, `${identifier} = NULL`);
            setToken('operand', '', '');
            break;
          case 'fragment':
            replace(i, end, '');
            break;
        }
        i = end;
        continue;
      }
      // $1 positional parameter
      if (isDigit(src.charCodeAt(i + 1))) {
        let j = i + 1;
        while (j < n && isDigit(src.charCodeAt(j))) j++;
        i = j;
        setToken('operand', '', '');
        continue;
      }
      // $tag$ … $tag$ dollar quote, or $name bind parameter (Sequelize)
      let j = i + 1;
      while (j < n && isIdentifierPart(src.charCodeAt(j)) && src.charCodeAt(j) !== 36) j++;
      if (src.charCodeAt(j) === 36 && (j === i + 1 || isIdentifierStart(src.charCodeAt(i + 1)))) {
        const tag = src.slice(i, j + 1);
        let k = j + 1;
        while (k < n && !src.startsWith(tag, k)) {
          if (isHoleAt(k)) k = replaceQuotedHole(k);
          else k++;
        }
        i = Math.min(n, k + tag.length);
        setToken('operand', '', '');
        continue;
      }
      if (j > i + 1 && isIdentifierStart(src.charCodeAt(i + 1)) && !holesOnly) {
        replace(i, j, namedParam(src.slice(i + 1, j)));
        i = j;
        setToken('operand', '', '');
        continue;
      }
      i++;
      setToken('operator', '', '$');
      continue;
    }

    // ? and ?? placeholders (knex, mysql2, Sequelize replacements); ?| ?& and a ? after an operand are jsonb operators
    if (c === 63) {
      if (!convertQuestionMarks) {
        i++;
        setToken('operator', '', '?');
        continue;
      }
      if (src.charCodeAt(i + 1) === 63) {
        bindingCount++;
        replace(i, i + 2, `${TEMPLATE_HOLE_PREFIX}b${bindingCount}__`);
        i += 2;
        setToken('operand', 'HOLE', '');
        continue;
      }
      const next = src.charCodeAt(i + 1);
      const jsonbOperator = hint === 'unknown' && (prevKind === 'operand' || next === 124 || next === 38);
      if (jsonbOperator) {
        i++;
        setToken('operator', '', '?');
        continue;
      }
      bindingCount++;
      replace(i, i + 1, `$${bindingCount}`);
      i++;
      setToken('operand', '', '');
      continue;
    }

    // knex escapes a literal ? as \?
    if (c === 92 && src.charCodeAt(i + 1) === 63 && convertQuestionMarks) {
      replace(i, i + 1, ' ');
      i += 2;
      setToken('operator', '', '?');
      continue;
    }

    // :: cast, :name and :...name (TypeORM spread) parameters
    if (c === 58) {
      if (src.charCodeAt(i + 1) === 58) {
        i += 2;
        setToken('operator', '', '::');
        continue;
      }
      if (!holesOnly && prevKind !== 'operand') {
        let start = i + 1;
        if (src.startsWith('...', start)) start += 3;
        if (isIdentifierStart(src.charCodeAt(start))) {
          let j = start + 1;
          while (j < n && isIdentifierPart(src.charCodeAt(j)) && src.charCodeAt(j) !== 36) j++;
          replace(i, j, namedParam(src.slice(start, j)));
          i = j;
          setToken('operand', '', '');
          continue;
        }
      }
      i++;
      setToken('operator', '', ':');
      continue;
    }

    if (isIdentifierStart(c)) {
      let j = i + 1;
      while (j < n && isIdentifierPart(src.charCodeAt(j)) && !isHoleAt(j)) j++;
      let word = j - i <= 16 ? src.slice(i, j).toUpperCase() : 'IDENTIFIER';
      if (rewriteMysql) {
        if (word === 'IGNORE' && prevWord === 'INSERT') {
          replace(i, j, '');
          i = j;
          continue;
        }
        if (word === 'REPLACE' && prevKind === 'none' && /^\s+into\b/i.test(src.slice(j, j + 12))) {
          replace(i, j, 'INSERT');
          word = 'INSERT';
        } else if (word === 'ON' && dropping < 0 && /^\s+duplicate\s+key\s+update\b/i.test(src.slice(j, j + 40))) {
          dropping = i;
        }
      }
      if (CLAUSE_WORDS.has(word)) {
        const frame = topFrame();
        frame.clause = word;
      }
      if (statementHead.length < 3) statementHead.push(word);
      setToken(WORDS_BEFORE_OPERAND.has(word) ? 'operator' : 'operand', word, '');
      i = j;
      continue;
    }

    if (isDigit(c) || (c === 46 && isDigit(src.charCodeAt(i + 1)))) {
      let j = i + 1;
      while (j < n && (isIdentifierPart(src.charCodeAt(j)) || src.charCodeAt(j) === 46)) j++;
      i = j;
      setToken('operand', '', '');
      continue;
    }

    if (c === 40) {
      const frame = topFrame();
      frames.push({
        clause: '',
        identifierList: prevKind === 'operand' && (frame.clause === 'INTO' || frame.clause === 'CONFLICT'),
      });
      i++;
      setToken('operator', '', '(');
      continue;
    }
    if (c === 41) {
      if (frames.length > 1) frames.pop();
      i++;
      setToken('operand', '', '');
      continue;
    }
    if (c === 44 && rewriteMysql && topFrame().clause === 'LIMIT') {
      replace(i, i + 1, ' OFFSET ');
      i++;
      setToken('operator', 'OFFSET', '');
      continue;
    }
    if (c === 59) {
      if (dropping >= 0) {
        const start = dropping;
        dropping = -1;
        replace(start, i, '');
      }
      statementBreaks.push(outputOffset(i));
      frames = [{ clause: '', identifierList: false }];
      statementHead = [];
      i++;
      prevKind = 'none';
      prevWord = '';
      prevPrevWord = '';
      prevPunct = '';
      continue;
    }
    i++;
    setToken('operator', '', String.fromCharCode(c));
  }
  if (dropping >= 0) {
    const start = dropping;
    dropping = -1;
    replace(start, n, '');
  }

  if (parts.length === 0) {
    return { text: src, toOriginalOffset: (offset) => Math.max(0, Math.min(offset, n)), statementBreaks };
  }
  if (flushed < n) {
    parts.push(src.slice(flushed));
    segmentOut.push(outLength);
    segmentOrig.push(flushed);
    segmentVerbatim.push(true);
    outLength += n - flushed;
  }
  const text = parts.join('');
  const toOriginalOffset = (offset: number): number => {
    if (offset >= outLength) return n;
    let low = 0;
    let high = segmentOut.length - 1;
    while (low < high) {
      const mid = (low + high + 1) >> 1;
      if ((segmentOut[mid] ?? 0) <= offset) low = mid;
      else high = mid - 1;
    }
    const out = segmentOut[low] ?? 0;
    const orig = segmentOrig[low] ?? 0;
    return segmentVerbatim[low] === true ? orig + (offset - out) : orig;
  };
  return { text, toOriginalOffset, statementBreaks };
}

function maxPositionalParam(src: string): number {
  let max = 0;
  if (!src.includes('$')) return 0;
  for (const match of src.matchAll(/\$(\d{1,6})/g)) {
    const value = Number(match[1]);
    if (value > max) max = value;
  }
  return max;
}

/**
 * Normalises driver-specific SQL to PostgreSQL before parsing: `?` → `$n` (not inside strings/quoted identifiers/comments), `:name` → `$n` (not `::cast`, not inside strings), MySQL backticks → double quotes, and template holes.
 *
 * Rules, applied outside strings, quoted identifiers, comments and dollar quotes:
 * - `?` → `$k` where k is its 1-based position among `?`/`??` (the bindings array index + 1); `??` (knex identifier
 *   binding) → `__seams_hole_b<k>__`; `\?` (knex's escaped `?`) → ` ?`. Not done for hint `postgres`, where `?` is
 *   the jsonb operator; for `unknown`, a `?` after an operand and `?|`/`?&` stay jsonb operators.
 * - `:name`, `:...name` (TypeORM) and `$name` (Sequelize bind) → `$n`, one number per distinct name, numbered after
 *   the highest `$n` already present; only where an operand is expected, so `::cast` and `a[lo:hi]` stay.
 * - `` `name` `` → `"name"`; MySQL `#` comments → `--`; `\'` in MySQL strings → `''`; `INSERT IGNORE` → `INSERT`;
 *   `REPLACE INTO` → `INSERT INTO`; `LIMIT a, b` → `LIMIT a OFFSET b` (only the syntax matters here); `ON DUPLICATE KEY
 *   UPDATE …` is dropped up to the end of the statement (not for hint `postgres`).
 * - `${…}` holes left in the text are resolved as {@link fromTemplateParts} does.
 */
export function normalizeSql(text: string, hint: SqlDialectHint = 'unknown'): string {
  return rewriteSql(text, { hint, holesOnly: false }).text;
}

/**
 * Joins the quasis of a template literal into parseable SQL; hole i (between `quasis[i]` and `quasis[i + 1]`) gets
 * number n = i + 1, so callers can map a hole back to `expressions[i]`. The role of each hole comes from the text
 * around it, read with the same lexer as the normaliser:
 * - inside a string, comment, dollar quote or quoted identifier: the text `__seams_hole_n__`;
 * - glued to a name (`audit_${year}`), next to a `.` (`${schema}.users`, `t.${column}`), after `::`, in an INSERT
 *   column list or ON CONFLICT target, right after FROM/JOIN/INTO/UPDATE/TABLE/TRUNCATE/ONLY/REFERENCES/VIEW/INDEX/
 *   USING/`IF [NOT] EXISTS`, after ON in a CREATE statement (`CREATE INDEX … ON ${t}`), or after `,` in a FROM,
 *   USING or TRUNCATE list: the identifier `__seams_hole_n__`;
 * - after IN or VALUES: `($n)`; as a whole assignment after SET (`SET ${updates}`): `__seams_hole_n__ = NULL`;
 * - after an operand (`FROM users ${where}`) or at the start of a statement: a clause fragment, removed;
 * - anywhere else (after an operator, `(`, `,`, SELECT, WHERE, LIMIT…): the parameter `$n`.
 * A table whose name contains `__seams_hole_` is left out of `accesses` and counted in `dynamicTables`; a hole used
 * only as the schema (`${schema}.users`) is dropped and the table kept.
 */
export function fromTemplateParts(quasis: string[]): string {
  if (quasis.length <= 1) return quasis[0] ?? '';
  return rewriteSql(quasis.join('${}'), { hint: 'unknown', holesOnly: true }).text;
}

// ---------------------------------------------------------------------------------------------------------------
// Extraction

type AstObject = Record<string, unknown>;

interface RawStatement {
  stmt?: unknown;
  stmt_location?: number;
  stmt_len?: number;
}

interface Collector {
  accesses: Map<string, SqlTableAccess>;
  foreignKeys: Map<string, SqlForeignKey>;
  views: Set<string>;
  dynamic: Set<string>;
  bestEffort: boolean;
}

interface WalkContext {
  statementIndex: number;
  ctes: ReadonlySet<string>;
  /** Table being created or altered, for foreign keys. */
  ddlTable?: string;
  /** Column being defined, for column-level REFERENCES. */
  column?: string;
  /** Text of the current top-level statement (for PL/pgSQL bodies). */
  statementText: () => string;
  collector: Collector;
}

const SKIPPED_STATEMENTS = new Set([
  'GrantStmt', 'GrantRoleStmt', 'VacuumStmt', 'ClusterStmt', 'CreateSeqStmt', 'AlterSeqStmt',
  'CreateStatsStmt', 'CommentStmt', 'SecLabelStmt', 'LockStmt', 'TransactionStmt', 'VariableSetStmt',
  'VariableShowStmt', 'AlterOwnerStmt', 'AlterDefaultPrivilegesStmt', 'DeallocateStmt', 'ListenStmt',
  'NotifyStmt', 'UnlistenStmt', 'DiscardStmt', 'CheckPointStmt',
]);

const RELATION_OBJECT_TYPES = new Set(['OBJECT_TABLE', 'OBJECT_VIEW', 'OBJECT_MATVIEW', 'OBJECT_FOREIGN_TABLE']);
/** Objects dropped with `… name ON table`: the table's shape changes. */
const ON_TABLE_OBJECT_TYPES = new Set(['OBJECT_TRIGGER', 'OBJECT_POLICY', 'OBJECT_RULE']);

function isObject(value: unknown): value is AstObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function isRangeVar(value: unknown): value is AstObject & { relname: string } {
  return isObject(value) && typeof value['relname'] === 'string';
}

function stringValue(node: unknown): string | undefined {
  if (!isObject(node)) return undefined;
  const inner = node['String'];
  if (isObject(inner) && typeof inner['sval'] === 'string') return inner['sval'];
  return undefined;
}

function stringList(value: unknown): string[] {
  if (!Array.isArray(value)) return [];
  const names: string[] = [];
  for (const item of value) {
    const text = stringValue(item);
    if (text !== undefined) names.push(text);
  }
  return names;
}

function addAccess(ctx: WalkContext, table: string, mode: AccessMode): void {
  const key = `${table}\u0000${mode}`;
  if (!ctx.collector.accesses.has(key)) {
    ctx.collector.accesses.set(key, { table, mode, statementIndex: ctx.statementIndex });
  }
}

/** Table id for names as the parser returns them (already case-folded), or undefined when the name is interpolated. */
function idFromParsedName(ctx: WalkContext, schema: string | undefined, name: string): string | undefined {
  if (isTemplateHole(name)) {
    ctx.collector.dynamic.add(name);
    return undefined;
  }
  return toCanonicalId(schema === undefined || isTemplateHole(schema) ? undefined : schema, name);
}

function rangeVarId(ctx: WalkContext, rangeVar: AstObject & { relname: string }): string | undefined {
  const schema = typeof rangeVar['schemaname'] === 'string' ? rangeVar['schemaname'] : undefined;
  return idFromParsedName(ctx, schema, rangeVar.relname);
}

function recordRangeVar(ctx: WalkContext, rangeVar: AstObject & { relname: string }, mode: AccessMode): void {
  if (mode === 'read' && rangeVar['schemaname'] === undefined && ctx.ctes.has(rangeVar.relname)) return;
  const id = rangeVarId(ctx, rangeVar);
  if (id !== undefined) addAccess(ctx, id, mode);
}

/** Walks any AST value; RangeVars take `mode`, every other node resets it to read unless its handler says otherwise. */
function walk(value: unknown, mode: AccessMode, ctx: WalkContext): void {
  if (Array.isArray(value)) {
    for (const item of value) walk(item, mode, ctx);
    return;
  }
  if (!isObject(value)) return;
  if (isRangeVar(value)) {
    recordRangeVar(ctx, value, mode);
    return;
  }
  const keys = Object.keys(value);
  if (keys.length === 1) {
    const key = keys[0] ?? '';
    const body = value[key];
    const first = key.charCodeAt(0);
    if (first >= 65 && first <= 90 && isObject(body)) {
      if (key === 'RangeVar' && isRangeVar(body)) {
        recordRangeVar(ctx, body, mode);
        return;
      }
      walkNode(key, body, ctx);
      return;
    }
  }
  walkFields(value, ctx, undefined);
}

function walkFields(body: AstObject, ctx: WalkContext, skip: ReadonlySet<string> | undefined): void {
  for (const key in body) {
    if (skip?.has(key) === true) continue;
    const field = body[key];
    if (typeof field === 'object' && field !== null) walk(field, 'read', ctx);
  }
}

/** Processes a WITH clause: walks each CTE body with the names visible to it, returns the scope for the main query. */
function withScope(withClause: unknown, ctx: WalkContext): WalkContext {
  if (!isObject(withClause) || !Array.isArray(withClause['ctes'])) return ctx;
  const recursive = withClause['recursive'] === true;
  const ctes: AstObject[] = [];
  for (const item of withClause['ctes']) {
    const cte = isObject(item) ? item['CommonTableExpr'] : undefined;
    if (isObject(cte)) ctes.push(cte);
  }
  const all = new Set(ctx.ctes);
  for (const cte of ctes) if (typeof cte['ctename'] === 'string') all.add(cte['ctename']);
  const visible = new Set(ctx.ctes);
  for (const cte of ctes) {
    walk(cte['ctequery'], 'read', { ...ctx, ctes: recursive ? all : new Set(visible) });
    if (typeof cte['ctename'] === 'string') visible.add(cte['ctename']);
  }
  return { ...ctx, ctes: all };
}

const SELECT_SKIP = new Set(['withClause', 'intoClause', 'larg', 'rarg', 'lockingClause']);
const MODIFY_SKIP = new Set(['withClause', 'relation']);
const CREATE_SKIP = new Set(['relation', 'inhRelations']);

function walkSelect(body: AstObject, ctx: WalkContext): void {
  const scope = withScope(body['withClause'], ctx);
  const into = body['intoClause'];
  if (isObject(into) && isRangeVar(into['rel'])) recordRangeVar(scope, into['rel'], 'write');
  if (isObject(body['larg'])) walkSelect(body['larg'], scope);
  if (isObject(body['rarg'])) walkSelect(body['rarg'], scope);
  walkFields(body, scope, SELECT_SKIP);
}

function walkNode(type: string, body: AstObject, ctx: WalkContext): void {
  switch (type) {
    case 'SelectStmt':
      walkSelect(body, ctx);
      return;
    case 'InsertStmt':
    case 'UpdateStmt':
    case 'DeleteStmt':
    case 'MergeStmt': {
      const scope = withScope(body['withClause'], ctx);
      if (isRangeVar(body['relation'])) recordRangeVar(scope, body['relation'], 'write');
      walkFields(body, scope, MODIFY_SKIP);
      return;
    }
    case 'TruncateStmt':
      walk(body['relations'], 'write', ctx);
      return;
    case 'CreateStmt': {
      const relation = body['relation'];
      if (!isRangeVar(relation)) return;
      const id = rangeVarId(ctx, relation);
      if (id !== undefined) addAccess(ctx, id, 'ddl');
      const inner: WalkContext = { ...ctx };
      if (id === undefined) delete inner.ddlTable;
      else inner.ddlTable = id;
      walk(body['inhRelations'], 'ddl', inner);
      walkFields(body, inner, CREATE_SKIP);
      return;
    }
    case 'AlterTableStmt': {
      const relation = body['relation'];
      if (!RELATION_OBJECT_TYPES.has(String(body['objtype'])) || !isRangeVar(relation)) return;
      const id = rangeVarId(ctx, relation);
      if (id !== undefined) addAccess(ctx, id, 'ddl');
      const inner: WalkContext = { ...ctx };
      if (id === undefined) delete inner.ddlTable;
      else inner.ddlTable = id;
      walk(body['cmds'], 'read', inner);
      return;
    }
    case 'ColumnDef': {
      const inner: WalkContext = { ...ctx };
      if (typeof body['colname'] === 'string') inner.column = body['colname'];
      walkFields(body, inner, undefined);
      return;
    }
    case 'Constraint':
      if (body['contype'] === 'CONSTR_FOREIGN' && isRangeVar(body['pktable'])) {
        const to = rangeVarId(ctx, body['pktable']);
        const from = ctx.ddlTable;
        if (to !== undefined && from !== undefined) {
          const declared = stringList(body['fk_attrs']);
          const columns = declared.length > 0 ? declared : ctx.column === undefined ? [] : [ctx.column];
          const foreignKey: SqlForeignKey = { from, to, columns, referencedColumns: stringList(body['pk_attrs']) };
          const key = `${from}\u0000${to}\u0000${columns.join(',')}\u0000${foreignKey.referencedColumns.join(',')}`;
          if (!ctx.collector.foreignKeys.has(key)) ctx.collector.foreignKeys.set(key, foreignKey);
        }
        return;
      }
      walkFields(body, ctx, undefined);
      return;
    case 'IndexStmt':
    case 'CreateTrigStmt':
    case 'CreatePolicyStmt':
    case 'AlterPolicyStmt':
    case 'RuleStmt': {
      const relation = type === 'CreatePolicyStmt' || type === 'AlterPolicyStmt' ? body['table'] : body['relation'];
      if (isRangeVar(relation)) recordRangeVar(ctx, relation, 'ddl');
      if (type === 'RuleStmt') walk(body['actions'], 'read', ctx);
      return;
    }
    case 'ViewStmt': {
      const view = body['view'];
      if (isRangeVar(view)) {
        const id = rangeVarId(ctx, view);
        if (id !== undefined) {
          addAccess(ctx, id, 'ddl');
          ctx.collector.views.add(id);
        }
      }
      walk(body['query'], 'read', ctx);
      return;
    }
    case 'CreateTableAsStmt': {
      const into = body['into'];
      if (isObject(into) && isRangeVar(into['rel']) && RELATION_OBJECT_TYPES.has(String(body['objtype']))) {
        const id = rangeVarId(ctx, into['rel']);
        if (id !== undefined) {
          addAccess(ctx, id, 'ddl');
          if (body['objtype'] === 'OBJECT_MATVIEW') ctx.collector.views.add(id);
        }
      }
      walk(body['query'], 'read', ctx);
      return;
    }
    case 'DropStmt': {
      // DROP TRIGGER/POLICY/RULE name ON table: the object is [schema, table, name], the table is ddl.
      const onTable = ON_TABLE_OBJECT_TYPES.has(String(body['removeType']));
      if ((!onTable && !RELATION_OBJECT_TYPES.has(String(body['removeType']))) || !Array.isArray(body['objects'])) return;
      for (const object of body['objects']) {
        const list = isObject(object) && isObject(object['List']) ? object['List']['items'] : undefined;
        const names = onTable ? stringList(list).slice(0, -1) : stringList(list);
        const name = names[names.length - 1];
        if (name === undefined) continue;
        const id = idFromParsedName(ctx, names.length >= 2 ? names[names.length - 2] : undefined, name);
        if (id !== undefined) addAccess(ctx, id, 'ddl');
      }
      return;
    }
    case 'RenameStmt': {
      const relation = body['relation'];
      if (!isRangeVar(relation)) return;
      const renamed = String(body['renameType']);
      if (renamed === 'OBJECT_INDEX' || renamed === 'OBJECT_SEQUENCE') return;
      recordRangeVar(ctx, relation, 'ddl');
      if (RELATION_OBJECT_TYPES.has(renamed) && typeof body['newname'] === 'string') {
        const schema = typeof relation['schemaname'] === 'string' ? relation['schemaname'] : undefined;
        const id = idFromParsedName(ctx, schema, body['newname']);
        if (id !== undefined) addAccess(ctx, id, 'ddl');
      }
      return;
    }
    case 'AlterObjectSchemaStmt':
      if (RELATION_OBJECT_TYPES.has(String(body['objectType'])) && isRangeVar(body['relation'])) {
        recordRangeVar(ctx, body['relation'], 'ddl');
      }
      return;
    case 'CopyStmt':
      if (isRangeVar(body['relation'])) recordRangeVar(ctx, body['relation'], body['is_from'] === true ? 'write' : 'read');
      walk(body['query'], 'read', ctx);
      return;
    case 'ReindexStmt':
      if (body['kind'] === 'REINDEX_OBJECT_TABLE' && isRangeVar(body['relation'])) recordRangeVar(ctx, body['relation'], 'ddl');
      return;
    case 'RefreshMatViewStmt':
      if (isRangeVar(body['relation'])) recordRangeVar(ctx, body['relation'], 'write');
      return;
    case 'CreateFunctionStmt':
    case 'DoStmt':
      walkRoutine(type, body, ctx);
      return;
    default:
      if (SKIPPED_STATEMENTS.has(type)) return;
      walkFields(body, ctx, undefined);
  }
}

/** Function bodies: `LANGUAGE sql` strings are parsed again, BEGIN ATOMIC bodies are already in the tree, PL/pgSQL goes through parsePlPgSQLSync. */
function walkRoutine(type: string, body: AstObject, ctx: WalkContext): void {
  const options = type === 'DoStmt' ? body['args'] : body['options'];
  let language = type === 'DoStmt' ? 'plpgsql' : '';
  let source: string | undefined;
  if (Array.isArray(options)) {
    for (const option of options) {
      const element = isObject(option) ? option['DefElem'] : undefined;
      if (!isObject(element)) continue;
      const arg = element['arg'];
      if (element['defname'] === 'language') {
        language = (stringValue(arg) ?? language).toLowerCase();
      } else if (element['defname'] === 'as') {
        const list = isObject(arg) && isObject(arg['List']) ? arg['List']['items'] : undefined;
        source = Array.isArray(list) ? stringValue(list[0]) : stringValue(arg);
      }
    }
  }
  if (body['sql_body'] !== undefined) walk(body['sql_body'], 'read', ctx);
  if (source === undefined) return;
  if (language === 'sql') {
    walkSqlText(source, ctx);
  } else if (language === 'plpgsql') {
    try {
      const result: unknown = parsePlPgSQLSync(ctx.statementText());
      walkPlpgsql(result, ctx);
    } catch {
      fallbackScan(source, ctx);
    }
  }
}

function walkSqlText(sql: string, ctx: WalkContext): void {
  try {
    const result = parseSync(sql) as { stmts?: RawStatement[] };
    for (const statement of result.stmts ?? []) walk(statement.stmt, 'read', { ...ctx, ctes: new Set() });
  } catch {
    fallbackScan(sql, ctx);
  }
}

/** Finds every PLpgSQL_expr in a PL/pgSQL tree; statements are parsed as they are, expressions as `SELECT <expr>`. */
function walkPlpgsql(value: unknown, ctx: WalkContext): void {
  if (Array.isArray(value)) {
    for (const item of value) walkPlpgsql(item, ctx);
    return;
  }
  if (!isObject(value)) return;
  const expression = value['PLpgSQL_expr'];
  if (isObject(expression) && typeof expression['query'] === 'string') {
    const query = expression['query'];
    if (expression['parseMode'] === undefined || expression['parseMode'] === 0) {
      walkSqlText(query, ctx);
    } else if (/\bselect\b/i.test(query)) {
      const assignment = /^\s*[\w."]+(?:\[[^\]]*\])?\s*:?=/.exec(query);
      try {
        const result = parseSync(`SELECT ${assignment === null ? query : query.slice(assignment[0].length)}`) as {
          stmts?: RawStatement[];
        };
        for (const statement of result.stmts ?? []) walk(statement.stmt, 'read', ctx);
      } catch {
        // An expression that only makes sense with PL/pgSQL variables in scope; it reads no table we could name.
      }
    }
    return;
  }
  for (const key in value) {
    const field = value[key];
    if (typeof field === 'object' && field !== null) walkPlpgsql(field, ctx);
  }
}

// ---------------------------------------------------------------------------------------------------------------
// Fallback

const NAME_PATTERN = String.raw`(?:"(?:[^"]|"")+"|[A-Za-z_\u0080-\uffff][\w$\u0080-\uffff]*)`;
const QUALIFIED_PATTERN = String.raw`${NAME_PATTERN}(?:\s*\.\s*${NAME_PATTERN})?`;
const FALLBACK_PATTERN = new RegExp(
  String.raw`\b(delete\s+from|(?:insert|replace)\s+(?:ignore\s+)?into|merge\s+into|update|truncate(?:\s+table)?|(?:create|alter|drop)\s+(?:(?:global|local)\s+)?(?:temp(?:orary)?\s+|unlogged\s+)?table(?:\s+if\s+(?:not\s+)?exists)?|from|join|using)\s+(?:only\s+|lateral\s+)?(${QUALIFIED_PATTERN})`,
  'giu',
);
const LIST_CONTINUATION = new RegExp(
  String.raw`\s*(?:(?:as\s+)?${NAME_PATTERN})?\s*,\s*(?:only\s+)?(${QUALIFIED_PATTERN})`,
  'iuy',
);
const CTE_NAME_PATTERN = new RegExp(
  String.raw`(?:\bwith(?:\s+recursive)?|,)\s*(${NAME_PATTERN})\s*(?:\([^)]*\)\s*)?as\s*(?:(?:not\s+)?materialized\s*)?\(`,
  'giu',
);
const NOT_A_TABLE = new Set([
  'SELECT', 'SET', 'WHERE', 'VALUES', 'DEFAULT', 'ONLY', 'LATERAL', 'CASCADE', 'RESTRICT', 'NO', 'OF', 'SKIP',
  'NOWAIT', 'ON', 'AND', 'OR', 'NOT', 'NULL', 'DUAL',
]);
const FUNCTIONS_WITH_FROM = new Set(['EXTRACT', 'SUBSTRING', 'TRIM', 'OVERLAY', 'POSITION']);

/** Blanks out string literals, dollar quotes and comments (keeping offsets), so the fallback only sees code. */
function maskNonCode(text: string): string {
  const out = text.split('');
  const n = text.length;
  const blank = (from: number, to: number): void => {
    for (let k = from; k < to && k < n; k++) if (out[k] !== '\n') out[k] = ' ';
  };
  let i = 0;
  while (i < n) {
    const c = text.charCodeAt(i);
    if (c === 39) {
      let j = i + 1;
      const escapes = (text.charCodeAt(i - 1) | 32) === 101;
      while (j < n) {
        const d = text.charCodeAt(j);
        if (d === 92 && escapes) j += 2;
        else if (d === 39 && text.charCodeAt(j + 1) === 39) j += 2;
        else if (d === 39) break;
        else j++;
      }
      blank(i, j + 1);
      i = j + 1;
    } else if (c === 34) {
      let j = i + 1;
      while (j < n && !(text.charCodeAt(j) === 34 && text.charCodeAt(j + 1) !== 34)) j += text.charCodeAt(j) === 34 ? 2 : 1;
      i = j + 1;
    } else if (c === 45 && text.charCodeAt(i + 1) === 45) {
      let j = i;
      while (j < n && text.charCodeAt(j) !== 10) j++;
      blank(i, j);
      i = j;
    } else if (c === 47 && text.charCodeAt(i + 1) === 42) {
      const end = text.indexOf('*/', i + 2);
      const j = end < 0 ? n : end + 2;
      blank(i, j);
      i = j;
    } else if (c === 36) {
      const match = /^\$(?:[A-Za-z_][\w]*)?\$/.exec(text.slice(i, i + 64));
      if (match === null || isIdentifierPart(text.charCodeAt(i - 1))) {
        i++;
        continue;
      }
      const end = text.indexOf(match[0], i + match[0].length);
      const j = end < 0 ? n : end + match[0].length;
      blank(i, j);
      i = j;
    } else {
      i++;
    }
  }
  return out.join('');
}

function enclosingFunctionName(code: string, index: number): string {
  let depth = 0;
  for (let k = index - 1; k >= 0; k--) {
    const c = code.charCodeAt(k);
    if (c === 41) depth++;
    else if (c === 40) {
      if (depth === 0) {
        const before = /([A-Za-z_]\w*)\s*$/.exec(code.slice(Math.max(0, k - 40), k));
        return before?.[1]?.toUpperCase() ?? '';
      }
      depth--;
    }
  }
  return '';
}

function previousWord(code: string, index: number): string {
  const match = /([A-Za-z_]\w*)\s*$/.exec(code.slice(Math.max(0, index - 40), index));
  return match?.[1]?.toUpperCase() ?? '';
}

/** Best-effort regex scan for a statement the parser rejected: FROM/JOIN/USING read, INSERT/UPDATE/DELETE/MERGE/TRUNCATE write, CREATE/ALTER/DROP TABLE ddl. */
function fallbackScan(sql: string, ctx: WalkContext): void {
  ctx.collector.bestEffort = true;
  const code = maskNonCode(sql);
  const head = /^\s*(\w+)/.exec(code)?.[1]?.toUpperCase() ?? '';
  const ctes = new Set<string>();
  for (const match of code.matchAll(CTE_NAME_PATTERN)) ctes.add(toTableId(undefined, match[1] ?? ''));

  const record = (raw: string, mode: AccessMode): void => {
    const parts = splitQualifiedName(raw);
    const name = parts[parts.length - 1] ?? '';
    if (!name.startsWith('"') && NOT_A_TABLE.has(name.toUpperCase())) return;
    const resolvedName = resolveIdentifier(name);
    if (isTemplateHole(resolvedName)) {
      ctx.collector.dynamic.add(resolvedName);
      return;
    }
    const schema = parts.length >= 2 ? resolveIdentifier(parts[parts.length - 2] ?? '') : undefined;
    if (mode === 'read' && schema === undefined && ctes.has(resolvedName)) return;
    addAccess(ctx, toCanonicalId(schema === undefined || isTemplateHole(schema) ? undefined : schema, resolvedName), mode);
  };

  for (const match of code.matchAll(FALLBACK_PATTERN)) {
    const keyword = (match[1] ?? '').toUpperCase().replace(/\s+/g, ' ');
    const index = match.index;
    let mode: AccessMode = 'read';
    if (keyword === 'USING') {
      if (head !== 'DELETE' && head !== 'MERGE' && head !== 'WITH') continue;
    } else if (keyword === 'FROM') {
      if (previousWord(code, index) === 'DISTINCT') continue;
      if (FUNCTIONS_WITH_FROM.has(enclosingFunctionName(code, index))) continue;
    } else if (keyword === 'UPDATE') {
      const before = previousWord(code, index);
      if (before === 'FOR' || before === 'DO' || before === 'KEY' || before === 'ON' || before === 'NO') continue;
      mode = 'write';
    } else if (keyword.startsWith('CREATE') || keyword.startsWith('ALTER') || keyword.startsWith('DROP')) {
      mode = 'ddl';
    } else if (keyword !== 'JOIN') {
      mode = 'write';
    }
    record(match[2] ?? '', mode);
    if (keyword === 'FROM' || keyword === 'USING' || keyword.startsWith('TRUNCATE') || keyword.startsWith('DROP')) {
      LIST_CONTINUATION.lastIndex = index + match[0].length;
      let more = LIST_CONTINUATION.exec(code);
      while (more !== null) {
        record(more[1] ?? '', mode);
        LIST_CONTINUATION.lastIndex = more.index + more[0].length;
        more = LIST_CONTINUATION.exec(code);
      }
    }
  }
}

// ---------------------------------------------------------------------------------------------------------------
// Entry point

interface SqlErrorLike {
  message?: unknown;
  sqlDetails?: { cursorPosition?: unknown; message?: unknown };
}

function errorDetails(error: unknown): { message: string; position: number | undefined } {
  const candidate = (isObject(error) ? error : {}) as SqlErrorLike;
  const details = candidate.sqlDetails;
  const message =
    typeof details?.message === 'string'
      ? details.message
      : typeof candidate.message === 'string'
        ? candidate.message
        : String(error);
  const position = typeof details?.cursorPosition === 'number' ? details.cursorPosition : undefined;
  return { message, position };
}

/** The parser counts characters (code points); JavaScript strings count UTF-16 units. */
function codePointsToIndex(text: string, codePoints: number): number {
  let index = 0;
  for (let seen = 0; seen < codePoints && index < text.length; seen++) {
    const code = text.charCodeAt(index);
    index += code >= 0xd800 && code <= 0xdbff ? 2 : 1;
  }
  return index;
}

function isAscii(text: string): boolean {
  return /^[\x00-\x7f]*$/.test(text);
}

/** Slices a statement out of the parsed text using the parser's byte offsets. */
function statementSlice(text: string, statement: RawStatement): string {
  const start = statement.stmt_location ?? 0;
  const length = statement.stmt_len ?? 0;
  if (isAscii(text)) return length > 0 ? text.slice(start, start + length) : text.slice(start);
  const bytes = Buffer.from(text, 'utf8');
  return bytes.subarray(start, length > 0 ? start + length : bytes.length).toString('utf8');
}

function statementKind(stmt: unknown): string {
  if (!isObject(stmt)) return 'Unknown';
  return Object.keys(stmt)[0] ?? 'Unknown';
}

const TRANSACTION_COMMANDS: Readonly<Record<string, TransactionCommand>> = {
  TRANS_STMT_BEGIN: 'begin',
  TRANS_STMT_START: 'start',
  TRANS_STMT_COMMIT: 'commit',
  TRANS_STMT_ROLLBACK: 'rollback',
  TRANS_STMT_SAVEPOINT: 'savepoint',
  TRANS_STMT_RELEASE: 'release',
  TRANS_STMT_ROLLBACK_TO: 'rollback_to',
  TRANS_STMT_PREPARE: 'prepare',
  TRANS_STMT_COMMIT_PREPARED: 'commit_prepared',
  TRANS_STMT_ROLLBACK_PREPARED: 'rollback_prepared',
};

function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** Parses SQL (already normalised or not: it normalises itself) and returns every table with its access mode. Never throws. */
export function extractTableAccesses(sql: string, hint: SqlDialectHint = 'unknown'): SqlExtraction {
  const collector: Collector = {
    accesses: new Map(),
    foreignKeys: new Map(),
    views: new Set(),
    dynamic: new Set(),
    bestEffort: false,
  };
  const statementKinds: string[] = [];
  const transactionCommands: SqlTransactionCommand[] = [];
  let ok = true;
  let error: { message: string; offset: number } | undefined;

  let normalized: Normalized;
  try {
    normalized = rewriteSql(sql, { hint, holesOnly: false });
  } catch {
    normalized = { text: sql, toOriginalOffset: (offset) => offset, statementBreaks: [] };
  }
  const text = normalized.text;

  const visitStatements = (statements: RawStatement[], source: string, firstIndex: number): void => {
    statements.forEach((statement, offset) => {
      const statementIndex = firstIndex + offset;
      const kind = statementKind(statement.stmt);
      statementKinds.push(kind);
      if (kind === 'TransactionStmt' && isObject(statement.stmt)) {
        const body = statement.stmt['TransactionStmt'];
        const command = isObject(body) ? TRANSACTION_COMMANDS[String(body['kind'])] : undefined;
        if (command !== undefined) transactionCommands.push({ statementIndex, command });
      }
      const ctx: WalkContext = {
        statementIndex,
        ctes: new Set(),
        statementText: () => statementSlice(source, statement),
        collector,
      };
      try {
        walk(statement.stmt, 'read', ctx);
      } catch {
        fallbackScan(ctx.statementText(), ctx);
      }
    });
  };

  const parseStatements = (source: string): RawStatement[] => {
    if (!parserLoaded) throw new Error('the SQL parser is not loaded: call loadSqlParser() first');
    return (parseSync(source) as { stmts?: RawStatement[] }).stmts ?? [];
  };

  try {
    visitStatements(parseStatements(text), text, 0);
  } catch (wholeError) {
    // The parser stops at the first error, so its position (into the whole text) is the first bad statement's.
    // Parse statement by statement to keep the good ones exact; only the rejected ones go to the regex fallback.
    ok = false;
    const details = errorDetails(wholeError);
    const position = details.position === undefined ? 0 : codePointsToIndex(text, details.position);
    error = { message: details.message, offset: normalized.toOriginalOffset(position) };
    statementKinds.length = 0;
    transactionCommands.length = 0;
    collector.accesses.clear();
    collector.foreignKeys.clear();
    collector.views.clear();
    collector.dynamic.clear();
    let start = 0;
    let statementIndex = 0;
    for (const end of [...normalized.statementBreaks, text.length]) {
      const piece = text.slice(start, end);
      start = end + 1;
      if (maskNonCode(piece).trim() === '') continue;
      try {
        const statements = parseStatements(piece);
        visitStatements(statements, piece, statementIndex);
        statementIndex += statements.length;
      } catch {
        statementKinds.push('Unparsed');
        fallbackScan(piece, { statementIndex, ctes: new Set(), statementText: () => piece, collector });
        statementIndex++;
      }
    }
  }

  const accesses = [...collector.accesses.values()].sort(
    (a, b) => compareText(a.table, b.table) || compareText(a.mode, b.mode),
  );
  const foreignKeys = [...collector.foreignKeys.values()].sort(
    (a, b) =>
      compareText(a.from, b.from) ||
      compareText(a.to, b.to) ||
      compareText(a.columns.join(','), b.columns.join(',')) ||
      compareText(a.referencedColumns.join(','), b.referencedColumns.join(',')),
  );
  const extraction: SqlExtraction = {
    ok,
    accesses,
    foreignKeys,
    views: [...collector.views].sort(compareText),
    statementKinds,
    transactionCommands,
    dynamicTables: collector.dynamic.size,
    bestEffort: collector.bestEffort,
  };
  if (error !== undefined) extraction.error = error;
  return extraction;
}
