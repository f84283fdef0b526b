/**
 * compareTrackers (issue #10) on real producer output: each fixtures/compare/*.v2.pdf is a
 * later version of a corpus fixture (tools/corpus/build_compare.py: RAG moved, text updated,
 * one dropped, one added; numbering shifted in one, a number reused in the other), compared
 * with the original after extracting both; the expected result is NAME.v2.changes.json.
 * Plus matching and diff rules on small data, and the changes report read back.
 */
import { describe, it, expect, beforeAll } from 'vitest';
import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import * as pdfjs from 'pdfjs-dist/legacy/build/pdf.mjs';
import { compareTrackers, matchRecords, wordDiff, similarity, summarize } from '../../src/compare/index.ts';
import { extractTracker } from '../../src/pipeline.ts';
import { loadDictionary } from '../../src/node/dictionary.ts';
import { loadReportFonts } from '../../src/node/fonts.ts';
import { renderChangesReport } from '../../src/write/report/index.ts';
import { changesToCsv, CHANGES_COLUMNS } from '../../src/write/csv.ts';
import { FIXTURES, readBytes, type Truth } from '../helpers/fixtures.ts';
import type { TrackerDocument, TrackerRecord } from '../../src/schema.ts';

const DIR = path.join(FIXTURES, 'compare');
const cases = readdirSync(DIR)
  .filter((f) => f.endsWith('.changes.json'))
  .sort()
  .map((f) => ({
    name: f.replace(/\.changes\.json$/, ''),
    expected: JSON.parse(readFileSync(path.join(DIR, f), 'utf8')) as {
      old: string;
      new: string;
      changes: Array<{ status: string; oldId: string | null; newId: string | null; ragFrom: string | null; ragTo: string | null; fields: string[] }>;
    },
  }));

async function extract(file: string, name: string): Promise<TrackerDocument> {
  return (await extractTracker(readBytes(file), { fileName: name, dictionary: loadDictionary })).document;
}

function record(id: string, recommendation: string, fields: Partial<TrackerRecord> = {}): TrackerRecord {
  return { id, label: `Recommendation ${id}`, recommendation, response: 'Agreed.', progress: 'Done.', rag: 'green', ragSource: 'fill', table: 1, pages: [], review: [], ...fields };
}
function doc(records: TrackerRecord[], file = 'a.pdf'): TrackerDocument {
  return { schemaVersion: 2, source: { file, pages: 1, sha256: '' }, title: 'T', committee: 'C', intro: '', closing: '', columns: [], tables: [], records, warnings: [] };
}

describe('compare fixtures (two producers)', () => {
  it('there are later versions of at least two fixtures, from two producers', () => {
    expect(cases.length).toBeGreaterThanOrEqual(2);
    const producers = cases.map((c) => (JSON.parse(readFileSync(path.join(DIR, `${c.name}.truth.json`), 'utf8')) as Truth).producer);
    expect(new Set(producers).size).toBeGreaterThanOrEqual(2);
  });

  for (const { name, expected } of cases) {
    it(`${name}: extracts exactly, and compare finds every move, update, addition and removal`, async () => {
      const truth = JSON.parse(readFileSync(path.join(DIR, `${name}.truth.json`), 'utf8')) as Truth;
      const after = await extract(path.join(DIR, `${name}.pdf`), truth.source);
      expect(after.records.map((r) => ({ id: r.id, label: r.label, recommendation: r.recommendation, response: r.response, progress: r.progress, rag: r.rag }))).toEqual(
        truth.records.map((r) => ({ id: r.id, label: r.label, recommendation: r.recommendation, response: r.response, progress: r.progress, rag: r.rag })),
      );
      const before = await extract(path.join(FIXTURES, expected.old), expected.old);
      const cmp = compareTrackers(before, after, { since: 'the last meeting' });
      const got = cmp.changes.map((c) => ({ status: c.status, oldId: c.oldId, newId: c.newId, ragFrom: c.ragFrom, ragTo: c.ragTo, fields: c.fields }));
      const key = (c: { oldId: string | null; newId: string | null }) => `${c.oldId}>${c.newId}`;
      expect([...got].sort((a, b) => key(a).localeCompare(key(b)))).toEqual([...expected.changes].sort((a, b) => key(a).localeCompare(key(b))));
      const n = (s: string) => expected.changes.filter((c) => c.status === s).length;
      expect(cmp.summary).toMatchObject({ moved: n('moved'), updated: n('updated'), added: n('added'), removed: n('removed'), unchanged: n('unchanged') });
      expect(cmp.summaryText).toMatch(/^Since the last meeting: \d+ moved to /);
    });
  }
});

describe('matching', () => {
  it('pairs by id; a reused number with a different recommendation is removed + added', () => {
    const before = [record('1', 'Publish the annual housing figures every quarter.'), record('2', 'Fund repairs to council homes in every borough.')];
    const after = [record('1', 'Publish the annual housing figures every quarter, online.'), record('2', 'Create a new register of private landlords in London.')];
    expect(matchRecords(before, after).map((p) => [p.old, p.new, p.by])).toEqual([[0, 0, 'id']]);
    const cmp = compareTrackers(doc(before), doc(after));
    expect(cmp.changes.map((c) => [c.status, c.oldId, c.newId])).toEqual([
      ['updated', '1', '1'],
      ['removed', '2', null], // after its old predecessor
      ['added', null, '2'],
    ]);
  });

  it('renumbered recommendations are matched by their text', () => {
    const before = [
      record('1', 'Publish the annual housing figures every quarter.'),
      record('2', 'Dropped recommendation about buses.'),
      record('3', 'Fund repairs to council homes in every borough.', { rag: 'amber' }),
    ];
    const after = [record('1', 'Publish the annual housing figures every quarter.'), record('2', 'Fund repairs to council homes in every borough.', { rag: 'green' })];
    const cmp = compareTrackers(doc(before), doc(after), { since: 'March' });
    expect(cmp.changes.map((c) => [c.status, c.oldId, c.newId, c.matchedBy])).toEqual([
      ['unchanged', '1', '1', 'id'],
      ['removed', '2', null, null],
      ['moved', '3', '2', 'text'],
    ]);
    expect(cmp.summaryText).toBe('Since March: 1 moved to green, 1 removed, 1 unchanged.');
  });

  it('pairs by label when the ids differ (ids by position, labels kept)', () => {
    const before = [record('1', 'Alpha beta gamma delta.', { label: 'R7' })];
    const after = [record('4', 'Alpha beta gamma delta epsilon.', { label: 'R7' })];
    expect(matchRecords(before, after)).toMatchObject([{ old: 0, new: 0, by: 'label' }]);
  });

  it('whitespace and soft hyphens are not changes', () => {
    const cmp = compareTrackers(doc([record('1', 'dis\u00adpro\u00adpor\u00adtion\u00adal  use\nof force')]), doc([record('1', 'disproportional use of force')]));
    expect(cmp.changes[0]!.status).toBe('unchanged');
  });

  it('similarity and summary wording', () => {
    expect(similarity('The Mayor should act.', 'the mayor SHOULD act')).toBe(1);
    expect(similarity('a b', 'c d')).toBe(0);
    expect(summarize('2024-03', { moved: 4, movedTo: { green: 3, red: 1, amber: 0, blue: 0, none: 0 }, updated: 0, added: 2, removed: 0, unchanged: 0 })).toBe(
      'Since 2024-03: 3 moved to green, 1 to red, 2 new.',
    );
  });

  it('word diff: the same and added runs give the new text, the same and removed runs the old (up to whitespace)', () => {
    const a = 'Some progress, but no revised forecast has been published.';
    const b = 'Implemented. The revised forecast was published in March 2025.';
    const d = wordDiff(a, b);
    const squash = (t: string) => t.replace(/\s+/g, '');
    expect(
      squash(
        d
          .filter((s) => s.op !== 'removed')
          .map((s) => s.text)
          .join(''),
      ),
    ).toBe(squash(b));
    expect(
      squash(
        d
          .filter((s) => s.op !== 'added')
          .map((s) => s.text)
          .join(''),
      ),
    ).toBe(squash(a));
    expect(d.some((s) => s.op === 'same' && s.text.includes('revised forecast'))).toBe(true);
  });
});

describe('changes outputs', () => {
  let fonts: Awaited<ReturnType<typeof loadReportFonts>>;
  beforeAll(async () => {
    fonts = await loadReportFonts();
  });

  const before = doc([record('1', 'Publish figures.', { rag: 'amber', progress: 'Some progress, but no forecast.' }), record('2', 'Dropped one.', { rag: 'red' })], 'march.pdf');
  const after = doc(
    [record('1', 'Publish figures.', { rag: 'green', progress: 'Implemented. The forecast was published.' }), record('3', 'A new one.', { rag: 'amber' })],
    'june.pdf',
  );

  it('changes.csv: one row per recommendation, old text where it changed', () => {
    const csv = changesToCsv(compareTrackers(before, after).changes);
    const lines = csv
      .replace(/^\uFEFF/, '')
      .trim()
      .split('\r\n');
    expect(lines[0]).toBe(CHANGES_COLUMNS.join(','));
    expect(lines[1]).toBe(
      'moved,1,1,Recommendation 1,id,amber,green,progress,Publish figures.,Agreed.,Implemented. The forecast was published.,,,"Some progress, but no forecast."',
    );
    expect(lines.slice(2).map((l) => l.split(',')[0])).toEqual(['removed', 'added']);
  });

  it('changes.pdf: tagged (H1, Sect, H2, H3, P), the summary first, diffs read out as [inserted: …] / [deleted: …]', async () => {
    const { pdf } = await renderChangesReport(compareTrackers(before, after, { since: 'March' }), { fonts, generatedAt: new Date('2026-06-01T00:00:00Z') });
    const task = pdfjs.getDocument({ data: pdf.slice() });
    try {
      const d = await task.promise;
      const page = await d.getPage(1);
      const strs = (await page.getTextContent()).items.map((i) => ('str' in i ? i.str : ''));
      expect(strs).toContain('Since March: 1 moved to green, 1 new, 1 removed.');
      expect(strs).toContain('Recommendation 1: Amber → Green');
      type Node = { role?: string; alt?: string; children?: Node[] };
      const tree = (await page.getStructTree()) as Node;
      const all: Node[] = [];
      const walk = (n: Node) => {
        all.push(n);
        (n.children ?? []).forEach(walk);
      };
      walk(tree);
      const roles = new Set(all.map((n) => n.role));
      for (const r of ['Document', 'H1', 'Sect', 'H2', 'H3', 'P', 'Table']) expect(roles.has(r), r).toBe(true);
      expect(all.map((n) => n.alt).filter(Boolean)).toContain('[deleted: Some progress, but no] [inserted: Implemented. The] forecast [inserted: was published].');
    } finally {
      await task.destroy();
    }
  });
});
