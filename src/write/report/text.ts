/**
 * Text preparation and wrapping for the report (pure; no pdf-lib): make text drawable in a
 * font, measure it, wrap it into lines of a column and break over-long words. Measured with
 * the font the report draws with, through the {@link Face} interface, so a test can pass a
 * fake fixed-width face.
 *
 * Moved here unchanged from src/write/report.ts (issue #10): `breakWord`, `wrapLine` and
 * `layoutField` keep their behaviour; `drawable` now reports the characters it replaced.
 */

/** A font as layout sees it: which characters it can print, and how wide a string is. */
export interface Face {
  /** Unicode code points the font has glyphs for. */
  chars: Set<number>;
  /** Width in points of a newline-free string at `size` points. */
  measure(text: string, size: number): number;
  /** Cache of measured widths keyed `size|text` (filled by {@link width}). */
  widths: Map<string, number>;
}

/** The two faces of the report. */
export interface Faces {
  regular: Face;
  bold: Face;
}

/** Printed where the font has no glyph: U+FFFD when the font has it, else "?". Always reported. */
export function replacementChar(f: Face): string {
  return f.chars.has(0xfffd) ? '\uFFFD' : '?';
}

/**
 * Make `text` drawable in `f`: NFC (so "e" + combining acute becomes one glyph), tabs and
 * odd spaces to spaces, invisible format characters dropped, anything the font lacks as a
 * replacement character (fontkit would silently draw .notdef boxes), which is added to
 * `missing` so the caller can warn (issue #10: never a silent "?"). Newlines are kept for
 * the caller to split on.
 */
export function drawable(text: string, f: Face, missing?: Set<string>): string {
  let out = '';
  for (const ch of text.normalize('NFC').replace(/\r\n?/g, '\n')) {
    const cp = ch.codePointAt(0)!;
    if (ch === '\n') out += ch;
    else if (cp === 0x09 || cp === 0x0b || cp === 0x0c || (cp >= 0x2000 && cp <= 0x200a) || cp === 0x202f || cp === 0x205f || cp === 0x3000) out += ' ';
    else if (
      cp === 0xad ||
      cp === 0x200b ||
      cp === 0x200c ||
      cp === 0x200d ||
      cp === 0x2060 ||
      cp === 0xfeff ||
      cp < 0x20 ||
      (cp >= 0x7f && cp < 0xa0) ||
      (cp >= 0xfe00 && cp <= 0xfe0f)
    )
      continue;
    else if (f.chars.has(cp)) out += ch;
    else {
      missing?.add(ch);
      out += replacementChar(f);
    }
  }
  return out;
}

/** Width of a newline-free string at `size` points, cached per string. */
export function width(f: Face, s: string, size: number): number {
  const key = `${size}|${s}`;
  let w = f.widths.get(key);
  if (w === undefined) {
    w = f.measure(s, size);
    f.widths.set(key, w);
  }
  return w;
}

/**
 * Break one word wider than `max` into pieces that fit. Pieces end after a "/" or "-" where
 * one fits (URLs, compounds: our extractor joins such line ends without a space); otherwise
 * at character level with a U+2010 hyphen, which the extractor reads as a rendering break
 * and removes — so a report re-reads to the same text (issue #2's round trip).
 *
 * Linear in the word's length (issue #12: measuring every prefix and the whole rest again for
 * each piece took 15 s for an 80 KB token and over 10 minutes and 4.8 GB for 1 MB): each
 * character is measured once (cached per character) and widths are summed, which is exact
 * because pdf-lib draws advance widths without kerning (see {@link wrapLine}).
 */
export function breakWord(word: string, f: Face, size: number, max: number): string[] {
  const chars = [...word];
  const widths = chars.map((ch) => width(f, ch, size));
  const hyphen = width(f, '\u2010', size);
  let rest = widths.reduce((a, b) => a + b, 0);
  const pieces: string[] = [];
  let start = 0;
  while (start < chars.length && rest > max) {
    // Longest run from `start` that fits with a U+2010 added.
    let fit = 0;
    let w = hyphen;
    while (start + fit < chars.length && w + widths[start + fit]! <= max) w += widths[start + fit++]!;
    if (fit === 0) fit = 1; // a single glyph wider than the column: print it anyway
    let cut = -1;
    for (let k = fit; k > 1; k--) {
      const ch = chars[start + k - 1];
      if (ch === '/' || (ch === '-' && /\p{L}/u.test(chars[start + k - 2] ?? ''))) {
        cut = k;
        break;
      }
    }
    if (cut > 0) pieces.push(chars.slice(start, start + cut).join(''));
    else {
      cut = fit;
      pieces.push(chars.slice(start, start + cut).join('') + '\u2010');
    }
    for (let k = start; k < start + cut; k++) rest -= widths[k]!;
    start += cut;
  }
  if (start < chars.length) pieces.push(chars.slice(start).join(''));
  return pieces;
}

/**
 * Greedy word wrap of a newline-free string into lines no wider than `max` points. Runs of
 * spaces collapse to one; a word longer than the line is broken at character level. Widths are
 * summed per word (pdf-lib draws advance widths without kerning, so the sum is exact).
 */
export function wrapLine(text: string, f: Face, size: number, max: number): string[] {
  const words = text.split(' ').filter((w) => w !== '');
  const lines: string[] = [];
  const space = width(f, ' ', size);
  let cur = '';
  let curW = 0;
  for (const word of words) {
    const w = width(f, word, size);
    if (cur && curW + space + w <= max) {
      cur += ' ' + word;
      curW += space + w;
      continue;
    }
    if (cur) lines.push(cur);
    if (w <= max) {
      cur = word;
      curW = w;
    } else {
      const pieces = breakWord(word, f, size, max);
      lines.push(...pieces.slice(0, -1));
      cur = pieces[pieces.length - 1] ?? '';
      curW = width(f, cur, size);
    }
  }
  if (cur) lines.push(cur);
  return lines;
}

/** One printed line of a cell: its text, font, indent from the cell's text edge and gap above. */
export interface CellLine {
  text: string;
  bold: boolean;
  indent: number;
  /** Extra space above this line (paragraph gap); dropped when the line starts a page's chunk. */
  gapBefore: number;
}

export const BULLET = '• ';

/**
 * Lay a field's text out as lines for a column `max` points wide at `size` points: "\n\n"
 * separates paragraphs (with a gap of `paragraphGap` points), "\n" is a line break, a line
 * starting "• " is a bullet item wrapped with a hanging indent. Characters the font lacks go
 * into `missing`.
 */
export function layoutField(text: string, f: Face, size: number, max: number, paragraphGap: number, missing?: Set<string>): CellLine[] {
  const lines: CellLine[] = [];
  const paragraphs = drawable(text, f, missing)
    .split(/\n[ \t]*\n/)
    .map((p) => p.replace(/^\n+|\n+$/g, ''))
    .filter((p) => p.trim() !== '');
  const bulletIndent = width(f, BULLET, size);
  paragraphs.forEach((para, pi) => {
    para.split('\n').forEach((raw, li) => {
      const gapBefore = pi > 0 && li === 0 ? paragraphGap : 0;
      const trimmed = raw.trim();
      if (trimmed === '') return;
      const bullet = trimmed.startsWith(BULLET) || trimmed === BULLET.trim();
      if (bullet) {
        const body = trimmed.slice(1).trim();
        const wrapped = wrapLine(body, f, size, max - bulletIndent);
        if (wrapped.length === 0) wrapped.push('');
        wrapped.forEach((t, i) => {
          lines.push({
            text: i === 0 ? BULLET + t : t,
            bold: false,
            indent: i === 0 ? 0 : bulletIndent,
            gapBefore: i === 0 ? gapBefore : 0,
          });
        });
      } else {
        wrapLine(trimmed, f, size, max).forEach((t, i) => {
          lines.push({ text: t, bold: false, indent: 0, gapBefore: i === 0 ? gapBefore : 0 });
        });
      }
    });
  });
  return lines;
}

/** One-line text: drawable, whitespace collapsed, trimmed. */
export function oneLine(text: string, f: Face, missing?: Set<string>): string {
  return drawable(text, f, missing).replace(/\s+/g, ' ').trim();
}

/** Shorten `text` with "…" until it fits `max` points at `size` (linear: each character measured once). */
export function ellipsize(text: string, f: Face, size: number, max: number): string {
  if (width(f, text, size) <= max) return text;
  const chars = [...text];
  const room = max - width(f, '…', size);
  let keep = 0;
  let w = 0;
  while (keep < chars.length && w + width(f, chars[keep]!, size) <= room) w += width(f, chars[keep++]!, size);
  return chars.slice(0, Math.max(1, keep)).join('') + '…';
}
