/**
 * The OCR engine for Node (issue #11): pages drawn by pdf.js on @napi-rs/canvas, words
 * recognised by tesseract.js (Tesseract 5 compiled to WebAssembly) with the English LSTM model
 * shipped in the npm package @tesseract.js-data/eng (4.0.0_best_int). Nothing is downloaded:
 * the model is read from node_modules, the WebAssembly core comes with tesseract.js-core, and
 * no cache file is written. Pass `loadOcrEngine` as `ocrEngine` to `extractTracker`.
 *
 * This module imports nothing heavy at load: tesseract.js and the canvas binding load on the
 * first page that needs OCR, so extraction without OCR costs what it did before.
 *
 * One Tesseract worker (a thread of its own, ~1–2 s to start) serves the whole thread. By
 * default it is ended when the last document using it is done, so a script's process can
 * exit; bulk workers call {@link keepOcrEngineWarm} to reuse it from file to file.
 */
import { existsSync } from 'node:fs';
import path from 'node:path';
import type { OcrEngine, RecognizedLine } from '../ocr/engine.ts';
import type { Worker as TesseractWorker, Line as TesseractLine } from 'tesseract.js';
import { loadRealCanvas } from './canvas.ts';

let shared: Promise<TesseractWorker> | null = null;
let users = 0;
let keepWarm = false;

/** Keep the Tesseract worker between documents (bulk worker threads); it ends with the thread. */
export function keepOcrEngineWarm(on = true): void {
  keepWarm = on;
}

/** Where the English model is: the npm package's LSTM-only "best_int" folder (2.9 MB gzipped). */
function modelFolder(): string {
  const pkg = path.dirname(new URL(import.meta.resolve('@tesseract.js-data/eng/package.json')).pathname);
  return path.join(decodeURIComponent(pkg), '4.0.0_best_int');
}

async function startTesseract(): Promise<TesseractWorker> {
  const { createWorker, OEM } = await import('tesseract.js');
  // A local folder as langPath: tesseract.js reads the model from it with fs (its CDN is the
  // default only when no langPath is given); cacheMethod 'none' writes no copy into the cwd.
  const langPath = modelFolder();
  if (!existsSync(path.join(langPath, 'eng.traineddata.gz'))) throw new Error(`the English OCR model is missing from ${langPath}`);
  return createWorker('eng', OEM.LSTM_ONLY, { langPath, cacheMethod: 'none', gzip: true });
}

/** A PGM (P5) file of a greyscale image: the simplest format Tesseract's Leptonica reads. */
function pgm(width: number, height: number, data: Uint8Array): Uint8Array {
  const header = new TextEncoder().encode(`P5\n${width} ${height}\n255\n`);
  const out = new Uint8Array(header.length + data.length);
  out.set(header);
  out.set(data, header.length);
  return out;
}

function toLine(l: TesseractLine): RecognizedLine {
  const b = l.baseline as TesseractLine['baseline'] & { has_baseline?: boolean };
  return {
    words: l.words.map((w) => ({ text: w.text, bbox: { ...w.bbox }, confidence: w.confidence / 100 })),
    bbox: { ...l.bbox },
    baseline: b && b.has_baseline !== false && Number.isFinite(b.y0) ? { x0: b.x0, y0: b.y0, x1: b.x1, y1: b.y1 } : null,
    rowHeight: l.rowAttributes?.rowHeight ?? 0,
  };
}

/**
 * Load the OCR engine (the canvas binding and a Tesseract worker), for `extractTracker`'s
 * `ocrEngine` option.
 * @throws Error when tesseract.js or its model cannot be loaded (the pipeline reports OCR_FAILED).
 */
export async function loadOcrEngine(): Promise<OcrEngine> {
  const canvas = loadRealCanvas();
  users++;
  shared ??= startTesseract();
  let worker: TesseractWorker;
  try {
    worker = await shared;
  } catch (err) {
    shared = null;
    users--;
    throw err;
  }
  const { PSM } = await import('tesseract.js');
  let released = false;
  return {
    createCanvas: (width, height) => canvas.createCanvas(width, height),
    async recognize(image) {
      // Automatic page segmentation (Tesseract's own default, PSM 3): tesseract.js defaults to
      // a single block (PSM 6), which reads a table's columns as one line and garbles lines.
      await worker.setParameters({ user_defined_dpi: String(image.dpi), tessedit_pageseg_mode: PSM.AUTO });
      const result = await worker.recognize(pgm(image.width, image.height, image.data) as unknown as Buffer, {}, { blocks: true, text: false });
      const blocks = result.data.blocks ?? [];
      return blocks.flatMap((b) => b.paragraphs.flatMap((p) => p.lines.map(toLine)));
    },
    async release() {
      if (released) return;
      released = true;
      users--;
      if (users === 0 && !keepWarm) await closeOcrEngine();
    },
  };
}

/** End the Tesseract worker now (a script that used OCR with {@link keepOcrEngineWarm} on). */
export async function closeOcrEngine(): Promise<void> {
  const w = shared;
  shared = null;
  if (w) await (await w).terminate().catch(() => undefined);
}
