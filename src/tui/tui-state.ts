import type { Move } from '../whatif/apply-moves.js';
import { CANDIDATE_COLUMNS, type Movable, type Screen, type Sort } from './rows.js';

/** A screen with its selected row and the first row shown. */
export interface ScreenState {
  screen: Screen;
  cursor: number;
  offset: number;
}

/** A dialog over the current screen. */
export type Overlay =
  | { kind: 'help'; cursor: number; offset: number }
  | { kind: 'move'; item: Movable; cursor: number; offset: number }
  | { kind: 'name'; item: Movable; text: string }
  | { kind: 'save'; text: string }
  | { kind: 'overwrite'; path: string }
  | { kind: 'quit' };

/** A line of feedback under the list. */
export interface Status {
  text: string;
  tone: 'info' | 'warning' | 'error';
  /** For what-if changes: the numbers before, so the line can show before → after. */
  before?: { findings: number; crossStatements: number };
}

/** Everything the TUI remembers between key presses. */
export interface TuiState {
  /** Screens opened, the current one last; never empty. */
  stack: ScreenState[];
  overlay: Overlay | undefined;
  /** Keys go to the search query. */
  searching: boolean;
  /** What-if moves; the first `applied` are in effect (the rest can be redone). */
  moves: Move[];
  applied: number;
  /** Moves changed since the boundaries file was last saved. */
  dirty: boolean;
  sort: Sort;
  status: Status | undefined;
}

/** What can happen to the state. */
export type Action =
  | { type: 'cursor'; to: number | 'start' | 'end'; relative: boolean; count: number; height: number }
  | { type: 'push'; screen: Screen; cursor?: number }
  | { type: 'pop' }
  | { type: 'home' }
  | { type: 'replace'; screen: Screen; keepCursor: boolean }
  | { type: 'overlay'; overlay: Overlay | undefined }
  | { type: 'text'; text: string }
  | { type: 'searching'; on: boolean }
  | { type: 'sort'; column: number | 'next'; reverse: boolean }
  | { type: 'move'; move: Move; status: Status }
  | { type: 'undo'; status: Status }
  | { type: 'redo'; status: Status }
  | { type: 'saved'; status: Status }
  | { type: 'status'; status: Status | undefined };

/** The state the TUI starts in: the candidates list. */
export function createInitialState(): TuiState {
  return {
    stack: [{ screen: { view: 'candidates' }, cursor: 0, offset: 0 }],
    overlay: undefined,
    searching: false,
    moves: [],
    applied: 0,
    dirty: false,
    sort: { column: 0, descending: false },
    status: undefined,
  };
}

/**
 * Keeps a cursor inside a list of `count` rows and scrolls (moving `offset` as little as possible)
 * so that it is one of the `height` rows shown.
 */
export function clampView(cursor: number, offset: number, count: number, height: number): { cursor: number; offset: number } {
  const visible = Math.max(1, height);
  const clampedCursor = Math.max(0, Math.min(cursor, count - 1));
  let nextOffset = Math.min(offset, clampedCursor);
  if (clampedCursor >= nextOffset + visible) nextOffset = clampedCursor - visible + 1;
  nextOffset = Math.max(0, Math.min(nextOffset, Math.max(0, count - visible)));
  return { cursor: clampedCursor, offset: nextOffset };
}

function current(state: TuiState): ScreenState {
  return state.stack[state.stack.length - 1] as ScreenState;
}

function withTop(state: TuiState, top: ScreenState): TuiState {
  return { ...state, stack: [...state.stack.slice(0, -1), top] };
}

/** The TUI's reducer: pure, one case per action. */
export function reduceTui(state: TuiState, action: Action): TuiState {
  switch (action.type) {
    case 'cursor': {
      const overlay = state.overlay;
      const target = overlay && 'cursor' in overlay ? overlay : current(state);
      const wanted = action.to === 'start' ? 0 : action.to === 'end' ? action.count - 1 : action.relative ? target.cursor + action.to : action.to;
      const view = clampView(wanted, target.offset, action.count, action.height);
      if (overlay && 'cursor' in overlay) return { ...state, overlay: { ...overlay, ...view } };
      return withTop(state, { ...current(state), ...view });
    }
    case 'push':
      return { ...state, searching: false, stack: [...state.stack, { screen: action.screen, cursor: action.cursor ?? 0, offset: 0 }] };
    case 'pop':
      return state.stack.length > 1 ? { ...state, searching: false, stack: state.stack.slice(0, -1) } : state;
    case 'home':
      return { ...state, searching: false, overlay: undefined, stack: state.stack.slice(0, 1) };
    case 'replace': {
      const top = current(state);
      return withTop(state, { screen: action.screen, cursor: action.keepCursor ? top.cursor : 0, offset: action.keepCursor ? top.offset : 0 });
    }
    case 'overlay':
      return { ...state, overlay: action.overlay };
    case 'text': {
      const overlay = state.overlay;
      if (overlay && (overlay.kind === 'name' || overlay.kind === 'save')) return { ...state, overlay: { ...overlay, text: action.text } };
      const top = current(state);
      if (top.screen.view === 'search') return withTop(state, { screen: { ...top.screen, query: action.text }, cursor: 0, offset: 0 });
      return state;
    }
    case 'searching':
      return { ...state, searching: action.on };
    case 'sort': {
      const column = action.column === 'next' ? (state.sort.column + 1) % CANDIDATE_COLUMNS.length : action.column;
      const descending = action.reverse ? !state.sort.descending : column === 0 ? false : column === state.sort.column ? state.sort.descending : true;
      return { ...state, sort: { column, descending } };
    }
    case 'move':
      return {
        ...state,
        overlay: undefined,
        moves: [...state.moves.slice(0, state.applied), action.move],
        applied: state.applied + 1,
        dirty: true,
        status: action.status,
      };
    case 'undo':
      return state.applied === 0 ? state : { ...state, applied: state.applied - 1, dirty: true, status: action.status };
    case 'redo':
      return state.applied === state.moves.length ? state : { ...state, applied: state.applied + 1, dirty: true, status: action.status };
    case 'saved':
      return { ...state, overlay: undefined, dirty: false, status: action.status };
    case 'status':
      return { ...state, status: action.status };
  }
}
