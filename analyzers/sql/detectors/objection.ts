import { defineSqlDetector } from '../detector.js';

/** objection: not written yet (matches no file). */
export const objectionDetector = defineSqlDetector({
  id: 'objection',
  description: 'objection (not written yet)',
  textHint: /(?!)/,
});
