/**
 * Line-end hyphens: kept where the word really has one ("cyber-crime", "2016-17"), removed
 * where automatic hyphenation added it ("recommen-dation", "Bar-clays", "FAL-CON"). Nothing in
 * the PDF marks the difference (fixtures/README.md rule 4). Only hyphenating producers (TeX)
 * add hyphens; for them the decision uses evidence, in this order (issue #7):
 *
 * 1. the document itself: the same word written elsewhere with or without its hyphen, or the
 *    same first part written as a hyphenated compound elsewhere ("cyber-crime" → "cyber-criminals");
 * 2. TeX's hyphenation patterns (the `hyphen` package, en-us and en-gb, as LaTeX's babel loads
 *    them; \lefthyphenmin 2, \righthyphenmin 3): where the patterns allow no break at that point,
 *    TeX could not have put a hyphen there, so the author did ("co-designed": TeX breaks
 *    "code-signed");
 * 3. the word list, case folded: the joined form is a word and a part is not → hyphenation
 *    ("recommen-dation", "De-cember"); neither part is a word → hyphenation of an unknown word.
 *
 * What none of these decides (both parts are words: "well-being" / "wellbeing", "Bar-clays") is
 * a guess, and the record says so (`review` HYPHEN_GUESS).
 */

/** How a hyphen was decided. */
export type HyphenEvidence = 'producer' | 'digits' | 'document' | 'patterns' | 'dictionary' | 'guess';
// 'digits' covers the orthographic rules: digits on either side, a capital after the break.

/** A decision: keep the hyphen or join the parts, and on what evidence. */
export interface HyphenDecision {
  keep: boolean;
  evidence: HyphenEvidence;
}

/** Decides whether a hyphen at a line end belongs to the word ("cyber-crime") or to hyphenation ("recommen-dation"). */
export type HyphenDecider = (left: string, right: string) => HyphenDecision;

/** Producers that hyphenate automatically (pdfTeX, XeTeX, LuaTeX write "TeX" in Producer/Creator). */
export const HYPHENATING_PRODUCER = /tex\b|tex-|latex|context/i;

/**
 * A word list lookup (lower case, case folded): true for a word. `size`, when given, is the
 * word's SCOWL size — 10 for the most common words up to 70 — and Infinity for none.
 */
export type WordLookup = ((word: string) => boolean) & { size?: (word: string) => number };

/** SCOWL size up to which a word is common English (SCOWL's own "size 35": everyday words). */
const COMMON_SIZE = 35;

/**
 * Compounds that British English writes both closed and hyphenated, where a common joined word
 * proves nothing: co- and a vowel (co-operate, co-ordinate), re-/pre-/de- before e (re-enter,
 * pre-empt), anti-/semi- before i, and well-/e- forms (well-being, e-mail).
 */
function hyphenatedVariant(left: string, right: string): boolean {
  return (
    (left === 'co' && /^[aeiou]/.test(right)) ||
    (['re', 'pre', 'de'].includes(left) && right.startsWith('e')) ||
    (['anti', 'semi'].includes(left) && right.startsWith('i')) ||
    left === 'well' ||
    left === 'e'
  );
}

/** Break points allowed by TeX's patterns for a word: the set of prefix lengths where it may break. */
export type Hyphenator = (word: string) => Set<number>;

/** Words that also work as compounding prefixes: a hyphen after them is often the author's, even where the joined word is common ("anti-social"). */
const COMPOUND_PREFIX =
  /^(?:anti|semi|non|self|cross|multi|pro|post|pre|sub|super|inter|intra|co|re|well|over|under|out|counter|mid|ex|vice|pan|neo|macro|micro|mini|by|off|up|down|after|back|fore|half|long|short|high|low|full|part|top)$/;

/** Suffixes that make a word of the part before them ("ing", "ment"): after a break they are no compound's second word. */
const SUFFIX =
  /^(?:ing|ings|ed|er|ers|est|es|ly|ment|ments|ness|tion|tions|sion|sions|able|ible|al|als|ally|ance|ances|ence|ences|ency|ity|ities|ive|ives|ous|ise|ised|ises|ize|ized|izes|ful|less|ship|ships|age|ages|ure|ures|ism|isms|ist|ists|ian|ians|ial|ic|ical|ant|ants|ent|ents|ery|ory|ary|ies|ied|ier|iest|ily|ish|ward|wards)$/;

/**
 * Second words that make compounds after a name or noun ("London-wide", "council-led",
 * "GLA-funded"); TeX's patterns may still break a name before them, so the word decides.
 * Source: the sweep's London-wide case (fixtures/sweep/parks-rag-dot-column.latex-s4-labels).
 */
const COMBINING = /^(?:wide|led|based|funded|owned|run|level|specific|related|focused|scale|friendly|free|style)$/;

/** Prefixes that are no compound's first word ("dis-proportionality", "mis-reading"). */
const BOUND_PREFIX = /^(?:dis|mis|un|im|ir|il|en|em|non)$/;

/**
 * A word of the list, or one it knows with a suffix added ("disproportionality" from
 * "disproportional" + "ity", "recommendations" from "recommendation" + "s"): the list holds
 * few derived forms.
 */
function knownWord(isWord: WordLookup, w: string): boolean {
  if (isWord(w)) return true;
  const m = /^(.{5,}?)(ity|ities|ness|ly|ally|ation|ations|s|es|ed|ing|er|ers|ment|ments|al)$/.exec(w);
  return m !== null && (isWord(m[1]!) || isWord(`${m[1]}e`));
}

/** TeX's minimum letters before and after a break for English (babel's \lefthyphenmin, \righthyphenmin). */
const LEFT_MIN = 2;
const RIGHT_MIN = 3;

/**
 * Load TeX's English hyphenation patterns (US and British) from the `hyphen` package; the
 * returned function gives the break points of a lower-case word under either language.
 * Loaded only for documents from hyphenating producers.
 */
export async function loadHyphenators(): Promise<{ us: Hyphenator; gb: Hyphenator }> {
  const [us, gb] = await Promise.all([import('hyphen/en-us/index.js'), import('hyphen/en-gb/index.js')]);
  const make = (mod: { default?: { hyphenateSync: (w: string, o: object) => string }; hyphenateSync?: (w: string, o: object) => string }): Hyphenator => {
    const hyphenateSync = (mod.default?.hyphenateSync ?? mod.hyphenateSync)!;
    const cache = new Map<string, Set<number>>();
    return (word) => {
      let points = cache.get(word);
      if (!points) {
        points = new Set<number>();
        const marked = hyphenateSync(word, { hyphenChar: '\u00ad', minWordLength: LEFT_MIN + RIGHT_MIN });
        let n = 0;
        for (const c of marked) {
          if (c === '\u00ad') {
            if (n >= LEFT_MIN && word.length - n >= RIGHT_MIN) points.add(n);
          } else n++;
        }
        cache.set(word, points);
      }
      return points;
    };
  };
  return { us: make(us), gb: make(gb) };
}

/** A word as the document spells it, for comparisons: lower case, no surrounding punctuation, no possessive. */
function wordKey(raw: string): string {
  return raw
    .toLowerCase()
    .replace(/^[^\p{L}\d]+|[^\p{L}\d]+$/gu, '')
    .replace(/['’]s$/u, '');
}

/** Inputs of {@link makeHyphenDecider}. */
export interface HyphenEvidenceSources {
  /** True when the producer hyphenates (see HYPHENATING_PRODUCER); false keeps every hyphen. */
  autoHyphenation: boolean;
  /** Every line of the document's text, to learn its own spellings. */
  documentText: readonly string[];
  /** Word list lookup (lower case), or undefined when none is available. */
  isWord?: WordLookup;
  /** TeX patterns, or undefined when not loaded. */
  hyphenators?: { us: Hyphenator; gb: Hyphenator };
}

/**
 * Build the decider for one document.
 * @example makeHyphenDecider({ autoHyphenation: true, documentText, isWord, hyphenators })('recommen', 'dation') // { keep: false, evidence: 'dictionary' }
 */
export function makeHyphenDecider(sources: HyphenEvidenceSources): HyphenDecider {
  const { isWord, hyphenators } = sources;
  if (!sources.autoHyphenation && !isWord) return () => ({ keep: true, evidence: 'producer' });
  const hyphenated = new Set<string>();
  const plain = new Set<string>();
  const compoundFirst = new Set<string>();
  for (const t of sources.documentText) {
    // A hyphen at the end of a line proves nothing: only words inside lines count.
    const words = t.split(/\s+/);
    words.forEach((raw, k) => {
      if (k === words.length - 1 && /[-\u2010]$/.test(raw)) return;
      const w = wordKey(raw);
      if (!w) return;
      if (/\p{L}-\p{L}/u.test(w)) {
        hyphenated.add(w);
        compoundFirst.add(w.slice(0, w.indexOf('-')));
      } else plain.add(w);
    });
  }
  /**
   * Producers that do not hyphenate on their own (LibreOffice, Word, browsers): a line-end
   * hyphen is the author's, unless it is an optional (soft) hyphen the producer broke the word
   * at — which shows only as a common word split where no compound could be: a part that is no
   * word ("reten-tion"), or a suffix after the break ("learn-er"); or the document writes the
   * word whole elsewhere. Never a guess: everything else keeps its hyphen.
   */
  const firstFitDecision = (left: string, right: string): HyphenDecision => {
    const l = left.toLowerCase().replace(/^[^\p{L}\d]+/u, '');
    const r = (/^\p{L}+/u.exec(right.toLowerCase()) ?? [''])[0];
    if (!/^\p{L}+$/u.test(l) || !r || /^\p{Lu}/u.test(right)) return { keep: true, evidence: 'producer' };
    const joined = l + r;
    if (hyphenated.has(`${l}-${r}`) || compoundFirst.has(l)) return { keep: true, evidence: 'document' };
    if (plain.has(joined)) return { keep: false, evidence: 'document' };
    if (!isWord || !knownWord(isWord, joined) || hyphenatedVariant(l, r)) return { keep: true, evidence: 'producer' };
    // A compound's parts are words people use (SCOWL size ≤ 50), and no bound prefix ("dis").
    const usable = (w: string) => isWord(w) && (isWord.size?.(w) ?? 0) <= 50 && !BOUND_PREFIX.test(w);
    if (!usable(l) || !usable(r) || SUFFIX.test(r)) return { keep: false, evidence: 'dictionary' };
    // Both parts are words, but so is the whole, and a common one ("in-dependent"): the author's
    // soft hyphen, printed where the line broke (held-out sweep stop-and-search-soft-hyphens lo-h3).
    // Not after a word that makes compounds as a prefix ("anti-social", "self-funded", "cross-party"):
    // there the hyphen is British usage as often as not.
    if ((isWord.size?.(joined) ?? Infinity) <= COMMON_SIZE && !COMPOUND_PREFIX.test(l)) return { keep: false, evidence: 'dictionary' };
    return { keep: true, evidence: 'producer' };
  };
  return (left, right) => {
    if (!sources.autoHyphenation) return firstFitDecision(left, right);
    if (/\d$/.test(left) || /^\d/.test(right)) return { keep: true, evidence: 'digits' };
    // A word with a hyphen of its own ("Turn-up-" + "and-go"): TeX breaks such a word only at
    // its own hyphens, never by its patterns.
    if (/\p{L}-\p{L}/u.test(left) || /\p{L}-\p{L}/u.test(right)) return { keep: true, evidence: 'patterns' };
    // A capital after the break inside a word that is not all capitals ("Anglo-Saxon", "non-UK"):
    // TeX never capitalises the rest of a word it breaks.
    if (/^\p{Lu}/u.test(right) && !/^\p{Lu}+$/u.test(left.replace(/[^\p{L}]/gu, ''))) return { keep: true, evidence: 'digits' };
    const l = left.toLowerCase().replace(/^[^\p{L}\d]+/u, '');
    // Only the letters of the right part: "tient’s" → "tient", "ber," → "ber".
    const r = (/^\p{L}+/u.exec(right.toLowerCase()) ?? [''])[0];
    if (!l || !r) return { keep: true, evidence: 'digits' };
    const joined = l + r;
    // 1. The document's own spelling.
    if (hyphenated.has(`${l}-${r}`)) return { keep: true, evidence: 'document' };
    if (plain.has(joined)) return { keep: false, evidence: 'document' };
    if (compoundFirst.has(l) && l.length >= 3) return { keep: true, evidence: 'document' };
    // The document writes the word's stem across the break unbroken elsewhere ("report" for
    // "re-ports", "explained" for "ex-plain").
    const stem = l + r.slice(0, 2);
    if (r.length >= 2 && [...plain].some((w) => w.length > l.length + 1 && w.startsWith(stem))) return { keep: false, evidence: 'document' };
    // 2. A known word whose part after the break is no word or only a suffix ("bus-iest",
    // "cover-ing"): one word, even where the patterns would not break it (a document's own
    // \hyphenation exceptions, or a language the patterns here lack).
    if (isWord && knownWord(isWord, joined) && (!isWord(r) || SUFFIX.test(r)) && r.length >= 2) return { keep: false, evidence: 'dictionary' };
    // 3. TeX could not have broken the word there: the author's hyphen.
    if (hyphenators && /^\p{L}+$/u.test(joined)) {
      const allowed = hyphenators.us(joined).has(l.length) || hyphenators.gb(joined).has(l.length);
      if (!allowed) return { keep: true, evidence: 'patterns' };
    }
    // 4. The word list.
    if (!isWord) return { keep: false, evidence: 'guess' };
    const leftWord = isWord(l) && !BOUND_PREFIX.test(l),
      rightWord = isWord(r);
    if (knownWord(isWord, joined)) {
      // A common word is written that way ("another", "proportion"), unless British usage
      // also hyphenates it ("co-operate"); a word with a suffix after the break is one word
      // ("cover-ing"); a part that is no word makes no compound ("recommen-dation").
      const common = (isWord.size?.(joined) ?? Infinity) <= COMMON_SIZE;
      const compoundable = leftWord && rightWord && !SUFFIX.test(r);
      if (hyphenatedVariant(l, r) && compoundable) return { keep: false, evidence: 'guess' };
      return { keep: false, evidence: compoundable && !common ? 'guess' : 'dictionary' };
    }
    if (!leftWord && !rightWord) return { keep: false, evidence: hyphenators ? 'patterns' : 'guess' };
    if (leftWord && rightWord) {
      // Both parts are words and the whole is not: a compound ("high-volume", "in-reach"), or a
      // name broken at a legal point ("Bar-clays") — a capitalised first part before a
      // lower-case rest, which the list cannot confirm: a guess.
      const name = /^\p{Lu}/u.test(left.replace(/^[^\p{L}]+/u, '')) && /^\p{Ll}/u.test(right) && !COMBINING.test(r);
      return name ? { keep: false, evidence: 'guess' } : { keep: true, evidence: 'dictionary' };
    }
    // A name before a word that forms compounds ("London-wide", "NHS-led"): the author's hyphen.
    if (!leftWord && /^\p{Lu}/u.test(left.replace(/^[^\p{L}]+/u, '')) && COMBINING.test(r)) return { keep: true, evidence: 'dictionary' };
    // One part is a word, the other a fragment ("sub-regional" aside): hyphenation of a word the list lacks.
    return { keep: false, evidence: hyphenators ? 'patterns' : 'guess' };
  };
}
