import type { Rescore } from './apply-moves.js';
import { scoreCandidates } from '../score/score-candidates.js';

/** How the TUI recomputes candidate scores, the plan and the metrics after what-if moves: the same pure scoring as the pipeline. */
export const rescoreCandidates: Rescore | undefined = (result) => ({ ...result, ...scoreCandidates(result) });
