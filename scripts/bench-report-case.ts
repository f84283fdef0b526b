/**
 * One report-writing case of `npm run bench` (issue #12, item 8), run in its own process so
 * its peak memory is its own: `node scripts/bench-report-case.ts token <chars>` (one record
 * whose recommendation is one unbroken word) or `rows <n>` (n ordinary records). Prints
 * {ms, cpuMs, bytes} as JSON on stdout.
 */
import { writeReport } from '../src/write/report/index.ts';
import { validateDocument } from '../src/schema.ts';
import { loadReportFonts } from '../src/node/fonts.ts';

const [kind, size] = [process.argv[2], Number(process.argv[3])];
const record = (k: number, recommendation: string) => ({
  id: String(k),
  label: `Recommendation ${k}`,
  recommendation,
  response: 'Accepted. The body will publish a delivery plan by March and report on it every year.',
  progress: 'Some progress: the plan is drafted and out for consultation until the spring.',
  rag: 'amber',
  ragSource: 'text',
});
const BODY = 'The committee recommends that the body sets out, within six months, how it will measure the effect of its new approach, and publishes the results each year.';
const records = kind === 'token' ? [record(1, 'x'.repeat(size))] : Array.from({ length: size }, (_, k) => record(k + 1, BODY));
const doc = validateDocument({ schemaVersion: 2, source: { file: 'bench.pdf', pages: 0, sha256: '' }, title: 'Bench', committee: 'Bench', columns: [], records });
const fonts = await loadReportFonts();
const cpu0 = process.cpuUsage();
const t = performance.now();
const pdf = await writeReport(doc, { fonts });
const cpu = process.cpuUsage(cpu0);
process.stdout.write(JSON.stringify({ ms: performance.now() - t, cpuMs: (cpu.user + cpu.system) / 1000, bytes: pdf.length }) + '\n');
