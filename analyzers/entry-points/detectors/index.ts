import type { Detector } from '../../shared/detector.js';
import { bullmqDetector } from './bullmq.js';
import { cliDetector } from './cli.js';
import { cronDetector } from './cron.js';
import { emitterDetector } from './emitter.js';
import { expressDetector } from './express.js';
import { fastifyDetector } from './fastify.js';
import { honoDetector } from './hono.js';
import { kafkajsDetector } from './kafkajs.js';
import { koaDetector } from './koa.js';
import { nestjsDetector } from './nestjs.js';
import { outboundHttpDetector } from './outbound-http.js';
import { routeConfigDetector } from './route-config.js';
import { sqsDetector } from './sqs.js';

/** Every entry-point detector, one per framework or library. A test fails when a detector file is missing here. */
export const entryPointDetectors: readonly Detector[] = [
  expressDetector,
  koaDetector,
  fastifyDetector,
  honoDetector,
  routeConfigDetector,
  nestjsDetector,
  bullmqDetector,
  kafkajsDetector,
  sqsDetector,
  emitterDetector,
  cronDetector,
  cliDetector,
  outboundHttpDetector,
];
