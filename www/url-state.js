// The URL hash holds the experiment: `#dataset=band&hidden=2&…`, the same keys as the config,
// plus the lesson keys (`lesson`, `step`) and the element's own (`views`, `controls`,
// `presenter`, `speed`, `autoplay`, the space settings `space`, `axes`, `regions`, and `origins`
// for the iframe mode), and the full page's comparison (`compare=optimizer:sgd`).

const ELEMENT_KEYS = ['views', 'controls', 'presenter', 'speed', 'autoplay', 'origins', 'space', 'axes', 'regions'];

export const readHash = () => location.hash.replace(/^#/, '');

// Written with replaceState, so that an embedded page never fills the host's back button.
export function writeHash(query) {
  const next = `#${query}`;
  if (location.hash !== next) history.replaceState(null, '', next);
}

// The element's own keys of a hash (views, controls, speed, autoplay, presenter) onto it.
export function applyElementKeys(el, keys) {
  for (const key of ['views', 'controls', 'speed', 'autoplay', 'space', 'axes']) if (keys[key] != null) el.setAttribute(key, keys[key]);
  for (const key of ['presenter', 'regions']) if (keys[key] && keys[key] !== '0') el.setAttribute(key, '');
}

// decodeURIComponent that keeps a malformed escape as written (the core then names the value).
export function decode(text) {
  try {
    return decodeURIComponent(text.replace(/\+/g, ' '));
  } catch {
    return text;
  }
}

/**
 * Splits a hash into the lesson keys, the element's keys, the page's comparison and the config
 * query (the rest, left encoded for the core to read and check).
 * @returns {{lesson: string|null, step: number, element: Object<string, string>, compare: string|null, query: string}}
 */
export function splitHash(hash) {
  const rest = [];
  const element = {};
  let lesson = null, step = 1, compare = null;
  for (const pair of hash.replace(/^#/, '').split('&').filter(Boolean)) {
    const [k, v = ''] = pair.split('=');
    const key = decode(k), value = decode(v);
    if (key === 'lesson') lesson = value;
    else if (key === 'step') step = Number(value);
    else if (key === 'compare') compare = value;
    else if (ELEMENT_KEYS.includes(key)) element[key] = value;
    else rest.push(pair);
  }
  return { lesson, step, element, compare, query: rest.join('&') };
}
