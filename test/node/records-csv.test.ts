/**
 * The combined records.csv of a bulk run names the extra columns of every file (a council's
 * "Lead officer", issue #7), not only the fixed ones: its bytes are `documentsToCsv` of every
 * document in input order, however the files' rows arrive. And from real PDFs with extra
 * columns and review reasons, records.sqlite keeps both.
 */
import { describe, it, expect } from 'vitest';
import { existsSync, mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import { documentsToCsv, parseRecordsCsv } from '../../src/write/csv.ts';
import { validateDocument, type TrackerDocument } from '../../src/schema.ts';
import { RecordsCsvWriter } from '../../src/node/records-csv.ts';
import { documentRows } from '../../src/node/rows.ts';
import { extractMany } from '../../src/node/extract-many.ts';
import { FIXTURES } from '../helpers/fixtures.ts';

const tmp = () => mkdtempSync(path.join(tmpdir(), 'it-records-csv-'));

function doc(file: string, extras: Array<Record<string, string> | undefined>): TrackerDocument {
  return validateDocument({
    schemaVersion: 2,
    source: { file, path: `2024/${file}`, pages: 1, sha256: '' },
    title: `Title of ${file}`,
    committee: 'Committee',
    columns: [],
    records: extras.map((extra, k) => ({
      id: String(k + 1),
      label: '',
      recommendation: `=SUM(A1) "quoted", and\nmore`,
      response: '',
      progress: 'Done',
      rag: 'green',
      ragSource: 'fill',
      pages: [1],
      ...(extra ? { extra } : {}),
    })),
  });
}

/** Write `docs` through a RecordsCsvWriter, file k's rows pushed in `order`; null for a failed file. */
async function combine(docs: Array<TrackerDocument | null>, order: number[]): Promise<string> {
  const file = path.join(tmp(), 'records.csv');
  const writer = new RecordsCsvWriter(file);
  await writer.open();
  for (const k of order) void writer.push(k, docs[k] ? documentRows(docs[k]) : null);
  await writer.finish();
  return readFileSync(file, 'utf8');
}

describe('records.csv', () => {
  it("names every file's extra columns in its header, rows in input order, as documentsToCsv of them all", async () => {
    const docs = [
      doc('plain.pdf', [undefined, undefined]),
      doc('council-a.pdf', [
        { 'Lead officer': 'J. Smith', Date: '01/02/26' },
        { 'Lead officer': '', Date: '' },
      ]),
      null, // a file that failed
      doc('council-b.pdf', [{ Date: '03/04/26', 'Meeting date': '14 May 2025', title: 'clashes with a fixed column' }]),
      doc('plain-2.pdf', [undefined]),
    ];
    const csv = await combine(docs, [4, 1, 3, 0, 2]);
    const present = docs.filter((d): d is TrackerDocument => d !== null);
    expect(csv).toBe(documentsToCsv(present));
    expect(csv.split('\r\n')[0]).toBe(
      '\uFEFFfile,path,title,committee,table,id,label,recommendation,response,progress,rag,ragSource,pages,review,tableHeading,Lead officer,Date,Meeting date,extra: title',
    );
    const back = parseRecordsCsv(csv);
    expect(back.map((d) => d.source.file)).toEqual(['plain.pdf', 'council-a.pdf', 'council-b.pdf', 'plain-2.pdf']);
    expect(back[1]!.records[0]!.extra).toEqual({ 'Lead officer': 'J. Smith', Date: '01/02/26', 'Meeting date': '', title: '' });
    expect(back[2]!.records[0]!.extra).toEqual({ 'Lead officer': '', Date: '03/04/26', 'Meeting date': '14 May 2025', title: 'clashes with a fixed column' });
    expect(back[0]!.records[0]!.recommendation).toBe(`=SUM(A1) "quoted", and\nmore`);
  });

  it('with no extra columns anywhere, is the rows as they came (no second pass), and leaves no temp file', async () => {
    const docs = [doc('a.pdf', [undefined]), doc('b.pdf', [undefined, undefined])];
    const dir = tmp();
    const writer = new RecordsCsvWriter(path.join(dir, 'records.csv'));
    await writer.open();
    void writer.push(1, documentRows(docs[1]!));
    void writer.push(0, documentRows(docs[0]!));
    await writer.finish();
    expect(readFileSync(path.join(dir, 'records.csv'), 'utf8')).toBe(documentsToCsv(docs));
    expect(readdirSync(dir)).toEqual(['records.csv']);
  });

  it('a write that fails leaves no records.csv, not even an older one, and no temp file', async () => {
    const dir = tmp();
    const file = path.join(dir, 'records.csv');
    const full = { write: async () => ({ bytesWritten: 0, buffer: new Uint8Array(0) }), sync: async () => {}, close: async () => {} };
    const writer = new RecordsCsvWriter(file, { open: async () => full as never });
    await expect(writer.open()).rejects.toMatchObject({ code: 'WRITE_FAILED' });
    const later = new RecordsCsvWriter(file);
    await later.open();
    void later.push(0, documentRows(doc('council.pdf', [{ Lead: 'x' }])));
    await later.finish();
    expect(existsSync(file)).toBe(true);
    let writes = 0;
    const failing = new RecordsCsvWriter(file, {
      open: async (f) => {
        const { open } = await import('node:fs/promises');
        const h = await open(f, 'w');
        return {
          write: (...a: Parameters<typeof h.write>) =>
            ++writes > 1 ? Promise.reject(Object.assign(new Error('ENOSPC: no space left on device'), { code: 'ENOSPC' })) : h.write(...a),
          sync: () => h.sync(),
          close: () => h.close(),
        } as never;
      },
    });
    await failing.open();
    void failing.push(0, documentRows(doc('council.pdf', [{ Lead: 'x' }])));
    await expect(failing.finish()).rejects.toThrow(/could not write .*records\.csv: ENOSPC.*the disk \(or your quota\) is full/);
    expect(readdirSync(dir)).toEqual([]);
  });
});

describe('a bulk run over trackers with extra columns', () => {
  it('records.csv has them all; records.sqlite keeps every extra column and review reason of the X.json files', { timeout: 120_000 }, async () => {
    const out = tmp();
    const inputs = [
      'online-crime-tracker.pdf',
      'hard/council-cabinet-response.lo-a4l.pdf',
      'hard/merged-response-two-rows.lo-a4p.pdf',
      'hard/council-executive-brag.chromium-a4l.pdf',
      'hard/council-officer-response-status.latex-a4l.pdf',
    ].map((f) => path.join(FIXTURES, f));
    const summary = await extractMany(inputs, { out, jobs: 2, timeoutSeconds: 60, formats: ['json', 'sqlite'] });
    expect(summary.failures).toEqual([]);
    expect(summary.tableFailures).toEqual([]);
    const docs = inputs.map((f) => validateDocument(JSON.parse(readFileSync(path.join(out, path.basename(f).replace(/\.pdf$/, '.json')), 'utf8'))));
    // Not vacuous: the fixtures carry extra columns (three councils, different ones) and review reasons.
    expect(new Set(docs.flatMap((d) => d.records.flatMap((r) => Object.keys(r.extra ?? {})))).size).toBeGreaterThanOrEqual(8);
    const reviews = docs.flatMap((d) => d.records.flatMap((r) => r.review.map((x) => x.code)));
    expect(reviews.length).toBeGreaterThan(0);

    const csv = readFileSync(path.join(out, 'records.csv'), 'utf8');
    expect(csv).toBe(documentsToCsv(docs));
    expect(csv.split('\r\n')[0]).toContain('tableHeading,Origin,Date,Area,Lead officer,Meeting date,Responsible officer,Meeting,Due date');

    const db = new DatabaseSync(path.join(out, 'records.sqlite'), { readOnly: true });
    try {
      const rows = db.prepare('SELECT d.file, r.id, r.extra, r.review FROM records r JOIN documents d USING (document_id) ORDER BY r.record_id').all() as Array<{
        file: string;
        id: string;
        extra: string | null;
        review: string;
      }>;
      expect(rows.map((r) => [r.file, r.id, r.extra === null ? undefined : JSON.parse(r.extra), r.review])).toEqual(
        docs.flatMap((d) => d.records.map((r) => [d.source.file, r.id, r.extra, r.review.map((x) => x.code).join('; ')])),
      );
      expect((db.prepare('SELECT code FROM reviews ORDER BY record_id, position').all() as Array<{ code: string }>).map((r) => r.code)).toEqual(reviews);
    } finally {
      db.close();
    }
  });
});
