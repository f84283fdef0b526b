/**
 * Bulk conversion on worker threads (piscina): `jobs` workers, a per-file time limit that ends
 * the worker running a stuck file (TIMEOUT), results delivered as each file finishes and
 * returned in input order. A failing file never stops the batch unless `failFast`.
 *
 * Files are handed to the pool `jobs` at a time, so a file's clock starts when a worker takes
 * it, not while it waits in a queue (a 500-file batch must not time out its tail).
 */
import { Piscina } from 'piscina';
import { MessageChannel } from 'node:worker_threads';
import type { ConvertTask } from './convert.ts';
import type { BatchProgress, BatchResult, BatchTask } from './worker.ts';

/** Options of a batch. */
export interface BatchOptions {
  /** Worker threads (≥ 1). */
  jobs: number;
  /** Per-file time limit in seconds (issue #4: default 60). */
  timeoutSeconds: number;
  /**
   * Seconds added to a file's limit for each page it OCRs (issue #11), once the worker says
   * how many; 0 (default) keeps `timeoutSeconds` as the whole limit.
   */
  ocrSecondsPerPage?: number;
  /** Called while a file converts: a page about to be OCR'd (1-based page, its place, the count). */
  onProgress?: (file: string, progress: BatchProgress) => void;
  /** Stop handing out files after the first failure. */
  failFast?: boolean;
  /** Called as each file finishes (completion order). */
  onResult?: (result: BatchResult) => void;
  /** V8 old-generation limit per worker in MB (default 192). */
  maxOldGenerationSizeMb?: number;
  /**
   * Keep every result and return them (default true). The CLI passes false and takes what it
   * needs in `onResult`, so 1,000 documents are not held in memory until the end.
   */
  collect?: boolean;
}

/**
 * Run every task; returns results in task order (files not run after a fail-fast stop are
 * absent; nothing when `collect` is false).
 */
export async function runBatch(tasks: ConvertTask[], options: BatchOptions): Promise<BatchResult[]> {
  const jobs = Math.max(1, Math.min(options.jobs, tasks.length));
  const pool = new Piscina({
    // The worker module sits next to this one: worker.ts when run from source, worker.js in dist/.
    filename: new URL(import.meta.url.endsWith('.ts') ? './worker.ts' : './worker.js', import.meta.url).href,
    minThreads: jobs,
    maxThreads: jobs,
    idleTimeout: 1000,
    concurrentTasksPerWorker: 1,
    // A bounded heap makes V8 collect early instead of growing each worker towards its
    // default limit: peak RSS stays flat and low in bulk (bench/results.json). The limit is
    // far above what one tracker needs (≈ 60 MB live); a file that needs more fails alone.
    resourceLimits: { maxOldGenerationSizeMb: options.maxOldGenerationSizeMb ?? 192, maxYoungGenerationSizeMb: 16 },
  });
  const results: Array<BatchResult | undefined> = new Array(tasks.length);
  let next = 0;
  let stopped = false;

  // A worker's first task waits for it to load pdf.js, pdf-lib and fontkit (~0.5 s on a busy
  // machine). Warm each worker up before its clock runs, so --timeout measures the file only;
  // a worker replaced after a timeout is warmed up again before its next file.
  const warmUp = () => pool.run({ warmUp: true });
  const runOne = async (k: number): Promise<BatchResult> => {
    const task = tasks[k];
    const controller = new AbortController();
    const started = performance.now();
    let limit = options.timeoutSeconds;
    let timer = setTimeout(() => controller.abort(), limit * 1000);
    // Issue #11: the worker reports each page it OCRs; the first report raises the limit by
    // the allowance for that many pages.
    const { port1, port2 } = new MessageChannel();
    port1.on('message', (m: BatchProgress) => {
      if (m.ocr.index === 1 && options.ocrSecondsPerPage) {
        clearTimeout(timer);
        limit = options.timeoutSeconds + m.ocr.count * options.ocrSecondsPerPage;
        timer = setTimeout(() => controller.abort(), Math.max(0, limit * 1000 - (performance.now() - started)));
      }
      options.onProgress?.(task.file, m);
    });
    try {
      const run: BatchTask = { ...task, progress: port2 };
      return (await pool.run(run, { signal: controller.signal, transferList: [port2] })) as BatchResult;
    } catch (err) {
      // An aborted task's worker is terminated by piscina and replaced: a stuck pdf.js
      // parse cannot hold a thread (or memory) past its time limit.
      if (controller.signal.aborted) {
        return { file: task.file, ok: false, code: 'TIMEOUT', message: `gave up after ${limit} s; the file may be huge or pathological. Raise --timeout to allow more time`, ms: performance.now() - started };
      }
      return { file: task.file, ok: false, code: 'INTERNAL', message: `the worker converting this file crashed: ${(err as Error)?.message ?? String(err)}`, stack: (err as Error)?.stack, ms: performance.now() - started };
    } finally {
      clearTimeout(timer);
      port1.close();
    }
  };

  const lane = async () => {
    await warmUp();
    while (!stopped && next < tasks.length) {
      const k = next++;
      const result = await runOne(k);
      if (!result.ok && result.code === 'TIMEOUT') await warmUp();
      if (options.collect !== false) results[k] = result;
      options.onResult?.(result);
      if (!result.ok && options.failFast) stopped = true;
    }
  };
  try {
    await Promise.all(Array.from({ length: jobs }, lane));
  } finally {
    await pool.destroy();
  }
  return results.filter((r): r is BatchResult => r !== undefined);
}
