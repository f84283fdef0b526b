/**
 * bytes → Page[]: the first pipeline stage. Reads every page's text items, ruling lines and
 * filled rectangles in points, top-left origin, pages 1-based.
 */
import type { BBox, Page, TextItem } from '../types.ts';
import { NoTextLayerError, PdfLoadError, TrackerError } from '../errors.ts';
import { pdfjs, withDocument, type LoadOptions, type PDFDocumentProxy } from './load.ts';
import { invert, type Matrix } from './matrix.ts';
import { extractShapes, DEFAULT_SHAPE_OPTIONS, type ShapeOptions } from './shapes.ts';
import { readsUpright, toTextItems, type FontInfo, type RawTextItem } from './text.ts';


/** Options of the read stage. */
export interface ReadOptions extends LoadOptions {
  shapes?: ShapeOptions;
  /** Called after each page is read (1-based page, page count): progress for long files. */
  onPage?: (pageNumber: number, pageCount: number) => void;
}

/** The result of reading a PDF. */
export interface ReadResult {
  pages: Page[];
  pageCount: number;
  /** Document information dictionary title, if any. */
  infoTitle: string;
  /** Producer and Creator of the information dictionary ("LibreOffice 7.4", "pdfTeX-1.40"), joined by " / ". */
  producer: string;
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
    const next = items
      .filter((i) => i.bbox.x0 > d.x1 && i.bbox.x0 - d.x1 < 3 * i.fontSize && cy > i.bbox.top && cy < i.baseline)
      .sort((a, b) => a.bbox.x0 - b.bbox.x0)[0];
    if (!next) continue;
    out.push({ text: '\u2022', bbox: { ...d }, baseline: next.baseline, fontSize: next.fontSize, fontName: next.fontName, bold: false, pageNumber });
  }
  return out;
}

/** Run a pdf.js call; anything it throws means the page's data is damaged (PDF_CORRUPT). */
async function pdfjsCall<T>(pageNumber: number, what: string, call: () => Promise<T>): Promise<T> {
  try {
    return await call();
  } catch (err) {
    if (err instanceof TrackerError) throw err;
    throw new PdfLoadError('PDF_CORRUPT', `the PDF is damaged: page ${pageNumber} could not be read (${what}: ${(err as Error)?.message ?? String(err)}); ask for a fresh copy or re-export it`, { cause: err });
  }
}

/** What a page holds besides its items, for telling a scan from text the pipeline cannot use. */
interface PageTextSigns {
  imageCount: number;
  /** Non-space characters pdf.js decoded, before any item was dropped (sideways, mirrored, zero size). */
  rawChars: number;
  /** Text-showing operators in the page's content. */
  textRunCount: number;
}

async function readPage(doc: PDFDocumentProxy, pageNumber: number, shapeOptions: ShapeOptions): Promise<Page & PageTextSigns> {
  const page = await pdfjsCall(pageNumber, 'page', () => doc.getPage(pageNumber));
  try {
    // The operator list first: rendering would rewrite path args in place (DESIGN.md), and
    // it loads the fonts whose names tell bold from regular.
    const ops = await pdfjsCall(pageNumber, 'drawing operators', () => page.getOperatorList());
    const content = await pdfjsCall(pageNumber, 'text', () => page.getTextContent({ disableNormalization: false }));
    const raw = content.items.filter((i): i is typeof i & RawTextItem => 'str' in i) as RawTextItem[];
    const fonts: Record<string, FontInfo> = {};
    for (const [id, style] of Object.entries(content.styles)) {
      let name = '';
      try {
        name = (page.commonObjs.get(id) as { name?: string } | undefined)?.name ?? '';
      } catch {
        name = '';
      }
      fonts[id] = { ascent: style.ascent, descent: style.descent, name: name || style.fontFamily };
    }
    // Read the page the way its text runs upright: normally its own /Rotate, but a page whose
    // content is drawn sideways (qpdf --rotate, some scanned-then-OCRed files) reads upright
    // under another rotation. Pick the rotation under which most characters run left to right.
    let best = { rotation: page.rotate, score: -1 };
    for (const extra of [0, 90, 180, 270]) {
      const rotation = (page.rotate + extra) % 360;
      const view = page.getViewport({ scale: 1, rotation }).transform as Matrix;
      let score = 0;
      for (const r of raw) if (r.str.trim() && readsUpright(r, view)) score += r.str.length;
      if (score > best.score) best = { rotation, score };
      if (extra === 0 && raw.length && score >= raw.reduce((n, r) => n + (r.str.trim() ? r.str.length : 0), 0) * 0.6) break;
    }
    const viewport = page.getViewport({ scale: 1, rotation: best.rotation });
    const view = viewport.transform as Matrix;
    const items = toTextItems(raw, view, fonts, pageNumber);
    const shapes = extractShapes(ops, view, pageNumber, shapeOptions);
    items.push(...dotsAsBullets(shapes.dots, items, pageNumber));
    return {
      pageNumber,
      width: viewport.width,
      height: viewport.height,
      rotation: best.rotation,
      toUserSpace: invert(view),
      items,
      rulings: shapes.rulings,
      rects: shapes.rects,
      marks: shapes.marks,
      imageCount: shapes.imageCount,
      rawChars: raw.reduce((n, r) => n + r.str.replace(/\s+/g, '').length, 0),
      textRunCount: shapes.textRunCount,
    };
  } finally {
    page.cleanup();
  }
}

/**
 * Read every page of a PDF.
 * @throws PdfLoadError / PdfPasswordError from {@link withDocument}
 * @throws NoTextLayerError (NO_TEXT_LAYER) when no page has any text
 */
export async function readPdf(bytes: Uint8Array, options: ReadOptions = {}): Promise<ReadResult> {
  return withDocument(bytes, options, async (doc) => {
    const pages: Page[] = [];
    let rawChars = 0;
    let textRuns = 0;
    for (let n = 1; n <= doc.numPages; n++) {
      const { imageCount: _images, rawChars: chars, textRunCount, ...page } = await readPage(doc, n, options.shapes ?? DEFAULT_SHAPE_OPTIONS);
      rawChars += chars;
      textRuns += textRunCount;
      pages.push(page);
      options.onPage?.(n, doc.numPages);
    }
    // A scan is a file that draws no text at all. Text that pdf.js decoded but the text stage
    // could not place (every run sideways, mirrored or of zero size) goes on to the table
    // search, which says what it did find (issue #12: such a file, text by poppler's count,
    // was called NO_TEXT_LAYER); glyphs drawn without any Unicode mapping are named as such.
    if (!pages.some((p) => p.items.length > 0) && rawChars === 0) throw new NoTextLayerError(doc.numPages, textRuns);
    let infoTitle = '';
    let producer = '';
    try {
      const info = (await doc.getMetadata()).info as { Title?: unknown; Producer?: unknown; Creator?: unknown };
      infoTitle = String(info?.Title ?? '');
      producer = [info?.Producer, info?.Creator].filter((v) => typeof v === 'string' && v).join(' / ');
    } catch {
      infoTitle = '';
    }
    return { pages, pageCount: doc.numPages, infoTitle, producer };
  });
}

export { pdfjs };
