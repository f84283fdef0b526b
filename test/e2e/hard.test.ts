/**
 * Issue #7's hard cases (fixtures/hard/README.md): what the exact fixture test
 * (fixtures.test.ts) does not look at. From each truth file:
 * - `expectError`: extraction fails with that code; `expectWarning` then names what the
 *   message must say (TEXT_UNRELIABLE: the code or the word "unreliable");
 * - `expectWarning`: the document carries a warning with that code;
 * - `hiddenChars`: a HIDDEN_TEXT warning for each record id, with its page and its count of
 *   dropped characters in the message (never the hidden words);
 * - records' `rag` exactly, null included (a colour that maps to no status stays null);
 * - records' `ragSource` and `extra` (other columns of a council layout) where the truth has them.
 */
import { describe, it, expect } from 'vitest';
import { extractTracker, TrackerError } from '../../src/index.ts';
import { loadDictionary } from '../../src/node/dictionary.ts';
import { fixturesWithTruth, readBytes } from '../helpers/fixtures.ts';

const hard = fixturesWithTruth({ withErrors: true }).filter((f) => f.name.startsWith('hard/'));

describe('hard cases (issue #7)', () => {
  it('has the hard fixtures', () => {
    expect(hard.length).toBeGreaterThanOrEqual(30);
  });

  for (const { name, pdf, truth } of hard.filter((f) => f.truth.expectError)) {
    it(`${name}: fails with ${truth.expectError}`, async () => {
      const err = await extractTracker(readBytes(pdf), { fileName: truth.source, dictionary: loadDictionary }).then(
        () => null,
        (e: unknown) => e,
      );
      expect(err).toBeInstanceOf(TrackerError);
      expect((err as TrackerError).code).toBe(truth.expectError);
      if (truth.expectWarning === 'TEXT_UNRELIABLE') expect((err as TrackerError).message).toMatch(/TEXT_UNRELIABLE|unreliable/i);
    });
  }

  const checked = hard.filter(
    (f) => !f.truth.expectError && (f.truth.expectWarning || f.truth.hiddenChars || f.truth.records.some((r) => r.extra || r.ragSource || r.rag === null)),
  );
  for (const { name, pdf, truth } of checked) {
    it(`${name}: warnings, RAG source and extra columns`, async () => {
      const { document } = await extractTracker(readBytes(pdf), { fileName: truth.source, dictionary: loadDictionary });
      const codes = document.warnings.map((w) => w.code);
      if (truth.expectWarning) expect(codes).toContain(truth.expectWarning);
      for (const [id, chars] of Object.entries(truth.hiddenChars ?? {})) {
        const w = document.warnings.find((x) => x.code === 'HIDDEN_TEXT' && x.recordId === id);
        expect(w, `HIDDEN_TEXT for record ${id}`).toBeDefined();
        expect(w!.page).toBeGreaterThan(0);
        expect(w!.message).toMatch(new RegExp(`\\b${chars}\\b`));
      }
      const byId = new Map(document.records.map((r) => [r.id, r]));
      for (const t of truth.records) {
        const r = byId.get(t.id);
        expect(r, `record ${t.id}`).toBeDefined();
        expect({ id: t.id, rag: r!.rag }).toEqual({ id: t.id, rag: t.rag });
        if (t.ragSource) expect({ id: t.id, ragSource: r!.ragSource }).toEqual({ id: t.id, ragSource: t.ragSource });
        if (t.extra) expect({ id: t.id, extra: r!.extra }).toEqual({ id: t.id, extra: t.extra });
      }
    });
  }
});
