/**
 * The page as served by `impact-tracker review` (src/node/review-server.ts): the list of
 * converted files (#/), and the review of one (#/doc/<path>). Every request carries the
 * per-run token; the server writes nothing without it.
 */
import { html, render, nothing } from 'lit-html';
import type { ReviewView } from './review.ts';
import type { Correction, CorrectionsFile, ReviewedMark, TrackerDocument } from './types.ts';

/** One converted file in the folder, as `GET /api/files` lists it. */
interface FileEntry {
  path: string;
  name: string;
  title: string;
  file: string;
  records: number;
  warnings: number;
  toCheck: number;
  corrections: number;
  reviewed: number;
}

interface Session {
  mode: 'folder' | 'file';
  root: string;
  open?: string;
}

class Api {
  private readonly token: string;
  constructor(token: string) {
    this.token = token;
  }
  async get<T>(url: string): Promise<T> {
    const res = await fetch(url, { headers: { 'x-review-token': this.token } });
    if (!res.ok) throw new Error(await problem(res));
    return (await res.json()) as T;
  }
  async bytes(url: string): Promise<Uint8Array | string> {
    const res = await fetch(url, { headers: { 'x-review-token': this.token } });
    if (!res.ok) return problem(res);
    return new Uint8Array(await res.arrayBuffer());
  }
  async post<T>(url: string, body: unknown): Promise<T> {
    const res = await fetch(url, { method: 'POST', headers: { 'x-review-token': this.token, 'content-type': 'application/json' }, body: JSON.stringify(body) });
    if (!res.ok) throw new Error(await problem(res));
    return (await res.json()) as T;
  }
}

async function problem(res: Response): Promise<string> {
  try {
    return ((await res.json()) as { error: string }).error;
  } catch {
    return `the server answered ${res.status} ${res.statusText}`;
  }
}

/** Start the page in server mode inside `app`. */
export async function startServerMode(app: HTMLElement, token: string): Promise<void> {
  const api = new Api(token);
  const sessionRequest = api.get<Session>('api/session');
  // A document in the URL: fetch it, its PDF and the review module (pdf.js) alongside the session.
  const early = /^#\/doc\/(.+)$/.exec(location.hash);
  let first: ReturnType<typeof startDoc> | undefined = early?.[1] ? startDoc(api, decodeURIComponent(early[1])) : undefined;
  let session: Session;
  try {
    session = await sessionRequest;
  } catch (err) {
    render(html`<main class="message"><h1>impact-tracker review</h1><p role="alert">${(err as Error).message}</p></main>`, app);
    return;
  }
  let view: ReviewView | null = null;
  let shown = location.hash;
  const route = async () => {
    if (view?.hasUnsaved() && location.hash !== shown && !confirm('Leave this file without saving your corrections?')) {
      history.replaceState(null, '', shown); // stay
      return;
    }
    shown = location.hash;
    await view?.destroy();
    view = null;
    const m = /^#\/doc\/(.+)$/.exec(location.hash);
    const path = m?.[1] ? decodeURIComponent(m[1]) : session.mode === 'file' ? session.open : undefined;
    const started = first?.path === path ? first : undefined;
    first = undefined; // used once: a later visit fetches afresh
    if (path) view = await openDoc(app, api, path, session, started);
    else await showList(app, api, session);
  };
  window.addEventListener('hashchange', () => void route());
  await route();
}

async function showList(app: HTMLElement, api: Api, session: Session): Promise<void> {
  document.title = `Converted files · impact-tracker review`;
  render(html`<main class="list"><h1>Converted files in ${session.root}</h1><p role="status">Reading the folder…</p></main>`, app);
  let files: FileEntry[];
  try {
    files = (await api.get<{ files: FileEntry[] }>('api/files')).files;
  } catch (err) {
    render(html`<main class="list"><h1>Converted files in ${session.root}</h1><p role="alert">${(err as Error).message}</p></main>`, app);
    return;
  }
  const sum = (k: keyof FileEntry) => files.reduce((n, f) => n + (f[k] as number), 0);
  render(
    html`<main class="list">
      <h1>Converted files in ${session.root}</h1>
      <p role="status">${files.length} file${files.length === 1 ? '' : 's'} · ${sum('records')} records · ${sum('toCheck')} to check · ${sum('reviewed')} reviewed</p>
      ${
        files.length
          ? html`<div class="table-wrap" tabindex="0" role="region" aria-label="Converted files">
          <table>
            <caption class="visually-hidden">Converted files with their counts</caption>
            <thead><tr><th scope="col">File</th><th scope="col" class="title">Title</th><th scope="col" class="num">Records</th><th scope="col" class="num">Warnings</th><th scope="col" class="num">To check</th><th scope="col" class="num">Corrections</th><th scope="col" class="num">Reviewed</th></tr></thead>
            <tbody>
              ${files.map(
                (f) => html`<tr>
                  <th scope="row"><a href=${`#/doc/${encodeURIComponent(f.path)}`}>${f.name}</a></th>
                  <td class="title">${f.title}</td>
                  <td class="num">${f.records}</td>
                  <td class="num">${f.warnings}</td>
                  <td class="num">${f.toCheck || nothing}</td>
                  <td class="num">${f.corrections || nothing}</td>
                  <td class="num">${f.reviewed} / ${f.records}</td>
                </tr>`,
              )}
            </tbody>
          </table>
          </div>`
          : html`<p>No converted files (X.json written by <code>impact-tracker extract</code>) in this folder.</p>`
      }
    </main>`,
    app,
  );
  document.documentElement.dataset.list = 'ready';
}

interface Loaded {
  document: TrackerDocument;
  corrections: CorrectionsFile;
  etag: string;
  name: string;
}

/** Start fetching a document, its PDF and the review module, all at once. */
function startDoc(api: Api, path: string) {
  const q = `path=${encodeURIComponent(path)}`;
  const doc = api.get<Loaded>(`api/doc?${q}`);
  doc.catch(() => {}); // handled where awaited
  return {
    path,
    module: import('./review.ts'),
    pdf: api.bytes(`api/pdf?${q}`).catch((err: Error) => `the PDF could not be fetched: ${err.message}`),
    doc,
  };
}

async function openDoc(app: HTMLElement, api: Api, path: string, session: Session, started = startDoc(api, path)): Promise<ReviewView | null> {
  const { module, pdf } = started;
  let loaded: Loaded;
  try {
    loaded = await started.doc;
  } catch (err) {
    render(
      html`<main class="message"><h1>${path}</h1><p role="alert">${(err as Error).message}</p>${session.mode === 'folder' ? html`<p><a href="#/">Back to the files</a></p>` : nothing}</main>`,
      app,
    );
    return null;
  }
  document.title = `${loaded.name} · impact-tracker review`;
  let etag = loaded.etag;
  performance.mark('review:doc-fetched');
  const { ReviewView } = await module;
  performance.mark('review:module');
  return new ReviewView(app, {
    name: loaded.name,
    document: loaded.document,
    corrections: loaded.corrections,
    pdf: () => pdf,
    back: session.mode === 'folder' ? { href: '#/', label: 'All files' } : undefined,
    save: async (corrections: Correction[], reviewed: ReviewedMark[]) => {
      const out = await api.post<{ document: TrackerDocument; corrections: CorrectionsFile; etag: string; written: string[] }>('api/save', { path, etag, corrections, reviewed });
      etag = out.etag;
      return out;
    },
  });
}
