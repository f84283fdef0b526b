/**
 * The pipeline: bytes → pages → tables → record drafts → validated TrackerDocument.
 * Pure apart from pdf.js: no files, no argv, no globals (DESIGN.md rule 3); runs in a browser.
 */
import { hasText, readPdf, type ReadResult } from './pdf/read.ts';
import { findTables, DEFAULT_LAYOUT_OPTIONS, type Table, type LayoutOptions, type HeaderRow } from './layout/table.ts';
import { baselineGroups, makeLine, splitGroup } from './layout/lines.ts';
import { median } from './layout/geometry.ts';
import { tableToDrafts, type TrackerRecordDraft } from './tracker/assemble.ts';
import { classifyHeader } from './tracker/vocabulary.ts';
import { DEFAULT_LEFT_OUT_OPTIONS, leftOutText } from './tracker/left-out.ts';
import { DEFAULT_RUNNING_TEXT_OPTIONS, findRunningText, numberingWarnings, readClosing, readDocumentHead } from './tracker/document.ts';
import { HYPHENATING_PRODUCER, loadHyphenators, makeHyphenDecider, type WordLookup } from './tracker/hyphen.ts';
import { headingText } from './tracker/text.ts';
import { colourStatus } from './tracker/rag.ts';
import { checkExtractOptions, validateDocument, SCHEMA_VERSION, type TrackerDocument, type Warning } from './schema.ts';
import { TrackerNotFoundError, OptionsError, NoTextLayerError } from './errors.ts';
import type { Page, TextItem } from './types.ts';
import { DEFAULT_MAX_SKEW, DEFAULT_MIN_CONFIDENCE, DEFAULT_OCR_DPI, ocrConfidence, ocrPages, pagesToOcr, type OcrEngineLoader, type OcrMode } from './ocr/index.ts';

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
   * When to OCR (issue #11): `auto` (default) pages with no text that show a scanned image,
   * and pages whose only text is an invisible layer over a scan; `always` every page; `never`
   * none. OCR needs `ocrEngine`; without one no page is OCR'd.
   */
  ocr?: OcrMode;
  /**
   * Loads the canvas and recogniser OCR uses, on first need. Node: `loadOcrEngine` from the
   * node layer (tesseract.js with the English model shipped in @tesseract.js-data/eng; nothing
   * is downloaded). The CLI passes it.
   */
  ocrEngine?: OcrEngineLoader;
  /** OCR'd cells with a lower mean word confidence (0–1) get a LOW_CONFIDENCE review reason. Default 0.8 (src/ocr/confidence.ts). */
  ocrMinConfidence?: number;
  /** Progress callback, before each page is OCR'd (1-based page, its place among the pages to OCR, their count). */
  onOcrPage?: (pageNumber: number, index: number, count: number) => void;
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
    ocr: options.ocr ?? 'auto',
    ocrMinConfidence: options.ocrMinConfidence ?? DEFAULT_MIN_CONFIDENCE,
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
  const read: ReadResult = await readPdf(bytes, { password: options.password, onPage: options.onPage, requireText: false, signal: options.signal });
  // Issue #11: scanned pages are replaced by their OCR'd reading, here and nowhere else.
  const toOcr = options.ocrEngine ? pagesToOcr(read.pages, resolved.ocr) : [];
  if (toOcr.length) {
    read.pages = await ocrPages(bytes, read.pages, toOcr, {
      mode: resolved.ocr,
      engine: options.ocrEngine,
      dpi: DEFAULT_OCR_DPI,
      maxSkew: DEFAULT_MAX_SKEW,
      onPage: options.onOcrPage,
      password: options.password,
    });
  }
  if (!hasText(read.pages)) {
    const ocr = resolved.ocr === 'never' ? 'never' : toOcr.length ? 'empty' : 'unavailable';
    throw new NoTextLayerError(read.pageCount, { ocr, textRuns: read.textRuns });
  }
  return buildDocument(read, { ...resolved, sha256, dictionary: options.dictionary, ocrPages: toOcr });
}

async function buildDocument(
  read: ReadResult,
  opts: ReturnType<typeof resolveOptions> & { sha256: string; dictionary?: ExtractOptions['dictionary']; ocrPages: number[] },
): Promise<ExtractResult> {
  const running = findRunningText(read.pages, classifyHeader);
  const pages: Page[] = read.pages.map((p) => ({ ...p, items: p.items.filter((i) => !running.has(i)) }));
  const { tables, headers } = findTables(pages, classifyHeader, opts.table);
  const reliability = textReliability(pages);
  if (!tables.length) throw new TrackerNotFoundError(headersSeen(pages, headers), reliability.problem);

  // Evidence for line-end decisions: the document's own words, the word list, TeX's patterns.
  const autoHyphenation = HYPHENATING_PRODUCER.test(read.producer);
  // A scan's producer is the scanner: the printed document may have been hyphenated by its
  // typesetter, so OCR'd line-end hyphens are weighed on evidence too (issue #11).
  const weighHyphens = autoHyphenation || opts.ocrPages.length > 0;
  const documentText = pages.flatMap((p) => baselineGroups(p.items).flatMap((g) => splitGroup(g).map((l) => l.text)));
  const needWords = weighHyphens || tables.some(hasBrokenWords);
  const isWord = needWords && opts.dictionary ? await opts.dictionary() : undefined;
  const hyphenators = weighHyphens ? await loadHyphenators() : undefined;
  const keepHyphen = makeHyphenDecider({ autoHyphenation: weighHyphens, documentText, isWord, hyphenators });
  const joinsWord = isWord ? (left: string, right: string) => isWord((left + right).toLowerCase()) && !isWord(left.toLowerCase()) : undefined;
  for (const t of tables) for (const c of t.columns) c.header = headingText(c.headerLines ?? [], c.header, { keepHyphen, joinsWord });

  const brag = usesBlue(pages, tables);
  // Where the text area ends: the lowest point any table part reaches before going on to a new page.
  const continuing = tables.flatMap((t) => t.parts.slice(0, -1).map((p) => p.bbox.bottom));
  const pageBodyBottom = continuing.length ? Math.max(...continuing) : undefined;

  const records: TrackerRecordDraft[] = [];
  const warnings: Warning[] = [];
  let ordinal = 1;
  let spacedParagraphs = 0;
  const sameStep: Array<[TrackerRecordDraft, Array<'recommendation' | 'response' | 'progress'>]> = [];
  for (const t of tables) {
    const r = tableToDrafts(t, {
      keepHyphen,
      joinsWord,
      paragraphStep: opts.paragraphStep,
      firstOrdinal: ordinal,
      brag,
      rowsSplit: !autoHyphenation,
      firstFitBreaks: !autoHyphenation,
      pageBodyBottom,
    });
    records.push(...r.drafts);
    warnings.push(...r.warnings);
    spacedParagraphs += r.spacedParagraphs;
    r.drafts.forEach((d, k) => {
      const fields = r.sameStepGuesses[k];
      if (fields?.length) sameStep.push([d, fields]);
    });
    ordinal = r.lastOrdinal + 1;
  }
  // A document that never spaces its paragraphs cannot show a paragraph break after a sentence
  // that fills its line: each such break was read as a wrap, and is flagged (held-out sweep
  // adult-skills docx-h7, health-inequalities chromium-h5: paragraphs joined, unflagged).
  if (spacedParagraphs === 0) {
    for (const [d, fields] of sameStep) {
      for (const field of fields) {
        d.review.push({
          code: 'PARAGRAPH_GUESS',
          field,
          message: `record ${d.id}: a sentence of the ${field} cell fills its line and the next begins the line below; this document puts no space between paragraphs, so a paragraph break there cannot be seen — read as one paragraph`,
        });
      }
    }
  }
  // RAG read from words everywhere is a fact about the document, said once; a record flags it
  // only where other records show their status by colour or a RAG column.
  const fromText = records.filter((r) => r.ragSource === 'text');
  if (fromText.length && !records.some((r) => r.ragSource && r.ragSource !== 'text')) {
    for (const r of fromText) r.review = r.review.filter((x) => x.code !== 'RAG_FROM_TEXT');
    warnings.push({
      code: 'RAG_FROM_TEXT',
      message: `no RAG status is shown by colour or a RAG column: the RAG status of ${fromText.length} record${fromText.length === 1 ? '' : 's'} was read from the Progress words ("accepted", "in progress", "rejected"…); check them`,
    });
  }
  // Rows a table without row rules could not separate (held-out sweep markets-label-band-no-rules
  // latex-h2: seven rows read as one record): several "should" paragraphs beside several
  // progress paragraphs. Said, since the layout cannot tell.
  for (const r of records) {
    const table = tables[r.table - 1];
    if (table?.method !== 'whitespace') continue;
    const recommendations = r.recommendation.split('\n\n').filter((p) => /\bshould\b/i.test(p)).length;
    const verdicts = r.progress.split('\n\n').filter((p) => p.trim()).length;
    if (recommendations >= 2 && verdicts >= 2) {
      r.review.push({
        code: 'ROWS_MERGED',
        field: 'recommendation',
        message: `this record may hold ${Math.min(recommendations, verdicts)} rows of the table: its recommendation has ${recommendations} paragraphs saying what should be done and its progress ${verdicts} verdicts; check it against the page`,
      });
    }
  }
  const numbering = numberingWarnings(records);
  for (const w of numbering) records.find((r) => r.id === w.recordId)?.review.push({ code: 'NUMBERING', field: 'id', message: w.message });
  warnings.unshift(...numbering);
  uniqueIds(records);
  if (read.copyRestricted) {
    warnings.push({
      code: 'COPY_RESTRICTED',
      message: "the PDF's permissions (set by its owner) forbid copying its text: it was converted, but check that you may reuse the records before publishing them",
    });
  }
  if (reliability.problem) {
    const message = `${reliability.problem}; the records may be wrong: check them against the page`;
    warnings.unshift({ code: 'TEXT_UNRELIABLE', message, ...(reliability.pages[0] ? { page: reliability.pages[0] } : {}) });
    for (const r of records) if (r.pages.some((p) => reliability.pages.includes(p))) r.review.push({ code: 'TEXT_UNRELIABLE', message });
  }
  // Issue #11: how sure OCR was of each cell; cells below the threshold are flagged.
  if (opts.ocrPages.length) warnings.push(...ocrConfidence(records, pages, opts.ocrMinConfidence));

  // The text around the tables: title, committee, introduction, headings, closing.
  const firstPart = tables[0]!.parts[0]!;
  const lastTable = tables[tables.length - 1]!;
  const lastPart = lastTable.parts[lastTable.parts.length - 1]!;
  const before = pages.flatMap((p) =>
    p.pageNumber < firstPart.pageNumber ? p.items : p.pageNumber === firstPart.pageNumber ? p.items.filter((i) => i.bbox.bottom <= firstPart.headerBBox.top + 1) : [],
  );
  const bodySize = median(
    pages.flatMap((p) => p.items.map((i) => i.fontSize)),
    10,
  );
  // Small print in the page's bottom margin zone (a footnote, a footer on a one-page tracker
  // that no repetition reveals) is page furniture, not closing text (sweep fire-brigade latex-s3).
  const furniture = (i: TextItem, p: Page) => i.bbox.bottom > p.height * (1 - DEFAULT_RUNNING_TEXT_OPTIONS.marginShare) && i.fontSize < bodySize * 0.85;
  const after = pages.flatMap((p) =>
    (p.pageNumber > lastPart.pageNumber
      ? p.items
      : p.pageNumber === lastPart.pageNumber
        ? p.items.filter((i) => (i.bbox.top + i.bbox.bottom) / 2 > lastPart.bbox.bottom && !insideAnyPart(i, tables))
        : []
    ).filter((i) => !furniture(i, p)),
  );
  const textRight = new Map(pages.map((p) => [p.pageNumber, Math.max(0, ...p.items.map((i) => i.bbox.x1))]));
  const textOptions = {
    keepHyphen,
    paragraphStep: opts.paragraphStep,
    infoTitle: read.infoTitle,
    firstFitBreaks: !autoHyphenation,
    textRight: (n: number) => textRight.get(n) ?? Infinity,
  };
  const head = withoutReportFurniture(readDocumentHead(before, bodySize, textOptions), read.producer);
  tables[0]!.heading ??= head.heading;
  const closing = readClosing(after, textOptions);

  // Every word kept, checked: text that reached nothing is named, never dropped in silence.
  const everywhere = [
    head.title,
    head.committee,
    head.intro,
    closing,
    // The header row also as one line: a producer may write two headings as one run ("No. Recommendation").
    ...tables.flatMap((t) => [t.heading ?? '', ...t.columns.map((c) => c.header), t.columns.map((c) => c.header).join(' ')]),
    ...warnings.map((w) => w.message),
  ];
  const byPage = new Map<number, string[]>();
  for (const r of records) {
    const fields = [r.id, r.label, r.recommendation, r.response, r.progress, r.rag ?? '', ...Object.entries(r.extra ?? {}).flat()];
    for (const p of r.pages) {
      const texts = byPage.get(p) ?? [];
      texts.push(...fields);
      byPage.set(p, texts);
    }
  }
  const checked = pages.map((p) => ({ ...p, items: p.items.filter((i) => !furniture(i, p)) }));
  for (const left of leftOutText(checked, { everywhere, onPage: (n) => byPage.get(n) ?? [] })) {
    const quote = left.text.length > DEFAULT_LEFT_OUT_OPTIONS.quoteChars ? `${left.text.slice(0, DEFAULT_LEFT_OUT_OPTIONS.quoteChars - 1)}…` : left.text;
    // Beside a table (in its frame, or below it before the next): a record's matter; above the
    // first table or after the last, the document's (a warning only).
    const inTables =
      tables.some((t) => t.parts.some((p) => p.pageNumber === left.page && left.bottom >= p.bbox.top - 1)) &&
      !(left.page === firstPart.pageNumber && left.bottom <= firstPart.bbox.top + 1);
    const near = inTables ? nearestRecord(records, left.page, left.top) : undefined;
    const message = `text on page ${left.page} went into no record, heading or text of the document: "${quote}"; check the records around it`;
    warnings.push({ code: 'TEXT_LEFT_OUT', message, page: left.page, ...(near ? { recordId: near.id } : {}) });
    near?.review.push({ code: 'TEXT_LEFT_OUT', message });
  }

  const document = validateDocument({
    schemaVersion: SCHEMA_VERSION,
    source: { file: opts.fileName, pages: read.pageCount, sha256: opts.sha256, ...(opts.ocrPages.length ? { ocr: opts.ocrPages } : {}) },
    title: head.title,
    committee: head.committee,
    intro: head.intro,
    closing,
    columns: tables[0]!.columns.map((c) => c.header),
    tables: tables.map((t) => ({ index: t.index, heading: t.heading, columns: t.columns.map((c) => c.header), pages: t.pages, method: t.method })),
    records,
    warnings,
  });
  return { document, tables, pages, warnings: document.warnings };
}

/**
 * The record a run of text at `top` on `page` sits beside: the last record whose cells on that
 * page start above it (the row it follows or is in), else the first record on the page.
 */
function nearestRecord(records: TrackerRecordDraft[], page: number, top: number): TrackerRecordDraft | undefined {
  let best: TrackerRecordDraft | undefined;
  let first: TrackerRecordDraft | undefined;
  for (const r of records) {
    const boxes = r.cells ? [...r.cells.recommendation, ...r.cells.response, ...r.cells.progress].filter((c) => c.page === page) : [];
    if (!boxes.length) continue;
    first ??= r;
    if (Math.min(...boxes.map((b) => b.bbox.top)) <= top + 1) best = r;
  }
  return best ?? first;
}

/** True when a text item lies inside a part of any table (a table below the closing text's start). */
function insideAnyPart(item: Page['items'][number], tables: Table[]): boolean {
  return tables.some((t) =>
    t.parts.some(
      (p) =>
        p.pageNumber === item.pageNumber &&
        item.bbox.top >= p.bbox.top - 1 &&
        item.bbox.bottom <= p.bbox.bottom + 1 &&
        item.bbox.x0 >= p.bbox.x0 - 2 &&
        item.bbox.x1 <= p.bbox.x1 + 2,
    ),
  );
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
    for (const part of t.parts)
      for (const seg of part.segments)
        for (const k of roles) {
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
    // biome-ignore lint/suspicious/noControlCharactersInRegex: control characters in extracted text are a sign of a garbled text layer
    const bad = (text.match(/[\ufffd\ue000-\uf8ff\u0000-\u001f]/gu) ?? []).length;
    const letters = (text.match(/\p{L}/gu) ?? []).length;
    if (bad > text.length * 0.05 || letters < text.replace(/\s/g, '').length * 0.4) garbled.push(p.pageNumber);
  }
  if (garbled.length) {
    return {
      problem: `the text layer is unreliable: the text of page${garbled.length > 1 ? 's' : ''} ${garbled.join(', ')} decodes to garbage (the PDF's fonts carry no usable character map)`,
      pages: garbled,
      ocrPages,
    };
  }
  if (ocrPages.length) {
    return {
      problem: `the text layer is unreliable: page${ocrPages.length > 1 ? 's' : ''} ${ocrPages.join(', ')} ${ocrPages.length > 1 ? 'are scans' : 'is a scan'} with an invisible OCR text layer, only as good as that OCR`,
      pages: ocrPages,
      ocrPages,
    };
  }
  return { problem: null, pages: [], ocrPages };
}

/**
 * A report this tool wrote (Producer "impact-tracker", src/write/report/tags.ts) read back as a
 * tracker: its page-1 furniture is not the document's content (issue #14). Dropped from the
 * introduction: the brand line "Impact tracker report", the date line, the summary line
 * ("11 recommendations: 7 green, …") and the chart's labels ("0 Red 4 Amber …"); the title
 * the report falls back to when the records have none (src/write/report/layout.ts) is no title.
 * Anything else — a subtitle, an introduction printed with --with-intro — is kept.
 */
export function withoutReportFurniture<T extends { title: string; intro: string }>(head: T, producer: string): T {
  if (!/^impact-tracker\b/.test(producer)) return head;
  const furniture = [/^Impact tracker report$/, /^\d{1,2} [A-Z][a-z]+ \d{4}$/, /^\d+ recommendations?: .*not rated\.$/, /^(?:\d+ (?:Red|Amber|Green|Blue|Not rated)\s*)+$/];
  const intro = head.intro
    .split('\n\n')
    .filter((p) => !furniture.some((re) => re.test(p.trim())))
    .join('\n\n');
  const title = /^Recommendation impact tracker report$/.test(head.title) ? '' : head.title;
  return { ...head, title, intro };
}
