/**
 * The outputs `extract --format` can write (issues #10 and #13). One entry per format: a new
 * format joins with one line here and its writer; the CLI and `extractMany` read only this.
 */
import { OptionsError } from '../errors.ts';

/**
 * Each format: what it writes, as the CLI's help says it, and the endings of the outputs it
 * writes per file (X.json …), which `--skip-unchanged` expects to find before it leaves a
 * file as it is (incremental.ts).
 */
export const FORMATS = {
  json: { writes: 'X.json per file, and records.jsonl', perFile: ['.json'] },
  csv: { writes: 'X.csv per file, and records.csv and warnings.csv', perFile: ['.csv'] },
  report: { writes: 'X.report.pdf per file', perFile: ['.report.pdf'] },
  sqlite: { writes: 'records.sqlite: documents, tables, records, cells, warnings and errors, with full-text search', perFile: [] },
} as const satisfies Record<string, { writes: string; perFile: readonly string[] }>;

/** A format name. */
export type Format = keyof typeof FORMATS;

/** What `extract` writes unless told otherwise. */
export const DEFAULT_FORMATS: readonly Format[] = ['json', 'csv', 'report'];

/**
 * Parse a comma-separated list ("json,csv,sqlite", any case, spaces allowed) into formats, in
 * the order of FORMATS, without repeats.
 * @throws OptionsError INVALID_OPTIONS naming the unknown format and the known ones.
 */
export function parseFormats(list: string): Format[] {
  const names = list.split(',').map((s) => s.trim().toLowerCase()).filter(Boolean);
  const unknown = names.filter((n) => !(n in FORMATS));
  if (unknown.length || !names.length) {
    throw new OptionsError('INVALID_OPTIONS', `--format ${unknown.length ? `does not know ${unknown.join(', ')}` : 'needs at least one format'}; choose from ${Object.keys(FORMATS).join(', ')}`);
  }
  return (Object.keys(FORMATS) as Format[]).filter((f) => names.includes(f));
}
