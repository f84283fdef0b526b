/**
 * Writes records.sqlite (issue #13) with Node's built-in SQLite (`node:sqlite`: no native
 * dependency to build; FTS5 is compiled in). Documents are added one at a time, in input
 * order, inside one transaction on a temp file next to the target; `finish()` builds the
 * full-text index, commits and renames the file into place, so a reader never sees a
 * half-written database. As with the other combined tables (issue #12), a database that cannot
 * be completed — a write failed, or the run was stopped — is not left at all: neither the temp
 * file nor an earlier run's records.sqlite, which would pass for this run's. (A run killed
 * outright, kill -9, leaves the earlier one; the next run replaces it.)
 */
import type { DatabaseSync, StatementSync } from 'node:sqlite';
import { sqlite } from './sqlite.ts';
import { rm, rename } from 'node:fs/promises';
import { WriteError } from '../../errors.ts';
import { RECORD_FIELDS, SCHEMA_VERSION, type TrackerDocument } from '../../schema.ts';
import { tempPathFor } from '../io.ts';
import { APPLICATION_ID, DATABASE_DDL, DATABASE_SCHEMA_VERSION } from './schema.ts';

/** What a document row carries beyond the document itself. */
export interface DocumentRowInfo {
  /** Base name of the file's own outputs (X of X.json), when it has any. */
  output?: string;
  /** ISO 8601 time the file was converted (for a skipped file: when it was converted before). */
  convertedAt: string;
}

const json = (v: unknown) => JSON.stringify(v);

/** Throws a WriteError naming the database, with the system's reason. */
function writeFailed(file: string, err: unknown): WriteError {
  return new WriteError('WRITE_FAILED', `could not write ${file}: ${(err as Error).message}; check the disk has space and the folder is writable`, { cause: err });
}

/**
 * The database writer. Use: `open()`, `addDocument()` per document in input order,
 * `addError()` per failed file, then `finish()` (or `finish(false)` to drop it).
 */
export class RecordsDatabaseWriter {
  readonly file: string;
  private readonly tmp: string;
  private db: DatabaseSync | null = null;
  private insert: Record<'document' | 'table' | 'record' | 'review' | 'cell' | 'warning' | 'error', StatementSync> | null = null;
  private documents = 0;

  /** @param file the records.sqlite to write (replaced on `finish()`). */
  constructor(file: string) {
    this.file = file;
    this.tmp = tempPathFor(file);
  }

  /**
   * Create the temp database with the schema and its `meta` rows.
   * @throws WriteError WRITE_FAILED (no space, no permission) or when this Node's SQLite lacks FTS5.
   */
  open(info: { toolVersion: string; createdAt: string }): void {
    try {
      const db = new (sqlite().DatabaseSync)(this.tmp);
      this.db = db;
      // A fresh temp file that is renamed only when complete: no need for a rollback journal
      // on disk or for syncing each page (the rename is what publishes it).
      db.exec('PRAGMA journal_mode = MEMORY; PRAGMA synchronous = OFF; PRAGMA foreign_keys = ON;');
      db.exec(`PRAGMA application_id = ${APPLICATION_ID}; PRAGMA user_version = ${DATABASE_SCHEMA_VERSION};`);
      db.exec('BEGIN');
      db.exec(DATABASE_DDL);
      const meta = db.prepare('INSERT INTO meta (key, value) VALUES (?, ?)');
      for (const [k, v] of Object.entries({
        schema_version: String(DATABASE_SCHEMA_VERSION),
        record_schema_version: String(SCHEMA_VERSION),
        tool: 'impact-tracker',
        tool_version: info.toolVersion,
        created_at: info.createdAt,
      }))
        meta.run(k, v);
      this.insert = {
        document: db.prepare(
          'INSERT INTO documents (document_id, file, path, output, sha256, pages, ocr_pages, title, committee, intro, closing, columns, record_count, tool_version, converted_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)',
        ),
        table: db.prepare('INSERT INTO tables (document_id, number, heading, columns, pages, method) VALUES (?, ?, ?, ?, ?, ?)'),
        record: db.prepare(
          'INSERT INTO records (document_id, table_id, position, table_number, id, label, rag, rag_source, pages, review, recommendation, response, progress, extra, confidence) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)',
        ),
        review: db.prepare('INSERT INTO reviews (record_id, position, code, field, message) VALUES (?, ?, ?, ?, ?)'),
        cell: db.prepare('INSERT INTO cells (record_id, field, part, page, x0, top, x1, bottom) VALUES (?, ?, ?, ?, ?, ?, ?, ?)'),
        warning: db.prepare('INSERT INTO warnings (document_id, record_id, record, page, code, message) VALUES (?, ?, ?, ?, ?, ?)'),
        error: db.prepare('INSERT INTO errors (file, path, code, message) VALUES (?, ?, ?, ?)'),
      };
    } catch (err) {
      this.close();
      void rm(this.tmp, { force: true });
      if (/no such module: fts5/.test((err as Error).message)) {
        throw new WriteError(
          'WRITE_FAILED',
          `records.sqlite needs Node.js 22.16 or later (its SQLite has the FTS5 full-text search; this is ${process.version}); the other formats work on this Node — leave sqlite out of --format, or use a newer Node`,
          { cause: err },
        );
      }
      throw writeFailed(this.file, err);
    }
  }

  /**
   * Add one document with its tables, records, review reasons, cell boxes and warnings. Call
   * in input order: `document_id` is the order of the calls.
   * @throws WriteError WRITE_FAILED
   */
  addDocument(doc: TrackerDocument, info: DocumentRowInfo): void {
    const ins = this.insert!;
    try {
      const documentId = ++this.documents;
      const s = doc.source;
      ins.document.run(
        documentId,
        s.file,
        s.path ?? '',
        info.output ?? null,
        s.sha256,
        s.pages,
        s.ocr?.length ? json(s.ocr) : null,
        doc.title,
        doc.committee,
        doc.intro,
        doc.closing,
        json(doc.columns),
        doc.records.length,
        s.toolVersion ?? '',
        info.convertedAt,
      );
      const tableIds = new Map<number, number>();
      for (const t of doc.tables) tableIds.set(t.index, Number(ins.table.run(documentId, t.index, t.heading, json(t.columns), json(t.pages), t.method).lastInsertRowid));
      const recordIds = new Map<string, number>();
      doc.records.forEach((r, k) => {
        const recordId = Number(
          ins.record.run(
            documentId,
            tableIds.get(r.table) ?? null,
            k + 1,
            r.table,
            r.id,
            r.label,
            r.rag,
            r.ragSource,
            json(r.pages),
            r.review.map((x) => x.code).join('; '),
            r.recommendation,
            r.response,
            r.progress,
            r.extra ? json(r.extra) : null,
            r.confidence ? json(r.confidence) : null,
          ).lastInsertRowid,
        );
        if (!recordIds.has(r.id)) recordIds.set(r.id, recordId);
        r.review.forEach((x, i) => {
          ins.review.run(recordId, i + 1, x.code, x.field ?? null, x.message);
        });
        if (r.cells)
          for (const field of RECORD_FIELDS)
            r.cells[field].forEach((c, i) => {
              ins.cell.run(recordId, field, i + 1, c.page, c.bbox.x0, c.bbox.top, c.bbox.x1, c.bbox.bottom);
            });
      });
      for (const w of doc.warnings)
        ins.warning.run(documentId, w.recordId !== undefined ? (recordIds.get(w.recordId) ?? null) : null, w.recordId ?? null, w.page ?? null, w.code, w.message);
    } catch (err) {
      throw writeFailed(this.file, err);
    }
  }

  /** Add a file that failed (or an input that matched nothing), in input order. @throws WriteError */
  addError(e: { file: string; path?: string; code: string; message: string }): void {
    try {
      this.insert!.error.run(e.file, e.path ?? null, e.code, e.message);
    } catch (err) {
      throw writeFailed(this.file, err);
    }
  }

  /**
   * `keep`: build the full-text index, commit, and rename the database into place. Otherwise
   * remove the temp file and any earlier database of that name.
   * @throws WriteError WRITE_FAILED; then neither the temp file nor an earlier database is left.
   */
  async finish(keep = true): Promise<void> {
    if (!keep) {
      this.close();
      await rm(this.tmp, { force: true });
      await rm(this.file, { force: true });
      return;
    }
    try {
      const db = this.db!;
      // One pass over the records after they are all in: faster than keeping the index up to
      // date row by row, and the same index.
      for (const fts of ['records_fts', 'records_search']) {
        db.exec(`INSERT INTO ${fts} (${fts}) VALUES ('rebuild')`);
        db.exec(`INSERT INTO ${fts} (${fts}) VALUES ('optimize')`);
      }
      // Statistics for the query planner, from a sample (fast however large the database).
      db.exec('PRAGMA analysis_limit = 400; ANALYZE');
      db.exec('COMMIT');
      const broken = db.prepare('PRAGMA foreign_key_check').all();
      if (broken.length) throw new Error(`foreign key check failed: ${JSON.stringify(broken[0])}`);
      db.exec('PRAGMA journal_mode = DELETE');
      this.close();
      await rename(this.tmp, this.file);
    } catch (err) {
      this.close();
      await rm(this.tmp, { force: true });
      await rm(this.file, { force: true });
      throw writeFailed(this.file, err);
    }
  }

  private close(): void {
    try {
      this.db?.close();
    } catch {
      /* already closed */
    }
    this.db = null;
  }
}

/** One document for {@link OrderedDatabaseWriter}: the document (or its JSON as UTF-8, as workers send it) and its row info. */
export interface DatabaseItem extends DocumentRowInfo {
  document: TrackerDocument | Uint8Array;
}

/**
 * A {@link RecordsDatabaseWriter} fed in completion order: documents arriving ahead of their
 * turn wait (as in OrderedFileWriter), so `document_id` follows the input order whatever order
 * the workers finish in. `push(k, null)` marks a file with no document (it failed).
 */
export class OrderedDatabaseWriter {
  readonly writer: RecordsDatabaseWriter;
  private next = 0;
  private readonly pending = new Map<number, DatabaseItem | null>();
  private error: unknown = null;

  constructor(file: string) {
    this.writer = new RecordsDatabaseWriter(file);
  }

  get file(): string {
    return this.writer.file;
  }

  /** @see RecordsDatabaseWriter.open */
  open(info: { toolVersion: string; createdAt: string }): void {
    this.writer.open(info);
  }

  /**
   * Add item `k` (0-based); every item now next in order is written on the next turn of the
   * event loop, not at once: the caller (a worker lane's result callback) hands its worker the
   * next file first, so the worker never waits for the database. A write error is kept for
   * `finish()`.
   */
  push(k: number, item: DatabaseItem | null): void {
    this.pending.set(k, item);
    if (this.scheduled) return;
    this.scheduled = true;
    setImmediate(() => {
      this.scheduled = false;
      this.flush(false);
    });
  }

  private scheduled = false;

  private flush(all: boolean): void {
    while (this.error === null) {
      if (!this.pending.has(this.next)) {
        if (!all || this.pending.size === 0) return;
        this.next = Math.min(...this.pending.keys()); // items that never came (fail-fast) are skipped
      }
      const item = this.pending.get(this.next)!;
      this.pending.delete(this.next);
      this.next++;
      if (!item) continue;
      try {
        const doc = item.document instanceof Uint8Array ? (JSON.parse(utf8.decode(item.document)) as TrackerDocument) : item.document;
        this.writer.addDocument(doc, item);
      } catch (err) {
        this.error = err;
      }
    }
  }

  /**
   * Write what is left in order, then the failures (`errors`, in input order), and publish the
   * database (`keep`) or drop it.
   * @throws WriteError WRITE_FAILED
   */
  async finish(errors: Array<{ file: string; path?: string; code: string; message: string }>, keep = true): Promise<void> {
    if (keep) this.flush(true);
    if (keep && this.error === null) {
      try {
        for (const e of errors) this.writer.addError(e);
      } catch (err) {
        this.error = err;
      }
    }
    if (this.error !== null || !keep) {
      await this.writer.finish(false);
      if (keep) throw this.error;
      return;
    }
    await this.writer.finish(true);
  }
}

const utf8 = new TextDecoder();
