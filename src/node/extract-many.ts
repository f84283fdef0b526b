/**
 * Convert many PDFs into one output folder (Node only): expand inputs, run the worker batch,
 * stream the combined tables (records.csv, records.jsonl, warnings.csv) in input order,
 * write errors.csv, and remove the outputs of files that failed. The CLI's `extract` is this
 * plus argv, progress display and exit codes.
 */
import { addRagCounts, countRag, type RagCounts } from '../tracker/rag.ts';
import path from 'node:path';
import { rm } from 'node:fs/promises';
import { OptionsError, toTrackerError, type ErrorCode } from '../errors.ts';
import { documentsToCsv, errorsToCsv, warningsToCsv } from '../write/csv.ts';
import { runBatch } from './batch.ts';
import { checkOutputFolder, expandInputs, OrderedFileWriter, outputBaseNames, outputsOf, removeOutputs, sourceNames, sweepTempFiles, writeFileAtomic } from './io.ts';
import type { BatchResult } from './worker.ts';
import { DEFAULT_FORMATS, type Format } from './formats.ts';
import { cachedDocument, InOrderGate, openPreviousDatabase, planFiles, type FilePlan } from './incremental.ts';
import { documentRows } from './rows.ts';
import type { OrderedDatabaseWriter } from './database/write.ts';
import { TOOL_VERSION } from './version.ts';

/** Options of {@link extractMany}. Times in seconds. */
export interface ExtractManyOptions {
  out: string;
  jobs: number;
  timeoutSeconds: number;
  failFast?: boolean;
  password?: string;
  debug?: boolean;
  /** Write each file's report PDF (default true; false overrides `formats`). */
  report?: boolean;
  /** What to write (src/node/formats.ts); default json, csv, report. */
  formats?: readonly Format[];
  /**
   * Leave a file whose outputs (X.json, or its row in records.sqlite) have its sha256 and this
   * tool version as it is; its records still go into the combined tables (issue #13).
   */
  skipUnchanged?: boolean;
  /** ISO date printed in reports. */
  generatedAt?: string;
  /** Called once the inputs are known, before any file runs. */
  onStart?: (info: { files: string[]; renamed: Array<{ file: string; base: string }> }) => void | Promise<void>;
  /** Called as each file finishes (completion order); a file left as it is comes with `unchanged: true`. */
  onResult?: (result: BatchResult & { unchanged?: true }) => void;
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
  warningsPath: string;
  errorsPath: string;
  /** records.sqlite, when written. */
  databasePath?: string;
}

/**
 * Convert every PDF in `inputs` (files, folders, globs) into `options.out`.
 * @throws OptionsError INVALID_OPTIONS when no input matches or `out` is not a writable folder.
 */
export async function extractMany(inputs: string[], options: ExtractManyOptions): Promise<ExtractManySummary> {
  const { files, relative, missing: notFound, noMatch } = await expandInputs(inputs, [options.out]);
  const missing = [...notFound.map((input) => ({ input, reason: 'no such file or folder' })), ...noMatch.map((input) => ({ input, reason: 'the pattern matched no files' }))];
  if (!files.length && !missing.length) throw new OptionsError('INVALID_OPTIONS', `no PDF files found in ${inputs.join(', ')}`);
  if (!files.length) throw new OptionsError('INVALID_OPTIONS', missing.map((m) => `${m.input}: ${m.reason}`).join('; '));
  const outProblem = await checkOutputFolder(options.out);
  if (outProblem) throw new OptionsError('INVALID_OPTIONS', outProblem);
  // Temp files of an earlier run that was killed (kill -9, a crash) go first.
  await sweepTempFiles(options.out);

  const names = outputBaseNames(files, relative);
  const sources = sourceNames(files);
  const formats = new Set((options.formats ?? DEFAULT_FORMATS).filter((f) => f !== 'report' || options.report !== false));
  await options.onStart?.({
    files,
    renamed: files.filter((f) => names.get(f) !== path.basename(f).replace(/\.pdf$/i, '')).map((file) => ({ file, base: names.get(file)! })),
  });
  // --skip-unchanged: decide each file before any runs (incremental.ts).
  const previous = options.skipUnchanged ? await openPreviousDatabase(options.out) : null;
  const plans: FilePlan[] | null = options.skipUnchanged ? await planFiles(files, { out: options.out, names, sources, relative, formats, debug: options.debug, skipUnchanged: true }, previous) : null;
  const toConvert = plans ? files.filter((_, k) => plans[k].action === 'convert') : files;
  const tasks = toConvert.map((file) => ({ file, outDir: options.out, base: names.get(file)!, sourceName: sources.get(file), path: relative.get(file), formats: [...formats], password: options.password, debug: options.debug, generatedAt: options.generatedAt }));

  // The combined tables are written as results arrive, in input order: the main thread holds
  // only results that arrived ahead of their turn.
  const database: OrderedDatabaseWriter | null = formats.has('sqlite') ? new (await import('./database/write.ts')).OrderedDatabaseWriter(path.join(options.out, 'records.sqlite')) : null;
  database?.open({ toolVersion: TOOL_VERSION, createdAt: new Date().toISOString() });
  const utf8 = new TextEncoder();
  // Each combined table is written only when its format is asked for (formats.ts).
  const csvOut = formats.has('csv') ? new OrderedFileWriter(path.join(options.out, 'records.csv')) : null;
  const jsonlOut = formats.has('json') ? new OrderedFileWriter(path.join(options.out, 'records.jsonl')) : null;
  const warningsOut = formats.has('csv') ? new OrderedFileWriter(path.join(options.out, 'warnings.csv')) : null;
  await csvOut?.open(utf8.encode(documentsToCsv([])));
  await jsonlOut?.open();
  await warningsOut?.open(utf8.encode(warningsToCsv([])));
  const gate = new InOrderGate();
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
    warningsPath: path.join(options.out, 'warnings.csv'),
    errorsPath: path.join(options.out, 'errors.csv'),
    ...(database ? { databasePath: database.file } : {}),
  };
  const failed: Array<{ file: string; code: string; message: string; k: number }> = [];
  let run = 0;
  const none = new Uint8Array(0);
  /** File k's rows of the combined tables, or none (it failed). */
  const pushRows = (k: number, rows: { csv: Uint8Array; jsonl: Uint8Array; warnings: Uint8Array } | null) => {
    void csvOut?.push(k, rows?.csv ?? none);
    void jsonlOut?.push(k, rows?.jsonl ?? none);
    void warningsOut?.push(k, rows?.warnings ?? none);
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
      let doc, rows;
      try {
        doc = await cachedDocument(plan, previous);
        rows = documentRows(doc);
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
    await Promise.all([tasks.length ? runBatch(tasks, {
      jobs: Math.min(options.jobs, tasks.length),
      timeoutSeconds: options.timeoutSeconds,
      failFast: options.failFast,
      collect: false,
      onResult: (r) => {
        run++;
        const k = index.get(r.file) ?? 0;
        if (r.ok) {
          summary.converted++;
          pushRows(k, r.rows);
          database?.push(k, { document: r.rows.document!, output: names.get(r.file), convertedAt: new Date().toISOString() });
          summary.warningCount += r.rows.warningCount;
          summary.records += r.rows.records;
          addRagCounts(summary.rag, r.rows.rag);
        } else {
          failed.push({ file: r.file, code: r.code, message: r.message, k });
          pushRows(k, null);
          database?.push(k, null);
        }
        gate.done(k);
        options.onResult?.(r);
      },
    }).finally(() => gate.release()) : undefined, takePlanned()]);
  } catch (err) {
    await Promise.all([csvOut?.finish(false), jsonlOut?.finish(false), warningsOut?.finish(false), database?.finish([], false)]);
    previous?.db.close();
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
  await csvOut?.finish();
  await jsonlOut?.finish();
  await warningsOut?.finish(summary.warningCount > 0);
  await database?.finish(summary.failures.map((f) => ({ ...f, path: relative.get(f.file) })));
  if (summary.failures.length) await writeFileAtomic(summary.errorsPath, errorsToCsv(summary.failures));
  else await rm(summary.errorsPath, { force: true });
  return summary;
}

/**
 * What `extractMany(inputs, options)` would do with each file — convert, skip (with
 * `skipUnchanged`) or refuse — and why, without writing anything (`extract --list`; issue #13).
 * Inputs that match nothing come back in `missing`.
 * @throws OptionsError INVALID_OPTIONS when no input matches at all.
 */
export async function planExtract(inputs: string[], options: Pick<ExtractManyOptions, 'out' | 'formats' | 'report' | 'debug' | 'skipUnchanged'>): Promise<{ plans: FilePlan[]; missing: Array<{ input: string; reason: string }> }> {
  const { files, relative, missing: notFound, noMatch } = await expandInputs(inputs, [options.out]);
  const missing = [...notFound.map((input) => ({ input, reason: 'no such file or folder' })), ...noMatch.map((input) => ({ input, reason: 'the pattern matched no files' }))];
  if (!files.length && !missing.length) throw new OptionsError('INVALID_OPTIONS', `no PDF files found in ${inputs.join(', ')}`);
  const formats = new Set((options.formats ?? DEFAULT_FORMATS).filter((f) => f !== 'report' || options.report !== false));
  const previous = options.skipUnchanged ? await openPreviousDatabase(options.out) : null;
  try {
    const plans = await planFiles(files, { out: options.out, names: outputBaseNames(files, relative), sources: sourceNames(files), relative, formats, debug: options.debug, skipUnchanged: !!options.skipUnchanged }, previous);
    return { plans, missing };
  } finally {
    previous?.db.close();
  }
}
