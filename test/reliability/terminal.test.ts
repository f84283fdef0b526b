/**
 * Issue #12, item 7: nothing from the input reaches the terminal raw — escape sequences in
 * file names, in PDF text quoted by TRACKER_NOT_FOUND and in values quoted by `report` are
 * shown escaped — and Ctrl-C shows the cursor again and leaves no temp file.
 */
import { describe, it, expect } from 'vitest';
import { spawn } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { printable } from '../../src/node/terminal.ts';
import { FIXTURES } from '../helpers/fixtures.ts';
import { escapeTextPdf } from './make.ts';
import { BIN, runCli, tmp, until } from './cli.ts';

/** Bytes a terminal acts on: C0 controls but tab and newline, DEL, C1 (CSI U+009B), bidi overrides. */
const RAW = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/;

describe('the terminal', () => {
  it('printable() shows control characters and bidi overrides as escapes', () => {
    expect(printable('a\x1b[2Jb\u009b31m\r\n\u202ec\td.pdf')).toBe('a\\x1b[2Jb\\x9b31m\\x0d\\x0a\\u202ec\td.pdf');
    expect(printable('line 1\nline 2\x07', { multiline: true })).toBe('line 1\nline 2\\x07');
    expect(printable('Committee’s “recommendation” – £5, ż')).toBe('Committee’s “recommendation” – £5, ż');
  });

  it('extract and report print escape sequences from names and PDF text escaped, never raw', { timeout: 180_000 }, async () => {
    const dir = tmp('esc');
    const input = path.join(dir, 'in');
    mkdirSync(input);
    writeFileSync(path.join(input, 'clear\x1b[2J\x1b[1A\rok    fake.pdf'), '<html>not a pdf</html>');
    writeFileSync(path.join(input, 'headers.pdf'), escapeTextPdf());
    copyFileSync(path.join(FIXTURES, 'online-crime-tracker.pdf'), path.join(input, 'title\u009b2J\u202e.pdf'));
    const r = await runCli(['extract', input, '--out', path.join(dir, 'out'), '--no-report', '--verbose']);
    expect(r.code).toBe(1);
    expect(r.stderr).not.toMatch(RAW);
    expect(r.stderr).toContain('FAIL  ' + path.join(input, 'clear\\x1b[2J\\x1b[1A\\x0dok    fake.pdf') + ': NOT_PDF');
    expect(r.stderr).toContain('Tables found start with these rows: "Name | \\x1b[2J\\x1b[31mInjected | Town"');
    expect(r.stderr).toContain('title\\x9b2J\\u202e.pdf: 11 records');
    // The data files keep the text as it is: only the terminal is protected.
    expect(readFileSync(path.join(dir, 'out', 'errors.csv'), 'utf8')).toContain('\x1b[31mInjected');

    writeFileSync(path.join(dir, 'bad.csv'), 'id,recommendation,response,progress,rag\r\n1,a,b,c,\x1b]0;owned\x07purple\r\n');
    const rep = await runCli(['report', path.join(dir, 'bad.csv'), '--out', path.join(dir, 'r.pdf')]);
    expect(rep.code).toBe(1);
    expect(rep.stderr).not.toMatch(RAW);
    expect(rep.stderr).toContain('(found "\\x1b]0;owned\\x07purple")');
  });

  it('Ctrl-C on a terminal: exit 130, the cursor shown again, no temp file, no lock, no half table', { timeout: 180_000 }, async () => {
    const dir = tmp('sigint');
    const input = path.join(dir, 'in');
    mkdirSync(input);
    for (let k = 0; k < 12; k++) copyFileSync(path.join(FIXTURES, 'online-crime-tracker.pdf'), path.join(input, `t${String(k).padStart(2, '0')}.pdf`));
    const out = path.join(dir, 'out');
    // script(1) gives the CLI a pseudo-terminal, so it draws its progress bar (and hides the cursor).
    const cmd = `exec '${process.execPath}' '${BIN}' extract '${input}' --out '${out}' --jobs 1`;
    const child = spawn('script', ['-qfec', cmd, '/dev/null'], { stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, COLUMNS: '100' } });
    let tty = '';
    child.stdout.on('data', (d) => (tty += d));
    const exited = new Promise<number | null>((r) => child.on('close', (code) => r(code)));
    await until(() => /\d+\/12 files/.test(tty) && /[1-9]\d*\/12 files/.test(tty), 120_000, 'the progress bar to show a converted file');
    const nodePid = Number(readFileSync(`/proc/${child.pid}/task/${child.pid}/children`, 'utf8').trim().split(/\s+/)[0]);
    process.kill(nodePid, 'SIGINT');
    const code = await exited;
    expect(code).toBe(130);
    expect(tty).toContain('\x1b[?25l'); // the bar hid the cursor …
    expect(tty.lastIndexOf('\x1b[?25h')).toBeGreaterThan(tty.lastIndexOf('\x1b[?25l')); // … and it was shown again
    expect(tty).toContain('stopped by SIGINT');
    const left = existsSync(out) ? readdirSync(out) : [];
    expect(left.filter((f) => f.endsWith('.tmp'))).toEqual([]);
    expect(left).not.toContain('.impact-tracker.lock');
    expect(left).not.toContain('records.csv'); // an interrupted run's table would look complete
    expect(left.filter((f) => f.endsWith('.json')).length).toBeGreaterThan(0); // what was written stays
  });
});
