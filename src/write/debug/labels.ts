/**
 * Where the debug overlay's labels go on one page (issue #14: the 4 pt labels were unreadable
 * below 200 % zoom). Pure: boxes in, boxes out — points, top-left origin of the page as read.
 *
 * Each label is a small tag of one or more lines at a size readable at 100 % zoom. A cell's
 * label goes inside its cell where a free spot shows no text (the right end of a short first
 * line, or of the last line); otherwise, and always for notes, it goes beside the table: in
 * the page's left margin (left-hand cells, when the margin is wide enough) or in a gutter to
 * the right of everything on the page, stacked so that no two labels overlap, with a thin
 * leader line to what it names. When the page has no room on the right, the gutter lies past
 * the page's edge and the caller widens the page by `extension` points (Word's "markup area"
 * does the same for comments). Several gutter columns are used when one would overflow.
 */
import type { BBox } from '../../types.ts';

/** How a label line looks; the drawing code maps it to colours. */
export type LabelStyle = 'cell' | 'note' | 'check' | 'hint';

/** One line of a label: its text (drawable in Helvetica) and style; `color` is the ink, `#rrggbb`. */
export interface LabelLine {
  text: string;
  style: LabelStyle;
  color: string;
}

/** A label to place. */
export interface LabelRequest {
  lines: LabelLine[];
  /** What the label names (a cell), for the leader line; null for a page note (no leader). */
  target: BBox | null;
  /** `inside`: try a free spot in `target` first; `margin`: beside the table only. */
  prefer: 'inside' | 'margin';
  /** The margin wanted when it goes beside the table. The left one is used only when wide enough. */
  side: 'left' | 'right';
}

/** A placed label: its box, each line's top-left corner, and its leader line (if any). */
export interface PlacedLabel {
  request: LabelRequest;
  box: BBox;
  lines: Array<LabelLine & { x: number; top: number }>;
  where: 'inside' | 'left' | 'right';
  leader: { x0: number; y0: number; x1: number; y1: number } | null;
}

/** The labels of one page and the gutter they need. */
export interface LabelPlan {
  labels: PlacedLabel[];
  /** The gutter's x range (as read), or null when no label went to the right. */
  gutter: { x0: number; x1: number } | null;
  /** Points to add to the page's right edge (as read) so the gutter fits; 0 when it already does. */
  extension: number;
}

/** Sizes of the labels, in points. */
export interface LabelMetrics {
  /** Text size: 7.5 pt reads at 100 % zoom (issue #14 asked for about 7–8 pt). */
  size: number;
  /** Distance between the tops of two lines of one label. */
  lineHeight: number;
  /** Padding inside a label's box, left/right and top/bottom. */
  padX: number;
  padY: number;
  /** Space between two stacked labels, and between a label and what it must not touch. */
  gap: number;
  /** Distance from a cell's edges kept by a label inside it (stays clear of the cell's rules). */
  inset: number;
  /** The widest a gutter label may be; longer lines are wrapped at spaces. */
  maxWidth: number;
  /** Distance kept from the page's (widened) edges. */
  pageMargin: number;
  /** Space between the page's content and the gutter. */
  gutterGap: number;
}

/**
 * Defaults: 7.5 pt text (issue #14), line pitch 1.2 em; `inset` clears the "check me" outline
 * drawn 1.2 pt outside a neighbouring cell (style.ts CHECK); the rest chosen by eye at 60 and 100 dpi.
 */
export const LABEL_METRICS: LabelMetrics = { size: 7.5, lineHeight: 9, padX: 1.5, padY: 0.5, gap: 1.5, inset: 2.5, maxWidth: 190, pageMargin: 6, gutterGap: 8 };

/** What the page holds, as far as placing labels goes. */
export interface LabelPage {
  width: number;
  height: number;
  /** Things a label must not cover: text items, RAG dots and chips. */
  obstacles: BBox[];
  /** x of the leftmost and rightmost content on the page (text, rules, tables, images). */
  contentLeft: number;
  contentRight: number;
}

/**
 * Wrap `text` at spaces so each line is at most `max` wide (a single longer word stays whole).
 * @param width measures a string at the label size, in points.
 */
export function wrapText(text: string, max: number, width: (s: string) => number): string[] {
  const words = text.split(' ').filter(Boolean);
  const out: string[] = [];
  let line = '';
  for (const w of words) {
    const next = line ? `${line} ${w}` : w;
    if (line && width(next) > max) {
      out.push(line);
      line = w;
    } else line = next;
  }
  if (line || !out.length) out.push(line);
  return out;
}

/**
 * A free spot for a w × h box inside `cell`: along its top band, then its bottom band, the
 * rightmost position whose box touches none of `blocked` (text ends at the left, so the right
 * end of a line is where room is). Null when the cell is too small or every spot is taken.
 */
function spotInside(cell: BBox, w: number, h: number, blocked: readonly BBox[], m: LabelMetrics): { x: number; top: number } | null {
  const xmin = cell.x0 + m.inset,
    xmax = cell.x1 - m.inset - w;
  if (xmax < xmin || cell.bottom - cell.top - 2 * m.inset < h) return null;
  const bands = [cell.top + m.inset, cell.bottom - m.inset - h];
  for (const top of bands) {
    const inBand = blocked.filter((o) => o.bottom > top - m.gap / 2 && o.top < top + h + m.gap / 2 && o.x1 > xmin && o.x0 < cell.x1);
    let x = xmax;
    while (x >= xmin) {
      const hits = inBand.filter((o) => o.x1 > x - m.gap / 2 && o.x0 < x + w + m.gap / 2);
      if (!hits.length) return { x, top };
      x = Math.min(...hits.map((o) => o.x0)) - m.gap / 2 - w;
    }
  }
  return null;
}

/**
 * Tops for boxes of heights `h` wanted at tops `want` (same order, sorted by `want`), stacked
 * in [lo, hi] without overlap: each as near its wish as the ones before allow, the whole stack
 * pushed up from the bottom if it runs over. Assumes the heights fit in [lo, hi].
 */
function stack(want: readonly number[], h: readonly number[], lo: number, hi: number, gap: number): number[] {
  const tops: number[] = [];
  for (let i = 0; i < want.length; i++) tops.push(Math.max(want[i]!, lo, i ? tops[i - 1]! + h[i - 1]! + gap : lo));
  for (let i = want.length - 1; i >= 0; i--) {
    const limit = i === want.length - 1 ? hi : tops[i + 1]! - gap;
    if (tops[i]! + h[i]! > limit) tops[i] = limit - h[i]!;
  }
  for (let i = 0; i < want.length; i++) tops[i] = Math.max(tops[i]!, lo, i ? tops[i - 1]! + h[i - 1]! + gap : lo);
  return tops;
}

const total = (h: readonly number[], gap: number) => h.reduce((s, v) => s + v, 0) + gap * Math.max(0, h.length - 1);

/**
 * Place every label of a page (see the module comment for the rules). Deterministic: the
 * requests are placed in the order given (ties in the stacks keep it).
 * @param width measures a string at `metrics.size`, in points (Helvetica's widths).
 */
export function placeLabels(page: LabelPage, requests: readonly LabelRequest[], width: (s: string) => number, metrics: LabelMetrics = LABEL_METRICS): LabelPlan {
  const m = metrics;
  const size = (lines: readonly LabelLine[]) => ({ w: Math.max(...lines.map((l) => width(l.text))) + 2 * m.padX, h: lines.length * m.lineHeight + 2 * m.padY });
  const blocked: BBox[] = [...page.obstacles];
  const placed: PlacedLabel[] = [];
  const left: LabelRequest[] = [];
  const right: LabelRequest[] = [];
  const lineTops = (lines: readonly LabelLine[], x: number, top: number) => lines.map((l, k) => ({ ...l, x: x + m.padX, top: top + m.padY + k * m.lineHeight }));

  // 1. Inside the cell, where that covers no text.
  for (const r of requests) {
    if (r.prefer === 'inside' && r.target) {
      const { w, h } = size(r.lines);
      const at = spotInside(r.target, w, h, blocked, m);
      if (at) {
        const box = { x0: at.x, top: at.top, x1: at.x + w, bottom: at.top + h };
        blocked.push(box);
        placed.push({ request: r, box, lines: lineTops(r.lines, at.x, at.top), where: 'inside', leader: null });
        continue;
      }
    }
    (r.side === 'left' ? left : right).push(r);
  }

  const lo = m.pageMargin,
    hi = page.height - m.pageMargin;
  const want = (r: LabelRequest) => (r.target ? Math.max(lo, r.target.top) : lo);
  const byWish = (rs: LabelRequest[]) =>
    rs
      .map((r, i) => ({ r, i }))
      .sort((a, b) => want(a.r) - want(b.r) || a.i - b.i)
      .map((x) => x.r);

  // 2. The left margin, for left-hand cells whose labels fit there; the rest go right.
  const leftEdge = Math.min(page.contentLeft, page.width) - m.gutterGap / 2;
  const leftRoom = leftEdge - m.pageMargin;
  const fitLeft = left.filter((r) => size(r.lines).w <= leftRoom);
  const leftHeights = fitLeft.map((r) => size(r.lines).h);
  if (fitLeft.length && total(leftHeights, m.gap) <= hi - lo) {
    const order = byWish(fitLeft);
    const heights = order.map((r) => size(r.lines).h);
    const tops = stack(order.map(want), heights, lo, hi, m.gap);
    order.forEach((r, k) => {
      const { w, h } = size(r.lines);
      const box = { x0: leftEdge - w, top: tops[k]!, x1: leftEdge, bottom: tops[k]! + h };
      placed.push({ request: r, box, lines: lineTops(r.lines, box.x0, box.top), where: 'left', leader: leaderFrom(box, r.target, 'left', m) });
    });
    right.push(...left.filter((r) => !fitLeft.includes(r)));
  } else right.push(...left);

  // 3. The gutter on the right, in as many columns as its labels need.
  if (!right.length) return { labels: placed, gutter: null, extension: 0 };
  const x0 = Math.max(0, Math.min(page.contentRight, page.width)) + m.gutterGap;
  // Lines wider than the gutter allows are wrapped; the continuation lines are indented.
  const wrapped = right.map((r) => ({
    ...r,
    lines: r.lines.flatMap((l) => wrapText(l.text, m.maxWidth - 2 * m.padX, width).map((text, k) => ({ ...l, text: k ? `   ${text}` : text }))),
  }));
  const colWidth = Math.max(...wrapped.map((r) => size(r.lines).w));
  const order = byWish(wrapped);
  const heights = order.map((r) => size(r.lines).h);
  let columns = Math.max(1, Math.ceil(total(heights, m.gap) / (hi - lo)));
  let assignment: number[][] = [];
  for (; columns <= order.length; columns++) {
    // Round robin in page order keeps each column's labels spread over the height, near their rows.
    assignment = Array.from({ length: columns }, (_, c) => order.map((_, k) => k).filter((k) => k % columns === c));
    if (
      assignment.every(
        (ks) =>
          total(
            ks.map((k) => heights[k]!),
            m.gap,
          ) <=
          hi - lo,
      )
    )
      break;
  }
  assignment.forEach((ks, c) => {
    const cx = x0 + c * (colWidth + m.gutterGap);
    const tops = stack(
      ks.map((k) => want(order[k]!)),
      ks.map((k) => heights[k]!),
      lo,
      hi,
      m.gap,
    );
    ks.forEach((k, j) => {
      const r = order[k]!;
      const { w, h } = size(r.lines);
      const box = { x0: cx, top: tops[j]!, x1: cx + w, bottom: tops[j]! + h };
      placed.push({ request: right[wrapped.indexOf(r)]!, box, lines: lineTops(r.lines, cx, box.top), where: 'right', leader: leaderFrom(box, r.target, 'right', m) });
    });
  });
  const x1 = x0 + assignment.length * colWidth + (assignment.length - 1) * m.gutterGap;
  return { labels: placed, gutter: { x0, x1 }, extension: Math.max(0, x1 + m.pageMargin - page.width) };
}

/** A leader from the label's first line to the nearest point of the target's facing edge. */
function leaderFrom(box: BBox, target: BBox | null, side: 'left' | 'right', m: LabelMetrics): PlacedLabel['leader'] {
  if (!target) return null;
  const y = box.top + m.padY + m.lineHeight / 2;
  const ty = Math.min(Math.max(y, target.top + 1), target.bottom - 1);
  return side === 'right' ? { x0: box.x0, y0: y, x1: target.x1, y1: ty } : { x0: box.x1, y0: y, x1: target.x0, y1: ty };
}
