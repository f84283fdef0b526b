/**
 * The static page (`npm run build:web`, no server): drop a tracker PDF (and, if you have one,
 * the X.corrections.json saved for it), check and correct the records, download X.json, X.csv,
 * X.report.pdf and X.corrections.json. Extraction, corrections and writers are the same core
 * as the command line, run in this browser; nothing is uploaded.
 */
import { html, render, nothing } from 'lit-html';
import { extractTracker } from '../../src/pipeline.ts';
import { documentToJson } from '../../src/write/json.ts';
import { documentsToCsv } from '../../src/write/csv.ts';
import { writeReport } from '../../src/write/report/index.ts';
import { applyCorrections, correctionsToJson, emptyCorrections, parseCorrections, staleWarnings } from '../../src/corrections.ts';
import { loadReportFonts } from './assets.ts';
import { ReviewView } from './review.ts';
import type { CorrectionsFile, TrackerDocument } from './types.ts';

function download(name: string, data: string | Uint8Array, type: string): Promise<void> {
  const url = URL.createObjectURL(new Blob([data as BlobPart], { type }));
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
  return Promise.resolve();
}

/** Start the static page inside `app`. */
export function startStaticMode(app: HTMLElement): void {
  let status = '';
  let password = false;
  let pending: { pdf?: File; corrections?: File } = {};
  let view: ReviewView | null = null;

  const take = (files: FileList | File[] | null | undefined) => {
    for (const f of files ?? []) {
      if (/\.pdf$/i.test(f.name) || f.type === 'application/pdf') pending.pdf = f;
      else if (/\.json$/i.test(f.name)) pending.corrections = f;
    }
    if (pending.pdf) void run();
    else {
      status = pending.corrections ? `${pending.corrections.name} will be applied to the PDF you drop next.` : 'Drop a PDF file.';
      draw();
    }
  };

  const run = async (pw?: string) => {
    const pdfFile = pending.pdf!;
    status = `Reading ${pdfFile.name}…`;
    password = false;
    draw();
    try {
      const bytes = new Uint8Array(await pdfFile.arrayBuffer());
      const { document: extracted } = await extractTracker(bytes, { fileName: pdfFile.name, ...(pw ? { password: pw } : {}) });
      let doc: TrackerDocument = extracted;
      let corrections: CorrectionsFile = emptyCorrections(doc);
      if (pending.corrections) {
        corrections = parseCorrections(await pending.corrections.text(), pending.corrections.name);
        const applied = applyCorrections(doc, corrections);
        doc = { ...applied.document, warnings: [...applied.document.warnings, ...staleWarnings(applied.stale, pending.corrections.name)] };
      }
      const name = pdfFile.name.replace(/\.pdf$/i, '');
      pending = {};
      await view?.destroy();
      view = new ReviewView(app, {
        name,
        document: doc,
        corrections,
        pdf: () => Promise.resolve(bytes),
        back: { href: location.pathname, label: 'Another PDF' },
        downloads: (d, c) => [
          { label: 'JSON', make: () => download(`${name}.json`, documentToJson(d), 'application/json') },
          { label: 'CSV', make: () => download(`${name}.csv`, documentsToCsv([d]), 'text/csv') },
          { label: 'Report PDF', make: async () => download(`${name}.report.pdf`, await writeReport(d, { fonts: await loadReportFonts() }), 'application/pdf') },
          { label: 'Corrections', make: () => download(`${name}.corrections.json`, correctionsToJson(c), 'application/json') },
        ],
      });
      await view.ready;
    } catch (err) {
      const code = (err as { code?: string }).code;
      password = code === 'PDF_PASSWORD';
      status = `${pdfFile.name}: ${(err as Error).message}`;
      draw();
    }
  };

  const draw = () =>
    render(
      html`<main class="drop"
        @dragover=${(e: DragEvent) => {
          e.preventDefault();
          (e.currentTarget as HTMLElement).classList.add('over');
        }}
        @dragleave=${(e: DragEvent) => (e.currentTarget as HTMLElement).classList.remove('over')}
        @drop=${(e: DragEvent) => {
          e.preventDefault();
          (e.currentTarget as HTMLElement).classList.remove('over');
          take(e.dataTransfer?.files);
        }}>
        <h1>Check a tracker PDF</h1>
        <p>Drop a recommendation impact tracker PDF here, or choose one. It is read in this browser: nothing is uploaded.</p>
        <p>
          <label class="file-button">Choose a PDF… <input id="pdf-input" type="file" accept="application/pdf,.pdf,.json" multiple @change=${(e: Event) => take((e.target as HTMLInputElement).files)} /></label>
        </p>
        <p class="hint">Have the <code>X.corrections.json</code> saved from an earlier check? Drop or choose it with the PDF and its corrections are applied again.</p>
        ${
          password
            ? html`<form @submit=${(e: Event) => {
                e.preventDefault();
                const pw = (e.currentTarget as HTMLFormElement).querySelector('input')!.value;
                void run(pw);
              }}>
              <label for="pw">Password</label> <input id="pw" type="password" autocomplete="off" /> <button type="submit">Open</button>
            </form>`
            : nothing
        }
        <p role="status" aria-live="polite">${status}</p>
      </main>`,
      app,
    );
  draw();
}
