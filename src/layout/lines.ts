/**
 * Text items → text lines. pdf.js gives glyph runs in content-stream order; a line is rebuilt by
 * clustering baselines with a tolerance (never by exact coordinates — the bug of
 * adrienjoly/npm-pdfreader's TableParser) and ordering runs left to right.
 */
import type { BBox, TextItem } from '../types.ts';

/** A run of text items sharing a baseline, left to right, with no wide gap inside. */
export interface TextLine {
  items: TextItem[];
  text: string;
  bbox: BBox;
  baseline: number;
  /** The largest font size on the line (points). */
  fontSize: number;
  /** True when every item is bold. */
  bold: boolean;
  pageNumber: number;
}

/** Tolerances for building lines. */
export interface LineOptions {
  /**
   * Items whose baselines differ by at most this fraction of the font size are on one line.
   * 0.35: tolerates superscripts' small shifts and rounding in every fixture, while lines of
   * a cell are ≥ 1.1 font sizes apart.
   */
  baselineTolerance: number;
  /**
   * A gap between runs wider than this fraction of the font size is a word space
   * (mozilla/pdf.js#10640: spaces may be missing; kerning gaps in LaTeX output stay < 0.1 em).
   */
  wordSpace: number;
  /**
   * A gap wider than this fraction of the font size splits a baseline into separate lines
   * (different columns). 0.9 em: column gutters in the corpus are ≥ 1.1 em, inter-word
   * spaces in justified text stay below it.
   */
  columnGap: number;
}

/** Defaults of {@link LineOptions}; each value's source is on its field. */
export const DEFAULT_LINE_OPTIONS: LineOptions = { baselineTolerance: 0.35, wordSpace: 0.15, columnGap: 0.9 };

/** Join items already on one line, left to right, inserting a space at word gaps. */
export function joinItems(items: TextItem[], wordSpace = DEFAULT_LINE_OPTIONS.wordSpace): string {
  let text = '';
  let prev: TextItem | null = null;
  for (const it of items) {
    if (prev) {
      const gap = it.bbox.x0 - prev.bbox.x1;
      const size = Math.max(prev.fontSize, it.fontSize);
      if (gap > wordSpace * size && !text.endsWith(' ')) text += ' ';
      // An overlapping duplicate run (fake bold drawn twice) adds nothing.
      else if (gap < -0.5 * (it.bbox.x1 - it.bbox.x0) && it.text === prev.text) continue;
    }
    text += it.text;
    prev = it;
  }
  return text.replace(/ {2,}/g, ' ');
}

function unionBox(items: TextItem[]): BBox {
  let x0 = Infinity,
    top = Infinity,
    x1 = -Infinity,
    bottom = -Infinity;
  for (const i of items) {
    x0 = Math.min(x0, i.bbox.x0);
    top = Math.min(top, i.bbox.top);
    x1 = Math.max(x1, i.bbox.x1);
    bottom = Math.max(bottom, i.bbox.bottom);
  }
  return { x0, top, x1, bottom };
}

/** Make a line from items on one baseline (sorted here by x). */
export function makeLine(items: TextItem[], wordSpace = DEFAULT_LINE_OPTIONS.wordSpace): TextLine {
  const sorted = [...items].sort((a, b) => a.bbox.x0 - b.bbox.x0);
  const first = sorted[0];
  if (!first) throw new RangeError('makeLine needs at least one text item');
  const fontSize = Math.max(...sorted.map((i) => i.fontSize));
  // The baseline of the dominant (largest) text, not of a superscript.
  const main = sorted.filter((i) => i.fontSize >= fontSize * 0.9);
  const baseline = main.reduce((s, i) => s + i.baseline, 0) / main.length;
  return {
    items: sorted,
    text: joinItems(sorted, wordSpace),
    bbox: unionBox(sorted),
    baseline,
    fontSize,
    bold: sorted.every((i) => i.bold),
    pageNumber: first.pageNumber,
  };
}

/**
 * Cluster items into baseline groups (each group = every run on one baseline of the page,
 * across all columns), top to bottom.
 */
export function baselineGroups(items: readonly TextItem[], options: LineOptions = DEFAULT_LINE_OPTIONS): TextItem[][] {
  const sorted = [...items].sort((a, b) => a.baseline - b.baseline || a.bbox.x0 - b.bbox.x0);
  const groups: Array<{ baseline: number; size: number; items: TextItem[] }> = [];
  for (const it of sorted) {
    const g = groups[groups.length - 1];
    if (g && Math.abs(it.baseline - g.baseline) <= options.baselineTolerance * Math.max(g.size, it.fontSize)) {
      g.items.push(it);
      if (it.fontSize > g.size) g.size = it.fontSize;
    } else {
      groups.push({ baseline: it.baseline, size: it.fontSize, items: [it] });
    }
  }
  return groups.map((g) => g.items);
}

/**
 * Split one baseline group into lines at wide gaps or at the given x boundaries.
 * @param boundaries x positions (points) that always split, e.g. column boundaries.
 */
export function splitGroup(group: TextItem[], boundaries: number[] = [], options: LineOptions = DEFAULT_LINE_OPTIONS): TextLine[] {
  const sorted = [...group].sort((a, b) => a.bbox.x0 - b.bbox.x0);
  const lines: TextItem[][] = [];
  let cur: TextItem[] = [];
  for (const it of sorted) {
    const prev = cur[cur.length - 1];
    if (prev) {
      const gap = it.bbox.x0 - prev.bbox.x1;
      const mid = (it.bbox.x0 + it.bbox.x1) / 2;
      const prevMid = (prev.bbox.x0 + prev.bbox.x1) / 2;
      const crosses = boundaries.some((b) => prevMid < b && mid >= b);
      if (crosses || gap > options.columnGap * Math.max(prev.fontSize, it.fontSize)) {
        lines.push(cur);
        cur = [];
      }
    }
    cur.push(it);
  }
  if (cur.length) lines.push(cur);
  return lines.map((l) => makeLine(l, options.wordSpace));
}

/** All lines of a page: baseline groups split at wide gaps, top to bottom, left to right. */
export function pageLines(items: TextItem[], options: LineOptions = DEFAULT_LINE_OPTIONS): TextLine[] {
  return baselineGroups(items, options).flatMap((g) => splitGroup(g, [], options));
}
