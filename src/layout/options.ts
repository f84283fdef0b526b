/**
 * Every tolerance of the layout stage, in one place (DESIGN.md rule 4): named, defaulted, and
 * with where its value came from. Units: points, or multiples of the body font size ("font
 * sizes") where the layout scales with the text.
 */
import { DEFAULT_LINE_OPTIONS, type LineOptions } from './lines.ts';

/** Tolerances for finding tables (header rows, columns, extent, rows, cells). */
export interface LayoutOptions {
  lines: LineOptions;

  // Rulings
  /** Rulings within this distance (points) are one. 1.5: double borders in Chromium output. */
  rulingMergeTolerance: number;

  // Header rows
  /** Header continuation lines must be within this many font sizes of the line above. 1.6. */
  headerWrapPitch: number;
  /** A wrapped header line joins a header cell when it starts within this many font sizes of the cell's left edge. 6: centred wrapped headings in the corpus. */
  headerWrapIndent: number;
  /** …and overlaps the cell extended right by this many font sizes. 4. */
  headerWrapReach: number;
  /** A rule closing a header band lies within this many font sizes below its last line. 1.2. */
  headerBandRuleReach: number;
  /** A shaded band or rule belongs to a header row when it spans at least this share of the header's width. 0.5. */
  headerBandSpan: number;
  /** Rotated header text (a heading set vertically) belongs to a header row when it starts within this many font sizes below the row's first line. 1.5: a vertical heading is top-aligned in its cell like the others. */
  rotatedHeaderReach: number;
  /** Fill channels above this are white or near white: page, zebra-free cells (corpus shades are ≤ 0.95). 0.97. */
  nearWhite: number;

  // Columns
  /** A vertical ruling crosses a header line when it runs within this many points of the line's middle. 2. */
  rulingCrossTolerance: number;
  /** Body lines this many font sizes below the header decide whitespace gutters (centred headings in HTML tables). 40. */
  gutterSampleDepth: number;
  /** A table's outer edge without a ruling lies this far (points) outside its outermost text. 2. */
  edgePadding: number;

  // Table end
  /** A vertical gap wider than this many font sizes between text ends a whitespace table. 3. */
  whitespaceTableEndGap: number;
  /** A line with a font this much larger than the body is a heading and ends the table. 1.15 (LaTeX \subsection 12 pt over 10 pt body is 1.2). */
  headingFontRatio: number;
  /** In a table with row rules but no column rules, text more than this many font sizes below a rule is past the table's end. 1.2 (cell padding in the corpus ≤ 0.6). */
  ruleToTextGap: number;
  /** Text crossing a column boundary by more than this (points) on both sides crosses it. 2. */
  boundaryCrossSlack: number;

  // Rows
  /** A horizontal rule is a row boundary when the columns it crosses make up at least this share of the table width. 0.5 (issue #7: a rule interrupted by a cell merged over two rows still cuts the rest). */
  rowRulingSpan: number;
  /** A rule crosses a column when it covers at least this share of the column's width. 0.9: an underline under a word covers less. */
  columnCrossShare: number;
  /** A whitespace gap across all columns this many font sizes taller than the table's leading splits rows. 0.5: LaTeX rows without rules are 0.7 em apart (sweep libraries latex-s7); paragraph gaps inside cells do not cross every column. */
  whitespaceRowGap: number;

  // Cells
  /** A filled rectangle shades a cell when it covers at least this share of it. 0.5. */
  cellFillShare: number;
}

/** Defaults of {@link LayoutOptions}; each value's source is on its field. */
export const DEFAULT_LAYOUT_OPTIONS: LayoutOptions = {
  lines: DEFAULT_LINE_OPTIONS,
  rulingMergeTolerance: 1.5,
  headerWrapPitch: 1.6,
  headerWrapIndent: 6,
  headerWrapReach: 4,
  headerBandRuleReach: 1.2,
  headerBandSpan: 0.5,
  rotatedHeaderReach: 1.5,
  nearWhite: 0.97,
  rulingCrossTolerance: 2,
  gutterSampleDepth: 40,
  edgePadding: 2,
  whitespaceTableEndGap: 3,
  headingFontRatio: 1.15,
  ruleToTextGap: 1.2,
  boundaryCrossSlack: 2,
  rowRulingSpan: 0.5,
  columnCrossShare: 0.9,
  whitespaceRowGap: 0.5,
  cellFillShare: 0.5,
};
