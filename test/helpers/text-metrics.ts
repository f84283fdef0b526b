/**
 * How close extracted text is to the truth, for OCR'd fixtures (issue #11's targets): the
 * share of the truth's words found in order, and a character similarity per cell.
 */

/** Levenshtein distance between two strings (characters, unit costs). */
export function levenshtein(a: string, b: string): number {
  if (a === b) return 0;
  const x = [...a],
    y = [...b];
  let prev = Array.from({ length: y.length + 1 }, (_, j) => j);
  for (let i = 1; i <= x.length; i++) {
    const cur = [i];
    for (let j = 1; j <= y.length; j++) cur[j] = Math.min(prev[j]! + 1, cur[j - 1]! + 1, prev[j - 1]! + (x[i - 1] === y[j - 1] ? 0 : 1));
    prev = cur;
  }
  return prev[y.length]!;
}

/** 1 − edit distance / longer length: 1 for equal texts, 0.98 for 2 edits per 100 characters. */
export function cellSimilarity(truth: string, got: string): number {
  const n = Math.max([...truth].length, [...got].length);
  return n ? 1 - levenshtein(truth, got) / n : 1;
}

/** Words (split at white space, punctuation kept) of `truth` found in `got` in order (longest common subsequence). */
export function wordsRight(truth: string, got: string): { right: number; total: number } {
  const a = truth.split(/\s+/).filter(Boolean),
    b = got.split(/\s+/).filter(Boolean);
  let prev = new Array<number>(b.length + 1).fill(0);
  for (let i = 1; i <= a.length; i++) {
    const cur = [0];
    for (let j = 1; j <= b.length; j++) cur[j] = a[i - 1] === b[j - 1] ? prev[j - 1]! + 1 : Math.max(prev[j]!, cur[j - 1]!);
    prev = cur;
  }
  return { right: prev[b.length]!, total: a.length };
}
