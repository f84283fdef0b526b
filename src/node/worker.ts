/** The worker-thread entry point for bulk conversion (piscina): one task in, one result out. */
import { convertFile, type ConvertTask, type ConvertResult } from './convert.ts';

export default function convert(task: ConvertTask): Promise<ConvertResult> {
  return convertFile(task);
}
