/**
 * The record and document schemas (zod). The JSON output is exactly `TrackerDocument`; the CSV
 * has the record fields as columns (src/write/csv.ts). `schemaVersion` changes only with a
 * breaking change to these shapes.
 *
 * Field rules follow issue #2 and fixtures/README.md (the shared corpus MANIFEST).
 */
import { z } from 'zod';
import { ValidationError, type ValidationIssue } from './errors.ts';

/** RAG status: red = not accepted, amber = some progress, green = implemented or accepted. */
export const RagStatusSchema = z.enum(['red', 'amber', 'green']);
export type RagStatus = z.infer<typeof RagStatusSchema>;

/** What decided the RAG status: the Progress cell's `fill`, a separate RAG `column`, or its `text`. */
export const RagSourceSchema = z.enum(['fill', 'column', 'text']);
export type RagSource = z.infer<typeof RagSourceSchema>;

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

/** The whole result for one PDF: what `extract` writes as `X.json`. */
export const TrackerDocumentSchema = z.object({
  schemaVersion: z.literal(1),
  source: z.object({
    file: z.string(),
    pages: z.number().int().min(0),
    sha256: z.string().regex(/^([0-9a-f]{64})?$/, 'must be a hex SHA-256 or empty'),
  }),
  title: z.string(),
  committee: z.string(),
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
    const path = issue.path
      .map((p, i) => (typeof p === 'number' ? `[${p}]` : `${i ? '.' : ''}${String(p)}`))
      .join('');
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
    dictionary: fn<() => Promise<(word: string) => boolean>>('returning a promise of a word lookup').optional(),
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
  })
  .strict();

/** Issues of an options object as "name: message" strings, or [] when it is valid. */
export function checkExtractOptions(options: unknown): string[] {
  const result = ExtractOptionsSchema.safeParse(options);
  if (result.success) return [];
  return result.error.issues.map((i) => `${i.path.join('.') || (i.code === 'unrecognized_keys' ? (i as { keys?: string[] }).keys?.join(', ') : 'options')}: ${i.message}`);
}
