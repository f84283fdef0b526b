/**
 * What OCR needs from its host (issue #11): a canvas for pdf.js to draw a page on, and a
 * recogniser that turns a greyscale image into words with boxes and confidences. The core
 * never loads either: Node fills them in (src/node/ocr.ts: @napi-rs/canvas and tesseract.js
 * with the English model of @tesseract.js-data/eng); a browser page could pass an
 * OffscreenCanvas and tesseract.js's browser build. So src/ stays free of Node-only modules.
 */

/** A canvas pdf.js can draw on (HTMLCanvasElement, OffscreenCanvas, @napi-rs/canvas). */
export interface OcrCanvas {
  width: number;
  height: number;
  getContext(kind: '2d', options?: { alpha?: boolean; willReadFrequently?: boolean }): unknown;
}

/** A greyscale image: one byte per pixel (0 black … 255 white), rows top to bottom. */
export interface GreyImage {
  width: number;
  height: number;
  data: Uint8Array;
  /** Pixels per inch the image was rendered at (recognisers size their models by it). */
  dpi: number;
}

/** A box in image pixels, top-left origin. */
export interface PixelBox {
  x0: number;
  y0: number;
  x1: number;
  y1: number;
}

/** One recognised word. */
export interface RecognizedWord {
  text: string;
  bbox: PixelBox;
  /** The recogniser's confidence, 0–1. */
  confidence: number;
}

/** One recognised text line: its words left to right, its baseline and its row height. */
export interface RecognizedLine {
  words: RecognizedWord[];
  bbox: PixelBox;
  /** The baseline from its left end to its right end (pixels); null when the recogniser gave none. */
  baseline: { x0: number; y0: number; x1: number; y1: number } | null;
  /** Ascender top to descender bottom of the line's font (pixels); 0 when unknown. */
  rowHeight: number;
}

/** The host's OCR services for one document. */
export interface OcrEngine {
  /** A canvas of `width` × `height` pixels for pdf.js to render a page into. */
  createCanvas(width: number, height: number): OcrCanvas;
  /** Recognise the text of a greyscale page image, in reading order of lines. */
  recognize(image: GreyImage): Promise<RecognizedLine[]>;
  /** Called once when the document is done (the host may free or keep its recogniser). */
  release?(): Promise<void> | void;
}

/** Loads the engine when a page needs OCR (like `dictionary`, so nothing loads when none does). */
export type OcrEngineLoader = () => Promise<OcrEngine>;
