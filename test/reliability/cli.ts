/** Run the CLI as a user does (a child process on the project's Node) and watch its memory. */
import { spawn } from 'node:child_process';
import { readFileSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { ROOT } from '../helpers/fixtures.ts';

export const BIN = path.join(ROOT, 'bin', 'impact-tracker.mjs');

export interface CliRun {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
  /** Peak resident memory of the process (VmHWM, all its threads), MB. */
  peakRssMb: number;
  pid: number;
}

/**
 * Start the CLI; `started` resolves with its pid at once, `done` when it exits.
 * @param options.onSpawn called with the child right after it starts (to signal it).
 */
export function startCli(args: string[], options: { cwd?: string } = {}): { pid: number; done: Promise<CliRun>; kill: (s: NodeJS.Signals) => void } {
  const child = spawn(process.execPath, [BIN, ...args], { cwd: options.cwd ?? ROOT, env: { ...process.env, NO_COLOR: '1' }, stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (d) => (stdout += d));
  child.stderr.on('data', (d) => (stderr += d));
  let peak = 0;
  const poll = setInterval(() => {
    try {
      const m = /VmHWM:\s+(\d+) kB/.exec(readFileSync(`/proc/${child.pid}/status`, 'utf8'));
      if (m) peak = Math.max(peak, Number(m[1]) / 1024);
    } catch {
      /* exited, or no /proc */
    }
  }, 25);
  const done = new Promise<CliRun>((resolve) => {
    child.on('close', (code, signal) => {
      clearInterval(poll);
      resolve({ code, signal, stdout, stderr, peakRssMb: peak, pid: child.pid! });
    });
  });
  return { pid: child.pid!, done, kill: (s) => child.kill(s) };
}

export const runCli = (args: string[], options: { cwd?: string } = {}) => startCli(args, options).done;

export const tmp = (tag = 'rel') => mkdtempSync(path.join(tmpdir(), `it-${tag}-`));

/** Wait until `check` holds (polling), or fail after `ms`. */
export async function until(check: () => boolean, ms = 60_000, what = 'condition'): Promise<void> {
  const end = Date.now() + ms;
  while (!check()) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 25));
  }
}
