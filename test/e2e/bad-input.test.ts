/**
 * Issue #4's bad-input table: every broken file in fixtures/bad/ ends in records or a typed
 * error with a stable code and an actionable message (fixtures/bad/README.md says how each
 * file was made).
 */
import { describe, it, expect } from 'vitest';
import path from 'node:path';
import { extractTracker, TrackerError, PdfPasswordError, type TrackerNotFoundError } from '../../src/index.ts';
import { runBatch } from '../../src/node/batch.ts';
import { FIXTURES, readBytes } from '../helpers/fixtures.ts';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';

const bad = (name: string) => readBytes(path.join(FIXTURES, 'bad', name));

async function errorOf(bytes: Uint8Array, options = {}): Promise<TrackerError> {
  try {
    await extractTracker(bytes, options);
  } catch (e) {
    expect(e).toBeInstanceOf(TrackerError);
    return e as TrackerError;
  }
  throw new Error('expected an error');
}

describe('bad input', () => {
  const cases: Array<[string, string, RegExp]> = [
    ['empty.pdf', 'EMPTY_FILE', /the file is empty \(0 bytes\)/],
    ['html-renamed.pdf', 'NOT_PDF', /not a PDF: the file holds an HTML page/],
    ['png-renamed.pdf', 'NOT_PDF', /not a PDF: the file holds a PNG image/],
    ['text-renamed.pdf', 'NOT_PDF', /not a PDF: the file holds plain text/],
    ['corrupt-garbage.pdf', 'PDF_CORRUPT', /damaged and could not be repaired/],
    ['truncated-half.pdf', 'PDF_CORRUPT', /damaged and could not be repaired/],
    ['truncated-tail.pdf', 'PDF_CORRUPT', /ask for a fresh copy/],
    ['encrypted-user.pdf', 'PDF_PASSWORD', /give it with --password/],
    ['scanned.pdf', 'NO_TEXT_LAYER', /this PDF is a scan; it has no text to extract/],
    ['no-tracker.pdf', 'TRACKER_NOT_FOUND', /Tables found start with these rows: "Name \| Age \| Town"/],
  ];
  for (const [file, code, message] of cases) {
    it(`${file} → ${code}`, async () => {
      const err = await errorOf(bad(file));
      expect(err.code).toBe(code);
      expect(err.message).toMatch(message);
      expect(err.name).toBe(err.constructor.name);
    });
  }

  it('a wrong password says so; the right one converts', async () => {
    const err = await errorOf(bad('encrypted-user.pdf'), { password: 'nope' });
    expect(err).toBeInstanceOf(PdfPasswordError);
    expect(err.message).toMatch(/password given with --password is wrong/);
    const { document } = await extractTracker(bad('encrypted-user.pdf'), { password: 'secret' });
    expect(document.records).toHaveLength(11);
  });

  it('accepts a Node Buffer as well as a Uint8Array', async () => {
    const { readFile } = await import('node:fs/promises');
    const { document } = await extractTracker(await readFile(path.join(FIXTURES, 'online-crime-tracker.pdf')));
    expect(document.records).toHaveLength(11);
  });

  it('a password meant for other files does not stop an owner-password-only PDF', async () => {
    const { document } = await extractTracker(bad('encrypted-owner-only.pdf'), { password: 'secret' });
    expect(document.records).toHaveLength(11);
  });

  it('no-tracker lists the headers it did find', async () => {
    const err = (await errorOf(bad('no-tracker.pdf'))) as TrackerNotFoundError;
    expect(err.headersSeen).toEqual([['Name', 'Age', 'Town']]);
  });

  it('owner-password-only and JavaScript/form PDFs convert normally (scripts never run)', async () => {
    for (const file of ['encrypted-owner-only.pdf', 'javascript-form.pdf']) {
      const { document } = await extractTracker(bad(file));
      expect(document.records.map((r) => r.rag)).toEqual(['green', 'amber', 'green', 'amber', 'green', 'green', 'green', 'amber', 'green', 'amber', 'green']);
    }
  });

  it('a file over the time limit ends its worker with TIMEOUT and the batch goes on', async () => {
    const out = mkdtempSync(path.join(tmpdir(), 'it-timeout-'));
    const task = (file: string) => ({ file, outDir: out, base: path.basename(file, '.pdf'), report: false });
    const results = await runBatch([task(path.join(FIXTURES, 'online-crime-tracker.pdf')), task(path.join(FIXTURES, 'bad', 'empty.pdf'))], { jobs: 1, timeoutSeconds: 0.02 });
    expect(results.map((r) => (r.ok ? 'ok' : r.code))).toEqual(['TIMEOUT', expect.stringMatching(/TIMEOUT|EMPTY_FILE/)]);
    const again = await runBatch([task(path.join(FIXTURES, 'online-crime-tracker.pdf')), task(path.join(FIXTURES, 'bad', 'empty.pdf'))], { jobs: 2, timeoutSeconds: 30 });
    expect(again.map((r) => (r.ok ? 'ok' : r.code))).toEqual(['ok', 'EMPTY_FILE']);
  });
});
