/**
 * The command line: argv → options → library → exit code. Nothing else lives here.
 * Exit codes (README): 0 every file converted; 1 some file failed (the others are written);
 * 2 usage error. Heavy modules are imported lazily so `--version` and `--help` start fast.
 */
import { Command, CommanderError, InvalidArgumentError, Option } from 'commander';
import os from 'node:os';
import path from 'node:path';
import pkg from '../package.json' with { type: 'json' };
import { printable } from './node/terminal.ts';
import { DEFAULT_FORMATS, FORMATS } from './node/formats.ts';

const EXIT = { ok: 0, failed: 1, usage: 2 } as const;

class UsageError extends Error {}

function positiveInt(name: string) {
  return (v: string) => {
    const n = Number(v);
    if (!Number.isInteger(n) || n < 1) throw new InvalidArgumentError(`${name} must be a whole number ≥ 1`);
    return n;
  };
}
/** setTimeout's ceiling, 2^31 − 1 ms: a longer --timeout made every file time out at once (issue #12). */
const MAX_TIMEOUT_SECONDS = Math.floor((2 ** 31 - 1) / 1000);
function timeoutSeconds(v: string): number {
  const n = Number(v);
  if (!Number.isFinite(n) || n <= 0 || n > MAX_TIMEOUT_SECONDS)
    throw new InvalidArgumentError(`--timeout must be a number of seconds > 0 and ≤ ${MAX_TIMEOUT_SECONDS} (about 24 days)`);
  return n;
}
/**
 * A size: a number of MB, or with a unit ("512", "512MB", "1.5GB", "800K"; binary units).
 * @returns bytes
 */
function size(name: string, minMb: number) {
  return (v: string) => {
    const m = /^\s*(\d+(?:\.\d+)?)\s*(?:([kmgt])i?b?)?\s*$/i.exec(v);
    const unit = { k: 2 ** 10, m: 2 ** 20, g: 2 ** 30, t: 2 ** 40 }[(m?.[2] ?? 'm').toLowerCase() as 'k' | 'm' | 'g' | 't'];
    const bytes = m ? Number(m[1]) * unit : NaN;
    if (!Number.isFinite(bytes) || bytes < minMb * 2 ** 20 || bytes > 2 ** 50)
      throw new InvalidArgumentError(`${name} must be a size of at least ${minMb} MB, in MB or with a unit: 512, 512MB, 2GB`);
    return Math.floor(bytes);
  };
}
function isoDate(v: string) {
  const d = new Date(v);
  if (Number.isNaN(d.getTime())) throw new InvalidArgumentError('must be a date like 2026-11-29');
  return d.toISOString();
}

/**
 * When outputs are made: --generated-at, else SOURCE_DATE_EPOCH (seconds since 1970, the
 * reproducible-builds convention), else now. Reports and workbooks print and embed this date.
 */
function resolveGeneratedAt(flag: string | undefined, env: NodeJS.ProcessEnv = process.env): string {
  if (flag) return flag;
  const epoch = env.SOURCE_DATE_EPOCH?.trim();
  if (epoch) {
    if (!/^\d+$/.test(epoch)) throw new UsageError(`SOURCE_DATE_EPOCH must be whole seconds since 1970-01-01 (got "${epoch}")`);
    return new Date(Number(epoch) * 1000).toISOString();
  }
  return new Date().toISOString();
}

/** --only red,amber (also R/A/G/B, "not-rated" / "none"). */
function ragList(v: string) {
  const map: Record<string, string> = {
    red: 'red',
    r: 'red',
    amber: 'amber',
    a: 'amber',
    green: 'green',
    g: 'green',
    blue: 'blue',
    b: 'blue',
    none: 'none',
    'not-rated': 'none',
    'not rated': 'none',
    notrated: 'none',
    unrated: 'none',
  };
  const items = v
    .split(',')
    .map((s) => s.trim().toLowerCase())
    .filter(Boolean);
  const bad = items.filter((i) => !map[i]);
  if (!items.length || bad.length)
    throw new InvalidArgumentError(`give RAG statuses separated by commas: red, amber, green, blue, not-rated${bad.length ? ` (unknown: ${bad.join(', ')})` : ''}`);
  return [...new Set(items.map((i) => map[i]))];
}

interface ExtractFlags {
  out: string;
  password?: string;
  jobs: number;
  timeout: number;
  /** Bytes. */
  maxSize: number;
  /** Bytes. */
  maxMemory: number;
  debug?: boolean;
  report: boolean;
  quiet?: boolean;
  verbose?: boolean;
  failFast?: boolean;
  generatedAt?: string;
  format: string;
  skipUnchanged?: boolean;
  list?: boolean;
  /** false with --no-bom. */
  bom: boolean;
  clean?: boolean;
  ocr: 'auto' | 'always' | 'never';
}

/** A file's name (and `tag`) for the progress bar: printable, its start cut off ("…") to fit the terminal. */
function barName(file: string, tag = ''): string {
  const room = Math.max(10, (process.stderr.columns ?? 80) - 64);
  const name = printable(path.basename(file));
  return name.length + tag.length > room ? `…${name.slice(-Math.max(1, room - tag.length - 1))}${tag}` : name + tag;
}

/** Print one line to stderr, made printable: every line the CLI prints goes through here. */
function log(line: string): void {
  process.stderr.write(printable(line) + '\n');
}

/**
 * Issue #11: without an explicit --timeout, a file's limit grows by this for each page it reads
 * with OCR. 60 s: a 300 dpi page takes 3–15 s on the 2-core CI machine (bench/results.json),
 * so only a stuck page reaches it.
 */
const OCR_SECONDS_PER_PAGE = 60;

async function runExtract(inputs: string[], flags: ExtractFlags, timeoutGiven = false): Promise<number> {
  if (flags.list) return runList(inputs, flags);
  if (flags.out === '-') return runExtractToStdout(inputs, flags);
  const started = performance.now();
  // Only light modules here. pdf.js, zod and the pipeline load where files are converted: in
  // this thread for a run of one file (node/inline.ts), else in the workers; pdf-lib and fontkit
  // only when a report is drawn. First keep pdf.js, should it load here, from loading the
  // native canvas binding extraction never uses (as in the workers).
  await import('./node/no-canvas.ts');
  const { extractMany, ownOutputsNote } = await import('./node/extract-many.ts');
  const { parseFormats } = await import('./node/formats.ts');
  const formats = parseFormats(flags.format);
  const generatedAt = resolveGeneratedAt(flags.generatedAt);
  const { sweepTempFiles } = await import('./node/io.ts');
  // More threads than twice the cores only make files wait for the CPU and time out (issue #12).
  const cores = os.availableParallelism();
  let jobs = flags.jobs;
  if (jobs > 2 * cores) {
    jobs = 2 * cores;
    if (!flags.quiet) log(`note  --jobs ${flags.jobs} is more than twice the ${cores} CPU core${cores === 1 ? '' : 's'}: using ${jobs} (more threads only make each file slower)`);
  }
  let bar: { increment: (n: number, p: object) => void; update: (p: object) => void; stop: () => void } | null = null;
  const stopBar = () => {
    // cli-progress hid the cursor; stop() shows it again.
    (bar as { stop: () => void } | null)?.stop();
    bar = null;
  };
  // Ctrl-C / SIGTERM: stop the workers, remove this run's temp files and unfinished combined
  // tables, show the cursor again, exit 130 / 143. A second Ctrl-C exits at once.
  const controller = new AbortController();
  let stoppedBy: NodeJS.Signals | null = null;
  const exitCode = (sig: NodeJS.Signals) => (sig === 'SIGINT' ? 130 : 143);
  const onSignal = (sig: NodeJS.Signals) => {
    if (stoppedBy) process.exit(exitCode(stoppedBy));
    stoppedBy = sig;
    stopBar();
    process.stderr.write('\n');
    log(`impact-tracker: stopped by ${sig}; outputs already written are complete, temp files removed`);
    controller.abort(new Error(`stopped by ${sig}`));
    // Should the workers not stop in time, leave anyway (temp files are still removed).
    setTimeout(() => void sweepTempFiles(flags.out, process.pid).finally(() => process.exit(exitCode(sig))), 5000).unref();
  };
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);
  let failedSoFar = 0;
  let summary: Awaited<ReturnType<typeof extractMany>>;
  try {
    summary = await extractMany(inputs, {
      out: flags.out,
      jobs,
      timeoutSeconds: flags.timeout,
      maxInputBytes: flags.maxSize,
      maxMemoryBytes: flags.maxMemory,
      signal: controller.signal,
      failFast: flags.failFast,
      password: flags.password,
      debug: flags.debug,
      report: flags.report,
      formats,
      skipUnchanged: flags.skipUnchanged,
      generatedAt,
      bom: flags.bom,
      clean: flags.clean,
      onClean: (files) => {
        stopBar();
        log(`removing ${files.length} output${files.length === 1 ? '' : 's'} no input of this run produced (--clean):`);
        for (const f of files) log(`  ${f}`);
      },
      ocr: flags.ocr,
      ocrSecondsPerPage: timeoutGiven ? 0 : OCR_SECONDS_PER_PAGE,
      onProgress: (file, { ocr }) => {
        // Issue #11: say when a file is being OCR'd (it takes seconds per page).
        if (bar) {
          (bar as { update: (p: object) => void }).update({ file: barName(file, ` (OCR page ${ocr.index}/${ocr.count})`) });
        } else if (!flags.quiet && ocr.index === 1) log(`ocr   ${file}: reading ${ocr.count} scanned page${ocr.count === 1 ? '' : 's'} with OCR…`);
      },
      onStart: async ({ files, renamed, ownOutputs }) => {
        if (!flags.quiet) for (const r of renamed) log(`note  ${r.file} ${r.reason}: its outputs are ${r.base}.*`);
        if (!flags.quiet && ownOutputs.length) log(`note  ${ownOutputsNote(ownOutputs)}`);
        if (process.stderr.isTTY && !flags.quiet && files.length > 1) {
          const { SingleBar, Presets } = await import('cli-progress');
          const b = new SingleBar({ format: ' {bar} {value}/{total} files | {failed} failed | {file}', stream: process.stderr, hideCursor: true }, Presets.shades_classic);
          b.start(files.length, 0, { failed: 0, file: '' });
          bar = b;
        }
      },
      onResult: (r) => {
        if (!r.ok) failedSoFar++;
        if (bar) {
          // The bar replaces per-file lines on a terminal; failures are listed after it.
          bar.increment(1, { failed: failedSoFar, file: barName(r.file) });
          return;
        }
        if (r.ok && flags.verbose) for (const w of r.rows.warningLines) log(`warn  ${r.file}: ${w}`);
        if (flags.quiet && r.ok) return;
        if (r.ok)
          log(
            `${r.unchanged ? 'same ' : 'ok   '} ${r.file}: ${r.rows.records} records${r.rows.warningCount ? `, ${r.rows.warningCount} warning${r.rows.warningCount > 1 ? 's' : ''}` : ''}${r.unchanged ? ' (unchanged, not converted again)' : ''}`,
          );
        else log(`FAIL  ${r.file}: ${r.code}: ${r.message}`);
        if (!r.ok && flags.verbose && r.stack) process.stderr.write(printable(r.stack, { multiline: true }) + '\n');
      },
    });
  } catch (err) {
    if (stoppedBy) {
      await sweepTempFiles(flags.out, process.pid);
      process.exit(exitCode(stoppedBy));
    }
    throw err;
  } finally {
    stopBar();
    process.removeListener('SIGINT', onSignal);
    process.removeListener('SIGTERM', onSignal);
  }
  const hadBar = !process.stderr.isTTY || flags.quiet ? false : summary.files.length > 1;
  if (hadBar) for (const f of summary.failures) log(`FAIL  ${f.file}: ${f.code}: ${f.message}`);
  else for (const m of summary.missing) log(`FAIL  ${m.input}: FILE_NOT_FOUND: ${m.reason}`);
  for (const t of summary.tableFailures) log(`FAIL  ${t.file}: ${t.code}: ${t.message}`);
  const total = summary.files.length + summary.missing.length;
  const failed = summary.failures.length + summary.tableFailures.length;
  if (!flags.quiet || failed) {
    // The summary counts only what was written: a combined table that failed is named as not written.
    const notWritten = summary.tableFailures.map((t) => path.basename(t.file));
    log(
      `${summary.converted} of ${total} file${total === 1 ? '' : 's'} converted, ${summary.unchanged ? `${summary.unchanged} unchanged, ` : ''}${summary.failures.length} failed${summary.skipped ? `, ${summary.skipped} not run (--fail-fast)` : ''} · ${summary.records} records: ` +
        `${summary.rag.green} green, ${summary.rag.amber} amber, ${summary.rag.red} red, ${summary.rag.blue ? `${summary.rag.blue} blue, ` : ''}${summary.rag.none} not rated` +
        (notWritten.length ? ` (in each file's X.json and X.csv; NOT written: ${notWritten.join(', ')})` : '') +
        `${summary.ocrPages ? ` · ${summary.ocrPages} page${summary.ocrPages === 1 ? '' : 's'} OCR'd` : ''}` +
        ` · ${((performance.now() - started) / 1000).toFixed(1)} s · outputs in ${flags.out}${path.sep}`,
    );
    if (summary.warningCount && !notWritten.includes(path.basename(summary.warningsPath)))
      log(`${summary.warningCount} warning${summary.warningCount === 1 ? '' : 's'} (empty cells, RAG colour vs words, numbering) listed in ${summary.warningsPath}`);
    if (failed && !notWritten.includes(path.basename(summary.errorsPath))) log(`errors listed in ${summary.errorsPath}`);
  }
  return failed ? EXIT.failed : EXIT.ok;
}

/**
 * `extract one.pdf --out -`: the document's JSON (as X.json) on stdout and nothing else; every
 * message on stderr; no file written (issue #9), so `… --out - | jq` works. One PDF only.
 * Exit 0, 1 when the file fails (FAIL line on stderr, nothing on stdout), 2 for a usage error.
 */
async function runExtractToStdout(inputs: string[], flags: ExtractFlags): Promise<number> {
  const started = performance.now();
  const { OptionsError } = await import('./errors.ts');
  const { parseFormats } = await import('./node/formats.ts');
  const refuse = (why: string) => new OptionsError('INVALID_OPTIONS', `--out - writes one document's JSON to standard output: ${why}`);
  if (flags.debug) throw refuse('--debug would write a file; use --out <dir>');
  if (flags.skipUnchanged) throw refuse('--skip-unchanged needs an output folder; use --out <dir>');
  if (!parseFormats(flags.format).includes('json')) throw refuse(`it is JSON only, not --format ${flags.format}; use --out <dir> for other formats`);
  const { expandInputs } = await import('./node/io.ts');
  const { files, relative, missing, noMatch } = await expandInputs(inputs);
  const found = files.length + missing.length + noMatch.length;
  if (inputs.length > 1 || found > 1) {
    const names = [...files, ...missing, ...noMatch];
    throw refuse(`give exactly one PDF (got ${names.length} files: ${names.slice(0, 3).join(', ')}${names.length > 3 ? ', …' : ''}); use --out <dir> for several`);
  }
  const file = files[0];
  if (!file) {
    const { InputError } = await import('./errors.ts');
    throw new InputError('FILE_NOT_FOUND', noMatch.length ? `the pattern matched no files: ${inputs[0]}` : `no such file or folder: ${inputs[0]}`);
  }
  await import('./node/no-canvas.ts');
  const { extractToJson } = await import('./node/inline.ts');
  const controller = new AbortController();
  const onSignal = (sig: NodeJS.Signals) => controller.abort(new Error(`stopped by ${sig}`));
  process.once('SIGINT', onSignal);
  process.once('SIGTERM', onSignal);
  let json: string;
  try {
    json = await extractToJson(
      { file, path: relative.get(file), password: flags.password, maxBytes: flags.maxSize },
      { timeoutSeconds: flags.timeout, maxMemoryBytes: flags.maxMemory, signal: controller.signal },
    );
  } catch (err) {
    if (controller.signal.aborted) {
      log(`impact-tracker: ${(controller.signal.reason as Error).message}; nothing written`);
      return controller.signal.reason instanceof Error && /SIGINT/.test(controller.signal.reason.message) ? 130 : 143;
    }
    const { toTrackerError } = await import('./errors.ts');
    const e = toTrackerError(err);
    if (e.code === 'INVALID_OPTIONS') throw e;
    log(`FAIL  ${file}: ${e.code}: ${e.message}`);
    if (flags.verbose && err instanceof Error && err.stack) process.stderr.write(printable(err.stack, { multiline: true }) + '\n');
    return EXIT.failed;
  } finally {
    process.removeListener('SIGINT', onSignal);
    process.removeListener('SIGTERM', onSignal);
  }
  process.stdout.write(json);
  if (!flags.quiet) {
    const doc = JSON.parse(json) as { records: unknown[]; warnings: unknown[] };
    log(
      `ok    ${file}: ${doc.records.length} records${doc.warnings.length ? `, ${doc.warnings.length} warning${doc.warnings.length > 1 ? 's' : ''}` : ''} · ${((performance.now() - started) / 1000).toFixed(1)} s · JSON on standard output`,
    );
  }
  return EXIT.ok;
}

/** `extract --list`: what a run would do with each file, and why; writes nothing (issue #13). */
async function runList(inputs: string[], flags: ExtractFlags): Promise<number> {
  const { planExtract } = await import('./node/extract-many.ts');
  const { parseFormats } = await import('./node/formats.ts');
  const { plans, missing } = await planExtract(inputs, {
    out: flags.out,
    formats: parseFormats(flags.format),
    report: flags.report,
    debug: flags.debug,
    skipUnchanged: flags.skipUnchanged,
    maxInputBytes: flags.maxSize,
  });
  const lines = [...plans.map((p) => `${p.action.padEnd(7)} ${p.file}: ${p.reason}`), ...missing.map((m) => `refuse  ${m.input}: FILE_NOT_FOUND: ${m.reason}`)];
  process.stdout.write(lines.map((l) => printable(l) + '\n').join(''));
  const count = (a: string) => plans.filter((p) => p.action === a).length;
  log(`would convert ${count('convert')}, skip ${count('skip')}, refuse ${count('refuse') + missing.length} of ${plans.length + missing.length} (nothing written)`);
  return EXIT.ok;
}

interface SearchFlags {
  db: string;
  rag?: string;
  committee?: string;
  limit: number;
  rank?: boolean;
  out?: string;
  bom: boolean;
}

/** `search`: matching records from records.sqlite in archive order (or best first); optionally all of them as CSV (issue #13). */
async function runSearch(query: string, flags: SearchFlags): Promise<number> {
  const { openRecordsDatabase } = await import('./node/database/read.ts');
  const { searchRecords } = await import('./node/database/search.ts');
  const rag = flags.rag
    ? flags.rag
        .split(',')
        .map((s) => s.trim().toLowerCase())
        .filter(Boolean)
    : undefined;
  const db = openRecordsDatabase(flags.db);
  try {
    const color = process.stdout.isTTY && !process.env.NO_COLOR;
    // The match is marked with two noncharacters, so the line can be made printable (issue #12:
    // text from a PDF never reaches the terminal raw) before they become colour or **.
    const marks = ['\ufdd0', '\ufdd1'] as const;
    const [open, close] = color ? ['\x1b[1;33m', '\x1b[0m'] : ['**', '**'];
    const options = { rag: rag as Array<'red'>, committee: flags.committee, order: flags.rank ? ('rank' as const) : ('archive' as const) };
    const { total, hits } = searchRecords(db, query, { ...options, limit: flags.limit, marks });
    const oneLine = (s: string) => s.replace(/\s+/g, ' ').trim();
    for (const h of hits)
      process.stdout.write(
        printable(`${h.file}  ${h.id}  ${h.rag ?? '-'}  ${h.field}: ${oneLine(h.snippet)}`)
          .replaceAll(marks[0], open)
          .replaceAll(marks[1], close) + '\n',
      );
    if (flags.out) {
      const { tableToCsv } = await import('./write/csv.ts');
      const { writeFileAtomic } = await import('./node/io.ts');
      const all = searchRecords(db, query, options).hits;
      const fields = ['file', 'path', 'title', 'committee', 'table', 'id', 'label', 'rag', 'field', 'snippet', 'recommendation', 'response', 'progress'] as const;
      await writeFileAtomic(
        flags.out,
        tableToCsv(
          fields,
          all.map((h) => fields.map((f) => String(h[f] ?? ''))),
          { bom: flags.bom },
        ),
      );
    }
    const shown = hits.length < total ? ` (showing the ${flags.rank ? 'best' : 'first'} ${hits.length}; --limit for more${flags.out ? '' : ', --out for all'})` : '';
    log(`${total} matching record${total === 1 ? '' : 's'}${shown}${flags.out ? ` · all written to ${flags.out}` : ''}`);
  } finally {
    db.close();
  }
  return EXIT.ok;
}

/** `report`'s default --out: beside the first input, X.report.pdf for X.csv, X.json, X.jsonl or X.pdf (issue #14). */
function defaultReportPath(first: string): string {
  const base = path.basename(first).replace(/(\.report)?\.(csv|jsonl?|pdf)$/i, '');
  return path.join(path.dirname(first), `${base}.report.pdf`);
}

interface ReportFlags {
  out?: string;
  title?: string;
  committee?: string;
  subtitle?: string;
  date?: string;
  generatedAt?: string;
  lang: string;
  landscape?: boolean;
  sort: 'document' | 'id' | 'rag';
  only?: Array<'red' | 'amber' | 'green' | 'blue' | 'none'>;
  groupBy: 'table' | 'rag';
  withIntro?: boolean;
  password?: string;
}

async function runReport(inputs: string[], flags: ReportFlags): Promise<number> {
  const { readDocuments } = await import('./node/records.ts');
  const { renderReport } = await import('./write/report/index.ts');
  const { loadReportFonts } = await import('./node/fonts.ts');
  const { writeFileAtomic } = await import('./node/io.ts');
  const out = flags.out ?? defaultReportPath(inputs[0]!);
  if (!/\.pdf$/i.test(out)) throw new UsageError(`--out must name a .pdf file (got ${out})`);
  if (inputs.some((i) => path.resolve(i) === path.resolve(out))) throw new UsageError(`the report would overwrite its input ${out}: give --out another name`);
  const note = (s: string) => log(`note  ${s}`);
  const docs = [];
  for (const input of inputs) docs.push(...(await readDocuments(input, { password: flags.password, onNote: note })));
  const { pdf, pages, warnings } = await renderReport(docs, {
    fonts: await loadReportFonts(),
    generatedAt: new Date(resolveGeneratedAt(flags.generatedAt)),
    lang: flags.lang,
    sort: flags.sort,
    groupBy: flags.groupBy,
    ...(flags.title !== undefined ? { title: flags.title } : {}),
    ...(flags.committee !== undefined ? { committee: flags.committee } : {}),
    ...(flags.subtitle !== undefined ? { subtitle: flags.subtitle } : {}),
    ...(flags.date !== undefined ? { date: flags.date } : {}),
    ...(flags.landscape ? { landscape: true } : {}),
    ...(flags.only ? { only: flags.only } : {}),
    ...(flags.withIntro ? { withIntro: true } : {}),
  });
  await writeFileAtomic(out, pdf);
  for (const w of warnings) log(`warn  ${w.code}: ${w.message}`);
  const records = docs.reduce((n, d) => n + d.records.length, 0);
  log(
    `wrote ${out}: ${records} record${records === 1 ? '' : 's'}, ${docs.length} section${docs.length === 1 ? '' : 's'}, ${pages} page${pages === 1 ? '' : 's'}, from ${inputs.length} file${inputs.length === 1 ? '' : 's'}`,
  );
  return EXIT.ok;
}

interface CompareFlags {
  out: string;
  since?: string;
  title?: string;
  date?: string;
  generatedAt?: string;
  lang: string;
  landscape?: boolean;
  password?: string;
  bom: boolean;
}

async function runCompare(before: string, after: string, flags: CompareFlags): Promise<number> {
  const { readDocuments } = await import('./node/records.ts');
  const { compareTrackers } = await import('./compare/index.ts');
  const { renderChangesReport } = await import('./write/report/index.ts');
  const { changesToCsv } = await import('./write/csv.ts');
  const { loadReportFonts } = await import('./node/fonts.ts');
  const { writeFileAtomic } = await import('./node/io.ts');
  const { RecordsInputError } = await import('./errors.ts');
  if (!/\.pdf$/i.test(flags.out)) throw new UsageError(`--out must name a .pdf file, e.g. changes.pdf (got ${flags.out})`);
  const note = (s: string) => log(`note  ${s}`);
  const one = async (file: string) => {
    const docs = await readDocuments(file, { password: flags.password, onNote: note });
    if (docs.length !== 1)
      throw new RecordsInputError(
        'RECORDS_INVALID',
        `${file} holds ${docs.length} trackers (${docs.map((d) => d.title || d.source.file).join('; ')}); compare takes one tracker per side: give each tracker's X.json, or a CSV of one tracker`,
      );
    return docs[0]!;
  };
  const cmp = compareTrackers(await one(before), await one(after), { ...(flags.since ? { since: flags.since } : {}) });
  const { pdf, warnings } = await renderChangesReport(cmp, {
    fonts: await loadReportFonts(),
    generatedAt: new Date(resolveGeneratedAt(flags.generatedAt)),
    lang: flags.lang,
    ...(flags.title !== undefined ? { title: flags.title } : {}),
    ...(flags.date !== undefined ? { date: flags.date } : {}),
    ...(flags.landscape ? { landscape: true } : {}),
  });
  const base = flags.out.replace(/\.pdf$/i, '');
  await writeFileAtomic(flags.out, pdf);
  await writeFileAtomic(`${base}.csv`, changesToCsv(cmp.changes, { bom: flags.bom }));
  await writeFileAtomic(`${base}.json`, JSON.stringify(cmp, null, 2) + '\n');
  for (const w of warnings) log(`warn  ${w.code}: ${w.message}`);
  log(cmp.summaryText);
  log(`wrote ${flags.out}, ${base}.csv, ${base}.json`);
  return EXIT.ok;
}

// ---- review (issue #8) --------------------------------------------------------------------

interface ReviewFlags {
  out?: string;
  pdfs?: string[];
  port?: number;
  open?: boolean;
  password?: string;
}

async function runReview(target: string, flags: ReviewFlags): Promise<number> {
  const { startReview, openBrowser } = await import('./node/review.ts');
  const server = await startReview(target, { out: flags.out, pdfs: flags.pdfs, port: flags.port, password: flags.password, log });
  process.stdout.write(`${server.url}\n`);
  log('review page running on this computer only; press Ctrl-C to stop');
  if (flags.open) openBrowser(server.url, log);
  await new Promise<void>((resolve) => {
    for (const signal of ['SIGINT', 'SIGTERM'] as const) process.once(signal, () => resolve());
  });
  await server.close();
  return EXIT.ok;
}

function port(v: string) {
  const n = Number(v);
  if (!Number.isInteger(n) || n < 1 || n > 65535) throw new InvalidArgumentError('--port must be a whole number from 1 to 65535');
  return n;
}

/** Build the program (exported for tests). */
export function buildProgram(): Command {
  const program = new Command();
  program
    .name('impact-tracker')
    .description('Turn recommendation impact tracker PDFs into validated records (JSON, CSV) and a printable PDF report.')
    .version(pkg.version, '-V, --version')
    .showSuggestionAfterError(true)
    .exitOverride()
    .configureOutput({ writeErr: () => {} });
  program
    .command('extract')
    .description('extract records from tracker PDFs: files, folders (searched recursively) or globs')
    .argument('<inputs...>', 'PDF files, folders or globs')
    .option('-o, --out <dir>', "output folder; '-' writes one PDF's JSON to standard output (nothing else is written)", 'output')
    .option('--password <password>', 'user password for encrypted PDFs')
    .addOption(new Option('-j, --jobs <n>', 'worker threads').argParser(positiveInt('--jobs')).default(os.availableParallelism(), 'CPU cores'))
    .addOption(
      new Option('--timeout <seconds>', 'time limit per file, from when a worker starts it (by default raised by 60 s for each page read with OCR)')
        .argParser(timeoutSeconds)
        .default(60),
    )
    .addOption(
      new Option('--ocr <when>', 'read scanned pages with OCR: auto (pages with no text, or only an invisible OCR layer), always, never')
        .choices(['auto', 'always', 'never'])
        .default('auto'),
    )
    .addOption(
      new Option('--max-size <size>', 'largest input file read, in MB or with a unit (2GB); larger ones fail as TOO_LARGE')
        .argParser(size('--max-size', 1))
        .default(512 * 2 ** 20, '512MB'),
    )
    .addOption(
      new Option('--max-memory <size>', 'memory limit of each worker thread (heap and buffers), in MB or with a unit; a file past it fails as RESOURCE_LIMIT')
        .argParser(size('--max-memory', 128))
        .default(2 ** 30, '1GB'),
    )
    .option('--debug', 'also write X.debug.pdf: the input with the detected table, rows and cells drawn on it')
    .option('--no-report', 'do not write the per-file report PDF')
    .option('-q, --quiet', 'print only failures (and the summary when any file failed)')
    .option('--verbose', 'also print each warning, and stack traces of failures')
    .option('--fail-fast', 'stop at the first file that fails')
    .option(
      '--format <list>',
      `what to write, comma-separated: ${Object.entries(FORMATS)
        .map(([k, v]) => `${k} (${v.writes})`)
        .join('; ')}; records.csv, records.jsonl and warnings.csv always`,
      DEFAULT_FORMATS.join(','),
    )
    .addOption(new Option('--generated-at <date>', 'date of the reports and workbooks (default: SOURCE_DATE_EPOCH, else now)').argParser(isoDate))
    .option('--skip-unchanged', 'do not convert again a file whose outputs (X.json or records.sqlite) have its sha256 and this version; its records are still combined')
    .option('--list', 'only print what a run would do with each file (convert, skip, refuse) and why; writes nothing')
    .option('--no-bom', 'CSV files without the UTF-8 byte order mark (Excel needs it to read UTF-8; some readers, e.g. Python\'s csv with "utf-8", do not want it)')
    .option('--clean', 'also remove the outputs in --out that no input of this run produced (each listed first)')
    .addHelpText(
      'after',
      `
Examples:
  impact-tracker extract tracker.pdf                 one file into ./output
  impact-tracker extract reviews/ --out results      every PDF under reviews/, one combined table
  impact-tracker extract "2024/*.pdf" --format json,csv,sqlite --skip-unchanged

Writes, in --out (default ./output), for each input X.pdf:
  X.json, X.csv, X.report.pdf   the records, as --format asks (xlsx: X.xlsx; --debug: X.debug.pdf)
and for the whole run:
  records.csv, records.jsonl    every record of every file, in input order
  warnings.csv, errors.csv      when any document has warnings / any file failed
  records.xlsx, records.sqlite  with --format xlsx / sqlite
Exit codes: 0 all converted, 1 some file failed, 2 usage error, 130 interrupted.`,
    )
    .action(async (inputs: string[], flags: ExtractFlags, command: Command) => {
      process.exitCode = await runExtract(inputs, flags, command.getOptionValueSource('timeout') !== 'default');
    });
  program
    .command('search')
    .description('search the records of a records.sqlite (written by extract --format sqlite): words, "a phrase", OR, NOT, word*, progress: word; matches in archive order')
    .argument('<query>', 'what to look for in recommendation, response and progress')
    .option('--db <file>', 'the database', path.join('output', 'records.sqlite'))
    .option('--rag <list>', 'only these RAG statuses, comma-separated: red, amber, green, blue, none')
    .option('--committee <text>', 'only documents whose committee contains this text')
    .addOption(new Option('--limit <n>', 'print at most n matches').argParser(positiveInt('--limit')).default(20))
    .option('--rank', 'best matches first (FTS5 bm25) instead of archive order (input order, then record order); slower for common words')
    .option('--out <file.csv>', 'also write every match as CSV')
    .option('--no-bom', 'the CSV without the UTF-8 byte order mark')
    .addHelpText(
      'after',
      `
Examples:
  impact-tracker search "affordable housing"
  impact-tracker search "funding NOT capital" --rag red,amber --db results/records.sqlite
  impact-tracker search 'progress: "no response"' --out matches.csv

Prints one line per match (file, id, RAG, field: snippet) to stdout; writes nothing unless
--out, which writes every match as CSV.`,
    )
    .action(async (query: string, flags: SearchFlags) => {
      process.exitCode = await runSearch(query, flags);
    });
  program
    .command('report')
    .description('write an accessible PDF report from records (X.json, records.jsonl or a CSV, also one edited in Excel) or tracker PDFs')
    .argument('<records...>', 'JSON, JSONL or CSV records files, or tracker PDFs')
    .option('-o, --out <file.pdf>', 'the report PDF to write (default: beside the first input, X.report.pdf for X.csv, X.json or X.pdf)')
    .option('--title <title>', 'title printed on page 1 and the PDF title (default: the document\'s; several: "Recommendation impact trackers: N documents")')
    .option('--committee <name>', "committee line under the title (default: the document's)")
    .option('--subtitle <text>', 'a line under the committee')
    .option('--date <text>', 'date printed on page 1 (default: the generation date, written like "29 November 2026")')
    .addOption(new Option('--generated-at <date>', 'when the report is made: PDF dates and footers (default: SOURCE_DATE_EPOCH, else now)').argParser(isoDate))
    .option('--lang <tag>', 'language of the text (PDF /Lang)', 'en-GB')
    .option('--landscape', 'A4 landscape')
    .addOption(new Option('--sort <order>', 'record order in each table').choices(['document', 'id', 'rag']).default('document'))
    .addOption(new Option('--only <statuses>', 'list only these RAG statuses, e.g. red,amber (also not-rated)').argParser(ragList))
    .addOption(new Option('--group-by <what>', 'one table per table of the document, or per RAG status').choices(['table', 'rag']).default('table'))
    .option('--with-intro', "print each document's introduction and closing text")
    .option('--password <password>', 'user password for encrypted PDF inputs')
    .addHelpText(
      'after',
      `
Examples:
  impact-tracker report output/tracker.csv           writes output/tracker.report.pdf
  impact-tracker report edited.csv --title "Housing Committee: progress" --out housing.pdf
  impact-tracker report output/records.jsonl --only red,amber --group-by rag --out open-items.pdf

Writes one PDF (--out); reads CSV as UTF-8, or as Windows-1252 with a note.`,
    )
    .action(async (inputs: string[], flags: ReportFlags) => {
      process.exitCode = await runReport(inputs, flags);
    });
  program
    .command('compare')
    .description('what changed between two versions of a tracker: RAG moved, text updated (word by word), added, removed')
    .argument('<old>', 'the earlier tracker: X.json, a one-tracker CSV or JSONL, or a PDF')
    .argument('<new>', 'the later tracker')
    .requiredOption('-o, --out <changes.pdf>', 'the changes report to write; changes.csv and changes.json go beside it')
    .option('--since <text>', 'how the summary names the old version, e.g. "March 2025" (default: its file name)')
    .option('--title <title>', 'title of the report (default: "What changed: <new title>")')
    .option('--date <text>', 'date printed on page 1 (default: the generation date)')
    .addOption(new Option('--generated-at <date>', 'when the report is made (default: SOURCE_DATE_EPOCH, else now)').argParser(isoDate))
    .option('--lang <tag>', 'language of the text (PDF /Lang)', 'en-GB')
    .option('--landscape', 'A4 landscape')
    .option('--password <password>', 'user password for encrypted PDF inputs')
    .option('--no-bom', 'changes.csv without the UTF-8 byte order mark')
    .addHelpText(
      'after',
      `
Examples:
  impact-tracker compare march/tracker.json june/tracker.json --out changes.pdf
  impact-tracker compare old.pdf new.pdf --since "March 2025" --out housing-changes.pdf

Writes changes.pdf (the report), changes.csv (one row per recommendation) and changes.json
(the whole comparison), named after --out.`,
    )
    .action(async (before: string, after: string, flags: CompareFlags) => {
      process.exitCode = await runCompare(before, after, flags);
    });
  program
    .command('review')
    .description('check and correct conversions in the browser: a local page with the PDF beside its records')
    .argument('<target>', 'a tracker PDF, or a folder of outputs written by extract')
    .option('-o, --out <dir>', 'for a PDF: the output folder (converted first when needed)', 'output')
    .option('--pdfs <dir...>', 'for a folder: where its PDFs are, when not beside the outputs')
    .addOption(new Option('--port <n>', 'port on 127.0.0.1 (default: a free one)').argParser(port))
    .option('--open', 'open the page in the default browser')
    .option('--password <password>', 'user password of an encrypted PDF')
    .addHelpText(
      'after',
      `
Examples:
  impact-tracker review tracker.pdf                  converts it into ./output first when needed
  impact-tracker review output --open                every converted file of a folder

Prints the page's address (http://127.0.0.1:PORT/); saving a correction writes X.json, X.csv,
X.report.pdf and X.corrections.json (kept and applied again by the next extract). Ctrl-C stops it.`,
    )
    .action(async (target: string, flags: ReviewFlags) => {
      process.exitCode = await runReview(target, flags);
    });
  return program;
}

/** Run the CLI with `argv` (without node and script); resolves to the exit code. */
export async function main(argv: string[]): Promise<number> {
  const program = buildProgram();
  const err = (s: string) => log(`impact-tracker: ${s}`);
  // Errors point at the help of the command being run (issue #14): `impact-tracker report --help`.
  const first = argv.find((a) => !a.startsWith('-'));
  const command = program.commands.find((c) => c.name() === first);
  const seeHelp = `(see impact-tracker${command ? ` ${command.name()}` : ''} --help)`;
  try {
    if (!argv.length) {
      process.stdout.write(program.helpInformation());
      return EXIT.usage;
    }
    await program.parseAsync(argv, { from: 'user' });
    return Number(process.exitCode ?? 0);
  } catch (e) {
    if (e instanceof CommanderError) {
      if (e.code === 'commander.helpDisplayed' || e.code === 'commander.version' || e.code === 'commander.help') return EXIT.ok;
      err(`${e.message.replace(/^error: /, '').replace(/\s*\n\s*/g, ' ')} ${seeHelp}`);
      return EXIT.usage;
    }
    if (e instanceof UsageError) {
      err(`${e.message} ${seeHelp}`);
      return EXIT.usage;
    }
    const { toTrackerError } = await import('./errors.ts');
    const t = toTrackerError(e);
    if (t.code === 'INVALID_OPTIONS') {
      err(`${t.message} ${seeHelp}`);
      return EXIT.usage;
    }
    // One rule for a missing input (issue #14): a command given nothing it can read is a usage
    // error, exit 2, whichever command it is. (In an extract batch where other files convert,
    // a missing one is a failed file: exit 1.)
    if (t.code === 'FILE_NOT_FOUND') {
      err(`${t.code}: ${t.message} ${seeHelp}`);
      return EXIT.usage;
    }
    err(`${t.file ? `${t.file}: ` : ''}${t.code}: ${t.message}`);
    if (argv.includes('--verbose') && e instanceof Error) process.stderr.write(printable(String(e.stack), { multiline: true }) + '\n');
    return EXIT.failed;
  }
}
