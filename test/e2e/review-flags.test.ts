/**
 * Review flags (issue #7 "Never silent") on real PDFs: what a person is told to check, and
 * what they are not bothered with.
 */
import { describe, it, expect } from 'vitest';
import { extractTracker } from '../../src/index.ts';
import { loadDictionary } from '../../src/node/dictionary.ts';
import { FIXTURES, readBytes } from '../helpers/fixtures.ts';
import path from 'node:path';

const extract = async (name: string) => (await extractTracker(readBytes(path.join(FIXTURES, name)), { dictionary: loadDictionary })).document;

describe('review flags', () => {
  it('a tracker whose RAG shows nowhere gets one RAG_FROM_TEXT warning, not a flag on every record', async () => {
    const d = await extract('air-quality-whitespace.libreoffice-letter-l.pdf');
    expect(d.records.every((r) => r.ragSource === 'text' || r.rag === null)).toBe(true);
    expect(d.records.some((r) => r.ragSource === 'text')).toBe(true);
    expect(d.warnings.filter((w) => w.code === 'RAG_FROM_TEXT')).toHaveLength(1);
    expect(d.records.flatMap((r) => r.review).filter((x) => x.code === 'RAG_FROM_TEXT')).toEqual([]);
  });

  it('a tracker with shaded Progress cells has no RAG_FROM_TEXT at all', async () => {
    const d = await extract('online-crime-tracker.pdf');
    expect(d.warnings.map((w) => w.code)).not.toContain('RAG_FROM_TEXT');
  });

  it('a sentence ending at a page foot with nothing to tell a paragraph from a wrap flags its record and cell', async () => {
    const d = await extract('sweep/air-quality-whitespace.lo-s5-nolabels.pdf');
    const flags = d.records.flatMap((r) =>
      r.review.filter((x) => x.code === 'PAGE_BREAK').map((x) => ({ id: r.id, field: x.field, page: /foot of page (\d+)/.exec(x.message)?.[1] })),
    );
    expect(flags).toEqual([{ id: '5', field: 'response', page: '1' }]);
  });
});
