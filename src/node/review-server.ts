/**
 * The review page's local server (issue #8): serves the built page (web/dist) and a small JSON
 * API over one folder of outputs — list the converted files, read one with its corrections,
 * stream its PDF, save corrections.
 *
 * Safety (issue #8 "Safe"):
 * - binds 127.0.0.1 only;
 * - answers only requests whose Host is its own (127.0.0.1:PORT or localhost:PORT) and whose
 *   Origin, when sent, is its own: a DNS-rebinding page at evil.example:PORT gets 403;
 * - every API request (reads and writes) carries the per-run random token from the printed URL
 *   in the `x-review-token` header; writes also need `content-type: application/json`, which a
 *   cross-site form cannot send without a CORS preflight this server never grants;
 * - serves and writes only files inside the folder it was given: no absolute paths, no `..`
 *   segments, and the real path (symlinks resolved) must stay inside; a PDF is also read from
 *   a folder given with `--pdfs` or the PDF named on the command line, never from a path the
 *   client sends.
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import { readFile, readdir, realpath, stat } from 'node:fs/promises';
import path from 'node:path';
import type { AddressInfo } from 'node:net';
import { validateDocument, validateCorrectionsFile, type CorrectionsFile, type TrackerDocument } from '../schema.ts';
import { applyList, correctionsToJson, currentReviewMarks, emptyCorrections, parseCorrections } from '../corrections.ts';
import { documentToJson } from '../write/json.ts';
import { documentsToCsv } from '../write/csv.ts';
import { OptionsError, TrackerError } from '../errors.ts';
import { writeFileAtomic } from './io.ts';
import { loadReportFonts } from './fonts.ts';

/** What {@link startReviewServer} serves. Paths may be relative to the working folder. */
export interface ReviewServerOptions {
  /** The folder of outputs (X.json, X.csv, …): everything served or written is inside it. */
  folder: string;
  /** The built page (web/dist, see src/node/web-build.ts). */
  webDir: string;
  /** TCP port; 0 or absent: a free one. */
  port?: number;
  /** Folders searched (read only) for the PDF a document names in `source.file`. */
  pdfFolders?: string[];
  /** PDFs named on the command line, by the document's path relative to `folder`. */
  pdfFiles?: Record<string, string>;
  /** Open this document (path relative to `folder`) straight away instead of the file list. */
  open?: string;
  /** The per-run token (default: 24 random bytes, base64url). Tests pass their own. */
  token?: string;
}

/** A running server: its URL (with the token), and how to stop it. */
export interface ReviewServer {
  /** `http://127.0.0.1:PORT/?token=…` (then `#/doc/X.json` with `open`): the page, with the token every request needs. */
  url: string;
  port: number;
  token: string;
  close(): Promise<void>;
}

/** One converted file in the list (`GET /api/files`). */
export interface ReviewFileEntry {
  /** Path of X.json relative to the folder, with "/" separators. */
  path: string;
  /** Output base name X. */
  name: string;
  title: string;
  /** The PDF's name as recorded in `source.file`. */
  file: string;
  records: number;
  warnings: number;
  /** Records with review reasons or warnings. */
  toCheck: number;
  corrections: number;
  reviewed: number;
}

class HttpError extends Error {
  readonly status: number;
  constructor(status: number, message: string) {
    super(message);
    this.status = status;
  }
}

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.ttf': 'font/ttf',
  '.pfb': 'application/octet-stream',
  '.bcmap': 'application/octet-stream',
  '.wasm': 'application/wasm',
  '.icc': 'application/octet-stream',
  '.png': 'image/png',
  '.svg': 'image/svg+xml',
};

/** The page's own resources only; pdf.js needs wasm (decoders) and blob: images. */
const CSP =
  "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; worker-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' blob: data:; font-src 'self' blob: data:; connect-src 'self'; object-src 'none'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

/** Largest save request accepted: corrections are small; this also bounds memory. */
const MAX_BODY_BYTES = 16 * 1024 * 1024;

/** A relative path from a client: no absolute path, no `..`, no NUL, no backslash tricks. */
function cleanRelative(rel: string): string {
  if (!rel || rel.includes('\0') || path.isAbsolute(rel) || /^[a-zA-Z]:/.test(rel) || rel.split(/[\\/]/).some((s) => s === '..')) {
    throw new HttpError(403, `refused path ${JSON.stringify(rel)}: only paths inside the reviewed folder, without "..", are served`);
  }
  return rel;
}

/** True when `real` (a real path) is `dir` or inside it. */
const within = (dir: string, real: string) => real === dir || real.startsWith(dir.endsWith(path.sep) ? dir : dir + path.sep);

/**
 * Resolve `rel` inside `root` (a real path) to a real path that is still inside it.
 * @throws HttpError 403 for a path that leaves it (`..`, a symlink out), 404 when missing.
 */
async function resolveInside(root: string, rel: string): Promise<string> {
  const abs = path.resolve(root, cleanRelative(rel));
  if (!within(root, abs)) throw new HttpError(403, `refused path ${JSON.stringify(rel)}: outside the reviewed folder`);
  let real: string;
  try {
    real = await realpath(abs);
  } catch {
    throw new HttpError(404, `no such file: ${rel}`);
  }
  if (!within(root, real)) throw new HttpError(403, `refused path ${JSON.stringify(rel)}: it links outside the reviewed folder`);
  return real;
}

const isDocumentName = (name: string) => /\.json$/i.test(name) && !/\.corrections\.json$/i.test(name);
const baseOf = (jsonPath: string) => path.basename(jsonPath).replace(/\.json$/i, '');
const siblings = (jsonPath: string) => {
  const dir = path.dirname(jsonPath);
  const base = baseOf(jsonPath);
  return { json: jsonPath, csv: path.join(dir, `${base}.csv`), report: path.join(dir, `${base}.report.pdf`), corrections: path.join(dir, `${base}.corrections.json`) };
};
const etagOf = (text: string) => createHash('sha256').update(text).digest('hex').slice(0, 20);

/** Every X.json under `root` (real path), recursively; symlinked folders are not followed. */
async function findDocuments(root: string): Promise<string[]> {
  const out: string[] = [];
  const walk = async (dir: string, depth: number) => {
    if (depth > 8) return;
    const entries = await readdir(dir, { withFileTypes: true }).catch(() => []);
    await Promise.all(
      entries.map(async (e) => {
        if (e.name.startsWith('.') || e.name === 'node_modules') return;
        const p = path.join(dir, e.name);
        if (e.isDirectory()) return walk(p, depth + 1);
        if (!isDocumentName(e.name)) return;
        if (e.isSymbolicLink()) {
          const real = await realpath(p).catch(() => '');
          if (!real || !within(root, real)) return;
        } else if (!e.isFile()) return;
        out.push(p);
      }),
    );
  };
  await walk(root, 0);
  return out.sort();
}

/** Read a document's corrections file, or an empty one. @throws HttpError 422 when it is unreadable (it is never overwritten then). */
async function readCorrections(file: string, doc: TrackerDocument): Promise<CorrectionsFile> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return emptyCorrections(doc);
    throw new HttpError(422, `cannot read ${path.basename(file)}: ${(err as Error).message}`);
  }
  try {
    return parseCorrections(text, path.basename(file));
  } catch (err) {
    throw new HttpError(422, `${(err as Error).message}. Fix or move that file first: saving would lose the corrections in it`);
  }
}

async function readDocument(file: string): Promise<{ text: string; document: TrackerDocument }> {
  const text = await readFile(file, 'utf8');
  try {
    return { text, document: validateDocument(JSON.parse(text)) };
  } catch (err) {
    throw new HttpError(422, `${path.basename(file)} is not a tracker document written by impact-tracker extract: ${(err as Error).message}`);
  }
}

/**
 * Start the review server on 127.0.0.1.
 * @throws OptionsError INVALID_OPTIONS when the folder is missing, or the port is taken.
 * @example
 * ```ts
 * const server = await startReviewServer({ folder: 'output', webDir: 'web/dist' });
 * console.log(server.url); // http://127.0.0.1:41234/?token=…
 * ```
 */
export async function startReviewServer(options: ReviewServerOptions): Promise<ReviewServer> {
  let root: string;
  try {
    root = await realpath(options.folder);
    if (!(await stat(root)).isDirectory()) throw new Error('not a folder');
  } catch {
    throw new OptionsError('INVALID_OPTIONS', `${options.folder} is not a folder of outputs; give the folder "impact-tracker extract --out" wrote`);
  }
  const webDir = await realpath(options.webDir);
  const pdfFolders = await Promise.all((options.pdfFolders ?? []).map((d) => realpath(d).catch(() => path.resolve(d))));
  const pdfFiles = new Map(Object.entries(options.pdfFiles ?? {}).map(([k, v]) => [k.split(path.sep).join('/'), path.resolve(v)]));
  const token = options.token ?? randomBytes(24).toString('base64url');
  const tokenBytes = Buffer.from(token);
  let port = 0;
  const ownHosts = () => new Set([`127.0.0.1:${port}`, `localhost:${port}`]);

  const relOf = (real: string) => path.relative(root, real).split(path.sep).join('/');

  /** The PDF of a document: one named on the command line, or found by its `source.file`. */
  async function findPdf(jsonReal: string, doc: TrackerDocument): Promise<string | null> {
    const explicit = pdfFiles.get(relOf(jsonReal));
    if (explicit) return explicit;
    const named = doc.source.file;
    const candidates: Array<[string, string]> = [];
    if (named && !named.split(/[\\/]/).includes('..') && !path.isAbsolute(named)) {
      candidates.push([root, path.join(root, named)], [root, path.join(path.dirname(jsonReal), path.basename(named))]);
      for (const d of pdfFolders) candidates.push([d, path.join(d, named)], [d, path.join(d, path.basename(named))]);
    }
    candidates.push([root, path.join(path.dirname(jsonReal), `${baseOf(jsonReal)}.pdf`)]);
    for (const [dir, p] of candidates) {
      const real = await realpath(p).catch(() => null);
      if (real && within(dir, real) && /\.pdf$/i.test(real) && (await stat(real)).isFile()) return real;
    }
    return null;
  }

  async function listFiles(): Promise<ReviewFileEntry[]> {
    const files = await findDocuments(root);
    const entries = await Promise.all(
      files.map(async (file): Promise<ReviewFileEntry | null> => {
        let doc: TrackerDocument;
        try {
          const data = JSON.parse(await readFile(file, 'utf8')) as TrackerDocument;
          if (!data || !Array.isArray(data.records) || typeof data.source !== 'object') return null;
          doc = { ...data, warnings: data.warnings ?? [], records: data.records.map((r) => ({ ...r, review: r.review ?? [] })) };
        } catch {
          return null;
        }
        let corrections: CorrectionsFile | null = null;
        try {
          corrections = validateCorrectionsFile(JSON.parse(await readFile(siblings(file).corrections, 'utf8')));
        } catch {
          corrections = null;
        }
        const warned = new Set(doc.warnings.map((w) => w.recordId));
        return {
          path: relOf(file),
          name: baseOf(file),
          title: String(doc.title ?? ''),
          file: String(doc.source.file ?? ''),
          records: doc.records.length,
          warnings: doc.warnings.length,
          toCheck: doc.records.filter((r) => r.review.length > 0 || warned.has(r.id)).length,
          corrections: corrections?.corrections.length ?? 0,
          reviewed: corrections ? currentReviewMarks(doc, corrections.reviewed).length : 0,
        };
      }),
    );
    return entries.filter((e): e is ReviewFileEntry => e !== null);
  }

  async function documentAt(rel: string): Promise<string> {
    const real = await resolveInside(root, rel);
    if (!isDocumentName(real)) throw new HttpError(403, `refused ${rel}: only converted files (X.json) can be opened`);
    return real;
  }

  async function api(req: IncomingMessage, res: ServerResponse, url: URL): Promise<void> {
    const given = Buffer.from(String(req.headers['x-review-token'] ?? ''));
    if (given.length !== tokenBytes.length || !timingSafeEqual(given, tokenBytes)) {
      throw new HttpError(401, 'missing or wrong review token: open the page with the URL impact-tracker review printed');
    }
    const route = `${req.method} ${url.pathname}`;
    if (route === 'GET /api/session') {
      return sendJson(res, 200, { mode: options.open ? 'file' : 'folder', root: path.basename(root), ...(options.open ? { open: options.open.split(path.sep).join('/') } : {}) });
    }
    if (route === 'GET /api/files') return sendJson(res, 200, { files: await listFiles() });
    if (route === 'GET /api/doc') {
      const file = await documentAt(url.searchParams.get('path') ?? '');
      const { text, document } = await readDocument(file);
      const corrections = await readCorrections(siblings(file).corrections, document);
      return sendJson(res, 200, { document, corrections, etag: etagOf(text), name: baseOf(file) });
    }
    if (route === 'GET /api/pdf') {
      const file = await documentAt(url.searchParams.get('path') ?? '');
      const { document } = await readDocument(file);
      const pdf = await findPdf(file, document);
      if (!pdf) {
        throw new HttpError(
          404,
          `the PDF ${document.source.file || baseOf(file) + '.pdf'} is not in ${path.basename(root)}/${pdfFolders.length ? ' or the --pdfs folders' : ''}: restart with --pdfs <the folder of the PDFs>, or open it from this computer below`,
        );
      }
      res.writeHead(200, { 'content-type': 'application/pdf', 'cache-control': 'no-store' });
      res.end(await readFile(pdf));
      return;
    }
    if (route === 'POST /api/save') {
      if (!/^application\/json\b/i.test(String(req.headers['content-type'] ?? ''))) throw new HttpError(415, 'a save must be sent as application/json');
      const body = (await readJsonBody(req)) as { path?: unknown; etag?: unknown; corrections?: unknown; reviewed?: unknown };
      const file = await documentAt(typeof body.path === 'string' ? body.path : '');
      return sendJson(res, 200, await save(file, body));
    }
    throw new HttpError(404, `no such API: ${route}`);
  }

  /** Apply new corrections to X.json as it is on disk, then write X.corrections.json, X.json, X.csv, X.report.pdf. */
  async function save(file: string, body: { etag?: unknown; corrections?: unknown; reviewed?: unknown }) {
    const { text, document } = await readDocument(file);
    if (body.etag !== etagOf(text))
      throw new HttpError(409, `${path.basename(file)} changed on disk since the page loaded it (another save or an extract): reload the page and redo the unsaved corrections`);
    const out = siblings(file);
    const existing = await readCorrections(out.corrections, document);
    let incoming: CorrectionsFile;
    try {
      incoming = validateCorrectionsFile({ ...emptyCorrections(document), corrections: body.corrections ?? [], reviewed: body.reviewed ?? [] });
    } catch (err) {
      throw new HttpError(400, (err as Error).message);
    }
    const { document: corrected, stale } = applyList(document, incoming.corrections);
    if (stale.length) throw new HttpError(409, `a correction does not apply to ${path.basename(file)} as it is now (${stale[0]!.reason}); reload the page`);
    const next: CorrectionsFile = {
      ...existing,
      // The PDF these corrections were made on. Corrections kept from a file made for another
      // version of it stay in the list: they apply again where a record still reads as it did.
      source: { file: document.source.file, sha256: document.source.sha256 },
      corrections: [...existing.corrections, ...incoming.corrections],
      reviewed: incoming.reviewed,
    };
    const { writeReport } = await import('../write/report/index.ts');
    const json = documentToJson(corrected);
    const report = await writeReport(corrected, { fonts: await loadReportFonts() });
    // The corrections first: if anything after fails, extract re-applies them.
    await writeFileAtomic(out.corrections, correctionsToJson(next));
    await writeFileAtomic(out.json, json);
    await writeFileAtomic(out.csv, documentsToCsv([corrected]));
    await writeFileAtomic(out.report, report);
    const written = [out.json, out.csv, out.report, out.corrections].map((p) => path.basename(p));
    return { document: validateDocument(JSON.parse(json)), corrections: next, etag: etagOf(json), written };
  }

  async function staticFile(res: ServerResponse, url: URL): Promise<void> {
    const rel = decodeURIComponent(url.pathname).replace(/^\/+/, '') || 'index.html';
    const real = await resolveInside(webDir, rel);
    const info = await stat(real);
    if (!info.isFile()) throw new HttpError(404, `no such file: ${rel}`);
    const type = TYPES[path.extname(real).toLowerCase()] ?? 'application/octet-stream';
    const headers: Record<string, string> = { 'content-type': type, 'x-content-type-options': 'nosniff', 'referrer-policy': 'no-referrer' };
    if (type.startsWith('text/html')) Object.assign(headers, { 'content-security-policy': CSP, 'cache-control': 'no-store' });
    else headers['cache-control'] = rel.startsWith('assets/') ? 'public, max-age=31536000, immutable' : 'public, max-age=3600';
    res.writeHead(200, headers);
    res.end(await readFile(real));
  }

  const server = createServer((req, res) => {
    void (async () => {
      try {
        // DNS rebinding: a foreign page resolving its own name to 127.0.0.1 sends its own Host.
        if (!ownHosts().has(String(req.headers.host ?? '')))
          throw new HttpError(403, `refused: Host ${JSON.stringify(req.headers.host ?? '')} is not this server (open http://127.0.0.1:${port}/)`);
        const origin = req.headers.origin;
        if (origin !== undefined && !ownHosts().has(origin.replace(/^http:\/\//, ''))) throw new HttpError(403, `refused: requests from ${origin} are not allowed`);
        const url = new URL(req.url ?? '/', `http://127.0.0.1:${port}`);
        if (url.pathname.startsWith('/api/')) return await api(req, res, url);
        if (req.method !== 'GET' && req.method !== 'HEAD') throw new HttpError(405, `${req.method} is not allowed here`);
        return await staticFile(res, url);
      } catch (err) {
        const status = err instanceof HttpError ? err.status : err instanceof TrackerError ? 500 : 500;
        const message = err instanceof HttpError || err instanceof TrackerError ? err.message : `internal error: ${(err as Error)?.message ?? String(err)}`;
        if (!res.headersSent) sendJson(res, status, { error: message });
        else res.destroy();
      }
    })();
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', (err: NodeJS.ErrnoException) =>
      reject(
        err.code === 'EADDRINUSE'
          ? new OptionsError('INVALID_OPTIONS', `port ${options.port} is in use: choose another with --port, or leave --port out for a free one`, { cause: err })
          : err,
      ),
    );
    server.listen(options.port ?? 0, '127.0.0.1', () => resolve());
  });
  port = (server.address() as AddressInfo).port;
  return {
    url: `http://127.0.0.1:${port}/?token=${token}${options.open ? `#/doc/${encodeURIComponent(options.open.split(path.sep).join('/'))}` : ''}`,
    port,
    token,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

function sendJson(res: ServerResponse, status: number, body: unknown): void {
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store', 'x-content-type-options': 'nosniff' });
  res.end(JSON.stringify(body));
}

async function readJsonBody(req: IncomingMessage): Promise<unknown> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > MAX_BODY_BYTES) throw new HttpError(413, 'the save request is too large');
    chunks.push(chunk as Buffer);
  }
  try {
    return JSON.parse(Buffer.concat(chunks).toString('utf8'));
  } catch {
    throw new HttpError(400, 'the save request is not valid JSON');
  }
}
