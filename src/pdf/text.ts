/**
 * Character hygiene as text leaves pdf.js (issue #3 "text hygiene", fixtures/README.md rules 6–7;
 * issue #7 symbol glyphs): soft hyphens dropped; ligatures expanded; Word's Symbol-font bullet
 * (U+F0B7) and other bullet glyphs become U+2022; private-use code points of symbol fonts
 * (Wingdings, Wingdings 2, Symbol) become the Unicode character they draw (✓, ✗, ➢ …).
 */

/** Characters replaced everywhere (after pdf.js's own `normalizeUnicode`). */
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
  // Typographic spaces (en/em/thin/narrow no-break) are word spaces, as pdf.js's normalizeUnicode has them.
  return s.replace(CHAR_RE, (c) => CHAR_MAP[c] ?? c).replace(/[\u2000-\u200a\u202f]/g, ' ');
}

/**
 * Symbol-font code → Unicode, by the font's byte code (Word writes these as U+F000 + code).
 * Wingdings: alanwood.net/demos/wingdings.html (the bullets, boxes, arrows, checks and crosses
 * trackers use); Wingdings 2: the check and cross marks Word's "Insert symbol" offers; Symbol:
 * Adobe's Symbol encoding (bullet and arrows). Only codes listed here are mapped.
 */
const SYMBOL_FONTS: Array<{ name: RegExp; codes: Record<number, string> }> = [
  {
    name: /wingdings-?2|wingdings2/i,
    codes: { 0x4f: '\u2717', 0x50: '\u2713', 0x51: '\u2612', 0x52: '\u2611', 0x53: '\u2612', 0x54: '\u2612', 0x9a: '\u2022', 0x97: '\u2022' },
  },
  {
    name: /wingdings(?!-?[23])/i,
    codes: {
      0x6c: '\u25cf',
      0x6d: '\u274d',
      0x6e: '\u25a0',
      0x6f: '\u25a1',
      0x70: '\u25fb',
      0x71: '\u2751',
      0x72: '\u2752',
      0x73: '\u2b27',
      0x74: '\u29eb',
      0x75: '\u25c6',
      0x76: '\u2756',
      0x77: '\u2b25',
      0x78: '\u2327',
      0x9e: '\u00b7',
      0x9f: '\u2022',
      0xa0: '\u25aa',
      0xa1: '\u25cb',
      0xa4: '\u25c9',
      0xa5: '\u25ce',
      0xa7: '\u25aa',
      0xa8: '\u25fb',
      0xaa: '\u2726',
      0xab: '\u2605',
      0xd8: '\u27a2',
      0xdc: '\u27b2',
      0xe8: '\u2794',
      0xef: '\u21e6',
      0xf0: '\u21e8',
      0xf1: '\u21e7',
      0xf2: '\u21e9',
      0xfb: '\u2717',
      0xfc: '\u2713',
      0xfd: '\u2612',
      0xfe: '\u2611',
    },
  },
  { name: /symbol/i, codes: { 0x2d: '\u2212', 0xb7: '\u2022', 0xae: '\u2192', 0xac: '\u2190', 0xde: '\u21d2', 0xd6: '\u221a', 0xb4: '\u00d7' } },
  {
    // Adobe's ZapfDingbats encoding (PDF 32000-1 Annex D.6): the marks trackers use.
    name: /zapf|dingbats/i,
    codes: {
      0x33: '\u2713',
      0x34: '\u2714',
      0x35: '\u2715',
      0x36: '\u2716',
      0x37: '\u2717',
      0x38: '\u2718',
      0x6c: '\u25cf',
      0x6d: '\u274d',
      0x6e: '\u25a0',
      0x6f: '\u274f',
      0x75: '\u25c6',
      0x76: '\u2756',
      0xa8: '\u2663',
      0xab: '\u2660',
      0xd5: '\u2192',
      0xd8: '\u2798',
      0xe0: '\u27a0',
      0xe8: '\u27a8',
    },
  },
];

/**
 * The text one glyph of a symbol font draws, by its character code, where pdf.js gives none, a
 * private-use code point, or the code's Latin-1 letter (a Wingdings Type 3 font with a
 * private-use ToUnicode; a standard-14 ZapfDingbats "4" that draws ✔).
 * @param charCode the glyph's code in its font (0–255 for these simple fonts).
 */
export function symbolGlyphText(unicode: string, charCode: number | undefined, fontName: string, glyphName?: string): string {
  // LibreOffice draws list bullets in its OpenSymbol font; a subset of it may carry no Unicode
  // for the bullet (a Word file converted by LibreOffice, sweep transport docx-s3).
  if (unicode === '' && /opensymbol/i.test(fontName)) return '\u2022';
  if (charCode === undefined || charCode > 0xff) return unicode;
  // A glyph pdf.js gives no text (or a private-use code point) for, with a name that says what
  // it draws (a Type 3 font's own names such as "wdcheck", "tickmark", "crossmark").
  if ((unicode === '' || /^[\ue000-\uf8ff]$/.test(unicode)) && glyphName) {
    if (/check|tick/i.test(glyphName)) return '\u2713';
    if (/cross|xmark|ballot/i.test(glyphName)) return '\u2717';
  }
  const literal = unicode === '' || unicode === String.fromCharCode(charCode) || /^[\uf000-\uf0ff]$/.test(unicode);
  if (!literal) return unicode;
  const table = SYMBOL_FONTS.find((f) => f.name.test(fontName))?.codes;
  return table?.[charCode] ?? unicode;
}

/**
 * The Unicode character a symbol font's private-use code point draws, or the text unchanged.
 * @param fontName the font's PostScript name ("ABCDEF+Wingdings-Regular").
 */
export function mapSymbolFont(text: string, fontName: string): string {
  if (!/[\uf020-\uf0ff]/.test(text)) return text;
  const table = SYMBOL_FONTS.find((f) => f.name.test(fontName))?.codes;
  return text.replace(/[\uf020-\uf0ff]/g, (c) => {
    const code = c.charCodeAt(0) - 0xf000;
    const mapped = table?.[code];
    if (mapped) return mapped;
    // A font we do not know: its private-use codes below 0x7F stand for the ASCII character of
    // that code (Word's and LibreOffice's symbol bullets: U+F02D is the dash "-", sweep
    // transport docx-s3); the rest stay as they are.
    return code >= 0x21 && code < 0x7f && !table ? String.fromCharCode(code) : c;
  });
}

/**
 * PostScript font names that say bold (e.g. `…-Bold`, `…Bold…`, TeX's `cmbx`; URW's Times bold
 * is `NimbusRomNo9L-Medi`, as pdfTeX's mathptmx embeds it: medium weights count as bold).
 */
export const BOLD_RE = /bold|black|heavy|semibold|demi|medi(?:um)?\b|-bd|\bbd\b|cmbx|bx\d/i;
