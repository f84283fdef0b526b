/**
 * Reading records.sqlite (issue #13): opening one and checking it is ours, the index of its
 * documents that `--skip-unchanged` compares against, and a document rebuilt from its rows
 * exactly as it was added (so a skipped file's records go into the next database and combined
 * tables unchanged).
 */
import type { DatabaseSync } from 'node:sqlite';
import { sqlite } from './sqlite.ts';
import { existsSync } from 'node:fs';
import { InputError, RecordsInputError } from '../../errors.ts';
import { RECORD_FIELDS, validateDocument, type TrackerDocument } from '../../schema.ts';
import { APPLICATION_ID, DATABASE_SCHEMA_VERSION } from './schema.ts';

/**
 * Open a records.sqlite read-only and check it is one of ours in a layout this version reads.
 * @throws InputError FILE_NOT_FOUND when there is no such file;
 *   RecordsInputError RECORDS_INVALID when it is not an impact-tracker database or is of a
 *   newer layout.
 */
export function openRecordsDatabase(file: string): DatabaseSync {
  if (!existsSync(file))
    throw new InputError(
      'FILE_NOT_FOUND',
      `no database at ${file}; write one with "impact-tracker extract … --format sqlite" (it goes to the --out folder), or name it with --db`,
      { file },
    );
  let db: DatabaseSync;
  try {
    db = new (sqlite().DatabaseSync)(file, { readOnly: true });
  } catch (err) {
    throw new InputError('READ_FAILED', `could not open ${file}: ${(err as Error).message}`, { cause: err, file });
  }
  try {
    const app = (db.prepare('PRAGMA application_id').get() as { application_id: number }).application_id;
    const version = (db.prepare('PRAGMA user_version').get() as { user_version: number }).user_version;
    if (app !== APPLICATION_ID)
      throw new RecordsInputError('RECORDS_INVALID', `${file} is not a database written by impact-tracker; give the records.sqlite that "extract --format sqlite" wrote`);
    if (version > DATABASE_SCHEMA_VERSION)
      throw new RecordsInputError(
        'RECORDS_INVALID',
        `${file} has database schema_version ${version}, newer than this impact-tracker reads (${DATABASE_SCHEMA_VERSION}); update impact-tracker`,
      );
    // Map the file and keep more of it cached: a RAG or committee filter visits one record row
    // per match, and over 100,000 records this halves the time of a search (bench).
    db.exec('PRAGMA mmap_size = 268435456; PRAGMA cache_size = -65536');
  } catch (err) {
    db.close();
    if (err instanceof RecordsInputError) throw err;
    throw new RecordsInputError(
      'RECORDS_INVALID',
      `${file} is not a readable SQLite database (${(err as Error).message}); give the records.sqlite that "extract --format sqlite" wrote`,
      { cause: err },
    );
  }
  return db;
}

/** A document row as `--skip-unchanged` compares it with an input. */
export interface StoredDocument {
  documentId: number;
  file: string;
  path: string;
  output: string | null;
  sha256: string;
  toolVersion: string;
  convertedAt: string;
}

/** Every document of the database by its `file` (unique). */
export function storedDocuments(db: DatabaseSync): Map<string, StoredDocument> {
  const rows = db
    .prepare('SELECT document_id AS documentId, file, path, output, sha256, tool_version AS toolVersion, converted_at AS convertedAt FROM documents')
    .all() as unknown as StoredDocument[];
  return new Map(rows.map((r) => [r.file, { ...r }]));
}

function groupBy<T>(rows: T[], key: (row: T) => number): Map<number, T[]> {
  const groups = new Map<number, T[]>();
  for (const row of rows) {
    const k = key(row);
    const group = groups.get(k);
    if (group) group.push(row);
    else groups.set(k, [row]);
  }
  return groups;
}

const parse = <T>(text: string | null): T | undefined => (text === null ? undefined : (JSON.parse(text) as T));

/**
 * Rebuild document `documentId` from its rows: the same TrackerDocument that was added
 * (validated, so keys come in the schema's order and the combined tables get the same bytes).
 */
export function loadDocument(db: DatabaseSync, documentId: number): TrackerDocument {
  const d = db.prepare('SELECT * FROM documents WHERE document_id = ?').get(documentId) as Record<string, string | number | null> | undefined;
  if (!d) throw new RecordsInputError('RECORDS_INVALID', `the database has no document ${documentId}`);
  const tables = (db.prepare('SELECT * FROM tables WHERE document_id = ? ORDER BY number').all(documentId) as Array<Record<string, string | number | null>>).map((t) => ({
    index: t.number,
    heading: t.heading,
    columns: parse(t.columns as string),
    pages: parse(t.pages as string),
    method: t.method,
  }));
  const rows = db.prepare('SELECT * FROM records WHERE document_id = ? ORDER BY position').all(documentId) as Array<Record<string, string | number | null>>;
  const reviews = db.prepare('SELECT v.* FROM reviews v JOIN records r USING (record_id) WHERE r.document_id = ? ORDER BY v.record_id, v.position').all(documentId) as Array<
    Record<string, string | number | null>
  >;
  const cells = db.prepare('SELECT c.* FROM cells c JOIN records r USING (record_id) WHERE r.document_id = ? ORDER BY c.record_id, c.field, c.part').all(documentId) as Array<
    Record<string, string | number>
  >;
  const reviewsOf = groupBy(reviews, (v) => v.record_id as number);
  const cellsOf = groupBy(cells, (c) => c.record_id as number);
  const records = rows.map((r) => {
    const boxes = cellsOf.get(r.record_id as number);
    return {
      id: r.id,
      label: r.label,
      recommendation: r.recommendation,
      response: r.response,
      progress: r.progress,
      rag: r.rag,
      ragSource: r.rag_source,
      ...(r.extra !== null ? { extra: parse(r.extra as string) } : {}),
      review: (reviewsOf.get(r.record_id as number) ?? []).map((v) => ({ code: v.code, ...(v.field !== null ? { field: v.field } : {}), message: v.message })),
      table: r.table_number,
      pages: parse(r.pages as string),
      ...(boxes
        ? {
            cells: Object.fromEntries(
              RECORD_FIELDS.map((f) => [f, boxes.filter((c) => c.field === f).map((c) => ({ page: c.page, bbox: { x0: c.x0, top: c.top, x1: c.x1, bottom: c.bottom } }))]),
            ),
          }
        : {}),
      ...(r.confidence !== null ? { confidence: parse(r.confidence as string) } : {}),
    };
  });
  const warnings = (db.prepare('SELECT * FROM warnings WHERE document_id = ? ORDER BY warning_id').all(documentId) as Array<Record<string, string | number | null>>).map((w) => ({
    code: w.code,
    message: w.message,
    ...(w.record !== null ? { recordId: w.record } : {}),
    ...(w.page !== null ? { page: w.page } : {}),
  }));
  return validateDocument({
    schemaVersion: 2,
    source: {
      file: d.file,
      ...(d.path !== '' ? { path: d.path } : {}),
      pages: d.pages,
      sha256: d.sha256,
      ...(d.ocr_pages !== null ? { ocr: parse(d.ocr_pages as string) } : {}),
      ...(d.tool_version !== '' ? { toolVersion: d.tool_version } : {}),
    },
    title: d.title,
    committee: d.committee,
    intro: d.intro,
    closing: d.closing,
    columns: parse(d.columns as string),
    tables,
    records,
    warnings,
  });
}
