/**
 * The report's fonts without pdf-lib's per-report subsetting (issue #9, "Many files, lean"):
 * pdf-lib's `embedFont({ subset: true })` made a new fontkit subset of both fonts for every
 * report, deflated it with pako at save, and measured text through the OpenType shaper. Here a
 * font is parsed once per process (per worker) and each report embeds a subset made of a fixed
 * base glyph set — Latin-1 and common punctuation, in a fixed order — whose font program,
 * widths and ToUnicode CMap are built and deflated once and copied into every document. A
 * report with characters outside the base set gets its own subset (the base set followed by
 * those characters in code point order), built the same way; the last few such subsets are
 * kept too. No `node:` import: the core runs in browsers.
 *
 * The PDF objects are those pdf-lib wrote (Type0 / CIDFontType2, Identity-H, FontFile2,
 * ToUnicode mapping each glyph to all of its code points), so the report reads back the same.
 */
import fontkit, { type Font, type Glyph } from '@pdf-lib/fontkit';
import { PDFContext, PDFName, PDFString, type PDFRef } from 'pdf-lib';

/**
 * The base glyph set: printable ASCII, Latin-1 and the punctuation trackers use (quotes,
 * dashes, ellipsis, bullets, euro, minus, ≤ ≥). Fixed order, so the embedded base subset is
 * the same bytes in every report.
 */
const BASE_CODE_POINTS: readonly number[] = [
  ...Array.from({ length: 0x7f - 0x20 }, (_, i) => 0x20 + i),
  ...Array.from({ length: 0x100 - 0xa0 }, (_, i) => 0xa0 + i),
  0x2010,
  0x2011,
  0x2012,
  0x2013,
  0x2014,
  0x2015,
  0x2018,
  0x2019,
  0x201a,
  0x201c,
  0x201d,
  0x201e,
  0x2020,
  0x2021,
  0x2022,
  0x2026,
  0x2030,
  0x2032,
  0x2033,
  0x2039,
  0x203a,
  0x20ac,
  0x2122,
  0x2190,
  0x2192,
  0x2212,
  0x2264,
  0x2265,
  0x25cf,
  0x2713,
  0xfffd,
];
/** How many subsets with extra characters are kept besides the base one. */
const EXTRA_SUBSETS_KEPT = 8;

/** One subset of a face, ready to copy into a document: deflated streams and the glyph map. */
interface Subset {
  /** Subset glyph id of each code point it holds. */
  gid: Map<number, number>;
  /** The deflated font program (FontFile2, or FontFile3 for CFF). */
  program: Uint8Array;
  cff: boolean;
  /** The deflated ToUnicode CMap. */
  toUnicode: Uint8Array;
  /** The CIDFont's /W array: first glyph id, then the widths in 1/1000 em. */
  widths: [number, number[]];
}

/**
 * A TrueType font as the report uses it: which characters it has, how wide a string is (the
 * sum of glyph advance widths, as pdf-lib measured it), and subsets to embed.
 */
export class ReportFace {
  readonly chars: Set<number>;
  private readonly scale: number;
  private readonly glyphs = new Map<number, Glyph>();
  private readonly advance = new Map<number, number>();
  private readonly subsets = new Map<string, Promise<Subset>>();
  private readonly font: Font;
  /** The BaseFont name (a fixed subset tag + the font's name). */
  readonly name: string;

  /** @param font a parsed font; @param name its BaseFont name (a fixed subset tag + name). */
  constructor(font: Font, name: string) {
    this.font = font;
    this.name = name;
    this.chars = new Set(font.characterSet);
    this.scale = 1000 / font.unitsPerEm;
  }

  private glyph(cp: number): Glyph {
    let g = this.glyphs.get(cp);
    if (!g) {
      g = this.font.glyphForCodePoint(cp);
      this.glyphs.set(cp, g);
    }
    return g;
  }

  /** Width in points of `text` at `size` points (summed as pdf-lib's widthOfTextAtSize did). */
  measure(text: string, size: number): number {
    let total = 0;
    for (const ch of text) {
      const cp = ch.codePointAt(0)!;
      let w = this.advance.get(cp);
      if (w === undefined) {
        w = this.glyph(cp).advanceWidth * this.scale;
        this.advance.set(cp, w);
      }
      total += w;
    }
    return total * (size / 1000);
  }

  /**
   * The subset holding every code point in `used` (all must be in {@link chars}): the base
   * subset when they fit in it, else the base set plus the rest in code point order.
   */
  subsetFor(used: Iterable<number>): Promise<Subset> {
    const extra: number[] = [];
    const base = new Set(BASE_CODE_POINTS);
    for (const cp of used) if (!base.has(cp)) extra.push(cp);
    extra.sort((a, b) => a - b);
    const key = extra.join(',');
    let s = this.subsets.get(key);
    if (!s) {
      s = this.build([...BASE_CODE_POINTS.filter((cp) => this.chars.has(cp)), ...extra]);
      s.catch(() => this.subsets.delete(key));
      if (key !== '' && this.subsets.size > EXTRA_SUBSETS_KEPT) {
        const oldest = [...this.subsets.keys()].find((k) => k !== '');
        if (oldest !== undefined) this.subsets.delete(oldest);
      }
      this.subsets.set(key, s);
    }
    return s;
  }

  private async build(codePoints: number[]): Promise<Subset> {
    const subset = this.font.createSubset();
    const gid = new Map<number, number>();
    const glyphs: Glyph[] = [];
    for (const cp of codePoints) {
      const g = this.glyph(cp);
      const id = subset.includeGlyph(g);
      gid.set(cp, id);
      glyphs[id - 1] = g;
    }
    const bytes = await new Promise<Uint8Array>((resolve, reject) => {
      const parts: Uint8Array[] = [];
      const stream = subset.encodeStream() as { on(e: string, f: (x: never) => void): unknown };
      stream.on('data', (b: Uint8Array) => parts.push(b));
      stream.on('end', () => resolve(concat(parts)));
      stream.on('error', reject);
    });
    const deflate = PDFContext.create();
    const cmap = glyphs.map((g, i) => `<${hex4(i + 1)}> <${g.codePoints.map(utf16Hex).join('')}>`);
    return {
      gid,
      program: deflate.flateStream(bytes).getContents(),
      cff: Boolean((subset as { cff?: unknown }).cff),
      toUnicode: deflate.flateStream(toUnicodeCMap(cmap)).getContents(),
      widths: [1, glyphs.map((g) => g.advanceWidth * this.scale)],
    };
  }

  /**
   * Add the Type0 font of `subset` to a document (Type0 → CIDFont → FontDescriptor → font
   * program, ToUnicode), as pdf-lib's CustomFontEmbedder did; the streams are copied as they are.
   */
  embed(context: PDFContext, subset: Subset): PDFRef {
    const f = this.font;
    const scale = this.scale;
    const program = context.register(context.stream(subset.program, { Filter: 'FlateDecode', ...(subset.cff ? { Subtype: 'CIDFontType0C' } : {}) }));
    const descriptor = context.register(
      context.obj({
        Type: 'FontDescriptor',
        FontName: this.name,
        Flags: fontFlags(f),
        FontBBox: [f.bbox.minX * scale, f.bbox.minY * scale, f.bbox.maxX * scale, f.bbox.maxY * scale],
        ItalicAngle: f.italicAngle,
        Ascent: f.ascent * scale,
        Descent: f.descent * scale,
        CapHeight: (f.capHeight || f.ascent) * scale,
        XHeight: (f.xHeight || 0) * scale,
        StemV: 0,
        [subset.cff ? 'FontFile3' : 'FontFile2']: program,
      }),
    );
    const cidFont = context.register(
      context.obj({
        Type: 'Font',
        Subtype: subset.cff ? 'CIDFontType0' : 'CIDFontType2',
        CIDToGIDMap: 'Identity',
        BaseFont: this.name,
        CIDSystemInfo: { Registry: PDFString.of('Adobe'), Ordering: PDFString.of('Identity'), Supplement: 0 },
        FontDescriptor: descriptor,
        W: [subset.widths[0], subset.widths[1]],
      }),
    );
    const toUnicode = context.register(context.stream(subset.toUnicode, { Filter: 'FlateDecode' }));
    return context.register(context.obj({ Type: 'Font', Subtype: 'Type0', BaseFont: this.name, Encoding: 'Identity-H', DescendantFonts: [cidFont], ToUnicode: toUnicode }));
  }
}

/**
 * The face of `bytes`, parsed once per byte array (keyed by identity: `loadReportFonts()`
 * returns the same arrays for the life of the process).
 * @throws whatever fontkit throws for bytes that are not a font.
 */
export function reportFace(bytes: Uint8Array, name: string): ReportFace {
  const key = `${name}`;
  let byName = faces.get(bytes);
  if (!byName) {
    byName = new Map();
    faces.set(bytes, byName);
  }
  let face = byName.get(key);
  if (!face) {
    const font = fontkit.create(bytes);
    if (!('characterSet' in font)) throw new Error('a font collection, not a single font');
    face = new ReportFace(font, name);
    byName.set(key, face);
  }
  return face;
}
const faces = new WeakMap<Uint8Array, Map<string, ReportFace>>();

/** The font's resource name in the report's pages: /F1 regular, /F2 bold. */
export const FONT_RESOURCE = { regular: PDFName.of('F1'), bold: PDFName.of('F2') } as const;

/** FontDescriptor /Flags as pdf-lib (after pdfkit) derives them: symbolic, plus fixed pitch, serif, script, italic. */
function fontFlags(font: Font): number {
  const familyClass = font['OS/2'] ? font['OS/2'].sFamilyClass : 0;
  let flags = 1 << 2; // symbolic
  if (font.post.isFixedPitch) flags |= 1 << 0;
  if (familyClass >= 1 && familyClass <= 7) flags |= 1 << 1;
  if (familyClass === 10) flags |= 1 << 3;
  if (font.head.macStyle.italic) flags |= 1 << 6;
  return flags;
}

function hex4(n: number): string {
  return n.toString(16).padStart(4, '0');
}

function utf16Hex(cp: number): string {
  if (cp < 0x10000) return hex4(cp);
  const c = cp - 0x10000;
  return hex4(0xd800 + (c >> 10)) + hex4(0xdc00 + (c & 0x3ff));
}

/** A ToUnicode CMap (pdf-lib's template), its bfchar entries in blocks of at most 100 (CMap spec, Adobe TN 5014). */
function toUnicodeCMap(bfChars: string[]): string {
  const blocks: string[] = [];
  for (let i = 0; i < bfChars.length; i += 100) {
    const block = bfChars.slice(i, i + 100);
    blocks.push(`${block.length} beginbfchar\n${block.join('\n')}\nendbfchar\n`);
  }
  return `/CIDInit /ProcSet findresource begin\n12 dict begin\nbegincmap\n/CIDSystemInfo <<\n  /Registry (Adobe)\n  /Ordering (UCS)\n  /Supplement 0\n>> def\n/CMapName /Adobe-Identity-UCS def\n/CMapType 2 def\n1 begincodespacerange\n<0000><ffff>\nendcodespacerange\n${blocks.join('')}endcmap\nCMapName currentdict /CMap defineresource pop\nend\nend`;
}

function concat(parts: Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}
