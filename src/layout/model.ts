/**
 * The table model the layout stage produces and the tracker stage reads. Points, top-left
 * origin of the page as read, pages 1-based.
 */
import type { BBox, Rgb, TextItem } from '../types.ts';
import type { TextLine } from './lines.ts';

/** What a header classifier says about a candidate header row's cell texts. */
export interface HeaderVerdict {
  /** One role per cell (e.g. 'recommendation', 'response'), or null for an unknown cell. */
  roles: Array<string | null>;
  /** True when the roles make a table header worth reading. */
  accepted: boolean;
}
/** Classifies the cell texts of a candidate header row (left to right). */
export type HeaderClassifier = (texts: string[]) => HeaderVerdict;

/** One cell of a header row: its text as printed (lines joined by a space), lines and box. */
export interface HeaderCell {
  text: string;
  /** The cell's lines top to bottom (a vertical heading is one line read along its baseline). */
  lines: TextLine[];
  /** Box of the cell's text. */
  bbox: BBox;
  role: string | null;
  /** The column's x range when the header is ruled (a grid), else undefined. */
  x0?: number;
  x1?: number;
}

/** A header row found on a page. */
export interface HeaderRow {
  pageNumber: number;
  cells: HeaderCell[];
  /** Box of the header's text. */
  bbox: BBox;
  /** The band of the header row (its rules or shading), when it has one. */
  band: BBox | null;
  /** True when vertical rulings between the headings gave the columns (a grid). */
  ruled: boolean;
}

/** A column: its x range on a page and its header text as printed. */
export interface Column {
  /** 0-based index, left to right. */
  index: number;
  /** The role the classifier gave its header, or null. */
  key: string | null;
  header: string;
  /** The header cell's lines, for joining with the document's own break rules. */
  headerLines?: TextLine[];
  x0: number;
  x1: number;
}

/** A cell of a row segment: the items inside it and its box. */
export interface Cell {
  column: number;
  bbox: BBox;
  items: TextItem[];
  /** The colour of a filled rectangle covering most of the cell, if any. */
  fill?: Rgb;
  /** Colours of small filled shapes inside the cell (a RAG dot), in reading order. */
  marks?: Rgb[];
  /**
   * True when no rule separates this cell from the one above in the same column while the
   * row itself is ruled: one cell merged over several rows (issue #7 merged cells).
   */
  openTop?: boolean;
  /** Characters of hidden text inside the cell (never the words). */
  hiddenChars?: number;
}

/** A horizontal slice of a table on one page, between two row boundaries. */
export interface RowSegment {
  pageNumber: number;
  top: number;
  bottom: number;
  cells: Cell[];
  /** True when the segment's top edge is a ruling line (a real row boundary). */
  ruledTop: boolean;
}

/** The part of a table on one page. */
export interface TablePart {
  pageNumber: number;
  /** Table box on this page (header included). */
  bbox: BBox;
  headerBBox: BBox;
  columns: Column[];
  segments: RowSegment[];
  /** x positions of the column boundaries used (points), left to right, outer edges included. */
  boundaries: number[];
  /** y positions of the row boundaries used (points). */
  rowBoundaries: number[];
  /** True when the header row was found on this page (false: continued without a repeated header). */
  headerRepeated: boolean;
  /** Text inside the table's frame that went into no cell (rotated text in the body, …). */
  strayText: string[];
}

/** Quality measures of a table (camelot's parsing_report). */
export interface TableQuality {
  /** Share of (segment, column) cells with any text, 0–1. */
  filledCellRatio: number;
  /** Items beside the table's extent that fell outside every cell. */
  strayItems: number;
}

/** A table across pages. */
export interface Table {
  /** 1-based, in reading order. */
  index: number;
  pages: number[];
  columns: Column[];
  parts: TablePart[];
  method: 'ruled' | 'whitespace';
  quality: TableQuality;
  /** Heading text just above the table (e.g. "Further recommendations"), or null. */
  heading: string | null;
  /** Text on the table's pages beside it or inside its frame that went into no cell. */
  strayText: Array<{ pageNumber: number; text: string }>;
}
