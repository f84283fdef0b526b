/**
 * Records ⇄ JSON. The JSON output is exactly the validated TrackerDocument (src/schema.ts),
 * pretty-printed with 2 spaces and a final newline; the same document gives the same bytes.
 */
import { validateDocument, type TrackerDocument } from '../schema.ts';
import { RecordsInputError, ValidationError } from '../errors.ts';

/** Serialise a document (validated first). @throws ValidationError */
export function documentToJson(doc: TrackerDocument): string {
  return JSON.stringify(validateDocument(doc), null, 2) + '\n';
}

/** One JSON line per record with its document's file, title and committee (records.jsonl). */
export function documentsToJsonl(docs: TrackerDocument[]): string {
  return docs
    .flatMap((d) => d.records.map((r) => JSON.stringify({ file: d.source.file, title: d.title, committee: d.committee, ...r, cells: undefined })))
    .map((l) => l + '\n')
    .join('');
}

/**
 * Parse records a person may have edited: a TrackerDocument, an array of them, or JSON Lines
 * of records (records.jsonl). @throws RecordsInputError RECORDS_INVALID naming the record and field.
 */
export function parseRecordsJson(text: string, name = 'records.json'): TrackerDocument[] {
  const clean = text.replace(/^\uFEFF/, '').trim();
  let data: unknown;
  try {
    data = JSON.parse(clean);
  } catch (err) {
    // JSON Lines: one record object per line.
    const lines = clean.split(/\r?\n/).filter((l) => l.trim());
    try {
      const records = lines.map((l) => JSON.parse(l) as Record<string, unknown>);
      const byFile = new Map<string, Record<string, unknown>[]>();
      for (const r of records) byFile.set(String(r.file ?? name), [...(byFile.get(String(r.file ?? name)) ?? []), r]);
      data = [...byFile].map(([file, recs]) => ({
        schemaVersion: 1,
        source: { file, pages: 0, sha256: '' },
        title: String(recs[0].title ?? ''),
        committee: String(recs[0].committee ?? ''),
        columns: [],
        records: recs.map(({ file: _f, title: _t, committee: _c, ...r }) => r),
      }));
    } catch {
      throw new RecordsInputError('RECORDS_INVALID', `${name}: not valid JSON (${(err as Error).message}); fix the syntax or re-export the file`, { cause: err });
    }
  }
  const docs = Array.isArray(data) ? data : [data];
  return docs.map((d, k) => {
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
