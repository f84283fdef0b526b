/**
 * Incremental runs (issue #13): which files a run converts, which it leaves as they are
 * (`--skip-unchanged`), and which it would refuse — with the reason, for `--list` — and the
 * documents of the files left as they are, for the combined tables.
 *
 * A file is left as it is when every per-file output the run writes exists, its cached
 * document — X.json, or else its row in the output folder's records.sqlite — has the input's
 * sha256, this tool version, and the same `file` and `path`, and its X.corrections.json (issue
 * #8) is not newer than that document. Before a new X.json is written, the outputs written after
 * it are removed (convert.ts), so a matching X.json beside every output vouches for them: a
 * run killed half way and started again converts only what it had not finished.
 */
import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import type { DatabaseSync } from 'node:sqlite';
import type { StoredDocument } from './database/read.ts';
import { checkPdfBytes } from '../pdf/sniff.ts';
import { validateDocument, type TrackerDocument } from '../schema.ts';
import { TOOL_VERSION } from './version.ts';
import { FORMATS, type Format } from './formats.ts';
import { toTrackerError, type ErrorCode } from '../errors.ts';
import { readInput } from './io.ts';
import { correctionsPath } from './corrections-file.ts';

/** What a run does with one file, and why (one line of `--list`). */
export interface FilePlan {
  file: string;
  action: 'convert' | 'skip' | 'refuse';
  /** A sentence for a person: "new", "changed since it was converted", "unchanged since …". */
  reason: string;
  /** For `refuse`: the error a conversion would end with (the same code and message). */
  refusal?: { code: ErrorCode; message: string };
  /** For `skip`: where its document is, and when it was converted. */
  cached?: { from: 'json'; jsonPath: string; convertedAt: string } | { from: 'database'; documentId: number; convertedAt: string };
}

/** What planning needs to know about the run. */
export interface PlanContext {
  out: string;
  /** file → output base name, recorded name (`file`) and path relative to its input root. */
  names: ReadonlyMap<string, string>;
  sources: ReadonlyMap<string, string>;
  relative: ReadonlyMap<string, string>;
  formats: ReadonlySet<Format>;
  debug?: boolean;
  /** Compare with earlier outputs (`--skip-unchanged`); else every readable PDF is converted. */
  skipUnchanged: boolean;
  /** Largest input read (`--max-size`); a larger file is refused as TOO_LARGE, as its conversion would be. */
  maxInputBytes?: number;
}

/** The previous records.sqlite of the output folder, if there is a readable one. */
export interface PreviousDatabase {
  db: DatabaseSync;
  documents: Map<string, StoredDocument>;
}

/**
 * Open `out/records.sqlite` for comparison; null when there is none or it cannot be read (then
 * X.json files alone decide). node:sqlite is loaded only here and when a run writes a
 * database, so other runs never load it.
 */
export async function openPreviousDatabase(out: string): Promise<PreviousDatabase | null> {
  const file = path.join(out, 'records.sqlite');
  if (!existsSync(file)) return null;
  try {
    const { openRecordsDatabase, storedDocuments } = await import('./database/read.ts');
    const db = openRecordsDatabase(file);
    return { db, documents: storedDocuments(db) };
  } catch {
    return null;
  }
}

/** The per-file outputs a run with these formats writes for base name `base`. */
export function requiredOutputs(out: string, base: string, formats: ReadonlySet<Format>, debug?: boolean): string[] {
  const ext = [...[...formats].flatMap((f) => FORMATS[f].perFile), ...(debug ? ['.debug.pdf'] : [])];
  return ext.map((e) => path.join(out, `${base}${e}`));
}

const sha256 = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');

/** The part of X.json compared with the input. */
interface CachedSource {
  file?: unknown;
  path?: unknown;
  sha256?: unknown;
  toolVersion?: unknown;
}

/** Decide one file. */
async function planFile(file: string, ctx: PlanContext, previous: PreviousDatabase | null): Promise<FilePlan> {
  let bytes: Uint8Array;
  try {
    // As a conversion reads it (issue #12): a FIFO or device is refused unopened, a file past
    // --max-size is not read to the end.
    bytes = await readInput(file, { maxBytes: ctx.maxInputBytes });
  } catch (err) {
    const e = toTrackerError(err);
    const refusal = { code: e.code, message: e.message };
    return { file, action: 'refuse', reason: `${refusal.code}: ${refusal.message}`, refusal };
  }
  const problem = checkPdfBytes(bytes);
  if (problem) return { file, action: 'refuse', reason: `${problem.code}: ${problem.message}`, refusal: problem };
  if (!ctx.skipUnchanged) return { file, action: 'convert', reason: 'converted on every run without --skip-unchanged' };

  const base = ctx.names.get(file)!;
  const want = { file: ctx.sources.get(file) ?? path.basename(file), path: ctx.relative.get(file) ?? path.basename(file), sha256: sha256(bytes) };
  const compare = (source: CachedSource, where: string): string | null => {
    if (source.sha256 !== want.sha256) return `changed since it was converted (its sha256 differs from ${where}'s)`;
    if (source.toolVersion !== TOOL_VERSION)
      return `converted by ${typeof source.toolVersion === 'string' ? `impact-tracker ${source.toolVersion}` : 'an impact-tracker without a recorded version'}; this is ${TOOL_VERSION}`;
    if (source.file !== want.file || (source.path ?? '') !== want.path) return `recorded under another name or path (${String(source.path ?? source.file)})`;
    return null;
  };
  const missing = requiredOutputs(ctx.out, base, ctx.formats, ctx.debug).filter((p) => !existsSync(p));
  // X.corrections.json (issue #8) changed by hand after the conversion: its corrections are
  // applied only by converting again. `review` writes it just before X.json, so a save is not
  // a change.
  const corrections = await stat(correctionsPath(ctx.out, base)).catch(() => null);
  const corrected = (since: number) => (corrections && corrections.mtimeMs > since ? `${base}.corrections.json changed since it was converted` : null);

  const jsonPath = path.join(ctx.out, `${base}.json`);
  let json: { source?: CachedSource } | null = null;
  try {
    json = JSON.parse(await readFile(jsonPath, 'utf8')) as { source?: CachedSource };
  } catch {
    json = null; // absent, or not ours: the database may still know the file
  }
  if (json?.source) {
    const differs = compare(json.source, `${base}.json`);
    if (differs) return { file, action: 'convert', reason: differs };
    if (missing.length) return { file, action: 'convert', reason: `${missing.map((p) => path.basename(p)).join(', ')} missing` };
    const written = await stat(jsonPath);
    const changed = corrected(written.mtimeMs);
    if (changed) return { file, action: 'convert', reason: changed };
    const stored = previous?.documents.get(want.file);
    const convertedAt = stored?.sha256 === want.sha256 ? stored.convertedAt : written.mtime.toISOString();
    return {
      file,
      action: 'skip',
      reason: `unchanged since ${convertedAt.slice(0, 16).replace('T', ' ')} UTC (sha256 and tool version match ${base}.json)`,
      cached: { from: 'json', jsonPath, convertedAt },
    };
  }
  const stored = previous?.documents.get(want.file);
  if (stored) {
    const differs = compare(stored, 'records.sqlite');
    if (differs) return { file, action: 'convert', reason: differs };
    if (missing.length) return { file, action: 'convert', reason: `${missing.map((p) => path.basename(p)).join(', ')} missing` };
    const changed = corrected(Date.parse(stored.convertedAt));
    if (changed) return { file, action: 'convert', reason: changed };
    return {
      file,
      action: 'skip',
      reason: `unchanged since ${stored.convertedAt.slice(0, 16).replace('T', ' ')} UTC (sha256 and tool version match records.sqlite)`,
      cached: { from: 'database', documentId: stored.documentId, convertedAt: stored.convertedAt },
    };
  }
  return { file, action: 'convert', reason: 'new: no earlier outputs of it' };
}

/**
 * Plan every file, in order. Reads each input once (to hash it and check it is a PDF) and each
 * X.json; a few files at a time, so a re-run over 1,000 unchanged files stays I/O-bound.
 */
export async function planFiles(files: string[], ctx: PlanContext, previous: PreviousDatabase | null): Promise<FilePlan[]> {
  const plans: FilePlan[] = new Array(files.length);
  let next = 0;
  const lane = async () => {
    while (next < files.length) {
      const k = next++;
      plans[k] = await planFile(files[k]!, ctx, previous);
    }
  };
  await Promise.all(Array.from({ length: Math.min(8, files.length) }, lane));
  return plans;
}

/**
 * The document of a file left as it is, as this run records it: from its X.json or from the
 * previous database. Validated, so it gives the same rows as when it was converted.
 */
export async function cachedDocument(plan: FilePlan, previous: PreviousDatabase | null): Promise<TrackerDocument> {
  const cached = plan.cached!;
  if (cached.from === 'json') return validateDocument(JSON.parse(await readFile(cached.jsonPath, 'utf8')));
  const { loadDocument } = await import('./database/read.ts');
  return loadDocument(previous!.db, cached.documentId);
}

/**
 * Lets the main thread take files in input order alongside the workers: `reach(k)` resolves
 * once every file before `k` is done, so a skipped file's rows are made only when they can be
 * written at once (memory stays flat however far the conversions lag).
 */
export class InOrderGate {
  private cursor = 0;
  private readonly done_ = new Set<number>();
  private readonly waiters: Array<{ k: number; resolve: () => void }> = [];
  private released = false;

  /** Mark file `k` done. */
  done(k: number): void {
    this.done_.add(k);
    while (this.done_.has(this.cursor)) this.done_.delete(this.cursor++);
    this.wake();
  }

  /** Resolves when every file before `k` is done (or the gate is released). */
  reach(k: number): Promise<void> {
    if (this.released || this.cursor >= k) return Promise.resolve();
    return new Promise((resolve) => this.waiters.push({ k, resolve }));
  }

  /** Let every waiter through: files before them will not come (a --fail-fast stop). */
  release(): void {
    this.released = true;
    this.wake();
  }

  private wake(): void {
    for (let i = this.waiters.length - 1; i >= 0; i--) {
      if (this.released || this.cursor >= this.waiters[i]!.k) this.waiters.splice(i, 1)[0]!.resolve();
    }
  }
}
