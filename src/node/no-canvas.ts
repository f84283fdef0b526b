/**
 * Keep pdf.js from loading @napi-rs/canvas in this thread. pdf.js requires that native Skia
 * binding when it is imported in Node, only to polyfill DOMMatrix and Path2D for rendering;
 * extraction never renders. Loading it costs each process ≈ 35 MB of memory and start-up
 * time (bench/results.json), so bulk workers resolve it to a stub that throws if used.
 * Import this module before anything that imports pdf.js. Node ≥ 22.15 (module.registerHooks);
 * on older Node it does nothing.
 */
import module from 'node:module';

const STUB = new URL('./canvas-stub.cjs', import.meta.url).href;
const register = (module as unknown as { registerHooks?: (hooks: unknown) => void }).registerHooks;
register?.({
  resolve(specifier: string, context: unknown, nextResolve: (s: string, c: unknown) => unknown) {
    if (specifier === '@napi-rs/canvas') return { url: STUB, format: 'commonjs', shortCircuit: true };
    return nextResolve(specifier, context);
  },
});
