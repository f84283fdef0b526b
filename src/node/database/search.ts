/**
 * Full-text search over records.sqlite (issue #13): the FTS5 index over recommendation,
 * response and progress (records_search, which also holds each record's RAG status and
 * committee as terms), filtered by RAG status and committee, in archive order (documents in
 * input order, records in document order, as records.csv) or best matches first (bm25), with
 * a snippet of the field that matched best and the match marked.
 *
 * Archive order is the default because it answers at once however many records match: FTS5
 * reads its index in record order and stops after `limit` hits, and snippets are made for
 * those only. Ranking must score every match first: 0.2 s of CPU for a word in 90,000 of
 * 100,000 records (bench), against a target of 100 ms.
 */
import type { DatabaseSync } from 'node:sqlite';
import { OptionsError } from '../../errors.ts';
import { RECORD_FIELDS, type RagStatus, type RecordField } from '../../schema.ts';

/** What to search for and how much to return. */
export interface SearchOptions {
  /** Keep records with one of these RAG statuses; `none` is a record not rated. Default: any. */
  rag?: ReadonlyArray<RagStatus | 'none'>;
  /** Keep records whose document's committee contains these words, in this order (any case or form: "transport", "police and crime"). */
  committee?: string;
  /** At most this many hits; default all. */
  limit?: number;
  /** `archive` (default): input order, then record order. `rank`: best match first (FTS5 bm25), slower for common words. */
  order?: 'archive' | 'rank';
  /** Text put before and after each match in snippets; default `**` and `**`. */
  marks?: readonly [string, string];
  /** Words of context in a snippet (FTS5 allows 1–64); default 16. */
  snippetWords?: number;
}

/** One matching record. */
export interface SearchHit {
  recordId: number;
  file: string;
  path: string;
  title: string;
  committee: string;
  table: number;
  id: string;
  label: string;
  rag: RagStatus | null;
  /** The field whose snippet is given: the one with the most matches. */
  field: RecordField;
  /** Part of that field around the matches, matches marked, "…" where text is cut. */
  snippet: string;
  recommendation: string;
  response: string;
  progress: string;
}

/**
 * The query as FTS5 reads it. Words, "phrases", OR, NOT, NEAR(), prefix* and `progress:`
 * column filters pass through; a query FTS5 cannot parse (an apostrophe, a hyphen, a stray
 * quote: "TfL's", "co-operation") is searched as its words, each quoted, all required.
 */
function ftsQueries(query: string): string[] {
  const words = query.match(/[^\s"]+/g) ?? [];
  return [query, words.map((w) => `"${w}"`).join(' ')];
}

const RAG_VALUES = ['red', 'amber', 'green', 'blue', 'none'] as const;

/**
 * Search `db` for `query`. Returns the number of matching records and the first `limit` of
 * them. In archive order it answers in milliseconds over 100,000 records (`npm run bench`).
 * @throws OptionsError INVALID_OPTIONS for an empty query, an unknown RAG status, or a query
 *   FTS5 rejects even as plain words.
 */
export function searchRecords(db: DatabaseSync, query: string, options: SearchOptions = {}): { total: number; hits: SearchHit[] } {
  if (!query.trim()) throw new OptionsError('INVALID_OPTIONS', 'the search query is empty; give words to look for, e.g. impact-tracker search "knife crime"');
  const rag = options.rag ?? [];
  const unknown = rag.filter((r) => !(RAG_VALUES as readonly string[]).includes(r));
  if (unknown.length) throw new OptionsError('INVALID_OPTIONS', `--rag does not know ${unknown.join(', ')}; choose from ${RAG_VALUES.join(', ')}`);
  // Filters are terms of the full-text query on records_search (schema.ts): the user's query
  // is held to the three text fields, and FTS5 intersects it with the statuses and committee.
  const filters = [...(rag.length ? [`rag : (${rag.join(' OR ')})`] : []), ...(options.committee ? [`committee : "${options.committee.replace(/"/g, '""')}"`] : [])];
  const compose = (q: string) => [`{recommendation response progress} : (${q})`, ...filters].join(' AND ');
  const [open, close] = options.marks ?? ['**', '**'];
  const words = Math.max(1, Math.min(64, options.snippetWords ?? 16));
  const snippets = RECORD_FIELDS.map((_, i) => `snippet(records_search, ${i}, :open, :close, '…', ${words}) AS s${i}`).join(', ');
  const columns = `r.record_id AS recordId, d.file, d.path, d.title, d.committee, r.table_number AS "table", r.id, r.label, r.rag, r.recommendation, r.response, r.progress, ${snippets}`;
  const from = 'FROM records_search JOIN records r ON r.record_id = records_search.rowid JOIN documents d ON d.document_id = r.document_id WHERE records_search MATCH :q';
  const limit = options.limit !== undefined ? ' LIMIT :limit' : '';
  // Rank: bm25 on the three texts only; choose the hits first, then make snippets for those alone.
  const bm25 = 'bm25(records_search, 1, 1, 1, 0, 0)';
  const sql =
    options.order === 'rank'
      ? `WITH top AS (SELECT records_search.rowid AS rid, ${bm25} AS score FROM records_search WHERE records_search MATCH :q ORDER BY score, rid${limit}) SELECT ${columns} FROM top JOIN records_search ON records_search.rowid = top.rid JOIN records r ON r.record_id = top.rid JOIN documents d ON d.document_id = r.document_id WHERE records_search MATCH :q ORDER BY top.score, top.rid`
      : `SELECT ${columns} ${from} ORDER BY records_search.rowid${limit}`;

  let lastError: unknown;
  for (const text of ftsQueries(query)) {
    const q = compose(text);
    try {
      // Counted from the index alone: a word in 90,000 records in a few milliseconds.
      const total = (db.prepare('SELECT count(*) AS n FROM records_search WHERE records_search MATCH :q').get({ q }) as { n: number }).n;
      const rows = db.prepare(sql).all({ q, open, close, ...(limit ? { limit: Math.max(0, options.limit!) } : {}) }) as Array<Record<string, string | number | null>>;
      const hits = rows.map((row): SearchHit => {
        // The field to show: the one whose snippet holds the most marked matches.
        const counts = RECORD_FIELDS.map((_, i) => String(row[`s${i}`] ?? '').split(open).length - 1);
        const best = counts.indexOf(Math.max(...counts));
        return {
          recordId: row.recordId as number,
          file: row.file as string,
          path: row.path as string,
          title: row.title as string,
          committee: row.committee as string,
          table: row.table as number,
          id: row.id as string,
          label: row.label as string,
          rag: row.rag as RagStatus | null,
          field: RECORD_FIELDS[best]!,
          snippet: String(row[`s${best}`] ?? ''),
          recommendation: row.recommendation as string,
          response: row.response as string,
          progress: row.progress as string,
        };
      });
      return { total, hits };
    } catch (err) {
      lastError = err;
      // FTS5 rejects a query as "fts5: syntax error …", "unterminated string", "no such column"…:
      // any SQLite error here is the query's (the SQL around it is fixed), so try its words.
      if ((err as { code?: string }).code !== 'ERR_SQLITE_ERROR') throw err;
    }
  }
  throw new OptionsError(
    'INVALID_OPTIONS',
    `cannot search for ${JSON.stringify(query)}: ${(lastError as Error).message}; use words, "a phrase", OR, NOT, word* or progress: word`,
    { cause: lastError },
  );
}
