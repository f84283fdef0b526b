/**
 * The pdf.js floor of the benchmark (issue #4): bare pdfjs-dist loading a file and calling
 * getOperatorList and getTextContent on every page, then freeing it — what extraction cannot
 * go below. Used in-process by scripts/bench.ts, in worker threads by bench-floor-worker.ts,
 * and as its own process (issue #9: the cold floor of a one-file run):
 * `node scripts/bench-floor.ts a.pdf b.pdf …` reads each file in turn and exits.
 *
 * Like our CLI, it keeps pdf.js from loading the native canvas binding (src/node/no-canvas.ts),
 * which reading text never uses: the floor is pdf.js's own work, not that binding's start-up.
 */
import '../src/node/no-canvas.ts';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import * as pdfjs from 'pdfjs-dist/legacy/build/pdf.mjs';

/** Read one PDF the bare pdf.js way; returns its page count. */
export async function floorFile(bytes: Uint8Array): Promise<number> {
  const task = pdfjs.getDocument({ data: new Uint8Array(bytes), enableXfa: false, disableFontFace: true, useSystemFonts: false, verbosity: 0 });
  try {
    const doc = await task.promise;
    for (let n = 1; n <= doc.numPages; n++) {
      const page = await doc.getPage(n);
      await page.getOperatorList();
      await page.getTextContent();
      page.cleanup();
    }
    return doc.numPages;
  } finally {
    await task.destroy();
  }
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  for (const file of process.argv.slice(2)) await floorFile(new Uint8Array(readFileSync(file)));
}
