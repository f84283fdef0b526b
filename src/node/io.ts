/**
 * Files for the CLI (Node only): expanding inputs, reading PDFs, and writing outputs
 * atomically (a temp file in the same folder, then rename) so an output is never half-written.
 */
import { access, constants, mkdir, readdir, readFile, rename, rm, stat, unlink, writeFile, glob } from 'node:fs/promises';
import path from 'node:path';
import { InputError, WriteError } from '../errors.ts';

let tmpCounter = 0;

/** Temp files are `<name>.<pid>.<n>.tmp` next to their target: groups 1 = name, 2 = pid. */
const TEMP_NAME = /^(.*)\.(\d+)\.\d+\.tmp$/;
const tempPathFor = (file: string) => `${file}.${process.pid}.${++tmpCounter}.tmp`;

/**
 * Write `data` to `file` atomically: write `file.<pid>.<n>.tmp` in the same folder, then
 * rename over `file` (a rename within one file system replaces the target in one step).
 * @throws WriteError WRITE_FAILED naming the file and the system's reason.
 */
export async function writeFileAtomic(file: string, data: string | Uint8Array): Promise<void> {
  const tmp = tempPathFor(file);
  try {
    await mkdir(path.dirname(file), { recursive: true });
    await writeFile(tmp, data);
    await rename(tmp, file);
  } catch (err) {
    await unlink(tmp).catch(() => {});
    throw new WriteError('WRITE_FAILED', `could not write ${file}: ${(err as Error).message}; check the folder exists and is writable`, { cause: err });
  }
}

/**
 * Read an input file.
 * @throws InputError FILE_NOT_FOUND | READ_FAILED
 */
export async function readInput(file: string): Promise<Uint8Array> {
  try {
    return new Uint8Array(await readFile(file));
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') throw new InputError('FILE_NOT_FOUND', `no such file: ${file}`, { cause: err, file });
    if (code === 'EISDIR') throw new InputError('READ_FAILED', `${file} is a folder; pass the folder itself to read every PDF in it`, { cause: err, file });
    throw new InputError('READ_FAILED', `could not read ${file}: ${(err as Error).message}`, { cause: err, file });
  }
}

/** Our own outputs, never read back as inputs when scanning a folder. */
const OUTPUT_NAME = /\.(report|debug)\.pdf$/i;

/**
 * Expand CLI inputs (files, folders, globs) into a sorted, de-duplicated list of PDF paths.
 * Folders are searched recursively for `*.pdf` (any case), skipping our own `*.report.pdf` /
 * `*.debug.pdf`, and skipping the output folder when it sits inside an input folder (it is
 * still read when it *is* the input folder: `extract . --out .` converts the PDFs there).
 * Glob matches skip our own outputs inside the output folder. A named file is taken whatever
 * its name. Inputs that match nothing are returned in `missing` (globs in `noMatch`), not thrown.
 */
export async function expandInputs(inputs: string[], exclude: string[] = []): Promise<{ files: string[]; missing: string[]; noMatch: string[] }> {
  const excluded = exclude.map((e) => path.resolve(e) + path.sep);
  const inExcluded = (p: string) => excluded.some((e) => (path.resolve(p) + path.sep).startsWith(e));
  const files = new Set<string>();
  const missing: string[] = [];
  const noMatch: string[] = [];
  const walk = async (dir: string, root: boolean) => {
    if (!root && excluded.some((e) => path.resolve(dir) + path.sep === e)) return;
    const entries = await readdir(dir, { withFileTypes: true });
    for (const e of entries.sort((a, b) => a.name.localeCompare(b.name))) {
      const p = path.join(dir, e.name);
      if (e.isDirectory()) await walk(p, false);
      else if (/\.pdf$/i.test(e.name) && !OUTPUT_NAME.test(e.name)) files.add(p);
    }
  };
  for (const input of inputs) {
    if (/[*?[\]{}]/.test(input)) {
      let any = false;
      for await (const p of glob(input)) {
        const s = await stat(p).catch(() => null);
        if (s?.isDirectory()) await walk(p, true);
        else if (s?.isFile() && !(OUTPUT_NAME.test(p) && inExcluded(p))) files.add(p);
        any = true;
      }
      if (!any) noMatch.push(input);
      continue;
    }
    const s = await stat(input).catch(() => null);
    if (!s) missing.push(input);
    else if (s.isDirectory()) await walk(input, true);
    else files.add(input);
  }
  return { files: [...files].sort(), missing, noMatch };
}

/**
 * The name recorded as each input's `source.file` (and the combined tables' `file` column):
 * its base name, or — where two inputs share a base name — its path as given (with "/"), so
 * records from d/2019/tracker.pdf and d/2020/tracker.pdf never mix.
 */
export function sourceNames(files: string[]): Map<string, string> {
  const count = new Map<string, number>();
  for (const f of files) count.set(path.basename(f).toLowerCase(), (count.get(path.basename(f).toLowerCase()) ?? 0) + 1);
  return new Map(files.map((f) => [f, (count.get(path.basename(f).toLowerCase()) ?? 0) > 1 ? f.split(path.sep).join('/') : path.basename(f)]));
}

/**
 * Output base names per input: `X` for `X.pdf`; a name used twice gets `-2`, `-3`… in input
 * order, so two `tracker.pdf` in different folders never overwrite each other.
 */
export function outputBaseNames(files: string[]): Map<string, string> {
  const used = new Map<string, number>();
  const out = new Map<string, string>();
  for (const f of files) {
    const base = path.basename(f).replace(/\.pdf$/i, '');
    const n = (used.get(base.toLowerCase()) ?? 0) + 1;
    used.set(base.toLowerCase(), n);
    out.set(f, n === 1 ? base : `${base}-${n}`);
  }
  return out;
}

/**
 * Make sure `dir` is a writable folder (creating it), before any work starts.
 * @returns null when it is, else a sentence saying what is wrong.
 */
export async function checkOutputFolder(dir: string): Promise<string | null> {
  const s = await stat(dir).catch(() => null);
  if (s && !s.isDirectory()) return `--out ${dir} is a file, not a folder; give a folder for the outputs`;
  try {
    await mkdir(dir, { recursive: true });
    await access(dir, constants.W_OK);
  } catch (err) {
    return `cannot write to the output folder ${dir}: ${(err as Error).message.replace(/^E[A-Z]+: /, '')}; choose another --out`;
  }
  return null;
}

/**
 * Remove a failed file's outputs — stale ones from an earlier run, ones written before the
 * failure, and temp files of a worker stopped mid-write — so no X.json stands for a file that
 * errors.csv lists as failed.
 */
export async function removeOutputs(paths: string[]): Promise<void> {
  const dirs = new Set(paths.map((p) => path.dirname(p)));
  const names = new Set(paths.map((p) => path.basename(p)));
  for (const p of paths) await rm(p, { force: true });
  for (const dir of dirs) {
    const entries = await readdir(dir).catch(() => [] as string[]);
    for (const e of entries) {
      const m = TEMP_NAME.exec(e);
      if (m && names.has(m[1])) await rm(path.join(dir, e), { force: true });
    }
  }
}

/** The output files a file's conversion may write for `base` in `outDir` (src/node/convert.ts). */
export function outputsOf(outDir: string, base: string): string[] {
  return ['.json', '.csv', '.report.pdf', '.xlsx', '.debug.pdf'].map((ext) => path.join(outDir, `${base}${ext}`));
}

/**
 * Writes pieces that arrive out of order (workers finish in any order) to a file in index
 * order, as soon as they can be, so memory stays flat however many pieces there are. The file
 * is a temp file until `finish()` renames it into place (never half-written); `finish(false)`
 * removes it instead.
 */
export class OrderedFileWriter {
  readonly file: string;
  private readonly tmp: string;
  private handle: import('node:fs/promises').FileHandle | null = null;
  private next = 0;
  private readonly pending = new Map<number, Uint8Array>();
  private chain: Promise<void> = Promise.resolve();

  constructor(file: string) {
    this.file = file;
    this.tmp = tempPathFor(file);
  }

  /** Open the temp file and write `head` (e.g. a CSV header). */
  async open(head: Uint8Array = new Uint8Array(0)): Promise<void> {
    const { open } = await import('node:fs/promises');
    try {
      this.handle = await open(this.tmp, 'w');
      if (head.length) await this.handle.write(head);
    } catch (err) {
      throw new WriteError('WRITE_FAILED', `could not write ${this.file}: ${(err as Error).message}`, { cause: err });
    }
  }

  /** Add piece `k` (0-based); writes every piece that is now next in order. A write error is kept for `finish()`. */
  push(k: number, bytes: Uint8Array): Promise<void> {
    this.pending.set(k, bytes);
    this.chain = this.chain.then(() => this.flush(false)).catch((err: unknown) => {
      this.error ??= err;
    });
    return this.chain;
  }

  private error: unknown = null;

  private async flush(all: boolean): Promise<void> {
    for (;;) {
      let piece = this.pending.get(this.next);
      if (piece === undefined) {
        if (!all || this.pending.size === 0) return;
        this.next = Math.min(...this.pending.keys()); // pieces that never came (fail-fast) are skipped
        piece = this.pending.get(this.next)!;
      }
      this.pending.delete(this.next);
      this.next++;
      if (piece.length) await this.handle!.write(piece);
    }
  }

  /** Write what is left in order and rename into place (`keep`), or remove the temp file. */
  async finish(keep = true): Promise<void> {
    this.chain = this.chain.then(() => this.flush(true)).catch((err: unknown) => {
      this.error ??= err;
    });
    await this.chain;
    await this.handle?.close();
    this.handle = null;
    if (this.error && keep) {
      await rm(this.tmp, { force: true });
      throw new WriteError('WRITE_FAILED', `could not write ${this.file}: ${(this.error as Error).message}; check the disk has space and the folder is writable`, { cause: this.error });
    }
    if (!keep) {
      await rm(this.tmp, { force: true });
      await rm(this.file, { force: true });
      return;
    }
    try {
      await rename(this.tmp, this.file);
    } catch (err) {
      await rm(this.tmp, { force: true });
      throw new WriteError('WRITE_FAILED', `could not write ${this.file}: ${(err as Error).message}`, { cause: err });
    }
  }
}

/**
 * Remove temp files (`name.<pid>.<n>.tmp`) left in `dir` by a run that was killed: those of
 * process `pid` when given (this run, on Ctrl-C), else those of processes no longer running.
 */
export async function sweepTempFiles(dir: string, pid?: number): Promise<void> {
  const entries = await readdir(dir).catch(() => [] as string[]);
  for (const e of entries) {
    const m = TEMP_NAME.exec(e);
    if (!m) continue;
    const owner = Number(m[2]);
    let dead = false;
    if (pid === undefined) {
      try {
        process.kill(owner, 0);
      } catch (err) {
        dead = (err as NodeJS.ErrnoException).code === 'ESRCH';
      }
    }
    if (owner === pid || dead) await rm(path.join(dir, e), { force: true });
  }
}
