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
export { writeReport, type ReportOptions, type ReportFonts } from './write/report.ts';
export type { BBox, TextItem, Ruling, FilledRect, Page, Rgb } from './types.ts';
export type { Table, Column, Cell, RowSegment, TablePart } from './layout/table.ts';
export { documentsToCsv, parseRecordsCsv, errorsToCsv, CSV_COLUMNS } from './write/csv.ts';
export { documentToJson, documentsToJsonl, parseRecordsJson } from './write/json.ts';
export { writeDebugOverlay } from './write/debug.ts';
export { applyCorrections, applyList, parseCorrections, correctionsToJson, editRecord, mergeWithNext, splitRecord, deleteRecord, addRecord, staleWarnings, type StaleCorrection, type Correction, type CorrectionsFile } from './corrections.ts';
