/// <reference lib="es2024.sharedmemory" />
/**
 * Bulk conversion on worker threads (piscina): `jobs` workers, per-file limits on time and
 * memory that end the worker running a file past them (TIMEOUT, RESOURCE_LIMIT; the worker is
 * replaced), results delivered as each file finishes and returned in input order. A failing
 * file never stops the batch unless `failFast`.
 *
 * Files are handed to the pool `jobs` at a time, and a file's clock starts when its worker
 * starts on it (the worker says so through a shared probe), not while it waits for a thread or
 * for the worker's modules to load: a 500-file batch, or `--jobs` above the core count, must
 * not time out good files (issue #4, issue #12).
 *
 * Memory (issue #12): V8's heap limit bounds only JavaScript objects, while pdf.js inflates
 * streams into array buffers outside it — an 8 KB decompression bomb took one worker to 7 GB.
 * So the main thread asks each busy worker for its heap statistics every
 * {@link MEMORY_POLL_MS} ms (answered between JavaScript steps, even in a long synchronous
 * inflate loop) and stops a worker whose heap plus external memory (array buffers) passes
 * `maxMemoryBytes`. A batch's memory is then bounded by about jobs × that limit.
 */
import os from 'node:os';
import { Piscina } from 'piscina';
import { MessageChannel } from 'node:worker_threads';
import { formatBytes, type ErrorCode } from '../errors.ts';
import { checkBatchOptions, DEFAULT_MAX_MEMORY_BYTES, MAX_TIMEOUT_SECONDS, MEMORY_POLL_MS, type BatchOptions } from './limits.ts';
import type { ConvertTask } from './convert.ts';
import type { BatchResult } from './worker.ts';
import { PROBE, type BatchProgress, type ConvertJob, type RecoverJob } from './probe.ts';

export { checkBatchOptions, DEFAULT_MAX_MEMORY_BYTES, MIN_MAX_MEMORY_BYTES, MAX_TIMEOUT_SECONDS, MEMORY_POLL_MS, type BatchOptions } from './limits.ts';

/**
 * The V8 heap limit of a worker for a whole-memory limit: three quarters of it, at least
 * 192 MB. A small heap limit makes V8 collect early, which kept bulk RSS flat
 * (bench/results.json); the earlier fixed 192 MB made a 1,000-page tracker's report run out of
 * heap (issue #12), so the heap now grows with `--max-memory`, and the memory watcher (not the
 * heap limit) is what stops a file at the limit.
 */
export function heapLimitMb(maxMemoryBytes: number): number {
  return Math.max(192, Math.floor((maxMemoryBytes / 2 ** 20) * 0.75));
}

/** Thread counts above this only make files wait for the CPU (and time out): twice the cores. */
export function maxUsefulJobs(): number {
  return 2 * os.availableParallelism();
}

/** An error from piscina when V8 ended a worker at its heap limit. */
function isHeapOutOfMemory(err: unknown): boolean {
  const e = err as { code?: string; message?: string };
  return e?.code === 'ERR_WORKER_OUT_OF_MEMORY' || /reaching memory limit|heap out of memory/i.test(e?.message ?? '');
}

/**
 * Run every task; returns results in task order (files not run after a fail-fast stop are
 * absent; nothing when `collect` is false).
 * @throws OptionsError INVALID_OPTIONS (see {@link checkBatchOptions}); the signal's reason when aborted.
 */
export async function runBatch(tasks: ConvertTask[], options: BatchOptions): Promise<BatchResult[]> {
  checkBatchOptions(options);
  const jobs = Math.max(1, Math.min(options.jobs, tasks.length));
  const maxMemory = options.maxMemoryBytes ?? DEFAULT_MAX_MEMORY_BYTES;
  const heapMb = options.maxOldGenerationSizeMb ?? heapLimitMb(maxMemory);
  const pool = new Piscina({
    // The worker module sits next to this one: worker.ts when run from source, worker.js in dist/.
    filename: new URL(import.meta.url.endsWith('.ts') ? './worker.ts' : './worker.js', import.meta.url).href,
    minThreads: jobs,
    maxThreads: jobs,
    idleTimeout: 1000,
    concurrentTasksPerWorker: 1,
    // A bounded heap makes V8 collect early instead of growing each worker towards its
    // default limit: peak RSS stays flat and low in bulk (bench/results.json).
    resourceLimits: { maxOldGenerationSizeMb: heapMb, maxYoungGenerationSizeMb: 16 },
  });
  const results: Array<BatchResult | undefined> = new Array(tasks.length);
  let next = 0;
  let stopped = false;
  const signal = options.signal;

  /** Files a worker is on: their probe and how to stop them. */
  const running = new Map<number, { probe: Int32Array; stop: (code: ErrorCode, message: string) => void; asking: boolean }>();
  const watchMemory = async () => {
    for (const [, run] of running) {
      if (run.asking || Atomics.load(run.probe, PROBE.state) === 0) continue;
      const id = Atomics.load(run.probe, PROBE.thread);
      const worker = pool.threads.find((w) => w.threadId === id);
      if (!worker || typeof worker.getHeapStatistics !== 'function') continue;
      run.asking = true;
      try {
        const h = await worker.getHeapStatistics();
        const used = h.total_physical_size + h.external_memory + h.malloced_memory;
        if (used > maxMemory) {
          run.stop(
            'RESOURCE_LIMIT',
            `its conversion needed more than ${formatBytes(maxMemory)} of memory (--max-memory; ${Math.round(used / 2 ** 20)} MB in use when stopped): a decompression bomb, or a very large tracker. Raise --max-memory if the file is genuine`,
          );
        }
      } catch {
        /* the worker ended meanwhile */
      } finally {
        run.asking = false;
      }
    }
  };
  const memoryTimer = setInterval(() => void watchMemory(), MEMORY_POLL_MS);

  const runOne = async (k: number): Promise<BatchResult | null> => {
    const task = tasks[k]!;
    const probe = new Int32Array(new SharedArrayBuffer(PROBE.length * 4));
    const controller = new AbortController();
    let stoppedFor: { code: ErrorCode; message: string } | null = null;
    const stop = (code: ErrorCode, message: string) => {
      if (stoppedFor) return;
      stoppedFor = { code, message };
      controller.abort();
    };
    let started = 0;
    let timer: NodeJS.Timeout | undefined;
    let settled = false;
    let limit = options.timeoutSeconds;
    const timeOut = () => stop('TIMEOUT', `gave up after ${limit} s; the file may be huge or pathological. Raise --timeout to allow more time`);
    // The clock starts when the worker starts the file (it notifies the probe).
    const startClock = () => {
      if (settled || timer) return;
      started = performance.now();
      timer = setTimeout(timeOut, limit * 1000);
    };
    // Issue #11: the worker reports each page it OCRs; the first report raises the limit by
    // the allowance for that many pages.
    const { port1, port2 } = new MessageChannel();
    port1.on('message', (m: BatchProgress) => {
      if (m.ocr.index === 1 && options.ocrSecondsPerPage && !settled) {
        startClock();
        clearTimeout(timer);
        limit = options.timeoutSeconds + m.ocr.count * options.ocrSecondsPerPage;
        timer = setTimeout(timeOut, Math.min(MAX_TIMEOUT_SECONDS * 1000, Math.max(0, limit * 1000 - (performance.now() - started))));
      }
      options.onProgress?.(task.file, m);
    });
    const wait = Atomics.waitAsync(probe, PROBE.state, 0);
    if (wait.async) void wait.value.then(startClock);
    else startClock();
    running.set(k, { probe, stop, asking: false });
    const onAbort = () => stop('INTERNAL', 'the batch was stopped');
    signal?.addEventListener('abort', onAbort);
    const elapsed = () => (started ? performance.now() - started : 0);
    try {
      return (await pool.run({ task, probe, progress: port2 } satisfies ConvertJob, { signal: controller.signal, transferList: [port2] })) as BatchResult;
    } catch (err) {
      if (signal?.aborted) return null;
      // An aborted task's worker is terminated by piscina and replaced: a stuck pdf.js parse or
      // a bomb cannot hold a thread (or memory) past its limit.
      let failure: { code: ErrorCode; message: string; stack?: string };
      if (stoppedFor) failure = stoppedFor;
      else if (isHeapOutOfMemory(err)) {
        failure = {
          code: 'RESOURCE_LIMIT',
          message: `its conversion filled the worker's JavaScript heap (${heapMb} MB, from --max-memory ${formatBytes(maxMemory)}): a very large or pathological file. Raise --max-memory if the file is genuine`,
        };
      } else failure = { code: 'INTERNAL', message: `the worker converting this file crashed: ${(err as Error)?.message ?? String(err)}`, stack: (err as Error)?.stack };
      // Records already written survive: finish the file from X.json with a REPORT_FAILED warning.
      if (Atomics.load(probe, PROBE.state) === 2) {
        const flags = Atomics.load(probe, PROBE.outputs);
        const job: RecoverJob = { recover: task, reason: `${failure.code}: ${failure.message}`, written: { debug: (flags & 1) !== 0, report: (flags & 2) !== 0 } };
        try {
          return (await pool.run(job, { signal: AbortSignal.timeout(options.timeoutSeconds * 1000) })) as BatchResult;
        } catch (again) {
          if (signal?.aborted) return null;
          failure = { ...failure, message: `${failure.message}; and its records could not be recovered: ${(again as Error)?.message ?? again}` };
        }
      }
      return { file: task.file, ok: false, ...failure, ms: elapsed() };
    } finally {
      settled = true;
      clearTimeout(timer);
      port1.close();
      running.delete(k);
      signal?.removeEventListener('abort', onAbort);
      Atomics.notify(probe, PROBE.state); // release the clock's waiter if the file never started
    }
  };

  // A worker's first task waits for it to load pdf.js, pdf-lib and fontkit (~0.5 s on a busy
  // machine); warm the workers up before handing out files.
  const lane = async () => {
    await pool.run({ warmUp: true });
    while (!stopped && !signal?.aborted && next < tasks.length) {
      const k = next++;
      const result = await runOne(k);
      if (!result) break;
      if (options.collect !== false) results[k] = result;
      options.onResult?.(result);
      if (!result.ok && options.failFast) stopped = true;
    }
  };
  try {
    await Promise.all(Array.from({ length: jobs }, lane));
  } finally {
    clearInterval(memoryTimer);
    await pool.destroy();
  }
  if (signal?.aborted) throw signal.reason;
  return results.filter((r): r is BatchResult => r !== undefined);
}
