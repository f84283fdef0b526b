/**
 * The package as a user installs it (issue #9): `npm pack`, the tarball installed into a fresh
 * project, then the command line, the README's library example and a TypeScript file checked
 * against the shipped `.d.ts` — on the project's Node 24 and on Node 22.13.0, the oldest the
 * `engines` field admits (installed from npm as the `node` package, as this project pins its own).
 *
 * dist/ is built by the test setup (test/global-setup.ts), so the pack skips its scripts.
 * Installing needs the npm registry or npm's cache (`npm ci` has filled it).
 */
import { describe, it, expect, beforeAll } from 'vitest';
import { execFile } from 'node:child_process';
import { mkdtempSync, mkdirSync, readFileSync, writeFileSync, copyFileSync, existsSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { ROOT, FIXTURES } from '../helpers/fixtures.ts';

const OLDEST_NODE = '22.13.0';
const NODE24_DIR = path.dirname(process.execPath);
const TSC = path.join(ROOT, 'node_modules', 'typescript', 'bin', 'tsc');
const pkg = JSON.parse(readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as { version: string; engines: { node: string } };

interface Run {
  code: number;
  stdout: string;
  stderr: string;
}
function run(cmd: string, args: string[], cwd: string, env: NodeJS.ProcessEnv = {}): Promise<Run> {
  return new Promise((resolve) => {
    execFile(cmd, args, { cwd, env: { ...process.env, NO_COLOR: '1', ...env }, maxBuffer: 64 << 20 }, (err, stdout, stderr) => {
      resolve({ code: err ? (typeof (err as { code?: unknown }).code === 'number' ? (err as { code: number }).code : 1) : 0, stdout, stderr });
    });
  });
}
/** `npm` on the project's Node 24 (first on PATH, as npm scripts have it). */
const npm = (args: string[], cwd: string) =>
  run('npm', [...args, '--no-audit', '--no-fund', '--prefer-offline', '--loglevel=error'], cwd, { PATH: `${NODE24_DIR}${path.delimiter}${process.env.PATH}` });

/** The README's library example: the ```js block after the `library-example` marker. */
function readmeExample(): string {
  const readme = readFileSync(path.join(ROOT, 'README.md'), 'utf8');
  const at = readme.indexOf('<!-- library-example');
  const m = /```js\n([\s\S]*?)```/.exec(readme.slice(at));
  if (at < 0 || !m?.[1]) throw new Error('README.md has no library example block');
  return m[1];
}

const SAMPLE = path.join(ROOT, 'input', 'online-crime-tracker.pdf');
const FIXTURE = 'council-nine-column.lo-a4l.pdf';
let project = '';
let node22 = '';

describe('npm package: packed, installed, used', () => {
  beforeAll(async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'it-pack-'));
    const packed = await npm(['pack', '--ignore-scripts', '--json', '--pack-destination', dir], ROOT);
    expect(packed.code, packed.stderr).toBe(0);
    const tarball = path.join(dir, (JSON.parse(packed.stdout) as Array<{ filename: string }>)[0]!.filename);
    project = path.join(dir, 'project');
    mkdirSync(path.join(project, 'input'), { recursive: true });
    writeFileSync(path.join(project, 'package.json'), JSON.stringify({ name: 'uses-impact-tracker', version: '1.0.0', private: true, type: 'module' }));
    copyFileSync(SAMPLE, path.join(project, 'input', 'online-crime-tracker.pdf'));
    const installed = await npm(['install', tarball, `node@${OLDEST_NODE}`, '@types/node@22'], project);
    expect(installed.code, installed.stderr).toBe(0);
    node22 = path.join(project, 'node_modules', 'node', 'bin', 'node');
  }, 300_000);

  it('ships dist/ and no sources or tests', () => {
    const root = path.join(project, 'node_modules', 'impact-tracker');
    expect(readdirSync(root).sort()).toEqual(expect.arrayContaining(['LICENSE', 'README.md', 'bin', 'dist', 'package.json']));
    for (const absent of ['src', 'test', 'fixtures', 'tools', 'scripts']) expect(existsSync(path.join(root, absent)), absent).toBe(false);
    expect(existsSync(path.join(root, 'dist', 'index.d.ts'))).toBe(true);
    expect(existsSync(path.join(root, 'dist', 'node', 'data', 'wordlist.txt'))).toBe(true);
  });

  it('npx impact-tracker: --version, extract a fixture, report on its CSV (Node 24)', async () => {
    const env = { PATH: `${NODE24_DIR}${path.delimiter}${process.env.PATH}` };
    expect(await run('npx', ['impact-tracker', '--version'], project, env)).toMatchObject({ code: 0, stdout: `${pkg.version}\n` });
    const out = path.join(project, 'out24');
    const extracted = await run('npx', ['impact-tracker', 'extract', path.join(FIXTURES, FIXTURE), '--out', out], project, env);
    expect(extracted.code, extracted.stderr).toBe(0);
    const truth = JSON.parse(readFileSync(path.join(FIXTURES, FIXTURE.replace(/\.pdf$/, '.truth.json')), 'utf8')) as { records: Array<{ id: string }> };
    const doc = JSON.parse(readFileSync(path.join(out, FIXTURE.replace(/\.pdf$/, '.json')), 'utf8')) as { records: Array<{ id: string }> };
    expect(doc.records.map((r) => r.id)).toEqual(truth.records.map((r) => r.id));
    const reported = await run('npx', ['impact-tracker', 'report', path.join(out, FIXTURE.replace(/\.pdf$/, '.csv')), '--out', path.join(out, 'r.pdf')], project, env);
    expect(reported.code, reported.stderr).toBe(0);
    expect(readFileSync(path.join(out, 'r.pdf')).subarray(0, 5).toString()).toBe('%PDF-');
  }, 120_000);

  it("the README's library example runs as written, on Node 24 and on Node 22.13", async () => {
    writeFileSync(path.join(project, 'example.mjs'), readmeExample());
    for (const node of [process.execPath, node22]) {
      const r = await run(node, ['example.mjs'], project);
      expect(r.code, `${node}: ${r.stderr}`).toBe(0);
      expect(r.stdout).toMatch(/^\d+ records, \d+ warnings$/m);
      expect(r.stdout).toMatch(/^1 converted, \d+ records, 0 failed$/m);
      expect(r.stderr, 'no warnings (ExperimentalWarning, deprecations) on stderr').toBe('');
      expect(readFileSync(path.join(project, 'online-crime-tracker.report.pdf')).subarray(0, 5).toString()).toBe('%PDF-');
    }
  }, 120_000);

  it('a TypeScript file importing both entry points type-checks against the shipped .d.ts, and a type error is caught', async () => {
    writeFileSync(
      path.join(project, 'tsconfig.json'),
      JSON.stringify({
        compilerOptions: { target: 'es2022', module: 'nodenext', moduleResolution: 'nodenext', strict: true, noEmit: true, skipLibCheck: false, types: ['node'] },
        include: ['use.ts'],
      }),
    );
    const source = [
      "import { readFile } from 'node:fs/promises';",
      "import { extractTracker, type TrackerRecord, type RagStatus } from 'impact-tracker';",
      "import { extractMany, type ExtractManySummary } from 'impact-tracker/node';",
      "const { document } = await extractTracker(new Uint8Array(await readFile('input/online-crime-tracker.pdf')));",
      'const first: TrackerRecord | undefined = document.records[0];',
      'const rag: RagStatus | undefined = first?.rag ?? undefined;',
      "const summary: ExtractManySummary = await extractMany(['input'], { out: 'out-ts', jobs: 1, timeoutSeconds: 60 });",
      'console.log(rag, summary.records);',
    ];
    writeFileSync(path.join(project, 'use.ts'), `${source.join('\n')}\n`);
    const ok = await run(process.execPath, [TSC, '-p', '.'], project);
    expect(ok.stdout + ok.stderr).toBe('');
    expect(ok.code).toBe(0);
    writeFileSync(path.join(project, 'use.ts'), `${source.join('\n')}\nconsole.log(first?.progres);\n`);
    const bad = await run(process.execPath, [TSC, '-p', '.'], project);
    expect(bad.code).not.toBe(0);
    expect(bad.stdout).toContain("Property 'progres' does not exist");
  }, 60_000);

  it('the command line on Node 22.13 (the oldest engines admits): every format but the database; sqlite says it needs 22.16', async () => {
    const bin = path.join(project, 'node_modules', 'impact-tracker', 'bin', 'impact-tracker.mjs');
    expect(pkg.engines.node).toBe(`>=${OLDEST_NODE.replace(/\.0$/, '')}`);
    expect(await run(node22, [bin, '--version'], project)).toMatchObject({ code: 0, stdout: `${pkg.version}\n` });
    const r = await run(node22, [bin, 'extract', 'input', '--out', 'out22', '--format', 'json,csv,report,xlsx'], project);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr).not.toMatch(/ExperimentalWarning|DeprecationWarning/);
    for (const f of ['online-crime-tracker.json', 'online-crime-tracker.csv', 'online-crime-tracker.report.pdf', 'online-crime-tracker.xlsx', 'records.csv']) {
      expect(existsSync(path.join(project, 'out22', f)), f).toBe(true);
    }
    // Node 22.13's SQLite has no FTS5 (22.16 has): a clear message, not a stack trace.
    const db = await run(node22, [bin, 'extract', 'input', '--out', 'out22db', '--format', 'json,sqlite'], project);
    expect(db.code).not.toBe(0);
    expect(db.stderr).toContain('records.sqlite needs Node.js 22.16 or later');
    expect(db.stderr).not.toMatch(/\n\s+at /);
  }, 120_000);

  it('an older Node is told in one line, exit 2', async () => {
    const bin = path.join(project, 'node_modules', 'impact-tracker', 'bin', 'impact-tracker.mjs');
    // Node 22.12 as the bin sees it: process.version(s) replaced before the bin runs.
    const older = path.join(project, 'older.mjs');
    writeFileSync(
      older,
      "Object.defineProperty(process, 'versions', { value: { ...process.versions, node: '22.12.0' } });\nObject.defineProperty(process, 'version', { value: 'v22.12.0' });\n",
    );
    const r = await run(node22, ['--import', older, bin, 'extract', 'input'], project);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toBe('impact-tracker: needs Node.js 22.13 or later (this is v22.12.0); install a current Node LTS from https://nodejs.org\n');
  });
});
