import { MessageChannel, receiveMessageOnPort, Worker, type MessagePort } from 'node:worker_threads';
import { analyzers as registeredAnalyzers } from '../../analyzers/index.js';
import type { ProjectInfo } from '../plugin/index.js';
import type { DiscoveredFile } from '../discover/discover-files.js';
import { extractFile, type ExtractContext, type FileOutcome } from './extract-file.js';

/** What a worker is given: the files, the analyzers by id, and the shared counters. */
export interface WorkerInput {
  files: { id: string; absolutePath: string }[];
  analyzerIds: string[];
  project: ProjectInfo;
  hash: boolean;
  defer: boolean;
  /** Content hashes the cache holds, by file id (when a cache is in use). */
  cachedHashes?: Record<string, string>;
  state: SharedArrayBuffer;
  slot: number;
  port: MessagePort;
}

/** A worker's message: the outcome of one file, by its index. */
export interface WorkerMessage {
  index: number;
  outcome: FileOutcome;
}

/** Int32 slots of the shared state: the next file to claim, workers finished, then per worker. */
export const NEXT_FILE = 0;
export const FINISHED = 1;
const PER_WORKER = 3;
/** Per worker: started (1), finished (1), files done (its heartbeat). */
export const startedSlot = (slot: number): number => 2 + slot * PER_WORKER;
export const finishedSlot = (slot: number): number => 3 + slot * PER_WORKER;
export const heartbeatSlot = (slot: number): number => 4 + slot * PER_WORKER;

/** A worker whose files-done count has not moved for this long is given up on (its file is redone here). */
const STALL_MS = 60_000;
const WAIT_STEP_MS = 50;

/** Registered analyzer ids for the context's analyzers, or undefined when one is not the registered one (a plugin or a test double). */
function registeredIds(context: ExtractContext): string[] | undefined {
  const registry: Record<string, unknown> = registeredAnalyzers;
  const ids = context.analyzers.map((analyzer) => analyzer.id);
  return context.analyzers.every((analyzer) => registry[analyzer.id] === analyzer) ? ids : undefined;
}

/**
 * Extracts files on the main thread and `workers` worker threads at once, synchronously: each
 * thread claims the next file from a shared counter, workers post each file's outcome, and the
 * main thread collects them with `receiveMessageOnPort` and waits with `Atomics.wait`. Outcomes
 * are indexed by file, so the result does not depend on which thread did what. A worker that
 * fails to start, dies or stalls costs time, never files: whatever has no outcome at the end is
 * extracted on the main thread. Analyzers that are not the registered ones (plugins, test
 * doubles) cannot be loaded in a worker: then everything runs here.
 */
export function extractInParallel(
  files: readonly DiscoveredFile[],
  context: ExtractContext,
  project: ProjectInfo,
  workers: number,
  onProgress?: (done: number, total: number) => void,
  cachedHashes?: Record<string, string>,
  workersOnly = false,
): FileOutcome[] {
  const outcomes: (FileOutcome | undefined)[] = new Array<FileOutcome | undefined>(files.length);
  const analyzerIds = registeredIds(context);
  const state = new Int32Array(new SharedArrayBuffer(4 * (2 + workers * PER_WORKER)));
  const started: { worker: Worker; port: MessagePort; slot: number }[] = [];
  if (analyzerIds !== undefined) {
    const list = files.map((file) => ({ id: file.id, absolutePath: file.absolutePath }));
    for (let slot = 0; slot < workers; slot++) {
      const { port1, port2 } = new MessageChannel();
      const input: WorkerInput = {
        files: list, analyzerIds, project, hash: context.hash, defer: context.defer === true, state: state.buffer as SharedArrayBuffer, slot, port: port2,
        ...(cachedHashes === undefined ? {} : { cachedHashes }),
      };
      try {
        const worker = new Worker(new URL('./extract-worker.js', import.meta.url), { workerData: input, transferList: [port2] });
        // An error inside a worker only costs its files a second try here; it must not become an uncaught error.
        worker.on('error', () => undefined);
        worker.unref();
        started.push({ worker, port: port1, slot });
      } catch {
        port1.close();
      }
    }
  }
  let done = 0;
  const drain = (): void => {
    for (const { port } of started) {
      for (let message = receiveMessageOnPort(port); message !== undefined; message = receiveMessageOnPort(port)) {
        const { index, outcome } = message.message as WorkerMessage;
        if (outcomes[index] === undefined) done += 1;
        outcomes[index] = outcome;
      }
    }
  };
  // workersOnly (tests): the main thread claims nothing and only collects, unless no worker started.
  const claim = (): number => (workersOnly && started.length > 0 ? files.length : Atomics.add(state, NEXT_FILE, 1));
  for (let index = claim(); index < files.length; index = claim()) {
    outcomes[index] = extractFile(files[index] as DiscoveredFile, context);
    done += 1;
    drain();
    onProgress?.(done, files.length);
  }
  // Every file is claimed; wait for the workers still on one (those not started yet can claim nothing).
  const busy = workersOnly ? started : started.filter(({ slot }) => Atomics.load(state, startedSlot(slot)) === 1);
  const lastMove = new Map(busy.map(({ slot }) => [slot, { beats: Atomics.load(state, heartbeatSlot(slot)), at: Date.now() }]));
  for (;;) {
    drain();
    const waiting = busy.filter(({ slot }) => Atomics.load(state, finishedSlot(slot)) === 0 && !stalled(slot));
    if (waiting.length === 0) break;
    Atomics.wait(state, FINISHED, Atomics.load(state, FINISHED), WAIT_STEP_MS);
  }
  drain();
  for (const { worker, port } of started) {
    port.close();
    void worker.terminate();
  }
  files.forEach((file, index) => {
    if (outcomes[index] !== undefined) return;
    outcomes[index] = extractFile(file, context);
    done += 1;
    onProgress?.(done, files.length);
  });
  return outcomes as FileOutcome[];

  function stalled(slot: number): boolean {
    const beats = Atomics.load(state, heartbeatSlot(slot));
    const last = lastMove.get(slot) as { beats: number; at: number };
    if (beats !== last.beats) {
      lastMove.set(slot, { beats, at: Date.now() });
      return false;
    }
    return Date.now() - last.at > STALL_MS;
  }
}
