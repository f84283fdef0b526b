import { describe, it, expect } from 'vitest';
import { baselineGroups, joinItems, makeLine, splitGroup } from '../../src/layout/lines.ts';
import { item } from '../helpers/factories.ts';

describe('lines', () => {
  it('orders runs by x and inserts a space only at word gaps', () => {
    const a = item({ text: 'Recom', x0: 100, top: 50, width: 30 });
    const b = item({ text: 'mendation', x0: 130.5, top: 50, width: 50 }); // kerning gap 0.05 em
    const c = item({ text: 'one', x0: 183, top: 50, width: 15 }); // word gap 0.3 em
    expect(joinItems([a, b, c])).toBe('Recommendation one');
    expect(makeLine([c, a, b]).text).toBe('Recommendation one');
  });

  it('clusters baselines with a tolerance, never by exact coordinates', () => {
    const groups = baselineGroups([item({ text: 'a', x0: 10, top: 100 }), item({ text: 'b', x0: 30, top: 101.2 }), item({ text: 'c', x0: 10, top: 112 })]);
    expect(groups.map((g) => g.map((i) => i.text).join(''))).toEqual(['ab', 'c']);
  });

  it('splits a baseline into lines at column gaps and at given boundaries', () => {
    const g = [item({ text: 'left cell', x0: 50, top: 10, width: 45 }), item({ text: 'right cell', x0: 120, top: 10, width: 50 }), item({ text: 'x', x0: 172, top: 10, width: 5 })];
    expect(splitGroup(g).map((l) => l.text)).toEqual(['left cell', 'right cell x']);
    expect(splitGroup(g, [171]).map((l) => l.text)).toEqual(['left cell', 'right cell', 'x']);
  });
});
