/**
 * Bulk conversion on worker threads (piscina): `jobs` workers, a per-file time limit that ends
 * the worker running a stuck file (TIMEOUT), results delivered as each file finishes and
 * returned in input order. A failing file never stops the batch unless `failFast`.
 */
import { Piscina } from 'piscina';
import type { ConvertResult, ConvertTask } from './convert.ts';

/** Options of a batch. */
export interface BatchOptions {
  /** Worker threads (≥ 1). */
  jobs: number;
  /** Per-file time limit in seconds (issue #4: default 60). */
  timeoutSeconds: number;
  /** Stop scheduling files after the first failure. */
  failFast?: boolean;
  /** Called as each file finishes (completion order). */
  onResult?: (result: ConvertResult) => void;
}

/** Run every task; returns results in task order (files not run after a fail-fast stop are absent). */
export async function runBatch(tasks: ConvertTask[], options: BatchOptions): Promise<ConvertResult[]> {
  const pool = new Piscina({
    filename: new URL('./worker.ts', import.meta.url).href,
    minThreads: Math.min(options.jobs, tasks.length) || 1,
    maxThreads: options.jobs,
    idleTimeout: 1000,
    // Each worker takes one file at a time: a long file never holds up a queue behind it.
    concurrentTasksPerWorker: 1,
  });
  const results: Array<ConvertResult | undefined> = new Array(tasks.length);
  let stopped = false;
  const controllers: AbortController[] = [];
  try {
    await Promise.all(
      tasks.map(async (task, k) => {
        const controller = new AbortController();
        controllers.push(controller);
        const started = performance.now();
        const timer = setTimeout(() => controller.abort(new Error('timeout')), options.timeoutSeconds * 1000);
        let result: ConvertResult;
        try {
          if (stopped) return;
          result = (await pool.run(task, { signal: controller.signal })) as ConvertResult;
        } catch (err) {
          if (stopped && !(controller.signal.reason instanceof Error && controller.signal.reason.message === 'timeout')) return;
          const timedOut = controller.signal.aborted && (controller.signal.reason as Error)?.message === 'timeout';
          result = timedOut
            ? { file: task.file, ok: false, code: 'TIMEOUT', message: `gave up after ${options.timeoutSeconds} s; the file may be huge or pathological. Raise --timeout to allow more time`, ms: performance.now() - started }
            : { file: task.file, ok: false, code: 'INTERNAL', message: `the worker converting this file crashed: ${(err as Error)?.message ?? String(err)}`, stack: (err as Error)?.stack, ms: performance.now() - started };
        } finally {
          clearTimeout(timer);
        }
        results[k] = result;
        options.onResult?.(result);
        if (!result.ok && options.failFast && !stopped) {
          stopped = true;
          for (const c of controllers) if (c !== controller) c.abort(new Error('fail-fast'));
        }
      }),
    );
  } finally {
    await pool.destroy();
  }
  return results.filter((r): r is ConvertResult => r !== undefined);
}
