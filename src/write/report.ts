/**
 * The printable PDF report: one section per tracker document (title, committee, summary, RAG
 * chips, then a four-column table "Recommendation | Response | Progress | RAG"), A4 portrait.
 *
 * The layout is a contract, not just a look: our own extractor reads the report back and must
 * get the same records (test/write/report.test.ts checks the words round-trip). So the title
 * is the single largest text, the committee line follows it, the header row is repeated on
 * every page, a row that does not fit is split between whole lines and the label is never
 * repeated on the continuation, and the Progress cell is never shaded (shading there is read
 * as a RAG colour).
 *
 * pdf-lib only; no `node:` import (the core runs in browsers). Fonts are passed in as bytes —
 * in Node use `loadReportFonts()` from `src/node/fonts.ts`.
 */
import { countRag } from '../tracker/rag.ts';
import { PDFDocument, rgb, type PDFFont, type PDFPage, type RGB } from 'pdf-lib';
import fontkit from '@pdf-lib/fontkit';
import type { RagStatus, TrackerDocument, TrackerRecord } from '../schema.ts';
import { TrackerError, WriteError } from '../errors.ts';

/** The two TrueType fonts the report embeds (subset): raw `.ttf` bytes. */
export interface ReportFonts {
  regular: Uint8Array;
  bold: Uint8Array;
}

/** Options of {@link writeReport}. */
export interface ReportOptions {
  /** Required: a Unicode TTF pair (the core cannot read files; Node: `loadReportFonts()`). */
  fonts: ReportFonts;
  /**
   * Printed in the footer ("Generated YYYY-MM-DD", UTC) and used as creation/modification
   * date. When absent no date is printed and {@link FIXED_DATE} is used, so the output is
   * byte-for-byte deterministic.
   */
  generatedAt?: Date;
  /** The PDF's Title metadata (default: the document's title, or all titles joined by "; "). */
  title?: string;
}

/** The date stamped into the metadata when no `generatedAt` is given (determinism). */
export const FIXED_DATE = new Date('2000-01-01T00:00:00Z');

/** The table's header row, exactly as printed (our extractor's vocabulary matches it). */
export const REPORT_COLUMNS = ['Recommendation', 'Response', 'Progress', 'RAG'] as const;

/**
 * Geometry in points. A4 portrait per ISO 216; the rest was chosen by eye on the seed fixture
 * (fixtures/online-crime-tracker) rendered at 60 dpi, and so that the extractor's tolerances
 * (line clustering, paragraph gaps > 1 leading) see clean structure.
 */
const PAGE = { width: 595.28, height: 841.89 } as const;
const MARGIN = { left: 40, right: 40, top: 40 } as const;
/** Lowest y (top-left origin) a table row may reach; leaves ≥ 20 pt above the footer text. */
const TABLE_BOTTOM = PAGE.height - 52;
/** Footer baseline (top-left origin): 8 pt text, its top ~6 pt above, 24 pt below TABLE_BOTTOM. */
const FOOTER_BASELINE = PAGE.height - 22;
const CONTENT_WIDTH = PAGE.width - MARGIN.left - MARGIN.right;
/** Column shares of the content width: 34 / 30 / 26 / 10 %. */
const COLUMN_SHARES = [0.34, 0.3, 0.26, 0.1] as const;

const TEXT = {
  size: 9,
  /** Baseline-to-baseline distance of cell text (~1.28 × size). */
  leading: 11.5,
  /** Extra space before a paragraph that follows a blank line ("\n\n"): 0.6 line. */
  paragraphGap: 0.6 * 11.5,
  /** Inner padding of every cell. */
  padding: 4,
  /** Baseline position within a line box, from its top (DejaVu ascent ≈ 0.93 em, descent ≈ 0.24 em). */
  baselineOffset: 8.6,
} as const;

const HEADER_ROW_HEIGHT = TEXT.leading + 2 * TEXT.padding + 1;
/** A row that needs splitting is started on this page only if at least this many lines fit. */
const MIN_LINES_BEFORE_SPLIT = 3;
/** A table heading above its table (bold, accent colour), and the space between tables. */
const TABLE_HEADING = { size: 11, leading: 14, after: 6 } as const;
const TABLE_GAP = 18;
/** Written in the RAG cell of a row's continuation on a new page. */
const CONTINUED = '(cont.)';

const TITLE = { maxSize: 20, minSize: 15, leading: 1.2, maxLines: 2 } as const;
const COMMITTEE_SIZE = 12;
const SUMMARY_SIZE = 10;
const BRAND_SIZE = 8;
const FOOTER_SIZE = 8;
const RAG_CHIP = { height: 13, textSize: 8 } as const;
const SUMMARY_CHIP = { width: 78, height: 18, gap: 8, textSize: 9 } as const;
const RULE_WIDTH = 0.5;

function hex(h: string): RGB {
  const n = Number.parseInt(h.slice(1), 16);
  return rgb(((n >> 16) & 255) / 255, ((n >> 8) & 255) / 255, (n & 255) / 255);
}

const COLOURS = {
  text: hex('#1a1a1a'),
  muted: hex('#595959'),
  footer: hex('#6b6b6b'),
  accent: hex('#1f3864'),
  headerText: hex('#ffffff'),
  rule: hex('#a6a6a6'),
  notRated: hex('#7f7f7f'),
} as const;

/** RAG chip fill and the text colour printed on it (amber is light: dark text for contrast). */
const RAG_STYLE: Record<RagStatus, { fill: RGB; text: RGB; word: string }> = {
  red: { fill: hex('#c0392b'), text: hex('#ffffff'), word: 'Red' },
  amber: { fill: hex('#f5a623'), text: hex('#1a1a1a'), word: 'Amber' },
  green: { fill: hex('#2e8b57'), text: hex('#ffffff'), word: 'Green' },
  blue: { fill: hex('#2f5f9e'), text: hex('#ffffff'), word: 'Blue' },
};

/** Fixed subset names: pdf-lib otherwise appends a random suffix and the bytes differ per run. */
const FONT_NAMES = { regular: 'ITRKAA+DejaVuSans', bold: 'ITRKAB+DejaVuSans-Bold' } as const;
/**
 * Ligatures off: fontkit would substitute "fi"/"fl" glyphs, which extract back as one
 * character (or not at all) and break the words round trip. Positioning (kern, mark, mkmk) off
 * too: pdf-lib draws advance widths only, so it changes no byte but halves the time fontkit
 * spends in layout (measured: 1,100 records 7.0 s → 3.6 s).
 */
const FONT_FEATURES = { liga: false, clig: false, dlig: false, rlig: false, calt: false, kern: false, mark: false, mkmk: false } as const;

/**
 * fontkit behind a cache of parsed fonts keyed by the font bytes' identity: pdf-lib calls
 * `fontkit.create(bytes)` for every report, and parsing two 700 KB TTFs was most of a small
 * report's time in bulk runs. A parsed font is read-only apart from its lazily filled glyph
 * caches; each report still makes its own subset.
 */
const parsedFonts = new WeakMap<Uint8Array, ReturnType<typeof fontkit.create>>();
const cachingFontkit: typeof fontkit = {
  ...fontkit,
  create(buffer: Uint8Array, postscriptName?: string) {
    if (postscriptName !== undefined) return fontkit.create(buffer, postscriptName);
    let font = parsedFonts.get(buffer);
    if (!font) {
      font = fontkit.create(buffer);
      parsedFonts.set(buffer, font);
    }
    return font;
  },
};

/**
 * Map text to glyphs through the font's cmap alone, without OpenType shaping. The report turns
 * ligatures, kerning and mark positioning off anyway (FONT_FEATURES) and normalises text to
 * precomposed characters, so the glyphs are the same — but fontkit's shaper ran GSUB lookups
 * for every string measured or drawn and took half the report's time (bench: 76 → see
 * bench/results.json). pdf-lib reads only `glyphs` (id, advanceWidth) from `layout()`.
 */
function useCmapLayout(font: PDFFont): void {
  const fk = (font as unknown as { embedder?: { font?: { layout: unknown; glyphForCodePoint: (cp: number) => { id: number; advanceWidth: number } } } }).embedder?.font;
  if (!fk || typeof fk.glyphForCodePoint !== 'function') return; // pdf-lib internals changed: keep shaping
  const cache = new Map<number, { id: number; advanceWidth: number }>();
  fk.layout = (text: string) => {
    const glyphs = [];
    for (const ch of text) {
      const cp = ch.codePointAt(0)!;
      let g = cache.get(cp);
      if (!g) {
        g = fk.glyphForCodePoint(cp);
        cache.set(cp, g);
      }
      glyphs.push(g);
    }
    return { glyphs, positions: glyphs.map((g) => ({ xAdvance: g.advanceWidth, yAdvance: 0, xOffset: 0, yOffset: 0 })) };
  };
}

// ---------------------------------------------------------------------------------------------
// Text preparation and wrapping (pure; measured with the font we draw with)

/** A font with its character set, so text can be made drawable before measuring. */
interface Face {
  font: PDFFont;
  chars: Set<number>;
  widths: Map<string, number>;
}

function face(font: PDFFont): Face {
  return { font, chars: new Set(font.getCharacterSet()), widths: new Map() };
}

/**
 * Make `text` drawable in `f`: NFC (so "e" + combining acute becomes one glyph), tabs and
 * odd spaces to spaces, invisible format characters dropped, anything the font lacks as "?"
 * (fontkit would silently draw .notdef boxes). Newlines are kept for the caller to split on.
 */
function drawable(text: string, f: Face): string {
  let out = '';
  for (const ch of text.normalize('NFC').replace(/\r\n?/g, '\n')) {
    const cp = ch.codePointAt(0)!;
    if (ch === '\n') out += ch;
    else if (cp === 0x09 || cp === 0x0b || cp === 0x0c || (cp >= 0x2000 && cp <= 0x200a) || cp === 0x202f || cp === 0x205f || cp === 0x3000) out += ' ';
    else if (cp === 0xad || cp === 0x200b || cp === 0x200c || cp === 0x200d || cp === 0x2060 || cp === 0xfeff || cp < 0x20 || (cp >= 0x7f && cp < 0xa0)) continue;
    else out += f.chars.has(cp) ? ch : '?';
  }
  return out;
}

/** Width of a newline-free string at the cell text size, cached per word. */
function width(f: Face, s: string, size: number = TEXT.size): number {
  const key = `${size}|${s}`;
  let w = f.widths.get(key);
  if (w === undefined) {
    w = f.font.widthOfTextAtSize(s, size);
    f.widths.set(key, w);
  }
  return w;
}

/**
 * Break one word wider than `max` into pieces that fit. Pieces end after a "/" or "-" where
 * one fits (URLs, compounds: our extractor joins such line ends without a space); otherwise
 * at character level with a U+2010 hyphen, which the extractor reads as a rendering break
 * and removes — so a report re-reads to the same text (issue #2's round trip).
 *
 * Linear in the word's length (issue #12: measuring every prefix and the whole rest again for
 * each piece took 15 s for an 80 KB token and over 10 minutes and 4.8 GB for 1 MB): each
 * character is measured once (cached per character) and widths are summed, which is exact
 * because pdf-lib draws advance widths without kerning (see {@link wrapLine}).
 */
function breakWord(word: string, f: Face, size: number, max: number): string[] {
  const chars = [...word];
  const widths = chars.map((ch) => width(f, ch, size));
  const hyphen = width(f, '\u2010', size);
  let rest = widths.reduce((a, b) => a + b, 0);
  const pieces: string[] = [];
  let start = 0;
  while (start < chars.length && rest > max) {
    // Longest run from `start` that fits with a U+2010 added.
    let fit = 0;
    let w = hyphen;
    while (start + fit < chars.length && w + widths[start + fit] <= max) w += widths[start + fit++];
    if (fit === 0) fit = 1; // a single glyph wider than the column: print it anyway
    let cut = -1;
    for (let k = fit; k > 1; k--) {
      const ch = chars[start + k - 1];
      if (ch === '/' || (ch === '-' && /\p{L}/u.test(chars[start + k - 2] ?? ''))) {
        cut = k;
        break;
      }
    }
    if (cut > 0) pieces.push(chars.slice(start, start + cut).join(''));
    else {
      cut = fit;
      pieces.push(chars.slice(start, start + cut).join('') + '\u2010');
    }
    for (let k = start; k < start + cut; k++) rest -= widths[k];
    start += cut;
  }
  if (start < chars.length) pieces.push(chars.slice(start).join(''));
  return pieces;
}

/**
 * Greedy word wrap of a newline-free string into lines no wider than `max` points. Runs of
 * spaces collapse to one; a word longer than the line is broken at character level. Widths are
 * summed per word (pdf-lib draws advance widths without kerning, so the sum is exact).
 */
function wrapLine(text: string, f: Face, size: number, max: number): string[] {
  const words = text.split(' ').filter((w) => w !== '');
  const lines: string[] = [];
  const space = width(f, ' ', size);
  let cur = '';
  let curW = 0;
  for (const word of words) {
    const w = width(f, word, size);
    if (cur && curW + space + w <= max) {
      cur += ' ' + word;
      curW += space + w;
      continue;
    }
    if (cur) lines.push(cur);
    if (w <= max) {
      cur = word;
      curW = w;
    } else {
      const pieces = breakWord(word, f, size, max);
      lines.push(...pieces.slice(0, -1));
      cur = pieces[pieces.length - 1] ?? '';
      curW = width(f, cur, size);
    }
  }
  if (cur) lines.push(cur);
  return lines;
}

/** One printed line of a cell: its text, font, indent from the cell's text edge and gap above. */
interface CellLine {
  text: string;
  bold: boolean;
  indent: number;
  /** Extra space above this line (paragraph gap); dropped when the line starts a page's chunk. */
  gapBefore: number;
}

const BULLET = '• ';

/**
 * Lay a field's text out as lines for a column `max` points wide: "\n\n" separates paragraphs
 * (with a 0.6-line gap), "\n" is a line break, a line starting "• " is a bullet item wrapped
 * with a hanging indent.
 */
function layoutField(text: string, f: Face, max: number): CellLine[] {
  const lines: CellLine[] = [];
  const paragraphs = drawable(text, f)
    .split(/\n[ \t]*\n/)
    .map((p) => p.replace(/^\n+|\n+$/g, ''))
    .filter((p) => p.trim() !== '');
  const bulletIndent = width(f, BULLET);
  paragraphs.forEach((para, pi) => {
    para.split('\n').forEach((raw, li) => {
      const gapBefore = pi > 0 && li === 0 ? TEXT.paragraphGap : 0;
      const trimmed = raw.trim();
      if (trimmed === '') return;
      const bullet = trimmed.startsWith(BULLET) || trimmed === BULLET.trim();
      if (bullet) {
        const body = trimmed.slice(1).trim();
        const wrapped = wrapLine(body, f, TEXT.size, max - bulletIndent);
        if (wrapped.length === 0) wrapped.push('');
        wrapped.forEach((t, i) =>
          lines.push({
            text: i === 0 ? BULLET + t : t,
            bold: false,
            indent: i === 0 ? 0 : bulletIndent,
            gapBefore: i === 0 ? gapBefore : 0,
          }),
        );
      } else {
        wrapLine(trimmed, f, TEXT.size, max).forEach((t, i) =>
          lines.push({ text: t, bold: false, indent: 0, gapBefore: i === 0 ? gapBefore : 0 }),
        );
      }
    });
  });
  return lines;
}

/** Height of lines [from, to) of a cell, ignoring the gap above the first one. */
function linesHeight(lines: CellLine[], from: number, to: number): number {
  let h = 0;
  for (let i = from; i < to; i++) h += TEXT.leading + (i === from ? 0 : lines[i].gapBefore);
  return h;
}

/** How many lines of a cell, from `from`, fit in `avail` points. */
function linesThatFit(lines: CellLine[], from: number, avail: number): number {
  let h = 0;
  let n = 0;
  for (let i = from; i < lines.length; i++) {
    h += TEXT.leading + (i === from ? 0 : lines[i].gapBefore);
    if (h > avail + 1e-6) break;
    n++;
  }
  return n;
}

// ---------------------------------------------------------------------------------------------
// Page drawing

interface Fonts {
  regular: Face;
  bold: Face;
}

/** Column left edges and widths in points. */
const COLUMNS = (() => {
  let x = MARGIN.left;
  return COLUMN_SHARES.map((share) => {
    const col = { x, width: CONTENT_WIDTH * share };
    x += col.width;
    return col;
  });
})();

/** Convert our top-left y to pdf-lib's bottom-left y. */
const pdfY = (top: number): number => PAGE.height - top;

interface Section {
  doc: TrackerDocument;
  pages: PDFPage[];
}

/** Mutable drawing state of one section. */
interface Cursor {
  page: PDFPage;
  y: number;
  /** Top of the table (header band) on the current page. */
  tableTop: number;
  /** True until a body row (or part of one) is drawn on the current page. */
  pageEmpty: boolean;
}

function drawTextTop(page: PDFPage, text: string, x: number, baselineTop: number, font: PDFFont, size: number, color: RGB): void {
  if (text === '') return;
  page.drawText(text, { x, y: pdfY(baselineTop), size, font, color });
}

function hLine(page: PDFPage, x0: number, x1: number, y: number): void {
  page.drawLine({ start: { x: x0, y: pdfY(y) }, end: { x: x1, y: pdfY(y) }, thickness: RULE_WIDTH, color: COLOURS.rule });
}

function vLine(page: PDFPage, x: number, y0: number, y1: number): void {
  page.drawLine({ start: { x, y: pdfY(y0) }, end: { x, y: pdfY(y1) }, thickness: RULE_WIDTH, color: COLOURS.rule });
}

function drawHeaderRow(cur: Cursor, fonts: Fonts): void {
  const top = cur.y;
  cur.page.drawRectangle({
    x: MARGIN.left,
    y: pdfY(top + HEADER_ROW_HEIGHT),
    width: CONTENT_WIDTH,
    height: HEADER_ROW_HEIGHT,
    color: COLOURS.accent,
  });
  REPORT_COLUMNS.forEach((name, i) => {
    drawTextTop(cur.page, name, COLUMNS[i].x + TEXT.padding, top + TEXT.padding + 0.5 + TEXT.baselineOffset, fonts.bold.font, TEXT.size, COLOURS.headerText);
  });
  cur.tableTop = top;
  cur.y = top + HEADER_ROW_HEIGHT;
  cur.pageEmpty = true;
}

/** Close the table on the current page: the vertical rules from the header to the last row. */
function closeTable(cur: Cursor): void {
  if (cur.y <= cur.tableTop) return;
  const xs = [...COLUMNS.map((c) => c.x), MARGIN.left + CONTENT_WIDTH];
  for (const x of xs) vLine(cur.page, x, cur.tableTop, cur.y);
  hLine(cur.page, MARGIN.left, MARGIN.left + CONTENT_WIDTH, cur.tableTop);
}

function drawRagCell(page: PDFPage, rag: RagStatus | null, top: number, fonts: Fonts): void {
  const col = COLUMNS[3];
  const x = col.x + TEXT.padding;
  const w = col.width - 2 * TEXT.padding;
  if (rag === null) {
    const size = width(fonts.regular, 'Not rated', TEXT.size) <= w ? TEXT.size : RAG_CHIP.textSize;
    drawTextTop(page, 'Not rated', x, top + TEXT.padding + TEXT.baselineOffset, fonts.regular.font, size, COLOURS.notRated);
    return;
  }
  const style = RAG_STYLE[rag];
  const chipTop = top + TEXT.padding - 0.5;
  page.drawRectangle({ x, y: pdfY(chipTop + RAG_CHIP.height), width: w, height: RAG_CHIP.height, color: style.fill });
  const tw = width(fonts.bold, style.word, RAG_CHIP.textSize);
  drawTextTop(page, style.word, x + (w - tw) / 2, chipTop + RAG_CHIP.height / 2 + RAG_CHIP.textSize * 0.36, fonts.bold.font, RAG_CHIP.textSize, style.text);
}

interface RowLayout {
  cells: CellLine[][];
  rag: RagStatus | null;
}

function layoutRow(record: TrackerRecord, fonts: Fonts): RowLayout {
  const cells = [record.recommendation, record.response, record.progress].map((text, i) =>
    layoutField(text, fonts.regular, COLUMNS[i].width - 2 * TEXT.padding),
  );
  // The schema's label has no trailing colon; strip one anyway so a hand-edited "R1:" prints once.
  const label = drawable(record.label, fonts.bold).replace(/\s+/g, ' ').trim().replace(/[:.]$/, '').trimEnd();
  if (label !== '') {
    const labelLines = wrapLine(`${label}:`, fonts.bold, TEXT.size, COLUMNS[0].width - 2 * TEXT.padding).map(
      (text): CellLine => ({ text, bold: true, indent: 0, gapBefore: 0 }),
    );
    cells[0] = [...labelLines, ...cells[0]];
  }
  return { cells, rag: record.rag };
}

/**
 * Draw one record's row, splitting it across pages between whole lines when it does not fit.
 * `newPage` closes the current page's table and starts the next page under a repeated header.
 */
function drawRow(cur: Cursor, row: RowLayout, fonts: Fonts, newPage: () => void): void {
  const pos = row.cells.map(() => 0);
  let first = true;
  for (;;) {
    const avail = TABLE_BOTTOM - cur.y - 2 * TEXT.padding;
    const rest = row.cells.map((lines, c) => linesHeight(lines, pos[c], lines.length));
    const needed = Math.max(TEXT.leading, ...rest);
    let take: number[];
    let height: number;
    let done: boolean;
    if (needed <= avail + 1e-6) {
      take = row.cells.map((lines, c) => lines.length - pos[c]);
      height = needed;
      done = true;
    } else {
      if (Math.floor((avail + 1e-6) / TEXT.leading) < MIN_LINES_BEFORE_SPLIT && !cur.pageEmpty) {
        newPage();
        continue;
      }
      take = row.cells.map((lines, c) => linesThatFit(lines, pos[c], avail));
      if (take.every((n) => n === 0)) {
        // Cannot happen on a fresh page (a page holds ~60 lines); guard against looping forever.
        take = row.cells.map((lines, c) => Math.min(1, lines.length - pos[c]));
      }
      height = Math.max(TEXT.leading, ...row.cells.map((lines, c) => linesHeight(lines, pos[c], pos[c] + take[c])));
      done = false;
    }
    const top = cur.y;
    row.cells.forEach((lines, c) => {
      let y = top + TEXT.padding;
      for (let i = pos[c]; i < pos[c] + take[c]; i++) {
        const line = lines[i];
        if (i !== pos[c]) y += line.gapBefore;
        const f = line.bold ? fonts.bold : fonts.regular;
        drawTextTop(cur.page, line.text, COLUMNS[c].x + TEXT.padding + line.indent, y + TEXT.baselineOffset, f.font, TEXT.size, COLOURS.text);
        y += TEXT.leading;
      }
      pos[c] += take[c];
    });
    if (first) drawRagCell(cur.page, row.rag, top, fonts);
    else {
      // A row continued from the page before says so where it cannot be mistaken for the
      // record's text: in the RAG cell ("Green cont." still reads as green when extracted).
      drawTextTop(cur.page, CONTINUED, COLUMNS[3].x + TEXT.padding, top + TEXT.padding + TEXT.baselineOffset, fonts.regular.font, RAG_CHIP.textSize, COLOURS.notRated);
    }
    first = false;
    cur.y = top + height + 2 * TEXT.padding;
    hLine(cur.page, MARGIN.left, MARGIN.left + CONTENT_WIDTH, cur.y);
    cur.pageEmpty = false;
    if (done) return;
    newPage();
  }
}

/** Wrap and, if needed, shrink the title so it takes at most two lines. */
function fitTitle(title: string, f: Face): { size: number; lines: string[] } {
  const text = drawable(title, f).replace(/\s+/g, ' ').trim();
  let size: number = TITLE.maxSize;
  let lines = wrapLine(text, f, size, CONTENT_WIDTH);
  while (lines.length > TITLE.maxLines && size > TITLE.minSize) {
    size -= 1;
    lines = wrapLine(text, f, size, CONTENT_WIDTH);
  }
  return { size, lines };
}

/** "11 recommendations: 7 green, 3 amber, 1 red, 0 not rated." */
function summarize(records: readonly TrackerRecord[]): { text: string; counts: Record<RagStatus | 'none', number> } {
  const counts = countRag(records);
  const n = records.length;
  const text =
    n === 0
      ? 'No recommendations.'
      : `${n} recommendation${n === 1 ? '' : 's'}: ${counts.green} green, ${counts.amber} amber, ${counts.red} red, ${counts.none} not rated.`;
  return { text, counts };
}

/** Draw the section heading (brand line, title, committee, summary, chips); returns the next y. */
function drawHeading(page: PDFPage, doc: TrackerDocument, fonts: Fonts): number {
  let y = MARGIN.top;
  drawTextTop(page, 'Impact tracker report', MARGIN.left, y + BRAND_SIZE, fonts.bold.font, BRAND_SIZE, COLOURS.accent);
  y += BRAND_SIZE + 12;

  const title = fitTitle(doc.title, fonts.bold);
  for (const line of title.lines) {
    drawTextTop(page, line, MARGIN.left, y + title.size * 0.95, fonts.bold.font, title.size, COLOURS.accent);
    y += title.size * TITLE.leading;
  }
  const committee = drawable(doc.committee, fonts.regular).replace(/\s+/g, ' ').trim();
  if (committee !== '') {
    y += 2;
    for (const line of wrapLine(committee, fonts.regular, COMMITTEE_SIZE, CONTENT_WIDTH)) {
      drawTextTop(page, line, MARGIN.left, y + COMMITTEE_SIZE * 0.95, fonts.regular.font, COMMITTEE_SIZE, COLOURS.muted);
      y += COMMITTEE_SIZE * 1.3;
    }
  }

  y += 10;
  const summary = summarize(doc.records);
  for (const line of wrapLine(summary.text, fonts.regular, SUMMARY_SIZE, CONTENT_WIDTH)) {
    drawTextTop(page, line, MARGIN.left, y + SUMMARY_SIZE * 0.95, fonts.regular.font, SUMMARY_SIZE, COLOURS.text);
    y += SUMMARY_SIZE * 1.3;
  }

  y += 6;
  let x = MARGIN.left;
  for (const rag of ['green', 'amber', 'red'] as const) {
    const style = RAG_STYLE[rag];
    page.drawRectangle({ x, y: pdfY(y + SUMMARY_CHIP.height), width: SUMMARY_CHIP.width, height: SUMMARY_CHIP.height, color: style.fill });
    const label = `${summary.counts[rag]} ${style.word}`;
    const tw = width(fonts.bold, label, SUMMARY_CHIP.textSize);
    drawTextTop(page, label, x + (SUMMARY_CHIP.width - tw) / 2, y + SUMMARY_CHIP.height / 2 + SUMMARY_CHIP.textSize * 0.36, fonts.bold.font, SUMMARY_CHIP.textSize, style.text);
    x += SUMMARY_CHIP.width + SUMMARY_CHIP.gap;
  }
  y += SUMMARY_CHIP.height + 16;
  return y;
}

/** Shorten `text` with "…" until it fits `max` points at `size` (linear: each character measured once). */
function ellipsize(text: string, f: Face, size: number, max: number): string {
  if (width(f, text, size) <= max) return text;
  const chars = [...text];
  const room = max - width(f, '…', size);
  let keep = 0;
  let w = 0;
  while (keep < chars.length && w + width(f, chars[keep], size) <= room) w += width(f, chars[keep++], size);
  return chars.slice(0, Math.max(1, keep)).join('') + '…';
}

function drawSection(pdf: PDFDocument, doc: TrackerDocument, fonts: Fonts): Section {
  const pages: PDFPage[] = [];
  const addPage = (): PDFPage => {
    const page = pdf.addPage([PAGE.width, PAGE.height]);
    pages.push(page);
    return page;
  };
  const page = addPage();
  const cur: Cursor = { page, y: drawHeading(page, doc, fonts), tableTop: 0, pageEmpty: true };
  const newPage = (): void => {
    closeTable(cur);
    cur.page = addPage();
    cur.y = MARGIN.top;
    drawHeaderRow(cur, fonts);
  };
  // One printed table per table of the document, under its heading ("Further recommendations"),
  // so a report keeps the document's structure and re-reads to the same tables.
  const groups: Array<{ table: number; records: TrackerRecord[] }> = [];
  for (const record of doc.records) {
    const last = groups[groups.length - 1];
    if (last && last.table === record.table) last.records.push(record);
    else groups.push({ table: record.table, records: [record] });
  }
  if (!groups.length) groups.push({ table: 1, records: [] });
  groups.forEach((group, k) => {
    const heading = doc.tables.find((t) => t.index === group.table)?.heading ?? null;
    if (k > 0) {
      closeTable(cur);
      cur.y += TABLE_GAP;
    }
    const lines = heading ? wrapLine(drawable(heading, fonts.bold), fonts.bold, TABLE_HEADING.size, CONTENT_WIDTH) : [];
    const needed = lines.length * TABLE_HEADING.leading + TABLE_HEADING.after + HEADER_ROW_HEIGHT + MIN_LINES_BEFORE_SPLIT * TEXT.leading + 2 * TEXT.padding;
    if (k > 0 && cur.y + needed > TABLE_BOTTOM) {
      cur.page = addPage();
      cur.y = MARGIN.top;
    }
    for (const line of lines) {
      drawTextTop(cur.page, line, MARGIN.left, cur.y + TABLE_HEADING.size, fonts.bold.font, TABLE_HEADING.size, COLOURS.accent);
      cur.y += TABLE_HEADING.leading;
    }
    if (lines.length) cur.y += TABLE_HEADING.after;
    drawHeaderRow(cur, fonts);
    for (const record of group.records) drawRow(cur, layoutRow(record, fonts), fonts, newPage);
  });
  closeTable(cur);
  return { doc, pages };
}

function drawFooters(sections: Section[], fonts: Fonts, generatedAt: Date | undefined): void {
  const total = sections.reduce((n, s) => n + s.pages.length, 0);
  const date = generatedAt ? `Generated ${generatedAt.toISOString().slice(0, 10)}` : '';
  let n = 0;
  for (const { doc, pages } of sections) {
    // source.file is the name, or the path where two inputs share a name: print it as is.
    const file = drawable(doc.source.file, fonts.regular).replace(/\s+/g, ' ').trim();
    for (const page of pages) {
      n++;
      const right = `Page ${n} of ${total}`;
      const rw = width(fonts.regular, right, FOOTER_SIZE);
      drawTextTop(page, right, PAGE.width - MARGIN.right - rw, FOOTER_BASELINE, fonts.regular.font, FOOTER_SIZE, COLOURS.footer);
      const sep = file && date ? '  ·  ' : '';
      const dateW = date ? width(fonts.regular, sep + date, FOOTER_SIZE) : 0;
      const fileText = file ? ellipsize(file, fonts.regular, FOOTER_SIZE, CONTENT_WIDTH - rw - 24 - dateW) : '';
      drawTextTop(page, fileText + sep + date, MARGIN.left, FOOTER_BASELINE, fonts.regular.font, FOOTER_SIZE, COLOURS.footer);
    }
  }
}

/**
 * Render one or more tracker documents as a printable A4 PDF report.
 *
 * Each document is a section starting on a new page: title (bold, ~20 pt, the largest text),
 * committee, a summary line with RAG chips, then the table "Recommendation | Response |
 * Progress | RAG" with the header repeated on every page; footer "Page n of N" and the source
 * file name (plus "Generated YYYY-MM-DD" when `generatedAt` is given). Text is drawn in the
 * given TTFs (subset), so any character they cover prints; others print as "?".
 *
 * Deterministic: the same input and options give identical bytes.
 *
 * @returns the PDF bytes.
 * @throws WriteError (code WRITE_FAILED) when no document is given, the fonts are missing or
 *   cannot be embedded, or pdf-lib fails.
 * @example
 * ```ts
 * const bytes = await writeReport(result.document, { fonts: await loadReportFonts() });
 * ```
 */
export async function writeReport(docs: TrackerDocument | TrackerDocument[], options: ReportOptions): Promise<Uint8Array> {
  const list = Array.isArray(docs) ? docs : [docs];
  if (list.length === 0) {
    throw new WriteError('WRITE_FAILED', 'cannot write a report of no documents: pass at least one TrackerDocument');
  }
  if (!options?.fonts?.regular?.length || !options.fonts.bold?.length) {
    throw new WriteError(
      'WRITE_FAILED',
      'the report needs TrueType font bytes: pass { fonts: { regular, bold } } (in Node: `fonts: await loadReportFonts()` from src/node/fonts.ts)',
    );
  }
  try {
    const pdf = await PDFDocument.create({ updateMetadata: false });
    pdf.registerFontkit(cachingFontkit);
    let regular: PDFFont;
    let bold: PDFFont;
    try {
      regular = await pdf.embedFont(options.fonts.regular, { subset: true, customName: FONT_NAMES.regular, features: FONT_FEATURES });
      bold = await pdf.embedFont(options.fonts.bold, { subset: true, customName: FONT_NAMES.bold, features: FONT_FEATURES });
    } catch (cause) {
      throw new WriteError('WRITE_FAILED', `could not read the report fonts (expected TrueType .ttf bytes): ${(cause as Error)?.message ?? cause}`, { cause });
    }
    useCmapLayout(regular);
    useCmapLayout(bold);
    const fonts: Fonts = { regular: face(regular), bold: face(bold) };

    const sections = list.map((doc) => drawSection(pdf, doc, fonts));
    drawFooters(sections, fonts, options.generatedAt);

    const records = list.reduce((n, d) => n + d.records.length, 0);
    const title =
      options.title ?? (list.length > 1 ? `Recommendation impact trackers: ${list.length} documents` : list[0].title.trim() || 'Recommendation impact tracker report');
    const date = options.generatedAt ?? FIXED_DATE;
    pdf.setTitle(title, { showInWindowTitleBar: true });
    pdf.setSubject(`Recommendation impact tracker report: ${records} record${records === 1 ? '' : 's'}`);
    pdf.setProducer('impact-tracker');
    pdf.setCreator('impact-tracker');
    pdf.setCreationDate(date);
    pdf.setModificationDate(date);
    pdf.setLanguage('en');
    return await pdf.save({ useObjectStreams: false });
  } catch (err) {
    if (err instanceof TrackerError) throw err;
    throw new WriteError('WRITE_FAILED', `could not write the PDF report: ${(err as Error)?.message ?? err}`, { cause: err });
  }
}
