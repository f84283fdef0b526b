/**
 * The image the recogniser reads (issue #11): how far each pixel is from the paper or fill it
 * lies on, as dark-on-white grey. Black text on a red Progress cell, red text on paper and
 * white text on a navy header band all come out dark on white, which a greyscale conversion
 * does not give (red and black are both dark in luminance; white on navy inverts).
 */
import type { FillMap } from './fills.ts';
import type { RgbaImage } from './image.ts';

/**
 * Ink darkness per pixel, 0 (ink) … 255 (background): for a background colour b, each
 * channel's distance |p − b| over the largest distance possible from b, the largest channel
 * wins. Each pixel is read against the fill of its block or of a neighbouring block
 * (whichever colour it is nearest), or the white paper.
 */
export function inkImage(img: RgbaImage, map: FillMap): Uint8Array {
  const { width: w, height: h, data: d } = img;
  const out = new Uint8Array(w * h);
  const { block, blocksX: bx, blocksY: by, owner, fills } = map;
  const paper: readonly number[] = [255, 255, 255];
  const colourOf = (k: number): readonly number[] => (k < 0 ? paper : fills[k]!.colour);
  for (let j = 0; j < by; j++) {
    for (let i = 0; i < bx; i++) {
      // Backgrounds a pixel of this block may lie on: its block's and its neighbours'.
      const own = owner[j * bx + i]!;
      let alone = true;
      for (let dj = -1; dj <= 1 && alone; dj++)
        for (let di = -1; di <= 1; di++) {
          const ii = i + di,
            jj = j + dj;
          if (ii >= 0 && jj >= 0 && ii < bx && jj < by && owner[jj * bx + ii] !== own) {
            alone = false;
            break;
          }
        }
      const xa = i * block,
        ya = j * block,
        xb = Math.min(w, xa + block),
        yb = Math.min(h, ya + block);
      if (alone) {
        // One background (most blocks): per-channel tables instead of arithmetic per pixel.
        const [l0, l1, l2] = channelTables(colourOf(own));
        for (let y = ya; y < yb; y++) {
          for (let x = xa, p = (y * w + xa) * 4, o = y * w + xa; x < xb; x++, p += 4, o++) {
            out[o] = 255 - Math.max(l0[d[p]!]!, l1[d[p + 1]!]!, l2[d[p + 2]!]!);
          }
        }
        continue;
      }
      const candidates = new Set<number>([own]);
      for (let dj = -1; dj <= 1; dj++)
        for (let di = -1; di <= 1; di++) {
          const ii = i + di,
            jj = j + dj;
          if (ii >= 0 && jj >= 0 && ii < bx && jj < by) candidates.add(owner[jj * bx + ii]!);
        }
      const backs = [...candidates].map(colourOf);
      const scales = backs.map((b) => b.map((c) => 1 / Math.max(c, 255 - c, 1)));
      for (let y = ya; y < yb; y++) {
        for (let x = xa; x < xb; x++) {
          const p = (y * w + x) * 4;
          const r = d[p]!,
            g = d[p + 1]!,
            b = d[p + 2]!;
          let k = 0;
          if (backs.length > 1) {
            let best = Infinity;
            for (let c = 0; c < backs.length; c++) {
              const bc = backs[c]!;
              const dist = Math.max(Math.abs(r - bc[0]!), Math.abs(g - bc[1]!), Math.abs(b - bc[2]!));
              if (dist < best) {
                best = dist;
                k = c;
              }
            }
          }
          const bc = backs[k]!,
            s = scales[k]!;
          const far = Math.max(Math.abs(r - bc[0]!) * s[0]!, Math.abs(g - bc[1]!) * s[1]!, Math.abs(b - bc[2]!) * s[2]!);
          out[y * w + x] = 255 - Math.min(255, Math.round(far * 255));
        }
      }
    }
  }
  return out;
}

const tables = new Map<string, [Uint8Array, Uint8Array, Uint8Array]>();

/** For a background colour, each channel's value → its distance from the background, 0–255 (see inkImage). */
function channelTables(b: readonly number[]): [Uint8Array, Uint8Array, Uint8Array] {
  const key = b.join(',');
  let t = tables.get(key);
  if (!t) {
    t = [0, 1, 2].map((c) => {
      const bc = b[c]!,
        scale = 255 / Math.max(bc, 255 - bc, 1);
      const lut = new Uint8Array(256);
      for (let v = 0; v < 256; v++) lut[v] = Math.min(255, Math.round(Math.abs(v - bc) * scale));
      return lut;
    }) as [Uint8Array, Uint8Array, Uint8Array];
    if (tables.size > 64) tables.clear();
    tables.set(key, t);
  }
  return t;
}
