/**
 * Ruling lines and filled rectangles from a page's operator list. This is the only file that
 * knows pdf.js's operator-list encoding (pdfjs-dist 6.x, unchanged since 5.1.91/5.3.31):
 * `constructPath` args are `[paintOp, [Float32Array path], minMax]` with path codes moveTo 0,
 * lineTo 1, curveTo 2, quadraticCurveTo 3, closePath 4; fill colours arrive as
 * `setFillRGBColor ["#rrggbb"]`. Coordinates are in the current user space, so the CTM is
 * tracked through save/restore/transform and form XObjects.
 */
import type { BBox, FilledRect, Rgb, Ruling } from '../types.ts';
import { pdfjs } from './load.ts';
import { apply, multiply, type Matrix } from './matrix.ts';


/** Tolerances for turning paths into rulings and rectangles. */
export interface ShapeOptions {
  /**
   * A filled rectangle at most this thick (points) is a ruling line, not shading. 2 pt: the
   * seed (LibreOffice) and Chromium draw cell borders as 0.5–1.5 pt filled rectangles.
   */
  maxRulingThickness: number;
  /** A segment whose ends differ by at most this (points) across is axis-aligned. 0.5 pt. */
  axisTolerance: number;
  /** Ignore rulings shorter than this (points): glyph-like strokes, underline stubs. 3 pt. */
  minRulingLength: number;
  /**
   * A filled shape at most this wide and tall (points), about as wide as tall, is a dot: a
   * list marker drawn as a path (Chromium paints `list-style: disc` as a filled circle,
   * fixture bus-network-number-column-middle). 6 pt.
   */
  maxDotSize: number;
  /**
   * A filled shape at most this wide and tall (points) that is not a rectangle is a mark: a
   * RAG status dot or chip drawn as a circle or rounded box. 24 pt.
   */
  maxMarkSize: number;
}

/** Defaults of {@link ShapeOptions}; each value's source is on its field. */
export const DEFAULT_SHAPE_OPTIONS: ShapeOptions = { maxRulingThickness: 2, axisTolerance: 0.5, minRulingLength: 3, maxDotSize: 6, maxMarkSize: 24 };

const OPS = pdfjs.OPS;
const PATH = { moveTo: 0, lineTo: 1, curveTo: 2, quadraticCurveTo: 3, closePath: 4 } as const;

function parseHex(hex: unknown): Rgb | null {
  if (typeof hex !== 'string' || !/^#[0-9a-f]{6}$/i.test(hex)) return null;
  const n = Number.parseInt(hex.slice(1), 16);
  return [((n >> 16) & 255) / 255, ((n >> 8) & 255) / 255, (n & 255) / 255];
}

/** The operator list as pdf.js returns it (`page.getOperatorList()`). */
export interface OperatorList {
  fnArray: number[];
  argsArray: unknown[];
}

/** What a page's operator list yields: shapes plus a count of painted images (for scan detection). */
export interface PageShapes {
  rulings: Ruling[];
  rects: FilledRect[];
  /** Small filled dots and squares (list markers drawn as paths). */
  dots: BBox[];
  /** Small filled shapes with their colour (RAG dots drawn as circles); dots included. */
  marks: FilledRect[];
  imageCount: number;
  /** Text-showing operators (Tj, TJ, ', "): a page that draws glyphs is not a scan, whatever pdf.js could decode. */
  textRunCount: number;
}

/**
 * Read rulings and filled rectangles from an operator list.
 * @param viewTransform maps user space to the page as read (top-left origin, points).
 * @param pageNumber 1-based.
 */
export function extractShapes(
  ops: OperatorList,
  viewTransform: Matrix,
  pageNumber: number,
  options: ShapeOptions = DEFAULT_SHAPE_OPTIONS,
): PageShapes {
  const rulings: Ruling[] = [];
  const rects: FilledRect[] = [];
  const dots: BBox[] = [];
  const marks: FilledRect[] = [];
  let imageCount = 0;
  let textRunCount = 0;
  let ctm: Matrix = [1, 0, 0, 1, 0, 0];
  let fill: Rgb = [0, 0, 0];
  let stroke: Rgb = [0, 0, 0];
  let lineWidth = 1;
  const stack: Array<{ ctm: Matrix; fill: Rgb; stroke: Rgb; lineWidth: number }> = [];
  const save = () => stack.push({ ctm, fill, stroke, lineWidth });
  const restore = () => {
    const s = stack.pop();
    if (s) ({ ctm, fill, stroke, lineWidth } = s);
  };

  const addRuling = (x0: number, y0: number, x1: number, y1: number) => {
    const horizontal = Math.abs(y0 - y1) <= options.axisTolerance;
    const vertical = Math.abs(x0 - x1) <= options.axisTolerance;
    if (horizontal === vertical) return; // diagonal, or a dot
    const [start, end] = horizontal ? [Math.min(x0, x1), Math.max(x0, x1)] : [Math.min(y0, y1), Math.max(y0, y1)];
    if (end - start < options.minRulingLength) return;
    rulings.push({ orientation: horizontal ? 'h' : 'v', position: horizontal ? (y0 + y1) / 2 : (x0 + x1) / 2, start, end, pageNumber });
  };

  const addFilledBox = (box: BBox, colour: Rgb) => {
    const w = box.x1 - box.x0;
    const h = box.bottom - box.top;
    if (Math.min(w, h) <= options.maxRulingThickness) {
      if (w >= h) addRuling(box.x0, (box.top + box.bottom) / 2, box.x1, (box.top + box.bottom) / 2);
      else addRuling((box.x0 + box.x1) / 2, box.top, (box.x0 + box.x1) / 2, box.bottom);
      return;
    }
    rects.push({ bbox: box, fill: colour, pageNumber });
  };

  const paintPath = (paintOp: number, data: ArrayLike<number>) => {
    const doFill = paintOp === OPS.fill || paintOp === OPS.eoFill || paintOp === OPS.fillStroke || paintOp === OPS.eoFillStroke || paintOp === OPS.closeFillStroke || paintOp === OPS.closeEOFillStroke;
    const doStroke = paintOp === OPS.stroke || paintOp === OPS.closeStroke || paintOp === OPS.fillStroke || paintOp === OPS.eoFillStroke || paintOp === OPS.closeFillStroke || paintOp === OPS.closeEOFillStroke;
    if (!doFill && !doStroke) return; // endPath: a clip path, never painted
    const m = multiply(viewTransform, ctm);
    // Split into subpaths of points in page coordinates; a subpath with a curve is not a box.
    const subpaths: Array<{ pts: Array<[number, number]>; curved: boolean }> = [];
    let cur: { pts: Array<[number, number]>; curved: boolean } | null = null;
    for (let i = 0; i < data.length; ) {
      const code = data[i++];
      if (code === PATH.moveTo) {
        cur = { pts: [apply(m, data[i], data[i + 1])], curved: false };
        subpaths.push(cur);
        i += 2;
      } else if (code === PATH.lineTo) {
        cur?.pts.push(apply(m, data[i], data[i + 1]));
        i += 2;
      } else if (code === PATH.curveTo) {
        if (cur) cur.curved = true;
        cur?.pts.push(apply(m, data[i + 4], data[i + 5]));
        i += 6;
      } else if (code === PATH.quadraticCurveTo) {
        if (cur) cur.curved = true;
        cur?.pts.push(apply(m, data[i + 2], data[i + 3]));
        i += 4;
      } else if (code === PATH.closePath) {
        if (cur && cur.pts.length) cur.pts.push(cur.pts[0]);
      } else {
        break; // unknown code: stop rather than misread coordinates
      }
    }
    const strokeWidth = lineWidth * Math.hypot(m[0], m[1]);
    for (const sp of subpaths) {
      if (sp.pts.length < 2) continue;
      const xs = sp.pts.map((p) => p[0]);
      const ys = sp.pts.map((p) => p[1]);
      const box: BBox = { x0: Math.min(...xs), top: Math.min(...ys), x1: Math.max(...xs), bottom: Math.max(...ys) };
      const axisAligned = !sp.curved && sp.pts.every((p, k) => k === 0 || Math.abs(p[0] - sp.pts[k - 1][0]) <= options.axisTolerance || Math.abs(p[1] - sp.pts[k - 1][1]) <= options.axisTolerance);
      const w = box.x1 - box.x0, h = box.bottom - box.top;
      if (doFill && w > 1 && h > 1 && w <= options.maxMarkSize && h <= options.maxMarkSize && (sp.curved || !axisAligned || Math.max(w, h) <= options.maxDotSize)) {
        marks.push({ bbox: box, fill, pageNumber });
      }
      if (doFill && w > 1 && h > 1 && w <= options.maxDotSize && h <= options.maxDotSize && Math.max(w, h) <= 1.5 * Math.min(w, h) && (sp.curved || sp.pts.length >= 4)) {
        dots.push(box);
        continue;
      }
      if (doFill && axisAligned && sp.pts.length >= 4) addFilledBox(box, fill);
      if (doStroke && !sp.curved) {
        if (strokeWidth > options.maxRulingThickness * 2 && sp.pts.length === 2) {
          // A thick stroked line is a band of colour (some producers shade with wide strokes).
          addFilledBox(
            Math.abs(sp.pts[0][1] - sp.pts[1][1]) <= options.axisTolerance
              ? { x0: box.x0, x1: box.x1, top: box.top - strokeWidth / 2, bottom: box.top + strokeWidth / 2 }
              : { x0: box.x0 - strokeWidth / 2, x1: box.x0 + strokeWidth / 2, top: box.top, bottom: box.bottom },
            stroke,
          );
          continue;
        }
        for (let k = 1; k < sp.pts.length; k++) addRuling(sp.pts[k - 1][0], sp.pts[k - 1][1], sp.pts[k][0], sp.pts[k][1]);
      }
    }
  };

  const { fnArray, argsArray } = ops;
  for (let i = 0; i < fnArray.length; i++) {
    const fn = fnArray[i];
    const args = argsArray[i] as any;
    switch (fn) {
      case OPS.save:
        save();
        break;
      case OPS.restore:
        restore();
        break;
      case OPS.transform:
        ctm = multiply(ctm, args as ArrayLike<number>);
        break;
      case OPS.paintFormXObjectBegin:
        save();
        if (Array.isArray(args?.[0]) || ArrayBuffer.isView(args?.[0])) ctm = multiply(ctm, Array.from(args[0] as ArrayLike<number>) as Matrix);
        break;
      case OPS.paintFormXObjectEnd:
        restore();
        break;
      case OPS.setFillRGBColor:
        fill = parseHex(args?.[0]) ?? fill;
        break;
      case OPS.setStrokeRGBColor:
        stroke = parseHex(args?.[0]) ?? stroke;
        break;
      case OPS.setLineWidth:
        lineWidth = Number(args?.[0]) || 0;
        break;
      case OPS.setGState:
        for (const [key, value] of (args?.[0] ?? []) as Array<[string, unknown]>) if (key === 'LW') lineWidth = Number(value) || 0;
        break;
      case OPS.constructPath: {
        const [paintOp, paths] = args as [number, Array<ArrayLike<number> | null>];
        for (const data of paths ?? []) if (data) paintPath(paintOp, data);
        break;
      }
      case OPS.paintImageXObject:
      case OPS.paintInlineImageXObject:
      case OPS.paintImageMaskXObject:
      case OPS.paintImageXObjectRepeat:
        imageCount++;
        break;
      case OPS.showText:
      case OPS.showSpacedText:
      case OPS.nextLineShowText:
      case OPS.nextLineSetSpacingShowText:
        textRunCount++;
        break;
      default:
        break;
    }
  }
  return { rulings, rects, dots, marks, imageCount, textRunCount };
}
