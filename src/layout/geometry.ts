/**
 * Small geometry helpers shared by the layout and tracker stages (pdfplumber's
 * utils/geometry.py in spirit). Boxes are in points, top-left origin.
 */
import type { BBox } from '../types.ts';

/** The smallest box holding both. */
export function union(a: BBox, b: BBox): BBox {
  return { x0: Math.min(a.x0, b.x0), top: Math.min(a.top, b.top), x1: Math.max(a.x1, b.x1), bottom: Math.max(a.bottom, b.bottom) };
}

/** The union of many boxes; null for none. */
export function unionAll(boxes: readonly BBox[]): BBox | null {
  let out: BBox | null = null;
  for (const b of boxes) out = out ? union(out, b) : { ...b };
  return out;
}

/** Length of the overlap of [a0, a1] and [b0, b1] (0 when apart). */
export function overlap1d(a0: number, a1: number, b0: number, b1: number): number {
  return Math.max(0, Math.min(a1, b1) - Math.max(a0, b0));
}

/** Horizontal and vertical midpoints of a box. */
export const midX = (b: BBox): number => (b.x0 + b.x1) / 2;
export const midY = (b: BBox): number => (b.top + b.bottom) / 2;

/** The middle value (upper middle for an even count); `fallback` for none. */
export function median(values: readonly number[], fallback = 0): number {
  if (!values.length) return fallback;
  const s = [...values].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)]!;
}

/** Total length covered by intervals (overlaps counted once), clipped to [lo, hi]. */
export function coveredLength(intervals: ReadonlyArray<readonly [number, number]>, lo: number, hi: number): number {
  const clipped = intervals
    .map(([a, b]) => [Math.max(a, lo), Math.min(b, hi)] as const)
    .filter(([a, b]) => b > a)
    .sort((p, q) => p[0] - q[0]);
  let total = 0;
  let end = -Infinity;
  for (const [a, b] of clipped) {
    if (b <= end) continue;
    total += b - Math.max(a, end);
    end = b;
  }
  return total;
}

/** True when a colour is white or near white (every channel above `nearWhite`). */
export function isNearWhite(fill: readonly [number, number, number], nearWhite: number): boolean {
  return Math.min(...fill) > nearWhite;
}
