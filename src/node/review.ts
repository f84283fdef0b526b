/**
 * `impact-tracker review <file.pdf | output folder>` (issue #8), without the argv: find or make
 * the outputs to review, build the page when needed, start the local server, print its URL,
 * optionally open a browser, and run until Ctrl-C.
 */
import { spawn } from 'node:child_process';
import { readFile, stat } from 'node:fs/promises';
import { createHash } from 'node:crypto';
import path from 'node:path';
import { OptionsError, TrackerError } from '../errors.ts';
import { checkOutputFolder } from './io.ts';
import { startReviewServer, type ReviewServer } from './review-server.ts';
import { ensureWebBuild } from './web-build.ts';

/** Options of {@link startReview}. */
export interface ReviewOptions {
  /** Output folder for a PDF target (default `output`, as for extract). */
  out?: string;
  /** Folders where the PDFs of a folder's outputs are (read only). */
  pdfs?: string[];
  port?: number;
  password?: string;
  log?: (line: string) => void;
}

/**
 * Prepare and start a review of `target`: a PDF (its outputs in `out`, converted first when
 * `out/X.json` is missing or was made from another version of the PDF) or a folder of outputs.
 * @throws OptionsError INVALID_OPTIONS for a target that is neither, or a port in use;
 *   the conversion's own error (a TrackerError) when the PDF cannot be converted.
 */
export async function startReview(target: string, options: ReviewOptions = {}): Promise<ReviewServer> {
  const log = options.log ?? (() => {});
  const info = await stat(target).catch(() => null);
  if (!info) throw new OptionsError('INVALID_OPTIONS', `${target}: no such file or folder; give a tracker PDF or a folder of outputs written by "impact-tracker extract"`);
  let folder: string;
  let pdfFiles: Record<string, string> | undefined;
  let open: string | undefined;
  if (info.isDirectory()) {
    folder = target;
  } else if (/\.pdf$/i.test(target)) {
    folder = options.out ?? 'output';
    const problem = await checkOutputFolder(folder);
    if (problem) throw new OptionsError('INVALID_OPTIONS', problem);
    const base = path.basename(target).replace(/\.pdf$/i, '');
    const json = path.join(folder, `${base}.json`);
    const sha = createHash('sha256')
      .update(await readFile(target))
      .digest('hex');
    const current = await readFile(json, 'utf8')
      .then((t) => (JSON.parse(t) as { source?: { sha256?: string } }).source?.sha256)
      .catch(() => undefined);
    if (current !== sha) {
      log(`converting ${target} → ${json}`);
      // Loaded only here: pdf.js and pdf-lib are not needed to review a folder.
      const { convertFile } = await import('./convert.ts');
      const result = await convertFile({ file: target, outDir: folder, base, password: options.password });
      if (!result.ok) throw new TrackerError(result.code, result.message, { file: target });
    }
    open = `${base}.json`;
    pdfFiles = { [open]: target };
  } else {
    throw new OptionsError('INVALID_OPTIONS', `${target} is neither a PDF nor a folder; give a tracker PDF or a folder of outputs`);
  }
  const webDir = await ensureWebBuild({ log });
  return startReviewServer({ folder, webDir, port: options.port, pdfFolders: options.pdfs, pdfFiles, open });
}

/** Open `url` in the desktop's browser (xdg-open, open, start); failures are only reported. */
export function openBrowser(url: string, log: (line: string) => void): void {
  const [cmd, args] = process.platform === 'darwin' ? ['open', [url]] : process.platform === 'win32' ? ['cmd', ['/c', 'start', '', url]] : ['xdg-open', [url]];
  try {
    const child = spawn(cmd, args as string[], { stdio: 'ignore', detached: true });
    child.on('error', () => log(`could not open a browser (${cmd}); open the URL above yourself`));
    child.unref();
  } catch {
    log(`could not open a browser (${cmd}); open the URL above yourself`);
  }
}
