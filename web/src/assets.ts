/**
 * URLs of the files the core needs at run time in the browser, resolved by Vite: pdf.js's
 * worker and data folders (copied to pdfjs/ by web/vite.config.ts) and the report's DejaVu
 * fonts (the same TTFs src/node/fonts.ts reads in Node).
 */
import workerUrl from 'pdfjs-dist/legacy/build/pdf.worker.min.mjs?url';
import dejavuRegularUrl from 'dejavu-fonts-ttf/ttf/DejaVuSans.ttf?url';
import dejavuBoldUrl from 'dejavu-fonts-ttf/ttf/DejaVuSans-Bold.ttf?url';
import { configurePdfjsAssets } from '../../src/pdf/load.ts';
import type { ReportFonts } from '../../src/write/report.ts';

/** Point pdf.js at its worker and data folders; call once at start. */
export function configureAssets(): void {
  const base = new URL('./pdfjs/', document.baseURI).href;
  const workerSrc = new URL(workerUrl, document.baseURI).href;
  configurePdfjsAssets({
    workerSrc,
    // Start pdf.js's worker now, while the page fetches the document and the PDF: it is the
    // slowest thing to load (1.3 MB of script). Every document opened after reuses it.
    workerPort: new Worker(workerSrc, { type: 'module' }),
    standardFontDataUrl: `${base}standard_fonts/`,
    cMapUrl: `${base}cmaps/`,
    wasmUrl: `${base}wasm/`,
    iccUrl: `${base}iccs/`,
  });
}

let fonts: Promise<ReportFonts> | null = null;
/** DejaVu Sans regular and bold for the report, fetched once. */
export function loadReportFonts(): Promise<ReportFonts> {
  const get = async (url: string) => {
    const res = await fetch(url);
    if (!res.ok) throw new Error(`could not load the report font ${url} (HTTP ${res.status})`);
    return new Uint8Array(await res.arrayBuffer());
  };
  fonts ??= Promise.all([get(dejavuRegularUrl), get(dejavuBoldUrl)]).then(([regular, bold]) => ({ regular, bold }));
  fonts.catch(() => (fonts = null));
  return fonts;
}
