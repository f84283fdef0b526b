/**
 * The worker-thread entry point for bulk conversion (piscina): one task in, one result out.
 * The worker sends back what the combined tables need — the file's rows of records.csv,
 * records.jsonl and warnings.csv as text, and counts — not the document: 1,000 documents
 * cloned into the main thread were its largest source of garbage (bench: RSS growth with
 * file count). The document itself is in X.json.
 */
// First: keep pdf.js (imported by convert.ts) from loading the native canvas binding.
import { countRag, type RagCounts } from '../tracker/rag.ts';
import './no-canvas.ts';
import { convertFile, type ConvertTask } from './convert.ts';
import { keepOcrEngineWarm } from './ocr.ts';
import type { MessagePort } from 'node:worker_threads';
import { documentsToCsv, extraHeadings, recordRows, warningsToCsv } from '../write/csv.ts';
import { documentsToJsonl } from '../write/json.ts';
import type { ErrorCode } from '../errors.ts';

/** A file's share of the combined outputs. */
export interface BatchRows {
  /**
   * Its records.csv rows (no header), records.jsonl lines and warnings.csv rows (no header), as
   * UTF-8: bytes cross to the main thread without leaving string garbage there, which grew
   * the process by ~60 MB over 1,000 files (bench).
   */
  csv: Uint8Array;
  jsonl: Uint8Array;
  warnings: Uint8Array;
  records: number;
  rag: RagCounts;
  warningCount: number;
  /** The warnings as "CODE: message" lines, for --verbose. */
  warningLines: string[];
  /** With the xlsx format: the file's rows for records.xlsx, as JSON `{ extras, rows }` in UTF-8. */
  xlsx?: Uint8Array;
  /** Pages read with OCR (issue #11). */
  ocrPages: number;
}

/** The outcome for one file in a batch. */
export type BatchResult =
  | { file: string; ok: true; rows: BatchRows; outputs: string[]; ms: number }
  | { file: string; ok: false; code: ErrorCode; message: string; stack?: string; ms: number };

const utf8 = new TextEncoder();

/** A task that only waits for this worker's modules to load (see runBatch's warm-up). */
export interface WarmUp {
  warmUp: true;
}

/** A file to convert, with the port its progress goes back on (issue #11: "OCR page 2 of 5"). */
export type BatchTask = ConvertTask & { progress?: MessagePort };

/** What a worker reports while a file converts: a page about to be OCR'd. */
export interface BatchProgress {
  ocr: { page: number; index: number; count: number };
}

// One Tesseract worker per thread, reused from file to file; it ends with the thread.
keepOcrEngineWarm();

export default async function convert(task: BatchTask | WarmUp): Promise<BatchResult | WarmUp> {
  if ('warmUp' in task) return task;
  const { progress, ...convertTask } = task;
  const result = await convertFile(convertTask, {
    onOcrPage: progress ? (page, index, count) => progress.postMessage({ ocr: { page, index, count } } satisfies BatchProgress) : undefined,
  }).finally(() => progress?.close());
  if (!result.ok) return result;
  const doc = result.document;
  const rag = countRag(doc.records);
  const warnings = doc.warnings.map((w) => ({ file: doc.source.file, ...w }));
  return {
    file: result.file,
    ok: true,
    outputs: result.outputs,
    ms: result.ms,
    rows: {
      csv: utf8.encode(documentsToCsv([doc], { header: false })),
      jsonl: utf8.encode(documentsToJsonl([doc])),
      warnings: utf8.encode(warningsToCsv(warnings, { header: false })),
      records: doc.records.length,
      rag,
      warningCount: warnings.length,
      warningLines: warnings.map((w) => `${w.code}: ${w.message}`),
      ...(task.formats?.includes('xlsx') ? { xlsx: utf8.encode(JSON.stringify({ extras: extraHeadings([doc]), rows: recordRows([doc]) })) } : {}),
      ocrPages: doc.source.ocr?.length ?? 0,
    },
  };
}
