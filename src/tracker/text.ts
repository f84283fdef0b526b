/**
 * Cell lines → cell text, by the text rules of issue #2 and fixtures/README.md: lines of a
 * paragraph joined with one space; paragraphs separated by "\n\n"; a bullet list as lines
 * "• item" separated by "\n"; a break after a hyphen or dash inside a word joined without a
 * space (hyphens added by automatic hyphenation removed); the document's spelling kept.
 */
import type { TextLine } from '../layout/lines.ts';
import type { HyphenDecider } from './hyphen.ts';

export type { HyphenDecider };

/** Options of the text builder. */
export interface CellTextOptions {
  /** Typical baseline-to-baseline distance inside a paragraph (points). */
  pitch: number;
  /** A baseline step larger than pitch × this starts a paragraph. 1.2: the seed's paragraph step is 1.31× its line step; LaTeX \smallskip ≥ 1.25×. */
  paragraphStep: number;
  /** The right edge text reaches in this column on each page (points), to tell forced breaks. */
  rightLimit: (pageNumber: number) => number;
  /** Decides a line-end hyphen: keep it, or join the parts. */
  keepHyphen: HyphenDecider;
  /**
   * True when lines break first-fit (LibreOffice, Word, browsers): a line that ends a sentence
   * short of the column's edge, where the next word would have fitted, ends its paragraph.
   * False for TeX, whose Knuth–Plass breaking may end a line early anywhere (fixture
   * online-crime-tracker.latex-a4): there only a taller step starts a paragraph. Default true.
   */
  firstFitBreaks?: boolean;
  /**
   * True when the column's text is justified (its lines reach the right edge): then a line
   * that ends a sentence short of the edge ends its paragraph, whatever the line breaking.
   */
  justified?: boolean;
  /**
   * Told where a sentence ends at the foot of one page and the next begins the next page with
   * nothing to tell a paragraph break from a line wrap (no gap, no short line, no widow): the
   * lines were read as one paragraph. Gets the 1-based page the sentence ends on.
   */
  onParagraphGuess?: (pageNumber: number) => void;
  /**
   * The same on one page: a sentence ends a line the next word would not have fitted on, and the
   * next line starts a sentence one line step below — a paragraph break without paragraph
   * spacing looks like this. Read as one paragraph; the caller decides whether to flag it (only
   * where the document shows no paragraph spacing anywhere, see onSpacedParagraph).
   */
  onSameStepGuess?: (pageNumber: number) => void;
  /** Told of each paragraph break seen by extra space between lines: the producer spaces paragraphs. */
  onSpacedParagraph?: () => void;
  /** Told of every line-end hyphen decided without evidence (the word as written, e.g. "Bar-clays"). */
  onHyphenGuess?: (word: string) => void;
  /**
   * A word broken at a line end with no hyphen, because it did not fit the column ("Governanc" +
   * "e", LibreOffice and Chromium break such words anywhere): true to join the parts without a
   * space. Asked only when the line is that one word and fills the column. Default: never.
   */
  joinsWord?: (left: string, right: string) => boolean;
}

/**
 * Bullet markers read as "• " (U+2022): Word's Symbol bullet arrives as U+2022 after hygiene.
 * Marks that say something (✓ ✗ →) are not bullets: they stay as printed (issue #7).
 */
const BULLET_RE = /^([•·▪◦‣⁃○■□➢►\-–—\u2212*])\s+(?=\S)/;
const ENDS_SENTENCE = /[.!?:;)"”’]$/;
/** An enumerated item's marker: "(a)", "(iv)", "(2)", "a)", "2." followed by text. */
const ENUMERATOR = /^(?:\((?:[a-z]|[ivx]+|\d{1,2})\)|[a-z]\)|\d{1,2}[.)])\s+\S/;
const STARTS_SENTENCE = /^["“‘(]?[\p{Lu}\d•]/u;

/** Width of line `b`'s first word (points): measured from its glyphs where the reader stage gave it, else estimated. */
function firstWordWidth(b: TextLine): number {
  const first = b.items[0];
  if (first?.firstWordX1 !== undefined && Number.isFinite(first.firstWordX1)) return first.firstWordX1 - first.bbox.x0;
  const word = b.text.split(' ')[0] ?? '';
  return ((b.bbox.x1 - b.bbox.x0) / (b.text.length || 1)) * word.length;
}

/**
 * True when the break after `a` was forced: `b`'s first word would have fitted on `a` — it ends
 * short of `limit`, the widest line printed in the column, by more than a space.
 */
function forcedBreak(a: TextLine, b: TextLine, limit: number): boolean {
  const space = a.fontSize * 0.25;
  return a.bbox.x1 + space + firstWordWidth(b) < limit - space;
}

/**
 * Build the text of one cell from its lines (in reading order, possibly over several pages).
 * @returns the cell text, "" for an empty cell.
 */
export function cellText(lines: TextLine[], options: CellTextOptions): string {
  type Block = { kind: 'para' | 'list'; parts: string[] };
  const blocks: Block[] = [];
  let cur: Block | null = null;
  let markerX = 0;
  let prev: TextLine | null = null;
  const append = (s: string, b: Block) => {
    const last = b.parts.length - 1;
    const prevText = b.parts[last] ?? '';
    const m = /(\S)([-\u2010\u2011\u2013\u2014])$/.exec(prevText);
    if (m) {
      const isHyphen = m[2] !== '\u2013' && m[2] !== '\u2014';
      const left = /(\S+)[-\u2010\u2011]$/.exec(prevText)?.[1] ?? '';
      const right = /^\S+/.exec(s)?.[0] ?? '';
      // U+2010 at a line end is the renderer's own hyphenation (Chromium breaking at a soft
      // hyphen, fixture stop-and-search-soft-hyphens): authors type U+002D.
      let join = m[2] === '\u2010';
      if (isHyphen && !join) {
        const decision = options.keepHyphen(left, right);
        if (decision.evidence === 'guess') options.onHyphenGuess?.(`${left}-${right}`);
        join = !decision.keep;
      }
      if (isHyphen && join) b.parts[last] = prevText.slice(0, -1) + s;
      else b.parts[last] = prevText + s;
    } else if (/\S\/$/.test(prevText)) {
      // A break after a slash inside a word ("and/" + "or", a URL) has no space: browsers and
      // our report break URLs there (fixtures waste-zebra-no-rules, economy-lead-column-middle).
      b.parts[last] = prevText + s;
    } else if (/^[.,;:!?)\]”’]/u.test(s) && /\S$/.test(prevText)) {
      // A line that starts with closing punctuation was pushed over by a word too long for
      // the column (a URL): it belongs to that word (held-out sweep economy-lead-column lo-h8).
      b.parts[last] = prevText + s;
    } else if (brokenWord(prevText, s)) b.parts[last] = prevText + s;
    else b.parts[last] = `${prevText} ${s}`;
  };
  const brokenWord = (prevText: string, s: string): boolean => {
    // `prev` is the line before the one being appended.
    if (!options.joinsWord || !prev || !/^\p{Ll}/u.test(s)) return false;
    const line = prev.text.trim();
    if (/\s/.test(line) || !/\p{L}$/u.test(line)) return false;
    if (prev.bbox.x1 < options.rightLimit(prev.pageNumber) - prev.fontSize) return false;
    const right = /^\p{L}+/u.exec(s)?.[0] ?? '';
    return prevText.endsWith(line) && options.joinsWord(line, right);
  };
  for (const line of lines) {
    const text = line.text.trim();
    if (!text) continue;
    const bullet = BULLET_RE.exec(text);
    // A dash counts as a bullet only where it starts a list item at the list's indent or a new block.
    // A dash is a bullet where it starts a list item: first in the cell, in a list already, after
    // a line ending with a colon ("… extended to:"), or at a new block.
    const isBullet = bullet !== null && (!['-', '–', '—', '\u2212'].includes(bullet[1]!) || !prev || cur?.kind === 'list' || /:$/.test(prev.text.trim()) || isNewBlock(prev, line));
    if (isBullet && bullet) {
      const item = `• ${text.slice(bullet[0].length)}`;
      if (cur?.kind === 'list') cur.parts.push(item);
      else {
        cur = { kind: 'list', parts: [item] };
        blocks.push(cur);
      }
      markerX = line.bbox.x0;
    } else if (cur?.kind === 'list' && prev && !isNewBlock(prev, line) && line.bbox.x0 > markerX + line.fontSize * 0.3) {
      // Hanging indent: a continuation line of the bullet item.
      append(text, cur);
    } else if (!cur || !prev || cur.kind === 'list' || isNewBlock(prev, line)) {
      cur = { kind: 'para', parts: [text] };
      blocks.push(cur);
    } else {
      append(text, cur);
    }
    prev = line;
  }
  return blocks
    .map((b) => (b.kind === 'list' ? b.parts.join('\n') : b.parts.join('')))
    .join('\n\n')
    .replace(/[ \t]{2,}/g, ' ')
    .trim();

  function isNewBlock(a: TextLine, b: TextLine): boolean {
    const samePage = a.pageNumber === b.pageNumber;
    // A paragraph gap is extra space over the line step: a share of it, but at most a quarter
    // of an em — producers add a fixed gap, so with wide line spacing the share alone misses it
    // (sweep adult-skills lo-s7: 17.2 pt lines, 3.4 pt paragraph gap).
    const extra = Math.min((options.paragraphStep - 1) * options.pitch, 0.25 * Math.max(a.fontSize, b.fontSize));
    if (samePage && b.baseline - a.baseline > options.pitch + extra) {
      options.onSpacedParagraph?.();
      return true;
    }
    // Same step (or a page break): a paragraph ends where a sentence ended on a short line —
    // short of the edge in justified text, or with room for the next word where lines break
    // first-fit; TeX's ragged lines may end early anywhere, so there only a taller step counts.
    // After a line ending with a colon, an enumerated item ("(a) …", "(i) …", "1. …") starts a block.
    // So does the next item after one ending with ";" or "; and"/"; or" (held-out sweep
    // bus-network lo-h5: "(a) …;" "(b) …; and" "(c) …").
    if (/(?::|;(?:\s+(?:and|or))?)$/.test(a.text.trim()) && ENUMERATOR.test(b.text.trim())) return true;
    if (!ENDS_SENTENCE.test(a.text) || !STARTS_SENTENCE.test(b.text)) return false;
    if (options.justified) return a.bbox.x1 < options.rightLimit(a.pageNumber) - a.fontSize;
    if (options.firstFitBreaks === false) return false;
    // Widow control (Word, LibreOffice and browsers keep at least two lines of a paragraph on a
    // page): a cell's last line alone at the top of a page after a sentence ends a paragraph
    // that started there (sweep water-label-band-rows docx-s6).
    if (!samePage && b === lines[lines.length - 1]) return true;
    if (forcedBreak(a, b, options.rightLimit(a.pageNumber))) return true;
    if (!samePage) options.onParagraphGuess?.(a.pageNumber);
    else options.onSameStepGuess?.(a.pageNumber);
    return false;
  }
}

/**
 * The text of a heading cell from its lines: joined with a space, except a word broken at a
 * line end — with a hyphen (decided like a cell's) or without one because it did not fit the
 * column ("Origi" + "n", fixture council-nine-column).
 * @param fallback the heading as the layout stage joined it, used for a heading of one line.
 */
export function headingText(lines: readonly TextLine[], fallback: string, options: Pick<CellTextOptions, 'keepHyphen' | 'joinsWord'>): string {
  if (lines.length <= 1) return fallback;
  const right = Math.max(...lines.map((l) => l.bbox.x1));
  let text = lines[0]!.text.trim();
  for (let k = 1; k < lines.length; k++) {
    const prev = lines[k - 1]!;
    const cur = lines[k]!.text.trim();
    const hyphen = /(\S+)[-\u2010]$/u.exec(text);
    const token = prev.text.trim();
    if (hyphen && /\p{L}$/u.test(hyphen[1]!)) {
      text = options.keepHyphen(hyphen[1]!, cur.split(' ')[0] ?? '').keep ? text + cur : text.slice(0, -1) + cur;
    } else if (
      options.joinsWord &&
      !/\s/.test(token) &&
      /\p{L}$/u.test(token) &&
      /^\p{Ll}/u.test(cur) &&
      prev.bbox.x1 >= right - prev.fontSize &&
      options.joinsWord(token, /^\p{L}+/u.exec(cur)?.[0] ?? '')
    ) {
      text += cur;
    } else text = `${text} ${cur}`;
  }
  return text.replace(/\s+/g, ' ').trim();
}
