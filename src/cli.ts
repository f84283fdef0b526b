/**
 * The command line: argv → options → library → exit code. Nothing else lives here.
 * Exit codes (README): 0 every file converted; 1 some file failed (the others are written);
 * 2 usage error. Heavy modules are imported lazily so `--version` and `--help` start fast.
 */
import { Command, CommanderError, InvalidArgumentError, Option } from 'commander';
import os from 'node:os';
import path from 'node:path';
import pkg from '../package.json' with { type: 'json' };

const EXIT = { ok: 0, failed: 1, usage: 2 } as const;

class UsageError extends Error {}

function positiveInt(name: string) {
  return (v: string) => {
    const n = Number(v);
    if (!Number.isInteger(n) || n < 1) throw new InvalidArgumentError(`${name} must be a whole number ≥ 1`);
    return n;
  };
}
function positiveNumber(name: string) {
  return (v: string) => {
    const n = Number(v);
    if (!Number.isFinite(n) || n <= 0) throw new InvalidArgumentError(`${name} must be a number of seconds > 0`);
    return n;
  };
}
function isoDate(v: string) {
  const d = new Date(v);
  if (Number.isNaN(d.getTime())) throw new InvalidArgumentError('must be a date like 2026-11-29');
  return d.toISOString();
}

interface ExtractFlags {
  out: string;
  password?: string;
  jobs: number;
  timeout: number;
  debug?: boolean;
  report: boolean;
  quiet?: boolean;
  verbose?: boolean;
  failFast?: boolean;
  generatedAt?: string;
}

async function runExtract(inputs: string[], flags: ExtractFlags): Promise<number> {
  const started = performance.now();
  // Only light modules here: pdf.js, pdf-lib and fontkit load in the workers, not in this thread.
  const { expandInputs, outputBaseNames, sourceNames, writeFileAtomic, checkOutputFolder, removeOutputs, outputsOf, OrderedFileWriter, sweepTempFiles } = await import('./node/io.ts');
  const { runBatch } = await import('./node/batch.ts');
  const { documentsToCsv, errorsToCsv, warningsToCsv } = await import('./write/csv.ts');
  const { files, missing: notFound, noMatch } = await expandInputs(inputs, [flags.out]);
  const missing = [...notFound, ...noMatch];
  const why = (m: string) => (noMatch.includes(m) ? 'the pattern matched no files' : 'no such file or folder');
  if (!files.length && !missing.length) throw new UsageError(`no PDF files found in ${inputs.join(', ')}`);
  if (!files.length) throw new UsageError(missing.map((m) => `${m}: ${why(m)}`).join('; '));
  const outProblem = await checkOutputFolder(flags.out);
  if (outProblem) throw new UsageError(outProblem);
  // Temp files of an earlier run that was killed (kill -9, a crash) go first; on Ctrl-C or
  // SIGTERM this run removes its own before exiting (130 / 143), so no *.tmp is left behind.
  await sweepTempFiles(flags.out);
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    process.once(signal, () => {
      process.stderr.write(`\nimpact-tracker: stopped by ${signal}; outputs already written are complete, temp files removed\n`);
      void sweepTempFiles(flags.out, process.pid).finally(() => process.exit(signal === 'SIGINT' ? 130 : 143));
    });
  }
  const names = outputBaseNames(files);
  const sources = sourceNames(files);
  const tasks = files.map((file) => ({ file, outDir: flags.out, base: names.get(file)!, sourceName: sources.get(file), password: flags.password, debug: flags.debug, report: flags.report, generatedAt: flags.generatedAt }));
  const log = (s: string) => process.stderr.write(s + '\n');
  for (const file of files) {
    const base = names.get(file)!;
    if (base !== path.basename(file).replace(/\.pdf$/i, '') && !flags.quiet) log(`note  ${file} shares its name with another input: its outputs are ${base}.*`);
  }
  const tty = process.stderr.isTTY && !flags.quiet;
  let bar: { increment: (n: number, p: object) => void; stop: () => void } | null = null;
  if (tty && files.length > 1) {
    const { SingleBar, Presets } = await import('cli-progress');
    const b = new SingleBar({ format: ' {bar} {value}/{total} files | {failed} failed | {file}', stream: process.stderr, hideCursor: true }, Presets.shades_classic);
    b.start(files.length, 0, { failed: 0, file: '' });
    bar = b;
  }
  let failedSoFar = 0;
  // The combined tables are written as results arrive, in input order, by ordered writers:
  // the main thread holds only results that arrived ahead of their turn.
  const utf8 = new TextEncoder();
  const csvOut = new OrderedFileWriter(path.join(flags.out, 'records.csv'));
  const jsonlOut = new OrderedFileWriter(path.join(flags.out, 'records.jsonl'));
  const warningsOut = new OrderedFileWriter(path.join(flags.out, 'warnings.csv'));
  await csvOut.open(utf8.encode(documentsToCsv([])));
  await jsonlOut.open();
  await warningsOut.open(utf8.encode(warningsToCsv([])));
  const writes: Array<Promise<void>> = [];
  let warningCount = 0;
  const index = new Map(files.map((f, k) => [f, k]));
  const counts = { converted: 0, run: 0, records: 0, green: 0, amber: 0, red: 0, none: 0 };
  const failed: Array<{ file: string; code: string; message: string; k: number }> = [];
  // Outputs of failed files are removed once every worker has stopped (a timed-out worker may
  // still be finishing a write when its result arrives).
  const cleanups: string[] = [];
  const abandon = () => Promise.all([csvOut.finish(false), jsonlOut.finish(false), warningsOut.finish(false)]);
  await runBatch(tasks, {
    jobs: Math.min(flags.jobs, files.length),
    timeoutSeconds: flags.timeout,
    failFast: flags.failFast,
    collect: false,
    onResult: (r) => {
      counts.run++;
      const k = index.get(r.file) ?? 0;
      if (r.ok) {
        counts.converted++;
        writes.push(csvOut.push(k, r.rows.csv), jsonlOut.push(k, r.rows.jsonl), warningsOut.push(k, r.rows.warnings));
        warningCount += r.rows.warningCount;
        counts.records += r.rows.records;
        counts.green += r.rows.rag.green;
        counts.amber += r.rows.rag.amber;
        counts.red += r.rows.rag.red;
        counts.none += r.rows.rag.none;
        if (flags.verbose && !bar) for (const w of r.rows.warningLines) log(`warn  ${r.file}: ${w}`);
      } else {
        failedSoFar++;
        failed.push({ file: r.file, code: r.code, message: r.message, k });
        const none = new Uint8Array(0);
        writes.push(csvOut.push(k, none), jsonlOut.push(k, none), warningsOut.push(k, none));
        cleanups.push(r.file);
      }
      if (bar) {
        // The bar replaces per-file lines on a terminal; failures are listed after it.
        const room = Math.max(10, (process.stderr.columns ?? 80) - 64);
        const name = path.basename(r.file);
        bar.increment(1, { failed: failedSoFar, file: name.length > room ? `…${name.slice(-(room - 1))}` : name });
        return;
      }
      if (flags.quiet && r.ok) return;
      if (r.ok) log(`ok    ${r.file}: ${r.rows.records} records${r.rows.warningCount ? `, ${r.rows.warningCount} warning${r.rows.warningCount > 1 ? 's' : ''}` : ''}`);
      else log(`FAIL  ${r.file}: ${r.code}: ${r.message}`);
      if (!r.ok && flags.verbose && r.stack) log(r.stack);
    },
  }).catch(async (err: unknown) => {
    await abandon();
    throw err;
  });
  bar?.stop();
  for (const file of cleanups) await removeOutputs(outputsOf(flags.out, names.get(file)!));
  const failures = [
    ...missing.map((m) => ({ file: m, code: 'FILE_NOT_FOUND', message: `${why(m)}: ${m}` })),
    ...failed.sort((a, b) => a.k - b.k).map(({ file, code, message }) => ({ file, code, message })),
  ];
  if (bar) for (const f of failures) log(`FAIL  ${f.file}: ${f.code}: ${f.message}`);
  else for (const m of missing) log(`FAIL  ${m}: FILE_NOT_FOUND: ${why(m)}`);
  await Promise.all(writes);
  await csvOut.finish();
  await jsonlOut.finish();
  await warningsOut.finish(warningCount > 0);
  const warningsPath = warningsOut.file;
  const errorsPath = path.join(flags.out, 'errors.csv');
  if (failures.length) await writeFileAtomic(errorsPath, errorsToCsv(failures));
  else await (await import('node:fs/promises')).rm(errorsPath, { force: true });
  const skipped = files.length - counts.run;
  if (!flags.quiet || failures.length) {
    log(
      `${counts.converted} of ${files.length + missing.length} file${files.length + missing.length === 1 ? '' : 's'} converted, ${failures.length} failed${skipped ? `, ${skipped} not run (--fail-fast)` : ''} · ${counts.records} records: ` +
        `${counts.green} green, ${counts.amber} amber, ${counts.red} red, ${counts.none} not rated · ${((performance.now() - started) / 1000).toFixed(1)} s · outputs in ${flags.out}${path.sep}`,
    );
    if (warningCount) log(`${warningCount} warning${warningCount === 1 ? '' : 's'} (empty cells, RAG colour vs words, numbering) listed in ${warningsPath}`);
    if (failures.length) log(`errors listed in ${errorsPath}`);
  }
  return failures.length ? EXIT.failed : EXIT.ok;
}

async function runReport(inputs: string[], flags: { out: string; title?: string; generatedAt?: string }): Promise<number> {
  const { readFile } = await import('node:fs/promises');
  const { parseRecordsCsv } = await import('./write/csv.ts');
  const { parseRecordsJson } = await import('./write/json.ts');
  const { writeReport } = await import('./write/report.ts');
  const { loadReportFonts } = await import('./node/fonts.ts');
  const { writeFileAtomic } = await import('./node/io.ts');
  const { InputError, RecordsInputError } = await import('./errors.ts');
  if (!/\.pdf$/i.test(flags.out)) throw new UsageError(`--out must name a .pdf file (got ${flags.out})`);
  const docs = [];
  for (const input of inputs) {
    let bytes: Uint8Array;
    try {
      bytes = await readFile(input);
    } catch (err) {
      const code = (err as NodeJS.ErrnoException).code;
      if (code === 'EISDIR') throw new InputError('READ_FAILED', `${input} is a folder; give the records files themselves (X.json, records.csv, records.jsonl)`, { cause: err, file: input });
      throw new InputError(code === 'ENOENT' ? 'FILE_NOT_FOUND' : 'READ_FAILED', `cannot read ${input}: ${(err as Error).message.replace(/^E[A-Z]+: /, '')}`, { cause: err, file: input });
    }
    // Excel's plain "CSV (Comma delimited)" is Windows-1252, not UTF-8: read it as such rather
    // than print £, – and curly quotes as U+FFFD.
    let text: string;
    try {
      text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
    } catch {
      text = new TextDecoder('windows-1252').decode(bytes);
      process.stderr.write(`note  ${input} is not UTF-8: read it as Windows-1252 (Excel's "CSV (Comma delimited)"); save as "CSV UTF-8" to avoid this\n`);
    }
    if (/\.csv$/i.test(input)) docs.push(...parseRecordsCsv(text, path.basename(input)));
    else if (/\.jsonl?$/i.test(input)) docs.push(...parseRecordsJson(text, path.basename(input)));
    else throw new RecordsInputError('RECORDS_INVALID', `${input}: give records as .json, .jsonl or .csv (as written by "impact-tracker extract")`);
  }
  const pdf = await writeReport(docs, { fonts: await loadReportFonts(), ...(flags.title ? { title: flags.title } : {}), ...(flags.generatedAt ? { generatedAt: new Date(flags.generatedAt) } : {}) });
  await writeFileAtomic(flags.out, pdf);
  process.stderr.write(`wrote ${flags.out}: ${docs.reduce((n, d) => n + d.records.length, 0)} record${docs.reduce((n, d) => n + d.records.length, 0) === 1 ? "" : "s"}, ${docs.length} section${docs.length === 1 ? '' : 's'}, from ${inputs.length} file${inputs.length === 1 ? '' : 's'}\n`);
  return EXIT.ok;
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
    .option('-o, --out <dir>', 'output folder', 'output')
    .option('--password <password>', 'user password for encrypted PDFs')
    .addOption(new Option('-j, --jobs <n>', 'worker threads').argParser(positiveInt('--jobs')).default(os.availableParallelism(), 'CPU cores'))
    .addOption(new Option('--timeout <seconds>', 'time limit per file').argParser(positiveNumber('--timeout')).default(60))
    .option('--debug', 'also write X.debug.pdf: the input with the detected table, rows and cells drawn on it')
    .option('--no-report', 'do not write the per-file report PDF')
    .option('-q, --quiet', 'print only failures (and the summary when any file failed)')
    .option('--verbose', 'also print each warning, and stack traces of failures')
    .option('--fail-fast', 'stop at the first file that fails')
    .addOption(new Option('--generated-at <date>', 'date printed in reports (default: none, for reproducible output)').argParser(isoDate))
    .action(async (inputs: string[], flags: ExtractFlags) => {
      process.exitCode = await runExtract(inputs, flags);
    });
  program
    .command('report')
    .description('write a PDF report from records (X.json, records.jsonl or a CSV, also one edited in Excel)')
    .argument('<records...>', 'JSON, JSONL or CSV records files')
    .requiredOption('-o, --out <file.pdf>', 'the report PDF to write')
    .option('--title <title>', 'document title metadata of the report')
    .addOption(new Option('--generated-at <date>', 'date printed in the report footer').argParser(isoDate))
    .action(async (inputs: string[], flags: { out: string; title?: string; generatedAt?: string }) => {
      process.exitCode = await runReport(inputs, flags);
    });
  return program;
}

/** Run the CLI with `argv` (without node and script); resolves to the exit code. */
export async function main(argv: string[]): Promise<number> {
  const program = buildProgram();
  const err = (s: string) => process.stderr.write(`impact-tracker: ${s}\n`);
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
      err(`${e.message.replace(/^error: /, '')} (see impact-tracker --help)`);
      return EXIT.usage;
    }
    if (e instanceof UsageError) {
      err(`${e.message} (see impact-tracker --help)`);
      return EXIT.usage;
    }
    const { toTrackerError } = await import('./errors.ts');
    const t = toTrackerError(e);
    err(`${t.file ? `${t.file}: ` : ''}${t.code}: ${t.message}`);
    if (argv.includes('--verbose') && e instanceof Error) process.stderr.write(`${e.stack}\n`);
    return EXIT.failed;
  }
}
