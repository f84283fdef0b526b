/**
 * RAG status from a cell's fill colour, a RAG column's word, or the Progress words. The word
 * rules follow the trackers' own definitions (seed tracker intro, issue #2): red = not
 * accepted; amber = some progress / accepted in part; green = accepted, accepted in full,
 * substantially accepted, implemented.
 */
import type { RagStatus } from '../schema.ts';
import type { Rgb } from '../types.ts';

/** Tolerances for reading a fill colour. */
export interface RagColourOptions {
  /** Below this HSV saturation a fill is grey/white, not a RAG colour. 0.12: the pale shades of the Chromium fixture are ≥ 0.15. */
  minSaturation: number;
}
/** Defaults of {@link RagColourOptions}. */
export const DEFAULT_RAG_COLOUR_OPTIONS: RagColourOptions = { minSaturation: 0.12 };

/** Hue in degrees (0–360), saturation and value (0–1) of an RGB colour. */
export function toHsv([r, g, b]: Rgb): { h: number; s: number; v: number } {
  const max = Math.max(r, g, b), min = Math.min(r, g, b), d = max - min;
  let h = 0;
  if (d > 0) {
    if (max === r) h = ((g - b) / d) % 6;
    else if (max === g) h = (b - r) / d + 2;
    else h = (r - g) / d + 4;
    h *= 60;
    if (h < 0) h += 360;
  }
  return { h, s: max === 0 ? 0 : d / max, v: max };
}

/**
 * RAG status of a fill colour by hue: red 0–18° and ≥ 330°, amber 18–70° (orange to yellow:
 * #ffc000, #f5a623, #ffeb9c), green 70–175°; anything else (blue header bands, greys) is null.
 */
export function ragFromFill(fill: Rgb | undefined, options: RagColourOptions = DEFAULT_RAG_COLOUR_OPTIONS): RagStatus | null {
  if (!fill) return null;
  const { h, s, v } = toHsv(fill);
  if (s < options.minSaturation || v < 0.2) return null;
  if (h < 18 || h >= 330) return 'red';
  if (h < 70) return 'amber';
  if (h < 175) return 'green';
  return null;
}

/** RAG status of a RAG column's word ("Green", "AMBER", "Red – not accepted", "G"). */
export function ragFromWord(text: string): RagStatus | null {
  const t = text.trim().toLowerCase();
  const m = /^(red|amber|green|r|a|g)\b/.exec(t);
  if (!m) return null;
  return ({ red: 'red', r: 'red', amber: 'amber', a: 'amber', green: 'green', g: 'green' } as const)[m[1] as 'red'];
}

// Phrases from the trackers' own RAG definitions and the corpus's Progress cells (fixtures/*.truth.json).
const RED = /\b(not (?:been )?accepted|rejected|declined|not (?:been )?implemented|no progress|limited progress|not agreed|refused|will not|no response|not achieved|not fulfilled)\b/i;
const AMBER = /\b(some progress|significant progress|partial(?:ly)?|in part|partly|in progress|ongoing|under ?way|under (?:consideration|review)|accepted in principle|yet to be|not yet (?:implemented|complete|completed|in place|operational|delivered|published)|progress (?:made|being made)|progressing|behind schedule)\b/i;
const GREEN = /\b(accepted|implemented|completed?|achieved|delivered|agreed|done|in place|fulfilled|funded)\b/i;

/**
 * RAG status from the Progress words, or null when they do not decide it. Red phrases win
 * over amber, amber over green ("not accepted" contains "accepted"; "some progress … accepted").
 */
export function ragFromText(progress: string): RagStatus | null {
  if (!progress.trim()) return null;
  if (RED.test(progress)) return 'red';
  if (AMBER.test(progress)) return 'amber';
  if (GREEN.test(progress)) return 'green';
  return null;
}

/**
 * A RAG word as people type it in a spreadsheet: "Green", " AMBER ", "R", "A", "G", "B" (lower
 * case otherwise unchanged, so the schema names anything else it does not know).
 */
export function normalizeRagWord(text: string): string | null {
  const t = text.trim().toLowerCase();
  if (!t) return null;
  return ({ r: 'red', a: 'amber', g: 'green', b: 'blue' } as Record<string, string>)[t] ?? t;
}

/** Records per RAG status, `none` for not rated. */
export type RagCounts = Record<RagStatus | 'none', number>;

/** Count records by RAG status (the one tally used by the summary line, workers and the report). */
export function countRag(records: ReadonlyArray<{ rag: RagStatus | null }>): RagCounts {
  const counts: RagCounts = { green: 0, amber: 0, red: 0, blue: 0, none: 0 };
  for (const r of records) counts[r.rag ?? 'none']++;
  return counts;
}

/** Add `b`'s counts into `a` (bulk totals). */
export function addRagCounts(a: RagCounts, b: RagCounts): void {
  for (const key of Object.keys(a) as Array<keyof RagCounts>) a[key] += b[key];
}
