/**
 * Convert many PDFs into one output folder (Node only): expand inputs, run the worker batch,
 * stream the combined tables (records.csv, records.jsonl, warnings.csv) in input order,
 * write errors.csv, and remove the outputs of files that failed. The CLI's `extract` is this
 * plus argv, progress display and exit codes.
 */
import { addRagCounts, countRag, type RagCounts } from '../tracker/rag.ts';
import path from 'node:path';
import { rm } from 'node:fs/promises';
import { OptionsError } from '../errors.ts';
import { documentsToCsv, errorsToCsv, warningsToCsv } from '../write/csv.ts';
import { runBatch } from './batch.ts';
import { checkOutputFolder, expandInputs, OrderedFileWriter, outputBaseNames, outputsOf, removeOutputs, sourceNames, sweepTempFiles, writeFileAtomic } from './io.ts';
import type { BatchProgress, BatchResult } from './worker.ts';
import type { OcrMode } from '../ocr/index.ts';
import { DEFAULT_FORMATS, type Format } from './formats.ts';

/** Options of {@link extractMany}. Times in seconds. */
export interface ExtractManyOptions {
  out: string;
  jobs: number;
  timeoutSeconds: number;
  failFast?: boolean;
  password?: string;
  debug?: boolean;
  /** Outputs per file (default json, csv, report); with xlsx also records.xlsx. */
  formats?: readonly Format[];
  /** false: no report PDFs whatever `formats` says (--no-report). */
  report?: boolean;
  /** ISO date printed in reports. */
  generatedAt?: string;
  /** Called once the inputs are known, before any file runs. */
  onStart?: (info: { files: string[]; renamed: Array<{ file: string; base: string }> }) => void | Promise<void>;
  /** Called as each file finishes (completion order). */
  onResult?: (result: BatchResult) => void;
  /** When to OCR (issue #11): default `auto`, scanned pages only. */
  ocr?: OcrMode;
  /** Seconds added to a file's time limit per page it OCRs (0: `timeoutSeconds` is the whole limit). */
  ocrSecondsPerPage?: number;
  /** Called while a file converts: a page about to be OCR'd. */
  onProgress?: (file: string, progress: BatchProgress) => void;
}

/** What happened, for the summary line and the exit code. */
export interface ExtractManySummary {
  files: string[];
  /** Inputs that matched nothing, with the reason. */
  missing: Array<{ input: string; reason: string }>;
  converted: number;
  /** Files not run after a --fail-fast stop. */
  skipped: number;
  records: number;
  rag: RagCounts;
  warningCount: number;
  /** Failed files and missing inputs, in input order. */
  failures: Array<{ file: string; code: string; message: string }>;
  warningsPath: string;
  errorsPath: string;
  /** records.xlsx, when the xlsx format was asked for. */
  xlsxPath: string | null;
  /** Pages read with OCR, over all converted files (issue #11). */
  ocrPages: number;
}

/**
 * Convert every PDF in `inputs` (files, folders, globs) into `options.out`.
 * @throws OptionsError INVALID_OPTIONS when no input matches or `out` is not a writable folder.
 */
export async function extractMany(inputs: string[], options: ExtractManyOptions): Promise<ExtractManySummary> {
  const { files, missing: notFound, noMatch } = await expandInputs(inputs, [options.out]);
  const missing = [...notFound.map((input) => ({ input, reason: 'no such file or folder' })), ...noMatch.map((input) => ({ input, reason: 'the pattern matched no files' }))];
  if (!files.length && !missing.length) throw new OptionsError('INVALID_OPTIONS', `no PDF files found in ${inputs.join(', ')}`);
  if (!files.length) throw new OptionsError('INVALID_OPTIONS', missing.map((m) => `${m.input}: ${m.reason}`).join('; '));
  const outProblem = await checkOutputFolder(options.out);
  if (outProblem) throw new OptionsError('INVALID_OPTIONS', outProblem);
  // Temp files of an earlier run that was killed (kill -9, a crash) go first.
  await sweepTempFiles(options.out);

  const names = outputBaseNames(files);
  const sources = sourceNames(files);
  await options.onStart?.({
    files,
    renamed: files.filter((f) => names.get(f) !== path.basename(f).replace(/\.pdf$/i, '')).map((file) => ({ file, base: names.get(file)! })),
  });
  const tasks = files.map((file) => ({ file, outDir: options.out, base: names.get(file)!, sourceName: sources.get(file), password: options.password, debug: options.debug, formats: options.formats ?? DEFAULT_FORMATS, report: options.report, generatedAt: options.generatedAt, ocr: options.ocr }));
  const xlsxRows: Array<Uint8Array | undefined> = [];
  const wantXlsx = (options.formats ?? DEFAULT_FORMATS).includes('xlsx');

  // The combined tables are written as results arrive, in input order: the main thread holds
  // only results that arrived ahead of their turn.
  const utf8 = new TextEncoder();
  const csvOut = new OrderedFileWriter(path.join(options.out, 'records.csv'));
  const jsonlOut = new OrderedFileWriter(path.join(options.out, 'records.jsonl'));
  const warningsOut = new OrderedFileWriter(path.join(options.out, 'warnings.csv'));
  await csvOut.open(utf8.encode(documentsToCsv([])));
  await jsonlOut.open();
  await warningsOut.open(utf8.encode(warningsToCsv([])));
  const index = new Map(files.map((f, k) => [f, k]));
  const summary: ExtractManySummary = {
    files,
    missing,
    converted: 0,
    skipped: 0,
    records: 0,
    rag: countRag([]),
    warningCount: 0,
    failures: [],
    warningsPath: warningsOut.file,
    errorsPath: path.join(options.out, 'errors.csv'),
    xlsxPath: wantXlsx ? path.join(options.out, 'records.xlsx') : null,
    ocrPages: 0,
  };
  const failed: Array<{ file: string; code: string; message: string; k: number }> = [];
  let run = 0;
  const none = new Uint8Array(0);
  try {
    await runBatch(tasks, {
      jobs: Math.min(options.jobs, files.length),
      timeoutSeconds: options.timeoutSeconds,
      failFast: options.failFast,
      collect: false,
      ocrSecondsPerPage: options.ocrSecondsPerPage,
      onProgress: options.onProgress,
      onResult: (r) => {
        run++;
        const k = index.get(r.file) ?? 0;
        if (r.ok) {
          summary.converted++;
          void csvOut.push(k, r.rows.csv);
          void jsonlOut.push(k, r.rows.jsonl);
          void warningsOut.push(k, r.rows.warnings);
          summary.warningCount += r.rows.warningCount;
          summary.records += r.rows.records;
          summary.ocrPages += r.rows.ocrPages;
          addRagCounts(summary.rag, r.rows.rag);
          if (wantXlsx) xlsxRows[k] = r.rows.xlsx;
        } else {
          failed.push({ file: r.file, code: r.code, message: r.message, k });
          void csvOut.push(k, none);
          void jsonlOut.push(k, none);
          void warningsOut.push(k, none);
        }
        options.onResult?.(r);
      },
    });
  } catch (err) {
    await Promise.all([csvOut.finish(false), jsonlOut.finish(false), warningsOut.finish(false)]);
    throw err;
  }
  // Outputs of failed files go once every worker has stopped (a timed-out worker may still
  // have been finishing a write when its result arrived).
  for (const f of failed) await removeOutputs(outputsOf(options.out, names.get(f.file)!));
  summary.skipped = files.length - run;
  summary.failures = [
    ...missing.map((m) => ({ file: m.input, code: 'FILE_NOT_FOUND', message: `${m.reason}: ${m.input}` })),
    ...failed.sort((a, b) => a.k - b.k).map(({ file, code, message }) => ({ file, code, message })),
  ];
  await csvOut.finish();
  await jsonlOut.finish();
  await warningsOut.finish(summary.warningCount > 0);
  if (summary.xlsxPath) await writeFileAtomic(summary.xlsxPath, await combinedXlsx(xlsxRows, options.generatedAt));
  if (summary.failures.length) await writeFileAtomic(summary.errorsPath, errorsToCsv(summary.failures));
  else await rm(summary.errorsPath, { force: true });
  return summary;
}

/**
 * records.xlsx from the files' rows in input order. The per-file pieces are small JSON (the main
 * thread holds no documents); ExcelJS is loaded only when the xlsx format is asked for.
 */
async function combinedXlsx(pieces: Array<Uint8Array | undefined>, generatedAt: string | undefined): Promise<Uint8Array> {
  const { rowsToXlsx } = await import('../write/xlsx.ts');
  const { recordColumns } = await import('../write/csv.ts');
  const utf8 = new TextDecoder();
  const parsed = pieces.filter((p): p is Uint8Array => p !== undefined).map((p) => JSON.parse(utf8.decode(p)) as { extras: string[]; rows: string[][] });
  const extras = [...new Set(parsed.flatMap((p) => p.extras))];
  const fixed = recordColumns([]).length;
  const rows = parsed.flatMap((p) => p.rows.map((row) => [...row.slice(0, fixed), ...extras.map((h) => (p.extras.includes(h) ? row[fixed + p.extras.indexOf(h)] ?? '' : ''))]));
  return rowsToXlsx(recordColumns(extras), rows, { ...(generatedAt ? { date: new Date(generatedAt) } : {}) });
}
