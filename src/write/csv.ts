/**
 * Records ⇄ CSV with papaparse (the only file that imports it). One header row, one row per
 * record, fixed column order, UTF-8 with a BOM so Excel reads it as UTF-8, CRLF line ends,
 * every field quoted when it needs it, embedded newlines kept.
 *
 * Spreadsheet formulas are guarded by hand: a value starting with = + - @ TAB or CR gets a
 * leading apostrophe (OWASP CSV injection advice), which `parseRecordsCsv` removes again.
 * papaparse's own `escapeFormulae` skips values containing a newline (mholt/PapaParse#1149).
 */
import Papa from 'papaparse';
import type { TrackerDocument, TrackerRecord } from '../schema.ts';
import { TrackerRecordSchema, TrackerDocumentSchema, SCHEMA_VERSION } from '../schema.ts';
import { RecordsInputError } from '../errors.ts';
import { normalizeRagWord } from '../tracker/rag.ts';

/**
 * The CSV columns, in order. `path` is the PDF's path relative to the input root (issue #13;
 * empty for documents without one). `pages` is a ";"-separated list of 1-based page numbers;
 * `review` the record's review codes separated by "; " (issue #7); `tableHeading` the heading
 * printed above the record's table ("Further recommendations (June 2023)", issue #10), so a
 * report made from the CSV keeps it. Columns a tracker has beyond these (`extra`, e.g. a
 * council's "Lead officer") follow, named by their heading as printed.
 */
export const CSV_COLUMNS = [
  'file',
  'path',
  'title',
  'committee',
  'table',
  'id',
  'label',
  'recommendation',
  'response',
  'progress',
  'rag',
  'ragSource',
  'pages',
  'review',
  'tableHeading',
] as const;

/** A heading of an `extra` column as its CSV column name: as printed, prefixed where it would clash with a fixed column. */
function extraColumnName(heading: string): string {
  return CSV_COLUMNS.some((c) => c.toLowerCase() === heading.trim().toLowerCase()) ? `extra: ${heading}` : heading;
}

/** The extra headings of the documents' records, in order of first appearance. */
export function extraHeadings(docs: readonly TrackerDocument[]): string[] {
  const seen = new Set<string>();
  for (const d of docs) for (const r of d.records) for (const k of Object.keys(r.extra ?? {})) seen.add(k);
  return [...seen];
}

/** Options every CSV writer takes. */
export interface CsvOptions {
  /**
   * Start with a UTF-8 byte order mark (default true): Excel then reads the file as UTF-8. Some
   * readers (Python's csv with encoding "utf-8") see it as part of the first heading; `false`
   * (the CLI's --no-bom, issue #14) leaves it out.
   */
  bom?: boolean;
}

/**
 * A CSV table: BOM (unless `bom` is false), header row and CRLF-terminated rows; with
 * `header: false` only the rows (no BOM), to append to a header written before.
 */
function csvTable(fields: readonly string[], rows: string[][], header = true, bom = true): string {
  const body = rows.length ? Papa.unparse(rows, { newline: '\r\n', quotes: false }) + '\r\n' : '';
  return header ? (bom ? '\uFEFF' : '') + Papa.unparse([[...fields]], { newline: '\r\n' }) + '\r\n' + body : body;
}

/**
 * A value that starts like a formula, after any apostrophes: it gets one more apostrophe when
 * written and loses one when read, so a cell that really begins with `'=` (or `''+`) comes back
 * as it was (issue #12) while Excel shows every such value as text.
 */
const FORMULA_START = /^'*[=+\-@\t\r]/;
const guard = (v: string) => (FORMULA_START.test(v) ? `'${v}` : v);
const unguard = (v: string) => (/^'+[=+\-@\t\r]/.test(v) ? v.slice(1) : v);

/**
 * One CSV row per record of every document, with the document's file, title and committee.
 * With `{ header: false }` only the rows (CRLF-terminated, no BOM), to concatenate per-file
 * pieces after a `documentsToCsv([])` header.
 */
export function documentsToCsv(docs: TrackerDocument[], options: CsvOptions & { header?: boolean; extraHeadings?: string[] } = {}): string {
  const extras = options.extraHeadings ?? extraHeadings(docs);
  const rows = recordRows(docs, extras).map((row) => row.map(guard));
  return csvTable([...CSV_COLUMNS, ...extras.map(extraColumnName)], rows, options.header !== false, options.bom !== false);
}

/**
 * The table's cells, unguarded: one row per record of every document, in CSV_COLUMNS order
 * then the `extras` headings (shared by the CSV and the Excel workbook, src/write/xlsx.ts).
 */
export function recordRows(docs: readonly TrackerDocument[], extras: readonly string[] = extraHeadings(docs)): string[][] {
  return docs.flatMap((d) => {
    const headings = new Map(d.tables.map((t) => [t.index, t.heading ?? '']));
    return d.records.map((r) => [
      d.source.file,
      d.source.path ?? '',
      d.title,
      d.committee,
      String(r.table),
      r.id,
      r.label,
      r.recommendation,
      r.response,
      r.progress,
      r.rag ?? '',
      r.ragSource ?? '',
      r.pages.join(';'),
      r.review.map((x) => x.code).join('; '),
      headings.get(r.table) ?? '',
      ...extras.map((h) => r.extra?.[h] ?? ''),
    ]);
  });
}

/** The column names of {@link recordRows} for these extra headings. */
export function recordColumns(extras: readonly string[]): string[] {
  return [...CSV_COLUMNS, ...extras.map(extraColumnName)];
}

/**
 * Rows written by `documentsToCsv(docs, { header: false, extraHeadings: from })` laid out again
 * for the extra headings `to` (which holds every heading of `from`, in any order): each extra
 * cell moves under its heading, and a heading the rows lack gets an empty cell — the bytes
 * `documentsToCsv(docs, { header: false, extraHeadings: to })` gives. Used for the combined
 * records.csv, whose header holds the extra columns of every file (issue #13); values keep the
 * formula guard they were written with.
 */
export function relayoutCsvRows(text: string, from: readonly string[], to: readonly string[]): string {
  const fixed = CSV_COLUMNS.length;
  const at = to.map((h) => from.indexOf(h));
  const parsed = Papa.parse<string[]>(text, { newline: '\r\n', skipEmptyLines: true });
  const rows = parsed.data.map((row) => [...row.slice(0, fixed), ...at.map((i) => (i < 0 ? '' : (row[fixed + i] ?? '')))]);
  return csvTable([], rows, false);
}

/** At most this many bad rows are listed in one error; the rest are counted. */
const MAX_LISTED_ROWS = 50;

/**
 * Parse a records CSV (ours, or one saved by Excel: BOM, CRLF, any column order) into
 * documents: one per distinct `file` value, or — where the `file` column is missing or empty —
 * one per title and committee (issue #10: deleting the file column must not merge trackers).
 * RAG may be written "Green", "AMBER" or abbreviated R / A / G / B.
 * @param name the CSV's file name, used in messages and as the default document file name.
 * @throws RecordsInputError RECORDS_INVALID naming every bad row (1-based, header = row 1) and field.
 */
export function parseRecordsCsv(text: string, name = 'records.csv'): TrackerDocument[] {
  if (!text.replace(/^\uFEFF/, '').trim()) throw new RecordsInputError('RECORDS_INVALID', `${name} is empty: it holds no records`);
  // Header names are matched case-insensitively ("ID", "Recommendation", "RAG source", "table_heading").
  const canonical = new Map<string, string>(CSV_COLUMNS.map((c) => [c.toLowerCase(), c]));
  const parsed = Papa.parse<Record<string, string>>(text.replace(/^\uFEFF/, ''), {
    header: true,
    skipEmptyLines: 'greedy',
    transformHeader: (h) =>
      canonical.get(
        h
          .trim()
          .toLowerCase()
          .replace(/[\s_]+/g, ''),
      ) ?? h.trim(),
  });
  const fatal = parsed.errors.find((e) => e.type !== 'FieldMismatch');
  if (fatal) throw new RecordsInputError('RECORDS_INVALID', `${name}: row ${(fatal.row ?? 0) + 2}: ${fatal.message}; save the file as CSV (comma-separated, UTF-8)`);
  const fields = parsed.meta.fields ?? [];
  const missing = ['id', 'recommendation', 'response', 'progress'].filter((f) => !fields.includes(f));
  if (missing.length)
    throw new RecordsInputError(
      'RECORDS_INVALID',
      `${name}: missing column${missing.length > 1 ? 's' : ''} ${missing.join(', ')}; the header row must name at least id, recommendation, response, progress (found: ${fields.join(', ') || 'none'})`,
    );
  // Columns beyond ours are the tracker's extra columns (a council's "Lead officer").
  const extraFields = fields.filter((f) => !(CSV_COLUMNS as readonly string[]).includes(f) && f !== '');
  const docs = new Map<string, TrackerDocument>();
  const problems: string[] = [];
  parsed.data.forEach((row, k) => {
    const v = (f: string) => unguard(row[f] ?? '');
    const file = v('file').trim();
    const key = file ? `file\u0000${file}` : `title\u0000${v('title')}\u0000${v('committee')}`;
    let doc = docs.get(key);
    if (!doc) {
      doc = TrackerDocumentSchema.parse({
        schemaVersion: SCHEMA_VERSION,
        source: { file: file || name, ...(v('path') ? { path: v('path') } : {}), pages: 0, sha256: '' },
        title: v('title'),
        committee: v('committee'),
        columns: [],
        records: [],
      });
      docs.set(key, doc);
    }
    const candidate = {
      id: v('id').trim(),
      label: v('label'),
      recommendation: v('recommendation'),
      response: v('response'),
      progress: v('progress'),
      rag: normalizeRagWord(v('rag')),
      ragSource: v('ragSource').trim() || null,
      table: v('table').trim() ? Number(v('table')) : 1,
      pages: v('pages').trim()
        ? v('pages')
            .split(/[;,\s]+/)
            .filter(Boolean)
            .map(Number)
        : [],
      review: v('review')
        .split(/[;,\s]+/)
        .filter(Boolean)
        .map((code) => ({ code: code.toUpperCase(), message: '' })),
      ...(extraFields.length ? { extra: Object.fromEntries(extraFields.map((f) => [f.replace(/^extra: /, ''), v(f)])) } : {}),
    };
    const result = TrackerRecordSchema.safeParse(candidate);
    if (!result.success) {
      const issues = result.error.issues.map((issue) => {
        const field = issue.path.join('.') || 'record';
        const value = typeof issue.path[0] === 'string' ? (candidate as Record<string, unknown>)[issue.path[0]] : undefined;
        return `${field}: ${issue.message}${typeof value === 'string' && value ? ` (found "${value.slice(0, 40)}")` : ''}`;
      });
      problems.push(`row ${k + 2}${candidate.id ? ` (record ${candidate.id})` : ''}: ${issues.join('; ')}`);
      return;
    }
    doc.records.push(result.data as TrackerRecord);
    doc.source.pages = Math.max(doc.source.pages, ...result.data.pages);
    const heading = v('tableHeading').trim();
    if (!doc.tables.some((t) => t.index === result.data.table)) {
      doc.tables.push({ index: result.data.table, heading: heading || null, columns: [], pages: [], method: 'ruled' });
    }
  });
  if (problems.length) {
    const listed = problems.slice(0, MAX_LISTED_ROWS);
    const more = problems.length - listed.length;
    throw new RecordsInputError(
      'RECORDS_INVALID',
      `${name}: ${problems.length} bad row${problems.length > 1 ? 's' : ''} (fix ${problems.length > 1 ? 'them' : 'it'} and run again):\n  ${listed.join('\n  ')}${more ? `\n  … and ${more} more` : ''}`,
    );
  }
  if (!docs.size) throw new RecordsInputError('RECORDS_INVALID', `${name} has a header row but no records`);
  for (const doc of docs.values()) doc.tables.sort((a, b) => a.index - b.index);
  return [...docs.values()];
}

/** errors.csv: one row per failed file (file, code, message), same CSV conventions. */
export function errorsToCsv(errors: Array<{ file: string; code: string; message: string }>, options: CsvOptions = {}): string {
  return csvTable(
    ['file', 'code', 'message'],
    errors.map((e) => [e.file, e.code, e.message].map(guard)),
    true,
    options.bom !== false,
  );
}

/** warnings.csv: one row per document warning (file, record, page, code, message). */
export function warningsToCsv(
  rows: Array<{ file: string; recordId?: string; page?: number; code: string; message: string }>,
  options: CsvOptions & { header?: boolean } = {},
): string {
  const data = rows.map((w) => [w.file, w.recordId ?? '', w.page === undefined ? '' : String(w.page), w.code, w.message].map(guard));
  return csvTable(['file', 'record', 'page', 'code', 'message'], data, options.header !== false, options.bom !== false);
}

/** Columns of changes.csv (`impact-tracker compare`, issue #10). */
export const CHANGES_COLUMNS = [
  'status',
  'oldId',
  'newId',
  'label',
  'matchedBy',
  'ragFrom',
  'ragTo',
  'changedFields',
  'recommendation',
  'response',
  'progress',
  'oldRecommendation',
  'oldResponse',
  'oldProgress',
] as const;

/**
 * changes.csv: one row per recommendation of a comparison (the new text, and the old text where
 * it differs or the record was removed), with the CSV conventions above (BOM, CRLF, formula guard).
 */
export function changesToCsv(changes: ReadonlyArray<import('../compare/index.ts').RecordChange>, options: CsvOptions = {}): string {
  const rows = changes.map((c) => {
    const fresh = c.new ?? { recommendation: '', response: '', progress: '' };
    const old = c.old ?? { recommendation: '', response: '', progress: '' };
    const oldIf = (f: 'recommendation' | 'response' | 'progress') => (c.status === 'removed' || c.fields.includes(f) ? old[f] : '');
    return [
      c.status,
      c.oldId ?? '',
      c.newId ?? '',
      c.label,
      c.matchedBy ?? '',
      c.ragFrom ?? '',
      c.ragTo ?? '',
      c.fields.join('; '),
      fresh.recommendation,
      fresh.response,
      fresh.progress,
      oldIf('recommendation'),
      oldIf('response'),
      oldIf('progress'),
    ].map(guard);
  });
  return csvTable(CHANGES_COLUMNS, rows, true, options.bom !== false);
}

/** Any table with the same conventions (BOM, CRLF, formula guard): a header row of `fields`, then `rows`. Used for `search --out`. */
export function tableToCsv(fields: readonly string[], rows: string[][], options: CsvOptions = {}): string {
  return csvTable(
    fields,
    rows.map((r) => r.map(guard)),
    true,
    options.bom !== false,
  );
}
