// Config from the outside world into one `key=value&…` query for the core, which checks every
// key and value: objects from the JS API, attributes, and a JSON child of the element.

// A TypeError that names the API member and what it expects.
export function argumentError(member, expects) {
  return new TypeError(`Feature Space ${member}(): ${expects}`);
}

// At most 40 characters of user input for a message, and how many more there were.
export function excerpt(value) {
  const s = String(value);
  return s.length <= 40 ? s : `${s.slice(0, 40)}… (${s.length - 40} more characters)`;
}

const text = (v) => (Array.isArray(v) ? v.join(',') : String(v));

/**
 * A partial config ({lr: 0.03, hidden: [8, 8]} or a Map of the same) → `lr=0.03&hidden=8%2C8`.
 * @throws {TypeError} for anything that is not such an object
 */
export function configQuery(partial) {
  let entries;
  if (partial instanceof Map) entries = [...partial];
  else if (partial && typeof partial === 'object' && !Array.isArray(partial)) entries = Object.entries(partial);
  else throw argumentError('setConfig', `expects an object of config keys, such as {lr: 0.03}, not ${partial === null ? 'null' : Array.isArray(partial) ? 'an array' : typeof partial}`);
  return entries
    .filter(([, v]) => v !== undefined)
    .map(([k, v]) => `${encodeURIComponent(String(k))}=${encodeURIComponent(v === null ? '' : text(v))}`)
    .join('&');
}

/**
 * The config of a `<script type="application/json">` child (safe in Markdown and CMS pages).
 * @returns {{query: string, errors: Array<{key: string, message: string}>}}
 */
// A child with "steps" is a lesson document instead, returned as `lesson` for the element to open.
export function inlineConfig(element) {
  const script = element.querySelector(':scope > script[type="application/json"]');
  if (!script) return { query: '', errors: [] };
  try {
    const value = JSON.parse(script.textContent);
    if (value && typeof value === 'object' && 'steps' in value) return { query: '', errors: [], lesson: value };
    return { query: configQuery(value), errors: [] };
  } catch (error) {
    return { query: '', errors: [{ key: 'json', message: `the JSON config child could not be read: ${error.message}` }] };
  }
}
