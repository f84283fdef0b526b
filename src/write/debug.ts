/**
 * The debug overlay: a copy of the input PDF with the geometry the extractor found drawn over
 * every page that holds a table part — table box, header row, column and row boundaries, row
 * segments, and each record's cell boxes labelled with its id ("#3 rec"). Open it next to the
 * JSON to see *why* a cell got the text it did (pdfplumber's `page.to_image().debug_tablefinder()`
 * and camelot's `plot(kind='grid')` serve the same purpose).
 *
 * Coordinates: every box of the pipeline is in points, top-left origin of the page *as read*
 * (after rotation). `Page.toUserSpace` (the inverse of pdf.js's viewport transform, which
 * already contains the view box origin and the rotation) maps such a point into the unrotated
 * page's user space, where pdf-lib draws. Boxes are drawn as four mapped edges, so a page read
 * under /Rotate 90 gets its boxes on the right cells too (fixture
 * air-quality-whitespace.libreoffice-letter-l.rotated).
 *
 * pdf-lib only; no `node:` import (the core runs in browsers).
 */
import {
  PDFArray,
  PDFDict,
  PDFDocument,
  PDFName,
  PDFRef,
  PDFStream,
  StandardFonts,
  LineCapStyle,
  degrees,
  rgb,
  type PDFFont,
  type PDFPage,
  type RGB,
} from 'pdf-lib';
import type { BBox, Page, TextItem } from '../types.ts';
import type { Table, TablePart } from '../layout/table.ts';
import type { CellBox, TrackerDocument } from '../schema.ts';
import { TrackerError, WriteError } from '../errors.ts';
/** The date stamped into the overlay's metadata (determinism: the same input gives the same bytes). */
const FIXED_DATE = new Date('2000-01-01T00:00:00Z');

/** Options of {@link writeDebugOverlay}. */
export interface DebugOptions {
  /**
   * The password the input was opened with. Accepted for symmetry with `extractTracker`, but
   * pdf-lib 1.17.1 cannot decrypt: an encrypted input always gets the overlay on blank pages.
   */
  password?: string;
}

type Matrix = readonly [number, number, number, number, number, number];

/** How one kind of geometry is stroked. Widths and dashes in points of the page as read. */
interface Stroke {
  name: string;
  color: RGB;
  width: number;
  opacity: number;
  dash?: number[];
}

function hex(h: string): RGB {
  const n = Number.parseInt(h.slice(1), 16);
  return rgb(((n >> 16) & 255) / 255, ((n >> 8) & 255) / 255, (n & 255) / 255);
}

/**
 * Colours from a qualitative palette (Sasha Trubetskoy's 20 distinct colours) so that seven
 * kinds stay apart on screen and in grey print; widths chosen by eye at 60 and 150 dpi on the
 * seed fixture: thin enough not to hide the page's own rules, thick enough to see at 60 dpi.
 */
const STROKES = {
  table: { name: 'table part', color: hex('#4363d8'), width: 1.4, opacity: 0.75 },
  header: { name: 'header row', color: hex('#3cb44b'), width: 1, opacity: 0.8 },
  column: { name: 'column boundary', color: hex('#f032e6'), width: 0.7, opacity: 0.75, dash: [4, 2] },
  row: { name: 'row boundary', color: hex('#f58231'), width: 0.9, opacity: 0.8 },
  segment: { name: 'segment top/bottom', color: hex('#9a6324'), width: 0.5, opacity: 0.8, dash: [1.5, 1.5] },
  recommendation: { name: 'rec cell', color: hex('#e6194b'), width: 0.7, opacity: 0.85 },
  response: { name: 'resp cell', color: hex('#911eb4'), width: 0.7, opacity: 0.85 },
  progress: { name: 'prog cell', color: hex('#008080'), width: 0.7, opacity: 0.85 },
  stray: { name: 'text in no cell', color: hex('#800000'), width: 0.5, opacity: 0.9, dash: [1, 1] },
} as const satisfies Record<string, Stroke>;

const CELL_FIELDS = [
  { field: 'recommendation', short: 'rec' },
  { field: 'response', short: 'resp' },
  { field: 'progress', short: 'prog' },
] as const;

/** Label text size (points): legible at 150 dpi, small enough to sit in a cell's top-left padding. */
const LABEL_SIZE = 5;
const LEGEND = { size: 5.5, pitch: 7.5, swatch: 10, padding: 3, margin: 6, width: 82 } as const;
/** Grey of the text items redrawn on blank pages (encrypted or unreadable input). */
const GHOST = rgb(0.55, 0.55, 0.55);

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
}

function canvas(page: PDFPage, m: Matrix, font: PDFFont): Canvas {
  return { page, m, scale: Math.hypot(m[0], m[1]) || 1, angle: (Math.atan2(m[1], m[0]) * 180) / Math.PI, font };
}

function toUser(cv: Canvas, x: number, y: number): { x: number; y: number } {
  const [a, b, c, d, e, f] = cv.m;
  return { x: a * x + c * y + e, y: b * x + d * y + f };
}

function line(cv: Canvas, x0: number, y0: number, x1: number, y1: number, s: Stroke): void {
  if (![x0, y0, x1, y1].every(Number.isFinite)) return;
  cv.page.drawLine({
    start: toUser(cv, x0, y0),
    end: toUser(cv, x1, y1),
    thickness: s.width * cv.scale,
    color: s.color,
    opacity: s.opacity,
    lineCap: LineCapStyle.Butt,
    ...(s.dash ? { dashArray: s.dash.map((v) => v * cv.scale) } : {}),
  });
}

function box(cv: Canvas, b: BBox, s: Stroke): void {
  line(cv, b.x0, b.top, b.x1, b.top, s);
  line(cv, b.x1, b.top, b.x1, b.bottom, s);
  line(cv, b.x1, b.bottom, b.x0, b.bottom, s);
  line(cv, b.x0, b.bottom, b.x0, b.top, s);
}

/** A filled rectangle given by its top-left corner as read (rotated with the page). */
function fillRect(cv: Canvas, x: number, top: number, w: number, h: number, color: RGB, opacity: number): void {
  // pdf-lib rotates a rectangle about its (x, y) corner, the bottom-left one as read.
  const p = toUser(cv, x, top + h);
  cv.page.drawRectangle({ x: p.x, y: p.y, width: w * cv.scale, height: h * cv.scale, rotate: degrees(cv.angle), color, opacity, borderWidth: 0 });
}

/** Text whose top-left corner as read is (x, top), upright on the page as read. */
function text(cv: Canvas, s: string, x: number, top: number, size: number, color: RGB, opacity = 1): void {
  // Helvetica's ascent is 0.718 em: put the baseline so the caps start at `top`.
  const p = toUser(cv, x, top + size * 0.78);
  cv.page.drawText(s, { x: p.x, y: p.y, size: size * cv.scale, font: cv.font, color, opacity, rotate: degrees(cv.angle) });
}

/** A label with a light backing so it stays readable over the page's own text. */
function label(cv: Canvas, s: string, x: number, top: number, color: RGB): void {
  fillRect(cv, x, top, labelWidth(cv, s), LABEL_SIZE + 1, rgb(1, 1, 1), 0.75);
  text(cv, s, x + 0.75, top + 0.5, LABEL_SIZE, color);
}

const labelWidth = (cv: Canvas, s: string) => cv.font.widthOfTextAtSize(s, LABEL_SIZE) + 1.5;

/**
 * Where a cell's label goes: its top-left corner inside the box, unless that hides text (LaTeX
 * cells have almost no padding: fixture culture-two-tables), then its bottom-right corner (a
 * cell's last line is usually short), else top-left anyway.
 */
function labelPlace(cv: Canvas, page: Page, b: BBox, s: string): { x: number; top: number } {
  const w = labelWidth(cv, s), h = LABEL_SIZE + 1;
  const candidates = [
    { x: b.x0 + 1, top: b.top + 1 },
    { x: b.x1 - 1 - w, top: b.bottom - 1 - h },
  ];
  const free = candidates.find((c) => !page.items.some((i) => i.bbox.x1 > c.x && i.bbox.x0 < c.x + w && i.bbox.bottom > c.top && i.bbox.top < c.top + h));
  return free ?? candidates[0];
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
    else if (cp >= 0x300 && cp < 0x370) continue; // combining marks left by NFKD
    else if (ch === '\n' || ch === '\t' || ch === '\r') out += ' ';
    else out += '?';
  }
  return out;
}

// ---------------------------------------------------------------------------------------------
// What to draw on one page

interface PageGeometry {
  parts: TablePart[];
  cells: Array<{ id: string; short: string; stroke: Stroke; bbox: BBox }>;
}

function geometryByPage(tables: Table[], document: TrackerDocument): Map<number, PageGeometry> {
  const byPage = new Map<number, PageGeometry>();
  const at = (n: number) => {
    let g = byPage.get(n);
    if (!g) byPage.set(n, (g = { parts: [], cells: [] }));
    return g;
  };
  for (const t of tables) for (const part of t.parts) at(part.pageNumber).parts.push(part);
  for (const r of document.records) {
    if (!r.cells) continue;
    for (const { field, short } of CELL_FIELDS) {
      for (const c of r.cells[field] as CellBox[]) at(c.page).cells.push({ id: r.id, short, stroke: STROKES[field], bbox: c.bbox });
    }
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

function drawGeometry(cv: Canvas, page: Page, geo: PageGeometry): void {
  for (const part of geo.parts) {
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
  for (const c of geo.cells) box(cv, c.bbox, c.stroke);
  // Labels last, so no line crosses them.
  for (const c of geo.cells) {
    const s = asciiOnly(`#${c.id} ${c.short}`);
    const at = labelPlace(cv, page, c.bbox, s);
    label(cv, s, at.x, at.top, c.stroke.color);
  }
}

/**
 * The legend's box: the page corner (as read) that hides the least — a table part counts far
 * more than a text item (fixture fire-safety page 2: the top-right corner holds the RAG header).
 */
function legendBox(page: Page, parts: TablePart[], rows: number): BBox {
  const w = LEGEND.width, h = rows * LEGEND.pitch + 2 * LEGEND.padding - (LEGEND.pitch - LEGEND.size);
  const m = LEGEND.margin;
  const corners: BBox[] = [
    { x0: page.width - m - w, top: m, x1: page.width - m, bottom: m + h },
    { x0: page.width - m - w, top: page.height - m - h, x1: page.width - m, bottom: page.height - m },
    { x0: m, top: page.height - m - h, x1: m + w, bottom: page.height - m },
    { x0: m, top: m, x1: m + w, bottom: m + h },
  ];
  const hits = (a: BBox, b: BBox) => a.x1 > b.x0 && a.x0 < b.x1 && a.bottom > b.top && a.top < b.bottom;
  const cost = (c: BBox) => page.items.filter((i) => hits(i.bbox, c)).length + 1000 * parts.filter((p) => hits(p.bbox, c)).length;
  let best = corners[0], bestCost = cost(best);
  for (const c of corners.slice(1)) {
    const n = cost(c);
    if (n < bestCost) [best, bestCost] = [c, n];
  }
  return best;
}

function drawLegend(cv: Canvas, page: Page, parts: TablePart[], note: string | null): void {
  const entries = Object.values(STROKES) as Stroke[];
  const b = legendBox(page, parts, entries.length + 1);
  fillRect(cv, b.x0, b.top, b.x1 - b.x0, b.bottom - b.top, rgb(1, 1, 1), 0.85);
  box(cv, b, { name: '', color: rgb(0.3, 0.3, 0.3), width: 0.4, opacity: 1 });
  let y = b.top + LEGEND.padding;
  text(cv, note ? 'impact-tracker debug (blank page)' : 'impact-tracker debug', b.x0 + LEGEND.padding, y, LEGEND.size, rgb(0, 0, 0));
  for (const s of entries) {
    y += LEGEND.pitch;
    const mid = y + LEGEND.size / 2;
    line(cv, b.x0 + LEGEND.padding, mid, b.x0 + LEGEND.padding + LEGEND.swatch, mid, { ...s, width: Math.max(s.width, 1), opacity: 1 });
    text(cv, s.name, b.x0 + LEGEND.padding + LEGEND.swatch + 3, y, LEGEND.size, rgb(0, 0, 0));
  }
}

/** On a blank page: the text items as grey boxes with their text, so the overlay has context. */
function drawGhostText(cv: Canvas, page: Page): void {
  for (const i of page.items) {
    const size = Math.max(2, Math.min(i.fontSize, i.bbox.bottom - i.bbox.top) * 0.9);
    box(cv, i.bbox, { name: '', color: GHOST, width: 0.25, opacity: 0.6 });
    text(cv, asciiOnly(i.text), i.bbox.x0, i.bbox.top, size, GHOST, 0.9);
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
  for (const [key, drop] of [['Names', 'JavaScript'], ['AcroForm', 'XFA']]) {
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

async function loadCopy(pdfBytes: Uint8Array, pageCount: number): Promise<{ pdf: PDFDocument | null; note: string | null }> {
  try {
    // ignoreEncryption, then ask: pdf-lib's EncryptedPDFError fails `instanceof` (ES5 Error subclass).
    const pdf = await PDFDocument.load(pdfBytes, { updateMetadata: false, ignoreEncryption: true });
    if (pdf.isEncrypted) return { pdf: null, note: 'input is encrypted: overlay drawn on blank pages' };
    if (pdf.getPageCount() !== pageCount) {
      return { pdf: null, note: `pdf-lib sees ${pdf.getPageCount()} pages, pdf.js ${pageCount}: overlay drawn on blank pages` };
    }
    return { pdf, note: null };
  } catch (err) {
    const why = asciiOnly(String((err as Error)?.message ?? err)).slice(0, 80);
    return { pdf: null, note: `pdf-lib could not rewrite the input (${why}): overlay drawn on blank pages` };
  }
}

/**
 * A copy of the input PDF with the detected geometry drawn over every page that holds a table
 * part or a record cell: table part box (blue), header row (green), column boundaries (magenta,
 * dashed), row boundaries (orange), row segment edges (brown, dotted), record cell boxes (rec
 * red, resp purple, prog teal) labelled "#<id> rec|resp|prog", text items inside a table body
 * that no cell took (dark red, dotted), and a legend in the emptiest page corner. Strokes are
 * semi-transparent; the page's own content is untouched.
 *
 * When pdf-lib cannot rewrite the input (encrypted, or a structure it cannot parse while pdf.js
 * could), the result is a new PDF with one blank page per input page, the size of the page as
 * read, showing the text items in grey, the overlay, and a note saying why.
 *
 * The output is deterministic: the same input gives the same bytes (pdf-lib's resource names
 * come from a seeded generator; the modification date is fixed to 2000-01-01, and on blank pages
 * the creation date too). The input's own metadata is otherwise kept.
 *
 * @param pdfBytes the PDF the `pages` were read from (not modified).
 * @param pages `ExtractResult.pages`: sizes, text items and `toUserSpace` per page (1-based, in order).
 * @param tables `ExtractResult.tables`: parts per page in points, top-left origin as read.
 * @param document `ExtractResult.document`: records with `cells` boxes per page.
 * @returns the overlay PDF's bytes.
 * @throws WriteError (code WRITE_FAILED) when the inputs do not belong together or pdf-lib fails.
 * @example
 * ```ts
 * const { document, tables, pages } = await extractTracker(bytes);
 * const overlay = await writeDebugOverlay(bytes, pages, tables, document);
 * ```
 */
export async function writeDebugOverlay(
  pdfBytes: Uint8Array,
  pages: Page[],
  tables: Table[],
  document: TrackerDocument,
  options: DebugOptions = {},
): Promise<Uint8Array> {
  void options;
  if (!(pdfBytes instanceof Uint8Array) || pdfBytes.length === 0) {
    throw new WriteError('WRITE_FAILED', 'cannot draw the debug overlay: no PDF bytes given; pass the same bytes that were given to extractTracker');
  }
  if (!Array.isArray(pages) || !Array.isArray(tables) || !document || !Array.isArray(document.records)) {
    throw new WriteError('WRITE_FAILED', 'cannot draw the debug overlay: pass `pages`, `tables` and `document` from one extractTracker result');
  }
  const ordered = [...pages].sort((a, b) => a.pageNumber - b.pageNumber);
  const geometry = geometryByPage(tables, document);
  const missing = [...geometry.keys()].filter((n) => !ordered.some((p) => p.pageNumber === n));
  if (missing.length) {
    throw new WriteError(
      'WRITE_FAILED',
      `cannot draw the debug overlay: tables or records refer to page ${missing.join(', ')} but no such page was given; pass \`pages\` from the same extractTracker result`,
    );
  }
  try {
    const pageCount = ordered.length ? ordered[ordered.length - 1].pageNumber : 0;
    const { pdf: copy, note } = await loadCopy(pdfBytes, pageCount);
    if (copy) stripActions(copy);
    const pdf = copy ?? (await PDFDocument.create({ updateMetadata: false }));
    const font = await pdf.embedFont(StandardFonts.Helvetica);

    if (copy) {
      const pdfPages = copy.getPages();
      for (const page of ordered) {
        const geo = geometry.get(page.pageNumber);
        if (!geo) continue;
        const target = pdfPages[page.pageNumber - 1];
        isolateContent(copy, target);
        const cv = canvas(target, page.toUserSpace, font);
        drawGeometry(cv, page, geo);
        drawLegend(cv, page, geo.parts, null);
      }
      pdf.setModificationDate(FIXED_DATE);
    } else {
      for (let n = 1; n <= pageCount; n++) {
        const page = ordered.find((p) => p.pageNumber === n);
        const width = page?.width ?? 612, height = page?.height ?? 792;
        const target = pdf.addPage([width, height]);
        // A blank page is the page as read: flip y only.
        const cv = canvas(target, [1, 0, 0, -1, 0, height], font);
        text(cv, asciiOnly(note ?? ''), 6, 6, 8, rgb(0.75, 0, 0));
        if (!page) continue;
        drawGhostText(cv, page);
        const geo = geometry.get(n);
        if (geo) drawGeometry(cv, page, geo);
        drawLegend(cv, page, geo?.parts ?? [], note);
      }
      pdf.setTitle(`impact-tracker debug overlay: ${asciiOnly(document.source?.file ?? '')}`);
      pdf.setProducer('impact-tracker');
      pdf.setCreator('impact-tracker');
      pdf.setCreationDate(FIXED_DATE);
      pdf.setModificationDate(FIXED_DATE);
    }
    return await pdf.save({ useObjectStreams: false, addDefaultPage: false });
  } catch (err) {
    if (err instanceof TrackerError) throw err;
    throw new WriteError(
      'WRITE_FAILED',
      `could not write the debug overlay PDF: ${(err as Error)?.message ?? err}. Check that the bytes are the PDF the pages were extracted from`,
      { cause: err },
    );
  }
}
