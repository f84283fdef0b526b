/**
 * Rows broken by a page break, in tables without record labels: does the piece at the top of a
 * page continue the record above it, or start a new one? Decided on evidence, strongest first,
 * and said to be certain only when strong evidence decides it (issue #7: a continuation is one
 * record whatever columns it touches; a doubtful decision is flagged for review).
 *
 * Strong evidence to join: a cell there starts in lower case (a sentence going on); a cell above
 * ends in a broken word ("commis-"); the piece has text but no recommendation (a new row always
 * has one). Strong evidence to split: the producer never breaks rows (LaTeX longtable); the row
 * above ended well above the foot of the page, so the next row was moved whole.
 * Weaker evidence: a cell above ends without a sentence end (joins), every cell above ends a
 * sentence and the recommendation below starts one (splits).
 */
import type { TextLine } from '../layout/lines.ts';
import type { Piece } from './assemble.ts';

/** What the decision needs beyond the two pieces. */
export interface BreakContext {
  /** The right edge text reaches in a column (points). */
  rightEdge: (column: number) => number;
  /** False when the producer never breaks a row over pages. */
  rowsSplit: boolean;
  /** y where the text area ends on a page (the lowest any table part reaches); undefined when unknown. */
  pageBodyBottom?: number;
  /** Typical baseline step (points). */
  pitch: number;
}

/** The decision and how sure it is. */
export interface BreakVerdict {
  join: boolean;
  certain: boolean;
  /** The evidence, in words, for the review message. */
  why: string;
}

const SENTENCE_END = /[.!?:;)"”’]$/;
/** A cell ends complete: a sentence end, not a list item's ";" or an introduction's ":". */
const COMPLETE_END = /[.!?)"”’]$/;
/** Short status words ("Complete", "In progress") need no full stop (fixture youth-services-no-labels). */
const SHORT_STATUS = /^[\p{Lu}][\p{L} ]{0,24}$/u;

const lastLine = (lines: TextLine[]) => lines[lines.length - 1];

/**
 * Decide whether `next` (the first piece on a page) continues `prev` (the last piece of the
 * record above, on an earlier page).
 * @param col column indexes by role (-1 when absent).
 */
export function continuesAcrossBreak(
  record: readonly Piece[],
  next: Piece,
  col: { recommendation: number; response: number; progress: number },
  context: BreakContext,
): BreakVerdict {
  // The record so far (a cell may run over several pages) and its last piece.
  const prev = record[record.length - 1]!;
  const has = (ci: number) => record.some((p) => (p.cells[ci]?.lines.length ?? 0) > 0);
  const joinStrong: string[] = [];
  const splitStrong: string[] = [];
  const joinWeak: string[] = [];
  const splitWeak: string[] = [];

  if ([col.recommendation, col.response, col.progress].some((ci) => ci >= 0 && /^\p{Ll}/u.test(next.cells[ci]!.lines[0]?.text.trim() ?? '')))
    joinStrong.push('a cell goes on in lower case');
  if ([col.recommendation, col.response, col.progress].some((ci) => ci >= 0 && /\p{L}[-\u2010]$/u.test(lastLine(prev.cells[ci]!.lines)?.text.trim() ?? '')))
    joinStrong.push('a word is broken at the page foot');
  const rec = col.recommendation;
  if (rec >= 0 && !next.cells[rec]!.lines.length && next.cells.some((c) => c.lines.length) && has(rec)) {
    joinStrong.push('the part on the new page has no recommendation');
  }
  // The part on the new page has text in one column only, where the row above had text in
  // more: one cell running on (a new row has text in its recommendation and most others).
  const roles = [col.recommendation, col.response, col.progress].filter((ci) => ci >= 0);
  const nextColumns = roles.filter((ci) => next.cells[ci]!.lines.length > 0);
  if (nextColumns.length === 1 && roles.filter(has).length >= 2) joinStrong.push('the part on the new page has text in one column only');
  // A list going on: the column's last line above is a list item not ending a sentence, and
  // the same column below opens with another item.
  prev.cells.forEach((c, ci) => {
    if (ci !== col.recommendation && ci !== col.response && ci !== col.progress) return;
    const last = lastLine(c.lines)?.text.trim() ?? '';
    const first = next.cells[ci]?.lines[0]?.text.trim() ?? '';
    if (/^•/.test(first) && /[;,]$|[^.!?)"”’]$/.test(last) && c.lines.some((l) => /^•/.test(l.text.trim()))) joinStrong.push('a list goes on over the page break');
  });
  if (!context.rowsSplit) splitStrong.push('the producer never breaks a row over pages');
  if (context.pageBodyBottom !== undefined && prev.bottom < context.pageBodyBottom - 3 * context.pitch)
    splitStrong.push('the page above had room left, so the row was moved whole');

  const roleColumns = new Set([col.recommendation, col.response, col.progress].filter((ci) => ci >= 0));
  // Only the three text columns speak: a Lead or RAG column holds names and words without full stops.
  prev.cells.forEach((c, ci) => {
    if (!roleColumns.has(ci)) return;
    const last = lastLine(c.lines);
    if (!last) return;
    const text = last.text.trim();
    if (SENTENCE_END.test(text)) return;
    const full = last.bbox.x1 >= context.rightEdge(ci) - last.fontSize * 2;
    if (ci === rec || (full && c.lines.length > 1) || (!SHORT_STATUS.test(text) && c.lines.length > 1)) joinWeak.push('a cell above ends mid-sentence');
  });
  const prevComplete = prev.cells.every((c, ci) => {
    if (!roleColumns.has(ci)) return true;
    const text = lastLine(c.lines)?.text.trim();
    return !text || COMPLETE_END.test(text) || SHORT_STATUS.test(text);
  });
  const nextStarts = rec >= 0 && /^["“‘(]?[\p{Lu}\d•]/u.test(next.cells[rec]!.lines[0]?.text.trim() ?? '');
  if (prevComplete && nextStarts) splitWeak.push('every cell above ends a sentence and the recommendation below starts one');

  const because = (list: string[]) => [...new Set(list)].join('; ');
  if (joinStrong.length && !splitStrong.length) return { join: true, certain: true, why: because(joinStrong) };
  if (splitStrong.length && !joinStrong.length) return { join: false, certain: true, why: because(splitStrong) };
  if (joinStrong.length && splitStrong.length) return { join: true, certain: false, why: `${because(joinStrong)}, although ${because(splitStrong)}` };
  if (joinWeak.length && !splitWeak.length) return { join: true, certain: false, why: because(joinWeak) };
  if (splitWeak.length && !joinWeak.length) return { join: false, certain: false, why: because(splitWeak) };
  if (joinWeak.length) return { join: true, certain: false, why: because(joinWeak) };
  return { join: false, certain: false, why: 'nothing shows that the row goes on' };
}
