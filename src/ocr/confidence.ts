/**
 * How sure OCR was of each cell (issue #11): the mean confidence of the recognised words whose
 * middle lies in the cell, weighted by their characters, as `record.confidence`; a cell below
 * the threshold gets a `LOW_CONFIDENCE` review reason, and its record a warning.
 */
import type { Page, TextItem } from '../types.ts';
import type { CellBox, RecordField, Review, Warning } from '../schema.ts';
import { RECORD_FIELDS } from '../schema.ts';

/**
 * Cells read with a lower mean confidence are flagged LOW_CONFIDENCE. 0.8, from the scanned
 * fixtures (fixtures/scanned, `npm run score`): the cell read wrong ("Not accepred.") had 0.58;
 * the 65 cells read right had 0.80–0.96 (the lowest are one- and two-word Progress cells).
 */
export const DEFAULT_MIN_CONFIDENCE = 0.8;

/** The part of a record draft this pass reads and fills in. */
export interface ConfidenceTarget {
  id: string;
  pages: number[];
  cells: Record<RecordField, CellBox[]>;
  review: Review[];
  confidence?: Partial<Record<RecordField, number>>;
}

function inside(item: TextItem, box: CellBox): boolean {
  const x = (item.bbox.x0 + item.bbox.x1) / 2,
    y = (item.bbox.top + item.bbox.bottom) / 2;
  return item.pageNumber === box.page && x >= box.bbox.x0 && x <= box.bbox.x1 && y >= box.bbox.top && y <= box.bbox.bottom;
}

/**
 * Give each record on an OCR'd page its cells' confidence (0–1, 3 decimals) and flag the
 * cells below `minConfidence`. Records wholly on pages with a text layer are left alone.
 * @returns one LOW_CONFIDENCE warning per record with a flagged cell.
 */
export function ocrConfidence(records: ConfidenceTarget[], pages: readonly Page[], minConfidence = DEFAULT_MIN_CONFIDENCE): Warning[] {
  const ocrItems = new Map<number, TextItem[]>();
  for (const p of pages) if (p.textLayer === 'ocr') ocrItems.set(p.pageNumber, p.items);
  if (!ocrItems.size) return [];
  const warnings: Warning[] = [];
  for (const r of records) {
    if (!r.pages.some((n) => ocrItems.has(n))) continue;
    const confidence: Partial<Record<RecordField, number>> = {};
    const low: string[] = [];
    for (const field of RECORD_FIELDS) {
      let chars = 0,
        sum = 0;
      for (const box of r.cells[field]) {
        for (const item of ocrItems.get(box.page) ?? []) {
          if (item.confidence === undefined || !inside(item, box)) continue;
          chars += item.text.length;
          sum += item.confidence * item.text.length;
        }
      }
      if (!chars) continue;
      const c = Math.round((sum / chars) * 1000) / 1000;
      confidence[field] = c;
      if (c < minConfidence) {
        low.push(`${field} ${c.toFixed(2)}`);
        r.review.push({ code: 'LOW_CONFIDENCE', field, message: `OCR read this cell with confidence ${c.toFixed(2)} (below ${minConfidence}): check it against the page` });
      }
    }
    r.confidence = confidence;
    if (low.length) {
      const page = r.pages.find((n) => ocrItems.has(n));
      warnings.push({
        code: 'LOW_CONFIDENCE',
        recordId: r.id,
        ...(page ? { page } : {}),
        message: `record ${r.id}: OCR confidence below ${minConfidence} in ${low.join(', ')}; check the text against the page`,
      });
    }
  }
  return warnings;
}
