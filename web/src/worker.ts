/**
 * pdf.js's worker, started as early as the page knows it will show a PDF: loading its 1.3 MB
 * of script is the longest step before a page can be drawn, so it runs while the page fetches
 * the records and the PDF. This module holds only the worker's URL, not pdf.js.
 */
// The modern build, matching the main-thread alias in web/vite.config.ts.
import workerUrl from 'pdfjs-dist/build/pdf.worker.min.mjs?url';

let worker: Worker | null = null;

/** The worker script's absolute URL. */
export const pdfWorkerSrc = () => new URL(workerUrl, document.baseURI).href;

/** Start the worker now (once); returns it. */
export function startPdfWorker(): Worker {
  worker ??= new Worker(pdfWorkerSrc(), { type: 'module' });
  return worker;
}
