/**
 * Typed errors. Every error the library throws is a {@link TrackerError} with a stable `code`
 * (documented in the README's exit-code table) and a message that says what was expected, what
 * was found and what to do. The CLI maps codes to exit codes; the library never exits.
 */

/** Stable error codes. Never renamed: scripts and `errors.csv` depend on them. */
export type ErrorCode =
  | 'FILE_NOT_FOUND'
  | 'READ_FAILED'
  | 'EMPTY_FILE'
  | 'NOT_PDF'
  | 'PDF_CORRUPT'
  | 'PDF_PASSWORD'
  | 'NO_TEXT_LAYER'
  | 'TRACKER_NOT_FOUND'
  | 'STRUCTURE'
  | 'VALIDATION'
  | 'RECORDS_INVALID'
  | 'INVALID_OPTIONS'
  | 'WRITE_FAILED'
  | 'TIMEOUT'
  | 'NOT_A_FILE'
  | 'TOO_LARGE'
  | 'RESOURCE_LIMIT'
  | 'OCR_FAILED'
  | 'INTERNAL';

/** Base class: `code` is stable, `name` is the subclass name, `cause` is kept. */
export class TrackerError extends Error {
  readonly code: ErrorCode;
  /** The input file the error is about, when known (set by the pipeline/CLI). */
  file?: string;
  constructor(code: ErrorCode, message: string, options?: { cause?: unknown; file?: string }) {
    super(message, options?.cause === undefined ? undefined : { cause: options.cause });
    this.name = new.target.name;
    this.code = code;
    if (options?.file !== undefined) this.file = options.file;
  }
}

/** The file could not be read (missing, a folder, no permission). Codes FILE_NOT_FOUND, READ_FAILED. */
export class InputError extends TrackerError {}

/**
 * The bytes are not a usable PDF: EMPTY_FILE (0 bytes), NOT_PDF (no `%PDF-` header: HTML, an
 * image, text), PDF_CORRUPT (pdf.js could not recover it).
 */
export class PdfLoadError extends TrackerError {}

/** The PDF needs a user password (none given) or the one given is wrong. Code PDF_PASSWORD. */
export class PdfPasswordError extends TrackerError {
  /** True when a password was given and rejected. */
  readonly wrongPassword: boolean;
  constructor(wrongPassword: boolean, options?: { cause?: unknown }) {
    super(
      'PDF_PASSWORD',
      wrongPassword
        ? 'the password given with --password is wrong for this encrypted PDF; check it and try again'
        : 'this PDF is encrypted with a password; give it with --password <password>',
      options,
    );
    this.wrongPassword = wrongPassword;
  }
}

/**
 * No page gives any text: the PDF is a scan with no text layer, or its fonts map no glyph to a
 * character. Code NO_TEXT_LAYER. The message says why OCR (issue #11) did not give text either:
 * it was switched off (`never`), no OCR engine was given or no page qualified (`unavailable`),
 * or it ran and found none (`empty`).
 */
export class NoTextLayerError extends TrackerError {
  /**
   * @param why.ocr why OCR did not give text (default `unavailable`).
   * @param why.textRuns text-showing operators found: > 0 means the pages do draw glyphs, but
   *   their fonts map none of them to characters (no usable ToUnicode), which OCR also fixes.
   */
  constructor(pages: number, why: { ocr?: 'never' | 'unavailable' | 'empty'; textRuns?: number } = {}) {
    const p = `${pages} page${pages === 1 ? '' : 's'}`;
    const textRuns = why.textRuns ?? 0;
    const what =
      textRuns > 0
        ? `this PDF draws text (${p}, ${textRuns} text runs) but its fonts map none of it to characters, so there is no text to extract`
        : `this PDF is a scan; it has no text to extract (${p}, no text layer)`;
    const ocrFirst = textRuns > 0 ? 'ocrmypdf --force-ocr' : 'ocrmypdf';
    const todo = {
      never: `OCR is off (--ocr never): run with --ocr ${textRuns > 0 ? 'always' : 'auto'} to read it`,
      unavailable:
        textRuns > 0
          ? `Read its page images with --ocr always, or run OCR on it first (e.g. ${ocrFirst}) and convert the result; (library) pass \`ocrEngine\` and \`ocr: 'always'\``
          : `Run OCR on it first (e.g. ${ocrFirst}) and convert the result, or (library) pass \`ocrEngine\` (loadOcrEngine from impact-tracker/node)`,
      empty: 'OCR found no text on its pages either: check that the scan is readable (not blank, not upside down)',
    }[why.ocr ?? 'unavailable'];
    super('NO_TEXT_LAYER', `${what}. ${todo}`);
  }
}

/** OCR could not run or could not read a page (issue #11). Code OCR_FAILED. */
export class OcrError extends TrackerError {
  constructor(message: string, options?: { cause?: unknown }) {
    super('OCR_FAILED', message, options);
  }
}

/**
 * No tracker table was found. `headersSeen` lists the header rows of tables that were found
 * but did not match the header vocabulary (src/tracker/vocabulary.ts), so a person can see why.
 */
export class TrackerNotFoundError extends TrackerError {
  readonly headersSeen: string[][];
  /**
   * @param headersSeen the first row of each table-like block found (cell texts), de-duplicated.
   * @param textProblem why the text itself may be unreadable (an invisible OCR layer, garbage
   *   from fonts without a character map), or null.
   */
  constructor(headersSeen: string[][], textProblem: string | null = null) {
    const seen = headersSeen.length
      ? ` Tables found start with these rows: ${headersSeen.map((h) => `"${h.map((c) => (c.length > 40 ? `${c.slice(0, 39)}…` : c)).join(' | ')}"`).join('; ')}.`
      : ' No table-like text was found.';
    super(
      'TRACKER_NOT_FOUND',
      `no recommendation tracker table found: expected a header row like "Recommendation | Response | Progress".${seen}${textProblem ? ` Note: ${textProblem}; OCR the file and convert the result.` : ''}`,
    );
    this.headersSeen = headersSeen;
  }
}

/** One problem found by schema validation: where and what. */
export interface ValidationIssue {
  /** Path into the document, e.g. `records[3].rag`. */
  path: string;
  /** The record's id when the issue is inside a record. */
  recordId?: string;
  message: string;
}

/** A document or record failed the zod schema (src/schema.ts). Code VALIDATION. */
export class ValidationError extends TrackerError {
  readonly issues: ValidationIssue[];
  constructor(issues: ValidationIssue[], what = 'tracker document') {
    const first = issues
      .slice(0, 3)
      .map((i) => `${i.recordId !== undefined ? `record ${i.recordId} ` : ''}${i.path}: ${i.message}`)
      .join('; ');
    super('VALIDATION', `invalid ${what}: ${first}${issues.length > 3 ? ` (and ${issues.length - 3} more)` : ''}`);
    this.issues = issues;
  }
}

/** Records given to `report` (CSV or JSON) could not be parsed. Code RECORDS_INVALID. */
export class RecordsInputError extends TrackerError {}

/** An option has a bad value. Code INVALID_OPTIONS. */
export class OptionsError extends TrackerError {}

/** An output could not be written. Code WRITE_FAILED. */
export class WriteError extends TrackerError {}

/** A file took longer than the per-file time limit. Code TIMEOUT. */
export class TimeoutError extends TrackerError {
  constructor(seconds: number) {
    super('TIMEOUT', `gave up after ${seconds} s; the file may be huge or pathological. Raise --timeout to allow more time`);
  }
}

/**
 * The input is not a regular file: a FIFO, socket or device (or a link to one) named `*.pdf`.
 * Such a file is never opened for reading — a FIFO would block forever, /dev/zero never ends
 * (issue #12). Code NOT_A_FILE.
 */
export class NotAFileError extends TrackerError {
  constructor(file: string, kind: string, options?: { cause?: unknown }) {
    super('NOT_A_FILE', `${file} is ${kind}, not a regular file; it was not read. Give the PDF file itself (copy it out of the pipe or device first)`, { ...options, file });
  }
}

/** The input is larger than the size limit (`--max-size`). Code TOO_LARGE. */
export class TooLargeError extends TrackerError {
  constructor(file: string, bytes: number, limit: number) {
    super('TOO_LARGE', `${file} is ${formatBytes(bytes)}, over the ${formatBytes(limit)} limit for one input; raise --max-size if it really is a tracker`, { file });
  }
}

/**
 * The conversion of one file went past a resource limit: its worker's memory (heap and array
 * buffers, `--max-memory`) or the JavaScript heap. The worker is replaced. Code RESOURCE_LIMIT.
 */
export class ResourceLimitError extends TrackerError {
  constructor(message: string, options?: { cause?: unknown; file?: string }) {
    super('RESOURCE_LIMIT', message, options);
  }
}

/** "512 MB", "1.5 GB", "300 KB", "12 bytes" (binary units: 1 MB = 2^20 bytes). */
export function formatBytes(n: number): string {
  const units: Array<[number, string]> = [
    [2 ** 30, 'GB'],
    [2 ** 20, 'MB'],
    [2 ** 10, 'KB'],
  ];
  for (const [size, unit] of units) if (n >= size) return `${Number((n / size).toFixed(1))} ${unit}`;
  return `${n} bytes`;
}

/** Wrap anything thrown into a TrackerError (code INTERNAL unless it already is one). */
export function toTrackerError(err: unknown): TrackerError {
  if (err instanceof TrackerError) return err;
  const message = err instanceof Error ? err.message : String(err);
  return new TrackerError('INTERNAL', `internal error: ${message}. Please report it with the file that caused it`, { cause: err });
}
