/**
 * `npm run build` (and `prepare`, so `npm ci` builds): compiles src/ to dist/ with
 * tsconfig.build.json — JavaScript and `.d.ts`, imports rewritten to `.js` — and
 * copies the files the code reads at run time beside it (the canvas stub, the compiled word
 * list). `--web` also builds the review page into web/dist (Vite), which the package ships.
 * Exits 1 with the compiler's messages when the build fails.
 */
import { execFileSync } from 'node:child_process';
import { cpSync, mkdirSync, rmSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
/** Files under src/ that are not TypeScript but are read at run time, relative to src/. */
export const ASSETS = ['node/canvas-stub.cjs', 'node/data/wordlist.txt'];

/** Build dist/ from src/. Throws when tsc fails (its output is on stderr). */
export function buildDist(): void {
  rmSync(path.join(ROOT, 'dist'), { recursive: true, force: true });
  const tsc = path.join(ROOT, 'node_modules', 'typescript', 'bin', 'tsc');
  execFileSync(process.execPath, [tsc, '-p', path.join(ROOT, 'tsconfig.build.json')], { stdio: 'inherit', cwd: ROOT });
  for (const a of ASSETS) {
    mkdirSync(path.dirname(path.join(ROOT, 'dist', a)), { recursive: true });
    cpSync(path.join(ROOT, 'src', a), path.join(ROOT, 'dist', a));
  }
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  try {
    buildDist();
    if (process.argv.includes('--web')) {
      const { ensureWebBuild } = await import('../src/node/web-build.ts');
      await ensureWebBuild({ force: true, log: (s) => process.stderr.write(`${s}\n`) });
    }
  } catch {
    process.stderr.write('build failed (see the messages above)\n');
    process.exit(1);
  }
}
