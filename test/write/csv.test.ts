import { describe, it, expect } from 'vitest';
import { documentsToCsv, parseRecordsCsv, errorsToCsv } from '../../src/write/csv.ts';
import { RecordsInputError, validateDocument } from '../../src/index.ts';

const doc = validateDocument({
  schemaVersion: 1,
  source: { file: 'a.pdf', pages: 2, sha256: '' },
  title: 'Title, with comma',
  committee: 'C',
  columns: [],
  records: [
    {
      id: '1',
      label: 'Recommendation 1',
      recommendation: '=HYPERLINK("http://x")',
      response: 'Line one\n\n• item "quoted"\n• two',
      progress: '-5 per cent',
      rag: 'red',
      ragSource: 'fill',
      pages: [1, 2],
    },
    { id: '2', label: '', recommendation: '@SUM(A1)', response: '', progress: '+1', rag: null, ragSource: null },
  ],
});

describe('CSV', () => {
  it('starts with a BOM and a header row, uses CRLF, quotes fields that need it', () => {
    const csv = documentsToCsv([doc]);
    expect(csv.startsWith('\uFEFFfile,path,title,committee,table,id,label,recommendation,response,progress,rag,ragSource,pages,review,tableHeading\r\n')).toBe(true);
    expect(csv).toContain('"Title, with comma"');
    expect(csv).toContain('"Line one\n\n• item ""quoted""\n• two"');
    expect(csv).toContain('1;2');
  });

  it('guards spreadsheet formulas, also in values with newlines, and undoes it on parse', () => {
    const csv = documentsToCsv([doc]);
    expect(csv).toContain(`"'=HYPERLINK(""http://x"")"`);
    expect(csv).toContain("'-5 per cent");
    expect(csv).toContain("'@SUM(A1)");
    expect(csv).toContain("'+1");
    const [back] = parseRecordsCsv(csv);
    expect(back!.records.map((r) => [r.recommendation, r.progress])).toEqual([
      ['=HYPERLINK("http://x")', '-5 per cent'],
      ['@SUM(A1)', '+1'],
    ]);
  });

  it('per-file row pieces after an empty header equal the whole table (the CLI builds records.csv so)', () => {
    const other = { ...doc, source: { ...doc.source, file: 'b.pdf' } };
    expect(documentsToCsv([]) + documentsToCsv([doc], { header: false }) + documentsToCsv([other], { header: false })).toBe(documentsToCsv([doc, other]));
    expect(documentsToCsv([{ ...doc, records: [] }], { header: false })).toBe('');
  });

  it('round-trips records exactly', () => {
    const [back] = parseRecordsCsv(documentsToCsv([doc]));
    expect(back!.records).toEqual(doc.records);
    expect(back!.title).toBe(doc.title);
    expect(back!.source.file).toBe('a.pdf');
  });

  it('reads a CSV as Excel saves it: BOM, CRLF, reordered columns, no file column, blank lines', () => {
    const excel = '\uFEFFid,progress,response,recommendation,rag\r\n3,Done.,"Yes,\r\nreally",Do it,Green\r\n\r\n';
    const [d] = parseRecordsCsv(excel, 'edited.csv');
    expect(d!.source.file).toBe('edited.csv');
    expect(d!.records).toEqual([
      { id: '3', label: '', recommendation: 'Do it', response: 'Yes,\r\nreally', progress: 'Done.', rag: 'green', ragSource: null, table: 1, pages: [], review: [] },
    ]);
  });

  it('writes review codes and extra columns, and reads them back', () => {
    const council = validateDocument({
      ...doc,
      records: [
        {
          ...doc.records[0],
          review: [
            { code: 'PAGE_BREAK', message: 'joined' },
            { code: 'EMPTY_CELL', field: 'response', message: 'empty' },
          ],
          extra: { 'Lead officer': 'J. Smith', Date: '01/02/26' },
        },
        { ...doc.records[1], extra: { 'Lead officer': '', Date: '02/02/26' } },
      ],
    });
    const csv = documentsToCsv([council]);
    expect(csv.split('\r\n')[0]).toBe('\uFEFFfile,path,title,committee,table,id,label,recommendation,response,progress,rag,ragSource,pages,review,tableHeading,Lead officer,Date');
    expect(csv).toContain('PAGE_BREAK; EMPTY_CELL,,J. Smith,01/02/26');
    const [back] = parseRecordsCsv(csv);
    expect(back!.records.map((r) => r.review.map((x) => x.code))).toEqual([['PAGE_BREAK', 'EMPTY_CELL'], []]);
    expect(back!.records.map((r) => r.extra)).toEqual([
      { 'Lead officer': 'J. Smith', Date: '01/02/26' },
      { 'Lead officer': '', Date: '02/02/26' },
    ]);
  });

  it('matches header names case-insensitively', () => {
    const [d] = parseRecordsCsv('ID,Recommendation,Response,Progress,RAG,RAG source\r\n1,a,b,c,Green,fill\r\n', 'caps.csv');
    expect(d!.records[0]).toMatchObject({ id: '1', recommendation: 'a', rag: 'green', ragSource: 'fill' });
  });

  it('lists every bad row in one error, naming row, record and field', () => {
    const bad = 'id,recommendation,response,progress,rag,table\n1,a,b,c,green,1\n2,a,b,c,purple,1\n3,a,b,c,red,x\n,a,b,c,red,1\n';
    expect(() => parseRecordsCsv(bad, 'x.csv')).toThrow(RecordsInputError);
    let message = '';
    try {
      parseRecordsCsv(bad, 'x.csv');
    } catch (err) {
      message = (err as Error).message;
    }
    expect(message).toMatch(/^x\.csv: 3 bad rows/);
    expect(message).toMatch(/row 3 \(record 2\): rag: .*\(found "purple"\)/);
    expect(message).toMatch(/row 4 \(record 3\): table: /);
    expect(message).toMatch(/row 5: id: /);
  });

  it('reads RAG words and R/A/G/B abbreviations in any case', () => {
    const [d] = parseRecordsCsv('id,recommendation,response,progress,rag\n1,a,b,c,R\n2,a,b,c,a\n3,a,b,c,G\n4,a,b,c, Blue \n5,a,b,c,\n', 'x.csv');
    expect(d!.records.map((r) => r.rag)).toEqual(['red', 'amber', 'green', 'blue', null]);
  });

  it('carries the table heading through the CSV (issue #10), one per table', () => {
    const two = validateDocument({
      ...doc,
      tables: [
        { index: 1, heading: null, columns: [], pages: [1], method: 'ruled' },
        { index: 2, heading: 'Further recommendations (June 2023)', columns: [], pages: [2], method: 'ruled' },
      ],
      records: [doc.records[0], { ...doc.records[1], table: 2 }],
    });
    const [back] = parseRecordsCsv(documentsToCsv([two]));
    expect(back!.tables.map((t) => [t.index, t.heading])).toEqual([
      [1, null],
      [2, 'Further recommendations (June 2023)'],
    ]);
  });

  it('without a file column, groups records by title and committee (never merges two trackers)', () => {
    const csv =
      'title,committee,id,recommendation,response,progress\nHousing,Housing Committee,1,a,b,c\nTransport,Transport Committee,1,a,b,c\nHousing,Housing Committee,2,a,b,c\n';
    const docs = parseRecordsCsv(csv, 'edited.csv');
    expect(docs.map((d) => [d.title, d.committee, d.records.map((r) => r.id)])).toEqual([
      ['Housing', 'Housing Committee', ['1', '2']],
      ['Transport', 'Transport Committee', ['1']],
    ]);
  });

  it('names missing columns', () => {
    expect(() => parseRecordsCsv('a,b\n1,2\n', 'x.csv')).toThrow(/missing columns id, recommendation, response, progress/);
  });

  it('writes errors.csv rows', () => {
    expect(errorsToCsv([{ file: 'b.pdf', code: 'NOT_PDF', message: 'not a PDF: an HTML page' }])).toBe('\uFEFFfile,code,message\r\nb.pdf,NOT_PDF,not a PDF: an HTML page\r\n');
  });
});
