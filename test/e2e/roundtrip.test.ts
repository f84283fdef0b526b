/**
 * Round trips (issue #2): records → CSV → records, and records → report PDF → extract →
 * records, on every fixture. The report is tested by reading it back, never by bytes.
 */
import { describe, it, expect, beforeAll } from 'vitest';
import { extractTracker, writeReport, type TrackerDocument } from '../../src/index.ts';
import { documentsToCsv, parseRecordsCsv } from '../../src/write/csv.ts';
import { loadReportFonts } from '../../src/node/fonts.ts';
import { loadDictionary } from '../../src/node/dictionary.ts';
import { fixturesWithTruth, readBytes } from '../helpers/fixtures.ts';
import type { ReportFonts } from '../../src/write/report/index.ts';
import { columnHeadings } from '../../src/write/report/layout.ts';

// The report prints the label, or the id where a record has none (issue #10), so an unlabelled
// record comes back labelled with its id.
const fields = (d: TrackerDocument) =>
  d.records.map(({ id, label, recommendation, response, progress, rag, table }) => ({ id, label: label || id, recommendation, response, progress, rag, table }));

describe('round trips', () => {
  let fonts: ReportFonts;
  const reported = new Set<string>();
  beforeAll(async () => {
    fonts = await loadReportFonts();
  });

  for (const { name, pdf, truth } of fixturesWithTruth()) {
    it(`${name}: records → CSV → records, and → report PDF → extract → records`, async () => {
      const { document } = await extractTracker(readBytes(pdf), { fileName: truth.source, dictionary: loadDictionary });

      const [fromCsv] = parseRecordsCsv(documentsToCsv([document]));
      expect(fromCsv!.title).toBe(document.title);
      expect(fromCsv!.committee).toBe(document.committee);
      // The CSV keeps review codes, not their sentences (README, CSV format).
      const codesOnly = (r: TrackerDocument['records'][number]) => ({ ...r, review: r.review.map(({ code }) => code) });
      expect(fromCsv!.records.map(codesOnly)).toEqual(document.records.map(({ cells: _c, ...r }) => codesOnly(r)));

      // The report depends on the records only, not on the source's layout: the sweep's
      // re-renders of one plan make one report, so it is read back once (keeps npm test short).
      const key = JSON.stringify([document.title, document.committee, document.tables.map((t) => [t.heading, t.columns]), fields(document)]);
      if (reported.has(key)) return;
      reported.add(key);
      const report = await writeReport(document, { fonts });
      const back = (await extractTracker(report, { fileName: 'report.pdf', dictionary: loadDictionary })).document;
      // The report's own furniture (brand, date, summary line, chart labels, the fallback
      // title of a document without one) never becomes content (issue #14).
      expect(back.title).toBe(document.title);
      expect(back.intro).toBe('');
      expect(back.committee).toBe(document.committee);
      // The source's own column headings, and our RAG column.
      expect(back.columns).toEqual([...columnHeadings(document, 1).slice(0, 3), 'RAG']);
      // The report prints each table under its heading and shows RAG in its own column.
      expect(fields(back)).toEqual(fields(document));
      expect(back.tables.map((t) => t.heading)).toEqual(document.tables.map((t) => t.heading));
      for (const r of back.records) if (r.rag) expect(r.ragSource).toBe('column');
    });
  }
});
