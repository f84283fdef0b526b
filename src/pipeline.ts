/**
 * The pipeline: bytes → pages → tables → record drafts → validated TrackerDocument.
 * Pure apart from pdf.js: no files, no argv, no globals (DESIGN.md rule 3); runs in a browser.
 */
import { readPdf, type ReadResult } from './pdf/read.ts';
import { findTables, DEFAULT_LAYOUT_OPTIONS, type Table, type LayoutOptions, type HeaderRow } from './layout/table.ts';
import { baselineGroups, makeLine, splitGroup } from './layout/lines.ts';
import { tableToDrafts } from './tracker/assemble.ts';
import { classifyHeader } from './tracker/vocabulary.ts';
import { findRunningText, numberingWarnings, readTitle } from './tracker/document.ts';
import { HYPHENATING_PRODUCER, makeHyphenDecider } from './tracker/hyphen.ts';
import { checkExtractOptions, validateDocument, SCHEMA_VERSION, type TrackerDocument, type Warning } from './schema.ts';
import { TrackerNotFoundError, OptionsError } from './errors.ts';
import type { Page } from './types.ts';

/** Public options of {@link extractTracker}; all optional. */
export interface ExtractOptions {
  /** User password of an encrypted PDF. */
  password?: string;
  /** File name recorded in `source.file` (the library never sees paths). Default "document.pdf". */
  fileName?: string;
  /**
   * A word list lookup used to undo automatic hyphenation in TeX-made PDFs, loaded on first
   * need. Node: `loadDictionary` from the node layer (the CLI passes it). Without it, a
   * line-end hyphen in a TeX document is removed unless the document spells the word with one.
   */
  dictionary?: () => Promise<(word: string) => boolean>;
  /** Layout tolerances (points / font-size ratios), see LayoutOptions (src/layout/options.ts). */
  table?: Partial<Omit<LayoutOptions, 'lines'>>;
  /** A baseline step larger than the line pitch × this starts a paragraph. Default 1.2. */
  paragraphStep?: number;
  /** Progress callback, once per page read (1-based page, page count). */
  onPage?: (pageNumber: number, pageCount: number) => void;
}

/** Everything extraction found: the document, the tables (geometry) and the pages read. */
export interface ExtractResult {
  document: TrackerDocument;
  tables: Table[];
  pages: Page[];
  warnings: Warning[];
}

/**
 * Resolve the public options once (DESIGN.md rule 5): check them with zod, fill defaults, and
 * hand each stage only its slice.
 * @throws OptionsError INVALID_OPTIONS naming the option.
 */
function resolveOptions(options: ExtractOptions) {
  const problems = checkExtractOptions(options);
  if (problems.length) throw new OptionsError('INVALID_OPTIONS', `invalid extract options: ${problems.join('; ')}`);
  return {
    paragraphStep: options.paragraphStep ?? 1.2,
    table: { ...DEFAULT_LAYOUT_OPTIONS, ...(options.table ?? {}) },
    fileName: options.fileName ?? 'document.pdf',
  };
}

async function sha256Hex(bytes: Uint8Array): Promise<string> {
  const digest = await globalThis.crypto.subtle.digest('SHA-256', bytes as Uint8Array<ArrayBuffer>);
  return [...new Uint8Array(digest)].map((b) => b.toString(16).padStart(2, '0')).join('');
}

/** Header-like rows of a document with no tracker: first short multi-cell line per page (for the error message). */
function headersSeen(pages: Page[], headers: HeaderRow[]): string[][] {
  if (headers.length) return [headers[0].cells.map((c) => c.text)];
  const out: string[][] = [];
  for (const p of pages) {
    for (const g of baselineGroups(p.items)) {
      const parts = splitGroup(g);
      if (parts.length >= 2 && parts.every((x) => x.text.split(' ').length <= 5)) {
        out.push(parts.map((x) => x.text));
        break;
      }
    }
    if (out.length >= 3) break;
  }
  return out;
}

/**
 * Extract a tracker from PDF bytes.
 *
 * @param bytes the PDF file's bytes (not modified; pdf.js gets a copy).
 * @returns the validated document (records with pages and cell boxes in points, top-left
 *   origin, pages 1-based), the tables found and the pages read.
 * @throws PdfLoadError EMPTY_FILE | NOT_PDF | PDF_CORRUPT; PdfPasswordError PDF_PASSWORD;
 *   NoTextLayerError NO_TEXT_LAYER; TrackerNotFoundError TRACKER_NOT_FOUND (with the headers it
 *   saw); ValidationError VALIDATION; OptionsError INVALID_OPTIONS.
 * @example
 *   const { document } = await extractTracker(bytes, { fileName: 'tracker.pdf' });
 *   document.records[0].rag // 'green'
 */
export async function extractTracker(bytes: Uint8Array, options: ExtractOptions = {}): Promise<ExtractResult> {
  const resolved = resolveOptions(options);
  const sha256 = await sha256Hex(bytes);
  const read: ReadResult = await readPdf(bytes, { password: options.password, onPage: options.onPage });
  return buildDocument(read, { ...resolved, sha256, dictionary: options.dictionary });
}

async function buildDocument(
  read: ReadResult,
  opts: ReturnType<typeof resolveOptions> & { sha256: string; dictionary?: ExtractOptions['dictionary'] },
): Promise<ExtractResult> {
  const running = findRunningText(read.pages, classifyHeader);
  const pages: Page[] = read.pages.map((p) => ({ ...p, items: p.items.filter((i) => !running.has(i)) }));
  const { tables, headers } = findTables(pages, classifyHeader, opts.table);
  if (!tables.length) throw new TrackerNotFoundError(headersSeen(pages, headers));

  const autoHyphenation = HYPHENATING_PRODUCER.test(read.producer);
  const allText = pages.flatMap((p) => p.items.map((i) => i.text));
  const isWord = autoHyphenation && opts.dictionary ? await opts.dictionary() : undefined;
  const keepHyphen = makeHyphenDecider(autoHyphenation, allText, isWord);

  const records = [];
  const warnings: Warning[] = [];
  for (const t of tables) {
    const r = tableToDrafts(t, { keepHyphen, paragraphStep: opts.paragraphStep });
    records.push(...r.drafts);
    warnings.push(...r.warnings);
  }
  warnings.unshift(...numberingWarnings(records));

  const first = tables[0].parts[0];
  const firstPage = pages.find((p) => p.pageNumber === first.pageNumber)!;
  const above = firstPage.items.filter((i) => i.bbox.bottom <= first.headerBBox.top + 1);
  // Text above the table on the first page; else the first page's top lines.
  const titleSource = above.length ? above : (pages[0]?.items ?? []).filter((i) => i.bbox.top < (pages[0]?.height ?? 0) * 0.2);
  const { title, committee } = readTitle(titleSource, read.infoTitle, keepHyphen);
  tables[0].heading ??= headingAbove(above);

  const document = validateDocument({
    schemaVersion: SCHEMA_VERSION,
    source: { file: opts.fileName, pages: read.pageCount, sha256: opts.sha256 },
    title,
    committee,
    columns: tables[0].columns.map((c) => c.header),
    tables: tables.map((t) => ({ index: t.index, heading: t.heading, columns: t.columns.map((c) => c.header), pages: t.pages, method: t.method })),
    records,
    warnings,
  });
  return { document, tables, pages, warnings: document.warnings };
}

/**
 * The heading of the first table: the line right above its header row when it looks like a
 * heading (bold or larger than the text above it, short, not a sentence), e.g. "Recommendations
 * from “Rain Check” (October 2022)" in the Chromium fixture.
 */
function headingAbove(above: Page['items']): string | null {
  const groups = baselineGroups(above);
  const lines = groups.map((g) => makeLine(g));
  const last = lines[lines.length - 1];
  if (!last || lines.length < 2) return null;
  // A heading is one run of text, not separate pieces across the page (the report's RAG chips).
  if (splitGroup(groups[groups.length - 1]).length > 1) return null;
  const sizes = lines.map((l) => l.fontSize).sort((a, b) => a - b);
  const body = sizes[Math.floor(sizes.length / 2)];
  const looksLikeHeading = (last.bold || last.fontSize > body * 1.1) && last.text.length <= 120 && !/[.;,]$/.test(last.text);
  // The title block itself (title, committee) is not a table heading.
  const maxSize = sizes[sizes.length - 1];
  return looksLikeHeading && last.fontSize < maxSize ? last.text : null;
}
