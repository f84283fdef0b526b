/**
 * Document-level reading: running headers/footers and page numbers (never part of a cell),
 * the title and committee above the first table, and numbering warnings.
 */
import type { Page, TextItem } from '../types.ts';
import { baselineGroups, makeLine, splitGroup, type TextLine } from '../layout/lines.ts';
import { cellText } from './text.ts';
import type { HyphenDecider } from './hyphen.ts';
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
  /**
   * A whole-line candidate with body text this close (baseline to baseline, in its font sizes)
   * on the side towards the page's body, starting at the same x, is a line of that text, not
   * running text. 1.6: a cell's lines step 1.15–1.35 em (held-out sweep adult-social-care lo-h7:
   * a cell's last word "the" at the page foot on 2 of 3 pages).
   */
  attachedStep: number;
}
/** Defaults of {@link RunningTextOptions}; each value's source is on its field. */
export const DEFAULT_RUNNING_TEXT_OPTIONS: RunningTextOptions = { marginShare: 0.12, positionTolerance: 4, minPageShare: 0.5, attachedStep: 1.6 };

const PAGE_NUMBER = /^(?:-\s*)?(?:page\s*)?#(?:\s*(?:of|\/)\s*#)?(?:\s*-)?$/i;

/**
 * Find running headers, footers and page numbers: lines in the top or bottom margin zone that
 * are page numbers ("3", "Page 2 of 5", "- 4 -") or repeat, digits aside, at the same height on
 * at least half the pages. Header rows and record labels are never running text.
 * @returns the items to drop, per page.
 */
export function findRunningText(pages: Page[], classify: HeaderClassifier, options: RunningTextOptions = DEFAULT_RUNNING_TEXT_OPTIONS): Set<TextItem> {
  /** `line`: the candidate's whole line, for a fragment of a split line (a left footer, a page number). */
  type Cand = { page: number; key: string; y: number; items: TextItem[]; line?: TextItem[] };
  const cands: Cand[] = [];
  for (const page of pages) {
    const zone = page.height * options.marginShare;
    const groups = baselineGroups(page.items);
    let headerRest: TextItem[] | null = null;
    for (const [gi, g] of groups.entries()) {
      const line = makeLine(g);
      // A line touching the zone counts: a footnote line may reach over its edge (sweep
      // policing-number-column-footnotes lo-s4: top 520.8 pt on a 595 pt page).
      if (line.bbox.top > zone && line.bbox.bottom < page.height - zone) continue;
      // The second line of a wrapped header row read with its first (below).
      if (headerRest === g) continue;
      const parts = splitGroup(g);
      if (parts.length >= 2 && classify(parts.map((p) => p.text)).accepted) continue;
      // A header row whose cells wrap ("Committee's" / "recommendation"): its first line alone
      // names too few roles; with the next line's words added to the cells above them it is a
      // header, and neither line is running text (held-out sweep housing-delivery lo-h1).
      const next = groups[gi + 1];
      if (parts.length >= 2 && next && next[0] && next[0].baseline - line.baseline <= 1.6 * line.fontSize) {
        const texts = parts.map((p) => p.text);
        for (const part of splitGroup(next)) {
          const k = parts.findIndex((p) => part.bbox.x0 < p.bbox.x1 + line.fontSize && part.bbox.x1 > p.bbox.x0 - line.fontSize);
          if (k >= 0) texts[k] = `${texts[k]} ${part.text}`;
        }
        if (classify(texts).accepted) {
          headerRest = next;
          continue;
        }
      }
      if (parseLabel(line.text)?.kind === 'word') continue;
      const key = line.text.replace(/\d+/g, '#').replace(/\s+/g, ' ').trim().toLowerCase();
      cands.push({ page: page.pageNumber, key, y: line.baseline, items: g });
      // Each fragment of a split line (a left footer and a right page number) on its own too.
      if (parts.length >= 2)
        for (const p of parts) cands.push({ page: page.pageNumber, key: p.text.replace(/\d+/g, '#').trim().toLowerCase(), y: p.baseline, items: p.items, line: g });
    }
  }
  const need = Math.max(2, Math.ceil(pages.length * options.minPageShare));
  const running = cands.filter((c) => {
    const same = new Set(cands.filter((o) => o.key === c.key && Math.abs(o.y - c.y) <= options.positionTolerance).map((o) => o.page));
    return PAGE_NUMBER.test(c.key) || (pages.length >= 2 && same.size >= need);
  });
  const runningItems = new Set(running.flatMap((c) => c.items));
  // A fragment of a split line is running text only with the rest of its line: a number or a
  // word in one column of a table row is not (held-out sweep health-inequalities lo-h1: a
  // number column's "4" at the page foot; cycling docx-h5: "25" in a cell).
  const wholeLine = (c: Cand) => !c.line || c.line.every((i) => runningItems.has(i));
  // A whole line that continues the body text above it (below it, at the top of a page) is
  // that text's last (first) line: same left edge, same size, one line step away (held-out
  // sweep adult-social-care lo-h7: a cell's last word "the" at the page foot on 2 of 3 pages).
  const byPage = new Map(pages.map((p) => [p.pageNumber, p]));
  const continuesBody = (c: Cand): boolean => {
    const page = byPage.get(c.page);
    if (!page || c.line) return false;
    const own = new Set(c.items);
    const x0 = Math.min(...c.items.map((i) => i.bbox.x0));
    const size = Math.max(...c.items.map((i) => i.fontSize));
    const towardsBody = c.y > page.height / 2 ? -1 : 1;
    return page.items.some((i) => {
      if (own.has(i) || runningItems.has(i)) return false;
      const step = (i.baseline - c.y) * towardsBody;
      return step > 0.5 * size && step <= options.attachedStep * size && Math.abs(i.bbox.x0 - x0) <= options.positionTolerance / 2 && Math.abs(i.fontSize - size) <= 0.5;
    });
  };
  const drop = new Set<TextItem>();
  for (const c of running) if (wholeLine(c) && !continuesBody(c)) for (const i of c.items) drop.add(i);
  return drop;
}

/** The title, committee and introduction of a document, and the heading of its first table. */
export interface DocumentHead {
  title: string;
  committee: string;
  intro: string;
  /** The line right above the first table when it reads as a heading (bold or larger, short, no sentence end). */
  heading: string | null;
}

/** Options of the document text readers. */
export interface DocumentTextOptions {
  keepHyphen: HyphenDecider;
  paragraphStep: number;
  /** The document's title from its information dictionary, used when the page shows none. */
  infoTitle: string;
  /** See CellTextOptions.firstFitBreaks. */
  firstFitBreaks?: boolean;
  /** The right edge of the page's text area (points) by 1-based page: where a full line ends. */
  textRight: (pageNumber: number) => number;
}

/** Lines of free text (one column), page by page, top to bottom. */
function pageLinesInOrder(items: readonly TextItem[]): TextLine[] {
  const pages = [...new Set(items.map((i) => i.pageNumber))].sort((a, b) => a - b);
  return pages.flatMap((p) => baselineGroups(items.filter((i) => i.pageNumber === p)).map((g) => makeLine(g)));
}

/** Paragraph text of free lines by the text rules (cellText), "" for none. */
function paragraphs(lines: TextLine[], options: DocumentTextOptions): string {
  if (!lines.length) return '';
  // The line step is the smallest usual step: free text has few lines, and with two steps a
  // median may be the paragraph gap's (sweep culture-two-tables chromium-s8: 13.5 and 18.75 pt).
  const steps = lines
    .slice(1)
    .map((l, k) => l.baseline - lines[k]!.baseline)
    .filter((d, k) => d > 0.8 * lines[k + 1]!.fontSize && d < 2 * lines[k + 1]!.fontSize);
  const pitch = steps.length ? Math.min(...steps) : 12;
  return cellText(lines, { pitch, paragraphStep: options.paragraphStep, rightLimit: options.textRight, keepHyphen: options.keepHyphen, firstFitBreaks: options.firstFitBreaks });
}

/**
 * Title, committee, introduction and first heading from the text before the first table: the
 * title is the run of lines in the largest font when that font stands out (larger than the
 * body text, or bold); the committee is the next line when it is short, smaller and not a
 * sentence; the heading is the last line when it looks like one; the rest is the introduction.
 * @param before text items before the first table's header, in page order (points, top-left origin).
 */
export function readDocumentHead(before: readonly TextItem[], bodySize: number, options: DocumentTextOptions): DocumentHead {
  const ordered = pageLinesInOrder(before);
  if (!ordered.length) return { title: options.infoTitle, committee: '', intro: '', heading: null };
  // The title: the largest lines near the top, when they stand out from the body text.
  const maxSize = Math.max(...ordered.map((l) => l.fontSize));
  const first = ordered.findIndex((l) => l.fontSize >= maxSize - 0.5);
  const stands = (l: TextLine) => (l.fontSize > bodySize * 1.15 || l.bold) && l.text.length <= 200;
  let title = '';
  let used = 0;
  if (first >= 0 && first <= 2 && stands(ordered[first]!)) {
    let end = first;
    while (end + 1 < ordered.length && ordered[end + 1]!.fontSize >= maxSize - 0.5 && ordered[end + 1]!.baseline - ordered[end]!.baseline < maxSize * 1.6) end++;
    // Lines of a wrapped title join like a paragraph's: a line-end hyphen is kept only where
    // the word has one (fixture health-inequalities-xltabular: "recommenda-" + "tions").
    for (const l of ordered.slice(first, end + 1)) {
      const m = /(\S+)[-\u2010]$/u.exec(title);
      if (m && /\p{L}$/u.test(m[1]!)) title = options.keepHyphen(m[1]!, l.text.split(' ')[0] ?? '').keep ? title + l.text : title.slice(0, -1) + l.text;
      else title = title ? `${title} ${l.text}` : l.text;
    }
    used = end + 1;
  }
  title = title.trim();
  const next = ordered[used];
  let committee = '';
  if (title && next && next.text.length <= 100 && !/[.;]$/.test(next.text) && next.fontSize < maxSize) {
    committee = next.text.trim();
    used++;
  }
  // The first table's heading: the last line, short, bold or larger than the text above it.
  let heading: string | null = null;
  let headingLines = 1;
  const rest = ordered.slice(used);
  const last = rest[rest.length - 1];
  if (last && rest.length >= 1 && ordered.length >= 2) {
    const sizes = ordered.map((l) => l.fontSize).sort((a, b) => a - b);
    const body = sizes[Math.floor(sizes.length / 2)]!;
    const looksLikeHeading = (last.bold || last.fontSize > body * 1.1) && last.text.length <= 120 && !/[.;,]$/.test(last.text) && last.fontSize < maxSize;
    const single = last.items.length === 1 || splitGroup(last.items).length === 1;
    if (looksLikeHeading && single) {
      // A heading that wraps: the lines above in its own style, one line step apart, are its
      // start (held-out sweep transport-two-tables docx-h8: "… (November" / "2022)").
      let first = rest.length - 1;
      const sameStyle = (a: TextLine, b: TextLine) => a.bold === b.bold && Math.abs(a.fontSize - b.fontSize) <= 0.5;
      while (first > 0) {
        const above = rest[first - 1]!,
          cur = rest[first]!;
        if (!sameStyle(above, cur) || cur.baseline - above.baseline > 1.7 * cur.fontSize || cur.baseline <= above.baseline || /[.;:]$/.test(above.text)) break;
        first--;
      }
      const lines = rest.slice(first);
      if (lines.map((l) => l.text).join(' ').length <= 200) {
        heading = lines.map((l) => l.text.trim()).join(' ');
        headingLines = lines.length;
      } else heading = last.text;
    }
  }
  const introLines = heading ? rest.slice(0, rest.length - headingLines) : rest;
  return { title: title || options.infoTitle, committee, intro: paragraphs(introLines, options), heading };
}

/** The closing text: everything after the last table, paragraphs "\n\n"-separated. */
export function readClosing(after: readonly TextItem[], options: DocumentTextOptions): string {
  return paragraphs(pageLinesInOrder(after), options);
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
      warnings.push({
        code: 'NUMBERING_GAP',
        recordId: r.id,
        page: r.pages[0],
        message: `numbering jumps from ${prev} to ${n}: ${n - prev - 1 === 1 ? `record ${prev + 1} is` : `records ${prev + 1}–${n - 1} are`} missing`,
      });
    }
    if (n !== null) prev = n;
    prevTable = r.table;
  }
  return warnings;
}
