/**
 * A document's share of the combined outputs of a bulk run (records.csv, records.jsonl,
 * warnings.csv, records.sqlite), built where the document is: in the worker that converted it,
 * or in the main thread for a file `--skip-unchanged` did not convert again (issue #13). Both
 * build the same bytes, so a resumed run's combined tables equal an uninterrupted run's.
 */
import { countRag, type RagCounts } from '../tracker/rag.ts';
import { documentsToCsv, extraHeadings, recordRows, warningsToCsv } from '../write/csv.ts';
import { documentsToJsonl } from '../write/json.ts';
import type { TrackerDocument } from '../schema.ts';
import type { ConvertResult } from './convert.ts';
import type { BatchResult } from './worker.ts';

/** A file's share of the combined outputs. */
export interface BatchRows {
  /**
   * Its records.csv rows (no header), records.jsonl lines and warnings.csv rows (no header), as
   * UTF-8: bytes cross to the main thread without leaving string garbage there, which grew
   * the process by ~60 MB over 1,000 files (bench).
   */
  csv: Uint8Array;
  /**
   * The headings of the document's `extra` columns, in the order its csv rows carry them after
   * the fixed columns (records.csv's header is the union over every file; records-csv.ts).
   */
  extras: string[];
  jsonl: Uint8Array;
  warnings: Uint8Array;
  /** The whole document as JSON (UTF-8), when the run writes records.sqlite; else absent. */
  document?: Uint8Array;
  records: number;
  rag: RagCounts;
  warningCount: number;
  /** The warnings as "CODE: message" lines, for --verbose. */
  warningLines: string[];
  /** With the xlsx format: the file's rows for records.xlsx, as JSON `{ extras, rows }` in UTF-8. */
  xlsx?: Uint8Array;
  /** Pages read with OCR (issue #11): the document's `source.ocr`. */
  ocrPages: number;
}

const utf8 = new TextEncoder();

/**
 * The rows of `doc` for the combined outputs; with `database`, also the document as JSON; with
 * `xlsx`, its rows of records.xlsx.
 */
export function documentRows(doc: TrackerDocument, options: { database?: boolean; xlsx?: boolean } = {}): BatchRows {
  const warnings = doc.warnings.map((w) => ({ file: doc.source.file, ...w }));
  const extras = extraHeadings([doc]);
  return {
    csv: utf8.encode(documentsToCsv([doc], { header: false, extraHeadings: extras })),
    extras,
    jsonl: utf8.encode(documentsToJsonl([doc])),
    warnings: utf8.encode(warningsToCsv(warnings, { header: false })),
    ...(options.database ? { document: utf8.encode(JSON.stringify(doc)) } : {}),
    records: doc.records.length,
    rag: countRag(doc.records),
    warningCount: warnings.length,
    warningLines: warnings.map((w) => `${w.code}: ${w.message}`),
    ...(options.xlsx ? { xlsx: utf8.encode(JSON.stringify({ extras, rows: recordRows([doc], extras) })) } : {}),
    ocrPages: doc.source.ocr?.length ?? 0,
  };
}

/**
 * A file's outcome as the run needs it: its rows of the combined tables instead of the
 * document (see {@link BatchRows}); with the sqlite format the document comes as JSON bytes, with
 * xlsx its workbook rows. Used by the workers and by the one-file run in the main thread.
 */
export function batchResultOf(result: ConvertResult, formats: readonly string[] | undefined): BatchResult {
  if (!result.ok) return result;
  const rows = documentRows(result.document, { database: formats?.includes('sqlite'), xlsx: formats?.includes('xlsx') });
  return { file: result.file, ok: true, outputs: result.outputs, ms: result.ms, rows };
}
