import { defineSqlDetector } from '../detector.js';

/** mikro-orm: not written yet (matches no file). */
export const mikroOrmDetector = defineSqlDetector({
  id: 'mikro-orm',
  description: 'mikro-orm (not written yet)',
  textHint: /(?!)/,
});
