// Stands in for @napi-rs/canvas inside impact-tracker's workers (see no-canvas.ts): pdf.js
// loads that native Skia binding at import only to polyfill DOMMatrix/Path2D for rendering,
// which extraction never does. OCR (issue #11) loads the real binding itself (canvas.ts) and
// replaces these stubs, which carry `impactTrackerStub` so it can tell them apart.
'use strict';
class NotAvailable {
  constructor() {
    throw new Error('impact-tracker does not render PDF pages here: @napi-rs/canvas is not loaded in this worker');
  }
}
NotAvailable.impactTrackerStub = true;
module.exports = {
  DOMMatrix: NotAvailable,
  Path2D: NotAvailable,
  createCanvas() {
    throw new Error('impact-tracker does not render PDF pages here: @napi-rs/canvas is not loaded in this worker');
  },
};
