/**
 * Records ⇄ JSON. The JSON output is exactly the validated TrackerDocument (src/schema.ts),
 * pretty-printed with 2 spaces and a final newline; the same document gives the same bytes.
 */
import { validateDocument, SCHEMA_VERSION, type TrackerDocument } from '../schema.ts';
import { RecordsInputError, ValidationError } from '../errors.ts';
import { normalizeRagWord } from '../tracker/rag.ts';

/** Serialise a document (validated first). @throws ValidationError */
export function documentToJson(doc: TrackerDocument): string {
  return JSON.stringify(validateDocument(doc), null, 2) + '\n';
}

/**
 * One JSON line per record with its document's file, path (relative to the input root, when
 * known), title and committee, and the heading of its table where it has one (`tableHeading`,
 * issue #10) (records.jsonl).
 */
export function documentsToJsonl(docs: TrackerDocument[]): string {
  return docs
    .flatMap((d) => {
      const headings = new Map(d.tables.map((t) => [t.index, t.heading]));
      return d.records.map((r) => JSON.stringify({ file: d.source.file, path: d.source.path, title: d.title, committee: d.committee, ...(headings.get(r.table) ? { tableHeading: headings.get(r.table) } : {}), ...r, cells: undefined }));
    })
    .map((l) => l + '\n')
    .join('');
}

/** RAG words as people type them ("Amber", " GREEN ", "A") in lower case; anything else unchanged. */
function normalizeRag(records: unknown): void {
  if (!Array.isArray(records)) return;
  for (const r of records as Array<Record<string, unknown>>) {
    if (r && typeof r.rag === 'string') r.rag = normalizeRagWord(r.rag);
  }
}

/** Parse JSON Lines: one record object per line, grouped into documents by their `file`. */
function parseJsonLines(text: string, name: string): unknown[] {
  const byFile = new Map<string, Record<string, unknown>[]>();
  text.split(/\r?\n/).forEach((line, k) => {
    if (!line.trim()) return;
    let r: Record<string, unknown>;
    try {
      r = JSON.parse(line) as Record<string, unknown>;
    } catch (err) {
      throw new RecordsInputError('RECORDS_INVALID', `${name}: line ${k + 1} is not valid JSON (${(err as Error).message}); each line must be one record object`, { cause: err });
    }
    if (!r || typeof r !== 'object' || Array.isArray(r)) throw new RecordsInputError('RECORDS_INVALID', `${name}: line ${k + 1} is not a record object`);
    const file = String(r.file ?? name);
    byFile.set(file, [...(byFile.get(file) ?? []), r]);
  });
  return [...byFile].map(([file, recs]) => {
    const tables = new Map<number, string | null>();
    for (const r of recs) {
      const index = typeof r.table === 'number' ? r.table : 1;
      if (!tables.has(index)) tables.set(index, typeof r.tableHeading === 'string' && r.tableHeading ? r.tableHeading : null);
    }
    return {
      schemaVersion: SCHEMA_VERSION,
      source: { file, ...(typeof recs[0].path === 'string' ? { path: recs[0].path } : {}), pages: 0, sha256: '' },
      title: String(recs[0].title ?? ''),
      committee: String(recs[0].committee ?? ''),
      columns: [],
      tables: [...tables].sort((a, b) => a[0] - b[0]).map(([index, heading]) => ({ index, heading, columns: [], pages: [], method: 'ruled' })),
      records: recs.map(({ file: _f, path: _p, title: _t, committee: _c, tableHeading: _h, ...r }) => r),
    };
  });
}

/**
 * Parse records a person may have edited: a TrackerDocument or an array of them (`.json`), or
 * JSON Lines of records (`.jsonl`, as in records.jsonl; chosen by the name's extension, or
 * when the text is not one JSON value). RAG words are read case-insensitively.
 * @throws RecordsInputError RECORDS_INVALID naming the file, line or record, and field.
 */
export function parseRecordsJson(text: string, name = 'records.json'): TrackerDocument[] {
  const clean = text.replace(/^\uFEFF/, '').trim();
  if (!clean) throw new RecordsInputError('RECORDS_INVALID', `${name} is empty: it holds no records`);
  let data: unknown;
  if (/\.jsonl$/i.test(name)) data = parseJsonLines(clean, name);
  else {
    try {
      data = JSON.parse(clean);
    } catch (err) {
      if (!clean.includes('\n')) throw new RecordsInputError('RECORDS_INVALID', `${name}: not valid JSON (${(err as Error).message}); fix the syntax or re-export the file`, { cause: err });
      data = parseJsonLines(clean, name);
    }
  }
  const docs = Array.isArray(data) ? data : [data];
  if (!docs.length) throw new RecordsInputError('RECORDS_INVALID', `${name} holds no documents`);
  return docs.map((d, k) => {
    normalizeRag((d as { records?: unknown })?.records);
    try {
      return validateDocument(d);
    } catch (err) {
      if (err instanceof ValidationError) {
        throw new RecordsInputError('RECORDS_INVALID', `${name}${docs.length > 1 ? ` (document ${k + 1})` : ''}: ${err.message.replace(/^invalid tracker document: /, '')}`, { cause: err });
      }
      throw err;
    }
  });
}
