/**
 * The worker-thread entry point for bulk conversion (piscina): one task in, one result out.
 * The worker sends back what the combined tables need — the file's rows of records.csv,
 * records.jsonl and warnings.csv as UTF-8, and counts (src/node/rows.ts) — not the document
 * object: 1,000 documents cloned into the main thread were its largest source of garbage
 * (bench: RSS growth with file count). When the run writes records.sqlite, the document
 * comes too, as JSON bytes, for the database writer in the main thread; with the xlsx format,
 * the file's rows of records.xlsx.
 */
// First: keep pdf.js (imported by convert.ts) from loading the native canvas binding.
import './no-canvas.ts';
import { threadId } from 'node:worker_threads';
import { convertFile, recoverRecords } from './convert.ts';
import { batchResultOf, type BatchRows } from './rows.ts';
import type { ErrorCode } from '../errors.ts';
import { PROBE, type BatchProgress, type ConvertJob, type RecoverJob } from './probe.ts';
import { keepOcrEngineWarm } from './ocr.ts';

export type { BatchRows, BatchProgress };

/** The outcome for one file in a batch. */
export type BatchResult =
  | { file: string; ok: true; rows: BatchRows; outputs: string[]; ms: number }
  | { file: string; ok: false; code: ErrorCode; message: string; stack?: string; ms: number };

/** A task that only waits for this worker's modules to load (see runBatch's warm-up). */
export interface WarmUp {
  warmUp: true;
}

// One Tesseract worker per thread, reused from file to file; it ends with the thread (issue #11).
keepOcrEngineWarm();

export default async function convert(job: ConvertJob | RecoverJob | WarmUp): Promise<BatchResult | WarmUp> {
  // Warm-up loads what every file needs — pdf.js, zod and the pipeline — so a file's clock
  // does not run while they load; pdf-lib and fontkit load with the first report (convert.ts).
  if ('warmUp' in job) {
    await import('../pipeline.ts');
    return job;
  }
  if ('recover' in job) return batchResultOf(await recoverRecords(job.recover, job.reason, job.written), job.recover.formats);
  const { probe, progress } = job;
  const signal = (state: number) => {
    Atomics.store(probe, PROBE.state, state);
    Atomics.notify(probe, PROBE.state);
  };
  Atomics.store(probe, PROBE.thread, threadId);
  signal(1);
  return batchResultOf(
    await convertFile(job.task, {
      onRecordsWritten: () => signal(2),
      onOutputWritten: (output) => Atomics.or(probe, PROBE.outputs, output === 'debug' ? 1 : 2),
      // Issue #11: "OCR page 2 of 5" to the progress line, and the time limit raised.
      ...(progress ? { onOcrPage: (page: number, index: number, count: number) => progress.postMessage({ ocr: { page, index, count } } satisfies BatchProgress) } : {}),
    }).finally(() => progress?.close()),
    job.task.formats,
  );
}
