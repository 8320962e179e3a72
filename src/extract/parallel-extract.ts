import { MessageChannel, receiveMessageOnPort, Worker, type MessagePort } from 'node:worker_threads';
import { isBuiltIn, type ProjectInfo } from '../plugin/index.js';
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
/** A worker that has not started after this long is given up on (it could not load). */
const START_MS = 20_000;
const WAIT_STEP_MS = 20;

/** The ids a worker loads the context's analyzers by, or undefined when one is not built in (a plugin or a test double). */
function builtInIds(context: ExtractContext): string[] | undefined {
  return context.analyzers.every(isBuiltIn) ? context.analyzers.map((analyzer) => analyzer.id) : undefined;
}

/** How extractInParallel shares the work. */
export interface ParallelOptions {
  workers: number;
  onProgress?: (done: number, total: number) => void;
  /** Content hashes the cache holds, by file id. */
  cachedHashes?: Record<string, string>;
  /**
   * The main thread parses too (default false: it only collects). oxc-parser frees a parse's
   * native memory only when the thread's event loop turns, which a synchronous analysis never
   * lets happen on the main thread; workers let theirs turn and collect, so memory stays bounded.
   */
  mainThreadParses?: boolean;
}

/**
 * Extracts files in `workers` worker threads (the main thread collects, and parses only with
 * `mainThreadParses` or when no worker runs), synchronously for the caller: each thread claims
 * the next file from a shared counter, workers post each file's outcome, and the main thread
 * collects them with `receiveMessageOnPort`, waiting with `Atomics.wait`. Outcomes are indexed
 * by file, so the result does not depend on which thread did what. A worker that fails to
 * start, dies or stalls costs time, never files: the main thread takes over the unclaimed
 * files, and extracts itself whatever has no outcome at the end. Analyzers that are not the
 * built-in ones (plugins, test doubles) cannot be loaded in a worker: then everything runs here.
 */
export function extractInParallel(files: readonly DiscoveredFile[], context: ExtractContext, project: ProjectInfo, options: ParallelOptions): FileOutcome[] {
  const { workers, onProgress, cachedHashes } = options;
  const outcomes: (FileOutcome | undefined)[] = new Array<FileOutcome | undefined>(files.length);
  const analyzerIds = builtInIds(context);
  const state = new Int32Array(new SharedArrayBuffer(4 * (2 + workers * PER_WORKER)));
  const started: { worker: Worker; port: MessagePort; slot: number; since: number; beats: number; movedAt: number }[] = [];
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
        started.push({ worker, port: port1, slot, since: Date.now(), beats: 0, movedAt: Date.now() });
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
  /** True while a worker may still post: started and not finished, or starting; false once finished, stalled or never started. */
  const alive = (entry: (typeof started)[number]): boolean => {
    if (Atomics.load(state, finishedSlot(entry.slot)) === 1) return false;
    const now = Date.now();
    if (Atomics.load(state, startedSlot(entry.slot)) === 0) return now - entry.since < START_MS;
    const beats = Atomics.load(state, heartbeatSlot(entry.slot));
    if (beats !== entry.beats) {
      entry.beats = beats;
      entry.movedAt = now;
    }
    return now - entry.movedAt < STALL_MS;
  };
  /** True while a worker may hold a claimed file: started, not finished, not stalled. */
  const holding = (entry: (typeof started)[number]): boolean => Atomics.load(state, startedSlot(entry.slot)) === 1 && alive(entry);
  let reported = 0;
  for (;;) {
    drain();
    const parseHere = options.mainThreadParses === true || !started.some(alive);
    if (parseHere) {
      const index = Atomics.add(state, NEXT_FILE, 1);
      if (index < files.length) {
        outcomes[index] = extractFile(files[index] as DiscoveredFile, context);
        done += 1;
      }
    }
    if (done !== reported) {
      reported = done;
      onProgress?.(done, files.length);
    }
    if (parseHere && Atomics.load(state, NEXT_FILE) < files.length) continue;
    if (Atomics.load(state, NEXT_FILE) >= files.length && !started.some(holding)) break;
    Atomics.wait(state, FINISHED, Atomics.load(state, FINISHED), WAIT_STEP_MS);
  }
  drain();
  // Outcomes posted just before their worker finished arrive in this last drain.
  if (done !== reported) onProgress?.(done, files.length);
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
}
