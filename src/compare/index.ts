/**
 * What changed between two versions of a tracker (issue #10): records matched by id or label,
 * then by text similarity where the numbering changed; for each, RAG moved (from → to), text
 * updated (a word-level diff per field), added, removed or unchanged; a summary first.
 * Pure and browser-capable: two TrackerDocuments in, a TrackerComparison out (DESIGN.md
 * "Where new capabilities live": src/compare/).
 */
import { countRag, type RagCounts } from '../tracker/rag.ts';
import { RECORD_FIELDS, type RagStatus, type RecordField, type TrackerDocument, type TrackerRecord } from '../schema.ts';
import { wordDiff, type DiffSegment } from './diff.ts';
import { similarity } from './similarity.ts';

export { wordDiff, type DiffSegment } from './diff.ts';
export { similarity } from './similarity.ts';

/** One side of the comparison, as a summary. */
export interface ComparedSide {
  file: string;
  title: string;
  committee: string;
  records: number;
  rag: RagCounts;
}

/** What happened to one recommendation. */
export type ChangeStatus = 'moved' | 'updated' | 'unchanged' | 'added' | 'removed';

/** The three texts of a record. */
export type RecordTexts = Record<RecordField, string>;

/** One recommendation in the comparison. */
export interface RecordChange {
  /** moved: the RAG status changed (the text may too); updated: text changed, RAG the same. */
  status: ChangeStatus;
  oldId: string | null;
  newId: string | null;
  /** The label to show: the new record's label (or id), else the old one's. */
  label: string;
  /** How the two versions were paired; null for added and removed records. */
  matchedBy: 'id' | 'label' | 'text' | null;
  /** Word similarity of the two recommendation texts (0–1), when matched. */
  similarity: number | null;
  ragFrom: RagStatus | null;
  ragTo: RagStatus | null;
  /** Fields whose text changed (whitespace aside). */
  fields: RecordField[];
  /** Word-level diff per changed field. */
  diffs: Partial<Record<RecordField, DiffSegment[]>>;
  old: RecordTexts | null;
  new: RecordTexts | null;
}

/** Counts per status, and RAG moves per destination. */
export interface ComparisonSummary {
  moved: number;
  /** Records that moved, by the status they moved to (`none` = no longer rated). */
  movedTo: RagCounts;
  updated: number;
  added: number;
  removed: number;
  unchanged: number;
}

/** The result of {@link compareTrackers}. */
export interface TrackerComparison {
  /** What the old version is called in the summary ("2024-03", or its file name). */
  since: string;
  old: ComparedSide;
  new: ComparedSide;
  summary: ComparisonSummary;
  /** "Since 2024-03: 3 moved to green, 1 to red, 2 new, 1 removed, 4 updated, 3 unchanged." */
  summaryText: string;
  /** Every recommendation: the new version's order, a removed one after its old predecessor. */
  changes: RecordChange[];
}

/** Options of {@link compareTrackers}. */
export interface CompareOptions {
  /** How to name the old version in the summary (default: its file name). */
  since?: string;
}

/**
 * Thresholds of the matching, on the Dice word similarity of the recommendation texts.
 * Same id: accepted from 0.4 (an edited recommendation keeps well over half its words; a
 * different recommendation under a reused number shares under 0.3 in the fixtures/compare
 * trackers). By text alone: 0.6, so a pairing on words needs most of them in common.
 */
export const MATCH = { sameId: 0.4, text: 0.6 } as const;

/** Text as compared: whitespace runs as one space, soft hyphens dropped, trimmed. */
const norm = (s: string) =>
  s
    .replace(/\u00ad/g, '')
    .replace(/\s+/g, ' ')
    .trim();
const texts = (r: TrackerRecord): RecordTexts => ({ recommendation: r.recommendation, response: r.response, progress: r.progress });
const side = (d: TrackerDocument): ComparedSide => ({ file: d.source.file, title: d.title, committee: d.committee, records: d.records.length, rag: countRag(d.records) });

/**
 * Pair the records of two versions: by id (when the recommendation texts are alike enough),
 * then by label, then by text similarity for what is left.
 * @returns pairs of indexes into old and new, with how each was made.
 */
export function matchRecords(
  before: readonly TrackerRecord[],
  after: readonly TrackerRecord[],
): Array<{ old: number; new: number; by: 'id' | 'label' | 'text'; similarity: number }> {
  const pairs: Array<{ old: number; new: number; by: 'id' | 'label' | 'text'; similarity: number }> = [];
  const usedOld = new Set<number>();
  const usedNew = new Set<number>();
  const pass = (by: 'id' | 'label', key: (r: TrackerRecord) => string) => {
    const index = new Map<string, number[]>();
    before.forEach((r, i) => {
      if (usedOld.has(i) || !key(r)) return;
      index.set(key(r), [...(index.get(key(r)) ?? []), i]);
    });
    after.forEach((r, j) => {
      if (usedNew.has(j) || !key(r)) return;
      // Among old records with the key (ids may repeat across tables), the same table first.
      const candidates = (index.get(key(r)) ?? []).filter((i) => !usedOld.has(i)).sort((a, b) => Number(before[b]!.table === r.table) - Number(before[a]!.table === r.table));
      for (const i of candidates) {
        const s = similarity(before[i]!.recommendation, r.recommendation);
        if (s >= MATCH.sameId) {
          pairs.push({ old: i, new: j, by, similarity: s });
          usedOld.add(i);
          usedNew.add(j);
          break;
        }
      }
    });
  };
  pass('id', (r) => r.id.trim().toLowerCase());
  pass('label', (r) => norm(r.label).toLowerCase());
  // Text: best pairs first among what is left.
  const scored: Array<{ i: number; j: number; s: number }> = [];
  before.forEach((a, i) => {
    if (usedOld.has(i)) return;
    after.forEach((b, j) => {
      if (usedNew.has(j)) return;
      const s = similarity(a.recommendation, b.recommendation);
      if (s >= MATCH.text) scored.push({ i, j, s });
    });
  });
  scored.sort((x, y) => y.s - x.s || x.j - y.j || x.i - y.i);
  for (const { i, j, s } of scored) {
    if (usedOld.has(i) || usedNew.has(j)) continue;
    pairs.push({ old: i, new: j, by: 'text', similarity: s });
    usedOld.add(i);
    usedNew.add(j);
  }
  return pairs;
}

const RAG_WORDS: Record<RagStatus | 'none', string> = { green: 'green', amber: 'amber', red: 'red', blue: 'blue', none: 'not rated' };
/** Destinations in the summary sentence, best news first (the "3 moved to green, 1 to red"). */
const SUMMARY_ORDER: Array<RagStatus | 'none'> = ['green', 'blue', 'amber', 'red', 'none'];

/** "Since X: 3 moved to green, 1 to red, 2 new, 1 removed, 4 updated, 3 unchanged." */
export function summarize(since: string, s: ComparisonSummary): string {
  const parts: string[] = [];
  let first = true;
  for (const r of SUMMARY_ORDER) {
    if (!s.movedTo[r]) continue;
    parts.push(first ? `${s.movedTo[r]} moved to ${RAG_WORDS[r]}` : `${s.movedTo[r]} to ${RAG_WORDS[r]}`);
    first = false;
  }
  if (s.added) parts.push(`${s.added} new`);
  if (s.removed) parts.push(`${s.removed} removed`);
  if (s.updated) parts.push(`${s.updated} updated`);
  if (s.unchanged) parts.push(`${s.unchanged} unchanged`);
  return `Since ${since}: ${parts.length ? parts.join(', ') : 'no recommendations in either version'}.`;
}

/**
 * Compare two versions of a tracker.
 * @param before the earlier tracker; `after` the later one (any source: JSON, CSV, extracted PDF).
 * @returns the comparison: sides, summary, and one RecordChange per recommendation.
 * @example
 * ```ts
 * const { summaryText, changes } = compareTrackers(march, june, { since: 'March 2025' });
 * ```
 */
export function compareTrackers(before: TrackerDocument, after: TrackerDocument, options: CompareOptions = {}): TrackerComparison {
  const pairs = matchRecords(before.records, after.records);
  const byNew = new Map(pairs.map((p) => [p.new, p]));
  const byOld = new Map(pairs.map((p) => [p.old, p]));
  const summary: ComparisonSummary = { moved: 0, movedTo: countRag([]), updated: 0, added: 0, removed: 0, unchanged: 0 };
  const labelOf = (r: TrackerRecord) => r.label || r.id;
  const changes: RecordChange[] = after.records.map((r, j) => {
    const p = byNew.get(j);
    if (!p) {
      summary.added++;
      return {
        status: 'added',
        oldId: null,
        newId: r.id,
        label: labelOf(r),
        matchedBy: null,
        similarity: null,
        ragFrom: null,
        ragTo: r.rag,
        fields: [],
        diffs: {},
        old: null,
        new: texts(r),
      };
    }
    const o = before.records[p.old]!;
    const fields = RECORD_FIELDS.filter((f) => norm(o[f]) !== norm(r[f]));
    const diffs: RecordChange['diffs'] = {};
    for (const f of fields) diffs[f] = wordDiff(norm(o[f]), norm(r[f]));
    const moved = o.rag !== r.rag;
    const status: ChangeStatus = moved ? 'moved' : fields.length ? 'updated' : 'unchanged';
    if (moved) {
      summary.moved++;
      summary.movedTo[r.rag ?? 'none']++;
    } else summary[status === 'updated' ? 'updated' : 'unchanged']++;
    return {
      status,
      oldId: o.id,
      newId: r.id,
      label: labelOf(r),
      matchedBy: p.by,
      similarity: Math.round(p.similarity * 1000) / 1000,
      ragFrom: o.rag,
      ragTo: r.rag,
      fields,
      diffs,
      old: texts(o),
      new: texts(r),
    };
  });
  // Removed records go after the new position of their nearest kept predecessor.
  const inserts: Array<{ at: number; change: RecordChange; k: number }> = [];
  before.records.forEach((o, i) => {
    if (byOld.has(i)) return;
    summary.removed++;
    let at = -1;
    for (let k = i - 1; k >= 0; k--) {
      const p = byOld.get(k);
      if (p) {
        at = p.new;
        break;
      }
    }
    inserts.push({
      at,
      k: i,
      change: {
        status: 'removed',
        oldId: o.id,
        newId: null,
        label: labelOf(o),
        matchedBy: null,
        similarity: null,
        ragFrom: o.rag,
        ragTo: null,
        fields: [],
        diffs: {},
        old: texts(o),
        new: null,
      },
    });
  });
  const ordered: RecordChange[] = [];
  const pending = (at: number) =>
    inserts
      .filter((x) => x.at === at)
      .sort((a, b) => a.k - b.k)
      .map((x) => x.change);
  ordered.push(...pending(-1));
  changes.forEach((c, j) => {
    ordered.push(c, ...pending(j));
  });
  const since = options.since?.trim() || before.source.file || before.title;
  return { since, old: side(before), new: side(after), summary, summaryText: summarize(since, summary), changes: ordered };
}
