/**
 * Small factories for layout and tracker tests (DESIGN.md "Tests"): text items, rulings and
 * pages in points, top-left origin, without a PDF.
 */
import type { FilledRect, Page, Ruling, TextItem } from '../../src/types.ts';

/** A text item whose box is estimated from its text: 0.5 em per character, ascent 0.8, descent 0.2. */
export function item(p: { text: string; x0: number; top: number; size?: number; bold?: boolean; page?: number; width?: number; color?: [number, number, number] }): TextItem {
  const size = p.size ?? 10;
  const width = p.width ?? p.text.length * size * 0.5;
  return {
    text: p.text,
    bbox: { x0: p.x0, x1: p.x0 + width, top: p.top, bottom: p.top + size },
    baseline: p.top + size * 0.8,
    fontSize: size,
    fontName: p.bold ? 'bold' : 'regular',
    bold: p.bold ?? false,
    pageNumber: p.page ?? 1,
    color: p.color ?? [0, 0, 0],
  };
}

/** A ruling: 'h' at y = position from start to end (x), or 'v' at x = position (y range). */
export function ruling(orientation: 'h' | 'v', position: number, start: number, end: number, page = 1): Ruling {
  return { orientation, position, start, end, pageNumber: page };
}

export function rect(x0: number, top: number, x1: number, bottom: number, fill: [number, number, number], page = 1): FilledRect {
  return { bbox: { x0, top, x1, bottom }, fill, pageNumber: page };
}

export function page(p: Partial<Page> & { items: TextItem[] }): Page {
  return {
    pageNumber: 1,
    width: 595,
    height: 842,
    rotation: 0,
    toUserSpace: [1, 0, 0, -1, 0, 842],
    rotated: [],
    hidden: [],
    textLayer: 'visible',
    images: [],
    rulings: [],
    rects: [],
    marks: [],
    ...p,
  };
}

/**
 * Lines of text as items, one per line, `pitch` apart, starting at `top`.
 * @example lines(['first line', 'second line'], { x0: 50, top: 100 })
 */
export function lines(texts: string[], p: { x0: number; top: number; pitch?: number; size?: number; bold?: boolean; page?: number }): TextItem[] {
  const pitch = p.pitch ?? (p.size ?? 10) * 1.2;
  return texts.map((text, k) => item({ text, x0: p.x0, top: p.top + k * pitch, size: p.size, bold: p.bold, page: p.page }));
}
