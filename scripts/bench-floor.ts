/**
 * The pdf.js floor of the benchmark (issue #4): bare pdfjs-dist loading a file and calling
 * getOperatorList and getTextContent on every page, then freeing it — what extraction cannot
 * go below. Used in-process by scripts/bench.ts and in worker threads by bench-floor-worker.ts.
 */
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
