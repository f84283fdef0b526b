/** toMatrix (issue #9, noUncheckedIndexedAccess): pdf.js operands become a Matrix, or null when malformed. */
import { describe, expect, it } from 'vitest';
import { multiply, toMatrix, type Matrix } from '../../src/pdf/matrix.ts';

describe('toMatrix', () => {
  it('reads six numbers from an array or a typed array', () => {
    expect(toMatrix([2, 0, 0, 2, 10, 20])).toEqual([2, 0, 0, 2, 10, 20]);
    expect(toMatrix(new Float32Array([1, 0, 0, 1, 5, 6]))).toEqual([1, 0, 0, 1, 5, 6]);
  });
  it('refuses what is not a matrix, so a malformed cm operator is ignored rather than read as NaN', () => {
    for (const bad of [null, undefined, 3, [1, 2, 3], [1, 0, 0, 1, 'x', 0], {}]) expect(toMatrix(bad)).toBeNull();
  });
  it('multiplies in pdf.js order: apply n, then m', () => {
    const scale: Matrix = [2, 0, 0, 2, 0, 0];
    const move: Matrix = [1, 0, 0, 1, 10, 0];
    expect(multiply(scale, move)).toEqual([2, 0, 0, 2, 20, 0]);
  });
});
