import type { ProgressEvent, ProgressListener, StageName } from '../pipeline/progress.js';

/** How long a run goes before progress is shown, in milliseconds. */
const SHOW_AFTER_MS = 1000;
/** How often the progress line is redrawn at most. */
const REDRAW_EVERY_MS = 100;

/**
 * Renders progress on a terminal's stderr: nothing for runs shorter than a second, then one
 * line redrawn in place (stage, files parsed / total). `finish()` clears it.
 */
export function createProgressRenderer(stderr: { write(text: string): unknown }, now: () => number = Date.now): {
  listener: ProgressListener;
  finish(): void;
} {
  const started = now();
  let lastDrawn = 0;
  let drawn = false;
  const listener = (event: ProgressEvent): void => {
    if (event.end) return;
    const time = now();
    if (time - started < SHOW_AFTER_MS) return;
    if (drawn && time - lastDrawn < REDRAW_EVERY_MS && event.done !== event.total) return;
    lastDrawn = time;
    drawn = true;
    const count = event.total !== undefined ? ` ${event.done ?? 0}/${event.total} files` : '';
    stderr.write(`\r\u001b[2Kseams: ${event.stage}${count}`);
  };
  return {
    listener,
    finish() {
      if (drawn) stderr.write('\r\u001b[2K');
    },
  };
}

/** Memory of the process at one moment, in bytes. */
export interface MemorySample {
  rss: number;
  heapUsed: number;
  /** Peak resident set size of the process so far. */
  maxRss: number;
}

/** Reads the process's memory (`process.memoryUsage` and the peak RSS from `process.resourceUsage`, which is in KiB). */
export function sampleMemory(): MemorySample {
  const usage = process.memoryUsage();
  return { rss: usage.rss, heapUsed: usage.heapUsed, maxRss: process.resourceUsage().maxRSS * 1024 };
}

/** One stage as `--performance` reports it. */
export interface StageTiming {
  stage: StageName;
  milliseconds: number;
  /** Memory when the stage ended. */
  memory: MemorySample;
}

const MIB = 2 ** 20;

/** The `--performance` table: one row per stage (wall time, RSS and heap at its end, peak RSS so far), then the total. */
export function formatPerformance(timings: readonly StageTiming[]): string {
  const rows = timings.map((timing) => [
    timing.stage,
    `${timing.milliseconds.toFixed(0)} ms`,
    `${Math.round(timing.memory.rss / MIB)} MiB`,
    `${Math.round(timing.memory.heapUsed / MIB)} MiB`,
    `${Math.round(timing.memory.maxRss / MIB)} MiB`,
  ]);
  const total = timings.reduce((sum, timing) => sum + timing.milliseconds, 0);
  const peak = Math.max(0, ...timings.map((timing) => timing.memory.maxRss));
  rows.push(['total', `${total.toFixed(0)} ms`, '', '', `${Math.round(peak / MIB)} MiB`]);
  const header = ['stage', 'time', 'rss', 'heap', 'peak rss'];
  const widths = header.map((title, column) => Math.max(title.length, ...rows.map((row) => (row[column] ?? '').length)));
  const line = (cells: string[]): string =>
    `  ${cells.map((cell, column) => (column === 0 ? cell.padEnd(widths[column] ?? 0) : cell.padStart(widths[column] ?? 0))).join('  ')}`.trimEnd();
  return `seams: performance (wall time per stage; memory when it ended)\n${[header, ...rows].map(line).join('\n')}\n`;
}

/**
 * Records each stage's wall time and the memory at its end, for `--performance`. Stages are timed
 * from their first event to their `end` event; `report()` formats what was recorded.
 */
export function createPerformanceRecorder(
  now: () => number = () => performance.now(),
  memory: () => MemorySample = sampleMemory,
): { listener: ProgressListener; timings: StageTiming[]; report(): string } {
  const timings: StageTiming[] = [];
  const startedAt = new Map<StageName, number>();
  const listener = (event: ProgressEvent): void => {
    if (!event.end) {
      if (!startedAt.has(event.stage)) startedAt.set(event.stage, now());
      return;
    }
    const started = startedAt.get(event.stage);
    if (started === undefined) return;
    timings.push({ stage: event.stage, milliseconds: now() - started, memory: memory() });
  };
  return { listener, timings, report: () => formatPerformance(timings) };
}

/** One listener that passes each event to every listener given (undefined ones are skipped). */
export function combineListeners(...listeners: (ProgressListener | undefined)[]): ProgressListener | undefined {
  const present = listeners.filter((listener): listener is ProgressListener => listener !== undefined);
  if (present.length <= 1) return present[0];
  return (event) => {
    for (const listener of present) listener(event);
  };
}
