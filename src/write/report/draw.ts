/**
 * Plan → pdf-lib: paints each page's items and wraps them in marked content — a BDC with an
 * MCID for pieces of a structure element, an /Artifact BDC for page furniture — so tags.ts can
 * tie every piece of content to the structure tree (PDF/UA-1 §7.1: all content tagged or an
 * artifact). Consecutive items of one element share one marked-content sequence.
 */
import { PDFName, PDFOperator, PDFOperatorNames as Ops, rgb, type PDFDocument, type PDFFont, type PDFPage, type RGB } from 'pdf-lib';
import type { Colour, Mark, ReportPlan } from './plan.ts';
import type { PageContent } from './tags.ts';

function hex(h: Colour): RGB {
  const n = Number.parseInt(h.slice(1), 16);
  return rgb(((n >> 16) & 255) / 255, ((n >> 8) & 255) / 255, (n & 255) / 255);
}

const markKey = (m: Mark) => ('node' in m ? `n${m.node}` : `a${m.artifact}`);

/**
 * Draw the plan's pages into `pdf` with the two embedded fonts.
 * @returns per page, the structure element id of each MCID (for the parent tree).
 */
export function drawPlan(pdf: PDFDocument, plan: ReportPlan, fonts: { regular: PDFFont; bold: PDFFont }): PageContent[] {
  const colours = new Map<string, RGB>();
  const colour = (h: Colour) => {
    let c = colours.get(h);
    if (!c) {
      c = hex(h);
      colours.set(h, c);
    }
    return c;
  };
  return plan.pages.map((p) => {
    const page: PDFPage = pdf.addPage([p.width, p.height]);
    const nodes: number[] = [];
    let open: string | null = null;
    const begin = (m: Mark) => {
      const key = markKey(m);
      if (key === open) return;
      if (open !== null) page.pushOperators(PDFOperator.of(Ops.EndMarkedContent));
      open = key;
      if ('node' in m) {
        const mcid = nodes.length;
        nodes.push(m.node);
        // An inline property list (pdf-lib writes string operands as they are).
        page.pushOperators(PDFOperator.of(Ops.BeginMarkedContentSequence, [PDFName.of(plan.nodes[m.node]!.role), `<</MCID ${mcid}>>`]));
      } else {
        page.pushOperators(PDFOperator.of(Ops.BeginMarkedContentSequence, [PDFName.of('Artifact'), `<</Type /${m.artifact}>>`]));
      }
    };
    for (const item of p.items) {
      begin(item.mark);
      if (item.kind === 'text') {
        page.drawText(item.text, { x: item.x, y: p.height - item.baseline, size: item.size, font: item.bold ? fonts.bold : fonts.regular, color: colour(item.colour) });
      } else if (item.kind === 'rect') {
        page.drawRectangle({ x: item.x, y: p.height - item.top - item.height, width: item.width, height: item.height, color: colour(item.fill) });
      } else {
        page.drawLine({ start: { x: item.x0, y: p.height - item.y0 }, end: { x: item.x1, y: p.height - item.y1 }, thickness: item.thickness, color: colour(item.colour) });
      }
    }
    if (open !== null) page.pushOperators(PDFOperator.of(Ops.EndMarkedContent));
    return { page, nodes };
  });
}
