/**
 * Paths → ruling lines, filled rectangles, dots and marks. The paths come from the operator-list
 * interpreter (interpret.ts) already mapped to the page; this file knows pdf.js's path encoding
 * (pdfjs-dist 6.x, unchanged since 5.1.91): path codes moveTo 0, lineTo 1, curveTo 2,
 * quadraticCurveTo 3, closePath 4, and the paint operators of `constructPath`.
 */
import type { BBox, FilledRect, Ruling } from '../types.ts';
import { pdfjs } from './load.ts';
import { apply } from './matrix.ts';
import type { PaintedPath } from './interpret.ts';

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

/** What a page's paths yield. */
export interface PageShapes {
  rulings: Ruling[];
  rects: FilledRect[];
  /** Small filled dots and squares (list markers drawn as paths). */
  dots: BBox[];
  /** Small filled shapes with their colour (RAG dots drawn as circles); dots included. */
  marks: FilledRect[];
}

const FILLS = new Set([OPS.fill, OPS.eoFill, OPS.fillStroke, OPS.eoFillStroke, OPS.closeFillStroke, OPS.closeEOFillStroke, OPS.rawFillPath]);
const STROKES = new Set([OPS.stroke, OPS.closeStroke, OPS.fillStroke, OPS.eoFillStroke, OPS.closeFillStroke, OPS.closeEOFillStroke]);

/**
 * Collects rulings, filled rectangles, dots and marks from painted paths (the `path` events of
 * the interpreter). A fully transparent fill paints nothing and yields nothing.
 * @param pageNumber 1-based.
 */
export function shapeCollector(pageNumber: number, options: ShapeOptions = DEFAULT_SHAPE_OPTIONS): { path: (p: PaintedPath) => void; shapes: PageShapes } {
  const shapes: PageShapes = { rulings: [], rects: [], dots: [], marks: [] };
  const { rulings, rects, dots, marks } = shapes;

  const addRuling = (x0: number, y0: number, x1: number, y1: number) => {
    const horizontal = Math.abs(y0 - y1) <= options.axisTolerance;
    const vertical = Math.abs(x0 - x1) <= options.axisTolerance;
    if (horizontal === vertical) return; // diagonal, or a dot
    const [start, end] = horizontal ? [Math.min(x0, x1), Math.max(x0, x1)] : [Math.min(y0, y1), Math.max(y0, y1)];
    if (end - start < options.minRulingLength) return;
    rulings.push({ orientation: horizontal ? 'h' : 'v', position: horizontal ? (y0 + y1) / 2 : (x0 + x1) / 2, start, end, pageNumber });
  };

  const addFilledBox = (box: BBox, colour: FilledRect['fill']) => {
    const w = box.x1 - box.x0;
    const h = box.bottom - box.top;
    if (Math.min(w, h) <= options.maxRulingThickness) {
      if (w >= h) addRuling(box.x0, (box.top + box.bottom) / 2, box.x1, (box.top + box.bottom) / 2);
      else addRuling((box.x0 + box.x1) / 2, box.top, (box.x0 + box.x1) / 2, box.bottom);
      return;
    }
    rects.push({ bbox: box, fill: colour, pageNumber });
  };

  const path = ({ paintOp, data, matrix: m, fill, stroke, lineWidth, fillAlpha }: PaintedPath) => {
    const doFill = FILLS.has(paintOp) && fillAlpha > 0;
    const doStroke = STROKES.has(paintOp);
    if (!doFill && !doStroke) return; // endPath: a clip path, never painted
    // Split into subpaths of points in page coordinates; a subpath with a curve is not a box.
    const subpaths: Array<{ pts: Array<[number, number]>; curved: boolean }> = [];
    let cur: { pts: Array<[number, number]>; curved: boolean } | null = null;
    for (let i = 0; i < data.length; ) {
      const code = data[i++];
      if (code === PATH.moveTo) {
        cur = { pts: [apply(m, data[i]!, data[i + 1]!)], curved: false };
        subpaths.push(cur);
        i += 2;
      } else if (code === PATH.lineTo) {
        cur?.pts.push(apply(m, data[i]!, data[i + 1]!));
        i += 2;
      } else if (code === PATH.curveTo) {
        if (cur) cur.curved = true;
        cur?.pts.push(apply(m, data[i + 4]!, data[i + 5]!));
        i += 6;
      } else if (code === PATH.quadraticCurveTo) {
        if (cur) cur.curved = true;
        cur?.pts.push(apply(m, data[i + 2]!, data[i + 3]!));
        i += 4;
      } else if (code === PATH.closePath) {
        if (cur?.pts.length) cur.pts.push(cur.pts[0]!);
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
      const axisAligned =
        !sp.curved && sp.pts.every((p, k) => k === 0 || Math.abs(p[0] - sp.pts[k - 1]![0]) <= options.axisTolerance || Math.abs(p[1] - sp.pts[k - 1]![1]) <= options.axisTolerance);
      const w = box.x1 - box.x0,
        h = box.bottom - box.top;
      if (doFill && w > 1 && h > 1 && w <= options.maxMarkSize && h <= options.maxMarkSize && (sp.curved || !axisAligned || Math.max(w, h) <= options.maxDotSize)) {
        marks.push({ bbox: box, fill, pageNumber });
      }
      // Filled, or a small stroked circle: Chromium draws `list-style: circle` as a ring
      // (held-out sweep planning-enforcement chromium-h8).
      const ring = doStroke && !doFill && sp.curved;
      if ((doFill || ring) && w > 1 && h > 1 && w <= options.maxDotSize && h <= options.maxDotSize && Math.max(w, h) <= 1.5 * Math.min(w, h) && (sp.curved || sp.pts.length >= 4)) {
        dots.push(box);
        continue;
      }
      if (doFill && axisAligned && sp.pts.length >= 4) addFilledBox(box, fill);
      if (doStroke && !sp.curved) {
        if (strokeWidth > options.maxRulingThickness * 2 && sp.pts.length === 2) {
          // A thick stroked line is a band of colour (some producers shade with wide strokes).
          addFilledBox(
            Math.abs(sp.pts[0]![1] - sp.pts[1]![1]) <= options.axisTolerance
              ? { x0: box.x0, x1: box.x1, top: box.top - strokeWidth / 2, bottom: box.top + strokeWidth / 2 }
              : { x0: box.x0 - strokeWidth / 2, x1: box.x0 + strokeWidth / 2, top: box.top, bottom: box.bottom },
            stroke,
          );
          continue;
        }
        for (let k = 1; k < sp.pts.length; k++) addRuling(sp.pts[k - 1]![0], sp.pts[k - 1]![1], sp.pts[k]![0], sp.pts[k]![1]);
      }
    }
  };
  return { path, shapes };
}
