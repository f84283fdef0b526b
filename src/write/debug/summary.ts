/**
 * The debug overlay's summary, added after the input's pages (so every page of the overlay keeps
 * the number it has in the input): what the file is, why a page may have no image, the legend,
 * every record to check with its review messages, and every warning (issues #7 and #14: the
 * legend no longer covers page content). Pure: it says what to write; debug.ts flows it onto pages.
 */
import type { TrackerDocument, TrackerRecord } from '../../schema.ts';
import { STROKES, type Stroke } from './style.ts';

/**
 * One entry of the summary, top to bottom. Sizes in points; `indent` from the left margin, `hang`
 * more for the wrapped lines of a list item; `space` above it.
 */
export type SummaryEntry =
  | { kind: 'text'; text: string; size: number; bold?: boolean; color?: string; indent?: number; hang?: number; space?: number }
  | { kind: 'stroke'; stroke: Stroke; text: string }
  | { kind: 'check'; text: string };

/** What the summary says about the pages before it. */
export interface SummaryFacts {
  /** Pages of the input (the summary starts at pageCount + 1). */
  pageCount: number;
  /** How the page images were made: the input itself, a decrypted copy, or none (blank pages). */
  images: 'original' | 'decrypted' | 'blank';
  /** Why the pages are blank, or how the input was decrypted. */
  note: string | null;
  /** True when some page was widened to make room for labels. */
  widened: boolean;
}

/** "page 2", "pages 2–3", "pages 2, 4" (empty for none). */
export function pagesText(pages: readonly number[]): string {
  if (!pages.length) return '';
  const sorted = [...new Set(pages)].sort((a, b) => a - b);
  const contiguous = sorted.every((p, i) => i === 0 || p === sorted[i - 1]! + 1);
  if (sorted.length === 1) return `page ${sorted[0]}`;
  return contiguous ? `pages ${sorted[0]}–${sorted[sorted.length - 1]}` : `pages ${sorted.join(', ')}`;
}

/** "amber · fill", "no RAG" — a record's RAG status and where it came from. */
export function ragText(r: Pick<TrackerRecord, 'rag' | 'ragSource'>): string {
  return r.rag ? `${r.rag}${r.ragSource ? ` · ${r.ragSource}` : ''}` : 'no RAG';
}

/** The review codes of a record, each once, in the order first given. */
export function reviewCodes(r: Pick<TrackerRecord, 'review'>): string[] {
  return [...new Set(r.review.map((v) => v.code))];
}

const H1 = 14,
  H2 = 10.5,
  BODY = 8.5;

/** The summary's entries for `document`. */
export function summaryEntries(document: TrackerDocument, facts: SummaryFacts): SummaryEntry[] {
  const out: SummaryEntry[] = [];
  const text = (t: string, size = BODY, more: Partial<Extract<SummaryEntry, { kind: 'text' }>> = {}) => out.push({ kind: 'text', text: t, size, ...more });
  const n = facts.pageCount;
  const tables = new Set(document.records.map((r) => r.table)).size;
  text('impact-tracker debug overlay', H1, { bold: true });
  text(
    `${document.source.file || '(no file name)'}: ${n} page${n === 1 ? '' : 's'}, ${document.records.length} record${document.records.length === 1 ? '' : 's'} in ${tables} table${tables === 1 ? '' : 's'}.`,
    BODY,
    { space: 4 },
  );
  const inputPages = n === 1 ? "Page 1 is the input's page" : `Pages 1–${n} are the input's pages`;
  text(`${inputPages} with what the extractor found drawn over ${n === 1 ? 'it' : 'them'}; this summary comes after (from page ${n + 1}), so every page keeps its number.`);
  if (facts.widened) text('Pages with more labels than room are widened on the right: the grey strip is not part of the input.');
  if (facts.images === 'decrypted')
    text(`The input is encrypted: ${facts.note ?? 'it was decrypted for this overlay'}. This overlay is not encrypted (nor are the JSON and CSV).`, BODY, { bold: true, space: 4 });
  if (facts.images === 'blank')
    text(`No page images: ${facts.note ?? 'the input could not be rewritten'}. Each page shows the input's text in grey, where it stands, instead.`, BODY, {
      bold: true,
      color: '#b00000',
      space: 4,
    });

  text('Legend', H2, { bold: true, space: 10 });
  for (const s of Object.values(STROKES) as Stroke[]) out.push({ kind: 'stroke', stroke: s, text: s.name });
  out.push({ kind: 'check', text: 'record to check: the cell of the flagged field, or all its cells' });
  text(
    'Labels (7.5 pt): "#3 rec" names record 3\'s cell in that column, inside the cell where that covers no text, else beside the table with a dotted leader line. "#3 amber · fill" beside the Progress cell: the RAG status and where it came from (fill, column, ink, text, manual). "#3 check: CODES" (yellow): the record\'s review flags, listed in full below. A note at the top right of a page lists that page\'s warnings.',
    BODY,
    { space: 3 },
  );

  const flagged = document.records.filter((r) => r.review.length);
  text(`Records to check: ${flagged.length} of ${document.records.length}`, H2, { bold: true, space: 10 });
  if (!flagged.length) text('No record carries a review flag.');
  for (const r of flagged) {
    const where = pagesText(r.pages);
    text(`#${r.id}${r.label && r.label !== r.id ? ` (${r.label})` : ''}${where ? ` · ${where}` : ''} · ${ragText(r)}`, BODY, { bold: true, space: 3 });
    for (const v of r.review) text(`${v.code}${v.field ? ` (${v.field})` : ''}: ${v.message}`, BODY, { indent: 12, hang: 10 });
  }

  const warnings = document.warnings;
  text(`Warnings: ${warnings.length}`, H2, { bold: true, space: 10 });
  if (!warnings.length) text('No warnings.');
  for (const w of warnings) {
    const where = [w.page ? `page ${w.page}` : '', w.recordId ? `#${w.recordId}` : ''].filter(Boolean).join(' · ');
    text(`${where ? `${where} · ` : ''}${w.code}: ${w.message}`, BODY, { hang: 10, space: 1 });
  }
  return out;
}
