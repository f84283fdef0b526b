/**
 * URLs of the files the core needs at run time in the browser, resolved by Vite: pdf.js's
 * worker and data folders (copied to pdfjs/ by web/vite.config.ts) and the report's DejaVu
 * fonts (the same TTFs src/node/fonts.ts reads in Node).
 */
import dejavuRegularUrl from 'dejavu-fonts-ttf/ttf/DejaVuSans.ttf?url';
import dejavuBoldUrl from 'dejavu-fonts-ttf/ttf/DejaVuSans-Bold.ttf?url';
import { configurePdfjsAssets } from '../../src/pdf/load.ts';
import type { ReportFonts } from '../../src/write/report/index.ts';
import { pdfWorkerSrc, startPdfWorker } from './worker.ts';

let configured = false;
/** Point pdf.js at its worker and data folders, and start the worker; later calls do nothing. */
export function configureAssets(): void {
  if (configured) return;
  configured = true;
  const base = new URL('./pdfjs/', document.baseURI).href;
  configurePdfjsAssets({
    workerSrc: pdfWorkerSrc(),
    // Started early by main.ts when it knows a PDF will be shown (web/src/worker.ts); every
    // document opened after reuses it.
    workerPort: startPdfWorker(),
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
