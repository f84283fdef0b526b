/**
 * Resumable, incremental runs through the CLI (issue #13): a run killed after a few files and
 * started again with --skip-unchanged converts only the rest, and its outputs — every per-file
 * output, the combined tables and the database's rows — equal an uninterrupted run's byte for
 * byte. Also: --list, the path column and the order of the combined tables.
 */
import { describe, it, expect, beforeAll } from 'vitest';
import { execFile, spawn } from 'node:child_process';
import { appendFileSync, copyFileSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import { ROOT, FIXTURES } from '../helpers/fixtures.ts';

const BIN = path.join(ROOT, 'bin', 'impact-tracker.mjs');
const FORMAT = ['--format', 'json,csv,report,sqlite'];
/** Reports carry their date: a fixed one (issue #10's SOURCE_DATE_EPOCH) makes runs comparable byte for byte. */
const ENV = { ...process.env, NO_COLOR: '1', SOURCE_DATE_EPOCH: '1767225600' };

function run(args: string[], cwd: string): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(process.execPath, [BIN, ...args], { cwd, env: ENV }, (err, stdout, stderr) => {
      resolve({ code: err ? ((err as { code?: number }).code ?? 1) : 0, stdout, stderr });
    });
  });
}

/** Start a run and SIGKILL it once `n` files have been converted; resolves with how many were. */
function runAndKill(args: string[], cwd: string, n: number): Promise<number> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [BIN, ...args], { cwd, env: ENV, stdio: ['ignore', 'ignore', 'pipe'] });
    let text = '';
    let killed = false;
    child.stderr.on('data', (chunk: Buffer) => {
      text += chunk.toString();
      if (!killed && (text.match(/^ok /gm) ?? []).length >= n) {
        killed = true;
        child.kill('SIGKILL');
      }
    });
    child.on('exit', () => resolve((text.match(/^ok /gm) ?? []).length));
  });
}

/** Every row of every table, without the columns that hold the time of a run. */
function dump(file: string): Record<string, unknown[]> {
  const db = new DatabaseSync(file, { readOnly: true });
  try {
    const tables = (db.prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'records_fts%' ORDER BY name").all() as Array<{ name: string }>).map(
      (t) => t.name,
    );
    const out: Record<string, unknown[]> = {};
    for (const t of tables) {
      out[t] = db
        .prepare(`SELECT * FROM "${t}" ORDER BY 1, 2`)
        .all()
        .map((row) => {
          const { converted_at: _c, ...rest } = row as Record<string, unknown>;
          return t === 'meta' && rest.key === 'created_at' ? { key: 'created_at' } : rest;
        });
    }
    out.fts = db.prepare("SELECT rowid, * FROM records_fts WHERE records_fts MATCH 'mayor' ORDER BY rowid").all();
    return out;
  } finally {
    db.close();
  }
}

// Five small trackers laid out as an archive whose names sort wrongly by code unit.
const LAYOUT: Array<[string, string]> = [
  ['2020/tracker.pdf', 'waste-zebra-no-rules.chromium-a4p.pdf'],
  ['2019/tracker.pdf', 'online-crime-tracker.pdf'],
  ['review-10.pdf', 'water-label-band-rows.libreoffice-a4p.pdf'],
  ['review-9.pdf', 'parks-rag-dot-column.chromium-letter-l.pdf'],
  ['Review-1.pdf', 'markets-label-band-no-rules.chromium-a4p.pdf'],
];
const NATURAL = ['2019/tracker.pdf', '2020/tracker.pdf', 'Review-1.pdf', 'review-9.pdf', 'review-10.pdf'];

let dir = '';
beforeAll(() => {
  dir = mkdtempSync(path.join(tmpdir(), 'it-resume-'));
  for (const [to, from] of LAYOUT) {
    mkdirSync(path.dirname(path.join(dir, 'archive', to)), { recursive: true });
    copyFileSync(path.join(FIXTURES, from), path.join(dir, 'archive', to));
  }
});

describe('incremental runs', () => {
  it('a run killed after 2 files, run again with --skip-unchanged, converts only the rest and writes the same bytes', async () => {
    const whole = await run(['extract', 'archive', '--out', 'whole', '--jobs', '1', ...FORMAT], dir);
    expect(whole.code).toBe(0);

    const done = await runAndKill(['extract', 'archive', '--out', 'resumed', '--jobs', '1', ...FORMAT], dir, 2);
    expect(done).toBeGreaterThanOrEqual(2);
    expect(done).toBeLessThan(NATURAL.length);
    expect(existsSync(path.join(dir, 'resumed', 'records.csv'))).toBe(false); // the combined tables come at the end

    const again = await run(['extract', 'archive', '--out', 'resumed', '--jobs', '1', '--skip-unchanged', ...FORMAT], dir);
    expect(again.code).toBe(0);
    const same = (again.stderr.match(/^same /gm) ?? []).length;
    const converted = (again.stderr.match(/^ok /gm) ?? []).length;
    expect(same).toBeGreaterThanOrEqual(done); // a file killed before its last output is converted again
    expect(same + converted).toBe(NATURAL.length);
    expect(converted).toBeGreaterThan(0);
    expect(again.stderr).toContain(`${converted} of 5 files converted, ${same} unchanged, 0 failed`);

    const names = readdirSync(path.join(dir, 'whole')).sort();
    expect(readdirSync(path.join(dir, 'resumed')).sort()).toEqual(names);
    for (const name of names.filter((n) => n !== 'records.sqlite')) {
      expect(readFileSync(path.join(dir, 'resumed', name)).equals(readFileSync(path.join(dir, 'whole', name))), name).toBe(true);
    }
    expect(dump(path.join(dir, 'resumed', 'records.sqlite'))).toEqual(dump(path.join(dir, 'whole', 'records.sqlite')));

    // Nothing changed: nothing is converted, and still every record is combined.
    const third = await run(['extract', 'archive', '--out', 'resumed', '--jobs', '1', '--skip-unchanged', ...FORMAT], dir);
    expect(third.stderr).toContain('0 of 5 files converted, 5 unchanged, 0 failed');
    expect(readFileSync(path.join(dir, 'resumed', 'records.csv')).equals(readFileSync(path.join(dir, 'whole', 'records.csv')))).toBe(true);
  }, 240_000);

  it('combines in natural order with a path relative to the input root on every row', () => {
    const rows = readFileSync(path.join(dir, 'whole', 'records.jsonl'), 'utf8')
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as { file: string; path: string });
    expect([...new Set(rows.map((r) => r.path))]).toEqual(NATURAL);
    expect([...new Set(rows.map((r) => r.file))]).toEqual(['archive/2019/tracker.pdf', 'archive/2020/tracker.pdf', 'Review-1.pdf', 'review-9.pdf', 'review-10.pdf']);
    const csv = readFileSync(path.join(dir, 'whole', 'records.csv'), 'utf8').split('\r\n');
    expect(csv[0]).toMatch(/^\uFEFFfile,path,title,/);
    expect(csv[1]).toMatch(/^archive\/2019\/tracker\.pdf,2019\/tracker\.pdf,/);
    const db = new DatabaseSync(path.join(dir, 'whole', 'records.sqlite'), { readOnly: true });
    expect(
      db
        .prepare('SELECT path, output FROM documents ORDER BY document_id')
        .all()
        .map((r) => ({ ...r })),
    ).toEqual([
      { path: '2019/tracker.pdf', output: '2019-tracker' },
      { path: '2020/tracker.pdf', output: '2020-tracker' },
      { path: 'Review-1.pdf', output: 'Review-1' },
      { path: 'review-9.pdf', output: 'review-9' },
      { path: 'review-10.pdf', output: 'review-10' },
    ]);
    db.close();
  });

  it('--list says what a run would do and why, and writes nothing', async () => {
    appendFileSync(path.join(dir, 'archive', 'review-9.pdf'), '\n% edited\n');
    writeFileSync(path.join(dir, 'archive', 'notes.pdf'), '<html>not a pdf</html>');
    // Corrections edited after the conversion (issue #8) are applied only by converting again.
    writeFileSync(path.join(dir, 'whole', 'review-10.corrections.json'), '{}');
    utimesSync(path.join(dir, 'whole', 'review-10.corrections.json'), new Date(Date.now() + 60_000), new Date(Date.now() + 60_000));
    const r = await run(['extract', 'archive', '--out', 'whole', '--list', '--skip-unchanged', ...FORMAT], dir);
    expect(r.code).toBe(0);
    const lines = r.stdout.trim().split('\n');
    expect(lines.map((l) => l.split(/\s+/)[0])).toEqual(['skip', 'skip', 'refuse', 'skip', 'convert', 'convert']);
    expect(lines[2]).toBe(`refuse  ${path.join('archive', 'notes.pdf')}: NOT_PDF: not a PDF: the file holds an HTML page, with no "%PDF-" header; export or print it to PDF first`);
    expect(lines[4]).toContain('review-9.pdf: changed since it was converted');
    expect(lines[5]).toContain('review-10.pdf: review-10.corrections.json changed since it was converted');
    expect(lines[0]).toMatch(/unchanged since .* \(sha256 and tool version match 2019-tracker\.json\)/);
    expect(r.stderr).toBe('would convert 2, skip 3, refuse 1 of 6 (nothing written)\n');
    const fresh = await run(['extract', 'archive', '--out', 'never', '--list'], dir);
    expect(fresh.stdout.split('\n')[0]).toContain('convert ');
    expect(existsSync(path.join(dir, 'never'))).toBe(false);
  }, 60_000);

  it('search prints file, id, RAG and a marked snippet, filters, and writes CSV', async () => {
    const db = path.join('whole', 'records.sqlite');
    const r = await run(['search', 'police', '--db', db, '--rag', 'amber'], dir);
    expect(r.code).toBe(0);
    const lines = r.stdout.trim().split('\n');
    expect(lines.length).toBeGreaterThan(0);
    for (const l of lines) expect(l).toMatch(/^\S+ {2}\S+ {2}amber {2}(recommendation|response|progress): .*\*\*polic\w*\*\*/i);
    expect(r.stderr).toMatch(new RegExp(`^${lines.length} matching records?\\n$`));
    const out = await run(['search', 'Mayor', '--db', db, '--limit', '2', '--out', 'hits.csv'], dir);
    expect(out.stdout.trim().split('\n')).toHaveLength(2);
    const csv = readFileSync(path.join(dir, 'hits.csv'), 'utf8').split('\r\n');
    expect(csv[0]).toBe('\uFEFFfile,path,title,committee,table,id,label,rag,field,snippet,recommendation,response,progress');
    expect(out.stderr).toMatch(new RegExp(`^${csv.length - 2} matching records \\(showing the first 2; --limit for more\\) · all written to hits.csv\\n$`));
    const purple = await run(['search', 'x', '--db', db, '--rag', 'purple'], dir);
    expect(purple.code).toBe(2);
    expect(purple.stderr).toContain('--rag does not know purple; choose from red, amber, green, blue, none');
    const missing = await run(['search', 'x', '--db', 'nope.sqlite'], dir);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain('FILE_NOT_FOUND: no database at nope.sqlite');
  }, 60_000);
});
