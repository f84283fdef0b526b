/**
 * Benchmark helper (scripts/bench.ts): the pdf.js floor in a worker thread — load each file,
 * getOperatorList and getTextContent on every page, free it. Measures how bare pdf.js scales
 * with threads on this machine, to read the CLI's --jobs scaling against.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { readFileSync } from 'node:fs';
import * as pdfjs from 'pdfjs-dist/legacy/build/pdf.mjs';

for (const file of workerData.files as string[]) {
  const task = pdfjs.getDocument({ data: new Uint8Array(readFileSync(file)), enableXfa: false, disableFontFace: true, useSystemFonts: false, verbosity: 0 });
  try {
    const doc = await task.promise;
    for (let n = 1; n <= doc.numPages; n++) {
      const page = await doc.getPage(n);
      await page.getOperatorList();
      await page.getTextContent();
      page.cleanup();
    }
  } finally {
    await task.destroy();
  }
}
parentPort?.postMessage('done');
