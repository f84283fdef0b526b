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
  it('gives same-named inputs distinct outputs built from their relative paths, and path-like source names', () => {
    const files = [path.join('d', '2019', 'tracker.pdf'), path.join('d', '2020', 'Tracker.PDF'), 'other.pdf'];
    const relative = new Map([
      [files[0]!, '2019/tracker.pdf'],
      [files[1]!, '2020/Tracker.PDF'],
      [files[2]!, 'other.pdf'],
    ]);
    expect([...outputBaseNames(files, relative).values()]).toEqual(['2019-tracker', '2020-Tracker', 'other']);
    expect([...sourceNames(files).values()]).toEqual(['d/2019/tracker.pdf', 'd/2020/Tracker.PDF', 'other.pdf']);
  });

  it('never lets two outputs collide: same relative paths under two roots, and a name already taken', () => {
    const files = [path.join('a', '2019', 'x.pdf'), path.join('b', '2019', 'x.pdf'), path.join('c', '2019-x.pdf'), path.join('e', 'X.pdf')];
    const relative = new Map([
      [files[0]!, '2019/x.pdf'],
      [files[1]!, '2019/x.pdf'],
      [files[2]!, '2019-x.pdf'],
      [files[3]!, 'X.pdf'],
    ]);
    const names = [...outputBaseNames(files, relative).values()];
    expect(names).toEqual(['a-2019-x', 'b-2019-x', '2019-x', 'X']);
    expect(new Set(names.map((n) => n.toLowerCase())).size).toBe(files.length);
    // a name built from a relative path that another input has as its own name: the path as
    // given, and where even that is taken, a number
    const clash = ['2019-tracker.pdf', path.join('d', '2019', 'tracker.pdf'), path.join('d', '2020', 'tracker.pdf'), 'd-2019-tracker.pdf'];
    const rel2 = new Map([
      [clash[0]!, '2019-tracker.pdf'],
      [clash[1]!, '2019/tracker.pdf'],
      [clash[2]!, '2020/tracker.pdf'],
      [clash[3]!, 'd-2019-tracker.pdf'],
    ]);
    expect([...outputBaseNames(clash, rel2).values()]).toEqual(['2019-tracker', 'd-2019-tracker', '2020-tracker', 'd-2019-tracker-2']);
  });
});

describe('a failed file', () => {
  it('loses its outputs but never the corrections a person saved for it (X.corrections.json, issue #8)', { timeout: 60_000 }, async () => {
    const { writeFileSync, mkdirSync } = await import('node:fs');
    const { extractMany } = await import('../../src/node/extract-many.ts');
    const dir = mkdtempSync(path.join(tmpdir(), 'it-fail-'));
    const out = path.join(dir, 'out');
    mkdirSync(out);
    writeFileSync(path.join(dir, 'tracker.pdf'), '<html>not a pdf</html>'); // e.g. a download that went wrong
    for (const name of ['tracker.json', 'tracker.csv', 'tracker.report.pdf', 'tracker.corrections.json']) writeFileSync(path.join(out, name), 'from an earlier run');
    const summary = await extractMany([path.join(dir, 'tracker.pdf')], { out, jobs: 1, timeoutSeconds: 30 });
    expect(summary.failures.map((f) => f.code)).toEqual(['NOT_PDF']);
    expect(readdirSync(out).sort()).toEqual(['errors.csv', 'records.csv', 'records.jsonl', 'tracker.corrections.json']);
    expect(readFileSync(path.join(out, 'tracker.corrections.json'), 'utf8')).toBe('from an earlier run');
  });
});
