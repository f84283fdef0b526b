/**
 * Step 3 of the table finder: columns. Given a header row, return the column boundaries (x,
 * points, outer edges included), the columns with their headings, the header's box and where
 * the body starts. A grid header gives its rulings; otherwise a vertical ruling between two
 * headings, else the whitespace gutter the body text leaves (centred headings in HTML tables).
 */
import type { BBox, Page, Ruling, TextItem } from '../types.ts';
import { isNearWhite, median, midY, overlap1d, union } from './geometry.ts';
import type { Column, HeaderRow } from './model.ts';
import type { LayoutOptions } from './options.ts';
import type { PageRulings } from './rulings.ts';

/** The columns of one header occurrence. */
export interface ColumnLayout {
  columns: Column[];
  /** x of every column boundary, left to right, outer edges included. */
  boundaries: number[];
  headerBBox: BBox;
  /** y where the body starts (under the header's closing rule or band). */
  bodyTop: number;
}

/** The x with the least text coverage in (lo, hi): the middle of the widest least-covered run. */
export function whitespaceGutter(items: readonly TextItem[], lo: number, hi: number): number {
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
  let runStart = xs[0]!;
  let runCover = -1;
  const flush = (end: number) => {
    const width = end - runStart;
    if (runCover < best.cover || (runCover === best.cover && width > best.width)) best = { cover: runCover, width, mid: (runStart + end) / 2 };
  };
  for (let k = 0; k < xs.length - 1; k++) {
    const a = xs[k]!,
      b = xs[k + 1]!;
    const m = (a + b) / 2;
    const cover = inRange.filter((i) => i.bbox.x0 <= m && i.bbox.x1 >= m).length;
    if (cover !== runCover) {
      if (runCover >= 0) flush(a);
      runStart = a;
      runCover = cover;
    }
  }
  if (runCover >= 0) flush(xs[xs.length - 1]!);
  return best.mid;
}

/**
 * The band of a header row read by text: the union of shaded rectangles behind the header
 * text, and the horizontal rules within `size` points above its top and below its bottom.
 * Null when neither.
 */
function headerBand(page: Page, text: BBox, h: readonly Ruling[], size: number, options: LayoutOptions): BBox | null {
  let band: BBox | null = null;
  const add = (b: BBox) => (band = band ? union(band, b) : { ...b });
  for (const r of page.rects) {
    if (isNearWhite(r.fill, options.nearWhite)) continue;
    const mid = midY(text);
    if (r.bbox.top <= mid && r.bbox.bottom >= mid && overlap1d(r.bbox.x0, r.bbox.x1, text.x0, text.x1) > 0) add(r.bbox);
  }
  const spans = (r: Ruling) => overlap1d(r.start, r.end, text.x0, text.x1) >= options.headerBandSpan * (text.x1 - text.x0);
  const above = h.filter((r) => spans(r) && r.position <= text.top + 0.5 && r.position >= text.top - size).sort((a, b) => b.position - a.position)[0];
  const belowRule = h.filter((r) => spans(r) && r.position >= text.bottom - 0.5 && r.position <= text.bottom + size).sort((a, b) => a.position - b.position)[0];
  for (const r of [above, belowRule]) if (r) add({ x0: r.start, x1: r.end, top: r.position, bottom: r.position });
  return band;
}

/**
 * Given a header row, the page's rulings and the text below it (down to `limit`), return the
 * columns, their boundaries, the header's box and the body's top.
 */
export function findColumns(page: Page, header: HeaderRow, rulings: PageRulings, below: readonly TextItem[], limit: number, options: LayoutOptions): ColumnLayout {
  const cells = header.cells;
  const columnOf = (boundaries: number[]): Column[] =>
    cells.map((c, k) => ({ index: k, key: c.role, header: c.text, headerLines: c.lines, x0: boundaries[k]!, x1: boundaries[k + 1]! }));
  if (header.ruled && header.band) {
    const boundaries = [cells[0]!.x0!, ...cells.map((c) => c.x1!)];
    return { columns: columnOf(boundaries), boundaries, headerBBox: { ...header.band }, bodyTop: header.band.bottom };
  }
  const size =
    median(
      below.map((i) => i.fontSize),
      10,
    ) || 10;
  const headerMid = midY(header.bbox);
  const crossing = rulings.v.filter((r) => r.start <= headerMid + options.rulingCrossTolerance && r.end >= headerMid - options.rulingCrossTolerance);
  let bodyTop = header.bbox.bottom;
  // Inner boundaries: a vertical ruling in the gap between header cells, else a gutter.
  const inner: number[] = [];
  for (let k = 0; k < cells.length - 1; k++) {
    const lo = cells[k]!.bbox.x1,
      hi = cells[k + 1]!.bbox.x0;
    const rul = crossing.filter((r) => r.position >= lo - 1 && r.position <= hi + 1);
    if (rul.length) inner.push(rul.reduce((a, b) => (Math.abs(a.position - (lo + hi) / 2) < Math.abs(b.position - (lo + hi) / 2) ? a : b)).position);
    else {
      // Body text nearest below the header decides the gutter (centred headers in HTML tables).
      const near = below.filter((i) => i.bbox.top < bodyTop + size * options.gutterSampleDepth);
      inner.push(whitespaceGutter(near, lo, hi));
    }
  }
  const first = cells[0]!,
    last = cells[cells.length - 1]!;
  const leftRul = crossing.filter((r) => r.position <= first.bbox.x0 + 1).sort((a, b) => b.position - a.position)[0];
  const rightRul = crossing.filter((r) => r.position >= last.bbox.x1 - 1).sort((a, b) => a.position - b.position)[0];
  const firstInner = inner[0] ?? Infinity;
  const lastInner = inner[inner.length - 1] ?? -Infinity;
  const bodyLeft = Math.min(...below.filter((i) => i.bbox.x1 < firstInner + 1).map((i) => i.bbox.x0), first.bbox.x0);
  const bodyRight = Math.max(...below.filter((i) => i.bbox.x0 > lastInner - 1).map((i) => i.bbox.x1), last.bbox.x1);
  // The header band: a shaded rectangle behind the header text, or the rules just above and
  // below it. It gives the table's true top, the body's top (row 1 starts under the header
  // rule, not at the header text) and, without side rulings, the table's outer edges
  // (LaTeX colortbl tables have shading but no column rules: fixture culture-two-tables).
  const band = headerBand(page, header.bbox, rulings.h, size, options);
  const fits = (x0: number, x1: number) => x0 <= Math.min(bodyLeft, first.bbox.x0) + 1 && x1 >= Math.max(bodyRight, last.bbox.x1) - 1;
  const bandEdges = band && fits(band.x0, band.x1) ? band : null;
  const left = leftRul ? leftRul.position : bandEdges ? bandEdges.x0 : bodyLeft - options.edgePadding;
  const right = rightRul ? rightRul.position : bandEdges ? bandEdges.x1 : bodyRight + options.edgePadding;
  let headerBBox: BBox = { ...header.bbox };
  if (band) {
    headerBBox = { ...headerBBox, top: Math.min(headerBBox.top, band.top) };
    const firstBody = Math.min(...below.map((i) => i.bbox.top), limit);
    if (band.bottom > bodyTop && band.bottom <= firstBody + 0.5) bodyTop = band.bottom;
  }
  headerBBox = { ...headerBBox, x0: left, x1: right, bottom: bodyTop };
  const boundaries = [left, ...inner, right];
  return { columns: columnOf(boundaries), boundaries, headerBBox, bodyTop };
}
