import type { Detector } from '../../shared/detector.js';
import { bullmqDetector } from './bullmq.js';
import { classEventsDetector } from './class-events.js';
import { emitterDetector } from './emitter.js';
import { eventbridgeDetector } from './eventbridge.js';
import { kafkaDetector } from './kafka.js';
import { nestjsDetector } from './nestjs.js';
import { sqsDetector } from './sqs.js';

/** Every event detector, one per transport. A test fails when a detector file is missing here. */
export const eventDetectors: readonly Detector[] = [
  emitterDetector,
  nestjsDetector,
  classEventsDetector,
  eventbridgeDetector,
  kafkaDetector,
  bullmqDetector,
  sqsDetector,
];
