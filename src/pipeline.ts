/**
 * The pipeline: bytes → pages → tables → record drafts → validated TrackerDocument.
 * Pure apart from pdf.js: no files, no argv, no globals (DESIGN.md rule 3); runs in a browser.
 */
import { readPdf, type ReadResult } from './pdf/read.ts';
import { findTables, DEFAULT_LAYOUT_OPTIONS, type Table, type LayoutOptions, type HeaderRow } from './layout/table.ts';
import { baselineGroups, makeLine, splitGroup } from './layout/lines.ts';
import { median } from './layout/geometry.ts';
import { tableToDrafts, type TrackerRecordDraft } from './tracker/assemble.ts';
import { classifyHeader } from './tracker/vocabulary.ts';
import { DEFAULT_RUNNING_TEXT_OPTIONS, findRunningText, numberingWarnings, readClosing, readDocumentHead } from './tracker/document.ts';
import { HYPHENATING_PRODUCER, loadHyphenators, makeHyphenDecider, type WordLookup } from './tracker/hyphen.ts';
import { headingText } from './tracker/text.ts';
import { colourStatus } from './tracker/rag.ts';
import { checkExtractOptions, validateDocument, SCHEMA_VERSION, type TrackerDocument, type Warning } from './schema.ts';
import { TrackerNotFoundError, OptionsError } from './errors.ts';
import type { Page, TextItem } from './types.ts';

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
  dictionary?: () => Promise<WordLookup>;
  /** Layout tolerances (points / font-size ratios), see LayoutOptions (src/layout/options.ts). */
  table?: Partial<Omit<LayoutOptions, 'lines'>>;
  /** A baseline step larger than the line pitch × this starts a paragraph. Default 1.2. */
  paragraphStep?: number;
  /** Progress callback, once per page read (1-based page, page count). */
  onPage?: (pageNumber: number, pageCount: number) => void;
  /**
   * Stops the extraction: pdf.js's document is freed at once, which ends a page being read at
   * pdf.js's next check (many times a second); rejects with the signal's reason (issue #9: the
   * one-file run's time and memory limits).
   */
  signal?: AbortSignal;
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

/**
 * The first row of each table-like block of a document with no tracker, for the error message:
 * lines of two or more short cells, de-duplicated, readable (rows with no letters — a text layer
 * that decodes to nothing — are left out), at most five.
 */
function headersSeen(pages: Page[], headers: HeaderRow[]): string[][] {
  if (headers.length) return [headers[0]!.cells.map((c) => c.text)];
  const out: string[][] = [];
  const seen = new Set<string>();
  for (const p of pages) {
    let inBlock = false;
    for (const g of baselineGroups(p.items)) {
      const parts = splitGroup(g);
      const row = parts.length >= 2 && parts.every((x) => x.text.split(' ').length <= 5);
      if (row && !inBlock) {
        const cells = parts.map((x) => x.text.trim());
        const key = cells.join('|').toLowerCase();
        if (cells.some((c) => /\p{L}{2}/u.test(c)) && !seen.has(key)) {
          seen.add(key);
          out.push(cells);
        }
      }
      inBlock = parts.length >= 2;
      if (out.length >= 5) return out;
    }
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
  const read: ReadResult = await readPdf(bytes, { password: options.password, onPage: options.onPage, signal: options.signal });
  return buildDocument(read, { ...resolved, sha256, dictionary: options.dictionary });
}

async function buildDocument(
  read: ReadResult,
  opts: ReturnType<typeof resolveOptions> & { sha256: string; dictionary?: ExtractOptions['dictionary'] },
): Promise<ExtractResult> {
  const running = findRunningText(read.pages, classifyHeader);
  const pages: Page[] = read.pages.map((p) => ({ ...p, items: p.items.filter((i) => !running.has(i)) }));
  const { tables, headers } = findTables(pages, classifyHeader, opts.table);
  const reliability = textReliability(pages);
  if (!tables.length) throw new TrackerNotFoundError(headersSeen(pages, headers), reliability.problem);

  // Evidence for line-end decisions: the document's own words, the word list, TeX's patterns.
  const autoHyphenation = HYPHENATING_PRODUCER.test(read.producer);
  const documentText = pages.flatMap((p) => baselineGroups(p.items).flatMap((g) => splitGroup(g).map((l) => l.text)));
  const needWords = autoHyphenation || tables.some(hasBrokenWords);
  const isWord = needWords && opts.dictionary ? await opts.dictionary() : undefined;
  const hyphenators = autoHyphenation ? await loadHyphenators() : undefined;
  const keepHyphen = makeHyphenDecider({ autoHyphenation, documentText, isWord, hyphenators });
  const joinsWord = isWord ? (left: string, right: string) => isWord((left + right).toLowerCase()) && !isWord(left.toLowerCase()) : undefined;
  for (const t of tables) for (const c of t.columns) c.header = headingText(c.headerLines ?? [], c.header, { keepHyphen, joinsWord });

  const brag = usesBlue(pages, tables);
  // Where the text area ends: the lowest point any table part reaches before going on to a new page.
  const continuing = tables.flatMap((t) => t.parts.slice(0, -1).map((p) => p.bbox.bottom));
  const pageBodyBottom = continuing.length ? Math.max(...continuing) : undefined;

  const records: TrackerRecordDraft[] = [];
  const warnings: Warning[] = [];
  let ordinal = 1;
  for (const t of tables) {
    const r = tableToDrafts(t, { keepHyphen, joinsWord, paragraphStep: opts.paragraphStep, firstOrdinal: ordinal, brag, rowsSplit: !autoHyphenation, firstFitBreaks: !autoHyphenation, pageBodyBottom });
    records.push(...r.drafts);
    warnings.push(...r.warnings);
    ordinal = r.lastOrdinal + 1;
  }
  // RAG read from words everywhere is a fact about the document, said once; a record flags it
  // only where other records show their status by colour or a RAG column.
  const fromText = records.filter((r) => r.ragSource === 'text');
  if (fromText.length && !records.some((r) => r.ragSource && r.ragSource !== 'text')) {
    for (const r of fromText) r.review = r.review.filter((x) => x.code !== 'RAG_FROM_TEXT');
    warnings.push({ code: 'RAG_FROM_TEXT', message: `no RAG status is shown by colour or a RAG column: the RAG status of ${fromText.length} record${fromText.length === 1 ? '' : 's'} was read from the Progress words ("accepted", "in progress", "rejected"…); check them` });
  }
  const numbering = numberingWarnings(records);
  for (const w of numbering) records.find((r) => r.id === w.recordId)?.review.push({ code: 'NUMBERING', field: 'id', message: w.message });
  warnings.unshift(...numbering);
  uniqueIds(records);
  if (reliability.problem) {
    const message = `${reliability.problem}; the records may be wrong: check them against the page`;
    warnings.unshift({ code: 'TEXT_UNRELIABLE', message, ...(reliability.pages[0] ? { page: reliability.pages[0] } : {}) });
    for (const r of records) if (r.pages.some((p) => reliability.pages.includes(p))) r.review.push({ code: 'TEXT_UNRELIABLE', message });
  }

  // The text around the tables: title, committee, introduction, headings, closing.
  const firstPart = tables[0]!.parts[0]!;
  const lastTable = tables[tables.length - 1]!;
  const lastPart = lastTable.parts[lastTable.parts.length - 1]!;
  const before = pages.flatMap((p) => (p.pageNumber < firstPart.pageNumber ? p.items : p.pageNumber === firstPart.pageNumber ? p.items.filter((i) => i.bbox.bottom <= firstPart.headerBBox.top + 1) : []));
  const bodySize = median(pages.flatMap((p) => p.items.map((i) => i.fontSize)), 10);
  // Small print in the page's bottom margin zone (a footnote, a footer on a one-page tracker
  // that no repetition reveals) is page furniture, not closing text (sweep fire-brigade latex-s3).
  const furniture = (i: TextItem, p: Page) => i.bbox.bottom > p.height * (1 - DEFAULT_RUNNING_TEXT_OPTIONS.marginShare) && i.fontSize < bodySize * 0.85;
  const after = pages.flatMap((p) => (p.pageNumber > lastPart.pageNumber ? p.items : p.pageNumber === lastPart.pageNumber ? p.items.filter((i) => (i.bbox.top + i.bbox.bottom) / 2 > lastPart.bbox.bottom && !insideAnyPart(i, tables)) : []).filter((i) => !furniture(i, p)));
  const textRight = new Map(pages.map((p) => [p.pageNumber, Math.max(0, ...p.items.map((i) => i.bbox.x1))]));
  const textOptions = { keepHyphen, paragraphStep: opts.paragraphStep, infoTitle: read.infoTitle, firstFitBreaks: !autoHyphenation, textRight: (n: number) => textRight.get(n) ?? Infinity };
  const head = readDocumentHead(before, bodySize, textOptions);
  tables[0]!.heading ??= head.heading;

  const document = validateDocument({
    schemaVersion: SCHEMA_VERSION,
    source: { file: opts.fileName, pages: read.pageCount, sha256: opts.sha256 },
    title: head.title,
    committee: head.committee,
    intro: head.intro,
    closing: readClosing(after, textOptions),
    columns: tables[0]!.columns.map((c) => c.header),
    tables: tables.map((t) => ({ index: t.index, heading: t.heading, columns: t.columns.map((c) => c.header), pages: t.pages, method: t.method })),
    records,
    warnings,
  });
  return { document, tables, pages, warnings: document.warnings };
}

/** True when a text item lies inside a part of any table (a table below the closing text's start). */
function insideAnyPart(item: Page['items'][number], tables: Table[]): boolean {
  return tables.some((t) => t.parts.some((p) => p.pageNumber === item.pageNumber && item.bbox.top >= p.bbox.top - 1 && item.bbox.bottom <= p.bbox.bottom + 1 && item.bbox.x0 >= p.bbox.x0 - 2 && item.bbox.x1 <= p.bbox.x1 + 2));
}

/**
 * Ids unique within a document, always (issue #7): a repeated id gets the table it is in
 * ("1 (table 2)") when another table used it, else its place ("3 (2)").
 */
function uniqueIds(records: TrackerRecordDraft[]): void {
  const seen = new Set<string>();
  for (const r of records) {
    let id = r.id;
    if (seen.has(id)) {
      id = `${r.id} (table ${r.table})`;
      for (let n = 2; seen.has(id); n++) id = `${r.id} (${n})`;
      r.id = id;
    }
    seen.add(id);
  }
}

/**
 * True when some cell of the table has a line that is one word filling its column, followed by
 * a line in lower case (a word broken without a hyphen because it did not fit), or a line
 * ending in a hyphen inside a word: breaks to be checked against the word list.
 */
function hasBrokenWords(table: Table): boolean {
  for (const part of table.parts)
    for (const seg of part.segments)
      for (const cell of seg.cells) {
        const lines = baselineGroups(cell.items).map((g) => makeLine(g));
        for (let k = 1; k < lines.length; k++) {
          const a = lines[k - 1]!.text.trim();
          if (!/\s/.test(a) && /\p{L}$/u.test(a) && /^\p{Ll}/u.test(lines[k]!.text.trim())) return true;
          // A line-end hyphen inside a word: the word list tells an optional hyphen from the author's.
          if (/\p{L}-$/u.test(a) && /^\p{Ll}/u.test(lines[k]!.text.trim())) return true;
        }
      }
  return table.columns.some((c) => (c.headerLines?.length ?? 0) > 1);
}

/**
 * A BRAG tracker (issue #7): its key or headings name blue, or "BRAG", or its Progress/RAG
 * cells are filled blue beside red, amber or green ones.
 */
function usesBlue(pages: Page[], tables: Table[]): boolean {
  const text = pages.flatMap((p) => p.items.map((i) => i.text)).join(' ');
  if (/\bB\s?-?R\s?-?A\s?-?G\b/.test(text) || /\bblue\b[^.]{0,60}\b(?:complete|completed|closed|achieved|implemented|done)\b/i.test(text)) return true;
  for (const t of tables) {
    const roles = t.columns.map((c, k) => (c.key === 'progress' || c.key === 'rag' ? k : -1)).filter((k) => k >= 0);
    const seen = new Set<string>();
    for (const part of t.parts) for (const seg of part.segments) for (const k of roles) {
      const f = seg.cells[k]?.fill;
      const s = f ? colourStatus(f) : null;
      if (s) seen.add(s);
    }
    if (seen.has('blue') && (seen.has('red') || seen.has('amber') || seen.has('green'))) return true;
  }
  return false;
}

/**
 * Whether the text can be trusted (issue #7): pages whose text is an invisible OCR layer over a
 * scan, or text that decodes to garbage (U+FFFD, private-use code points, or few letters).
 */
function textReliability(pages: Page[]): { problem: string | null; pages: number[]; ocrPages: number[] } {
  const ocrPages = pages.filter((p) => p.textLayer === 'invisible-ocr').map((p) => p.pageNumber);
  const garbled: number[] = [];
  for (const p of pages) {
    const text = p.items.map((i) => i.text).join('');
    if (text.length < 40) continue;
    const bad = (text.match(/[\ufffd\ue000-\uf8ff\u0000-\u001f]/gu) ?? []).length;
    const letters = (text.match(/\p{L}/gu) ?? []).length;
    if (bad > text.length * 0.05 || letters < text.replace(/\s/g, '').length * 0.4) garbled.push(p.pageNumber);
  }
  if (garbled.length) {
    return { problem: `the text layer is unreliable: the text of page${garbled.length > 1 ? 's' : ''} ${garbled.join(', ')} decodes to garbage (the PDF's fonts carry no usable character map)`, pages: garbled, ocrPages };
  }
  if (ocrPages.length) {
    return { problem: `the text layer is unreliable: page${ocrPages.length > 1 ? 's' : ''} ${ocrPages.join(', ')} ${ocrPages.length > 1 ? 'are scans' : 'is a scan'} with an invisible OCR text layer, only as good as that OCR`, pages: ocrPages, ocrPages };
  }
  return { problem: null, pages: [], ocrPages };
}
