import { defineSqlDetector } from '../detector.js';

/** sequelize: not written yet (matches no file). */
export const sequelizeDetector = defineSqlDetector({
  id: 'sequelize',
  description: 'sequelize (not written yet)',
  textHint: /(?!)/,
});
