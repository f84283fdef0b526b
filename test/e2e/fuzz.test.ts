/**
 * Fuzzing (issue #4): a few hundred mutants of fixture PDFs (fixed seed) run through the real
 * batch (worker threads, time limit). Every mutant must end in records or a typed error with a
 * known code — never an uncaught exception, a hang, an INTERNAL error or a crash of the batch.
 */
import { describe, it, expect } from 'vitest';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { runBatch } from '../../src/node/batch.ts';
import { validateDocument } from '../../src/index.ts';
import { FIXTURES, readBytes } from '../helpers/fixtures.ts';

/** mulberry32: a small seeded PRNG, so every run makes the same mutants. */
function prng(seed: number) {
  return () => {
    seed |= 0;
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

type Mutator = (b: Uint8Array, rnd: () => number) => Uint8Array;
const int = (rnd: () => number, n: number) => Math.floor(rnd() * n);
const MUTATORS: Record<string, Mutator> = {
  flipBytes: (b, rnd) => {
    const c = b.slice();
    for (let k = 0, n = 1 + int(rnd, 20); k < n; k++) c[int(rnd, c.length)] = int(rnd, 256);
    return c;
  },
  truncate: (b, rnd) => b.slice(0, int(rnd, b.length)),
  deleteChunk: (b, rnd) => {
    const at = int(rnd, b.length),
      len = 1 + int(rnd, 2000);
    return new Uint8Array([...b.subarray(0, at), ...b.subarray(at + len)]);
  },
  duplicateChunk: (b, rnd) => {
    const at = int(rnd, b.length),
      len = 1 + int(rnd, 2000);
    return new Uint8Array([...b.subarray(0, at + len), ...b.subarray(at, at + len), ...b.subarray(at + len)]);
  },
  // Numbers drive xref offsets, lengths and coordinates: change a run of digits.
  digits: (b, rnd) => {
    const c = b.slice();
    for (let k = 0, n = 1 + int(rnd, 10); k < n; k++) {
      let at = int(rnd, c.length);
      while (at < c.length && (c[at]! < 0x30 || c[at]! > 0x39)) at++;
      if (at < c.length) c[at] = 0x30 + int(rnd, 10);
    }
    return c;
  },
  // Keywords: break object structure where it matters.
  keywords: (b, rnd) => {
    const text = new TextDecoder('latin1').decode(b);
    const words = ['endobj', 'stream', 'endstream', '/Length', 'xref', 'trailer', '/Root', '/Pages', '/Kids', '/Contents', '/Font', 'obj'];
    const w = words[int(rnd, words.length)];
    const positions: number[] = [];
    for (let i = text.indexOf(w!); i >= 0; i = text.indexOf(w!, i + 1)) positions.push(i);
    if (!positions.length) return b;
    const at = positions[int(rnd, positions.length)];
    const c = b.slice();
    c[at! + int(rnd, w!.length)] = 0x58; // 'X'
    return c;
  },
};

// FUZZ_SEED / FUZZ_COUNT widen a local run (e.g. FUZZ_COUNT=2000); CI uses the fixed defaults.
const SEED = Number(process.env.FUZZ_SEED ?? 20261129);
const COUNT = Number(process.env.FUZZ_COUNT ?? 300);
const KNOWN = ['EMPTY_FILE', 'NOT_PDF', 'PDF_CORRUPT', 'PDF_PASSWORD', 'NO_TEXT_LAYER', 'TRACKER_NOT_FOUND', 'TIMEOUT'];

describe('fuzzing', () => {
  it(`${COUNT} mutants of 3 fixtures end in records or a typed error`, { timeout: 600_000 }, async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'it-fuzz-'));
    const rnd = prng(SEED);
    const sources = ['online-crime-tracker.pdf', 'flood-resilience-two-tables.chromium-letter.pdf', 'rough-sleeping-rag-column.latex-a4l.pdf'];
    const names = Object.keys(MUTATORS);
    const tasks = [];
    for (let k = 0; k < COUNT; k++) {
      const src = sources[k % sources.length];
      const mutator = names[int(rnd, names.length)];
      const file = path.join(dir, `m${String(k).padStart(3, '0')}-${mutator}.pdf`);
      writeFileSync(file, MUTATORS[mutator!]!(readBytes(path.join(FIXTURES, src!)), rnd));
      tasks.push({ file, outDir: path.join(dir, 'out'), base: path.basename(file, '.pdf'), report: false });
    }
    const results = await runBatch(tasks, { jobs: 2, timeoutSeconds: 20 });
    expect(results).toHaveLength(COUNT);
    const tally: Record<string, number> = {};
    for (const r of results) {
      const key = r.ok ? 'ok' : r.code;
      tally[key] = (tally[key] ?? 0) + 1;
      if (r.ok) expect(() => validateDocument(JSON.parse(readFileSync(r.outputs[0]!, 'utf8')))).not.toThrow();
      else expect(KNOWN, `${r.file}: ${r.code}: ${r.message}`).toContain(r.code);
    }
    // Most mutants still read: pdf.js repairs a lot, and so must we not fall over.
    expect(tally.ok ?? 0).toBeGreaterThan(COUNT / 3);
    console.log('fuzz outcomes', tally);
  });
});
