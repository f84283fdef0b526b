/**
 * Convert one PDF file to its outputs (Node only): `DIR/X.json`, `DIR/X.csv`,
 * `DIR/X.report.pdf` (as `formats` asks) and, with `debug`, `DIR/X.debug.pdf`. Used directly
 * and by workers.
 *
 * X.json is written last: it carries the input's sha256 and the tool version, and
 * `--skip-unchanged` trusts a file's other outputs only when its X.json matches (issue #13), so
 * a run killed between two writes leaves an X.json that does not match, never one that vouches
 * for outputs not yet written.
 */
import path from 'node:path';
import { extractTracker } from '../pipeline.ts';
import { documentToJson } from '../write/json.ts';
import { documentsToCsv } from '../write/csv.ts';
import { writeReport } from '../write/report.ts';
import { writeDebugOverlay } from '../write/debug.ts';
import { toTrackerError, type ErrorCode } from '../errors.ts';
import type { TrackerDocument } from '../schema.ts';
import { readInput, writeFileAtomic } from './io.ts';
import { loadReportFonts } from './fonts.ts';
import { loadDictionary } from './dictionary.ts';
import { DEFAULT_FORMATS, type Format } from './formats.ts';
import { TOOL_VERSION } from './version.ts';

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
  /** Per-file outputs to write: `json`, `csv`, `report` (others are combined outputs; default json, csv, report). */
  formats?: readonly Format[];
  password?: string;
  debug?: boolean;
  /** false: no report PDF, whatever `formats` says. */
  report?: boolean;
  /** Injected report date (ISO), for reproducible output. */
  generatedAt?: string;
}

/** The outcome for one file: the document, or a typed error as data. */
export type ConvertResult =
  | { file: string; ok: true; document: TrackerDocument; outputs: string[]; ms: number }
  | { file: string; ok: false; code: ErrorCode; message: string; stack?: string; ms: number };

/** Convert one file; never throws (errors come back as `ok: false` with a stable code). */
export async function convertFile(task: ConvertTask): Promise<ConvertResult> {
  const started = performance.now();
  try {
    const bytes = await readInput(task.file);
    const extracted = await extractTracker(bytes, {
      fileName: task.sourceName ?? path.basename(task.file),
      password: task.password,
      dictionary: loadDictionary,
    });
    const { tables, pages } = extracted;
    const document: TrackerDocument = { ...extracted.document, source: { ...extracted.document.source, ...(task.path !== undefined ? { path: task.path } : {}), toolVersion: TOOL_VERSION } };
    const formats = new Set(task.formats ?? DEFAULT_FORMATS);
    const out = (ext: string) => path.join(task.outDir, `${task.base}${ext}`);
    const outputs: string[] = [];
    if (formats.has('csv')) {
      await writeFileAtomic(out('.csv'), documentsToCsv([document]));
      outputs.push(out('.csv'));
    }
    if (formats.has('report') && task.report !== false) {
      const pdf = await writeReport(document, { fonts: await loadReportFonts(), ...(task.generatedAt ? { generatedAt: new Date(task.generatedAt) } : {}) });
      await writeFileAtomic(out('.report.pdf'), pdf);
      outputs.push(out('.report.pdf'));
    }
    if (task.debug) {
      await writeFileAtomic(out('.debug.pdf'), await writeDebugOverlay(bytes, pages, tables, document, { password: task.password }));
      outputs.push(out('.debug.pdf'));
    }
    if (formats.has('json')) {
      await writeFileAtomic(out('.json'), documentToJson(document));
      outputs.unshift(out('.json'));
    }
    return { file: task.file, ok: true, document, outputs, ms: performance.now() - started };
  } catch (err) {
    const e = toTrackerError(err);
    return { file: task.file, ok: false, code: e.code, message: e.message, stack: (err as Error)?.stack, ms: performance.now() - started };
  }
}

