/**
 * Convert many PDFs into one output folder (Node only): expand inputs, plan which to convert
 * (`--skip-unchanged`), run the worker batch, stream the combined tables (records.csv,
 * records.jsonl, warnings.csv, and records.sqlite with the sqlite format) in input order, write
 * records.xlsx (xlsx format) and errors.csv, and remove the outputs of files that failed. The CLI's `extract` is this
 * plus argv, progress display and exit codes.
 */
import { addRagCounts, countRag, type RagCounts } from '../tracker/rag.ts';
import path from 'node:path';
import { rm } from 'node:fs/promises';
import { OptionsError, toTrackerError, type ErrorCode } from '../errors.ts';
import { errorsToCsv, warningsToCsv } from '../write/csv.ts';
import {
  checkOutputFolder,
  staleOutputs,
  expandInputs,
  OrderedFileWriter,
  OUTPUT_SUFFIXES,
  outputBaseNames,
  outputsOf,
  removeOutputs,
  RUN_FILES,
  sourceNames,
  sweepTempFiles,
  writeFileAtomic,
} from './io.ts';
import { lockOutputFolder } from './lock.ts';
import type { BatchResult, BatchRows } from './worker.ts';
import type { TrackerDocument } from '../schema.ts';
import type { BatchProgress } from './probe.ts';
import type { OcrMode } from '../ocr/index.ts';
import { DEFAULT_FORMATS, type Format } from './formats.ts';
import { cachedDocument, InOrderGate, openPreviousDatabase, planFiles, type FilePlan } from './incremental.ts';
import { documentRows } from './rows.ts';
import type { OrderedDatabaseWriter } from './database/write.ts';
import { TOOL_VERSION } from './version.ts';
import { RecordsCsvWriter } from './records-csv.ts';

/** Options of {@link extractMany}. Times in seconds, sizes in bytes. */
export interface ExtractManyOptions {
  out: string;
  jobs: number;
  timeoutSeconds: number;
  /** Largest input read (`--max-size`, default 512 MB); larger files fail as TOO_LARGE. */
  maxInputBytes?: number;
  /** Memory limit of each worker (`--max-memory`, default 1 GB); a file past it fails as RESOURCE_LIMIT. */
  maxMemoryBytes?: number;
  /** Stops the run (Ctrl-C): workers end, temp files and this run's combined tables are removed, the lock released; rejects with the reason. */
  signal?: AbortSignal;
  failFast?: boolean;
  password?: string;
  debug?: boolean;
  /** What to write (src/node/formats.ts; default json, csv, report); with xlsx also records.xlsx, with sqlite records.sqlite. */
  formats?: readonly Format[];
  /** false: no report PDFs whatever `formats` says (--no-report). */
  report?: boolean;
  /**
   * Leave a file whose outputs (X.json, or its row in records.sqlite) have its sha256 and this
   * tool version as it is; its records still go into the combined tables (issue #13).
   */
  skipUnchanged?: boolean;
  /** ISO date printed in reports. */
  generatedAt?: string;
  /**
   * Remove, once every file has run, the per-file outputs in `out` that no input of this run
   * produced (io.ts staleOutputs; --clean, issue #14). `onClean` hears the list first.
   */
  clean?: boolean;
  /** Called with the outputs `clean` is about to remove, before any is removed. */
  onClean?: (files: string[]) => void;
  /** false: CSV files without the UTF-8 byte order mark (--no-bom, issue #14). Default true. */
  bom?: boolean;
  /**
   * Called once the inputs are known, before any file runs: the files, those whose outputs take
   * another name, and this tool's own outputs (X.report.pdf, X.debug.pdf) skipped in folders.
   */
  onStart?: (info: { files: string[]; renamed: Array<{ file: string; base: string; reason: string }>; ownOutputs: string[] }) => void | Promise<void>;
  /** Called as each file finishes (completion order); a file left as it is comes with `unchanged: true`. */
  onResult?: (result: BatchResult & { unchanged?: true }) => void;
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
  /** Files left as they were (--skip-unchanged); their records are in the combined tables. */
  unchanged: number;
  /** Files not run after a --fail-fast stop. */
  skipped: number;
  records: number;
  rag: RagCounts;
  warningCount: number;
  /** Failed files and missing inputs, in input order. */
  failures: Array<{ file: string; code: string; message: string }>;
  /**
   * Combined tables that could not be written (records.csv, records.jsonl, warnings.csv,
   * errors.csv; code WRITE_FAILED). None of them is left on disk: no file looks complete that
   * is not. The records are still in each X.json / X.csv.
   */
  tableFailures: Array<{ file: string; code: string; message: string }>;
  warningsPath: string;
  errorsPath: string;
  /** records.xlsx, when the xlsx format was asked for. */
  xlsxPath: string | null;
  /** records.sqlite, when the sqlite format was asked for. */
  databasePath: string | null;
  /** Outputs removed by `clean` (absent otherwise). */
  removed?: string[];
  /** Pages read with OCR by this run (issue #11; files left as they are not counted). */
  ocrPages: number;
}

/**
 * Convert every PDF in `inputs` (files, folders, globs) into `options.out`.
 * @throws OptionsError INVALID_OPTIONS when no input matches or `out` is not a writable folder.
 */
export async function extractMany(inputs: string[], options: ExtractManyOptions): Promise<ExtractManySummary> {
  const { files, relative, missing: notFound, noMatch, ownOutputs } = await expandInputs(inputs, [options.out]);
  const missing = [...notFound.map((input) => ({ input, reason: 'no such file or folder' })), ...noMatch.map((input) => ({ input, reason: 'the pattern matched no files' }))];
  if (!files.length && !missing.length)
    throw new OptionsError('INVALID_OPTIONS', `no PDF files found in ${inputs.join(', ')}${ownOutputs.length ? `; ${ownOutputsNote(ownOutputs)}` : ''}`);
  if (!files.length) throw new OptionsError('INVALID_OPTIONS', missing.map((m) => `${m.input}: ${m.reason}`).join('; '));
  const outProblem = await checkOutputFolder(options.out);
  if (outProblem) throw new OptionsError('INVALID_OPTIONS', outProblem);
  // One run per output folder at a time (issue #12); held until this function returns.
  const lock = await lockOutputFolder(options.out);
  try {
    return await convertAll(files, relative, missing, ownOutputs, options);
  } finally {
    await lock.release();
  }
}

/** Why an input's outputs are not named after it. */
function renameReason(file: string): string {
  const stem = path
    .basename(file)
    .replace(/\.pdf$/i, '')
    .toLowerCase();
  const clash = RUN_FILES.find((r) => OUTPUT_SUFFIXES.some((ext) => (stem + ext).toLowerCase() === r));
  return clash ? `would take the name of the run's own ${clash}` : 'shares its name with another input';
}

/** "skipped 2 files that look like this tool's own outputs (…)": what a folder run left out and how to take it (issue #14). */
export function ownOutputsNote(ownOutputs: readonly string[]): string {
  const n = ownOutputs.length;
  return `skipped ${n} file${n === 1 ? '' : 's'} that look${n === 1 ? 's' : ''} like this tool's own outputs — *.report.pdf, *.debug.pdf; name ${n === 1 ? 'it' : 'them'} to convert ${n === 1 ? 'it' : 'them'}`;
}

async function convertAll(
  files: string[],
  relative: ReadonlyMap<string, string>,
  missing: ExtractManySummary['missing'],
  ownOutputs: string[],
  options: ExtractManyOptions,
): Promise<ExtractManySummary> {
  // Temp files of an earlier run that was killed (kill -9, a crash) go first.
  await sweepTempFiles(options.out);

  const names = outputBaseNames(files, relative);
  const sources = sourceNames(files);
  const formats = new Set((options.formats ?? DEFAULT_FORMATS).filter((f) => f !== 'report' || options.report !== false));
  await options.onStart?.({
    files,
    renamed: files.filter((f) => names.get(f) !== path.basename(f).replace(/\.pdf$/i, '')).map((file) => ({ file, base: names.get(file)!, reason: renameReason(file) })),
    ownOutputs,
  });
  // --skip-unchanged: decide each file before any runs (incremental.ts).
  const previous = options.skipUnchanged ? await openPreviousDatabase(options.out) : null;
  const plans: FilePlan[] | null = options.skipUnchanged
    ? await planFiles(files, { out: options.out, names, sources, relative, formats, debug: options.debug, skipUnchanged: true, maxInputBytes: options.maxInputBytes }, previous)
    : null;
  const toConvert = plans ? files.filter((_, k) => plans[k]?.action === 'convert') : files;
  const tasks = toConvert.map((file) => ({
    file,
    outDir: options.out,
    base: names.get(file)!,
    sourceName: sources.get(file),
    path: relative.get(file),
    password: options.password,
    debug: options.debug,
    formats: [...formats],
    report: options.report,
    generatedAt: options.generatedAt,
    maxBytes: options.maxInputBytes,
    ocr: options.ocr,
    ...(options.bom === false ? { bom: false } : {}),
  }));
  const xlsxRows: Array<Uint8Array | undefined> = [];
  const wantXlsx = formats.has('xlsx');

  // The combined tables are written as results arrive, in input order: the main thread holds
  // only results that arrived ahead of their turn. records.csv, records.jsonl and warnings.csv
  // are written by every run (`--format` chooses the per-file outputs, issue #10);
  // records.csv's header gets every file's extra columns (records-csv.ts).
  const utf8 = new TextEncoder();
  const csvOut = new RecordsCsvWriter(path.join(options.out, 'records.csv'), { bom: options.bom });
  const jsonlOut = new OrderedFileWriter(path.join(options.out, 'records.jsonl'));
  const warningsOut = new OrderedFileWriter(path.join(options.out, 'warnings.csv'));
  const gate = new InOrderGate();
  // node:sqlite is loaded only by runs that write a database. It is opened first: when it
  // cannot be (no FTS5 in this Node's SQLite), the run stops before any output is touched.
  let database: OrderedDatabaseWriter | null = null;
  try {
    if (formats.has('sqlite')) {
      database = new (await import('./database/write.ts')).OrderedDatabaseWriter(path.join(options.out, 'records.sqlite'));
      database.open({ toolVersion: TOOL_VERSION, createdAt: new Date().toISOString() });
    }
  } catch (err) {
    previous?.db.close();
    throw err;
  }
  try {
    await csvOut.open();
    await jsonlOut.open();
    await warningsOut.open(utf8.encode(warningsToCsv([], { bom: options.bom })));
  } catch (err) {
    previous?.db.close();
    await Promise.all([csvOut.finish(false), jsonlOut.finish(false), warningsOut.finish(false), database?.finish([], false)]);
    throw new OptionsError('INVALID_OPTIONS', `cannot write to the output folder ${options.out}: ${(err as Error).message}`, { cause: err });
  }
  const index = new Map(files.map((f, k) => [f, k]));
  const summary: ExtractManySummary = {
    files,
    missing,
    converted: 0,
    unchanged: 0,
    skipped: 0,
    records: 0,
    rag: countRag([]),
    warningCount: 0,
    failures: [],
    tableFailures: [],
    warningsPath: warningsOut.file,
    errorsPath: path.join(options.out, 'errors.csv'),
    xlsxPath: wantXlsx ? path.join(options.out, 'records.xlsx') : null,
    databasePath: database ? database.file : null,
    ocrPages: 0,
  };
  const failed: Array<{ file: string; code: string; message: string; k: number }> = [];
  let run = 0;
  const none = new Uint8Array(0);
  /** File k's rows of the combined tables, or none (it failed). */
  const pushRows = (k: number, rows: BatchRows | null) => {
    void csvOut.push(k, rows);
    void jsonlOut.push(k, rows?.jsonl ?? none);
    void warningsOut.push(k, rows?.warnings ?? none);
    if (rows && wantXlsx) xlsxRows[k] = rows.xlsx;
  };
  // Files planned not to be converted, each in its turn in the main thread: one left as it is
  // gives its cached rows; one refused fails as its conversion would, without a worker.
  const takePlanned = async () => {
    for (let k = 0; k < files.length; k++) {
      const plan = plans?.[k];
      if (!plan || plan.action === 'convert') continue;
      await gate.reach(k);
      const started = performance.now();
      const fail = (code: ErrorCode, message: string) => {
        failed.push({ file: plan.file, code, message, k });
        run++;
        pushRows(k, null);
        database?.push(k, null);
        gate.done(k);
        options.onResult?.({ file: plan.file, ok: false, code, message, ms: performance.now() - started });
      };
      if (plan.action === 'refuse') {
        fail(plan.refusal!.code, plan.refusal!.message);
        continue;
      }
      let doc: TrackerDocument, rows: BatchRows;
      try {
        doc = await cachedDocument(plan, previous);
        rows = documentRows(doc, { xlsx: wantXlsx });
      } catch (err) {
        // Changed or removed since it was planned: report it, as a conversion failure would be
        // (this loop never throws, so it never leaves the workers running on their own).
        const e = toTrackerError(err);
        fail(e.code, `its earlier outputs could not be read back (${e.message}); run again without --skip-unchanged`);
        continue;
      }
      summary.unchanged++;
      pushRows(k, rows);
      database?.push(k, { document: doc, output: names.get(plan.file), convertedAt: plan.cached!.convertedAt });
      summary.warningCount += rows.warningCount;
      summary.records += rows.records;
      addRagCounts(summary.rag, rows.rag);
      gate.done(k);
      options.onResult?.({ file: plan.file, ok: true, unchanged: true, rows, outputs: [], ms: performance.now() - started });
    }
  };
  try {
    // One file to convert runs in this thread (inline.ts): no pool, no second copy of pdf.js
    // and zod, and piscina never loads (issue #9). Several files go to the worker pool, even
    // with --jobs 1: there a file past its limits is ended at once and the batch goes on.
    const convert = tasks.length === 1 ? (await import('./inline.ts')).runInline : (await import('./batch.ts')).runBatch;
    await Promise.all([
      tasks.length
        ? convert(tasks, {
            jobs: Math.min(options.jobs, tasks.length),
            timeoutSeconds: options.timeoutSeconds,
            maxMemoryBytes: options.maxMemoryBytes,
            signal: options.signal,
            failFast: options.failFast,
            collect: false,
            ocrSecondsPerPage: options.ocrSecondsPerPage,
            onProgress: options.onProgress,
            onResult: (r) => {
              run++;
              const k = index.get(r.file) ?? 0;
              if (r.ok) {
                summary.converted++;
                pushRows(k, r.rows);
                database?.push(k, { document: r.rows.document!, output: names.get(r.file), convertedAt: new Date().toISOString() });
                summary.warningCount += r.rows.warningCount;
                summary.records += r.rows.records;
                summary.ocrPages += r.rows.ocrPages;
                addRagCounts(summary.rag, r.rows.rag);
              } else {
                failed.push({ file: r.file, code: r.code, message: r.message, k });
                pushRows(k, null);
                database?.push(k, null);
              }
              gate.done(k);
              options.onResult?.(r);
            },
          }).finally(() => gate.release())
        : undefined,
      takePlanned(),
    ]);
  } catch (err) {
    previous?.db.close();
    await Promise.all([csvOut.finish(false), jsonlOut.finish(false), warningsOut.finish(false), database?.finish([], false)]);
    throw err;
  }
  previous?.db.close();
  // Outputs of failed files go once every worker has stopped (a timed-out worker may still
  // have been finishing a write when its result arrived).
  for (const f of failed) await removeOutputs(outputsOf(options.out, names.get(f.file)!));
  summary.skipped = files.length - run - summary.unchanged;
  summary.failures = [
    ...missing.map((m) => ({ file: m.input, code: 'FILE_NOT_FOUND', message: `${m.reason}: ${m.input}` })),
    ...failed.sort((a, b) => a.k - b.k).map(({ file, code, message }) => ({ file, code, message })),
  ];
  // Each combined table is finished on its own: one that fails (a full disk) is removed and
  // reported, and never stops the others from being completed or cleaned up.
  const writers: Array<[{ file: string; finish: (keep: boolean) => Promise<void> }, boolean]> = [
    [csvOut, true],
    [jsonlOut, true],
    [warningsOut, summary.warningCount > 0],
  ];
  if (database) {
    const db = database;
    writers.push([{ file: db.file, finish: () => db.finish(summary.failures.map((f) => ({ ...f, path: relative.get(f.file) }))) }, true]);
  }
  const finishes = await Promise.allSettled(writers.map(([w, keep]) => w.finish(keep)));
  finishes.forEach((f, i) => {
    if (f.status === 'rejected') summary.tableFailures.push({ file: writers[i]![0].file, code: 'WRITE_FAILED', message: toTrackerError(f.reason).message });
  });
  if (summary.xlsxPath) {
    try {
      await writeFileAtomic(summary.xlsxPath, await combinedXlsx(xlsxRows, options.generatedAt));
    } catch (err) {
      await rm(summary.xlsxPath, { force: true });
      summary.tableFailures.push({ file: summary.xlsxPath, code: 'WRITE_FAILED', message: toTrackerError(err).message });
    }
  }
  if (options.clean && !options.signal?.aborted) {
    // Every input of the run keeps its outputs' names, converted, unchanged or failed.
    const stale = await staleOutputs(options.out, new Set(names.values()));
    if (stale.length) options.onClean?.(stale);
    await removeOutputs(stale);
    summary.removed = stale;
  }
  try {
    const listed = [...summary.failures, ...summary.tableFailures.map((t) => ({ ...t, file: path.basename(t.file) }))];
    if (listed.length) await writeFileAtomic(summary.errorsPath, errorsToCsv(listed, { bom: options.bom }));
    else await rm(summary.errorsPath, { force: true });
  } catch (err) {
    await rm(summary.errorsPath, { force: true });
    summary.tableFailures.push({ file: summary.errorsPath, code: 'WRITE_FAILED', message: toTrackerError(err).message });
  }
  return summary;
}

/**
 * What `extractMany(inputs, options)` would do with each file — convert, skip (with
 * `skipUnchanged`) or refuse — and why, without writing anything (`extract --list`; issue #13).
 * Inputs that match nothing come back in `missing`.
 * @throws OptionsError INVALID_OPTIONS when no input matches at all.
 */
export async function planExtract(
  inputs: string[],
  options: Pick<ExtractManyOptions, 'out' | 'formats' | 'report' | 'debug' | 'skipUnchanged' | 'maxInputBytes'>,
): Promise<{ plans: FilePlan[]; missing: Array<{ input: string; reason: string }> }> {
  const { files, relative, missing: notFound, noMatch, ownOutputs } = await expandInputs(inputs, [options.out]);
  const missing = [...notFound.map((input) => ({ input, reason: 'no such file or folder' })), ...noMatch.map((input) => ({ input, reason: 'the pattern matched no files' }))];
  if (!files.length && !missing.length)
    throw new OptionsError('INVALID_OPTIONS', `no PDF files found in ${inputs.join(', ')}${ownOutputs.length ? `; ${ownOutputsNote(ownOutputs)}` : ''}`);
  const formats = new Set((options.formats ?? DEFAULT_FORMATS).filter((f) => f !== 'report' || options.report !== false));
  const previous = options.skipUnchanged ? await openPreviousDatabase(options.out) : null;
  try {
    const plans = await planFiles(
      files,
      {
        out: options.out,
        names: outputBaseNames(files, relative),
        sources: sourceNames(files),
        relative,
        formats,
        debug: options.debug,
        skipUnchanged: !!options.skipUnchanged,
        maxInputBytes: options.maxInputBytes,
      },
      previous,
    );
    return { plans, missing };
  } finally {
    previous?.db.close();
  }
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
  const rows = parsed.flatMap((p) => p.rows.map((row) => [...row.slice(0, fixed), ...extras.map((h) => (p.extras.includes(h) ? (row[fixed + p.extras.indexOf(h)] ?? '') : ''))]));
  return rowsToXlsx(recordColumns(extras), rows, { ...(generatedAt ? { date: new Date(generatedAt) } : {}) });
}
