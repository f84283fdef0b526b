/**
 * The review page (issue #8): a Vite app over the browser-capable core (src/ without src/node
 * and src/cli.ts). `npm run build:web` writes it to web/dist/, which both the static page
 * (drop a PDF, nothing uploaded) and `impact-tracker review` serve.
 *
 * pdf.js needs its worker script and its data folders (standard fonts, CMaps, wasm decoders,
 * ICC profiles) at URLs it can fetch: the worker comes in through `?url` (web/src/assets.ts),
 * and the folders are copied from the installed pdfjs-dist into dist/pdfjs/ by the plugin below
 * (and served from node_modules by `vite dev`).
 */
import { defineConfig, type Plugin } from 'vite';
import { readdirSync, readFileSync, statSync, createReadStream } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));
const pdfjsDir = path.dirname(createRequire(import.meta.url).resolve('pdfjs-dist/package.json'));
/** The pdf.js data folders the page fetches at run time, copied to dist/pdfjs/<name>/. */
const PDFJS_FOLDERS = ['standard_fonts', 'cmaps', 'wasm', 'iccs'];

function pdfjsData(): Plugin {
  return {
    name: 'impact-tracker:pdfjs-data',
    configureServer(server) {
      server.middlewares.use('/pdfjs', (req, res, next) => {
        const rel = decodeURIComponent((req.url ?? '').split('?')[0]).replace(/^\/+/, '');
        const [folder] = rel.split('/');
        const file = path.join(pdfjsDir, rel);
        if (!PDFJS_FOLDERS.includes(folder) || !file.startsWith(pdfjsDir + path.sep) || !statSync(file, { throwIfNoEntry: false })?.isFile()) return next();
        createReadStream(file).pipe(res);
      });
    },
    generateBundle() {
      for (const folder of PDFJS_FOLDERS) {
        const dir = path.join(pdfjsDir, folder);
        // quickjs-eval is pdf.js's sandbox for document JavaScript, which never runs here.
        for (const name of readdirSync(dir).filter((n) => !n.startsWith('quickjs'))) {
          this.emitFile({ type: 'asset', fileName: `pdfjs/${folder}/${name}`, source: readFileSync(path.join(dir, name)) });
        }
      }
    },
  };
}

export default defineConfig({
  root: here,
  // Relative asset URLs: the static build works from any folder it is copied to.
  base: './',
  plugins: [pdfjsData()],
  resolve: {
    // The core imports pdf.js's legacy build (for Node); browsers this page supports run the
    // modern, pre-minified build: 12% less script to parse before the first page is drawn.
    alias: [{ find: /^pdfjs-dist\/legacy\/build\/pdf\.mjs$/, replacement: 'pdfjs-dist/build/pdf.min.mjs' }],
  },
  build: {
    outDir: path.join(here, 'dist'),
    emptyOutDir: true,
    target: 'es2023',
    chunkSizeWarningLimit: 4000,
    reportCompressedSize: false,
  },
  server: { host: '127.0.0.1' },
});
