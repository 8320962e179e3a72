import { z } from 'zod';
import { markBuiltIn, defineAnalyzer, type AnalyzerContext, type ParsedFile } from '../../src/plugin/index.js';
import { createDetectorContext, runDetectors } from '../shared/detector.js';
import { eventDetectors } from './detectors/index.js';

/** Options of the events analyzer. */
export const eventsOptionsSchema = z.object({}).strict();

/** Files that may export event, topic, queue or job names: an exported constant or enum named so. */
const EXPORTED_NAME_HINT = /export\s+(?:declare\s+)?(?:const\s+enum|enum|const)\s+\w*(?:event|topic|queue|job|channel|subject|message)/i;

/**
 * Records the exported string constants and enum members of a file with their values, so that
 * another file's `emit(ORDER_PLACED)` (an event name as `<specifier>#ORDER_PLACED`) can be resolved
 * by the link stage. A constant the sql analyzer already recorded (as a table name) gets the value
 * added rather than a second fact.
 */
function recordExportedNames(file: ParsedFile, context: AnalyzerContext<unknown>): void {
  const { constants } = createDetectorContext(file, context.facts);
  for (const constant of constants.values()) {
    if (!constant.exported || constant.value === undefined) continue;
    const existing = context.facts.constants.find((fact) => fact.symbol === constant.symbol);
    if (existing) existing.value = constant.value;
    else context.facts.constants.push({ symbol: constant.symbol, line: file.lineOf(constant.start), value: constant.value });
  }
}

/**
 * The events analyzer: events published and consumed by name (in-process emitters, NestJS, typed
 * event buses, EventBridge, Kafka, BullMQ/Bull queues, SQS), the asynchronous coupling between
 * modules. One detector per transport, run over one walk of the file after a text pre-filter; plus
 * the exported constants that hold event names.
 */
export const eventsAnalyzer = defineAnalyzer({
  id: 'events',
  description: 'events and queue messages published and consumed by name',
  options: eventsOptionsSchema,
  isEnabled: () => true,
  visit(file, context) {
    const ran = runDetectors(file, context.facts, eventDetectors);
    if (ran || EXPORTED_NAME_HINT.test(file.text)) recordExportedNames(file, context);
  },
});

// Built in: worker threads load it from the registry by id.
markBuiltIn(eventsAnalyzer);
