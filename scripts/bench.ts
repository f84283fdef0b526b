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
 *     one 1 MB unbroken word (target < 5 s) and 50,000 rows (target < 30 s and < 1 GB);
 *  7. records.sqlite (issue #13): a bulk run of 1,000 files with `--format …,sqlite` against the
 *     same run without it, twice each in ABBA order, fastest of each (target ≤ 10 % extra
 *     time), the database writer's own CPU time, and a `--skip-unchanged` re-run over the
 *     1,000 unchanged files, fastest of two (target < 5 % of the full run);
 *  8. `search` over 100,000 synthetic records (sentences of the fixtures' records shuffled into
 *     1,000 documents of 100 records): median time per query, target < 100 ms;
 *  0. issue #9, each beside its floor — the bare pdf.js script of bench-floor.ts started as its
 *     own process on the same files: a cold one-file `extract` (JSON and CSV, `--no-report`;
 *     target ≤ 1.3×) and with its report (≤ 1.5×), on the 5-page fixture; every top-level
 *     fixture with every output, whole process (≤ 1.3×); the report's time per file as a share
 *     of that file's extraction, in one warm process (≤ 15 %); and peak RSS of 1,000 files with
 *     `--jobs 2` (< 300 MB; step 3's largest run). Wall times are medians of BENCH_COLD runs
 *     (default 7) taken in turn (floor, ours, ours with report), so load from other work on a
 *     shared machine falls on all alike.
 *  9. OCR (issue #11): the scans of fixtures/scanned through the CLI with --jobs 1 — seconds
 *     (wall and CPU) per OCR'd page, and the peak RSS of the process (main thread, one worker,
 *     its Tesseract thread) beside a --jobs 1 run of as many born-digital files.
 *
 * Options (env): BENCH_FILES (bulk size, default 200), BENCH_SIZES (RSS series, default
 * "100,200,1000"), BENCH_REPEAT (extraction repetitions, default 5), BENCH_DB_FILES (default
 * 1000), BENCH_SEARCH_RECORDS (default 100000), BENCH_ONLY (comma-separated steps to run:
 * oneFile, extraction, bulk, rss, report, start, faults, database, search, ocr; the others keep
 * their last results in bench/results.json), BENCH_COLD (runs per cold measure, default 7).
 */
import { spawn } from 'node:child_process';
import { mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync, copyFileSync, existsSync, statSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { floorFile } from './bench-floor.ts';
import { extractTracker, writeReport, validateDocument } from '../src/index.ts';
import { loadDictionary } from '../src/node/dictionary.ts';
import { loadReportFonts } from '../src/node/fonts.ts';
import { RecordsDatabaseWriter } from '../src/node/database/write.ts';
import { openRecordsDatabase } from '../src/node/database/read.ts';
import { searchRecords, type SearchOptions } from '../src/node/database/search.ts';
import { flateBomb, longTracker } from '../test/reliability/make.ts';

const ROOT = path.resolve(import.meta.dirname, '..');
const FIXTURES = path.join(ROOT, 'fixtures');
const WORK = path.join(ROOT, 'bench', 'work');
const BIN = path.join(ROOT, 'bin', 'impact-tracker.mjs');
const BULK = Number(process.env.BENCH_FILES ?? 200);
const SIZES = (process.env.BENCH_SIZES ?? '100,200,1000').split(',').map(Number);
const REPEAT = Number(process.env.BENCH_REPEAT ?? 5);
const DB_FILES = Number(process.env.BENCH_DB_FILES ?? 1000);
const SEARCH_RECORDS = Number(process.env.BENCH_SEARCH_RECORDS ?? 100_000);
const ONLY = process.env.BENCH_ONLY ? new Set(process.env.BENCH_ONLY.split(',')) : null;
const wanted = (step: string) => !ONLY || ONLY.has(step);
const COLD = Number(process.env.BENCH_COLD ?? 7);
const FLOOR_SCRIPT = path.join(ROOT, 'scripts', 'bench-floor.ts');

const pdfs = readdirSync(FIXTURES)
  .filter((f) => f.endsWith('.pdf'))
  .sort()
  .map((f) => path.join(FIXTURES, f));
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
    const { document } = await extractTracker(bytes[k]!, { fileName: path.basename(pdfs[k]!), dictionary: loadDictionary });
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
  const floor: number[] = [],
    ours: number[] = [];
  let pages = 0;
  for (let r = 0; r < REPEAT; r++) {
    const a = await timed(floorPass);
    const b = await timed(ourPass);
    floor.push(a.ms);
    ours.push(b.ms);
    pages = a.pages;
  }
  const med = (v: number[]) => [...v].sort((x, y) => x - y)[Math.floor(v.length / 2)] ?? Number.NaN;
  return { files: bytes.length, pages, floorMsPerPage: med(floor) / pages, oursMsPerPage: med(ours) / pages, ratio: med(ours) / med(floor) };
}

/** Copy the fixtures round-robin into a folder of `n` files. */
function corpus(n: number): string {
  const dir = path.join(WORK, `corpus-${n}`);
  if (existsSync(dir) && readdirSync(dir).length === n) return dir;
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  for (let k = 0; k < n; k++) copyFileSync(pdfs[k % pdfs.length]!, path.join(dir, `f${String(k).padStart(4, '0')}-${path.basename(pdfs[k % pdfs.length]!)}`));
  return dir;
}

/**
 * Run the CLI (or another script); returns wall time, peak RSS (VmHWM of the process, polled
 * from /proc), CPU time (user + system of all its threads, from /proc/PID/stat, last value
 * seen) and its stdout.
 */
function runCli(args: string[], script = BIN): Promise<{ ms: number; peakRssMb: number; cpuMs: number; code: number; stdout: string }> {
  return new Promise((resolve) => {
    const t = performance.now();
    const child = spawn(process.execPath, [script, ...args], { stdio: ['ignore', 'pipe', 'ignore'] });
    let stdout = '';
    child.stdout.on('data', (d) => (stdout += d));
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
      resolve({ ms: performance.now() - t, peakRssMb: peak, cpuMs, code: code ?? 1, stdout });
    });
  });
}

const median = (v: number[]): number => [...v].sort((x, y) => x - y)[Math.floor(v.length / 2)] ?? Number.NaN;

/**
 * Issue #9: one file and the fixtures as a person runs them, each process cold, beside the
 * floor as its own process; and the report's share of each file's time, warm.
 */
async function oneFileBench() {
  const one = path.join(FIXTURES, 'online-crime-tracker.pdf');
  const top = pdfs; // fixtures/*.pdf, not the subfolders
  const out = path.join(WORK, 'out-one');
  const cli = async (args: string[]) => {
    rmSync(out, { recursive: true, force: true });
    const r = await runCli([...args, '--out', out, '--quiet']);
    if (r.code > 1) throw new Error(`extract ${args.join(' ')} exited ${r.code}`);
    return r;
  };
  const cold = { floor: [] as number[], noReport: [] as number[], report: [] as number[] };
  const all = { floor: [] as number[], ours: [] as number[], peakRssMb: 0 };
  // Warm the disk cache once, then take the runs in turn.
  await runCli([one], FLOOR_SCRIPT);
  await cli(['extract', one]);
  for (let k = 0; k < COLD; k++) {
    cold.floor.push((await runCli([one], FLOOR_SCRIPT)).ms);
    cold.noReport.push((await cli(['extract', one, '--no-report'])).ms);
    cold.report.push((await cli(['extract', one])).ms);
  }
  const allRuns = Math.max(3, Math.ceil(COLD / 2));
  for (let k = 0; k < allRuns; k++) {
    all.floor.push((await runCli(top, FLOOR_SCRIPT)).ms);
    const r = await cli(['extract', ...top]);
    all.ours.push(r.ms);
    all.peakRssMb = Math.max(all.peakRssMb, r.peakRssMb);
  }
  const emptyFile = path.join(WORK, 'empty.pdf');
  writeFileSync(emptyFile, '');
  const empty: number[] = [];
  for (let k = 0; k < 3; k++) empty.push((await cli(['extract', emptyFile])).ms);
  // The report's share, in one warm process as a worker has it: per file, the median of 3
  // extractions and of 3 reports.
  const fonts = await loadReportFonts();
  const shares: Array<{ file: string; extractMs: number; reportMs: number; share: number }> = [];
  for (let k = 0; k < bytes.length; k++) {
    const ex: number[] = [],
      rep: number[] = [];
    let document: Awaited<ReturnType<typeof extractTracker>>['document'] | undefined;
    for (let r = 0; r < 4; r++) {
      let t = performance.now();
      try {
        document = (await extractTracker(bytes[k]!, { fileName: path.basename(pdfs[k]!), dictionary: loadDictionary })).document;
      } catch {
        break; // a fixture that is meant to fail has no report
      }
      const e = performance.now() - t;
      t = performance.now();
      await writeReport(document, { fonts });
      if (r > 0) {
        ex.push(e);
        rep.push(performance.now() - t);
      }
    }
    if (ex.length) shares.push({ file: path.basename(pdfs[k]!), extractMs: median(ex), reportMs: median(rep), share: median(rep) / median(ex) });
  }
  const sum = (v: number[]) => v.reduce((a, b) => a + b, 0);
  return {
    file: path.basename(one),
    runs: COLD,
    cold: {
      floorMs: median(cold.floor),
      noReportMs: median(cold.noReport),
      reportMs: median(cold.report),
      noReportRatio: median(cold.noReport) / median(cold.floor),
      reportRatio: median(cold.report) / median(cold.floor),
      all: cold,
    },
    fixtures: {
      files: top.length,
      runs: allRuns,
      floorMs: median(all.floor),
      oursMs: median(all.ours),
      ratio: median(all.ours) / median(all.floor),
      peakRssMb: all.peakRssMb,
      all,
    },
    emptyFileMs: median(empty),
    reportShare: {
      files: shares.length,
      median: median(shares.map((s) => s.share)),
      max: Math.max(...shares.map((s) => s.share)),
      overall: sum(shares.map((s) => s.reportMs)) / sum(shares.map((s) => s.extractMs)),
      perFile: shares,
    },
  };
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
  const files = readdirSync(dir)
    .sort()
    .map((f) => path.join(dir, f));
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
  const seed = (await extractTracker(bytes[pdfs.findIndex((p) => p.endsWith('online-crime-tracker.pdf'))]!, { fileName: 'seed.pdf' })).document;
  const records = Array.from({ length: 1100 }, (_, k) => ({ ...seed.records[k % seed.records.length]!, id: String(k + 1), label: `Recommendation ${k + 1}` }));
  const doc = validateDocument({ ...seed, records });
  const fonts = await loadReportFonts();
  await writeReport({ ...doc, records: records.slice(0, 20) }, { fonts });
  const t = performance.now();
  const pdf = await writeReport(doc, { fonts });
  const ms = performance.now() - t;
  return { records: records.length, ms, msPerRecord: ms / records.length, bytes: pdf.length };
}

/**
 * records.sqlite in a bulk run: the same 1,000 files with and without it (back to back, same
 * --jobs 2), the writer's CPU time on those documents in-process (what the main thread adds,
 * free of the noise of two whole runs), and a --skip-unchanged re-run of the sqlite run.
 */
async function databaseBench() {
  const dir = corpus(DB_FILES);
  const out = (name: string) => path.join(WORK, `out-db-${name}`);
  const full = async (name: string, formats: string) => {
    rmSync(out(name), { recursive: true, force: true });
    const r = await runCli(['extract', dir, '--out', out(name), '--jobs', '2', '--quiet', '--format', formats]);
    if (r.code !== 0) throw new Error(`bulk run ${name} exited ${r.code}`);
    return r;
  };
  // Without, with, with, without (ABBA), each side's fastest kept: other sessions' jobs on
  // this shared machine slow single runs by up to 2× (bench history), more than the effect.
  const fastest = (a: { ms: number; peakRssMb: number }, b: { ms: number; peakRssMb: number }) => (a.ms <= b.ms ? a : b);
  const without1 = await full('without', 'json,csv,report');
  const with1 = await full('with', 'json,csv,report,sqlite');
  const with2 = await full('with', 'json,csv,report,sqlite');
  const without2 = await full('without', 'json,csv,report');
  const without = fastest(without1, without2);
  const withDb = fastest(with1, with2);
  const again = async () => {
    const r = await runCli(['extract', dir, '--out', out('with'), '--jobs', '2', '--quiet', '--format', 'json,csv,report,sqlite', '--skip-unchanged']);
    if (r.code !== 0) throw new Error(`--skip-unchanged re-run exited ${r.code}`);
    return r;
  };
  const rerun = fastest(await again(), await again());
  const same = readFileSync(path.join(out('with'), 'records.csv'), 'utf8') === readFileSync(path.join(out('without'), 'records.csv'), 'utf8');
  // The writer alone: the documents as workers send them (JSON bytes), added and indexed.
  const enc = new TextEncoder();
  const docs = readdirSync(out('with'))
    .filter((f) => f.endsWith('.json'))
    .sort()
    .map((f) => enc.encode(JSON.stringify(JSON.parse(readFileSync(path.join(out('with'), f), 'utf8')))));
  const file = path.join(WORK, 'writer.sqlite');
  rmSync(file, { force: true });
  const cpu = process.cpuUsage();
  const t = performance.now();
  const writer = new RecordsDatabaseWriter(file);
  writer.open({ toolVersion: 'bench', createdAt: new Date().toISOString() });
  for (const d of docs) writer.addDocument(JSON.parse(new TextDecoder().decode(d)), { convertedAt: new Date().toISOString() });
  await writer.finish();
  const writerMs = performance.now() - t;
  const used = process.cpuUsage(cpu);
  return {
    files: DB_FILES,
    runsMs: { without: [without1.ms, without2.ms], with: [with1.ms, with2.ms] },
    withoutMs: without.ms,
    withMs: withDb.ms,
    withoutPeakRssMb: without.peakRssMb,
    withPeakRssMb: withDb.peakRssMb,
    extra: withDb.ms / without.ms - 1,
    writerMs,
    writerCpuMs: (used.user + used.system) / 1000,
    writerShare: writerMs / without.ms,
    databaseBytes: statSync(path.join(out('with'), 'records.sqlite')).size,
    rerunMs: rerun.ms,
    rerunShare: rerun.ms / withDb.ms,
    rerunPeakRssMb: rerun.peakRssMb,
    sameRecordsCsv: same,
  };
}

/** A records.sqlite of `n` synthetic records: sentences of the fixtures' records shuffled, 100 records a document. */
async function syntheticDatabase(n: number): Promise<string> {
  const file = path.join(WORK, `search-${n}.sqlite`);
  if (existsSync(file)) return file;
  const seeds = [];
  for (let k = 0; k < bytes.length; k++) {
    try {
      seeds.push((await extractTracker(bytes[k]!, { fileName: path.basename(pdfs[k]!) })).document);
    } catch {
      /* the fixtures' bad files */
    }
  }
  const sentences = seeds.flatMap((d) => d.records.flatMap((r) => [r.recommendation, r.response, r.progress].flatMap((t) => t.split(/(?<=\.)\s+/)))).filter((s) => s.length > 20);
  let seed = 1;
  const rand = () => {
    seed = (seed * 1103515245 + 12345) % 2147483648;
    return seed / 2147483648;
  };
  const pick = (k: number) => Array.from({ length: k }, () => sentences[Math.floor(rand() * sentences.length)]).join(' ');
  const writer = new RecordsDatabaseWriter(file + '.part');
  rmSync(file + '.part', { force: true });
  writer.open({ toolVersion: 'bench', createdAt: new Date().toISOString() });
  for (let d = 0; d * 100 < n; d++) {
    const base = seeds[d % seeds.length];
    const records = Array.from({ length: Math.min(100, n - d * 100) }, (_, i) => ({
      ...base!.records[i % base!.records.length],
      id: String(i + 1),
      recommendation: pick(2),
      response: pick(3),
      progress: pick(2),
      rag: (['red', 'amber', 'green', null] as const)[Math.floor(rand() * 4)],
    }));
    writer.addDocument(
      validateDocument({ ...base, source: { ...base!.source, file: `synthetic-${d}.pdf`, path: `${2000 + (d % 25)}/synthetic-${d}.pdf` }, records, warnings: [] }),
      { convertedAt: new Date().toISOString() },
    );
  }
  await writer.finish();
  const { renameSync } = await import('node:fs');
  renameSync(file + '.part', file);
  return file;
}

/** Median time of `search` queries over the synthetic database, in-process (20 hits, as the CLI prints) and through the CLI. */
async function searchBench() {
  const file = await syntheticDatabase(SEARCH_RECORDS);
  const db = openRecordsDatabase(file);
  const queries: Array<[string, SearchOptions]> = [
    ['Mayor', {}],
    ['"air quality"', {}],
    ['knife', {}],
    ['TfL', { rag: ['red', 'amber'] }],
    ['the', { rag: ['red'] }],
    ['housing OR homes', { committee: 'Housing' }],
    ['accept*', {}],
    ['progress: delayed', {}],
  ];
  const med = (v: number[]) => [...v].sort((x, y) => x - y)[Math.floor(v.length / 2)] ?? Number.NaN;
  const results = queries.map(([q, o]) => {
    searchRecords(db, q, { ...o, limit: 20 });
    const wall: number[] = [],
      cpu: number[] = [];
    let total = 0;
    for (let k = 0; k < 9; k++) {
      const c = process.cpuUsage();
      const t = performance.now();
      total = searchRecords(db, q, { ...o, limit: 20 }).total;
      wall.push(performance.now() - t);
      const u = process.cpuUsage(c);
      cpu.push((u.user + u.system) / 1000);
    }
    return { query: q, options: o, total, medianMs: med(wall), medianCpuMs: med(cpu) };
  });
  db.close();
  const records = SEARCH_RECORDS;
  const cli: number[] = [];
  for (let k = 0; k < 5; k++) cli.push((await runCli(['search', 'TfL', '--db', file, '--rag', 'red,amber'])).ms);
  return {
    records,
    queries: results,
    worstMedianMs: Math.max(...results.map((r) => r.medianMs)),
    worstMedianCpuMs: Math.max(...results.map((r) => r.medianCpuMs)),
    cliMedianMs: med(cli),
  };
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
  return {
    files: scans.length,
    pages,
    ms: r.ms,
    secondsPerPage: r.ms / 1000 / pages,
    cpuSecondsPerPage: r.cpuMs / 1000 / pages,
    peakRssMb: r.peakRssMb,
    withoutOcr: { files: scans.length, peakRssMb: base.peakRssMb, ms: base.ms },
  };
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
  const bombUnlimited = await cli([
    'extract',
    path.join(dir, 'bomb.pdf'),
    '--out',
    path.join(dir, 'out-bomb2'),
    '--no-report',
    '--quiet',
    '--max-memory',
    '64GB',
    '--timeout',
    '20',
  ]);
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
// With BENCH_ONLY, the steps not run keep their last results.
const RESULTS = path.join(ROOT, 'bench', 'results.json');
const last = (existsSync(RESULTS) ? JSON.parse(readFileSync(RESULTS, 'utf8')) : {}) as Record<string, unknown>;
/** Run step `name` (a BENCH_ONLY word) for result `key`, or keep the last result of `key`. */
async function step<T>(name: string, key: string, label: string, fn: () => Promise<T>): Promise<T> {
  if (!wanted(name)) return last[key] as T;
  log(label);
  return fn();
}
const oneFile = await step('oneFile', 'oneFile', '0/9 one file and the fixtures, cold, vs the pdf.js floor as a process…', oneFileBench);
const extraction = await step('extraction', 'extraction', '1/9 extraction vs pdf.js floor…', extractionBench);
const bulk = await step('bulk', 'bulk', '2/9 bulk --jobs 1 vs --jobs 2…', bulkBench);
const floorThreads = await step('bulk', 'floorThreads', '   bare pdf.js in 1 vs 2 threads…', floorScaling);
const rss = await step('rss', 'rss', '3/9 peak RSS series…', rssSeries);
const report = await step('report', 'report', '4/9 report writing…', reportBench);
const start = await step('start', 'start', '5/9 CLI start…', startBench);
const faults = await step('faults', 'faults', '6/9 faults…', async () => ({ date: new Date().toISOString(), ...(await faultsBench()) }));
const database = await step('database', 'database', `7/9 records.sqlite: ${DB_FILES} files with and without, then --skip-unchanged…`, databaseBench);
const search = await step('search', 'search', `8/9 search over ${SEARCH_RECORDS} records…`, searchBench);
const ocr = await step('ocr', 'ocr', '9/9 OCR…', ocrBench);

const results = {
  date: new Date().toISOString(),
  node: process.version,
  cores: os.cpus().length,
  ...(ONLY ? { partial: [...ONLY], lastFullRun: last.date } : {}),
  oneFile,
  extraction,
  bulk,
  floorThreads,
  rss,
  report,
  start,
  faults,
  database,
  search,
  ocr,
};
mkdirSync(path.join(ROOT, 'bench'), { recursive: true });
writeFileSync(RESULTS, JSON.stringify(results, null, 2) + '\n');

const f = (n: number, d = 1) => n.toFixed(d);
type Row = [string, string, string, string];
// A step never run (BENCH_ONLY before its first full run) has no row.
const rows: Row[] = [
  ...(oneFile ? oneFileRows(oneFile, rss) : []),
  ...(extraction
    ? [
        [
          'extraction, ms/page',
          `${f(extraction.oursMsPerPage, 2)} (floor ${f(extraction.floorMsPerPage, 2)})`,
          `${f(extraction.ratio, 2)}× floor`,
          extraction.ratio <= 1.3 ? 'ok (≤ 1.3×)' : 'MISS (≤ 1.3×)',
        ] as Row,
      ]
    : []),
  ...(bulk
    ? ([
        [`bulk ${bulk.files} files --jobs 1`, `${f(bulk.jobs1.ms / 1000)} s`, `${f(bulk.jobs1.filesPerSecond)} files/s`, ''],
        [
          `bulk ${bulk.files} files --jobs 2`,
          `${f(bulk.jobs2.ms / 1000)} s`,
          `${f(bulk.jobs2.filesPerSecond)} files/s`,
          `${f(bulk.speedup, 2)}× ${bulk.speedup >= 1.7 ? 'ok' : 'MISS'} (≥ 1.7×)`,
        ],
      ] as Row[])
    : []),
  ...(floorThreads
    ? [
        [
          `pdf.js floor ${floorThreads.files} files, 2 vs 1 threads`,
          `${f(floorThreads.twoThreadsMs / 1000)} s vs ${f(floorThreads.oneThreadMs / 1000)} s`,
          `${f(floorThreads.speedup, 2)}×`,
          'the scaling pdf.js itself gets here',
        ] as Row,
      ]
    : []),
  ...(rss ?? []).map(
    (r): Row => [`peak RSS, ${r.files} files --jobs 2`, `${f(r.peakRssMb, 0)} MB`, `${f(r.ms / 1000)} s`, r.peakRssMb < 300 ? 'ok (< 300 MB)' : 'MISS (< 300 MB)'],
  ),
  ...(report ? [[`report, ${report.records} records`, `${f(report.ms / 1000, 2)} s`, `${f(report.msPerRecord, 2)} ms/record`, ''] as Row] : []),
  ...(start
    ? [['CLI start (--version)', `${f(start.medianMs!, 0)} ms median`, `${f(start.minMs!, 0)} ms min`, start.medianMs! < 300 ? 'ok (< 300 ms)' : 'MISS (< 300 ms)'] as Row]
    : []),
  ...(faults ? faultRows(faults) : []),
  ...(database
    ? ([
        [
          `bulk ${database.files} files, + records.sqlite`,
          `${f(database.withMs / 1000)} s vs ${f(database.withoutMs / 1000)} s`,
          `${f(database.extra * 100)} % extra; writer ${f(database.writerMs / 1000, 2)} s (${f(database.writerShare * 100)} %)`,
          database.extra <= 0.1 ? 'ok (≤ 10 %)' : 'MISS (≤ 10 %)',
        ],
        [
          `--skip-unchanged re-run, ${database.files} files`,
          `${f(database.rerunMs / 1000, 2)} s`,
          `${f(database.rerunShare * 100, 1)} % of the full run`,
          database.rerunShare < 0.05 ? 'ok (< 5 %)' : 'MISS (< 5 %)',
        ],
      ] as Row[])
    : []),
  ...(search
    ? [
        [
          `search, ${search.records} records`,
          `${f(search.worstMedianMs, 1)} ms worst median`,
          `CPU ${f(search.worstMedianCpuMs, 1)} ms; CLI ${f(search.cliMedianMs!, 0)} ms`,
          search.worstMedianMs < 100 ? 'ok (< 100 ms)' : 'MISS (< 100 ms)',
        ] as Row,
      ]
    : []),
  ...(ocr
    ? ([
        [`OCR, ${ocr.files} scans, ${ocr.pages} pages --jobs 1`, `${f(ocr.secondsPerPage)} s/page`, `${f(ocr.cpuSecondsPerPage)} CPU s/page`, ''],
        [
          'peak RSS, OCR --jobs 1',
          `${f(ocr.peakRssMb, 0)} MB`,
          `without OCR: ${f(ocr.withoutOcr.peakRssMb, 0)} MB`,
          `${f(ocr.peakRssMb - ocr.withoutOcr.peakRssMb, 0)} MB for OCR`,
        ],
      ] as Row[])
    : []),
];
const w = [0, 1, 2, 3].map((i) => Math.max(...rows.map((r) => r[i]!.length)));
console.log(rows.map((r) => r.map((c, i) => c.padEnd(w[i]!)).join('  ')).join('\n'));
console.log(
  `outputs identical for --jobs 1 and 2: ${bulk?.sameOutputs}; records.csv identical with and without records.sqlite (after a --skip-unchanged re-run): ${database?.sameRecordsCsv}; saved bench/results.json`,
);

/** Table rows of step 6. */
function faultRows(x: Awaited<ReturnType<typeof faultsBench>>): Array<[string, string, string, string]> {
  const g = (n: number, d = 1) => n.toFixed(d);
  return [
    [
      'bomb (4 GB in 10 KB), --max-memory 1GB',
      `${g(x.bombLimited.peakRssMb, 0)} MB peak`,
      `${g(x.bombLimited.seconds)} s`,
      x.bombLimited.code === 1 ? 'RESOURCE_LIMIT' : `exit ${x.bombLimited.code}`,
    ],
    ['the same bomb, no memory limit', `${g(x.bombUnlimited.peakRssMb, 0)} MB peak`, `${g(x.bombUnlimited.seconds)} s`, 'stopped by --timeout 20'],
    [
      '1,000-page tracker, every output',
      `${g(x.longTracker.peakRssMb, 0)} MB peak`,
      `${g(x.longTracker.seconds)} s`,
      x.longTracker.code === 0 && x.longTracker.outputs.length === 7 ? 'ok' : 'MISS',
    ],
    ['report, one 80 KB word', `${g(x.reportToken80k.seconds, 2)} s`, `${g(x.reportToken80k.peakRssMb, 0)} MB peak`, ''],
    ['report, one 1 MB word', `${g(x.reportToken1m.seconds, 2)} s`, `${g(x.reportToken1m.peakRssMb, 0)} MB peak`, x.reportToken1m.seconds < 5 ? 'ok (< 5 s)' : 'MISS (< 5 s)'],
    [
      'report, 50,000 rows',
      `${g(x.reportRows50k.seconds)} s`,
      `${g(x.reportRows50k.peakRssMb, 0)} MB peak`,
      x.reportRows50k.seconds < 30 && x.reportRows50k.peakRssMb < 1024 ? 'ok (< 30 s, < 1 GB)' : 'MISS (< 30 s, < 1 GB)',
    ],
  ];
}

/** Step 0's rows: each figure beside its floor and target; a miss says by how much and why. */
function oneFileRows(x: Awaited<ReturnType<typeof oneFileBench>>, series: Array<{ files: number; peakRssMb: number }> | undefined): Row[] {
  const g = (n: number, d = 2) => n.toFixed(d);
  const s = (ms: number) => `${g(ms / 1000)} s`;
  const verdict = (ratio: number, target: number, why: string) => (ratio <= target ? `ok (≤ ${target}×)` : `MISS by ${g((ratio / target - 1) * 100, 0)} % (≤ ${target}×): ${why}`);
  const big = series?.find((r) => r.files === 1000);
  const share = x.reportShare;
  return [
    [
      `cold extract ${x.file}, JSON+CSV`,
      `${s(x.cold.noReportMs)} vs floor ${s(x.cold.floorMs)}`,
      `${g(x.cold.noReportRatio)}×`,
      verdict(x.cold.noReportRatio, 1.3, 'start-up (commander, zod, our modules) and our layout work beside pdf.js'),
    ],
    [
      `cold extract ${x.file}, + report`,
      `${s(x.cold.reportMs)} vs floor ${s(x.cold.floorMs)}`,
      `${g(x.cold.reportRatio)}×`,
      verdict(x.cold.reportRatio, 1.5, 'loading pdf-lib and fontkit, parsing the fonts, and drawing and compressing the report'),
    ],
    [
      `${x.fixtures.files} fixtures, every output`,
      `${s(x.fixtures.oursMs)} vs floor ${s(x.fixtures.floorMs)}`,
      `${g(x.fixtures.ratio)}×`,
      verdict(x.fixtures.ratio, 1.3, `the reports (median ${g(share.median * 100, 0)} % of a file's extraction) and two workers' start-up`),
    ],
    [
      'report time per file / its extraction',
      `median ${g(share.median * 100, 0)} %, max ${g(share.max * 100, 0)} %`,
      `all files ${g(share.overall * 100, 0)} %`,
      share.median <= 0.15
        ? 'ok (≤ 15 %)'
        : `MISS by ${g((share.median - 0.15) * 100, 0)} points (≤ 15 %): layout (wrapping and measuring every cell), pako deflate of each page's content stream, and pdf-lib building and saving the objects, per report`,
    ],
    ['refusing a 0-byte file (cold)', `${s(x.emptyFileMs)}`, '', ''],
    ...(big
      ? [
          [
            `peak RSS, 1,000 files --jobs 2`,
            `${g(big.peakRssMb, 0)} MB`,
            '',
            big.peakRssMb < 300 ? 'ok (< 300 MB)' : `MISS by ${g(big.peakRssMb - 300, 0)} MB (< 300 MB): pdf.js, pdf-lib and fontkit in each of 2 workers, plus the main thread`,
          ] as Row,
        ]
      : []),
  ];
}
