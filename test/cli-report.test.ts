/**
 * The report and format options of the CLI (issue #10), as a user runs them: a child process,
 * real files, exit codes. Output is read back (pdf.js text, ExcelJS), never compared by bytes
 * except where byte-identity is the promise (SOURCE_DATE_EPOCH).
 */
import { describe, it, expect } from 'vitest';
import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import * as pdfjs from 'pdfjs-dist/legacy/build/pdf.mjs';
import { ROOT, FIXTURES } from './helpers/fixtures.ts';
import { readXlsxRows } from '../src/write/xlsx.ts';

const BIN = path.join(ROOT, 'bin', 'impact-tracker.mjs');

function run(args: string[], env: Record<string, string> = {}): Promise<{ code: number; stderr: string }> {
  return new Promise((resolve) => {
    const e: NodeJS.ProcessEnv = { ...process.env, NO_COLOR: '1', ...env };
    if (!('SOURCE_DATE_EPOCH' in env)) delete e.SOURCE_DATE_EPOCH;
    execFile(process.execPath, [BIN, ...args], { cwd: ROOT, env: e }, (err, _stdout, stderr) => {
      resolve({ code: err ? ((err as { code?: number }).code ?? 1) : 0, stderr });
    });
  });
}
const tmp = () => mkdtempSync(path.join(tmpdir(), 'it-rep-'));

async function pageTexts(file: string): Promise<string[][]> {
  const task = pdfjs.getDocument({ data: new Uint8Array(readFileSync(file)) });
  try {
    const doc = await task.promise;
    const out: string[][] = [];
    for (let n = 1; n <= doc.numPages; n++) out.push((await (await doc.getPage(n)).getTextContent()).items.map((i) => ('str' in i ? i.str : '')));
    return out;
  } finally {
    await task.destroy();
  }
}

const CSV =
  'file,title,committee,table,id,label,recommendation,response,progress,rag,tableHeading\n' +
  'a.pdf,Housing tracker,Housing Committee,1,1,Recommendation 1,Build homes.,Agreed.,Done.,G,\n' +
  'a.pdf,Housing tracker,Housing Committee,1,2,Recommendation 2,Fund repairs.,Partly.,Some progress.,A,\n' +
  'a.pdf,Housing tracker,Housing Committee,2,3,Recommendation 3,Publish data.,No.,Rejected.,R,Further recommendations (June 2023)\n';

describe('CLI report options', () => {
  it('prints --title, --committee, --subtitle and --date on page 1; SOURCE_DATE_EPOCH gives identical bytes', async () => {
    const dir = tmp();
    writeFileSync(path.join(dir, 'r.csv'), CSV);
    const args = (out: string) => [
      'report',
      path.join(dir, 'r.csv'),
      '--out',
      path.join(dir, out),
      '--title',
      'Housing: what changed',
      '--committee',
      'Housing Committee',
      '--subtitle',
      'For the meeting of 4 June',
      '--date',
      'June 2026',
    ];
    const a = await run(args('a.pdf'), { SOURCE_DATE_EPOCH: '1780000000' });
    expect(a.code, a.stderr).toBe(0);
    const b = await run(args('b.pdf'), { SOURCE_DATE_EPOCH: '1780000000' });
    expect(readFileSync(path.join(dir, 'a.pdf')).equals(readFileSync(path.join(dir, 'b.pdf')))).toBe(true);
    expect(b.stderr).toContain('3 records, 1 section');
    const [page1] = await pageTexts(path.join(dir, 'a.pdf'));
    for (const s of ['Housing: what changed', 'Housing Committee', 'For the meeting of 4 June', 'June 2026', 'Further recommendations (June 2023)']) expect(page1).toContain(s);
    expect(page1!.join(' ')).toContain('Generated 2026-05-28'); // 1780000000 s
  });

  it('--only, --sort, --group-by rag, --landscape; bad values exit 2', async () => {
    const dir = tmp();
    writeFileSync(path.join(dir, 'r.csv'), CSV);
    const r = await run([
      'report',
      path.join(dir, 'r.csv'),
      '--out',
      path.join(dir, 'o.pdf'),
      '--only',
      'red,A',
      '--sort',
      'rag',
      '--group-by',
      'rag',
      '--landscape',
      '--generated-at',
      '2026-01-01',
    ]);
    expect(r.code, r.stderr).toBe(0);
    const pages = await pageTexts(path.join(dir, 'o.pdf'));
    const text = pages.flat();
    expect(text).toContain('This report lists the red and amber recommendations only: 2 of 3.');
    expect(text.indexOf('Red')).toBeLessThan(text.indexOf('Amber'));
    expect(text).not.toContain('Build homes.');
    const task = pdfjs.getDocument({ data: new Uint8Array(readFileSync(path.join(dir, 'o.pdf'))) });
    const page = await (await task.promise).getPage(1);
    expect(page.view.slice(2).map(Math.round)).toEqual([842, 595]);
    await task.destroy();
    for (const bad of [
      ['--only', 'purple'],
      ['--sort', 'size'],
      ['--group-by', 'file'],
    ]) {
      const x = await run(['report', path.join(dir, 'r.csv'), '--out', path.join(dir, 'x.pdf'), ...bad]);
      expect(x.code, bad.join(' ')).toBe(2);
    }
    const e = await run(['report', path.join(dir, 'r.csv'), '--out', path.join(dir, 'x.pdf')], { SOURCE_DATE_EPOCH: 'yesterday' });
    expect(e.code).toBe(2);
    expect(e.stderr).toContain('SOURCE_DATE_EPOCH must be whole seconds');
  });

  it('warns about characters the font cannot print and duplicate ids', async () => {
    const dir = tmp();
    writeFileSync(path.join(dir, 'r.csv'), 'id,recommendation,response,progress\n1,Tokyo 東京,a,b\n1,again,a,b\n');
    const r = await run(['report', path.join(dir, 'r.csv'), '--out', path.join(dir, 'o.pdf'), '--generated-at', '2026-01-01']);
    expect(r.code).toBe(0);
    expect(r.stderr).toContain('warn  UNPRINTABLE: the report font cannot print 東 (U+6771), 京 (U+4EAC)');
    expect(r.stderr).toContain('record 1');
    expect(r.stderr).toContain('warn  DUPLICATE_ID: r.csv: record id 1 appears more than once in one table');
  });
});

describe('CLI --format', () => {
  it('xlsx adds X.xlsx and records.xlsx: the CSV columns, text kept as text, RAG filled', async () => {
    const out = tmp();
    const r = await run(['extract', path.join(FIXTURES, 'online-crime-tracker.pdf'), '--out', out, '--format', 'json, XLSX', '--generated-at', '2026-01-01', '-j', '1']);
    expect(r.code, r.stderr).toBe(0);
    expect(readdirSync(out).sort()).toEqual(['online-crime-tracker.json', 'online-crime-tracker.xlsx', 'records.csv', 'records.jsonl', 'records.xlsx']);
    const rows = await readXlsxRows(new Uint8Array(readFileSync(path.join(out, 'records.xlsx'))));
    const csvHeader = readFileSync(path.join(out, 'records.csv'), 'utf8')
      .replace(/^\uFEFF/, '')
      .split('\r\n')[0];
    expect(rows[0]!.join(',')).toBe(csvHeader);
    expect(rows).toHaveLength(12);
    const doc = JSON.parse(readFileSync(path.join(out, 'online-crime-tracker.json'), 'utf8'));
    expect(rows[1]![rows[0]!.indexOf('recommendation')]).toBe(doc.records[0].recommendation);
    expect(rows[1]![rows[0]!.indexOf('rag')]).toBe('green');
  });

  it('an unknown format exits 2 naming the known ones', async () => {
    const r = await run(['extract', path.join(FIXTURES, 'online-crime-tracker.pdf'), '--out', tmp(), '--format', 'json,docx']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('--format: unknown format docx; choose from json, csv, report, xlsx, sqlite');
  });
});

describe('CLI compare', () => {
  it('writes changes.pdf, changes.csv and changes.json and prints the summary; a file of several trackers is refused', async () => {
    const dir = tmp();
    const v2 = path.join(FIXTURES, 'compare', 'stop-and-search-soft-hyphens.chromium-a4p.v2.pdf');
    const r = await run([
      'compare',
      path.join(FIXTURES, 'stop-and-search-soft-hyphens.chromium-a4p.pdf'),
      v2,
      '--out',
      path.join(dir, 'changes.pdf'),
      '--since',
      'March 2025',
      '--generated-at',
      '2026-01-01',
    ]);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr).toContain('Since March 2025: 1 moved to green, 1 to amber, 1 new, 1 removed, 1 updated, 3 unchanged.');
    expect(readdirSync(dir).sort()).toEqual(['changes.csv', 'changes.json', 'changes.pdf']);
    const json = JSON.parse(readFileSync(path.join(dir, 'changes.json'), 'utf8'));
    expect(json.summary).toMatchObject({ moved: 2, added: 1, removed: 1, updated: 1, unchanged: 3 });
    const [page1] = await pageTexts(path.join(dir, 'changes.pdf'));
    expect(page1).toContain('RAG status moved (2)');
    writeFileSync(path.join(dir, 'two.csv'), CSV.replace('\na.pdf,Housing tracker,Housing Committee,2,3', '\nb.pdf,Other,Other Committee,2,3'));
    const e = await run(['compare', path.join(dir, 'two.csv'), v2, '--out', path.join(dir, 'x.pdf')]);
    expect(e.code).toBe(1);
    expect(e.stderr).toContain('holds 2 trackers');
  });
});
