import type { SqlDetector } from '../detector.js';
import { rawSqlDetector } from './raw-sql.js';

/** Every SQL detector, one per client library. A test fails when a detector file is missing here. */
export const sqlDetectors: readonly SqlDetector[] = [rawSqlDetector];
