// npm run build:web — build the review page into web/dist (the static page: open it, drop a PDF).
import { ensureWebBuild } from '../src/node/web-build.ts';

const dir = await ensureWebBuild({ force: true, log: (s) => process.stderr.write(s + '\n') });
process.stderr.write(`built ${dir}\n`);
