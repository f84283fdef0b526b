/**
 * The review of one document: the PDF pages with boxes on the left, the records on the right,
 * corrections made with the core's pure functions (src/corrections.ts) and kept as a list, so
 * they can be undone, saved (server) or downloaded (static page).
 */
import { html, render, nothing, type TemplateResult } from 'lit-html';
import { live } from 'lit-html/directives/live.js';
import { RECORD_FIELDS } from '../../src/schema.ts';
import { addRecord, applyList, currentReviewMarks, deleteRecord, describeCorrection, editRecord, mergeWithNext, snapshotOf, splitRecord } from '../../src/corrections.ts';
import { openRenderer } from '../../src/pdf/render.ts';
import { PdfPane } from './pdf-pane.ts';
import { configureAssets } from './assets.ts';
import type { Correction, CorrectionsFile, RagStatus, ReviewedMark, TrackerDocument, TrackerRecord } from './types.ts';

type TextField = (typeof RECORD_FIELDS)[number];

// pdf.js is only loaded with this module (the file list does without it); its worker starts
// now, while the page fetches the document and the PDF.
configureAssets();

/** What a review needs: the document, its corrections so far, the PDF, and where saving goes. */
export interface ReviewSource {
  /** Output base name X (for X.json …). */
  name: string;
  document: TrackerDocument;
  corrections: CorrectionsFile;
  /** The PDF's bytes, or a sentence saying why there are none. */
  pdf: () => Promise<Uint8Array | string>;
  /** Server mode: write the outputs. Static mode has downloads instead. */
  save?: (corrections: Correction[], reviewed: ReviewedMark[]) => Promise<{ document: TrackerDocument; corrections: CorrectionsFile; written: string[] }>;
  /** Static mode: offer these downloads. */
  downloads?: (document: TrackerDocument, corrections: CorrectionsFile) => Array<{ label: string; make: () => Promise<void> }>;
  /** A link back (the file list), if any. */
  back?: { href: string; label: string };
  /** Called with the PDF's bytes when the person opens it by hand (no PDF was found). */
  choosePdf?: boolean;
}

const FIELD_LABEL: Record<TextField, string> = { recommendation: 'Recommendation', response: 'Response', progress: 'Progress' };
const RAGS: Array<RagStatus | null> = [null, 'red', 'amber', 'green', 'blue'];
const ragWord = (r: RagStatus | null) => (r ? r.charAt(0).toUpperCase() + r.slice(1) : 'No RAG');

const KEYS: Array<[string, string]> = [
  ['n / Shift+N', 'next / previous record to check'],
  ['j / k', 'next / previous record'],
  ['. / ,', 'next / previous page'],
  ['r', 'mark the record reviewed (again: unmark)'],
  ['Enter', 'edit the selected record'],
  ['Esc', 'leave a text field'],
  ['z', 'undo the last correction'],
  ['Ctrl+S', 'save (or download, on the static page)'],
];

export class ReviewView {
  private base: TrackerDocument;
  private corrections: CorrectionsFile;
  private ops: Correction[] = [];
  private reviewed: ReviewedMark[];
  private doc: TrackerDocument;
  private selected = -1;
  private status = '';
  private busy = false;
  private pane: PdfPane | null = null;
  private pdfProblem = '';
  private carets: Partial<Record<TextField, number>> = {};
  private readonly onKey = (e: KeyboardEvent) => this.key(e);
  /** Corrections or reviewed marks not yet saved (server) or downloaded (static page). */
  private dirty = false;
  private readonly onUnload = (e: BeforeUnloadEvent) => {
    if (this.dirty) e.preventDefault();
  };
  /** Resolves when the first page is drawn with its boxes (or there is no PDF). */
  readonly ready: Promise<void>;
  private readyResolve!: () => void;

  private readonly root: HTMLElement;
  private readonly src: ReviewSource;

  constructor(root: HTMLElement, src: ReviewSource) {
    this.root = root;
    this.src = src;
    performance.mark('review:view');
    this.base = src.document;
    this.doc = src.document;
    this.corrections = src.corrections;
    this.reviewed = currentReviewMarks(src.document, src.corrections.reviewed);
    this.ready = new Promise((r) => (this.readyResolve = r));
    document.addEventListener('keydown', this.onKey);
    window.addEventListener('beforeunload', this.onUnload);
    this.render();
    performance.mark('review:listed');
    void this.openPdf();
  }

  /** True when leaving would lose corrections or reviewed marks (not saved, not downloaded). */
  hasUnsaved(): boolean {
    return this.dirty;
  }

  /** Stop listening and free the PDF. */
  async destroy(): Promise<void> {
    document.removeEventListener('keydown', this.onKey);
    window.removeEventListener('beforeunload', this.onUnload);
    await this.pane?.destroy();
  }

  private async openPdf(bytes?: Uint8Array): Promise<void> {
    const container = this.root.querySelector<HTMLElement>('.pages')!;
    try {
      const got = bytes ?? (await this.src.pdf());
      performance.mark('review:pdf-bytes');
      if (typeof got === 'string') {
        this.pdfProblem = got;
        this.render();
        this.readyResolve();
        return;
      }
      if (this.src.document.source.sha256) {
        const digest = new Uint8Array(await crypto.subtle.digest('SHA-256', got as Uint8Array<ArrayBuffer>));
        const hex = [...digest].map((b) => b.toString(16).padStart(2, '0')).join('');
        if (hex !== this.src.document.source.sha256) this.say('This PDF is not the one the records were extracted from (its sha256 differs): the boxes may not match.');
      }
      this.pdfProblem = '';
      await this.pane?.destroy();
      performance.mark('review:pdf-open');
      const pane = new PdfPane(container, await openRenderer(got), (i) => this.select(i, { from: 'page' }));
      performance.mark('review:pdf-opened');
      this.pane = pane;
      await pane.init();
      performance.mark('review:pages-laid-out');
      pane.setRecords(this.doc, this.selected, this.flaggedSet());
      this.render();
      await pane.ready;
      document.documentElement.dataset.overlay = 'ready';
      performance.mark('review:overlay-ready');
    } catch (err) {
      this.pdfProblem = `The PDF could not be shown: ${(err as Error).message}`;
      this.render();
    }
    this.readyResolve();
  }

  // ---- state changes ---------------------------------------------------------------------

  private flagged(r: TrackerRecord): boolean {
    return r.review.length > 0 || this.doc.warnings.some((w) => w.recordId === r.id);
  }

  private flaggedSet(): Set<number> {
    return new Set(this.doc.records.flatMap((r, i) => (this.flagged(r) ? [i] : [])));
  }

  private reviewedIds(): Set<string> {
    return new Set(currentReviewMarks(this.doc, this.reviewed).map((m) => m.recordId));
  }

  private say(message: string): void {
    this.status = message;
    this.render();
  }

  /** Apply a correction made on the current document, keep it, and redraw. */
  private correct(c: Correction | null, message?: string): void {
    if (!c) return;
    const result = applyList(this.doc, [c]);
    const [stale] = result.stale;
    if (stale) {
      this.say(`Not applied: ${stale.reason}.`);
      return;
    }
    this.ops.push(c);
    this.dirty = true;
    this.doc = result.document;
    if (this.selected >= this.doc.records.length) this.selected = this.doc.records.length - 1;
    this.pane?.setRecords(this.doc, this.selected, this.flaggedSet());
    this.say(message ?? `Changed: ${describeCorrection(c)}. ${this.unsavedNote()}`);
  }

  private unsavedNote(): string {
    return this.src.save ? `${this.ops.length} unsaved correction${this.ops.length === 1 ? '' : 's'}.` : '';
  }

  private undo(): void {
    const c = this.ops.pop();
    if (!c) {
      this.say('Nothing to undo.');
      return;
    }
    this.dirty = true;
    this.doc = applyList(this.base, this.ops).document;
    if (this.selected >= this.doc.records.length) this.selected = this.doc.records.length - 1;
    this.pane?.setRecords(this.doc, this.selected, this.flaggedSet());
    this.say(`Undone: ${describeCorrection(c)}.`);
  }

  /** Select record `i`: highlight its cells, scroll both sides to it, and focus its card. */
  select(i: number, how: { from?: 'page' | 'list' | 'key'; focus?: boolean } = {}): void {
    if (i < 0 || i >= this.doc.records.length) return;
    const changed = i !== this.selected;
    this.selected = i;
    if (changed) this.carets = {};
    this.pane?.select(i);
    this.render();
    if (how.from !== 'page') this.pane?.scrollToRecord(i, this.doc);
    const card = this.root.querySelector<HTMLElement>(`#record-${i}`);
    if (card && how.from !== 'list') {
      card.scrollIntoView({ block: 'nearest' });
      if (how.focus !== false) card.focus({ preventScroll: true });
    }
  }

  private step(delta: 1 | -1, onlyFlagged: boolean): void {
    const n = this.doc.records.length;
    for (let k = 1; k <= n; k++) {
      const i = (this.selected + delta * k + n * 2) % n;
      if (this.selected < 0 && delta < 0 && k === 1) continue;
      if (!onlyFlagged || this.flagged(this.doc.records[i]!)) {
        this.select(i, { from: 'key' });
        return;
      }
    }
    this.say(onlyFlagged ? 'No record is flagged for checking.' : 'No records.');
  }

  private page(delta: 1 | -1): void {
    if (!this.pane) return;
    const target = Math.min(Math.max(this.pane.currentPage() + delta, 1), this.pane.pageCount);
    this.pane.scrollToPage(target);
    const i = this.doc.records.findIndex((r) => r.pages[0] === target);
    if (i >= 0) {
      this.selected = i;
      this.pane.select(i);
      this.render();
      const card = this.root.querySelector<HTMLElement>(`#record-${i}`);
      card?.scrollIntoView({ block: 'nearest' });
      card?.focus({ preventScroll: true });
    }
    this.say(`Page ${target} of ${this.pane.pageCount}.`);
  }

  private toggleReviewed(i = this.selected): void {
    const r = this.doc.records[i];
    if (!r) return;
    const had = this.reviewedIds().has(r.id);
    this.reviewed = currentReviewMarks(this.doc, this.reviewed).filter((m) => m.recordId !== r.id);
    if (!had) this.reviewed.push({ recordId: r.id, time: new Date().toISOString(), record: snapshotOf(r) });
    this.dirty = true;
    this.say(`Record ${r.id} ${had ? 'is no longer marked reviewed' : 'marked reviewed'}. ${this.src.save ? 'Save to keep it.' : ''}`);
  }

  private async save(): Promise<void> {
    if (this.busy) return;
    const active = document.activeElement as HTMLElement | null;
    if (active && /^(INPUT|TEXTAREA|SELECT)$/.test(active.tagName)) active.blur(); // commit a pending edit
    if (!this.src.save) {
      this.say('This page saves nothing by itself: use the download buttons.');
      return;
    }
    this.busy = true;
    this.say('Saving…');
    try {
      const out = await this.src.save(this.ops, currentReviewMarks(this.doc, this.reviewed));
      this.base = this.doc = out.document;
      this.corrections = out.corrections;
      this.reviewed = currentReviewMarks(out.document, out.corrections.reviewed);
      this.ops = [];
      this.dirty = false;
      this.pane?.setRecords(this.doc, this.selected, this.flaggedSet());
      this.busy = false;
      this.say(`Saved ${out.written.join(', ')}.`);
    } catch (err) {
      this.busy = false;
      this.say(`Not saved: ${(err as Error).message}`);
    }
  }

  private key(e: KeyboardEvent): void {
    const t = e.target as HTMLElement;
    const typing = /^(INPUT|TEXTAREA|SELECT)$/.test(t.tagName) || t.isContentEditable;
    if ((e.ctrlKey || e.metaKey) && e.key.toLowerCase() === 's') {
      e.preventDefault();
      void this.save();
      return;
    }
    if (typing) {
      if (e.key === 'Escape') {
        e.preventDefault();
        t.blur();
        this.root.querySelector<HTMLElement>(`#record-${this.selected}`)?.focus();
      }
      return;
    }
    if (e.ctrlKey || e.metaKey || e.altKey) return;
    const act: Record<string, () => void> = {
      n: () => this.step(1, true),
      N: () => this.step(-1, true),
      j: () => this.step(1, false),
      k: () => this.step(-1, false),
      '.': () => this.page(1),
      ',': () => this.page(-1),
      r: () => this.toggleReviewed(),
      z: () => this.undo(),
      Enter: () => {
        if (t.classList.contains('record') && this.selected >= 0) this.root.querySelector<HTMLElement>(`#record-${this.selected} textarea`)?.focus();
        else return;
      },
    };
    const f = act[e.key];
    if (!f) return;
    if (e.key === 'Enter' && !t.classList.contains('record')) return;
    e.preventDefault();
    f();
  }

  // ---- drawing ---------------------------------------------------------------------------

  private render(): void {
    render(this.template(), this.root);
  }

  private template(): TemplateResult {
    const d = this.doc;
    const flagged = this.flaggedSet();
    const reviewed = this.reviewedIds();
    const docWarnings = d.warnings.filter((w) => !w.recordId || !d.records.some((r) => r.id === w.recordId));
    return html`<div class="review">
      <header class="bar">
        ${this.src.back ? html`<a class="back" href=${this.src.back.href}>← ${this.src.back.label}</a>` : nothing}
        <div class="doc-title">
          <h1>${d.title || this.src.name}</h1>
          <p class="meta">${d.source.file}${d.committee ? ` · ${d.committee}` : ''}</p>
        </div>
        <p class="counts" aria-label="Counts">
          <span>${d.records.length} records</span>
          <span>${d.warnings.length} warnings</span>
          <span>${flagged.size} to check</span>
          <span>${reviewed.size} reviewed</span>
        </p>
        <div class="actions">
          <button type="button" @click=${() => this.undo()} ?disabled=${!this.ops.length} title="Undo the last correction (z)">Undo</button>
          ${
            this.src.save
              ? html`<button type="button" class="primary" @click=${() => void this.save()} ?disabled=${this.busy}>Save${this.ops.length ? ` (${this.ops.length})` : ''}</button>`
              : (this.src.downloads?.(d, this.correctionsToSave()) ?? []).map(
                  (dl) =>
                    html`<button
                    type="button"
                    @click=${() =>
                      void dl.make().then(
                        () => (this.dirty = false),
                        (err: Error) => this.say(`Could not make it: ${err.message}`),
                      )}
                  >
                    ${dl.label}
                  </button>`,
                )
          }
          <details class="keys">
            <summary>Keys</summary>
            <dl>${KEYS.map(([k, v]) => html`<dt><kbd>${k}</kbd></dt><dd>${v}</dd>`)}</dl>
          </details>
        </div>
        <p class="status" role="status" aria-live="polite">${this.status}</p>
      </header>
      <main class="split">
        <section class="pages-wrap" aria-label="PDF pages">
          ${
            this.pdfProblem
              ? html`<div class="no-pdf">
                <p>${this.pdfProblem}</p>
                <label class="file-button">Open the PDF from this computer <input type="file" accept="application/pdf,.pdf" @change=${(e: Event) => this.pickPdf(e)} /></label>
              </div>`
              : nothing
          }
          <div class="pages" tabindex="0" role="region" aria-label="PDF pages (scroll with the arrow keys)"></div>
        </section>
        <section class="records" aria-labelledby="records-heading">
          <h2 id="records-heading" class="visually-hidden">Records</h2>
          ${
            docWarnings.length
              ? html`<details class="doc-warnings" open>
                <summary>${docWarnings.length} document warning${docWarnings.length === 1 ? '' : 's'}</summary>
                <ul>${docWarnings.map((w) => html`<li><code>${w.code}</code> ${w.message}</li>`)}</ul>
              </details>`
              : nothing
          }
          <button type="button" class="add-first" @click=${() => this.add(-1)}>Add a record at the start</button>
          <ol class="record-list">
            ${d.records.map((r, i) => this.card(r, i, flagged.has(i), reviewed.has(r.id)))}
          </ol>
        </section>
      </main>
    </div>`;
  }

  private pickPdf(e: Event): void {
    const file = (e.target as HTMLInputElement).files?.[0];
    if (!file) return;
    void file.arrayBuffer().then((b) => this.openPdf(new Uint8Array(b)));
  }

  private card(r: TrackerRecord, i: number, flagged: boolean, reviewed: boolean): TemplateResult {
    const sel = i === this.selected;
    const warnings = this.doc.warnings.filter((w) => w.recordId === r.id);
    const cls = ['record', sel ? 'selected' : '', flagged ? 'flagged' : '', reviewed ? 'reviewed' : ''].join(' ');
    const head = html`
      <span class="rid">${r.id}</span>
      <span class="rlabel">${r.label}</span>
      <span class="chip rag-${r.rag ?? 'none'}">${ragWord(r.rag)}</span>
      ${flagged ? html`<span class="flag">${r.review.length + warnings.length} to check</span>` : nothing}
      ${reviewed ? html`<span class="done">✓ reviewed</span>` : nothing}
    `;
    const name = `Record ${r.id}${r.label ? `, ${r.label}` : ''}, ${ragWord(r.rag)}${flagged ? ', to check' : ''}${reviewed ? ', reviewed' : ''}`;
    // One <article> whether selected or not, so it keeps focus when it opens for editing.
    return html`<li>
      <article id=${`record-${i}`} class=${cls} tabindex="0" aria-label=${name} aria-current=${sel ? 'true' : 'false'} @click=${() => this.select(i, { from: 'list' })} @focus=${() => this.select(i, { from: 'list' })}>
        <div class="rhead">${head}</div>
        ${sel ? this.editor(r, i, warnings, reviewed) : html`<p class="snippet">${r.recommendation.slice(0, 180)}${r.recommendation.length > 180 ? '…' : ''}</p>`}
      </article>
    </li>`;
  }

  private editor(r: TrackerRecord, i: number, warnings: TrackerDocument['warnings'], reviewed: boolean): TemplateResult {
    const id = (s: string) => `r${i}-${s}`;
    const edit = (field: 'id' | 'label' | TextField) => (e: Event) => {
      try {
        this.correct(editRecord(this.doc, i, field, (e.target as HTMLInputElement).value));
      } catch (err) {
        (e.target as HTMLInputElement).value = r[field];
        this.say((err as Error).message);
      }
    };
    const caret = (field: TextField) => (e: Event) => {
      this.carets[field] = (e.target as HTMLTextAreaElement).selectionStart;
    };
    return html`
        <div class="row-fields">
          <label for=${id('id')}>Id</label><input id=${id('id')} class="short" .value=${live(r.id)} @change=${edit('id')} />
          <label for=${id('label')}>Label</label><input id=${id('label')} .value=${live(r.label)} @change=${edit('label')} />
          <label for=${id('rag')}>RAG</label>
          <select id=${id('rag')} @change=${(e: Event) => this.correct(editRecord(this.doc, i, 'rag', (e.target as HTMLSelectElement).value || null))}>
            ${RAGS.map((g) => html`<option value=${g ?? ''} ?selected=${g === r.rag}>${ragWord(g)}</option>`)}
          </select>
        </div>
        ${RECORD_FIELDS.map(
          (f) => html`<label class="field" for=${id(f)}>${FIELD_LABEL[f]}</label>
            <textarea id=${id(f)} data-field=${f} .value=${live(r[f])} @change=${edit(f)} @keyup=${caret(f)} @click=${caret(f)} @select=${caret(f)}></textarea>`,
        )}
        ${warnings.length ? html`<ul class="warnings" aria-label="Warnings">${warnings.map((w) => html`<li><code>${w.code}</code> ${w.message}</li>`)}</ul>` : nothing}
        ${r.review.length ? html`<ul class="reasons" aria-label="Reasons to check">${r.review.map((v) => html`<li><code>${v.code}</code>${v.field ? html` <em>${v.field}</em>` : nothing} ${v.message}</li>`)}</ul>` : nothing}
        <div class="record-actions">
          <button type="button" @click=${() => this.toggleReviewed(i)} aria-pressed=${reviewed ? 'true' : 'false'}>${reviewed ? 'Reviewed ✓' : 'Mark reviewed'}</button>
          <button type="button" @click=${() => this.merge(i)} ?disabled=${i + 1 >= this.doc.records.length}>Merge with next</button>
          <button type="button" @click=${() => this.split(i)} title="Put the cursor where the second record starts in each text, then split">Split at cursor</button>
          <button type="button" @click=${() => this.add(i)}>Add record after</button>
          <button type="button" class="danger" @click=${() => this.remove(i)}>Delete</button>
        </div>`;
  }

  private merge(i: number): void {
    try {
      this.correct(mergeWithNext(this.doc, i));
    } catch (err) {
      this.say((err as Error).message);
    }
  }

  private split(i: number): void {
    const at = { ...this.carets };
    if (!Object.keys(at).length) {
      this.say('Put the cursor in a text where the second record starts, then press Split at cursor.');
      return;
    }
    const record = this.doc.records[i];
    if (!record) return;
    const ids = new Set(this.doc.records.map((r) => r.id));
    let newId = `${record.id}b`;
    for (let k = 2; ids.has(newId); k++) newId = `${record.id}-${k}`;
    try {
      this.correct(splitRecord(this.doc, i, at, newId));
      this.carets = {};
    } catch (err) {
      this.say((err as Error).message);
    }
  }

  private add(after: number): void {
    const ids = new Set(this.doc.records.map((r) => r.id));
    const prev = this.doc.records[after]?.id ?? '0';
    let id = /^\d+$/.test(prev) && !ids.has(String(Number(prev) + 1)) ? String(Number(prev) + 1) : `${prev}a`;
    for (let k = 2; ids.has(id); k++) id = `${prev}-${k}`;
    this.correct(addRecord(this.doc, after, { id, rag: null }));
    this.select(after + 1, { focus: false });
    this.root.querySelector<HTMLElement>(`#r${after + 1}-recommendation`)?.focus();
  }

  private remove(i: number): void {
    const record = this.doc.records[i];
    if (!record) return;
    this.correct(deleteRecord(this.doc, i), `Deleted record ${record.id}. Undo (z) brings it back.`);
    if (this.doc.records.length) this.select(Math.min(i, this.doc.records.length - 1), { from: 'key' });
  }

  /** The corrections file as it would be saved now. */
  correctionsToSave(): CorrectionsFile {
    return { ...this.corrections, corrections: [...this.corrections.corrections, ...this.ops], reviewed: currentReviewMarks(this.doc, this.reviewed) };
  }
}
