/**
 * Read tracker documents from files for `report` and `compare` (Node only): records as written
 * by `extract` or edited in a spreadsheet (X.json, records.jsonl, X.csv) — or a tracker PDF,
 * which is extracted first.
 */
import path from 'node:path';
import { readInput } from './io.ts';
import { hasPdfHeader } from '../pdf/sniff.ts';
import { InputError, RecordsInputError } from '../errors.ts';
import type { TrackerDocument } from '../schema.ts';

/** Options of {@link readDocuments}. */
export interface ReadDocumentsOptions {
  /** Password for encrypted PDF inputs. */
  password?: string;
  /** Called with a note for the person running the command (a CSV read as Windows-1252). */
  onNote?: (note: string) => void;
}

/**
 * The documents in one file: `.json` (a document or an array), `.jsonl`, `.csv` (one document
 * per file, or per title and committee), or `.pdf` (extracted).
 * @throws InputError FILE_NOT_FOUND / READ_FAILED; RecordsInputError RECORDS_INVALID; the
 *   extraction errors of a PDF (PDF_PASSWORD, TRACKER_NOT_FOUND, …).
 */
export async function readDocuments(file: string, options: ReadDocumentsOptions = {}): Promise<TrackerDocument[]> {
  let bytes: Uint8Array;
  try {
    // Only regular files, within the size limit (a FIFO or /dev/zero named .csv must not hang the run).
    bytes = await readInput(file);
  } catch (err) {
    if (err instanceof InputError && err.code === 'READ_FAILED' && /is a folder/.test(err.message)) {
      throw new InputError('READ_FAILED', `${file} is a folder; give the records files themselves (X.json, records.csv, records.jsonl) or a tracker PDF`, { cause: err, file });
    }
    throw err;
  }
  // The kind of input is decided before anything is decoded (issue #14): a PDF is never read
  // as text, so no "not UTF-8" note is printed about one.
  const isPdf = /\.pdf$/i.test(file) || hasPdfHeader(bytes);
  if (isPdf) {
    const { extractTracker } = await import('../pipeline.ts');
    const { loadDictionary } = await import('./dictionary.ts');
    const { loadOcrEngine } = await import('./ocr.ts');
    const { document } = await extractTracker(new Uint8Array(bytes), {
      fileName: path.basename(file),
      password: options.password,
      dictionary: loadDictionary,
      ocrEngine: loadOcrEngine,
    });
    return [document];
  }
  if (!/\.(csv|jsonl?)$/i.test(file)) {
    throw new RecordsInputError('RECORDS_INVALID', `${file}: give records as .json, .jsonl or .csv (as written by "impact-tracker extract"), or a tracker .pdf`);
  }
  // Excel's plain "CSV (Comma delimited)" is Windows-1252, not UTF-8: read it as such rather
  // than print £, – and curly quotes as U+FFFD.
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    text = new TextDecoder('windows-1252').decode(bytes);
    options.onNote?.(`${file} is not UTF-8: read it as Windows-1252 (Excel's "CSV (Comma delimited)"); save as "CSV UTF-8" to avoid this`);
  }
  if (/\.csv$/i.test(file)) {
    const { parseRecordsCsv } = await import('../write/csv.ts');
    return parseRecordsCsv(text, path.basename(file));
  }
  const { parseRecordsJson } = await import('../write/json.ts');
  return parseRecordsJson(text, path.basename(file));
}
