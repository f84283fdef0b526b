/**
 * The built review page (web/dist): `impact-tracker review` serves it, and builds it with Vite
 * first when it is missing or older than its sources (web/ and the browser core in src/), so
 * a fresh checkout works after `npm ci` alone. `npm run build:web` forces a build.
 */
import { readdir, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { WriteError } from '../errors.ts';

const REPO = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
/** The Vite app's folder. */
export const WEB_ROOT = path.join(REPO, 'web');
/** Where the page is built: the folder the README names for the static page. */
export const WEB_DIST = path.join(WEB_ROOT, 'dist');
const STAMP = path.join(WEB_DIST, '.sources-mtime');

/** Newest modification time (ms) of the page's sources: web/ (not dist) and src/ (not src/node, cli.ts). */
async function newestSource(): Promise<number> {
  let newest = 0;
  const walk = async (dir: string) => {
    for (const e of await readdir(dir, { withFileTypes: true }).catch(() => [])) {
      const p = path.join(dir, e.name);
      if (p === WEB_DIST || p === path.join(REPO, 'src', 'node') || p === path.join(REPO, 'src', 'cli.ts')) continue;
      if (e.isDirectory()) await walk(p);
      else if (e.isFile()) newest = Math.max(newest, (await stat(p)).mtimeMs);
    }
  };
  await walk(WEB_ROOT);
  await walk(path.join(REPO, 'src'));
  newest = Math.max(newest, (await stat(path.join(REPO, 'package-lock.json')).catch(() => ({ mtimeMs: 0 }))).mtimeMs);
  return newest;
}

/**
 * Build web/dist when it is missing or stale (or always, with `force`). Returns the folder.
 * @throws WriteError WRITE_FAILED when Vite is not installed (run npm ci) or the build fails.
 */
export async function ensureWebBuild(options: { force?: boolean; log?: (line: string) => void } = {}): Promise<string> {
  const newest = await newestSource();
  if (!options.force) {
    const built = Number(await import('node:fs/promises').then((fs) => fs.readFile(STAMP, 'utf8')).catch(() => '0'));
    if (built >= newest) return WEB_DIST;
  }
  options.log?.('building the review page (web/dist) with Vite…');
  let vite: typeof import('vite');
  try {
    vite = await import('vite');
  } catch (cause) {
    throw new WriteError('WRITE_FAILED', 'the review page is not built and Vite is not installed: run npm ci (it installs the dev dependencies), then npm run build:web', {
      cause,
    });
  }
  try {
    await vite.build({ configFile: path.join(WEB_ROOT, 'vite.config.ts'), logLevel: 'warn' });
  } catch (cause) {
    throw new WriteError('WRITE_FAILED', `building the review page failed: ${(cause as Error).message}`, { cause });
  }
  await writeFile(STAMP, String(newest));
  return WEB_DIST;
}
