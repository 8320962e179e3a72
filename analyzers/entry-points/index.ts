import { z } from 'zod';
import { markBuiltIn, defineAnalyzer } from '../../src/plugin/index.js';
import { runDetectors } from '../shared/detector.js';
import { entryPointDetectors } from './detectors/index.js';

/** Options of the entry-points analyzer. */
export const entryPointsOptionsSchema = z.object({}).strict();

/**
 * The entry-points analyzer: where the outside world calls in (HTTP routes, queue and event
 * consumers, cron jobs, CLI commands), with the handlers each runs, and the outbound HTTP calls a
 * file makes. One detector per framework, run over one walk of the file after a text pre-filter.
 */
export const entryPointsAnalyzer = defineAnalyzer({
  id: 'entry-points',
  description: 'HTTP routes, queue/event consumers, cron jobs and CLI commands; outbound HTTP calls',
  options: entryPointsOptionsSchema,
  isEnabled: () => true,
  visit(file, context) {
    runDetectors(file, context.facts, entryPointDetectors);
  },
});

// Built in: worker threads load it from the registry by id.
markBuiltIn(entryPointsAnalyzer);
