// The full page's "Compare" button: a second <feature-space>, linked to the page's element by
// `compare` (see compare.js), beside it (below it on a narrow screen), with a chooser of what
// differs between the two runs. The page's element shows the same views while comparing. The
// comparison goes into the page's link (`compare=key:value`); this module loads on first use.
import { SCHEMA } from './keys.js';

const VIEWS = 'input feature loss';
const CONTROLS = 'play step reset speed';
// What may differ, and the values offered for the keys without a list of choices.
const KEYS = ['optimizer', 'activation', 'hidden', 'lr'];
const VALUES = { hidden: ['1', '2', '3', '4', '8', '2,2', '8,8'], lr: ['0.001', '0.003', '0.01', '0.03', '0.1', '0.3', '1'] };

const options = (key) => {
  const spec = SCHEMA.find((s) => s.key === key);
  return spec.choices ? spec.choices.map((c, i) => [c, spec.labels[i]]) : VALUES[key].map((v) => [v, v]);
};
const text = (v) => (Array.isArray(v) ? v.join(',') : String(v));

/**
 * @param {HTMLElement} primary  the page's <feature-space> (with an id)
 * @param {(spec: string|null) => void} changed  told `key:value` whenever the comparison starts or
 *        changes (here or on the second element's own control), null when it stops
 * @returns {{spec: () => string|null, apply: (spec: string|null) => string|null, toggle: () => void}}
 */
export function setupCompare(primary, changed = () => {}) {
  const button = document.querySelector('#compare');
  const bar = document.querySelector('#compare-bar');
  const keySelect = bar.querySelector('#compare-key');
  const valueSelect = bar.querySelector('#compare-value');
  const main = primary.parentElement;
  let second = null;
  let saved = null; // the page element's views and controls before comparing

  for (const key of KEYS) keySelect.append(new Option(SCHEMA.find((s) => s.key === key).label, key));

  const spec = () => (second ? `${keySelect.value}:${valueSelect.value}` : null);
  const tell = () => changed(spec());

  // The values of the chosen key, the first one that differs from the page element's selected.
  function fillValues() {
    const key = keySelect.value;
    const current = text(primary.config()?.[key] ?? '');
    valueSelect.replaceChildren(...options(key).map(([v, label]) => new Option(label, v)));
    const other = options(key).find(([v]) => v !== current && !(key === 'optimizer' && v === 'lbfgs'));
    valueSelect.value = other?.[0] ?? valueSelect.options[0].value;
  }

  // A value the list does not offer (from a link, or typed into the second element) is added.
  function chooseValue(value) {
    if (![...valueSelect.options].some((o) => o.value === value)) valueSelect.append(new Option(value, value));
    valueSelect.value = value;
  }

  // A new linked element for the chosen key (a changed key starts a fresh link).
  function addSecond() {
    second?.compareLink?.unlink();
    second?.remove();
    const element = (second = document.createElement('feature-space'));
    element.id = 'compared';
    element.setAttribute('compare', primary.id);
    element.setAttribute('views', VIEWS);
    element.setAttribute('controls', `${CONTROLS} ${keySelect.value}`);
    element.setAttribute('loading', 'eager');
    element.setAttribute(keySelect.value, valueSelect.value);
    // Its own control for the key that differs changes the chooser (and the link) too.
    element.addEventListener('fs-config', () => {
      const value = text(element.config()?.[keySelect.value] ?? '');
      if (element !== second || !value || value === valueSelect.value) return;
      chooseValue(value);
      tell();
    });
    main.append(element);
  }

  function start() {
    saved = { views: primary.getAttribute('views'), controls: primary.getAttribute('controls') };
    primary.lesson(null);
    primary.setAttribute('views', VIEWS);
    main.classList.add('comparing');
    bar.hidden = false;
    button.setAttribute('aria-pressed', 'true');
    button.textContent = 'Stop comparing';
  }

  function stop() {
    second?.compareLink?.unlink();
    second?.remove();
    second = null;
    main.classList.remove('comparing');
    bar.hidden = true;
    button.setAttribute('aria-pressed', 'false');
    button.textContent = 'Compare';
    for (const [name, value] of Object.entries(saved ?? {})) if (value == null) primary.removeAttribute(name); else primary.setAttribute(name, value);
    tell();
  }

  // Compares `key` (with `value`, or the first value that differs when null).
  function compare(key, value) {
    if (!second) start();
    keySelect.value = key;
    fillValues();
    if (value != null) chooseValue(value);
    addSecond();
    tell();
  }

  // A link's comparison, `key:value` (or just `key`); null or '' for none. Returns what is wrong
  // with one it cannot show (the value of a key without a list is checked by the element).
  function apply(link) {
    if (!link) {
      if (second) stop();
      return null;
    }
    const at = link.indexOf(':');
    const key = at < 0 ? link : link.slice(0, at), value = at < 0 || at === link.length - 1 ? null : link.slice(at + 1);
    if (!KEYS.includes(key)) return `'${key}' cannot be compared; the keys that can are ${KEYS.join(', ')}`;
    const choices = SCHEMA.find((s) => s.key === key).choices;
    if (value != null && choices && !choices.includes(value)) return `${key} has no value '${value}'; it is one of ${choices.join(', ')}`;
    if (value == null || spec() !== `${key}:${value}`) compare(key, value);
    return null;
  }

  keySelect.addEventListener('change', () => compare(keySelect.value, null));
  valueSelect.addEventListener('change', () => { second?.setAttribute(keySelect.value, valueSelect.value); tell(); });
  // The Compare button: starts comparing the chosen key, or stops.
  const toggle = () => (second ? stop() : compare(keySelect.value, null));
  return { spec, apply, toggle };
}
