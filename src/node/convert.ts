/**
 * Convert one PDF file to its outputs (Node only): per format (src/node/formats.ts)
 * `DIR/X.json`, `DIR/X.csv`, `DIR/X.report.pdf`, `DIR/X.xlsx` and, with `debug`,
 * `DIR/X.debug.pdf`. Used directly and by workers.
 */
import path from 'node:path';
import { extractTracker } from '../pipeline.ts';
import { documentToJson } from '../write/json.ts';
import { documentsToCsv } from '../write/csv.ts';
import { writeReport } from '../write/report/index.ts';
import { DEFAULT_FORMATS, type Format } from './formats.ts';
import { writeDebugOverlay } from '../write/debug.ts';
import { toTrackerError, type ErrorCode } from '../errors.ts';
import type { TrackerDocument } from '../schema.ts';
import { readInput, writeFileAtomic } from './io.ts';
import { loadReportFonts } from './fonts.ts';
import { loadDictionary } from './dictionary.ts';
import { applyCorrectionsFile, correctionsPath } from './corrections-file.ts';
import type { OcrMode } from '../ocr/index.ts';
import { loadOcrEngine } from './ocr.ts';

/** What to do with one file. */
export interface ConvertTask {
  file: string;
  outDir: string;
  /** Output base name (X for X.json). */
  base: string;
  /** Name recorded as `source.file` (default: the file's base name). */
  sourceName?: string;
  password?: string;
  debug?: boolean;
  /** Outputs to write (default json, csv, report). */
  formats?: readonly Format[];
  /** false: leave out the report whatever `formats` says (the CLI's --no-report). */
  report?: boolean;
  /** Report and workbook date (ISO): the CLI passes --generated-at, SOURCE_DATE_EPOCH or its start time. */
  generatedAt?: string;
  /** When to OCR (issue #11, `--ocr`): default `auto`, scanned pages only. */
  ocr?: OcrMode;
}

/** Called while a file converts (not part of the task, which crosses to worker threads). */
export interface ConvertHooks {
  /** Before each page is OCR'd: 1-based page, its place among the pages to OCR, their count. */
  onOcrPage?: (pageNumber: number, index: number, count: number) => void;
}

/** The outcome for one file: the document, or a typed error as data. */
export type ConvertResult =
  | { file: string; ok: true; document: TrackerDocument; outputs: string[]; ms: number }
  | { file: string; ok: false; code: ErrorCode; message: string; stack?: string; ms: number };

/** Convert one file; never throws (errors come back as `ok: false` with a stable code). */
export async function convertFile(task: ConvertTask, hooks: ConvertHooks = {}): Promise<ConvertResult> {
  const started = performance.now();
  try {
    const bytes = await readInput(task.file);
    const extracted = await extractTracker(bytes, {
      fileName: task.sourceName ?? path.basename(task.file),
      password: task.password,
      dictionary: loadDictionary,
      ocr: task.ocr ?? 'auto',
      // Loads tesseract.js and the canvas binding on the first page to OCR, never before.
      ocrEngine: loadOcrEngine,
      ...(hooks.onOcrPage ? { onOcrPage: hooks.onOcrPage } : {}),
    });
    const { tables, pages } = extracted;
    // Issue #8: corrections saved by `impact-tracker review` (X.corrections.json) apply again.
    const document = await applyCorrectionsFile(extracted.document, correctionsPath(task.outDir, task.base));
    const out = (ext: string) => path.join(task.outDir, `${task.base}${ext}`);
    const outputs: string[] = [];
    const formats = new Set(task.formats ?? DEFAULT_FORMATS);
    if (task.report === false) formats.delete('report');
    const date = task.generatedAt ? new Date(task.generatedAt) : undefined;
    const write = async (ext: string, data: string | Uint8Array) => {
      await writeFileAtomic(out(ext), data);
      outputs.push(out(ext));
    };
    if (formats.has('json')) await write('.json', documentToJson(document));
    if (formats.has('csv')) await write('.csv', documentsToCsv([document]));
    if (formats.has('report')) await write('.report.pdf', await writeReport(document, { fonts: await loadReportFonts(), ...(date ? { generatedAt: date } : {}) }));
    if (formats.has('xlsx')) {
      // ExcelJS (~1 MB of JavaScript) loads only when a workbook is asked for: workers stay small.
      const { documentsToXlsx } = await import('../write/xlsx.ts');
      await write('.xlsx', await documentsToXlsx([document], { ...(date ? { date } : {}) }));
    }
    if (task.debug) {
      await writeFileAtomic(out('.debug.pdf'), await writeDebugOverlay(bytes, pages, tables, document, { password: task.password }));
      outputs.push(out('.debug.pdf'));
    }
    return { file: task.file, ok: true, document, outputs, ms: performance.now() - started };
  } catch (err) {
    const e = toTrackerError(err);
    return { file: task.file, ok: false, code: e.code, message: e.message, stack: (err as Error)?.stack, ms: performance.now() - started };
  }
}

