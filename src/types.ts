/**
 * The types that flow between the pipeline stages (see DESIGN.md).
 *
 * Coordinates everywhere: PDF points (1/72 inch), origin at the top-left corner of the page as
 * read (x grows right, y grows down), pages numbered from 1. They are fixed once, in
 * `src/pdf/`, where text leaves pdf.js; nothing downstream reads a pdf.js transform.
 */

/** An axis-aligned bounding box in points, top-left origin (pdfplumber's `x0, top, x1, bottom`). */
export interface BBox {
  x0: number;
  top: number;
  x1: number;
  bottom: number;
}

/** An RGB colour, each channel 0–1. */
export type Rgb = readonly [number, number, number];

/**
 * A text item: one glyph run as pdf.js reports it (often a whole line, sometimes one word or
 * one glyph), with its box on the page.
 */
export interface TextItem {
  /** The run's text after ligature and soft-hyphen hygiene; never empty. */
  text: string;
  bbox: BBox;
  /** Baseline y in points (top-left origin). */
  baseline: number;
  /** Font size in points (the text matrix's vertical scale). */
  fontSize: number;
  /** pdf.js's font id (e.g. `g_d0_f1`); equal ids mean the same font. */
  fontName: string;
  /** True when the font's PostScript name says bold (e.g. `…-Bold`, `…Bold…`). */
  bold: boolean;
  /** 1-based page number. */
  pageNumber: number;
  /** The ink the text is painted in (fill colour, or stroke for outlined text); null when unknown (a pattern). */
  color: Rgb | null;
  /** Text recognised by OCR only (issue #11): the recogniser's confidence in the word, 0–1. */
  confidence?: number;
  /** Where the item's first word ends (x, points), measured from its glyphs; absent when unknown. */
  firstWordX1?: number;
}

/**
 * A text item whose baseline is turned: 90 reads bottom to top, 270 top to bottom, 180 upside
 * down (a heading cell set vertically, issue #7). `bbox` is its box on the page; `baseline` the
 * x of its baseline (90/270) or y (180).
 */
export interface RotatedTextItem extends TextItem {
  rotation: 90 | 180 | 270;
}

/**
 * Why text cannot be seen (issue #7): optional content switched off, render mode 3 (invisible),
 * a transparent colour, off the page, clipped away, too small to read, the colour of what lies
 * behind it, or painted over later by an opaque shape or image.
 */
export type HiddenReason = 'hidden-layer' | 'invisible' | 'transparent' | 'off-page' | 'clipped' | 'tiny' | 'same-colour' | 'covered';

/** A run of text no reader can see: where it is and how many characters (never the words). */
export interface HiddenText {
  pageNumber: number;
  bbox: BBox;
  /** Non-space characters hidden. */
  chars: number;
  reason: HiddenReason;
  /** For clipped text: the clip it was drawn in (its cell, when a producer clips each cell). */
  clip?: BBox;
}

/** A ruling line: a stroked line or a thin filled rectangle, horizontal or vertical. */
export interface Ruling {
  orientation: 'h' | 'v';
  /** y of a horizontal ruling, x of a vertical one (points). */
  position: number;
  /** Where it starts and ends along its length (x for 'h', y for 'v'; start ≤ end). */
  start: number;
  end: number;
  pageNumber: number;
}

/** A filled rectangle that is not a ruling: cell shading, a header band, a RAG chip. */
export interface FilledRect {
  bbox: BBox;
  fill: Rgb;
  pageNumber: number;
}

/** One page as read: text items, ruling lines and filled rectangles. */
export interface Page {
  /** 1-based. */
  pageNumber: number;
  /** Page size as read, in points (after any /Rotate is applied). */
  width: number;
  height: number;
  /**
   * The rotation (0, 90, 180, 270) that was applied to the unrotated page to read it upright:
   * usually the page's own /Rotate; different when the text only reads upright another way.
   */
  rotation: number;
  /**
   * Maps a point of the page as read back to PDF user space of the unrotated page (origin
   * bottom-left): `[a, b, c, d, e, f]`, x' = a·x + c·y + e, y' = b·x + d·y + f. The debug
   * overlay uses it to draw on the original page.
   */
  toUserSpace: readonly [number, number, number, number, number, number];
  /** Upright text items, in paint order. */
  items: TextItem[];
  /** Text items set at 90°, 180° or 270°. */
  rotated: RotatedTextItem[];
  /** Text no reader can see, dropped from `items` (counted, never read). */
  hidden: HiddenText[];
  /**
   * `visible`: ordinary text; `invisible-ocr`: the text is an invisible layer over a scan (kept,
   * but only as good as the OCR that made it); `none`: no text at all; `ocr`: the text was
   * recognised from the page's image by this tool (src/ocr/, issue #11).
   */
  textLayer: 'visible' | 'invisible-ocr' | 'none' | 'ocr';
  /** Boxes of the images painted on the page (scans, logos). */
  images: BBox[];
  rulings: Ruling[];
  rects: FilledRect[];
  /** Small filled shapes that are not rectangles (RAG dots drawn as circles), with colour. */
  marks: FilledRect[];
  /** OCR'd pages only (issue #11): how the page was read from its image. */
  ocr?: OcrPageInfo;
}

/** How an OCR'd page was read: resolution, the skew removed, and the words' confidence. */
export interface OcrPageInfo {
  /** Pixels per inch the page was rendered at. */
  dpi: number;
  /** Degrees the scan was turned by (positive: clockwise); the page as read is turned back by it. */
  skew: number;
  /** Mean confidence of the recognised words, 0–1 (weighted by characters); 1 for a page without words. */
  confidence: number;
  /** Words recognised. */
  words: number;
}
