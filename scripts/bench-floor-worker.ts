/** Benchmark helper (scripts/bench.ts): the pdf.js floor over a list of files in a worker thread. */
import { parentPort, workerData } from 'node:worker_threads';
import { readFileSync } from 'node:fs';
import { floorFile } from './bench-floor.ts';

for (const file of workerData.files as string[]) await floorFile(new Uint8Array(readFileSync(file)));
parentPort?.postMessage('done');
