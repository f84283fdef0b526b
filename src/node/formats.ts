/**
 * The output formats of `extract --format` (issue #10), validated in this one place: a new
 * format joins with one line in {@link FORMATS} (and its writer in convert.ts / extract-many.ts).
 */
import { OptionsError } from '../errors.ts';

/** Every format: what it writes per input X.pdf and for the whole run. */
export const FORMATS = {
  json: 'X.json: the document (records, tables, warnings)',
  csv: 'X.csv: the records as CSV',
  report: 'X.report.pdf: the accessible PDF report',
  xlsx: 'X.xlsx, and records.xlsx of all files: Excel workbooks',
} as const;

export type Format = keyof typeof FORMATS;

/** What `extract` writes without --format. */
export const DEFAULT_FORMATS: readonly Format[] = ['json', 'csv', 'report'];

/**
 * Parse a comma-separated list ("json,csv,xlsx"; spaces and case ignored, duplicates dropped)
 * into formats, in the order of {@link FORMATS}.
 * @throws OptionsError INVALID_OPTIONS naming the unknown entries and the known ones.
 */
export function parseFormats(list: string): Format[] {
  const asked = list.split(',').map((s) => s.trim().toLowerCase()).filter(Boolean);
  const known = Object.keys(FORMATS) as Format[];
  const unknown = asked.filter((a) => !(known as string[]).includes(a));
  if (unknown.length) throw new OptionsError('INVALID_OPTIONS', `--format: unknown format${unknown.length > 1 ? 's' : ''} ${unknown.join(', ')}; choose from ${known.join(', ')}`);
  if (!asked.length) throw new OptionsError('INVALID_OPTIONS', `--format: give at least one of ${known.join(', ')}`);
  return known.filter((f) => asked.includes(f));
}
