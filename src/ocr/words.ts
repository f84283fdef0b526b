/**
 * Recognised words → text items (issue #11), so OCR'd text enters the same layout stages as
 * text from a text layer: one item per word, in points on the (deskewed) page, with the
 * baseline and font size of its line, bold from its stroke width, its ink colour, and the
 * recogniser's confidence.
 */
import type { Rgb, TextItem } from '../types.ts';
import type { RecognizedLine, RecognizedWord } from './engine.ts';
import type { RgbaImage } from './image.ts';

/** Tolerances for turning recognised words into text items. */
export interface WordOptions {
  /**
   * Font size = the line's row height (ascender top to descender bottom, as the recogniser
   * measures it) × this. 1.07: Tesseract gives 39 px for 10 pt Liberation Serif at 300 dpi
   * (fixture housing-delivery), i.e. 9.36 pt.
   */
  rowHeightToFontSize: number;
  /**
   * A word is bold when its strokes are this much wider (relative to its font size) than the
   * page's median word's. 1.3: bold faces have stems about 1.6× the regular's; blur and
   * threshold noise narrow the difference.
   */
  boldStrokeRatio: number;
  /** Ink darker than this (0–255 on the ink image) counts for stroke width. 128. */
  inkBelow: number;
  /** Ink darker than this counts for the word's colour: only the cores of strokes, not the blurred edges. 70. */
  colourInkBelow: number;
}

/** Defaults of {@link WordOptions}; each value's source is on its field. */
export const DEFAULT_WORD_OPTIONS: WordOptions = { rowHeightToFontSize: 1.07, boldStrokeRatio: 1.3, inkBelow: 128, colourInkBelow: 70 };

/** The images a word is measured on: the ink image (dark on white) and the colour image. */
export interface WordImages {
  ink: Uint8Array;
  colour: RgbaImage;
  dpi: number;
}

/** What a word's ink looks like inside its box. */
interface InkShape {
  /** Ink pixels, and ink/paper edges (both ways). */
  area: number;
  edges: number;
  boxArea: number;
  /** The box's middle pixel is ink. */
  centre: boolean;
  /** First and last pixel rows holding ink (the recogniser's box can be taller than the ink). */
  top: number;
  bottom: number;
  /**
   * The baseline: below the last row holding at least 30 % of the fullest row's ink (only
   * descenders reach lower), so words with and without descenders agree.
   */
  base: number;
  /** Width of the ink, pixels. */
  inkWidth: number;
}

function inkShape(ink: Uint8Array, width: number, height: number, box: RecognizedWord['bbox'], inkBelow: number): InkShape {
  const x0 = Math.max(0, box.x0),
    x1 = Math.min(width, box.x1),
    y0 = Math.max(0, box.y0),
    y1 = Math.min(height, box.y1);
  let area = 0,
    edges = 0,
    top = -1,
    bottom = -1,
    left = Infinity,
    right = -1;
  const rows = new Uint32Array(Math.max(0, y1 - y0));
  for (let y = y0; y < y1; y++) {
    let row = 0;
    for (let x = x0; x < x1; x++) {
      const on = ink[y * width + x]! < inkBelow;
      if (on) {
        row++;
        if (x < left) left = x;
        if (x > right) right = x;
      }
      if (x + 1 < x1 && on !== ink[y * width + x + 1]! < inkBelow) edges++;
      if (y + 1 < y1 && on !== ink[(y + 1) * width + x]! < inkBelow) edges++;
    }
    area += row;
    rows[y - y0] = row;
    // A row counts when it holds more than a speck of ink.
    if (row >= 2) {
      if (top < 0) top = y;
      bottom = y + 1;
    }
  }
  const cx = Math.round((x0 + x1 - 1) / 2),
    cy = Math.round((y0 + y1 - 1) / 2);
  const centre = cx >= 0 && cy >= 0 && cx < width && cy < height && ink[cy * width + cx]! < inkBelow;
  let fullest = 0;
  for (const n of rows) if (n > fullest) fullest = n;
  let base = y1;
  for (let k = rows.length - 1; k >= 0; k--)
    if (rows[k]! >= 0.3 * fullest && fullest > 0) {
      base = y0 + k + 1;
      break;
    }
  return {
    area,
    edges,
    boxArea: Math.max(1, (x1 - x0) * (y1 - y0)),
    centre,
    top: top < 0 ? y0 : top,
    bottom: bottom < 0 ? y1 : bottom,
    base,
    inkWidth: right < 0 ? 0 : right - left + 1,
  };
}

/**
 * A dash standing alone, by its length: the recogniser confuses -, – and — (fixture
 * ocr-layer-digital-inclusion: every "Green – Implemented" read with an em dash). Ink widths in
 * the corpus's fonts: hyphen 0.2–0.3 em, en dash 0.45–0.55 em, em dash 0.9–1 em.
 */
function dashByLength(text: string, inkWidth: number, sizePx: number): string {
  if (!/^[-‐‑–—]$/.test(text) || !inkWidth || !sizePx) return text;
  const em = inkWidth / sizePx;
  return em < 0.37 ? '-' : em < 0.75 ? '–' : '—';
}

/**
 * Characters the recogniser gives for a round list bullet (•): the shape decides (see
 * {@link isBulletShape}), these only admit a word to the test.
 */
const BULLET_READINGS = new Set(['•', '*', '+', '«', '»', '©', '®', '°', '·', 'e', 'o', 'O', '@', '¢', '%']);

/**
 * A filled blob about as wide as tall and smaller than the x-height (a round bullet is ≈ 0.3 of
 * the row height, an "o" or "e" ≈ 0.45), inked in its middle: a bullet. A blurred disc fills
 * ≈ 0.55 of its box (fixture colour-housing-delivery), a ring less.
 */
function isBulletShape(word: RecognizedWord, shape: InkShape, rowHeight: number): boolean {
  const w = word.bbox.x1 - word.bbox.x0,
    h = word.bbox.y1 - word.bbox.y0;
  return BULLET_READINGS.has(word.text.trim()) && h <= 0.4 * rowHeight && w / h >= 0.6 && w / h <= 1.7 && shape.area >= 0.45 * shape.boxArea && shape.centre;
}

/** Mean colour (0–1) of the darkest ink of a word, or null when it has none. */
function inkColour(images: WordImages, box: RecognizedWord['bbox'], below: number): Rgb | null {
  const { ink, colour } = images;
  const w = colour.width,
    d = colour.data;
  let r = 0,
    g = 0,
    b = 0,
    n = 0;
  for (let y = Math.max(0, box.y0); y < Math.min(colour.height, box.y1); y++) {
    for (let x = Math.max(0, box.x0); x < Math.min(w, box.x1); x++) {
      if (ink[y * w + x]! >= below) continue;
      const p = (y * w + x) * 4;
      r += d[p]!;
      g += d[p + 1]!;
      b += d[p + 2]!;
      n++;
    }
  }
  if (!n) return null;
  const q = (v: number) => Math.round((v / n / 255) * 1000) / 1000;
  return [q(r), q(g), q(b)];
}

/** Letters that reach below the baseline (or punctuation that does): a word with one has no clean bottom. */
const DESCENDS = /[gjpqyQJ,;()[\]{}|/@$§µ_]/;
/** Letters that reach the cap or ascender height: a word with one shows the font's size. */
const TALL = /[A-Zbdfhklt0-9]/;

/**
 * Ascender or cap height over font size. 0.70: Liberation Serif/Sans, DejaVu, Times and Latin
 * Modern all have caps and ascenders at 0.66–0.73 em.
 */
const TALL_HEIGHT_EM = 0.7;

function median(values: number[]): number | undefined {
  if (!values.length) return undefined;
  const s = [...values].sort((a, b) => a - b);
  return s[s.length >> 1];
}

/**
 * Cut a recognised line into the runs of words that belong together: Tesseract often reads a
 * table row's lines in neighbouring columns as one line, whose baseline and height then fit
 * neither. A run ends at a gap wider than the line's height or at a vertical ruling.
 */
function segments(line: RecognizedLine, rulingsX: readonly VerticalRulingPx[]): RecognizedWord[][] {
  const words = line.words.filter((w) => w.text.trim()).sort((a, b) => a.bbox.x0 - b.bbox.x0);
  const gap = Math.max(8, line.rowHeight || line.bbox.y1 - line.bbox.y0);
  const out: RecognizedWord[][] = [];
  let cur: RecognizedWord[] = [];
  for (const w of words) {
    const prev = cur[cur.length - 1];
    if (prev) {
      const cy = (w.bbox.y0 + w.bbox.y1) / 2;
      const ruled = rulingsX.some((r) => r.x > prev.bbox.x1 - 2 && r.x < w.bbox.x0 + 2 && r.y0 <= cy && r.y1 >= cy);
      if (ruled || w.bbox.x0 - prev.bbox.x1 > gap) {
        out.push(cur);
        cur = [];
      }
    }
    cur.push(w);
  }
  if (cur.length) out.push(cur);
  return out;
}

/**
 * A round bullet the recogniser left out (it often drops "•" at a list item's start): a filled
 * blob 0.2–0.45 em across, within 2.5 em left of the run's first word, around the middle of
 * the x-height, with nothing else inked between it and the word. Returns its box, or null.
 */
function missedBullet(ink: Uint8Array, width: number, height: number, first: RecognizedWord, baseline: number, size: number, inkBelow: number): RecognizedWord['bbox'] | null {
  const x0 = Math.max(0, Math.round(first.bbox.x0 - 2.5 * size)),
    x1 = first.bbox.x0 - 2;
  const y0 = Math.max(0, Math.round(baseline - 0.6 * size)),
    y1 = Math.min(height, Math.round(baseline));
  if (x1 - x0 < 4) return null;
  let bx0 = Infinity,
    bx1 = -1,
    by0 = Infinity,
    by1 = -1,
    area = 0;
  for (let y = y0; y < y1; y++)
    for (let x = x0; x < x1; x++) {
      if (ink[y * width + x]! >= inkBelow) continue;
      area++;
      if (x < bx0) bx0 = x;
      if (x > bx1) bx1 = x;
      if (y < by0) by0 = y;
      if (y > by1) by1 = y;
    }
  if (bx1 < 0) return null;
  const w = bx1 - bx0 + 1,
    h = by1 - by0 + 1;
  const round = w >= 0.2 * size && w <= 0.45 * size && h >= 0.2 * size && h <= 0.45 * size && w / h >= 0.6 && w / h <= 1.7;
  // Inked above or below the band means a letter or a rule, not a bullet.
  const clear = (y: number) => {
    if (y < 0 || y >= height) return true;
    for (let x = bx0; x <= bx1; x++) if (ink[y * width + x]! < inkBelow) return false;
    return true;
  };
  return round && area >= 0.45 * w * h && clear(y0 - 1) && clear(y1) ? { x0: bx0, y0: by0, x1: bx1 + 1, y1: by1 + 1 } : null;
}

/** A vertical ruling in pixels, to keep words either side of it apart. */
export interface VerticalRulingPx {
  x: number;
  y0: number;
  y1: number;
}

/**
 * Text items of one page from its recognised lines.
 * @param pageNumber 1-based.
 * @param rulingsX the page's vertical rulings (pixels): words on either side are never one line.
 * @returns items in points on the page as read (deskewed), top-left origin; `confidence` 0–1.
 */
export function linesToItems(
  lines: readonly RecognizedLine[],
  images: WordImages,
  pageNumber: number,
  rulingsX: readonly VerticalRulingPx[] = [],
  options: WordOptions = DEFAULT_WORD_OPTIONS,
): TextItem[] {
  const pt = 72 / images.dpi;
  const width = images.colour.width;
  const height = images.colour.height;
  const measured: Array<{ word: RecognizedWord; size: number; baseline: number; stroke: number; text: string }> = [];
  for (const line of lines) {
    const lineHeight = line.rowHeight > 0 ? line.rowHeight : (line.bbox.y1 - line.bbox.y0) * 0.9;
    for (const seg of segments(line, rulingsX)) {
      const shapes = seg.map((w) => inkShape(images.ink, width, height, w.bbox, options.inkBelow));
      // The run's baseline: where the ink of its words without descenders ends, else the
      // recogniser's baseline at the run's middle.
      const bl = line.baseline;
      const cx = (seg[0]!.bbox.x0 + seg[seg.length - 1]!.bbox.x1) / 2;
      const fitted = bl ? (bl.x1 === bl.x0 ? bl.y0 : bl.y0 + ((bl.y1 - bl.y0) * (cx - bl.x0)) / (bl.x1 - bl.x0)) : line.bbox.y1 - lineHeight * 0.2;
      // The median over the run's words of where their ink profile ends (a word without
      // descenders ends on the baseline; one with them has its fullest rows above it): one
      // word whose box the recogniser drew too tall does not move it.
      const inked = seg.map((w, k) => ({ w, s: shapes[k]! })).filter(({ s }) => s.area > 0);
      const baselinePx = median(inked.map(({ w, s }) => (DESCENDS.test(w.text) ? s.base : s.bottom))) ?? fitted;
      // The run's font size: from the ink height of its words with tall letters, else the line's.
      const tall = median(inked.filter(({ w }) => TALL.test(w.text)).map(({ s }) => baselinePx - s.top));
      const sizePx = tall !== undefined ? tall / TALL_HEIGHT_EM : lineHeight * options.rowHeightToFontSize;
      const firstText = seg[0]!.text.trim();
      if (!BULLET_READINGS.has(firstText)) {
        const dot = missedBullet(images.ink, width, height, seg[0]!, baselinePx, sizePx, options.inkBelow);
        if (dot) measured.push({ word: { text: '•', bbox: dot, confidence: 1 }, size: sizePx * pt, baseline: baselinePx * pt, stroke: 0, text: '•' });
      }
      seg.forEach((word, k) => {
        const shape = shapes[k]!;
        // A "word" with no ink under it is the recogniser reading blank space (a gap between columns).
        if (shape.area < 0.02 * shape.boxArea) return;
        // Stroke width ≈ 2 × ink area / ink outline (a stroke of width w and length L has area
        // wL and outline 2L), relative to the font size.
        const stroke = shape.edges ? (2 * shape.area) / shape.edges / Math.max(1, sizePx) : 0;
        const text = isBulletShape(word, shape, lineHeight) ? '•' : dashByLength(word.text.trim(), shape.inkWidth, sizePx);
        measured.push({ word, size: sizePx * pt, baseline: baselinePx * pt, stroke, text });
      });
    }
  }
  // The page's regular stroke: the median over words long enough to measure.
  const regular = median(measured.filter((m) => m.stroke > 0 && m.text.length >= 3).map((m) => m.stroke)) ?? 0;
  return measured.map(({ word, size, baseline, stroke, text }) => ({
    text,
    // Boxes as a text layer gives them: the word's width, the font's height around the baseline.
    bbox: { x0: word.bbox.x0 * pt, top: baseline - 0.8 * size, x1: word.bbox.x1 * pt, bottom: baseline + 0.2 * size },
    baseline,
    fontSize: size,
    fontName: 'ocr',
    bold: regular > 0 && stroke >= regular * options.boldStrokeRatio,
    pageNumber,
    color: inkColour(images, word.bbox, options.colourInkBelow),
    confidence: Math.max(0, Math.min(1, word.confidence)),
  }));
}
