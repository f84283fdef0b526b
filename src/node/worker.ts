/**
 * The worker-thread entry point for bulk conversion (piscina): one task in, one result out.
 * The worker sends back what the combined tables need — the file's rows of records.csv,
 * records.jsonl and warnings.csv as UTF-8, and counts (src/node/rows.ts) — not the document
 * object: 1,000 documents cloned into the main thread were its largest source of garbage
 * (bench: RSS growth with file count). When the run writes records.sqlite, the document
 * comes too, as JSON bytes, for the database writer in the main thread.
 */
// First: keep pdf.js (imported by convert.ts) from loading the native canvas binding.
import './no-canvas.ts';
import { convertFile, type ConvertTask } from './convert.ts';
import { documentRows, type BatchRows } from './rows.ts';
import type { ErrorCode } from '../errors.ts';

export type { BatchRows };

/** The outcome for one file in a batch. */
export type BatchResult =
  | { file: string; ok: true; rows: BatchRows; outputs: string[]; ms: number }
  | { file: string; ok: false; code: ErrorCode; message: string; stack?: string; ms: number };

/** A task that only waits for this worker's modules to load (see runBatch's warm-up). */
export interface WarmUp {
  warmUp: true;
}

export default async function convert(task: ConvertTask | WarmUp): Promise<BatchResult | WarmUp> {
  if ('warmUp' in task) return task;
  const result = await convertFile(task);
  if (!result.ok) return result;
  return { file: result.file, ok: true, outputs: result.outputs, ms: result.ms, rows: documentRows(result.document, { database: task.formats?.includes('sqlite') }) };
}
