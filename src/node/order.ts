/**
 * Input order and input-relative paths (issue #13): inputs are taken in the order given on the
 * command line, and the files inside a folder in natural order — "2" before "10", "a" next to
 * "A", "é" next to "e" — as a person reading a file manager expects, not by UTF-16 code unit
 * (which sorts "-10" before "-2" and every capital before every small letter).
 */
import path from 'node:path';

/**
 * Natural, case- and accent-aware order of names (ICU collation, root locale, numeric).
 * A fixed locale keeps the order — and so the combined tables — the same on every machine;
 * names the collator finds equal (another Unicode normal form) fall back to code-unit order so
 * the order is total.
 */
const collator = new Intl.Collator('en', { numeric: true, sensitivity: 'variant' });

/** Compare two names (one path segment each) in natural order. */
export function compareNames(a: string, b: string): number {
  return collator.compare(a, b) || (a < b ? -1 : a > b ? 1 : 0);
}

/** Compare two paths segment by segment in natural order ("2019/b" before "2019-x/a"). */
export function comparePaths(a: string, b: string): number {
  const sa = a.split(/[\\/]+/),
    sb = b.split(/[\\/]+/);
  for (let k = 0; k < Math.min(sa.length, sb.length); k++) {
    const c = compareNames(sa[k]!, sb[k]!);
    if (c) return c;
  }
  return sa.length - sb.length;
}

/**
 * The folder a glob pattern searches from: its segments before the first one holding a glob
 * character ("archive/20*" → "archive", "*.pdf" → "."). Paths found by the glob are recorded
 * relative to it.
 */
export function globRoot(pattern: string): string {
  const segments = pattern.split(/[\\/]/);
  const fixed: string[] = [];
  for (const s of segments.slice(0, -1)) {
    if (/[*?[\]{}]/.test(s)) break;
    fixed.push(s);
  }
  if (!fixed.length) return '.';
  return fixed.join('/') || '/';
}

/** `file` relative to `root`, "/"-separated (the `path` column). */
export function relativePath(root: string, file: string): string {
  const rel = path.relative(root, file);
  // A file given by name is its own root's only entry: its path is its name.
  return (rel && !rel.startsWith('..') && !path.isAbsolute(rel) ? rel : path.basename(file)).split(path.sep).join('/');
}
