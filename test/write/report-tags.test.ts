/**
 * The report as a tagged PDF (issue #10, PDF/UA-1 as the target), read back the way assistive
 * technology does: pdf.js `page.getStructTree()` for the structure tree, marked content in
 * `getTextContent({ includeMarkedContent: true })`, pdf-lib for the catalog, the XMP stream
 * and the outline. No PDF/UA validator runs here (veraPDF is not installable on this machine);
 * these tests check the parts of ISO 14289-1 the report is responsible for.
 */
import { describe, it, expect, beforeAll } from 'vitest';
import { PDFDocument, PDFName, PDFDict, type PDFRawStream, PDFArray, PDFString, PDFHexString, PDFBool } from 'pdf-lib';
import * as pdfjs from 'pdfjs-dist/legacy/build/pdf.mjs';
import { renderReport, type ReportFonts } from '../../src/write/report/index.ts';
import { loadReportFonts } from '../../src/node/fonts.ts';
import { extractTracker } from '../../src/pipeline.ts';
import { readBytes } from '../helpers/fixtures.ts';
import type { TrackerDocument } from '../../src/schema.ts';

interface TreeNode {
  role?: string;
  type?: string;
  id?: string;
  alt?: string;
  children?: TreeNode[];
}

const AT = new Date('2025-03-04T12:00:00Z');
let fonts: ReportFonts;
let seed: TrackerDocument;
let seedPdf: Uint8Array;
beforeAll(async () => {
  fonts = await loadReportFonts();
  seed = (await extractTracker(readBytes('fixtures/online-crime-tracker.pdf'), { fileName: 'online-crime-tracker.pdf' })).document;
  seedPdf = (await renderReport(seed, { fonts, generatedAt: AT })).pdf;
});

async function withPdf<T>(bytes: Uint8Array, fn: (doc: pdfjs.PDFDocumentProxy) => Promise<T>): Promise<T> {
  const task = pdfjs.getDocument({ data: bytes.slice() });
  try {
    return await fn(await task.promise);
  } finally {
    await task.destroy();
  }
}

const find = (n: TreeNode, role: string): TreeNode[] => [...(n.role === role ? [n] : []), ...(n.children ?? []).flatMap((c) => find(c, role))];
const kids = (n: TreeNode, role: string) => (n.children ?? []).filter((c) => c.role === role);

describe('tagged report', () => {
  it('structure tree: Document → H1, P, Figure, Table; Table → THead/TBody → TR → 4 TH / 4 TD per record', async () => {
    await withPdf(seedPdf, async (doc) => {
      const tree = (await (await doc.getPage(1)).getStructTree()) as TreeNode;
      const [document] = kids(tree, 'Document');
      expect(document).toBeDefined();
      const roles = (document!.children ?? []).map((c) => c.role);
      expect(roles.slice(0, 5)).toEqual(['H1', 'P', 'P', 'P', 'Figure']);
      expect(roles).toContain('Table');
      const figure = find(document!, 'Figure')[0];
      expect(figure!.alt).toBe('Bar chart of the RAG status of 11 recommendations: 0 red, 4 amber, 7 green, 0 not rated.');
      const [table] = find(document!, 'Table');
      const [thead] = kids(table!, 'THead');
      const [tbody] = kids(table!, 'TBody');
      expect(kids(thead!, 'TR')).toHaveLength(1);
      expect(kids(kids(thead!, 'TR')[0]!, 'TH')).toHaveLength(4);
      const rows = kids(tbody!, 'TR');
      expect(rows).toHaveLength(seed.records.length);
      for (const tr of rows) expect((tr.children ?? []).map((c) => c.role)).toEqual(['TD', 'TD', 'TD', 'TD']);
    });
  });

  it('every piece of text is tagged content or an artifact; footers, page numbers and repeated header rows are artifacts', async () => {
    await withPdf(seedPdf, async (doc) => {
      expect(doc.numPages).toBeGreaterThan(1);
      for (let n = 1; n <= doc.numPages; n++) {
        const page = await doc.getPage(n);
        const content = await page.getTextContent({ includeMarkedContent: true });
        const stack: Array<{ tag: string; id: string | null }> = [];
        const ids = new Set<string>();
        for (const it of content.items as Array<{ type?: string; tag?: string; id?: string | null; str?: string }>) {
          if (it.type === 'beginMarkedContentProps' || it.type === 'beginMarkedContent') stack.push({ tag: it.tag ?? '', id: it.id ?? null });
          else if (it.type === 'endMarkedContent') stack.pop();
          else if (it.str !== undefined && it.str.trim() !== '') {
            const top = stack.at(-1);
            expect(top, `page ${n}: "${it.str}" outside marked content`).toBeDefined();
            expect(top!.tag === 'Artifact' || top!.id !== null, `page ${n}: "${it.str}"`).toBe(true);
            if (/^Page \d+ of \d+$/.test(it.str) || /Generated 2025-03-04/.test(it.str)) expect(top!.tag, it.str).toBe('Artifact');
            if (n > 1 && it.str === 'Response') expect(top!.tag).toBe('Artifact');
            if (top!.id) ids.add(top!.id);
          }
        }
        // Every tagged piece of content is referenced from the structure tree (no orphans).
        const tree = (await page.getStructTree()) as TreeNode;
        const referenced = new Set<string>();
        const walk = (t: TreeNode) => {
          if (t.type === 'content' && t.id) referenced.add(t.id);
          (t.children ?? []).forEach(walk);
        };
        walk(tree);
        for (const id of ids) expect(referenced.has(id), `page ${n}: ${id} not in the structure tree`).toBe(true);
        page.cleanup();
      }
    });
  });

  it('catalog: /Lang, MarkInfo Marked, DisplayDocTitle, StructTreeRoot with ParentTree; pages /StructParents and /Tabs /S', async () => {
    const pdf = await PDFDocument.load(seedPdf, { updateMetadata: false });
    const cat = pdf.catalog;
    expect(cat.lookup(PDFName.of('Lang'), PDFString, PDFHexString).decodeText()).toBe('en-GB');
    expect(cat.lookup(PDFName.of('MarkInfo'), PDFDict).lookup(PDFName.of('Marked'), PDFBool).asBoolean()).toBe(true);
    expect(cat.lookup(PDFName.of('ViewerPreferences'), PDFDict).lookup(PDFName.of('DisplayDocTitle'), PDFBool).asBoolean()).toBe(true);
    const root = cat.lookup(PDFName.of('StructTreeRoot'), PDFDict);
    const nums = root.lookup(PDFName.of('ParentTree'), PDFDict).lookup(PDFName.of('Nums'), PDFArray);
    expect(nums.size()).toBe(2 * pdf.getPageCount());
    pdf.getPages().forEach((p, i) => {
      expect(p.node.get(PDFName.of('StructParents'))?.toString()).toBe(String(i));
      expect(p.node.get(PDFName.of('Tabs'))?.toString()).toBe('/S');
    });
    // TH cells carry /Scope /Column (PDF/UA-1 §7.5).
    const ths: PDFDict[] = [];
    const walk = (d: PDFDict) => {
      if (d.get(PDFName.of('S'))?.toString() === '/TH') ths.push(d);
      const k = d.lookup(PDFName.of('K'));
      if (k instanceof PDFArray)
        for (let i = 0; i < k.size(); i++) {
          const kid = k.lookup(i);
          if (kid instanceof PDFDict && kid.get(PDFName.of('S'))) walk(kid);
        }
    };
    walk(root.lookup(PDFName.of('K'), PDFDict));
    expect(ths).toHaveLength(4);
    for (const th of ths) expect(th.lookup(PDFName.of('A'), PDFDict).get(PDFName.of('Scope'))?.toString()).toBe('/Column');
  });

  it('metadata: title, dates = the report date (never a placeholder), XMP with dc:title and pdfuaid:part 1', async () => {
    const pdf = await PDFDocument.load(seedPdf, { updateMetadata: false });
    expect(pdf.getTitle()).toBe('Online crime: impact tracker');
    expect(pdf.getCreationDate()?.toISOString()).toBe(AT.toISOString());
    const xmp = pdf.catalog.lookup(PDFName.of('Metadata')) as PDFRawStream;
    const text = new TextDecoder().decode(xmp.contents);
    expect(xmp.dict.get(PDFName.of('Subtype'))?.toString()).toBe('/XML');
    expect(text).toContain('<rdf:li xml:lang="x-default">Online crime: impact tracker</rdf:li>');
    expect(text).toContain('<pdfuaid:part>1</pdfuaid:part>');
    expect(text).toContain('<xmp:CreateDate>2025-03-04T12:00:00Z</xmp:CreateDate>');
    await withPdf(seedPdf, async (doc) => {
      const md = await doc.getMetadata();
      expect((md.metadata as unknown as { get(k: string): unknown }).get('dc:title')).toBe('Online crime: impact tracker');
      expect((md.info as { Language?: string }).Language).toBe('en-GB');
    });
  });

  it('--lang sets the language; the page-1 title, committee, subtitle and date are visible text', async () => {
    const { pdf } = await renderReport(seed, {
      fonts,
      generatedAt: AT,
      lang: 'cy',
      title: 'Troseddu ar-lein',
      committee: 'Pwyllgor Heddlu',
      subtitle: 'Diweddariad',
      date: 'Mawrth 2025',
    });
    const doc = await PDFDocument.load(pdf, { updateMetadata: false });
    expect(doc.catalog.lookup(PDFName.of('Lang'), PDFString, PDFHexString).decodeText()).toBe('cy');
    await withPdf(pdf, async (d) => {
      const strs = (await (await d.getPage(1)).getTextContent()).items.map((i) => ('str' in i ? i.str : ''));
      for (const s of ['Troseddu ar-lein', 'Pwyllgor Heddlu', 'Diweddariad', 'Mawrth 2025']) expect(strs).toContain(s);
    });
  });

  it('a cell with characters the font cannot print keeps the original text as /ActualText', async () => {
    const doc = { ...seed, records: [{ ...seed.records[0]!, response: 'Agreed 東京.' }] };
    const { pdf } = await renderReport(doc, { fonts, generatedAt: AT });
    await withPdf(pdf, async (d) => {
      const tree = (await (await d.getPage(1)).getStructTree()) as TreeNode;
      expect(find(tree, 'TD').map((t) => t.alt)).toContain('Agreed 東京.');
    });
  });

  it('several documents: bookmarks per document and per table heading, and a table of RAG counts', async () => {
    const other = {
      ...seed,
      title: 'Second tracker',
      source: { ...seed.source, file: 'second.pdf' },
      records: seed.records.slice(0, 3).map((r, i) => ({ ...r, table: i < 2 ? 1 : 2 })),
      tables: [
        { index: 1, heading: null, columns: [], pages: [1], method: 'ruled' as const },
        { index: 2, heading: 'Further recommendations (June 2023)', columns: [], pages: [1], method: 'ruled' as const },
      ],
    };
    const { pdf } = await renderReport([seed, other], { fonts, generatedAt: AT });
    await withPdf(pdf, async (d) => {
      const outline = (await d.getOutline()) as Array<{ title: string; items: Array<{ title: string }> }>;
      expect(outline.map((o) => [o.title, o.items.map((i) => i.title)])).toEqual([
        ['Online crime: impact tracker', []],
        ['Second tracker', ['Further recommendations (June 2023)']],
      ]);
      const tree = (await (await d.getPage(1)).getStructTree()) as TreeNode;
      expect(find(tree, 'TOCI')).toHaveLength(3);
      const counts = find(tree, 'Table')[0];
      expect(kids(kids(counts!, 'TBody')[0]!, 'TR')).toHaveLength(3); // two documents and "All documents"
      const strs = (await (await d.getPage(1)).getTextContent()).items.map((i) => ('str' in i ? i.str : ''));
      expect(strs).toContain('All documents');
    });
  });
});
