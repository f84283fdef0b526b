/**
 * Where the debug overlay's labels go (src/write/debug/labels.ts, issue #14), on small made-up
 * pages: inside a cell only where no text is, else in the left margin or the right gutter,
 * stacked without overlap, with a leader to the cell, and the page widened only as far as needed.
 */
import { describe, it, expect } from 'vitest';
import { placeLabels, wrapText, LABEL_METRICS, type LabelRequest, type PlacedLabel } from '../../src/write/debug/labels.ts';
import type { BBox } from '../../src/types.ts';

/** 4 pt per character: easy to reckon with. */
const width = (s: string) => 4 * s.length;
const box = (x0: number, top: number, x1: number, bottom: number): BBox => ({ x0, top, x1, bottom });
const cellLabel = (text: string, target: BBox, side: 'left' | 'right' = 'right'): LabelRequest => ({
  lines: [{ text, style: 'cell', color: '#e6194b' }],
  target,
  prefer: 'inside',
  side,
});
const overlap = (a: PlacedLabel, b: PlacedLabel) => a.box.x0 < b.box.x1 && a.box.x1 > b.box.x0 && a.box.top < b.box.bottom && a.box.bottom > b.box.top;
const hits = (a: BBox, b: BBox) => a.x0 < b.x1 && a.x1 > b.x0 && a.top < b.bottom && a.bottom > b.top;
const page = { width: 400, height: 300, contentLeft: 50, contentRight: 350 };

describe('placeLabels', () => {
  it("puts a label at the right end of a cell's short first line, clear of its text", () => {
    const cell = box(50, 20, 250, 80);
    const text = [box(53, 24, 120, 33), box(53, 36, 245, 45)];
    const plan = placeLabels({ ...page, obstacles: text }, [cellLabel('#1 rec', cell)], width);
    const [l] = plan.labels;
    expect(l!.where).toBe('inside');
    expect(l!.box.x1).toBeCloseTo(250 - LABEL_METRICS.inset, 6);
    expect(l!.box.top).toBeCloseTo(20 + LABEL_METRICS.inset, 6);
    for (const t of text) expect(hits(l!.box, t)).toBe(false);
    expect(l!.leader).toBeNull();
    expect(plan).toMatchObject({ gutter: null, extension: 0 });
  });

  it("uses the cell's bottom band when its top is full, and the margin when the cell is full", () => {
    const cell = box(50, 20, 250, 80);
    const top = placeLabels({ ...page, obstacles: [box(53, 23, 245, 60)] }, [cellLabel('#1 rec', cell)], width);
    expect(top.labels[0]!.box.bottom).toBeCloseTo(80 - LABEL_METRICS.inset, 6);
    const full = placeLabels({ ...page, obstacles: [box(53, 23, 245, 78)] }, [cellLabel('#1 resp', cell)], width);
    const l = full.labels[0]!;
    expect(l.where).toBe('right');
    expect(l.box.x0).toBe(350 + LABEL_METRICS.gutterGap);
    expect(l.leader).toMatchObject({ x0: l.box.x0, x1: 250 });
    expect(l.leader!.y1).toBeGreaterThan(20);
    expect(l.leader!.y1).toBeLessThan(80);
  });

  it("a small cell's label goes to the left margin when it fits there, else to the right", () => {
    const small = box(50, 100, 60, 106);
    const left = placeLabels({ ...page, obstacles: [] }, [cellLabel('#1 rec', small, 'left')], width);
    expect(left.labels[0]!.where).toBe('left');
    expect(left.labels[0]!.box.x1).toBeLessThanOrEqual(50);
    expect(left.labels[0]!.leader).toMatchObject({ x1: 50 });
    const narrow = placeLabels({ ...page, contentLeft: 12, obstacles: [] }, [cellLabel('#1 rec', small, 'left')], width);
    expect(narrow.labels[0]!.where).toBe('right');
  });

  it('stacks many labels without overlap, inside the page, in more gutter columns when one would overflow', () => {
    const requests = Array.from({ length: 60 }, (_, k) => cellLabel(`#${k} prog`, box(300, 100 + k, 340, 101 + k)));
    const plan = placeLabels({ ...page, obstacles: [box(0, 0, 400, 300)] }, requests, width);
    expect(plan.labels).toHaveLength(60);
    for (const [i, a] of plan.labels.entries()) for (const b of plan.labels.slice(i + 1)) expect(overlap(a, b), `${a.lines[0]!.text} / ${b.lines[0]!.text}`).toBe(false);
    for (const l of plan.labels) {
      expect(l.box.top).toBeGreaterThanOrEqual(LABEL_METRICS.pageMargin);
      expect(l.box.bottom).toBeLessThanOrEqual(300 - LABEL_METRICS.pageMargin);
    }
    const columns = new Set(plan.labels.map((l) => l.box.x0));
    expect(columns.size).toBe(Math.ceil((60 * 10 + 59 * LABEL_METRICS.gap) / (300 - 2 * LABEL_METRICS.pageMargin)));
    // The page is widened by exactly what the gutter needs past its edge.
    expect(plan.extension).toBeCloseTo(plan.gutter!.x1 + LABEL_METRICS.pageMargin - 400, 6);
  });

  it('keeps a stacked label as near its row as the ones above allow', () => {
    const requests = [cellLabel('#1 prog', box(300, 200, 340, 205)), cellLabel('#2 prog', box(300, 202, 340, 207))];
    const plan = placeLabels({ ...page, obstacles: [box(300, 200, 340, 207)] }, requests, width);
    expect(plan.labels.map((l) => l.box.top)).toEqual([200, 200 + 10 + LABEL_METRICS.gap]);
    expect(plan.extension).toBe(0); // 358 + 30 + 6 < 400: the page's own margin holds it
  });

  it('wraps a gutter note wider than the gutter allows', () => {
    const long = 'check: ' + 'PAGE_BREAK, '.repeat(10);
    const plan = placeLabels({ ...page, obstacles: [] }, [{ lines: [{ text: long, style: 'check', color: '#000000' }], target: null, prefer: 'margin', side: 'right' }], width);
    const l = plan.labels[0]!;
    expect(l.lines.length).toBeGreaterThan(1);
    expect(l.box.x1 - l.box.x0).toBeLessThanOrEqual(LABEL_METRICS.maxWidth);
    expect(l.leader).toBeNull();
  });
});

describe('wrapText', () => {
  it('breaks at spaces within the width and keeps a longer word whole', () => {
    expect(wrapText('aa bb cc', 20, width)).toEqual(['aa bb', 'cc']);
    expect(wrapText('abcdefgh ij', 20, width)).toEqual(['abcdefgh', 'ij']);
    expect(wrapText('', 20, width)).toEqual(['']);
  });
});
