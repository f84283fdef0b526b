/**
 * What the main thread and a worker share about one task (Node only; loads nothing heavy, so
 * the main thread can import it): the probe's layout and the task shapes sent to workers.
 */
import type { MessagePort } from 'node:worker_threads';
import type { ConvertTask } from './convert.ts';

/**
 * Where a task stands, shared with the main thread (an Int32Array on a SharedArrayBuffer):
 * the main thread starts the file's clock when the task starts here, watches this thread's
 * memory, and knows whether the records were already written when it has to stop the worker.
 */
export const PROBE = {
  /** 0 queued, 1 running, 2 records written (X.json, X.csv). Notified on each change. */
  state: 0,
  /** The worker's threadId, to find its Worker in the pool. */
  thread: 1,
  /** Bit 1: X.debug.pdf written; bit 2: X.report.pdf written. */
  outputs: 2,
  /** Int32 slots. */
  length: 3,
} as const;

/** A file to convert, with its probe and the port its progress goes back on (issue #11: "OCR page 2 of 5"). */
export interface ConvertJob {
  task: ConvertTask;
  probe: Int32Array;
  progress?: MessagePort;
}

/** What a worker reports while a file converts: a page about to be OCR'd (issue #11). */
export interface BatchProgress {
  ocr: { page: number; index: number; count: number };
}

/** Finish a file from its X.json after its worker was stopped (see convert.ts recoverRecords). */
export interface RecoverJob {
  recover: ConvertTask;
  reason: string;
  written: { debug?: boolean; report?: boolean };
}
