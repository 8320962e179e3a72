import { defineSqlDetector } from '../detector.js';

/** drizzle: not written yet (matches no file). */
export const drizzleDetector = defineSqlDetector({
  id: 'drizzle',
  description: 'drizzle (not written yet)',
  textHint: /(?!)/,
});
