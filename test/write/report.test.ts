/**
 * The report PDF is tested by reading it back (DESIGN.md "Tests"): pdf-lib for structure and
 * metadata, pdfjs-dist for the text — every word of every record must come back, in the
 * fonts' Unicode (curly quotes, £, é), with the header row on every page.
 */
import { describe, it, expect, beforeAll } from 'vitest';
import fc from 'fast-check';
import { PDFDocument } from 'pdf-lib';
import * as pdfjs from 'pdfjs-dist/legacy/build/pdf.mjs';
import { writeReport, REPORT_COLUMNS, type ReportFonts } from '../../src/write/report.ts';
import { loadReportFonts } from '../../src/node/fonts.ts';
import { WriteError } from '../../src/errors.ts';
import type { TrackerDocument, TrackerRecord } from '../../src/schema.ts';

const PAGE_HEIGHT = 841.89;

function record(id: string, fields: Partial<TrackerRecord>): TrackerRecord {
  return {
    id,
    label: `Recommendation ${id}`,
    recommendation: '',
    response: '',
    progress: '',
    rag: null,
    ragSource: null,
    table: 1,
    pages: [1],
    review: [],
    ...fields,
  };
}

/** ~2 pages of text in one cell: distinct, numbered sentences so a lost or doubled line shows. */
const longText = Array.from(
  { length: 45 },
  (_, i) =>
    `Finding ${i + 1}: the Committee’s office reviewed “flow” figures worth £${i + 1}m – officials said the café budget was final and sufficient for ward ${i + 1}.`,
).join(' ');

function sampleDoc(): TrackerDocument {
  return {
    schemaVersion: 2,
    source: { file: 'fixtures/sample-tracker.pdf', pages: 3, sha256: '' },
    intro: '',
    closing: '',
    title: 'Policing and crime: impact tracker',
    committee: 'Police and Crime Committee',
    columns: ['Recommendation', 'Response', 'Progress'],
    tables: [],
    warnings: [],
    records: [
      record('1', {
        recommendation: 'MOPAC should publish the ‘crime prevention’ strategy by March 2016 – and report on it.',
        response:
          'The Mayor’s Office agreed.\n\nIt listed three actions:\n• a “digital” review costing £40,000 across all thirty-two London boroughs and the City;\n• a survey of café owners in Zürich and Łódź;\n• training for ward officers\n\nA further update is due in the autumn.',
        progress: 'Accepted in full.',
        rag: 'green',
        ragSource: 'fill',
      }),
      record('2', {
        recommendation: 'The Met should report quarterly.',
        response: 'Partially agreed; first report\ndue in June.',
        progress: 'Some progress — the first report was published late.',
        rag: 'amber',
        ragSource: 'fill',
      }),
      record('3', {
        recommendation: 'Fund victim support at €2 million a year.',
        response: 'Not accepted.',
        progress: 'Rejected.',
        rag: 'red',
        ragSource: 'fill',
      }),
      record('4', {
        recommendation: longText,
        response: 'A long response will follow.',
        progress: 'Not yet assessed.',
        rag: null,
      }),
      record('5', { label: '', recommendation: 'An unlabelled recommendation.', response: 'Noted.', progress: 'None.' }),
    ],
  };
}

interface PageText {
  /** Text items (pdf-lib draws one item per line) with baseline y from the top. */
  items: Array<{ str: string; top: number; x: number }>;
}

// pdfjs-dist 6.x has no `isEvalSupported` option any more (it never evals); the copy is needed
// because getDocument detaches the buffer it is given.
async function readBack(bytes: Uint8Array): Promise<PageText[]> {
  const loadingTask = pdfjs.getDocument({ data: bytes.slice() });
  try {
    const doc = await loadingTask.promise;
    const pages: PageText[] = [];
    for (let n = 1; n <= doc.numPages; n++) {
      const page = await doc.getPage(n);
      const content = await page.getTextContent();
      const items = content.items
        .filter((it): it is Extract<typeof it, { str: string }> => 'str' in it && it.str.trim() !== '')
        .map((it) => ({ str: it.str, top: PAGE_HEIGHT - it.transform[5], x: it.transform[4] }));
      pages.push({ items });
      page.cleanup();
    }
    return pages;
  } finally {
    await loadingTask.destroy();
  }
}

const words = (s: string): string[] => s.split(/\s+/).filter(Boolean);

/** Remove each of `remove` once from `from` (multiset difference); returns what was not found. */
function subtract(from: string[], remove: string[]): string[] {
  const missing: string[] = [];
  for (const w of remove) {
    const i = from.indexOf(w);
    if (i < 0) missing.push(w);
    else from.splice(i, 1);
  }
  return missing;
}

let fonts: ReportFonts;
beforeAll(async () => {
  fonts = await loadReportFonts();
});

describe('writeReport', () => {
  it('is deterministic: the same input gives identical bytes (with and without generatedAt)', async () => {
    const a = await writeReport(sampleDoc(), { fonts });
    const b = await writeReport(sampleDoc(), { fonts });
    expect(Buffer.from(a).equals(Buffer.from(b))).toBe(true);
    const at = new Date('2024-05-01T10:00:00Z');
    const c = await writeReport(sampleDoc(), { fonts, generatedAt: at });
    const d = await writeReport(sampleDoc(), { fonts, generatedAt: at });
    expect(Buffer.from(c).equals(Buffer.from(d))).toBe(true);
  });

  it('gives the same bytes whatever was written before (parsed fonts are cached per font bytes)', async () => {
    // Fresh copies of the font bytes: a cache keyed on them starts empty.
    const fresh = { regular: fonts.regular.slice(), bold: fonts.bold.slice() };
    const alone = await writeReport(sampleDoc(), { fonts: fresh });
    const other = { ...sampleDoc(), title: 'Ünïcödé “other” — £€', records: sampleDoc().records.slice(0, 1) };
    await writeReport(other, { fonts });
    const after = await writeReport(sampleDoc(), { fonts });
    expect(Buffer.from(after).equals(Buffer.from(alone))).toBe(true);
  });

  it('reloads in pdf-lib with ≥ 2 pages and the metadata set', async () => {
    const bytes = await writeReport(sampleDoc(), { fonts });
    const pdf = await PDFDocument.load(bytes, { updateMetadata: false });
    expect(pdf.getPageCount()).toBeGreaterThanOrEqual(2);
    expect(pdf.getTitle()).toBe('Policing and crime: impact tracker');
    expect(pdf.getSubject()).toBe('Recommendation impact tracker report: 5 records');
    expect(pdf.getProducer()).toBe('impact-tracker');
    expect(pdf.getCreator()).toBe('impact-tracker');
    expect(pdf.getCreationDate()?.toISOString()).toBe('2000-01-01T00:00:00.000Z');
    const [w, h] = [pdf.getPage(0).getWidth(), pdf.getPage(0).getHeight()];
    expect([w, h]).toEqual([595.28, 841.89]);
  });

  it('reads back every word of every record, with the header on every page and the footer', async () => {
    const doc = sampleDoc();
    const bytes = await writeReport(doc, { fonts, generatedAt: new Date('2024-05-01T10:00:00Z') });
    const pages = await readBack(bytes);
    const n = pages.length;
    expect(n).toBeGreaterThanOrEqual(3); // the long record alone takes ~2 pages

    const all: string[] = [];
    pages.forEach((page, i) => {
      const strs = page.items.map((it) => it.str);
      // The header row, as separate items, on every page.
      for (const h of REPORT_COLUMNS) expect(strs, `page ${i + 1} header`).toContain(h);
      expect(strs).toContain(`Page ${i + 1} of ${n}`);
      expect(strs).toContain('fixtures/sample-tracker.pdf'); // source.file as recorded
      expect(strs).toContain('Generated 2024-05-01');
      // Table text stays ≥ 20 pt above the footer text.
      const footerTop = Math.min(...page.items.filter((it) => it.str.startsWith('Page ')).map((it) => it.top));
      const bodyBottom = Math.max(...page.items.filter((it) => it.top < footerTop - 1).map((it) => it.top));
      expect(footerTop - 8 - bodyBottom).toBeGreaterThanOrEqual(20);
      all.push(...strs.flatMap(words));
    });

    // Remove the page furniture; what is left must be exactly the records' words.
    const chrome = [
      ...words('Impact tracker report'),
      ...words(doc.title),
      ...words(doc.committee),
      ...words('5 recommendations: 1 green, 1 amber, 1 red, 2 not rated.'),
      ...words('1 Green 1 Amber 1 Red'),
      ...words('Green Amber Red Not rated Not rated'),
      ...pages.flatMap((_, i) => [...REPORT_COLUMNS, ...words(`Page ${i + 1} of ${n} fixtures/sample-tracker.pdf · Generated 2024-05-01`)]),
    ];
    // Each continuation of a row on a new page is marked "(cont.)" in its RAG cell.
    expect(all.filter((w) => w === '(cont.)').length).toBeGreaterThan(0);
    const withoutCont = all.filter((w) => w !== '(cont.)');
    all.length = 0;
    all.push(...withoutCont);
    expect(subtract(all, chrome)).toEqual([]);
    const expected = doc.records.flatMap((r) => [
      ...(r.label ? words(`${r.label}:`) : []),
      ...words(r.recommendation),
      ...words(r.response),
      ...words(r.progress),
    ]);
    expect(all.slice().sort()).toEqual(expected.slice().sort());

    // Unicode survives the subset + ToUnicode round trip; ligature-prone words stay whole.
    const text = pages.flatMap((p) => p.items.map((it) => it.str)).join('\n');
    for (const s of ['‘crime', 'prevention’', '“digital”', '£40,000', 'café', 'Zürich', 'Łódź', '€2', '—', '–', 'Mayor’s', 'office', 'final']) {
      expect(text).toContain(s);
    }
    // Bullets print, each item on its own line.
    expect(text).toMatch(/^• a “digital” review/m);
    expect(text).toMatch(/^• a survey of café owners/m);
    // The label is printed once, never on a continuation.
    expect(text.match(/Recommendation 4:/g)).toHaveLength(1);
    // The long record's sentences come back in order, none lost or doubled.
    const findings = [...text.matchAll(/Finding (\d+):/g)].map((m) => Number(m[1]));
    expect(findings).toEqual(Array.from({ length: 45 }, (_, i) => i + 1));
  });

  it('splits rows of any length between whole lines: no word lost, ≥ 3 lines before a split, label once', async () => {
    // Left edges of the four columns (34/30/26/10 % of 515.28 pt from x = 40).
    const colX = [40, 215.2, 369.8, 503.8];
    const column = (x: number) => colX.filter((c) => x >= c).length - 1;
    const sentences = (k: string, n: number) => Array.from({ length: n }, (_, j) => `${k}s${j} lorem ipsum dolor sit amet.`).join(' ');
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.tuple(fc.integer({ min: 0, max: 70 }), fc.integer({ min: 0, max: 25 }), fc.integer({ min: 0, max: 8 })), { minLength: 1, maxLength: 6 }),
        async (rows) => {
          const doc = sampleDoc();
          doc.records = rows.map(([a, b, c], i) =>
            record(String(i + 1), { recommendation: sentences(`r${i + 1}a`, a), response: sentences(`r${i + 1}b`, b), progress: sentences(`r${i + 1}c`, c), rag: 'green' }),
          );
          const pages = await readBack(await writeReport(doc, { fonts }));
          const headerTop = (p: PageText) => Math.max(...p.items.filter((it) => it.str === 'RAG').map((it) => it.top));
          const body = (p: PageText) => p.items.filter((it) => it.top > headerTop(p) + 1 && !/^Page \d+ of|sample-tracker|^Green$|^\(cont\.\)$/.test(it.str));
          const got = pages.flatMap((p) => body(p).flatMap((it) => words(it.str)));
          const want = doc.records.flatMap((r) => [...words(`${r.label}:`), ...words(r.recommendation), ...words(r.response), ...words(r.progress)]);
          expect(got).toHaveLength(want.length);
          expect(got.slice().sort()).toEqual(want.slice().sort());
          for (const r of doc.records) expect(got.filter((w) => w === r.id + ':')).toHaveLength(1);
          for (let i = 0; i + 1 < pages.length; i++) {
            const items = body(pages[i]);
            const next = body(pages[i + 1]);
            const nextTop = Math.min(...next.map((it) => it.top));
            const continued = !next.some((it) => it.top === nextTop && column(it.x) === 0 && /^Recommendation \d+:$/.test(it.str));
            const labels = items.filter((it) => /^Recommendation \d+:$/.test(it.str));
            if (!continued || labels.length === 0) continue;
            const start = labels[labels.length - 1].top;
            const lines = [0, 1, 2].map((c) => items.filter((it) => column(it.x) === c && it.top >= start - 1).length);
            expect(Math.max(...lines), `page ${i + 1}: a split row starts with fewer than 3 lines`).toBeGreaterThanOrEqual(3);
          }
        },
      ),
      { numRuns: 25, seed: 20240501 },
    );
  }, 60_000);

  it('puts the title first and largest, with the committee line under it', async () => {
    const bytes = await writeReport(sampleDoc(), { fonts });
    const loadingTask = pdfjs.getDocument({ data: bytes.slice() });
    try {
      const pdf = await loadingTask.promise;
      const page = await pdf.getPage(1);
      const items = (await page.getTextContent()).items.filter(
        (it): it is Extract<typeof it, { str: string }> => 'str' in it && it.str.trim() !== '',
      );
      const size = (it: (typeof items)[number]) => Math.hypot(it.transform[2], it.transform[3]);
      const largest = items.reduce((a, b) => (size(b) > size(a) ? b : a));
      expect(largest.str).toBe('Policing and crime: impact tracker');
      expect(items.filter((it) => size(it) === size(largest))).toHaveLength(1);
      const i = items.indexOf(largest);
      expect(items[i + 1].str).toBe('Police and Crime Committee');
      expect(items[i + 1].transform[5]).toBeLessThan(largest.transform[5]);
    } finally {
      await loadingTask.destroy();
    }
  });

  it('prints "?" for characters the font lacks instead of throwing', async () => {
    const doc = sampleDoc();
    doc.records = [record('1', { recommendation: 'Tokyo 東京 office 한 done', rag: 'green' })];
    const pages = await readBack(await writeReport(doc, { fonts }));
    const text = pages.flatMap((p) => p.items.map((it) => it.str)).join('\n');
    expect(text).toContain('Tokyo ?? office ? done');
  });

  it('breaks a word longer than the column at character level, marking each break with U+2010', async () => {
    const doc = sampleDoc();
    const long = 'x'.repeat(300);
    doc.records = [record('1', { recommendation: long, rag: 'red' })];
    const pages = await readBack(await writeReport(doc, { fonts }));
    const pieces = pages[0].items.map((it) => it.str).filter((s) => /^x+\u2010?$/.test(s));
    expect(pieces.length).toBeGreaterThan(1);
    expect(pieces.slice(0, -1).every((p) => p.endsWith('\u2010'))).toBe(true);
    expect(pieces.at(-1)).toMatch(/^x+$/);
    expect(pieces.join('').replaceAll('\u2010', '')).toBe(long);
  });

  it('breaks a long URL after a slash or a hyphen, not inside a name', async () => {
    const doc = sampleDoc();
    const url = 'https://tfl.gov.uk/info-for/urban-planning-and-construction/bus-stops/accessible-bus-stop-design-guidance';
    doc.records = [record('1', { response: `See ${url} for details.`, rag: 'red' })];
    const pages = await readBack(await writeReport(doc, { fonts }));
    const pieces = pages[0].items.map((it) => it.str).filter((s) => /tfl|planning|construction|bus-stop|guidance|accessible/.test(s));
    expect(pieces.length).toBeGreaterThan(1);
    for (const p of pieces.slice(0, -1)) expect(p).toMatch(/[/-]$/);
  });

  it('starts each document on a new page and uses options.title as the PDF title', async () => {
    const a = sampleDoc();
    const b = { ...sampleDoc(), title: 'Housing: impact tracker', committee: 'Housing Committee' };
    b.records = b.records.slice(0, 2);
    const bytes = await writeReport([a, b], { fonts, title: 'All trackers' });
    const pdf = await PDFDocument.load(bytes, { updateMetadata: false });
    expect(pdf.getTitle()).toBe('All trackers');
    expect(pdf.getSubject()).toBe('Recommendation impact tracker report: 7 records');
    const pages = await readBack(bytes);
    const starts = pages.map((p, i) => (p.items.some((it) => it.str === 'Housing: impact tracker') ? i : -1)).filter((i) => i >= 0);
    expect(starts).toHaveLength(1);
    const start = starts[0];
    expect(start).toBeGreaterThan(0);
    // The previous page holds only the first document's rows.
    expect(pages[start - 1].items.some((it) => it.str === 'Housing Committee')).toBe(false);
    expect(pages[start].items.map((it) => it.str)).toContain(`Page ${start + 1} of ${pages.length}`);
  });

  it('throws WriteError when fonts are missing or not fonts, or no document is given', async () => {
    await expect(writeReport(sampleDoc(), {} as never)).rejects.toMatchObject({ code: 'WRITE_FAILED', message: expect.stringContaining('loadReportFonts') });
    await expect(writeReport([], { fonts })).rejects.toBeInstanceOf(WriteError);
    const bad = { regular: new Uint8Array([1, 2, 3, 4]), bold: new Uint8Array([1, 2, 3, 4]) };
    await expect(writeReport(sampleDoc(), { fonts: bad })).rejects.toMatchObject({ name: 'WriteError', code: 'WRITE_FAILED', message: expect.stringContaining('TrueType') });
  });
});
