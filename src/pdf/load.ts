/**
 * The one place that opens and frees pdf.js documents (like unjs/unpdf's `withDocument`).
 * pdfjs-dist is pinned exactly (package.json): 6.2.108+ fixes CVE-2026-16633, and the operator
 * list encoding read by shapes.ts changes between releases.
 */
import * as pdfjs from 'pdfjs-dist/legacy/build/pdf.mjs';
import type { PDFDocumentProxy } from 'pdfjs-dist/types/src/display/api.js';
import { PdfLoadError, PdfPasswordError, TrackerError } from '../errors.ts';
import { checkPdfBytes } from './sniff.ts';

export type { PDFDocumentProxy };
export { pdfjs };

/** Options for opening a PDF. */
export interface LoadOptions {
  /** User password for an encrypted PDF. */
  password?: string;
  /** Frees the document at once when it fires; the call then rejects with its reason. */
  signal?: AbortSignal;
}

/** Where pdf.js finds its standard font data and CMaps: next to its package.json (Node) or nowhere (browser bundles pass their own). */
function pdfjsAssetUrls(): { standardFontDataUrl?: string; cMapUrl?: string } {
  try {
    const base = new URL('./', import.meta.resolve('pdfjs-dist/package.json'));
    const dir = base.protocol === 'file:' ? decodeURIComponent(base.pathname) : base.href;
    return { standardFontDataUrl: `${dir}standard_fonts/`, cMapUrl: `${dir}cmaps/` };
  } catch {
    return {};
  }
}
let ASSET_URLS: { standardFontDataUrl?: string; cMapUrl?: string; wasmUrl?: string; iccUrl?: string } = pdfjsAssetUrls();

/** Where a browser bundle serves pdf.js's worker and data folders (URLs ending in "/" for folders). */
export interface PdfjsAssets {
  workerSrc: string;
  /** A worker already started from `workerSrc` (pdf.js then reuses it for every document). */
  workerPort?: Worker;
  standardFontDataUrl: string;
  cMapUrl: string;
  wasmUrl?: string;
  iccUrl?: string;
}

/**
 * Browser bundles only (web/, issue #8): tell pdf.js where its worker script and its font,
 * CMap, wasm and ICC folders are served, since `import.meta.resolve` of a package path means
 * nothing there. Call once before the first document is opened; Node never needs it.
 */
export function configurePdfjsAssets(assets: PdfjsAssets): void {
  pdfjs.GlobalWorkerOptions.workerSrc = assets.workerSrc;
  if (assets.workerPort) pdfjs.GlobalWorkerOptions.workerPort = assets.workerPort;
  const { workerSrc: _w, workerPort: _p, ...urls } = assets;
  ASSET_URLS = urls;
}

/**
 * Open `bytes` as a PDF, run `fn` on the document, and always free it
 * (`loadingTask.destroy()` in a finally: pdf.js 6 has no `doc.destroy()`; memory stays flat in
 * bulk only this way, mozilla/pdf.js#11645). The bytes are copied: pdf.js detaches its input.
 * Scripts never run (see the note on `getDocument` below).
 *
 * @throws PdfLoadError EMPTY_FILE (0 bytes), NOT_PDF (no `%PDF-` header), PDF_CORRUPT
 * @throws PdfPasswordError PDF_PASSWORD (password needed, or the one given is wrong)
 */
export async function withDocument<T>(bytes: Uint8Array, options: LoadOptions, fn: (doc: PDFDocumentProxy) => Promise<T>): Promise<T> {
  const problem = checkPdfBytes(bytes);
  if (problem) throw new PdfLoadError(problem.code, problem.message);
  try {
    return await open(bytes, options.password, fn, options.signal);
  } catch (err) {
    if (options.signal?.aborted) throw options.signal.reason;
    // A PDF with only an owner password opens without any user password: a --password meant
    // for other files of a batch must not make it fail (issue #4's owner-password row).
    if (err instanceof PdfPasswordError && options.password !== undefined) {
      try {
        return await open(bytes, undefined, fn, options.signal);
      } catch (retry) {
        if (retry instanceof PdfPasswordError) throw err;
        throw retry;
      }
    }
    throw err;
  }
}

async function open<T>(bytes: Uint8Array, password: string | undefined, fn: (doc: PDFDocumentProxy) => Promise<T>, signal?: AbortSignal): Promise<T> {
  signal?.throwIfAborted();
  const loadingTask = startLoading(bytes, password);
  // Destroying the task terminates pdf.js's worker side, whose evaluator checks for that
  // between steps: a page being read (a decompression bomb inflating) ends there. Its pending
  // calls then never settle, so the abort also rejects this call itself.
  let stop = () => {};
  const aborted = new Promise<never>((_, reject) => {
    stop = () => {
      reject(signal?.reason);
      void loadingTask.destroy();
    };
  });
  aborted.catch(() => {});
  signal?.addEventListener('abort', stop, { once: true });
  try {
    let doc: PDFDocumentProxy;
    try {
      doc = await (signal ? Promise.race([loadingTask.promise, aborted]) : loadingTask.promise);
    } catch (err) {
      if (signal?.aborted) throw signal.reason;
      throw classifyLoadError(err, password !== undefined);
    }
    return await (signal ? Promise.race([fn(doc), aborted]) : fn(doc));
  } finally {
    signal?.removeEventListener('abort', stop);
    await loadingTask.destroy();
  }
}

/**
 * Open `bytes` for drawing pages (the review page, src/pdf/render.ts): the same checks and
 * errors as {@link withDocument}, but the document stays open until `destroy()` is called,
 * and fonts are loaded as font faces so text draws as the PDF's own glyphs.
 */
export async function openForRendering(bytes: Uint8Array, options: LoadOptions, overrides: RenderOverrides = {}): Promise<{ doc: PDFDocumentProxy; destroy: () => Promise<void> }> {
  const problem = checkPdfBytes(bytes);
  if (problem) throw new PdfLoadError(problem.code, problem.message);
  const loadingTask = startLoading(bytes, options.password, { disableFontFace: false, ...overrides });
  try {
    const doc = await loadingTask.promise;
    return { doc, destroy: () => loadingTask.destroy() };
  } catch (err) {
    await loadingTask.destroy();
    throw classifyLoadError(err, options.password !== undefined);
  }
}

/**
 * How a rendering document differs from a reading one: OCR (issue #11) draws with glyph paths
 * (`disableFontFace`, as Node has no FontFace) on canvases from its own factory (pdf.js's own
 * Node factory loads @napi-rs/canvas by name, which bulk workers stub out).
 */
export interface RenderOverrides {
  disableFontFace?: boolean;
  /** A pdf.js canvas factory class (`create`, `reset`, `destroy`), constructed once per document. */
  CanvasFactory?: new (options: {
    enableHWA?: boolean;
  }) => unknown;
}

function startLoading(bytes: Uint8Array, password: string | undefined, overrides: RenderOverrides = {}) {
  return pdfjs.getDocument({
    // A plain Uint8Array copy: pdf.js detaches its input and refuses a Node Buffer.
    data: new Uint8Array(bytes),
    password,
    // No script ever runs: pdf.js 6 has no eval path left (the PostScript-function compiler
    // behind CVE-2024-4367 and the `isEvalSupported` switch were removed upstream, commit
    // f6bac014), never executes document JavaScript outside Firefox's sandbox, and XFA is off.
    enableXfa: false,
    fontExtraProperties: true,
    disableFontFace: true,
    useSystemFonts: false,
    verbosity: 0,
    cMapPacked: true,
    ...ASSET_URLS,
    ...overrides,
  });
}

function classifyLoadError(err: unknown, passwordGiven: boolean): TrackerError {
  if (err instanceof TrackerError) return err;
  const name = (err as { name?: string })?.name;
  const message = (err as { message?: string })?.message ?? String(err);
  if (name === 'PasswordException') {
    const wrong = (err as { code?: number }).code === pdfjs.PasswordResponses.INCORRECT_PASSWORD;
    return new PdfPasswordError(wrong || passwordGiven, { cause: err });
  }
  return new PdfLoadError('PDF_CORRUPT', `the PDF is damaged and could not be repaired (${message}); ask for a fresh copy or re-export it`, { cause: err });
}
