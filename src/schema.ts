/**
 * The record and document schemas (zod). The JSON output is exactly `TrackerDocument`; the CSV
 * has the record fields as columns (src/write/csv.ts). `schemaVersion` changes only with a
 * breaking change to these shapes.
 *
 * Field rules follow issue #2 and fixtures/README.md (the shared corpus MANIFEST).
 */
import { z } from 'zod';
import { ValidationError, type ValidationIssue } from './errors.ts';

/**
 * RAG status: red = not accepted, amber = some progress, green = implemented or accepted;
 * blue = complete, only in BRAG trackers whose key or colours use it (issue #7).
 */
export const RagStatusSchema = z.enum(['red', 'amber', 'green', 'blue']);
export type RagStatus = z.infer<typeof RagStatusSchema>;

/**
 * What decided the RAG status: the Progress cell's `fill` (shading, a highlighter box or a
 * coloured dot drawn in it), a separate RAG `column`, the `ink` colour of the Progress words or
 * of a status symbol, the Progress `text` (its words, by the trackers' definitions), or a
 * person who set it in the review page (`manual`, issue #8).
 */
export const RagSourceSchema = z.enum(['fill', 'column', 'ink', 'text', 'manual']);
export type RagSource = z.infer<typeof RagSourceSchema>;

/** The three text fields of a record, in column order. */
export const RECORD_FIELDS = ['recommendation', 'response', 'progress'] as const;
export type RecordField = (typeof RECORD_FIELDS)[number];

/**
 * Why a person should look at a record (issue #7 "Never silent"): each reason a decision was
 * made without certain evidence, or something was dropped or shared.
 * - `PAGE_BREAK`: rows on both sides of a page break were joined (or kept apart) on weak evidence
 * - `HYPHEN_GUESS`: a line-end hyphen kept or removed with no evidence deciding it
 * - `SHARED_CELL`: a cell merged over several rows; its text is repeated in each record
 * - `COLOUR_UNMAPPED`: a colour in the Progress/RAG cell maps to no RAG status
 * - `HIDDEN_TEXT`: text no reader can see was dropped from the record
 * - `EMPTY_CELL`: a recommendation, response or progress cell is empty
 * - `RAG_FROM_TEXT`: the RAG status comes from the Progress words only, while other records of
 *   the document show theirs by colour or in a RAG column (where no record does, one document
 *   warning `RAG_FROM_TEXT` says so instead: every record would carry the same flag)
 * - `RAG_DISAGREEMENT`: the colour and the words give different statuses
 * - `STRAY_TEXT`: text beside the record's row went into no cell
 * - `LOW_CONFIDENCE`: OCR read a cell with a confidence below the threshold
 * - `TEXT_UNRELIABLE`: the text layer decodes to garbage or is an invisible OCR layer
 * - `NUMBERING`: the record's number repeats or follows a gap
 * - `PARAGRAPH_GUESS`: a sentence fills its line and the next starts the line below, in a
 *   document that never spaces its paragraphs: a paragraph break there cannot be seen
 * - `ROWS_MERGED`: in a table without row rules, the record's cells read like several rows
 *   (several recommendations and several progress verdicts): rows the layout could not separate
 * - `TEXT_LEFT_OUT`: text on the page beside the record went into no record or text of the
 *   document (src/tracker/left-out.ts)
 */
export const ReviewCodeSchema = z.enum([
  'PAGE_BREAK',
  'HYPHEN_GUESS',
  'SHARED_CELL',
  'COLOUR_UNMAPPED',
  'HIDDEN_TEXT',
  'EMPTY_CELL',
  'RAG_FROM_TEXT',
  'RAG_DISAGREEMENT',
  'STRAY_TEXT',
  'LOW_CONFIDENCE',
  'TEXT_UNRELIABLE',
  'NUMBERING',
  'TEXT_LEFT_OUT',
  'ROWS_MERGED',
  'PARAGRAPH_GUESS',
]);
export type ReviewCode = z.infer<typeof ReviewCodeSchema>;

/** One reason to review a record: a code, the field it concerns (if one) and a sentence. */
export const ReviewSchema = z.object({
  code: ReviewCodeSchema,
  field: z.enum([...RECORD_FIELDS, 'rag', 'id']).optional(),
  message: z.string(),
});
export type Review = z.infer<typeof ReviewSchema>;

const finite = z.number().finite();
/** A box in points, top-left origin. */
export const BBoxSchema = z.object({ x0: finite, top: finite, x1: finite, bottom: finite });

/** Where part of a cell stands: a 1-based page and the box on it. */
export const CellBoxSchema = z.object({ page: z.number().int().min(1), bbox: BBoxSchema });
export type CellBox = z.infer<typeof CellBoxSchema>;

/** One recommendation with the body's response and the progress verdict. */
export const TrackerRecordSchema = z.object({
  /** The recommendation number as printed ("1", "10"), or the row's place when none is printed. */
  id: z.string().min(1, 'must be a non-empty string'),
  /** The label as printed without trailing colon/full stop ("Recommendation 1", "R3", "4"), or "". */
  label: z.string(),
  /** The recommendation cell's text without its label. */
  recommendation: z.string(),
  response: z.string(),
  progress: z.string(),
  rag: RagStatusSchema.nullable(),
  ragSource: RagSourceSchema.nullable(),
  /**
   * Columns other than the three text fields, the number and the RAG column (a council
   * tracker's "Lead officer", "Date", "Area"): heading as printed → cell text. Absent when none.
   */
  extra: z.record(z.string(), z.string()).optional(),
  /** Reasons a person should check this record (see ReviewSchema); [] when none. */
  review: z.array(ReviewSchema).default([]),
  /** 1-based index of the table the record is in. */
  table: z.number().int().min(1).default(1),
  /** 1-based pages the record's row spans; empty for records edited by hand. */
  pages: z.array(z.number().int().min(1)).default([]),
  /** Per field, the cell's box on each page it spans (absent for records edited by hand). */
  cells: z
    .object({
      recommendation: z.array(CellBoxSchema),
      response: z.array(CellBoxSchema),
      progress: z.array(CellBoxSchema),
    })
    .optional(),
  /** OCR only: the recogniser's mean word confidence per field, 0–1 (issue #11). */
  confidence: z
    .object({ recommendation: z.number().min(0).max(1), response: z.number().min(0).max(1), progress: z.number().min(0).max(1) })
    .partial()
    .optional(),
});
export type TrackerRecord = z.infer<typeof TrackerRecordSchema>;

/** A warning about the document, returned as data (never printed by the library). */
export const WarningSchema = z.object({
  code: z.enum([
    'NUMBERING_GAP',
    'NUMBERING_DUPLICATE',
    'RAG_DISAGREEMENT',
    'EMPTY_CELL',
    'STRAY_TEXT',
    // issue #7: never silent
    'HIDDEN_TEXT',
    'SHARED_CELL',
    'COLUMN_EMPTY',
    'COLOUR_UNMAPPED',
    'TEXT_UNRELIABLE',
    'HYPHEN_GUESS',
    'PAGE_BREAK',
    // issue #11: OCR
    'LOW_CONFIDENCE',
    // issue #12: a per-file output that could not be written (the records are kept)
    'REPORT_FAILED',
    // issue #14: an owner password forbids copying text
    'COPY_RESTRICTED',
    // issue #8: a saved correction no longer matches the re-extracted record
    'CORRECTION_STALE',
    // issue #7: no record's RAG status is shown by colour or a RAG column; all were read from words
    'RAG_FROM_TEXT',
    // issue #7 (held-out sweep): text on a page that reached no part of the document
    'TEXT_LEFT_OUT',
  ]),
  message: z.string(),
  recordId: z.string().optional(),
  page: z.number().int().min(1).optional(),
});
export type Warning = z.infer<typeof WarningSchema>;

/** A table of the document: its heading paragraph (if any) and its header strings as printed. */
export const TableInfoSchema = z.object({
  index: z.number().int().min(1),
  heading: z.string().nullable(),
  columns: z.array(z.string()),
  pages: z.array(z.number().int().min(1)),
  method: z.enum(['ruled', 'whitespace']),
});

/** The schema version written; documents of version 1 (no review, extra, intro) are read too. */
export const SCHEMA_VERSION = 2;

/** The whole result for one PDF: what `extract` writes as `X.json`. */
export const TrackerDocumentSchema = z.object({
  schemaVersion: z.union([z.literal(1), z.literal(2)]).transform((): typeof SCHEMA_VERSION => SCHEMA_VERSION),
  source: z.object({
    /** The name the records carry as `file`: the PDF's name, or its path as given where two inputs share a name. */
    file: z.string(),
    /**
     * The PDF's path relative to the input root it was found under ("2019/tracker.pdf" for
     * `extract archive` finding archive/2019/tracker.pdf), "/"-separated (issue #13). Set by
     * the bulk run; absent for documents made by the library alone or edited by hand.
     */
    path: z.string().optional(),
    pages: z.number().int().min(0),
    sha256: z.string().regex(/^([0-9a-f]{64})?$/, 'must be a hex SHA-256 or empty'),
    /** 1-based pages whose text came from OCR (issue #11); absent when none. */
    ocr: z.array(z.number().int().min(1)).optional(),
    /**
     * The impact-tracker version that converted the file (package.json `version`), set by the
     * bulk run: `--skip-unchanged` converts again a file made by another version (issue #13).
     */
    toolVersion: z.string().optional(),
  }),
  title: z.string(),
  committee: z.string(),
  /** The document's text before the first table (after title and committee): paragraphs, "\n\n"-separated. */
  intro: z.string().default(''),
  /** The text after the last table: paragraphs, "\n\n"-separated. */
  closing: z.string().default(''),
  /** Header strings of the first table, as printed. */
  columns: z.array(z.string()),
  tables: z.array(TableInfoSchema).default([]),
  records: z.array(TrackerRecordSchema),
  warnings: z.array(WarningSchema).default([]),
});
export type TrackerDocument = z.infer<typeof TrackerDocumentSchema>;
/** The document as a caller may build it (defaults not yet applied). */
export type TrackerDocumentInput = z.input<typeof TrackerDocumentSchema>;

function toIssues(error: z.ZodError, data: unknown): ValidationIssue[] {
  return error.issues.map((issue) => {
    const path = issue.path.map((p, i) => (typeof p === 'number' ? `[${p}]` : `${i ? '.' : ''}${String(p)}`)).join('');
    let recordId: string | undefined;
    if (issue.path[0] === 'records' && typeof issue.path[1] === 'number') {
      const rec = (data as { records?: Array<{ id?: unknown }> })?.records?.[issue.path[1]];
      if (rec && typeof rec.id === 'string' && rec.id) recordId = rec.id;
    }
    return { path: path || '(document)', message: issue.message, ...(recordId ? { recordId } : {}) };
  });
}

/**
 * Validate a whole document. Returns the parsed document (defaults filled in).
 * @throws ValidationError (code VALIDATION) naming record ids and field paths, e.g.
 *   `record 3 records[2].rag: Invalid option: expected one of "red"|"amber"|"green"`.
 */
export function validateDocument(data: unknown): TrackerDocument {
  const result = TrackerDocumentSchema.safeParse(data);
  if (!result.success) throw new ValidationError(toIssues(result.error, data));
  return result.data;
}

/**
 * Validate one record.
 * @throws ValidationError (code VALIDATION) naming the field.
 */
export function validateRecord(data: unknown): TrackerRecord {
  const result = TrackerRecordSchema.safeParse(data);
  if (!result.success) {
    const id = (data as { id?: unknown })?.id;
    throw new ValidationError(
      toIssues(result.error, data).map((i) => ({ ...i, ...(typeof id === 'string' && id ? { recordId: id } : {}) })),
      'record',
    );
  }
  return result.data;
}

const fn = <T extends (...args: never[]) => unknown>(what: string) => z.custom<T>((v) => typeof v === 'function', { message: `must be a function (${what})` });
const positive = z.number().finite().positive();

/**
 * The public extraction options, checked once at the door (DESIGN.md rule 5): an unknown key is
 * an error, not silently ignored (papaparse's misspelt-option trap, mholt/PapaParse#1108).
 * Units: points or font-size ratios, as documented on each stage's options type.
 */
export const ExtractOptionsSchema = z
  .object({
    password: z.string().optional(),
    fileName: z.string().min(1).optional(),
    dictionary: fn<() => Promise<((word: string) => boolean) & { size?: (word: string) => number }>>('returning a promise of a word lookup').optional(),
    signal: z.instanceof(AbortSignal, { message: 'must be an AbortSignal' }).optional(),
    table: z
      .object({
        headerWrapPitch: positive,
        rowRulingSpan: z.number().gt(0).max(1),
        rulingMergeTolerance: positive,
        whitespaceTableEndGap: positive,
        whitespaceRowGap: positive,
        headingFontRatio: z.number().gt(1),
        ruleToTextGap: positive,
      })
      .partial()
      .strict()
      .optional(),
    paragraphStep: z.number().gt(1).lt(3).optional(),
    onPage: fn<(pageNumber: number, pageCount: number) => void>('called with page number and page count').optional(),
    // issue #11: OCR
    ocr: z.enum(['auto', 'always', 'never']).optional(),
    ocrEngine: fn<() => Promise<unknown>>('returning a promise of an OCR engine').optional(),
    ocrMinConfidence: z.number().min(0).max(1).optional(),
    onOcrPage: fn<(pageNumber: number, index: number, count: number) => void>('called with page number, its place and the count of pages to OCR').optional(),
  })
  .strict();

/** Issues of an options object as "name: message" strings, or [] when it is valid. */
export function checkExtractOptions(options: unknown): string[] {
  const result = ExtractOptionsSchema.safeParse(options);
  if (result.success) return [];
  return result.error.issues.map((i) => `${i.path.join('.') || (i.code === 'unrecognized_keys' ? (i as { keys?: string[] }).keys?.join(', ') : 'options')}: ${i.message}`);
}

// ---- issue #8: corrections made in the review page (X.corrections.json) -------------------

/** The fields of a record a person can edit; `rag` takes a RAG status or null. */
export const CORRECTABLE_FIELDS = ['id', 'label', 'recommendation', 'response', 'progress', 'rag'] as const;
export type CorrectableField = (typeof CORRECTABLE_FIELDS)[number];

/** A record as a correction sees it: what a person can read and change. */
export const RecordSnapshotSchema = z.object({
  id: z.string().min(1, 'must be a non-empty string'),
  label: z.string(),
  recommendation: z.string(),
  response: z.string(),
  progress: z.string(),
  rag: RagStatusSchema.nullable(),
});
export type RecordSnapshot = z.infer<typeof RecordSnapshotSchema>;

const time = z.string().min(1, 'must be an ISO date-time');
/**
 * One correction, as field / old value / new value / time (issue #8). `recordId` names the
 * record it was made on (its id at that moment). An edit changes one field; the record
 * operations carry whole records as they were and as they became, so a re-extraction can tell
 * whether the correction still applies:
 * - `merge`: old = [the record, the next one], new = the merged record
 * - `split`: old = the record, new = [first part, second part]
 * - `delete`: old = the record, new = null
 * - `add`: old = null, new = the record, inserted after the record `after` (null: first)
 */
export const CorrectionSchema = z.discriminatedUnion('op', [
  z.object({ op: z.literal('edit'), recordId: z.string(), field: z.enum(CORRECTABLE_FIELDS), old: z.string().nullable(), new: z.string().nullable(), time }),
  z.object({
    op: z.literal('merge'),
    recordId: z.string(),
    field: z.literal('record'),
    old: z.tuple([RecordSnapshotSchema, RecordSnapshotSchema]),
    new: RecordSnapshotSchema,
    time,
  }),
  z.object({
    op: z.literal('split'),
    recordId: z.string(),
    field: z.literal('record'),
    old: RecordSnapshotSchema,
    new: z.tuple([RecordSnapshotSchema, RecordSnapshotSchema]),
    time,
  }),
  z.object({ op: z.literal('delete'), recordId: z.string(), field: z.literal('record'), old: RecordSnapshotSchema, new: z.null(), time }),
  z.object({ op: z.literal('add'), recordId: z.string(), field: z.literal('record'), after: z.string().nullable(), old: z.null(), new: RecordSnapshotSchema, time }),
]);
export type Correction = z.infer<typeof CorrectionSchema>;

/** A person's "I checked this record" mark; it lapses when the record no longer reads as it did. */
export const ReviewedMarkSchema = z.object({ recordId: z.string(), time, record: RecordSnapshotSchema });
export type ReviewedMark = z.infer<typeof ReviewedMarkSchema>;

/** `X.corrections.json`: the corrections made to the records extracted from one PDF, in order. */
export const CorrectionsFileSchema = z.object({
  kind: z.literal('impact-tracker corrections'),
  version: z.literal(1),
  /** The PDF the corrections were made for; they apply only to a document with this sha256. */
  source: z.object({ file: z.string(), sha256: z.string() }),
  corrections: z.array(CorrectionSchema),
  reviewed: z.array(ReviewedMarkSchema).default([]),
});
export type CorrectionsFile = z.infer<typeof CorrectionsFileSchema>;

/**
 * Validate a corrections file's parsed JSON.
 * @throws ValidationError (code VALIDATION) naming the path, e.g. `corrections[2].field: …`.
 */
export function validateCorrectionsFile(data: unknown): CorrectionsFile {
  const result = CorrectionsFileSchema.safeParse(data);
  if (!result.success) throw new ValidationError(toIssues(result.error, data), 'corrections file');
  return result.data;
}
