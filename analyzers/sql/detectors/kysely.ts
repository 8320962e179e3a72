import { defineSqlDetector } from '../detector.js';

/** kysely: not written yet (matches no file). */
export const kyselyDetector = defineSqlDetector({
  id: 'kysely',
  description: 'kysely (not written yet)',
  textHint: /(?!)/,
});
