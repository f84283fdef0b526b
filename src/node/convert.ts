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
import { extractTracker } from '../pipeline.ts';
import { documentToJson } from '../write/json.ts';
import { documentsToCsv } from '../write/csv.ts';
import { writeReport } from '../write/report/index.ts';
import { DEFAULT_FORMATS, FORMATS, type Format } from './formats.ts';
import { writeDebugOverlay } from '../write/debug.ts';
import { toTrackerError, type ErrorCode } from '../errors.ts';
import { validateDocument, type TrackerDocument } from '../schema.ts';
import { readInput, writeFileAtomic } from './io.ts';
import { loadReportFonts } from './fonts.ts';
import { loadDictionary } from './dictionary.ts';
import { applyCorrectionsFile, correctionsPath } from './corrections-file.ts';
import { TOOL_VERSION } from './version.ts';
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
}

const outPath = (task: ConvertTask, ext: string) => path.join(task.outDir, `${task.base}${ext}`);

/** The REPORT_FAILED warning for outputs that could not be written, and how to get them anyway. */
function reportFailed(task: ConvertTask, what: string[], reason: string) {
  const json = `${task.base}.json`;
  return {
    code: 'REPORT_FAILED' as const,
    message: `the ${what.join(' and the ')} could not be written (${reason}); the records are complete in ${json} and ${task.base}.csv.` +
      (what.includes('report') ? ` To get the report: impact-tracker report ${json} --out ${task.base}.report.pdf` : ''),
  };
}

/** Convert one file; never throws (errors come back as `ok: false` with a stable code). */
export async function convertFile(task: ConvertTask, hooks: ConvertHooks = {}): Promise<ConvertResult> {
  const started = performance.now();
  try {
    let bytes: Uint8Array | null = await readInput(task.file, { maxBytes: task.maxBytes });
    let extracted: Awaited<ReturnType<typeof extractTracker>> | null = await extractTracker(bytes, {
      fileName: task.sourceName ?? path.basename(task.file),
      password: task.password,
      dictionary: loadDictionary,
      ocr: task.ocr ?? 'auto',
      // Loads tesseract.js and the canvas binding on the first page to OCR, never before.
      ocrEngine: loadOcrEngine,
      ...(hooks.onOcrPage ? { onOcrPage: hooks.onOcrPage } : {}),
    });
    // Issue #13: where the PDF sits under its input root, and which impact-tracker read it.
    const read: TrackerDocument = { ...extracted.document, source: { ...extracted.document.source, ...(task.path !== undefined ? { path: task.path } : {}), toolVersion: TOOL_VERSION } };
    // Issue #8: corrections saved by `impact-tracker review` (X.corrections.json) apply again.
    const document = await applyCorrectionsFile(read, correctionsPath(task.outDir, task.base));
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
        await write('.debug.pdf', await writeDebugOverlay(bytes, extracted.pages, extracted.tables, document, { password: task.password }));
        hooks.onOutputWritten?.('debug');
      } catch (error) {
        failed.push({ what: 'debug overlay', file: outPath(task, '.debug.pdf'), error });
      }
    }
    bytes = null;
    extracted = null;
    if (formats.has('report')) {
      try {
        await write('.report.pdf', await writeReport(document, { fonts: await loadReportFonts(), ...(date ? { generatedAt: date } : {}) }));
        hooks.onOutputWritten?.('report');
      } catch (error) {
        failed.push({ what: 'report', file: outPath(task, '.report.pdf'), error });
      }
    }
    if (formats.has('xlsx')) {
      try {
        // ExcelJS (~1 MB of JavaScript) loads only when a workbook is asked for: workers stay small.
        const { documentsToXlsx } = await import('../write/xlsx.ts');
        await write('.xlsx', await documentsToXlsx([document], { ...(date ? { date } : {}) }));
      } catch (error) {
        failed.push({ what: 'workbook', file: outPath(task, '.xlsx'), error });
      }
    }
    if (failed.length) {
      // No stale output of an earlier run may stand beside records it does not show.
      for (const f of failed) await rm(f.file, { force: true }).catch(() => {});
      const reason = failed.map((f) => `${toTrackerError(f.error).code}: ${toTrackerError(f.error).message}`).join('; ');
      document.warnings.push(reportFailed(task, failed.map((f) => f.what), reason));
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
    const document = validateDocument(JSON.parse(await readFile(outPath(task, '.json'), 'utf8')));
    const lost = [...(task.debug && !written.debug ? ['debug overlay'] : []), ...(task.report !== false && !written.report ? ['report'] : [])];
    document.warnings.push(reportFailed(task, lost.length ? lost : ['report'], reason));
    await writeFileAtomic(outPath(task, '.json'), documentToJson(document));
    const outputs = [outPath(task, '.json'), outPath(task, '.csv')];
    for (const [kind, ext] of [['debug', '.debug.pdf'], ['report', '.report.pdf']] as const) {
      if (written[kind]) outputs.push(outPath(task, ext));
      else await rm(outPath(task, ext), { force: true }).catch(() => {});
    }
    return { file: task.file, ok: true, document, outputs, ms: performance.now() - started };
  } catch (err) {
    const e = toTrackerError(err);
    return { file: task.file, ok: false, code: e.code, message: `${reason}; and its records could not be recovered: ${e.message}`, stack: (err as Error)?.stack, ms: performance.now() - started };
  }
}
