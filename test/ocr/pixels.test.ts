/**
 * The OCR steps that read pixels (issue #11), on small synthetic images: skew, rulings, fills,
 * the ink image, words → text items, which pages are OCR'd and the cell confidence. Fast: no
 * recogniser, no PDF.
 */
import { describe, it, expect } from 'vitest';
import { estimateSkew } from '../../src/ocr/deskew.ts';
import { findRulings, eraseRulings } from '../../src/ocr/rulings.ts';
import { findFills } from '../../src/ocr/fills.ts';
import { inkImage } from '../../src/ocr/ink.ts';
import { paperColour, rotate, whiteBalance, luminance, type RgbaImage } from '../../src/ocr/image.ts';
import { linesToItems } from '../../src/ocr/words.ts';
import { pagesToOcr, ocrConfidence, readPageImage } from '../../src/ocr/index.ts';
import { deskewMatrix } from '../../src/ocr/page.ts';
import type { RecognizedLine } from '../../src/ocr/engine.ts';
import { page } from '../helpers/factories.ts';

const DPI = 300;

/** A white RGBA image with filled boxes painted on it. */
function image(
  width: number,
  height: number,
  boxes: Array<{ x0: number; y0: number; x1: number; y1: number; rgb: [number, number, number] }> = [],
  paper: [number, number, number] = [255, 255, 255],
): RgbaImage {
  const data = new Uint8ClampedArray(width * height * 4);
  for (let p = 0; p < width * height; p++) data.set([...paper, 255], p * 4);
  for (const b of boxes) for (let y = b.y0; y < b.y1; y++) for (let x = b.x0; x < b.x1; x++) data.set([...b.rgb, 255], (y * width + x) * 4);
  return { width, height, data };
}

const black: [number, number, number] = [20, 20, 20];

/** Text-like marks: rows of short dashes of "letters" 12 px tall, like a paragraph at 300 dpi. */
function textBoxes(x0: number, y0: number, lines: number, width: number, rgb = black) {
  const out = [];
  for (let l = 0; l < lines; l++)
    for (let x = x0; x < x0 + width; x += 14)
      out.push({ x0: x, y0: y0 + l * 50, x1: x + 4, y1: y0 + l * 50 + 30, rgb }, { x0: x, y0: y0 + l * 50 + 26, x1: x + 10, y1: y0 + l * 50 + 30, rgb });
  return out;
}

describe('deskew', () => {
  it('finds the angle a page of text lines was turned by, within 0.1°', () => {
    const flat = image(1200, 900, [...textBoxes(100, 100, 12, 1000), { x0: 80, y0: 80, x1: 1120, y1: 83, rgb: black }]);
    for (const angle of [1.4, -0.8, 2.6]) {
      const turned = rotate(flat, angle);
      expect(Math.abs(estimateSkew(luminance(turned), turned.width, turned.height) - angle)).toBeLessThanOrEqual(0.1);
    }
    expect(Math.abs(estimateSkew(luminance(flat), flat.width, flat.height))).toBeLessThanOrEqual(0.05);
  });

  it('says 0 for a page with too little ink to tell', () => {
    const blank = image(400, 300, [{ x0: 10, y0: 10, x1: 14, y1: 14, rgb: black }]);
    expect(estimateSkew(luminance(blank), 400, 300)).toBe(0);
  });

  it('the deskew matrix maps the page centre to itself and turns by the angle', () => {
    const m = deskewMatrix(2, 300, 400);
    expect(m[0] * 300 + m[2] * 400 + m[4]).toBeCloseTo(300, 6);
    expect(m[1] * 300 + m[3] * 400 + m[5]).toBeCloseTo(400, 6);
    expect(Math.atan2(m[1], m[0]) * (180 / Math.PI)).toBeCloseTo(2, 6);
  });
});

describe('paper and fills', () => {
  it('white-balances a greyish sheet so paper is white and fills keep their hue', () => {
    const img = image(300, 300, [{ x0: 50, y0: 50, x1: 250, y1: 150, rgb: [200, 180, 60] }], [230, 226, 214]);
    const paper = paperColour(img);
    expect(paper).toEqual([230, 226, 214]);
    const balanced = whiteBalance(img, paper);
    expect([...balanced.data.subarray(0, 3)]).toEqual([255, 255, 255]);
  });

  it('finds shaded cells and a dark header band, not text; reads their colours', () => {
    const img = image(1000, 800, [
      { x0: 0, y0: 0, x1: 1000, y1: 80, rgb: [31, 56, 100] }, // navy header band
      { x0: 600, y0: 100, x1: 990, y1: 400, rgb: [146, 208, 80] }, // green Progress cell
      { x0: 600, y0: 420, x1: 990, y1: 700, rgb: [255, 192, 0] }, // amber
      ...textBoxes(620, 120, 4, 300),
      ...textBoxes(40, 120, 10, 500),
    ]);
    const { fills } = findFills(img, DPI);
    const rects = fills.filter((f) => f.kind === 'rect');
    expect(rects).toHaveLength(3);
    const green = rects.find((f) => f.colour[1] > 180 && f.colour[0] < 180)!;
    expect(green.x0).toBeCloseTo(600, -1);
    expect(green.y1).toBeCloseTo(400, -1);
    expect(rects.some((f) => f.colour[0] > 240 && f.colour[1] > 170 && f.colour[2] < 30)).toBe(true);
    expect(rects.some((f) => f.colour[2] === 100)).toBe(true);
  });

  it('finds a small round coloured dot as a mark (a RAG dot)', () => {
    const dot = [];
    for (let y = 0; y < 40; y++)
      for (let x = 0; x < 40; x++)
        if ((x - 19.5) ** 2 + (y - 19.5) ** 2 <= 400) dot.push({ x0: 300 + x, y0: 300 + y, x1: 301 + x, y1: 301 + y, rgb: [220, 40, 40] as [number, number, number] });
    const { fills } = findFills(image(600, 600, dot), DPI);
    expect(fills.map((f) => f.kind)).toEqual(['mark']);
  });

  it('the ink image shows black text on red, red text on paper and white text on navy as dark on white', () => {
    const img = image(800, 400, [
      { x0: 0, y0: 0, x1: 400, y1: 200, rgb: [231, 85, 78] },
      { x0: 100, y0: 80, x1: 110, y1: 120, rgb: black }, // black stroke on red
      { x0: 500, y0: 80, x1: 510, y1: 120, rgb: [220, 30, 30] }, // red stroke on paper
      { x0: 0, y0: 250, x1: 800, y1: 400, rgb: [31, 56, 100] },
      { x0: 300, y0: 300, x1: 310, y1: 340, rgb: [250, 250, 250] }, // white stroke on navy
    ]);
    const ink = inkImage(img, findFills(img, DPI));
    const at = (x: number, y: number) => ink[y * 800 + x]!;
    expect(at(105, 100)).toBeLessThan(60);
    expect(at(505, 100)).toBeLessThan(60);
    expect(at(305, 320)).toBeLessThan(60);
    for (const [x, y] of [
      [50, 50],
      [600, 150],
      [100, 380],
    ] as const)
      expect(at(x, y)).toBeGreaterThan(220);
  });
});

describe('rulings', () => {
  it('finds faint grid lines and not the text between them, and erases them', () => {
    const grey: [number, number, number] = [180, 180, 180];
    const img = image(1200, 900, [
      { x0: 50, y0: 100, x1: 1150, y1: 103, rgb: grey },
      { x0: 50, y0: 500, x1: 1150, y1: 503, rgb: grey },
      { x0: 50, y0: 100, x1: 53, y1: 800, rgb: grey },
      { x0: 600, y0: 100, x1: 603, y1: 800, rgb: grey },
      ...textBoxes(70, 130, 6, 500),
      // a long underscore-like stroke inside text is thick enough to be text? no: a bold rule under a word is a rule.
    ]);
    const ink = luminance(img);
    const rulings = findRulings(ink, 1200, 900, DPI);
    const h = rulings
      .filter((r) => r.orientation === 'h')
      .map((r) => Math.round(r.position))
      .sort((a, b) => a - b);
    const v = rulings
      .filter((r) => r.orientation === 'v')
      .map((r) => Math.round(r.position))
      .sort((a, b) => a - b);
    expect(h).toEqual([102, 502]);
    expect(v).toEqual([52, 602]);
    eraseRulings(ink, 1200, 900, rulings, 2);
    expect(ink[101 * 1200 + 300]).toBe(255);
    expect(ink[140 * 1200 + 72]).toBeLessThan(128); // text kept
  });
});

/** A recognised line as Tesseract gives it: words with boxes, one baseline for the whole line. */
const line = (words: Array<[string, number, number]>, y0 = 100, y1 = 130): RecognizedLine => ({
  words: words.map(([text, x0, x1]) => ({ text, bbox: { x0, y0, x1, y1 }, confidence: 0.9 })),
  bbox: { x0: words[0]![1], y0, x1: words[words.length - 1]![2], y1 },
  baseline: { x0: words[0]![1], y0: y1, x1: words[words.length - 1]![2], y1: y1 },
  rowHeight: 40,
});

describe('recognised words → text items', () => {
  it('cuts a line read across a vertical rule into two runs, in points, with confidence', () => {
    const img = image(1200, 300, [
      { x0: 100, y0: 100, x1: 190, y1: 130, rgb: black },
      { x0: 700, y0: 104, x1: 800, y1: 134, rgb: black },
    ]);
    const items = linesToItems(
      [
        line(
          [
            ['Left', 100, 190],
            ['Rest', 700, 800],
          ],
          100,
          134,
        ),
      ],
      { ink: luminance(img), colour: img, dpi: DPI },
      1,
      [{ x: 600, y0: 0, y1: 300 }],
    );
    expect(items.map((i) => i.text)).toEqual(['Left', 'Rest']);
    expect(items[0]!.bbox.x0).toBeCloseTo(24, 5);
    expect(items[0]!.baseline).toBeCloseTo((130 * 72) / 300, 5);
    // Each run's baseline from its own ink: the right run sits 4 px lower.
    expect(items[1]!.baseline - items[0]!.baseline).toBeCloseTo((4 * 72) / 300, 5);
    expect(items[0]!.confidence).toBe(0.9);
    expect(items[0]!.fontName).toBe('ocr');
  });

  it('drops a "word" read on blank paper; reads a dash by its length; finds a bullet it left out', () => {
    const img = image(1200, 300, [
      { x0: 100, y0: 115, x1: 112, y1: 127, rgb: black }, // a bullet, 12 px
      { x0: 150, y0: 100, x1: 300, y1: 130, rgb: black }, // "item"
      { x0: 400, y0: 112, x1: 422, y1: 115, rgb: black }, // an en dash, 22 px ≈ 0.5 em
      { x0: 450, y0: 100, x1: 560, y1: 130, rgb: black },
    ]);
    const items = linesToItems(
      [
        line([
          ['item', 150, 300],
          ['—', 400, 422],
          ['~~', 320, 360],
          ['text', 450, 560],
        ]),
      ],
      { ink: luminance(img), colour: img, dpi: DPI },
      1,
    );
    expect(items.map((i) => i.text)).toEqual(['•', 'item', '–', 'text']);
  });

  it('a word with thicker strokes than the page’s others is bold', () => {
    const strokes = (x0: number, w: number) => Array.from({ length: 6 }, (_, k) => ({ x0: x0 + k * 20, y0: 100, x1: x0 + k * 20 + w, y1: 130, rgb: black }));
    const img = image(1400, 300, [...strokes(100, 4), ...strokes(300, 4), ...strokes(500, 4), ...strokes(700, 9)]);
    const items = linesToItems(
      [
        line([
          ['aaa', 100, 224],
          ['bbb', 300, 424],
          ['ccc', 500, 624],
          ['BOLD', 700, 829],
        ]),
      ],
      { ink: luminance(img), colour: img, dpi: DPI },
      1,
    );
    expect(items.map((i) => i.bold)).toEqual([false, false, false, true]);
  });
});

describe('which pages, and how sure', () => {
  const scan = page({ items: [], textLayer: 'none', images: [{ x0: 0, top: 0, x1: 595, bottom: 842 }] });
  const blank = page({ items: [], textLayer: 'none', pageNumber: 2 });
  const layer = page({ items: [], textLayer: 'invisible-ocr', pageNumber: 3 });
  const text = page({ items: [], textLayer: 'visible', pageNumber: 4 });

  it('auto: scans and invisible OCR layers; always: every page; never: none', () => {
    expect(pagesToOcr([scan, blank, layer, text], 'auto')).toEqual([1, 3]);
    expect(pagesToOcr([scan, blank, layer, text], 'always')).toEqual([1, 2, 3, 4]);
    expect(pagesToOcr([scan, blank, layer, text], 'never')).toEqual([]);
  });

  it('gives each OCR’d cell its confidence and flags the cells below the threshold', () => {
    const word = (text: string, x0: number, confidence: number) => ({
      text,
      bbox: { x0, top: 100, x1: x0 + 40, bottom: 112 },
      baseline: 110,
      fontSize: 10,
      fontName: 'ocr',
      bold: false,
      pageNumber: 1,
      color: null,
      confidence,
    });
    const ocrPage = page({ textLayer: 'ocr', items: [word('sure', 10, 0.96), word('words', 60, 0.94), word('blurry', 210, 0.4), word('x', 260, 0.9)] });
    const cell = (x0: number, x1: number) => [{ page: 1, bbox: { x0, top: 90, x1, bottom: 120 } }];
    const record = { id: '1', pages: [1], review: [], cells: { recommendation: cell(0, 150), response: cell(200, 300), progress: cell(350, 400) } } as Parameters<
      typeof ocrConfidence
    >[0][number];
    const warnings = ocrConfidence([record], [ocrPage], 0.8);
    expect(record.confidence).toEqual({ recommendation: 0.949, response: 0.471 });
    expect(record.review).toEqual([{ code: 'LOW_CONFIDENCE', field: 'response', message: expect.stringMatching(/confidence 0\.47 \(below 0\.8\)/) }]);
    expect(warnings).toEqual([{ code: 'LOW_CONFIDENCE', recordId: '1', page: 1, message: expect.stringContaining('response 0.47') }]);
    // A record on a page with a text layer is left alone.
    const other = { ...record, review: [], confidence: undefined, pages: [4], cells: { recommendation: [], response: [], progress: [] } };
    expect(ocrConfidence([other], [ocrPage, text])).toEqual([]);
    expect(other.confidence).toBeUndefined();
  });

  it('a page image goes through every step to a Page with rulings, fills and the recogniser’s words', async () => {
    const img = image(
      1240,
      1754,
      [
        { x0: 100, y0: 300, x1: 1140, y1: 303, rgb: black },
        { x0: 100, y0: 700, x1: 1140, y1: 703, rgb: black },
        { x0: 800, y0: 304, x1: 1140, y1: 699, rgb: [146, 208, 80] },
        { x0: 150, y0: 400, x1: 400, y1: 430, rgb: black },
      ],
      [232, 229, 220],
    );
    const turned = rotate(img, 1.2);
    const engine = {
      createCanvas: () => {
        throw new Error('not used');
      },
      recognize: async () => [line([['Hello', 150, 400]], 400, 430)],
    };
    const base = page({ items: [], textLayer: 'none', width: 297.6, height: 421 });
    const { page: p, steps } = await readPageImage(base, turned, DPI, engine);
    expect(steps.skew).toBeCloseTo(1.2, 1);
    expect(p.textLayer).toBe('ocr');
    expect(p.items.map((i) => i.text)).toEqual(['Hello']);
    expect(p.rulings.filter((r) => r.orientation === 'h').map((r) => Math.round(r.position))).toEqual([72, 168]);
    expect(p.rects).toHaveLength(1);
    expect(p.ocr).toMatchObject({ dpi: 300, words: 1, confidence: 0.9 });
  });
});
