// The wasm core, loaded once per page however many elements use it: one instance, one memory,
// one Rust object per element. The SIMD build where the engine validates a SIMD instruction,
// else the fallback; `?simd=0` in the page's address forces the fallback. A single-file build
// hands the module's bytes over with `provideWasm` before anything loads.
import init, * as glue from '../pkg/featurespace.js';

// (module (func (result v128) i32.const 0 i8x16.splat i8x16.popcnt))
const SIMD_PROBE = new Uint8Array([
  0, 97, 115, 109, 1, 0, 0, 0, 1, 5, 1, 96, 0, 1, 123, 3, 2, 1, 0, 10, 10, 1, 8, 0, 65, 0, 253, 15, 253, 98, 11,
]);

export function simdSupported() {
  try {
    return WebAssembly.validate(SIMD_PROBE);
  } catch {
    return false;
  }
}

export function usesSimd() {
  return new URLSearchParams(location.search).get('simd') !== '0' && simdSupported();
}

export function wasmUrl() {
  const file = usesSimd() ? 'featurespace_bg.wasm' : 'featurespace_fallback_bg.wasm';
  return new URL(`../pkg/${file}`, import.meta.url);
}

let inlineBytes = null;
let loading = null;

// For the single-file builds: the module's bytes, so that nothing is fetched.
export function provideWasm(bytes) {
  inlineBytes = bytes;
}

/**
 * @typedef {object} Core
 * @property {typeof glue} glue       the wasm-bindgen exports (Playground, config_schema, …)
 * @property {WebAssembly.Memory} memory
 * @property {boolean} simd           whether the SIMD build runs
 * @property {URL|null} wasm          the module's URL, for the training worker (null when inlined)
 * @property {WebAssembly.Module} module  the compiled module: the training worker instantiates
 *                                    it as it is, with no fetch and no compile of its own
 */

/** @returns {Promise<Core>} the page's one core, loading it on the first call. */
export function loadCore() {
  loading ??= (async () => {
    const wasm = inlineBytes ? null : wasmUrl();
    const module = await (inlineBytes ? WebAssembly.compile(inlineBytes) : compile(wasm));
    const exports = await init({ module_or_path: module });
    return { glue, memory: exports.memory, simd: inlineBytes ? false : usesSimd(), wasm, module };
  })();
  return loading;
}

// The module at `url`, compiled as it streams in; from its bytes where the server does not
// call it application/wasm, which streaming refuses (as wasm-bindgen's own loader falls back).
async function compile(url) {
  const response = await fetch(url);
  if (!response.ok) throw new Error(`failed to fetch ${url}: ${response.status}`);
  const streams = response.headers.get('Content-Type')?.startsWith('application/wasm');
  return streams ? WebAssembly.compileStreaming(response) : WebAssembly.compile(await response.arrayBuffer());
}

// Whether the core has been asked for already (the element's lazy loading reads this).
export const coreRequested = () => loading !== null;
