import { defineSqlDetector } from '../detector.js';

/** prisma: not written yet (matches no file). */
export const prismaDetector = defineSqlDetector({
  id: 'prisma',
  description: 'prisma (not written yet)',
  textHint: /(?!)/,
});
