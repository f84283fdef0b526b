/**
 * The page plan: what the report draws, page by page, and the logical structure each piece
 * belongs to. Made by layout.ts (pure, testable on data), drawn by draw.ts (pdf-lib), tagged by
 * tags.ts (the PDF structure tree). Coordinates: PDF points, origin top-left of the page.
 */

/** Standard structure types used by the report (ISO 32000-1 §14.8.4; PDF/UA-1 §7). */
export type StructRole = 'Document' | 'Sect' | 'H1' | 'H2' | 'H3' | 'P' | 'Figure' | 'Table' | 'THead' | 'TBody' | 'TR' | 'TH' | 'TD' | 'TOC' | 'TOCI';

/** A structure element: a node of the tree read by screen readers, in reading order. */
export interface StructNode {
  /** Index in {@link ReportPlan.nodes} (creation order = logical reading order). */
  id: number;
  role: StructRole;
  kids: StructNode[];
  /** TH: the cells it heads (always Column in the report). */
  scope?: 'Column' | 'Row';
  /** Figure: the alternative text. */
  alt?: string;
  /** The text a reader should hear instead of the drawn glyphs (a cell with unprintable characters). */
  actualText?: string;
}

/** Which structure element a drawn piece belongs to, or that it is page furniture (an artifact). */
export type Mark = { node: number } | { artifact: 'Pagination' | 'Layout' };

export type Colour = `#${string}`;

export type DrawItem =
  | { kind: 'text'; x: number; baseline: number; text: string; bold: boolean; size: number; colour: Colour; mark: Mark }
  | { kind: 'rect'; x: number; top: number; width: number; height: number; fill: Colour; mark: Mark }
  | { kind: 'line'; x0: number; y0: number; x1: number; y1: number; thickness: number; colour: Colour; mark: Mark };

export interface PagePlan {
  width: number;
  height: number;
  items: DrawItem[];
}

/** A bookmark: where a document or a table starts. `page` is 0-based. */
export interface OutlineItem {
  title: string;
  page: number;
  top: number;
  children: OutlineItem[];
}

/** Characters the report font cannot print, with where they occur (issue #10). */
export interface UnprintableWarning {
  code: 'UNPRINTABLE';
  /** The characters, each once, in order of first appearance. */
  chars: string[];
  /** Where: "file.pdf record 3", "file.pdf title". */
  places: string[];
  message: string;
}

/** A duplicate id within one printed section (issue #10: CSV round trip). */
export interface DuplicateIdWarning {
  code: 'DUPLICATE_ID';
  file: string;
  ids: string[];
  message: string;
}

export type ReportWarning = UnprintableWarning | DuplicateIdWarning;

export interface ReportPlan {
  pages: PagePlan[];
  /** Every structure element; `nodes[0]` is the Document. */
  nodes: StructNode[];
  outline: OutlineItem[];
  /** The PDF's title (metadata, shown in the window title bar). */
  title: string;
  subject: string;
  warnings: ReportWarning[];
}
