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
 *  6. faults (issue #12): a decompression bomb's peak RSS with and without the memory limit,
 *     a 1,000-page tracker with every output, and the report's worst cases — one 80 KB and
 *     one 1 MB unbroken word (target < 5 s) and 50,000 rows (target < 30 s and < 1 GB).
 *
 * Options (env): BENCH_FILES (bulk size, default 200), BENCH_SIZES (RSS series, default
 * "100,200,1000"), BENCH_REPEAT (extraction repetitions, default 5), BENCH_ONLY=faults (run
 * only step 6 and merge its results into bench/results.json).
 */
import { spawn } from 'node:child_process';
import { mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync, copyFileSync, existsSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { floorFile } from './bench-floor.ts';
import { extractTracker, writeReport, validateDocument } from '../src/index.ts';
import { loadDictionary } from '../src/node/dictionary.ts';
import { loadReportFonts } from '../src/node/fonts.ts';
import { flateBomb, longTracker } from '../test/reliability/make.ts';

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

/** Run the CLI (or another script); returns wall time, peak RSS (VmHWM of the process, polled from /proc) and its stdout. */
function runCli(args: string[], script = BIN): Promise<{ ms: number; peakRssMb: number; code: number; stdout: string }> {
  return new Promise((resolve) => {
    const t = performance.now();
    const child = spawn(process.execPath, [script, ...args], { stdio: ['ignore', 'pipe', 'ignore'] });
    let stdout = '';
    child.stdout.on('data', (d) => (stdout += d));
    let peak = 0;
    const poll = setInterval(() => {
      try {
        const m = /VmHWM:\s+(\d+) kB/.exec(readFileSync(`/proc/${child.pid}/status`, 'utf8'));
        if (m) peak = Math.max(peak, Number(m[1]) / 1024);
      } catch {
        /* exited */
      }
    }, 20);
    child.on('exit', (code) => {
      clearInterval(poll);
      resolve({ ms: performance.now() - t, peakRssMb: peak, code: code ?? 1, stdout });
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

/** Step 6: faults (issue #12). */
async function faultsBench() {
  const dir = path.join(WORK, 'faults');
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  writeFileSync(path.join(dir, 'bomb.pdf'), flateBomb(4096));
  writeFileSync(path.join(dir, 'long.pdf'), await longTracker(1000));
  const cli = async (args: string[]) => {
    const r = await runCli(args);
    return { code: r.code, seconds: r.ms / 1000, peakRssMb: r.peakRssMb };
  };
  log('  bomb, 4 GB of zeros in 10 KB, --max-memory 1GB…');
  const bombLimited = await cli(['extract', path.join(dir, 'bomb.pdf'), '--out', path.join(dir, 'out-bomb'), '--no-report', '--quiet']);
  log('  the same bomb with no effective memory limit (--max-memory 64GB), stopped by --timeout 20…');
  const bombUnlimited = await cli(['extract', path.join(dir, 'bomb.pdf'), '--out', path.join(dir, 'out-bomb2'), '--no-report', '--quiet', '--max-memory', '64GB', '--timeout', '20']);
  log('  1,000-page tracker, every output…');
  const long = await cli(['extract', path.join(dir, 'long.pdf'), '--out', path.join(dir, 'out-long'), '--debug', '--quiet', '--timeout', '600']);
  const outputs = existsSync(path.join(dir, 'out-long')) ? readdirSync(path.join(dir, 'out-long')).sort() : [];
  const report = async (kind: string, size: number) => {
    log(`  report: ${kind} ${size}…`);
    const r = await runCli([kind, String(size)], path.join(ROOT, 'scripts', 'bench-report-case.ts'));
    const { ms, cpuMs, bytes } = JSON.parse(r.stdout || '{"ms":null}') as { ms: number; cpuMs: number; bytes: number };
    return { seconds: ms / 1000, cpuSeconds: cpuMs / 1000, peakRssMb: r.peakRssMb, bytes };
  };
  return {
    bombLimited,
    bombUnlimited,
    longTracker: { pages: 1000, ...long, outputs },
    reportToken80k: await report('token', 80_000),
    reportToken1m: await report('token', 1_000_000),
    reportRows50k: await report('rows', 50_000),
  };
}

mkdirSync(WORK, { recursive: true });
log(`bench on ${os.cpus().length} cores, Node ${process.version}`);
if (process.env.BENCH_ONLY === 'faults') {
  log('6/6 faults…');
  const faults = await faultsBench();
  const file = path.join(ROOT, 'bench', 'results.json');
  const previous = existsSync(file) ? JSON.parse(readFileSync(file, 'utf8')) : {};
  writeFileSync(file, JSON.stringify({ ...previous, faults: { date: new Date().toISOString(), ...faults } }, null, 2) + '\n');
  console.log(faultRows(faults).map((r) => r.join('  ')).join('\n'));
  process.exit(0);
}
log('1/6 extraction vs pdf.js floor…');
const extraction = await extractionBench();
log('2/6 bulk --jobs 1 vs --jobs 2…');
const bulk = await bulkBench();
log('   bare pdf.js in 1 vs 2 threads…');
const floorThreads = await floorScaling();
log('3/6 peak RSS series…');
const rss = await rssSeries();
log('4/6 report writing…');
const report = await reportBench();
log('5/6 CLI start…');
const start = await startBench();
log('6/6 faults…');
const faults = await faultsBench();

const results = { date: new Date().toISOString(), node: process.version, cores: os.cpus().length, extraction, bulk, floorThreads, rss, report, start, faults };
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
  ...faultRows(faults),
];
const w = [0, 1, 2, 3].map((i) => Math.max(...rows.map((r) => r[i].length)));
console.log(rows.map((r) => r.map((c, i) => c.padEnd(w[i])).join('  ')).join('\n'));
console.log(`outputs identical for --jobs 1 and 2: ${bulk.sameOutputs}; saved bench/results.json`);

/** Table rows of step 6. */
function faultRows(x: Awaited<ReturnType<typeof faultsBench>>): Array<[string, string, string, string]> {
  const g = (n: number, d = 1) => n.toFixed(d);
  return [
    ['bomb (4 GB in 10 KB), --max-memory 1GB', `${g(x.bombLimited.peakRssMb, 0)} MB peak`, `${g(x.bombLimited.seconds)} s`, x.bombLimited.code === 1 ? 'RESOURCE_LIMIT' : `exit ${x.bombLimited.code}`],
    ['the same bomb, no memory limit', `${g(x.bombUnlimited.peakRssMb, 0)} MB peak`, `${g(x.bombUnlimited.seconds)} s`, 'stopped by --timeout 20'],
    ['1,000-page tracker, every output', `${g(x.longTracker.peakRssMb, 0)} MB peak`, `${g(x.longTracker.seconds)} s`, x.longTracker.code === 0 && x.longTracker.outputs.length === 7 ? 'ok' : 'MISS'],
    ['report, one 80 KB word', `${g(x.reportToken80k.seconds, 2)} s`, `${g(x.reportToken80k.peakRssMb, 0)} MB peak`, ''],
    ['report, one 1 MB word', `${g(x.reportToken1m.seconds, 2)} s`, `${g(x.reportToken1m.peakRssMb, 0)} MB peak`, x.reportToken1m.seconds < 5 ? 'ok (< 5 s)' : 'MISS (< 5 s)'],
    ['report, 50,000 rows', `${g(x.reportRows50k.seconds)} s`, `${g(x.reportRows50k.peakRssMb, 0)} MB peak`, x.reportRows50k.seconds < 30 && x.reportRows50k.peakRssMb < 1024 ? 'ok (< 30 s, < 1 GB)' : 'MISS (< 30 s, < 1 GB)'],
  ];
}
