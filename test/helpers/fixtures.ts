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
  columns: string[];
  tables: Array<{ heading: string | null; columns: string[] }>;
  records: Array<{ id: string; label: string; recommendation: string; response: string; progress: string; rag: 'red' | 'amber' | 'green' | null; table?: number }>;
}

/** The page-break sweep: fixtures/sweep/NAME.pdf with NAME.truth.json (tools/corpus/sweep.py). */
export const SWEEP = path.join(FIXTURES, 'sweep');

/**
 * Every fixture PDF with a truth file: [pdf path, truth]. The corpus (fixtures/*) sorted
 * by name, then the page-break sweep (fixtures/sweep/*, names prefixed "sweep/") sorted by
 * name, unless `sweep` is false.
 */
export function fixturesWithTruth({ sweep = true }: { sweep?: boolean } = {}): Array<{ name: string; pdf: string; truth: Truth }> {
  const inFolder = (dir: string, prefix: string) =>
    readdirSync(dir)
      .filter((f) => f.endsWith('.truth.json'))
      .sort()
      .map((f) => {
        const truth = JSON.parse(readFileSync(path.join(dir, f), 'utf8')) as Truth;
        return { name: prefix + f.replace(/\.truth\.json$/, ''), pdf: path.join(dir, f.replace(/\.truth\.json$/, '.pdf')), truth };
      });
  return [...inFolder(FIXTURES, ''), ...(sweep && existsSync(SWEEP) ? inFolder(SWEEP, 'sweep/') : [])];
}

export function readBytes(p: string): Uint8Array {
  return new Uint8Array(readFileSync(p));
}
