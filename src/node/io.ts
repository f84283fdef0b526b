/**
 * Files for the CLI (Node only): expanding inputs, reading PDFs, and writing outputs
 * atomically (a temp file in the same folder, then rename) so an output is never half-written.
 */
import { access, constants, mkdir, open, readdir, rename, rm, stat, unlink, writeFile, glob, type FileHandle } from 'node:fs/promises';
import type { Stats } from 'node:fs';
import path from 'node:path';
import { InputError, NotAFileError, TooLargeError, WriteError } from '../errors.ts';
import { compareNames, comparePaths, globRoot, relativePath } from './order.ts';

let tmpCounter = 0;

/** Temp files are `<name>.<pid>.<n>.tmp` next to their target: groups 1 = name, 2 = pid. */
const TEMP_NAME = /^(.*)\.(\d+)\.\d+\.tmp$/;
export const tempPathFor = (file: string) => `${file}.${process.pid}.${++tmpCounter}.tmp`;

/**
 * Write `data` to `file` atomically: write `file.<pid>.<n>.tmp` in the same folder, then
 * rename over `file` (a rename within one file system replaces the target in one step).
 * `fs.writeFile` continues short writes and rejects on ENOSPC / EDQUOT / EIO, so a file that
 * does not fit is never renamed into place.
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
    throw writeFailure(file, err);
  }
}

/** Default largest input read (`--max-size`): 512 MB, far above any tracker (issue #12). */
export const DEFAULT_MAX_INPUT_BYTES = 512 * 2 ** 20;

/** What a non-regular file is, for NOT_A_FILE messages. */
function kindOf(s: Stats): string {
  if (s.isFIFO()) return 'a named pipe (FIFO)';
  if (s.isSocket()) return 'a socket';
  if (s.isCharacterDevice()) return 'a character device';
  if (s.isBlockDevice()) return 'a block device';
  if (s.isDirectory()) return 'a folder';
  return 'not a regular file';
}

/**
 * Read an input file: only a regular file (or a link to one) is opened, and only up to
 * `maxBytes`. A FIFO, socket or device named `*.pdf` is refused before it is opened (a FIFO
 * blocks the opening thread forever, /dev/zero never ends; issue #12); the file is opened
 * non-blocking and checked again on the open handle, so one swapped in meanwhile is refused too.
 * @throws InputError FILE_NOT_FOUND | READ_FAILED; NotAFileError NOT_A_FILE; TooLargeError TOO_LARGE
 */
export async function readInput(file: string, options: { maxBytes?: number } = {}): Promise<Uint8Array> {
  const maxBytes = options.maxBytes ?? DEFAULT_MAX_INPUT_BYTES;
  let handle: FileHandle | null = null;
  try {
    const s = await stat(file);
    if (s.isDirectory()) throw new InputError('READ_FAILED', `${file} is a folder; pass the folder itself to read every PDF in it`, { file });
    if (!s.isFile()) {
      const { lstat, realpath } = await import('node:fs/promises');
      const link = (await lstat(file)).isSymbolicLink() ? await realpath(file).catch(() => null) : null;
      throw new NotAFileError(file, link ? `a link to ${kindOf(s).replace(/ \(FIFO\)$/, '')} (${link})` : kindOf(s));
    }
    if (s.size > maxBytes) throw new TooLargeError(file, s.size, maxBytes);
    // O_NONBLOCK: should the name now point at a FIFO, open returns at once instead of waiting
    // for a writer (it has no effect on regular files). Windows has no such flag.
    handle = await open(file, constants.O_RDONLY | (constants.O_NONBLOCK ?? 0) | (constants.O_NOCTTY ?? 0));
    const h = await handle.stat();
    if (!h.isFile()) throw new NotAFileError(file, kindOf(h));
    if (h.size > maxBytes) throw new TooLargeError(file, h.size, maxBytes);
    // Read to the end, but never past the limit (a file may grow while it is read).
    const chunks: Uint8Array[] = [];
    let total = 0;
    for (;;) {
      const want = Math.min(Math.max(h.size - total, 64 * 1024), maxBytes + 1 - total);
      const chunk = new Uint8Array(want);
      const { bytesRead } = await handle.read(chunk, 0, want, null);
      if (bytesRead === 0) break;
      chunks.push(bytesRead === want ? chunk : chunk.subarray(0, bytesRead));
      total += bytesRead;
      if (total > maxBytes) throw new TooLargeError(file, total, maxBytes);
    }
    if (chunks.length === 1) return chunks[0]!;
    const out = new Uint8Array(total);
    let at = 0;
    for (const c of chunks) {
      out.set(c, at);
      at += c.length;
    }
    return out;
  } catch (err) {
    if (err instanceof InputError || err instanceof NotAFileError || err instanceof TooLargeError) throw err;
    const code = (err as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') throw new InputError('FILE_NOT_FOUND', `no such file: ${file}`, { cause: err, file });
    // A socket cannot be opened at all (ENXIO); say what it is.
    if (code === 'ENXIO' || code === 'EOPNOTSUPP') throw new NotAFileError(file, 'a socket or device', { cause: err });
    throw new InputError('READ_FAILED', `could not read ${file}: ${(err as Error).message}`, { cause: err, file });
  } finally {
    await handle?.close().catch(() => {});
  }
}

/** Our own outputs, never read back as inputs when scanning a folder. */
const OUTPUT_NAME = /\.(report|debug)\.pdf$/i;

/**
 * Expand CLI inputs (files, folders, globs) into a de-duplicated list of PDF paths, in the
 * order the inputs are given; inside a folder (and among a glob's matches) in natural order,
 * "2" before "10", case- and accent-aware (src/node/order.ts; issue #13). A file reached twice
 * keeps its first place.
 * Folders are searched recursively for `*.pdf` (any case), skipping our own `*.report.pdf` /
 * `*.debug.pdf`, and skipping the output folder when it sits inside an input folder (it is
 * still read when it *is* the input folder: `extract . --out .` converts the PDFs there).
 * Glob matches skip our own outputs inside the output folder. A named file is taken whatever
 * its name, and a name that exists is never read as a pattern. FIFOs, sockets and devices
 * named `*.pdf` are listed (they fail as NOT_A_FILE when read, without being opened). Inputs
 * that match nothing are returned in `missing` (globs in `noMatch`), not thrown; our own outputs
 * skipped in folders and globs in `ownOutputs` (the CLI says how many, issue #14).
 * `relative` maps each file to its path relative to the input root it was found under (the
 * folder given, a glob's fixed leading folders, or a named file's own folder), "/"-separated.
 */
export async function expandInputs(
  inputs: string[],
  exclude: string[] = [],
): Promise<{ files: string[]; relative: Map<string, string>; missing: string[]; noMatch: string[]; ownOutputs: string[] }> {
  const excluded = exclude.map((e) => path.resolve(e) + path.sep);
  const inExcluded = (p: string) => excluded.some((e) => (path.resolve(p) + path.sep).startsWith(e));
  const relative = new Map<string, string>();
  const missing: string[] = [];
  const noMatch: string[] = [];
  const ownOutputs: string[] = [];
  const add = (file: string, root: string) => {
    if (!relative.has(file)) relative.set(file, relativePath(root, file));
  };
  const walk = async (dir: string, root: string, top: boolean) => {
    if (!top && excluded.some((e) => path.resolve(dir) + path.sep === e)) return;
    const entries = await readdir(dir, { withFileTypes: true });
    for (const e of entries.sort((a, b) => compareNames(a.name, b.name))) {
      const p = path.join(dir, e.name);
      // Anything else named *.pdf is listed — a FIFO or device fails as NOT_A_FILE, visibly.
      if (e.isDirectory()) await walk(p, root, false);
      else if (OUTPUT_NAME.test(e.name)) ownOutputs.push(p);
      else if (/\.pdf$/i.test(e.name)) add(p, root);
    }
  };
  for (const input of inputs) {
    // A path that exists is taken as it is, even with glob characters in its name
    // ("[draft].pdf", "{a,b}.pdf"; issue #12); only a name that does not exist is a pattern.
    const s = await stat(input).catch(() => null);
    if (s?.isDirectory()) {
      await walk(input, input, true);
      continue;
    }
    if (s) {
      add(input, path.dirname(input));
      continue;
    }
    if (/[*?[\]{}]/.test(input)) {
      const root = globRoot(input);
      const matches: string[] = [];
      for await (const p of glob(input)) matches.push(p);
      for (const p of matches.sort(comparePaths)) {
        const s = await stat(p).catch(() => null);
        if (s?.isDirectory()) await walk(p, root, true);
        else if (s && OUTPUT_NAME.test(p) && inExcluded(p)) ownOutputs.push(p);
        else if (s) add(p, root);
      }
      if (!matches.length) noMatch.push(input);
      continue;
    }
    // A name that exists but cannot be stat'ed (a dangling link) is read, and fails there with its reason.
    if (await lstatExists(input)) add(input, path.dirname(input));
    else missing.push(input);
  }
  return { files: [...relative.keys()], relative, missing, noMatch, ownOutputs: [...new Set(ownOutputs)] };
}

async function lstatExists(p: string): Promise<boolean> {
  const { lstat } = await import('node:fs/promises');
  return (await lstat(p).catch(() => null)) !== null;
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
 * The files a run writes into its output folder itself, beside the per-file outputs: the
 * combined tables, the database and the lock (src/node/lock.ts). A per-file output never takes
 * one of these names — `records.pdf` would otherwise write its `records.csv` over the combined
 * table.
 */
export const RUN_FILES = ['records.csv', 'records.jsonl', 'warnings.csv', 'errors.csv', 'records.xlsx', 'records.sqlite', '.impact-tracker.lock'] as const;

/** The per-file output suffixes, in the order convert.ts writes them. */
export const OUTPUT_SUFFIXES = ['.json', '.csv', '.report.pdf', '.xlsx', '.debug.pdf', '.corrections.json'] as const;

/** A file name as a file system that ignores case (macOS, Windows) and normal form sees it. */
const fold = (name: string) => name.normalize('NFC').toLowerCase();

/**
 * Output base names per input: `X` for `X.pdf`. Inputs that share a name get one built from
 * their path relative to the input root ("2019/tracker.pdf" → `2019-tracker`; issue #13), or
 * from their path as given where even that is shared (two roots with the same layout). A name
 * is never used twice (in any letter case or normal form) and never gives an output named like
 * a file the run writes itself (`records.pdf` → `records-2.*`, see {@link RUN_FILES}): such an
 * input gets `-2`, `-3`… in input order, so no output ever overwrites another (issue #12). An
 * input named just `.pdf` is `unnamed`.
 * @param relative file → path relative to its input root (from `expandInputs`); default: the name.
 */
export function outputBaseNames(files: string[], relative: ReadonlyMap<string, string> = new Map()): Map<string, string> {
  const stem = (p: string) =>
    p
      .split(/[\\/]+/)
      .filter((s) => s && s !== '.' && s !== '..')
      .join('-')
      .replace(/\.pdf$/i, '') || 'unnamed';
  const count = (names: string[]) => names.reduce((m, n) => m.set(fold(n), (m.get(fold(n)) ?? 0) + 1), new Map<string, number>());
  const byName = count(files.map((f) => path.basename(f)));
  const shared = (f: string) => byName.get(fold(path.basename(f)))! > 1;
  let wanted = files.map((f) => stem(shared(f) ? (relative.get(f) ?? path.basename(f)) : path.basename(f)));
  const byWanted = count(wanted);
  wanted = files.map((f, k) => {
    const w = wanted[k]!;
    return shared(f) && byWanted.get(fold(w))! > 1 ? stem(f) : w;
  });
  const taken = new Set<string>(); // folded output file names already given out
  const reserved = new Set(RUN_FILES.map(fold));
  const free = (base: string) => OUTPUT_SUFFIXES.every((ext) => !taken.has(fold(base + ext)) && !reserved.has(fold(base + ext)));
  const out = new Map<string, string>();
  files.forEach((f, k) => {
    const want = wanted[k]!;
    let base = want;
    for (let n = 2; !free(base); n++) base = `${want}-${n}`;
    for (const ext of OUTPUT_SUFFIXES) taken.add(fold(base + ext));
    out.set(f, base);
  });
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
      if (m?.[1] && names.has(m[1])) await rm(path.join(dir, e), { force: true });
    }
  }
}

/**
 * The output files a file's conversion may write for `base` in `outDir` (src/node/convert.ts):
 * not X.corrections.json, a person's work that `review` writes and conversion only reads
 * (issue #8), which a failed conversion must not take with it.
 */
export function outputsOf(outDir: string, base: string): string[] {
  return OUTPUT_SUFFIXES.filter((ext) => ext !== '.corrections.json').map((ext) => path.join(outDir, `${base}${ext}`));
}

/**
 * Per-file outputs in `outDir` whose base name is not in `keep`: what `extract --clean` removes
 * (issue #14). Only this tool's outputs: X.report.pdf, X.debug.pdf and X.xlsx by name; X.json
 * only when it is a tracker document (it names its `schemaVersion`) and X.csv only when its
 * header is the records header — a person's own files are never taken. X.corrections.json (a
 * person's corrections) and the run's own files (records.csv, …) are never listed. Top level of
 * `outDir` only (outputs are written there); names sorted.
 */
export async function staleOutputs(outDir: string, keep: ReadonlySet<string>): Promise<string[]> {
  const entries = await readdir(outDir, { withFileTypes: true }).catch(() => []);
  const stale: string[] = [];
  for (const e of entries) {
    if (!e.isFile() || (RUN_FILES as readonly string[]).includes(e.name) || e.name.endsWith('.corrections.json') || TEMP_NAME.test(e.name)) continue;
    const suffix = OUTPUT_SUFFIXES.find((s) => s !== '.corrections.json' && e.name.toLowerCase().endsWith(s));
    if (!suffix) continue;
    const base = e.name.slice(0, -suffix.length);
    if (!base || keep.has(base)) continue;
    const file = path.join(outDir, e.name);
    if (suffix === '.json' || suffix === '.csv') {
      const head = await readHead(file, 512);
      if (suffix === '.json' && !/^\s*\{\s*"schemaVersion"\s*:/.test(head)) continue;
      if (suffix === '.csv' && !/^\uFEFF?file,path,title,committee,/.test(head)) continue;
    }
    stale.push(file);
  }
  return stale.sort(comparePaths);
}

/** The first `bytes` bytes of a file as UTF-8 ('' when it cannot be read). */
async function readHead(file: string, bytes: number): Promise<string> {
  let handle: FileHandle | null = null;
  try {
    handle = await open(file, 'r');
    const buf = new Uint8Array(bytes);
    const { bytesRead } = await handle.read(buf, 0, bytes, 0);
    return new TextDecoder().decode(buf.subarray(0, bytesRead));
  } catch {
    return '';
  } finally {
    await handle?.close().catch(() => {});
  }
}

/** The part of a FileHandle that {@link OrderedFileWriter} uses (a test may pass a failing one). */
export type WritableHandle = Pick<FileHandle, 'write' | 'sync' | 'close'>;

/** Error codes of a write that failed for lack of room: say so in words. */
const NO_ROOM = new Set(['ENOSPC', 'EDQUOT', 'EFBIG']);

/** The WRITE_FAILED error for `file`, saying in words when the disk is full. */
export function writeFailure(file: string, err: unknown): WriteError {
  const code = (err as NodeJS.ErrnoException)?.code;
  const why = NO_ROOM.has(code ?? '') ? 'the disk (or your quota) is full; free some space' : 'check the disk has space and the folder is writable';
  return new WriteError('WRITE_FAILED', `could not write ${file}: ${(err as Error)?.message ?? err}; ${why} and run again`, { cause: err });
}

/**
 * Writes pieces that arrive out of order (workers finish in any order) to a file in index
 * order, as soon as they can be, so memory stays flat however many pieces there are. The file
 * is a temp file until `finish()` renames it into place (never half-written); `finish(false)`
 * removes it instead.
 *
 * Every write is checked (issue #12: a nearly full disk cut records.csv at 4 KB and the run
 * still said every record was there): a short write is continued, a write that makes no
 * progress or fails (ENOSPC, EDQUOT, EIO) stops the file, the data is synced to disk before
 * the rename, and `finish()` then throws WRITE_FAILED and leaves no file of that name at all —
 * neither the temp file nor an older complete-looking one.
 */
export class OrderedFileWriter {
  readonly file: string;
  private readonly tmp: string;
  private handle: WritableHandle | null = null;
  private next = 0;
  private readonly pending = new Map<number, Uint8Array>();
  private chain: Promise<void> = Promise.resolve();
  private error: unknown = null;
  private readonly openFile: (file: string) => Promise<WritableHandle>;

  /** @param options.open opens the temp file for writing (default `fs.open(file, 'w')`; tests inject failures). */
  constructor(file: string, options: { open?: (file: string) => Promise<WritableHandle> } = {}) {
    this.file = file;
    this.tmp = tempPathFor(file);
    this.openFile = options.open ?? ((f) => open(f, 'w'));
  }

  /** The first write error, once one happened (later pieces are dropped). */
  get failed(): boolean {
    return this.error !== null;
  }

  /** Open the temp file and write `head` (e.g. a CSV header). @throws WriteError WRITE_FAILED */
  async open(head: Uint8Array = new Uint8Array(0)): Promise<void> {
    try {
      this.handle = await this.openFile(this.tmp);
      await this.writeAll(head);
    } catch (err) {
      await this.handle?.close().catch(() => {});
      this.handle = null;
      await rm(this.tmp, { force: true });
      throw writeFailure(this.file, err);
    }
  }

  /** Add piece `k` (0-based); writes every piece that is now next in order. A write error is kept for `finish()`. */
  push(k: number, bytes: Uint8Array): Promise<void> {
    this.pending.set(k, this.error ? new Uint8Array(0) : bytes);
    this.chain = this.chain
      .then(() => this.flush(false))
      .catch((err: unknown) => {
        this.error ??= err;
      });
    return this.chain;
  }

  /** Write all of `bytes`: the OS may write less than asked (a nearly full disk); go on until done or failed. */
  private async writeAll(bytes: Uint8Array): Promise<void> {
    let at = 0;
    while (at < bytes.length) {
      const { bytesWritten } = await this.handle!.write(bytes, at, bytes.length - at, null);
      if (!(bytesWritten > 0)) throw Object.assign(new Error(`ENOSPC: no space left on device, write (wrote 0 of ${bytes.length - at} bytes)`), { code: 'ENOSPC' });
      at += bytesWritten;
    }
  }

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
      // After a failure nothing more is written (the file is going to be removed anyway).
      if (piece.length && !this.error) await this.writeAll(piece);
    }
  }

  /** Write what is left in order, sync (`keep`) and close; any error is kept in `this.error`. */
  private async settle(keep: boolean): Promise<void> {
    this.chain = this.chain
      .then(() => this.flush(true))
      .catch((err: unknown) => {
        this.error ??= err;
      });
    await this.chain;
    if (keep && !this.error && this.handle) {
      // Some file systems report a full disk only when the data is flushed (NFS, quotas).
      await this.handle.sync().catch((err: unknown) => {
        this.error ??= err;
      });
    }
    await this.handle?.close().catch((err: unknown) => {
      this.error ??= err;
    });
    this.handle = null;
  }

  /**
   * Write what is left in order, sync, and rename into place (`keep`); or remove the temp file
   * and any older file of the same name (`keep` false).
   * @throws WriteError WRITE_FAILED when any write, the sync, the close or the rename failed;
   *   then neither the temp file nor an older `file` is left.
   */
  async finish(keep = true): Promise<void> {
    await this.settle(keep);
    if (!keep || this.error) {
      await rm(this.tmp, { force: true });
      await rm(this.file, { force: true });
      if (keep) throw writeFailure(this.file, this.error);
      return;
    }
    try {
      await rename(this.tmp, this.file);
    } catch (err) {
      await rm(this.tmp, { force: true });
      await rm(this.file, { force: true });
      throw writeFailure(this.file, err);
    }
  }

  /**
   * Write what is left in order, sync and close, and hand over the complete temp file instead
   * of renaming it into place: for a caller that writes the final file from it (records.csv,
   * whose header is known only at the end; records-csv.ts). The caller removes the temp file.
   * @returns the temp file's path.
   * @throws WriteError WRITE_FAILED as {@link finish} does; then neither the temp file nor an
   *   older `file` is left.
   */
  async drain(): Promise<string> {
    await this.settle(true);
    if (this.error) {
      await rm(this.tmp, { force: true });
      await rm(this.file, { force: true });
      throw writeFailure(this.file, this.error);
    }
    return this.tmp;
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
