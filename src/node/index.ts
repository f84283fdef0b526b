/**
 * `impact-tracker/node`: the Node-only helpers around the browser-safe core — report fonts,
 * the word list, file conversion, bulk conversion on worker threads, atomic file writes,
 * records.sqlite (write, read, search), records files, the review server and corrections.
 */
export { loadReportFonts } from './fonts.ts';
export { loadDictionary } from './dictionary.ts';
export { convertFile, type ConvertTask, type ConvertResult, type ConvertHooks } from './convert.ts';
export { loadOcrEngine, closeOcrEngine, keepOcrEngineWarm } from './ocr.ts';
export { runBatch, type BatchOptions } from './batch.ts';
export { extractMany, planExtract, type ExtractManyOptions, type ExtractManySummary } from './extract-many.ts';
export { FORMATS, DEFAULT_FORMATS, parseFormats, type Format } from './formats.ts';
export type { FilePlan } from './incremental.ts';
export { RecordsDatabaseWriter, OrderedDatabaseWriter } from './database/write.ts';
export { openRecordsDatabase, loadDocument, storedDocuments } from './database/read.ts';
export { searchRecords, type SearchOptions, type SearchHit } from './database/search.ts';
export { DATABASE_SCHEMA_VERSION, DATABASE_DDL } from './database/schema.ts';
export type { BatchResult, BatchRows } from './worker.ts';
export { writeFileAtomic, readInput, expandInputs, outputBaseNames } from './io.ts';
export { readDocuments, type ReadDocumentsOptions } from './records.ts';
export { startReviewServer, type ReviewServerOptions, type ReviewServer } from './review-server.ts';
export { applyCorrectionsFile, correctionsPath } from './corrections-file.ts';
