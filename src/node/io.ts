/**
 * Files for the CLI (Node only): expanding inputs, reading PDFs, and writing outputs
 * atomically (a temp file in the same folder, then rename) so an output is never half-written.
 */
import { mkdir, readdir, readFile, rename, stat, unlink, writeFile, glob } from 'node:fs/promises';
import path from 'node:path';
import { InputError, WriteError } from '../errors.ts';

let tmpCounter = 0;

/**
 * Write `data` to `file` atomically: write `file.<pid>.<n>.tmp` in the same folder, then
 * rename over `file` (a rename within one file system replaces the target in one step).
 * @throws WriteError WRITE_FAILED naming the file and the system's reason.
 */
export async function writeFileAtomic(file: string, data: string | Uint8Array): Promise<void> {
  const tmp = `${file}.${process.pid}.${++tmpCounter}.tmp`;
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
 * Folders are searched recursively for `*.pdf` (any case), skipping `exclude` (the output
 * folder) and our own `*.report.pdf` / `*.debug.pdf`. A named file is taken whatever its
 * extension. Missing inputs are returned in `missing`, not thrown.
 */
export async function expandInputs(inputs: string[], exclude: string[] = []): Promise<{ files: string[]; missing: string[] }> {
  const excluded = exclude.map((e) => path.resolve(e) + path.sep);
  const isExcluded = (p: string) => excluded.some((e) => (path.resolve(p) + path.sep).startsWith(e));
  const files = new Set<string>();
  const missing: string[] = [];
  const walk = async (dir: string) => {
    if (isExcluded(dir)) return;
    const entries = await readdir(dir, { withFileTypes: true });
    for (const e of entries.sort((a, b) => a.name.localeCompare(b.name))) {
      const p = path.join(dir, e.name);
      if (e.isDirectory()) await walk(p);
      else if (/\.pdf$/i.test(e.name) && !OUTPUT_NAME.test(e.name) && !isExcluded(p)) files.add(p);
    }
  };
  for (const input of inputs) {
    if (/[*?[\]{}]/.test(input)) {
      let any = false;
      for await (const p of glob(input)) {
        const s = await stat(p).catch(() => null);
        if (s?.isDirectory()) await walk(p);
        else if (s?.isFile() && !isExcluded(p)) files.add(p);
        any = true;
      }
      if (!any) missing.push(input);
      continue;
    }
    const s = await stat(input).catch(() => null);
    if (!s) missing.push(input);
    else if (s.isDirectory()) await walk(input);
    else files.add(input);
  }
  return { files: [...files].sort(), missing };
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
