/**
 * How alike two texts are, for matching a recommendation across two versions of a tracker
 * when its number changed (issue #10). Pure.
 */

/** Lower-case words (letters and digits), soft hyphens and punctuation dropped. */
export function words(text: string): string[] {
  return text
    .normalize('NFKC')
    .toLowerCase()
    .replace(/\u00ad/g, '')
    .split(/[^\p{L}\p{N}]+/u)
    .filter(Boolean);
}

/**
 * The Sørensen–Dice coefficient of the two texts' word multisets: 1 for the same words, 0 for
 * none in common. Word order is ignored (an edited sentence keeps most of its words).
 */
export function similarity(a: string, b: string): number {
  const wa = words(a);
  const wb = words(b);
  if (!wa.length && !wb.length) return 1;
  if (!wa.length || !wb.length) return 0;
  const count = new Map<string, number>();
  for (const w of wa) count.set(w, (count.get(w) ?? 0) + 1);
  let common = 0;
  for (const w of wb) {
    const n = count.get(w) ?? 0;
    if (n > 0) {
      common++;
      count.set(w, n - 1);
    }
  }
  return (2 * common) / (wa.length + wb.length);
}
