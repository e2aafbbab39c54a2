// The offline file's script: the full page with the wasm inlined (bundled by `cargo xtask build`).
import './inline-wasm.js';
import './page.js';
