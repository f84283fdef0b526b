/**
 * Corrections a person made in the review page (issue #8), as pure functions on documents:
 * make a correction from the current document, apply a list of them, and say which no longer
 * apply. Used by the page (web/) as the person edits, and by `extract` (src/node/convert.ts),
 * which re-applies `X.corrections.json` each time it converts that PDF again. No file access.
 *
 * A correction records what it changed from (`old`) and to (`new`): it applies only while the
 * record still reads as `old`, so a re-extraction that changed the record turns it stale —
 * reported as a CORRECTION_STALE warning, never applied blindly and never dropped.
 */
import {
  RECORD_FIELDS,
  validateCorrectionsFile,
  type Correction,
  type CorrectableField,
  type CorrectionsFile,
  type RagStatus,
  type RecordSnapshot,
  type ReviewedMark,
  type TrackerDocument,
  type TrackerRecord,
  type Warning,
} from './schema.ts';
import { RecordsInputError, ValidationError } from './errors.ts';

export type { Correction, CorrectionsFile, RecordSnapshot, ReviewedMark, CorrectableField };
/** The correction of one kind (`CorrectionOf<'merge'>`). */
export type CorrectionOf<K extends Correction['op']> = Extract<Correction, { op: K }>;

/** A correction that did not apply, and why (a sentence). */
export interface StaleCorrection {
  correction: Correction;
  reason: string;
}

/** What {@link applyCorrections} gives: the corrected document and the corrections left out. */
export interface AppliedCorrections {
  document: TrackerDocument;
  /** Corrections that applied, in order. */
  applied: Correction[];
  stale: StaleCorrection[];
}

/** The part of a record a correction compares and sets. */
export function snapshotOf(r: TrackerRecord): RecordSnapshot {
  return { id: r.id, label: r.label, recommendation: r.recommendation, response: r.response, progress: r.progress, rag: r.rag };
}

function sameSnapshot(a: RecordSnapshot, b: RecordSnapshot): boolean {
  return a.id === b.id && a.label === b.label && a.recommendation === b.recommendation && a.response === b.response && a.progress === b.progress && a.rag === b.rag;
}

function fieldValue(r: TrackerRecord, field: CorrectableField): string | null {
  return field === 'rag' ? r.rag : r[field];
}

/** Set the snapshot's fields on a record; a RAG status that changes becomes `manual`. */
function withSnapshot(r: TrackerRecord, s: RecordSnapshot): TrackerRecord {
  const ragChanged = s.rag !== r.rag;
  return { ...r, ...s, ...(ragChanged ? { ragSource: s.rag === null ? null : ('manual' as const) } : {}) };
}

const now = () => new Date().toISOString();

/** Shorten a value for a message: first 60 characters, on one line. */
function quote(v: string | null): string {
  if (v === null) return 'none';
  const one = v.replace(/\s+/g, ' ');
  return `"${one.length > 60 ? one.slice(0, 59) + '…' : one}"`;
}

/** One line naming a correction, for messages and the page: `edit of record 4 response`. */
export function describeCorrection(c: Correction): string {
  switch (c.op) {
    case 'edit':
      return `edit of record ${c.recordId} ${c.field} from ${quote(c.old)} to ${quote(c.new)}`;
    case 'merge':
      return `merge of record ${c.old[0].id} with record ${c.old[1].id}`;
    case 'split':
      return `split of record ${c.recordId} into ${c.new[0].id} and ${c.new[1].id}`;
    case 'delete':
      return `deletion of record ${c.recordId}`;
    case 'add':
      return `addition of record ${c.new.id}${c.after === null ? ' at the start' : ` after record ${c.after}`}`;
  }
}

// ---- making corrections (the page) ----------------------------------------------------------

/**
 * A correction setting `field` of the record at `index` to `value` (a RAG status or null for
 * `rag`; a string for the others). Returns null when the value is unchanged.
 * @throws RangeError when `index` is not a record of `doc`, or `id` would be empty.
 */
export function editRecord(doc: TrackerDocument, index: number, field: CorrectableField, value: string | null, time = now()): CorrectionOf<'edit'> | null {
  const r = recordAt(doc, index);
  const old = fieldValue(r, field);
  if (old === value) return null;
  if (field === 'id' && !value) throw new RangeError('a record id cannot be empty');
  if (field !== 'rag' && value === null) throw new RangeError(`${field} takes text, not null`);
  return { op: 'edit', recordId: r.id, field, old, new: value, time };
}

/**
 * Text of two cells that were one cell cut by a page break (the usual mistake): joined with a
 * space when the first part ends mid-sentence, with a paragraph break ("\n\n") otherwise.
 */
export function joinTexts(a: string, b: string): string {
  if (!a) return b;
  if (!b) return a;
  return /[.!?:;)\]"”’]\s*$/.test(a) ? `${a}\n\n${b}` : `${a.replace(/\s+$/, '')} ${b.replace(/^\s+/, '')}`;
}

/**
 * A correction merging the record at `index` with the next one: texts joined (see
 * {@link joinTexts}), id and label of the first, the first RAG status that is set.
 * @throws RangeError when there is no next record.
 */
export function mergeWithNext(doc: TrackerDocument, index: number, time = now()): CorrectionOf<'merge'> {
  const a = snapshotOf(recordAt(doc, index));
  if (index + 1 >= doc.records.length) throw new RangeError(`record ${a.id} is the last one: there is no next record to merge with`);
  const b = snapshotOf(recordAt(doc, index + 1));
  const merged: RecordSnapshot = { ...a, rag: a.rag ?? b.rag };
  for (const f of RECORD_FIELDS) merged[f] = joinTexts(a[f], b[f]);
  return { op: 'merge', recordId: a.id, field: 'record', old: [a, b], new: merged, time };
}

/**
 * A correction splitting the record at `index` in two: each text field is cut at its offset in
 * `at` (UTF-16 code units; a field not named stays whole in the first part), both parts are
 * trimmed, and the second part gets `newId` (default: the id followed by "b") and no label.
 * @throws RangeError when an offset is outside its text, or `newId` is empty.
 */
export function splitRecord(doc: TrackerDocument, index: number, at: Partial<Record<(typeof RECORD_FIELDS)[number], number>>, newId?: string, time = now()): CorrectionOf<'split'> {
  const r = snapshotOf(recordAt(doc, index));
  const first: RecordSnapshot = { ...r };
  const second: RecordSnapshot = { id: newId ?? `${r.id}b`, label: '', recommendation: '', response: '', progress: '', rag: r.rag };
  if (!second.id) throw new RangeError('the new record needs an id');
  for (const f of RECORD_FIELDS) {
    const k = at[f];
    if (k === undefined) continue;
    if (!Number.isInteger(k) || k < 0 || k > r[f].length) throw new RangeError(`split offset ${k} is outside the ${f} text (0–${r[f].length})`);
    first[f] = r[f].slice(0, k).trim();
    second[f] = r[f].slice(k).trim();
  }
  return { op: 'split', recordId: r.id, field: 'record', old: r, new: [first, second], time };
}

/** A correction deleting the record at `index` (an invented one). */
export function deleteRecord(doc: TrackerDocument, index: number, time = now()): CorrectionOf<'delete'> {
  const r = snapshotOf(recordAt(doc, index));
  return { op: 'delete', recordId: r.id, field: 'record', old: r, new: null, time };
}

/**
 * A correction adding a record (a missed one) after the record at `afterIndex` (-1: first).
 * @throws RangeError when the id is empty.
 */
export function addRecord(doc: TrackerDocument, afterIndex: number, record: Partial<RecordSnapshot> & { id: string }, time = now()): CorrectionOf<'add'> {
  if (!record.id) throw new RangeError('the new record needs an id');
  const after = afterIndex < 0 ? null : recordAt(doc, afterIndex).id;
  const rec: RecordSnapshot = { label: '', recommendation: '', response: '', progress: '', rag: null, ...record };
  return { op: 'add', recordId: rec.id, field: 'record', after, old: null, new: rec, time };
}

function recordAt(doc: TrackerDocument, index: number): TrackerRecord {
  const r = doc.records[index];
  if (!r) throw new RangeError(`no record at position ${index} (the document has ${doc.records.length})`);
  return r;
}

// ---- applying corrections (the page and extract) --------------------------------------------

/** Where a correction applies in `records`, or why it does not (a sentence). */
function locate(records: TrackerRecord[], c: Correction): number | string {
  if (c.op === 'add') {
    if (c.after === null) return 0;
    const k = records.findIndex((r) => r.id === c.after);
    return k >= 0 ? k + 1 : `there is no record ${c.after} to add it after any more`;
  }
  const withId = records.map((r, k) => [r, k] as const).filter(([r]) => r.id === c.recordId);
  if (!withId.length) return `there is no record ${c.recordId} any more`;
  let found: number | undefined;
  if (c.op === 'edit') found = withId.find(([r]) => fieldValue(r, c.field) === c.old)?.[1];
  else if (c.op === 'merge')
    found = withId.find(([r, k]) => sameSnapshot(snapshotOf(r), c.old[0]) && records[k + 1] !== undefined && sameSnapshot(snapshotOf(records[k + 1]!), c.old[1]))?.[1];
  else found = withId.find(([r]) => sameSnapshot(snapshotOf(r), c.old))?.[1];
  if (found !== undefined) return found;
  if (c.op === 'edit') return `record ${c.recordId}'s ${c.field} no longer reads ${quote(c.old)} (it reads ${quote(fieldValue(withId[0]![0], c.field))})`;
  if (c.op === 'merge') return `record ${c.recordId} or the record after it no longer reads as it did when they were merged`;
  return `record ${c.recordId} no longer reads as it did when the correction was made`;
}

/** Apply one correction to a record list; returns the new list or the reason it does not apply. */
function applyOne(records: TrackerRecord[], c: Correction): TrackerRecord[] | string {
  const k = locate(records, c);
  if (typeof k === 'string') return k;
  const out = records.slice();
  // locate() returned an index in range (and, for a merge, one with a next record).
  switch (c.op) {
    case 'edit': {
      const r = out[k]!;
      out[k] = c.field === 'rag' ? withSnapshot(r, { ...snapshotOf(r), rag: c.new as RagStatus | null }) : { ...r, [c.field]: c.new ?? '' };
      return out;
    }
    case 'merge': {
      const [a, b] = [out[k]!, out[k + 1]!];
      const cells =
        a.cells && b.cells
          ? {
              recommendation: [...a.cells.recommendation, ...b.cells.recommendation],
              response: [...a.cells.response, ...b.cells.response],
              progress: [...a.cells.progress, ...b.cells.progress],
            }
          : (a.cells ?? b.cells);
      const codes = new Set(a.review.map((x) => `${x.code}/${x.field ?? ''}/${x.message}`));
      const merged: TrackerRecord = {
        ...withSnapshot(a.rag === null && b.rag !== null ? { ...a, rag: b.rag, ragSource: b.ragSource } : a, c.new),
        pages: [...new Set([...a.pages, ...b.pages])].sort((x, y) => x - y),
        review: [...a.review, ...b.review.filter((x) => !codes.has(`${x.code}/${x.field ?? ''}/${x.message}`))],
        ...(a.extra || b.extra ? { extra: { ...b.extra, ...a.extra } } : {}),
        ...(cells ? { cells } : {}),
      };
      out.splice(k, 2, merged);
      return out;
    }
    case 'split': {
      // Both parts keep the row's pages and cell boxes: the split is inside one row.
      const r = out[k]!;
      out.splice(k, 1, withSnapshot(r, c.new[0]), { ...withSnapshot(r, c.new[1]), review: [] });
      return out;
    }
    case 'delete':
      out.splice(k, 1);
      return out;
    case 'add': {
      const near = out[k - 1] ?? out[k];
      out.splice(k, 0, { ...c.new, ragSource: c.new.rag === null ? null : 'manual', review: [], table: near?.table ?? 1, pages: [] });
      return out;
    }
  }
}

/**
 * Apply `file`'s corrections, in order, to `doc` (a fresh extraction or the current state in
 * the page). A correction applies when the document is of the same PDF (`source.sha256`) and
 * the record it names still reads as the correction's `old`; every other one is returned in
 * `stale` with the reason. Pure: `doc` is not changed.
 * @example
 * ```ts
 * const { document, stale } = applyCorrections(extracted, corrections);
 * ```
 */
export function applyCorrections(doc: TrackerDocument, file: Pick<CorrectionsFile, 'source' | 'corrections'>): AppliedCorrections {
  if (file.source.sha256 !== doc.source.sha256) {
    const reason = `they were made for another version of the PDF (sha256 ${file.source.sha256.slice(0, 12)}…, this one is ${doc.source.sha256.slice(0, 12)}…)`;
    return { document: doc, applied: [], stale: file.corrections.map((correction) => ({ correction, reason })) };
  }
  return applyList(doc, file.corrections);
}

/** Apply corrections in order to the document's records, without the sha256 check (the page's own edits). */
export function applyList(doc: TrackerDocument, corrections: readonly Correction[]): AppliedCorrections {
  let records = doc.records;
  const applied: Correction[] = [];
  const stale: StaleCorrection[] = [];
  for (const c of corrections) {
    const next = applyOne(records, c);
    if (typeof next === 'string') stale.push({ correction: c, reason: next });
    else {
      records = next;
      applied.push(c);
    }
  }
  return { document: { ...doc, records }, applied, stale };
}

/**
 * CORRECTION_STALE warnings for corrections that did not apply, naming the file they are kept
 * in so a person can redo them (issue #8: a correction is never silently lost).
 */
export function staleWarnings(stale: readonly StaleCorrection[], fileName: string): Warning[] {
  return stale.map(({ correction: c, reason }) => ({
    code: 'CORRECTION_STALE' as const,
    recordId: c.recordId,
    message: `the ${describeCorrection(c)} made ${c.time} no longer applies: ${reason}. It is kept in ${fileName}; redo it with "impact-tracker review"`,
  }));
}

/** Reviewed marks that still hold: a record with that id reads as it did when it was marked. */
export function currentReviewMarks(doc: TrackerDocument, marks: readonly ReviewedMark[]): ReviewedMark[] {
  return marks.filter((m) => doc.records.some((r) => r.id === m.recordId && sameSnapshot(snapshotOf(r), m.record)));
}

/** A new, empty corrections file for a document. */
export function emptyCorrections(doc: TrackerDocument): CorrectionsFile {
  return { kind: 'impact-tracker corrections', version: 1, source: { file: doc.source.file, sha256: doc.source.sha256 }, corrections: [], reviewed: [] };
}

/**
 * Parse `X.corrections.json`.
 * @throws RecordsInputError RECORDS_INVALID when it is not JSON or not a corrections file (naming the field).
 */
export function parseCorrections(text: string, name = 'corrections.json'): CorrectionsFile {
  let data: unknown;
  try {
    data = JSON.parse(text.replace(/^\uFEFF/, ''));
  } catch (err) {
    throw new RecordsInputError('RECORDS_INVALID', `${name} is not valid JSON (${(err as Error).message}); restore it from a backup or fix the syntax`, { cause: err });
  }
  try {
    return validateCorrectionsFile(data);
  } catch (err) {
    if (err instanceof ValidationError) throw new RecordsInputError('RECORDS_INVALID', `${name}: ${err.message}`, { cause: err });
    throw err;
  }
}

/** The corrections file as written: 2-space JSON with a final newline. */
export function correctionsToJson(file: CorrectionsFile): string {
  return JSON.stringify(validateCorrectionsFile(file), null, 2) + '\n';
}
