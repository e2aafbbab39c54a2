// The URL hash holds the experiment: `#dataset=band&hidden=2&…`, the same keys as the config.

export const readHash = () => location.hash.replace(/^#/, '');

export function writeHash(query) {
  const next = `#${query}`;
  if (location.hash !== next) history.replaceState(null, '', next);
}

// A partial config object → `key=value&…` with each part encoded.
export function toQuery(partial) {
  return Object.entries(partial)
    .map(([k, v]) => `${encodeURIComponent(k)}=${encodeURIComponent(Array.isArray(v) ? v.join(',') : String(v))}`)
    .join('&');
}

// Splits a hash into the lesson keys (`lesson`, `step`) and the config query (everything else).
export function splitHash(hash) {
  const rest = [];
  let lesson = null, step = 1;
  for (const pair of hash.replace(/^#/, '').split('&').filter(Boolean)) {
    const [k, v = ''] = pair.split('=');
    const value = decodeURIComponent(v);
    if (k === 'lesson') lesson = value;
    else if (k === 'step') step = Number(value);
    else rest.push(pair);
  }
  return { lesson, step, query: rest.join('&') };
}
