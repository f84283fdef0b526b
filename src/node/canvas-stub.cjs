// Stands in for @napi-rs/canvas inside impact-tracker's workers (see no-canvas.ts): pdf.js
// loads that native Skia binding at import only to polyfill DOMMatrix/Path2D for rendering,
// which we never do. Anything that tries to render gets a clear error.
'use strict';
class NotAvailable {
  constructor() {
    throw new Error('impact-tracker does not render PDF pages: @napi-rs/canvas is not loaded in its workers');
  }
}
module.exports = {
  DOMMatrix: NotAvailable,
  Path2D: NotAvailable,
  createCanvas() {
    throw new Error('impact-tracker does not render PDF pages: @napi-rs/canvas is not loaded in its workers');
  },
};
