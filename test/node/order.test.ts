/**
 * Input order and paths (issue #13): inputs in command-line order, a folder's files in natural
 * order (2 before 10, case- and accent-aware), and each file's path relative to its input root.
 */
import { describe, it, expect } from 'vitest';
import { mkdtempSync, mkdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { expandInputs } from '../../src/node/io.ts';
import { compareNames, globRoot } from '../../src/node/order.ts';

function tree(files: string[]): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'it-order-'));
  for (const f of files) {
    mkdirSync(path.dirname(path.join(dir, f)), { recursive: true });
    writeFileSync(path.join(dir, f), '%PDF-1.4\n');
  }
  return dir;
}

describe('input order', () => {
  it('sorts names naturally: numbers by value, case and accents next to their letter', () => {
    const names = ['t-10.pdf', 'T-2.pdf', 'b.pdf', 'É.pdf', 'a.pdf', 't-1.pdf', 'e.pdf', 'B.pdf', 'f.pdf'];
    expect([...names].sort(compareNames)).toEqual(['a.pdf', 'b.pdf', 'B.pdf', 'e.pdf', 'É.pdf', 'f.pdf', 't-1.pdf', 'T-2.pdf', 't-10.pdf']);
    // code-unit order, what sort() gave before: capitals first, 10 before 2
    expect([...names].sort()).not.toEqual([...names].sort(compareNames));
  });

  it('walks a folder in natural order, subfolders in place, and records paths relative to it', async () => {
    const dir = tree(['r-10.pdf', 'r-2.pdf', 'R-1.pdf', '2020/tracker.pdf', '2019/tracker.pdf', '10/a.pdf', '9/a.pdf', 'notes.txt']);
    const { files, relative } = await expandInputs([dir]);
    expect(files.map((f) => path.relative(dir, f).split(path.sep).join('/'))).toEqual([
      '9/a.pdf',
      '10/a.pdf',
      '2019/tracker.pdf',
      '2020/tracker.pdf',
      'R-1.pdf',
      'r-2.pdf',
      'r-10.pdf',
    ]);
    expect(files.map((f) => relative.get(f))).toEqual(['9/a.pdf', '10/a.pdf', '2019/tracker.pdf', '2020/tracker.pdf', 'R-1.pdf', 'r-2.pdf', 'r-10.pdf']);
  });

  it('keeps command-line order across inputs; a file reached twice keeps its first place', async () => {
    const dir = tree(['b/x.pdf', 'a/y.pdf', 'a/z.pdf']);
    const { files, relative } = await expandInputs([path.join(dir, 'b'), path.join(dir, 'a', 'z.pdf'), path.join(dir, 'a')]);
    expect(files.map((f) => path.relative(dir, f).split(path.sep).join('/'))).toEqual(['b/x.pdf', 'a/z.pdf', 'a/y.pdf']);
    expect(files.map((f) => relative.get(f))).toEqual(['x.pdf', 'z.pdf', 'y.pdf']);
  });

  it("records glob matches relative to the glob's fixed folders, in natural order", async () => {
    const dir = tree(['archive/2019/t.pdf', 'archive/2018/t.pdf', 'archive/2019/s-10.pdf', 'archive/2019/s-9.pdf']);
    const { files, relative } = await expandInputs([path.join(dir, 'archive', '*', '*.pdf')]);
    expect(files.map((f) => relative.get(f))).toEqual(['2018/t.pdf', '2019/s-9.pdf', '2019/s-10.pdf', '2019/t.pdf']);
    expect(globRoot('archive/20*/x.pdf')).toBe('archive');
    expect(globRoot('*.pdf')).toBe('.');
  });
});
