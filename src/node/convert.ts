/**
 * Convert one PDF file to its outputs (Node only): per format (src/node/formats.ts)
 * `DIR/X.json`, `DIR/X.csv`, `DIR/X.report.pdf`, `DIR/X.xlsx` and, with `debug`,
 * `DIR/X.debug.pdf`. Used directly and by workers.
 *
 * The records come first and are never lost to a later output (issue #12): X.json and X.csv
 * are written as soon as the document is extracted; a debug overlay, report or workbook that
 * then fails becomes a REPORT_FAILED warning on the document (X.json is rewritten with it), not
 * a failed file. When the worker itself is stopped after that point (memory limit, time limit),
 * {@link recoverRecords} finishes the file from X.json.
 *
 * `--skip-unchanged` (issue #13) trusts a file's outputs when its X.json carries the input's
 * sha256 and this tool version and every output the run asks for exists. So before the new
 * X.json is written, the outputs this conversion will write are removed: a run killed between
 * two writes leaves a matching X.json beside missing outputs (converted again next time), never
 * beside an earlier run's report of another version of the PDF.
 */
import path from 'node:path';
import { readFile, rm } from 'node:fs/promises';
import { DEFAULT_FORMATS, FORMATS, type Format } from './formats.ts';
import { PdfLoadError, toTrackerError, type ErrorCode } from '../errors.ts';
import type { TrackerDocument } from '../schema.ts';
import { checkPdfBytes } from '../pdf/sniff.ts';
import { readInput, writeFileAtomic } from './io.ts';
import { loadDictionary } from './dictionary.ts';
import { TOOL_VERSION } from './version.ts';
import type { OcrMode } from '../ocr/index.ts';
import { loadOcrEngine } from './ocr.ts';

// The heavy modules load where they are first needed (issue #9), each once per process or
// worker: pdf.js and zod (with the pipeline) only for a file that may be a PDF — a 0-byte or
// non-PDF file is refused without them — and pdf-lib, fontkit and the report fonts only when a
// report or overlay is drawn. A one-file run without a report never loads pdf-lib at all.
const pipeline = () => import('../pipeline.ts');
const writers = () => Promise.all([import('../write/json.ts'), import('../write/csv.ts')]);

/** What to do with one file. */
export interface ConvertTask {
  file: string;
  outDir: string;
  /** Output base name (X for X.json). */
  base: string;
  /** Name recorded as `source.file` (default: the file's base name). */
  sourceName?: string;
  /** Path relative to the input root, recorded as `source.path` (issue #13). */
  path?: string;
  /** Outputs to write (default json, csv, report); only their per-file outputs are written here (src/node/formats.ts). */
  formats?: readonly Format[];
  password?: string;
  debug?: boolean;
  /** false: X.csv without the UTF-8 byte order mark (--no-bom). */
  bom?: boolean;
  /** false: leave out the report whatever `formats` says (the CLI's --no-report). */
  report?: boolean;
  /** Report and workbook date (ISO): the CLI passes --generated-at, SOURCE_DATE_EPOCH or its start time. */
  generatedAt?: string;
  /** Largest input read, in bytes (`--max-size`; default 512 MB): a larger file is TOO_LARGE. */
  maxBytes?: number;
  /** When to OCR (issue #11, `--ocr`): default `auto`, scanned pages only. */
  ocr?: OcrMode;
}

/** The outcome for one file: the document, or a typed error as data. */
export type ConvertResult =
  | { file: string; ok: true; document: TrackerDocument; outputs: string[]; ms: number }
  | { file: string; ok: false; code: ErrorCode; message: string; stack?: string; ms: number };

/** Progress signals of {@link convertFile} (the worker passes them to the main thread). */
export interface ConvertHooks {
  /** X.json and X.csv are written: from here on the records survive whatever happens. */
  onRecordsWritten?: () => void;
  /** X.debug.pdf or X.report.pdf is written. */
  onOutputWritten?: (output: 'debug' | 'report') => void;
  /** Before each page is OCR'd (issue #11): 1-based page, its place among the pages to OCR, their count. */
  onOcrPage?: (pageNumber: number, index: number, count: number) => void;
  /** Called after each page is read (extractTracker's `onPage`); may throw to stop the file. */
  onPage?: (pageNumber: number, pageCount: number) => void;
  /**
   * Stops the file from outside (the one-file run's time and memory limits, inline.ts); its
   * reason, a TrackerError, is the file's error. Checked after each page and before the records
   * are written; an overlay, report or workbook being drawn when it fires is given up and
   * becomes a REPORT_FAILED warning, as when a worker is stopped then.
   */
  signal?: AbortSignal;
}

/** `work()`, or the signal's reason as soon as it fires (the work itself runs on, unobserved). */
function untilAborted<T>(work: () => Promise<T>, signal: AbortSignal | undefined): Promise<T> {
  if (!signal) return work();
  signal.throwIfAborted();
  const running = work();
  return new Promise<T>((resolve, reject) => {
    const stop = () => reject(signal.reason);
    signal.addEventListener('abort', stop, { once: true });
    running.then(resolve, reject).finally(() => signal.removeEventListener('abort', stop));
  });
}

const outPath = (task: ConvertTask, ext: string) => path.join(task.outDir, `${task.base}${ext}`);

/** The REPORT_FAILED warning for outputs that could not be written, and how to get them anyway. */
function reportFailed(task: ConvertTask, what: string[], reason: string) {
  const json = `${task.base}.json`;
  return {
    code: 'REPORT_FAILED' as const,
    message:
      `the ${what.join(' and the ')} could not be written (${reason}); the records are complete in ${json} and ${task.base}.csv.` +
      (what.includes('report') ? ` To get the report: impact-tracker report ${json} --out ${task.base}.report.pdf` : ''),
  };
}

/**
 * Read one file and extract its document, as `extract` records it: `source.path` and
 * `source.toolVersion` set (issue #13). No output is written. A 0-byte or non-PDF file is
 * refused before pdf.js and zod load: an empty download or a renamed HTML page fails in
 * milliseconds (issue #9), with the error extractTracker would give.
 * @returns the document, the extraction (pages and tables, for the debug overlay) and the bytes.
 * @throws the errors of readInput and extractTracker (TrackerError subclasses); the signal's reason.
 */
export async function extractFile(
  task: Pick<ConvertTask, 'file' | 'sourceName' | 'path' | 'password' | 'maxBytes' | 'ocr'>,
  hooks: Pick<ConvertHooks, 'onPage' | 'signal' | 'onOcrPage'> = {},
) {
  const bytes = await readInput(task.file, { maxBytes: task.maxBytes });
  const problem = checkPdfBytes(bytes);
  if (problem) throw new PdfLoadError(problem.code, problem.message);
  hooks.signal?.throwIfAborted();
  const { extractTracker } = await pipeline();
  const extracted = await extractTracker(bytes, {
    fileName: task.sourceName ?? path.basename(task.file),
    password: task.password,
    dictionary: loadDictionary,
    ocr: task.ocr ?? 'auto',
    // Loads tesseract.js and the canvas binding on the first page to OCR, never before.
    ocrEngine: loadOcrEngine,
    ...(hooks.onOcrPage ? { onOcrPage: hooks.onOcrPage } : {}),
    ...(hooks.signal ? { signal: hooks.signal } : {}),
    ...(hooks.onPage || hooks.signal
      ? {
          onPage: (page: number, count: number) => {
            hooks.signal?.throwIfAborted();
            hooks.onPage?.(page, count);
          },
        }
      : {}),
  });
  hooks.signal?.throwIfAborted();
  const document: TrackerDocument = {
    ...extracted.document,
    source: { ...extracted.document.source, ...(task.path !== undefined ? { path: task.path } : {}), toolVersion: TOOL_VERSION },
  };
  return { document, extracted, bytes };
}

/** Convert one file; never throws (errors come back as `ok: false` with a stable code). */
export async function convertFile(task: ConvertTask, hooks: ConvertHooks = {}): Promise<ConvertResult> {
  const started = performance.now();
  try {
    // Held in these two only, so they can be let go before the report (see below).
    let bytes: Uint8Array | null, extracted: Awaited<ReturnType<typeof extractFile>>['extracted'] | null, read: TrackerDocument;
    ({ bytes, extracted, document: read } = await extractFile(task, hooks));
    // Issue #8: corrections saved by `impact-tracker review` (X.corrections.json) apply again.
    const { applyCorrectionsFile, correctionsPath } = await import('./corrections-file.ts');
    const document = await applyCorrectionsFile(read, correctionsPath(task.outDir, task.base));
    const [{ documentToJson }, { documentsToCsv }] = await writers();
    const outputs: string[] = [];
    const formats = new Set(task.formats ?? DEFAULT_FORMATS);
    if (task.report === false) formats.delete('report');
    const date = task.generatedAt ? new Date(task.generatedAt) : undefined;
    const write = async (ext: string, data: string | Uint8Array) => {
      await writeFileAtomic(outPath(task, ext), data);
      outputs.push(outPath(task, ext));
    };
    // An earlier run's outputs go before the new X.json vouches for the outputs beside it
    // (--skip-unchanged, see the header).
    if (formats.has('json')) {
      const later = [...[...formats].flatMap((f) => FORMATS[f].perFile), ...(task.debug ? ['.debug.pdf'] : [])].filter((ext) => ext !== '.json');
      // Never a reason to fail the file: one that cannot be removed fails again when written.
      for (const ext of later) await rm(outPath(task, ext), { force: true }).catch(() => {});
      await write('.json', documentToJson(document));
    }
    if (formats.has('csv')) await write('.csv', documentsToCsv([document], { bom: task.bom }));
    hooks.onRecordsWritten?.();

    const failed: Array<{ what: string; file: string; error: unknown }> = [];
    // The overlay first: it needs the pages as read, which are then let go before the report
    // (on a 1,000-page tracker they are most of the memory the report would otherwise share).
    if (task.debug) {
      try {
        const { writeDebugOverlay } = await import('../write/debug.ts');
        await write('.debug.pdf', await untilAborted(() => writeDebugOverlay(bytes!, extracted!.pages, extracted!.tables, document, { password: task.password }), hooks.signal));
        hooks.onOutputWritten?.('debug');
      } catch (error) {
        failed.push({ what: 'debug overlay', file: outPath(task, '.debug.pdf'), error });
      }
    }
    bytes = null;
    extracted = null;
    if (formats.has('report')) {
      try {
        const [{ writeReport }, { loadReportFonts }] = await Promise.all([import('../write/report/index.ts'), import('./fonts.ts')]);
        await write('.report.pdf', await untilAborted(async () => writeReport(document, { fonts: await loadReportFonts(), ...(date ? { generatedAt: date } : {}) }), hooks.signal));
        hooks.onOutputWritten?.('report');
      } catch (error) {
        failed.push({ what: 'report', file: outPath(task, '.report.pdf'), error });
      }
    }
    if (formats.has('xlsx')) {
      try {
        // ExcelJS (~1 MB of JavaScript) loads only when a workbook is asked for: workers stay small.
        const { documentsToXlsx } = await import('../write/xlsx.ts');
        await write('.xlsx', await untilAborted(() => documentsToXlsx([document], { ...(date ? { date } : {}) }), hooks.signal));
      } catch (error) {
        failed.push({ what: 'workbook', file: outPath(task, '.xlsx'), error });
      }
    }
    if (failed.length) {
      // No stale output of an earlier run may stand beside records it does not show.
      for (const f of failed) await rm(f.file, { force: true }).catch(() => {});
      const reason = failed.map((f) => `${toTrackerError(f.error).code}: ${toTrackerError(f.error).message}`).join('; ');
      document.warnings.push(
        reportFailed(
          task,
          failed.map((f) => f.what),
          reason,
        ),
      );
      if (formats.has('json')) await writeFileAtomic(outPath(task, '.json'), documentToJson(document));
    }
    return { file: task.file, ok: true, document, outputs, ms: performance.now() - started };
  } catch (err) {
    const e = toTrackerError(err);
    return { file: task.file, ok: false, code: e.code, message: e.message, stack: (err as Error)?.stack, ms: performance.now() - started };
  }
}

/**
 * Finish a file whose worker was stopped after its records were written (memory or time limit
 * while drawing the report or overlay): read X.json back, add a REPORT_FAILED warning saying
 * why, rewrite X.json, and remove the output that was being drawn (an earlier run's copy would
 * not match these records). Never throws.
 * @param reason what stopped the worker, e.g. "RESOURCE_LIMIT: … more than 1 GB …".
 * @param written the outputs the stopped worker had finished (kept).
 */
export async function recoverRecords(task: ConvertTask, reason: string, written: { debug?: boolean; report?: boolean } = {}): Promise<ConvertResult> {
  const started = performance.now();
  try {
    const [{ validateDocument }, [{ documentToJson }]] = await Promise.all([import('../schema.ts'), writers()]);
    const document = validateDocument(JSON.parse(await readFile(outPath(task, '.json'), 'utf8')));
    const lost = [...(task.debug && !written.debug ? ['debug overlay'] : []), ...(task.report !== false && !written.report ? ['report'] : [])];
    document.warnings.push(reportFailed(task, lost.length ? lost : ['report'], reason));
    await writeFileAtomic(outPath(task, '.json'), documentToJson(document));
    const outputs = [outPath(task, '.json'), outPath(task, '.csv')];
    for (const [kind, ext] of [
      ['debug', '.debug.pdf'],
      ['report', '.report.pdf'],
    ] as const) {
      if (written[kind]) outputs.push(outPath(task, ext));
      else await rm(outPath(task, ext), { force: true }).catch(() => {});
    }
    return { file: task.file, ok: true, document, outputs, ms: performance.now() - started };
  } catch (err) {
    const e = toTrackerError(err);
    return {
      file: task.file,
      ok: false,
      code: e.code,
      message: `${reason}; and its records could not be recovered: ${e.message}`,
      stack: (err as Error)?.stack,
      ms: performance.now() - started,
    };
  }
}
