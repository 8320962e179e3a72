import { defineSqlDetector } from '../detector.js';

/** knex: not written yet (matches no file). */
export const knexDetector = defineSqlDetector({
  id: 'knex',
  description: 'knex (not written yet)',
  textHint: /(?!)/,
});
