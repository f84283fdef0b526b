/**
 * The debug overlay is tested by reading it back (DESIGN.md "Tests"): pdf-lib for structure,
 * pdf.js for the text and the operator list, and the position of the "#1 rec" label (as pdf.js
 * reads it on the page as read) against record 1's cell box — which checks the mapping through
 * `Page.toUserSpace`, including a page with /Rotate 90 and a MediaBox not at the origin.
 */
import { describe, it, expect, beforeAll } from 'vitest';
import path from 'node:path';
import {
  PDFDocument,
  PDFContentStream,
  concatTransformationMatrix,
  degrees,
  popGraphicsState,
  pushGraphicsState,
} from 'pdf-lib';
import * as pdfjs from 'pdfjs-dist/legacy/build/pdf.mjs';
import { extractTracker, type ExtractResult } from '../../src/pipeline.ts';
import { writeDebugOverlay, asciiOnly } from '../../src/write/debug.ts';
import { WriteError } from '../../src/errors.ts';
import { FIXTURES, readBytes } from '../helpers/fixtures.ts';

type Matrix = [number, number, number, number, number, number];

interface PageReadBack {
  items: Array<{ str: string; x: number; baseline: number }>;
  constructPaths: number;
}

/**
 * Page `n` read back with pdf.js: text items with their origin on the page as read (under
 * `rotation`, as our reader chose it) and the number of constructPath operators.
 */
async function readPage(bytes: Uint8Array, n: number, rotation?: number): Promise<PageReadBack> {
  // getDocument detaches the buffer it is given: pass a copy.
  const loadingTask = pdfjs.getDocument({ data: bytes.slice() });
  try {
    const doc = await loadingTask.promise;
    const page = await doc.getPage(n);
    // Operator list before anything else: rendering rewrites path args in place (DESIGN.md).
    const ops = await page.getOperatorList();
    const constructPaths = ops.fnArray.filter((op) => op === pdfjs.OPS.constructPath).length;
    const view = page.getViewport({ scale: 1, rotation: rotation ?? page.rotate }).transform as Matrix;
    const content = await page.getTextContent();
    const items = content.items
      .filter((it): it is Extract<typeof it, { str: string }> => 'str' in it && it.str.trim() !== '')
      .map((it) => {
        const m = pdfjs.Util.transform(view, it.transform) as Matrix;
        return { str: it.str, x: m[4], baseline: m[5] };
      });
    page.cleanup();
    return { items, constructPaths };
  } finally {
    await loadingTask.destroy();
  }
}

/**
 * The seed's first two pages turned the hard way: content drawn rotated 90° counter-clockwise,
 * /Rotate 90 to show it upright again, and the MediaBox moved off the origin. Our reader reads
 * the page upright under rotation 90, so `toUserSpace` has no zero-offset identity part left.
 * (pdf-lib-made: no producer we have writes this shape; scanners and imposition tools do.)
 */
async function turnedSeed(seed: Uint8Array): Promise<Uint8Array> {
  const pdf = await PDFDocument.load(seed, { updateMetadata: false });
  const [ox, oy] = [100, -50];
  for (const page of pdf.getPages().slice(0, 2)) {
    const { width, height } = page.getSize();
    const ctx = pdf.context;
    const start = ctx.register(PDFContentStream.of(ctx.obj({}), [pushGraphicsState(), concatTransformationMatrix(0, 1, -1, 0, ox + height, oy)]));
    const end = ctx.register(PDFContentStream.of(ctx.obj({}), [popGraphicsState()]));
    page.node.normalize();
    page.node.wrapContentStreams(start, end);
    page.setMediaBox(ox, oy, height, width);
    page.setCropBox(ox, oy, height, width);
    page.setRotation(degrees(90));
  }
  return pdf.save({ useObjectStreams: false });
}

/**
 * A label sits inside its cell, at the top-left corner (backing at x0 + 1, top + 1; text 0.75 /
 * 0.5 further in; baseline 0.78 × 5 pt below the text's top) or, when text is there, with its
 * backing's bottom-right corner 1 pt inside the cell's.
 */
function expectLabelOn(label: { x: number; baseline: number }, b: { x0: number; top: number; x1: number; bottom: number }): void {
  expect(label.x).toBeGreaterThanOrEqual(b.x0);
  expect(label.x).toBeLessThan(b.x1);
  const topLeft = Math.abs(label.x - (b.x0 + 1.75)) < 0.05 && Math.abs(label.baseline - (b.top + 1.5 + 5 * 0.78)) < 0.05;
  const bottomRight = Math.abs(label.baseline - (b.bottom - 1 - 6 + 0.5 + 5 * 0.78)) < 0.05;
  expect(topLeft || bottomRight, `label at (${label.x}, ${label.baseline}) in ${JSON.stringify(b)}`).toBe(true);
}

const CASES = [
  { name: 'online-crime-tracker', file: 'online-crime-tracker.pdf' },
  { name: 'rotated air-quality (page 1 /Rotate 90)', file: 'air-quality-whitespace.libreoffice-letter-l.rotated.pdf' },
] as const;

describe.each(CASES)('writeDebugOverlay: $name', ({ file }) => {
  let input: Uint8Array;
  let result: ExtractResult;
  let overlay: Uint8Array;

  beforeAll(async () => {
    input = readBytes(path.join(FIXTURES, file));
    result = await extractTracker(input);
    overlay = await writeDebugOverlay(input, result.pages, result.tables, result.document);
  });

  it('loads in pdf-lib with the same page count as the input', async () => {
    const out = await PDFDocument.load(overlay, { updateMetadata: false });
    expect(out.getPageCount()).toBe(result.pages.length);
    expect(out.getPageCount()).toBe(result.document.source.pages);
  });

  it('keeps the original text of page 1 and adds record labels', async () => {
    const before = await readPage(input, 1);
    const after = await readPage(overlay, 1);
    const strs = after.items.map((i) => i.str);
    for (const it of before.items) expect(strs).toContain(it.str);
    const onPage1 = result.document.records.filter((r) => r.cells?.recommendation.some((c) => c.page === 1));
    expect(onPage1.length).toBeGreaterThan(0);
    for (const r of onPage1) expect(strs).toContain(`#${r.id} rec`);
    expect(strs).toContain('#1 resp');
    expect(strs).toContain('#1 prog');
  });

  it('draws paths over page 1', async () => {
    const before = await readPage(input, 1);
    const after = await readPage(overlay, 1);
    // At least the table box's 4 edges, the header's 4 and 3 × 4 per record cell on the page.
    expect(after.constructPaths).toBeGreaterThan(before.constructPaths + 20);
  });

  it('puts the "#1 rec" label in a corner of record 1\'s cell, on the page as read', async () => {
    const page1 = result.pages[0];
    const cell = result.document.records[0].cells!.recommendation.find((c) => c.page === 1)!;
    const after = await readPage(overlay, 1, page1.rotation);
    const label = after.items.find((i) => i.str === '#1 rec')!;
    expect(label).toBeDefined();
    expectLabelOn(label, cell.bbox);
  });

  it('is deterministic and leaves the input bytes alone', async () => {
    const copy = input.slice();
    const again = await writeDebugOverlay(input, result.pages, result.tables, result.document);
    expect(Buffer.from(again).equals(Buffer.from(overlay))).toBe(true);
    expect(Buffer.from(input).equals(Buffer.from(copy))).toBe(true);
  });
});

describe('writeDebugOverlay: coordinates on a turned page with an offset MediaBox', () => {
  it('labels land on the cells under /Rotate 90 with MediaBox [100 -50 …]', async () => {
    const seed = readBytes(path.join(FIXTURES, 'online-crime-tracker.pdf'));
    const turned = await turnedSeed(seed);
    const plain = await extractTracker(seed);
    const result = await extractTracker(turned);
    const page1 = result.pages[0];
    expect(page1.rotation).toBe(90);
    expect(page1.toUserSpace[4]).toBeCloseTo(100, 3);
    // The extractor sees the same cells on the turned page as on the plain one.
    expect(result.document.records[0].cells).toEqual(plain.document.records[0].cells);

    const overlay = await writeDebugOverlay(turned, result.pages, result.tables, result.document);
    const after = await readPage(overlay, 1, page1.rotation);
    for (const r of result.document.records.filter((rec) => rec.pages.includes(1))) {
      for (const [field, short] of [['recommendation', 'rec'], ['response', 'resp'], ['progress', 'prog']] as const) {
        const cell = r.cells![field].find((c) => c.page === 1)!;
        const label = after.items.find((i) => i.str === `#${r.id} ${short}`);
        expect(label, `#${r.id} ${short}`).toBeDefined();
        expectLabelOn(label!, cell.bbox);
      }
    }
  });
});

describe('writeDebugOverlay: encrypted input', () => {
  it('draws the overlay on blank pages with a note (pdf-lib cannot rewrite encrypted PDFs)', async () => {
    const input = readBytes(path.join(FIXTURES, 'bad/encrypted-user.pdf'));
    const result = await extractTracker(input, { password: 'secret' });
    const overlay = await writeDebugOverlay(input, result.pages, result.tables, result.document, { password: 'secret' });
    const out = await PDFDocument.load(overlay, { updateMetadata: false });
    expect(out.isEncrypted).toBe(false);
    expect(out.getPageCount()).toBe(result.pages.length);
    const [w, h] = [out.getPage(0).getWidth(), out.getPage(0).getHeight()];
    expect(w).toBeCloseTo(result.pages[0].width, 3);
    expect(h).toBeCloseTo(result.pages[0].height, 3);
    expect(out.getCreationDate()?.toISOString()).toBe('2000-01-01T00:00:00.000Z');
    const strs = (await readPage(overlay, 1)).items.map((i) => i.str);
    expect(strs).toContain('input is encrypted: overlay drawn on blank pages');
    expect(strs).toContain('#1 rec');
    const again = await writeDebugOverlay(input, result.pages, result.tables, result.document);
    expect(Buffer.from(again).equals(Buffer.from(overlay))).toBe(true);
  });
});

describe('writeDebugOverlay: errors', () => {
  let seed: Uint8Array;
  let result: ExtractResult;
  beforeAll(async () => {
    seed = readBytes(path.join(FIXTURES, 'online-crime-tracker.pdf'));
    result = await extractTracker(seed);
  });

  it('rejects empty bytes with WRITE_FAILED', async () => {
    const err = await writeDebugOverlay(new Uint8Array(), result.pages, result.tables, result.document).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(WriteError);
    expect((err as WriteError).code).toBe('WRITE_FAILED');
    expect((err as WriteError).message).toContain('pass the same bytes that were given to extractTracker');
  });

  it('rejects geometry for pages that were not given', async () => {
    const err = await writeDebugOverlay(seed, result.pages.slice(0, 1), result.tables, result.document).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(WriteError);
    expect((err as WriteError).code).toBe('WRITE_FAILED');
    expect((err as WriteError).message).toMatch(/refer to page 2.*no such page was given/);
  });
});

describe('asciiOnly', () => {
  it('keeps labels drawable in Helvetica', () => {
    expect(asciiOnly('#1a rec')).toBe('#1a rec');
    expect(asciiOnly('Café “flow” – Łódź ✓')).toBe('Cafe "flow" - ?odz ?');
  });
});
