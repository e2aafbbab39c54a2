// embed.html, the iframe mode (bundled by `cargo xtask build` into feature-space-embed.js with
// the wasm inlined, so it also runs in a sandboxed iframe). The hash holds the config and
// `views`, `controls`, `presenter`, `speed`, `autoplay`; `origins` lists the pages allowed to
// drive it. It posts its height to the parent for auto-resize and answers the element's API
// over postMessage, to those origins only.
import './inline-wasm.js';
import './feature-space.js';
import { applyElementKeys, readHash, splitHash } from './url-state.js';

const el = document.querySelector('feature-space');
const first = splitHash(readHash());
applyElementKeys(el, first.element);
el.load(first.query);
const origins = (first.element.origins ?? '').split(',').map((o) => o.trim()).filter(Boolean);

// The height, to the given origins (or to any parent when none are given: it tells nothing).
const targets = origins.length ? origins : ['*'];
const post = (message) => {
  if (parent === window) return;
  for (const origin of targets) parent.postMessage(message, origin);
};
let lastHeight = 0;
new ResizeObserver(() => {
  const height = Math.ceil(document.documentElement.getBoundingClientRect().height);
  if (height !== lastHeight) post({ type: 'fs-height', height: (lastHeight = height) });
}).observe(document.documentElement);

// The API: {type: 'fs-call', id, method, args} → {type: 'fs-result', id, result} or {…, error}.
const METHODS = ['play', 'pause', 'step', 'stepSample', 'stepBatch', 'reset', 'fit', 'state', 'config', 'setConfig', 'data', 'history', 'loadCsv', 'embedCode',
  'timeline', 'scrub', 'continueFrom'];
addEventListener('message', async (e) => {
  const { type, id, method, args = [] } = e.data ?? {};
  if (type !== 'fs-call' || !origins.includes(e.origin)) return;
  const reply = (body) => e.source.postMessage({ type: 'fs-result', id, ...body }, e.origin);
  if (!METHODS.includes(method)) return reply({ error: `'${method}' is not one of ${METHODS.join(', ')}` });
  try {
    await el.ready;
    reply({ result: await el[method](...(Array.isArray(args) ? args : [args])) ?? null });
  } catch (error) {
    reply({ error: String(error?.message ?? error) });
  }
});
// The element's events, passed on to the allowed origins.
for (const type of ['fs-ready', 'fs-step', 'fs-update', 'fs-play', 'fs-pause', 'fs-stop', 'fs-error', 'fs-scrub']) {
  el.addEventListener(type, (e) => {
    for (const origin of origins) parent.postMessage({ type, detail: JSON.parse(JSON.stringify(e.detail ?? {})) }, origin);
  });
}
