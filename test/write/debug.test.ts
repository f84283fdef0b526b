/**
 * The debug overlay is tested by reading it back (DESIGN.md "Tests"): pdf-lib for structure,
 * our own reader (src/pdf/read.ts, pdf.js) for the text on the page as read, and pdf.js's
 * operator list for the strokes. On real fixtures — a ruled landscape grid, a whitespace table on
 * a page read under a rotation, a page break flagged PAGE_BREAK, a separate RAG column, hidden
 * text, long council ids with narrow margins, a dense page of flagged rows — it checks issue #14's
 * labels (≥ 7 pt, never over the page's text nor over each other, each in its cell or beside the
 * table), each record's RAG note beside its Progress cell, issue #7's review flags on the page
 * and in the summary, and the summary page after the input's pages.
 */
import { describe, it, expect, beforeAll } from 'vitest';
import path from 'node:path';
import { PDFDocument, PDFContentStream, concatTransformationMatrix, degrees, popGraphicsState, pushGraphicsState } from 'pdf-lib';
import * as pdfjs from 'pdfjs-dist/legacy/build/pdf.mjs';
import { extractTracker, type ExtractResult } from '../../src/pipeline.ts';
import { readPdf } from '../../src/pdf/read.ts';
import { renderDebugOverlay, writeDebugOverlay, asciiOnly, type DebugOverlay } from '../../src/write/debug.ts';
import { ragText, reviewCodes } from '../../src/write/debug/summary.ts';
import { WriteError } from '../../src/errors.ts';
import type { BBox, Page, TextItem } from '../../src/types.ts';
import type { TrackerRecord } from '../../src/schema.ts';
import { loadDictionary } from '../../src/node/dictionary.ts';
import { FIXTURES, readBytes } from '../helpers/fixtures.ts';

/** Hex colours of the stroke-colour operators on page `n` (pdf.js turns every colour space into "#rrggbb"). */
async function strokeColours(bytes: Uint8Array, n: number): Promise<string[]> {
  // getDocument detaches the buffer it is given: pass a copy.
  const loadingTask = pdfjs.getDocument({ data: bytes.slice() });
  try {
    const page = await (await loadingTask.promise).getPage(n);
    const ops = await page.getOperatorList();
    const out = ops.fnArray.flatMap((op, k) => (op === pdfjs.OPS.setStrokeRGBColor ? [String(ops.argsArray[k][0]).toLowerCase()] : []));
    page.cleanup();
    return out;
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

const hits = (a: BBox, b: BBox) => a.x0 < b.x1 && a.x1 > b.x0 && a.top < b.bottom && a.bottom > b.top;
const near = (a: TextItem, b: TextItem) => a.text === b.text && Math.abs(a.bbox.x0 - b.bbox.x0) < 0.05 && Math.abs(a.bbox.top - b.bbox.top) < 0.05;
const KINDS = [
  ['recommendation', 'rec'],
  ['response', 'resp'],
  ['progress', 'prog'],
] as const;
const squash = (s: string) => asciiOnly(s).replace(/\s+/g, ' ').trim();

/** The text the overlay added to a page: items with no twin (same text, same place) on the input's page. */
function added(source: Page, overlay: Page): TextItem[] {
  return overlay.items.filter((o) => !source.items.some((s) => near(s, o)));
}

/** A record's cell boxes on page n, by short kind. */
function cellsOn(r: TrackerRecord, n: number): Array<{ kind: string; bbox: BBox }> {
  return KINDS.flatMap(([field, kind]) => (r.cells?.[field] ?? []).filter((c) => c.page === n).map((c) => ({ kind, bbox: c.bbox })));
}

/**
 * Issue #14 and #7 on every input page of one overlay: the input's text unmoved; added text
 * ≥ 7 pt, over none of the input's text nor over other added text; every record cell labelled
 * "#id kind" inside the cell or beside the table; the RAG note right of the record's first
 * Progress cell; "#id check: CODES" on each page a flagged record is on; the page's warnings.
 */
function expectReadablePages(result: ExtractResult, source: Page[], overlay: Page[]): void {
  const { records, warnings } = result.document;
  const summaryPage = source.length + 1;
  for (const src of source) {
    const n = src.pageNumber;
    const out = overlay[n - 1]!;
    const where = `page ${n}`;
    expect(out.width, where).toBeGreaterThanOrEqual(src.width - 0.01);
    expect(out.height, where).toBeCloseTo(src.height, 2);
    for (const it of src.items)
      expect(
        out.items.some((o) => near(it, o)),
        `${where}: "${it.text}" kept in place`,
      ).toBe(true);

    const labels = added(src, out);
    for (const l of labels) expect(l.fontSize, `${where}: "${l.text}" size`).toBeGreaterThanOrEqual(7);
    for (const l of labels) for (const s of src.items) expect(hits(l.bbox, s.bbox), `${where}: "${l.text}" covers "${s.text}"`).toBe(false);
    for (const [i, a] of labels.entries()) for (const b of labels.slice(i + 1)) expect(hits(a.bbox, b.bbox), `${where}: "${a.text}" overlaps "${b.text}"`).toBe(false);

    const parts = result.tables.flatMap((t) => t.parts).filter((p) => p.pageNumber === n);
    for (const r of records) {
      const cells = cellsOn(r, n);
      for (const c of cells) {
        const found = labels.filter((l) => l.text === asciiOnly(`#${r.id} ${c.kind}`));
        expect(found.length, `${where}: label #${r.id} ${c.kind}`).toBeGreaterThan(0);
        const inCell = (l: TextItem) => l.bbox.x0 >= c.bbox.x0 && l.bbox.x1 <= c.bbox.x1 && l.bbox.top >= c.bbox.top && l.bbox.bottom <= c.bbox.bottom;
        const beside = (l: TextItem) => parts.every((p) => l.bbox.x0 >= p.bbox.x1 || l.bbox.x1 <= p.bbox.x0);
        expect(
          found.some((l) => inCell(l) || beside(l)),
          `${where}: #${r.id} ${c.kind} in its cell or beside the table`,
        ).toBe(true);
      }
      const firstProg = r.cells?.progress[0];
      if (firstProg?.page === n) {
        const note = labels.find((l) => l.text === `#${r.id} ${ragText(r)}`);
        expect(note, `${where}: RAG note of #${r.id}`).toBeDefined();
        expect(note!.bbox.x0, `${where}: RAG note of #${r.id} right of its Progress cell`).toBeGreaterThanOrEqual(firstProg.bbox.x1);
      }
      if (r.review.length && cells.length) {
        const check = labels.find((l) => l.text.startsWith(asciiOnly(`#${r.id} check: ${reviewCodes(r)[0]}`)));
        expect(check, `${where}: check note of #${r.id}`).toBeDefined();
      }
    }
    if (warnings.some((w) => w.page === n)) expect(labels.map((l) => l.text)).toContain(`Page ${n} warnings (page ${summaryPage}):`);
  }
}

const CASES = [
  { name: 'ruled grid, landscape (LibreOffice)', file: 'online-crime-tracker.pdf', flagged: false },
  { name: 'whitespace table read under a rotation', file: 'air-quality-whitespace.libreoffice-letter-l.rotated.pdf', flagged: true },
  { name: 'PAGE_BREAK across pages, two tables', file: 'flood-resilience-two-tables.lo-a4-nolabels.pdf', flagged: true },
  { name: 'separate RAG column (LaTeX)', file: 'rough-sleeping-rag-column.latex-a4.pdf', flagged: false, ragColumn: true },
  { name: 'hidden text (HIDDEN_TEXT)', file: 'white-on-white-text.raw-a4.pdf', flagged: true },
  { name: 'council ids, RAG column, narrow margins (Chromium)', file: 'hard/council-executive-brag.chromium-a4l.pdf', flagged: true, ragColumn: true },
  { name: 'dense page, every row flagged', file: 'youth-services-no-labels-whitespace.chromium-letter-p.pdf', flagged: true },
];

describe.each(CASES)('debug overlay: $name', ({ file, flagged, ragColumn }) => {
  let input: Uint8Array;
  let result: ExtractResult;
  let overlay: DebugOverlay;
  let source: Page[];
  let read: Page[];

  beforeAll(async () => {
    input = readBytes(path.join(FIXTURES, file));
    // As `extract` reads them: with the word list that undoes LaTeX's hyphenation.
    result = await extractTracker(input, { dictionary: loadDictionary });
    overlay = await renderDebugOverlay(input, result.pages, result.tables, result.document);
    source = (await readPdf(input)).pages;
    read = (await readPdf(overlay.pdf)).pages;
  });

  it("has the input's pages, then one summary page", async () => {
    const out = await PDFDocument.load(overlay.pdf, { updateMetadata: false });
    expect(overlay.images).toBe('original');
    expect(overlay.warnings).toEqual([]);
    expect(overlay.summaryPages).toBe(1);
    expect(out.getPageCount()).toBe(result.document.source.pages + 1);
    expect(read).toHaveLength(source.length + 1);
    expect(result.document.records.some((r) => r.review.length > 0)).toBe(flagged);
  });

  it('labels are 7.5 pt, cover no text and no other label, and name every cell, RAG status and check', () => {
    expectReadablePages(result, source, read.slice(0, source.length));
  });

  it('outlines the cells of records to check in yellow and black, and only those', async () => {
    for (const page of source) {
      const n = page.pageNumber;
      const marked = result.document.records.some((r) => r.review.length > 0 && cellsOn(r, n).length > 0);
      const yellow = (await strokeColours(overlay.pdf, n)).filter((c) => c === '#ffe119').length;
      if (marked) expect(yellow, `page ${n}`).toBeGreaterThanOrEqual(4);
      else expect(yellow, `page ${n}`).toBe(0);
    }
  });

  it.runIf(ragColumn)("boxes and labels the RAG column's cells", () => {
    const ragLabels = read.slice(0, source.length).flatMap((p) => p.items.filter((i) => / rag$/.test(i.text)).map((i) => i.text));
    for (const r of result.document.records) expect(ragLabels, `#${r.id} rag`).toContain(asciiOnly(`#${r.id} rag`));
  });

  it('lists every record to check, its messages and every warning on the summary page', () => {
    const summary = read[source.length]!;
    const text = squash(summary.items.map((i) => i.text).join(' '));
    const { records, warnings } = result.document;
    const toCheck = records.filter((r) => r.review.length);
    expect(text).toContain('impact-tracker debug overlay');
    expect(text).toContain('Legend');
    expect(text).toContain(`Records to check: ${toCheck.length} of ${records.length}`);
    for (const r of toCheck) {
      expect(text).toContain(squash(`#${r.id}`));
      for (const v of r.review) expect(text).toContain(squash(`${v.code}${v.field ? ` (${v.field})` : ''}: ${v.message}`));
    }
    expect(text).toContain(`Warnings: ${warnings.length}`);
    for (const w of warnings) expect(text).toContain(squash(`${w.code}: ${w.message}`));
  });

  it('is deterministic and leaves the input bytes alone', async () => {
    const copy = input.slice();
    const again = await writeDebugOverlay(input, result.pages, result.tables, result.document);
    expect(Buffer.from(again).equals(Buffer.from(overlay.pdf))).toBe(true);
    expect(Buffer.from(input).equals(Buffer.from(copy))).toBe(true);
  });
});

describe('debug overlay: coordinates on a turned page with an offset MediaBox', () => {
  it('labels land on the cells under /Rotate 90 with MediaBox [100 -50 …], and the page is widened without moving its content', async () => {
    const seed = readBytes(path.join(FIXTURES, 'online-crime-tracker.pdf'));
    const turned = await turnedSeed(seed);
    const plain = await extractTracker(seed);
    const result = await extractTracker(turned);
    const page1 = result.pages[0]!;
    expect(page1.rotation).toBe(90);
    expect(page1.toUserSpace[4]).toBeCloseTo(100, 3);
    // The extractor sees the same cells on the turned page as on the plain one.
    expect(result.document.records[0]!.cells).toEqual(plain.document.records[0]!.cells);

    const overlay = await writeDebugOverlay(turned, result.pages, result.tables, result.document);
    const source = (await readPdf(turned)).pages;
    const read = (await readPdf(overlay)).pages;
    expect(read[0]!.rotation).toBe(90);
    expectReadablePages(result, source, read.slice(0, source.length));
    // The same labels in the same places as on the plain seed's overlay.
    const plainRead = (await readPdf(await writeDebugOverlay(seed, plain.pages, plain.tables, plain.document))).pages;
    const labels = (pages: Page[]) =>
      added(source[0]!, pages[0]!)
        .filter((i) => i.text.startsWith('#'))
        .map((i) => [i.text, i.bbox.x0.toFixed(1), i.bbox.top.toFixed(1)]);
    expect(labels(read)).toEqual(labels(plainRead));
  });
});

describe('debug overlay: a long list of records to check', () => {
  it("flows onto as many summary pages as it needs, all after the input's pages", async () => {
    const input = readBytes(path.join(FIXTURES, 'online-crime-tracker.pdf'));
    const result = await extractTracker(input);
    const message = 'rows on both sides of the page break were joined because the sentence goes on; check where this record ends and the next begins. '.repeat(3);
    const records = result.document.records.map((r) => ({
      ...r,
      review: Array.from({ length: 6 }, () => ({ code: 'PAGE_BREAK' as const, message: `record ${r.id}: ${message}` })),
    }));
    const overlay = await renderDebugOverlay(input, result.pages, result.tables, { ...result.document, records });
    expect(overlay.summaryPages).toBeGreaterThan(1);
    const read = (await readPdf(overlay.pdf)).pages;
    expect(read).toHaveLength(result.pages.length + overlay.summaryPages);
    const summary = read.slice(result.pages.length);
    for (const [k, p] of summary.entries())
      expect(p.items.map((i) => i.text)).toContain(`impact-tracker debug overlay - summary, page ${result.pages.length + 1 + k} (${k + 1} of ${overlay.summaryPages})`);
    const text = squash(summary.flatMap((p) => p.items.map((i) => i.text)).join(' '));
    for (const r of records) expect(text).toContain(squash(`PAGE_BREAK: record ${r.id}: ${message}`));
  });
});

describe('debug overlay: encrypted input', () => {
  let plainText: string[];
  beforeAll(async () => {
    plainText = (await readPdf(readBytes(path.join(FIXTURES, 'online-crime-tracker.pdf')))).pages[0]!.items.map((i) => i.text);
  });

  it('is decrypted with the password and drawn on its own pages (issue #14)', async () => {
    const input = readBytes(path.join(FIXTURES, 'bad/encrypted-user.pdf'));
    const result = await extractTracker(input, { password: 'secret' });
    const overlay = await renderDebugOverlay(input, result.pages, result.tables, result.document, { password: 'secret' });
    expect(overlay.images).toBe('decrypted');
    expect(overlay.warnings).toEqual([]);
    const out = await PDFDocument.load(overlay.pdf, { updateMetadata: false });
    expect(out.isEncrypted).toBe(false);
    expect(out.getPageCount()).toBe(result.pages.length + 1);
    const read = (await readPdf(overlay.pdf)).pages;
    const strs = read[0]!.items.map((i) => i.text);
    for (const t of plainText) expect(strs).toContain(t);
    expect(strs).toContain('#1 rec');
    expect(squash(read[result.pages.length]!.items.map((i) => i.text).join(' '))).toContain(
      'The input is encrypted: it was decrypted with the password given. This overlay is not encrypted',
    );
    const again = await writeDebugOverlay(input, result.pages, result.tables, result.document, { password: 'secret' });
    expect(Buffer.from(again).equals(Buffer.from(overlay.pdf))).toBe(true);
  });

  it('an owner-password-only file is decrypted without a password', async () => {
    const input = readBytes(path.join(FIXTURES, 'bad/encrypted-owner-only.pdf'));
    const result = await extractTracker(input);
    const overlay = await renderDebugOverlay(input, result.pages, result.tables, result.document);
    expect(overlay.images).toBe('decrypted');
    const strs = (await readPdf(overlay.pdf)).pages[0]!.items.map((i) => i.text);
    for (const t of plainText) expect(strs).toContain(t);
  });

  it('without the password: blank pages with the text in grey, and every page, the summary and a warning say why', async () => {
    const input = readBytes(path.join(FIXTURES, 'bad/encrypted-user.pdf'));
    const result = await extractTracker(input, { password: 'secret' });
    const overlay = await renderDebugOverlay(input, result.pages, result.tables, result.document);
    expect(overlay.images).toBe('blank');
    expect(overlay.warnings).toHaveLength(1);
    expect(overlay.warnings[0]!.code).toBe('REPORT_FAILED');
    expect(overlay.warnings[0]!.message).toMatch(/^the debug overlay has no page images: the input is encrypted and no password was given/);
    const out = await PDFDocument.load(overlay.pdf, { updateMetadata: false });
    expect(out.isEncrypted).toBe(false);
    expect(out.getPageCount()).toBe(result.pages.length + 1);
    expect(out.getPage(0).getHeight()).toBeCloseTo(result.pages[0]!.height, 3);
    expect(out.getCreationDate()?.toISOString()).toBe('2000-01-01T00:00:00.000Z');
    const read = (await readPdf(overlay.pdf)).pages;
    for (const p of read.slice(0, result.pages.length)) expect(p.items.map((i) => i.text)).toContain('No page image: the input is encrypted and no password');
    const strs = read[0]!.items.map((i) => i.text);
    expect(strs).toContain('#1 rec');
    expect(strs).toContain('Online crime: impact tracker'); // the grey ghost text
    expect(squash(read[result.pages.length]!.items.map((i) => i.text).join(' '))).toContain('No page images: the input is encrypted and no password was given');
    const again = await writeDebugOverlay(input, result.pages, result.tables, result.document);
    expect(Buffer.from(again).equals(Buffer.from(overlay.pdf))).toBe(true);
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
