/**
 * Corrections (issue #8) on a real extraction: each kind applies, a correction whose record
 * changed or whose PDF changed is stale (reported, never applied blindly), and the file format
 * round-trips through its schema.
 */
import { describe, it, expect, beforeAll } from 'vitest';
import path from 'node:path';
import { extractTracker } from '../src/pipeline.ts';
import {
  addRecord,
  applyCorrections,
  applyList,
  correctionsToJson,
  currentReviewMarks,
  deleteRecord,
  editRecord,
  emptyCorrections,
  joinTexts,
  mergeWithNext,
  parseCorrections,
  snapshotOf,
  splitRecord,
  staleWarnings,
  type Correction,
} from '../src/corrections.ts';
import { validateDocument, type TrackerDocument } from '../src/schema.ts';
import { RecordsInputError } from '../src/errors.ts';
import { FIXTURES, readBytes } from './helpers/fixtures.ts';

const T = '2026-11-30T12:00:00.000Z';
let doc: TrackerDocument;

beforeAll(async () => {
  doc = (await extractTracker(readBytes(path.join(FIXTURES, 'online-crime-tracker.pdf')), { fileName: 'online-crime-tracker.pdf' })).document;
});

const file = (corrections: Correction[]) => ({ ...emptyCorrections(doc), corrections });

describe('making and applying corrections', () => {
  it('edits a text field and keeps everything else of the record', () => {
    const c = editRecord(doc, 2, 'response', 'Corrected response.', T)!;
    expect(c).toEqual({ op: 'edit', recordId: '3', field: 'response', old: doc.records[2]!.response, new: 'Corrected response.', time: T });
    const { document, stale } = applyCorrections(doc, file([c]));
    expect(stale).toEqual([]);
    expect(document.records[2]).toEqual({ ...doc.records[2], response: 'Corrected response.' });
    expect(doc.records[2]!.response).not.toBe('Corrected response.'); // pure
    expect(() => validateDocument(document)).not.toThrow();
  });

  it('returns null for an edit that changes nothing, and refuses an empty id', () => {
    expect(editRecord(doc, 0, 'label', doc.records[0]!.label)).toBeNull();
    expect(() => editRecord(doc, 0, 'id', '')).toThrow(RangeError);
  });

  it('sets the RAG status by hand as ragSource "manual"', () => {
    const c = editRecord(doc, 0, 'rag', 'red', T)!;
    const r = applyList(doc, [c]).document.records[0];
    expect([r!.rag, r!.ragSource]).toEqual(['red', 'manual']);
  });

  it('merges a record with the next one: texts joined, cells and pages combined, one record fewer', () => {
    const c = mergeWithNext(doc, 0, T);
    const { document } = applyList(doc, [c]);
    expect(document.records).toHaveLength(doc.records.length - 1);
    const [a, b] = doc.records;
    const m = document.records[0];
    expect(m!.id).toBe('1');
    expect(m!.recommendation).toBe(joinTexts(a!.recommendation, b!.recommendation));
    expect(m!.recommendation.startsWith(a!.recommendation)).toBe(true);
    expect(m!.recommendation.endsWith(b!.recommendation)).toBe(true);
    expect(m!.cells!.response).toEqual([...a!.cells!.response, ...b!.cells!.response]);
    expect(m!.pages).toEqual([...new Set([...a!.pages, ...b!.pages])].sort());
    expect(document.records[1]!.id).toBe('3');
  });

  it('joins a cell cut mid-sentence with a space, and finished paragraphs with a blank line', () => {
    expect(joinTexts('The Mayor should publish', 'the results.')).toBe('The Mayor should publish the results.');
    expect(joinTexts('Accepted.', 'More follows.')).toBe('Accepted.\n\nMore follows.');
    expect(joinTexts('', 'x')).toBe('x');
  });

  it('splits a record at offsets, giving the second part a new id and no label', () => {
    const r = doc.records[4];
    const k = r!.recommendation.indexOf('. ') + 2;
    const c = splitRecord(doc, 4, { recommendation: k }, '5b', T);
    const { document } = applyList(doc, [c]);
    expect(document.records).toHaveLength(doc.records.length + 1);
    expect(document.records[4]!.recommendation).toBe(r!.recommendation.slice(0, k).trim());
    expect(document.records[5]).toMatchObject({ id: '5b', label: '', recommendation: r!.recommendation.slice(k).trim(), response: '', rag: r!.rag });
    expect(() => splitRecord(doc, 4, { response: 99_999 })).toThrow(/outside/);
  });

  it('deletes a record and adds one after a given record', () => {
    const del = deleteRecord(doc, 10, T);
    const add = addRecord(doc, 1, { id: '2a', recommendation: 'A missed recommendation.', rag: 'amber' }, T);
    const { document, stale } = applyList(doc, [del, add]);
    expect(stale).toEqual([]);
    expect(document.records.map((r) => r.id)).toEqual(['1', '2', '2a', '3', '4', '5', '6', '7', '8', '9', '10']);
    expect(document.records[2]).toMatchObject({ recommendation: 'A missed recommendation.', rag: 'amber', ragSource: 'manual', pages: [], review: [] });
    expect(() => validateDocument(document)).not.toThrow();
  });

  it('applies corrections in order: an edit of an id is followed by later corrections', () => {
    const d1 = applyList(doc, [editRecord(doc, 0, 'id', '1a', T)!]).document;
    const c2 = editRecord(d1, 0, 'progress', 'Checked.', T)!;
    expect(c2.recordId).toBe('1a');
    const { document, stale } = applyList(doc, [editRecord(doc, 0, 'id', '1a', T)!, c2]);
    expect(stale).toEqual([]);
    expect(document.records[0]).toMatchObject({ id: '1a', progress: 'Checked.' });
  });
});

describe('stale corrections', () => {
  it('does not apply an edit whose record now reads differently, and says why', () => {
    const c = editRecord(doc, 2, 'response', 'Mine.', T)!;
    const changed = { ...doc, records: doc.records.map((r, i) => (i === 2 ? { ...r, response: 'Re-extracted differently.' } : r)) };
    const { document, stale, applied } = applyCorrections(changed, file([c]));
    expect(applied).toEqual([]);
    expect(document.records[2]!.response).toBe('Re-extracted differently.');
    expect(stale).toHaveLength(1);
    expect(stale[0]!.reason).toMatch(/record 3's response no longer reads/);
    const [w] = staleWarnings(stale, 'online-crime-tracker.corrections.json');
    expect(w).toMatchObject({ code: 'CORRECTION_STALE', recordId: '3' });
    expect(w!.message).toMatch(/kept in online-crime-tracker\.corrections\.json/);
    expect(w!.message).toContain('"Mine."');
  });

  it('applies nothing to another version of the PDF (sha256 differs)', () => {
    const c = editRecord(doc, 0, 'label', 'R1', T)!;
    const other = { ...doc, source: { ...doc.source, sha256: 'f'.repeat(64) } };
    const { stale, applied } = applyCorrections(other, file([c]));
    expect(applied).toEqual([]);
    expect(stale[0]!.reason).toMatch(/another version of the PDF/);
  });

  it('reports a merge whose second record is gone, and an addition after a missing record', () => {
    const merge = mergeWithNext(doc, 0, T);
    const add = addRecord(doc, 3, { id: 'x' }, T);
    const without = { ...doc, records: doc.records.filter((r) => r.id !== '2' && r.id !== '4') };
    const { stale } = applyCorrections(without, file([merge, add]));
    expect(stale.map((s) => s.correction.op)).toEqual(['merge', 'add']);
  });
});

describe('the corrections file', () => {
  it('round-trips through JSON and its schema, and keeps reviewed marks only while the record is unchanged', () => {
    const f = { ...file([editRecord(doc, 2, 'response', 'New.', T)!, mergeWithNext(doc, 5, T)]), reviewed: [{ recordId: '1', time: T, record: snapshotOf(doc.records[0]!) }] };
    const back = parseCorrections(correctionsToJson(f));
    expect(back).toEqual(f);
    expect(currentReviewMarks(doc, back.reviewed)).toHaveLength(1);
    const edited = applyList(doc, [editRecord(doc, 0, 'progress', 'x', T)!]).document;
    expect(currentReviewMarks(edited, back.reviewed)).toEqual([]);
  });

  it('refuses a file that is not JSON or not a corrections file, naming the field', () => {
    expect(() => parseCorrections('{ nope', 'a.corrections.json')).toThrow(RecordsInputError);
    expect(() =>
      parseCorrections(
        JSON.stringify({ ...emptyCorrections(doc), corrections: [{ op: 'edit', recordId: '1', field: 'colour', old: 'a', new: 'b', time: T }] }),
        'a.corrections.json',
      ),
    ).toThrow(/corrections\[0\]\.field/);
  });
});
