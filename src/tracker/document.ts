/**
 * Document-level reading: running headers/footers and page numbers (never part of a cell),
 * the title and committee above the first table, and numbering warnings.
 */
import type { Page, TextItem } from '../types.ts';
import { baselineGroups, makeLine, splitGroup } from '../layout/lines.ts';
import type { HeaderClassifier } from '../layout/table.ts';
import type { Warning } from '../schema.ts';
import { parseLabel } from './labels.ts';

/** Options for running text. */
export interface RunningTextOptions {
  /**
   * Share of the page height at the top and at the bottom where running text may stand. 0.12:
   * the corpus's running heads and footers sit within 9 % of the edge; a repeated header row
   * inside the zone is excluded by the header classifier, not by position.
   */
  marginShare: number;
  /** Lines repeated at the same height (± points) count as one running line. 4 pt: producers place them to 0.1 pt; 4 tolerates a changed font size. */
  positionTolerance: number;
  /** Share of pages a line must repeat on (at least 2 pages). 0.5: a footer missing from a title page still counts; a label repeating by chance on 2 of 5 pages does not. */
  minPageShare: number;
}
/** Defaults of {@link RunningTextOptions}; each value's source is on its field. */
export const DEFAULT_RUNNING_TEXT_OPTIONS: RunningTextOptions = { marginShare: 0.12, positionTolerance: 4, minPageShare: 0.5 };

const PAGE_NUMBER = /^(?:-\s*)?(?:page\s*)?#(?:\s*(?:of|\/)\s*#)?(?:\s*-)?$/i;

/**
 * Find running headers, footers and page numbers: lines in the top or bottom margin zone that
 * are page numbers ("3", "Page 2 of 5", "- 4 -") or repeat, digits aside, at the same height on
 * at least half the pages. Header rows and record labels are never running text.
 * @returns the items to drop, per page.
 */
export function findRunningText(pages: Page[], classify: HeaderClassifier, options: RunningTextOptions = DEFAULT_RUNNING_TEXT_OPTIONS): Set<TextItem> {
  type Cand = { page: number; key: string; y: number; items: TextItem[] };
  const cands: Cand[] = [];
  for (const page of pages) {
    const zone = page.height * options.marginShare;
    for (const g of baselineGroups(page.items)) {
      const line = makeLine(g);
      if (line.bbox.bottom > zone && line.bbox.top < page.height - zone) continue;
      const parts = splitGroup(g);
      if (parts.length >= 2 && classify(parts.map((p) => p.text)).accepted) continue;
      if (parseLabel(line.text)?.kind === 'word') continue;
      const key = line.text.replace(/\d+/g, '#').replace(/\s+/g, ' ').trim().toLowerCase();
      cands.push({ page: page.pageNumber, key, y: line.baseline, items: g });
      // Each fragment of a split line (a left footer and a right page number) on its own too.
      if (parts.length >= 2) for (const p of parts) cands.push({ page: page.pageNumber, key: p.text.replace(/\d+/g, '#').trim().toLowerCase(), y: p.baseline, items: p.items });
    }
  }
  const drop = new Set<TextItem>();
  const need = Math.max(2, Math.ceil(pages.length * options.minPageShare));
  for (const c of cands) {
    const same = new Set(cands.filter((o) => o.key === c.key && Math.abs(o.y - c.y) <= options.positionTolerance).map((o) => o.page));
    if (PAGE_NUMBER.test(c.key) || (pages.length >= 2 && same.size >= need)) for (const i of c.items) drop.add(i);
  }
  return drop;
}

/**
 * Title and committee from the text above the first table on its page: the title is the run of
 * lines in the largest font; the committee is the next line when it is short and not a sentence.
 * @param above text items above the table (points, top-left origin).
 */
export function readTitle(above: TextItem[], fallbackTitle: string, keepHyphen: (left: string, right: string) => boolean = () => true): { title: string; committee: string } {
  const lines = baselineGroups(above).map((g) => makeLine(g));
  if (!lines.length) return { title: fallbackTitle, committee: '' };
  const maxSize = Math.max(...lines.map((l) => l.fontSize));
  const first = lines.findIndex((l) => l.fontSize >= maxSize - 0.5);
  let end = first;
  while (end + 1 < lines.length && lines[end + 1].fontSize >= maxSize - 0.5 && lines[end + 1].baseline - lines[end].baseline < maxSize * 1.6) end++;
  // Lines of a wrapped title join like a paragraph's: a line-end hyphen is kept only where
  // the word has one (fixture health-inequalities-xltabular: "recommenda-" + "tions").
  let title = '';
  for (const l of lines.slice(first, end + 1)) {
    const m = /(\S+)[-\u2010]$/u.exec(title);
    if (m && /\p{L}$/u.test(m[1])) title = keepHyphen(m[1], l.text.split(' ')[0]) ? title + l.text : title.slice(0, -1) + l.text;
    else title = title ? `${title} ${l.text}` : l.text;
  }
  title = title.trim();
  const next = lines[end + 1];
  const committee = next && next.text.length <= 100 && !/[.;]$/.test(next.text) && next.fontSize < maxSize ? next.text.trim() : '';
  return { title: title || fallbackTitle, committee };
}

/** Warnings for gaps and duplicates in numeric record ids, per table. */
export function numberingWarnings(records: Array<{ id: string; table: number; label: string; pages: number[] }>): Warning[] {
  const warnings: Warning[] = [];
  const seen = new Map<string, number>();
  let prev: number | null = null;
  let prevTable = 0;
  for (const r of records) {
    if (!r.label) continue;
    const key = `${r.table}:${r.id}`;
    if (seen.has(key)) warnings.push({ code: 'NUMBERING_DUPLICATE', recordId: r.id, page: r.pages[0], message: `record ${r.id} appears more than once in table ${r.table}` });
    seen.set(key, 1);
    const n = /^\d+$/.test(r.id) ? Number(r.id) : null;
    if (n !== null && prev !== null && r.table === prevTable && n > prev + 1) {
      warnings.push({ code: 'NUMBERING_GAP', recordId: r.id, page: r.pages[0], message: `numbering jumps from ${prev} to ${n}: ${n - prev - 1 === 1 ? `record ${prev + 1} is` : `records ${prev + 1}–${n - 1} are`} missing` });
    }
    if (n !== null) prev = n;
    prevTable = r.table;
  }
  return warnings;
}
