/**
 * Issue #12, item 3: a decompression bomb (a few KB inflating to 4 GB) is stopped at the
 * per-worker memory limit with RESOURCE_LIMIT, and the process's peak memory stays near that
 * limit (before: 7.1 GB for one worker by its time limit).
 */
import { describe, it, expect } from 'vitest';
import { writeFileSync, copyFileSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { flateBomb } from './make.ts';
import { FIXTURES } from '../helpers/fixtures.ts';
import { runCli, tmp } from './cli.ts';
import { runBatch, heapLimitMb, checkBatchOptions } from '../../src/node/batch.ts';

describe('memory limit', () => {
  it('a double-Flate bomb ends as RESOURCE_LIMIT, the worker is replaced and the batch goes on; peak RSS stays near --max-memory', { timeout: 180_000 }, async () => {
    const dir = tmp('bomb');
    const bomb = flateBomb(4096); // 4 GB of zeros
    expect(bomb.length).toBeLessThan(16 * 1024);
    writeFileSync(path.join(dir, 'a-bomb.pdf'), bomb);
    copyFileSync(path.join(FIXTURES, 'online-crime-tracker.pdf'), path.join(dir, 'b-good.pdf'));
    const limitMb = 160;
    const r = await runCli(['extract', dir, '--out', path.join(dir, 'out'), '--jobs', '1', '--max-memory', String(limitMb), '--timeout', '120', '--no-report']);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/a-bomb\.pdf: RESOURCE_LIMIT: its conversion needed more than 160 MB of memory \(--max-memory/);
    expect(r.stderr).toContain('b-good.pdf: 11 records'); // the next file ran in a fresh worker
    // The whole process: main thread (~80 MB) + one worker's limit + one poll's overshoot.
    expect(r.peakRssMb).toBeGreaterThan(0);
    expect(r.peakRssMb).toBeLessThan(limitMb + 250);
    expect(readFileSync(path.join(dir, 'out', 'errors.csv'), 'utf8')).toContain('a-bomb.pdf,RESOURCE_LIMIT,');
    expect(readdirSync(path.join(dir, 'out')).filter((f) => f.startsWith('a-bomb'))).toEqual([]);
  });

  it('limits and their checks', async () => {
    expect(heapLimitMb(2 ** 30)).toBe(768);
    expect(heapLimitMb(128 * 2 ** 20)).toBe(192);
    expect(() => checkBatchOptions({ jobs: 1, timeoutSeconds: 2 ** 31 / 1000 })).toThrow(/--timeout must be more than 0 and at most 2147483 seconds/);
    expect(() => checkBatchOptions({ jobs: 1, timeoutSeconds: 1, maxMemoryBytes: 2 ** 20 })).toThrow(/--max-memory must be at least 128 MB/);
    await expect(runBatch([], { jobs: 1, timeoutSeconds: Infinity })).rejects.toMatchObject({ code: 'INVALID_OPTIONS' });
  });
});
