/**
 * The English word list used to undo automatic hyphenation (src/tracker/hyphen.ts), from the
 * `word-list` package (274,137 words, SCOWL-based, one per line, sorted). Loaded once per
 * process (per worker thread), on first need: only documents from hyphenating producers ask.
 *
 * Kept compact for bulk runs: the file as one string plus an Int32Array of line starts
 * (≈ 4 MB) and a binary search, instead of a Set of 274k strings (≈ 30 MB per worker).
 */
import { readFile } from 'node:fs/promises';
import wordListPath from 'word-list';

let cached: Promise<(word: string) => boolean> | null = null;

/**
 * Build a lookup over a newline-separated word list. The list is sorted here when it is not
 * in code-unit order already (word-list 4.1.0 has two pairs out of order, e.g. "manlily" before
 * "manlihood"). Exported for tests.
 */
export function sortedListLookup(list: string): (word: string) => boolean {
  let text = list.replace(/\r?\n$/, '');
  const words = text.split('\n');
  if (words.some((w, k) => k > 0 && words[k - 1] > w)) text = words.sort().join('\n');
  const starts: number[] = [0];
  for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) starts.push(i + 1);
  const offsets = Int32Array.from(starts);
  const wordAt = (k: number) => {
    const end = k + 1 < offsets.length ? offsets[k + 1] - 1 : text.length;
    return text.slice(offsets[k], end);
  };
  return (word: string) => {
    let lo = 0, hi = offsets.length - 1;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      const w = wordAt(mid);
      if (w === word) return true;
      if (w < word) lo = mid + 1;
      else hi = mid - 1;
    }
    return false;
  };
}

/** Resolve to a lookup `isWord(lowercaseWord)`. */
export function loadDictionary(): Promise<(word: string) => boolean> {
  cached ??= readFile(wordListPath, 'utf8').then(sortedListLookup);
  return cached;
}
