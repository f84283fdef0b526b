/**
 * The tagged-PDF layer (issue #10, PDF/UA-1 as the target): the structure tree, the parent
 * tree, the document catalog's accessibility entries and the XMP metadata stream. pdf-lib has
 * no tagging API, so this module builds the objects with pdf-lib's low-level ones (PDFDict,
 * PDFArray, refs); it is the only place that knows their shape.
 *
 * References: ISO 32000-1 §14.7 (logical structure: StructTreeRoot, StructElem, MCR,
 * ParentTree, StructParents), §14.8 (tagged PDF: MarkInfo, standard structure types, Table
 * attributes /Scope), §14.3.2 (XMP metadata streams); ISO 14289-1 (PDF/UA-1) §7.1 (/Lang,
 * DisplayDocTitle, dc:title in XMP, pdfuaid:part), §7.5 (TH scope), §7.3 (Figure /Alt).
 */
import { PDFArray, type PDFDict, PDFHexString, PDFName, PDFNumber, type PDFDocument, type PDFPage, type PDFRef } from 'pdf-lib';
import type { OutlineItem, StructNode } from './plan.ts';

/** Marked content drawn on one page: `nodes[mcid]` is the id of the structure element it belongs to. */
export interface PageContent {
  page: PDFPage;
  nodes: number[];
}

const text = (s: string) => PDFHexString.fromText(s);

/**
 * Write the structure tree for `nodes` (nodes[0] the Document) whose marked content was drawn
 * as `content`: StructElem objects with /K (kid elements, or marked-content references),
 * /P, /Pg, TH /Scope attributes, Figure /Alt, /ActualText; the ParentTree (one array per page,
 * indexed by MCID) and each page's /StructParents and /Tabs /S; MarkInfo in the catalog.
 */
export function writeStructureTree(pdf: PDFDocument, nodes: StructNode[], content: PageContent[]): void {
  const ctx = pdf.context;
  const refs = nodes.map(() => ctx.nextRef());
  // Node ids are positions in `nodes` (plan.ts); content pages are positions in `content`.
  const refOf = (id: number): PDFRef => {
    const ref = refs[id];
    if (!ref) throw new RangeError(`structure node ${id} is not in the tree (${nodes.length} nodes)`);
    return ref;
  };
  const pageRef = (p: number): PDFRef => {
    const pc = content[p];
    if (!pc) throw new RangeError(`marked content on page ${p + 1}, but the report has ${content.length} pages`);
    return pc.page.ref;
  };
  const parentOf = new Map<number, number>();
  for (const n of nodes) for (const k of n.kids) parentOf.set(k.id, n.id);
  // Marked content per node, in drawing order (page, then MCID): reading order within a node.
  const mcrs = new Map<number, Array<{ page: number; mcid: number }>>();
  content.forEach((pc, p) => {
    pc.nodes.forEach((node, mcid) => {
      const list = mcrs.get(node) ?? [];
      list.push({ page: p, mcid });
      mcrs.set(node, list);
    });
  });
  const rootRef = ctx.nextRef();
  for (const n of nodes) {
    const dict = ctx.obj({}) as PDFDict;
    dict.set(PDFName.of('Type'), PDFName.of('StructElem'));
    dict.set(PDFName.of('S'), PDFName.of(n.role));
    const parent = parentOf.get(n.id);
    dict.set(PDFName.of('P'), parent === undefined ? rootRef : refOf(parent));
    const kids = PDFArray.withContext(ctx);
    if (n.kids.length) {
      for (const k of n.kids) kids.push(refOf(k.id));
    } else {
      const marks = mcrs.get(n.id) ?? [];
      const firstPage = marks[0]?.page;
      if (firstPage !== undefined) dict.set(PDFName.of('Pg'), pageRef(firstPage));
      for (const m of marks) {
        if (m.page === firstPage) kids.push(PDFNumber.of(m.mcid));
        else kids.push(ctx.obj({ Type: 'MCR', Pg: pageRef(m.page), MCID: m.mcid }));
      }
    }
    dict.set(PDFName.of('K'), kids);
    if (n.scope) dict.set(PDFName.of('A'), ctx.obj({ O: 'Table', Scope: n.scope }));
    if (n.alt !== undefined) dict.set(PDFName.of('Alt'), text(n.alt));
    if (n.actualText !== undefined) dict.set(PDFName.of('ActualText'), text(n.actualText));
    ctx.assign(refOf(n.id), dict);
  }
  const nums = PDFArray.withContext(ctx);
  content.forEach((pc, p) => {
    nums.push(PDFNumber.of(p));
    const arr = PDFArray.withContext(ctx);
    for (const node of pc.nodes) arr.push(refOf(node));
    nums.push(ctx.register(arr));
    pc.page.node.set(PDFName.of('StructParents'), PDFNumber.of(p));
    // PDF/UA-1 §7.18.3: the tab order of a page follows the structure.
    pc.page.node.set(PDFName.of('Tabs'), PDFName.of('S'));
  });
  const parentTree = ctx.register(ctx.obj({ Nums: nums }));
  ctx.assign(rootRef, ctx.obj({ Type: 'StructTreeRoot', K: refs[0], ParentTree: parentTree, ParentTreeNextKey: content.length }));
  pdf.catalog.set(PDFName.of('StructTreeRoot'), rootRef);
  pdf.catalog.set(PDFName.of('MarkInfo'), ctx.obj({ Marked: true }));
}

/** Escape text for XML content. */
const xml = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

/**
 * The XMP metadata packet (ISO 16684-1) with dc:title, dc:description, xmp dates, pdf:Producer,
 * and pdfuaid:part = 1 (the claim a PDF/UA-1 checker looks for). Dates are ISO 8601 UTC.
 */
export function xmpPacket(o: { title: string; subject: string; lang: string; date: Date; producer: string }): string {
  const date = o.date.toISOString().replace(/\.\d{3}Z$/, 'Z');
  return [
    '<?xpacket begin="\uFEFF" id="W5M0MpCehiHzreSzNTczkc9d"?>',
    '<x:xmpmeta xmlns:x="adobe:ns:meta/">',
    '<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">',
    '<rdf:Description rdf:about="" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:xmp="http://ns.adobe.com/xap/1.0/" xmlns:pdf="http://ns.adobe.com/pdf/1.3/" xmlns:pdfuaid="http://www.aiim.org/pdfua/ns/id/">',
    '<dc:format>application/pdf</dc:format>',
    `<dc:title><rdf:Alt><rdf:li xml:lang="x-default">${xml(o.title)}</rdf:li></rdf:Alt></dc:title>`,
    `<dc:description><rdf:Alt><rdf:li xml:lang="x-default">${xml(o.subject)}</rdf:li></rdf:Alt></dc:description>`,
    `<dc:language><rdf:Bag><rdf:li>${xml(o.lang)}</rdf:li></rdf:Bag></dc:language>`,
    `<xmp:CreateDate>${date}</xmp:CreateDate>`,
    `<xmp:ModifyDate>${date}</xmp:ModifyDate>`,
    `<xmp:MetadataDate>${date}</xmp:MetadataDate>`,
    `<xmp:CreatorTool>${xml(o.producer)}</xmp:CreatorTool>`,
    `<pdf:Producer>${xml(o.producer)}</pdf:Producer>`,
    '<pdfuaid:part>1</pdfuaid:part>',
    '</rdf:Description>',
    '</rdf:RDF>',
    '</x:xmpmeta>',
    '<?xpacket end="w"?>',
  ].join('\n');
}

/** Attach the XMP packet as the catalog's /Metadata stream (uncompressed, as PDF/A and UA checkers prefer). */
export function writeXmp(pdf: PDFDocument, packet: string): void {
  const stream = pdf.context.stream(new TextEncoder().encode(packet), { Type: 'Metadata', Subtype: 'XML' });
  pdf.catalog.set(PDFName.of('Metadata'), pdf.context.register(stream));
}

/**
 * Bookmarks (the PDF outline, ISO 32000-1 §12.3.3): one per item, children nested, each a
 * /Dest to its page at its top. `pages` are the report's pages; item.page is 0-based.
 */
export function writeOutline(pdf: PDFDocument, items: OutlineItem[], pages: PDFPage[]): void {
  if (!items.length) return;
  const ctx = pdf.context;
  const rootRef = ctx.nextRef();
  const build = (list: OutlineItem[], parent: PDFRef): { first: PDFRef; last: PDFRef; count: number } => {
    const itemRefs = list.map(() => ctx.nextRef());
    let count = list.length;
    list.forEach((item, i) => {
      const page = pages[item.page];
      if (!page) throw new RangeError(`outline entry "${item.title}" points at page ${item.page + 1}, but the report has ${pages.length} pages`);
      const ref = itemRefs[i]!;
      const dict = ctx.obj({}) as PDFDict;
      dict.set(PDFName.of('Title'), text(item.title));
      dict.set(PDFName.of('Parent'), parent);
      const prev = itemRefs[i - 1];
      const next = itemRefs[i + 1];
      if (prev) dict.set(PDFName.of('Prev'), prev);
      if (next) dict.set(PDFName.of('Next'), next);
      dict.set(PDFName.of('Dest'), ctx.obj([page.ref, PDFName.of('XYZ'), 0, Math.round((page.getHeight() - item.top + 12) * 100) / 100, null]));
      if (item.children.length) {
        const kids = build(item.children, ref);
        dict.set(PDFName.of('First'), kids.first);
        dict.set(PDFName.of('Last'), kids.last);
        dict.set(PDFName.of('Count'), PDFNumber.of(kids.count)); // open: children shown
        count += kids.count;
      }
      ctx.assign(ref, dict);
    });
    return { first: itemRefs[0]!, last: itemRefs[itemRefs.length - 1]!, count }; // list is not empty: callers pass children only when there are some
  };
  const top = build(items, rootRef);
  ctx.assign(rootRef, ctx.obj({ Type: 'Outlines', First: top.first, Last: top.last, Count: top.count }));
  pdf.catalog.set(PDFName.of('Outlines'), rootRef);
  pdf.catalog.set(PDFName.of('PageMode'), PDFName.of('UseOutlines'));
}
