/**
 * `npm run score`: accuracy at a glance. For every fixture with a truth file: records
 * found/expected, cells exact (3 per expected record), RAG right (truth null is not graded),
 * and the total. Exit 0 always: it measures, the tests judge. `npm run score -- hard/` scores
 * only the fixtures whose name contains the argument (here fixtures/hard/).
 */
import path from 'node:path';
import { extractTracker } from '../src/index.ts';
import { loadDictionary } from '../src/node/dictionary.ts';
import { fixturesWithTruth, readBytes } from '../test/helpers/fixtures.ts';

const rows: string[][] = [];
const total = { found: 0, expected: 0, cells: 0, cellsMax: 0, rag: 0, ragMax: 0, files: 0, perfect: 0 };
const only = process.argv[2];
for (const { name, pdf, truth } of fixturesWithTruth().filter((f) => !only || f.name.includes(only))) {
  let found = 0, cells = 0, rag = 0, note = '';
  const ragMax = truth.records.filter((r) => r.rag !== null).length;
  try {
    const { document } = await extractTracker(readBytes(pdf), { fileName: path.basename(pdf), dictionary: loadDictionary });
    found = document.records.length;
    truth.records.forEach((t, k) => {
      const r = document.records.find((x) => x.id === t.id && x.table === (t.table ?? 1)) ?? document.records[k];
      if (!r) return;
      for (const f of ['recommendation', 'response', 'progress'] as const) if (r[f] === t[f]) cells++;
      if (t.rag !== null && r.rag === t.rag) rag++;
    });
  } catch (err) {
    note = (err as { code?: string }).code ?? String(err);
  }
  const perfect = found === truth.records.length && cells === truth.records.length * 3 && rag === ragMax;
  rows.push([name, `${found}/${truth.records.length}`, `${cells}/${truth.records.length * 3}`, `${rag}/${ragMax}`, perfect ? 'ok' : note || 'DIFF']);
  total.files++;
  if (perfect) total.perfect++;
  total.found += Math.min(found, truth.records.length);
  total.expected += truth.records.length;
  total.cells += cells;
  total.cellsMax += truth.records.length * 3;
  total.rag += rag;
  total.ragMax += ragMax;
}
rows.push(['TOTAL', `${total.found}/${total.expected}`, `${total.cells}/${total.cellsMax}`, `${total.rag}/${total.ragMax}`, `${total.perfect}/${total.files} exact`]);
const head = ['fixture', 'records', 'cells exact', 'RAG right', ''];
const widths = head.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
const fmt = (r: string[]) => r.map((c, i) => (i === 0 ? c.padEnd(widths[i]) : c.padStart(widths[i]))).join('  ');
console.log(fmt(head));
console.log(widths.map((w) => '-'.repeat(w)).join('  '));
for (const r of rows) {
  if (r[0] === 'TOTAL') console.log(widths.map((w) => '-'.repeat(w)).join('  '));
  console.log(fmt(r));
}
