/**
 * Step 5 of the table finder: row cuts. Ruling lines across the table inside the body cut rows;
 * a rule cuts where the columns it crosses make up most of the table, and each cut records
 * which columns it crosses, so a cell merged over two rows (no rule through it) is seen
 * (issue #7). A table without row rulings is cut at whitespace bands across every column.
 */
import type { Ruling, TextItem } from '../types.ts';
import { baselineGroups, splitGroup, type TextLine } from './lines.ts';
import { median, midX } from './geometry.ts';
import { horizontalCoverage } from './rulings.ts';
import type { LayoutOptions } from './options.ts';

/** A row boundary: its y, whether a rule draws it, and which columns the rule crosses. */
export interface RowCut {
  y: number;
  ruled: boolean;
  /** Per column, true when the rule crosses it (always true for a whitespace cut). */
  crossed: boolean[];
}

/**
 * Row cuts for a table without row rulings: y positions in whitespace bands that cross every
 * column, taller than the table's own line spacing by at least `whitespaceRowGap` font sizes,
 * followed by text in the first column. Measured against the table's leading, not a fixed gap:
 * LaTeX tables without rules space rows by less than a line (fixture sweep libraries latex-s7).
 */
export function whitespaceRowCuts(items: readonly TextItem[], boundaries: number[], options: LayoutOptions): number[] {
  // Lines per baseline, split at the column boundaries.
  const rows: TextLine[][] = baselineGroups(items, options.lines).map((g) => splitGroup(g, boundaries.slice(1, -1), options.lines));
  const lines = rows.flat();
  if (!lines.length) return [];
  const size =
    median(
      lines.map((l) => l.fontSize),
      10,
    ) || 10;
  // The leading: the gap between consecutive lines of one column.
  const leading: number[] = [];
  for (let c = 0; c < boundaries.length - 1; c++) {
    const col = lines.filter((l) => midX(l.bbox) >= boundaries[c]! && midX(l.bbox) < boundaries[c + 1]!).sort((a, b) => a.bbox.top - b.bbox.top);
    for (let k = 1; k < col.length; k++) {
      // Only lines of one paragraph (baselines at most 1.6 sizes apart): short cells would
      // otherwise make the gaps between rows the typical ones.
      if (col[k]!.baseline - col[k - 1]!.baseline <= 1.6 * size) leading.push(col[k]!.bbox.top - col[k - 1]!.bbox.bottom);
    }
  }
  const normal = Math.max(0, median(leading, 0));
  const cuts: number[] = [];
  let reach = Math.max(...rows[0]!.map((l) => l.bbox.bottom));
  for (const row of rows.slice(1)) {
    const top = Math.min(...row.map((l) => l.bbox.top));
    const gap = top - reach;
    const firstColumn = row.some((l) => midX(l.bbox) < boundaries[1]!);
    if (gap >= normal + options.whitespaceRowGap * size && firstColumn) cuts.push(reach + gap / 2);
    reach = Math.max(reach, ...row.map((l) => l.bbox.bottom));
  }
  return cuts;
}

/**
 * Given a table part's boundaries, body text (inside its extent) and horizontal rulings, return
 * the row cuts between bodyTop and bottom, top to bottom.
 */
export function findRowCuts(inside: readonly TextItem[], boundaries: number[], h: readonly Ruling[], bodyTop: number, bottom: number, options: LayoutOptions): RowCut[] {
  const x0 = boundaries[0]!,
    x1 = boundaries[boundaries.length - 1]!;
  const width = x1 - x0;
  const tol = options.rulingMergeTolerance;
  const columns = boundaries.slice(0, -1).map((b, k) => [b, boundaries[k + 1]!] as const);
  const ys = [...new Set(h.filter((r) => r.position > bodyTop - 3 && r.position < bottom + 2).map((r) => r.position))].sort((a, b) => a - b);
  const cuts: RowCut[] = [];
  for (const y of ys) {
    if (cuts.length && y - cuts[cuts.length - 1]!.y <= tol * 2) continue;
    const crossed = columns.map(([a, b]) => horizontalCoverage(h, y, a, b, tol) >= options.columnCrossShare * (b - a));
    const share = columns.reduce((s, [a, b], k) => s + (crossed[k] ? b - a : 0), 0) / width;
    if (share < options.rowRulingSpan) continue;
    cuts.push({ y, ruled: true, crossed });
  }
  const interior = cuts.filter((c) => c.y > bodyTop + 2 && c.y < bottom - 2 && inside.some((i) => i.bbox.top > c.y) && inside.some((i) => i.bbox.bottom < c.y));
  if (interior.length) return interior;
  // A part between rules with none inside is one row (or a piece of one) of a ruled table: gaps
  // in its text are paragraph gaps, not rows (sweep adult-skills lo-s7, a row's last lines).
  const ruledEdge = (y: number) => horizontalCoverage(h, y, x0, x1, 3) >= options.rowRulingSpan * width;
  if (ruledEdge(bodyTop) && ruledEdge(bottom)) return [];
  return whitespaceRowCuts(inside, boundaries, options).map((y) => ({ y, ruled: false, crossed: columns.map(() => true) }));
}
