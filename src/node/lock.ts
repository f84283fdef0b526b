/**
 * The output folder's lock (Node only): two `extract` runs into one `--out` would overwrite
 * each other's combined tables and remove each other's outputs (issue #12). A run holds
 * `DIR/.impact-tracker.lock` — a small JSON file naming its process, host and start — from
 * before it writes anything until it ends. A second run stops at once and names the holder; a
 * lock left by a process that is gone (kill -9, a crash, a reboot) is taken over.
 *
 * Written here rather than with proper-lockfile: that library judges staleness by the lock's
 * age (a killed run would block the folder for its whole `stale` period) and records no owner
 * to name. Creating the lock is one atomic `link` of a complete temp file (`open(…, 'wx')`
 * where the file system has no hard links), so a reader never sees a half-written lock.
 */
import { link, readFile, rename, rm, stat, writeFile } from 'node:fs/promises';
import { unlinkSync, readFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { OptionsError } from '../errors.ts';
import { tempPathFor } from './io.ts';

/** The lock's file name inside the output folder. */
export const LOCK_NAME = '.impact-tracker.lock';

/** What a lock file holds. */
export interface LockOwner {
  pid: number;
  host: string;
  /** ISO time the run started. */
  started: string;
}

/** A held lock; `release()` removes it (also done when the process exits). */
export interface OutputLock {
  file: string;
  release(): Promise<void>;
}

/** True unless process `pid` is certainly gone (ESRCH). A process of another user (EPERM) is alive. */
function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code !== 'ESRCH';
  }
}

function parseOwner(text: string): LockOwner | null {
  try {
    const o = JSON.parse(text) as Partial<LockOwner>;
    return typeof o.pid === 'number' && typeof o.host === 'string' && typeof o.started === 'string' ? (o as LockOwner) : null;
  } catch {
    return null;
  }
}

/** A lock that cannot be read as ours for this long is a leftover (a run killed while creating it). */
const UNREADABLE_STALE_MS = 10_000;

/**
 * Take the lock of output folder `dir` (which must exist) for this process.
 * @throws OptionsError INVALID_OPTIONS (exit 2) when another live run holds it, naming its
 *   process, host and start time and how to clear a lock that is really left over.
 * @throws OptionsError INVALID_OPTIONS when the lock cannot be written (read-only folder, full disk).
 */
export async function lockOutputFolder(dir: string): Promise<OutputLock> {
  const file = path.join(dir, LOCK_NAME);
  const me: LockOwner = { pid: process.pid, host: os.hostname(), started: new Date().toISOString() };
  const text = JSON.stringify(me) + '\n';
  for (let attempt = 0; attempt < 5; attempt++) {
    if (await create(file, text)) return held(file, text);
    // Someone holds it, or held it: who?
    let raw: string;
    try {
      raw = await readFile(file, 'utf8');
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'ENOENT') continue; // released meanwhile: try again
      throw new OptionsError('INVALID_OPTIONS', `cannot read the lock ${file}: ${(err as Error).message}; choose another --out`, { cause: err });
    }
    const owner = parseOwner(raw);
    let stale: boolean;
    if (owner) stale = owner.host === me.host && owner.pid !== process.pid && !alive(owner.pid);
    else stale = Date.now() - ((await stat(file).catch(() => null))?.mtimeMs ?? 0) > UNREADABLE_STALE_MS;
    if (!stale) {
      const who = owner ? `process ${owner.pid} on ${owner.host}, started ${owner.started}` : 'a run that is starting';
      throw new OptionsError(
        'INVALID_OPTIONS',
        `the output folder ${dir} is in use by another impact-tracker run (${who}); wait for it to end or choose another --out. If no such run is going on, delete ${file}`,
      );
    }
    // Take over a dead run's lock: move it aside under a name of our own, and make sure what we
    // moved is the stale lock we read (not a fresh one another run created meanwhile).
    const aside = `${file}.${process.pid}.stale`;
    try {
      await rename(file, aside);
    } catch {
      continue;
    }
    const moved = await readFile(aside, 'utf8').catch(() => '');
    if (moved !== raw) await link(aside, file).catch(() => {}); // a live lock: put it back
    await rm(aside, { force: true });
  }
  throw new OptionsError('INVALID_OPTIONS', `could not take the lock ${file}: other runs keep taking it; choose another --out`);
}

/** Create `file` holding `text` only if it does not exist. @returns false when it exists. */
async function create(file: string, text: string): Promise<boolean> {
  const tmp = tempPathFor(file);
  try {
    await writeFile(tmp, text);
    try {
      await link(tmp, file);
      return true;
    } catch (err) {
      const code = (err as NodeJS.ErrnoException).code;
      if (code === 'EEXIST') return false;
      if (code !== 'EPERM' && code !== 'ENOTSUP' && code !== 'EOPNOTSUPP' && code !== 'ENOSYS') throw err;
      // No hard links here (FAT, some network shares): exclusive create instead.
      try {
        await writeFile(file, text, { flag: 'wx' });
        return true;
      } catch (e) {
        if ((e as NodeJS.ErrnoException).code === 'EEXIST') return false;
        throw e;
      }
    }
  } catch (err) {
    throw new OptionsError(
      'INVALID_OPTIONS',
      `cannot write to the output folder ${path.dirname(file)}: ${(err as Error).message.replace(/^E[A-Z]+: /, '')}; choose another --out`,
      { cause: err },
    );
  } finally {
    await rm(tmp, { force: true });
  }
}

function held(file: string, text: string): OutputLock {
  let released = false;
  // Removed only while it is still ours (a lock file replaced by hand is left alone).
  const releaseSync = () => {
    if (released) return;
    released = true;
    try {
      if (readFileSync(file, 'utf8') === text) unlinkSync(file);
    } catch {
      /* already gone */
    }
  };
  // process.exit() (Ctrl-C, an error) skips finally blocks: the exit hook releases the lock then.
  process.once('exit', releaseSync);
  return {
    file,
    async release() {
      process.removeListener('exit', releaseSync);
      releaseSync();
    },
  };
}
