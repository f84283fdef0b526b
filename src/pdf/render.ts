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
