/**
 * impact-tracker's public door: extraction, writers, types and errors.
 * Everything here runs in Node and in browsers (no `node:` imports); file and font loading
 * for Node lives in `impact-tracker/node` (src/node/).
 */
export { extractTracker, type ExtractOptions, type ExtractResult } from './pipeline.ts';
export {
  validateDocument,
  validateRecord,
  TrackerDocumentSchema,
  TrackerRecordSchema,
  type TrackerDocument,
  type TrackerRecord,
  type RagStatus,
  type RagSource,
  type Warning,
  type CellBox,
} from './schema.ts';
export * from './errors.ts';
export {
  writeReport,
  renderReport,
  renderChangesReport,
  type ReportOptions,
  type ReportFonts,
  type RenderedReport,
  type ReportWarning,
  type ChangesReportOptions,
} from './write/report/index.ts';
export { compareTrackers, type TrackerComparison, type RecordChange, type ChangeStatus, type CompareOptions, type DiffSegment } from './compare/index.ts';
export { documentsToXlsx } from './write/xlsx.ts';
export type { BBox, TextItem, Ruling, FilledRect, Page, Rgb, OcrPageInfo } from './types.ts';
export type { OcrEngine, OcrEngineLoader, OcrMode, OcrCanvas, GreyImage, RecognizedLine, RecognizedWord } from './ocr/index.ts';
export type { Table, Column, Cell, RowSegment, TablePart } from './layout/table.ts';
export { documentsToCsv, parseRecordsCsv, errorsToCsv, changesToCsv, CSV_COLUMNS, CHANGES_COLUMNS } from './write/csv.ts';
export { documentToJson, documentsToJsonl, parseRecordsJson } from './write/json.ts';
export { writeDebugOverlay, renderDebugOverlay, type DebugOptions, type DebugOverlay } from './write/debug.ts';
export {
  applyCorrections,
  applyList,
  parseCorrections,
  correctionsToJson,
  editRecord,
  mergeWithNext,
  splitRecord,
  deleteRecord,
  addRecord,
  staleWarnings,
  type StaleCorrection,
  type Correction,
  type CorrectionsFile,
} from './corrections.ts';
