/**
 * Drawing PDF pages with pdf.js's own renderer, for the review page (issue #8). Browser only in
 * practice (it needs a canvas); it imports no `node:` module, so the core stays browser-capable.
 */
import { openForRendering, type LoadOptions } from './load.ts';

/** A page's size in PDF points as read (after /Rotate): the space record cell boxes are in. */
export interface PageSize {
  width: number;
  height: number;
}

/** An open PDF whose pages can be drawn; call `destroy()` when done with it. */
export interface PageRenderer {
  pageCount: number;
  /** Size of 1-based page `n` in points. */
  pageSize(n: number): Promise<PageSize>;
  /**
   * Draw 1-based page `n` into `canvas` at `scale` device pixels per point (the canvas is
   * resized to fit). Resolves true when drawn, false when a newer draw into the same canvas
   * cancelled this one.
   */
  render(n: number, canvas: HTMLCanvasElement, scale: number): Promise<boolean>;
  destroy(): Promise<void>;
}

/**
 * Open `bytes` for drawing.
 * @throws PdfLoadError / PdfPasswordError as `withDocument` does.
 */
export async function openRenderer(bytes: Uint8Array, options: LoadOptions = {}): Promise<PageRenderer> {
  const { doc, destroy } = await openForRendering(bytes, options);
  const tasks = new WeakMap<HTMLCanvasElement, { cancel(): void }>();
  return {
    pageCount: doc.numPages,
    async pageSize(n) {
      const vp = (await doc.getPage(n)).getViewport({ scale: 1 });
      return { width: vp.width, height: vp.height };
    },
    async render(n, canvas, scale) {
      const page = await doc.getPage(n);
      const viewport = page.getViewport({ scale });
      tasks.get(canvas)?.cancel();
      canvas.width = Math.ceil(viewport.width);
      canvas.height = Math.ceil(viewport.height);
      const task = page.render({ canvas, viewport });
      tasks.set(canvas, task);
      try {
        await task.promise;
        return true;
      } catch (err) {
        if ((err as { name?: string })?.name === 'RenderingCancelledException') return false;
        throw err;
      }
    },
    destroy,
  };
}

/** A page drawn into pixels: RGBA, 4 bytes per pixel, rows top to bottom. */
export interface PagePixels {
  width: number;
  height: number;
  data: Uint8ClampedArray;
}

/** The canvas OCR asks its host for (src/ocr/engine.ts: `OcrEngine.createCanvas`). */
type CanvasMaker = (
  width: number,
  height: number,
) => { width: number; height: number; getContext(kind: '2d', options?: { alpha?: boolean; willReadFrequently?: boolean }): unknown };

/**
 * Draw pages into pixels for OCR (issue #11), one at a time, each handed to `each` and then
 * freed (a 300 dpi A4 page is 35 MB of RGBA). The page is drawn as it was read: `rotation`
 * degrees (its /Rotate, or the rotation its text reads upright in), on a white background.
 * @param dpi pixels per inch (300 for OCR).
 * @throws PdfLoadError / PdfPasswordError as `withDocument` does.
 */
export async function renderPagePixels(
  bytes: Uint8Array,
  options: LoadOptions & { createCanvas: CanvasMaker },
  pages: ReadonlyArray<{ pageNumber: number; rotation: number }>,
  dpi: number,
  each: (pageNumber: number, pixels: PagePixels) => Promise<void>,
): Promise<void> {
  const make = options.createCanvas;
  // pdf.js's canvas factory contract (display/canvas_factory.js): create / reset / destroy.
  class CanvasFactory {
    create(width: number, height: number) {
      const canvas = make(width, height);
      return { canvas, context: canvas.getContext('2d', { willReadFrequently: true }) };
    }
    reset(entry: { canvas: { width: number; height: number } }, width: number, height: number) {
      entry.canvas.width = width;
      entry.canvas.height = height;
    }
    getNoAlphaContext(canvas: { getContext(kind: '2d', options?: object): unknown }) {
      return canvas.getContext('2d', { alpha: false, willReadFrequently: true });
    }
    destroy(entry: { canvas: { width: number; height: number } | null; context: unknown }) {
      if (entry.canvas) {
        entry.canvas.width = 0;
        entry.canvas.height = 0;
      }
      entry.canvas = null;
      entry.context = null;
    }
  }
  const { doc, destroy } = await openForRendering(bytes, { password: options.password }, { disableFontFace: true, CanvasFactory });
  try {
    for (const { pageNumber, rotation } of pages) {
      const page = await doc.getPage(pageNumber);
      try {
        const viewport = page.getViewport({ scale: dpi / 72, rotation });
        const canvas = make(Math.ceil(viewport.width), Math.ceil(viewport.height));
        const context = canvas.getContext('2d', { alpha: false, willReadFrequently: true }) as CanvasRenderingContext2D;
        await page.render({ canvasContext: context, canvas: canvas as HTMLCanvasElement, viewport, background: 'rgb(255,255,255)' }).promise;
        const pixels = { width: canvas.width, height: canvas.height, data: context.getImageData(0, 0, canvas.width, canvas.height).data };
        // Free the canvas's own copy before the (slow) consumer runs.
        canvas.width = 0;
        canvas.height = 0;
        await each(pageNumber, pixels);
      } finally {
        page.cleanup();
      }
    }
  } finally {
    await destroy();
  }
}
