import type { Column } from './rows.js';

/** Display length of a text (code points; the TUI draws paths, names and a few one-cell symbols). */
export function toDisplayLength(text: string): number {
  let length = 0;
  for (const _ of text) length += 1;
  return length;
}

/** Cuts a text to `width` cells (ending in … when cut) and pads it with spaces to exactly `width`. */
export function fitText(text: string, width: number, align: 'left' | 'right' = 'left'): string {
  if (width <= 0) return '';
  const points = [...text.replace(/[\r\n\t]+/g, ' ')];
  if (points.length > width) return `${points.slice(0, width - 1).join('')}…`;
  const padding = ' '.repeat(width - points.length);
  return align === 'right' ? padding + points.join('') : points.join('') + padding;
}

/** Lays cells out in columns on one line of `width` cells: fixed-width columns, the others share the rest. */
export function formatCells(columns: readonly Column[], cells: readonly string[], width: number): string {
  const gaps = Math.max(0, columns.length - 1);
  const fixed = columns.reduce((sum, column) => sum + (column.width ?? 0), 0);
  const flexible = columns.filter((column) => column.width === undefined).length;
  const flexWidth = flexible > 0 ? Math.max(4, Math.floor((width - fixed - gaps) / flexible)) : 0;
  const parts = columns.map((column, position) => fitText(cells[position] ?? '', column.width ?? flexWidth, column.align === 'right' ? 'right' : 'left'));
  return fitText(parts.join(' '), width);
}

/** Wraps a text into at most `lines` lines of `width` cells, breaking at spaces where it can; the last line ends in … when cut. */
export function wrapText(text: string, width: number, lines: number): string[] {
  const words = text.replace(/\s+/g, ' ').trim().split(' ');
  const result: string[] = [];
  let line = '';
  for (const word of words) {
    const candidate = line === '' ? word : `${line} ${word}`;
    if (toDisplayLength(candidate) <= width) {
      line = candidate;
      continue;
    }
    if (line !== '') result.push(line);
    line = word;
    while (toDisplayLength(line) > width) {
      result.push([...line].slice(0, width).join(''));
      line = [...line].slice(width).join('');
    }
  }
  if (line !== '') result.push(line);
  if (result.length > lines) {
    const kept = result.slice(0, lines);
    kept[lines - 1] = fitText(`${kept[lines - 1]} ${result.slice(lines).join(' ')}`, width).trimEnd();
    return kept.map((kept) => fitText(kept, width));
  }
  while (result.length < lines) result.push('');
  return result.map((kept) => fitText(kept, width));
}
