/**
 * The output formats of `extract --format` (issues #10 and #13), validated in this one place: a
 * new format joins with one line in {@link FORMATS} (and its writer in convert.ts /
 * extract-many.ts); the CLI, `extractMany` and `--skip-unchanged` read only this.
 */
import { OptionsError } from '../errors.ts';

/**
 * Every format: what it writes per input X.pdf and for the whole run (as the CLI's help says
 * it), and the endings of the outputs it writes per file (X.json …), which `--skip-unchanged`
 * expects to find before it leaves a file as it is (incremental.ts). records.csv,
 * records.jsonl and warnings.csv are written by every run, whatever the formats.
 */
export const FORMATS = {
  json: { writes: 'X.json: the document (records, tables, warnings)', perFile: ['.json'] },
  csv: { writes: 'X.csv: the records as CSV', perFile: ['.csv'] },
  report: { writes: 'X.report.pdf: the accessible PDF report', perFile: ['.report.pdf'] },
  xlsx: { writes: 'X.xlsx, and records.xlsx of all files: Excel workbooks', perFile: ['.xlsx'] },
  sqlite: { writes: 'records.sqlite of all files: documents, tables, records, cells, warnings and errors, with full-text search', perFile: [] },
} as const satisfies Record<string, { writes: string; perFile: readonly string[] }>;

/** A format name. */
export type Format = keyof typeof FORMATS;

/** What `extract` writes without --format. */
export const DEFAULT_FORMATS: readonly Format[] = ['json', 'csv', 'report'];

/**
 * Parse a comma-separated list ("json,csv,sqlite"; spaces and case ignored, duplicates dropped)
 * into formats, in the order of {@link FORMATS}.
 * @throws OptionsError INVALID_OPTIONS naming the unknown entries and the known ones.
 */
export function parseFormats(list: string): Format[] {
  const asked = list
    .split(',')
    .map((s) => s.trim().toLowerCase())
    .filter(Boolean);
  const known = Object.keys(FORMATS) as Format[];
  const unknown = asked.filter((a) => !(known as string[]).includes(a));
  if (unknown.length) throw new OptionsError('INVALID_OPTIONS', `--format: unknown format${unknown.length > 1 ? 's' : ''} ${unknown.join(', ')}; choose from ${known.join(', ')}`);
  if (!asked.length) throw new OptionsError('INVALID_OPTIONS', `--format: give at least one of ${known.join(', ')}`);
  return known.filter((f) => asked.includes(f));
}
