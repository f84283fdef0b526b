/** The core's types the page uses, in one place. */
export type { TrackerDocument, TrackerRecord, RagStatus, Warning, CorrectionsFile, Correction, ReviewedMark } from '../../src/schema.ts';
export type { BBox } from '../../src/types.ts';
