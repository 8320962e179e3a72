import type { Listing } from './rows.js';

const KEYS: [keys: string, what: string][] = [
  ['Move', ''],
  ['↑ ↓  j k', 'previous / next row'],
  ['PgUp PgDn  Space', 'a page up / down (also Ctrl-U / Ctrl-D)'],
  ['g G  Home End', 'first / last row'],
  ['Open and go back', ''],
  ['Enter → l', 'open the row (a candidate, its evidence); fold or unfold a folder'],
  ['Esc ← h Backspace', 'back to the previous screen'],
  ['c', 'the candidates list'],
  ['f', 'all findings; t there shows the next kind only'],
  ['/', 'search modules and tables (Enter goes to the results, / types again)'],
  ['Candidates list', ''],
  ['s  S', 'sort by the next column / reverse the order'],
  ['A candidate', ''],
  ['Tab Shift-Tab  1-7', 'sections: modules, tables, dependencies, API, entry points, findings, score'],
  ['Evidence', ''],
  ['e', 'open the file at that line in $VISUAL or $EDITOR (vi when unset)'],
  ['What-if', ''],
  ['m', 'move the selected module, folder or table to another candidate or a new one'],
  ['u  U (Ctrl-R)', 'undo / redo a move: couplings, table owners and findings recompute'],
  ['w', 'save the arrangement as a boundaries file (asks before replacing one)'],
  ['Other', ''],
  ['?', 'this list'],
  ['q  Ctrl-C', 'quit (q asks when what-if moves are not saved)'],
];

/** The key list shown by `?`. */
export const HELP_LISTING: Listing = {
  columns: [{ title: 'key', width: 20 }, { title: 'what it does' }],
  rows: KEYS.map(([keys, what], position) => ({
    id: `key:${position}`,
    cells: what === '' ? [keys, ''] : [`  ${keys}`, what],
    tone: what === '' ? 'heading' : undefined,
    detail: what === '' ? undefined : `${keys}: ${what}`,
  })),
  empty: '',
};
