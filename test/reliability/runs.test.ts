/**
 * Issue #12, items 5 and 6: two runs into one --out (the second stops at once, exit 2, naming
 * the first; a dead run's lock is taken over), and per-file outputs that would take the name
 * of a file the run writes itself (records.pdf → records.csv).
 */
import { describe, it, expect } from 'vitest';
import { copyFileSync, existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { hostname } from 'node:os';
import path from 'node:path';
import { outputBaseNames } from '../../src/node/io.ts';
import { lockOutputFolder, LOCK_NAME } from '../../src/node/lock.ts';
import { FIXTURES } from '../helpers/fixtures.ts';
import { runCli, startCli, tmp, until } from './cli.ts';

const GOOD = path.join(FIXTURES, 'online-crime-tracker.pdf');

describe('one run per output folder', () => {
  it('a second run into the same --out stops at once with exit 2 and names the first; the first completes', { timeout: 180_000 }, async () => {
    const dir = tmp('lock');
    const input = path.join(dir, 'in');
    mkdirSync(input);
    for (const k of [1, 2, 3, 4]) copyFileSync(GOOD, path.join(input, `t${k}.pdf`));
    const out = path.join(dir, 'out');
    const first = startCli(['extract', input, '--out', out, '--jobs', '1', '--no-report']);
    await until(() => existsSync(path.join(out, LOCK_NAME)), 60_000, 'the first run to take its lock');
    const second = await runCli(['extract', GOOD, '--out', out]);
    expect(second.code).toBe(2);
    expect(second.stderr).toContain(`the output folder ${out} is in use by another impact-tracker run (process ${first.pid} on ${hostname()}, started `);
    expect(second.stderr).toContain(`If no such run is going on, delete ${path.join(out, LOCK_NAME)}`);
    const r = await first.done;
    expect(r.code, r.stderr).toBe(0);
    expect(readFileSync(path.join(out, 'records.jsonl'), 'utf8').trim().split('\n')).toHaveLength(44);
    expect(readdirSync(out)).not.toContain(LOCK_NAME); // released
    expect(readdirSync(out).filter((f) => f.endsWith('.tmp'))).toEqual([]);
  });

  it('takes over the lock of a process that is gone; refuses one held by a live process', async () => {
    const out = tmp('lock');
    // A pid that certainly belonged to a process that has ended.
    const gone = spawnSync(process.execPath, ['-e', '']).pid!;
    writeFileSync(path.join(out, LOCK_NAME), JSON.stringify({ pid: gone, host: hostname(), started: '2026-01-01T00:00:00.000Z' }) + '\n');
    const lock = await lockOutputFolder(out);
    expect(JSON.parse(readFileSync(path.join(out, LOCK_NAME), 'utf8')).pid).toBe(process.pid);
    await lock.release();
    expect(readdirSync(out)).toEqual([]);
    // PID 1 is always alive: a lock held by it is in use.
    writeFileSync(path.join(out, LOCK_NAME), JSON.stringify({ pid: 1, host: hostname(), started: '2026-01-01T00:00:00.000Z' }) + '\n');
    await expect(lockOutputFolder(out)).rejects.toMatchObject({ code: 'INVALID_OPTIONS', message: expect.stringContaining('(process 1 on ') });
    // Another host's lock cannot be checked from here: it is respected.
    writeFileSync(path.join(out, LOCK_NAME), JSON.stringify({ pid: gone, host: 'elsewhere', started: '2026-01-01T00:00:00.000Z' }) + '\n');
    await expect(lockOutputFolder(out)).rejects.toThrow(/in use by another impact-tracker run \(process \d+ on elsewhere/);
  });
});

describe('output names', () => {
  it('never give a per-file output the name of a run file or of another input, in any letter case', () => {
    const files = ['records.pdf', 'ERRORS.pdf', 'warnings.PDF', 'x/a.pdf', 'y/A.pdf', 'a-2.pdf', '.pdf', 'records-2.pdf'];
    // Inputs that share a name in any letter case are named from their paths (issue #13).
    expect([...outputBaseNames(files).values()]).toEqual(['records-2', 'ERRORS-2', 'warnings-2', 'x-a', 'y-A', 'a-2', 'unnamed', 'records-2-2']);
  });

  it('records.pdf, errors.pdf and warnings.pdf convert next to the combined tables, which stay intact', { timeout: 180_000 }, async () => {
    const dir = tmp('names');
    const input = path.join(dir, 'in');
    mkdirSync(input);
    for (const name of ['records.pdf', 'errors.pdf', 'warnings.pdf']) copyFileSync(GOOD, path.join(input, name));
    writeFileSync(path.join(input, 'bad.pdf'), 'not a pdf'); // so errors.csv is written too
    const out = path.join(dir, 'out');
    const r = await runCli(['extract', input, '--out', out, '--no-report']);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain(`note  ${path.join(input, 'records.pdf')} would take the name of the run's own records.csv: its outputs are records-2.*`);
    expect(readdirSync(out).sort()).toEqual([
      'errors-2.csv',
      'errors-2.json',
      'errors.csv',
      'records-2.csv',
      'records-2.json',
      'records.csv',
      'records.jsonl',
      'warnings-2.csv',
      'warnings-2.json',
    ]);
    const csv = readFileSync(path.join(out, 'records.csv'), 'utf8');
    for (const f of ['errors.pdf', 'records.pdf', 'warnings.pdf']) expect(csv.match(new RegExp(`^${f.replace('.', '\\.')},`, 'gm'))).toHaveLength(11);
    expect(readFileSync(path.join(out, 'errors.csv'), 'utf8')).toMatch(/^\uFEFFfile,code,message\r\n.*bad\.pdf,NOT_PDF,/);
  });
});
