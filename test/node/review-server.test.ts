/**
 * The review server (issue #8) over HTTP, without a browser: what it refuses (foreign Host or
 * Origin, no token, paths leaving the folder, symlinks out), and what a save writes — X.json,
 * X.csv, X.report.pdf (read back) and X.corrections.json — and that `extract` applies the saved
 * corrections again, or reports them as stale, never dropping one.
 */
import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { request } from 'node:http';
import { copyFile, mkdir, mkdtemp, readFile, rm, stat, symlink, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { startReviewServer, type ReviewServer } from '../../src/node/review-server.ts';
import { convertFile } from '../../src/node/convert.ts';
import { extractTracker } from '../../src/pipeline.ts';
import { editRecord, mergeWithNext, parseCorrections } from '../../src/corrections.ts';
import { validateDocument, type TrackerDocument } from '../../src/schema.ts';
import { FIXTURES } from '../helpers/fixtures.ts';

const PDF = path.join(FIXTURES, 'online-crime-tracker.pdf');
const BASE = 'online-crime-tracker';
let tmp: string;
let out: string;
let server: ReviewServer;

interface Reply {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: Buffer;
  // biome-ignore lint/suspicious/noExplicitAny: each test reads the fields of the reply it expects
  json: () => any;
}

/** A raw HTTP request, so the test can send any Host header (fetch cannot). */
function send(method: string, pathAndQuery: string, headers: Record<string, string> = {}, body?: string): Promise<Reply> {
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port: server.port, method, path: pathAndQuery, headers: { host: `127.0.0.1:${server.port}`, ...headers } }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c) => chunks.push(c));
      res.on('end', () => {
        const b = Buffer.concat(chunks);
        resolve({ status: res.statusCode!, headers: res.headers, body: b, json: () => JSON.parse(b.toString('utf8')) });
      });
    });
    req.on('error', reject);
    req.end(body);
  });
}
const auth = () => ({ 'x-review-token': server.token });
const readDoc = async () => validateDocument(JSON.parse(await readFile(path.join(out, `${BASE}.json`), 'utf8')));

beforeAll(async () => {
  tmp = await mkdtemp(path.join(os.tmpdir(), 'it-review-'));
  out = path.join(tmp, 'out');
  const web = path.join(tmp, 'web');
  await mkdir(web, { recursive: true });
  await writeFile(path.join(web, 'index.html'), '<!doctype html><title>review</title>');
  await writeFile(path.join(tmp, 'secret.json'), JSON.stringify({ secret: true }));
  const r = await convertFile({ file: PDF, outDir: out, base: BASE });
  expect(r.ok).toBe(true);
  await copyFile(PDF, path.join(out, `${BASE}.pdf`));
  await symlink(path.join(tmp, 'secret.json'), path.join(out, 'link-out.json'));
  server = await startReviewServer({ folder: out, webDir: web, token: 'test-token-0123456789' });
});

afterAll(async () => {
  await server?.close();
  await rm(tmp, { recursive: true, force: true });
});

describe('review server: what it refuses', () => {
  it('binds the loopback address and prints a URL with its token', () => {
    expect(server.url).toBe(`http://127.0.0.1:${server.port}/?token=test-token-0123456789`);
  });

  it('serves the page to its own Host only (DNS rebinding)', async () => {
    expect((await send('GET', '/')).status).toBe(200);
    expect((await send('GET', '/', { host: `localhost:${server.port}` })).status).toBe(200);
    const foreign = await send('GET', '/', { host: `evil.example:${server.port}` });
    expect(foreign.status).toBe(403);
    expect(foreign.json().error).toMatch(/Host "evil\.example:\d+" is not this server/);
    expect((await send('GET', '/api/files', { ...auth(), host: `evil.example:${server.port}` })).status).toBe(403);
  });

  it('refuses a foreign Origin even with the token', async () => {
    const r = await send('GET', '/api/files', { ...auth(), origin: 'http://evil.example' });
    expect(r.status).toBe(403);
    expect((await send('GET', '/api/files', { ...auth(), origin: `http://127.0.0.1:${server.port}` })).status).toBe(200);
  });

  it('answers no API request without the token, and writes nothing', async () => {
    const before = (await stat(path.join(out, `${BASE}.json`))).mtimeMs;
    expect((await send('GET', '/api/files')).status).toBe(401);
    const { document } = await getDoc();
    const body = JSON.stringify({ path: `${BASE}.json`, etag: 'x', corrections: [editRecord(document, 0, 'label', 'Hacked')], reviewed: [] });
    const r = await send('POST', '/api/save', { 'content-type': 'application/json', 'x-review-token': 'wrong-token-0123456789' }, body);
    expect(r.status).toBe(401);
    expect((await stat(path.join(out, `${BASE}.json`))).mtimeMs).toBe(before);
    await expect(stat(path.join(out, `${BASE}.corrections.json`))).rejects.toThrow();
  });

  it('refuses paths with "..", absolute paths and symlinks that lead out of the folder', async () => {
    for (const p of ['../secret.json', '..%2Fsecret.json', '/etc/passwd', 'sub/../../secret.json', 'link-out.json']) {
      const r = await send('GET', `/api/doc?path=${p.includes('%') ? p : encodeURIComponent(p)}`, auth());
      expect(r.status, p).toBe(403);
      expect(r.body.toString()).not.toContain('"secret":true');
    }
    expect((await send('GET', '/..%2F..%2F..%2Fetc%2Fpasswd')).status).toBe(403);
    expect((await send('GET', `/api/doc?path=${BASE}.pdf`, auth())).status).toBe(403);
  });
});

async function getDoc(): Promise<{ document: TrackerDocument; etag: string }> {
  const r = await send('GET', `/api/doc?path=${BASE}.json`, auth());
  expect(r.status).toBe(200);
  return r.json();
}

describe('review server: saving corrections', () => {
  it('lists the converted files with their counts', async () => {
    const r = await send('GET', '/api/files', auth());
    expect(r.json().files).toEqual([
      { path: `${BASE}.json`, name: BASE, title: 'Online crime: impact tracker', file: `${BASE}.pdf`, records: 11, warnings: 0, toCheck: 0, corrections: 0, reviewed: 0 },
    ]);
  });

  it('streams the PDF found beside the outputs', async () => {
    const r = await send('GET', `/api/pdf?path=${BASE}.json`, auth());
    expect(r.status).toBe(200);
    expect(r.body.subarray(0, 5).toString()).toBe('%PDF-');
  });

  it('writes X.json, X.csv, X.report.pdf and X.corrections.json, and extract applies them again', async () => {
    const { document, etag } = await getDoc();
    const edit = editRecord(document, 2, 'response', 'MOPAC now publishes the survey results — checked by hand.')!;
    const merge = mergeWithNext(document, 4);
    const r = await send(
      'POST',
      '/api/save',
      { ...auth(), 'content-type': 'application/json' },
      JSON.stringify({ path: `${BASE}.json`, etag, corrections: [edit, merge], reviewed: [] }),
    );
    expect(r.status, r.body.toString()).toBe(200);
    expect(r.json().written).toEqual([`${BASE}.json`, `${BASE}.csv`, `${BASE}.report.pdf`, `${BASE}.corrections.json`]);

    const saved = await readDoc();
    expect(saved.records).toHaveLength(10);
    expect(saved.records[2]!.response).toBe(edit.new);
    expect(saved.records[4]!.recommendation).toBe(merge.new.recommendation);
    expect(await readFile(path.join(out, `${BASE}.csv`), 'utf8')).toContain('checked by hand');
    const report = (await extractTracker(new Uint8Array(await readFile(path.join(out, `${BASE}.report.pdf`))))).document;
    expect(report.records.map((x) => x.response)).toContain(edit.new);
    expect(report.records).toHaveLength(10);
    const corrections = parseCorrections(await readFile(path.join(out, `${BASE}.corrections.json`), 'utf8'));
    expect(corrections.source).toEqual({ file: `${BASE}.pdf`, sha256: document.source.sha256 });
    expect(corrections.corrections.map((c) => [c.op, c.field, c.recordId])).toEqual([
      ['edit', 'response', '3'],
      ['merge', 'record', '5'],
    ]);
    expect(corrections.corrections[0]).toMatchObject({ old: document.records[2]!.response, new: edit.new, time: edit.time });

    // Re-extract: the corrections apply again, nothing is stale.
    const again = await convertFile({ file: PDF, outDir: out, base: BASE });
    expect(again.ok).toBe(true);
    const re = await readDoc();
    expect(re.records[2]!.response).toBe(edit.new);
    expect(re.records).toHaveLength(10);
    expect(re.warnings.filter((w) => w.code === 'CORRECTION_STALE')).toEqual([]);
  });

  it('refuses a save made on an older X.json (409) and writes nothing', async () => {
    const { document } = await getDoc();
    const r = await send(
      'POST',
      '/api/save',
      { ...auth(), 'content-type': 'application/json' },
      JSON.stringify({ path: `${BASE}.json`, etag: 'stale-etag', corrections: [editRecord(document, 0, 'label', 'R1')], reviewed: [] }),
    );
    expect(r.status).toBe(409);
    expect((await readDoc()).records[0]!.label).toBe('Recommendation 1');
  });

  it('reports a correction that no longer applies as CORRECTION_STALE and keeps it in the file', async () => {
    const file = path.join(out, `${BASE}.corrections.json`);
    const c = parseCorrections(await readFile(file, 'utf8'));
    c.corrections.push({ op: 'edit', recordId: '7', field: 'progress', old: 'A text the extractor no longer gives.', new: 'My fix.', time: '2026-11-30T10:00:00.000Z' });
    const text = JSON.stringify(c, null, 2);
    await writeFile(file, text);
    const again = await convertFile({ file: PDF, outDir: out, base: BASE });
    expect(again.ok).toBe(true);
    const stale = (await readDoc()).warnings.filter((w) => w.code === 'CORRECTION_STALE');
    expect(stale).toHaveLength(1);
    expect(stale[0]).toMatchObject({ recordId: '7' });
    expect(stale[0]!.message).toContain('"My fix."');
    expect(await readFile(file, 'utf8')).toBe(text);
  });
});
