/**
 * Issue #12, item 1: a nearly full disk never leaves a combined table that looks complete but
 * is not, and the run says so (WRITE_FAILED, exit 1). On a small tmpfs when the tests run as
 * root (CI does); the writer's checks are also tested with an injected handle that fails
 * mid-write, everywhere.
 */
import { describe, it, expect } from 'vitest';
import { execFileSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { OrderedFileWriter, type WritableHandle } from '../../src/node/io.ts';
import { WriteError } from '../../src/errors.ts';
import { FIXTURES } from '../helpers/fixtures.ts';
import { runCli, tmp } from './cli.ts';

const enc = (s: string) => new TextEncoder().encode(s);

/** A handle that accepts `room` bytes, writing short at the edge, then fails like a full disk. */
function fullDisk(room: number, fail: { on: 'write' | 'sync' } = { on: 'write' }) {
  const written: number[] = [];
  let used = 0;
  const handle: WritableHandle = {
    // eslint-disable-next-line @typescript-eslint/no-explicit-any
    write: (async (buf: Uint8Array, offset = 0, length = buf.length - offset) => {
      if (fail.on === 'write' && used >= room) throw Object.assign(new Error('ENOSPC: no space left on device, write'), { code: 'ENOSPC' });
      const n = fail.on === 'write' ? Math.min(length, room - used) : length;
      used += n;
      written.push(n);
      return { bytesWritten: n, buffer: buf };
    }) as WritableHandle['write'],
    sync: async () => {
      if (fail.on === 'sync') throw Object.assign(new Error('EIO: i/o error, fsync'), { code: 'EIO' });
    },
    close: async () => {},
  };
  return { handle, written };
}

describe('a full disk', () => {
  it('a short write is continued; a failed one stops the file and leaves neither it nor an older copy', async () => {
    const dir = tmp('full');
    const file = path.join(dir, 'records.csv');
    // Room for the head and part of the pieces: the OS writes short at the edge, then ENOSPC.
    const disk = fullDisk(10);
    writeFileSync(file, 'an older, complete-looking table\r\n');
    const w = new OrderedFileWriter(file, { open: async () => disk.handle });
    await w.open(enc('head\r\n'));
    await w.push(0, enc('row 1\r\n'));
    await w.push(1, enc('row 2\r\n'));
    expect(w.failed).toBe(true);
    const err = await w.finish().then(
      () => null,
      (e: unknown) => e,
    );
    expect(err).toBeInstanceOf(WriteError);
    expect(err).toMatchObject({ code: 'WRITE_FAILED' });
    expect((err as Error).message).toMatch(/could not write .*records\.csv: ENOSPC: no space left on device, write; the disk \(or your quota\) is full/);
    expect(disk.written).toEqual([6, 4]); // the head, then a short write of what fitted
    expect(readdirSync(dir)).toEqual([]);
  });

  it('a write that makes no progress, and a sync that fails (EIO), are failures too', async () => {
    for (const [disk, why] of [
      [fullDisk(0).handle, /wrote 0 of/],
      [fullDisk(1e9, { on: 'sync' }).handle, /EIO/],
    ] as const) {
      const dir = tmp('full');
      // A handle that returns 0 bytes written instead of an error.
      const handle: WritableHandle = why.source.includes('wrote')
        ? { ...disk, write: (async (b: Uint8Array) => ({ bytesWritten: 0, buffer: b })) as WritableHandle['write'] }
        : disk;
      const w = new OrderedFileWriter(path.join(dir, 'records.jsonl'), { open: async () => handle });
      await w.open();
      await w.push(0, enc('{"id":"1"}\n'));
      await expect(w.finish()).rejects.toThrow(why);
      expect(readdirSync(dir)).toEqual([]);
    }
  });

  const root = process.getuid?.() === 0;
  it.runIf(root)('on a nearly full tmpfs, extract never leaves a truncated table and exits 1 when one is not written', { timeout: 180_000 }, async ({ skip }) => {
    const base = tmp('tmpfs');
    const input = path.join(base, 'in');
    mkdirSync(input);
    for (const k of [1, 2, 3]) copyFileSync(path.join(FIXTURES, 'online-crime-tracker.pdf'), path.join(input, `t${k}.pdf`));
    const mnt = path.join(base, 'mnt');
    mkdirSync(mnt);
    try {
      execFileSync('mount', ['-t', 'tmpfs', '-o', 'size=1m', 'tmpfs', mnt], { stdio: 'ignore' });
    } catch {
      skip(); // no mount permission here (a container without CAP_SYS_ADMIN): the injected-writer tests stand
      return;
    }
    try {
      // How much room the outputs take, on a disk with room (tmpfs allocates whole 4 KB pages).
      const ref = path.join(base, 'ref');
      expect((await runCli(['extract', input, '--out', ref, '--jobs', '1', '--no-report'])).code).toBe(0);
      const pages = (f: string) => Math.ceil(statSync(path.join(ref, f)).size / 4096) * 4096;
      const files = readdirSync(ref)
        .filter((f) => /^t\d\./.test(f))
        .reduce((n, f) => n + pages(f), 0);
      const tables = pages('records.csv') + pages('records.jsonl');
      // With --jobs 1 a file's outputs are written, then its rows of the tables, file after
      // file; room for every file's outputs and ~85 % of the tables (plus the lock and the
      // warnings.csv header) fails only the tables at the end; room for half the files' outputs
      // fails files.
      const outcomes: string[] = [];
      for (const free of [Math.round(files / 2), files + Math.round(tables * 0.85) + 8192]) {
        execFileSync('sh', ['-c', `rm -rf ${mnt}/* ${mnt}/.[!.]* 2>/dev/null; head -c $(( $(df --output=avail -B1 ${mnt} | tail -1) - ${free} )) /dev/zero > ${mnt}/filler`]);
        const out = path.join(mnt, 'out');
        const r = await runCli(['extract', input, '--out', out, '--jobs', '1', '--no-report']);
        const label = `${free} bytes free`;
        outcomes.push([/t\d\.pdf: WRITE_FAILED/.test(r.stderr) ? 'a file failed' : '', /NOT written: /.test(r.stderr) ? 'a combined table failed' : ''].filter(Boolean).join(', '));
        expect(r.code, `${label}\n${r.stderr}`).toBe(1);
        expect(r.stderr, label).toMatch(/WRITE_FAILED: could not write .*no space left on device/);
        if (!existsSync(out)) continue;
        const left = readdirSync(out);
        expect(
          left.filter((f) => f.endsWith('.tmp')),
          label,
        ).toEqual([]);
        // Every combined table left on disk is complete: one row per record of every X.json.
        const docs = left.filter((f) => f.endsWith('.json')).map((f) => JSON.parse(readFileSync(path.join(out, f), 'utf8')));
        const records = docs.reduce((n, d) => n + d.records.length, 0);
        if (left.includes('records.jsonl')) expect(readFileSync(path.join(out, 'records.jsonl'), 'utf8').trim().split('\n').filter(Boolean), label).toHaveLength(records);
        if (left.includes('records.csv')) {
          const csv = readFileSync(path.join(out, 'records.csv'), 'utf8');
          expect(csv.endsWith('\r\n'), label).toBe(true);
          expect(csv.match(/^t\d\.pdf,/gm) ?? [], label).toHaveLength(records);
        }
        // A table that was not written is named in the summary, and is not there.
        for (const t of ['records.csv', 'records.jsonl']) if (!left.includes(t)) expect(r.stderr, label).toMatch(new RegExp(`NOT written: .*${t.replace('.', '\\.')}`));
      }
      expect(outcomes[0]).toMatch(/^a file failed/);
      expect(outcomes[1]).toBe('a combined table failed'); // the case: every file's outputs fitted, a table did not
    } finally {
      execFileSync('umount', [mnt], { stdio: 'ignore' });
    }
  });
});
