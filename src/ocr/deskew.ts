/**
 * How far a scanned page is turned (issue #11: deskew up to ±3°), by the projection-profile
 * method (Postl 1986; Leptonica's `pixFindSkew` uses the same idea): project the dark pixels
 * along lines of slope tan θ; at the page's own angle text lines and rules fall into few rows,
 * so the sum of squared row counts peaks.
 */

/** Options of {@link estimateSkew}. */
export interface SkewOptions {
  /** Largest angle searched either way, degrees. 3: issue #11. */
  maxDegrees: number;
  /** A pixel darker than this (0–255, paper white) counts as ink. 128: midway between ink and paper. */
  inkBelow: number;
  /** Work on every n-th pixel both ways (2 at 300 dpi: 150 dpi is ample for angles of 0.05°). */
  step: number;
}

/** Defaults of {@link SkewOptions}. */
export const DEFAULT_SKEW_OPTIONS: SkewOptions = { maxDegrees: 3, inkBelow: 128, step: 2 };

/**
 * The skew of a page image in degrees: positive when its text lines fall to the right (the
 * content is turned clockwise on screen); 0 for a page with too little ink to tell.
 * @param grey luminance, one byte per pixel (`width` × `height`).
 */
export function estimateSkew(grey: Uint8Array, width: number, height: number, options: SkewOptions = DEFAULT_SKEW_OPTIONS): number {
  const { step, inkBelow, maxDegrees } = options;
  let n = 0;
  for (let y = 0; y < height; y += step) for (let x = 0, row = y * width; x < width; x += step) if (grey[row + x]! < inkBelow) n++;
  if (n < 500) return 0;
  const xs = new Float64Array(n),
    ys = new Float64Array(n);
  n = 0;
  for (let y = 0; y < height; y += step) {
    const row = y * width;
    for (let x = 0; x < width; x += step) {
      if (grey[row + x]! < inkBelow) {
        xs[n] = x / step;
        ys[n++] = y / step;
      }
    }
  }
  const w = Math.ceil(width / step),
    h = Math.ceil(height / step);
  const margin = Math.ceil(w * Math.tan((maxDegrees * Math.PI) / 180)) + 1;
  const bins = new Float64Array(h + 2 * margin + 2);
  const score = (deg: number) => {
    const t = Math.tan((deg * Math.PI) / 180);
    bins.fill(0);
    for (let k = 0; k < n; k++) bins[(ys[k]! - xs[k]! * t + margin + 0.5) | 0]! += 1;
    let s = 0;
    for (let k = 0; k < bins.length; k++) s += bins[k]! * bins[k]!;
    return s;
  };
  const search = (from: number, to: number, by: number) => {
    let best = from,
      bestScore = -1;
    for (let a = from; a <= to + 1e-9; a += by) {
      const s = score(a);
      if (s > bestScore) {
        bestScore = s;
        best = a;
      }
    }
    return best;
  };
  const coarse = search(-maxDegrees, maxDegrees, 0.25);
  const fine = search(Math.max(-maxDegrees, coarse - 0.25), Math.min(maxDegrees, coarse + 0.25), 0.025);
  return Math.round(fine * 1000) / 1000;
}
