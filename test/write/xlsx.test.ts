/**
 * The Excel workbook (issue #10), read back with ExcelJS: frozen header, autofilter, widths,
 * wrapped text, RAG fills, and text kept as text (a formula-like value is a string cell).
 */
import { describe, it, expect } from 'vitest';
import ExcelJS from 'exceljs';
import { documentsToXlsx, readXlsxRows } from '../../src/write/xlsx.ts';
import { CSV_COLUMNS } from '../../src/write/csv.ts';
import { validateDocument } from '../../src/schema.ts';

const doc = validateDocument({
  schemaVersion: 2,
  source: { file: 'a.pdf', pages: 2, sha256: '' },
  title: 'T',
  committee: 'C',
  columns: [],
  tables: [{ index: 1, heading: 'First', columns: [], pages: [1], method: 'ruled' }],
  records: [
    {
      id: '1',
      label: 'Recommendation 1',
      recommendation: '=HYPERLINK("http://x","click")',
      response: '+1 more',
      progress: 'Done.',
      rag: 'green',
      ragSource: 'fill',
      pages: [1],
      extra: { Lead: 'J. Smith' },
    },
    { id: '02', label: '', recommendation: 'Line one\n\nLine two', response: '', progress: '-5 per cent', rag: 'red', ragSource: 'fill' },
    { id: '3', label: '', recommendation: 'x', response: '', progress: '', rag: null, ragSource: null },
  ],
});

describe('xlsx', () => {
  it('one row per record with the CSV columns; every value is a text cell (no formula, no number)', async () => {
    const bytes = await documentsToXlsx([doc], { date: new Date('2026-01-01T00:00:00Z') });
    const rows = await readXlsxRows(bytes);
    expect(rows[0]).toEqual([...CSV_COLUMNS, 'Lead']);
    expect(rows).toHaveLength(4);
    const at = (name: (typeof CSV_COLUMNS)[number]) => CSV_COLUMNS.indexOf(name);
    expect(rows[1]![at('recommendation')]).toBe('=HYPERLINK("http://x","click")');
    expect(rows[2]![at('id')]).toBe('02');
    expect(rows[2]![at('recommendation')]).toBe('Line one\n\nLine two');
    expect(rows[1]![at('tableHeading')]).toBe('First');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(bytes as unknown as ArrayBuffer);
    const ws = wb.worksheets[0];
    for (let r = 2; r <= 4; r++) for (let c = 1; c <= ws!.columnCount; c++) expect(ws!.getRow(r).getCell(c).type, `row ${r} col ${c}`).toBe(ExcelJS.ValueType.String);
    expect(ws!.views[0]).toMatchObject({ state: 'frozen', ySplit: 1 });
    expect(ws!.autoFilter).toBeTruthy();
    expect(ws!.getColumn(at('recommendation') + 1).width).toBe(60);
    expect(ws!.getRow(2).getCell(at('recommendation') + 1).alignment?.wrapText).toBe(true);
    const ragCol = CSV_COLUMNS.indexOf('rag') + 1;
    expect((ws!.getRow(2).getCell(ragCol).fill as ExcelJS.FillPattern).fgColor?.argb).toBe('FF2A7A45');
    expect((ws!.getRow(3).getCell(ragCol).fill as ExcelJS.FillPattern).fgColor?.argb).toBe('FFB8312A');
    expect((ws!.getRow(4).getCell(ragCol).fill as ExcelJS.FillPattern | undefined)?.fgColor).toBeUndefined();
    expect(ws!.getRow(1).font?.bold).toBe(true);
  });
});
