// The control panel, built from the core's description of the config keys (www/keys.js, made
// by `cargo xtask build` from `config_schema()`): one input per key with the key's choices and
// bounds, plus the buttons. `controls="…"` is an allow-list, so a control added later never
// appears in an old embed. Controls hold no state: they show the config and send changes.
import { exportRow } from './export-controls.js';
import { SCHEMA } from './keys.js';
import { SPEEDS } from './playground.js';

export const BUTTONS = ['play', 'step', 'step-sample', 'step-batch', 'reset', 'fit', 'speed'];
// Controls that sit in the views' own panels: the feature view's toolbar (layer, axes, warped
// grid, morph), the input view's activation-regions switch and drawing tools, and the loss chart's
// toggles.
export const VIEW_CONTROLS = ['space-tools', 'regions', 'draw', 'chart-tools'];
export const EXTRAS = ['csv', 'export', 'heatmap', 'discretize', 'test-points', ...VIEW_CONTROLS];
export const CONTROL_NAMES = [...BUTTONS, ...SCHEMA.map((s) => s.key), ...EXTRAS];
const GROUPS = [['data', 'Data'], ['network', 'Network'], ['training', 'Training']];
// Suggestions for the free-text keys (any valid value may be typed).
const PRESETS = {
  hidden: ['none', '2', '3', '4', '8,2', '8,8'],
  features: ['x1,x2', 'x1x2', 'x1,x2,x1x2', 'x1,x2,x1sq,x2sq', 'x1,x2,x1sq,x2sq,x1x2,sinx1,sinx2'],
};

export const kebab = (key) => key.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`);

// The control names of a `controls` attribute: "all", "none" or a list (keys in either case).
export function parseControls(text) {
  const value = String(text ?? 'all').trim();
  if (value === '' || value === 'none') return { names: [], unknown: [] };
  if (value === 'all') return { names: CONTROL_NAMES, unknown: [] };
  const byKebab = new Map(CONTROL_NAMES.map((n) => [kebab(n), n]));
  const names = [], unknown = [];
  for (const word of value.split(/[\s,]+/).filter(Boolean)) {
    const name = CONTROL_NAMES.includes(word) ? word : byKebab.get(word);
    if (name) names.push(name); else unknown.push(word);
  }
  return { names: [...new Set(names)], unknown };
}

const el = (tag, props = {}, ...children) => {
  const node = Object.assign(document.createElement(tag), props);
  node.append(...children);
  return node;
};

function input(spec, id) {
  const attrs = { title: spec.help, id };
  switch (spec.type) {
    case 'choice': {
      const select = el('select', attrs);
      spec.choices.forEach((c, i) => select.append(new Option(spec.labels[i], c)));
      return select;
    }
    case 'boolean':
      return el('select', attrs, new Option('no', 'false'), new Option('yes', 'true'));
    case 'integer':
    case 'number':
      return el('input', { ...attrs, type: 'number', min: spec.min, max: spec.max, step: spec.type === 'integer' ? 1 : 'any' });
    default: {
      const text = el('input', { ...attrs, type: 'text', size: 8, autocomplete: 'off' });
      text.setAttribute('list', `${id}-choices`);
      return text;
    }
  }
}

export class Controls {
  /**
   * @param {HTMLElement} root  the panel to fill
   * @param {string[]} names    the allowed controls
   * @param {object} actions    play, pause, step, reset, fit, setConfig, loadCsv, newSeed, setSpeed, redraw, playing()
   */
  constructor(root, names, actions) {
    this.root = root;
    this.actions = actions;
    // Buttons and fields apart: on a narrow element the fields move below the views.
    const buttons = el('div', { className: 'control-buttons' });
    const fields = el('div', { className: 'control-fields' });
    root.append(buttons, fields);
    const allowed = new Set(names);
    const has = (n) => allowed.has(n);
    const button = (id, text, title, onClick) => {
      const b = el('button', { type: 'button', id, textContent: text, title });
      b.setAttribute('part', `button ${id}-button`);
      b.addEventListener('click', onClick);
      return b;
    };
    const row = el('div', { className: 'buttons' });
    if (has('play')) row.append(this.playButton = button('play', '▶ Play', 'Play / pause (space)', () => (actions.playing() ? actions.pause() : actions.play())));
    if (has('step')) row.append(button('step', 'Step', 'Train one epoch', () => actions.step(1)));
    if (has('step-sample')) row.append(button('step-sample', 'Sample', 'One update on one training point (the linked one, else the next of the run): its arrows show what the update did', () => actions.stepSample()));
    if (has('step-batch')) row.append(button('step-batch', 'Batch', 'One update on the next minibatch: its points are ringed and their arrows show what the update did', () => actions.stepBatch()));
    if (has('reset')) row.append(button('reset', 'Reset', 'Start again from the same initial weights', () => actions.reset()));
    if (row.children.length) buttons.append(row);
    if (has('fit')) buttons.append(el('div', { className: 'buttons' },
      button('fit', 'Fit logistic regression', 'Logistic regression (no hidden layer) fitted by L-BFGS to convergence', () => actions.fit())));
    if (has('speed')) {
      this.speed = el('input', { id: 'speed', type: 'range', min: 0, max: SPEEDS.length - 1, value: 0 });
      this.speedLabel = el('output', { id: 'speed-label' });
      this.speed.addEventListener('input', () => actions.setSpeed(Number(this.speed.value)));
      buttons.append(el('label', { className: 'speed' }, 'Speed ', this.speed, ' ', this.speedLabel));
    }
    this.inputs = [];
    for (const [group, legend] of GROUPS) {
      const set = el('fieldset', {}, el('legend', { textContent: legend }));
      for (const spec of SCHEMA.filter((s) => s.group === group && has(s.key))) {
        const id = `key-${kebab(spec.key)}`;
        const field = input(spec, id);
        field.dataset.key = spec.key;
        field.addEventListener('change', () => {
          const errors = actions.setConfig({ [spec.key]: field.value });
          field.classList.toggle('invalid', errors.length > 0);
        });
        this.inputs.push(field);
        const label = el('label', {}, `${spec.label} `);
        if (spec.key === 'seed') label.append(el('span', { className: 'with-button' }, field,
          button('new-seed', 'New', 'New random seed: new data and initial weights', () => actions.newSeed())));
        else label.append(field);
        if (PRESETS[spec.key]) label.append(el('datalist', { id: `${id}-choices` }, ...PRESETS[spec.key].map((v) => new Option(v, v))));
        set.append(label);
      }
      // "Your data" sits right after the dataset choice, or first when that is not shown.
      if (group === 'data' && has('csv')) (set.querySelector('[data-key=dataset]')?.parentElement ?? set.children[0]).after(this.csvInput());
      if (group === 'data' && has('export')) set.append(exportRow(button, actions));
      if (set.children.length > 1) fields.append(set);
    }
    const show = el('fieldset', {}, el('legend', { textContent: 'Show' }));
    const toggle = (id, text, checked = true) => {
      const box = el('input', { id, type: 'checkbox', checked });
      box.addEventListener('change', () => actions.redraw());
      show.append(el('label', {}, box, ` ${text}`));
      return box;
    };
    if (has('heatmap')) this.heatmap = toggle('show-heatmap', 'output heatmap');
    if (has('discretize')) this.discretize = toggle('show-discretized', 'discretize output', false);
    if (has('test-points')) this.test = toggle('show-test', 'test points');
    if (show.children.length > 1) fields.append(show);
    for (const part of [buttons, fields]) if (!part.children.length) part.remove();
    this.setSpeed(0);
  }

  csvInput() {
    const file = el('input', { id: 'csv-file', type: 'file', accept: '.csv,text/csv', title: 'A CSV file with the header x1,x2,label' });
    file.addEventListener('change', async () => {
      const chosen = file.files[0];
      if (chosen) this.actions.loadCsv(await chosen.text());
    });
    return el('label', {}, 'Your data ', file);
  }

  get empty() {
    return !this.root.querySelector('button, input, select');
  }

  show() {
    return { heatmap: this.heatmap?.checked ?? true, test: this.test?.checked ?? true, discretize: this.discretize?.checked ?? false };
  }

  setSpeed(index) {
    if (!this.speed) return;
    this.speed.value = String(index);
    const s = SPEEDS[index];
    this.speedLabel.textContent = s === Infinity ? 'max (as many as keep 60 frames/s)' : `${s} epoch${s > 1 ? 's' : ''} / frame`;
  }

  setConfig(config) {
    for (const field of this.inputs) {
      // Never overwrite what the user is typing.
      if (field.getRootNode().activeElement === field && field.type === 'text') continue;
      field.value = String(config[field.dataset.key]);
      field.classList.remove('invalid');
    }
  }

  // Disabled until the core has loaded.
  setEnabled(enabled) {
    for (const field of this.root.querySelectorAll('button, input, select')) field.disabled = !enabled;
  }

  setPlaying(playing) {
    if (this.playButton) this.playButton.textContent = playing ? '❚❚ Pause' : '▶ Play';
  }
}
