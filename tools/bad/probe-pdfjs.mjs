// Report what pdfjs-dist (the version the tool uses) does with each fixture in
// fixtures/bad/: opens or throws (error name), page count, text length.
// Usage: node tools/bad/probe-pdfjs.mjs [dir]
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';

// The project targets Node >= 22.13; on older Node, pdfjs-dist needs this.
Promise.withResolvers ??= () => {
  let resolve, reject;
  const promise = new Promise((res, rej) => {
    resolve = res;
    reject = rej;
  });
  return { promise, resolve, reject };
};
const pdfjs = await import('pdfjs-dist/legacy/build/pdf.mjs');

async function probe(bytes, password) {
  const task = pdfjs.getDocument({ data: bytes.slice(), password, verbosity: 0, isEvalSupported: false });
  try {
    const doc = await task.promise;
    let chars = 0;
    for (let p = 1; p <= doc.numPages; p++) {
      const tc = await (await doc.getPage(p)).getTextContent();
      chars += tc.items.reduce((n, it) => n + (it.str ?? '').length, 0);
    }
    return `OK pages=${doc.numPages} textChars=${chars}`;
  } catch (e) {
    return `THROWS ${e?.name}${e?.code !== undefined ? ` code=${e.code}` : ''}: ${e?.message}`;
  } finally {
    await task.destroy();
  }
}

const dir = process.argv[2] ?? new URL('../../fixtures/bad/', import.meta.url).pathname;
for (const name of readdirSync(dir)
  .filter((f) => f.endsWith('.pdf'))
  .sort()) {
  const data = new Uint8Array(readFileSync(join(dir, name)));
  console.log(name.padEnd(26) + (await probe(data)));
  if (name === 'encrypted-user.pdf') {
    console.log("  ...with password 'secret': " + (await probe(data, 'secret')));
    console.log("  ...with password 'wrong':  " + (await probe(data, 'wrong')));
  }
}
