/** The stages of an analysis, in order. */
export const STAGES = ['discover', 'extract', 'build graph', 'cluster', 'result'] as const;

/** A stage name. */
export type StageName = (typeof STAGES)[number];

/** A progress event: a stage starts, or a stage advances through its items. */
export interface ProgressEvent {
  stage: StageName;
  done?: number;
  total?: number;
}

/** Receives progress events; the CLI renders them on stderr when it is a terminal. */
export type ProgressListener = (event: ProgressEvent) => void;
