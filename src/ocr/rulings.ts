/**
 * Ruling lines from a page image (issue #11): long, thin runs of ink. Horizontal runs are
 * found row by row (small gaps from noise or a faint scan bridged), runs on neighbouring rows
 * that overlap are one line, and a line is a ruling when it is long and thin; vertical ones the
 * same way on the transposed image. A thick run is a filled band, which findFills reads.
 */

/** Tolerances for rulings; lengths in points, converted with the image's dpi. */
export interface RulingOptions {
  /**
   * Ink is darker than this (0–255 on the ink image, paper 255). 215: a 0.5 pt rule scanned at
   * 200 dpi blurs to ≈ 190 (fixture colour-housing-delivery); paper noise stays above 225.
   */
  inkBelow: number;
  /** A horizontal ruling is at least this long, points. 24: longer than any text stroke or dash at body sizes; a table column is wider. */
  minHorizontal: number;
  /** A vertical ruling is at least this long, points. 18: a one-line row is taller than 14 pt, and vertical rules run through every row. */
  minVertical: number;
  /** Gaps up to this (points) inside a run are bridged. 0.8: noise breaks a faint rule into dashes this far apart. */
  maxGap: number;
  /** A run is part of a rule only when ink fills this share of it: text, even bold, leaves more gaps. 0.9. */
  minDensity: number;
  /** Pieces of a rule at most this far apart (points) on one line are joined (a rule broken where text or noise crosses it). 3. */
  joinGap: number;
  /** A ruling is at most this thick, points. 2: 0.4–1.5 pt rules in the corpus, thickened by blur. */
  maxThickness: number;
  /** A rule is darker than what lies just beside it (beyond its thickness) by at least this (0–255). 15: a rule between two grey cells of a grey scan stands 25–50 below them, noise ±5. */
  contrast: number;
}

/** Defaults of {@link RulingOptions}; each value's source is on its field. */
export const DEFAULT_RULING_OPTIONS: RulingOptions = { inkBelow: 215, minHorizontal: 24, minVertical: 18, maxGap: 0.8, minDensity: 0.9, joinGap: 3, maxThickness: 2, contrast: 25 };

/** A ruling in pixels: `position` across it (centre), `start`–`end` along it, `thickness`. */
export interface PixelRuling {
  orientation: 'h' | 'v';
  position: number;
  start: number;
  end: number;
  thickness: number;
  /** First and last pixel row (h) or column (v) it covers. */
  from: number;
  to: number;
}

/**
 * Dense runs of ink along each row of a mask (1 = ink) at least `minPiece` long, merged with
 * the overlapping runs of the neighbouring rows into pieces of lines.
 */
function rowPieces(mask: Uint8Array, width: number, height: number, minPiece: number, maxGap: number, minDensity: number, orientation: 'h' | 'v'): PixelRuling[] {
  interface Open {
    start: number;
    end: number;
    from: number;
    to: number;
  }
  let open: Open[] = [];
  const done: Open[] = [];
  for (let y = 0; y <= height; y++) {
    const runs: Array<[number, number]> = [];
    if (y < height) {
      const row = y * width;
      let x = 0;
      while (x < width) {
        if (!mask[row + x]) {
          x++;
          continue;
        }
        const s = x;
        let e = x,
          gap = 0,
          ink = 1;
        for (x++; x < width; x++) {
          if (mask[row + x]) {
            e = x;
            gap = 0;
            ink++;
          } else if (++gap > maxGap) break;
        }
        if (e - s + 1 >= minPiece && ink >= minDensity * (e - s + 1)) runs.push([s, e + 1]);
        x = e + 1;
      }
    }
    const next: Open[] = [];
    const used = new Set<Open>();
    for (const [s, e] of runs) {
      const o = open.find((l) => !used.has(l) && Math.min(l.end, e) - Math.max(l.start, s) >= 0.5 * Math.min(l.end - l.start, e - s));
      if (o) {
        used.add(o);
        o.start = Math.min(o.start, s);
        o.end = Math.max(o.end, e);
        o.to = y;
        next.push(o);
      } else {
        next.push({ start: s, end: e, from: y, to: y });
      }
    }
    for (const l of open) if (!used.has(l)) done.push(l);
    open = next;
  }
  return done.map((l) => ({ orientation, position: (l.from + l.to + 1) / 2, start: l.start, end: l.end, thickness: l.to - l.from + 1, from: l.from, to: l.to }));
}

/** Join thin pieces lying on one line with small gaps between them; keep the long ones. */
function joinPieces(pieces: PixelRuling[], maxThickness: number, joinGap: number, minLength: number): PixelRuling[] {
  let lines = pieces.filter((p) => p.thickness <= maxThickness).map((p) => ({ ...p }));
  const near = Math.max(2, maxThickness / 2);
  for (let changed = true; changed; ) {
    changed = false;
    lines.sort((a, b) => a.position - b.position || a.start - b.start);
    const out: PixelRuling[] = [];
    for (const p of lines) {
      const l = out.find((q) => Math.abs(q.position - p.position) <= near && p.start - q.end <= joinGap && q.start - p.end <= joinGap);
      if (!l) {
        out.push(p);
        continue;
      }
      changed = true;
      l.start = Math.min(l.start, p.start);
      l.end = Math.max(l.end, p.end);
      l.from = Math.min(l.from, p.from);
      l.to = Math.max(l.to, p.to);
      l.thickness = l.to - l.from + 1;
      l.position = (l.from + l.to + 1) / 2;
    }
    lines = out;
  }
  return lines.filter((l) => l.end - l.start >= minLength);
}

/**
 * Ridge pixels along rows: ink that is darker than the pixels `reach` rows above and below by
 * at least `contrast`. A rule (thinner than `reach`) is a ridge along its whole length; text is
 * not, because its stems are dark above and below any row through them.
 */
function ridges(ink: Uint8Array, width: number, height: number, inkBelow: number, reach: number, contrast: number): Uint8Array {
  const mask = new Uint8Array(width * height);
  for (let y = 0; y < height; y++) {
    const up = Math.max(0, y - reach) * width,
      down = Math.min(height - 1, y + reach) * width,
      row = y * width;
    for (let x = 0; x < width; x++) {
      const v = ink[row + x]!;
      if (v < inkBelow && ink[up + x]! >= v + contrast && ink[down + x]! >= v + contrast) mask[row + x] = 1;
    }
  }
  return mask;
}

/**
 * Horizontal and vertical rulings of a greyscale image (luminance or ink image).
 * @param ink 0 ink … 255 paper, one byte per pixel.
 */
export function findRulings(ink: Uint8Array, width: number, height: number, dpi: number, options: RulingOptions = DEFAULT_RULING_OPTIONS): PixelRuling[] {
  const px = (pt: number) => (pt * dpi) / 72;
  const gap = Math.max(1, Math.round(px(options.maxGap)));
  const thick = Math.max(2, Math.round(px(options.maxThickness)));
  const join = px(options.joinGap);
  // Pieces a quarter of the shortest rule or longer: a rule crossed by text or noise still
  // leaves pieces that long, while text strokes are shorter.
  const piece = px(Math.min(options.minHorizontal, options.minVertical)) / 4;
  const reach = thick + 1;
  const horizontal = joinPieces(
    rowPieces(ridges(ink, width, height, options.inkBelow, reach, options.contrast), width, height, piece, gap, options.minDensity, 'h'),
    thick,
    join,
    px(options.minHorizontal),
  );
  const transposed = new Uint8Array(width * height);
  for (let y = 0; y < height; y++) for (let x = 0; x < width; x++) transposed[x * height + y] = ink[y * width + x]!;
  const vertical = joinPieces(
    rowPieces(ridges(transposed, height, width, options.inkBelow, reach, options.contrast), height, width, piece, gap, options.minDensity, 'v'),
    thick,
    join,
    px(options.minVertical),
  );
  return [...horizontal, ...vertical];
}

/**
 * Rulings found on two images of one page, each line once: the ink image shows a rule under
 * a dark header band (the band reads as background there), the luminance a rule between two
 * shaded cells (darker than both, yet nearer the darker fill than the ink image can show).
 */
export function mergeRulings(a: readonly PixelRuling[], b: readonly PixelRuling[], dpi: number, options: RulingOptions = DEFAULT_RULING_OPTIONS): PixelRuling[] {
  const px = (pt: number) => (pt * dpi) / 72;
  const thick = Math.max(2, Math.round(px(options.maxThickness)));
  const all = [...a, ...b];
  return (['h', 'v'] as const).flatMap((o) =>
    joinPieces(
      all.filter((r) => r.orientation === o),
      thick,
      px(options.joinGap),
      0,
    ),
  );
}

/** Paint rulings white on the ink image (in place), so the recogniser does not read them as | or _. */
export function eraseRulings(ink: Uint8Array, width: number, height: number, rulings: readonly PixelRuling[], pad = 1): void {
  for (const r of rulings) {
    const a0 = Math.max(0, r.from - pad),
      a1 = Math.min((r.orientation === 'h' ? height : width) - 1, r.to + pad);
    const b0 = Math.max(0, Math.floor(r.start) - pad),
      b1 = Math.min((r.orientation === 'h' ? width : height) - 1, Math.ceil(r.end) + pad);
    for (let a = a0; a <= a1; a++) for (let b = b0; b <= b1; b++) ink[r.orientation === 'h' ? a * width + b : b * width + a] = 255;
  }
}
