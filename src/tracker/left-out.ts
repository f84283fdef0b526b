/**
 * "Every word kept" checked, not assumed: text on the page that reached no part of the
 * document — no record, heading, title, introduction or closing — is named in a warning
 * (`TEXT_LEFT_OUT`) and flags the record it sits beside. Running heads and footers, hidden
 * text and small print left out on purpose are not on the pages this check reads.
 *
 * Why: the held-out sweep found rows lost with no word (culture-two-tables chromium-h6: a
 * whole record after a page-break continuation), the worst kind of mistake for staff who
 * trust a conversion that exits 0.
 */
import type { Page, TextItem } from '../types.ts';

/** Options of {@link leftOutText}. */
export interface LeftOutOptions {
  /**
   * Items whose letters and digits number fewer than this are not checked: bullets, list
   * numbers, one short word (too common to be found missing by a text search). 4.
   */
  minChars: number;
  /** At most this many characters of left-out text are quoted per warning. 120. */
  quoteChars: number;
}

/** Defaults of {@link LeftOutOptions}. */
export const DEFAULT_LEFT_OUT_OPTIONS: LeftOutOptions = { minChars: 4, quoteChars: 120 };

/** Letters and digits only, lower case, compatibility forms folded: "Bar-" "clays" ~ "Barclays". */
export function foldText(text: string): string {
  return text
    .normalize('NFKC')
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, '');
}

/** A run of left-out text on one page. */
export interface LeftOut {
  /** 1-based page. */
  page: number;
  /** The text, items joined in reading order. */
  text: string;
  /** Its box (points, top-left origin). */
  top: number;
  bottom: number;
}

/**
 * The document's kept texts: `everywhere` (title, intro, closing, headings, header rows,
 * warnings' quotes) and, per 1-based page, the fields of the records on that page. An item is
 * looked for only there, so the check stays linear in the document's length (a 1,000-page
 * tracker would otherwise search every record for every item).
 */
export interface KeptText {
  everywhere: readonly string[];
  onPage: (pageNumber: number) => readonly string[];
}

/**
 * The text items of `pages` whose letters and digits appear nowhere in the texts the document
 * kept for their page (any order), grouped per page into runs of neighbouring lines.
 * @param pages the pages as the table finder read them (running text already removed).
 */
export function leftOutText(pages: readonly Page[], kept: KeptText, options: LeftOutOptions = DEFAULT_LEFT_OUT_OPTIONS): LeftOut[] {
  const everywhere = kept.everywhere.map(foldText).join('\u0000');
  const out: LeftOut[] = [];
  for (const page of pages) {
    const corpus = `${everywhere}\u0000${kept.onPage(page.pageNumber).map(foldText).join('\u0000')}`;
    const missing = page.items.filter((i) => {
      const f = foldText(i.text);
      return f.length >= options.minChars && !corpus.includes(f);
    });
    if (!missing.length) continue;
    missing.sort((a, b) => a.bbox.top - b.bbox.top || a.bbox.x0 - b.bbox.x0);
    let run: TextItem[] = [];
    const flush = () => {
      if (!run.length) return;
      out.push({
        page: page.pageNumber,
        text: run.map((i) => i.text.trim()).join(' '),
        top: Math.min(...run.map((i) => i.bbox.top)),
        bottom: Math.max(...run.map((i) => i.bbox.bottom)),
      });
      run = [];
    };
    for (const item of missing) {
      const last = run[run.length - 1];
      if (last && item.bbox.top - last.bbox.bottom > 2 * item.fontSize) flush();
      run.push(item);
    }
    flush();
  }
  return out;
}
