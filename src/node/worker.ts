/**
 * The worker-thread entry point for bulk conversion (piscina): one task in, one result out.
 * The document sent back to the main thread drops the per-cell boxes (they are in X.json
 * already, and the combined tables do not carry them): less to clone, less to hold for
 * 1,000 files.
 */
import { convertFile, type ConvertTask, type ConvertResult } from './convert.ts';

export default async function convert(task: ConvertTask): Promise<ConvertResult> {
  const result = await convertFile(task);
  if (!result.ok) return result;
  return { ...result, document: { ...result.document, records: result.document.records.map(({ cells: _cells, ...r }) => r) } };
}
