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
      return d.records.map((r) =>
        JSON.stringify({
          file: d.source.file,
          path: d.source.path,
          title: d.title,
          committee: d.committee,
          ...(headings.get(r.table) ? { tableHeading: headings.get(r.table) } : {}),
          ...r,
          cells: undefined,
        }),
      );
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

/**
 * Where a JSON.parse error is, as "line L, column C" (1-based) in `text`, from the position
 * V8 gives ("… in JSON at position N"); "the end" when the text stops early.
 */
function errorPlace(text: string, err: unknown): string {
  const message = (err as Error).message;
  const at = /at position (\d+)/.exec(message);
  if (at) {
    const before = text.slice(0, Number(at[1]));
    const line = before.split('\n').length;
    return `line ${line}, column ${before.length - before.lastIndexOf('\n')}`;
  }
  return /end of JSON input/i.test(message) ? 'the end' : 'an unknown place';
}

/** The parser's reason without its position ("Expected ',' or '}' after property value"). */
function errorReason(err: unknown): string {
  return (err as Error).message.replace(/\s*(?:in JSON )?at position \d+.*$/s, '').replace(/^Unexpected end of JSON input$/, 'it stops before every { and [ is closed');
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
      throw new RecordsInputError(
        'RECORDS_INVALID',
        `${name}: read as JSON Lines (one record object per line): line ${k + 1} is not valid JSON at ${errorPlace(line, err).replace(/^line 1, /, '')} (${errorReason(err)}); fix that line or re-export the file`,
        { cause: err },
      );
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
    const first = recs[0]!; // a group holds at least the record that made it
    return {
      schemaVersion: SCHEMA_VERSION,
      source: { file, ...(typeof first.path === 'string' ? { path: first.path } : {}), pages: 0, sha256: '' },
      title: String(first.title ?? ''),
      committee: String(first.committee ?? ''),
      columns: [],
      tables: [...tables].sort((a, b) => a[0] - b[0]).map(([index, heading]) => ({ index, heading, columns: [], pages: [], method: 'ruled' })),
      records: recs.map(({ file: _f, path: _p, title: _t, committee: _c, tableHeading: _h, ...r }) => r),
    };
  });
}

/** Several lines, the first of which is a JSON object on its own: JSON Lines. */
function looksLikeJsonLines(text: string): boolean {
  const lines = text.split(/\r?\n/).filter((l) => l.trim());
  if (lines.length < 2) return false;
  try {
    const first = JSON.parse(lines[0]!) as unknown;
    return !!first && typeof first === 'object' && !Array.isArray(first);
  } catch {
    return false;
  }
}

/**
 * Parse records a person may have edited: a TrackerDocument or an array of them (`.json`), or
 * JSON Lines of records (`.jsonl`, as in records.jsonl; chosen by the name's extension, or
 * when the text is not one JSON value). RAG words are read case-insensitively.
 * @throws RecordsInputError RECORDS_INVALID naming the file, line or record, and field.
 */
export function parseRecordsJson(text: string, name = 'records.json'): TrackerDocument[] {
  const unmarked = text.replace(/^\uFEFF/, '');
  const clean = unmarked.trim();
  if (!clean) throw new RecordsInputError('RECORDS_INVALID', `${name} is empty: it holds no records`);
  let data: unknown;
  if (/\.jsonl$/i.test(name)) data = parseJsonLines(clean, name);
  else {
    try {
      data = JSON.parse(unmarked);
    } catch (err) {
      // JSON Lines under a .json name (records.jsonl renamed): only when its first line is a
      // record object on its own. Otherwise it is a JSON document with a syntax error: say
      // where (issue #14), not that "each line must be one record".
      if (!looksLikeJsonLines(clean)) {
        throw new RecordsInputError(
          'RECORDS_INVALID',
          `${name}: read as JSON (one document or a list of them): not valid JSON at ${errorPlace(unmarked, err)} (${errorReason(err)}); fix the syntax there or re-export the file`,
          { cause: err },
        );
      }
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
        throw new RecordsInputError('RECORDS_INVALID', `${name}${docs.length > 1 ? ` (document ${k + 1})` : ''}: ${err.message.replace(/^invalid tracker document: /, '')}`, {
          cause: err,
        });
      }
      throw err;
    }
  });
}
