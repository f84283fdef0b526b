/**
 * The CLI as a user runs it: a child process on the project's Node, real files, exit codes.
 */
import { describe, it, expect } from 'vitest';
import { execFile } from 'node:child_process';
import { mkdtempSync, mkdirSync, readFileSync, existsSync, readdirSync, copyFileSync, writeFileSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { ROOT, FIXTURES } from './helpers/fixtures.ts';

const BIN = path.join(ROOT, 'bin', 'impact-tracker.mjs');

function run(args: string[], cwd = ROOT): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(process.execPath, [BIN, ...args], { cwd, env: { ...process.env, NO_COLOR: '1' } }, (err, stdout, stderr) => {
      resolve({ code: err ? ((err as { code?: number }).code ?? 1) : 0, stdout, stderr });
    });
  });
}
const tmp = () => mkdtempSync(path.join(tmpdir(), 'it-cli-'));

describe('CLI', () => {
  it('--version and --help exit 0', async () => {
    const pkg = JSON.parse(readFileSync(path.join(ROOT, 'package.json'), 'utf8'));
    expect(await run(['--version'])).toMatchObject({ code: 0, stdout: `${pkg.version}\n` });
    const help = await run(['extract', '--help']);
    expect(help.code).toBe(0);
    expect(help.stdout).toContain('--out <dir>');
  });

  it('usage errors exit 2 with one line', async () => {
    for (const args of [
      ['extract'],
      ['bogus'],
      ['extract', 'x.pdf', '--jobs', '0'],
      ['extract', '--nope', 'x.pdf'],
      ['report', 'a.csv'],
      ['extract', 'x.pdf', '--format', 'json,xml'],
      ['search'],
    ]) {
      const r = await run(args);
      expect(r.code, args.join(' ')).toBe(2);
      expect(r.stderr.trim().split('\n')).toHaveLength(1);
      expect(r.stderr).toMatch(/^impact-tracker: .*\(see impact-tracker (?:(?:extract|report|search) )?--help\)/);
    }
    expect((await run(['extract', 'x.pdf', '--format', 'json,xml'])).stderr).toContain('--format: unknown format xml; choose from json, csv, report, xlsx, sqlite');
  });

  it('extract writes X.json, X.csv, X.report.pdf and the combined tables; exit 0', async () => {
    const out = tmp();
    const r = await run(['extract', path.join(FIXTURES, 'online-crime-tracker.pdf'), '--out', out]);
    expect(r.code).toBe(0);
    expect(r.stderr).toContain('1 of 1 file converted, 0 failed · 11 records: 7 green, 4 amber, 0 red, 0 not rated');
    expect(readdirSync(out).sort()).toEqual(['online-crime-tracker.csv', 'online-crime-tracker.json', 'online-crime-tracker.report.pdf', 'records.csv', 'records.jsonl']);
    const doc = JSON.parse(readFileSync(path.join(out, 'online-crime-tracker.json'), 'utf8'));
    expect(doc.records).toHaveLength(11);
    expect(readFileSync(path.join(out, 'records.jsonl'), 'utf8').trim().split('\n')).toHaveLength(11);
  });

  it('a file that fails exits 1, names the file and the code, and the others are still written', async () => {
    const dir = tmp();
    copyFileSync(path.join(FIXTURES, 'online-crime-tracker.pdf'), path.join(dir, 'good.pdf'));
    writeFileSync(path.join(dir, 'bad.pdf'), '<html><body>not a pdf</body></html>');
    const out = path.join(dir, 'out');
    const r = await run(['extract', dir, '--out', out]);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain(`${path.join(dir, 'bad.pdf')}: NOT_PDF: not a PDF: the file holds an HTML page`);
    expect(r.stderr).not.toMatch(/\n\s+at /); // no stack trace without --verbose
    expect(existsSync(path.join(out, 'good.json'))).toBe(true);
    expect(readFileSync(path.join(out, 'errors.csv'), 'utf8')).toContain('bad.pdf,NOT_PDF,');
    // Re-running with the output folder inside the input folder does not read outputs back.
    const again = await run(['extract', dir, '--out', out]);
    expect(again.stderr).toContain('1 of 2 files converted');
  });

  it('report accepts a CSV saved by Excel (BOM, CRLF) and JSON, and writes a PDF atomically', async () => {
    const dir = tmp();
    const csv = path.join(dir, 'edited.csv');
    writeFileSync(csv, '\uFEFFid,label,recommendation,response,progress,rag\r\n1,Recommendation 1,Do “this” – £5,Yes,Accepted.,Green\r\n');
    const pdf = path.join(dir, 'r.pdf');
    const r = await run(['report', csv, '--out', pdf]);
    expect(r.code).toBe(0);
    expect(readFileSync(pdf).subarray(0, 5).toString()).toBe('%PDF-');
    expect(readdirSync(dir).filter((f) => f.endsWith('.tmp'))).toEqual([]);
    const bad = path.join(dir, 'bad.csv');
    writeFileSync(bad, 'id,recommendation,response,progress,rag\n1,a,b,c,purple\n');
    const before = statSync(pdf).mtimeMs;
    const r2 = await run(['report', bad, '--out', pdf]);
    expect(r2.code).toBe(1);
    expect(r2.stderr).toContain('RECORDS_INVALID: bad.csv: 1 bad row');
    expect(r2.stderr).toContain('row 2 (record 1): rag:');
    expect(statSync(pdf).mtimeMs).toBe(before); // the old report is untouched
  });

  it('keeps same-named inputs apart: distinct outputs and source names', async () => {
    const dir = tmp();
    for (const [sub, src] of [
      ['2019', 'online-crime-tracker.pdf'],
      ['2020', 'waste-zebra-no-rules.chromium-a4p.pdf'],
    ]) {
      mkdirSync(path.join(dir, 'd', sub!), { recursive: true });
      copyFileSync(path.join(FIXTURES, src!), path.join(dir, 'd', sub!, 'tracker.pdf'));
    }
    const r = await run(['extract', 'd', '--out', 'o'], dir);
    expect(r.code).toBe(0);
    expect(r.stderr).toContain(`note  ${path.join('d', '2020', 'tracker.pdf')} shares its name with another input: its outputs are 2020-tracker.*`);
    const rows = readFileSync(path.join(dir, 'o', 'records.jsonl'), 'utf8')
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l));
    expect(new Set(rows.map((l) => l.file))).toEqual(new Set(['d/2019/tracker.pdf', 'd/2020/tracker.pdf']));
    expect(new Set(rows.map((l) => l.path))).toEqual(new Set(['2019/tracker.pdf', '2020/tracker.pdf']));
    expect(JSON.parse(readFileSync(path.join(dir, 'o', '2020-tracker.json'), 'utf8')).source).toMatchObject({ file: 'd/2020/tracker.pdf', path: '2020/tracker.pdf' });
  });

  it('reads the PDFs of the output folder itself, but never its own outputs; --out a file exits 2', async () => {
    const dir = tmp();
    copyFileSync(path.join(FIXTURES, 'online-crime-tracker.pdf'), path.join(dir, 'a.pdf'));
    for (let k = 0; k < 2; k++) {
      const r = await run(['extract', '.', '--out', '.', '--jobs', '1'], dir);
      expect(r.stderr).toContain('1 of 1 file converted');
    }
    const r = await run(['extract', 'a.pdf', '--out', 'a.pdf'], dir);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('--out a.pdf is a file, not a folder');
  });

  it('a file that fails leaves none of its outputs, also stale ones from an earlier run', async () => {
    const dir = tmp();
    copyFileSync(path.join(FIXTURES, 'online-crime-tracker.pdf'), path.join(dir, 'a.pdf'));
    expect((await run(['extract', 'a.pdf', '--out', 'o'], dir)).code).toBe(0);
    expect(existsSync(path.join(dir, 'o', 'a.json'))).toBe(true);
    const r = await run(['extract', 'a.pdf', '--out', 'o', '--timeout', '0.01'], dir);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('TIMEOUT');
    expect(readdirSync(path.join(dir, 'o')).sort()).toEqual(['errors.csv', 'records.csv', 'records.jsonl']);
  });

  it('extract one.pdf --out - writes its JSON to stdout and no file; several inputs exit 2', async () => {
    const dir = tmp();
    copyFileSync(path.join(FIXTURES, 'online-crime-tracker.pdf'), path.join(dir, 'a.pdf'));
    const r = await run(['extract', 'a.pdf', '--out', '-'], dir);
    expect(r.code, r.stderr).toBe(0);
    const doc = JSON.parse(r.stdout);
    expect(doc.records).toHaveLength(11);
    expect(doc.source).toMatchObject({ file: 'a.pdf', path: 'a.pdf', pages: 5, toolVersion: expect.any(String) });
    expect(r.stderr).toMatch(/^ok +a\.pdf: 11 records/);
    expect(readdirSync(dir)).toEqual(['a.pdf']);
    copyFileSync(path.join(FIXTURES, 'online-crime-tracker.pdf'), path.join(dir, 'b.pdf'));
    for (const args of [['a.pdf', 'b.pdf'], ['.']]) {
      const many = await run(['extract', ...args, '--out', '-'], dir);
      expect(many.code).toBe(2);
      expect(many.stdout).toBe('');
      expect(many.stderr).toContain("--out - writes one document's JSON to standard output: give exactly one PDF (got 2 files:");
    }
    writeFileSync(path.join(dir, 'empty.pdf'), '');
    const empty = await run(['extract', 'empty.pdf', '--out', '-'], dir);
    expect(empty).toMatchObject({ code: 1, stdout: '' });
    expect(empty.stderr).toContain('empty.pdf: EMPTY_FILE');
    expect(readdirSync(dir).sort()).toEqual(['a.pdf', 'b.pdf', 'empty.pdf']);
  });

  it('report: Windows-1252 CSV, one-line JSONL, empty and header-only files', async () => {
    const dir = tmp();
    writeFileSync(path.join(dir, 'w.csv'), Buffer.from('id,recommendation,response,progress,rag\r\n1,Pay \xa35 \x96 now,\x93yes\x94,ok,Amber\r\n', 'latin1'));
    const w = await run(['report', 'w.csv', '--out', 'w.pdf'], dir);
    expect(w.code).toBe(0);
    expect(w.stderr).toContain('w.csv is not UTF-8: read it as Windows-1252');
    writeFileSync(
      path.join(dir, 'one.jsonl'),
      JSON.stringify({
        file: 'x.pdf',
        title: 'T',
        committee: 'C',
        id: '1',
        label: '',
        recommendation: 'r',
        response: 's',
        progress: 'p',
        rag: 'Green',
        ragSource: null,
        table: 1,
        pages: [],
      }) + '\n',
    );
    expect((await run(['report', 'one.jsonl', '--out', 'j.pdf'], dir)).code).toBe(0);
    writeFileSync(path.join(dir, 'e.csv'), '');
    writeFileSync(path.join(dir, 'h.csv'), 'id,recommendation,response,progress\r\n');
    expect((await run(['report', 'e.csv', '--out', 'e.pdf'], dir)).stderr).toContain('RECORDS_INVALID: e.csv is empty');
    expect((await run(['report', 'h.csv', '--out', 'h.pdf'], dir)).stderr).toContain('RECORDS_INVALID: h.csv has a header row but no records');
    expect((await run(['report', '.', '--out', 'd.pdf'], dir)).stderr).toContain('is a folder; give the records files themselves');
  });
});
