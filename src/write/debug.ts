/**
 * The debug overlay: a copy of the input PDF with the geometry the extractor found drawn over
 * every page that holds a table part — table box, header row, column and row boundaries, row
 * segments, each record's cell boxes labelled with its id ("#3 rec"), its RAG status and where it
 * came from ("#3 amber · fill"), and its review flags ("#3 check: PAGE_BREAK", the cells outlined
 * like caution tape) — followed by a summary with the legend, every record to check and every
 * warning. Open it next to the JSON to see *why* a cell got the text it did (pdfplumber's
 * `page.to_image().debug_tablefinder()` and camelot's `plot(kind='grid')` serve the same purpose).
 *
 * Coordinates: every box of the pipeline is in points, top-left origin of the page *as read*
 * (after rotation). `Page.toUserSpace` (the inverse of pdf.js's viewport transform, which
 * already contains the view box origin and the rotation) maps such a point into the unrotated
 * page's user space, where pdf-lib draws. Boxes are drawn as four mapped edges, so a page read
 * under /Rotate 90 gets its boxes on the right cells too (fixture
 * air-quality-whitespace.libreoffice-letter-l.rotated).
 *
 * Labels are 7.5 pt and never cover the page's text (src/write/debug/labels.ts): inside a cell
 * where it has room, else beside the table with a leader line; a page without room on its right
 * is widened there (its MediaBox and CropBox grow; the content stays where it is).
 *
 * pdf-lib draws; @cantoo/pdf-lib (a maintained pdf-lib fork that decrypts) is loaded only for
 * an encrypted input, to decrypt it first. No `node:` import (the core runs in browsers).
 */
import { PDFArray, PDFDict, PDFDocument, PDFName, PDFRef, PDFStream, StandardFonts, LineCapStyle, degrees, rgb, type PDFFont, type PDFPage, type RGB } from 'pdf-lib';
import type { BBox, Page, TextItem } from '../types.ts';
import type { Table, TablePart } from '../layout/table.ts';
import type { CellBox, TrackerDocument, TrackerRecord, Warning } from '../schema.ts';
import { TrackerError, WriteError } from '../errors.ts';
import { unionAll } from '../layout/geometry.ts';
import { LABEL_METRICS, placeLabels, wrapText, type LabelLine, type LabelPlan, type LabelRequest } from './debug/labels.ts';
import { CHECK, LABEL_COLORS, STROKES, type Stroke } from './debug/style.ts';
import { ragText, reviewCodes, summaryEntries, type SummaryEntry, type SummaryFacts } from './debug/summary.ts';

/** The date stamped into the overlay's metadata (determinism: the same input gives the same bytes). */
const FIXED_DATE = new Date('2000-01-01T00:00:00Z');

/** Options of {@link writeDebugOverlay}. */
export interface DebugOptions {
  /**
   * The password the input was opened with: an encrypted input is decrypted with it (or with
   * the empty user password of an owner-password-only file) to draw on its own pages.
   */
  password?: string;
}

/** What {@link renderDebugOverlay} made. */
export interface DebugOverlay {
  /** The overlay PDF: the input's pages (same numbers), then `summaryPages` summary pages. */
  pdf: Uint8Array;
  /** The page images: the input's own pages, a decrypted copy of them, or blank pages with the text in grey. */
  images: 'original' | 'decrypted' | 'blank';
  summaryPages: number;
  /** `REPORT_FAILED` when the overlay has no page images (and why); [] otherwise. */
  warnings: Warning[];
}

type Matrix = readonly [number, number, number, number, number, number];

function hex(h: string): RGB {
  const n = Number.parseInt(h.slice(1), 16);
  return rgb(((n >> 16) & 255) / 255, ((n >> 8) & 255) / 255, (n & 255) / 255);
}

/** Append `value` to the list under `key` (linear: the pages of a 1,000-page tracker fill these maps). */
function push<K, V>(map: Map<K, V[]>, key: K, ...values: V[]): void {
  const list = map.get(key);
  if (list) list.push(...values);
  else map.set(key, [...values]);
}

const CELL_FIELDS = [
  { field: 'recommendation', short: 'rec' },
  { field: 'response', short: 'resp' },
  { field: 'progress', short: 'prog' },
] as const;

type CellKind = 'rec' | 'resp' | 'prog' | 'rag';
const KIND_STROKE: Record<CellKind, Stroke> = { rec: STROKES.recommendation, resp: STROKES.response, prog: STROKES.progress, rag: STROKES.rag };

/** Grey of the text items redrawn on blank pages (encrypted or unreadable input). */
const GHOST = rgb(0.55, 0.55, 0.55);
/** Summary pages: A4 portrait, 50 pt margins (the summary is read on screen or printed alone). */
const SUMMARY = { width: 595.28, height: 841.89, margin: 50, lineGap: 1.3, swatch: 22 } as const;

// ---------------------------------------------------------------------------------------------
// A page to draw on, in the coordinates of the page as read.

interface Canvas {
  page: PDFPage;
  m: Matrix;
  /** User-space units per point as read (1 unless the page has a /UserUnit-like scale). */
  scale: number;
  /** Angle (degrees) of the as-read x axis in user space: text drawn at it reads upright. */
  angle: number;
  font: PDFFont;
  bold: PDFFont;
  /** Code points the standard fonts can encode (WinAnsi). */
  charset: Set<number>;
}

function canvas(page: PDFPage, m: Matrix, fonts: Fonts): Canvas {
  return { page, m, scale: Math.hypot(m[0], m[1]) || 1, angle: (Math.atan2(m[1], m[0]) * 180) / Math.PI, ...fonts };
}

function toUser(cv: Canvas, x: number, y: number): { x: number; y: number } {
  const [a, b, c, d, e, f] = cv.m;
  return { x: a * x + c * y + e, y: b * x + d * y + f };
}

function line(cv: Canvas, x0: number, y0: number, x1: number, y1: number, s: { color: string; width: number; opacity: number; dash?: readonly number[] }): void {
  if (![x0, y0, x1, y1].every(Number.isFinite)) return;
  cv.page.drawLine({
    start: toUser(cv, x0, y0),
    end: toUser(cv, x1, y1),
    thickness: s.width * cv.scale,
    color: hex(s.color),
    opacity: s.opacity,
    lineCap: LineCapStyle.Butt,
    ...(s.dash ? { dashArray: s.dash.map((v) => v * cv.scale) } : {}),
  });
}

function box(cv: Canvas, b: BBox, s: { color: string; width: number; opacity: number; dash?: readonly number[] }): void {
  line(cv, b.x0, b.top, b.x1, b.top, s);
  line(cv, b.x1, b.top, b.x1, b.bottom, s);
  line(cv, b.x1, b.bottom, b.x0, b.bottom, s);
  line(cv, b.x0, b.bottom, b.x0, b.top, s);
}

/** A filled rectangle given by its top-left corner as read (rotated with the page), optionally bordered. */
function fillRect(cv: Canvas, x: number, top: number, w: number, h: number, color: RGB, opacity: number, border?: { color: RGB; width: number }): void {
  // pdf-lib rotates a rectangle about its (x, y) corner, the bottom-left one as read.
  const p = toUser(cv, x, top + h);
  cv.page.drawRectangle({
    x: p.x,
    y: p.y,
    width: w * cv.scale,
    height: h * cv.scale,
    rotate: degrees(cv.angle),
    color,
    opacity,
    ...(border ? { borderColor: border.color, borderWidth: border.width * cv.scale, borderOpacity: 1 } : { borderWidth: 0 }),
  });
}

/** Text whose top-left corner as read is (x, top), upright on the page as read. */
function text(cv: Canvas, s: string, x: number, top: number, size: number, color: RGB, opacity = 1, font = cv.font): void {
  // Helvetica's ascent is 0.718 em: put the baseline so the caps start at `top`.
  const p = toUser(cv, x, top + size * 0.78);
  cv.page.drawText(drawable(cv.charset, s), { x: p.x, y: p.y, size: size * cv.scale, font, color, opacity, rotate: degrees(cv.angle) });
}

/**
 * Make a string drawable with a WinAnsi standard font: decompose accents, keep printable
 * ASCII, "?" for the rest (pdf-lib's standard fonts throw outside WinAnsi, Hopding/pdf-lib#1570).
 */
export function asciiOnly(s: string): string {
  const map: Record<string, string> = { '‘': "'", '’': "'", '“': '"', '”': '"', '–': '-', '—': '-', '•': '*', '…': '...', '\u00a0': ' ' };
  let out = '';
  for (const ch of s.normalize('NFKD')) {
    const cp = ch.codePointAt(0)!;
    if (cp >= 0x20 && cp < 0x7f) out += ch;
    else if (map[ch] !== undefined) out += map[ch];
    else if (cp >= 0x300 && cp < 0x370)
      continue; // combining marks left by NFKD
    else if (ch === '\n' || ch === '\t' || ch === '\r') out += ' ';
    else out += '?';
  }
  return out;
}

/** Keep what the font's WinAnsi encoding has (é, ·, –, “ ”); make the rest ASCII (asciiOnly). */
function drawable(charset: Set<number>, s: string): string {
  let out = '';
  for (const ch of s.normalize('NFC')) {
    const cp = ch.codePointAt(0)!;
    out += cp >= 0x20 && charset.has(cp) ? ch : asciiOnly(ch);
  }
  return out;
}

interface Fonts {
  font: PDFFont;
  bold: PDFFont;
  charset: Set<number>;
}

// ---------------------------------------------------------------------------------------------
// What to draw on one page

interface DrawnCell {
  record: TrackerRecord;
  kind: CellKind;
  bbox: BBox;
}

interface PageGeometry {
  parts: TablePart[];
  /** Record cells on the page, record by record in document order. */
  cells: DrawnCell[];
}

/**
 * Table parts and record cells per page; the cells of a separate RAG column (issue #14: boxed
 * like the others) are the column's x range over the record's row on that page. Linear in
 * records and parts: record boxes are indexed by page first.
 */
function geometryByPage(tables: Table[], document: TrackerDocument): Map<number, PageGeometry> {
  const byPage = new Map<number, PageGeometry>();
  const at = (n: number) => {
    let g = byPage.get(n);
    if (!g) {
      g = { parts: [], cells: [] };
      byPage.set(n, g);
    }
    return g;
  };
  const ragCells = new Map<TrackerRecord, Array<DrawnCell & { page: number }>>();
  const rowsOnPage = new Map<number, Array<{ record: TrackerRecord; boxes: BBox[] }>>();
  for (const r of document.records) {
    if (!r.cells) continue;
    const perPage = new Map<number, BBox[]>();
    for (const { field } of CELL_FIELDS) for (const c of r.cells[field] as CellBox[]) push(perPage, c.page, c.bbox);
    for (const [page, boxes] of perPage) push(rowsOnPage, page, { record: r, boxes });
  }
  for (const t of tables) {
    for (const part of t.parts) {
      at(part.pageNumber).parts.push(part);
      const rag = part.columns.find((c) => c.key === 'rag');
      if (!rag) continue;
      for (const { record, boxes } of rowsOnPage.get(part.pageNumber) ?? []) {
        if (record.table !== t.index) continue;
        const span = unionAll(boxes.filter((b) => b.bottom > part.bbox.top && b.top < part.bbox.bottom));
        if (span) push(ragCells, record, { record, kind: 'rag', page: part.pageNumber, bbox: { x0: rag.x0, x1: rag.x1, top: span.top, bottom: span.bottom } });
      }
    }
  }
  for (const r of document.records) {
    if (!r.cells) continue;
    for (const { field, short } of CELL_FIELDS) for (const c of r.cells[field] as CellBox[]) at(c.page).cells.push({ record: r, kind: short, bbox: c.bbox });
    for (const { page, ...c } of ragCells.get(r) ?? []) at(page).cells.push(c);
  }
  return byPage;
}

/** Items inside a part's body that no row segment's cell took (they are lost from the records). */
function strayItems(page: Page, part: TablePart): TextItem[] {
  const taken = new Set<TextItem>();
  for (const s of part.segments) for (const c of s.cells) for (const i of c.items) taken.add(i);
  return page.items.filter((i) => {
    const mx = (i.bbox.x0 + i.bbox.x1) / 2;
    const my = (i.bbox.top + i.bbox.bottom) / 2;
    const inBody = mx >= part.bbox.x0 && mx <= part.bbox.x1 && my > part.headerBBox.bottom && my < part.bbox.bottom;
    return inBody && !taken.has(i);
  });
}

/** The cells a record's review flags point at (issue #7): the field's cell, else all its cells. */
function flaggedKinds(r: TrackerRecord, kinds: ReadonlySet<CellKind>): Set<CellKind> {
  const out = new Set<CellKind>();
  for (const v of r.review) {
    if (v.field === 'recommendation' || v.field === 'id') out.add('rec');
    else if (v.field === 'response') out.add('resp');
    else if (v.field === 'progress') out.add('prog');
    else if (v.field === 'rag') out.add(kinds.has('rag') ? 'rag' : 'prog');
    else for (const k of kinds) out.add(k);
  }
  return out;
}

/** Everything a page's labels must keep clear of, and how far its content reaches left and right. */
function pageExtent(page: Page, parts: readonly TablePart[]): { obstacles: BBox[]; contentLeft: number; contentRight: number } {
  // Small filled shapes are RAG evidence (dots, chips): a label must not hide them.
  const small = page.rects.filter((r) => r.bbox.x1 - r.bbox.x0 < 40 && r.bbox.bottom - r.bbox.top < 30).map((r) => r.bbox);
  // A logo is content; an image over most of the page is a scan whose words are the OCR text
  // items (fixture hard/ocr-invisible-layer): labels may go over it where no word is.
  const images = page.images.filter((b) => (b.x1 - b.x0) * (b.bottom - b.top) < 0.5 * page.width * page.height);
  const obstacles = [...page.items.map((i) => i.bbox), ...page.rotated.map((i) => i.bbox), ...page.marks.map((m) => m.bbox), ...small, ...images];
  const xs: number[] = [];
  for (const b of [...obstacles, ...parts.map((p) => p.bbox)]) xs.push(b.x0, b.x1);
  for (const r of page.rulings) {
    if (r.orientation === 'v') xs.push(r.position);
    else xs.push(r.start, r.end);
  }
  for (const r of page.rects) if (r.bbox.x1 - r.bbox.x0 < 0.9 * page.width) xs.push(r.bbox.x0, r.bbox.x1);
  const inPage = xs.filter((x) => Number.isFinite(x)).map((x) => Math.min(Math.max(x, 0), page.width));
  return { obstacles, contentLeft: inPage.length ? Math.min(...inPage) : page.width, contentRight: inPage.length ? Math.max(...inPage) : 0 };
}

/** What a page's labels say, beyond its geometry. */
interface PageContext {
  /** Document warnings that name this page. */
  warnings: Warning[];
  /** Records whose RAG note goes on this page (the page of their first Progress cell). */
  ragNotes: ReadonlySet<TrackerRecord>;
  /** Number of the first summary page (the legend). */
  summaryPage: number;
  /** Why the page is blank (no page image), or null. */
  blank: string | null;
}

/** The page's label requests, placed, and the boxes to outline as "check me". */
function planPage(page: Page, geo: PageGeometry | undefined, ctx: PageContext, fonts: Fonts): { plan: LabelPlan; outlines: BBox[] } {
  const d = (s: string) => drawable(fonts.charset, s);
  const requests: LabelRequest[] = [];
  const note = (lines: LabelLine[]) => requests.push({ lines, target: null, prefer: 'margin', side: 'right' });
  // Short lines: the gutter is as wide as its widest label.
  const hint = (t: string): LabelLine => ({ text: d(t), style: 'hint', color: LABEL_COLORS.hintInk });
  note([hint('impact-tracker debug'), hint(`legend: page ${ctx.summaryPage}`)]);
  if (ctx.blank) note([{ text: d(`No page image: ${ctx.blank}. The text is shown in grey.`), style: 'check', color: LABEL_COLORS.checkInk }]);
  if (ctx.warnings.length) {
    const codes = new Map<string, string[]>();
    for (const w of ctx.warnings) push(codes, w.code, ...(w.recordId ? [`#${w.recordId}`] : []));
    const check = (t: string): LabelLine => ({ text: d(t), style: 'check', color: LABEL_COLORS.checkInk });
    note([
      check(`Page ${page.pageNumber} warnings (page ${ctx.summaryPage}):`),
      ...[...codes].map(([code, ids]) => check(ids.length ? `${code} ${[...new Set(ids)].join(', ')}` : code)),
    ]);
  }
  const outlines: BBox[] = [];
  if (geo) {
    const leftEdges = geo.parts.map((p) => p.bbox.x0);
    const byRecord = new Map<TrackerRecord, DrawnCell[]>();
    for (const c of geo.cells) push(byRecord, c.record, c);
    for (const [r, cells] of byRecord) {
      const id = d(`#${r.id}`);
      for (const c of cells) {
        const leftmost = leftEdges.some((x) => Math.abs(c.bbox.x0 - x) <= 2);
        requests.push({
          lines: [{ text: `${id} ${c.kind}`, style: 'cell', color: KIND_STROKE[c.kind].color }],
          target: c.bbox,
          prefer: 'inside',
          side: leftmost ? 'left' : 'right',
        });
      }
      const flagged = flaggedKinds(r, new Set(cells.map((c) => c.kind)));
      const marked = cells.filter((c) => flagged.has(c.kind));
      outlines.push(...marked.map((c) => c.bbox));
      const lines: LabelLine[] = [];
      let target: BBox | null = null;
      if (ctx.ragNotes.has(r)) {
        lines.push({ text: d(`${id} ${ragText(r)}`), style: 'note', color: LABEL_COLORS.noteInk });
        const anchor = (r.ragSource === 'column' && cells.find((c) => c.kind === 'rag')) || cells.find((c) => c.kind === 'prog') || cells[0];
        target = anchor?.bbox ?? null;
      }
      // On every page of the record, even where its flagged cell is not (a row across a page break).
      if (r.review.length) {
        lines.push({ text: d(`${id} check: ${reviewCodes(r).join(', ')}`), style: 'check', color: LABEL_COLORS.checkInk });
        target ??= (marked[0] ?? cells[0])!.bbox;
      }
      if (lines.length) requests.push({ lines, target, prefer: 'margin', side: 'right' });
    }
  }
  const extent = pageExtent(page, geo?.parts ?? []);
  const width = (s: string) => fonts.font.widthOfTextAtSize(d(s), LABEL_METRICS.size);
  return { plan: placeLabels({ width: page.width, height: page.height, ...extent }, requests, width), outlines };
}

function drawGeometry(cv: Canvas, page: Page, geo: PageGeometry | undefined, outlines: readonly BBox[]): void {
  for (const part of geo?.parts ?? []) {
    box(cv, part.bbox, STROKES.table);
    box(cv, part.headerBBox, STROKES.header);
    for (const x of part.boundaries) line(cv, x, part.bbox.top, x, part.bbox.bottom, STROKES.column);
    for (const y of part.rowBoundaries) line(cv, part.bbox.x0, y, part.bbox.x1, y, STROKES.row);
    for (const s of part.segments) {
      line(cv, part.bbox.x0, s.top, part.bbox.x1, s.top, STROKES.segment);
      line(cv, part.bbox.x0, s.bottom, part.bbox.x1, s.bottom, STROKES.segment);
    }
    for (const i of strayItems(page, part)) box(cv, i.bbox, STROKES.stray);
  }
  // Hidden text (issue #7) where it stands on the page; text off the page is only counted.
  for (const h of page.hidden) if (h.bbox.x1 > 0 && h.bbox.x0 < page.width && h.bbox.bottom > 0 && h.bbox.top < page.height) box(cv, h.bbox, STROKES.hidden);
  for (const c of geo?.cells ?? []) box(cv, c.bbox, KIND_STROKE[c.kind]);
  for (const b of outlines) {
    const o = CHECK.outset;
    const grown = { x0: b.x0 - o, top: b.top - o, x1: b.x1 + o, bottom: b.bottom + o };
    box(cv, grown, { color: CHECK.band, width: CHECK.width, opacity: 1 });
    box(cv, grown, { color: CHECK.dash, width: CHECK.width, opacity: 0.85, dash: CHECK.dashArray });
  }
}

/** The gutter's grey strip past the page's edge, leaders, then the labels on top of everything. */
function drawLabels(cv: Canvas, page: Page, plan: LabelPlan): void {
  if (plan.extension > 0) {
    fillRect(cv, page.width, 0, plan.extension, page.height, hex(LABEL_COLORS.gutter), 1);
    line(cv, page.width, 0, page.width, page.height, { color: LABEL_COLORS.pageEdge, width: 0.5, opacity: 1 });
  }
  const m = LABEL_METRICS;
  for (const l of plan.labels) {
    if (!l.leader) continue;
    const first = l.lines[0]!;
    line(cv, l.leader.x0, l.leader.y0, l.leader.x1, l.leader.y1, { ...STROKES.leader, color: first.style === 'cell' ? first.color : STROKES.leader.color });
  }
  for (const l of plan.labels) {
    const { x0, top, x1, bottom } = l.box;
    const first = l.lines[0]!;
    const border = first.style === 'cell' ? first.color : first.style === 'hint' ? LABEL_COLORS.gutter : LABEL_COLORS.pageEdge;
    fillRect(cv, x0, top, x1 - x0, bottom - top, hex(LABEL_COLORS.backing), 0.9, { color: hex(border), width: 0.4 });
    for (const ln of l.lines) {
      if (ln.style === 'check') fillRect(cv, x0 + 0.2, ln.top, x1 - x0 - 0.4, m.lineHeight, hex(LABEL_COLORS.checkBacking), 1);
      text(cv, ln.text, ln.x, ln.top + 1.2, m.size, hex(ln.color));
    }
  }
}

/** On a blank page: the text items as grey boxes with their text, so the overlay has context. */
function drawGhostText(cv: Canvas, page: Page): void {
  for (const i of page.items) {
    const size = Math.max(2, Math.min(i.fontSize, i.bbox.bottom - i.bbox.top) * 0.9);
    box(cv, i.bbox, { color: '#8c8c8c', width: 0.25, opacity: 0.6 });
    text(cv, i.text, i.bbox.x0, i.bbox.top, size, GHOST, 0.9);
  }
}

// ---------------------------------------------------------------------------------------------

/**
 * Actions that run code, start programs, send data or open other documents (PDF 32000-1
 * §12.6.4): a debug copy must do none of them when opened.
 */
const ACTIVE_ACTIONS = new Set(['JavaScript', 'Launch', 'SubmitForm', 'ImportData', 'GoToR', 'GoToE', 'RichMediaExecute', 'Rendition', 'Movie', 'Sound'].map((n) => PDFName.of(n)));

/**
 * Make the copy inert (issue #12: X.debug.pdf still carried the input's JavaScript, Launch
 * and OpenAction entries): remove every automatic trigger (`/OpenAction`, `/AA` anywhere), every
 * active action reached through `/A` or `/Next`, the document-level JavaScript name tree and
 * XFA forms; then delete every object no longer reachable from the trailer, so no script stays
 * behind as an orphan object. Links (GoTo, URI) and the page content are kept.
 */
function stripActions(pdf: PDFDocument): void {
  const ctx = pdf.context;
  const name = (n: string) => PDFName.of(n);
  const isActive = (v: unknown): boolean => {
    const d = v instanceof PDFRef ? ctx.lookup(v) : v;
    return d instanceof PDFDict && ACTIVE_ACTIONS.has(d.get(name('S')) as PDFName);
  };
  const root = ctx.trailerInfo.Root ? ctx.lookup(ctx.trailerInfo.Root) : undefined;
  const catalog = root instanceof PDFDict ? root : undefined;
  for (const [key, drop] of [
    ['Names', 'JavaScript'],
    ['AcroForm', 'XFA'],
  ] as const) {
    const d = catalog?.get(name(key));
    const dict = d === undefined ? undefined : ctx.lookup(d);
    if (dict instanceof PDFDict) dict.delete(name(drop));
  }
  const seen = new Set<PDFRef>();
  const stack: unknown[] = [ctx.trailerInfo.Root, ctx.trailerInfo.Info];
  while (stack.length) {
    const obj = stack.pop();
    if (obj instanceof PDFRef) {
      if (seen.has(obj)) continue;
      seen.add(obj);
      stack.push(ctx.lookup(obj));
      continue;
    }
    const dict = obj instanceof PDFStream ? obj.dict : obj instanceof PDFDict ? obj : null;
    if (dict) {
      dict.delete(name('OpenAction'));
      dict.delete(name('AA'));
      for (const key of ['A', 'Next']) {
        const v = dict.get(name(key));
        if (isActive(v)) dict.delete(name(key));
        const list = v === undefined ? undefined : ctx.lookup(v);
        if (list instanceof PDFArray) for (let i = list.size() - 1; i >= 0; i--) if (isActive(list.get(i))) list.remove(i);
      }
      for (const [, v] of dict.entries()) stack.push(v);
    } else if (obj instanceof PDFArray) stack.push(...obj.asArray());
  }
  for (const [ref] of ctx.enumerateIndirectObjects()) if (!seen.has(ref)) ctx.delete(ref);
}

/** Wrap the page's existing content in q … Q so a CTM it leaves behind cannot shift our drawing. */
function isolateContent(pdf: PDFDocument, page: PDFPage): void {
  const ctx = pdf.context;
  // Give the page its own Resources (and Font / XObject / ExtGState dictionaries) before
  // drawing: LibreOffice shares one Resources object among all pages, and pdf-lib 1.17.1 adds
  // the overlay's graphics states to the shared one and writes it out directly in every page
  // ("TODO: Clone `Resources` if it is inherited", PDFPageLeaf.normalize), so a 200-page
  // tracker gave a 233 MB overlay that grew with the square of the pages (issue #12).
  const shared = ctx.lookupMaybe(page.node.getInheritableAttribute(PDFName.Resources), PDFDict);
  const own = shared ? shared.clone(ctx) : ctx.obj({});
  for (const key of ['Font', 'XObject', 'ExtGState']) {
    const sub = own.lookupMaybe(PDFName.of(key), PDFDict);
    if (sub) own.set(PDFName.of(key), sub.clone(ctx));
  }
  page.node.set(PDFName.Resources, own);
  // wrapContentStreams only works on a /Contents array; normalize() turns a lone stream into one.
  page.node.normalize();
  page.node.wrapContentStreams(ctx.getPushGraphicsStateContentStream(), ctx.getPopGraphicsStateContentStream());
}

/**
 * Widen a page to the right of the page as read by `extension` points, for the label gutter:
 * the CropBox becomes the old view box plus the strip, the MediaBox grows to hold it. The page's
 * own content stays where it is in user space, so nothing on it moves.
 */
function widenPage(target: PDFPage, m: Matrix, page: Page, extension: number): void {
  if (extension <= 0) return;
  const [a, b, c, d, e, f] = m;
  const corners = [
    [0, 0],
    [page.width + extension, 0],
    [0, page.height],
    [page.width + extension, page.height],
  ].map(([x, y]) => [a * x! + c * y! + e, b * x! + d * y! + f] as const);
  const x0 = Math.min(...corners.map((p) => p[0])),
    x1 = Math.max(...corners.map((p) => p[0]));
  const y0 = Math.min(...corners.map((p) => p[1])),
    y1 = Math.max(...corners.map((p) => p[1]));
  const media = target.getMediaBox();
  const mx0 = Math.min(media.x, x0),
    my0 = Math.min(media.y, y0);
  target.setMediaBox(mx0, my0, Math.max(media.x + media.width, x1) - mx0, Math.max(media.y + media.height, y1) - my0);
  target.setCropBox(x0, y0, x1 - x0, y1 - y0);
}

const message = (err: unknown) => asciiOnly(String((err as Error)?.message ?? err)).slice(0, 120);

/**
 * Decrypt an encrypted input with @cantoo/pdf-lib (pdf-lib 1.17.1 cannot: Hopding/pdf-lib#233),
 * trying the password given, then the empty user password of an owner-password-only file. The
 * library is imported only here, so conversions of unencrypted files never load it.
 */
async function decrypt(bytes: Uint8Array, password: string | undefined): Promise<{ bytes: Uint8Array; how: string } | { bytes: null; why: string }> {
  let cantoo: typeof import('@cantoo/pdf-lib');
  try {
    cantoo = await import('@cantoo/pdf-lib');
  } catch (err) {
    return { bytes: null, why: `the input is encrypted and the decryption library (@cantoo/pdf-lib) could not be loaded: ${message(err)}` };
  }
  const tries = [...new Set([...(password === undefined ? [] : [password]), ''])];
  let last = '';
  for (const pw of tries) {
    try {
      const doc = await cantoo.PDFDocument.load(bytes.slice(), { password: pw, updateMetadata: false });
      const how = pw ? 'it was decrypted with the password given' : 'it opens without a password (an owner password only) and was decrypted';
      return { bytes: await doc.save({ useObjectStreams: false }), how };
    } catch (err) {
      last = message(err);
    }
  }
  const why = password === undefined ? 'the input is encrypted and no password was given' : 'the input is encrypted and could not be decrypted with the password given';
  return { bytes: null, why: `${why} (${last})` };
}

interface LoadedCopy {
  pdf: PDFDocument | null;
  images: DebugOverlay['images'];
  /** How it was decrypted, or why there is no copy. */
  note: string | null;
}

async function loadCopy(pdfBytes: Uint8Array, pageCount: number, password: string | undefined): Promise<LoadedCopy> {
  try {
    // ignoreEncryption, then ask: pdf-lib's EncryptedPDFError fails `instanceof` (ES5 Error subclass).
    let pdf = await PDFDocument.load(pdfBytes, { updateMetadata: false, ignoreEncryption: true });
    let images: DebugOverlay['images'] = 'original';
    let note: string | null = null;
    if (pdf.isEncrypted) {
      const plain = await decrypt(pdfBytes, password);
      if (!plain.bytes) return { pdf: null, images: 'blank', note: plain.why };
      pdf = await PDFDocument.load(plain.bytes, { updateMetadata: false });
      [images, note] = ['decrypted', plain.how];
    }
    if (pdf.getPageCount() !== pageCount) {
      return { pdf: null, images: 'blank', note: `pdf-lib sees ${pdf.getPageCount()} pages where pdf.js read ${pageCount}` };
    }
    return { pdf, images, note };
  } catch (err) {
    return { pdf: null, images: 'blank', note: `pdf-lib could not rewrite the input (${message(err)})` };
  }
}

/** A summary line ready to draw: its text, font, size, colour and top-left corner. */
type SummaryLine =
  | { kind: 'text'; text: string; x: number; top: number; size: number; bold: boolean; color: string }
  | { kind: 'stroke'; stroke: Stroke; text: string; x: number; top: number }
  | { kind: 'check'; text: string; x: number; top: number };

/** Flow the summary's entries onto pages (wrapped to the text width; a new page when one is full). */
function layoutSummary(entries: readonly SummaryEntry[], fonts: Fonts): SummaryLine[][] {
  const { width, height, margin, lineGap } = SUMMARY;
  const pages: SummaryLine[][] = [[]];
  let y = margin;
  const room = (h: number) => {
    if (y + h > height - margin - 20) {
      pages.push([]);
      y = margin;
    }
  };
  for (const e of entries) {
    if (e.kind === 'text') {
      const font = e.bold ? fonts.bold : fonts.font;
      const indent = e.indent ?? 0;
      const hang = e.hang ?? 0;
      const lines = wrapText(drawable(fonts.charset, e.text), width - 2 * margin - indent - hang, (s) => font.widthOfTextAtSize(s, e.size));
      y += e.space ?? 0;
      lines.forEach((t, k) => {
        room(e.size * lineGap);
        pages[pages.length - 1]!.push({ kind: 'text', text: t, x: margin + indent + (k ? hang : 0), top: y, size: e.size, bold: !!e.bold, color: e.color ?? '#000000' });
        y += e.size * lineGap;
      });
    } else {
      room(11);
      pages[pages.length - 1]!.push({ ...e, x: margin, top: y });
      y += 11;
    }
  }
  return pages;
}

function drawSummary(pdf: PDFDocument, fonts: Fonts, pages: SummaryLine[][], first: number): void {
  const { width, height, margin, swatch } = SUMMARY;
  pages.forEach((lines, k) => {
    const cv = canvas(pdf.addPage([width, height]), [1, 0, 0, -1, 0, height], fonts);
    for (const l of lines) {
      if (l.kind === 'text') {
        text(cv, l.text, l.x, l.top, l.size, hex(l.color), 1, l.bold ? fonts.bold : fonts.font);
        continue;
      }
      const mid = l.top + 4;
      if (l.kind === 'stroke') line(cv, l.x, mid, l.x + swatch, mid, { ...l.stroke, width: Math.max(l.stroke.width, 1), opacity: 1 });
      else {
        line(cv, l.x, mid, l.x + swatch, mid, { color: CHECK.band, width: CHECK.width, opacity: 1 });
        line(cv, l.x, mid, l.x + swatch, mid, { color: CHECK.dash, width: CHECK.width, opacity: 0.85, dash: CHECK.dashArray });
      }
      text(cv, l.text, l.x + swatch + 6, l.top, 8.5, hex('#000000'));
    }
    text(cv, `impact-tracker debug overlay - summary, page ${first + k} (${k + 1} of ${pages.length})`, margin, height - margin + 8, 7.5, hex(LABEL_COLORS.hintInk));
  });
}

/**
 * A copy of the input PDF with the detected geometry drawn over every page that holds a table
 * part, a record cell or a warning, followed by one or more summary pages. On the input's pages:
 * table part box (blue), header row (green), column boundaries (magenta, dashed), row boundaries
 * (orange), row segment edges (brown, dotted), record cell boxes (rec red, resp purple, prog
 * teal, a separate RAG column navy), text inside a table body that no cell took (dark red,
 * dotted), hidden text (grey, dashed), and the cells of records with review flags outlined in
 * yellow and black. Labels (7.5 pt, never over the page's text): "#3 rec|resp|prog|rag" for each
 * cell, "#3 amber · fill" beside each record's Progress cell, "#3 check: CODES" for each record
 * to check, and a note listing the page's warnings; see {@link placeLabels} for where they go
 * (a page without room is widened on the right). The summary, after the last input page so that
 * every page keeps its number, has the legend, every record to check with its review messages,
 * and every warning.
 *
 * An encrypted input is decrypted (with `options.password`, or the empty user password) and
 * drawn on its own pages. When that fails, or pdf-lib cannot rewrite the input while pdf.js could
 * read it, the input's pages are blank pages of the same size showing the text items in grey,
 * with a note on each page and the summary saying why, and a `REPORT_FAILED` warning.
 *
 * The output is deterministic: the same input gives the same bytes (pdf-lib's resource names
 * come from a seeded generator; the modification date is fixed to 2000-01-01, and on blank pages
 * the creation date too). The input's own metadata is otherwise kept. Time and size are linear
 * in pages and records.
 *
 * @param pdfBytes the PDF the `pages` were read from (not modified).
 * @param pages `ExtractResult.pages`: sizes, text items and `toUserSpace` per page (1-based, in order).
 * @param tables `ExtractResult.tables`: parts per page in points, top-left origin as read.
 * @param document `ExtractResult.document` (or the same records after corrections): records with `cells` boxes per page, `review`, `warnings`.
 * @returns the overlay PDF's bytes, how its page images were made and its warnings.
 * @throws WriteError (code WRITE_FAILED) when the inputs do not belong together or pdf-lib fails.
 * @example
 * ```ts
 * const { document, tables, pages } = await extractTracker(bytes, { password });
 * const { pdf, images, warnings } = await renderDebugOverlay(bytes, pages, tables, document, { password });
 * ```
 */
export async function renderDebugOverlay(pdfBytes: Uint8Array, pages: Page[], tables: Table[], document: TrackerDocument, options: DebugOptions = {}): Promise<DebugOverlay> {
  if (!(pdfBytes instanceof Uint8Array) || pdfBytes.length === 0) {
    throw new WriteError('WRITE_FAILED', 'cannot draw the debug overlay: no PDF bytes given; pass the same bytes that were given to extractTracker');
  }
  if (!Array.isArray(pages) || !Array.isArray(tables) || !document || !Array.isArray(document.records)) {
    throw new WriteError('WRITE_FAILED', 'cannot draw the debug overlay: pass `pages`, `tables` and `document` from one extractTracker result');
  }
  const ordered = [...pages].sort((a, b) => a.pageNumber - b.pageNumber);
  const byNumber = new Map(ordered.map((p) => [p.pageNumber, p]));
  const geometry = geometryByPage(tables, document);
  const missing = [...geometry.keys()].filter((n) => !byNumber.has(n));
  if (missing.length) {
    throw new WriteError(
      'WRITE_FAILED',
      `cannot draw the debug overlay: tables or records refer to page ${missing.join(', ')} but no such page was given; pass \`pages\` from the same extractTracker result`,
    );
  }
  try {
    const pageCount = ordered.length ? ordered[ordered.length - 1]!.pageNumber : 0;
    const loaded = await loadCopy(pdfBytes, pageCount, options.password);
    const copy = loaded.pdf;
    if (copy) stripActions(copy);
    const pdf = copy ?? (await PDFDocument.create({ updateMetadata: false }));
    const font = await pdf.embedFont(StandardFonts.Helvetica);
    const fonts: Fonts = { font, bold: await pdf.embedFont(StandardFonts.HelveticaBold), charset: new Set(font.getCharacterSet()) };

    const warningsByPage = new Map<number, Warning[]>();
    for (const w of document.warnings ?? []) if (w.page) push(warningsByPage, w.page, w);
    // Each record's RAG note goes beside its first Progress cell (else its first cell).
    const ragNotes = new Map<number, Set<TrackerRecord>>();
    for (const r of document.records) {
      const first = r.cells?.progress[0]?.page ?? r.cells?.recommendation[0]?.page ?? r.cells?.response[0]?.page;
      if (first !== undefined) ragNotes.set(first, (ragNotes.get(first) ?? new Set()).add(r));
    }
    const context = (n: number): PageContext => ({
      warnings: warningsByPage.get(n) ?? [],
      ragNotes: ragNotes.get(n) ?? new Set(),
      summaryPage: pageCount + 1,
      blank: copy ? null : loaded.note,
    });

    let widened = false;
    if (copy) {
      const pdfPages = copy.getPages();
      for (const page of ordered) {
        const geo = geometry.get(page.pageNumber);
        const ctx = context(page.pageNumber);
        if (!geo && !ctx.warnings.length) continue;
        const target = pdfPages[page.pageNumber - 1]!;
        isolateContent(copy, target);
        const { plan, outlines } = planPage(page, geo, ctx, fonts);
        widenPage(target, page.toUserSpace, page, plan.extension);
        widened ||= plan.extension > 0;
        const cv = canvas(target, page.toUserSpace, fonts);
        drawGeometry(cv, page, geo, outlines);
        drawLabels(cv, page, plan);
      }
      pdf.setModificationDate(FIXED_DATE);
    } else {
      for (let n = 1; n <= pageCount; n++) {
        const page = byNumber.get(n);
        if (!page) {
          const cv = canvas(pdf.addPage([612, 792]), [1, 0, 0, -1, 0, 792], fonts);
          text(cv, `No page image and no text for page ${n}: ${loaded.note ?? ''}`, 6, 6, 8, hex('#b00000'));
          continue;
        }
        const geo = geometry.get(n);
        const { plan, outlines } = planPage(page, geo, context(n), fonts);
        widened ||= plan.extension > 0;
        const target = pdf.addPage([page.width + plan.extension, page.height]);
        // A blank page is the page as read: flip y only.
        const cv = canvas(target, [1, 0, 0, -1, 0, page.height], fonts);
        drawGhostText(cv, page);
        drawGeometry(cv, page, geo, outlines);
        drawLabels(cv, page, plan);
      }
      pdf.setTitle(`impact-tracker debug overlay: ${drawable(fonts.charset, document.source?.file ?? '')}`);
      pdf.setProducer('impact-tracker');
      pdf.setCreator('impact-tracker');
      pdf.setCreationDate(FIXED_DATE);
      pdf.setModificationDate(FIXED_DATE);
    }
    const facts: SummaryFacts = { pageCount, images: loaded.images, note: loaded.note, widened };
    const summary = layoutSummary(summaryEntries(document, facts), fonts);
    drawSummary(pdf, fonts, summary, pageCount + 1);
    const warnings: Warning[] =
      loaded.images === 'blank'
        ? [{ code: 'REPORT_FAILED', message: `the debug overlay has no page images: ${loaded.note}; its geometry is drawn on blank pages with the text in grey` }]
        : [];
    return { pdf: await pdf.save({ useObjectStreams: false, addDefaultPage: false }), images: loaded.images, summaryPages: summary.length, warnings };
  } catch (err) {
    if (err instanceof TrackerError) throw err;
    throw new WriteError(
      'WRITE_FAILED',
      `could not write the debug overlay PDF: ${(err as Error)?.message ?? err}. Check that the bytes are the PDF the pages were extracted from`,
      { cause: err },
    );
  }
}

/**
 * The debug overlay's bytes ({@link renderDebugOverlay} without the details).
 * @throws WriteError (code WRITE_FAILED) as renderDebugOverlay does.
 */
export async function writeDebugOverlay(pdfBytes: Uint8Array, pages: Page[], tables: Table[], document: TrackerDocument, options: DebugOptions = {}): Promise<Uint8Array> {
  return (await renderDebugOverlay(pdfBytes, pages, tables, document, options)).pdf;
}
