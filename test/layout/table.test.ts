import { describe, it, expect } from 'vitest';
import { findTables, mergeRulings } from '../../src/layout/table.ts';
import { classifyHeader } from '../../src/tracker/vocabulary.ts';
import { item, lines, page, rect, ruling } from '../helpers/factories.ts';

/** A 3-column ruled table: header at y 100, two rows separated by rules. */
function ruledPage() {
  const xs = [50, 200, 350, 500];
  const items = [
    item({ text: 'Recommendation', x0: 55, top: 100, bold: true }),
    item({ text: 'Response', x0: 205, top: 100, bold: true }),
    item({ text: 'Progress', x0: 355, top: 100, bold: true }),
    ...lines(['Recommendation 1:', 'Do the thing.'], { x0: 55, top: 125 }),
    ...lines(['Agreed.'], { x0: 205, top: 125 }),
    ...lines(['Accepted.'], { x0: 355, top: 125 }),
    ...lines(['Recommendation 2:', 'Do more.'], { x0: 55, top: 165 }),
    ...lines(['Not agreed.'], { x0: 205, top: 165 }),
    ...lines(['Not accepted.'], { x0: 355, top: 165 }),
  ];
  const rulings = [95, 115, 155, 195].map((y) => ruling('h', y, 50, 500)).concat(xs.map((x) => ruling('v', x, 95, 195)));
  return page({ items, rulings, rects: [rect(350, 115, 500, 155, [0, 0.7, 0.3]), rect(350, 155, 500, 195, [0.9, 0.1, 0.1])] });
}

describe('findTables', () => {
  it('finds a ruled table: columns at the rulings, rows at the rules, shading per cell', () => {
    const { tables } = findTables([ruledPage()], classifyHeader);
    expect(tables).toHaveLength(1);
    const t = tables[0];
    expect(t!.method).toBe('ruled');
    expect(t!.columns.map((c) => [c.key, c.x0, c.x1])).toEqual([
      ['recommendation', 50, 200],
      ['response', 200, 350],
      ['progress', 350, 500],
    ]);
    const segs = t!.parts[0]!.segments;
    expect(segs).toHaveLength(2);
    expect(segs[0]!.top).toBe(115); // the body starts under the header rule, not at the header text
    expect(segs.map((s) => s.cells[2]!.fill)).toEqual([
      [0, 0.7, 0.3],
      [0.9, 0.1, 0.1],
    ]);
    expect(segs.map((s) => s.cells[1]!.items.map((i) => i.text))).toEqual([['Agreed.'], ['Not agreed.']]);
  });

  it('returns [] when no header matches the vocabulary, and reports what it saw', () => {
    const p = page({ items: [item({ text: 'Name', x0: 50, top: 100 }), item({ text: 'Age', x0: 200, top: 100 }), item({ text: 'Town', x0: 350, top: 100 })] });
    const { tables, headers } = findTables([p], classifyHeader);
    expect(tables).toEqual([]);
    expect(headers).toEqual([]);
  });

  it('continues a table on the next page under its repeated header', () => {
    const p2 = ruledPage();
    const second = { ...p2, pageNumber: 2, items: p2.items.map((i) => ({ ...i, pageNumber: 2 })), rulings: p2.rulings.map((r) => ({ ...r, pageNumber: 2 })), rects: [] };
    const { tables } = findTables([ruledPage(), second], classifyHeader);
    expect(tables).toHaveLength(1);
    expect(tables[0]!.pages).toEqual([1, 2]);
  });

  it('reads a whitespace table with centred headers: gutters from the body text', () => {
    const items = [
      item({ text: 'Recommendation', x0: 90, top: 100, bold: true }),
      item({ text: 'Response', x0: 250, top: 100, bold: true }),
      item({ text: 'Status', x0: 405, top: 100, bold: true }),
      ...lines(['R1 The Mayor should act now', 'and report back.'], { x0: 50, top: 125 }),
      ...lines(['The Mayor agreed and will', 'report in May.'], { x0: 210, top: 125 }),
      ...lines(['In progress.'], { x0: 370, top: 125 }),
    ];
    const { tables } = findTables([page({ items })], classifyHeader);
    const t = tables[0];
    expect(t!.method).toBe('whitespace');
    expect(t!.columns.map((c) => c.header)).toEqual(['Recommendation', 'Response', 'Status']);
    const cells = t!.parts[0]!.segments.flatMap((s) => s.cells.map((c) => c.items.map((i) => i.text).join(' | ')));
    expect(cells).toEqual(['R1 The Mayor should act now | and report back.', 'The Mayor agreed and will | report in May.', 'In progress.']);
  });
});

describe('mergeRulings', () => {
  it('joins collinear segments that touch (Chromium draws borders per cell)', () => {
    const merged = mergeRulings([ruling('h', 100, 50, 200), ruling('h', 100.5, 200.5, 350), ruling('h', 130, 50, 350)], 1.5);
    expect(merged.map((r) => [r.position, r.start, r.end])).toEqual([
      [100, 50, 350],
      [130, 50, 350],
    ]);
  });
});

describe('RAG dots', () => {
  it('reads a coloured circle in a RAG column (no word, no cell shading)', async () => {
    const { tableToDrafts } = await import('../../src/tracker/assemble.ts');
    const items = [
      item({ text: 'Recommendation', x0: 55, top: 100, bold: true }),
      item({ text: 'Response', x0: 205, top: 100, bold: true }),
      item({ text: 'Progress', x0: 355, top: 100, bold: true }),
      item({ text: 'RAG', x0: 505, top: 100, bold: true }),
      ...lines(['R1', 'Do the thing.'], { x0: 55, top: 125 }),
      ...lines(['We will.'], { x0: 205, top: 125 }),
      ...lines(['Under way.'], { x0: 355, top: 125 }),
    ];
    const xs = [50, 200, 350, 500, 560];
    const rulings = [95, 115, 155].map((y) => ruling('h', y, 50, 560)).concat(xs.map((x) => ruling('v', x, 95, 155)));
    const p = page({ items, rulings, marks: [rect(524, 128, 534, 138, [0.1, 0.6, 0.2])] });
    const { tables } = findTables([p], classifyHeader);
    const { drafts } = tableToDrafts(tables[0]!, { keepHyphen: () => ({ keep: true, evidence: 'producer' }), paragraphStep: 1.2 });
    expect(drafts.map((d) => [d.id, d.rag, d.ragSource])).toEqual([['1', 'green', 'column']]);
  });
});
