/**
 * OCR in bulk through the CLI (issue #11): the worker thread OCRs a scan whose only text is an
 * invisible OCR layer (made by the Tesseract command line) instead of trusting that layer; the
 * progress line says a file is being OCR'd; the summary counts OCR'd pages; an explicit
 * --timeout still holds. Kept apart from scanned.test.ts so the two run in parallel.
 */
import { describe, it, expect } from 'vitest';
import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { ROOT, FIXTURES, type Truth } from '../helpers/fixtures.ts';
import { cellSimilarity, wordsRight } from '../helpers/text-metrics.ts';

const BIN = path.join(ROOT, 'bin', 'impact-tracker.mjs');
const SCAN = path.join(FIXTURES, 'scanned', 'ocr-layer-digital-inclusion.scan-200dpi.pdf');

function run(args: string[]): Promise<{ code: number; stderr: string }> {
  return new Promise((resolve) => {
    execFile(process.execPath, [BIN, ...args], { cwd: ROOT, env: { ...process.env, NO_COLOR: '1' } }, (err, _stdout, stderr) => {
      resolve({ code: err ? ((err as { code?: number }).code ?? 1) : 0, stderr });
    });
  });
}

describe('extract OCRs scans in its worker threads', () => {
  it('re-reads a scan with an invisible OCR layer, says so while it runs, and counts the page', async () => {
    const out = mkdtempSync(path.join(tmpdir(), 'it-ocr-'));
    const r = await run(['extract', SCAN, '--out', out, '--jobs', '1']);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr).toContain(`ocr   ${SCAN}: reading 1 scanned page with OCR…`);
    expect(r.stderr).toMatch(/1 of 1 file converted, 0 failed · 6 records: [^·]+ · 1 page OCR'd · /);
    const doc = JSON.parse(readFileSync(path.join(out, 'ocr-layer-digital-inclusion.scan-200dpi.json'), 'utf8'));
    expect(doc.source.ocr).toEqual([1]);
    expect(doc.warnings.map((w: { code: string }) => w.code)).not.toContain('TEXT_UNRELIABLE');
    const truth = JSON.parse(readFileSync(SCAN.replace(/\.pdf$/, '.truth.json'), 'utf8')) as Truth;
    expect(doc.records.map((x: { id: string }) => x.id)).toEqual(truth.records.map((t) => t.id));
    let right = 0,
      words = 0,
      near = 0;
    truth.records.forEach((t, k) => {
      for (const f of ['recommendation', 'response', 'progress'] as const) {
        const w = wordsRight(t[f], doc.records[k][f]);
        right += w.right;
        words += w.total;
        if (cellSimilarity(t[f], doc.records[k][f]) >= 0.98) near++;
      }
    });
    expect(right / words).toBeGreaterThanOrEqual(0.98);
    expect(near / (truth.records.length * 3)).toBeGreaterThanOrEqual(0.95);
    expect(doc.records.every((x: { confidence?: object }) => x.confidence && Object.keys(x.confidence).length === 3)).toBe(true);
    expect(existsSync(path.join(out, 'ocr-layer-digital-inclusion.scan-200dpi.report.pdf'))).toBe(true);
  }, 120_000);

  it('an explicit --timeout holds for OCR pages too', async () => {
    const out = mkdtempSync(path.join(tmpdir(), 'it-ocr-'));
    const r = await run(['extract', SCAN, '--out', out, '--timeout', '1.5']);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('TIMEOUT: gave up after 1.5 s');
  }, 60_000);
});
