/**
 * Records → an Excel workbook with ExcelJS (the only file that imports it; issue #10): one
 * sheet "Records", one row per record, the same columns as the CSV (src/write/csv.ts), a frozen
 * header row with an autofilter, wrapped text, set column widths and RAG cells filled in their
 * colour (with the word, so RAG is not colour alone). Every value is written as a text cell:
 * a recommendation starting "=" stays text, never a formula (no formula injection; unlike the
 * CSV no apostrophe is needed). ExcelJS runs in browsers too (its package `browser` field).
 */
import ExcelJS from 'exceljs';
import type { TrackerDocument } from '../schema.ts';
import { extraHeadings, recordColumns, recordRows } from './csv.ts';

/** Column widths in characters (Excel's unit), by CSV column; others get {@link DEFAULT_WIDTH}. */
const WIDTHS: Record<string, number> = {
  file: 24,
  path: 24,
  title: 28,
  committee: 22,
  table: 6,
  id: 6,
  label: 16,
  recommendation: 60,
  response: 60,
  progress: 50,
  rag: 9,
  ragSource: 10,
  pages: 8,
  review: 18,
  tableHeading: 28,
};
const DEFAULT_WIDTH = 20;
/** Columns whose text wraps (long cells). */
const WRAPPED = new Set(['title', 'recommendation', 'response', 'progress', 'tableHeading', 'review']);

/** RAG fills (ARGB) and the font colour on them: the report's chip colours (src/write/report/style.ts). */
const RAG_FILL: Record<string, { fill: string; font: string }> = {
  red: { fill: 'FFB8312A', font: 'FFFFFFFF' },
  amber: { fill: 'FFF5A623', font: 'FF1A1A1A' },
  green: { fill: 'FF2A7A45', font: 'FFFFFFFF' },
  blue: { fill: 'FF2F5F9E', font: 'FFFFFFFF' },
};

/** Options of the workbook writers. */
export interface XlsxOptions {
  /** The workbook's created/modified date (default: now). */
  date?: Date;
}

/**
 * A workbook of `rows` under `columns` (rows as from recordRows: strings in column order).
 * @returns the .xlsx bytes.
 */
export async function rowsToXlsx(columns: readonly string[], rows: readonly string[][], options: XlsxOptions = {}): Promise<Uint8Array> {
  const wb = new ExcelJS.Workbook();
  wb.creator = 'impact-tracker';
  wb.created = wb.modified = options.date ?? new Date();
  const ws = wb.addWorksheet('Records', { views: [{ state: 'frozen', ySplit: 1, xSplit: 0 }] });
  ws.columns = columns.map((c) => ({ header: c, key: c, width: WIDTHS[c] ?? DEFAULT_WIDTH }));
  const header = ws.getRow(1);
  header.font = { bold: true, color: { argb: 'FFFFFFFF' } };
  header.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FF1F3864' } };
  header.alignment = { vertical: 'top', wrapText: true };
  const ragCol = columns.indexOf('rag') + 1;
  for (const values of rows) {
    // Strings only: ExcelJS writes a JS string as a text cell (t="s"), whatever it starts with.
    const row = ws.addRow(values.map((v) => String(v)));
    row.alignment = { vertical: 'top' };
    columns.forEach((c, i) => {
      if (WRAPPED.has(c)) row.getCell(i + 1).alignment = { vertical: 'top', wrapText: true };
    });
    const style = ragCol > 0 ? RAG_FILL[values[ragCol - 1]] : undefined;
    if (style) {
      const cell = row.getCell(ragCol);
      cell.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: style.fill } };
      cell.font = { bold: true, color: { argb: style.font } };
    }
  }
  ws.autoFilter = { from: { row: 1, column: 1 }, to: { row: Math.max(1, rows.length + 1), column: columns.length } };
  const buffer = await wb.xlsx.writeBuffer();
  return new Uint8Array(buffer as ArrayBuffer);
}

/**
 * A workbook of every record of `docs`, with the CSV's columns (X.xlsx, records.xlsx).
 * @example
 * ```ts
 * await writeFile('X.xlsx', await documentsToXlsx([document]));
 * ```
 */
export function documentsToXlsx(docs: readonly TrackerDocument[], options: XlsxOptions = {}): Promise<Uint8Array> {
  const extras = extraHeadings(docs);
  return rowsToXlsx(recordColumns(extras), recordRows(docs, extras), options);
}

/** Read a workbook's first sheet back as rows of cell text (tests, and to check what was written). */
export async function readXlsxRows(bytes: Uint8Array): Promise<string[][]> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(bytes as unknown as ArrayBuffer);
  const ws = wb.worksheets[0];
  const out: string[][] = [];
  ws?.eachRow({ includeEmpty: false }, (row) => {
    const cells: string[] = [];
    for (let c = 1; c <= ws.columnCount; c++) {
      const v = row.getCell(c).value;
      cells.push(v === null || v === undefined ? '' : String(v));
    }
    out.push(cells);
  });
  return out;
}
