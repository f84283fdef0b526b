/**
 * RAG status from a cell's fill colour, a RAG column's word, or the Progress words. The word
 * rules follow the trackers' own definitions (seed tracker intro, issue #2): red = not
 * accepted; amber = some progress / accepted in part; green = accepted, accepted in full,
 * substantially accepted, implemented.
 */
import type { RagSource, RagStatus } from '../schema.ts';
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
  const max = Math.max(r, g, b),
    min = Math.min(r, g, b),
    d = max - min;
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
 * What a colour says, by hue: red 0–18° and ≥ 330°, amber 18–70° (orange to yellow: #ffc000,
 * #f5a623, #ffeb9c), green 70–175°, blue 175–255° (a BRAG tracker's "complete"), `other` for
 * the rest (purple, magenta); null for greys, white and near-black (no hue to read).
 */
export function colourStatus(fill: Rgb | null | undefined, options: RagColourOptions = DEFAULT_RAG_COLOUR_OPTIONS): RagStatus | 'other' | null {
  if (!fill) return null;
  const { h, s, v } = toHsv(fill);
  if (s < options.minSaturation || v < 0.2) return null;
  if (h < 18 || h >= 330) return 'red';
  if (h < 70) return 'amber';
  if (h < 175) return 'green';
  if (h < 255) return 'blue';
  return 'other';
}

/**
 * RAG status of a fill colour (see {@link colourStatus}); blue counts only in a BRAG tracker
 * (`brag`), where it means complete. Anything else (blue header bands, greys) is null.
 */
export function ragFromFill(fill: Rgb | null | undefined, options: RagColourOptions & { brag?: boolean } = DEFAULT_RAG_COLOUR_OPTIONS): RagStatus | null {
  const status = colourStatus(fill, options);
  if (status === 'other' || status === null) return null;
  if (status === 'blue' && !options.brag) return null;
  return status;
}

/** RAG status of a RAG column's word ("Green", "AMBER", "Red – not accepted", "G", "Blue" in a BRAG tracker). */
export function ragFromWord(text: string): RagStatus | null {
  const t = text.trim().toLowerCase();
  const m = /^(red|amber|green|blue|r|a|g|b)\b/.exec(t);
  if (!m) return null;
  return ({ red: 'red', r: 'red', amber: 'amber', a: 'amber', green: 'green', g: 'green', blue: 'blue', b: 'blue' } as const)[m[1] as 'red'];
}

// Phrases from the trackers' own RAG definitions and the corpus's Progress cells (fixtures/*.truth.json).
const RED =
  /\b(not (?:been )?accepted|rejected|declined|not (?:been )?implemented|no progress|limited progress|not agreed|refused|will not|no response|not achieved|not fulfilled)\b/i;
const AMBER =
  /\b(some progress|significant progress|partial(?:ly)?|in part|partly|in progress|ongoing|under ?way|under (?:consideration|review)|accepted in principle|yet to be|not yet (?:implemented|complete|completed|in place|operational|delivered|published)|progress (?:made|being made)|progressing|behind schedule)\b/i;
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

/** Everything in one cell (over a record's pieces) that can show a RAG status. */
export interface RagInputs {
  /** The cell's words. */
  words: string;
  /** Fills covering the cell, per piece. */
  fills: Rgb[];
  /** The fill of the same row's recommendation cell, per piece (row shading such as zebra stripes). */
  rowFills: Array<Rgb | undefined>;
  /** Small coloured shapes and partial fills (a dot, a highlighter box) inside the cell. */
  marks: Rgb[];
  /** The cell's text items with their ink colour. */
  ink: Array<{ text: string; color: Rgb | null }>;
}

/** What decided a record's RAG status. */
export interface RagDecision {
  rag: RagStatus | null;
  source: RagSource | null;
  /** The Progress words' status where it differs from the colour's (colour wins). */
  disagreement?: RagStatus;
  /** A colour that maps to no status (purple; blue outside a BRAG tracker). */
  unmapped?: { where: 'RAG' | 'Progress'; hex: string };
}

/** Glyphs that are status symbols when coloured (a green ●, a red ✗). */
const STATUS_SYMBOL = /^[●⬤•■▲▼◆◉○✓✔✗✘✕✖★→➔➜⇨▶►]$/u;

const hex = (c: Rgb) =>
  `#${c
    .map((v) =>
      Math.round(v * 255)
        .toString(16)
        .padStart(2, '0'),
    )
    .join('')}`;

/**
 * The colour the cell's words are printed in, when it says something: the ink of most of its
 * characters, or of a status symbol. Neutral inks (black, greys) say nothing.
 */
export function inkColour(ink: RagInputs['ink']): Rgb | null {
  let total = 0;
  const byColour = new Map<string, { colour: Rgb; chars: number }>();
  for (const { text, color } of ink) {
    const chars = text.replace(/\s/g, '').length;
    total += chars;
    if (!color || colourStatus(color) === null) continue;
    if (STATUS_SYMBOL.test(text.trim())) return color;
    const key = hex(color);
    const e = byColour.get(key) ?? { colour: color, chars: 0 };
    e.chars += chars;
    byColour.set(key, e);
  }
  const best = [...byColour.values()].sort((a, b) => b.chars - a.chars)[0];
  return best && best.chars * 2 >= total ? best.colour : null;
}

/**
 * Decide a record's RAG status from its RAG column (word, fill, dot, ink) and its Progress cell
 * (fill, dot or highlighter, ink), else its Progress words. Colour wins over words; a
 * disagreement and a colour that maps to no status are reported.
 * @param brag true in a BRAG tracker (blue = complete).
 */
export function decideRag(p: { column: RagInputs | null; progress: RagInputs | null; progressText: string; brag: boolean }): RagDecision {
  const byText = ragFromText(p.progressText);
  let unmapped: RagDecision['unmapped'];
  const read = (colour: Rgb | null | undefined, where: 'RAG' | 'Progress'): RagStatus | null => {
    const status = ragFromFill(colour, { ...DEFAULT_RAG_COLOUR_OPTIONS, brag: p.brag });
    if (!status && colour && colourStatus(colour) !== null) unmapped ??= { where, hex: hex(colour) };
    return status;
  };
  /** A fill that is the whole row's shading (zebra) is no status unless strongly coloured. */
  const cellFills = (c: RagInputs) =>
    c.fills.filter((f, k) => {
      const row = c.rowFills[k];
      return !(row && row[0] === f[0] && row[1] === f[1] && row[2] === f[2] && toHsv(f).s < 0.3);
    });
  const fromCell = (c: RagInputs, where: 'RAG' | 'Progress'): { rag: RagStatus; kind: 'word' | 'fill' | 'ink' } | null => {
    if (where === 'RAG') {
      const word = ragFromWord(c.words);
      // "Blue" spelt out in a RAG column is a status in itself; a lone "B" only in a BRAG tracker.
      if (word && (word !== 'blue' || p.brag || /^blue\b/i.test(c.words.trim()))) return { rag: word, kind: 'word' };
    }
    for (const f of cellFills(c)) {
      const r = read(f, where);
      if (r) return { rag: r, kind: 'fill' };
    }
    for (const m of c.marks) {
      const r = read(m, where);
      if (r) return { rag: r, kind: 'fill' };
    }
    const r = read(inkColour(c.ink), where);
    return r ? { rag: r, kind: 'ink' } : null;
  };
  let decided: { rag: RagStatus; source: RagSource } | null = null;
  if (p.column) {
    const c = fromCell(p.column, 'RAG');
    if (c) decided = { rag: c.rag, source: 'column' };
  }
  if (!decided && p.progress) {
    const c = fromCell(p.progress, 'Progress');
    if (c) decided = { rag: c.rag, source: c.kind === 'ink' ? 'ink' : 'fill' };
  }
  if (!decided && byText) decided = { rag: byText, source: 'text' };
  const out: RagDecision = { rag: decided?.rag ?? null, source: decided?.source ?? null };
  if (decided && decided.source !== 'text' && byText && byText !== decided.rag && decided.rag !== 'blue') out.disagreement = byText;
  if (unmapped) out.unmapped = unmapped;
  return out;
}
