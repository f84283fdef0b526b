/**
 * Node side of issue #8's corrections: read `X.corrections.json` next to `X.json` and apply it
 * to a fresh extraction, so a person's corrections survive every later `extract`.
 */
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { applyCorrections, parseCorrections, staleWarnings, type CorrectionsFile } from '../corrections.ts';
import type { TrackerDocument } from '../schema.ts';

/** The corrections file of output base `X` in `outDir`: `outDir/X.corrections.json`. */
export function correctionsPath(outDir: string, base: string): string {
  return path.join(outDir, `${base}.corrections.json`);
}

/**
 * Apply the corrections file at `file`, if there is one, to `doc`. Corrections that no longer
 * apply (another version of the PDF, or the record now reads differently) become
 * CORRECTION_STALE warnings; an unreadable file becomes one such warning and changes nothing.
 * The file itself is never changed here. Never throws for a missing or bad file.
 */
export async function applyCorrectionsFile(doc: TrackerDocument, file: string): Promise<TrackerDocument> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return doc;
    return withWarning(doc, `${path.basename(file)} could not be read (${(err as Error).message}); no correction was applied`);
  }
  let parsed: CorrectionsFile;
  try {
    parsed = parseCorrections(text, path.basename(file));
  } catch (err) {
    return withWarning(doc, `${(err as Error).message}; no correction was applied (the file is left as it is)`);
  }
  const { document, stale } = applyCorrections(doc, parsed);
  return stale.length ? { ...document, warnings: [...document.warnings, ...staleWarnings(stale, path.basename(file))] } : document;
}

function withWarning(doc: TrackerDocument, message: string): TrackerDocument {
  return { ...doc, warnings: [...doc.warnings, { code: 'CORRECTION_STALE', message }] };
}
