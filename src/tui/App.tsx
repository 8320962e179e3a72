import path from 'node:path';
import { useEffect, useLayoutEffect, useMemo, useReducer, useRef, useState } from 'react';
import { Box, Text, useApp, useInput, useStdout, type Key } from 'ink';
import type { AnalysisResult, Location } from '../model/result.js';
import { applyMoves, type Move, type Rescore } from '../whatif/apply-moves.js';
import { saveBoundariesFile } from '../whatif/to-boundaries-file.js';
import { createResultIndex, type ResultIndex } from './result-index.js';
import {
  CANDIDATE_COLUMNS,
  NEW_CANDIDATE_ROW,
  SECTIONS,
  SECTION_TABS,
  toCandidatesListing,
  toEvidenceListing,
  toFindingKinds,
  toFindingsListing,
  toMovableLabel,
  toMoveTargetListing,
  toSearchListing,
  toSectionListing,
  type Listing,
  type Movable,
  type Row,
  type Screen,
  type Tone,
} from './rows.js';
import { clampView, createInitialState, reduceTui, type Action, type Status, type TuiState } from './tui-state.js';
import { fitText, formatCells, wrapText } from './layout.js';
import { HELP_LISTING } from './help-listing.js';

/** Terminal size in cells. */
export interface TerminalSize {
  columns: number;
  rows: number;
}

/** Properties of the TUI's main component. */
export interface AppProps {
  /** The analysis result the what-if moves start from. */
  result: AnalysisResult;
  /** How the analyzed repository is named in the title. */
  label: string;
  /** Use colour (false under NO_COLOR or TERM=dumb). */
  color: boolean;
  /** A fixed size (tests); without it the terminal's size, following resizes. */
  size?: TerminalSize;
  /** Where the boundaries file is saved unless the user types another path. */
  boundariesPath: string;
  /** Directory a typed save path is relative to. */
  cwd: string;
  /** Opens a location in the user's editor and says how it went. */
  openLocation: (location: Location) => Status;
  /** Recomputes scores after what-if moves (see applyMoves). */
  rescore?: Rescore;
}

/** Smallest terminal the TUI draws in. */
export const MINIMUM_SIZE: TerminalSize = { columns: 60, rows: 12 };
/** Lines around the list: title, breadcrumb, column titles, two detail lines, status, keys. */
const CHROME_LINES = 7;

function useTerminalSize(fixed: TerminalSize | undefined): TerminalSize {
  const { stdout } = useStdout();
  const read = (): TerminalSize => fixed ?? { columns: stdout.columns || 80, rows: stdout.rows || 24 };
  const [size, setSize] = useState(read);
  useEffect(() => {
    if (fixed) return undefined;
    const onResize = (): void => setSize(read());
    stdout.on('resize', onResize);
    return () => {
      stdout.off('resize', onResize);
    };
  }, [stdout, fixed?.columns, fixed?.rows]);
  return fixed ?? size;
}

function toListing(index: ResultIndex, screen: Screen, state: TuiState): Listing {
  switch (screen.view) {
    case 'candidates':
      return toCandidatesListing(index, state.sort);
    case 'candidate':
      return toSectionListing(index, screen.cluster, screen.section, screen.collapsed, state.applied > 0);
    case 'evidence':
      return toEvidenceListing(screen.evidence);
    case 'findings':
      return toFindingsListing(index, screen.kind);
    case 'search':
      return toSearchListing(index, screen.query);
  }
}

function toNavigation(input: string, key: Key, height: number): { to: number | 'start' | 'end'; relative: boolean } | undefined {
  if (key.upArrow || input === 'k') return { to: -1, relative: true };
  if (key.downArrow || input === 'j') return { to: 1, relative: true };
  if (key.pageUp || (key.ctrl && input === 'u')) return { to: -Math.max(1, height - 1), relative: true };
  if (key.pageDown || (key.ctrl && input === 'd') || input === ' ') return { to: Math.max(1, height - 1), relative: true };
  if (key.home || input === 'g') return { to: 'start', relative: false };
  if (key.end || input === 'G') return { to: 'end', relative: false };
  return undefined;
}

const NO_KEY: Key = {
  upArrow: false,
  downArrow: false,
  leftArrow: false,
  rightArrow: false,
  pageDown: false,
  pageUp: false,
  home: false,
  end: false,
  return: false,
  escape: false,
  ctrl: false,
  shift: false,
  tab: false,
  backspace: false,
  delete: false,
  meta: false,
  super: false,
  hyper: false,
  capsLock: false,
  numLock: false,
};

/** Splits a burst of plain characters (typed ahead or pasted) into one key each; anything else is one key. */
export function splitKeys(input: string, key: Key): [string, Key][] {
  const points = [...input];
  if (points.length <= 1 || key.meta || key.escape) return [[input, key]];
  return points.map((point): [string, Key] => {
    const code = point.codePointAt(0) ?? 0;
    if (point === '\r' || point === '\n') return ['', { ...NO_KEY, return: true }];
    if (point === '\t') return ['', { ...NO_KEY, tab: true }];
    if (point === '\u007f' || point === '\b') return ['', { ...NO_KEY, backspace: true }];
    if (code < 32) return [String.fromCharCode(code + 96), { ...NO_KEY, ctrl: true }];
    return [point, { ...NO_KEY, shift: point !== point.toLowerCase() }];
  });
}

function isBack(input: string, key: Key): boolean {
  return key.escape || key.leftArrow || key.backspace || key.delete || input === 'h';
}

function isPrintable(input: string, key: Key): boolean {
  return input.length > 0 && !key.ctrl && !key.meta && !/[\u0000-\u001f\u007f]/.test(input);
}

function toCrumb(screen: Screen, state: TuiState, index: ResultIndex): string {
  switch (screen.view) {
    case 'candidates': {
      const column = CANDIDATE_COLUMNS[state.sort.column] ?? 'name';
      return `Candidates · sorted by ${column} ${state.sort.descending ? '↓' : '↑'} (s: next column, S: reverse)`;
    }
    case 'candidate':
      return `${screen.cluster} ›${SECTIONS.map((section, position) => (section === screen.section ? ` [${position + 1} ${SECTION_TABS[section]}]` : ` ${position + 1} ${SECTION_TABS[section]}`)).join('')}`;
    case 'evidence':
      return `Evidence › ${screen.title}`;
    case 'findings': {
      const kinds = toFindingKinds(index);
      return `Findings · kind: ${screen.kind ?? 'all'} · t: next kind (${kinds.length} kinds: ${kinds.join(', ')})`;
    }
    case 'search':
      return `Search › ${screen.query}${state.searching ? '█' : ''}`;
  }
}

function toKeyHints(screen: Screen, state: TuiState): string {
  if (state.overlay?.kind === 'help') return '↑↓ scroll · Esc or ? closes';
  if (state.overlay?.kind === 'move') return '↑↓ choose · Enter moves · Esc cancels';
  if (state.overlay?.kind === 'name' || state.overlay?.kind === 'save') return 'Enter confirms · Esc cancels';
  if (state.overlay?.kind === 'overwrite' || state.overlay?.kind === 'quit') return 'y yes · n no';
  if (state.searching) return 'type to search · Enter or ↓ to the results · Esc stops typing';
  const common = `${state.applied > 0 || state.moves.length > 0 ? 'u undo · w save · ' : ''}? keys · q quit`;
  switch (screen.view) {
    case 'candidates':
      return `↑↓ move · Enter open · s sort · f findings · / search · ${common}`;
    case 'candidate':
      return `Tab 1-7 section · Enter open · m move · e editor · Esc back · ${common}`;
    case 'evidence':
      return `↑↓ move · e open in $EDITOR · Esc back · ${common}`;
    case 'findings':
      return `t kind · Enter evidence · e editor · Esc back · ${common}`;
    case 'search':
      return `/ edit · Enter open · m move · e editor · Esc back · ${common}`;
  }
}

function toneProps(tone: Tone | undefined, color: boolean): { bold?: boolean; dimColor?: boolean; color?: string } {
  if (tone === 'heading') return { bold: true };
  if (tone === 'dim') return { dimColor: true };
  if (!color) return {};
  if (tone === 'warning') return { color: 'yellow' };
  if (tone === 'error') return { color: 'red' };
  if (tone === 'info') return { color: 'cyan' };
  return {};
}

function toStatusText(state: TuiState, index: ResultIndex): Status | undefined {
  const status = state.status;
  if (!status) {
    if (state.applied === 0) return undefined;
    return { text: `what-if: ${state.applied} move${state.applied === 1 ? '' : 's'}${state.dirty ? ', not saved (w saves the boundaries file)' : ', saved'}`, tone: 'info' };
  }
  if (!status.before) return status;
  const findings = index.result.findings.length;
  return {
    ...status,
    text: `${status.text} · findings ${status.before.findings}→${findings} · cross-candidate imports ${status.before.crossStatements}→${index.crossStatements}`,
  };
}

/** The TUI: candidates, their detail, evidence, findings, search, what-if moves. */
export function App(props: AppProps): React.JSX.Element {
  const { exit } = useApp();
  const size = useTerminalSize(props.size);
  const [state, dispatch] = useReducer(reduceTui, undefined, createInitialState);
  const appliedMoves = useMemo(() => state.moves.slice(0, state.applied), [state.moves, state.applied]);
  const result = useMemo(() => applyMoves(props.result, appliedMoves, { rescore: props.rescore }), [props.result, appliedMoves, props.rescore]);
  const index = useMemo(() => createResultIndex(result), [result]);
  const top = state.stack[state.stack.length - 1] as TuiState['stack'][number];
  const listing = useMemo(() => toListing(index, top.screen, state), [index, top.screen, state.sort, state.searching]);
  const overlayListing = useMemo((): Listing | undefined => {
    if (state.overlay?.kind === 'help') return HELP_LISTING;
    if (state.overlay?.kind === 'move' || state.overlay?.kind === 'name') return toMoveTargetListing(index, state.overlay.item);
    return undefined;
  }, [index, state.overlay]);

  const width = Math.max(size.columns, 1);
  const listHeight = Math.max(1, size.rows - 1 - CHROME_LINES);
  const shown = overlayListing ?? listing;
  const position = state.overlay && 'cursor' in state.overlay ? state.overlay : top;
  const view = clampView(position.cursor, position.offset, shown.rows.length, listHeight);
  const selected: Row | undefined = shown.rows[view.cursor];
  const listRow = overlayListing ? undefined : selected;

  const snapshot = (): Status['before'] => ({ findings: index.result.findings.length, crossStatements: index.crossStatements });
  const move = (item: Movable, to: string): void => {
    const step: Move = item.kind === 'module' ? { kind: 'module', module: item.module, to } : item.kind === 'folder' ? { kind: 'folder', folder: item.folder, to } : { kind: 'table', table: item.table, to };
    dispatch({ type: 'move', move: step, status: { text: `Moved ${toMovableLabel(item)} → ${to}`, tone: 'info', before: snapshot() } });
  };
  const describe = (step: Move | undefined): string =>
    step === undefined ? '' : `${step.kind === 'module' ? step.module : step.kind === 'folder' ? `${step.folder}/` : `table ${step.table}`} → ${step.to}`;
  const save = (target: string, overwrite: boolean): void => {
    const absolute = path.resolve(props.cwd, target);
    try {
      const outcome = saveBoundariesFile(absolute, result, overwrite);
      if (outcome === 'exists') {
        dispatch({ type: 'overlay', overlay: { kind: 'overwrite', path: target } });
        return;
      }
      const domains = result.clusters.filter((cluster) => cluster.kind === 'domain').length;
      dispatch({ type: 'saved', status: { text: `Wrote ${target}: ${domains} domains with their paths and tables (${state.applied} what-if moves).`, tone: 'info' } });
    } catch (error) {
      dispatch({ type: 'overlay', overlay: undefined });
      dispatch({ type: 'status', status: { text: `Cannot write ${target}: ${error instanceof Error ? error.message : String(error)}`, tone: 'error' } });
    }
  };
  const openRow = (row: Row | undefined): void => {
    if (!row) return;
    if (row.fold !== undefined && top.screen.view === 'candidate') {
      const collapsed = top.screen.collapsed.includes(row.fold) ? top.screen.collapsed.filter((folder) => folder !== row.fold) : [...top.screen.collapsed, row.fold];
      dispatch({ type: 'replace', screen: { ...top.screen, collapsed }, keepCursor: true });
      return;
    }
    if (!row.open) return;
    let cursor = 0;
    if (row.open.view === 'candidate' && top.screen.view === 'search') {
      const target = toSectionListing(index, row.open.cluster, row.open.section, []);
      cursor = Math.max(0, target.rows.findIndex((candidate) => candidate.id === row.id));
    }
    dispatch({ type: 'push', screen: row.open, cursor });
  };

  const handleKey = (input: string, key: Key): void => {
    const overlay = state.overlay;
    const navigation = toNavigation(input, key, listHeight);
    if (overlay?.kind === 'name' || overlay?.kind === 'save') {
      if (key.escape) dispatch({ type: 'overlay', overlay: overlay.kind === 'name' ? { kind: 'move', item: overlay.item, cursor: 0, offset: 0 } : undefined });
      else if (key.return) {
        const text = overlay.text.trim();
        if (text === '') dispatch({ type: 'status', status: { text: overlay.kind === 'name' ? 'Type a name for the new candidate.' : 'Type a file name.', tone: 'warning' } });
        else if (overlay.kind === 'name') move(overlay.item, text);
        else save(text, false);
      } else if (key.backspace || key.delete) dispatch({ type: 'text', text: [...overlay.text].slice(0, -1).join('') });
      else if (isPrintable(input, key)) dispatch({ type: 'text', text: overlay.text + input });
      return;
    }
    if (overlay?.kind === 'overwrite' || overlay?.kind === 'quit') {
      if (input === 'y' || input === 'Y') {
        if (overlay.kind === 'quit') exit();
        else save(overlay.path, true);
      } else if (input === 'n' || input === 'N' || key.escape) {
        dispatch({ type: 'overlay', overlay: undefined });
        if (overlay.kind === 'overwrite') dispatch({ type: 'status', status: { text: `Not saved: ${overlay.path} exists and was kept.`, tone: 'warning' } });
      }
      return;
    }
    if (state.searching && top.screen.view === 'search') {
      if (key.escape || key.return || key.downArrow) dispatch({ type: 'searching', on: false });
      else if (key.backspace || key.delete) dispatch({ type: 'text', text: [...top.screen.query].slice(0, -1).join('') });
      else if (isPrintable(input, key)) dispatch({ type: 'text', text: top.screen.query + input });
      return;
    }
    if (navigation) {
      dispatch({ type: 'cursor', ...navigation, count: shown.rows.length, height: listHeight });
      return;
    }
    if (overlay?.kind === 'help') {
      if (key.escape || input === '?' || input === 'q') dispatch({ type: 'overlay', overlay: undefined });
      return;
    }
    if (overlay?.kind === 'move') {
      if (isBack(input, key) || input === 'q') dispatch({ type: 'overlay', overlay: undefined });
      else if ((key.return || key.rightArrow || input === 'l') && selected) {
        if (selected.id === NEW_CANDIDATE_ROW) dispatch({ type: 'overlay', overlay: { kind: 'name', item: overlay.item, text: '' } });
        else move(overlay.item, selected.id);
      }
      return;
    }
    if (input === 'q') {
      if (state.dirty && state.applied > 0) dispatch({ type: 'overlay', overlay: { kind: 'quit' } });
      else exit();
    } else if (input === '?') dispatch({ type: 'overlay', overlay: { kind: 'help', cursor: 0, offset: 0 } });
    else if (key.return || key.rightArrow || input === 'l') openRow(listRow);
    else if (isBack(input, key)) {
      if (state.status && key.escape) dispatch({ type: 'status', status: undefined });
      dispatch({ type: 'pop' });
    } else if (input === 'c') dispatch({ type: 'home' });
    else if (input === 'f') {
      if (top.screen.view !== 'findings') dispatch({ type: 'push', screen: { view: 'findings', kind: undefined } });
    } else if (input === '/') {
      if (top.screen.view !== 'search') dispatch({ type: 'push', screen: { view: 'search', query: '' } });
      dispatch({ type: 'searching', on: true });
    } else if (input === 's' && top.screen.view === 'candidates') dispatch({ type: 'sort', column: 'next', reverse: false });
    else if (input === 'S' && top.screen.view === 'candidates') dispatch({ type: 'sort', column: state.sort.column, reverse: true });
    else if (top.screen.view === 'candidate' && (key.tab || /^[1-7]$/.test(input))) {
      const current = SECTIONS.indexOf(top.screen.section);
      const next = key.tab ? (current + (key.shift ? SECTIONS.length - 1 : 1)) % SECTIONS.length : Number(input) - 1;
      dispatch({ type: 'replace', screen: { ...top.screen, section: SECTIONS[next] ?? 'modules' }, keepCursor: false });
    } else if (input === 't' && top.screen.view === 'findings') {
      const kinds = [undefined, ...toFindingKinds(index)];
      const next = kinds[(kinds.indexOf(top.screen.kind) + 1) % kinds.length];
      dispatch({ type: 'replace', screen: { view: 'findings', kind: next }, keepCursor: false });
    } else if (input === 'm') {
      if (listRow?.movable) dispatch({ type: 'overlay', overlay: { kind: 'move', item: listRow.movable, cursor: 0, offset: 0 } });
      else dispatch({ type: 'status', status: { text: 'm moves a module, a folder or a table: select one in a candidate (1 modules, 2 tables) or in search (/).', tone: 'warning' } });
    } else if (input === 'e') {
      if (listRow?.location) dispatch({ type: 'status', status: props.openLocation(listRow.location) });
      else dispatch({ type: 'status', status: { text: 'Nothing to open here: select a module or a file:line.', tone: 'warning' } });
    } else if (input === 'u') {
      if (state.applied === 0) dispatch({ type: 'status', status: { text: 'Nothing to undo.', tone: 'warning' } });
      else dispatch({ type: 'undo', status: { text: `Undid ${describe(state.moves[state.applied - 1])}`, tone: 'info', before: snapshot() } });
    } else if (input === 'U' || (key.ctrl && input === 'r')) {
      if (state.applied === state.moves.length) dispatch({ type: 'status', status: { text: 'Nothing to redo.', tone: 'warning' } });
      else dispatch({ type: 'redo', status: { text: `Redid ${describe(state.moves[state.applied])}`, tone: 'info', before: snapshot() } });
    } else if (input === 'w') dispatch({ type: 'overlay', overlay: { kind: 'save', text: path.relative(props.cwd, props.boundariesPath) || props.boundariesPath } });
  };

  // Keys are queued and handled one per render, so each sees the screen the previous one left
  // (typed ahead, pasted, or sent in one burst by a script).
  const queue = useRef<[string, Key][]>([]);
  const [queued, setQueued] = useState(0);
  useInput((input, key) => {
    queue.current.push(...splitKeys(input, key));
    setQueued((count) => count + 1);
  });
  useLayoutEffect(() => {
    const next = queue.current.shift();
    if (!next) return;
    handleKey(...next);
    if (queue.current.length > 0) setQueued((count) => count + 1);
  }, [queued]);

  if (size.columns < MINIMUM_SIZE.columns || size.rows < MINIMUM_SIZE.rows) {
    return (
      <Box flexDirection="column" width={width}>
        <Text>{fitText(`seams tui needs at least ${MINIMUM_SIZE.columns}x${MINIMUM_SIZE.rows}; this terminal is ${size.columns}x${size.rows}.`, width)}</Text>
        <Text>{fitText('Make it larger, or press q to quit.', width)}</Text>
      </Box>
    );
  }

  const cluster = result.clusters.length;
  const title = ` seams: ${props.label} · ${cluster} candidates · ${result.modules.length} modules · ${result.tables.length} tables · ${result.findings.length} findings${state.applied > 0 ? ` · what-if: ${state.applied} move${state.applied === 1 ? '' : 's'}` : ''}`;
  const crumb = overlayListing === HELP_LISTING ? 'Keys' : toCrumb(top.screen, state, index);
  const visible = shown.rows.slice(view.offset, view.offset + listHeight);
  const status = toStatusText(state, index);
  let prompt: string | undefined;
  if (state.overlay?.kind === 'name') prompt = `New candidate name: ${state.overlay.text}█`;
  else if (state.overlay?.kind === 'save') prompt = `Save boundaries to: ${state.overlay.text}█`;
  else if (state.overlay?.kind === 'overwrite') prompt = `${state.overlay.path} exists. Overwrite it? (y/n)`;
  else if (state.overlay?.kind === 'quit') prompt = `${state.applied} what-if move${state.applied === 1 ? ' is' : 's are'} not saved. Quit anyway? (y/n; n then w saves)`;
  const detail = wrapText(selected?.detail ?? (shown.rows.length === 0 ? '' : ' '), width, 2);
  const scroll = shown.rows.length > listHeight ? ` ${view.offset + 1}-${Math.min(view.offset + listHeight, shown.rows.length)} of ${shown.rows.length}` : '';

  return (
    <Box flexDirection="column" width={width}>
      <Text inverse bold {...(props.color ? { color: 'cyan' } : {})}>
        {fitText(title, width)}
      </Text>
      <Text bold>{fitText(fitText(crumb, Math.max(0, width - scroll.length)) + scroll, width)}</Text>
      <Text dimColor>{fitText(`  ${formatCells(shown.columns, shown.columns.map((column) => column.title), width - 2)}`, width)}</Text>
      {visible.map((row, offset) => {
        const isSelected = view.offset + offset === view.cursor;
        return (
          <Text key={row.id} inverse={isSelected} {...toneProps(row.tone, props.color)}>
            {fitText(`${isSelected ? '›' : ' '} ${formatCells(shown.columns, row.cells, width - 2)}`, width)}
          </Text>
        );
      })}
      {shown.rows.length === 0 ? <Text dimColor>{fitText(`  ${shown.empty}`, width)}</Text> : null}
      {Array.from({ length: Math.max(0, listHeight - visible.length - (shown.rows.length === 0 ? 1 : 0)) }, (_, filler) => (
        <Text key={`filler-${filler}`}>{' '.repeat(width)}</Text>
      ))}
      {detail.map((line, lineIndex) => (
        <Text key={`detail-${lineIndex}`} dimColor>
          {line}
        </Text>
      ))}
      {prompt !== undefined ? (
        <Text bold>{fitText(prompt, width)}</Text>
      ) : (
        <Text {...toneProps(status?.tone, props.color)}>{fitText(status?.text ?? '', width)}</Text>
      )}
      <Text dimColor>{fitText(toKeyHints(top.screen, state), width)}</Text>
    </Box>
  );
}
