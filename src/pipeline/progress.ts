/**
 * The stages of an analysis, in order. `calls` (the second pass that reads calls where the call
 * graph needs them), `types` (the lazy type-aware pass), `link tables` and `trace` (transactions
 * and entry points followed through the call graph) are parts of building the graph that get
 * their own names so `--performance` can time them.
 */
export const STAGES = ['discover', 'extract', 'build graph', 'calls', 'types', 'link tables', 'trace', 'cluster', 'result'] as const;

/** A stage name. */
export type StageName = (typeof STAGES)[number];

/**
 * A progress event. A stage starts with its first event, may advance through its items
 * (`done`/`total`), and closes with an event whose `end` is true. Events are sent synchronously,
 * so a listener that wants timings reads the clock when it receives them.
 */
export interface ProgressEvent {
  stage: StageName;
  done?: number;
  total?: number;
  /** True on the event that closes the stage. */
  end?: boolean;
}

/** Receives progress events; the CLI renders them on stderr when it is a terminal. */
export type ProgressListener = (event: ProgressEvent) => void;
