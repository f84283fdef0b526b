/** Test helpers: fixture paths and the truth files' format (fixtures/README.md). */
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';

export const ROOT = path.resolve(import.meta.dirname, '../..');
export const FIXTURES = path.join(ROOT, 'fixtures');

export interface Truth {
  source: string;
  producer: string;
  title: string;
  committee: string;
  /** The text before the first table and after the last (absent in the hand-made cases). */
  intro?: string;
  closing?: string;
  columns: string[];
  /** Absent in the hand-made cases: one table with `columns` and no heading. */
  tables?: Array<{ heading: string | null; columns: string[] }>;
  records: Array<{
    id: string;
    label: string;
    recommendation: string;
    response: string;
    progress: string;
    rag: 'red' | 'amber' | 'green' | 'blue' | null;
    table?: number;
    /** fixtures/hard: other columns (heading → text) and where the RAG must come from. */
    extra?: Record<string, string>;
    ragSource?: 'fill' | 'column' | 'ink' | 'text';
  }>;
  /** fixtures/hard (README there): hidden characters dropped per record id, expected warning/error codes. */
  hiddenChars?: Record<string, number>;
  expectWarning?: string;
  expectError?: string;
}

/** Folders of fixtures/ with truth files; a fixture in a subfolder is named "<folder>/<name>". */
export const TRUTH_DIRS = ['', 'hard', 'sweep'];

/** Scans read with OCR (issue #11): truth files too, but scored and tested apart (test/ocr/). */
export const SCANNED_DIRS = ['scanned'];

/**
/**
 * Every fixture PDF with a truth file: [pdf path, truth], folder by folder (the corpus, the hard
 * cases of fixtures/hard, the page-break sweep of fixtures/sweep, made by tools/corpus/sweep.py),
 * sorted by name in each. Fixtures whose truth expects an error (`expectError`) are left out
 * unless `withErrors`: test/e2e/hard.test.ts checks those. `sweep: false` leaves the sweep out.
 * @param options.dirs the folders to look in (default TRUTH_DIRS; SCANNED_DIRS for the OCR'd ones).
 */
export function fixturesWithTruth(options: { withErrors?: boolean; sweep?: boolean; dirs?: readonly string[] } = {}): Array<{ name: string; pdf: string; truth: Truth }> {
  return (options.dirs ?? TRUTH_DIRS)
    .filter((dir) => dir !== 'sweep' || options.sweep !== false)
    .filter((dir) => existsSync(path.join(FIXTURES, dir)))
    .flatMap((dir) =>
      readdirSync(path.join(FIXTURES, dir))
        .filter((f) => f.endsWith('.truth.json'))
        .sort()
        .map((f) => {
          const truth = JSON.parse(readFileSync(path.join(FIXTURES, dir, f), 'utf8')) as Truth;
          const name = path.posix.join(dir, f.replace(/\.truth\.json$/, ''));
          return { name, pdf: path.join(FIXTURES, dir, f.replace(/\.truth\.json$/, '.pdf')), truth };
        }),
    )
    .filter((f) => options.withErrors || f.truth.expectError === undefined);
}

export function readBytes(p: string): Uint8Array {
  return new Uint8Array(readFileSync(p));
}
