/**
 * Record labels printed at the top of a recommendation cell (issue #3): "Recommendation 1:",
 * "Recommendation 10" (no colon), "Rec. 3", "R1", "1.". The label is kept as printed without a
 * trailing colon or full stop (fixtures/README.md); the id is its number.
 */

/** A label found at the start of a line. */
export interface Label {
  /** As printed, without trailing ":" or "." ("Recommendation 1", "R1", "4"). */
  label: string;
  /** The number ("1", "10", "3a"). */
  id: string;
  /** The text after the label on the same line ("" when the label stands alone). */
  rest: string;
  /** 'word' for "Recommendation n"/"Rec n"/"Rn", 'number' for a bare "n.", 'reference' for a code ("SR (25/26) 01"). */
  kind: 'word' | 'number' | 'reference';
}

/**
 * "Recommendation 3", "Rec. 3:", "R3", and with a number word between: "Recommendation No. 3",
 * "Rec no 3", "Recommendation number 3", "Recommendation #3" (held-out sweep housing-delivery
 * latex-h4, water-label-band-rows lo-h8).
 */
const WORD_LABEL = /^((?:Recommendation|Rec\.?|R)\s?(?:(?:No\.?|Number|#)\s?)?(\d{1,3}[a-z]?))(?:\s*[:.)–-])?(?=\s|$)\s*/i;
const NUMBER_LABEL = /^((\d{1,3}[a-z]?))(?:([.):])|\s*$)(?=\s|$)\s*/;

/**
 * Read a label at the start of `text`, or null.
 * "R" labels need the digit right after the R ("R1", "R 1" is not accepted to avoid initials);
 * bare numbers need a following ".", ")" or ":" or to stand alone.
 */
/**
 * A reference code standing alone on a line ("SR (25/26) 01:", "CR-2024-03"): capitals, digits
 * and separators only, with a digit, at most 24 characters; the council trackers' ids (issue #7)
 * as this tool's report prints them. The whole code is both label and id.
 */
export function parseReference(text: string): Label | null {
  const t = text.trim().replace(/[:.]$/, '').trim();
  if (t.length > 24 || !/\d/.test(t) || !/^[A-Z0-9]/.test(t) || /[a-z]/.test(t) || !/^[A-Z0-9 ()/\-–.]+$/.test(t)) return null;
  return { label: t, id: t, rest: '', kind: 'reference' };
}

export function parseLabel(text: string): Label | null {
  const t = text.trim();
  let m = WORD_LABEL.exec(t);
  if (m) {
    const [, label = '', id = ''] = m;
    if (/^r\s\d/i.test(label)) return null;
    return { label: label.replace(/\s+/g, ' '), id, rest: t.slice(m[0].length), kind: 'word' };
  }
  m = NUMBER_LABEL.exec(t);
  // The label as printed without a trailing colon or full stop: "3)" keeps its parenthesis
  // (README, JSON format; held-out sweep: "2)" read as "2").
  if (m) return { label: `${m[1] ?? ''}${m[3] === ')' ? ')' : ''}`, id: m[2] ?? '', rest: t.slice(m[0].length), kind: 'number' };
  return null;
}

const CONTINUED_LABEL = /^(.+?)[\s:.]*\((?:continued|cont(?:'|’)?d|cont\.?)\)[\s:.]*$/i;

/**
 * A continuation label at the top of a row carried over a page break: "Recommendation 3
 * (continued)", "5 (cont'd)" — as our own report prints it (issue #10) and some trackers do.
 * @returns the label part ("Recommendation 3", "5"), or null when `text` is not one.
 */
export function parseContinuation(text: string): string | null {
  const m = CONTINUED_LABEL.exec(text.trim());
  return m?.[1] ? m[1].replace(/\s+/g, ' ').replace(/[:.]$/, '').trim() : null;
}
