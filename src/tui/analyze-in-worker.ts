import { Worker } from 'node:worker_threads';
import { SeamsError, type SeamsErrorCode } from '../errors.js';
import type { AnalyzeOptions } from '../pipeline/analyze.js';
import type { ProgressListener, ProgressEvent } from '../pipeline/progress.js';
import type { AnalysisResult } from '../model/result.js';

/** What the analysis worker sends back. */
export type WorkerMessage =
  | { type: 'progress'; event: ProgressEvent }
  | { type: 'result'; result: AnalysisResult }
  | { type: 'error'; code: SeamsErrorCode; message: string; stack: string | undefined };

/** An analysis running in a worker thread. */
export interface RunningAnalysis {
  result: Promise<AnalysisResult>;
  /** Stops the worker (the promise then never settles). */
  cancel(): void;
}

/**
 * Runs `analyze` in a worker thread, so the terminal UI stays responsive (and Ctrl-C works)
 * while a large repository is parsed. Errors keep their code, so the CLI maps them to the same
 * exit code as `seams analyze`.
 */
export function analyzeInWorker(options: Omit<AnalyzeOptions, 'onProgress' | 'analyzers'>, onProgress: ProgressListener): RunningAnalysis {
  const worker = new Worker(new URL('./analyze-worker.js', import.meta.url), { workerData: options });
  let cancelled = false;
  const result = new Promise<AnalysisResult>((resolve, reject) => {
    worker.on('message', (message: WorkerMessage) => {
      if (message.type === 'progress') onProgress(message.event);
      else if (message.type === 'result') resolve(message.result);
      else {
        const error = new SeamsError(message.code, message.message);
        if (message.stack) error.stack = message.stack;
        reject(error);
      }
    });
    worker.on('error', reject);
    worker.on('exit', (code) => {
      if (code !== 0 && !cancelled) reject(new SeamsError('internal', `The analysis worker stopped with exit code ${code}.`));
    });
  });
  return {
    result,
    cancel() {
      cancelled = true;
      void worker.terminate();
    },
  };
}
