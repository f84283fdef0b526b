/**
 * How the debug overlay draws each kind of geometry, shared by the pages and the summary's
 * legend. Colours are `#rrggbb`; widths and dashes in points of the page as read.
 */

/** How one kind of geometry is stroked. */
export interface Stroke {
  name: string;
  color: string;
  width: number;
  opacity: number;
  dash?: number[];
}

/**
 * Colours from a qualitative palette (Sasha Trubetskoy's 20 distinct colours) so that the kinds
 * stay apart on screen and in grey print; widths chosen by eye at 60 and 150 dpi on the seed
 * fixture: thin enough not to hide the page's own rules, thick enough to see at 60 dpi.
 */
export const STROKES = {
  table: { name: 'table part', color: '#4363d8', width: 1.4, opacity: 0.75 },
  header: { name: 'header row', color: '#3cb44b', width: 1, opacity: 0.8 },
  column: { name: 'column boundary', color: '#f032e6', width: 0.7, opacity: 0.75, dash: [4, 2] },
  row: { name: 'row boundary', color: '#f58231', width: 0.9, opacity: 0.8 },
  segment: { name: 'row segment top / bottom', color: '#9a6324', width: 0.5, opacity: 0.8, dash: [1.5, 1.5] },
  recommendation: { name: 'recommendation cell ("#3 rec")', color: '#e6194b', width: 0.7, opacity: 0.85 },
  response: { name: 'response cell ("#3 resp")', color: '#911eb4', width: 0.7, opacity: 0.85 },
  progress: { name: 'progress cell ("#3 prog")', color: '#008080', width: 0.7, opacity: 0.85 },
  rag: { name: 'RAG column cell ("#3 rag")', color: '#000075', width: 0.7, opacity: 0.85 },
  stray: { name: 'text in no cell', color: '#800000', width: 0.5, opacity: 0.9, dash: [1, 1] },
  hidden: { name: 'hidden text (dropped)', color: '#808080', width: 0.6, opacity: 0.9, dash: [2, 1] },
  leader: { name: 'leader: label to its cell', color: '#555555', width: 0.4, opacity: 0.8, dash: [1, 1] },
} as const satisfies Record<string, Stroke>;

/**
 * The "check me" outline of a record with review flags (issue #7 "Never silent"): a yellow
 * band with black dashes over it, like caution tape — unlike every other stroke, and visible on
 * white, green, amber and red cells alike. Drawn just outside the cell so the cell's own stroke
 * stays visible.
 */
export const CHECK = { band: '#ffe119', dash: '#000000', width: 2, dashArray: [3, 3], outset: 1.2 } as const;

/** Label backings: white behind cell labels and notes, yellow behind review notes, grey gutter. */
export const LABEL_COLORS = {
  backing: '#ffffff',
  checkBacking: '#ffe119',
  checkInk: '#000000',
  noteInk: '#222222',
  hintInk: '#555555',
  gutter: '#f2f2f2',
  pageEdge: '#999999',
} as const;
