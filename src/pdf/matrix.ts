/**
 * 2-D affine matrices `[a, b, c, d, e, f]` as PDF and pdf.js use them (PDF 32000-1 §8.3.3):
 * a point (x, y) maps to (a·x + c·y + e, b·x + d·y + f).
 */
export type Matrix = [number, number, number, number, number, number];

/**
 * A matrix from pdf.js's loosely typed operator arguments (an array or typed array of six
 * numbers), or null when `a` is not one: a malformed operator is ignored, not read as NaN.
 */
export function toMatrix(a: unknown): Matrix | null {
  if (!Array.isArray(a) && !ArrayBuffer.isView(a)) return null;
  const m = Array.from(a as ArrayLike<unknown>);
  return m.length >= 6 && m.slice(0, 6).every((v) => typeof v === 'number') ? (m.slice(0, 6) as Matrix) : null;
}

/** m · n in pdf.js's convention (`Util.transform(m, n)`): apply n first, then m. */
export function multiply(m: Matrix, n: Matrix): Matrix {
  return [
    m[0] * n[0] + m[2] * n[1],
    m[1] * n[0] + m[3] * n[1],
    m[0] * n[2] + m[2] * n[3],
    m[1] * n[2] + m[3] * n[3],
    m[0] * n[4] + m[2] * n[5] + m[4],
    m[1] * n[4] + m[3] * n[5] + m[5],
  ];
}

/** Map a point through m. */
export function apply(m: Matrix, x: number, y: number): [number, number] {
  return [m[0] * x + m[2] * y + m[4], m[1] * x + m[3] * y + m[5]];
}

/** The inverse of m (m must not be singular). */
export function invert(m: Matrix): Matrix {
  const det = m[0] * m[3] - m[1] * m[2];
  return [m[3] / det, -m[1] / det, -m[2] / det, m[0] / det, (m[2] * m[5] - m[3] * m[4]) / det, (m[1] * m[4] - m[0] * m[5]) / det];
}
