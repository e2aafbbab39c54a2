// The HTML that recreates an element's state: the element with its non-default keys as
// attributes, or an iframe of embed.html for hosts that strip scripts.
import { SCHEMA } from './keys.js';
import { kebab } from './controls.js';

// Where this module lives; in the single-script builds (no import.meta), the site's www/.
const HERE = import.meta.url ?? new URL('www/embed-code.js', document.baseURI).href;

const escape = (text) => String(text).replace(/[&<>"]/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' })[c]);

// The keys whose values differ from the defaults, in the schema's order.
export function changedKeys(config) {
  return SCHEMA.filter((s) => config[s.key] !== s.default).map((s) => [s.key, String(config[s.key])]);
}

/**
 * @param {object} config          the element's config
 * @param {{views: string, controls: string, extra?: Array<[string, string]>}} shown
 * @param {{iframe?: boolean}} options
 */
export function embedCode(config, shown, { iframe = false } = {}) {
  const pairs = [...changedKeys(config), ['views', shown.views], ['controls', shown.controls], ...(shown.extra ?? [])];
  if (iframe) {
    const hash = pairs.map(([k, v]) => `${encodeURIComponent(k)}=${encodeURIComponent(v)}`).join('&');
    const src = new URL(`../embed.html#${hash}`, HERE);
    return `<iframe src="${escape(src)}" title="Feature Space: a neural network learning" width="100%" height="640" loading="lazy" sandbox="allow-scripts" style="border:0"></iframe>`;
  }
  const attrs = pairs.map(([k, v]) => ` ${SCHEMA.some((s) => s.key === k) ? kebab(k) : k}="${escape(v)}"`).join('');
  const script = new URL('./feature-space.js', HERE);
  return `<script type="module" src="${escape(script)}"></script>\n<feature-space${attrs}></feature-space>`;
}
