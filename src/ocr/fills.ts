/**
 * Cell shading, header bands and RAG dots from a page image (issue #11): the page is cut into
 * small blocks, each block takes the colour most of its pixels have (text strokes cover less
 * than half of a block), and blocks of one colour that is not the paper's are joined into
 * regions. A region that fills most of its box is a filled rectangle; a small, coloured, round
 * one is a mark (a RAG dot). Colours are 0–255 here, on a white-balanced image (paper = 255).
 */
import type { RgbaImage } from './image.ts';

/** Tolerances for finding fills; sizes in points, converted with the image's dpi. */
export interface FillOptions {
  /** Block edge, points. 2: finer than the thinnest cell padding in the corpus (≥ 2 pt), coarser than a text stroke. */
  blockSize: number;
  /** A block within this (0–255) of white on every channel is paper. 6: JPEG and sensor noise on paper stay below it; the palest zebra grey (0.95 = 242) is above. */
  paperTolerance: number;
  /** Blocks whose colours differ by at most this on every channel (0–255) are one region. 18: scan noise within a fill stays below ±6; RAG shades scanned in grey differ by 25 or more. */
  colourTolerance: number;
  /** A filled rectangle is at least this wide and tall, points. 8: a one-line cell at 6 pt type is larger; a stroke of bold type is smaller. */
  minFillSize: number;
  /** A block is one colour when this share of its pixels lie near its median colour (within 12 of luminance). 0.6: blurred text over paper spreads over many greys. */
  minUniform: number;
  /** A region counts as a rectangle when its blocks cover this share of its box (text in the cell leaves holes). 0.55. */
  minFilledShare: number;
  /** …and a dark region (luminance below {@link darkBelow}) this share: bold text is dark too, but never this solid. 0.85. */
  minDarkFilledShare: number;
  /** Luminance (0–255) below which a region is dark. 110. */
  darkBelow: number;
  /** A mark (RAG dot) is at most this wide and tall, points. 24, as DEFAULT_SHAPE_OPTIONS.maxMarkSize. */
  maxMarkSize: number;
  /** A mark has at least this HSV saturation: a RAG colour, not a grey smudge. 0.3. */
  minMarkSaturation: number;
}

/** Defaults of {@link FillOptions}; each value's source is on its field. */
export const DEFAULT_FILL_OPTIONS: FillOptions = {
  blockSize: 2,
  paperTolerance: 6,
  colourTolerance: 28,
  minFillSize: 8,
  minUniform: 0.6,
  minFilledShare: 0.55,
  minDarkFilledShare: 0.85,
  darkBelow: 110,
  maxMarkSize: 24,
  minMarkSaturation: 0.3,
};

/** A region of one colour, in pixels. */
export interface PixelFill {
  x0: number;
  y0: number;
  x1: number;
  y1: number;
  /** 0–255 per channel. */
  colour: [number, number, number];
  kind: 'rect' | 'mark';
}

/** Fills found on a page and, per block, which fill it lies in (for reading ink against it). */
export interface FillMap {
  fills: PixelFill[];
  /** Block edge in pixels. */
  block: number;
  blocksX: number;
  blocksY: number;
  /** Per block, the index in `fills` of the fill it lies in, or -1 for paper. */
  owner: Int32Array;
}

const lum = (r: number, g: number, b: number) => (r * 299 + g * 587 + b * 114) / 1000;

/**
 * The colour most of a block's pixels have (the mean of those near its median luminance), and
 * whether it is uniform: a fill is one colour across most of a block, text blurred over paper
 * is a spread of greys.
 */
function blockColours(img: RgbaImage, block: number, minUniform: number): { colours: Uint8Array; uniform: Uint8Array; bx: number; by: number } {
  const { width: w, height: h, data: d } = img;
  const bx = Math.ceil(w / block),
    by = Math.ceil(h / block);
  const colours = new Uint8Array(bx * by * 3);
  const uniform = new Uint8Array(bx * by);
  const lums = new Uint8Array(block * block);
  const counts = new Uint16Array(256);
  for (let j = 0; j < by; j++) {
    for (let i = 0; i < bx; i++) {
      const xa = i * block,
        ya = j * block,
        xb = Math.min(w, xa + block),
        yb = Math.min(h, ya + block);
      let n = 0;
      for (let y = ya; y < yb; y++)
        for (let x = xa; x < xb; x++) {
          const p = (y * w + x) * 4;
          lums[n++] = (d[p]! * 77 + d[p + 1]! * 150 + d[p + 2]! * 29) >> 8;
        }
      const m = medianByte(lums, n, counts);
      let r = 0,
        g = 0,
        b = 0,
        k = 0,
        q = 0;
      for (let y = ya; y < yb; y++)
        for (let x = xa; x < xb; x++, q++) {
          const p = (y * w + x) * 4;
          if (Math.abs(lums[q]! - m) <= 12) {
            r += d[p]!;
            g += d[p + 1]!;
            b += d[p + 2]!;
            k++;
          }
        }
      const o = (j * bx + i) * 3;
      colours[o] = r / k;
      colours[o + 1] = g / k;
      colours[o + 2] = b / k;
      uniform[j * bx + i] = k >= minUniform * n ? 1 : 0;
    }
  }
  return { colours, uniform, bx, by };
}

/** The median of the first `n` bytes, by counting (`counts` is scratch space, left zeroed). */
function medianByte(values: Uint8Array, n: number, counts: Uint16Array): number {
  for (let k = 0; k < n; k++) counts[values[k]!]!++;
  let m = 0;
  for (let seen = 0; m < 256; m++) {
    seen += counts[m]!;
    if (seen > n >> 1) break;
  }
  for (let k = 0; k < n; k++) counts[values[k]!] = 0;
  return m;
}

function saturation(c: readonly number[]): number {
  const max = Math.max(c[0]!, c[1]!, c[2]!),
    min = Math.min(c[0]!, c[1]!, c[2]!);
  return max === 0 ? 0 : (max - min) / max;
}

/**
 * Find the filled rectangles and marks of a white-balanced page image.
 * @param dpi the image's resolution, to turn the point sizes of `options` into pixels.
 */
export function findFills(img: RgbaImage, dpi: number, options: FillOptions = DEFAULT_FILL_OPTIONS): FillMap {
  const px = (pt: number) => (pt * dpi) / 72;
  const block = Math.max(2, Math.round(px(options.blockSize)));
  const { colours, uniform, bx, by } = blockColours(img, block, options.minUniform);
  const paper = 255 - options.paperTolerance;
  const region = new Int32Array(bx * by).fill(-1);
  const fills: PixelFill[] = [];
  const queue = new Int32Array(bx * by);
  for (let start = 0; start < bx * by; start++) {
    if (region[start] !== -1 || !uniform[start]) continue;
    const s = start * 3;
    if (colours[s]! >= paper && colours[s + 1]! >= paper && colours[s + 2]! >= paper) continue;
    // Grow a region of blocks close to its running mean colour (4-connected).
    const mean = [colours[s]!, colours[s + 1]!, colours[s + 2]!];
    let head = 0,
      tail = 0,
      count = 0;
    let i0 = bx,
      j0 = by,
      i1 = -1,
      j1 = -1;
    queue[tail++] = start;
    region[start] = -2;
    while (head < tail) {
      const b = queue[head++]!;
      const i = b % bx,
        j = (b - i) / bx;
      count++;
      const o = b * 3;
      for (let c = 0; c < 3; c++) mean[c]! += (colours[o + c]! - mean[c]!) / count;
      if (i < i0) i0 = i;
      if (i > i1) i1 = i;
      if (j < j0) j0 = j;
      if (j > j1) j1 = j;
      for (const n of [i > 0 ? b - 1 : -1, i < bx - 1 ? b + 1 : -1, j > 0 ? b - bx : -1, j < by - 1 ? b + bx : -1]) {
        if (n < 0 || region[n] !== -1 || !uniform[n]) continue;
        const q = n * 3;
        if (colours[q]! >= paper && colours[q + 1]! >= paper && colours[q + 2]! >= paper) continue;
        if (
          Math.abs(colours[q]! - mean[0]!) > options.colourTolerance ||
          Math.abs(colours[q + 1]! - mean[1]!) > options.colourTolerance ||
          Math.abs(colours[q + 2]! - mean[2]!) > options.colourTolerance
        )
          continue;
        region[n] = -2;
        queue[tail++] = n;
      }
    }
    // Blocks of a rejected region go back to "unowned"; accepted ones are owned below.
    for (let k = 0; k < tail; k++) region[queue[k]!] = -3;
    const wBlocks = i1 - i0 + 1,
      hBlocks = j1 - j0 + 1;
    const wPt = (wBlocks * block * 72) / dpi,
      hPt = (hBlocks * block * 72) / dpi;
    const share = count / (wBlocks * hBlocks);
    const colour = mean.map((v) => Math.round(v)) as [number, number, number];
    const dark = lum(...colour) < options.darkBelow;
    const box = { x0: i0 * block, y0: j0 * block, x1: Math.min(img.width, (i1 + 1) * block), y1: Math.min(img.height, (j1 + 1) * block) };
    if (wPt >= options.minFillSize && hPt >= options.minFillSize && share >= (dark ? options.minDarkFilledShare : options.minFilledShare)) {
      fills.push({ ...refineEdges(img, box, colour, block), colour, kind: 'rect' });
    } else if (
      wPt <= options.maxMarkSize &&
      hPt <= options.maxMarkSize &&
      Math.min(wPt, hPt) >= 2 * options.blockSize &&
      wPt / hPt <= 2 &&
      hPt / wPt <= 2 &&
      share >= 0.5 &&
      saturation(colour) >= options.minMarkSaturation
    ) {
      fills.push({ ...box, colour, kind: 'mark' });
    }
  }
  // Ownership: larger fills first, so a fill inside another (a chip in a band) owns its blocks.
  const owner = new Int32Array(bx * by).fill(-1);
  const order = fills.map((_, k) => k).sort((a, b) => area(fills[b]!) - area(fills[a]!));
  for (const k of order) {
    const f = fills[k]!;
    for (let j = Math.floor(f.y0 / block); j < Math.ceil(f.y1 / block); j++) for (let i = Math.floor(f.x0 / block); i < Math.ceil(f.x1 / block); i++) owner[j * bx + i] = k;
  }
  return { fills, block, blocksX: bx, blocksY: by, owner };
}

const area = (f: { x0: number; y0: number; x1: number; y1: number }) => (f.x1 - f.x0) * (f.y1 - f.y0);

/**
 * Move each edge of a block-aligned box to the pixel row or column where the fill starts:
 * the first line (from outside in, within one block either way) where most pixels have the
 * fill's colour.
 */
function refineEdges(img: RgbaImage, box: { x0: number; y0: number; x1: number; y1: number }, colour: readonly number[], block: number) {
  const { width: w, height: h, data: d } = img;
  const near = (x: number, y: number) => {
    const p = (y * w + x) * 4;
    return Math.abs(d[p]! - colour[0]!) <= 40 && Math.abs(d[p + 1]! - colour[1]!) <= 40 && Math.abs(d[p + 2]! - colour[2]!) <= 40;
  };
  const rowShare = (y: number) => {
    let n = 0,
      k = 0;
    for (let x = box.x0 + block; x < box.x1 - block; x += 2, k++) if (near(x, y)) n++;
    return k ? n / k : 0;
  };
  const colShare = (x: number) => {
    let n = 0,
      k = 0;
    for (let y = box.y0 + block; y < box.y1 - block; y += 2, k++) if (near(x, y)) n++;
    return k ? n / k : 0;
  };
  let { x0, y0, x1, y1 } = box;
  for (let y = Math.max(0, box.y0 - block); y < box.y0 + block; y++)
    if (rowShare(y) >= 0.5) {
      y0 = y;
      break;
    }
  for (let y = Math.min(h - 1, box.y1 + block - 1); y >= box.y1 - block; y--)
    if (rowShare(y) >= 0.5) {
      y1 = y + 1;
      break;
    }
  for (let x = Math.max(0, box.x0 - block); x < box.x0 + block; x++)
    if (colShare(x) >= 0.5) {
      x0 = x;
      break;
    }
  for (let x = Math.min(w - 1, box.x1 + block - 1); x >= box.x1 - block; x--)
    if (colShare(x) >= 0.5) {
      x1 = x + 1;
      break;
    }
  return { x0, y0, x1, y1 };
}
