/** Issue #2's acceptance test: the seed tracker, all 11 records and 33 cells, RAG 11/11. */
import { describe, it, expect } from 'vitest';
import path from 'node:path';
import { extractTracker } from '../../src/index.ts';
import { FIXTURES, ROOT, readBytes, fixturesWithTruth } from '../helpers/fixtures.ts';

describe('seed tracker (online-crime-tracker.pdf)', () => {
  const truth = fixturesWithTruth().find((f) => f.name === 'online-crime-tracker')!.truth;

  it('reads 11 records, 33 cells and 11 RAG statuses exactly, from the fill colour', async () => {
    const { document } = await extractTracker(readBytes(path.join(FIXTURES, 'online-crime-tracker.pdf')), { fileName: 'online-crime-tracker.pdf' });
    expect(document.records).toHaveLength(11);
    let cells = 0;
    document.records.forEach((r, k) => {
      const t = truth.records[k];
      for (const f of ['recommendation', 'response', 'progress'] as const) if (r[f] === t![f]) cells++;
      expect(r.rag).toBe(t!.rag);
      expect(r.ragSource).toBe('fill');
    });
    expect(cells).toBe(33);
    expect(document.source).toMatchObject({ file: 'online-crime-tracker.pdf', pages: 5 });
    expect(document.source.sha256).toMatch(/^[0-9a-f]{64}$/);
    expect(document.warnings).toEqual([]);
    // Records 2 and 5 cross page breaks: one record each, with both pages.
    expect(document.records[1]!.pages).toEqual([1, 2]);
    expect(document.records[1]!.cells?.progress.map((c) => c.page)).toEqual([1, 2]);
  });

  it('the bundled sample in input/ is the seed tracker', () => {
    expect(readBytes(path.join(ROOT, 'input', 'online-crime-tracker.pdf'))).toEqual(readBytes(path.join(FIXTURES, 'online-crime-tracker.pdf')));
  });
});
