/**
 * The layout of records.sqlite (issue #13): one row per document, table, record, cell box,
 * review reason, warning and failed file, with foreign keys between them and an FTS5 index over
 * the three text fields. The README's "For researchers" section documents it for readers; this
 * DDL is the reference.
 *
 * Conventions: `*_id INTEGER PRIMARY KEY` keys; lists and objects (pages, columns, `extra`,
 * OCR `confidence`) as compact JSON text (`json_each()` in SQLite, `json.loads` in Python);
 * every value the record's JSON has is here, so a document can be rebuilt from its rows
 * exactly (read.ts, for `--skip-unchanged`).
 */

import { RagSourceSchema, RagStatusSchema } from '../../schema.ts';

/**
 * Version of this layout, stored as `meta.schema_version` and `PRAGMA user_version`. It
 * changes only when a query written for an earlier layout could break (a table or column
 * renamed or removed); adding a column or table keeps it.
 */
export const DATABASE_SCHEMA_VERSION = 1;

/** SQL list of the record schema's values, so the CHECKs follow src/schema.ts (`manual` came with issue #8). */
const sqlList = (values: readonly string[]) => values.map((v) => `'${v}'`).join(', ');

/** `PRAGMA application_id`: "ImTr", so `file(1)`-style tools can tell our databases apart. */
export const APPLICATION_ID = 0x496d5472;

/** The statements that create an empty database, in order. */
export const DATABASE_DDL = `
CREATE TABLE meta (
  key   TEXT PRIMARY KEY,          -- schema_version, record_schema_version, tool, tool_version, created_at
  value TEXT NOT NULL
) WITHOUT ROWID;

CREATE TABLE documents (
  document_id  INTEGER PRIMARY KEY, -- 1-based place in the run's input order
  file         TEXT NOT NULL UNIQUE, -- as records.csv's file: the PDF's name, or its path as given where two inputs share a name
  path         TEXT NOT NULL,       -- relative to the input root it was found under, '/'-separated ('' when unknown)
  output       TEXT,                -- base name of the file's own outputs (X of X.json), NULL when none
  sha256       TEXT NOT NULL,       -- of the PDF's bytes, hex
  pages        INTEGER NOT NULL,
  ocr_pages    TEXT,                -- JSON array of pages read by OCR, NULL when none
  title        TEXT NOT NULL,
  committee    TEXT NOT NULL,
  intro        TEXT NOT NULL,       -- text before the first table
  closing      TEXT NOT NULL,       -- text after the last table
  columns      TEXT NOT NULL,       -- JSON array: header strings of the first table, as printed
  record_count INTEGER NOT NULL,
  tool_version TEXT NOT NULL,       -- impact-tracker version that converted the file
  converted_at TEXT NOT NULL        -- ISO 8601 UTC time of that conversion
);

CREATE TABLE tables (
  table_id    INTEGER PRIMARY KEY,
  document_id INTEGER NOT NULL REFERENCES documents (document_id),
  number      INTEGER NOT NULL,     -- 1-based table of the document (records.table_number)
  heading     TEXT,                 -- the paragraph above the table, NULL when none
  columns     TEXT NOT NULL,        -- JSON array of header strings
  pages       TEXT NOT NULL,        -- JSON array of 1-based pages
  method      TEXT NOT NULL CHECK (method IN ('ruled', 'whitespace')),
  UNIQUE (document_id, number)
);

-- The short columns come before the long texts: a filter on rag reads them without
-- following a long record into its overflow pages.
CREATE TABLE records (
  record_id      INTEGER PRIMARY KEY,
  document_id    INTEGER NOT NULL REFERENCES documents (document_id),
  table_id       INTEGER REFERENCES tables (table_id), -- NULL only when the document lists no such table
  position       INTEGER NOT NULL,  -- 1-based place in the document
  table_number   INTEGER NOT NULL,  -- the JSON record's table
  id             TEXT NOT NULL,     -- the recommendation number as printed ("1", "10")
  label          TEXT NOT NULL,     -- "Recommendation 1", "R3", or ''
  rag            TEXT CHECK (rag IN (${sqlList(RagStatusSchema.options)})), -- NULL: not rated
  rag_source     TEXT CHECK (rag_source IN (${sqlList(RagSourceSchema.options)})), -- 'manual': set in the review page
  pages          TEXT NOT NULL,     -- JSON array of 1-based pages
  review         TEXT NOT NULL,     -- review codes joined by '; ', as records.csv ('' when none; details in reviews)
  recommendation TEXT NOT NULL,
  response       TEXT NOT NULL,
  progress       TEXT NOT NULL,
  extra          TEXT,              -- JSON object: other columns, heading → text; NULL when none
  confidence     TEXT,              -- JSON object: OCR confidence per field, 0–1; NULL when not OCR
  UNIQUE (document_id, position)
);
CREATE INDEX records_rag ON records (rag);

CREATE TABLE reviews (
  record_id INTEGER NOT NULL REFERENCES records (record_id),
  position  INTEGER NOT NULL,       -- 1-based, in the record's order
  code      TEXT NOT NULL,          -- PAGE_BREAK, EMPTY_CELL, RAG_FROM_TEXT, … (README)
  field     TEXT,                   -- the field it concerns, NULL when the record as a whole
  message   TEXT NOT NULL,
  PRIMARY KEY (record_id, position)
) WITHOUT ROWID;
CREATE INDEX reviews_code ON reviews (code);

CREATE TABLE cells (
  record_id INTEGER NOT NULL REFERENCES records (record_id),
  field     TEXT NOT NULL CHECK (field IN ('recommendation', 'response', 'progress')),
  part      INTEGER NOT NULL,       -- 1-based: a cell over a page break has a part per page
  page      INTEGER NOT NULL,
  x0 REAL NOT NULL, top REAL NOT NULL, x1 REAL NOT NULL, bottom REAL NOT NULL, -- PDF points, origin top-left
  PRIMARY KEY (record_id, field, part)
) WITHOUT ROWID;

CREATE TABLE warnings (
  warning_id  INTEGER PRIMARY KEY,
  document_id INTEGER NOT NULL REFERENCES documents (document_id),
  record_id   INTEGER REFERENCES records (record_id), -- the first record of the document with that id, when the warning names one
  record      TEXT,                 -- the record id as printed, as warnings.csv
  page        INTEGER,
  code        TEXT NOT NULL,
  message     TEXT NOT NULL
);
CREATE INDEX warnings_document ON warnings (document_id);

CREATE TABLE errors (
  error_id INTEGER PRIMARY KEY,     -- in input order
  file     TEXT NOT NULL,           -- as errors.csv: the input as given
  path     TEXT,                    -- relative to its input root, NULL for an input that matched nothing
  code     TEXT NOT NULL,           -- NOT_PDF, PDF_PASSWORD, TIMEOUT, … (README)
  message  TEXT NOT NULL
);

CREATE VIEW records_flat AS       -- one row per record with its document, like records.csv
  SELECT d.file, d.path, d.title, d.committee, r.*
  FROM records r JOIN documents d USING (document_id);

CREATE VIRTUAL TABLE records_fts USING fts5 (
  recommendation, response, progress,
  content = 'records', content_rowid = 'record_id',
  tokenize = 'porter unicode61 remove_diacritics 2'
);

-- The index of the search command: the same texts plus each record's RAG status ('none' when
-- not rated) and its document's committee, so a RAG or committee filter is one more term of
-- the full-text query (FTS5 intersects the lists of records in C) instead of a join per
-- match: 8 ms instead of 40 ms of CPU for a word in 25,000 of 100,000 records (bench). Kept
-- apart from records_fts so that a word in a query on records_fts never matches a status or
-- a committee.
CREATE VIEW records_search_content AS
  SELECT r.record_id, r.recommendation, r.response, r.progress, coalesce(r.rag, 'none') AS rag, d.committee
  FROM records r JOIN documents d USING (document_id);
CREATE VIRTUAL TABLE records_search USING fts5 (
  recommendation, response, progress, rag, committee,
  content = 'records_search_content', content_rowid = 'record_id',
  tokenize = 'porter unicode61 remove_diacritics 2'
);
`;
