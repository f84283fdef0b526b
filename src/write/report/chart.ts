/**
 * The RAG summary chart (issue #10): one proportional bar, a segment per RAG status in its
 * colour, and a legend that prints every count with its word — RAG is never shown by colour
 * alone, and "Not rated" is always listed. Pure: returns draw items for the page plan; the
 * whole chart is one Figure in the structure tree, with the counts as its alternative text.
 */
import type { RagCounts } from '../../tracker/rag.ts';
import type { DrawItem, Mark } from './plan.ts';
import { width, type Faces } from './text.ts';
import { COLOURS, RAG_ORDER, RAG_STYLE } from './style.ts';

const BAR_HEIGHT = 14;
const LEGEND = { gap: 7, size: 9, swatch: 8, spacing: 18 } as const;
/** Height of the chart (bar, gap, legend line) in points. */
export const CHART_HEIGHT = BAR_HEIGHT + LEGEND.gap + LEGEND.size + 2;

/** The statuses the chart shows: red, amber, green, blue when any record is blue, not rated. */
function shown(counts: RagCounts) {
  return RAG_ORDER.filter((r) => r !== 'blue' || counts.blue > 0);
}

/** "RAG status of 12 recommendations: 1 red, 3 amber, 7 green, 1 not rated." */
export function chartAlt(counts: RagCounts, n: number): string {
  return `Bar chart of the RAG status of ${n} recommendation${n === 1 ? '' : 's'}: ${shown(counts)
    .map((r) => `${counts[r]} ${RAG_STYLE[r].word.toLowerCase()}`)
    .join(', ')}.`;
}

/**
 * Draw items of the chart in `box` (top-left origin, points), all marked with `mark`.
 * Segment widths are proportional to the counts; an empty set draws an empty, outlined bar.
 */
export function chartItems(counts: RagCounts, box: { x: number; top: number; width: number }, faces: Faces, mark: Mark): DrawItem[] {
  const items: DrawItem[] = [];
  const statuses = shown(counts);
  const total = statuses.reduce((n, r) => n + counts[r], 0);
  let x = box.x;
  if (total === 0) {
    items.push({ kind: 'rect', x: box.x, top: box.top, width: box.width, height: BAR_HEIGHT, fill: COLOURS.band, mark });
  } else {
    for (const r of statuses) {
      if (!counts[r]) continue;
      const w = (box.width * counts[r]) / total;
      items.push({ kind: 'rect', x, top: box.top, width: w, height: BAR_HEIGHT, fill: RAG_STYLE[r].fill, mark });
      x += w;
    }
  }
  // White gaps between segments keep neighbours apart for colour-blind readers.
  x = box.x;
  for (const r of statuses) {
    if (!counts[r]) continue;
    x += (box.width * counts[r]) / total;
    if (x < box.x + box.width - 0.5) items.push({ kind: 'line', x0: x, y0: box.top, x1: x, y1: box.top + BAR_HEIGHT, thickness: 1.5, colour: '#ffffff', mark });
  }
  let lx = box.x;
  const top = box.top + BAR_HEIGHT + LEGEND.gap;
  for (const r of statuses) {
    items.push({ kind: 'rect', x: lx, top: top + 0.5, width: LEGEND.swatch, height: LEGEND.swatch, fill: RAG_STYLE[r].fill, mark });
    const text = `${counts[r]} ${RAG_STYLE[r].word}`;
    items.push({ kind: 'text', x: lx + LEGEND.swatch + 4, baseline: top + LEGEND.size * 0.9, text, bold: false, size: LEGEND.size, colour: COLOURS.text, mark });
    lx += LEGEND.swatch + 4 + width(faces.regular, text, LEGEND.size) + LEGEND.spacing;
  }
  return items;
}
