/**
 * Node-only: load the report's fonts (DejaVu Sans regular and bold, from the `dejavu-fonts-ttf`
 * package) for `writeReport`. The core cannot read files, so the CLI calls this and passes the
 * bytes in; a browser would fetch the same two files.
 */
import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { WriteError } from '../errors.ts';
import type { ReportFonts } from '../write/report/index.ts';

/** Package-relative paths of the two TTFs (DejaVu covers Latin, Greek, Cyrillic, “ ” ‘ ’ – — £ € •). */
export const REPORT_FONT_FILES = {
  regular: 'dejavu-fonts-ttf/ttf/DejaVuSans.ttf',
  bold: 'dejavu-fonts-ttf/ttf/DejaVuSans-Bold.ttf',
} as const;

async function load(specifier: string): Promise<Uint8Array> {
  let path: string;
  try {
    path = fileURLToPath(import.meta.resolve(specifier));
  } catch (cause) {
    throw new WriteError('WRITE_FAILED', `cannot find the report font ${specifier}: is the dejavu-fonts-ttf package installed? Run npm install`, { cause });
  }
  try {
    const buf = await readFile(path);
    return new Uint8Array(buf.buffer, buf.byteOffset, buf.byteLength);
  } catch (cause) {
    throw new WriteError('WRITE_FAILED', `cannot read the report font ${path}: ${(cause as Error).message}. Reinstall dejavu-fonts-ttf (npm install)`, { cause });
  }
}

/**
 * Read DejaVu Sans and DejaVu Sans Bold as TTF bytes.
 * @throws WriteError (code WRITE_FAILED) when the font package is missing or unreadable.
 * @example
 * ```ts
 * const pdf = await writeReport(doc, { fonts: await loadReportFonts() });
 * ```
 */
export function loadReportFonts(): Promise<ReportFonts> {
  // Read once per process (per worker): the same byte arrays also let writeReport reuse its
  // parsed fonts across reports.
  cached ??= Promise.all([load(REPORT_FONT_FILES.regular), load(REPORT_FONT_FILES.bold)]).then(([regular, bold]) => ({ regular, bold }));
  cached.catch(() => {
    cached = null;
  });
  return cached;
}
let cached: Promise<ReportFonts> | null = null;
