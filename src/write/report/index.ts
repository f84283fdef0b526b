/**
 * The printable PDF report (issue #10): an accessible, tagged PDF (PDF/UA-1 as the target) of
 * one or more tracker documents. Pipeline: records → layout.ts (a page plan, pure) → draw.ts
 * (pdf-lib) → tags.ts (structure tree, outline, XMP). pdf-lib only; no `node:` import (the
 * core runs in browsers). Fonts are passed in as bytes — in Node use `loadReportFonts()`.
 */
import { PDFDocument } from 'pdf-lib';
import type { RagStatus, TrackerDocument } from '../../schema.ts';
import { OptionsError, TrackerError, WriteError } from '../../errors.ts';
import { layoutReport, type LayoutSettings } from './layout.ts';
import { drawPlan, type DrawFonts } from './draw.ts';
import { reportFace, type ReportFace } from './font.ts';
import { writeOutline, writeStructureTree, writeXmp, xmpPacket } from './tags.ts';
import type { Face } from './text.ts';
import type { ReportPlan, ReportWarning } from './plan.ts';
import { layoutChanges } from './changes.ts';
import type { TrackerComparison } from '../../compare/index.ts';

export { REPORT_COLUMNS } from './layout.ts';
export type { ReportWarning } from './plan.ts';

/** The two TrueType fonts the report embeds (subset): raw `.ttf` bytes. */
export interface ReportFonts {
  regular: Uint8Array;
  bold: Uint8Array;
}

/** Options of {@link writeReport}; only `fonts` is required. */
export interface ReportOptions {
  /** Required: a Unicode TTF pair (the core cannot read files; Node: `loadReportFonts()`). */
  fonts: ReportFonts;
  /**
   * When the report is made: the PDF's creation and modification dates, the footer's
   * "Generated YYYY-MM-DD" (UTC) and the default of `date`. Default: now. Pass it (the CLI
   * takes `--generated-at` or SOURCE_DATE_EPOCH) for byte-identical output.
   */
  generatedAt?: Date;
  /** The date printed on page 1, as text. Default: `generatedAt` as "29 November 2026" (UTC). */
  date?: string;
  /** Title printed on page 1 and the PDF's Title (default: the document's title; several: "Recommendation impact trackers: N documents"). */
  title?: string;
  /** Committee line printed under the title (default: the document's; several: none). */
  committee?: string;
  /** A line printed under the committee. */
  subtitle?: string;
  /** Language of the text, a BCP 47 tag (PDF /Lang, XMP dc:language). Default `en-GB`. */
  lang?: string;
  /** A4 landscape instead of portrait. */
  landscape?: boolean;
  /** Record order within a table: as in the document (default), by id (natural), or by RAG (red first). */
  sort?: 'document' | 'id' | 'rag';
  /** List only records of these RAG statuses (`none` = not rated). The chart still counts all. */
  only?: Array<RagStatus | 'none'>;
  /** One printed table per table of the document (default), or one per RAG status. */
  groupBy?: 'table' | 'rag';
  /** Print each document's introduction and closing text (`intro`, `closing`). */
  withIntro?: boolean;
}

/** What {@link renderReport} returns. */
export interface RenderedReport {
  pdf: Uint8Array;
  pages: number;
  /** Characters the font could not print (with where), duplicate ids in one table. */
  warnings: ReportWarning[];
}

/** Fixed subset names (a random suffix would make the bytes differ per run). */
const FONT_NAMES = { regular: 'ITRKAA+DejaVuSans', bold: 'ITRKAB+DejaVuSans-Bold' } as const;

/**
 * Layout's view of a face: its characters and widths (measured per glyph, cached per string
 * for this report). Text maps to glyphs through the font's cmap alone, without OpenType
 * shaping: ligatures would extract back as one character (or not at all) and break the words
 * round trip, and pdf-lib drew advance widths only, so kerning and mark positioning never
 * showed (shaping was half the report's time when pdf-lib still measured through it).
 */
function face(font: ReportFace): Face {
  return { chars: font.chars, measure: (s, size) => font.measure(s, size), widths: new Map() };
}

const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];
/** "29 November 2026" (UTC; British order, fixed month names so no locale data changes the bytes). */
export function longDate(d: Date): string {
  return `${d.getUTCDate()} ${MONTHS[d.getUTCMonth()]} ${d.getUTCFullYear()}`;
}

const RAG_FILTERS = ['red', 'amber', 'green', 'blue', 'none'] as const;

/** Check and fill the options (DESIGN.md rule 5). @throws OptionsError INVALID_OPTIONS */
function resolve(options: ReportOptions): { settings: LayoutSettings; generatedAt: Date; lang: string } {
  const problems: string[] = [];
  const generatedAt = options.generatedAt ?? new Date();
  if (!(generatedAt instanceof Date) || Number.isNaN(generatedAt.getTime())) problems.push('generatedAt: must be a valid Date');
  if (options.sort !== undefined && !['document', 'id', 'rag'].includes(options.sort)) problems.push(`sort: must be document, id or rag (got ${String(options.sort)})`);
  if (options.groupBy !== undefined && !['table', 'rag'].includes(options.groupBy)) problems.push(`groupBy: must be table or rag (got ${String(options.groupBy)})`);
  if (options.only !== undefined && (!Array.isArray(options.only) || !options.only.length || options.only.some((o) => !(RAG_FILTERS as readonly string[]).includes(o)))) {
    problems.push(`only: must list one or more of ${RAG_FILTERS.join(', ')} (got ${JSON.stringify(options.only)})`);
  }
  const lang = options.lang ?? 'en-GB';
  if (!/^[A-Za-z]{2,8}(-[A-Za-z0-9]{1,8})*$/.test(lang)) problems.push(`lang: must be a language tag like en-GB or cy (got ${lang})`);
  if (problems.length) throw new OptionsError('INVALID_OPTIONS', `invalid report options: ${problems.join('; ')}`);
  const text = (s: string | undefined) => (s !== undefined && s.trim() !== '' ? s : null);
  return {
    generatedAt,
    lang,
    settings: {
      title: text(options.title),
      committee: options.committee !== undefined ? options.committee : null,
      subtitle: text(options.subtitle),
      date: text(options.date) ?? longDate(generatedAt),
      generated: generatedAt.toISOString().slice(0, 10),
      landscape: options.landscape ?? false,
      sort: options.sort ?? 'document',
      only: options.only ? RAG_FILTERS.filter((r) => options.only!.includes(r)) : null,
      groupBy: options.groupBy ?? 'table',
      withIntro: options.withIntro ?? false,
    },
  };
}

/**
 * Render tracker documents as an accessible A4 PDF report, and say what could not be printed.
 *
 * One document: page 1 has the title, committee, subtitle, date, a summary line and a RAG
 * chart, then a table per table of the document under its heading (the source's own column
 * headings, the header row on every page). Several: a cover with the overall chart, a contents
 * page and the RAG counts per document, then a section per document; bookmarks per document
 * and table. Tagged: Document → H1/H2/P/Figure/Table (THead/TBody/TR/TH/TD); page furniture,
 * repeated header rows and continuation labels are artifacts.
 *
 * Deterministic: the same documents and options (with `generatedAt`) give identical bytes.
 * @throws WriteError WRITE_FAILED when no document is given, the fonts are missing or cannot be
 *   embedded, or pdf-lib fails; OptionsError INVALID_OPTIONS for a bad option.
 * @example
 * ```ts
 * const { pdf, warnings } = await renderReport(result.document, { fonts: await loadReportFonts(), generatedAt: new Date('2026-03-01') });
 * ```
 */
export async function renderReport(docs: TrackerDocument | TrackerDocument[], options: ReportOptions): Promise<RenderedReport> {
  const list = Array.isArray(docs) ? docs : [docs];
  if (list.length === 0) {
    throw new WriteError('WRITE_FAILED', 'cannot write a report of no documents: pass at least one TrackerDocument');
  }
  checkFonts(options);
  const { settings, generatedAt, lang } = resolve(options);
  try {
    const { pdf, regular, bold } = await startPdf(options.fonts);
    const plan = layoutReport(list, { regular: face(regular), bold: face(bold) }, settings);
    return await finish(pdf, plan, { regular, bold }, generatedAt, lang);
  } catch (err) {
    if (err instanceof TrackerError) throw err;
    throw new WriteError('WRITE_FAILED', `could not write the PDF report: ${(err as Error)?.message ?? err}`, { cause: err });
  }
}

/** A new PDF and the two faces (parsed once per process; embedded when the plan is drawn). */
async function startPdf(fonts: ReportFonts): Promise<{ pdf: PDFDocument } & DrawFonts> {
  const pdf = await PDFDocument.create({ updateMetadata: false });
  try {
    return { pdf, regular: reportFace(fonts.regular, FONT_NAMES.regular), bold: reportFace(fonts.bold, FONT_NAMES.bold) };
  } catch (cause) {
    throw new WriteError('WRITE_FAILED', `could not read the report fonts (expected TrueType .ttf bytes): ${(cause as Error)?.message ?? cause}`, { cause });
  }
}

/** Draw the plan, tag it, set the metadata (Info, XMP, /Lang, DisplayDocTitle) and save. */
async function finish(pdf: PDFDocument, plan: ReportPlan, fonts: DrawFonts, generatedAt: Date, lang: string): Promise<RenderedReport> {
  const content = await drawPlan(pdf, plan, fonts);
  writeStructureTree(pdf, plan.nodes, content);
  writeOutline(
    pdf,
    plan.outline,
    content.map((c) => c.page),
  );
  pdf.setTitle(plan.title, { showInWindowTitleBar: true });
  pdf.setSubject(plan.subject);
  pdf.setProducer('impact-tracker');
  pdf.setCreator('impact-tracker');
  pdf.setCreationDate(generatedAt);
  pdf.setModificationDate(generatedAt);
  pdf.setLanguage(lang);
  writeXmp(pdf, xmpPacket({ title: plan.title, subject: plan.subject, lang, date: generatedAt, producer: 'impact-tracker' }));
  // setTitle made /ViewerPreferences; make sure DisplayDocTitle is there (PDF/UA-1 §7.1).
  pdf.catalog.getOrCreateViewerPreferences().setDisplayDocTitle(true);
  const bytes = await pdf.save({ useObjectStreams: false });
  return { pdf: bytes, pages: plan.pages.length, warnings: plan.warnings };
}

function checkFonts(options: { fonts?: ReportFonts } | undefined): void {
  if (!options?.fonts?.regular?.length || !options.fonts.bold?.length) {
    throw new WriteError(
      'WRITE_FAILED',
      'the report needs TrueType font bytes: pass { fonts: { regular, bold } } (in Node: `fonts: await loadReportFonts()` from src/node/fonts.ts)',
    );
  }
}

/** Options of {@link renderChangesReport}. */
export type ChangesReportOptions = Pick<ReportOptions, 'fonts' | 'generatedAt' | 'date' | 'title' | 'lang' | 'landscape'>;

/**
 * Render a comparison (src/compare, `compareTrackers`) as an accessible PDF: the summary and
 * RAG counts before and after on page 1, then what moved, what was updated (word-level diffs:
 * insertions underlined, deletions struck through), what is new, removed and unchanged.
 * Deterministic with `generatedAt`.
 * @throws WriteError WRITE_FAILED (fonts, pdf-lib); OptionsError INVALID_OPTIONS.
 * @example
 * ```ts
 * const { pdf } = await renderChangesReport(compareTrackers(march, june), { fonts: await loadReportFonts() });
 * ```
 */
export async function renderChangesReport(cmp: TrackerComparison, options: ChangesReportOptions): Promise<RenderedReport> {
  checkFonts(options);
  const { settings, generatedAt, lang } = resolve(options);
  try {
    const { pdf, regular, bold } = await startPdf(options.fonts);
    const plan = layoutChanges(
      cmp,
      { regular: face(regular), bold: face(bold) },
      { title: settings.title, date: settings.date, generated: settings.generated, landscape: settings.landscape },
    );
    return await finish(pdf, plan, { regular, bold }, generatedAt, lang);
  } catch (err) {
    if (err instanceof TrackerError) throw err;
    throw new WriteError('WRITE_FAILED', `could not write the changes report: ${(err as Error)?.message ?? err}`, { cause: err });
  }
}

/**
 * {@link renderReport} returning the PDF bytes only (warnings are dropped: use renderReport to
 * show them).
 * @example
 * ```ts
 * const bytes = await writeReport(result.document, { fonts: await loadReportFonts() });
 * ```
 */
export async function writeReport(docs: TrackerDocument | TrackerDocument[], options: ReportOptions): Promise<Uint8Array> {
  return (await renderReport(docs, options)).pdf;
}
