/**
 * Issue #12, item 9: option limits, the `'=` apostrophe on the CSV round trip, an inert
 * debug copy (no JavaScript, Launch or OpenAction), and NO_TEXT_LAYER only for files with no text.
 */
import { describe, it, expect } from 'vitest';
import { readFileSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import path from 'node:path';
import { PDFDocument, PDFName, PDFString, degrees } from 'pdf-lib';
import fontkit from '@pdf-lib/fontkit';
import { extractTracker, writeDebugOverlay, documentsToCsv, parseRecordsCsv, validateDocument, TrackerError } from '../../src/index.ts';
import { loadReportFonts } from '../../src/node/fonts.ts';
import { FIXTURES } from '../helpers/fixtures.ts';
import { tmp } from './cli.ts';

/** Run the CLI in this process (option errors end before any worker starts); returns its exit code and stderr. */
async function cli(argv: string[]): Promise<{ code: number; stderr: string }> {
  const { main } = await import('../../src/cli.ts');
  let stderr = '';
  const write = process.stderr.write;
  process.stderr.write = ((chunk: string) => {
    stderr += chunk;
    return true;
  }) as typeof process.stderr.write;
  try {
    const code = await main(argv);
    return { code, stderr };
  } finally {
    process.stderr.write = write;
    process.exitCode = undefined;
  }
}

describe('option limits', () => {
  it('refuses --timeout beyond 2^31 ms and too small --max-memory / --max-size (exit 2); caps --jobs at twice the cores with a note', async () => {
    for (const [args, message] of [
      [['--timeout', '2147484'], /--timeout must be a number of seconds > 0 and ≤ 2147483/],
      [['--max-memory', '64'], /--max-memory must be a size of at least 128 MB/],
      [['--max-size', '0'], /--max-size must be a size of at least 1 MB/],
      [['--max-size', 'lots'], /--max-size must be a size/],
    ] as const) {
      const r = await cli(['extract', 'x.pdf', ...args]);
      expect(r.code, args.join(' ')).toBe(2);
      expect(r.stderr).toMatch(message);
    }
    const cores = availableParallelism();
    const r = await cli(['extract', 'no-such.pdf', '--jobs', String(8 * cores), '--out', path.join(tmp('jobs'), 'out')]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(`note  --jobs ${8 * cores} is more than twice the ${cores} CPU core${cores === 1 ? '' : 's'}: using ${2 * cores}`);
  });
});

describe('CSV formula guard', () => {
  it('a value that really begins with an apostrophe and a formula character keeps it on the round trip', () => {
    const values = ["'=SUM(A1)", "''+1", '=1+1', "'plain", "it's", '@home'];
    const doc = validateDocument({
      schemaVersion: 2,
      source: { file: 'x.pdf', pages: 1, sha256: '' },
      title: 'T',
      committee: 'C',
      columns: [],
      records: values.map((v, k) => ({ id: String(k + 1), label: '', recommendation: v, response: '', progress: '', rag: null, ragSource: null })),
    });
    const csv = documentsToCsv([doc]);
    expect(csv).toContain(",''=SUM(A1),");
    expect(parseRecordsCsv(csv)[0]!.records.map((r) => r.recommendation)).toEqual(values);
  });
});

describe('the debug overlay is inert', () => {
  it('strips OpenAction, AA, JavaScript, Launch and XFA, keeps plain links, and the copy still opens', async () => {
    const bytes = readFileSync(path.join(FIXTURES, 'online-crime-tracker.pdf'));
    const pdf = await PDFDocument.load(bytes);
    const ctx = pdf.context;
    const js = (code: string) => ctx.register(ctx.obj({ Type: 'Action', S: 'JavaScript', JS: PDFString.of(code) }));
    pdf.catalog.set(PDFName.of('OpenAction'), js('app.alert(1)'));
    pdf.catalog.set(PDFName.of('AA'), ctx.obj({ WC: js('app.alert(2)') }));
    pdf.catalog.set(PDFName.of('Names'), ctx.obj({ JavaScript: ctx.obj({ Names: [PDFString.of('doc'), js('app.alert(3)')] }) }));
    pdf.catalog.set(PDFName.of('AcroForm'), ctx.obj({ Fields: [], XFA: PDFString.of('<xdp:xdp/>') }));
    const page = pdf.getPage(0);
    page.node.set(PDFName.of('AA'), ctx.obj({ O: js('app.alert(4)') }));
    const launch = ctx.obj({ Type: 'Annot', Subtype: 'Link', Rect: [0, 0, 50, 50], A: ctx.obj({ S: 'Launch', F: PDFString.of('calc.exe') }) });
    const uri = ctx.obj({ Type: 'Annot', Subtype: 'Link', Rect: [60, 0, 110, 50], A: ctx.obj({ S: 'URI', URI: PDFString.of('https://example.org/'), Next: js('app.alert(5)') }) });
    page.node.set(PDFName.of('Annots'), ctx.obj([ctx.register(launch), ctx.register(uri)]));
    const input = await pdf.save({ useObjectStreams: false });
    const before = Buffer.from(input).toString('latin1');
    for (const key of ['/OpenAction', '/JavaScript', '/Launch', '/AA', '/XFA']) expect(before).toContain(key);

    const { document, tables, pages } = await extractTracker(input);
    const overlay = await writeDebugOverlay(input, pages, tables, document);
    const text = Buffer.from(overlay).toString('latin1');
    for (const key of ['/OpenAction', '/JavaScript', '/JS', '/Launch', '/AA', '/XFA', 'app.alert', 'calc.exe']) expect(text, key).not.toContain(key);
    expect(text).toContain('https://example.org/');
    expect((await PDFDocument.load(overlay)).getPageCount()).toBe(document.source.pages + 1); // + the summary page
  });
});

describe('NO_TEXT_LAYER', () => {
  it('is not said of a file whose text pdf.js reads (CID TrueType with ToUnicode) but that runs at a slant', async () => {
    const pdf = await PDFDocument.create();
    pdf.registerFontkit(fontkit);
    const font = await pdf.embedFont((await loadReportFonts()).regular, { subset: true }); // Type0 / CIDFontType2 / ToUnicode
    const page = pdf.addPage([595, 842]);
    for (const [i, t] of ['Recommendation', 'Response', 'Progress'].entries()) page.drawText(t, { x: 100 + i * 120, y: 500 + i * 40, size: 12, font, rotate: degrees(45) });
    let code = 'ok';
    try {
      await extractTracker(await pdf.save());
    } catch (e) {
      expect(e).toBeInstanceOf(TrackerError);
      code = (e as TrackerError).code;
    }
    expect(code).toBe('TRACKER_NOT_FOUND');
  });

  it('is still said of a scan', async () => {
    await expect(extractTracker(readFileSync(path.join(FIXTURES, 'bad', 'scanned.pdf')))).rejects.toMatchObject({
      code: 'NO_TEXT_LAYER',
      message: expect.stringContaining('this PDF is a scan'),
    });
  });
});
