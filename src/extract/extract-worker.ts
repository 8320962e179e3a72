import v8 from 'node:v8';
import vm from 'node:vm';
import { workerData } from 'node:worker_threads';
import { analyzers as registeredAnalyzers } from '../../analyzers/index.js';
import type { AnyAnalyzer } from '../plugin/index.js';
import { extractFile, toExtractContext } from './extract-file.js';
import { FINISHED, finishedSlot, heartbeatSlot, NEXT_FILE, startedSlot, type WorkerInput, type WorkerMessage } from './parallel-extract.js';

/**
 * A worker of extractInParallel: claims files from the shared counter until none are left and
 * posts each outcome. Always marks itself finished, whatever happens, so the main thread never
 * waits on it for nothing.
 */
const input = workerData as WorkerInput;
/** Files between turns of the event loop. */
const TURN_EVERY = 16;
/**
 * oxc-parser 0.154 frees a parse's native memory only when the JS object holding it has been
 * collected and the event loop has turned. Those objects are small, so the heap seldom asks for
 * a collection: without one, RSS grows by every file parsed (synthetic 10k, imports only: peak
 * 1.4 GB). A worker collects when the process has grown by COLLECT_AFTER_BYTES since it last
 * did (about 0.6 GB there); collecting every few files instead costs more than parsing in
 * parallel gains. The collector is reached as jest does (`--expose-gc` set at run time, then
 * `gc` from a fresh context); where that is refused, workers run without it.
 */
const COLLECT_AFTER_BYTES = 256 * 1024 * 1024;
const collect = ((): (() => void) | undefined => {
  try {
    v8.setFlagsFromString('--expose-gc');
    const gc: unknown = vm.runInNewContext('gc');
    return typeof gc === 'function' ? (gc as () => void) : undefined;
  } catch {
    return undefined;
  }
})();
const state = new Int32Array(input.state);
try {
  const registry: Record<string, AnyAnalyzer> = registeredAnalyzers;
  const analyzers = input.analyzerIds.map((id) => registry[id] as AnyAnalyzer);
  const cachedHashes = input.cachedHashes;
  const context = {
    ...toExtractContext(analyzers, input.project, input.hash),
    defer: input.defer,
    ...(cachedHashes === undefined ? {} : { isCached: (id: string, hash: string) => cachedHashes[id] === hash }),
  };
  // Mark started before the first claim: the main thread waits only for workers that may hold a file.
  Atomics.store(state, startedSlot(input.slot), 1);
  let sinceTurn = 0;
  let collectedAt = process.memoryUsage.rss();
  for (let index = Atomics.add(state, NEXT_FILE, 1); index < input.files.length; index = Atomics.add(state, NEXT_FILE, 1)) {
    const file = input.files[index] as WorkerInput['files'][number];
    try {
      const message: WorkerMessage = { index, outcome: extractFile(file as Parameters<typeof extractFile>[0], context) };
      input.port.postMessage(message);
    } catch {
      // Not posted (a failure outside the analyzers' own guard): the main thread extracts this file itself.
    }
    Atomics.add(state, heartbeatSlot(input.slot), 1);
    // Let the event loop turn now and then: oxc-parser frees the native memory of parses only then.
    sinceTurn += 1;
    if (sinceTurn % TURN_EVERY === 0) {
      const rss = process.memoryUsage.rss();
      if (collect !== undefined && rss - collectedAt > COLLECT_AFTER_BYTES) {
        collect();
        collectedAt = rss;
      }
      await new Promise((resolve) => setImmediate(resolve));
    }
  }
} finally {
  Atomics.store(state, finishedSlot(input.slot), 1);
  Atomics.add(state, FINISHED, 1);
  Atomics.notify(state, FINISHED);
}
