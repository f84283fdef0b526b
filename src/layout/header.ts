/**
 * Step 2 of the table finder: header rows. A header row is a line of text whose cells the
 * classifier accepts ("Committee's recommendation | Response | Progress"). Two ways to find
 * its cells:
 *
 * - ruled (a grid): vertical rulings cross the line; the cells are the spaces between them and
 *   hold every line of the header band between its rules, wrapped headings ("Exec / date",
 *   "Origi / n") and headings set vertically included (issue #7, fixtures council-nine-column,
 *   rotated-progress-header);
 * - by text: the line split at column gaps, with wrapped heading lines below merged in, and
 *   vertical headings beside it added as cells.
 */
import type { BBox, Page, RotatedTextItem, Ruling, TextItem } from '../types.ts';
import { baselineGroups, makeLine, splitGroup, type TextLine } from './lines.ts';
import { isNearWhite, midX, midY, overlap1d, union, unionAll } from './geometry.ts';
import type { HeaderCell, HeaderClassifier, HeaderRow } from './model.ts';
import type { LayoutOptions } from './options.ts';
import type { PageRulings } from './rulings.ts';

/** A rotated text item as a line read along its own baseline. */
export function rotatedLine(item: RotatedTextItem): TextLine {
  return { items: [item], text: item.text, bbox: item.bbox, baseline: item.baseline, fontSize: item.fontSize, bold: item.bold, pageNumber: item.pageNumber };
}

/** The lines of a header cell: upright lines top to bottom, then vertical ones in reading order. */
function cellLines(upright: TextItem[], rotated: RotatedTextItem[], options: LayoutOptions): TextLine[] {
  const lines = baselineGroups(upright, options.lines).map((g) => makeLine(g, options.lines.wordSpace));
  // Bottom-to-top text (90°) reads its lines left to right; top-to-bottom (270°) right to left.
  const vertical = [...rotated].sort((a, b) => (a.rotation === 270 ? b.bbox.x0 - a.bbox.x0 : a.bbox.x0 - b.bbox.x0));
  return [...lines, ...vertical.map(rotatedLine)];
}

const joinLines = (lines: TextLine[]) =>
  lines
    .map((l) => l.text)
    .join(' ')
    .replace(/\s+/g, ' ')
    .trim();

/**
 * Given a line and the page's vertical rulings, return the column boundaries of a grid around
 * it: the rulings crossing the line, kept where consecutive ones lie within the table (no gap
 * wider than half the page) and the line's text lies between the first and the last.
 */
function gridAround(line: TextLine, v: readonly Ruling[], page: Page, options: LayoutOptions): number[] | null {
  const y = midY(line.bbox);
  const crossing = v
    .filter((r) => r.start <= y + options.rulingCrossTolerance && r.end >= y - options.rulingCrossTolerance)
    .map((r) => r.position)
    .sort((a, b) => a - b);
  if (crossing.length < 3) return null;
  // Split into runs of rulings that belong together; keep the run around the line's text.
  const runs: number[][] = [[crossing[0]!]];
  for (const x of crossing.slice(1)) {
    const run = runs[runs.length - 1]!;
    if (x - run[run.length - 1]! > page.width / 2) runs.push([x]);
    else run.push(x);
  }
  // The line's text lies in the run: every piece starts inside it (a heading in a narrow last
  // column may run past the table's right rule, fixture sweep fire-brigade latex-s8).
  const run = runs.find((r) => r[0]! <= line.bbox.x0 + 1 && line.items.every((i) => i.bbox.x0 < r[r.length - 1]!));
  if (!run || run.length < 3) return null;
  // Drop slivers between double rules (a ruling pair closer than a character).
  const xs: number[] = [];
  for (const x of run) if (!xs.length || x - xs[xs.length - 1]! > line.fontSize * 0.5) xs.push(x);
  return xs.length >= 3 ? xs : null;
}

/**
 * The header band of a grid: between the nearest horizontal boundaries above and below the
 * line — rules spanning the grid, or the edges of a shaded band spanning it (a header row drawn
 * as a filled band without a rule under it, like this tool's own report).
 */
function gridBand(page: Page, line: TextLine, xs: number[], h: readonly Ruling[], options: LayoutOptions): { top: number; bottom: number } | null {
  const x0 = xs[0]!,
    x1 = xs[xs.length - 1]!;
  const spans = (a: number, b: number) => overlap1d(a, b, x0, x1) >= options.headerBandSpan * (x1 - x0);
  const y = midY(line.bbox);
  const edges = h.filter((r) => spans(r.start, r.end)).map((r) => r.position);
  // Shading: a band spanning the grid bounds rows with its edges; a cell's own shading behind
  // the line (a heading row shaded cell by cell, sweep adult-social-care chromium-s3) bounds it too.
  for (const r of page.rects) {
    if (isNearWhite(r.fill, options.nearWhite)) continue;
    const behind = r.bbox.top <= y && r.bbox.bottom >= y && overlap1d(r.bbox.x0, r.bbox.x1, line.bbox.x0, line.bbox.x1) > 0;
    if (spans(r.bbox.x0, r.bbox.x1) || behind) edges.push(r.bbox.top, r.bbox.bottom);
  }
  // Above and below the line's middle: a line's glyph box may reach over a rule by a little.
  const tops = edges.filter((e) => e <= y - 0.25 * line.fontSize);
  const bottoms = edges.filter((e) => e >= y + 0.25 * line.fontSize);
  if (!tops.length || !bottoms.length) return null;
  return { top: Math.max(...tops), bottom: Math.min(...bottoms) };
}

/** A header row read from a grid around `line`, or null when there is no grid or no header. */
function gridHeader(page: Page, line: TextLine, rulings: PageRulings, classify: HeaderClassifier, options: LayoutOptions, rejected: Set<string>): HeaderRow | null {
  const xs = gridAround(line, rulings.v, page, options);
  if (!xs) return null;
  const band = gridBand(page, line, xs, rulings.h, options);
  if (!band) return null;
  // Every line of a body row finds the same band: classify it once.
  const key = `${band.top}:${band.bottom}:${xs.join(',')}`;
  if (rejected.has(key)) return null;
  const inBand = (b: BBox) => midY(b) > band.top && midY(b) < band.bottom;
  const upright = page.items.filter((i) => inBand(i.bbox));
  const rotated = page.rotated.filter((i) => inBand(i.bbox));
  const cells: HeaderCell[] = [];
  for (let k = 0; k < xs.length - 1; k++) {
    const a = xs[k]!,
      b = xs[k + 1]!;
    const inCell = (box: BBox) => midX(box) > a && midX(box) < b;
    const lines = cellLines(
      upright.filter((i) => inCell(i.bbox)),
      rotated.filter((i) => inCell(i.bbox)),
      options,
    );
    const bbox = unionAll(lines.map((l) => l.bbox)) ?? { x0: a, x1: b, top: band.top, bottom: band.top };
    cells.push({ text: joinLines(lines), lines, bbox, role: null, x0: a, x1: b });
  }
  const verdict = cells.filter((c) => c.text).length >= 2 ? classify(cells.map((c) => c.text)) : null;
  if (!verdict?.accepted) {
    rejected.add(key);
    return null;
  }
  cells.forEach((c, k) => {
    c.role = verdict.roles[k] ?? null;
  });
  const text = unionAll(cells.filter((c) => c.lines.length).map((c) => c.bbox))!;
  return { pageNumber: page.pageNumber, cells, bbox: text, band: { x0: xs[0]!, x1: xs[xs.length - 1]!, top: band.top, bottom: band.bottom }, ruled: true };
}

/**
 * True when `candidate` (a line just below a header line) is still inside the header band: a
 * shaded rectangle covers both, or no rule separates them and a rule closes the band within
 * a line below the candidate.
 */
function withinHeaderBand(page: Page, h: readonly Ruling[], header: BBox, candidate: BBox, size: number, options: LayoutOptions): boolean {
  const shaded = page.rects.some(
    (r) =>
      !isNearWhite(r.fill, options.nearWhite) &&
      r.bbox.top <= header.top + 1 &&
      r.bbox.bottom >= candidate.bottom - 1 &&
      overlap1d(r.bbox.x0, r.bbox.x1, candidate.x0, candidate.x1) > 0,
  );
  if (shaded) return true;
  const spans = (r: Ruling) => overlap1d(r.start, r.end, header.x0, header.x1) >= options.headerBandSpan * (header.x1 - header.x0);
  const hs = h.filter(spans);
  if (hs.some((r) => r.position > header.bottom - 0.5 && r.position < candidate.top + 0.5)) return false;
  return hs.some((r) => r.position >= candidate.bottom - 0.5 && r.position <= candidate.bottom + size * options.headerBandRuleReach);
}

/** A header row read from the text of baseline group `g` (and wrapped lines below it), or null. */
/**
 * Header cells with a first cell of one glyph run "No. Recommendation" (a number heading and the
 * next heading in one run) split in two at the first word's end (measured from the glyphs
 * where the reader gave it, else by characters); null when no cell is like that.
 */
function splitNumberHeading<T extends { text: string; bbox: BBox; line: TextLine; lines: TextLine[] }>(cells: T[]): T[] | null {
  // Only the first cell: a number column stands at the table's left edge.
  const k = cells[0] && cells[0].lines.length === 1 && cells[0].line.items.length === 1 && /^(?:No\.|Number|#|Ref\.?)\s+\p{Lu}/u.test(cells[0].text) ? 0 : -1;
  const cell = cells[k];
  const item = cell?.line.items[0];
  if (!cell || !item) return null;
  const m = /^(\S+)\s+(.*)$/u.exec(item.text.trim());
  if (!m?.[1] || !m[2]) return null;
  const width = item.bbox.x1 - item.bbox.x0;
  const perChar = width / item.text.trim().length;
  const firstEnd = item.firstWordX1 !== undefined && item.firstWordX1 > item.bbox.x0 && item.firstWordX1 < item.bbox.x1 ? item.firstWordX1 : item.bbox.x0 + m[1].length * perChar;
  const restStart = item.bbox.x1 - m[2].length * perChar;
  if (restStart <= firstEnd) return null;
  const first: TextItem = { ...item, text: m[1], bbox: { ...item.bbox, x1: firstEnd }, firstWordX1: firstEnd };
  const rest: TextItem = { ...item, text: m[2], bbox: { ...item.bbox, x0: restStart } };
  delete rest.firstWordX1;
  const part = (i: TextItem): T => {
    const line = makeLine([i]);
    return { ...cell, text: i.text, bbox: { ...i.bbox }, line, lines: [line] };
  };
  return [...cells.slice(0, k), part(first), part(rest), ...cells.slice(k + 1)];
}

function textHeader(
  page: Page,
  groups: TextItem[][],
  g: number,
  rulings: PageRulings,
  classify: HeaderClassifier,
  options: LayoutOptions,
): { row: HeaderRow; last: number } | null {
  const lines = splitGroup(groups[g]!, [], options.lines);
  type Draft = { text: string; bbox: BBox; line: TextLine; lines: TextLine[] };
  let cells: Draft[] = lines.map((l) => ({ text: l.text, bbox: l.bbox, line: l, lines: [l] }));
  // Headings set vertically beside the line (a tall heading row): more cells, by position.
  const size0 = Math.max(...lines.map((l) => l.fontSize));
  const top0 = Math.min(...lines.map((l) => l.bbox.top));
  const vertical = page.rotated.filter(
    (r) => Math.abs(r.bbox.top - top0) <= options.rotatedHeaderReach * size0 && !cells.some((c) => overlap1d(c.bbox.x0, c.bbox.x1, r.bbox.x0, r.bbox.x1) > 0),
  );
  for (const r of vertical) {
    const l = rotatedLine(r);
    const near = cells.find((c) => c.line.items.every((i) => 'rotation' in i) && overlap1d(c.bbox.x0 - size0, c.bbox.x1 + size0, r.bbox.x0, r.bbox.x1) > 0);
    if (near) {
      near.lines.push(l);
      near.text = joinLines(near.lines);
      near.bbox = union(near.bbox, r.bbox);
    } else cells.push({ text: r.text, bbox: r.bbox, line: l, lines: [l] });
  }
  cells.sort((a, b) => a.bbox.x0 - b.bbox.x0);
  if (cells.length < 2) return null;
  let verdict = classify(cells.map((c) => c.text));
  // A narrow number heading set so close to the next one that the producer wrote both as one
  // run ("No. Recommendation", Chromium): two cells, when that names one role more (held-out
  // sweep policing-number-column-footnotes chromium-h5).
  const split = splitNumberHeading(cells);
  if (split) {
    const v = classify(split.map((c) => c.text));
    if (v.accepted && (!verdict.accepted || v.roles.filter(Boolean).length > verdict.roles.filter(Boolean).length)) {
      cells = split;
      verdict = v;
    }
  }
  let last = g;
  // Wrapped header cells: merge lines below into cells while that makes them known.
  for (let k = g + 1; k <= g + 2 && k < groups.length; k++) {
    const below = splitGroup(groups[k]!, [], options.lines);
    const prevBaseline = makeLine(groups[k - 1]!).baseline;
    const size = Math.max(...cells.map((c) => c.line.fontSize));
    if (below[0]!.baseline - prevBaseline > options.headerWrapPitch * size) break;
    const merged = cells.map((c) => ({ ...c, lines: [...c.lines] }));
    let used = 0;
    for (const l of below) {
      const target = merged.find(
        (c) => overlap1d(c.bbox.x0, c.bbox.x1 + size * options.headerWrapReach, l.bbox.x0, l.bbox.x1) > 0 && Math.abs(c.bbox.x0 - l.bbox.x0) < size * options.headerWrapIndent,
      );
      if (!target || target.line.bold !== l.bold) continue;
      target.text = `${target.text} ${l.text}`;
      target.bbox = union(target.bbox, l.bbox);
      target.lines.push(l);
      used++;
    }
    if (!used || used < below.length) break;
    const v = classify(merged.map((c) => c.text));
    const known = (r: Array<string | null>) => r.filter(Boolean).length;
    const improves = v.accepted && (!verdict.accepted || known(v.roles) > known(verdict.roles));
    // A further wrapped line that names nothing new ("Mayor's response / (March 2024)",
    // fixture cycling-caption-notes-wrapped-heading) still belongs to the header when it
    // sits inside the header's band: under the same shading, or above the rule that closes it.
    const headerBox = cells.map((c) => c.bbox).reduce(union);
    const inBand = v.accepted && verdict.accepted && withinHeaderBand(page, rulings.h, headerBox, below.map((l) => l.bbox).reduce(union), size, options);
    if (improves || inBand) {
      cells = merged;
      verdict = v;
      last = k;
    } else break;
  }
  if (!verdict.accepted) return null;
  const bbox = cells.map((c) => c.bbox).reduce(union);
  return {
    row: {
      pageNumber: page.pageNumber,
      cells: cells.map((c, i) => ({ text: c.text, lines: c.lines, bbox: c.bbox, role: verdict.roles[i] ?? null })),
      bbox,
      band: null,
      ruled: false,
    },
    last,
  };
}

/**
 * Given a page, its merged rulings and a header classifier, return the page's header rows,
 * top to bottom.
 */
export function findHeaderRows(page: Page, rulings: PageRulings, classify: HeaderClassifier, options: LayoutOptions): HeaderRow[] {
  const groups = baselineGroups(page.items, options.lines);
  const found: HeaderRow[] = [];
  const rejected = new Set<string>();
  for (let g = 0; g < groups.length; g++) {
    const line = makeLine(groups[g]!, options.lines.wordSpace);
    const prev = found[found.length - 1];
    if (prev?.band && midY(line.bbox) < prev.band.bottom && midY(line.bbox) > prev.band.top) continue;
    const grid = gridHeader(page, line, rulings, classify, options, rejected);
    if (grid) {
      found.push(grid);
      continue;
    }
    const text = textHeader(page, groups, g, rulings, classify, options);
    if (!text) continue;
    found.push(text.row);
    g = text.last;
  }
  return found;
}
