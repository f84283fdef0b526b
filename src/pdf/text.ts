/**
 * Text items from pdf.js `getTextContent()`, placed once in the project's coordinate system
 * (points, top-left origin of the page as read). Items arrive in content-stream order, not
 * reading order (mozilla/pdf.js#17191); the layout stage rebuilds lines by position.
 */
import type { TextItem } from '../types.ts';
import { multiply, type Matrix } from './matrix.ts';


/** The subset of a pdf.js text item we read. */
export interface RawTextItem {
  str: string;
  transform: number[];
  width: number;
  height: number;
  fontName: string;
}

/** Font facts per pdf.js font id: ascent/descent (em units) and the PostScript name if known. */
export interface FontInfo {
  ascent: number;
  descent: number;
  name: string;
}

/**
 * Characters replaced as text leaves pdf.js (issue #3 "text hygiene", fixtures/README.md rule 6):
 * soft hyphens are dropped; private-use bullets from Word's Symbol font (U+F0B7) and other
 * bullet glyphs become U+2022. Ligatures are expanded by pdf.js's own normalisation
 * (`disableNormalization: false`, NFKC on ligature code points) and by the table below for
 * fonts whose ToUnicode leaves them.
 */
const CHAR_MAP: Record<string, string> = {
  '\u00ad': '',
  '\uf0b7': '\u2022',
  '\uf0a7': '\u2022',
  '\u25cf': '\u2022',
  '\ufb00': 'ff',
  '\ufb01': 'fi',
  '\ufb02': 'fl',
  '\ufb03': 'ffi',
  '\ufb04': 'ffl',
  '\ufb05': 'st',
  '\ufb06': 'st',
  '\u00a0': ' ',
};
const CHAR_RE = new RegExp(`[${Object.keys(CHAR_MAP).join('')}]`, 'g');

/** Apply {@link CHAR_MAP} to a string. */
export function cleanText(s: string): string {
  return s.replace(CHAR_RE, (c) => CHAR_MAP[c] ?? c);
}

/** True when the item, mapped by `view`, runs left to right horizontally. */
export function readsUpright(item: RawTextItem, view: Matrix): boolean {
  const m = multiply(view, item.transform);
  return m[0] > 0 && Math.abs(m[1]) <= Math.abs(m[0]) * 0.01;
}

const BOLD_RE = /bold|black|heavy|semibold|demi|-bd|\bbd\b|cmbx|bx\d/i;

/**
 * Turn raw pdf.js items into {@link TextItem}s on the page as read.
 * Items that are empty, whitespace-only, or not upright under `view` are dropped (whitespace
 * is recreated from glyph gaps by the layout stage, mozilla/pdf.js#10640/#6705).
 * @param view the viewport transform (user space → page as read, top-left origin).
 * @param pageNumber 1-based.
 */
export function toTextItems(raw: RawTextItem[], view: Matrix, fonts: Record<string, FontInfo>, pageNumber: number): TextItem[] {
  const out: TextItem[] = [];
  for (const r of raw) {
    if (!r.str || !r.str.trim()) continue;
    if (!readsUpright(r, view)) continue;
    const m = multiply(view, r.transform);
    const fontSize = Math.hypot(m[2], m[3]);
    if (!(fontSize > 0)) continue;
    const font = fonts[r.fontName] ?? { ascent: 0.8, descent: -0.2, name: '' };
    // pdf.js reports ascent 0 / descent 0 for some Type3 fonts: fall back to typical values.
    const ascent = font.ascent > 0.3 && font.ascent < 1.5 ? font.ascent : 0.8;
    const descent = font.descent < 0 && font.descent > -0.6 ? font.descent : -0.2;
    const text = cleanText(r.str);
    if (!text.trim()) continue;
    // Trim surrounding spaces from the run but keep its box: the box spans the glyphs only
    // approximately anyway, and word gaps are decided from positions.
    const lead = text.length - text.trimStart().length;
    const trail = text.length - text.trimEnd().length;
    const scaleX = Math.hypot(m[0], m[1]) / Math.hypot(r.transform[0], r.transform[1]) || 1;
    const width = r.width * scaleX;
    const perChar = text.length ? width / text.length : 0;
    const x0 = m[4] + lead * perChar;
    const x1 = m[4] + width - trail * perChar;
    out.push({
      text: text.trim(),
      bbox: { x0, x1: Math.max(x1, x0), top: m[5] - ascent * fontSize, bottom: m[5] - descent * fontSize },
      baseline: m[5],
      fontSize,
      fontName: r.fontName,
      bold: BOLD_RE.test(font.name),
      pageNumber,
    });
  }
  return out;
}
