/**
 * Builders of the bad inputs of issue #12, made in the test itself rather than stored: a
 * decompression bomb, a tracker of any number of pages, text with terminal escape bytes.
 */
import { deflateRawSync, deflateSync, constants } from 'node:zlib';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { PDFDocument } from 'pdf-lib';
import { FIXTURES } from '../helpers/fixtures.ts';

/** A minimal PDF of one page whose content stream is `content` with the given filter entries. */
function onePagePdf(content: Uint8Array, filter = '', extraObjects: string[] = [], resources = '<< >>'): Uint8Array {
  const enc = new TextEncoder();
  const parts: Uint8Array[] = [];
  const offsets: number[] = [];
  let length = 0;
  const push = (b: Uint8Array) => {
    parts.push(b);
    length += b.length;
  };
  const obj = (n: number, body: Uint8Array[]) => {
    offsets[n] = length;
    push(enc.encode(`${n} 0 obj\n`));
    for (const b of body) push(b);
    push(enc.encode('\nendobj\n'));
  };
  push(enc.encode('%PDF-1.7\n%\xe2\xe3\xcf\xd3\n'));
  obj(1, [enc.encode('<< /Type /Catalog /Pages 2 0 R >>')]);
  obj(2, [enc.encode('<< /Type /Pages /Kids [3 0 R] /Count 1 >>')]);
  obj(3, [enc.encode(`<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources ${resources} /Contents 4 0 R >>`)]);
  obj(4, [enc.encode(`<< /Length ${content.length}${filter} >>\nstream\n`), content, enc.encode('\nendstream')]);
  for (const [k, body] of extraObjects.entries()) obj(5 + k, [enc.encode(body)]);
  const n = 5 + extraObjects.length;
  const xref = length;
  let table = `xref\n0 ${n}\n0000000000 65535 f \n`;
  for (let k = 1; k < n; k++) table += `${String(offsets[k]).padStart(10, '0')} 00000 n \n`;
  push(enc.encode(`${table}trailer\n<< /Size ${n} /Root 1 0 R >>\nstartxref\n${xref}\n%%EOF\n`));
  const out = new Uint8Array(length);
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}

/**
 * A decompression bomb: one page whose content stream is `decodedMb` MB of zero bytes, Flate
 * encoded twice (`/Filter [/FlateDecode /FlateDecode]`), a few KB on disk. The inner zlib
 * stream is built from one full-flushed 1 MB block repeated (identical bytes each time, so no
 * gigabyte is ever held or compressed here); pdf.js inflates it into one growing buffer.
 */
export function flateBomb(decodedMb: number): Uint8Array {
  const block = deflateRawSync(new Uint8Array(1 << 20), { level: 9, finishFlush: constants.Z_FULL_FLUSH });
  const end = deflateRawSync(new Uint8Array(0)); // a final empty block
  const n = decodedMb * (1 << 20);
  const adler = [(n % 65521) >>> 8, (n % 65521) & 255, 0, 1]; // Adler-32 of n zero bytes: a = 1, b = n mod 65521
  const inner = new Uint8Array(2 + block.length * decodedMb + end.length + 4);
  inner.set([0x78, 0xda], 0);
  for (let k = 0; k < decodedMb; k++) inner.set(block, 2 + k * block.length);
  inner.set(end, 2 + block.length * decodedMb);
  inner.set(adler, inner.length - 4);
  return onePagePdf(deflateSync(inner, { level: 9 }), ' /Filter [/FlateDecode /FlateDecode]');
}

/**
 * A tracker of `pages` pages: the seed fixture's first page (title, header row), its middle
 * pages repeated, and its last page, copied with pdf-lib (the repeated pages share their fonts,
 * so the file stays small). Records repeat their numbers; that is a warning, not an error.
 */
export async function bigTracker(pages: number): Promise<Uint8Array> {
  const src = await PDFDocument.load(readFileSync(path.join(FIXTURES, 'online-crime-tracker.pdf')));
  const n = src.getPageCount();
  const middle = Array.from({ length: n - 2 }, (_, k) => k + 1);
  const order = [0, ...Array.from({ length: Math.max(0, pages - 2) }, (_, k) => middle[k % middle.length]!), n - 1];
  const out = await PDFDocument.create({ updateMetadata: false });
  for (const page of await out.copyPages(src, order)) out.addPage(page);
  return out.save({ useObjectStreams: false });
}

/**
 * One page of text in a standard font with a ToUnicode map sending byte 0x01 to ESC (U+001B),
 * so the text pdf.js extracts holds raw escape sequences: a table-like header row "Name |
 * ESC[2J | Town" (no tracker: TRACKER_NOT_FOUND quotes it) over a few rows.
 */
export function escapeTextPdf(): Uint8Array {
  const cmap = [
    '/CIDInit /ProcSet findresource begin 12 dict begin begincmap',
    '/CMapName /Esc def /CMapType 2 def',
    '1 begincodespacerange <00> <FF> endcodespacerange',
    '1 beginbfrange <20> <7E> <0020> endbfrange',
    '1 beginbfchar <01> <001B> endbfchar',
    'endcmap CMapName currentdict /CMap defineresource pop end end',
  ].join('\n');
  const rows = [
    ['Name', '\x01[2J\x01[31mInjected', 'Town'],
    ['Ann', '34', 'Leeds'],
    ['Bob', '51', 'York'],
    ['Cy', '28', 'Bath'],
  ];
  let content = '';
  rows.forEach((row, r) => {
    row.forEach((cell, c) => {
      content += `BT /F1 11 Tf ${72 + c * 160} ${760 - r * 24} Td (${cell.replace(/[()\\]/g, '\\$&')}) Tj ET\n`;
    });
  });
  const enc = new TextEncoder();
  const bytes = Uint8Array.from([...content].map((ch) => ch.charCodeAt(0)));
  return onePagePdf(
    bytes,
    '',
    ['<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /ToUnicode 6 0 R >>', `<< /Length ${enc.encode(cmap).length} >>\nstream\n${cmap}\nendstream`],
    '<< /Font << /F1 5 0 R >> >>',
  );
}

/**
 * A tracker of `pages` pages drawn with pdf-lib: a ruled table "Recommendation | Response |
 * Progress" with its header row on every page and two short records per page (Progress cells
 * shaded green / amber), the first page under a title. The table page is drawn once and
 * repeated with `copyPages`, so every page shares one content stream and one Resources object,
 * as LibreOffice's pages share theirs — the shape that made the debug overlay grow with the
 * square of the page count. Light on text, so 1,000 pages convert in seconds.
 */
export async function longTracker(pages: number): Promise<Uint8Array> {
  const { StandardFonts, rgb } = await import('pdf-lib');
  const doc = await PDFDocument.create({ updateMetadata: false });
  const font = await doc.embedFont(StandardFonts.Helvetica);
  const bold = await doc.embedFont(StandardFonts.HelveticaBold);
  const W = 595,
    H = 842,
    x = [50, 250, 400, 545];
  const draw = (title: boolean) => {
    const page = doc.addPage([W, H]);
    let top = 60;
    if (title) {
      page.drawText('Long tracker: impact tracker', { x: 50, y: H - top, size: 18, font: bold });
      page.drawText('Reliability Committee', { x: 50, y: H - top - 24, size: 12, font });
      top += 60;
    }
    const rows: Array<[string, string, string, [number, number, number] | null]> = [
      ["Committee's recommendation", 'Response', 'Progress', null],
      ['Recommendation 1: Publish the plan.', 'Accepted.', 'Done.', [0.6, 0.85, 0.6]],
      ['Recommendation 2: Review the budget.', 'Accepted in part.', 'Some progress.', [1, 0.85, 0.5]],
    ];
    const rowH = [24, 60, 60];
    let y = top;
    rows.forEach(([a, b, c, fill], r) => {
      if (fill) page.drawRectangle({ x: x[2], y: H - y - rowH[r]!, width: x[3]! - x[2]!, height: rowH[r]!, color: rgb(...fill) });
      for (const [i, t] of [a, b, c].entries()) page.drawText(t, { x: x[i]! + 4, y: H - y - 15, size: 9, font: r === 0 ? bold : font });
      page.drawLine({ start: { x: x[0]!, y: H - y }, end: { x: x[3]!, y: H - y }, thickness: 0.75 });
      y += rowH[r]!;
    });
    page.drawLine({ start: { x: x[0]!, y: H - y }, end: { x: x[3]!, y: H - y }, thickness: 0.75 });
    for (const xi of x) page.drawLine({ start: { x: xi, y: H - top }, end: { x: xi, y: H - y }, thickness: 0.75 });
  };
  draw(true);
  draw(false);
  const template = await PDFDocument.load(await doc.save());
  const out = await PDFDocument.create({ updateMetadata: false });
  const order = [0, ...Array.from({ length: Math.max(0, pages - 1) }, () => 1)];
  for (const page of await out.copyPages(template, order)) out.addPage(page);
  return out.save({ useObjectStreams: false });
}
