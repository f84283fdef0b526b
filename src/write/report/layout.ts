/**
 * Records → a page plan (pure: no pdf-lib, no clock). Decides what goes on which page, where,
 * and which structure element each piece belongs to; draw.ts only paints the plan and tags.ts
 * only writes the structure tree. Because the plan is data, the page-break rules (≥ 3 lines of
 * a row on either side of a break, the header row on every page, a continued row's label)
 * are tested on it directly (test/write/report-layout.test.ts).
 *
 * The layout is also a contract with our own extractor, which reads a report back to the same
 * records (test/e2e/roundtrip.test.ts): the title is the single largest text and the
 * committee line follows it; the header row is repeated on every page; a continued row starts
 * with "<label> (continued)", which the extractor recognises (src/tracker/labels.ts); the
 * Progress cell is never shaded (shading there is read as a RAG colour).
 */
import { countRag, type RagCounts } from '../../tracker/rag.ts';
import { classifyHeader } from '../../tracker/vocabulary.ts';
import type { RagStatus, TrackerDocument, TrackerRecord } from '../../schema.ts';
import type { Colour, DrawItem, Mark, OutlineItem, PagePlan, ReportPlan, ReportWarning, StructNode, StructRole } from './plan.ts';
import { ellipsize, layoutField, oneLine, width, wrapLine, type CellLine, type Face, type Faces } from './text.ts';
import { chartItems, CHART_HEIGHT, chartAlt } from './chart.ts';
import { COLOURS, RAG_ORDER, RAG_STYLE } from './style.ts';

/** What to print and how (resolved: every field set). */
export interface LayoutSettings {
  /** Report title: single document, shown instead of the document's; several, the cover's. */
  title: string | null;
  committee: string | null;
  subtitle: string | null;
  /** The date printed on page 1, as text ("29 November 2026"). */
  date: string;
  /** The generation date printed in footers (YYYY-MM-DD). */
  generated: string;
  landscape: boolean;
  /** Record order within a table: as in the document, by id (natural), or by RAG (red first). */
  sort: 'document' | 'id' | 'rag';
  /** RAG statuses to list ('none' = not rated); null lists every record. */
  only: Array<RagStatus | 'none'> | null;
  /** One printed table per table of the document, or one per RAG status. */
  groupBy: 'table' | 'rag';
  /** Print each document's introduction and closing text. */
  withIntro: boolean;
}

/** The table's header row when the source's own headings are unknown (records from a CSV). */
export const REPORT_COLUMNS = ['Recommendation', 'Response', 'Progress', 'RAG'] as const;

/** A4 per ISO 216, in points. */
export const A4 = { width: 595.28, height: 841.89 } as const;
const MARGIN = { left: 40, right: 40, top: 40 } as const;
/** Space kept below the lowest table row: ≥ 20 pt above the footer text. */
const BOTTOM_SPACE = 52;
/** Footer baseline distance from the page's bottom edge. */
const FOOTER_FROM_BOTTOM = 22;
/** Column shares of the content width: 34 / 30 / 26 / 10 %. */
const COLUMN_SHARES = [0.34, 0.3, 0.26, 0.1] as const;

/**
 * Cell text. Chosen by eye on the seed fixture rendered at 60 dpi, and so that the extractor's
 * tolerances (line clustering, paragraph gaps > 1 leading) see clean structure.
 */
export const TEXT = {
  size: 9,
  /** Baseline-to-baseline distance of cell text (~1.28 × size). */
  leading: 11.5,
  /** Extra space before a paragraph that follows a blank line ("\n\n"): 0.6 line. */
  paragraphGap: 0.6 * 11.5,
  /** Inner padding of every cell. */
  padding: 4,
  /** Baseline position within a line box, from its top (DejaVu ascent ≈ 0.93 em, descent ≈ 0.24 em). */
  baselineOffset: 8.6,
} as const;

/** Issue #10: no row leaves fewer than this many lines on either side of a page break. */
export const MIN_LINES_AT_BREAK = 3;
/** Printed after a row's label at the top of its continuation on the next page. */
export const CONTINUED = '(continued)';

const TABLE_HEADING = { size: 11, leading: 14, after: 6 } as const;
export const SUB_HEADING = { size: 13, leading: 17, after: 6 } as const;
export const TABLE_GAP = 18;
export const TITLE = { maxSize: 20, minSize: 15, leading: 1.2, maxLines: 2 } as const;
const COMMITTEE_SIZE = 12;
const SUBTITLE_SIZE = 11;
const DATE_SIZE = 10;
const SUMMARY_SIZE = 10;
export const BODY = { size: 10, leading: 13, after: 6 } as const;
export const BRAND_SIZE = 8;
const FOOTER_SIZE = 8;
const RAG_CHIP = { height: 13, textSize: 8 } as const;
const RULE_WIDTH = 0.5;
const CONTENTS = { size: 10, leading: 16 } as const;

export interface Geometry {
  width: number;
  height: number;
  left: number;
  right: number;
  top: number;
  /** Lowest y a table row or paragraph may reach. */
  bottom: number;
  contentWidth: number;
  /** The four report columns (recommendation, response, progress, RAG), left to right. */
  columns: [ReportColumn, ReportColumn, ReportColumn, ReportColumn];
}

type ReportColumn = { x: number; width: number };

export function geometry(landscape: boolean): Geometry {
  const [width, height] = landscape ? [A4.height, A4.width] : [A4.width, A4.height];
  const contentWidth = width - MARGIN.left - MARGIN.right;
  let x = MARGIN.left;
  const columns = COLUMN_SHARES.map((share) => {
    const col = { x, width: contentWidth * share };
    x += col.width;
    return col;
  }) as Geometry['columns'];
  return { width, height, left: MARGIN.left, right: width - MARGIN.right, top: MARGIN.top, bottom: height - BOTTOM_SPACE, contentWidth, columns };
}

/** The structure tree under construction, in reading order. */
export class Tree {
  readonly nodes: StructNode[] = [];
  add(role: StructRole, parent: StructNode | null, extra: Partial<Pick<StructNode, 'scope' | 'alt' | 'actualText'>> = {}): StructNode {
    const node: StructNode = { id: this.nodes.length, role, kids: [], ...extra };
    this.nodes.push(node);
    parent?.kids.push(node);
    return node;
  }
}

export const PAGINATION: Mark = { artifact: 'Pagination' };
export const LAYOUT: Mark = { artifact: 'Layout' };
export const tag = (n: StructNode): Mark => ({ node: n.id });

/** Pages being filled, top to bottom. */
export class Flow {
  readonly pages: PagePlan[] = [];
  page!: PagePlan;
  y = 0;
  /** Called after a page break inside a table (to repeat its header row). */
  onBreak: (() => void) | null = null;
  readonly g: Geometry;
  constructor(g: Geometry) {
    this.g = g;
  }
  addPage(): void {
    this.page = { width: this.g.width, height: this.g.height, items: [] };
    this.pages.push(this.page);
    this.y = this.g.top;
  }
  /** Start a new page (repeating a table header when inside a table). */
  breakPage(): void {
    this.addPage();
    this.onBreak?.();
  }
  get index(): number {
    return this.pages.length - 1;
  }
  push(item: DrawItem): void {
    this.page.items.push(item);
  }
  text(x: number, baseline: number, text: string, bold: boolean, size: number, colour: Colour, mark: Mark): void {
    if (text !== '') this.push({ kind: 'text', x, baseline, text, bold, size, colour, mark });
  }
  hline(x0: number, x1: number, y: number, mark: Mark = LAYOUT): void {
    this.push({ kind: 'line', x0, y0: y, x1, y1: y, thickness: RULE_WIDTH, colour: COLOURS.rule, mark });
  }
  vline(x: number, y0: number, y1: number, mark: Mark = LAYOUT): void {
    this.push({ kind: 'line', x0: x, y0, x1: x, y1, thickness: RULE_WIDTH, colour: COLOURS.rule, mark });
  }
}

/** Collects characters the font cannot print, by place (issue #10). */
export class Unprintable {
  readonly chars: string[] = [];
  readonly places: string[] = [];
  note(place: string, missing: Set<string>): void {
    if (!missing.size) return;
    for (const c of missing) if (!this.chars.includes(c)) this.chars.push(c);
    if (!this.places.includes(place)) this.places.push(place);
  }
}

export interface Ctx {
  flow: Flow;
  tree: Tree;
  faces: Faces;
  settings: LayoutSettings;
  unprintable: Unprintable;
}

/** "U+6771 東" for a warning message. */
export const describeChar = (c: string) => `${c} (U+${c.codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0')})`;

/** Lines of a paragraph at `size`, wrapped to the content width, each placed (breaking pages as needed). */
export function paragraph(
  ctx: Ctx,
  parent: StructNode,
  role: StructRole,
  text: string,
  o: { size: number; leading: number; bold?: boolean; colour?: Colour; after?: number; indent?: number; place: string },
): StructNode | null {
  const face = o.bold ? ctx.faces.bold : ctx.faces.regular;
  const missing = new Set<string>();
  const indent = o.indent ?? 0;
  const lines = layoutField(text, face, o.size, ctx.flow.g.contentWidth - indent, o.leading * 0.5, missing);
  ctx.unprintable.note(o.place, missing);
  if (!lines.length) return null;
  const node = ctx.tree.add(role, parent, missing.size ? { actualText: text } : {});
  for (const line of lines) {
    if (ctx.flow.y + line.gapBefore + o.leading > ctx.flow.g.bottom) ctx.flow.breakPage();
    else ctx.flow.y += line.gapBefore;
    ctx.flow.text(ctx.flow.g.left + indent + line.indent, ctx.flow.y + o.size * 0.95, line.text, o.bold ?? false, o.size, o.colour ?? COLOURS.text, tag(node));
    ctx.flow.y += o.leading;
  }
  ctx.flow.y += o.after ?? 0;
  return node;
}

/** Wrap and, if needed, shrink the title so it takes at most two lines. */
export function fitTitle(title: string, f: Face, max: number, missing: Set<string>): { size: number; lines: string[] } {
  const text = oneLine(title, f, missing);
  let size: number = TITLE.maxSize;
  let lines = wrapLine(text, f, size, max);
  while (lines.length > TITLE.maxLines && size > TITLE.minSize) {
    size -= 1;
    lines = wrapLine(text, f, size, max);
  }
  return { size, lines };
}

/** "12 recommendations: 7 green, 3 amber, 1 red, 1 not rated." (blue only when present). */
export function summaryText(counts: RagCounts, n: number): string {
  if (n === 0) return 'No recommendations.';
  const parts = [`${counts.green} green`, `${counts.amber} amber`, `${counts.red} red`, ...(counts.blue ? [`${counts.blue} blue`] : []), `${counts.none} not rated`];
  return `${n} recommendation${n === 1 ? '' : 's'}: ${parts.join(', ')}.`;
}

/** The heading block: brand line, title, committee, subtitle, date, summary and the chart. */
function headingBlock(
  ctx: Ctx,
  parent: StructNode,
  o: { role: 'H1' | 'H2'; title: string; committee: string; subtitle: string; date: string; counts: RagCounts; n: number; place: string },
): void {
  const { flow, faces, tree } = ctx;
  const g = flow.g;
  flow.text(g.left, flow.y + BRAND_SIZE, 'Impact tracker report', true, BRAND_SIZE, COLOURS.accent, PAGINATION);
  flow.y += BRAND_SIZE + 12;
  const missing = new Set<string>();
  const title = fitTitle(o.title, faces.bold, g.contentWidth, missing);
  ctx.unprintable.note(`${o.place} title`, missing);
  const h = tree.add(o.role, parent, missing.size ? { actualText: o.title } : {});
  for (const line of title.lines) {
    flow.text(g.left, flow.y + title.size * 0.95, line, true, title.size, COLOURS.accent, tag(h));
    flow.y += title.size * TITLE.leading;
  }
  const line = (text: string, size: number, colour: Colour, gap: number, what: string) => {
    if (!text.trim()) return;
    flow.y += gap;
    paragraph(ctx, parent, 'P', text.replace(/\s+/g, ' ').trim(), { size, leading: size * 1.3, colour, place: `${o.place} ${what}` });
  };
  line(o.committee, COMMITTEE_SIZE, COLOURS.muted, 2, 'committee');
  line(o.subtitle, SUBTITLE_SIZE, COLOURS.text, 4, 'subtitle');
  line(o.date, DATE_SIZE, COLOURS.muted, 4, 'date');
  line(summaryText(o.counts, o.n), SUMMARY_SIZE, COLOURS.text, 10, 'summary');
  flow.y += 4;
  const fig = tree.add('Figure', parent, { alt: chartAlt(o.counts, o.n) });
  for (const item of chartItems(o.counts, { x: g.left, top: flow.y, width: g.contentWidth }, faces, tag(fig))) flow.push(item);
  flow.y += CHART_HEIGHT + 14;
}

/** Column headings for a table: the source's own where they map to our four columns. */
export function columnHeadings(doc: TrackerDocument, tableIndex: number): [string, string, string, string] {
  const cols = doc.tables.find((t) => t.index === tableIndex)?.columns ?? (tableIndex === 1 ? doc.columns : []);
  const out: [string, string, string, string] = [...REPORT_COLUMNS];
  if (!cols.length) return out;
  const { roles, accepted } = classifyHeader(cols);
  if (!accepted) return out;
  (['recommendation', 'response', 'progress'] as const).forEach((role, k) => {
    const i = roles.indexOf(role);
    const text = cols[i]?.replace(/\s+/g, ' ').trim() ?? '';
    if (text) out[k] = text;
  });
  return out;
}

/** Natural order of ids: "2" < "10" < "10a" < "R3". */
export function compareIds(a: string, b: string): number {
  const na = /^\d+/.exec(a),
    nb = /^\d+/.exec(b);
  if (na && nb && Number(na[0]) !== Number(nb[0])) return Number(na[0]) - Number(nb[0]);
  if (na && !nb) return -1;
  if (!na && nb) return 1;
  return a < b ? -1 : a > b ? 1 : 0;
}

const ragKey = (r: TrackerRecord): RagStatus | 'none' => r.rag ?? 'none';

function sortRecords(records: TrackerRecord[], sort: LayoutSettings['sort']): TrackerRecord[] {
  if (sort === 'document') return records;
  const indexed = records.map((r, i) => ({ r, i }));
  indexed.sort((a, b) => {
    if (sort === 'rag') {
      const d = RAG_ORDER.indexOf(ragKey(a.r)) - RAG_ORDER.indexOf(ragKey(b.r));
      if (d) return d;
    }
    return compareIds(a.r.id, b.r.id) || a.i - b.i;
  });
  return indexed.map((x) => x.r);
}

/** A printed table: its heading (or none), column headings and records. */
export interface TableGroup {
  heading: string | null;
  columns: [string, string, string, string];
  records: TrackerRecord[];
}

/** The tables a document prints as: per source table (in order), or per RAG status; filtered and sorted. */
export function groupRecords(doc: TrackerDocument, settings: Pick<LayoutSettings, 'sort' | 'only' | 'groupBy'>): TableGroup[] {
  const keep = settings.only ? doc.records.filter((r) => settings.only!.includes(ragKey(r))) : doc.records;
  if (settings.groupBy === 'rag') {
    const columns = columnHeadings(doc, doc.records[0]?.table ?? 1);
    return RAG_ORDER.map((rag) => ({
      heading: RAG_STYLE[rag].word,
      columns,
      records: sortRecords(
        keep.filter((r) => ragKey(r) === rag),
        settings.sort,
      ),
    })).filter((g) => g.records.length);
  }
  const groups: Array<{ table: number; records: TrackerRecord[] }> = [];
  for (const record of keep) {
    let group = groups.find((x) => x.table === record.table);
    if (!group) {
      group = { table: record.table, records: [] };
      groups.push(group);
    }
    group.records.push(record);
  }
  if (!groups.length && !settings.only) groups.push({ table: 1, records: [] });
  return groups.map((x) => ({
    heading: doc.tables.find((t) => t.index === x.table)?.heading ?? null,
    columns: columnHeadings(doc, x.table),
    records: sortRecords(x.records, settings.sort),
  }));
}

interface RowCells {
  /** Lines of the recommendation, response and progress cells (label first in the recommendation cell). */
  cells: CellLine[][];
  rag: RagStatus | null;
  /** The label as printed, for the continuation line ("Recommendation 3" / "5"). */
  label: string;
  /** Per cell, the original text when some character could not be printed (for /ActualText). */
  actual: Array<string | null>;
}

function layoutRow(ctx: Ctx, record: TrackerRecord, file: string): RowCells {
  const { faces, flow } = ctx;
  const texts = [record.recommendation, record.response, record.progress];
  const actual: Array<string | null> = [null, null, null, null];
  const [recommendation, ...rest] = texts.map((text, i) => {
    const missing = new Set<string>();
    const lines = layoutField(text, faces.regular, TEXT.size, flow.g.columns[i]!.width - 2 * TEXT.padding, TEXT.paragraphGap, missing);
    if (missing.size) actual[i] = text;
    ctx.unprintable.note(`${file} record ${record.id}`, missing);
    return lines;
  });
  // The label, or the id when the record has none (issue #10: "Recommendation 5" / "5"). The
  // schema's label has no trailing colon; strip one anyway so a hand-edited "R1:" prints once.
  const missing = new Set<string>();
  const label = oneLine(record.label || record.id, faces.bold, missing)
    .replace(/[:.]$/, '')
    .trimEnd();
  ctx.unprintable.note(`${file} record ${record.id}`, missing);
  // "3)" is a label with its own punctuation: no colon after it.
  const colon = /\)$/.test(label) ? '' : ':';
  if (missing.size) actual[0] = `${record.label || record.id}${colon} ${record.recommendation}`;
  else if (actual[0] !== null) actual[0] = `${label}${colon} ${actual[0]}`;
  const labelLines = wrapLine(`${label}${colon}`, faces.bold, TEXT.size, flow.g.columns[0].width - 2 * TEXT.padding).map(
    (text): CellLine => ({ text, bold: true, indent: 0, gapBefore: 0 }),
  );
  const cells = [[...labelLines, ...(recommendation ?? [])], ...rest];
  return { cells, rag: record.rag, label, actual };
}

/** Height of lines [from, to) of a cell, ignoring the gap above the first one. */
export function linesHeight(lines: CellLine[], from: number, to: number): number {
  let h = 0;
  for (let i = from; i < to; i++) h += TEXT.leading + (i === from ? 0 : (lines[i]?.gapBefore ?? 0));
  return h;
}

/** How many lines of a cell, from `from`, fit in `avail` points. */
export function linesThatFit(lines: CellLine[], from: number, avail: number): number {
  let h = 0;
  let n = 0;
  for (let i = from; i < lines.length; i++) {
    h += TEXT.leading + (i === from ? 0 : lines[i]!.gapBefore);
    if (h > avail + 1e-6) break;
    n++;
  }
  return n;
}

/**
 * How many lines of each cell to put on this page, or null to move the row to the next page.
 * Rule (issue #10): the part of the row on each side of the break has ≥ MIN_LINES_AT_BREAK
 * lines (in its tallest cell), unless the row is the first thing on the page and cannot fit.
 */
export function splitRow(cells: CellLine[][], pos: number[], avail: number[], pageEmpty: boolean): number[] | null {
  const take = cells.map((lines, c) => linesThatFit(lines, pos[c] ?? 0, avail[c] ?? 0));
  cells.forEach((lines, c) => {
    const at = pos[c] ?? 0;
    const left = lines.length - at - take[c]!;
    if (left > 0 && left < MIN_LINES_AT_BREAK) take[c] = Math.max(0, lines.length - at - MIN_LINES_AT_BREAK);
  });
  if (Math.max(...take) < MIN_LINES_AT_BREAK && !pageEmpty) return null;
  if (take.every((n) => n === 0)) return cells.map((lines, c) => Math.min(1, lines.length - (pos[c] ?? 0))); // guard: a page holds ~60 lines
  return take;
}

/** The header row of a table; the first is tagged (THead/TR/TH), repeats are artifacts. */
function headerRow(ctx: Ctx, columns: string[], thead: StructNode | null): number {
  const { flow, faces, tree } = ctx;
  const g = flow.g;
  const wrapped = columns.map((c, i) => wrapLine(oneLine(c, faces.bold), faces.bold, TEXT.size, g.columns[i]!.width - 2 * TEXT.padding));
  const lines = Math.max(1, ...wrapped.map((w) => w.length));
  const height = lines * TEXT.leading + 2 * TEXT.padding + 1;
  const top = flow.y;
  flow.push({ kind: 'rect', x: g.left, top, width: g.contentWidth, height, fill: COLOURS.accent, mark: thead ? LAYOUT : PAGINATION });
  const tr = thead ? tree.add('TR', thead) : null;
  wrapped.forEach((ws, i) => {
    const mark = tr ? tag(tree.add('TH', tr, { scope: 'Column' })) : PAGINATION;
    ws.forEach((w, k) => {
      flow.text(g.columns[i]!.x + TEXT.padding, top + TEXT.padding + 0.5 + TEXT.baselineOffset + k * TEXT.leading, w, true, TEXT.size, COLOURS.headerText, mark);
    });
  });
  flow.y = top + height;
  return top;
}

/** The RAG chip: the fill is an artifact, the word the cell's content. */
function ragCell(ctx: Ctx, rag: RagStatus | null, top: number, mark: Mark): void {
  const { flow, faces } = ctx;
  const col = flow.g.columns[3];
  const x = col.x + TEXT.padding;
  const w = col.width - 2 * TEXT.padding;
  if (rag === null) {
    const size = width(faces.regular, 'Not rated', TEXT.size) <= w ? TEXT.size : RAG_CHIP.textSize;
    flow.text(x, top + TEXT.padding + TEXT.baselineOffset, 'Not rated', false, size, COLOURS.notRated, mark);
    return;
  }
  const style = RAG_STYLE[rag];
  const chipTop = top + TEXT.padding - 0.5;
  flow.push({ kind: 'rect', x, top: chipTop, width: w, height: RAG_CHIP.height, fill: style.fill, mark: LAYOUT });
  const tw = width(faces.bold, style.word, RAG_CHIP.textSize);
  flow.text(x + (w - tw) / 2, chipTop + RAG_CHIP.height / 2 + RAG_CHIP.textSize * 0.36, style.word, true, RAG_CHIP.textSize, style.text, mark);
}

/** A records table: header row (repeated after each page break), then one row per record. */
function recordsTable(ctx: Ctx, parent: StructNode, group: TableGroup, file: string): void {
  const { flow, tree } = ctx;
  const g = flow.g;
  const table = tree.add('Table', parent);
  let tableTop = headerRow(ctx, group.columns, tree.add('THead', table));
  let pageEmpty = true;
  const close = () => {
    if (flow.y <= tableTop) return;
    for (const x of [...g.columns.map((c) => c.x), g.right]) flow.vline(x, tableTop, flow.y);
    flow.hline(g.left, g.right, tableTop);
  };
  flow.onBreak = () => {
    tableTop = headerRow(ctx, group.columns, null);
    pageEmpty = true;
  };
  const tbody = group.records.length ? tree.add('TBody', table) : null;
  for (const record of group.records) {
    const row = layoutRow(ctx, record, file);
    const tr = tree.add('TR', tbody);
    const tds = [0, 1, 2, 3].map((i) => tree.add('TD', tr, row.actual[i] ? { actualText: row.actual[i]! } : {}));
    const pos = row.cells.map(() => 0);
    let first = true;
    for (;;) {
      const contLine = first ? 0 : TEXT.leading;
      const avail = g.bottom - flow.y - 2 * TEXT.padding;
      const availPer = row.cells.map((_, c) => avail - (c === 0 ? contLine : 0));
      const rest = row.cells.map((lines, c) => linesHeight(lines, pos[c]!, lines.length) + (c === 0 ? contLine : 0));
      const needed = Math.max(TEXT.leading, ...rest);
      let take: number[];
      let done = false;
      if (needed <= avail + 1e-6) {
        take = row.cells.map((lines, c) => lines.length - pos[c]!);
        done = true;
      } else {
        const split = splitRow(row.cells, pos, availPer, pageEmpty);
        if (!split) {
          close();
          flow.breakPage();
          continue;
        }
        take = split;
      }
      const height = Math.max(TEXT.leading, ...row.cells.map((lines, c) => linesHeight(lines, pos[c]!, pos[c]! + take[c]!) + (c === 0 && take[c] ? contLine : 0)));
      const top = flow.y;
      if (!first) flow.text(g.columns[0].x + TEXT.padding, top + TEXT.padding + TEXT.baselineOffset, `${row.label} ${CONTINUED}`, true, TEXT.size, COLOURS.muted, PAGINATION);
      row.cells.forEach((lines, c) => {
        let y = top + TEXT.padding + (c === 0 ? contLine : 0);
        const from = pos[c]!;
        const to = from + take[c]!;
        for (const [i, line] of lines.slice(from, to).entries()) {
          if (i !== 0) y += line.gapBefore;
          flow.text(g.columns[c]!.x + TEXT.padding + line.indent, y + TEXT.baselineOffset, line.text, line.bold, TEXT.size, COLOURS.text, tag(tds[c]!));
          y += TEXT.leading;
        }
        pos[c] = to;
      });
      if (first) ragCell(ctx, row.rag, top, tag(tds[3]!));
      first = false;
      flow.y = top + height + 2 * TEXT.padding;
      flow.hline(g.left, g.right, flow.y);
      pageEmpty = false;
      if (done) break;
      close();
      flow.breakPage();
    }
  }
  close();
  flow.onBreak = null;
}

/** A small table of text cells (the RAG counts per document): rows never split; header repeated. */
export function simpleTable(ctx: Ctx, parent: StructNode, columns: string[], shares: number[], rows: Array<{ cells: string[]; bold?: boolean }>, numeric: boolean[]): void {
  const { flow, tree, faces } = ctx;
  const g = flow.g;
  const xs: number[] = [];
  let x = g.left;
  for (const s of shares) {
    xs.push(x);
    x += s * g.contentWidth;
  }
  const widths = shares.map((s) => s * g.contentWidth);
  const table = tree.add('Table', parent);
  const header = (thead: StructNode | null) => {
    const top = flow.y;
    const height = TEXT.leading + 2 * TEXT.padding + 1;
    flow.push({ kind: 'rect', x: g.left, top, width: g.contentWidth, height, fill: COLOURS.accent, mark: thead ? LAYOUT : PAGINATION });
    const tr = thead ? tree.add('TR', thead) : null;
    columns.forEach((c, i) => {
      const mark = tr ? tag(tree.add('TH', tr, { scope: 'Column' })) : PAGINATION;
      const t = ellipsize(oneLine(c, faces.bold), faces.bold, TEXT.size, widths[i]! - 2 * TEXT.padding);
      const tx = numeric[i] ? xs[i]! + widths[i]! - TEXT.padding - width(faces.bold, t, TEXT.size) : xs[i]! + TEXT.padding;
      flow.text(tx, top + TEXT.padding + 0.5 + TEXT.baselineOffset, t, true, TEXT.size, COLOURS.headerText, mark);
    });
    flow.y = top + height;
  };
  header(tree.add('THead', table));
  flow.onBreak = () => header(null);
  const tbody = tree.add('TBody', table);
  for (const row of rows) {
    const face = row.bold ? faces.bold : faces.regular;
    const missing = new Set<string>();
    const wrapped = row.cells.map((c, i) => wrapLine(oneLine(c, face, missing), face, TEXT.size, widths[i]! - 2 * TEXT.padding));
    ctx.unprintable.note(`contents: ${row.cells[0]}`, missing);
    const height = Math.max(1, ...wrapped.map((w) => w.length)) * TEXT.leading + 2 * TEXT.padding;
    if (flow.y + height > g.bottom) flow.breakPage();
    const top = flow.y;
    const tr = tree.add('TR', tbody);
    wrapped.forEach((ws, i) => {
      const td = tree.add('TD', tr, missing.size && i === 0 ? { actualText: row.cells[0] } : {});
      ws.forEach((w, k) => {
        const tx = numeric[i] ? xs[i]! + widths[i]! - TEXT.padding - width(face, w, TEXT.size) : xs[i]! + TEXT.padding;
        flow.text(tx, top + TEXT.padding + TEXT.baselineOffset + k * TEXT.leading, w, row.bold ?? false, TEXT.size, COLOURS.text, tag(td));
      });
    });
    flow.y = top + height;
    flow.hline(g.left, g.right, flow.y);
  }
  flow.onBreak = null;
  flow.y += TABLE_GAP;
}

/** One document's body: intro, its tables under their headings, closing. Returns the outline entries of its tables. */
function documentBody(ctx: Ctx, parent: StructNode, doc: TrackerDocument, headingRole: 'H2' | 'H3'): OutlineItem[] {
  const { flow, settings, faces, tree } = ctx;
  const g = flow.g;
  const file = doc.source.file;
  const outline: OutlineItem[] = [];
  if (settings.only) {
    const shown = doc.records.filter((r) => settings.only!.includes(ragKey(r))).length;
    const words = settings.only.map((r) => RAG_STYLE[r].word.toLowerCase());
    const list = words.length > 1 ? `${words.slice(0, -1).join(', ')} and ${words.at(-1)}` : words[0];
    paragraph(ctx, parent, 'P', `This report lists the ${list} recommendations only: ${shown} of ${doc.records.length}.`, {
      size: BODY.size,
      leading: BODY.leading,
      after: BODY.after,
      place: `${file} note`,
    });
  }
  if (settings.withIntro && doc.intro.trim()) {
    for (const para of doc.intro.split(/\n[ \t]*\n/))
      paragraph(ctx, parent, 'P', para, { size: BODY.size, leading: BODY.leading, after: BODY.after, place: `${file} introduction` });
    flow.y += 6;
  }
  const groups = groupRecords(doc, settings);
  if (!groups.length) paragraph(ctx, parent, 'P', 'No recommendations match.', { size: BODY.size, leading: BODY.leading, place: `${file} note` });
  groups.forEach((group, k) => {
    if (k > 0) flow.y += TABLE_GAP;
    const missing = new Set<string>();
    const lines = group.heading ? wrapLine(oneLine(group.heading, faces.bold, missing), faces.bold, TABLE_HEADING.size, g.contentWidth) : [];
    ctx.unprintable.note(`${file} table heading`, missing);
    // The heading, the header row and 3 lines of the first row stay together.
    const needed = lines.length * TABLE_HEADING.leading + TABLE_HEADING.after + 2 * TEXT.leading + MIN_LINES_AT_BREAK * TEXT.leading + 4 * TEXT.padding;
    if (flow.y + needed > g.bottom && flow.y > g.top + 1) flow.addPage();
    if (lines.length) {
      outline.push({ title: oneLine(group.heading!, faces.bold), page: flow.index, top: flow.y, children: [] });
      const h = tree.add(headingRole, parent, missing.size ? { actualText: group.heading! } : {});
      for (const line of lines) {
        flow.text(g.left, flow.y + TABLE_HEADING.size, line, true, TABLE_HEADING.size, COLOURS.accent, tag(h));
        flow.y += TABLE_HEADING.leading;
      }
      flow.y += TABLE_HEADING.after;
    }
    recordsTable(ctx, parent, group, file);
  });
  if (settings.withIntro && doc.closing.trim()) {
    flow.y += TABLE_GAP;
    for (const para of doc.closing.split(/\n[ \t]*\n/)) paragraph(ctx, parent, 'P', para, { size: BODY.size, leading: BODY.leading, after: BODY.after, place: `${file} closing` });
  }
  return outline;
}

/** The contents: one line per document (bold) and per table heading, with page numbers. */
function contents(ctx: Ctx, parent: StructNode, entries: Array<{ title: string; level: 0 | 1; page: number }>): void {
  const { flow, tree, faces } = ctx;
  const g = flow.g;
  const toc = tree.add('TOC', parent);
  for (const e of entries) {
    if (flow.y + CONTENTS.leading > g.bottom) flow.addPage();
    const face = e.level === 0 ? faces.bold : faces.regular;
    const item = tree.add('TOCI', toc);
    const num = String(e.page);
    const nw = width(face, num, CONTENTS.size);
    const indent = e.level * 16;
    const missing = new Set<string>();
    const title = ellipsize(oneLine(e.title, face, missing), face, CONTENTS.size, g.contentWidth - indent - 40);
    ctx.unprintable.note(`contents: ${e.title}`, missing);
    const baseline = flow.y + CONTENTS.size;
    flow.text(g.left + indent, baseline, title, e.level === 0, CONTENTS.size, COLOURS.text, tag(item));
    // Dot leaders are decoration: an artifact, so a reader hears "title, page".
    const from = g.left + indent + width(face, title, CONTENTS.size) + 6;
    const to = g.right - nw - 6;
    const dot = width(faces.regular, '. ', CONTENTS.size);
    const dots = Math.floor((to - from) / dot);
    if (dots >= 3) flow.text(to - dots * dot, baseline, '. '.repeat(dots).trimEnd(), false, CONTENTS.size, COLOURS.rule, LAYOUT);
    flow.text(g.right - nw, baseline, num, e.level === 0, CONTENTS.size, COLOURS.text, tag(item));
    flow.y += CONTENTS.leading;
  }
  flow.y += TABLE_GAP;
}

/** Footers: "<file or title> · Generated YYYY-MM-DD" left, "Page n of N" right; artifacts. */
export function footers(pages: PagePlan[], labels: string[], generated: string, faces: Faces): void {
  const total = pages.length;
  pages.forEach((page, i) => {
    const right = `Page ${i + 1} of ${total}`;
    const rw = width(faces.regular, right, FOOTER_SIZE);
    const baseline = page.height - FOOTER_FROM_BOTTOM;
    page.items.push({ kind: 'text', x: page.width - MARGIN.right - rw, baseline, text: right, bold: false, size: FOOTER_SIZE, colour: COLOURS.footer, mark: PAGINATION });
    const label = oneLine(labels[i] ?? '', faces.regular);
    const date = generated ? `Generated ${generated}` : '';
    const sep = label && date ? '  ·  ' : '';
    const dateW = date ? width(faces.regular, sep + date, FOOTER_SIZE) : 0;
    const left = label ? ellipsize(label, faces.regular, FOOTER_SIZE, page.width - MARGIN.left - MARGIN.right - rw - 24 - dateW) : '';
    if (left + sep + date)
      page.items.push({ kind: 'text', x: MARGIN.left, baseline, text: left + sep + date, bold: false, size: FOOTER_SIZE, colour: COLOURS.footer, mark: PAGINATION });
  });
}

/** Duplicate ids within one printed table of a document (a CSV that lost its `file` column merges documents). */
function duplicateIds(doc: TrackerDocument): string[] {
  const seen = new Set<string>();
  const dup: string[] = [];
  for (const r of doc.records) {
    const key = `${r.table}\u0000${r.id}`;
    if (seen.has(key) && !dup.includes(r.id)) dup.push(r.id);
    seen.add(key);
  }
  return dup;
}

/**
 * Lay out the report: one document gives its heading block then its tables; several give a
 * cover (title, overall chart, contents, RAG counts per document) and a section per document,
 * each starting on a new page.
 * @param faces measured fonts (the same the drawing uses).
 */
export function layoutReport(docs: TrackerDocument[], faces: Faces, settings: LayoutSettings): ReportPlan {
  const g = geometry(settings.landscape);
  const unprintable = new Unprintable();
  const allRecords = docs.flatMap((d) => d.records);

  const run = (pageNumbers: number[] | null) => {
    const tree = new Tree();
    const flow = new Flow(g);
    const ctx: Ctx = { flow, tree, faces, settings, unprintable };
    const root = tree.add('Document', null);
    const outline: OutlineItem[] = [];
    const labels: string[] = [];
    const label = (text: string) => {
      while (labels.length < flow.pages.length) labels.push(text);
    };
    const [doc] = docs;
    if (docs.length === 1 && doc) {
      flow.addPage();
      headingBlock(ctx, root, {
        role: 'H1',
        title: settings.title ?? doc.title,
        committee: settings.committee ?? doc.committee,
        subtitle: settings.subtitle ?? '',
        date: settings.date,
        counts: countRag(doc.records),
        n: doc.records.length,
        place: doc.source.file,
      });
      outline.push(...documentBody(ctx, root, doc, 'H2'));
      label(doc.source.file);
      return { tree, flow, outline, labels, starts: [] as Array<{ page: number; tables: OutlineItem[] }> };
    }
    flow.addPage();
    const title = settings.title ?? `Recommendation impact trackers: ${docs.length} documents`;
    headingBlock(ctx, root, {
      role: 'H1',
      title,
      committee: settings.committee ?? '',
      subtitle: settings.subtitle ?? '',
      date: settings.date,
      counts: countRag(allRecords),
      n: allRecords.length,
      place: 'cover',
    });
    const h = tree.add('H2', root);
    flow.text(g.left, flow.y + SUB_HEADING.size, 'Contents', true, SUB_HEADING.size, COLOURS.accent, tag(h));
    flow.y += SUB_HEADING.leading + SUB_HEADING.after;
    // Page numbers are known after the sections are laid out: a first run uses placeholders
    // of the same count, so the front matter has the same number of pages (entries are one line).
    const groupsPer = docs.map((d) => groupRecords(d, settings).filter((x) => x.heading));
    const entries: Array<{ title: string; level: 0 | 1; page: number }> = [];
    let k = 0;
    docs.forEach((d, i) => {
      entries.push({ title: d.title || d.source.file, level: 0, page: pageNumbers?.[k++] ?? 999 });
      for (const grp of groupsPer[i] ?? []) entries.push({ title: grp.heading!, level: 1, page: pageNumbers?.[k++] ?? 999 });
    });
    contents(ctx, root, entries);
    const countsHeading = 'RAG status by document';
    if (flow.y + SUB_HEADING.leading + 3 * (TEXT.leading + 2 * TEXT.padding) > g.bottom) flow.addPage();
    const h2 = tree.add('H2', root);
    flow.text(g.left, flow.y + SUB_HEADING.size, countsHeading, true, SUB_HEADING.size, COLOURS.accent, tag(h2));
    flow.y += SUB_HEADING.leading + SUB_HEADING.after;
    const statuses = RAG_ORDER.filter((r) => r !== 'blue' || allRecords.some((x) => x.rag === 'blue'));
    const rest = (1 - 0.34) / (statuses.length + 1);
    const countRow = (name: string, c: RagCounts, n: number, bold = false) => ({ cells: [name, ...statuses.map((s) => String(c[s])), String(n)], bold });
    simpleTable(
      ctx,
      root,
      ['Document', ...statuses.map((s) => RAG_STYLE[s].word), 'Total'],
      [0.34, ...statuses.map(() => rest), rest],
      [...docs.map((d) => countRow(d.title || d.source.file, countRag(d.records), d.records.length)), countRow('All documents', countRag(allRecords), allRecords.length, true)],
      [false, ...statuses.map(() => true), true],
    );
    label(title);
    const starts: Array<{ page: number; tables: OutlineItem[] }> = [];
    docs.forEach((doc) => {
      flow.addPage();
      const start = flow.index;
      const sect = tree.add('Sect', root);
      headingBlock(ctx, sect, {
        role: 'H2',
        title: doc.title || doc.source.file,
        committee: doc.committee,
        subtitle: '',
        date: '',
        counts: countRag(doc.records),
        n: doc.records.length,
        place: doc.source.file,
      });
      const tables = documentBody(ctx, sect, doc, 'H3');
      starts.push({ page: start, tables });
      outline.push({ title: oneLine(doc.title || doc.source.file, faces.bold), page: start, top: g.top, children: tables });
      label(doc.source.file);
    });
    return { tree, flow, outline, labels, starts };
  };

  let result = run(null);
  if (docs.length > 1) {
    const numbers = result.starts.flatMap((s) => [s.page + 1, ...s.tables.map((t) => t.page + 1)]);
    const again = run(numbers);
    // Same entry count and one line each: the front matter cannot change length; check anyway.
    if (again.flow.pages.length !== result.flow.pages.length) throw new Error('report layout: contents changed the page count');
    result = again;
  }
  footers(result.flow.pages, result.labels, settings.generated, faces);

  const warnings: ReportWarning[] = unprintableWarnings(unprintable);
  for (const doc of docs) {
    const dup = duplicateIds(doc);
    if (dup.length) {
      warnings.push({
        code: 'DUPLICATE_ID',
        file: doc.source.file,
        ids: dup,
        message: `${doc.source.file}: record id${dup.length > 1 ? 's' : ''} ${dup.join(', ')} appear${dup.length > 1 ? '' : 's'} more than once in one table; if the records come from several trackers, keep the CSV's file column (or title and committee) so each gets its own section`,
      });
    }
  }
  const n = allRecords.length;
  return {
    pages: result.flow.pages,
    nodes: result.tree.nodes,
    outline: result.outline,
    title:
      (settings.title ?? (docs.length > 1 ? `Recommendation impact trackers: ${docs.length} documents` : (docs[0]?.title.trim() ?? ''))) || 'Recommendation impact tracker report',
    subject: `Recommendation impact tracker report: ${n} record${n === 1 ? '' : 's'}`,
    warnings,
  };
}

/** The UNPRINTABLE warning of a report, or none. */
export function unprintableWarnings(unprintable: Unprintable): ReportWarning[] {
  if (!unprintable.chars.length) return [];
  return [
    {
      code: 'UNPRINTABLE',
      chars: unprintable.chars,
      places: unprintable.places,
      message: `the report font cannot print ${unprintable.chars.map(describeChar).join(', ')}: printed as \uFFFD in ${unprintable.places.join('; ')} (the PDF's text for screen readers and copying keeps the original characters)`,
    },
  ];
}
