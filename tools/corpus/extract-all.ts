/**
 * Extract every PDF of a folder with the library and write OUT/NAME.json holding
 * { document, warnings } or { error, message }. Used by tools/corpus/failures.py.
 *
 * Usage: node tools/corpus/extract-all.ts DIR OUT
 */
import { mkdirSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { extractTracker } from '../../src/index.ts';
import { loadDictionary } from '../../src/node/dictionary.ts';

const [dir, out] = process.argv.slice(2);
if (!dir || !out) {
  console.error('usage: node tools/corpus/extract-all.ts DIR OUT');
  process.exit(2);
}
mkdirSync(out, { recursive: true });
for (const f of readdirSync(dir)
  .filter((n) => n.endsWith('.pdf'))
  .sort()) {
  let result: unknown;
  try {
    const { document, warnings } = await extractTracker(new Uint8Array(readFileSync(path.join(dir, f))), { fileName: f, dictionary: loadDictionary });
    result = { document, warnings };
  } catch (err) {
    const e = err as { code?: string; message?: string };
    result = { error: e.code ?? String(err), message: e.message ?? String(err) };
  }
  writeFileSync(path.join(out, f.replace(/\.pdf$/, '.json')), JSON.stringify(result));
}
