/**
 * records.sqlite (issue #13): built from every fixture's document, then queried as a
 * researcher would — full-text match, RAG and committee filters, foreign keys — and read back
 * into the same documents (what --skip-unchanged relies on).
 */
import { describe, it, expect, beforeAll } from 'vitest';
import { execFileSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { DatabaseSync } from 'node:sqlite';
import { extractTracker, validateDocument, type TrackerDocument } from '../../src/index.ts';
import { loadDictionary } from '../../src/node/dictionary.ts';
import { RecordsDatabaseWriter } from '../../src/node/database/write.ts';
import { loadDocument, openRecordsDatabase, storedDocuments } from '../../src/node/database/read.ts';
import { searchRecords } from '../../src/node/database/search.ts';
import { DATABASE_SCHEMA_VERSION } from '../../src/node/database/schema.ts';
import { documentRows } from '../../src/node/rows.ts';
import { fixturesWithTruth, readBytes } from '../helpers/fixtures.ts';

const docs: TrackerDocument[] = [];
let file = '';
let db: DatabaseSync;

beforeAll(async () => {
  // The hand-made fixtures and the hard cases (extra columns, review reasons, blue and ink RAG);
  // the 180 sweep re-renders add time, not kinds of field.
  for (const { name, pdf, truth } of fixturesWithTruth({ sweep: false })) {
    const { document } = await extractTracker(readBytes(pdf), { fileName: truth.source, dictionary: loadDictionary });
    docs.push(validateDocument({ ...document, source: { ...document.source, path: `archive/${name}.pdf`, toolVersion: '9.9.9' } }));
  }
  file = path.join(mkdtempSync(path.join(tmpdir(), 'it-db-')), 'records.sqlite');
  const writer = new RecordsDatabaseWriter(file);
  writer.open({ toolVersion: '9.9.9', createdAt: '2026-01-01T00:00:00.000Z' });
  for (const d of docs) writer.addDocument(d, { output: d.source.file.replace(/\.pdf$/, ''), convertedAt: '2026-01-02T00:00:00.000Z' });
  writer.addError({ file: 'bad.pdf', path: 'bad.pdf', code: 'NOT_PDF', message: 'not a PDF' });
  await writer.finish();
  db = openRecordsDatabase(file);
}, 120_000);

/** (file, id) of every record whose text matches `re`, from the documents themselves. */
const expected = (re: RegExp, keep: (r: TrackerDocument['records'][number], d: TrackerDocument) => boolean = () => true) =>
  docs.flatMap((d) => d.records.filter((r) => re.test(`${r.recommendation}\n${r.response}\n${r.progress}`) && keep(r, d)).map((r) => `${d.source.file}#${r.id}`)).sort();
const found = (hits: Array<{ file: string; id: string }>) => hits.map((h) => `${h.file}#${h.id}`).sort();

describe('records.sqlite', () => {
  it('holds every document, record and cell box, with its schema version', () => {
    const count = (sql: string) => (db.prepare(sql).get() as { n: number }).n;
    expect(count('SELECT count(*) AS n FROM documents')).toBe(docs.length);
    expect(count('SELECT count(*) AS n FROM records')).toBe(docs.reduce((n, d) => n + d.records.length, 0));
    expect(count('SELECT count(*) AS n FROM cells')).toBe(
      docs.reduce((n, d) => n + d.records.reduce((m, r) => m + (r.cells ? r.cells.recommendation.length + r.cells.response.length + r.cells.progress.length : 0), 0), 0),
    );
    expect(count('SELECT count(*) AS n FROM warnings')).toBe(docs.reduce((n, d) => n + d.warnings.length, 0));
    // Review reasons and extra columns, as main's extractor fills them (issue #7), each in its place.
    const reviews = docs.flatMap((d) => d.records.flatMap((r) => r.review.map((x) => `${d.source.file}#${r.id}:${x.code}`)));
    expect(reviews.length).toBeGreaterThan(5);
    expect(
      (
        db
          .prepare('SELECT d.file, r.id, v.code FROM reviews v JOIN records r USING (record_id) JOIN documents d USING (document_id) ORDER BY v.record_id, v.position')
          .all() as Array<{ file: string; id: string; code: string }>
      ).map((v) => `${v.file}#${v.id}:${v.code}`),
    ).toEqual(reviews);
    const extras = docs.flatMap((d) => d.records.filter((r) => r.extra).map((r) => `${d.source.file}#${r.id}:${JSON.stringify(r.extra)}`));
    expect(extras.length).toBeGreaterThanOrEqual(12);
    expect(
      (
        db.prepare('SELECT d.file, r.id, r.extra FROM records r JOIN documents d USING (document_id) WHERE r.extra IS NOT NULL ORDER BY r.record_id').all() as Array<{
          file: string;
          id: string;
          extra: string;
        }>
      ).map((r) => `${r.file}#${r.id}:${r.extra}`),
    ).toEqual(extras);
    expect(db.prepare("SELECT value FROM meta WHERE key = 'schema_version'").get()).toEqual({ value: String(DATABASE_SCHEMA_VERSION) });
    expect(db.prepare('PRAGMA user_version').get()).toEqual({ user_version: DATABASE_SCHEMA_VERSION });
    expect(db.prepare("SELECT path, tool_version, converted_at FROM documents WHERE file = 'online-crime-tracker.pdf'").get()).toEqual({
      path: 'archive/online-crime-tracker.pdf',
      tool_version: '9.9.9',
      converted_at: '2026-01-02T00:00:00.000Z',
    });
    expect(db.prepare('SELECT file, code FROM errors').all()).toEqual([{ file: 'bad.pdf', code: 'NOT_PDF' }]);
  });

  it('finds exactly the records that contain a word or a phrase (FTS5)', () => {
    const tfl = searchRecords(db, 'TfL');
    expect(tfl.hits.length).toBeGreaterThan(20);
    expect(found(tfl.hits)).toEqual(expected(/\bTfL\b/i));
    expect(tfl.total).toBe(tfl.hits.length);
    const phrase = searchRecords(db, '"City of London Police"');
    expect(found(phrase.hits)).toEqual(expected(/City of London Police/i));
    expect(phrase.hits[0]!.snippet).toContain('**City of London Police**');
    // a query FTS5 cannot parse is searched as its words
    expect(found(searchRecords(db, "TfL's").hits)).toEqual(expected(/\bTfL['’]s\b/i));
    expect(found(searchRecords(db, '"City of London').hits)).toEqual(expected(/(?=[\s\S]*\bCity\b)(?=[\s\S]*\bof\b)(?=[\s\S]*\bLondon\b)/i));
    expect(() => searchRecords(db, '   ')).toThrow(/the search query is empty/);
  });

  it('filters by RAG status and committee; the parts add up to the whole', () => {
    const all = searchRecords(db, 'Mayor');
    let sum = 0;
    for (const rag of ['red', 'amber', 'green', 'blue', 'none'] as const) {
      const part = searchRecords(db, 'Mayor', { rag: [rag] });
      expect(part.hits.every((h) => h.rag === (rag === 'none' ? null : rag))).toBe(true);
      expect(found(part.hits)).toEqual(found(all.hits.filter((h) => h.rag === (rag === 'none' ? null : rag))));
      sum += part.total;
    }
    expect(sum).toBe(all.total);
    const redAmber = searchRecords(db, 'TfL', { rag: ['red', 'amber'], committee: 'transport' });
    expect(found(redAmber.hits)).toEqual(expected(/\bTfL\b/i, (r, d) => (r.rag === 'red' || r.rag === 'amber') && /transport/i.test(d.committee)));
    expect(redAmber.hits.length).toBeGreaterThan(0);
    // archive order: documents in input order, records in document order; limit keeps the first
    expect(all.hits.map((h) => h.recordId)).toEqual([...all.hits.map((h) => h.recordId)].sort((a, b) => a - b));
    expect(searchRecords(db, 'Mayor', { limit: 3 })).toMatchObject({ total: all.total, hits: all.hits.slice(0, 3) });
    // rank order: the same records, best first, and its first 3 are its best 3
    const ranked = searchRecords(db, 'Mayor', { order: 'rank' });
    expect(found(ranked.hits)).toEqual(found(all.hits));
    expect(searchRecords(db, 'Mayor', { order: 'rank', limit: 3 }).hits).toEqual(ranked.hits.slice(0, 3));
  });

  it('keeps its foreign keys: every row points at an existing parent, and a dangling one is refused', async () => {
    expect(db.prepare('PRAGMA foreign_key_check').all()).toEqual([]);
    expect(db.prepare('SELECT count(*) AS n FROM records r JOIN tables t USING (table_id) WHERE t.document_id <> r.document_id').get()).toEqual({ n: 0 });
    expect(db.prepare('SELECT count(*) AS n FROM records WHERE table_id IS NULL').get()).toEqual({ n: 0 });
    const { DatabaseSync } = await import('node:sqlite');
    const rw = new DatabaseSync(file);
    rw.exec('PRAGMA foreign_keys = ON');
    expect(() => rw.prepare("INSERT INTO cells (record_id, field, part, page, x0, top, x1, bottom) VALUES (999999, 'progress', 1, 1, 0, 0, 1, 1)").run()).toThrow(
      /FOREIGN KEY constraint failed/,
    );
    rw.close();
  });

  it('gives every document back exactly, so skipped files combine into the same bytes', () => {
    const stored = storedDocuments(db);
    for (const d of docs) {
      const back = loadDocument(db, stored.get(d.source.file)!.documentId);
      expect(back).toEqual(d);
      const [a, b] = [documentRows(d), documentRows(back)];
      expect([Buffer.from(b.csv).toString(), Buffer.from(b.jsonl).toString(), Buffer.from(b.warnings).toString()]).toEqual([
        Buffer.from(a.csv).toString(),
        Buffer.from(a.jsonl).toString(),
        Buffer.from(a.warnings).toString(),
      ]);
    }
  });

  it("opens as it is in Python's sqlite3 (the door to pandas), full-text index included", () => {
    let python = '';
    try {
      python = execFileSync('python3', ['-c', 'import sqlite3, sys; print(sqlite3.sqlite_version)'], { encoding: 'utf8' }).trim();
    } catch {
      return; // no python3 on this machine: nothing to check against
    }
    expect(python).toMatch(/^3\./);
    const script = `import sqlite3, sys
c = sqlite3.connect(sys.argv[1])
print(c.execute("select count(*) from records_flat where rag = 'red'").fetchone()[0])
print(c.execute("select count(*) from records_fts where records_fts match 'TfL'").fetchone()[0])`;
    const out = execFileSync('python3', ['-c', script, file], { encoding: 'utf8' }).trim().split('\n').map(Number);
    expect(out).toEqual([docs.reduce((n, d) => n + d.records.filter((r) => r.rag === 'red').length, 0), expected(/\bTfL\b/i).length]);
  });
});

describe('records.sqlite with every field a record may carry', () => {
  it('stores review reasons, extra columns, OCR confidence and pages, and gives them back', async () => {
    const council = validateDocument({
      schemaVersion: 2,
      source: { file: 'council.pdf', path: '2021/council.pdf', pages: 3, sha256: 'a'.repeat(64), ocr: [2, 3], toolVersion: '1.2.3' },
      title: 'Council tracker',
      committee: 'Scrutiny Board',
      intro: 'Intro paragraph.\n\nSecond.',
      closing: 'Closing.',
      columns: ['Recommendation', 'Response', 'Progress', 'Lead officer'],
      tables: [{ index: 1, heading: 'Table 1', columns: ['Recommendation', 'Response', 'Progress', 'Lead officer'], pages: [1, 2], method: 'whitespace' }],
      records: [
        {
          id: '1',
          label: 'R1',
          recommendation: 'Do it',
          response: '',
          progress: 'Blue: done',
          rag: 'blue',
          ragSource: 'ink',
          table: 1,
          pages: [1, 2],
          extra: { 'Lead officer': 'J. Smith', Date: '01/02/26' },
          review: [
            { code: 'EMPTY_CELL', field: 'response', message: 'the response cell is empty' },
            { code: 'PAGE_BREAK', message: 'joined over a page break' },
          ],
          cells: {
            recommendation: [
              { page: 1, bbox: { x0: 1.5, top: 2.25, x1: 3, bottom: 4 } },
              { page: 2, bbox: { x0: 1.5, top: 0.125, x1: 3, bottom: 9 } },
            ],
            response: [],
            progress: [{ page: 1, bbox: { x0: 5, top: 2, x1: 6, bottom: 4 } }],
          },
          confidence: { recommendation: 0.91, progress: 0.5 },
        },
        { id: '1', label: 'R1', recommendation: 'Again', response: 'r', progress: 'p', rag: null, ragSource: null, table: 1, pages: [] },
        // set by a person in the review page (issue #8)
        { id: '2', label: 'R2', recommendation: 'Checked', response: 'r', progress: 'p', rag: 'amber', ragSource: 'manual', table: 1, pages: [3] },
      ],
      warnings: [
        { code: 'NUMBERING_DUPLICATE', message: 'record 1 appears twice', recordId: '1', page: 2 },
        { code: 'COLUMN_EMPTY', message: 'no text in Date' },
      ],
    });
    const file = path.join(mkdtempSync(path.join(tmpdir(), 'it-db-')), 'records.sqlite');
    const writer = new RecordsDatabaseWriter(file);
    writer.open({ toolVersion: '1.2.3', createdAt: '2026-01-01T00:00:00.000Z' });
    writer.addDocument(council, { convertedAt: '2026-01-01T00:00:00.000Z' });
    await writer.finish();
    const one = openRecordsDatabase(file);
    expect(loadDocument(one, 1)).toEqual(council);
    expect(one.prepare('SELECT r.review, json_extract(r.extra, \'$."Lead officer"\') AS lead FROM records r WHERE position = 1').get()).toEqual({
      review: 'EMPTY_CELL; PAGE_BREAK',
      lead: 'J. Smith',
    });
    expect(
      one
        .prepare('SELECT code, field FROM reviews ORDER BY position')
        .all()
        .map((r) => ({ ...r })),
    ).toEqual([
      { code: 'EMPTY_CELL', field: 'response' },
      { code: 'PAGE_BREAK', field: null },
    ]);
    // a warning naming a repeated id points at the first record with it
    expect(
      one
        .prepare('SELECT w.code, r.position FROM warnings w LEFT JOIN records r USING (record_id) ORDER BY warning_id')
        .all()
        .map((r) => ({ ...r })),
    ).toEqual([
      { code: 'NUMBERING_DUPLICATE', position: 1 },
      { code: 'COLUMN_EMPTY', position: null },
    ]);
    one.close();
  });
});

describe('records.sqlite not completed', () => {
  it("is not left at all, nor an earlier run's, when a write fails or the run is stopped (as the other combined tables)", async () => {
    const { existsSync, readdirSync } = await import('node:fs');
    const { OrderedDatabaseWriter } = await import('../../src/node/database/write.ts');
    const dir = mkdtempSync(path.join(tmpdir(), 'it-db-'));
    const file = path.join(dir, 'records.sqlite');
    const earlier = () => {
      const w = new RecordsDatabaseWriter(file);
      w.open({ toolVersion: '1', createdAt: '2026-01-01T00:00:00.000Z' });
      return w.finish();
    };
    await earlier();
    expect(existsSync(file)).toBe(true);
    // A document the database refuses (a RAG status it does not know): WRITE_FAILED at finish.
    const failing = new OrderedDatabaseWriter(file);
    failing.open({ toolVersion: '1', createdAt: '2026-01-01T00:00:00.000Z' });
    const bad = { ...docs[0], records: [{ ...docs[0]!.records[0], rag: 'purple' }] } as unknown as TrackerDocument;
    failing.push(0, { document: bad, convertedAt: '2026-01-01T00:00:00.000Z' });
    await new Promise((resolve) => setImmediate(resolve));
    await expect(failing.finish([])).rejects.toMatchObject({ code: 'WRITE_FAILED' });
    expect(readdirSync(dir)).toEqual([]);
    // Stopped (Ctrl-C): finish(false).
    await earlier();
    const stopped = new OrderedDatabaseWriter(file);
    stopped.open({ toolVersion: '1', createdAt: '2026-01-01T00:00:00.000Z' });
    await stopped.finish([], false);
    expect(readdirSync(dir)).toEqual([]);
  });
});
