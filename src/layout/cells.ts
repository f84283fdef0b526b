/**
 * Step 6 of the table finder: row segments and their cells. Every text item inside the part
 * goes to the segment its middle falls in, and to the column its middle falls in (the first and
 * last columns take what spills past the table's edges). Each cell learns its fill (a
 * rectangle covering most of it), its marks (small coloured shapes: RAG dots), whether a rule
 * closes it at the top (else it is merged with the cell above), and how much hidden text it holds.
 */
import type { BBox, HiddenText, Page, TextItem } from '../types.ts';
import { isNearWhite, midX, midY, overlap1d } from './geometry.ts';
import type { Cell, Column, RowSegment } from './model.ts';
import type { LayoutOptions } from './options.ts';
import type { RowCut } from './rows.ts';

/** The fill of a rectangle covering at least `cellFillShare` of the cell, ignoring white and near-white. */
export function cellFill(page: Page, bbox: BBox, options: LayoutOptions): Cell['fill'] {
  const area = (bbox.x1 - bbox.x0) * (bbox.bottom - bbox.top);
  let best: { cover: number; fill: NonNullable<Cell['fill']> } | null = null;
  for (const r of page.rects) {
    if (isNearWhite(r.fill, options.nearWhite)) continue;
    const cover = overlap1d(r.bbox.x0, r.bbox.x1, bbox.x0, bbox.x1) * overlap1d(r.bbox.top, r.bbox.bottom, bbox.top, bbox.bottom);
    if (cover >= options.cellFillShare * area && (!best || cover > best.cover)) best = { cover, fill: r.fill };
  }
  return best?.fill;
}

const inside = (b: BBox, x: number, y: number) => x > b.x0 && x < b.x1 && y > b.top && y < b.bottom;

/**
 * Given a page, its columns, the part's row edges (body top, cuts, bottom) and the text inside
 * the part, return the row segments with their cells. Segments without text are dropped.
 */
export function segmentsToCells(page: Page, columns: readonly Column[], edges: ReadonlyArray<RowCut>, items: readonly TextItem[], options: LayoutOptions): RowSegment[] {
  const segments: RowSegment[] = [];
  for (let k = 0; k < edges.length - 1; k++) {
    const topEdge = edges[k]!,
      bottomEdge = edges[k + 1]!;
    const top = topEdge.y,
      bot = bottomEdge.y;
    const segItems = items.filter((i) => midY(i.bbox) > top && midY(i.bbox) <= bot);
    if (!segItems.length) continue;
    const cells: Cell[] = columns.map((c, ci) => {
      const cellItems = segItems.filter((i) => (ci === 0 || midX(i.bbox) >= c.x0) && (ci === columns.length - 1 || midX(i.bbox) < c.x1));
      const bbox = { x0: c.x0, x1: c.x1, top, bottom: bot };
      const fill = cellFill(page, bbox, options);
      // Marks: small coloured shapes (a RAG dot), and coloured boxes behind part of the cell
      // (a highlighter over the status words, issue #7) — a rectangle mostly inside the cell
      // that does not shade the cell as a whole.
      const cellArea = (bbox.x1 - bbox.x0) * (bbox.bottom - bbox.top);
      const patches = page.rects.filter((r) => {
        if (isNearWhite(r.fill, options.nearWhite)) return false;
        const a = (r.bbox.x1 - r.bbox.x0) * (r.bbox.bottom - r.bbox.top);
        const inCell = overlap1d(r.bbox.x0, r.bbox.x1, bbox.x0, bbox.x1) * overlap1d(r.bbox.top, r.bbox.bottom, bbox.top, bbox.bottom);
        return a > 0 && inCell >= 0.8 * a && inCell < options.cellFillShare * cellArea;
      });
      const marks = [...(page.marks ?? []).filter((m) => inside(bbox, midX(m.bbox), midY(m.bbox))), ...patches]
        .sort((a, b) => a.bbox.top - b.bbox.top || a.bbox.x0 - b.bbox.x0)
        .map((m) => m.fill);
      // Hidden text belongs to the cell where it starts (like text, the first and last columns
      // take what starts beyond the table's edges); clipped text to the clip it was drawn in,
      // the cell that drew it (fixture hard/hidden-render-mode-clip-cover).
      const hiddenChars = (page.hidden ?? [])
        .filter((h: HiddenText) => {
          const at = h.clip && h.clip.x1 - h.clip.x0 < page.width * 0.9 ? h.clip : h.bbox;
          const x = h.clip ? midX(at) : at.x0 + 0.5,
            y = midY(at);
          return y > top && y <= bot && (ci === 0 || x >= c.x0) && (ci === columns.length - 1 || x < c.x1);
        })
        .reduce((s, h) => s + h.chars, 0);
      const openTop = topEdge.ruled && topEdge.crossed[ci] === false;
      return {
        column: ci,
        bbox,
        items: cellItems,
        ...(fill ? { fill } : {}),
        ...(marks.length ? { marks } : {}),
        ...(openTop ? { openTop } : {}),
        ...(hiddenChars ? { hiddenChars } : {}),
      };
    });
    segments.push({ pageNumber: page.pageNumber, top, bottom: bot, cells, ruledTop: topEdge.ruled });
  }
  return segments;
}
