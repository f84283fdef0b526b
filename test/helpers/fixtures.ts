/** Test helpers: fixture paths and the truth files' format (fixtures/README.md). */
import { readFileSync, readdirSync } from 'node:fs';
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
  records: Array<{ id: string; label: string; recommendation: string; response: string; progress: string; rag: 'red' | 'amber' | 'green' | null; table?: number }>;
}

/** Every fixture PDF with a truth file: [pdf path, truth]. */
export function fixturesWithTruth(): Array<{ name: string; pdf: string; truth: Truth }> {
  return readdirSync(FIXTURES)
    .filter((f) => f.endsWith('.truth.json'))
    .sort()
    .map((f) => {
      const truth = JSON.parse(readFileSync(path.join(FIXTURES, f), 'utf8')) as Truth;
      return { name: f.replace(/\.truth\.json$/, ''), pdf: path.join(FIXTURES, f.replace(/\.truth\.json$/, '.pdf')), truth };
    });
}

export function readBytes(p: string): Uint8Array {
  return new Uint8Array(readFileSync(p));
}
