/**
 * Issue #12, item 2 (and item 9's glob names): FIFOs, sockets and devices named *.pdf are
 * never opened; inputs over --max-size are refused; a name that exists is never a pattern.
 */
import { describe, it, expect } from 'vitest';
import { execFileSync } from 'node:child_process';
import { copyFileSync, readFileSync, symlinkSync, writeFileSync, truncateSync } from 'node:fs';
import { createServer } from 'node:net';
import path from 'node:path';
import { readInput, expandInputs } from '../../src/node/io.ts';
import { NotAFileError, TooLargeError, TrackerError } from '../../src/errors.ts';
import { FIXTURES } from '../helpers/fixtures.ts';
import { runCli, tmp } from './cli.ts';

const GOOD = path.join(FIXTURES, 'online-crime-tracker.pdf');

async function codeOf(p: Promise<unknown>): Promise<string> {
  try {
    await p;
  } catch (e) {
    expect(e).toBeInstanceOf(TrackerError);
    return (e as TrackerError).code;
  }
  return 'ok';
}

describe('special files and size limits', () => {
  it('readInput refuses a FIFO, a link to /dev/zero and a socket without blocking, and a file over the limit', async () => {
    const dir = tmp('special');
    execFileSync('mkfifo', [path.join(dir, 'pipe.pdf')]);
    symlinkSync('/dev/zero', path.join(dir, 'zero.pdf'));
    const server = createServer();
    await new Promise<void>((r) => server.listen(path.join(dir, 'sock.pdf'), r));
    try {
      // With nothing writing to the FIFO, opening it for reading would block forever.
      const fifo = readInput(path.join(dir, 'pipe.pdf'));
      await expect(fifo).rejects.toBeInstanceOf(NotAFileError);
      await expect(fifo).rejects.toThrow(/is a named pipe \(FIFO\), not a regular file; it was not read/);
      await expect(readInput(path.join(dir, 'zero.pdf'))).rejects.toThrow(/is a link to a character device \(\/dev\/zero\)/);
      expect(await codeOf(readInput(path.join(dir, 'sock.pdf')))).toBe('NOT_A_FILE');
    } finally {
      server.close();
    }
    const big = path.join(dir, 'big.pdf');
    writeFileSync(big, '');
    truncateSync(big, 3 * 2 ** 20); // sparse: 3 MB without writing them
    const tooLarge = readInput(big, { maxBytes: 2 ** 20 });
    await expect(tooLarge).rejects.toBeInstanceOf(TooLargeError);
    await expect(tooLarge).rejects.toThrow('big.pdf is 3 MB, over the 1 MB limit for one input; raise --max-size');
    expect((await readInput(GOOD)).length).toBe(readFileSync(GOOD).length);
  });

  it('a path that exists is taken literally, even with glob characters in its name', async () => {
    const dir = tmp('glob');
    for (const name of ['[x].pdf', '{a,b}.pdf', 'x.pdf', 'a.pdf', 'b.pdf', 'star*.pdf']) writeFileSync(path.join(dir, name), '%PDF-1.4');
    const lit = await expandInputs([path.join(dir, '[x].pdf'), path.join(dir, '{a,b}.pdf'), path.join(dir, 'star*.pdf')]);
    expect(lit.files.map((f) => path.basename(f)).sort()).toEqual(['[x].pdf', 'star*.pdf', '{a,b}.pdf']);
    // A name that does not exist is still a pattern.
    const glob = await expandInputs([path.join(dir, '?.pdf')]);
    expect(glob.files.map((f) => path.basename(f)).sort()).toEqual(['a.pdf', 'b.pdf', 'x.pdf']);
  });

  it('a batch with FIFOs, a socket, a link to /dev/zero and a large file ends, with NOT_A_FILE / TOO_LARGE for each and the good file converted', {
    timeout: 180_000,
  }, async () => {
    const dir = tmp('special-run');
    const input = path.join(dir, 'in');
    execFileSync('mkdir', [input]);
    // Four FIFOs: before, they held all four of libuv's threads and good files timed out.
    for (const n of [1, 2, 3, 4]) execFileSync('mkfifo', [path.join(input, `pipe${n}.pdf`)]);
    symlinkSync('/dev/zero', path.join(input, 'zero.pdf'));
    const server = createServer();
    await new Promise<void>((r) => server.listen(path.join(input, 'sock.pdf'), r));
    copyFileSync(GOOD, path.join(input, 'good.pdf'));
    writeFileSync(path.join(input, 'large.pdf'), '');
    truncateSync(path.join(input, 'large.pdf'), 3 * 2 ** 20);
    try {
      const r = await runCli(['extract', input, '--out', path.join(dir, 'out'), '--max-size', '2MB', '--jobs', '2', '--no-report']);
      expect(r.code).toBe(1);
      for (const n of [1, 2, 3, 4]) expect(r.stderr).toContain(`pipe${n}.pdf: NOT_A_FILE: `);
      expect(r.stderr).toContain('zero.pdf: NOT_A_FILE: ');
      expect(r.stderr).toContain('sock.pdf: NOT_A_FILE: ');
      expect(r.stderr).toContain('large.pdf: TOO_LARGE: ');
      expect(r.stderr).toContain('1 of 8 files converted, 7 failed');
      const errors = readFileSync(path.join(dir, 'out', 'errors.csv'), 'utf8');
      expect(errors.match(/NOT_A_FILE/g)).toHaveLength(6);
      expect(
        readFileSync(path.join(dir, 'out', 'records.jsonl'), 'utf8')
          .trim()
          .split('\n'),
      ).toHaveLength(11);
    } finally {
      server.close();
    }
  });
});
