/**
 * Painted glyphs → text items. Two jobs:
 *
 * 1. Visibility (issue #7 "hidden text"): a glyph no reader can see never becomes text. Hidden
 *    are glyphs in optional content that is off, in text render mode 3 or 7, fully transparent,
 *    off the page, clipped away, below a legible size, painted in the colour of what lies behind
 *    them, or painted over later by an opaque shape or image (a failed redaction). Hidden glyphs
 *    are counted (never their words) so the tracker stage can warn `HIDDEN_TEXT` per record.
 *    A page whose only text is an invisible layer over a picture of the page is a scan with an
 *    OCR layer: that text is kept and the page is marked (`textLayer: 'invisible-ocr'`).
 * 2. Glyph runs: consecutive glyphs of one font, size, colour and direction on one baseline
 *    become one text item, with a space where the gap between glyphs is a word space
 *    (mozilla/pdf.js#10640: spaces may be missing). Upright runs are the page's `items`; runs
 *    turned 90°/180°/270° are kept apart in `rotated` (a heading set vertically, issue #7).
 */
import type { BBox, HiddenReason, HiddenText, Rgb, RotatedTextItem, TextItem } from '../types.ts';
import type { PaintedArea, PaintedGlyph } from './interpret.ts';
import { BOLD_RE, cleanText, mapSymbolFont, symbolGlyphText } from './text.ts';

/** Tolerances of visibility and run building. */
export interface GlyphOptions {
  /** A glyph less than this share inside the clip is clipped away. 0.5: half a glyph is not legible. */
  minVisibleShare: number;
  /** A later opaque area covering at least this share of a glyph's box paints it over. 0.6: rules drawn through text cover far less. */
  coverShare: number;
  /** Ink this close to its background (largest channel difference, 0–1) cannot be seen. 0.1 ≈ 25/255: WCAG contrast far below 1.2:1. */
  minInkContrast: number;
  /** Glyphs smaller than this (points) are not legible. 1 pt: real text in the corpus is ≥ 6 pt. */
  minLegibleSize: number;
  /** A gap wider than this many font sizes between glyphs of a run is a word space (LineOptions.wordSpace). 0.15. */
  wordSpace: number;
  /** After a space glyph, a gap wider than this many font sizes is a word space. 0.05: a space glyph of no width is none. */
  spaceGlyphMinGap: number;
  /** A gap wider than this many font sizes ends a run (a new text item). 0.5: below the 0.9 em column gap, above justified word spaces. */
  runBreak: number;
  /** Images covering at least this share of the page make it a scanned page (for OCR layers). 0.5. */
  scanImageShare: number;
}

/** Defaults of {@link GlyphOptions}; each value's source is on its field. */
export const DEFAULT_GLYPH_OPTIONS: GlyphOptions = {
  minVisibleShare: 0.5,
  coverShare: 0.6,
  minInkContrast: 0.1,
  minLegibleSize: 1,
  wordSpace: 0.15,
  spaceGlyphMinGap: 0.05,
  runBreak: 0.5,
  scanImageShare: 0.5,
};

/** What a page's glyphs give. */
export interface PageText {
  items: TextItem[];
  rotated: RotatedTextItem[];
  hidden: HiddenText[];
  /** 'invisible-ocr' when the page's text is an invisible layer over a scan (kept, flagged). */
  textLayer: 'visible' | 'invisible-ocr' | 'none';
}

const area = (b: BBox) => Math.max(0, b.x1 - b.x0) * Math.max(0, b.bottom - b.top);
function overlapArea(a: BBox, b: BBox): number {
  const w = Math.min(a.x1, b.x1) - Math.max(a.x0, b.x0);
  const h = Math.min(a.bottom, b.bottom) - Math.max(a.top, b.top);
  return w > 0 && h > 0 ? w * h : 0;
}
const containsPoint = (b: BBox, x: number, y: number) => x >= b.x0 && x <= b.x1 && y >= b.top && y <= b.bottom;

/** The ink a glyph is seen in: its fill, or its stroke in the stroke-only modes; null when unknown. */
function inkOf(g: PaintedGlyph): Rgb | null {
  const mode = g.renderMode & 3;
  return mode === 1 ? g.stroke : g.fill;
}

/** Share of box `b` inside `clip` (1 with no clip); a box without area counts by its centre. */
function shareInside(b: BBox, clip: BBox | null): number {
  if (!clip) return 1;
  const a = area(b);
  if (a <= 0) return containsPoint(clip, (b.x0 + b.x1) / 2, (b.top + b.bottom) / 2) ? 1 : 0;
  return overlapArea(b, clip) / a;
}

/**
 * Why a glyph cannot be seen, or null when it can.
 * @param before opaque areas painted before it (paint order), @param after those painted after.
 */
function hiddenReason(g: PaintedGlyph, areas: PaintedArea[], page: { width: number; height: number }, options: GlyphOptions): HiddenReason | null {
  if (!g.visible) return 'hidden-layer';
  const mode = g.renderMode & 3;
  if (mode === 3) return 'invisible';
  const fills = mode === 0 || mode === 2;
  const strokes = mode === 1 || mode === 2;
  if (!((fills && g.fillAlpha > 0) || (strokes && g.strokeAlpha > 0))) return 'transparent';
  const cx = (g.bbox.x0 + g.bbox.x1) / 2,
    cy = (g.bbox.top + g.bbox.bottom) / 2;
  if (cx < 0 || cy < 0 || cx > page.width || cy > page.height) return 'off-page';
  if (shareInside(g.bbox, g.clip) < options.minVisibleShare) return 'clipped';
  if (g.size < options.minLegibleSize) return 'tiny';
  // What lies behind: the last opaque area painted before the glyph under its centre.
  let behind: PaintedArea | null = null;
  const glyphArea = area(g.bbox);
  for (const a of areas) {
    if (a.op < g.op) {
      if (containsPoint(a.bbox, cx, cy)) behind = a;
    } else if (glyphArea > 0 && overlapArea(a.bbox, g.bbox) >= options.coverShare * glyphArea) {
      return 'covered';
    }
  }
  const ink = inkOf(g);
  const background: Rgb | null = behind ? behind.fill : [1, 1, 1];
  if (ink && background && Math.max(Math.abs(ink[0] - background[0]), Math.abs(ink[1] - background[1]), Math.abs(ink[2] - background[2])) < options.minInkContrast) {
    return 'same-colour';
  }
  return null;
}

/** The glyph's direction as a rotation in degrees (0 upright, 90 reads bottom to top, 180, 270 top to bottom). */
function rotationOf(g: PaintedGlyph): 0 | 90 | 180 | 270 {
  if (Math.abs(g.dy) <= Math.abs(g.dx) * 0.01) return g.dx > 0 ? 0 : 180;
  if (Math.abs(g.dx) <= Math.abs(g.dy) * 0.01) return g.dy < 0 ? 90 : 270;
  return g.dx > 0 ? 0 : 180; // slanted text: nearest upright reading
}

interface Run {
  glyphs: PaintedGlyph[];
  text: string;
  /** Position along the reading direction where the last glyph ends. */
  end: number;
  /** Position across the reading direction of the baseline. */
  across: number;
  rotation: 0 | 90 | 180 | 270;
  hidden: HiddenReason | null;
  ink: Rgb | null;
}

const sameColour = (a: Rgb | null, b: Rgb | null) => a === b || (!!a && !!b && a[0] === b[0] && a[1] === b[1] && a[2] === b[2]);

/**
 * Turn a page's painted glyphs into text items, rotated items and hidden-text counts.
 * @param glyphs in paint order; @param areas opaque areas in paint order.
 * @param page size of the page as read (points).
 * @param pageNumber 1-based.
 */
export function glyphsToText(
  glyphs: PaintedGlyph[],
  areas: PaintedArea[],
  page: { width: number; height: number },
  pageNumber: number,
  options: GlyphOptions = DEFAULT_GLYPH_OPTIONS,
): PageText {
  let reasons = glyphs.map((g) => (g.isSpace ? null : hiddenReason(g, areas, page, options)));
  // One text-showing operator is one piece of text: where most of it is hidden, the rest is a
  // hidden sentence spilling over (white text running out of its white cell onto a coloured
  // one, fixture white-on-white-text), hidden as a whole.
  const byOp = new Map<number, number[]>();
  glyphs.forEach((g, k) => {
    if (!g.isSpace) byOp.set(g.op, [...(byOp.get(g.op) ?? []), k]);
  });
  for (const ks of byOp.values()) {
    const hiddenKs = ks.filter((k) => reasons[k]);
    if (hiddenKs.length && hiddenKs.length < ks.length && hiddenKs.length * 2 >= ks.length) {
      const reason = reasons[hiddenKs[0]!]!;
      for (const k of ks) reasons[k] ??= reason;
    }
  }
  // A scan with an OCR layer: images cover the page and every glyph is invisible or under them.
  const imageArea = areas.filter((a) => a.kind === 'image').reduce((s, a) => s + area(a.bbox), 0);
  const inked = reasons.filter((_, k) => !glyphs[k]!.isSpace);
  let textLayer: PageText['textLayer'] = inked.length ? 'visible' : 'none';
  if (inked.length && imageArea >= options.scanImageShare * page.width * page.height && inked.every((r) => r === 'invisible' || r === 'covered')) {
    reasons = reasons.map((r) => (r === 'invisible' || r === 'covered' ? null : r));
    textLayer = 'invisible-ocr';
  }

  const runs: Run[] = [];
  let run: Run | null = null;
  // A space glyph counts only where it takes room: Chromium draws a zero-width space glyph at
  // every soft hyphen of a word (fixture waste-zebra-no-rules), which is no word break.
  let spaceSeen = false;
  let lastSpace: PaintedGlyph | null = null;
  /** Glyphs a word space stands before, within their run. */
  const spaceBefore = new Set<PaintedGlyph>();
  glyphs.forEach((g0, k) => {
    // Symbol fonts: the character the glyph draws, by its code, where pdf.js gives none.
    let mapped = symbolGlyphText(g0.unicode, g0.charCode, g0.font.name, g0.charCode === undefined ? undefined : g0.font.glyphName?.(g0.charCode));
    // A hyphen drawn right where a zero-width space glyph stands is a soft hyphen the renderer
    // broke the word at (Chromium with a subset font maps U+00AD to its space glyph, sweep
    // stop-and-search chromium-s8): it reads as the renderer's own hyphen, U+2010.
    if (mapped === '-' && lastSpace && Math.abs(g0.x * g0.dx + g0.y * g0.dy - (lastSpace.x * lastSpace.dx + lastSpace.y * lastSpace.dy)) < 0.05 * g0.size) mapped = '\u2010';
    const g = mapped === g0.unicode ? g0 : { ...g0, unicode: mapped };
    if (g.isSpace) {
      spaceSeen = true;
      lastSpace = g;
      return;
    }
    lastSpace = null;
    const hidden = reasons[k] ?? null;
    const rotation = rotationOf(g);
    const along = g.x * g.dx + g.y * g.dy;
    const across = -g.x * g.dy + g.y * g.dx;
    const ink = inkOf(g);
    const extent = (g.bbox.x1 - g.bbox.x0) * Math.abs(g.dx) + (g.bbox.bottom - g.bbox.top) * Math.abs(g.dy);
    const prev = run?.glyphs[run.glyphs.length - 1];
    const gap = run ? along - run.end : 0;
    const fits =
      run !== null &&
      prev !== undefined &&
      run.rotation === rotation &&
      run.hidden === hidden &&
      prev.fontId === g.fontId &&
      Math.abs(prev.size - g.size) <= 0.05 * g.size &&
      sameColour(run.ink, ink) &&
      Math.abs(across - run.across) <= 0.3 * g.size &&
      gap >= -0.3 * g.size &&
      gap <= options.runBreak * g.size;
    const spaced = spaceSeen ? gap > options.spaceGlyphMinGap * g.size : gap > options.wordSpace * g.size;
    spaceSeen = false;
    if (!fits || !run) {
      run = { glyphs: [g], text: g.unicode, end: along + extent, across, rotation, hidden, ink };
      runs.push(run);
      return;
    }
    if (spaced) {
      run.text += ' ';
      spaceBefore.add(g);
    }
    run.glyphs.push(g);
    run.text += g.unicode;
    run.end = Math.max(run.end, along + extent);
  });

  const items: TextItem[] = [];
  const rotated: RotatedTextItem[] = [];
  const hiddenRuns: Array<{ text: string; bbox: BBox; reason: HiddenReason; clip: BBox | null }> = [];
  for (const r of runs) {
    const first = r.glyphs[0]!;
    const text = cleanText(mapSymbolFont(r.text, first.font.name)).replace(/\s+/g, ' ').trim();
    if (!text) continue;
    const bbox = r.glyphs
      .map((g) => g.bbox)
      .reduce((a, b) => ({ x0: Math.min(a.x0, b.x0), top: Math.min(a.top, b.top), x1: Math.max(a.x1, b.x1), bottom: Math.max(a.bottom, b.bottom) }));
    if (r.hidden) {
      hiddenRuns.push({ text, bbox, reason: r.hidden, clip: first.clip });
      continue;
    }
    // The end of the first word: the last glyph before the first word space of the run.
    const firstSpace = r.glyphs.findIndex((g) => spaceBefore.has(g));
    const firstWordX1 = (firstSpace > 0 ? r.glyphs.slice(0, firstSpace) : r.glyphs).reduce((m, g) => Math.max(m, g.bbox.x1), -Infinity);
    const item: TextItem = {
      text,
      bbox,
      ...(r.rotation === 0 ? { firstWordX1 } : {}),
      baseline: r.rotation === 0 ? first.y : r.rotation === 180 ? first.y : first.x,
      fontSize: first.size,
      fontName: first.fontId,
      bold: BOLD_RE.test(first.font.name),
      pageNumber,
      color: r.ink,
    };
    if (r.rotation === 0) items.push(item);
    else rotated.push({ ...item, rotation: r.rotation });
  }
  // A hidden copy of text that is also drawn visibly at the same place (a shadow, a copy clipped
  // to a thin band) hides nothing: drop it without a word.
  const hidden: HiddenText[] = [];
  for (const h of hiddenRuns) {
    const twin = items.some((i) => i.text === h.text && overlapArea(i.bbox, h.bbox) >= 0.5 * Math.min(area(i.bbox), area(h.bbox)));
    if (twin) continue;
    hidden.push({ pageNumber, bbox: h.bbox, chars: h.text.replace(/\s/g, '').length, reason: h.reason, ...(h.reason === 'clipped' && h.clip ? { clip: h.clip } : {}) });
  }
  return { items, rotated, hidden, textLayer };
}
