/**
 * The operator-list interpreter: one walk over a page's pdf.js operator list that tracks the
 * graphics state (CTM, colours, alpha, clip, optional-content visibility) and the text state
 * (PDF 32000-1 §9.3: Tc, Tw, Tz, TL, Tf, Tr, Ts; §9.4.2 text positioning), and reports what is
 * painted: every glyph with its box and paint, every path (to `shapes.ts`), every opaque area
 * (for the hidden-text checks in `glyphs.ts`).
 *
 * This file and shapes.ts are the only ones that know pdf.js's operator-list encoding
 * (pdfjs-dist 6.x, pinned exactly): `constructPath` args are `[paintOp, [Float32Array path],
 * minMax]`; colours arrive as `setFillRGBColor ["#rrggbb"]` (grey and CMYK converted by pdf.js);
 * `showText` args are `[glyphs]` where a glyph is `{unicode, width, isSpace, …}` or a number
 * (a TJ adjustment in thousandths of an em). Glyph positions follow pdf.js's own canvas
 * `showText` (display/canvas.js): the advance of a glyph is `width · fontSize · fontMatrix[0]
 * + Tc (+ Tw on a space)`, scaled by Tz.
 */
import type { BBox, Rgb } from '../types.ts';
import { pdfjs } from './load.ts';
import { apply, multiply, toMatrix, type Matrix } from './matrix.ts';

const OPS = pdfjs.OPS;
const IDENTITY: Matrix = [1, 0, 0, 1, 0, 0];

/** What the interpreter needs to know of a font (from pdf.js's font object, `fontExtraProperties: true`). */
export interface FontFacts {
  /** PostScript name as embedded ("BAAAAA+DejaVuSans-Bold"), or "". */
  name: string;
  /** Glyph space → text space (1/1000 em for all but Type 3 fonts). */
  fontMatrix: Matrix;
  /** Ascent and descent in em (descent negative); typical values when the font has none. */
  ascent: number;
  descent: number;
  vertical: boolean;
  /** The glyph name of a character code from the font's /Encoding /Differences, where it has one. */
  glyphName?: (charCode: number) => string | undefined;
}

/** One glyph as painted, in page coordinates (points, top-left origin of the page as read). */
export interface PaintedGlyph {
  /** The glyph's Unicode text as pdf.js decoded it (ToUnicode, encoding or glyph name). */
  unicode: string;
  /** The glyph's character code in its font. */
  charCode?: number;
  /**
   * True when the glyph is white space by its Unicode text. (pdf.js's own `isSpace` marks the
   * byte 32, which word spacing applies to: in a subset font that byte may draw an "A".)
   */
  isSpace: boolean;
  /** Index of the showText operator: the paint order. */
  op: number;
  bbox: BBox;
  /** Baseline origin of the glyph. */
  x: number;
  y: number;
  /** Unit vector of the text's x-axis on the page ([1, 0] for upright text). */
  dx: number;
  dy: number;
  /** Font size on the page (points): the text space's vertical scale after every matrix. */
  size: number;
  /** pdf.js font id (`g_d0_f1`) and facts. */
  fontId: string;
  font: FontFacts;
  /** Fill colour, or null for a pattern or a colour pdf.js could not give as RGB. */
  fill: Rgb | null;
  stroke: Rgb | null;
  /** Text render mode (PDF 32000-1 §9.3.6): 0 fill, 1 stroke, 2 fill+stroke, 3 invisible, 4–7 + clip. */
  renderMode: number;
  /** Constant alpha of the fill (ca) and the stroke (CA). */
  fillAlpha: number;
  strokeAlpha: number;
  /** The clip in force (page coordinates), or null for none. */
  clip: BBox | null;
  /** False inside optional content that is switched off, or a fully transparent colour. */
  visible: boolean;
}

/** An area painted opaquely: a filled path, an image or a shading (for background and cover tests). */
export interface PaintedArea {
  op: number;
  bbox: BBox;
  /** The colour, or null when unknown (an image, a pattern, a shading). */
  fill: Rgb | null;
  kind: 'path' | 'image' | 'shading';
}

/** A path to paint, for shapes.ts: page-space transform and paint state. */
export interface PaintedPath {
  op: number;
  paintOp: number;
  /** pdf.js path data (codes moveTo 0, lineTo 1, curveTo 2, quadraticCurveTo 3, closePath 4). */
  data: ArrayLike<number>;
  /** User space → page as read. */
  matrix: Matrix;
  fill: Rgb;
  stroke: Rgb;
  lineWidth: number;
  fillAlpha: number;
}

/** Receivers of what the interpreter sees. */
export interface PaintSink {
  glyph(g: PaintedGlyph): void;
  path(p: PaintedPath): void;
  area(a: PaintedArea): void;
}

/** Inputs of {@link interpretOperatorList}. */
export interface InterpretOptions {
  /** User space → page as read (the viewport transform). */
  view: Matrix;
  /** Font facts by pdf.js font id; undefined for an unknown font (typical metrics are used). */
  font: (id: string) => FontFacts | undefined;
  /** Optional content visibility of a marked-content property list (`{type:'OCG', id}` …). */
  isVisible?: (properties: unknown) => boolean;
}

/** The operator list as pdf.js returns it (`page.getOperatorList()`). */
export interface OperatorList {
  fnArray: number[];
  argsArray: unknown[];
}

interface GraphicsState {
  ctm: Matrix;
  fill: Rgb | null;
  stroke: Rgb | null;
  fillAlpha: number;
  strokeAlpha: number;
  /** The colour is "transparent" (pdf.js's setFillTransparent / setStrokeTransparent). */
  fillTransparent: boolean;
  strokeTransparent: boolean;
  lineWidth: number;
  clip: BBox | null;
  // Text state parameters are part of the graphics state (PDF 32000-1 §9.3.1).
  fontId: string;
  fontSize: number;
  charSpacing: number;
  wordSpacing: number;
  hScale: number;
  leading: number;
  rise: number;
  renderMode: number;
}

const DEFAULT_FONT: FontFacts = { name: '', fontMatrix: [0.001, 0, 0, 0.001, 0, 0], ascent: 0.8, descent: -0.2, vertical: false };

function parseHex(hex: unknown): Rgb | null {
  if (typeof hex !== 'string' || !/^#[0-9a-f]{6}$/i.test(hex)) return null;
  const n = Number.parseInt(hex.slice(1), 16);
  return [((n >> 16) & 255) / 255, ((n >> 8) & 255) / 255, (n & 255) / 255];
}

/** The page-space bounding box of a rectangle in some user space. */
function boxOf(m: Matrix, x0: number, y0: number, x1: number, y1: number): BBox {
  const pts = [apply(m, x0, y0), apply(m, x1, y0), apply(m, x0, y1), apply(m, x1, y1)];
  const xs = pts.map((p) => p[0]);
  const ys = pts.map((p) => p[1]);
  return { x0: Math.min(...xs), top: Math.min(...ys), x1: Math.max(...xs), bottom: Math.max(...ys) };
}

function intersect(a: BBox | null, b: BBox): BBox {
  if (!a) return b;
  const x0 = Math.max(a.x0, b.x0),
    top = Math.max(a.top, b.top);
  return { x0, top, x1: Math.max(x0, Math.min(a.x1, b.x1)), bottom: Math.max(top, Math.min(a.bottom, b.bottom)) };
}

/** Page-space box of a pdf.js path (control points included: a safe over-estimate for curves). */
function pathBox(m: Matrix, data: ArrayLike<number>): BBox | null {
  let x0 = Infinity,
    top = Infinity,
    x1 = -Infinity,
    bottom = -Infinity;
  const add = (x: number, y: number) => {
    const [px, py] = apply(m, x, y);
    x0 = Math.min(x0, px);
    x1 = Math.max(x1, px);
    top = Math.min(top, py);
    bottom = Math.max(bottom, py);
  };
  for (let i = 0; i < data.length; ) {
    const code = data[i++];
    const n = code === 0 || code === 1 ? 2 : code === 2 ? 6 : code === 3 ? 4 : code === 4 ? 0 : -1;
    if (n < 0 || i + n > data.length) break; // unknown code, or a path cut short
    for (let k = 0; k < n; k += 2) add(data[i + k]!, data[i + k + 1]!);
    i += n;
  }
  return x0 <= x1 ? { x0, top, x1, bottom } : null;
}

/**
 * True when a glyph draws white space: its text is a space, or it has no text at all and nothing
 * says what it draws (a symbol font's or a named glyph with no text is a mark, not a space).
 */
function isSpaceGlyph(unicode: string, font: FontFacts, charCode: number | undefined): boolean {
  if (unicode) return !unicode.trim();
  if (/ding|wing|symbol/i.test(font.name)) return false;
  const name = charCode === undefined ? undefined : font.glyphName?.(charCode);
  return !name || name === 'space' || name === 'nbspace';
}

const FILL_OPS = new Set([OPS.fill, OPS.eoFill, OPS.fillStroke, OPS.eoFillStroke, OPS.closeFillStroke, OPS.closeEOFillStroke, OPS.rawFillPath]);

/**
 * Walk an operator list and report glyphs, paths and opaque areas to `sink`, in paint order.
 * Pure: no pdf.js calls (font facts and optional-content visibility come in as functions).
 */
export function interpretOperatorList(ops: OperatorList, options: InterpretOptions, sink: PaintSink): void {
  const { view } = options;
  let gs: GraphicsState = {
    ctm: [...IDENTITY],
    fill: [0, 0, 0],
    stroke: [0, 0, 0],
    fillAlpha: 1,
    strokeAlpha: 1,
    fillTransparent: false,
    strokeTransparent: false,
    lineWidth: 1,
    clip: null,
    fontId: '',
    fontSize: 0,
    charSpacing: 0,
    wordSpacing: 0,
    hScale: 1,
    leading: 0,
    rise: 0,
    renderMode: 0,
  };
  const stack: GraphicsState[] = [];
  // Text object state (not part of the graphics state): Tm and the line start, as pdf.js keeps them.
  let textMatrix: Matrix = [...IDENTITY];
  let x = 0,
    y = 0,
    lineX = 0,
    lineY = 0;
  let pendingClip = false;
  // Optional content: a stack of visibilities of the marked-content sequences entered.
  const marked: boolean[] = [];
  let hiddenDepth = 0;
  const fontCache = new Map<string, FontFacts>();
  const fontOf = (id: string): FontFacts => {
    let f = fontCache.get(id);
    if (!f) {
      f = options.font(id) ?? DEFAULT_FONT;
      fontCache.set(id, f);
    }
    return f;
  };

  const save = () => stack.push({ ...gs });
  const restore = () => {
    const s = stack.pop();
    if (s) gs = s;
  };
  const toPage = () => multiply(view, gs.ctm);
  const moveText = (dx: number, dy: number) => {
    x = lineX += dx;
    y = lineY += dy;
  };

  const showText = (op: number, glyphs: ReadonlyArray<unknown>) => {
    const font = fontOf(gs.fontId);
    let size = gs.fontSize;
    if (!size) return;
    const direction = size < 0 ? -1 : 1;
    size = Math.abs(size);
    const hs = gs.hScale * direction;
    const advanceScale = size * font.fontMatrix[0];
    // text-space → page: view · ctm · Tm · [hs 0 0 1 x y+rise]
    const base = multiply(multiply(toPage(), textMatrix), [hs, 0, 0, 1, x, y + gs.rise]);
    const ux = Math.hypot(base[0], base[1]) || 1;
    const dx = base[0] / ux,
      dy = base[1] / ux;
    // The glyph height on the page: the text-space y axis after every matrix.
    const pageSize = Math.hypot(base[2], base[3]) * size;
    const visible = hiddenDepth === 0;
    let advance = 0;
    for (const g of glyphs) {
      if (typeof g === 'number') {
        advance += ((font.vertical ? 1 : -1) * g * size) / 1000;
        continue;
      }
      const glyph = g as { unicode?: string; width?: number; isSpace?: boolean; vmetric?: number[]; originalCharCode?: number } | null;
      if (!glyph) continue;
      const spacing = (glyph.isSpace ? gs.wordSpacing : 0) + gs.charSpacing;
      const width = (glyph.width ?? 0) * advanceScale;
      if (!font.vertical) {
        const bbox = boxOf(base, advance, font.descent * size, advance + Math.max(width, 0), font.ascent * size);
        const [ox, oy] = apply(base, advance, 0);
        sink.glyph({
          unicode: glyph.unicode ?? '',
          charCode: glyph.originalCharCode,
          isSpace: isSpaceGlyph(glyph.unicode ?? '', font, glyph.originalCharCode),
          op,
          bbox,
          x: ox,
          y: oy,
          dx,
          dy,
          size: pageSize,
          fontId: gs.fontId,
          font,
          fill: gs.fill,
          stroke: gs.stroke,
          renderMode: gs.renderMode,
          fillAlpha: gs.fillTransparent ? 0 : gs.fillAlpha,
          strokeAlpha: gs.strokeTransparent ? 0 : gs.strokeAlpha,
          clip: gs.clip,
          visible,
        });
        advance += width + spacing * direction;
      } else {
        // Vertical writing (rare in trackers): glyphs advance down the text-space y axis.
        const vm = glyph.vmetric;
        const w = vm?.[0] !== undefined ? -vm[0] * advanceScale : size;
        const bbox = boxOf(base, -size / 2, -advance - size, size / 2, -advance);
        const [ox, oy] = apply(base, 0, -advance);
        sink.glyph({
          unicode: glyph.unicode ?? '',
          isSpace: !(glyph.unicode ?? '').trim(),
          op,
          bbox,
          x: ox,
          y: oy,
          dx: 0,
          dy: 1,
          size: pageSize,
          fontId: gs.fontId,
          font,
          fill: gs.fill,
          stroke: gs.stroke,
          renderMode: gs.renderMode,
          fillAlpha: gs.fillTransparent ? 0 : gs.fillAlpha,
          strokeAlpha: gs.strokeTransparent ? 0 : gs.strokeAlpha,
          clip: gs.clip,
          visible,
        });
        advance += w - spacing * direction;
      }
    }
    if (font.vertical) y -= advance;
    else x += advance * hs;
  };

  const { fnArray, argsArray } = ops;
  for (let i = 0; i < fnArray.length; i++) {
    const fn = fnArray[i];
    // pdf.js's operator-list args are loosely typed arrays; each case reads what it knows.
    // biome-ignore lint/suspicious/noExplicitAny: pdf.js types them as any[]; each case narrows what it reads
    const args = argsArray[i] as any;
    switch (fn) {
      case OPS.save:
        save();
        break;
      case OPS.restore:
        restore();
        break;
      case OPS.transform: {
        const t = toMatrix(args);
        if (t) gs.ctm = multiply(gs.ctm, t);
        break;
      }
      case OPS.paintFormXObjectBegin: {
        save();
        const m = toMatrix(args?.[0]);
        if (m) gs.ctm = multiply(gs.ctm, m);
        const b = args?.[1];
        if ((Array.isArray(b) || ArrayBuffer.isView(b)) && (b as ArrayLike<number>).length === 4) {
          const [bx0, by0, bx1, by1] = Array.from(b as ArrayLike<number>);
          gs.clip = intersect(gs.clip, boxOf(toPage(), bx0!, by0!, bx1!, by1!));
        }
        break;
      }
      case OPS.paintFormXObjectEnd:
        restore();
        break;
      case OPS.beginAnnotation: {
        // An annotation's appearance: fresh state, clipped to its rectangle, under its matrices.
        save();
        const [, rect, transform, matrix] = (args ?? []) as [unknown, number[] | null, number[], number[]];
        const outerClip = gs.clip;
        const outerCtm = gs.ctm;
        gs = {
          ...gs,
          ctm: outerCtm,
          fill: [0, 0, 0],
          stroke: [0, 0, 0],
          fillAlpha: 1,
          strokeAlpha: 1,
          fillTransparent: false,
          strokeTransparent: false,
          lineWidth: 1,
          renderMode: 0,
          rise: 0,
          charSpacing: 0,
          wordSpacing: 0,
          hScale: 1,
          clip: outerClip,
        };
        if (rect && rect.length === 4) gs.clip = intersect(gs.clip, boxOf(toPage(), rect[0]!, rect[1]!, rect[2]!, rect[3]!));
        const t = toMatrix(transform);
        if (t) gs.ctm = multiply(gs.ctm, t);
        const mm = toMatrix(matrix);
        if (mm) gs.ctm = multiply(gs.ctm, mm);
        break;
      }
      case OPS.endAnnotation:
        restore();
        break;
      case OPS.setFillRGBColor:
        gs.fill = parseHex(args?.[0]) ?? gs.fill;
        gs.fillTransparent = false;
        break;
      case OPS.setStrokeRGBColor:
        gs.stroke = parseHex(args?.[0]) ?? gs.stroke;
        gs.strokeTransparent = false;
        break;
      case OPS.setFillColorN:
        gs.fill = null; // a pattern: colour unknown
        gs.fillTransparent = false;
        break;
      case OPS.setStrokeColorN:
        gs.stroke = null;
        gs.strokeTransparent = false;
        break;
      case OPS.setFillTransparent:
        gs.fillTransparent = true;
        break;
      case OPS.setStrokeTransparent:
        gs.strokeTransparent = true;
        break;
      case OPS.setLineWidth:
        gs.lineWidth = Number(args?.[0]) || 0;
        break;
      case OPS.setGState:
        for (const [key, value] of (args?.[0] ?? []) as Array<[string, unknown]>) {
          if (key === 'LW') gs.lineWidth = Number(value) || 0;
          else if (key === 'ca') gs.fillAlpha = Number(value);
          else if (key === 'CA') gs.strokeAlpha = Number(value);
          else if (key === 'Font' && Array.isArray(value)) {
            gs.fontId = String(value[0]);
            gs.fontSize = Number(value[1]) || 0;
          }
        }
        break;
      case OPS.clip:
      case OPS.eoClip:
        pendingClip = true;
        break;
      case OPS.constructPath: {
        const [paintOp, paths] = args as [number, Array<ArrayLike<number> | null>];
        const m = toPage();
        for (const data of paths ?? []) {
          if (!data) continue;
          if (pendingClip) {
            const b = pathBox(m, data);
            if (b) gs.clip = intersect(gs.clip, b);
          }
          if (hiddenDepth === 0 && paintOp !== OPS.endPath) {
            const fillAlpha = gs.fillTransparent ? 0 : gs.fillAlpha;
            sink.path({ op: i, paintOp, data, matrix: m, fill: gs.fill ?? [0.5, 0.5, 0.5], stroke: gs.stroke ?? [0.5, 0.5, 0.5], lineWidth: gs.lineWidth, fillAlpha });
            if (FILL_OPS.has(paintOp) && fillAlpha >= 1) {
              const b = pathBox(m, data);
              if (b) sink.area({ op: i, bbox: gs.clip ? intersect(gs.clip, b) : b, fill: gs.fill, kind: 'path' });
            }
          }
        }
        pendingClip = false;
        break;
      }
      case OPS.paintImageXObject:
      case OPS.paintInlineImageXObject:
      case OPS.paintImageMaskXObject:
      case OPS.paintImageXObjectRepeat:
      case OPS.paintSolidColorImageMask:
        // An image fills the unit square of its user space.
        if (hiddenDepth === 0 && gs.fillAlpha > 0) {
          const b = boxOf(toPage(), 0, 0, 1, 1);
          sink.area({
            op: i,
            bbox: gs.clip ? intersect(gs.clip, b) : b,
            fill: fn === OPS.paintImageMaskXObject || fn === OPS.paintSolidColorImageMask ? gs.fill : null,
            kind: 'image',
          });
        }
        break;
      case OPS.shadingFill:
        if (hiddenDepth === 0 && gs.clip) sink.area({ op: i, bbox: gs.clip, fill: null, kind: 'shading' });
        break;
      case OPS.beginMarkedContentProps: {
        const visible = args?.[0] !== 'OC' || !options.isVisible || options.isVisible(args?.[1]);
        marked.push(visible);
        if (!visible) hiddenDepth++;
        break;
      }
      case OPS.beginMarkedContent:
        marked.push(true);
        break;
      case OPS.endMarkedContent:
        if (marked.pop() === false) hiddenDepth--;
        break;
      case OPS.beginText:
        textMatrix = [...IDENTITY];
        x = y = lineX = lineY = 0;
        break;
      case OPS.setFont:
        gs.fontId = String(args?.[0] ?? '');
        gs.fontSize = Number(args?.[1]) || 0;
        break;
      case OPS.setCharSpacing:
        gs.charSpacing = Number(args?.[0]) || 0;
        break;
      case OPS.setWordSpacing:
        gs.wordSpacing = Number(args?.[0]) || 0;
        break;
      case OPS.setHScale:
        gs.hScale = (Number(args?.[0]) || 0) / 100;
        break;
      case OPS.setLeading:
        gs.leading = -(Number(args?.[0]) || 0);
        break;
      case OPS.setTextRise:
        gs.rise = Number(args?.[0]) || 0;
        break;
      case OPS.setTextRenderingMode:
        gs.renderMode = Number(args?.[0]) || 0;
        break;
      case OPS.moveText:
        moveText(Number(args?.[0]) || 0, Number(args?.[1]) || 0);
        break;
      case OPS.setLeadingMoveText:
        gs.leading = Number(args?.[1]) || 0;
        moveText(Number(args?.[0]) || 0, Number(args?.[1]) || 0);
        break;
      case OPS.setTextMatrix: {
        const m = args?.[0] ?? args;
        textMatrix = Array.from(m as ArrayLike<number>).slice(0, 6) as Matrix;
        x = y = lineX = lineY = 0;
        break;
      }
      case OPS.nextLine:
        moveText(0, gs.leading);
        break;
      case OPS.showText:
      case OPS.showSpacedText:
        showText(i, (args?.[0] ?? []) as unknown[]);
        break;
      case OPS.nextLineShowText:
        moveText(0, gs.leading);
        showText(i, (args?.[0] ?? []) as unknown[]);
        break;
      case OPS.nextLineSetSpacingShowText:
        moveText(0, gs.leading);
        gs.wordSpacing = Number(args?.[0]) || 0;
        gs.charSpacing = Number(args?.[1]) || 0;
        showText(i, (args?.[2] ?? []) as unknown[]);
        break;
      default:
        break;
    }
  }
}
