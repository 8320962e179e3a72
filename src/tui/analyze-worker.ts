import { parentPort, workerData } from 'node:worker_threads';
import { analyze, type AnalyzeOptions } from '../pipeline/analyze.js';
import { isSeamsError } from '../errors.js';
import type { WorkerMessage } from './analyze-in-worker.js';

// Runs one analysis off the UI thread and reports progress, then the result or the error.
const port = parentPort;
if (port) {
  const post = (message: WorkerMessage): void => port.postMessage(message);
  try {
    const options = workerData as Omit<AnalyzeOptions, 'onProgress' | 'analyzers'>;
    const result = analyze({ ...options, onProgress: (event) => post({ type: 'progress', event }) });
    post({ type: 'result', result });
  } catch (error) {
    post({
      type: 'error',
      code: isSeamsError(error) ? error.code : 'internal',
      message: error instanceof Error ? error.message : String(error),
      stack: error instanceof Error ? error.stack : undefined,
    });
  }
}
