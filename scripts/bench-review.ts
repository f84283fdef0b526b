/**
 * `npm run bench:review`: the review page's speed goals (issue #8), measured in headless
 * Chromium (Debian's, through playwright-core) against the real server:
 *
 *  1. a 5-page tracker on screen, overlaid: from navigation to its first page drawn by pdf.js
 *     with the boxes over it (target < 2 s);
 *  2. a 100-file output folder listed: from navigation to the table of files on screen
 *     (target < 1 s), and the `GET /api/files` call alone.
 *
 * Each is the median of BENCH_REPEAT (default 5) runs, each in a fresh browser context (empty
 * cache). Results print as a table and go to bench/review.json. Not part of `npm test`.
 */
import { copyFile, mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { HAS_CHROMIUM, NO_CHROMIUM_MESSAGE, launchChromium } from '../test/helpers/browser.ts';
import { startReviewServer } from '../src/node/review-server.ts';
import { ensureWebBuild } from '../src/node/web-build.ts';
import { convertFile } from '../src/node/convert.ts';

const ROOT = path.resolve(import.meta.dirname, '..');
const PDF = path.join(ROOT, 'fixtures', 'online-crime-tracker.pdf');
const REPEAT = Number(process.env.BENCH_REPEAT ?? 5);
const FILES = 100;
const log = (s: string) => process.stderr.write(s + '\n');
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

if (!HAS_CHROMIUM) {
  log(NO_CHROMIUM_MESSAGE);
  process.exit(1);
}

const tmp = await mkdtemp(path.join(os.tmpdir(), 'bench-review-'));
try {
  const webDir = await ensureWebBuild({ log });
  const one = path.join(tmp, 'one');
  const r = await convertFile({ file: PDF, outDir: one, base: 'online-crime-tracker' });
  if (!r.ok) throw new Error(r.message);
  await copyFile(PDF, path.join(one, 'online-crime-tracker.pdf'));
  // 100 converted files: the same outputs under 100 names, a third with a corrections file.
  const many = path.join(tmp, 'many');
  const json = await readFile(path.join(one, 'online-crime-tracker.json'), 'utf8');
  const corrections = JSON.stringify({
    kind: 'impact-tracker corrections',
    version: 1,
    source: { file: 'online-crime-tracker.pdf', sha256: JSON.parse(json).source.sha256 },
    corrections: [],
    reviewed: [],
  });
  await mkdir(many, { recursive: true });
  for (let k = 1; k <= FILES; k++) {
    const base = `tracker-${String(k).padStart(3, '0')}`;
    await writeFile(path.join(many, `${base}.json`), json);
    if (k % 3 === 0) await writeFile(path.join(many, `${base}.corrections.json`), corrections);
  }

  const browser = await launchChromium();
  const oneServer = await startReviewServer({ folder: one, webDir, open: 'online-crime-tracker.json' });
  const manyServer = await startReviewServer({ folder: many, webDir });
  const page5: number[] = [];
  const list: number[] = [];
  const api: number[] = [];
  for (let k = 0; k < REPEAT; k++) {
    const ctx = await browser.newContext({ viewport: { width: 1280, height: 800 } });
    const page = await ctx.newPage();
    let t = Date.now();
    await page.goto(oneServer.url);
    await page.waitForFunction(() => document.documentElement.dataset.overlay === 'ready', null, { timeout: 30_000 });
    page5.push(Date.now() - t);
    t = Date.now();
    await page.goto(manyServer.url);
    await page.waitForFunction(() => document.documentElement.dataset.list === 'ready', null, { timeout: 30_000 });
    list.push(Date.now() - t);
    const rows = await page.locator('tbody tr').count();
    if (rows !== FILES) throw new Error(`listed ${rows} files, expected ${FILES}`);
    t = performance.now();
    const res = await fetch(`http://127.0.0.1:${manyServer.port}/api/files`, { headers: { 'x-review-token': manyServer.token } });
    await res.json();
    api.push(performance.now() - t);
    await ctx.close();
  }
  await browser.close();
  await oneServer.close();
  await manyServer.close();

  const results = {
    date: new Date().toISOString(),
    machine: `${os.cpus().length} cores, load ${os.loadavg()[0]!.toFixed(1)}`,
    repeat: REPEAT,
    pageOverlaidMs: { median: median(page5), runs: page5, target: 2000 },
    folderListedMs: { files: FILES, median: median(list), runs: list, target: 1000 },
    apiFilesMs: { median: Math.round(median(api)!), runs: api.map(Math.round) },
  };
  log(`5-page tracker on screen, overlaid: median ${results.pageOverlaidMs.median} ms (runs ${page5.join(', ')}; target < 2000)`);
  log(`100-file folder listed:            median ${results.folderListedMs.median} ms (runs ${list.join(', ')}; target < 1000)`);
  log(`GET /api/files (100 files):        median ${results.apiFilesMs.median} ms`);
  await writeFile(path.join(ROOT, 'bench', 'review.json'), JSON.stringify(results, null, 2) + '\n');
} finally {
  await rm(tmp, { recursive: true, force: true });
}
