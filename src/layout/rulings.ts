/**
 * Step 1 of the table finder: a page's rulings merged once (pdfplumber's `merge_edges`).
 * Chromium draws a border per cell and LibreOffice may draw a rule twice; collinear pieces that
 * touch or overlap become one ruling.
 */
import type { Page, Ruling } from '../types.ts';
import { coveredLength } from './geometry.ts';

/** A page's rulings, merged, by orientation. */
export interface PageRulings {
  h: Ruling[];
  v: Ruling[];
}

/** Merge collinear rulings of one orientation that touch or overlap. */
export function mergeRulings(rulings: readonly Ruling[], tolerance: number): Ruling[] {
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

/** Given a page, return its horizontal and vertical rulings, merged. */
export function pageRulings(page: Page, tolerance: number): PageRulings {
  return {
    h: mergeRulings(
      page.rulings.filter((r) => r.orientation === 'h'),
      tolerance,
    ),
    v: mergeRulings(
      page.rulings.filter((r) => r.orientation === 'v'),
      tolerance,
    ),
  };
}

/** Length of [x0, x1] covered by horizontal rulings at y (± tolerance). */
export function horizontalCoverage(h: readonly Ruling[], y: number, x0: number, x1: number, tolerance: number): number {
  return coveredLength(
    h.filter((r) => Math.abs(r.position - y) <= tolerance).map((r) => [r.start, r.end] as const),
    x0,
    x1,
  );
}
