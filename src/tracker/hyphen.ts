/**
 * Line-end hyphens: kept where the word really has one ("cyber-crime", "2016-17"), removed
 * where automatic hyphenation added it ("recommen-dation"). Nothing in the PDF marks the
 * difference (fixtures/README.md rule 4), so the decision uses, in order: the producer (only
 * hyphenating producers such as TeX add hyphens), digits and capitals, the document's own
 * spelling of the word elsewhere, and a word list.
 */
import type { HyphenDecider } from './text.ts';

/** Producers that hyphenate automatically (pdfTeX, XeTeX, LuaTeX write "TeX" in Producer/Creator). */
export const HYPHENATING_PRODUCER = /tex\b|tex-|latex|context/i;

/**
 * Build the decider for one document.
 * @param autoHyphenation true when the producer hyphenates (see HYPHENATING_PRODUCER).
 * @param documentText every text item's text, to learn the document's own spellings.
 * @param isWord a word list lookup (lower case), or undefined when none is available.
 */
export function makeHyphenDecider(autoHyphenation: boolean, documentText: string[], isWord?: (word: string) => boolean): HyphenDecider {
  if (!autoHyphenation) return () => true;
  const hyphenated = new Set<string>();
  const plain = new Set<string>();
  for (const t of documentText) {
    for (const raw of t.split(/\s+/)) {
      const w = raw.toLowerCase().replace(/^[^\p{L}\d]+|[^\p{L}\d]+$/gu, '');
      if (!w) continue;
      if (/\p{L}-\p{L}/u.test(w)) hyphenated.add(w);
      else plain.add(w);
    }
  }
  return (left, right) => {
    if (/\d$/.test(left) || /^[\d\p{Lu}]/u.test(right)) return true;
    const l = left.toLowerCase().replace(/^[^\p{L}\d]+/u, '');
    // Only the letters of the right part: "tient’s" → "tient", "ber," → "ber".
    const r = (/^\p{L}+/u.exec(right.toLowerCase()) ?? [''])[0];
    if (!l || !r) return true;
    if (hyphenated.has(`${l}-${r}`)) return true;
    if (plain.has(l + r)) return false;
    if (!isWord) return false;
    // The joined form is a word: hyphenation ("recommen-dation"). Neither side a word: both
    // are fragments ("Octo-ber"). Otherwise a compound keeps its hyphen ("in-reach", "long-term").
    // "Both sides are words" alone proves nothing: the list holds "ing", "ment", "able".
    if (isWord(l + r)) return false;
    return isWord(l) || isWord(r);
  };
}
