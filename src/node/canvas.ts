/**
 * The real @napi-rs/canvas for OCR runs (issue #11), also inside bulk workers where
 * no-canvas.ts stubs it out for pdf.js. Loaded by its file path (the stub's resolve hook
 * matches only the bare name), and pdf.js's render-time globals (DOMMatrix, Path2D), which
 * it polyfilled from the stub at import, are replaced by the real ones. Extraction without
 * OCR never calls this, so its start-up time and memory stay as they were.
 */
import { createRequire } from 'node:module';
import path from 'node:path';

/** The parts of @napi-rs/canvas OCR uses. */
export interface NodeCanvasModule {
  createCanvas(width: number, height: number): { width: number; height: number; getContext(kind: '2d', options?: object): unknown };
  DOMMatrix: unknown;
  Path2D: unknown;
}

let loaded: NodeCanvasModule | null = null;

/** Load the native canvas binding (once per thread) and make pdf.js's globals real. */
export function loadRealCanvas(): NodeCanvasModule {
  if (loaded) return loaded;
  // Resolved from pdfjs-dist, whose (optional) dependency it is.
  const fromPdfjs = createRequire(import.meta.resolve('pdfjs-dist/package.json'));
  const dir = path.dirname(fromPdfjs.resolve('@napi-rs/canvas/package.json'));
  const real = createRequire(import.meta.url)(dir) as NodeCanvasModule;
  const g = globalThis as Record<string, unknown>;
  for (const name of ['DOMMatrix', 'Path2D'] as const) {
    const current = g[name] as { impactTrackerStub?: boolean } | undefined;
    if (!current || current.impactTrackerStub) g[name] = real[name];
  }
  loaded = real;
  return real;
}
