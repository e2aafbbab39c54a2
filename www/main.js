// Entry point: load the wasm core, mount the playground, publish window.playground.
import init from '../pkg/featurespace.js';
import { Playground } from './playground.js';
import { usesSimd, wasmUrl } from './wasm-module.js';

let resolveReady, rejectReady;
const ready = new Promise((resolve, reject) => {
  resolveReady = resolve;
  rejectReady = reject;
});
window.playground = { ready };

const wasm = wasmUrl();
init({ module_or_path: wasm })
  .then((core) => {
    const playground = new Playground(document.querySelector('#playground'), core.memory, usesSimd(), wasm);
    const api = playground.api();
    // Keep `ready` on the same object users may already hold.
    Object.defineProperties(window.playground, Object.getOwnPropertyDescriptors(api));
    resolveReady(window.playground);
  })
  .catch((error) => {
    const box = document.querySelector('#message');
    box.textContent = `Feature Space could not start: ${error}`;
    box.hidden = false;
    rejectReady(error);
  });
