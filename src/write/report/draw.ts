/**
 * Plan → PDF content: paints each page's items and wraps them in marked content — a BDC with
 * an MCID for pieces of a structure element, an /Artifact BDC for page furniture — so tags.ts
 * can tie every piece of content to the structure tree (PDF/UA-1 §7.1: all content tagged or
 * an artifact). Consecutive items of one element share one marked-content sequence.
 *
 * The content stream is written here as text, not through pdf-lib's drawText/drawRectangle/
 * drawLine: those wrapped every item in q/Q and BT/ET with a fresh font resource, colour,
 * leading and matrix (about ten operators and a new /Font entry per line of text) and measured
 * each string again to encode it (issue #9). Here colour, line width and font are set only
 * when they change, and text is encoded from the subset's glyph map.
 */
import { PDFName, type PDFDocument, type PDFPage } from 'pdf-lib';
import { FONT_RESOURCE, type ReportFace } from './font.ts';
import type { Colour, Mark, ReportPlan } from './plan.ts';
import type { PageContent } from './tags.ts';

/** "r g b" of a #rrggbb colour, each 0–1 to 4 decimals (exact for 8-bit channels). */
function rgbOperands(h: Colour): string {
  const n = Number.parseInt(h.slice(1), 16);
  return [(n >> 16) & 255, (n >> 8) & 255, n & 255].map((c) => num(c / 255, 4)).join(' ');
}

/** A number operand: at most `places` decimals, no exponent, no "-0". */
function num(x: number, places = 3): string {
  const f = 10 ** places;
  const r = Math.round(x * f) / f;
  return r === 0 ? '0' : String(r);
}

const markKey = (m: Mark) => ('node' in m ? `n${m.node}` : `a${m.artifact}`);

/** The two faces the plan was laid out with. */
export interface DrawFonts {
  regular: ReportFace;
  bold: ReportFace;
}

/**
 * Draw the plan's pages into `pdf`, embedding each face's subset for the characters drawn.
 * @returns per page, the structure element id of each MCID (for the parent tree).
 */
export async function drawPlan(pdf: PDFDocument, plan: ReportPlan, fonts: DrawFonts): Promise<PageContent[]> {
  const used = { regular: new Set<number>(), bold: new Set<number>() };
  for (const p of plan.pages) {
    for (const item of p.items) {
      if (item.kind !== 'text') continue;
      const set = item.bold ? used.bold : used.regular;
      for (const ch of item.text) set.add(ch.codePointAt(0)!);
    }
  }
  const [regularSubset, boldSubset] = await Promise.all([fonts.regular.subsetFor(used.regular), fonts.bold.subsetFor(used.bold)]);
  const fontRefs = { regular: fonts.regular.embed(pdf.context, regularSubset), bold: fonts.bold.embed(pdf.context, boldSubset) };
  const hexCache = { regular: new Map<string, string>(), bold: new Map<string, string>() };
  const encode = (text: string, bold: boolean): string => {
    const gid = (bold ? boldSubset : regularSubset).gid;
    const cache = bold ? hexCache.bold : hexCache.regular;
    let out = '';
    for (const ch of text) {
      let h = cache.get(ch);
      if (h === undefined) {
        const id = gid.get(ch.codePointAt(0)!) ?? 0;
        h = id.toString(16).padStart(4, '0');
        cache.set(ch, h);
      }
      out += h;
    }
    return out;
  };
  const colours = new Map<string, string>();
  const colour = (h: Colour) => {
    let c = colours.get(h);
    if (c === undefined) {
      c = rgbOperands(h);
      colours.set(h, c);
    }
    return c;
  };

  return plan.pages.map((p) => {
    const page: PDFPage = pdf.addPage([p.width, p.height]);
    const nodes: number[] = [];
    const ops: string[] = [];
    let open: string | null = null;
    // Graphics state as the content stream has set it (PDF 32000-1 §8.4.1 initial values).
    let fill = '0 0 0';
    let stroke = '0 0 0';
    let lineWidth = '1';
    let font = '';
    const begin = (m: Mark) => {
      const key = markKey(m);
      if (key === open) return;
      if (open !== null) ops.push('EMC');
      open = key;
      if ('node' in m) {
        const mcid = nodes.length;
        nodes.push(m.node);
        ops.push(`${PDFName.of(plan.nodes[m.node]!.role).asString()} <</MCID ${mcid}>> BDC`);
      } else {
        ops.push(`/Artifact <</Type /${m.artifact}>> BDC`);
      }
    };
    for (const item of p.items) {
      begin(item.mark);
      if (item.kind === 'text') {
        const c = colour(item.colour);
        if (c !== fill) {
          fill = c;
          ops.push(`${c} rg`);
        }
        const f = `${item.bold ? '/F2' : '/F1'} ${num(item.size)} Tf`;
        const setFont = f !== font ? `${f} ` : '';
        font = f;
        ops.push(`BT ${setFont}${num(item.x)} ${num(p.height - item.baseline)} Td <${encode(item.text, item.bold)}> Tj ET`);
      } else if (item.kind === 'rect') {
        const c = colour(item.fill);
        if (c !== fill) {
          fill = c;
          ops.push(`${c} rg`);
        }
        ops.push(`${num(item.x)} ${num(p.height - item.top - item.height)} ${num(item.width)} ${num(item.height)} re f`);
      } else {
        const c = colour(item.colour);
        if (c !== stroke) {
          stroke = c;
          ops.push(`${c} RG`);
        }
        const w = num(item.thickness);
        if (w !== lineWidth) {
          lineWidth = w;
          ops.push(`${w} w`);
        }
        ops.push(`${num(item.x0)} ${num(p.height - item.y0)} m ${num(item.x1)} ${num(p.height - item.y1)} l S`);
      }
    }
    if (open !== null) ops.push('EMC');
    page.node.setFontDictionary(FONT_RESOURCE.regular, fontRefs.regular);
    page.node.setFontDictionary(FONT_RESOURCE.bold, fontRefs.bold);
    page.node.addContentStream(pdf.context.register(pdf.context.flateStream(`${ops.join('\n')}\n`)));
    return { page, nodes };
  });
}
