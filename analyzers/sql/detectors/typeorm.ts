import { defineSqlDetector } from '../detector.js';

/** typeorm: not written yet (matches no file). */
export const typeormDetector = defineSqlDetector({
  id: 'typeorm',
  description: 'typeorm (not written yet)',
  textHint: /(?!)/,
});
