/**
 * Pages → tables: the table finder, a chain of small named steps in the manner of pdfplumber's
 * TableFinder, each a pure function whose result is kept (`findTablesDebug`) so the debug
 * overlay and the tests can show any of them:
 *
 *   pageRulings (rulings.ts) → findHeaderRows (header.ts) → findColumns (columns.ts)
 *   → findTableBottom (extent.ts) → findRowCuts (rows.ts) → segmentsToCells (cells.ts)
 *   → parts stitched into tables across pages (here).
 *
 * Tracker-specific knowledge (which header words matter) comes in as a classifier function, so
 * this stage is generic table geometry (tabula's detector/extractor split).
 */
import type { Page } from '../types.ts';
import { baselineGroups, makeLine } from './lines.ts';
import { coveredLength, midX, midY, overlap1d } from './geometry.ts';
import { DEFAULT_LAYOUT_OPTIONS, type LayoutOptions } from './options.ts';
import { pageRulings, type PageRulings } from './rulings.ts';
import { findHeaderRows } from './header.ts';
import { findColumns } from './columns.ts';
import { findTableBottom } from './extent.ts';
import { findRowCuts, type RowCut } from './rows.ts';
import { segmentsToCells } from './cells.ts';
import type { Column, HeaderClassifier, HeaderRow, Table, TablePart } from './model.ts';

export type { Cell, Column, HeaderCell, HeaderClassifier, HeaderRow, HeaderVerdict, RowSegment, Table, TablePart, TableQuality } from './model.ts';
export { mergeRulings } from './rulings.ts';
export { DEFAULT_LAYOUT_OPTIONS, type LayoutOptions } from './options.ts';

/** Where a table part may start on a page: under a header row, or at the top of a page that continues the table above. */
interface Occurrence {
  header: HeaderRow | null;
  pageNumber: number;
  /** y where the body starts. */
  bodyTop: number;
  /** Upper bound on where the body may end (next header on the page, or page end). */
  limit: number;
  /** Columns (boundaries) inherited when the page has no repeated header. */
  inherited?: TablePart;
}

/** Every intermediate result of one part, for the debug overlay and tests. */
export interface PartTrace {
  pageNumber: number;
  header: HeaderRow | null;
  boundaries: number[];
  bodyTop: number;
  bottom: number;
  cuts: RowCut[];
}

/** What the table finder returns. */
export interface TableFinding {
  tables: Table[];
  /** Every header row accepted by the classifier, in page order. */
  headers: HeaderRow[];
  /** Per page, the merged rulings; per part, the steps' results. */
  trace: { rulings: Map<number, PageRulings>; parts: PartTrace[] };
}

const signature = (columns: ReadonlyArray<{ key: string | null; header: string }>) => columns.map((c) => c.key ?? c.header.toLowerCase()).join('|');

/** Read the part of a table that starts at `occ` on `page`. */
function readPart(page: Page, rulings: PageRulings, occ: Occurrence, options: LayoutOptions, trace: PartTrace[]): TablePart | null {
  const below = page.items.filter((i) => midY(i.bbox) > occ.bodyTop && midY(i.bbox) < occ.limit);
  let layout: { columns: Column[]; boundaries: number[]; headerBBox: TablePart['headerBBox']; bodyTop: number };
  if (occ.header) {
    layout = findColumns(page, occ.header, rulings, below, occ.limit, options);
  } else if (occ.inherited) {
    const b = occ.inherited.boundaries;
    layout = { columns: occ.inherited.columns, boundaries: b, headerBBox: { x0: b[0]!, x1: b[b.length - 1]!, top: occ.bodyTop, bottom: occ.bodyTop }, bodyTop: occ.bodyTop };
  } else return null;
  const { columns, boundaries, bodyTop } = layout;
  const tableX0 = boundaries[0]!,
    tableX1 = boundaries[boundaries.length - 1]!;
  const width = tableX1 - tableX0;
  const tol = options.rulingMergeTolerance;
  // Column rules, and the table's outer borders, which run on through full-width band rows
  // where the inner rules stop (sweep water-label-band-rows lo-s4: "Recommendation 5" bands).
  const boundaryRulings = rulings.v.filter((r) => boundaries.some((b) => Math.abs(r.position - b) <= tol) && r.end > bodyTop + 1 && r.start < occ.limit);
  // Rules across the table: at each height, the union of rulings covers most of its width.
  const rowRulings = rulings.h.filter(
    (r) =>
      overlap1d(r.start, r.end, tableX0, tableX1) > 0 &&
      r.position > bodyTop - 3 &&
      r.position < occ.limit &&
      coveredLength(
        rulings.h.filter((o) => Math.abs(o.position - r.position) <= tol).map((o) => [o.start, o.end] as const),
        tableX0,
        tableX1,
      ) >=
        options.rowRulingSpan * width,
  );
  const bodyItems = below.filter((i) => midX(i.bbox) >= tableX0 - options.edgePadding && midX(i.bbox) <= tableX1 + options.edgePadding);
  const bottom = findTableBottom({ boundaries, bodyTop, limit: occ.limit, bodyItems, boundaryRulings, rowRulings, fills: page.rects.map((r) => r.bbox) }, options);
  const inside = bodyItems.filter((i) => midY(i.bbox) < bottom);
  if (!inside.length) return null;
  const cuts = findRowCuts(inside, boundaries, rulings.h, bodyTop, bottom, options);
  const edges: RowCut[] = [{ y: bodyTop, ruled: occ.header !== null, crossed: columns.map(() => true) }, ...cuts, { y: bottom, ruled: false, crossed: columns.map(() => true) }];
  const segments = segmentsToCells(page, columns, edges, inside, options);
  trace.push({ pageNumber: page.pageNumber, header: occ.header, boundaries, bodyTop, bottom, cuts });
  // Text set sideways inside the body (not a heading): it went into no cell.
  const strayText = page.rotated.filter((r) => midY(r.bbox) > bodyTop && midY(r.bbox) < bottom && midX(r.bbox) > tableX0 && midX(r.bbox) < tableX1).map((r) => r.text);
  return {
    pageNumber: page.pageNumber,
    bbox: { x0: tableX0, x1: tableX1, top: layout.headerBBox.top, bottom },
    headerBBox: layout.headerBBox,
    columns,
    segments,
    boundaries,
    rowBoundaries: cuts.map((c) => c.y),
    headerRepeated: occ.header !== null,
    strayText,
  };
}

function lastLine(text: string): string {
  const paras = text
    .split('\n')
    .map((s) => s.trim())
    .filter(Boolean);
  return paras[paras.length - 1] ?? '';
}

/** Text on the pages between the end of part `a` and the header of part `b`. */
function textBetween(pages: readonly Page[], a: TablePart, b: TablePart, occ: Occurrence): string {
  const out: string[] = [];
  for (const p of pages) {
    if (p.pageNumber < a.pageNumber || p.pageNumber > b.pageNumber) continue;
    const items = p.items.filter((i) => {
      const y = midY(i.bbox);
      if (p.pageNumber === a.pageNumber && y <= a.bbox.bottom) return false;
      if (p.pageNumber === b.pageNumber && y >= (occ.header?.bbox.top ?? b.bbox.top)) return false;
      return true;
    });
    for (const g of baselineGroups(items)) out.push(makeLine(g).text);
  }
  return out.join('\n').trim();
}

/** Method and quality measures of a finished table, and text beside it. */
function finishTable(t: Table, pages: readonly Page[]): void {
  let cells = 0,
    filled = 0,
    stray = 0;
  const ruled = t.parts.some((p) => p.segments.some((s, k) => k > 0 && s.ruledTop));
  t.method = ruled ? 'ruled' : 'whitespace';
  for (const part of t.parts) {
    for (const s of part.segments)
      for (const c of s.cells) {
        cells++;
        if (c.items.length) filled++;
      }
    for (const text of part.strayText) t.strayText.push({ pageNumber: part.pageNumber, text });
    const page = pages.find((p) => p.pageNumber === part.pageNumber);
    if (!page) continue;
    const straysOnPage = page.items.filter((i) => {
      const my = midY(i.bbox);
      const mx = midX(i.bbox);
      if (my <= part.headerBBox.bottom || my >= part.bbox.bottom) return false;
      return mx < part.bbox.x0 - 2 || mx > part.bbox.x1 + 2;
    });
    stray += straysOnPage.length;
    for (const g of baselineGroups(straysOnPage)) t.strayText.push({ pageNumber: part.pageNumber, text: makeLine(g).text });
  }
  t.quality = { filledCellRatio: cells ? filled / cells : 0, strayItems: stray };
}

/**
 * Find every tracker table in the document, keeping every step's result.
 * @param pages pages as read (running headers/footers already removed by the caller).
 * @returns tables in reading order, each with its parts per page ([] when none is found), the
 *   header rows accepted, and the trace of every step.
 */
export function findTablesDebug(pages: readonly Page[], classify: HeaderClassifier, options: LayoutOptions = DEFAULT_LAYOUT_OPTIONS): TableFinding {
  const rulingsByPage = new Map<number, PageRulings>();
  for (const p of pages) rulingsByPage.set(p.pageNumber, pageRulings(p, options.rulingMergeTolerance));
  const allHeaders = pages.flatMap((p) => findHeaderRows(p, rulingsByPage.get(p.pageNumber)!, classify, options));
  const tables: Table[] = [];
  const trace: PartTrace[] = [];
  const byPage = new Map<number, HeaderRow[]>();
  for (const h of allHeaders) byPage.set(h.pageNumber, [...(byPage.get(h.pageNumber) ?? []), h]);

  let current: Table | null = null;
  for (const page of pages) {
    const rulings = rulingsByPage.get(page.pageNumber)!;
    const headers = byPage.get(page.pageNumber) ?? [];
    const occurrences: Occurrence[] = [];
    const lastOfCurrent: TablePart | undefined = current?.parts[current.parts.length - 1];
    if (current && lastOfCurrent && lastOfCurrent.pageNumber === page.pageNumber - 1) {
      // The table may continue at the top of this page without a repeated header.
      const firstHeaderTop = headers[0]?.bbox.top ?? Infinity;
      const contentTop = Math.min(...page.items.map((i) => i.bbox.top), Infinity);
      // A page whose first header repeats the current table's header continues under that
      // header: text above it is a heading or a running head, not rows (fixture culture-two-tables).
      const repeatsHeader = headers.length > 0 && signature(headers[0]!.cells.map((c) => ({ key: c.role, header: c.text }))) === signature(current.columns);
      if (!repeatsHeader && contentTop < firstHeaderTop - 1 && !headers.some((h) => h.bbox.top <= contentTop + 1)) {
        occurrences.push({ header: null, pageNumber: page.pageNumber, bodyTop: contentTop - 1, limit: firstHeaderTop - 0.5, inherited: lastOfCurrent });
      }
    }
    headers.forEach((h, k) => {
      occurrences.push({ header: h, pageNumber: page.pageNumber, bodyTop: h.bbox.bottom, limit: headers[k + 1]?.bbox.top ?? page.height });
    });
    let prevPartOnPage: TablePart | null = null;
    for (const occ of occurrences) {
      const part = readPart(page, rulings, occ, options, trace);
      if (!part) continue;
      const cur = current as Table | null;
      const lastPart: TablePart | undefined = cur?.parts[cur.parts.length - 1];
      // Text between the previous part and this header (other than nothing) means a new table.
      const gapText: string = occ.header && lastPart ? textBetween(pages, lastPart, part, occ) : '';
      const continues =
        cur !== null &&
        lastPart !== undefined &&
        (occ.header === null ||
          (signature(part.columns) === signature(cur.columns) && gapText === '' && (lastPart.pageNumber === page.pageNumber - 1 || prevPartOnPage === lastPart)));
      if (continues && cur) {
        cur.parts.push(part);
        if (!cur.pages.includes(page.pageNumber)) cur.pages.push(page.pageNumber);
      } else {
        current = {
          index: tables.length + 1,
          pages: [page.pageNumber],
          columns: part.columns,
          parts: [part],
          method: 'whitespace',
          quality: { filledCellRatio: 0, strayItems: 0 },
          heading: gapText ? lastLine(gapText) : null,
          strayText: [],
        };
        tables.push(current);
      }
      prevPartOnPage = part;
    }
  }
  for (const t of tables) finishTable(t, pages);
  return { tables, headers: allHeaders, trace: { rulings: rulingsByPage, parts: trace } };
}

/**
 * Find every tracker table in the document.
 * @param pages pages as read (running headers/footers already removed by the caller).
 * @returns tables in reading order, each with its parts per page; [] when none is found; and
 *   the header rows the classifier accepted.
 */
export function findTables(pages: readonly Page[], classify: HeaderClassifier, options: LayoutOptions = DEFAULT_LAYOUT_OPTIONS): { tables: Table[]; headers: HeaderRow[] } {
  const { tables, headers } = findTablesDebug(pages, classify, options);
  return { tables, headers };
}
