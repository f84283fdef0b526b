/**
 * Table → record drafts: record labels start records, rows broken by a page break are joined,
 * cells become text by the text rules, and the RAG status is read from the Progress cell's
 * fill, a RAG column, or the Progress words.
 */
import type { BBox, TextItem } from '../types.ts';
import type { Table, Cell } from '../layout/table.ts';
import { baselineGroups, makeLine, type TextLine } from '../layout/lines.ts';
import type { RagSource, RagStatus, Warning, CellBox } from '../schema.ts';
import { parseContinuation, parseLabel, type Label } from './labels.ts';
import { cellText, type HyphenDecider } from './text.ts';
import { ragFromFill, ragFromText, ragFromWord } from './rag.ts';
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
  table: number;
  pages: number[];
  cells: { recommendation: CellBox[]; response: CellBox[]; progress: CellBox[] };
}

/** Options of the assembly stage. */
export interface AssembleOptions {
  keepHyphen: HyphenDecider;
  /** Paragraph step ratio, see CellTextOptions.paragraphStep. */
  paragraphStep: number;
}

type Field = 'recommendation' | 'response' | 'progress';

/** A slice of a record on one page: per column, the cell and its lines. */
interface Piece {
  pageNumber: number;
  top: number;
  bottom: number;
  cells: Array<{ cell: Cell; lines: TextLine[] }>;
  firstOnPage: boolean;
}

function cellLines(items: TextItem[]): TextLine[] {
  return baselineGroups(items).map((g) => makeLine(g));
}

function median(values: number[]): number {
  if (!values.length) return 0;
  const s = [...values].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)];
}

/**
 * Turn one table into record drafts and warnings.
 * @param table from findTables (layout stage).
 */
export function tableToDrafts(table: Table, options: AssembleOptions): { drafts: TrackerRecordDraft[]; warnings: Warning[] } {
  const warnings: Warning[] = [];
  const roleIndex = (role: ColumnRole) => table.columns.findIndex((c) => c.key === role);
  const col = { number: roleIndex('number'), recommendation: roleIndex('recommendation'), response: roleIndex('response'), progress: roleIndex('progress'), rag: roleIndex('rag') };

  // 1. Pieces: row segments, split further where a label starts a new record mid-segment.
  const pieces: Piece[] = [];
  for (const part of table.parts) {
    let first = true;
    for (const seg of part.segments) {
      const cells = seg.cells.map((cell) => ({ cell, lines: cellLines(cell.items) }));
      const recLines = col.recommendation >= 0 ? cells[col.recommendation].lines : [];
      const splits: number[] = [];
      recLines.forEach((l, k) => {
        if (k === 0) return;
        const label = parseLabel(l.text);
        if (!label || label.kind !== 'word' || !l.bold) return;
        splits.push(l.bbox.top - 0.5);
      });
      const ys = [seg.top, ...splits, seg.bottom];
      for (let k = 0; k < ys.length - 1; k++) {
        const top = ys[k], bottom = ys[k + 1];
        const within = (l: TextLine) => {
          const my = (l.bbox.top + l.bbox.bottom) / 2;
          return my > top && my <= bottom;
        };
        pieces.push({
          pageNumber: seg.pageNumber,
          top,
          bottom,
          cells: cells.map(({ cell, lines }) => ({ cell: { ...cell, bbox: { ...cell.bbox, top, bottom } }, lines: lines.filter(within) })),
          firstOnPage: first,
        });
        first = false;
      }
    }
  }

  // 2. Typical line pitch and each column's right text edge over the table.
  const pitches: number[] = [];
  const rightEdge = new Map<number, number>();
  for (const p of pieces)
    p.cells.forEach(({ lines }, ci) => {
      for (let k = 1; k < lines.length; k++) {
        const d = lines[k].baseline - lines[k - 1].baseline;
        if (d > 0 && d < 2 * lines[k].fontSize) pitches.push(d);
      }
      // Lines running past the column's boundary (an unbreakable URL) do not set its edge.
      const limit = table.columns[ci].x1 + 1;
      for (const l of lines) {
        if (l.bbox.x1 > limit && ci < table.columns.length - 1) continue;
        rightEdge.set(ci, Math.max(rightEdge.get(ci) ?? 0, l.bbox.x1));
      }
    });
  const pitch = median(pitches) || 12;

  // 3. Records: a labelled piece starts a record; an unlabelled one continues the record above
  //    when it is the top of a page (row broken by a page break) or the table is labelled.
  const labelOf = (p: Piece): Label | null => {
    if (col.number >= 0) {
      const t = p.cells[col.number].lines.map((l) => l.text).join(' ').trim();
      if (t) {
        const id = t.replace(/[.:]$/, '');
        return { label: id, id, rest: '', kind: 'number' };
      }
      return null;
    }
    const firstLine = p.cells[col.recommendation]?.lines[0];
    if (!firstLine) return null;
    const label = parseLabel(firstLine.text);
    // A bare number is a label only when it stands apart: bold, or alone on its line.
    if (label && label.kind === 'number' && label.rest && !(firstLine.bold || (firstLine.items[0]?.bold && firstLine.items[0].text.startsWith(label.label)))) return null;
    return label;
  };
  const labelled = pieces.some((p) => labelOf(p) !== null);
  type Group = { label: Label | null; pieces: Piece[] };
  const groups: Group[] = [];
  for (const p of pieces) {
    const prev = groups[groups.length - 1];
    // "Recommendation 3 (continued)" at the top of a page continues record 3: the line is
    // page furniture, not text of the record (our report prints it, issue #10).
    const recCell = col.recommendation >= 0 ? p.cells[col.recommendation] : null;
    const cont = p.firstOnPage && prev && recCell?.lines[0] ? parseContinuation(recCell.lines[0].text) : null;
    if (prev && cont !== null && (cont === prev.label?.label || cont === prev.label?.id || cont === String(groups.length))) {
      recCell!.lines = recCell!.lines.slice(1);
      prev.pieces.push(p);
      continue;
    }
    const label = labelOf(p);
    if (label || !prev) groups.push({ label, pieces: [p] });
    else if (labelled) prev.pieces.push(p);
    else if (p.firstOnPage && p.pageNumber > prev.pieces[prev.pieces.length - 1].pageNumber && continuesAcrossBreak(prev.pieces[prev.pieces.length - 1], p, (ci) => rightEdge.get(ci) ?? Infinity)) prev.pieces.push(p);
    else groups.push({ label: null, pieces: [p] });
  }

  const drafts: TrackerRecordDraft[] = [];
  let ordinal = 0;
  for (const g of groups) {
    ordinal++;
    const fieldText = (ci: number, stripLabel: boolean): string => {
      if (ci < 0) return '';
      let lines = g.pieces.flatMap((p) => p.cells[ci].lines);
      if (stripLabel && g.label && col.number < 0 && lines.length) {
        const rest = g.label.rest;
        lines = rest ? [{ ...lines[0], text: rest }, ...lines.slice(1)] : lines.slice(1);
      }
      return cellText(lines, { pitch, paragraphStep: options.paragraphStep, rightLimit: () => rightEdge.get(ci) ?? Infinity, keepHyphen: options.keepHyphen });
    };
    const id = g.label?.id ?? String(ordinal);
    const draft: TrackerRecordDraft = {
      id,
      label: g.label?.label ?? '',
      recommendation: fieldText(col.recommendation, true),
      response: fieldText(col.response, false),
      progress: fieldText(col.progress, false),
      rag: null,
      ragSource: null,
      table: table.index,
      pages: [...new Set(g.pieces.map((p) => p.pageNumber))],
      cells: { recommendation: boxes(g.pieces, col.recommendation), response: boxes(g.pieces, col.response), progress: boxes(g.pieces, col.progress) },
    };
    // RAG: a RAG column's word (or its fill), else the Progress cell's fill, else its words.
    const byText = ragFromText(draft.progress);
    let decided: { rag: RagStatus; source: RagSource } | null = null;
    // A coloured dot drawn in the cell (a RAG status circle) counts like a fill.
    const markRag = (ci: number) => g.pieces.flatMap((p) => p.cells[ci].cell.marks ?? []).map((m) => ragFromFill(m)).find((r) => r !== null) ?? null;
    if (col.rag >= 0) {
      const word = ragFromWord(g.pieces.flatMap((p) => p.cells[col.rag].lines.map((l) => l.text)).join(' '));
      const fill = ragFromFill(g.pieces.map((p) => p.cells[col.rag].cell.fill).find(Boolean));
      const rag = word ?? fill ?? markRag(col.rag);
      if (rag) decided = { rag, source: 'column' };
    }
    if (!decided && col.progress >= 0) {
      const fills = g.pieces.map((p) => ragFromFill(p.cells[col.progress].cell.fill)).filter((r): r is RagStatus => r !== null);
      const rag = fills[0] ?? markRag(col.progress);
      if (rag) decided = { rag, source: 'fill' };
    }
    if (!decided && byText) decided = { rag: byText, source: 'text' };
    if (decided) {
      draft.rag = decided.rag;
      draft.ragSource = decided.source;
      if (decided.source !== 'text' && byText && byText !== decided.rag) {
        warnings.push({
          code: 'RAG_DISAGREEMENT',
          recordId: id,
          page: draft.pages[0],
          message: `record ${id}: the ${decided.source === 'fill' ? 'Progress cell is shaded' : 'RAG column says'} ${decided.rag} but its words read as ${byText}; kept ${decided.rag}`,
        });
      }
    }
    for (const f of ['recommendation', 'response', 'progress'] as Field[]) {
      if (!draft[f] && col[f] >= 0) warnings.push({ code: 'EMPTY_CELL', recordId: id, page: draft.pages[0], message: `record ${id}: the ${f} cell is empty` });
    }
    drafts.push(draft);
  }
  for (const s of table.strayText) warnings.push({ code: 'STRAY_TEXT', page: s.pageNumber, message: `text outside every cell on page ${s.pageNumber}: "${s.text.slice(0, 80)}"` });
  return { drafts, warnings };
}

/**
 * Unlabelled rows: does the piece at the top of a page continue the row above it? Yes when a
 * cell there starts in lower case, or a cell above ends in a hyphen or in a full line (reaching
 * its column's right edge) with no sentence end — text that runs on. Short status words
 * ("Complete") without a full stop do not count (fixture youth-services-no-labels).
 */
function continuesAcrossBreak(prev: Piece, next: Piece, rightEdge: (column: number) => number): boolean {
  const startsLower = next.cells.some((c) => c.lines[0] && /^\p{Ll}/u.test(c.lines[0].text.trim()));
  const runsOn = prev.cells.some((c, ci) => {
    const last = c.lines[c.lines.length - 1];
    if (!last) return false;
    const text = last.text.trim();
    if (/\p{L}[-\u2010]$/u.test(text)) return true;
    const full = last.bbox.x1 >= rightEdge(ci) - last.fontSize * 2;
    return full && c.lines.length > 1 && !/[.!?:;)"”’]$/.test(text);
  });
  return startsLower || runsOn;
}

function boxes(pieces: Piece[], ci: number): CellBox[] {
  if (ci < 0) return [];
  const byPage = new Map<number, BBox>();
  // A piece with nothing in this column (a full-width label band row above the cells,
  // fixture water-label-band-rows) is not part of the cell; an empty cell keeps all its pieces.
  const withText = pieces.filter((p) => p.cells[ci].lines.length > 0);
  for (const p of withText.length ? withText : pieces) {
    const b = p.cells[ci].cell.bbox;
    const prev = byPage.get(p.pageNumber);
    byPage.set(p.pageNumber, prev ? { x0: Math.min(prev.x0, b.x0), top: Math.min(prev.top, b.top), x1: Math.max(prev.x1, b.x1), bottom: Math.max(prev.bottom, b.bottom) } : { ...b });
  }
  const round = (v: number) => Math.round(v * 100) / 100;
  return [...byPage].map(([page, b]) => ({ page, bbox: { x0: round(b.x0), top: round(b.top), x1: round(b.x1), bottom: round(b.bottom) } }));
}
