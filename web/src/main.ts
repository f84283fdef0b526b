/**
 * The review page's entry. With `?token=…` in its URL it was opened from `impact-tracker
 * review` and talks to that server (web/src/server-mode.ts); without, it is the static page:
 * drop a PDF, check it, download the outputs — all in this browser (web/src/static-mode.ts).
 */
import './style.css';
import { startPdfWorker } from './worker.ts';
import { startServerMode } from './server-mode.ts';

const app = document.getElementById('app')!;
app.replaceChildren(); // lit-html renders beside what is there: drop the loading note
const token = new URLSearchParams(location.search).get('token') ?? sessionStorage.getItem('impact-tracker-token');
if (token) {
  // Keep the token out of the address bar (and out of anything copied from it); this tab
  // keeps it for a reload.
  sessionStorage.setItem('impact-tracker-token', token);
  if (location.search) history.replaceState(null, '', location.pathname + location.hash);
  if (location.hash.startsWith('#/doc/')) startPdfWorker();
  void startServerMode(app, token);
} else {
  startPdfWorker();
  void import('./static-mode.ts').then((m) => m.startStaticMode(app));
}
