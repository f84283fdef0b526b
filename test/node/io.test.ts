import { describe, it, expect } from 'vitest';
import { mkdtempSync, readFileSync, readdirSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { OrderedFileWriter, outputBaseNames, sourceNames } from '../../src/node/io.ts';

const enc = (s: string) => new TextEncoder().encode(s);

describe('OrderedFileWriter', () => {
  it('writes pieces in index order whatever order they arrive in, skipping ones that never come', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'it-ow-'));
    const w = new OrderedFileWriter(path.join(dir, 'out.txt'));
    await w.open(enc('head\n'));
    await w.push(2, enc('c\n'));
    await w.push(0, enc('a\n'));
    expect(existsSync(path.join(dir, 'out.txt'))).toBe(false); // a temp file until finish
    await w.push(4, enc('e\n')); // 1 and 3 never come (fail-fast)
    await w.finish();
    expect(readFileSync(path.join(dir, 'out.txt'), 'utf8')).toBe('head\na\nc\ne\n');
    expect(readdirSync(dir)).toEqual(['out.txt']);
  });

  it('finish(false) leaves nothing, also no stale file', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'it-ow-'));
    const w = new OrderedFileWriter(path.join(dir, 'warnings.csv'));
    await w.open(enc('h\n'));
    await w.push(0, enc('x\n'));
    await w.finish(false);
    expect(readdirSync(dir)).toEqual([]);
  });
});

describe('output and source names', () => {
  it('gives same-named inputs distinct outputs and path-like source names', () => {
    const files = [path.join('d', '2019', 'tracker.pdf'), path.join('d', '2020', 'Tracker.PDF'), 'other.pdf'];
    expect([...outputBaseNames(files).values()]).toEqual(['tracker', 'Tracker-2', 'other']);
    expect([...sourceNames(files).values()]).toEqual(['d/2019/tracker.pdf', 'd/2020/Tracker.PDF', 'other.pdf']);
  });
});
