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
