/**
 * Pixel helpers for OCR (issue #11): colour images as rendered, their paper colour, rotation.
 * Plain typed-array loops — each is a few lines, so no image library is needed for them.
 * Images are row-major, top-left origin.
 */

/** An RGBA image, 4 bytes per pixel (as a canvas's `getImageData` gives it). */
export interface RgbaImage {
  width: number;
  height: number;
  data: Uint8ClampedArray | Uint8Array;
}

/**
 * The paper colour of a scan: per channel, the most common value among the brighter half of
 * the pixels (a page is mostly paper; a greyish or yellowed sheet is not 255). Values 0–255.
 */
export function paperColour(img: RgbaImage): [number, number, number] {
  const hist = [new Uint32Array(256), new Uint32Array(256), new Uint32Array(256)];
  const d = img.data;
  // Every 3rd pixel is plenty for a histogram of millions of pixels.
  for (let i = 0; i < d.length; i += 12) {
    hist[0]![d[i]!]!++;
    hist[1]![d[i + 1]!]!++;
    hist[2]![d[i + 2]!]!++;
  }
  return hist.map((h) => {
    let best = 255;
    for (let v = 128; v < 256; v++) if (h[v]! > h[best]!) best = v;
    return best;
  }) as [number, number, number];
}

/**
 * Scale each channel so the paper becomes white (255): fills and inks then keep the colours
 * they were printed in, whatever the tone of the sheet. Returns a new image, or with
 * `inPlace` the same one changed (a 300 dpi A4 page is 35 MB: OCR keeps one copy fewer).
 */
export function whiteBalance(img: RgbaImage, paper: readonly [number, number, number], inPlace = false): RgbaImage {
  const lut = paper.map((p) => {
    const t = new Uint8Array(256);
    for (let v = 0; v < 256; v++) t[v] = Math.min(255, Math.round((v * 255) / Math.max(1, p)));
    return t;
  });
  const [r, g, b] = lut as [Uint8Array, Uint8Array, Uint8Array];
  const src = img.data;
  const out = inPlace ? src : new Uint8ClampedArray(src.length);
  for (let i = 0; i < src.length; i += 4) {
    out[i] = r[src[i]!]!;
    out[i + 1] = g[src[i + 1]!]!;
    out[i + 2] = b[src[i + 2]!]!;
    out[i + 3] = 255;
  }
  return { width: img.width, height: img.height, data: out };
}

/** Luminance (Rec. 601), 0–255, one byte per pixel. */
export function luminance(img: RgbaImage): Uint8Array {
  const d = img.data;
  const out = new Uint8Array(img.width * img.height);
  for (let p = 0, i = 0; p < out.length; p++, i += 4) out[p] = (d[i]! * 299 + d[i + 1]! * 587 + d[i + 2]! * 114 + 500) / 1000;
  return out;
}

/**
 * Rotate an image by `degrees` about its centre (positive turns the content clockwise on
 * screen, y pointing down), bilinear, same size; uncovered corners become white.
 */
export function rotate(img: RgbaImage, degrees: number): RgbaImage {
  const { width: w, height: h, data: src } = img;
  const out = new Uint8ClampedArray(src.length).fill(255);
  const t = (-degrees * Math.PI) / 180;
  const cos = Math.cos(t),
    sin = Math.sin(t);
  const cx = (w - 1) / 2,
    cy = (h - 1) / 2;
  for (let y = 0; y < h; y++) {
    const dy = y - cy;
    // Source point of (x, y): the destination rotated back by the same angle.
    let sx = cx - cx * cos - dy * sin;
    let sy = cy - cx * sin + dy * cos;
    for (let x = 0; x < w; x++, sx += cos, sy += sin) {
      const x0 = Math.floor(sx),
        y0 = Math.floor(sy);
      if (x0 < 0 || y0 < 0 || x0 >= w - 1 || y0 >= h - 1) continue;
      const fx = sx - x0,
        fy = sy - y0;
      const i00 = (y0 * w + x0) * 4,
        i10 = i00 + 4,
        i01 = i00 + w * 4,
        i11 = i01 + 4;
      const o = (y * w + x) * 4;
      for (let c = 0; c < 3; c++) {
        const top = src[i00 + c]! + (src[i10 + c]! - src[i00 + c]!) * fx;
        const bottom = src[i01 + c]! + (src[i11 + c]! - src[i01 + c]!) * fx;
        out[o + c] = top + (bottom - top) * fy;
      }
    }
  }
  return { width: w, height: h, data: out };
}
