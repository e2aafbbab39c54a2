// The full page's "Compare" button: a second <feature-space>, linked to the page's element by
// `compare` (see compare.js), beside it (below it on a narrow screen), with a chooser of what
// differs between the two runs. The page's element shows the same views while comparing.
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

/** @param {HTMLElement} primary  the page's <feature-space> (with an id) */
export function setupCompare(primary) {
  const button = document.querySelector('#compare');
  const bar = document.querySelector('#compare-bar');
  const keySelect = bar.querySelector('#compare-key');
  const valueSelect = bar.querySelector('#compare-value');
  const main = primary.parentElement;
  let second = null;
  let saved = null; // the page element's views and controls before comparing

  for (const key of KEYS) keySelect.append(new Option(SCHEMA.find((s) => s.key === key).label, key));

  // The values of the chosen key, the first one that differs from the page element's selected.
  function fillValues() {
    const key = keySelect.value;
    const current = text(primary.config()?.[key] ?? '');
    valueSelect.replaceChildren(...options(key).map(([v, label]) => new Option(label, v)));
    const other = options(key).find(([v]) => v !== current && !(key === 'optimizer' && v === 'lbfgs'));
    valueSelect.value = other?.[0] ?? valueSelect.options[0].value;
  }

  // A new linked element for the chosen key (a changed key starts a fresh link).
  function addSecond() {
    second?.compareLink?.unlink();
    second?.remove();
    second = document.createElement('feature-space');
    second.id = 'compared';
    second.setAttribute('compare', primary.id);
    second.setAttribute('views', VIEWS);
    second.setAttribute('controls', `${CONTROLS} ${keySelect.value}`);
    second.setAttribute('loading', 'eager');
    second.setAttribute(keySelect.value, valueSelect.value);
    main.append(second);
  }

  function start() {
    saved = { views: primary.getAttribute('views'), controls: primary.getAttribute('controls') };
    primary.lesson(null);
    primary.setAttribute('views', VIEWS);
    main.classList.add('comparing');
    bar.hidden = false;
    button.setAttribute('aria-pressed', 'true');
    button.textContent = 'Stop comparing';
    fillValues();
    addSecond();
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
  }

  button.addEventListener('click', () => primary.ready.then(() => (second ? stop() : start())));
  keySelect.addEventListener('change', () => { fillValues(); addSecond(); });
  valueSelect.addEventListener('change', () => second?.setAttribute(keySelect.value, valueSelect.value));
}
