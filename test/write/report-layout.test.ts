/**
 * The report's layout on data (issue #10; CODE-REVIEW #5): the page plan is checked directly —
 * page-break rules, continuation labels, header rows, options, colours — with a fake
 * fixed-width face, so no PDF is read back and no layout constant is copied here.
 */
import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import { layoutReport, groupRecords, compareIds, MIN_LINES_AT_BREAK, CONTINUED, A4, type LayoutSettings } from '../../src/write/report/layout.ts';
import { COLOURS, RAG_STYLE } from '../../src/write/report/style.ts';
import type { Face } from '../../src/write/report/text.ts';
import type { ReportPlan } from '../../src/write/report/plan.ts';
import type { TrackerDocument, TrackerRecord } from '../../src/schema.ts';

/** Every character but CJK is printable; each is 0.5 em wide. */
const fakeFace = (): Face => {
  const chars = new Set<number>();
  for (let cp = 0x20; cp < 0x2fff; cp++) chars.add(cp);
  chars.add(0xfffd);
  return { chars, measure: (s, size) => [...s].length * size * 0.5, widths: new Map() };
};
const faces = () => ({ regular: fakeFace(), bold: fakeFace() });

const SETTINGS: LayoutSettings = {
  title: null,
  committee: null,
  subtitle: null,
  date: '1 May 2024',
  generated: '2024-05-01',
  landscape: false,
  sort: 'document',
  only: null,
  groupBy: 'table',
  withIntro: false,
};

function record(id: string, fields: Partial<TrackerRecord> = {}): TrackerRecord {
  return {
    id,
    label: `Recommendation ${id}`,
    recommendation: `Text ${id}.`,
    response: 'Agreed.',
    progress: 'Done.',
    rag: 'green',
    ragSource: 'fill',
    table: 1,
    pages: [],
    review: [],
    ...fields,
  };
}
function doc(records: TrackerRecord[], extra: Partial<TrackerDocument> = {}): TrackerDocument {
  return {
    schemaVersion: 2,
    source: { file: 't.pdf', pages: 1, sha256: '' },
    title: 'T',
    committee: 'C',
    intro: '',
    closing: '',
    columns: [],
    tables: [],
    records,
    warnings: [],
    ...extra,
  };
}

/** For each TR: per page, the number of lines in its tallest text cell (recommendation, response, progress). */
function rowPieces(plan: ReportPlan): Array<Array<{ page: number; lines: number }>> {
  const trs = plan.nodes.filter((n) => n.role === 'TR' && n.kids[0]?.role === 'TD');
  return trs.map((tr) => {
    const tds = tr.kids.slice(0, 3).map((k) => k.id);
    const pieces: Array<{ page: number; lines: number }> = [];
    plan.pages.forEach((p, page) => {
      const per = tds.map(
        (id) => new Set(p.items.filter((it) => it.kind === 'text' && 'node' in it.mark && it.mark.node === id).map((it) => (it.kind === 'text' ? it.baseline : 0))).size,
      );
      if (Math.max(...per) > 0) pieces.push({ page, lines: Math.max(...per) });
    });
    return pieces;
  });
}

const pageTexts = (plan: ReportPlan, page: number) => plan.pages[page]!.items.flatMap((it) => (it.kind === 'text' ? [it.text] : []));

describe('report layout (page plan)', () => {
  it(`never leaves fewer than ${MIN_LINES_AT_BREAK} lines of a row on either side of a page break; a continuation repeats the label`, () => {
    const sentences = (k: string, n: number) => Array.from({ length: n }, (_, j) => `${k}s${j} lorem ipsum dolor sit amet.`).join(' ');
    fc.assert(
      fc.property(fc.array(fc.tuple(fc.integer({ min: 0, max: 90 }), fc.integer({ min: 0, max: 30 }), fc.integer({ min: 0, max: 8 })), { minLength: 1, maxLength: 8 }), (rows) => {
        const records = rows.map(([a, b, c], i) =>
          record(String(i + 1), { recommendation: sentences(`r${i}a`, a), response: sentences(`r${i}b`, b), progress: sentences(`r${i}c`, c) }),
        );
        const plan = layoutReport([doc(records)], faces(), SETTINGS);
        rowPieces(plan).forEach((pieces, r) => {
          if (pieces.length < 2) return;
          for (const p of pieces) expect(p.lines, `record ${r + 1} on page ${p.page + 1}`).toBeGreaterThanOrEqual(MIN_LINES_AT_BREAK);
          for (const p of pieces.slice(1)) expect(pageTexts(plan, p.page)).toContain(`Recommendation ${r + 1} ${CONTINUED}`);
        });
      }),
      { numRuns: 60, seed: 20240501 },
    );
  });

  it('moves a short row to the next page rather than split it (a 5-line row never splits)', () => {
    let splitWouldHappen = 0;
    for (let pad = 0; pad < 120; pad += 2) {
      const records = [
        record('1', { recommendation: Array.from({ length: 300 + pad * 3 }, (_, k) => `w${k % 10}`).join(' ') }),
        record('2', { recommendation: 'word '.repeat(28).trim() }),
      ];
      const plan = layoutReport([doc(records)], faces(), SETTINGS);
      const [first, second] = rowPieces(plan);
      expect(second, `pad ${pad}`).toHaveLength(1);
      expect(second![0]!.lines).toBe(5);
      if (first!.at(-1)!.page < second![0]!.page) splitWouldHappen++;
    }
    expect(splitWouldHappen).toBeGreaterThan(0); // the loop did reach a page's foot
  });

  it('repeats the header row on every page of a table: tagged TH once, artifacts after', () => {
    const records = Array.from({ length: 40 }, (_, i) => record(String(i + 1), { recommendation: 'Long text. '.repeat(20) }));
    const plan = layoutReport([doc(records, { columns: ["Committee's recommendation", 'Mayor’s response', 'Current position'] })], faces(), SETTINGS);
    expect(plan.pages.length).toBeGreaterThan(3);
    for (const i of plan.pages.keys()) expect(pageTexts(plan, i), `page ${i + 1}`).toContain("Committee's recommendation");
    const ths = plan.nodes.filter((n) => n.role === 'TH');
    expect(ths).toHaveLength(4);
    expect(ths.every((t) => t.scope === 'Column')).toBe(true);
    const headerItems = plan.pages.slice(1).flatMap((p) => p.items.filter((it) => it.kind === 'text' && it.text === 'Mayor’s response'));
    expect(headerItems.every((it) => 'artifact' in it.mark)).toBe(true);
  });

  it('prints the label, or the id when there is none', () => {
    const plan = layoutReport([doc([record('1'), record('5', { label: '' })])], faces(), SETTINGS);
    const texts = pageTexts(plan, 0);
    expect(texts).toContain('Recommendation 1:');
    expect(texts).toContain('5:');
  });

  it('landscape: A4 turned, wider columns', () => {
    const plan = layoutReport([doc([record('1')])], faces(), { ...SETTINGS, landscape: true });
    expect([plan.pages[0]!.width, plan.pages[0]!.height]).toEqual([A4.height, A4.width]);
  });

  it('shows title, committee, subtitle and date on page 1, in that order', () => {
    const plan = layoutReport([doc([record('1')])], faces(), { ...SETTINGS, title: 'Shown title', committee: 'Shown committee', subtitle: 'Update for the June meeting' });
    const texts = pageTexts(plan, 0);
    const at = (s: string) => texts.indexOf(s);
    expect(at('Shown title')).toBeGreaterThan(-1);
    expect(at('Shown title')).toBeLessThan(at('Shown committee'));
    expect(at('Shown committee')).toBeLessThan(at('Update for the June meeting'));
    expect(at('Update for the June meeting')).toBeLessThan(at('1 May 2024'));
    expect(plan.title).toBe('Shown title');
  });

  it('chart: a Figure with the counts as alt text and a legend word per status, "Not rated" included', () => {
    const plan = layoutReport([doc([record('1'), record('2', { rag: 'red' }), record('3', { rag: null, ragSource: null })])], faces(), SETTINGS);
    const fig = plan.nodes.find((n) => n.role === 'Figure')!;
    expect(fig.alt).toBe('Bar chart of the RAG status of 3 recommendations: 1 red, 0 amber, 1 green, 1 not rated.');
    const figText = plan.pages[0]!.items.filter((it) => 'node' in it.mark && it.mark.node === fig.id && it.kind === 'text').map((it) => (it.kind === 'text' ? it.text : ''));
    expect(figText).toEqual(['1 Red', '0 Amber', '1 Green', '1 Not rated']);
    const bars = plan.pages[0]!.items.filter((it) => 'node' in it.mark && it.mark.node === fig.id && it.kind === 'rect' && it.height > 10);
    expect(bars.map((b) => (b.kind === 'rect' ? Math.round(b.width) : 0))).toEqual([172, 172, 172]);
  });

  it('--sort, --only and --group-by shape the printed tables', () => {
    const d = doc([record('10', { rag: 'amber' }), record('2', { rag: 'red' }), record('1', { rag: 'green' }), record('3', { rag: null }), record('4', { rag: 'red', table: 2 })], {
      tables: [
        { index: 1, heading: null, columns: [], pages: [1], method: 'ruled' },
        { index: 2, heading: 'Further recommendations (June 2023)', columns: [], pages: [1], method: 'ruled' },
      ],
    });
    const ids = (groups: ReturnType<typeof groupRecords>) => groups.map((g) => [g.heading, g.records.map((r) => r.id)]);
    expect(ids(groupRecords(d, { sort: 'document', only: null, groupBy: 'table' }))).toEqual([
      [null, ['10', '2', '1', '3']],
      ['Further recommendations (June 2023)', ['4']],
    ]);
    expect(ids(groupRecords(d, { sort: 'id', only: null, groupBy: 'table' }))).toEqual([
      [null, ['1', '2', '3', '10']],
      ['Further recommendations (June 2023)', ['4']],
    ]);
    expect(ids(groupRecords(d, { sort: 'rag', only: null, groupBy: 'table' }))).toEqual([
      [null, ['2', '10', '1', '3']],
      ['Further recommendations (June 2023)', ['4']],
    ]);
    expect(ids(groupRecords(d, { sort: 'document', only: ['red', 'amber'], groupBy: 'table' }))).toEqual([
      [null, ['10', '2']],
      ['Further recommendations (June 2023)', ['4']],
    ]);
    expect(ids(groupRecords(d, { sort: 'id', only: null, groupBy: 'rag' }))).toEqual([
      ['Red', ['2', '4']],
      ['Amber', ['10']],
      ['Green', ['1']],
      ['Not rated', ['3']],
    ]);
    const plan = layoutReport([d], faces(), { ...SETTINGS, only: ['red'] });
    expect(pageTexts(plan, 0)).toContain('This report lists the red recommendations only: 2 of 5.');
    expect(plan.nodes.filter((n) => n.role === 'TR').length).toBe(2 + 2); // 2 header rows + 2 records
  });

  it('natural id order', () => {
    expect(['10', '2', '1a', '1', 'R3', '2b'].sort(compareIds)).toEqual(['1', '1a', '2', '2b', '10', 'R3']);
  });

  it('with intro: the introduction before the tables and the closing after, as paragraphs', () => {
    const d = doc([record('1')], { intro: 'First paragraph of the intro.\n\nSecond paragraph.', closing: 'The Committee will return to this.' });
    const without = layoutReport([d], faces(), SETTINGS);
    expect(pageTexts(without, 0)).not.toContain('Second paragraph.');
    const plan = layoutReport([d], faces(), { ...SETTINGS, withIntro: true });
    const texts = pageTexts(plan, 0);
    expect(texts.indexOf('Second paragraph.')).toBeLessThan(texts.indexOf('Recommendation 1:'));
    expect(texts.indexOf('The Committee will return to this.')).toBeGreaterThan(texts.indexOf('Recommendation 1:'));
  });

  it('several documents: contents and count table on the cover, bookmarks per document and table', () => {
    const a = doc([record('1'), record('2', { table: 2 })], {
      title: 'Housing',
      tables: [
        { index: 1, heading: null, columns: [], pages: [1], method: 'ruled' },
        { index: 2, heading: 'Further', columns: [], pages: [1], method: 'ruled' },
      ],
    });
    const b = doc([record('1', { rag: 'red' })], { title: 'Transport', source: { file: 'b.pdf', pages: 1, sha256: '' } });
    const plan = layoutReport([a, b], faces(), SETTINGS);
    expect(plan.outline.map((o) => [o.title, o.page, o.children.map((c) => c.title)])).toEqual([
      ['Housing', 1, ['Further']],
      ['Transport', 2, []],
    ]);
    const cover = pageTexts(plan, 0);
    expect(cover).toContain('Contents');
    expect(cover).toContain('RAG status by document');
    expect(cover).toContain('All documents');
    expect(plan.nodes.filter((n) => n.role === 'TOCI')).toHaveLength(3);
    expect(plan.nodes.filter((n) => n.role === 'Sect')).toHaveLength(2);
  });

  it('warns about duplicate ids within one table', () => {
    const plan = layoutReport([doc([record('1'), record('2'), record('1')])], faces(), SETTINGS);
    expect(plan.warnings).toMatchObject([{ code: 'DUPLICATE_ID', ids: ['1'] }]);
  });

  it('colours: text on every fill has a WCAG contrast ratio of at least 4.5:1', () => {
    const lum = (hex: string) => {
      const [r, g, b] = [1, 3, 5].map((i) => Number.parseInt(hex.slice(i, i + 2), 16) / 255).map((c) => (c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4));
      return 0.2126 * r! + 0.7152 * g! + 0.0722 * b!;
    };
    const contrast = (a: string, b: string) => (Math.max(lum(a), lum(b)) + 0.05) / (Math.min(lum(a), lum(b)) + 0.05);
    for (const [rag, s] of Object.entries(RAG_STYLE)) expect(contrast(s.text, s.fill), rag).toBeGreaterThanOrEqual(4.5);
    for (const c of [COLOURS.text, COLOURS.muted, COLOURS.footer, COLOURS.accent, COLOURS.notRated]) expect(contrast(c, '#ffffff'), c).toBeGreaterThanOrEqual(4.5);
    expect(contrast(COLOURS.headerText, COLOURS.accent)).toBeGreaterThanOrEqual(4.5);
  });
});
