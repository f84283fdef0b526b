/**
 * `npm run bench`: speed and memory, measured in one run on the same documents, printed as a
 * table and saved to bench/results.json (issue #4). Not part of `npm test`.
 *
 *  1. extraction time per page, and its ratio to the floor: bare pdfjs-dist loading the same
 *     files and calling getTextContent and getOperatorList on every page (target ≤ 1.3×);
 *  2. bulk throughput of the CLI over ≥ 200 files with --jobs 1 and --jobs 2 (target ≥ 1.7×);
 *  3. peak RSS of bulk runs of growing size (must stay flat; target < 300 MB at 1,000 files);
 *  4. report writing time per record;
 *  5. CLI start time (`--version`, target < 300 ms);
 *  6. OCR (issue #11): the scans of fixtures/scanned through the CLI with --jobs 1 — seconds
 *     (wall and CPU) per OCR'd page, and the peak RSS of the process (main thread, one worker,
 *     its Tesseract thread) beside a --jobs 1 run of as many born-digital files.
 *
 * Options (env): BENCH_FILES (bulk size, default 200), BENCH_SIZES (RSS series, default
 * "100,200,1000"), BENCH_REPEAT (extraction repetitions, default 5), BENCH_ONLY (a comma list
 * of parts to run: extraction, bulk, rss, report, start, ocr; default all — the others are
 * kept from bench/results.json).
 */
import { spawn } from 'node:child_process';
import { mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync, copyFileSync, existsSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { floorFile } from './bench-floor.ts';
import { extractTracker, writeReport, validateDocument } from '../src/index.ts';
import { loadDictionary } from '../src/node/dictionary.ts';
import { loadReportFonts } from '../src/node/fonts.ts';

const ROOT = path.resolve(import.meta.dirname, '..');
const FIXTURES = path.join(ROOT, 'fixtures');
const WORK = path.join(ROOT, 'bench', 'work');
const BIN = path.join(ROOT, 'bin', 'impact-tracker.mjs');
const BULK = Number(process.env.BENCH_FILES ?? 200);
const SIZES = (process.env.BENCH_SIZES ?? '100,200,1000').split(',').map(Number);
const REPEAT = Number(process.env.BENCH_REPEAT ?? 5);

const pdfs = readdirSync(FIXTURES).filter((f) => f.endsWith('.pdf')).sort().map((f) => path.join(FIXTURES, f));
const bytes = pdfs.map((p) => new Uint8Array(readFileSync(p)));
const log = (s: string) => process.stderr.write(s + '\n');

async function floorPass(): Promise<number> {
  let pages = 0;
  for (const b of bytes) pages += await floorFile(b);
  return pages;
}

async function ourPass(): Promise<number> {
  let pages = 0;
  for (let k = 0; k < bytes.length; k++) {
    const { document } = await extractTracker(bytes[k], { fileName: path.basename(pdfs[k]), dictionary: loadDictionary });
    pages += document.source.pages;
  }
  return pages;
}

async function timed(fn: () => Promise<number>): Promise<{ ms: number; pages: number }> {
  const t = performance.now();
  const pages = await fn();
  return { ms: performance.now() - t, pages };
}

/** Median of REPEAT alternating runs (floor, ours), after one warm-up of each. */
async function extractionBench() {
  await floorPass();
  await ourPass();
  const floor: number[] = [], ours: number[] = [];
  let pages = 0;
  for (let r = 0; r < REPEAT; r++) {
    const a = await timed(floorPass);
    const b = await timed(ourPass);
    floor.push(a.ms);
    ours.push(b.ms);
    pages = a.pages;
  }
  const med = (v: number[]) => [...v].sort((x, y) => x - y)[Math.floor(v.length / 2)];
  return { files: bytes.length, pages, floorMsPerPage: med(floor) / pages, oursMsPerPage: med(ours) / pages, ratio: med(ours) / med(floor) };
}

/** Copy the fixtures round-robin into a folder of `n` files. */
function corpus(n: number): string {
  const dir = path.join(WORK, `corpus-${n}`);
  if (existsSync(dir) && readdirSync(dir).length === n) return dir;
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  for (let k = 0; k < n; k++) copyFileSync(pdfs[k % pdfs.length], path.join(dir, `f${String(k).padStart(4, '0')}-${path.basename(pdfs[k % pdfs.length])}`));
  return dir;
}

/**
 * Run the CLI; returns wall time, peak RSS (VmHWM of the process, polled from /proc) and CPU
 * time (user + system of all its threads, from /proc/PID/stat, last value seen).
 */
function runCli(args: string[]): Promise<{ ms: number; peakRssMb: number; cpuMs: number; code: number }> {
  return new Promise((resolve) => {
    const t = performance.now();
    const child = spawn(process.execPath, [BIN, ...args], { stdio: ['ignore', 'ignore', 'ignore'] });
    let peak = 0;
    let cpuMs = 0;
    const poll = setInterval(() => {
      try {
        const m = /VmHWM:\s+(\d+) kB/.exec(readFileSync(`/proc/${child.pid}/status`, 'utf8'));
        if (m) peak = Math.max(peak, Number(m[1]) / 1024);
        const stat = readFileSync(`/proc/${child.pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
        cpuMs = ((Number(stat[11]) + Number(stat[12])) * 1000) / 100; // utime + stime, clock ticks of 1/100 s
      } catch {
        /* exited */
      }
    }, 20);
    child.on('exit', (code) => {
      clearInterval(poll);
      resolve({ ms: performance.now() - t, peakRssMb: peak, cpuMs, code: code ?? 1 });
    });
  });
}

async function bulkBench() {
  const dir = corpus(BULK);
  const out = (j: number) => path.join(WORK, `out-${j}`);
  const run = async (jobs: number) => {
    rmSync(out(jobs), { recursive: true, force: true });
    const r = await runCli(['extract', dir, '--out', out(jobs), '--jobs', String(jobs), '--quiet']);
    if (r.code !== 0) throw new Error(`bulk run --jobs ${jobs} exited ${r.code}`);
    return { ms: r.ms, filesPerSecond: BULK / (r.ms / 1000), peakRssMb: r.peakRssMb };
  };
  const jobs1 = await run(1);
  const jobs2 = await run(2);
  const same = readFileSync(path.join(out(1), 'records.csv'), 'utf8') === readFileSync(path.join(out(2), 'records.csv'), 'utf8');
  return { files: BULK, jobs1, jobs2, speedup: jobs1.ms / jobs2.ms, sameOutputs: same };
}

/** The floor's own thread scaling: bare pdf.js over the bulk corpus in 1 and in 2 worker threads. */
async function floorScaling() {
  const { Worker } = await import('node:worker_threads');
  const dir = corpus(BULK);
  const files = readdirSync(dir).sort().map((f) => path.join(dir, f));
  const run = async (threads: number) => {
    const t = performance.now();
    await Promise.all(
      Array.from({ length: threads }, (_, k) => {
        const w = new Worker(new URL('./bench-floor-worker.ts', import.meta.url), { workerData: { files: files.filter((_, i) => i % threads === k) } });
        return new Promise((resolve, reject) => {
          w.once('message', resolve);
          w.once('error', reject);
        }).finally(() => w.terminate());
      }),
    );
    return performance.now() - t;
  };
  const one = await run(1);
  const two = await run(2);
  return { files: files.length, oneThreadMs: one, twoThreadsMs: two, speedup: one / two };
}

async function rssSeries() {
  const series: Array<{ files: number; peakRssMb: number; ms: number }> = [];
  for (const n of SIZES) {
    const dir = corpus(n);
    const o = path.join(WORK, `out-rss-${n}`);
    rmSync(o, { recursive: true, force: true });
    const r = await runCli(['extract', dir, '--out', o, '--jobs', '2', '--quiet']);
    series.push({ files: n, peakRssMb: r.peakRssMb, ms: r.ms });
    log(`  rss ${n} files: ${r.peakRssMb.toFixed(0)} MB in ${(r.ms / 1000).toFixed(1)} s`);
  }
  return series;
}

async function reportBench() {
  const seed = (await extractTracker(bytes[pdfs.findIndex((p) => p.endsWith('online-crime-tracker.pdf'))], { fileName: 'seed.pdf' })).document;
  const records = Array.from({ length: 1100 }, (_, k) => ({ ...seed.records[k % seed.records.length], id: String(k + 1), label: `Recommendation ${k + 1}` }));
  const doc = validateDocument({ ...seed, records });
  const fonts = await loadReportFonts();
  await writeReport({ ...doc, records: records.slice(0, 20) }, { fonts });
  const t = performance.now();
  const pdf = await writeReport(doc, { fonts });
  const ms = performance.now() - t;
  return { records: records.length, ms, msPerRecord: ms / records.length, bytes: pdf.length };
}

async function startBench() {
  const times: number[] = [];
  for (let k = 0; k < 11; k++) times.push((await runCli(['--version'])).ms);
  times.sort((a, b) => a - b);
  return { medianMs: times[5], minMs: times[0] };
}

/** Issue #11: the scanned fixtures through the CLI, --jobs 1, against as many born-digital files. */
async function ocrBench() {
  const dir = path.join(FIXTURES, 'scanned');
  const scans = readdirSync(dir).filter((f) => f.endsWith('.pdf'));
  const out = path.join(WORK, 'out-ocr');
  rmSync(out, { recursive: true, force: true });
  const r = await runCli(['extract', dir, '--out', out, '--jobs', '1', '--quiet']);
  if (r.code !== 0) throw new Error(`OCR run exited ${r.code}`);
  const pages = scans.reduce((n, f) => n + (JSON.parse(readFileSync(path.join(out, f.replace(/\.pdf$/, '.json')), 'utf8')).source.ocr?.length ?? 0), 0);
  const plain = path.join(WORK, 'plain-ocr-twin');
  rmSync(plain, { recursive: true, force: true });
  mkdirSync(plain, { recursive: true });
  for (const p of pdfs.slice(0, scans.length)) copyFileSync(p, path.join(plain, path.basename(p)));
  const base = await runCli(['extract', plain, '--out', path.join(WORK, 'out-plain-twin'), '--jobs', '1', '--quiet']);
  return { files: scans.length, pages, ms: r.ms, secondsPerPage: r.ms / 1000 / pages, cpuSecondsPerPage: r.cpuMs / 1000 / pages, peakRssMb: r.peakRssMb, withoutOcr: { files: scans.length, peakRssMb: base.peakRssMb, ms: base.ms } };
}

const ONLY = process.env.BENCH_ONLY ? new Set(process.env.BENCH_ONLY.split(',')) : null;
const want = (part: string) => !ONLY || ONLY.has(part);
let previous: Record<string, unknown> = {};
try {
  previous = JSON.parse(readFileSync(path.join(ROOT, 'bench', 'results.json'), 'utf8'));
} catch {
  previous = {};
}
const kept = <T>(part: string): T => previous[part] as T;

mkdirSync(WORK, { recursive: true });
log(`bench on ${os.cpus().length} cores, Node ${process.version}`);
log('1/6 extraction vs pdf.js floor…');
const extraction = want('extraction') ? await extractionBench() : kept<Awaited<ReturnType<typeof extractionBench>>>('extraction');
log('2/6 bulk --jobs 1 vs --jobs 2…');
const bulk = want('bulk') ? await bulkBench() : kept<Awaited<ReturnType<typeof bulkBench>>>('bulk');
log('   bare pdf.js in 1 vs 2 threads…');
const floorThreads = want('bulk') ? await floorScaling() : kept<Awaited<ReturnType<typeof floorScaling>>>('floorThreads');
log('3/6 peak RSS series…');
const rss = want('rss') ? await rssSeries() : kept<Awaited<ReturnType<typeof rssSeries>>>('rss');
log('4/6 report writing…');
const report = want('report') ? await reportBench() : kept<Awaited<ReturnType<typeof reportBench>>>('report');
log('5/6 CLI start…');
const start = want('start') ? await startBench() : kept<Awaited<ReturnType<typeof startBench>>>('start');
log('6/6 OCR…');
const ocr = want('ocr') ? await ocrBench() : kept<Awaited<ReturnType<typeof ocrBench>>>('ocr');

const results = { date: new Date().toISOString(), node: process.version, cores: os.cpus().length, extraction, bulk, floorThreads, rss, report, start, ocr };
mkdirSync(path.join(ROOT, 'bench'), { recursive: true });
writeFileSync(path.join(ROOT, 'bench', 'results.json'), JSON.stringify(results, null, 2) + '\n');

const f = (n: number, d = 1) => n.toFixed(d);
const rows: Array<[string, string, string, string]> = [
  ['extraction, ms/page', `${f(extraction.oursMsPerPage, 2)} (floor ${f(extraction.floorMsPerPage, 2)})`, `${f(extraction.ratio, 2)}× floor`, extraction.ratio <= 1.3 ? 'ok (≤ 1.3×)' : 'MISS (≤ 1.3×)'],
  [`bulk ${bulk.files} files --jobs 1`, `${f(bulk.jobs1.ms / 1000)} s`, `${f(bulk.jobs1.filesPerSecond)} files/s`, ''],
  [`bulk ${bulk.files} files --jobs 2`, `${f(bulk.jobs2.ms / 1000)} s`, `${f(bulk.jobs2.filesPerSecond)} files/s`, `${f(bulk.speedup, 2)}× ${bulk.speedup >= 1.7 ? 'ok' : 'MISS'} (≥ 1.7×)`],
  [`pdf.js floor ${floorThreads.files} files, 2 vs 1 threads`, `${f(floorThreads.twoThreadsMs / 1000)} s vs ${f(floorThreads.oneThreadMs / 1000)} s`, `${f(floorThreads.speedup, 2)}×`, 'the scaling pdf.js itself gets here'],
  ...rss.map((r): [string, string, string, string] => [`peak RSS, ${r.files} files --jobs 2`, `${f(r.peakRssMb, 0)} MB`, `${f(r.ms / 1000)} s`, r.peakRssMb < 300 ? 'ok (< 300 MB)' : 'MISS (< 300 MB)']),
  [`report, ${report.records} records`, `${f(report.ms / 1000, 2)} s`, `${f(report.msPerRecord, 2)} ms/record`, ''],
  ['CLI start (--version)', `${f(start.medianMs, 0)} ms median`, `${f(start.minMs, 0)} ms min`, start.medianMs < 300 ? 'ok (< 300 ms)' : 'MISS (< 300 ms)'],
  ...(ocr
    ? ([
        [`OCR, ${ocr.files} scans, ${ocr.pages} pages --jobs 1`, `${f(ocr.secondsPerPage)} s/page`, `${f(ocr.cpuSecondsPerPage)} CPU s/page`, ''],
        ['peak RSS, OCR --jobs 1', `${f(ocr.peakRssMb, 0)} MB`, `without OCR: ${f(ocr.withoutOcr.peakRssMb, 0)} MB`, `${f(ocr.peakRssMb - ocr.withoutOcr.peakRssMb, 0)} MB for OCR`],
      ] as Array<[string, string, string, string]>)
    : []),
];
const w = [0, 1, 2, 3].map((i) => Math.max(...rows.map((r) => r[i].length)));
console.log(rows.map((r) => r.map((c, i) => c.padEnd(w[i])).join('  ')).join('\n'));
console.log(`outputs identical for --jobs 1 and 2: ${bulk.sameOutputs}; saved bench/results.json`);
