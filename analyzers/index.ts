import type { AnyAnalyzer } from '../src/plugin/index.js';
import { callsAnalyzer } from './calls/index.js';
import { entryPointsAnalyzer } from './entry-points/index.js';
import { eventsAnalyzer } from './events/index.js';
import { importsAnalyzer } from './imports/index.js';
import { sqlAnalyzer } from './sql/index.js';
import { transactionsAnalyzer } from './transactions/index.js';

/** Every analyzer plugin, by id. A test fails when a folder under analyzers/ is missing here. */
export const analyzers = {
  imports: importsAnalyzer,
  calls: callsAnalyzer,
  sql: sqlAnalyzer,
  transactions: transactionsAnalyzer,
  'entry-points': entryPointsAnalyzer,
  events: eventsAnalyzer,
} as const satisfies Record<string, AnyAnalyzer>;

/** An analyzer id. */
export type AnalyzerId = keyof typeof analyzers;
