/**
 * Word-level differences between two versions of a cell's text, with the `diff` package (jsdiff;
 * the only file that imports it). Pure and browser-capable.
 */
import { diffWords } from 'diff';

/** A run of text that is the same in both versions, only in the new one, or only in the old one. */
export interface DiffSegment {
  op: 'same' | 'added' | 'removed';
  text: string;
}

/**
 * The word-level diff from `before` to `after` (jsdiff `diffWords`: words and punctuation are
 * tokens, whitespace is not): runs in reading order; the `same` and `added` runs give `after`,
 * the `same` and `removed` runs give `before` — up to whitespace, which jsdiff does not keep
 * exactly around changes. Whitespace-only differences are not changes.
 */
export function wordDiff(before: string, after: string): DiffSegment[] {
  const out: DiffSegment[] = [];
  for (const c of diffWords(before, after)) {
    const op = c.added ? 'added' : c.removed ? 'removed' : 'same';
    const last = out[out.length - 1];
    if (last && last.op === op) last.text += c.value;
    else out.push({ op, text: c.value });
  }
  return out;
}
