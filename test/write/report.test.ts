/**
 * The report PDF is tested by reading it back (DESIGN.md "Tests"): pdf-lib for structure and
 * metadata, pdfjs-dist for the text — every word of every record must come back, in the
 * fonts' Unicode (curly quotes, £, é), with the header row on every page.
 */
import { describe, it, expect, beforeAll } from 'vitest';
import { PDFDocument } from 'pdf-lib';
import * as pdfjs from 'pdfjs-dist/legacy/build/pdf.mjs';
import { writeReport, renderReport, REPORT_COLUMNS, type ReportFonts } from '../../src/write/report/index.ts';
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
  (_, i) => `Finding ${i + 1}: the Committee’s office reviewed “flow” figures worth £${i + 1}m – officials said the café budget was final and sufficient for ward ${i + 1}.`,
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

const AT = new Date('2024-05-01T10:00:00Z');
let fonts: ReportFonts;
beforeAll(async () => {
  fonts = await loadReportFonts();
});

describe('writeReport', () => {
  it('is deterministic: the same input and generatedAt give identical bytes', async () => {
    const at = new Date('2024-05-01T10:00:00Z');
    const c = await writeReport(sampleDoc(), { fonts, generatedAt: at });
    const d = await writeReport(sampleDoc(), { fonts, generatedAt: at });
    expect(Buffer.from(c).equals(Buffer.from(d))).toBe(true);
  });

  it('gives the same bytes whatever was written before (parsed fonts are cached per font bytes)', async () => {
    // Fresh copies of the font bytes: a cache keyed on them starts empty.
    const fresh = { regular: fonts.regular.slice(), bold: fonts.bold.slice() };
    const alone = await writeReport(sampleDoc(), { fonts: fresh, generatedAt: AT });
    const other = { ...sampleDoc(), title: 'Ünïcödé “other” — £€', records: sampleDoc().records.slice(0, 1) };
    await writeReport(other, { fonts, generatedAt: AT });
    const after = await writeReport(sampleDoc(), { fonts, generatedAt: AT });
    expect(Buffer.from(after).equals(Buffer.from(alone))).toBe(true);
  });

  it('prints text outside the base glyph set (its own subset) and the base set alone after it, each read back whole', async () => {
    // The base subset (Latin-1 and common punctuation) is built once per process; Greek and
    // Cyrillic need a subset with extra glyphs (issue #9).
    const one = (text: string): TrackerDocument => ({ ...sampleDoc(), records: [record('1', { recommendation: text })] });
    const latin = 'Café “owners” – £5 and €6 • done…';
    const extra = 'Αλφα βήτα — Привет мир ≥ 5';
    for (const text of [latin, extra, latin]) {
      const pages = await readBack(await writeReport(one(text), { fonts, generatedAt: AT }));
      const lines = pages.flatMap((p) => p.items.map((it) => it.str)).join('\n');
      expect(lines).toContain(text);
    }
  });

  it('reloads in pdf-lib with ≥ 2 pages and the metadata set; the dates are the report date', async () => {
    const bytes = await writeReport(sampleDoc(), { fonts, generatedAt: AT });
    const pdf = await PDFDocument.load(bytes, { updateMetadata: false });
    expect(pdf.getPageCount()).toBeGreaterThanOrEqual(2);
    expect(pdf.getTitle()).toBe('Policing and crime: impact tracker');
    expect(pdf.getSubject()).toBe('Recommendation impact tracker report: 5 records');
    expect(pdf.getProducer()).toBe('impact-tracker');
    expect(pdf.getCreator()).toBe('impact-tracker');
    expect(pdf.getCreationDate()?.toISOString()).toBe('2024-05-01T10:00:00.000Z');
    expect(pdf.getModificationDate()?.toISOString()).toBe('2024-05-01T10:00:00.000Z');
    const [w, h] = [pdf.getPage(0).getWidth(), pdf.getPage(0).getHeight()];
    expect([w, h]).toEqual([595.28, 841.89]);
  });

  it('reads back every word of every record, with the header on every page and the footer', async () => {
    const doc = sampleDoc();
    const bytes = await writeReport(doc, { fonts, generatedAt: AT });
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
      ...words('1 May 2024'),
      ...words('5 recommendations: 1 green, 1 amber, 1 red, 2 not rated.'),
      ...words('1 Red 1 Amber 1 Green 2 Not rated'),
      ...words('Green Amber Red Not rated Not rated'),
      ...pages.flatMap((_, i) => [...REPORT_COLUMNS, ...words(`Page ${i + 1} of ${n} fixtures/sample-tracker.pdf · Generated 2024-05-01`)]),
    ];
    // Each continuation of a row on a new page starts with its label and "(continued)".
    const text0 = pages.flatMap((p) => p.items.map((it) => it.str)).join('\n');
    const continued = text0.match(/^Recommendation \d+ \(continued\)$/gm) ?? [];
    expect(continued.length).toBeGreaterThan(0);
    expect(subtract(all, continued.flatMap(words))).toEqual([]);
    expect(subtract(all, chrome)).toEqual([]);
    const expected = doc.records.flatMap((r) => [...words(`${r.label || r.id}:`), ...words(r.recommendation), ...words(r.response), ...words(r.progress)]);
    expect(all.slice().sort()).toEqual(expected.slice().sort());

    // Unicode survives the subset + ToUnicode round trip; ligature-prone words stay whole.
    const text = pages.flatMap((p) => p.items.map((it) => it.str)).join('\n');
    for (const s of ['‘crime', 'prevention’', '“digital”', '£40,000', 'café', 'Zürich', 'Łódź', '€2', '—', '–', 'Mayor’s', 'office', 'final']) {
      expect(text).toContain(s);
    }
    // Bullets print, each item on its own line.
    expect(text).toMatch(/^• a “digital” review/m);
    expect(text).toMatch(/^• a survey of café owners/m);
    // The label is printed once as the record's; a continuation repeats it with "(continued)".
    expect(text.match(/Recommendation 4:/g)).toHaveLength(1);
    expect(text).toMatch(/^Recommendation 4 \(continued\)$/m);
    // A record without a label prints its id.
    expect(text).toMatch(/^5:$/m);
    // The long record's sentences come back in order, none lost or doubled.
    const findings = [...text.matchAll(/Finding (\d+):/g)].map((m) => Number(m[1]));
    expect(findings).toEqual(Array.from({ length: 45 }, (_, i) => i + 1));
  });

  it('puts the title first and largest, with the committee line under it', async () => {
    const bytes = await writeReport(sampleDoc(), { fonts, generatedAt: AT });
    const loadingTask = pdfjs.getDocument({ data: bytes.slice() });
    try {
      const pdf = await loadingTask.promise;
      const page = await pdf.getPage(1);
      const items = (await page.getTextContent()).items.filter((it): it is Extract<typeof it, { str: string }> => 'str' in it && it.str.trim() !== '');
      const size = (it: (typeof items)[number]) => Math.hypot(it.transform[2], it.transform[3]);
      const largest = items.reduce((a, b) => (size(b) > size(a) ? b : a));
      expect(largest.str).toBe('Policing and crime: impact tracker');
      expect(items.filter((it) => size(it) === size(largest))).toHaveLength(1);
      const i = items.indexOf(largest);
      expect(items[i + 1]!.str).toBe('Police and Crime Committee');
      expect(items[i + 1]!.transform[5]).toBeLessThan(largest.transform[5]);
    } finally {
      await loadingTask.destroy();
    }
  });

  it('prints U+FFFD for characters the font lacks, warns which and where, and keeps them as ActualText', async () => {
    const doc = sampleDoc();
    doc.records = [record('1', { recommendation: 'Tokyo 東京 office 한 done 🙂', rag: 'green' })];
    const { pdf, warnings } = await renderReport(doc, { fonts, generatedAt: AT });
    const pages = await readBack(pdf);
    const text = pages.flatMap((p) => p.items.map((it) => it.str)).join('\n');
    expect(text).toContain('Tokyo \uFFFD\uFFFD office \uFFFD done \uFFFD');
    expect(text).not.toContain('?');
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toMatchObject({ code: 'UNPRINTABLE', chars: ['東', '京', '한', '🙂'], places: ['fixtures/sample-tracker.pdf record 1'] });
    expect(warnings[0]!.message).toContain('東 (U+6771)');
  });

  it('breaks a word longer than the column at character level, marking each break with U+2010', async () => {
    const doc = sampleDoc();
    const long = 'x'.repeat(300);
    doc.records = [record('1', { recommendation: long, rag: 'red' })];
    const pages = await readBack(await writeReport(doc, { fonts, generatedAt: AT }));
    const pieces = pages[0]!.items.map((it) => it.str).filter((s) => /^x+\u2010?$/.test(s));
    expect(pieces.length).toBeGreaterThan(1);
    expect(pieces.slice(0, -1).every((p) => p.endsWith('\u2010'))).toBe(true);
    expect(pieces.at(-1)).toMatch(/^x+$/);
    expect(pieces.join('').replaceAll('\u2010', '')).toBe(long);
  });

  it('breaks a long URL after a slash or a hyphen, not inside a name', async () => {
    const doc = sampleDoc();
    const url = 'https://tfl.gov.uk/info-for/urban-planning-and-construction/bus-stops/accessible-bus-stop-design-guidance';
    doc.records = [record('1', { response: `See ${url} for details.`, rag: 'red' })];
    const pages = await readBack(await writeReport(doc, { fonts, generatedAt: AT }));
    const pieces = pages[0]!.items.map((it) => it.str).filter((s) => /tfl|planning|construction|bus-stop|guidance|accessible/.test(s));
    expect(pieces.length).toBeGreaterThan(1);
    for (const p of pieces.slice(0, -1)) expect(p).toMatch(/[/-]$/);
  });

  it('several documents: a cover with contents and counts, each document on a new page; options.title is the PDF title', async () => {
    const a = sampleDoc();
    const b = { ...sampleDoc(), title: 'Housing: impact tracker', committee: 'Housing Committee' };
    b.records = b.records.slice(0, 2);
    const bytes = await writeReport([a, b], { fonts, title: 'All trackers', generatedAt: AT });
    const pdf = await PDFDocument.load(bytes, { updateMetadata: false });
    expect(pdf.getTitle()).toBe('All trackers');
    expect(pdf.getSubject()).toBe('Recommendation impact tracker report: 7 records');
    const pages = await readBack(bytes);
    const cover = pages[0]!.items.map((it) => it.str);
    expect(cover).toContain('All trackers');
    expect(cover).toContain('Contents');
    expect(cover).toContain('RAG status by document');
    const starts = pages.map((p, i) => (p.items.some((it) => it.str === 'Housing Committee') ? i : -1)).filter((i) => i >= 0);
    expect(starts).toHaveLength(1);
    const start = starts[0];
    expect(start).toBeGreaterThan(1);
    // The contents line gives the page the document starts on.
    const entry = pages[0]!.items.find((it) => it.str === 'Housing: impact tracker')!;
    const num = pages[0]!.items.find((it) => Math.abs(it.top - entry.top) < 0.5 && /^\d+$/.test(it.str))!;
    expect(Number(num.str)).toBe(start! + 1);
    // The previous page holds only the first document's rows.
    expect(pages[start! - 1]!.items.some((it) => it.str === 'Housing Committee')).toBe(false);
    expect(pages[start!]!.items.map((it) => it.str)).toContain(`Page ${start! + 1} of ${pages.length}`);
  });

  it('throws WriteError when fonts are missing or not fonts, or no document is given', async () => {
    await expect(writeReport(sampleDoc(), {} as never)).rejects.toMatchObject({ code: 'WRITE_FAILED', message: expect.stringContaining('loadReportFonts') });
    await expect(writeReport([], { fonts })).rejects.toBeInstanceOf(WriteError);
    const bad = { regular: new Uint8Array([1, 2, 3, 4]), bold: new Uint8Array([1, 2, 3, 4]) };
    await expect(writeReport(sampleDoc(), { fonts: bad })).rejects.toMatchObject({ name: 'WriteError', code: 'WRITE_FAILED', message: expect.stringContaining('TrueType') });
  });
});
