import type { ProgressEvent, ProgressListener } from '../pipeline/progress.js';

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
