/**
 * One page image → a Page (issue #11), as a chain of named steps whose results are kept
 * (DESIGN.md: pdfplumber's table finder is the model), so tests and a debug view can look at
 * any of them:
 *
 *   paperColour → whiteBalance → estimateSkew → rotate (deskew) → findFills → inkImage →
 *   findRulings (on the ink image and on luminance, merged) → eraseRulings → recognise →
 *   linesToItems
 */
import type { FilledRect, Page, Ruling } from '../types.ts';
import type { Matrix } from '../pdf/matrix.ts';
import { multiply } from '../pdf/matrix.ts';
import type { OcrEngine, RecognizedLine } from './engine.ts';
import { luminance, paperColour, rotate, whiteBalance, type RgbaImage } from './image.ts';
import { DEFAULT_SKEW_OPTIONS, estimateSkew } from './deskew.ts';
import { findFills, type FillMap } from './fills.ts';
import { inkImage } from './ink.ts';
import { eraseRulings, findRulings, mergeRulings, type PixelRuling } from './rulings.ts';
import { linesToItems } from './words.ts';

/** Every intermediate result of reading one page image. */
export interface PageImageSteps {
  paper: [number, number, number];
  /** Degrees the scan is turned (positive clockwise); the image was turned back by it. */
  skew: number;
  /** The white-balanced, deskewed colour image. */
  upright: RgbaImage;
  fills: FillMap;
  rulings: PixelRuling[];
  /** What the recogniser read: ink as dark on white, rulings erased. */
  ink: Uint8Array;
  lines: RecognizedLine[];
}

/** Skews smaller than this (degrees) are left alone: under half a pixel across a 300 dpi A4 page. */
const MIN_SKEW = 0.01;

/**
 * Read one rendered page.
 * @param base the page as read from the PDF (size, rotation, user-space map, images); its
 *   text, rulings and fills are replaced by what the image shows.
 * @param image the page rendered upright at `dpi` (the canvas of pdf.js, RGBA); its pixels are
 *   changed (white-balanced in place).
 * @returns the OCR'd page (points, top-left origin, on the deskewed page) and the steps.
 */
export async function readPageImage(
  base: Page,
  image: RgbaImage,
  dpi: number,
  engine: OcrEngine,
  maxSkew = DEFAULT_SKEW_OPTIONS.maxDegrees,
): Promise<{ page: Page; steps: PageImageSteps }> {
  const paper = paperColour(image);
  // In place: the rendered image is this step's to change (and 35 MB at 300 dpi on A4).
  const balanced = whiteBalance(image, paper, true);
  const skew = estimateSkew(luminance(balanced), balanced.width, balanced.height, { ...DEFAULT_SKEW_OPTIONS, maxDegrees: maxSkew });
  const upright = Math.abs(skew) >= MIN_SKEW ? rotate(balanced, -skew) : balanced;
  const fills = findFills(upright, dpi);
  const ink = inkImage(upright, fills);
  const rulings = mergeRulings(findRulings(ink, upright.width, upright.height, dpi), findRulings(luminance(upright), upright.width, upright.height, dpi), dpi);
  eraseRulings(ink, upright.width, upright.height, rulings, Math.ceil(dpi / 100));
  whitenPaper(ink);
  const lines = await engine.recognize({ width: upright.width, height: upright.height, data: ink, dpi });
  const verticals = rulings.filter((r) => r.orientation === 'v').map((r) => ({ x: r.position, y0: r.start, y1: r.end }));
  const items = linesToItems(lines, { ink, colour: upright, dpi }, base.pageNumber, verticals);

  const pt = 72 / dpi;
  const toRuling = (r: PixelRuling): Ruling => ({ orientation: r.orientation, position: r.position * pt, start: r.start * pt, end: r.end * pt, pageNumber: base.pageNumber });
  const toRect = (f: FillMap['fills'][number]): FilledRect => ({
    bbox: { x0: f.x0 * pt, top: f.y0 * pt, x1: f.x1 * pt, bottom: f.y1 * pt },
    fill: [f.colour[0] / 255, f.colour[1] / 255, f.colour[2] / 255],
    pageNumber: base.pageNumber,
  });
  const chars = items.reduce((n, i) => n + i.text.length, 0);
  const confidence = chars ? items.reduce((s, i) => s + (i.confidence ?? 1) * i.text.length, 0) / chars : 1;
  const page: Page = {
    pageNumber: base.pageNumber,
    width: base.width,
    height: base.height,
    rotation: base.rotation,
    toUserSpace: multiply(base.toUserSpace as Matrix, deskewMatrix(skew, ((upright.width - 1) / 2) * pt, ((upright.height - 1) / 2) * pt)),
    items,
    rotated: [],
    hidden: [],
    textLayer: 'ocr',
    images: base.images,
    rulings: rulings.map(toRuling),
    rects: fills.fills.filter((f) => f.kind === 'rect').map(toRect),
    marks: fills.fills.filter((f) => f.kind === 'mark').map(toRect),
    ocr: { dpi, skew, confidence: Math.round(confidence * 1000) / 1000, words: items.length },
  };
  return { page, steps: { paper, skew, upright, fills, rulings, ink, lines } };
}

/**
 * Ink lighter than this (0–255) is paper noise (sensor grain, JPEG ringing, a fill's texture):
 * it is made white, so the recogniser finds no "~" or "." in it. 200: the lightest ink that
 * matters, the blurred edges of strokes, is darker; grain on paper is ≈ 225–255.
 */
const PAPER_ABOVE = 200;

function whitenPaper(ink: Uint8Array): void {
  for (let p = 0; p < ink.length; p++) if (ink[p]! > PAPER_ABOVE) ink[p] = 255;
}

/**
 * Maps a point of the deskewed page back to the page as rendered: turn it by `skew` degrees
 * (clockwise on screen, y down) about the centre (cx, cy), the inverse of the deskew.
 */
export function deskewMatrix(skew: number, cx: number, cy: number): Matrix {
  const t = (skew * Math.PI) / 180;
  const cos = Math.cos(t),
    sin = Math.sin(t);
  return [cos, sin, -sin, cos, cx - cos * cx + sin * cy, cy - sin * cx - cos * cy];
}
