/**
 * Review flags (issue #7 "Never silent") on real PDFs: what a person is told to check, and
 * what they are not bothered with.
 */
import { describe, it, expect } from 'vitest';
import { extractTracker } from '../../src/index.ts';
import { loadDictionary } from '../../src/node/dictionary.ts';
import { FIXTURES, readBytes } from '../helpers/fixtures.ts';
import path from 'node:path';
import { readFileSync } from 'node:fs';

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

  it('a paragraph break no spacing can show (a document that never spaces paragraphs) flags its cell: PARAGRAPH_GUESS', async () => {
    const d = await extract('heldout/housing-delivery-running-heads.lo-h5-labels.pdf');
    const flagged = d.records.filter((r) => r.review.some((x) => x.code === 'PARAGRAPH_GUESS'));
    expect(flagged.length).toBeGreaterThan(0);
    // A document that spaces its paragraphs is sure of its same-step breaks: no such flag.
    const spaced = await extract('online-crime-tracker.pdf');
    expect(spaced.records.flatMap((r) => r.review).map((x) => x.code)).not.toContain('PARAGRAPH_GUESS');
  });

  it('rows of an unruled table the layout cannot separate are flagged ROWS_MERGED', async () => {
    const d = await extract('heldout/markets-label-band-no-rules.latex-h2-nolabels.pdf');
    expect(d.records[0]!.review.map((x) => x.code)).toContain('ROWS_MERGED');
  });

  it('text that reached no part of the document is quoted in TEXT_LEFT_OUT; none on a clean file', async () => {
    const clean = await extract('online-crime-tracker.pdf');
    expect(clean.warnings.map((w) => w.code)).not.toContain('TEXT_LEFT_OUT');
  });
});

describe('held-out kinds fixed (fixtures/heldout, issue #7)', () => {
  const truth = (name: string) =>
    JSON.parse(readFileSync(path.join(FIXTURES, 'heldout', name.replace(/\.pdf$/, '.truth.json')), 'utf8')) as { records: Array<Record<string, unknown>> };
  const cellsOf = (r: Record<string, unknown>) => ({ id: r.id, recommendation: r.recommendation, response: r.response, progress: r.progress });
  for (const name of [
    'adult-social-care-no-labels.lo-h7-nolabels.pdf', // running-text fragments inside rows
    'health-inequalities-xltabular-palatino.lo-h1-labels.pdf', // a number column's "4" at a page foot
    'housing-delivery-running-heads.latex-h4-labels.pdf', // "Recommendation No. N:" labels
    'water-label-band-rows.lo-h8-labels.pdf', // "Recommendation no. N" band rows
    'housing-delivery-running-heads.lo-h1-labels.pdf', // a wrapped repeated header
    'policing-number-column-footnotes.chromium-h5-labels.pdf', // "No. Recommendation" in one run
    'planning-enforcement-word-symbol-bullets.chromium-h8-labels.pdf', // ring list markers
    'bus-network-number-column-middle.chromium-h8-labels.pdf', // number column "R1"
    'stop-and-search-soft-hyphens.lo-h3-nolabels.pdf', // a soft hyphen between two words
  ]) {
    it(`${name}: every record's id and three cells exact`, async () => {
      const d = await extract(`heldout/${name}`);
      expect(d.records.map((r) => cellsOf(r as unknown as Record<string, unknown>))).toEqual(truth(name).records.map(cellsOf));
    });
  }
  it('a label "2)" keeps its parenthesis (the label as printed, without a colon or full stop)', async () => {
    const name = 'adult-social-care-no-labels.docx-h4-labels.pdf';
    const d = await extract(`heldout/${name}`);
    expect(d.records.map((r) => r.label)).toEqual(truth(name).records.map((r) => r.label));
  });

  it('a wrapped table heading keeps both lines', async () => {
    const d = await extract('heldout/transport-two-tables-dash-bullets.docx-h8-labels.pdf');
    expect(d.tables[0]!.heading).toBe('Recommendations from “Mind the Step” (November 2022)');
  });
});
