/**
 * Pages → tables: find header rows, column boundaries (ruling lines, else whitespace gutters),
 * the table's extent on each page, and row segments (ruling lines, else vertical gaps).
 * Tracker-specific knowledge (which header words matter) comes in as a classifier function,
 * so this stage is generic table geometry (tabula's detector/extractor split).
 */
import type { BBox, Page, Ruling, TextItem } from '../types.ts';
import { baselineGroups, makeLine, splitGroup, type LineOptions, DEFAULT_LINE_OPTIONS, type TextLine } from './lines.ts';

/** What a header classifier says about a candidate header row's cell texts. */
export interface HeaderVerdict {
  /** One role per cell (e.g. 'recommendation', 'response'), or null for an unknown cell. */
  roles: Array<string | null>;
  /** True when the roles make a table header worth reading. */
  accepted: boolean;
}
/** Classifies the cell texts of a candidate header row (left to right). */
export type HeaderClassifier = (texts: string[]) => HeaderVerdict;

/** A column: its x range on a page and its header text as printed. */
export interface Column {
  /** 0-based index, left to right. */
  index: number;
  /** The role the classifier gave its header, or null. */
  key: string | null;
  header: string;
  x0: number;
  x1: number;
}

/** A cell of a row segment: the items inside it and its box. */
export interface Cell {
  column: number;
  bbox: BBox;
  items: TextItem[];
  /** The colour of a filled rectangle covering most of the cell, if any. */
  fill?: readonly [number, number, number];
  /** Colours of small filled shapes inside the cell (a RAG dot), in reading order. */
  marks?: Array<readonly [number, number, number]>;
}

/** A horizontal slice of a table on one page, between two row boundaries. */
export interface RowSegment {
  pageNumber: number;
  top: number;
  bottom: number;
  cells: Cell[];
  /** True when the segment's top edge is a ruling line (a real row boundary). */
  ruledTop: boolean;
}

/** The part of a table on one page. */
export interface TablePart {
  pageNumber: number;
  /** Table box on this page (header included). */
  bbox: BBox;
  headerBBox: BBox;
  columns: Column[];
  segments: RowSegment[];
  /** x positions of the column boundaries used (points), left to right, outer edges included. */
  boundaries: number[];
  /** y positions of the row boundaries used (points). */
  rowBoundaries: number[];
  /** True when the header row was found on this page (false: continued without a repeated header). */
  headerRepeated: boolean;
}

/** Quality measures of a table (camelot's parsing_report). */
export interface TableQuality {
  /** Share of (segment, column) cells with any text, 0–1. */
  filledCellRatio: number;
  /** Items inside the table's extent that fell outside every cell. */
  strayItems: number;
}

/** A table across pages. */
export interface Table {
  /** 1-based, in reading order. */
  index: number;
  pages: number[];
  columns: Column[];
  parts: TablePart[];
  method: 'ruled' | 'whitespace';
  quality: TableQuality;
  /** Heading text just above the table (e.g. "Further recommendations"), or null. */
  heading: string | null;
  /** Text items on the table's pages outside it, between its parts (stray text). */
  strayText: Array<{ pageNumber: number; text: string }>;
}

/** Tolerances for finding tables. All in points unless stated. */
export interface TableOptions {
  lines: LineOptions;
  /** Header continuation lines must be within this many font sizes of the line above. 1.6. */
  headerWrapPitch: number;
  /** A ruling counts as a row boundary when it spans at least this share of the table width. 0.6. */
  rowRulingSpan: number;
  /** Rulings within this distance are one (points). 1.5: double borders in Chromium output. */
  rulingMergeTolerance: number;
  /** A vertical gap wider than this many font sizes between text ends a whitespace table. 3. */
  whitespaceTableEndGap: number;
  /** A whitespace gap (between lines) of at least this many font sizes across all columns splits rows. 0.9. */
  whitespaceRowGap: number;
  /** A line with a font this much larger than the body is a heading and ends the table. 1.15 (LaTeX \subsection 12 pt over 10 pt body is 1.2). */
  headingFontRatio: number;
  /** In a table with row rules but no column rules, text more than this many font sizes below a rule is past the table's end. 1.2 (cell padding in the corpus ≤ 0.6). */
  ruleToTextGap: number;
}

/** Defaults of {@link TableOptions}; each value's source is on its field. */
export const DEFAULT_TABLE_OPTIONS: TableOptions = {
  lines: DEFAULT_LINE_OPTIONS,
  headerWrapPitch: 1.6,
  rowRulingSpan: 0.6,
  rulingMergeTolerance: 1.5,
  whitespaceTableEndGap: 3,
  whitespaceRowGap: 0.9,
  headingFontRatio: 1.15,
  ruleToTextGap: 1.2,
};

/** A header row found on a page. */
export interface HeaderRow {
  pageNumber: number;
  cells: Array<{ text: string; bbox: BBox; role: string | null }>;
  bbox: BBox;
}

function union(a: BBox, b: BBox): BBox {
  return { x0: Math.min(a.x0, b.x0), top: Math.min(a.top, b.top), x1: Math.max(a.x1, b.x1), bottom: Math.max(a.bottom, b.bottom) };
}

const overlap = (a0: number, a1: number, b0: number, b1: number) => Math.max(0, Math.min(a1, b1) - Math.max(a0, b0));

/**
 * Find header rows on one page: baseline groups whose lines the classifier accepts, with
 * wrapped header cells ("Committee's" over "recommendation") merged from the lines below.
 */
export function findHeaderRows(page: Page, classify: HeaderClassifier, options: TableOptions = DEFAULT_TABLE_OPTIONS): HeaderRow[] {
  const groups = baselineGroups(page.items, options.lines);
  const found: HeaderRow[] = [];
  for (let g = 0; g < groups.length; g++) {
    const lines = splitGroup(groups[g], [], options.lines);
    if (lines.length < 2) continue;
    let cells = lines.map((l) => ({ text: l.text, bbox: l.bbox, line: l }));
    let verdict = classify(cells.map((c) => c.text));
    let last = g;
    // Wrapped header cells: merge lines below into unknown cells while that makes them known.
    for (let k = g + 1; k <= g + 2 && k < groups.length; k++) {
      const below = splitGroup(groups[k], [], options.lines);
      const prevBaseline = makeLine(groups[k - 1]).baseline;
      const size = Math.max(...cells.map((c) => c.line.fontSize));
      if (below[0].baseline - prevBaseline > options.headerWrapPitch * size) break;
      const merged = cells.map((c) => ({ ...c }));
      let used = 0;
      for (const l of below) {
        const target = merged.find((c) => overlap(c.bbox.x0, c.bbox.x1 + size * 4, l.bbox.x0, l.bbox.x1) > 0 && Math.abs(c.bbox.x0 - l.bbox.x0) < size * 6);
        if (!target || target.line.bold !== l.bold) continue;
        target.text = `${target.text} ${l.text}`;
        target.bbox = union(target.bbox, l.bbox);
        used++;
      }
      if (!used || used < below.length) break;
      const v = classify(merged.map((c) => c.text));
      const known = (r: Array<string | null>) => r.filter(Boolean).length;
      const improves = v.accepted && (!verdict.accepted || known(v.roles) > known(verdict.roles));
      // A further wrapped line that names nothing new ("Mayor's response / (March 2024)",
      // fixture cycling-caption-notes-wrapped-heading) still belongs to the header when it
      // sits inside the header's band: under the same shading, or above the rule that closes it.
      const inBand = v.accepted && verdict.accepted && withinHeaderBand(page, cells.map((c) => c.bbox).reduce(union), below.map((l) => l.bbox).reduce(union), size);
      if (improves || inBand) {
        cells = merged;
        verdict = v;
        last = k;
      } else break;
    }
    if (!verdict.accepted) continue;
    const bbox = cells.map((c) => c.bbox).reduce(union);
    found.push({ pageNumber: page.pageNumber, cells: cells.map((c, i) => ({ text: c.text, bbox: c.bbox, role: verdict.roles[i] })), bbox });
    g = last;
  }
  return found;
}

/**
 * True when `candidate` (a line just below a header line) is still inside the header band: a
 * shaded rectangle covers both, or no rule separates them and a rule closes the band within
 * a line below the candidate.
 */
function withinHeaderBand(page: Page, header: BBox, candidate: BBox, size: number): boolean {
  const shaded = page.rects.some((r) => Math.min(...r.fill) <= 0.97 && r.bbox.top <= header.top + 1 && r.bbox.bottom >= candidate.bottom - 1 && overlap(r.bbox.x0, r.bbox.x1, candidate.x0, candidate.x1) > 0);
  if (shaded) return true;
  const spans = (r: Ruling) => r.orientation === 'h' && overlap(r.start, r.end, header.x0, header.x1) >= 0.5 * (header.x1 - header.x0);
  const hs = page.rulings.filter(spans);
  if (hs.some((r) => r.position > header.bottom - 0.5 && r.position < candidate.top + 0.5)) return false;
  return hs.some((r) => r.position >= candidate.bottom - 0.5 && r.position <= candidate.bottom + size * 1.2);
}

/** Merge collinear rulings of one orientation that touch or overlap (Chromium draws borders per cell). */
export function mergeRulings(rulings: Ruling[], tolerance: number): Ruling[] {
  const sorted = [...rulings].sort((a, b) => a.position - b.position || a.start - b.start);
  const out: Ruling[] = [];
  for (const r of sorted) {
    const prev = out.find((o) => Math.abs(o.position - r.position) <= tolerance && r.start <= o.end + tolerance && r.end >= o.start - tolerance);
    if (prev) {
      prev.start = Math.min(prev.start, r.start);
      prev.end = Math.max(prev.end, r.end);
    } else out.push({ ...r });
  }
  return out;
}

/** The x with the least text coverage in (lo, hi): the middle of the widest least-covered run. */
function whitespaceGutter(items: TextItem[], lo: number, hi: number): number {
  if (hi <= lo) return (lo + hi) / 2;
  const edges = new Set<number>([lo, hi]);
  const inRange = items.filter((i) => i.bbox.x1 > lo && i.bbox.x0 < hi);
  for (const i of inRange) {
    if (i.bbox.x0 > lo && i.bbox.x0 < hi) edges.add(i.bbox.x0);
    if (i.bbox.x1 > lo && i.bbox.x1 < hi) edges.add(i.bbox.x1);
  }
  const xs = [...edges].sort((a, b) => a - b);
  let best = { cover: Infinity, width: -1, mid: (lo + hi) / 2 };
  // Merge adjacent intervals with equal coverage into runs.
  let runStart = xs[0];
  let runCover = -1;
  const flush = (end: number) => {
    const width = end - runStart;
    if (runCover < best.cover || (runCover === best.cover && width > best.width)) best = { cover: runCover, width, mid: (runStart + end) / 2 };
  };
  for (let k = 0; k < xs.length - 1; k++) {
    const a = xs[k], b = xs[k + 1];
    const m = (a + b) / 2;
    const cover = inRange.filter((i) => i.bbox.x0 <= m && i.bbox.x1 >= m).length;
    if (cover !== runCover) {
      if (runCover >= 0) flush(a);
      runStart = a;
      runCover = cover;
    }
  }
  if (runCover >= 0) flush(xs[xs.length - 1]);
  return best.mid;
}

function median(values: number[]): number {
  if (!values.length) return 0;
  const s = [...values].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)];
}

interface Occurrence {
  header: HeaderRow | null;
  pageNumber: number;
  /** y where the body starts. */
  bodyTop: number;
  /** upper bound on where the body may end (next header on the page, or page end). */
  limit: number;
  /** columns (boundaries) inherited when the page has no repeated header. */
  inherited?: TablePart;
}

/**
 * Find every tracker table in the document.
 * @param pages pages as read (running headers/footers already removed by the caller).
 * @returns tables in reading order, each with its parts per page; [] when none is found.
 */
export function findTables(pages: Page[], classify: HeaderClassifier, options: TableOptions = DEFAULT_TABLE_OPTIONS): { tables: Table[]; headers: HeaderRow[] } {
  const allHeaders = pages.flatMap((p) => findHeaderRows(p, classify, options));
  const tables: Table[] = [];
  const byPage = new Map<number, HeaderRow[]>();
  for (const h of allHeaders) byPage.set(h.pageNumber, [...(byPage.get(h.pageNumber) ?? []), h]);

  let current: Table | null = null;
  for (const page of pages) {
    const headers = byPage.get(page.pageNumber) ?? [];
    const occurrences: Occurrence[] = [];
    if (current && current.parts.length && current.parts[current.parts.length - 1].pageNumber === page.pageNumber - 1) {
      // The table may continue at the top of this page without a repeated header.
      const firstHeaderTop = headers[0]?.bbox.top ?? Infinity;
      const prevPart = current.parts[current.parts.length - 1];
      const contentTop = Math.min(...page.items.map((i) => i.bbox.top), Infinity);
      // A page whose first header repeats the current table's header continues under that
      // header: text above it is a heading or a running head, not rows (fixture culture-two-tables).
      const sig = (cells: Array<{ role: string | null; text: string }>) => cells.map((c) => c.role ?? c.text.toLowerCase()).join('|');
      const repeatsHeader = headers.length > 0 && sig(headers[0].cells) === sig(current.columns.map((c) => ({ role: c.key, text: c.header })));
      if (!repeatsHeader && contentTop < firstHeaderTop - 1 && !headers.some((h) => h.bbox.top <= contentTop + 1)) {
        occurrences.push({ header: null, pageNumber: page.pageNumber, bodyTop: contentTop - 1, limit: firstHeaderTop - 0.5, inherited: prevPart });
      }
    }
    headers.forEach((h, k) => {
      occurrences.push({ header: h, pageNumber: page.pageNumber, bodyTop: h.bbox.bottom, limit: headers[k + 1]?.bbox.top ?? page.height });
    });
    let prevPartOnPage: TablePart | null = null;
    for (const occ of occurrences) {
      const part = readPart(page, occ, options);
      if (!part) continue;
      const signature = part.columns.map((c) => c.key ?? c.header.toLowerCase()).join('|');
      const cur = current as Table | null;
      const currentSignature = cur?.columns.map((c) => c.key ?? c.header.toLowerCase()).join('|');
      const lastPart: TablePart | undefined = cur?.parts[cur.parts.length - 1];
      // Text between the previous part and this header (other than nothing) means a new table.
      const gapText: string = occ.header && lastPart ? textBetween(pages, lastPart, part, occ) : '';
      const continues =
        cur !== null &&
        lastPart !== undefined &&
        (occ.header === null ||
          (signature === currentSignature && gapText === '' && (lastPart.pageNumber === page.pageNumber - 1 || prevPartOnPage === lastPart)));
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
  return { tables, headers: allHeaders };
}

function lastLine(text: string): string {
  const paras = text.split('\n').map((s) => s.trim()).filter(Boolean);
  return paras[paras.length - 1] ?? '';
}

/** Text on the pages between the end of part `a` and the header of part `b`. */
function textBetween(pages: Page[], a: TablePart, b: TablePart, occ: Occurrence): string {
  const out: string[] = [];
  for (const p of pages) {
    if (p.pageNumber < a.pageNumber || p.pageNumber > b.pageNumber) continue;
    const items = p.items.filter((i) => {
      const y = (i.bbox.top + i.bbox.bottom) / 2;
      if (p.pageNumber === a.pageNumber && y <= a.bbox.bottom) return false;
      if (p.pageNumber === b.pageNumber && y >= (occ.header?.bbox.top ?? b.bbox.top)) return false;
      return true;
    });
    for (const g of baselineGroups(items)) out.push(makeLine(g).text);
  }
  return out.join('\n').trim();
}

/** Read the part of a table that starts at `occ` on `page`. */
function readPart(page: Page, occurrence: Occurrence, options: TableOptions): TablePart | null {
  let occ = occurrence;
  const vRulings = mergeRulings(page.rulings.filter((r) => r.orientation === 'v'), options.rulingMergeTolerance);
  const hRulings = mergeRulings(page.rulings.filter((r) => r.orientation === 'h'), options.rulingMergeTolerance);
  let columns: Column[];
  let boundaries: number[];
  let headerBBox: BBox;
  const below = page.items.filter((i) => (i.bbox.top + i.bbox.bottom) / 2 > occ.bodyTop && (i.bbox.top + i.bbox.bottom) / 2 < occ.limit);
  if (occ.header) {
    const h = occ.header;
    headerBBox = h.bbox;
    const cells = h.cells;
    const size = median(below.map((i) => i.fontSize)) || 10;
    const headerMid = (h.bbox.top + h.bbox.bottom) / 2;
    const crossing = vRulings.filter((r) => r.start <= headerMid + 2 && r.end >= headerMid - 2);
    // Inner boundaries: a vertical ruling in the gap between header cells, else a gutter.
    const inner: number[] = [];
    for (let k = 0; k < cells.length - 1; k++) {
      const lo = cells[k].bbox.x1, hi = cells[k + 1].bbox.x0;
      const rul = crossing.filter((r) => r.position >= lo - 1 && r.position <= hi + 1);
      if (rul.length) inner.push(rul.reduce((a, b) => (Math.abs(a.position - (lo + hi) / 2) < Math.abs(b.position - (lo + hi) / 2) ? a : b)).position);
      else {
        // Body text nearest below the header decides the gutter (centred headers in HTML tables).
        const near = below.filter((i) => i.bbox.top < occ.bodyTop + size * 40);
        inner.push(whitespaceGutter(near, lo, hi));
      }
    }
    const leftRul = crossing.filter((r) => r.position <= cells[0].bbox.x0 + 1).sort((a, b) => b.position - a.position)[0];
    const rightRul = crossing.filter((r) => r.position >= cells[cells.length - 1].bbox.x1 - 1).sort((a, b) => a.position - b.position)[0];
    const firstInner = inner[0] ?? Infinity;
    const lastInner = inner[inner.length - 1] ?? -Infinity;
    const bodyLeft = Math.min(...below.filter((i) => i.bbox.x1 < firstInner + 1).map((i) => i.bbox.x0), cells[0].bbox.x0);
    const bodyRight = Math.max(...below.filter((i) => i.bbox.x0 > lastInner - 1).map((i) => i.bbox.x1), cells[cells.length - 1].bbox.x1);
    // The header band: a shaded rectangle behind the header text, or the rules just above and
    // below it. It gives the table's true top, the body's top (row 1 starts under the header
    // rule, not at the header text) and, without side rulings, the table's outer edges
    // (LaTeX colortbl tables have shading but no column rules: fixture culture-two-tables).
    const band = headerBand(page, h.bbox, hRulings, size);
    const fits = (x0: number, x1: number) => x0 <= Math.min(bodyLeft, cells[0].bbox.x0) + 1 && x1 >= Math.max(bodyRight, cells[cells.length - 1].bbox.x1) - 1;
    const bandEdges = band && fits(band.x0, band.x1) ? band : null;
    const left = leftRul ? leftRul.position : bandEdges ? bandEdges.x0 : bodyLeft - 2;
    const right = rightRul ? rightRul.position : bandEdges ? bandEdges.x1 : bodyRight + 2;
    if (band) {
      headerBBox = { ...headerBBox, top: Math.min(headerBBox.top, band.top) };
      const firstBody = Math.min(...below.map((i) => i.bbox.top), occ.limit);
      if (band.bottom > occ.bodyTop && band.bottom <= firstBody + 0.5) occ = { ...occ, bodyTop: band.bottom };
    }
    headerBBox = { ...headerBBox, x0: left, x1: right, bottom: occ.bodyTop };
    boundaries = [left, ...inner, right];
    columns = cells.map((c, k) => ({ index: k, key: c.role, header: c.text, x0: boundaries[k], x1: boundaries[k + 1] }));
  } else if (occ.inherited) {
    columns = occ.inherited.columns;
    boundaries = occ.inherited.boundaries;
    headerBBox = { x0: boundaries[0], x1: boundaries[boundaries.length - 1], top: occ.bodyTop, bottom: occ.bodyTop };
  } else return null;

  const tableX0 = boundaries[0], tableX1 = boundaries[boundaries.length - 1];
  const width = tableX1 - tableX0;
  const inner = boundaries.slice(1, -1);
  // Ruled: vertical rulings at the inner boundaries below the header.
  const boundaryRulings = vRulings.filter((r) => inner.some((b) => Math.abs(r.position - b) <= options.rulingMergeTolerance) && r.end > occ.bodyTop + 1 && r.start < occ.limit);
  const rowRulings = hRulings.filter((r) => overlap(r.start, r.end, tableX0, tableX1) >= options.rowRulingSpan * width && r.position > occ.bodyTop - 3 && r.position < occ.limit);
  let bottom = occ.limit;
  const bodyItems = below.filter((i) => {
    const mx = (i.bbox.x0 + i.bbox.x1) / 2;
    return mx >= tableX0 - 2 && mx <= tableX1 + 2;
  });
  // The grid's bottom: follow the boundary rulings down from the header while they join up
  // (a second table below on the same page has rulings of its own, separated by a gap).
  let reach = -Infinity;
  for (const r of [...boundaryRulings].sort((a, b) => a.start - b.start)) {
    if (r.start <= occ.bodyTop + 3 || r.start <= reach + options.rulingMergeTolerance * 2) reach = Math.max(reach, r.end);
  }
  if (reach > occ.bodyTop) {
    bottom = Math.min(bottom, reach + 1);
  } else {
    // Whitespace (or rows-only ruled) table: ends at a line that crosses a column boundary,
    // a heading-size line, or a wide vertical gap.
    const groups = baselineGroups(bodyItems, options.lines);
    const bodySize = median(bodyItems.map((i) => i.fontSize)) || 10;
    let prevBottom = occ.bodyTop;
    for (const g of groups) {
      const line = makeLine(g);
      // Text across a column boundary that starts in the first column is a paragraph after the
      // table; text that starts inside a later column and runs over is an overflowing cell
      // (a long URL, fixture waste-zebra-no-rules) and stays in the table.
      const crosses = g.some((i) => i.bbox.x0 < (inner[0] ?? Infinity) && inner.some((b) => i.bbox.x0 < b - 2 && i.bbox.x1 > b + 2));
      // A heading is words in a larger font starting in the first column — not a large status
      // glyph in a RAG column (fixture libraries-glyph-rag-dots: \Large$\bullet$).
      const heading = g.some((i) => i.fontSize > bodySize * options.headingFontRatio && /\p{L}{2}/u.test(i.text) && i.bbox.x0 < (inner[0] ?? Infinity));
      const gap = line.bbox.top - prevBottom;
      const between = rowRulings.filter((r) => r.position > prevBottom - 1 && r.position < line.bbox.top + 1);
      const ruledBetween = between.length > 0;
      // After a closing rule (booktabs \bottomrule), text far below it is outside the table;
      // a row's text sits within a padding of its rule.
      const farBelowRule = ruledBetween && line.bbox.top - Math.max(...between.map((r) => r.position)) > options.ruleToTextGap * bodySize;
      if (crosses || heading || farBelowRule || (gap > options.whitespaceTableEndGap * bodySize && !ruledBetween && prevBottom > occ.bodyTop)) {
        bottom = Math.min(bottom, line.bbox.top - 0.5);
        break;
      }
      prevBottom = Math.max(prevBottom, line.bbox.bottom);
    }
    // A last ruling closing the table (booktabs \bottomrule) is its bottom when nothing follows inside.
    const lastText = Math.max(occ.bodyTop, ...bodyItems.filter((i) => i.bbox.bottom <= bottom).map((i) => i.bbox.bottom));
    const closing = rowRulings.filter((r) => r.position >= lastText - 1 && r.position <= bottom).sort((a, b) => a.position - b.position)[0];
    bottom = closing ? Math.min(bottom, closing.position + 1) : Math.min(bottom, lastText + 1);
  }
  const inside = bodyItems.filter((i) => (i.bbox.top + i.bbox.bottom) / 2 < bottom);
  if (!inside.length) return null;

  // Row boundaries: ruling lines spanning the table inside the body; else whitespace gaps.
  const ys = rowRulings.map((r) => r.position).filter((y) => y > occ.bodyTop - 3 && y < bottom + 2).sort((a, b) => a - b);
  const rowBoundaries: number[] = [];
  for (const y of ys) if (!rowBoundaries.length || y - rowBoundaries[rowBoundaries.length - 1] > options.rulingMergeTolerance * 2) rowBoundaries.push(y);
  const interior = rowBoundaries.filter((y) => y > occ.bodyTop + 2 && y < bottom - 2 && inside.some((i) => i.bbox.top > y) && inside.some((i) => i.bbox.bottom < y));
  let cuts: Array<{ y: number; ruled: boolean }>;
  if (interior.length) {
    cuts = interior.map((y) => ({ y, ruled: true }));
  } else {
    cuts = whitespaceRowCuts(inside, boundaries, options).map((y) => ({ y, ruled: false }));
  }
  const edges = [{ y: occ.bodyTop, ruled: occ.header !== null }, ...cuts, { y: bottom, ruled: false }];
  const segments: RowSegment[] = [];
  for (let k = 0; k < edges.length - 1; k++) {
    const top = edges[k].y, bot = edges[k + 1].y;
    const segItems = inside.filter((i) => {
      const my = (i.bbox.top + i.bbox.bottom) / 2;
      return my > top && my <= bot;
    });
    if (!segItems.length) continue;
    const cells: Cell[] = columns.map((c, ci) => {
      const items = segItems.filter((i) => {
        const mx = (i.bbox.x0 + i.bbox.x1) / 2;
        return (ci === 0 || mx >= c.x0) && (ci === columns.length - 1 || mx < c.x1);
      });
      const bbox = { x0: c.x0, x1: c.x1, top, bottom: bot };
      const fill = cellFill(page, bbox);
      const marks = (page.marks ?? [])
        .filter((m) => {
          const mx = (m.bbox.x0 + m.bbox.x1) / 2, my = (m.bbox.top + m.bbox.bottom) / 2;
          return mx > bbox.x0 && mx < bbox.x1 && my > bbox.top && my < bbox.bottom;
        })
        .sort((a, b) => a.bbox.top - b.bbox.top || a.bbox.x0 - b.bbox.x0)
        .map((m) => m.fill);
      return { column: ci, bbox, items, ...(fill ? { fill } : {}), ...(marks.length ? { marks } : {}) };
    });
    segments.push({ pageNumber: page.pageNumber, top, bottom: bot, cells, ruledTop: edges[k].ruled });
  }
  return {
    pageNumber: page.pageNumber,
    bbox: { x0: tableX0, x1: tableX1, top: headerBBox.top, bottom },
    headerBBox,
    columns,
    segments,
    boundaries,
    rowBoundaries: cuts.map((c) => c.y),
    headerRepeated: occ.header !== null,
  };
}

/**
 * The band of a header row: the union of shaded rectangles behind the header text, and the
 * horizontal rules within `size` points above its top and below its bottom. Null when neither.
 */
function headerBand(page: Page, text: BBox, hRulings: Ruling[], size: number): BBox | null {
  let band: BBox | null = null;
  const add = (b: BBox) => (band = band ? union(band, b) : { ...b });
  for (const r of page.rects) {
    if (Math.min(...r.fill) > 0.97) continue;
    const mid = (text.top + text.bottom) / 2;
    if (r.bbox.top <= mid && r.bbox.bottom >= mid && overlap(r.bbox.x0, r.bbox.x1, text.x0, text.x1) > 0) add(r.bbox);
  }
  const spans = (r: Ruling) => overlap(r.start, r.end, text.x0, text.x1) >= 0.5 * (text.x1 - text.x0);
  const above = hRulings.filter((r) => spans(r) && r.position <= text.top + 0.5 && r.position >= text.top - size).sort((a, b) => b.position - a.position)[0];
  const belowRule = hRulings.filter((r) => spans(r) && r.position >= text.bottom - 0.5 && r.position <= text.bottom + size).sort((a, b) => a.position - b.position)[0];
  for (const r of [above, belowRule]) if (r) add({ x0: r.start, x1: r.end, top: r.position, bottom: r.position });
  return band;
}

/** The fill of a rectangle covering at least half of the cell, ignoring white and near-white. */
function cellFill(page: Page, bbox: BBox): readonly [number, number, number] | undefined {
  const area = (bbox.x1 - bbox.x0) * (bbox.bottom - bbox.top);
  let best: { cover: number; fill: readonly [number, number, number] } | null = null;
  for (const r of page.rects) {
    if (Math.min(...r.fill) > 0.97) continue;
    const cover = overlap(r.bbox.x0, r.bbox.x1, bbox.x0, bbox.x1) * overlap(r.bbox.top, r.bbox.bottom, bbox.top, bbox.bottom);
    if (cover >= 0.5 * area && (!best || cover > best.cover)) best = { cover, fill: r.fill };
  }
  return best?.fill;
}

/**
 * Row cuts for a table without row rulings: y positions in whitespace bands that cross every
 * column, at least `whitespaceRowGap` font sizes tall, followed by text in the first column.
 */
function whitespaceRowCuts(items: TextItem[], boundaries: number[], options: TableOptions): number[] {
  const lines: TextLine[] = baselineGroups(items, options.lines).flatMap((g) => splitGroup(g, boundaries.slice(1, -1), options.lines));
  if (!lines.length) return [];
  const size = median(lines.map((l) => l.fontSize)) || 10;
  const sorted = [...lines].sort((a, b) => a.bbox.top - b.bbox.top);
  const cuts: number[] = [];
  let reach = sorted[0].bbox.bottom;
  for (let k = 1; k < sorted.length; k++) {
    const l = sorted[k];
    const gap = l.bbox.top - reach;
    const firstColumn = (l.bbox.x0 + l.bbox.x1) / 2 < boundaries[1];
    if (gap >= options.whitespaceRowGap * size && firstColumn) cuts.push(reach + gap / 2);
    reach = Math.max(reach, l.bbox.bottom);
  }
  return cuts;
}

function finishTable(t: Table, pages: Page[]): void {
  let cells = 0, filled = 0, stray = 0;
  const ruled = t.parts.some((p) => p.segments.some((s, k) => k > 0 && s.ruledTop));
  t.method = ruled ? 'ruled' : 'whitespace';
  for (const part of t.parts) {
    for (const s of part.segments) for (const c of s.cells) {
      cells++;
      if (c.items.length) filled++;
    }
    const page = pages.find((p) => p.pageNumber === part.pageNumber);
    if (!page) continue;
    const straysOnPage = page.items.filter((i) => {
      const my = (i.bbox.top + i.bbox.bottom) / 2;
      const mx = (i.bbox.x0 + i.bbox.x1) / 2;
      if (my <= part.headerBBox.bottom || my >= part.bbox.bottom) return false;
      return mx < part.bbox.x0 - 2 || mx > part.bbox.x1 + 2;
    });
    stray += straysOnPage.length;
    for (const g of baselineGroups(straysOnPage)) t.strayText.push({ pageNumber: part.pageNumber, text: makeLine(g).text });
  }
  t.quality = { filledCellRatio: cells ? filled / cells : 0, strayItems: stray };
}
