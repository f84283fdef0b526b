/**
 * bytes → Page[]: the first pipeline stage. Reads every page's text items, ruling lines and
 * filled rectangles in points, top-left origin, pages 1-based.
 */
import type { PDFPageProxy } from 'pdfjs-dist/types/src/display/api.js';
import type { BBox, Page, TextItem } from '../types.ts';
import { NoTextLayerError, PdfLoadError, TrackerError } from '../errors.ts';
import { withDocument, type LoadOptions, type PDFDocumentProxy } from './load.ts';
import { invert, type Matrix } from './matrix.ts';
import { DEFAULT_SHAPE_OPTIONS, shapeCollector, type ShapeOptions } from './shapes.ts';
import { interpretOperatorList, type FontFacts, type PaintedArea, type PaintedGlyph } from './interpret.ts';
import { glyphsToText } from './glyphs.ts';

/** Options of the read stage. */
export interface ReadOptions extends LoadOptions {
  shapes?: ShapeOptions;
  /** Called after each page is read (1-based page, page count): progress for long files. */
  onPage?: (pageNumber: number, pageCount: number) => void;
  /** Throw NO_TEXT_LAYER when no page has text (default true); the pipeline passes false and decides after OCR (issue #11). */
  requireText?: boolean;
}

/** The result of reading a PDF. */
export interface ReadResult {
  pages: Page[];
  pageCount: number;
  /** Document information dictionary title, if any. */
  infoTitle: string;
  /** Producer and Creator of the information dictionary ("LibreOffice 7.4", "pdfTeX-1.40"), joined by " / ". */
  producer: string;
  /**
   * The document's permissions (set with an owner password) forbid copying its text: bit 5 of
   * the encryption dictionary's P entry is clear (ISO 32000-1 §7.6.3.2, Table 22; pdf.js
   * `getPermissions()` lacks `PermissionFlag.COPY`). Issue #14: warned, never refused.
   */
  copyRestricted: boolean;
  /** Text-showing operators found, over all pages: > 0 with no text means glyphs that map to no character (see NoTextLayerError). */
  textRuns: number;
}

/** Whether any page has text: upright, sideways or hidden (hidden and sideways text go on to the table search, issue #12). */
export function hasText(pages: readonly Page[]): boolean {
  return pages.some((p) => p.items.length > 0 || p.rotated.length > 0 || p.hidden.length > 0);
}

/**
 * List markers drawn as paths become "•" text items, so the text stage sees the bullet the
 * reader sees. A dot counts only when text starts within 3 em to its right on the same line
 * (its vertical centre between the text's top and baseline); the item takes that text's size.
 */
export function dotsAsBullets(dots: BBox[], items: TextItem[], pageNumber: number): TextItem[] {
  const out: TextItem[] = [];
  for (const d of dots) {
    const cy = (d.top + d.bottom) / 2;
    const next = items.filter((i) => i.bbox.x0 > d.x1 && i.bbox.x0 - d.x1 < 3 * i.fontSize && cy > i.bbox.top && cy < i.baseline).sort((a, b) => a.bbox.x0 - b.bbox.x0)[0];
    if (!next) continue;
    out.push({ text: '\u2022', bbox: { ...d }, baseline: next.baseline, fontSize: next.fontSize, fontName: next.fontName, bold: false, pageNumber, color: next.color });
  }
  return out;
}

/** Run a pdf.js call; anything it throws means the page's data is damaged (PDF_CORRUPT). */
async function pdfjsCall<T>(pageNumber: number, what: string, call: () => Promise<T>): Promise<T> {
  try {
    return await call();
  } catch (err) {
    if (err instanceof TrackerError) throw err;
    throw new PdfLoadError(
      'PDF_CORRUPT',
      `the PDF is damaged: page ${pageNumber} could not be read (${what}: ${(err as Error)?.message ?? String(err)}); ask for a fresh copy or re-export it`,
      { cause: err },
    );
  }
}

/** Font facts of a pdf.js font id, from the font object pdf.js keeps in `commonObjs`. */
function fontFacts(page: PDFPageProxy, id: string): FontFacts | undefined {
  try {
    const f = page.commonObjs.get(id) as
      | { name?: string; fontMatrix?: number[]; ascent?: number; descent?: number; vertical?: boolean; differences?: Map<number, string> | Array<string | undefined> }
      | undefined;
    if (!f) return undefined;
    const fm = f.fontMatrix && f.fontMatrix.length === 6 ? (f.fontMatrix as Matrix) : ([0.001, 0, 0, 0.001, 0, 0] as Matrix);
    // pdf.js reports ascent 0 / descent 0 for some Type 3 fonts: fall back to typical values.
    const ascent = typeof f.ascent === 'number' && f.ascent > 0.3 && f.ascent < 1.5 ? f.ascent : 0.8;
    const descent = typeof f.descent === 'number' && f.descent < 0 && f.descent > -0.6 ? f.descent : -0.2;
    const diffs = f.differences;
    const glyphName = diffs instanceof Map ? (c: number) => diffs.get(c) : Array.isArray(diffs) ? (c: number) => diffs[c] : undefined;
    return { name: f.name ?? '', fontMatrix: fm, ascent, descent, vertical: f.vertical === true, ...(glyphName ? { glyphName } : {}) };
  } catch {
    return undefined;
  }
}

/** The share of a page's characters that run left to right when it is read under `view`. */
function uprightShare(glyphs: PaintedGlyph[]): number {
  let upright = 0,
    all = 0;
  for (const g of glyphs) {
    if (g.isSpace || !g.unicode.trim()) continue;
    all++;
    if (g.dx > 0 && Math.abs(g.dy) <= g.dx * 0.01) upright++;
  }
  return all ? upright / all : 1;
}

async function readPage(doc: PDFDocumentProxy, pageNumber: number, options: { shapes: ShapeOptions; isVisible?: (p: unknown) => boolean }): Promise<Page & { glyphRuns: number }> {
  const page = await pdfjsCall(pageNumber, 'page', () => doc.getPage(pageNumber));
  try {
    // The operator list only: it carries every glyph with its paint (colour, render mode,
    // clip), which text content does not; rendering would rewrite path args in place (DESIGN.md).
    const ops = await pdfjsCall(pageNumber, 'drawing operators', () => page.getOperatorList());
    const font = (id: string) => fontFacts(page, id);
    const interpret = (rotation: number) => {
      const viewport = page.getViewport({ scale: 1, rotation });
      const view = viewport.transform as Matrix;
      const glyphs: PaintedGlyph[] = [];
      const areas: PaintedArea[] = [];
      const collector = shapeCollector(pageNumber, options.shapes);
      interpretOperatorList(ops, { view, font, isVisible: options.isVisible }, { glyph: (g) => glyphs.push(g), area: (a) => areas.push(a), path: collector.path });
      return { viewport, view, glyphs, areas, shapes: collector.shapes };
    };
    // Read the page the way its text runs upright: normally its own /Rotate, but a page whose
    // content is drawn sideways (qpdf --rotate, some scanned-then-OCRed files) reads upright
    // under another rotation. Pick the rotation under which most characters run left to right.
    let read = interpret(page.rotate);
    if (uprightShare(read.glyphs) < 0.6) {
      for (const extra of [90, 180, 270]) {
        const other = interpret((page.rotate + extra) % 360);
        if (uprightShare(other.glyphs) > uprightShare(read.glyphs)) read = other;
      }
    }
    const { viewport, view, glyphs, areas, shapes } = read;
    const size = { width: viewport.width, height: viewport.height };
    const text = glyphsToText(glyphs, areas, size, pageNumber);
    text.items.push(...dotsAsBullets(shapes.dots, text.items, pageNumber));
    return {
      pageNumber,
      width: viewport.width,
      height: viewport.height,
      rotation: viewport.rotation,
      toUserSpace: invert(view),
      items: text.items,
      rotated: text.rotated,
      hidden: text.hidden,
      textLayer: text.textLayer,
      images: areas.filter((a) => a.kind === 'image').map((a) => a.bbox),
      rulings: shapes.rulings,
      rects: shapes.rects,
      marks: shapes.marks,
      // Text-showing operators that drew a glyph: a page that draws glyphs is no scan, whatever their Unicode.
      glyphRuns: new Set(glyphs.map((g) => g.op)).size,
    };
  } finally {
    page.cleanup();
  }
}

/**
 * Read every page of a PDF.
 * @throws PdfLoadError / PdfPasswordError from {@link withDocument}
 * @throws NoTextLayerError (NO_TEXT_LAYER) when no page has any text (unless `requireText` is false)
 */
export async function readPdf(bytes: Uint8Array, options: ReadOptions = {}): Promise<ReadResult> {
  return withDocument(bytes, options, async (doc) => {
    const pages: Page[] = [];
    // Optional content (layers) switched off in the document's default view is hidden text.
    let isVisible: ((p: unknown) => boolean) | undefined;
    try {
      const config = await doc.getOptionalContentConfig();
      isVisible = (p) => {
        try {
          return config.isVisible(p as Parameters<typeof config.isVisible>[0]);
        } catch {
          return true;
        }
      };
    } catch {
      isVisible = undefined;
    }
    let glyphRuns = 0;
    for (let n = 1; n <= doc.numPages; n++) {
      const { glyphRuns: runs, ...page } = await readPage(doc, n, { shapes: options.shapes ?? DEFAULT_SHAPE_OPTIONS, isVisible });
      glyphRuns += runs;
      pages.push(page);
      options.onPage?.(n, doc.numPages);
    }
    // A scan is a file that draws no text at all. Text the pipeline cannot read upright (every
    // run sideways), or cannot see (hidden), goes on to the table search, which says what it did
    // find (issue #12: such a file, text by poppler's count, was called NO_TEXT_LAYER); glyphs
    // drawn without any Unicode mapping are named as such. With `requireText: false` the caller
    // (the pipeline, which may OCR the pages: issue #11) decides, from `hasText` and `textRuns`.
    if (options.requireText !== false && !hasText(pages)) throw new NoTextLayerError(doc.numPages, { textRuns: glyphRuns });
    let infoTitle = '';
    let producer = '';
    try {
      const info = (await doc.getMetadata()).info as { Title?: unknown; Producer?: unknown; Creator?: unknown };
      infoTitle = String(info?.Title ?? '');
      producer = [info?.Producer, info?.Creator].filter((v) => typeof v === 'string' && v).join(' / ');
    } catch {
      infoTitle = '';
    }
    // PermissionFlag.COPY = 0x10 (pdf.js src/shared/util.js); null when the file sets none; a
    // Set in pdf.js 6 (an array before).
    const permissions: unknown = await doc.getPermissions().catch(() => null);
    const allowed = permissions instanceof Set ? [...(permissions as Set<number>)] : Array.isArray(permissions) ? (permissions as number[]) : null;
    const copyRestricted = allowed !== null && !allowed.includes(0x10);
    return { pages, pageCount: doc.numPages, infoTitle, producer, copyRestricted, textRuns: glyphRuns };
  });
}
