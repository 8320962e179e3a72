import type { Rescore } from './apply-moves.js';

/**
 * How the TUI recomputes candidate scores after what-if moves: the one place to wire scoring.
 *
 * MERGE NOTE: `scoreCandidates(result)` (src/score/score-candidates.ts) is written on another
 * branch. Once merged, set this to `(result) => scoreCandidates(result)` (or whatever adapts it to
 * a result → result function). Until then it is undefined, and applyMoves drops the score of every
 * candidate a move changed rather than show a stale one.
 */
export const rescoreCandidates: Rescore | undefined = undefined;
