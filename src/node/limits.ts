/**
 * The limits of a batch and their checks (Node only; loads nothing heavy): shared by the worker
 * pool (batch.ts, piscina) and the one-file run in the main thread (inline.ts), so a run of one
 * file never loads piscina (issue #9).
 */
import { OptionsError, formatBytes } from '../errors.ts';
import type { BatchResult } from './worker.ts';
import type { BatchProgress } from './probe.ts';

/** Default memory limit of one worker (`--max-memory`): 1 GB (issue #12). */
export const DEFAULT_MAX_MEMORY_BYTES = 2 ** 30;
/** The smallest memory limit accepted: a worker with pdf.js, pdf-lib and fontkit loaded uses ~60 MB. */
export const MIN_MAX_MEMORY_BYTES = 128 * 2 ** 20;
/** setTimeout's limit: a longer delay fires at once (Node clamps it to 1 ms), so longer time limits are refused. */
export const MAX_TIMEOUT_SECONDS = Math.floor((2 ** 31 - 1) / 1000);
/** How often busy workers' memory is read. A bomb inflates ~0.5–1 GB/s: 50 ms is ≤ ~50 MB of overshoot. */
export const MEMORY_POLL_MS = 50;

/** Options of a batch. */
export interface BatchOptions {
  /** Worker threads (≥ 1). */
  jobs: number;
  /** Per-file time limit in seconds (issue #4: default 60), counted from when a worker starts the file. */
  timeoutSeconds: number;
  /**
   * Seconds added to a file's limit for each page it OCRs (issue #11), once the worker says
   * how many; 0 (default) keeps `timeoutSeconds` as the whole limit.
   */
  ocrSecondsPerPage?: number;
  /** Called while a file converts: a page about to be OCR'd (1-based page, its place, the count). */
  onProgress?: (file: string, progress: BatchProgress) => void;
  /** Per-worker memory limit in bytes: heap plus array buffers (default {@link DEFAULT_MAX_MEMORY_BYTES}). */
  maxMemoryBytes?: number;
  /** Stop handing out files after the first failure. */
  failFast?: boolean;
  /** Called as each file finishes (completion order). */
  onResult?: (result: BatchResult) => void;
  /** V8 old-generation limit per worker in MB (default: from `maxMemoryBytes`, see {@link heapLimitMb}). */
  maxOldGenerationSizeMb?: number;
  /**
   * Keep every result and return them (default true). The CLI passes false and takes what it
   * needs in `onResult`, so 1,000 documents are not held in memory until the end.
   */
  collect?: boolean;
  /** Stops the batch: running files are abandoned (no result), workers end, runBatch rejects with the signal's reason. */
  signal?: AbortSignal;
}

/**
 * Check a batch's numbers.
 * @throws OptionsError INVALID_OPTIONS naming the option and its allowed range.
 */
export function checkBatchOptions(options: Pick<BatchOptions, 'jobs' | 'timeoutSeconds' | 'maxMemoryBytes'>): void {
  if (!Number.isInteger(options.jobs) || options.jobs < 1) throw new OptionsError('INVALID_OPTIONS', `jobs must be a whole number ≥ 1 (got ${options.jobs})`);
  if (!(options.timeoutSeconds > 0) || options.timeoutSeconds > MAX_TIMEOUT_SECONDS) {
    throw new OptionsError('INVALID_OPTIONS', `--timeout must be more than 0 and at most ${MAX_TIMEOUT_SECONDS} seconds (about 24 days; got ${options.timeoutSeconds})`);
  }
  const m = options.maxMemoryBytes;
  if (m !== undefined && !(m >= MIN_MAX_MEMORY_BYTES && Number.isFinite(m))) {
    throw new OptionsError('INVALID_OPTIONS', `--max-memory must be at least ${formatBytes(MIN_MAX_MEMORY_BYTES)} (got ${formatBytes(m)})`);
  }
}
