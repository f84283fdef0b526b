/**
 * Issue #12, items 4 and 8: a tracker of 1,000+ pages converts with every output (before: the
 * worker ran out of memory and everything was lost as INTERNAL); an output that fails never
 * takes the records with it (REPORT_FAILED); and the writers grow linearly with their input.
 */
import { describe, it, expect } from 'vitest';
import { mkdirSync, readFileSync, readdirSync, writeFileSync, existsSync } from 'node:fs';
import path from 'node:path';
import { extractTracker, writeDebugOverlay, writeReport, validateDocument } from '../../src/index.ts';
import { convertFile, recoverRecords } from '../../src/node/convert.ts';
import { loadReportFonts } from '../../src/node/fonts.ts';
import { ReportFace } from '../../src/write/report/font.ts';
import { FIXTURES } from '../helpers/fixtures.ts';
import { longTracker } from './make.ts';
import { runCli, tmp } from './cli.ts';

const jsonl = (file: string) => readFileSync(file, 'utf8').trim().split('\n');

describe('large trackers', () => {
  // The debug overlay is left out here to keep the suite fast (it doubles the time): its
  // growth is tested below, and `npm run bench` converts this tracker with every output.
  it('a 1,000-page tracker converts with its JSON, CSV and report under the memory limit', { timeout: 300_000 }, async () => {
    const dir = tmp('long');
    writeFileSync(path.join(dir, 'long.pdf'), await longTracker(1000));
    const r = await runCli(['extract', path.join(dir, 'long.pdf'), '--out', path.join(dir, 'out'), '--timeout', '600']);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr).toContain('long.pdf: 2000 records');
    expect(readdirSync(path.join(dir, 'out')).sort()).toEqual(['long.csv', 'long.json', 'long.report.pdf', 'records.csv', 'records.jsonl', 'warnings.csv']);
    expect(jsonl(path.join(dir, 'out', 'records.jsonl'))).toHaveLength(2000);
    expect(readFileSync(path.join(dir, 'out', 'warnings.csv'), 'utf8')).not.toContain('REPORT_FAILED');
    // One worker within its 1 GB limit, plus the main thread.
    expect(r.peakRssMb).toBeLessThan(1024 + 200);
  });

  it('the debug overlay grows linearly with pages that share their resources (it grew with their square)', async () => {
    const sizes: number[] = [];
    for (const pages of [20, 80]) {
      const bytes = await longTracker(pages);
      const { document, tables, pages: read } = await extractTracker(bytes);
      sizes.push((await writeDebugOverlay(bytes, read, tables, document)).length);
    }
    expect(sizes[1]! / sizes[0]!).toBeLessThan(5); // 4× the pages: linear ≈ 4, quadratic ≈ 16
  });

  it('a worker stopped at the memory limit while drawing keeps the records: REPORT_FAILED, exit 0', { timeout: 300_000 }, async () => {
    const dir = tmp('long');
    writeFileSync(path.join(dir, 'long.pdf'), await longTracker(300));
    // 128 MB holds the extraction of 300 pages, not their debug overlay.
    const r = await runCli(['extract', path.join(dir, 'long.pdf'), '--out', path.join(dir, 'out'), '--debug', '--max-memory', '128', '--timeout', '600']);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr).toContain('long.pdf: 600 records');
    expect(readdirSync(path.join(dir, 'out')).sort()).toEqual(['long.csv', 'long.json', 'records.csv', 'records.jsonl', 'warnings.csv']);
    expect(jsonl(path.join(dir, 'out', 'records.jsonl'))).toHaveLength(600);
    const doc = JSON.parse(readFileSync(path.join(dir, 'out', 'long.json'), 'utf8'));
    const failed = doc.warnings.filter((w: { code: string }) => w.code === 'REPORT_FAILED');
    expect(failed).toHaveLength(1);
    expect(failed[0].message).toMatch(
      /^the debug overlay and the report could not be written \(RESOURCE_LIMIT: .*128 MB.*\); the records are complete in long\.json and long\.csv\. To get the report: impact-tracker report long\.json --out long\.report\.pdf$/,
    );
    expect(readFileSync(path.join(dir, 'out', 'warnings.csv'), 'utf8')).toContain('long.pdf,,,REPORT_FAILED,');
  });

  it('a report that cannot be written is a REPORT_FAILED warning; the records and the other outputs stay', { timeout: 120_000 }, async () => {
    const dir = tmp('repfail');
    const out = path.join(dir, 'out');
    mkdirSync(path.join(out, 'seed.report.pdf'), { recursive: true }); // a folder where the report goes
    const result = await convertFile({ file: path.join(FIXTURES, 'online-crime-tracker.pdf'), outDir: out, base: 'seed', debug: true });
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.outputs.map((o) => path.basename(o))).toEqual(['seed.json', 'seed.csv', 'seed.debug.pdf']);
    const doc = JSON.parse(readFileSync(path.join(out, 'seed.json'), 'utf8'));
    expect(doc.records).toHaveLength(11);
    expect(doc.warnings.map((w: { code: string }) => w.code)).toEqual(['REPORT_FAILED']);
    expect(doc.warnings[0].message).toMatch(/^the report could not be written \(WRITE_FAILED: could not write .*seed\.report\.pdf/);
  });

  it('recoverRecords finishes a file from X.json and removes the output being drawn', async () => {
    const out = tmp('recover');
    const task = { file: path.join(FIXTURES, 'online-crime-tracker.pdf'), outDir: out, base: 'seed', report: false };
    expect((await convertFile(task)).ok).toBe(true);
    writeFileSync(path.join(out, 'seed.report.pdf'), 'an earlier run’s report');
    const r = await recoverRecords({ ...task, report: true }, 'TIMEOUT: gave up after 60 s');
    expect(r.ok).toBe(true);
    expect(existsSync(path.join(out, 'seed.report.pdf'))).toBe(false);
    const doc = validateDocument(JSON.parse(readFileSync(path.join(out, 'seed.json'), 'utf8')));
    expect(doc.warnings.at(-1)).toEqual({
      code: 'REPORT_FAILED',
      message: expect.stringContaining('the report could not be written (TIMEOUT: gave up after 60 s); the records are complete in seed.json'),
    });
  });
});

describe('report: long words', () => {
  /** Characters measured by the report's font while writing a record holding one `n`-character word. */
  async function measured(n: number): Promise<number> {
    const fonts = await loadReportFonts();
    const doc = validateDocument({
      schemaVersion: 2,
      source: { file: 'x.pdf', pages: 0, sha256: '' },
      title: 'T',
      committee: '',
      columns: [],
      records: [{ id: '1', label: '', recommendation: 'x'.repeat(n), response: '', progress: '', rag: null, ragSource: null }],
    });
    const original = ReportFace.prototype.measure;
    let chars = 0;
    ReportFace.prototype.measure = function (text: string, size: number) {
      chars += text.length;
      return original.call(this, text, size);
    };
    try {
      await writeReport(doc, { fonts });
    } finally {
      ReportFace.prototype.measure = original;
    }
    return chars;
  }

  it('an unbroken word is broken in linear time: the characters measured grow with its length, not its square', async () => {
    const small = await measured(10_000);
    const large = await measured(40_000);
    // Linear: each character measured a bounded number of times (before: ~20,000 per character at 40 KB).
    expect(large / 40_000).toBeLessThan(4);
    expect(large / small).toBeLessThan(4.5);
  });
});
