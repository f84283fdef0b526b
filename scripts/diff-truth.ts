/**
 * Field-by-field differences between a PDF's extraction and its truth file, for diagnosis:
 * `node scripts/diff-truth.ts file.pdf [more.pdf…]` (truth beside it as X.truth.json).
 */
import { readFileSync } from 'node:fs';
import { extractTracker } from '../src/index.ts';
import { loadDictionary } from '../src/node/index.ts';

for (const pdf of process.argv.slice(2)) {
  const truth = JSON.parse(readFileSync(pdf.replace(/\.pdf$/, '.truth.json'), 'utf8')) as { records: Array<Record<string, unknown>> };
  const { document } = await extractTracker(new Uint8Array(readFileSync(pdf)), { dictionary: loadDictionary });
  console.log(`== ${pdf}: ${document.records.length} records (truth ${truth.records.length})`);
  const n = Math.max(truth.records.length, document.records.length);
  for (let k = 0; k < n; k++) {
    const t = truth.records[k];
    const r = document.records[k] as unknown as Record<string, unknown> | undefined;
    for (const f of ['id', 'recommendation', 'response', 'progress', 'rag']) {
      if (t?.[f] !== r?.[f])
        console.log(
          `  #${k + 1} ${f}:\n    truth: ${JSON.stringify(t?.[f])}\n    got:   ${JSON.stringify(r?.[f])}${r ? `  review: ${JSON.stringify((r.review as Array<{ code: string }>).map((x) => x.code))}` : ''}`,
        );
    }
  }
}
