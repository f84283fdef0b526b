/**
 * OCR (issue #11): page image → words with boxes + rulings and fills from pixels → the same
 * Page type as src/pdf/ gives, so the layout and tracker stages read a scan like any PDF.
 * Browser-capable: the canvas and the recogniser come from the host (engine.ts).
 *
 * The one door the pipeline uses: {@link pagesToOcr} decides which pages, {@link ocrPages}
 * replaces them by their OCR'd reading, {@link ocrConfidence} gives records their confidence.
 */
import type { Page } from '../types.ts';
import { renderPagePixels } from '../pdf/render.ts';
import { OcrError, TrackerError } from '../errors.ts';
import type { OcrEngineLoader } from './engine.ts';
import { readPageImage } from './page.ts';

export type { OcrEngine, OcrEngineLoader, OcrCanvas, GreyImage, RecognizedLine, RecognizedWord, PixelBox } from './engine.ts';
export { ocrConfidence, DEFAULT_MIN_CONFIDENCE } from './confidence.ts';
export { readPageImage, type PageImageSteps } from './page.ts';

/**
 * When to OCR (`--ocr`): `auto` pages with no text that show an image (a scan) and pages whose
 * only text is an invisible layer over a scan; `always` every page; `never` none (a scan then
 * fails with NO_TEXT_LAYER, as before issue #11).
 */
export type OcrMode = 'auto' | 'always' | 'never';

/** What the pipeline passes to OCR. */
export interface OcrSettings {
  mode: OcrMode;
  /** Loads the host's canvas and recogniser; without one nothing is OCR'd. */
  engine?: OcrEngineLoader;
  /** Render resolution, pixels per inch. 300: issue #11 (Tesseract reads body text best at 300 dpi). */
  dpi: number;
  /** Largest skew corrected, degrees. 3: issue #11. */
  maxSkew: number;
  /** Called before each page is OCR'd: its 1-based number, its place among the pages to OCR (1-based) and their count. */
  onPage?: (pageNumber: number, index: number, count: number) => void;
  password?: string;
}

/** Defaults of the OCR settings (issue #11). */
export const DEFAULT_OCR_DPI = 300;
export const DEFAULT_MAX_SKEW = 3;

/**
 * In `auto` mode a page without text is OCR'd when images cover at least this share of it: a
 * scan is one page-sized image; a blank page or a page of drawings has none. 0.3: a scan
 * cropped to its text block still covers more.
 */
export const AUTO_IMAGE_SHARE = 0.3;

function imageShare(page: Page): number {
  const area = page.images.reduce((s, b) => s + Math.max(0, b.x1 - b.x0) * Math.max(0, b.bottom - b.top), 0);
  return area / Math.max(1, page.width * page.height);
}

/** The 1-based pages to OCR under `mode`. */
export function pagesToOcr(pages: readonly Page[], mode: OcrMode): number[] {
  if (mode === 'never') return [];
  if (mode === 'always') return pages.map((p) => p.pageNumber);
  return pages.filter((p) => p.textLayer === 'invisible-ocr' || (p.textLayer === 'none' && imageShare(p) >= AUTO_IMAGE_SHARE)).map((p) => p.pageNumber);
}

/**
 * Replace the given pages by their OCR'd reading: each is rendered at `settings.dpi`, deskewed,
 * its rulings and fills found in the pixels, its words recognised. The engine is loaded once
 * and released when done.
 * @returns all pages, the OCR'd ones replaced (a new array).
 * @throws OcrError OCR_FAILED when the engine cannot load or a page cannot be read.
 */
export async function ocrPages(bytes: Uint8Array, pages: readonly Page[], which: readonly number[], settings: OcrSettings): Promise<Page[]> {
  const out = [...pages];
  if (!which.length || !settings.engine) return out;
  let engine: Awaited<ReturnType<NonNullable<OcrSettings['engine']>>>;
  try {
    engine = await settings.engine();
  } catch (err) {
    throw new OcrError(
      `the OCR engine could not be loaded (${(err as Error)?.message ?? String(err)}); reinstall the dependencies (npm ci), or convert without OCR (--ocr never)`,
      { cause: err },
    );
  }
  const byNumber = new Map(pages.map((p, k) => [p.pageNumber, k]));
  let index = 0;
  try {
    await renderPagePixels(
      bytes,
      { password: settings.password, createCanvas: (w, h) => engine.createCanvas(w, h) },
      which.map((n) => ({ pageNumber: n, rotation: pages[byNumber.get(n)!]!.rotation })),
      settings.dpi,
      async (n, pixels) => {
        settings.onPage?.(n, ++index, which.length);
        const k = byNumber.get(n)!;
        try {
          out[k] = (await readPageImage(pages[k]!, pixels, settings.dpi, engine, settings.maxSkew)).page;
        } catch (err) {
          if (err instanceof TrackerError) throw err;
          throw new OcrError(`OCR could not read page ${n} (${(err as Error)?.message ?? String(err)}); convert without OCR (--ocr never) to see the rest`, { cause: err });
        }
      },
    );
  } catch (err) {
    if (err instanceof TrackerError) throw err;
    // pdf.js failing to draw a page it could read: the page's drawing is damaged or unsupported.
    throw new OcrError(`OCR could not draw the pages to read (${(err as Error)?.message ?? String(err)}); convert without OCR (--ocr never) to see the rest`, { cause: err });
  } finally {
    await engine.release?.();
  }
  return out;
}
