// Which build of the wasm core this browser runs: the SIMD one where the engine validates a
// SIMD instruction, else the fallback. `?simd=0` in the page's address forces the fallback.

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
