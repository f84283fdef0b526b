/**
 * One file converted in this thread, with no worker pool (issue #9): the run of one input
 * loads pdf.js, zod and our pipeline once, in the thread that already runs, instead of
 * starting piscina, a worker thread and a second copy of the modules both threads need. For
 * a person converting one file at a time this start-up was most of the wait.
 *
 * The batch's limits still hold, checked from this thread: `timeoutSeconds` by a timer and
 * `maxMemoryBytes` by polling this process's heap and array buffers every
 * {@link MEMORY_POLL_MS} ms. Either stops the file through convertFile's signal — after the
 * page being read, or at once while the report or overlay is drawn (those become a
 * REPORT_FAILED warning; the records stay). Unlike a worker, this thread cannot be stopped in
 * the middle of a step: pdf.js checks in many times a second on ordinary files, but one content
 * stream that inflates past the limit in a single step (a decompression bomb) is stopped only
 * once that step ends. Runs of several files use the pool (batch.ts), where a worker is ended
 * at once and the batch goes on.
 */
import { ResourceLimitError, TimeoutError, formatBytes } from '../errors.ts';
import { convertFile, extractFile, type ConvertTask } from './convert.ts';
import { checkBatchOptions, DEFAULT_MAX_MEMORY_BYTES, MAX_TIMEOUT_SECONDS, MEMORY_POLL_MS, type BatchOptions } from './limits.ts';
import { batchResultOf } from './rows.ts';
import type { BatchResult } from './worker.ts';

/**
 * Run `work` under the batch's per-file limits, from this thread: the signal it is given fires
 * with a TimeoutError past `timeoutSeconds`, a ResourceLimitError when this process's heap and
 * array buffers pass `maxMemoryBytes` (polled every {@link MEMORY_POLL_MS} ms), or the
 * options' own signal's reason.
 */
export async function withLimits<T>(
  options: Pick<BatchOptions, 'timeoutSeconds' | 'maxMemoryBytes' | 'signal'>,
  work: (signal: AbortSignal, extend: (seconds: number) => void) => Promise<T>,
): Promise<T> {
  const maxMemory = options.maxMemoryBytes ?? DEFAULT_MAX_MEMORY_BYTES;
  const controller = new AbortController();
  const stop = (reason: Error) => {
    if (!controller.signal.aborted) controller.abort(reason);
  };
  // The limit may grow once the file says how many pages it OCRs (issue #11), as in a worker.
  let limitSeconds = options.timeoutSeconds;
  const started = performance.now();
  const arm = () => setTimeout(() => stop(new TimeoutError(limitSeconds)), Math.max(0, limitSeconds * 1000 - (performance.now() - started)));
  let timer = arm();
  const extend = (seconds: number) => {
    if (!(seconds > 0)) return;
    limitSeconds = Math.min(MAX_TIMEOUT_SECONDS, limitSeconds + seconds);
    clearTimeout(timer);
    timer = arm();
  };
  const poll = setInterval(() => {
    const m = process.memoryUsage();
    const used = m.heapTotal + m.external;
    if (used > maxMemory) {
      stop(
        new ResourceLimitError(
          `its conversion needed more than ${formatBytes(maxMemory)} of memory (--max-memory; ${Math.round(used / 2 ** 20)} MB in use when stopped): a decompression bomb, or a very large tracker. Raise --max-memory if the file is genuine`,
        ),
      );
    }
  }, MEMORY_POLL_MS);
  const onAbort = () => stop(options.signal!.reason as Error);
  options.signal?.addEventListener('abort', onAbort);
  try {
    return await work(controller.signal, extend);
  } finally {
    clearTimeout(timer);
    clearInterval(poll);
    options.signal?.removeEventListener('abort', onAbort);
  }
}

/**
 * Convert `tasks` one after another in this thread, with the same options, results and errors
 * as {@link runBatch} (`jobs` is ignored). Meant for one file; see the module note on limits.
 * @throws OptionsError INVALID_OPTIONS (see checkBatchOptions); the signal's reason when aborted.
 */
export async function runInline(tasks: ConvertTask[], options: BatchOptions): Promise<BatchResult[]> {
  checkBatchOptions(options);
  const results: BatchResult[] = [];
  for (const task of tasks) {
    options.signal?.throwIfAborted();
    const result = batchResultOf(
      await withLimits(options, (signal, extend) =>
        convertFile(task, {
          signal,
          // Issue #11: "OCR page 2 of 5" on the progress line, and the time limit raised per page.
          onOcrPage: (page, index, count) => {
            if (index === 1) extend(count * (options.ocrSecondsPerPage ?? 0));
            options.onProgress?.(task.file, { ocr: { page, index, count } });
          },
        }),
      ),
      task.formats,
    );
    options.signal?.throwIfAborted();
    if (options.collect !== false) results.push(result);
    options.onResult?.(result);
    if (!result.ok && options.failFast) break;
  }
  return results;
}

/**
 * One file's document as `extract` would write it to X.json (`source.path`, `toolVersion`), in
 * this thread under the per-file limits, writing nothing: `extract one.pdf --out -` (issue #9).
 * No X.corrections.json applies (there is no output folder).
 * @returns the JSON text, ending in a newline.
 * @throws the file's TrackerError (TIMEOUT, RESOURCE_LIMIT, EMPTY_FILE, PDF_PASSWORD, …); OptionsError INVALID_OPTIONS.
 */
export async function extractToJson(
  task: Pick<ConvertTask, 'file' | 'sourceName' | 'path' | 'password' | 'maxBytes'>,
  options: Pick<BatchOptions, 'timeoutSeconds' | 'maxMemoryBytes' | 'signal'>,
): Promise<string> {
  checkBatchOptions({ jobs: 1, ...options });
  const { document } = await withLimits(options, (signal) => extractFile(task, { signal }));
  const { documentToJson } = await import('../write/json.ts');
  return documentToJson(document);
}
