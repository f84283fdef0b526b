/**
 * Table → record drafts, in three named steps:
 *
 *   tableToPieces   row segments, split further where a record label starts mid-segment
 *   piecesToGroups  pieces joined into records: a label starts one; across a page break an
 *                   unlabelled piece continues the record above on evidence (continuation.ts)
 *   groupToDraft    text by the text rules (cells merged over rows shared by every record they
 *                   touch), RAG (rag.ts `decideRag`), extra columns, and the record's `review`
 *                   reasons: everything decided without certain evidence (issue #7 "Never silent").
 */
import type { BBox } from '../types.ts';
import type { Table, Cell } from '../layout/table.ts';
import { baselineGroups, makeLine, type TextLine } from '../layout/lines.ts';
import { median, midY } from '../layout/geometry.ts';
import type { RagSource, RagStatus, Review, Warning, CellBox, RecordField } from '../schema.ts';
import { parseContinuation, parseLabel, parseReference, type Label } from './labels.ts';
import { cellText, type HyphenDecider } from './text.ts';
import { decideRag, type RagInputs } from './rag.ts';
import { continuesAcrossBreak, type BreakContext } from './continuation.ts';
import type { ColumnRole } from './vocabulary.ts';

/** A record before validation: the fields of `TrackerRecord`. */
export interface TrackerRecordDraft {
  id: string;
  label: string;
  recommendation: string;
  response: string;
  progress: string;
  rag: RagStatus | null;
  ragSource: RagSource | null;
  extra?: Record<string, string>;
  review: Review[];
  table: number;
  pages: number[];
  cells: { recommendation: CellBox[]; response: CellBox[]; progress: CellBox[] };
}

/** Options of the assembly stage. */
export interface AssembleOptions {
  keepHyphen: HyphenDecider;
  /** Paragraph step ratio, see CellTextOptions.paragraphStep. */
  paragraphStep: number;
  /** Joins a word broken at a line end with no hyphen ("Governanc" + "e"): true to join without a space. */
  joinsWord?: (left: string, right: string) => boolean;
  /** False for TeX, whose line breaking may end a line early anywhere (see CellTextOptions.firstFitBreaks). Default true. */
  firstFitBreaks?: boolean;
  /** The ordinal of this table's first unlabelled row: unlabelled rows are numbered through the document (issue #7). Default 1. */
  firstOrdinal?: number;
  /** The tracker uses blue for "complete" (BRAG). */
  brag?: boolean;
  /** False when the producer never breaks a row over pages (LaTeX longtable): a page-top piece is a new row. */
  rowsSplit?: boolean;
  /** y (points) where the text area ends on each page: a row ending well above it was moved whole. */
  pageBodyBottom?: number;
}

/** What assembling one table gives. */
export interface TableAssembly {
  drafts: TrackerRecordDraft[];
  warnings: Warning[];
  /** The ordinal the next table's unlabelled rows start after. */
  lastOrdinal: number;
  /** Paragraph breaks seen by extra space in this table's cells (the producer spaces paragraphs). */
  spacedParagraphs: number;
  /** Per draft (same index), the fields where a sentence-end line break on one page was read as a wrap. */
  sameStepGuesses: Array<Array<'recommendation' | 'response' | 'progress'>>;
}

/** A slice of a record on one page: per column, the cell and its lines. */
export interface Piece {
  pageNumber: number;
  top: number;
  bottom: number;
  cells: Array<{ cell: Cell; lines: TextLine[] }>;
  firstOnPage: boolean;
  lastOnPage: boolean;
  /** Index of the row segment the piece comes from (pieces split by a label share it). */
  segment: number;
}

type Group = { label: Label | null; pieces: Piece[]; review: Review[] };

function cellLines(items: Cell['items']): TextLine[] {
  return baselineGroups(items).map((g) => makeLine(g));
}

/** Column indexes by role (-1 when absent). */
function roleColumns(table: Table) {
  const roleIndex = (role: ColumnRole) => table.columns.findIndex((c) => c.key === role);
  return { number: roleIndex('number'), recommendation: roleIndex('recommendation'), response: roleIndex('response'), progress: roleIndex('progress'), rag: roleIndex('rag') };
}
type Roles = ReturnType<typeof roleColumns>;

/**
 * Step 1: row segments as pieces, split where a record label starts a line inside a segment
 * (rows not separated by rules): a bold "Recommendation n", or any label that continues the
 * numbering of the label above it.
 */
export function tableToPieces(table: Table, col: Roles): Piece[] {
  const pieces: Piece[] = [];
  let segment = 0;
  let lastId: number | null = null;
  for (const part of table.parts) {
    const start = pieces.length;
    for (const seg of part.segments) {
      const cells = seg.cells.map((cell) => ({ cell, lines: cellLines(cell.items) }));
      const recLines = col.recommendation >= 0 ? cells[col.recommendation]!.lines : [];
      const splits: number[] = [];
      recLines.forEach((l, k) => {
        const label = parseLabel(l.text);
        if (!label) return;
        let starts = k === 0;
        if (k > 0) {
          // A label that goes on with the numbering above, at the column's left edge, starts a
          // record even when not bold (a row whose label line is a page's last line, issue #7);
          // a bare number only when bold too (a numbered list inside a cell is not a record).
          const next = lastId !== null && /^\d+$/.test(label.id) && Number(label.id) === lastId + 1 && l.bbox.x0 <= recLines[0]!.bbox.x0 + l.fontSize;
          starts = label.kind === 'word' ? l.bold || next : l.bold && next;
          if (starts) splits.push(l.bbox.top - 0.5);
        }
        if (starts && /^\d+$/.test(label.id)) lastId = Number(label.id);
      });
      const ys = [seg.top, ...splits, seg.bottom];
      for (let k = 0; k < ys.length - 1; k++) {
        const top = ys[k]!,
          bottom = ys[k + 1]!;
        const within = (l: TextLine) => midY(l.bbox) > top && midY(l.bbox) <= bottom;
        pieces.push({
          pageNumber: seg.pageNumber,
          top,
          bottom,
          cells: cells.map(({ cell, lines }) => ({ cell: { ...cell, bbox: { ...cell.bbox, top, bottom }, ...(k > 0 ? { openTop: false } : {}) }, lines: lines.filter(within) })),
          firstOnPage: pieces.length === start,
          lastOnPage: false,
          segment,
        });
      }
      segment++;
    }
    if (pieces.length > start) pieces[pieces.length - 1]!.lastOnPage = true;
  }
  return pieces;
}

/** The label of a piece: the number/reference column's text, else a label on the recommendation cell's first line. */
function labelOf(p: Piece, col: Roles): Label | null {
  if (col.number >= 0) {
    const t = p.cells[col.number]!.lines.map((l) => l.text)
      .join(' ')
      .replace(/\s+/g, ' ')
      .trim();
    if (!t) return null;
    const label = t.replace(/[.:]$/, '');
    // "R1", "Rec. 1", "1)" in a number column: the id is the number, as for a label in a cell
    // (held-out sweep bus-network chromium-h8); a reference ("SR (25/26) 01", "1.1") stays whole.
    const parsed = parseLabel(t);
    const id = parsed && !parsed.rest ? parsed.id : label;
    return { label, id, rest: '', kind: 'number' };
  }
  const firstLine = p.cells[col.recommendation]?.lines[0];
  if (!firstLine) return null;
  // A reference code in bold on a line of its own (this tool's report prints council ids so).
  const reference = firstLine.bold && p.cells[col.recommendation]!.lines.length > 1 ? parseReference(firstLine.text) : null;
  if (reference && !parseLabel(firstLine.text)) return reference;
  const label = parseLabel(firstLine.text);
  // A bare number is a label only when it stands apart: bold, or alone on its line.
  if (label && label.kind === 'number' && label.rest && !(firstLine.bold || (firstLine.items[0]?.bold && firstLine.items[0].text.startsWith(label.label)))) return null;
  return label;
}

/** Step 2: pieces into records. */
export function piecesToGroups(pieces: Piece[], col: Roles, context: BreakContext & { firstOrdinal: number }): Group[] {
  const labels = pieces.map((p) => labelOf(p, col));
  const labelled = labels.some((l) => l !== null);
  const groups: Group[] = [];
  pieces.forEach((p, k) => {
    const prev = groups[groups.length - 1];
    // "Recommendation 3 (continued)" at the top of a page continues record 3: the line is page
    // furniture, not text of the record (this tool's report prints it, issue #10).
    const recCell = col.recommendation >= 0 ? p.cells[col.recommendation] : undefined;
    const cont = p.firstOnPage && prev && recCell?.lines[0] ? parseContinuation(recCell.lines[0].text) : null;
    if (prev && cont !== null && (cont === prev.label?.label || cont === prev.label?.id || cont === String(context.firstOrdinal + groups.length - 1))) {
      recCell!.lines = recCell!.lines.slice(1);
      prev.pieces.push(p);
      return;
    }
    const label = labels[k]!;
    if (label || !prev) {
      groups.push({ label, pieces: [p], review: [] });
      return;
    }
    const last = prev.pieces[prev.pieces.length - 1]!;
    if (labelled) {
      prev.pieces.push(p);
      return;
    }
    if (!(p.firstOnPage && p.pageNumber > last.pageNumber)) {
      groups.push({ label: null, pieces: [p], review: [] });
      return;
    }
    const verdict = continuesAcrossBreak(prev.pieces, p, col, context);
    if (verdict.join) prev.pieces.push(p);
    else groups.push({ label: null, pieces: [p], review: [] });
    if (!verdict.certain) {
      const message = verdict.join
        ? `rows on pages ${last.pageNumber} and ${p.pageNumber} were joined as one record (${verdict.why}); check that they are one recommendation`
        : `the row at the top of page ${p.pageNumber} was read as a new record (${verdict.why}); check that it does not continue the record above`;
      (verdict.join ? prev : groups[groups.length - 1]!).review.push({ code: 'PAGE_BREAK', message });
    }
  });
  return groups;
}

/** Cell boxes of a column over a record's pieces, one per page. */
function boxes(pieces: Piece[], ci: number): CellBox[] {
  if (ci < 0) return [];
  const byPage = new Map<number, BBox>();
  // A piece with nothing in this column (a full-width label band row above the cells,
  // fixture water-label-band-rows) is not part of the cell; an empty cell keeps all its pieces.
  const withText = pieces.filter((p) => p.cells[ci]!.lines.length > 0);
  for (const p of withText.length ? withText : pieces) {
    const b = p.cells[ci]!.cell.bbox;
    const prev = byPage.get(p.pageNumber);
    byPage.set(
      p.pageNumber,
      prev ? { x0: Math.min(prev.x0, b.x0), top: Math.min(prev.top, b.top), x1: Math.max(prev.x1, b.x1), bottom: Math.max(prev.bottom, b.bottom) } : { ...b },
    );
  }
  const round = (v: number) => Math.round(v * 100) / 100;
  return [...byPage].map(([page, b]) => ({ page, bbox: { x0: round(b.x0), top: round(b.top), x1: round(b.x1), bottom: round(b.bottom) } }));
}

/**
 * Cells merged over several rows: per column, the runs of consecutive pieces joined by an open
 * top (no rule between them). Returns, per column, a map piece index → run (its piece indexes).
 */
function mergedRuns(pieces: Piece[], columns: number): Array<Map<number, number[]>> {
  const out: Array<Map<number, number[]>> = [];
  for (let c = 0; c < columns; c++) {
    const runs = new Map<number, number[]>();
    let run: number[] = [0];
    const flush = () => {
      if (run.length > 1) for (const k of run) runs.set(k, run);
    };
    for (let k = 1; k < pieces.length; k++) {
      if (pieces[k]!.cells[c]!.cell.openTop && pieces[k]!.pageNumber === pieces[k - 1]!.pageNumber) run.push(k);
      else {
        flush();
        run = [k];
      }
    }
    flush();
    out.push(runs);
  }
  return out;
}

const FIELDS: RecordField[] = ['recommendation', 'response', 'progress'];

/**
 * Turn one table into record drafts and warnings.
 * @param table from findTables (layout stage).
 */
export function tableToDrafts(table: Table, options: AssembleOptions): TableAssembly {
  const warnings: Warning[] = [];
  let spacedParagraphs = 0;
  const sameStepGuesses: TableAssembly['sameStepGuesses'] = [];
  const col = roleColumns(table);
  const pieces = tableToPieces(table, col);

  // Typical line pitch and each column's right text edge over the table.
  const pitches: number[] = [];
  const rightEdge = new Map<number, number>();
  for (const p of pieces)
    p.cells.forEach(({ lines }, ci) => {
      for (let k = 1; k < lines.length; k++) {
        const d = lines[k]!.baseline - lines[k - 1]!.baseline;
        if (d > 0 && d < 2 * lines[k]!.fontSize) pitches.push(d);
      }
      // Lines running past the column's boundary, or a single unbreakable token (a URL) that may
      // fill the cell beyond where words wrap, do not set its edge (sweep waste-zebra chromium-s1).
      const limit = table.columns[ci]!.x1 + 1;
      for (const l of lines) {
        if (l.bbox.x1 > limit && ci < table.columns.length - 1) continue;
        if (/^\S{15,}$/.test(l.text.trim()) && /[/@]|\.\w/.test(l.text)) continue;
        rightEdge.set(ci, Math.max(rightEdge.get(ci) ?? 0, l.bbox.x1));
      }
    });
  const pitch = median(pitches, 12) || 12;
  const edge = (ci: number) => rightEdge.get(ci) ?? Infinity;
  // Justified columns: most lines that are not a cell's last reach the column's right edge.
  const justified = table.columns.map((_, ci) => {
    let inner = 0,
      full = 0;
    for (const p of pieces) {
      const lines = p.cells[ci]!.lines;
      for (const l of lines.slice(0, -1)) {
        inner++;
        if (l.bbox.x1 >= edge(ci) - 0.15 * l.fontSize) full++;
      }
    }
    // Justified lines end at the edge to a fraction of a point; ragged first-fit lines come near
    // it only now and then.
    return inner >= 6 && full >= 0.85 * inner;
  });

  const groups = piecesToGroups(pieces, col, {
    rightEdge: edge,
    rowsSplit: options.rowsSplit ?? true,
    pageBodyBottom: options.pageBodyBottom,
    pitch,
    firstOrdinal: options.firstOrdinal ?? 1,
  });
  const runs = mergedRuns(pieces, table.columns.length);
  const indexOf = new Map(pieces.map((p, k) => [p, k]));
  const sharedWarned = new Set<string>();

  const drafts: TrackerRecordDraft[] = [];
  let ordinal = (options.firstOrdinal ?? 1) - 1;
  for (const g of groups) {
    ordinal++;
    const review: Review[] = [...g.review];
    const shared = new Set<number>();
    /** The pieces whose cells hold column ci's text for this record: its own, widened by merged cells. */
    const piecesFor = (ci: number): Piece[] => {
      const ks = new Set<number>();
      for (const p of g.pieces) {
        const k = indexOf.get(p)!;
        const run = runs[ci]!.get(k);
        if (run?.some((j) => !g.pieces.includes(pieces[j]!))) shared.add(ci);
        for (const j of run ?? [k]) ks.add(j);
      }
      return [...ks].sort((a, b) => a - b).map((j) => pieces[j]!);
    };
    const guesses: string[] = [];
    const paragraphGuesses: Array<{ field: string | null; page: number }> = [];
    const sameStep = new Set<'recommendation' | 'response' | 'progress'>();
    const fieldText = (ci: number, stripLabel: boolean): string => {
      if (ci < 0) return '';
      let lines = piecesFor(ci).flatMap((p) => p.cells[ci]!.lines);
      if (stripLabel && g.label && col.number < 0 && lines.length) {
        const rest = g.label.rest;
        lines = rest ? [{ ...lines[0]!, text: rest }, ...lines.slice(1)] : lines.slice(1);
      }
      return cellText(lines, {
        pitch,
        paragraphStep: options.paragraphStep,
        rightLimit: () => edge(ci),
        keepHyphen: options.keepHyphen,
        onHyphenGuess: (w) => guesses.push(w),
        onParagraphGuess: (n) => paragraphGuesses.push({ field: table.columns[ci]?.key ?? null, page: n }),
        onSameStepGuess: () => {
          const key = table.columns[ci]?.key;
          if (key === 'recommendation' || key === 'response' || key === 'progress') sameStep.add(key);
        },
        onSpacedParagraph: () => {
          spacedParagraphs++;
        },
        joinsWord: options.joinsWord,
        firstFitBreaks: options.firstFitBreaks,
        justified: justified[ci],
      });
    };
    const id = g.label?.id ?? String(ordinal);
    const text = { recommendation: fieldText(col.recommendation, true), response: fieldText(col.response, false), progress: fieldText(col.progress, false) };
    const extra: Record<string, string> = {};
    table.columns.forEach((c, ci) => {
      if (c.key) return;
      extra[c.header] = fieldText(ci, false);
    });
    const draft: TrackerRecordDraft = {
      id,
      label: g.label?.label ?? '',
      ...text,
      rag: null,
      ragSource: null,
      ...(Object.keys(extra).length ? { extra } : {}),
      review,
      table: table.index,
      pages: [...new Set(g.pieces.map((p) => p.pageNumber))],
      cells: { recommendation: boxes(g.pieces, col.recommendation), response: boxes(g.pieces, col.response), progress: boxes(g.pieces, col.progress) },
    };

    // RAG
    const inputs = (ci: number): RagInputs | null => {
      if (ci < 0) return null;
      const ps = piecesFor(ci);
      return {
        words: ps.flatMap((p) => p.cells[ci]!.lines.map((l) => l.text)).join(' '),
        fills: ps.map((p) => p.cells[ci]!.cell.fill).filter((f): f is NonNullable<typeof f> => f !== undefined),
        rowFills: ps.map((p) => (col.recommendation >= 0 ? p.cells[col.recommendation]!.cell.fill : undefined)),
        marks: ps.flatMap((p) => p.cells[ci]!.cell.marks ?? []),
        ink: ps.flatMap((p) => p.cells[ci]!.cell.items.map((i) => ({ text: i.text, color: i.color }))),
      };
    };
    const rag = decideRag({ column: inputs(col.rag), progress: inputs(col.progress), progressText: draft.progress, brag: options.brag ?? false });
    draft.rag = rag.rag;
    draft.ragSource = rag.source;
    const page = draft.pages[0];
    if (rag.disagreement) {
      const message = `record ${id}: the ${rag.source === 'fill' ? 'Progress cell is shaded' : rag.source === 'ink' ? 'Progress words are printed in' : 'RAG column says'} ${rag.rag} but its words read as ${rag.disagreement}; kept ${rag.rag}`;
      warnings.push({ code: 'RAG_DISAGREEMENT', recordId: id, page, message });
      review.push({ code: 'RAG_DISAGREEMENT', field: 'rag', message });
    }
    if (rag.unmapped) {
      const message = `record ${id}: a colour in the ${rag.unmapped.where} cell (${rag.unmapped.hex}) maps to no RAG status${rag.rag ? `; the RAG status came from the ${rag.source}` : ''}`;
      warnings.push({ code: 'COLOUR_UNMAPPED', recordId: id, page, message });
      review.push({ code: 'COLOUR_UNMAPPED', field: 'rag', message });
    }
    if (rag.source === 'text')
      review.push({ code: 'RAG_FROM_TEXT', field: 'rag', message: `record ${id}: the RAG status ${rag.rag} was read from the Progress words; no colour or RAG column shows it` });

    for (const f of FIELDS) {
      const ci = col[f];
      if (draft[f] || ci < 0) continue;
      const message = `record ${id}: the ${f} cell is empty`;
      warnings.push({ code: 'EMPTY_CELL', recordId: id, page, message });
      review.push({ code: 'EMPTY_CELL', field: f, message });
    }
    for (const ci of shared) {
      const heading = table.columns[ci]!.header;
      const message = `record ${id}: the ${heading} cell is merged over several rows; its text is repeated in each record it spans`;
      review.push({ code: 'SHARED_CELL', ...(FIELDS.find((f) => col[f] === ci) ? { field: FIELDS.find((f) => col[f] === ci) } : {}), message });
      const key = `${ci}:${piecesFor(ci)
        .map((p) => indexOf.get(p))
        .join(',')}`;
      if (!sharedWarned.has(key)) {
        sharedWarned.add(key);
        warnings.push({
          code: 'SHARED_CELL',
          recordId: id,
          page,
          message: `the ${heading} cell of record ${id} is merged over several rows; its text is given to each of those records`,
        });
      }
    }
    const hidden = g.pieces.reduce((s, p) => s + p.cells.reduce((t, c) => t + (c.cell.hiddenChars ?? 0), 0), 0);
    if (hidden) {
      const pages = [...new Set(g.pieces.filter((p) => p.cells.some((c) => c.cell.hiddenChars)).map((p) => p.pageNumber))];
      const message = `record ${id}: ${hidden} character${hidden === 1 ? '' : 's'} of text no reader can see (white on white, invisible, covered or clipped) on page ${pages.join(', ')} were left out`;
      warnings.push({ code: 'HIDDEN_TEXT', recordId: id, page: pages[0], message });
      review.push({ code: 'HIDDEN_TEXT', message });
    }
    for (const { field, page: at } of paragraphGuesses) {
      const where = field && field !== 'number' && field !== 'rag' ? `${field} ` : '';
      review.push({
        code: 'PAGE_BREAK',
        ...(field === 'recommendation' || field === 'response' || field === 'progress' ? { field } : {}),
        message: `record ${id}: a sentence of the ${where}cell ends at the foot of page ${at} and the next begins page ${at + 1}; read as one paragraph — check whether a new paragraph starts there`,
      });
    }
    for (const w of guesses) {
      const message = `record ${id}: the hyphen in "${w}" at a line end was ${draft.recommendation.includes(w) || draft.response.includes(w) || draft.progress.includes(w) ? 'kept' : 'removed'} without evidence (not in the document elsewhere or in the word list)`;
      warnings.push({ code: 'HYPHEN_GUESS', recordId: id, page, message });
      review.push({ code: 'HYPHEN_GUESS', message });
    }
    drafts.push(draft);
    sameStepGuesses.push([...sameStep]);
  }
  for (const s of table.strayText) warnings.push({ code: 'STRAY_TEXT', page: s.pageNumber, message: `text outside every cell on page ${s.pageNumber}: "${s.text.slice(0, 80)}"` });
  for (const r of ['recommendation', 'response', 'progress'] as const) {
    const ci = col[r];
    if (ci >= 0 && drafts.length > 1 && drafts.every((d) => !d[r])) {
      warnings.push({ code: 'COLUMN_EMPTY', message: `the ${table.columns[ci]!.header} column of table ${table.index} is empty in every record: its text may not have been read` });
    }
  }
  return { drafts, warnings, lastOrdinal: ordinal, spacedParagraphs, sameStepGuesses };
}
