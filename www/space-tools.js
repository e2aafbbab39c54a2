// The feature view's own controls: which layer's space it shows, on which axes, the warped
// grid, and the morph from the input plane (a slider and a play button); the input view's
// "activation regions" switch. They hold no state: they show what the element's attributes
// (`space`, `axes`, `regions`) and the views say, and send changes to the element.
import { setText } from './dom-write.js';

const MORPH_MS = 2400;

export class SpaceTools {
  /**
   * @param {ShadowRoot} root
   * @param {{input: object|null, feature: object|null}} views  the space views
   * @param {{setSpace: (layer: string) => void, setAxes: (axes: string) => void,
   *          setGrid: (on: boolean) => void, setRegions: (on: boolean) => void,
   *          redraw: () => void}} actions
   */
  constructor(root, views, actions) {
    this.views = views;
    this.actions = actions;
    const $ = (id) => root.querySelector(`#${id}`);
    this.layer = $('space-layer');
    this.axes = $('space-axes');
    this.units = $('space-units');
    this.grid = $('space-grid');
    this.morph = $('morph');
    this.play = $('morph-play');
    this.regions = $('space-regions');
    this.caption = $('feature-caption');
    this.inputCaption = $('input-caption');
    this.title = $('feature-title');
    this.depth = -1;
    this.layer?.addEventListener('change', () => actions.setSpace(this.layer.value));
    this.axes?.addEventListener('change', () => {
      this.units.hidden = this.axes.value !== 'units';
      if (this.axes.value === 'units') this.units.focus();
      else actions.setAxes(this.axes.value);
    });
    this.units?.addEventListener('change', () => actions.setAxes(this.units.value));
    this.grid?.addEventListener('change', () => actions.setGrid(this.grid.checked));
    this.regions?.addEventListener('change', () => actions.setRegions(this.regions.checked));
    this.morph?.addEventListener('input', () => this.setMorph(Number(this.morph.value)));
    this.play?.addEventListener('click', () => this.playMorph());
  }

  setMorph(t) {
    if (!this.views.feature) return;
    this.views.feature.morph = t;
    if (this.morph) this.morph.value = String(t);
    this.actions.redraw();
  }

  // From the input plane to the layer's space (back again when it is there already).
  playMorph() {
    cancelAnimationFrame(this.animation);
    const from = this.views.feature?.morph === 1 ? 0 : this.views.feature?.morph ?? 0;
    const start = performance.now();
    const tick = (now) => {
      const t = Math.min(1, from + (now - start) / MORPH_MS);
      this.setMorph(t);
      if (t < 1) this.animation = requestAnimationFrame(tick);
    };
    this.animation = requestAnimationFrame(tick);
  }

  // The element's settings as the controls show them.
  show({ space, axes, grid, regions }) {
    if (this.axes) {
      const named = axes === 'auto' || axes === 'projection';
      this.axes.value = named ? axes : 'units';
      this.units.hidden = named;
      if (!named) this.units.value = axes;
    }
    if (this.grid) this.grid.checked = grid;
    if (this.regions) this.regions.checked = regions;
    if (this.layer) this.layer.value = space;
  }

  // After a frame: the captions say what the views draw (from the core's account of them and
  // what is shown), and the layer picker offers the network's layers.
  update(info, space, input) {
    if (input && this.inputCaption) {
      const text = [inputCaption(input.info, input.show, this.views.input?.segments.length ?? 0, input.nTrain), this.views.input?.updateNote].filter(Boolean).join(' ');
      setText(this.inputCaption, text);
    }
    if (!info) return;
    if (this.layer && info.depth !== this.depth) {
      this.depth = info.depth;
      const options = [new Option('last hidden layer', 'last'), new Option('0: the input plane', '0')];
      for (let l = 1; l <= info.depth; l++) options.push(new Option(`layer ${l}`, String(l)));
      this.layer.replaceChildren(...options);
      this.layer.value = space;
    }
    if (this.title) setText(this.title, info.available ? `layer ${info.layer}: (${info.names.join(', ')})` : '');
    if (!this.caption) return;
    const approximate = info.boundaries.some((b) => !b.exact);
    const output = info.layer === info.depth;
    const one = info.boundaries.length === 1;
    const lines = output ? (one ? 'the output unit\'s boundary' : 'the output\'s boundaries') : `layer ${info.layer + 1}'s units`;
    const planes = output && one ? 'the output unit\'s boundary is the plane' : `${lines} are the planes`;
    const text = !info.available ? '' : [
      info.caption,
      info.dims === 3 ? `Drag (or focus it and use the arrow keys) to turn it; ${planes}.` : info.boundaries.length ? `${info.boundaries.length === 1 ? 'The line is' : 'The lines are'} ${lines}${approximate ? '; dashed ones (≈) are approximate in this projection' : ''}.` : '',
      info.warp ? 'The grey mesh is the input plane\'s grid carried into this space.' : '',
      this.views.feature?.updateNote,
    ].filter(Boolean).join(' ');
    setText(this.caption, text);
  }
}

// The input view's caption, from what it draws: the data alone, or the output's heatmap and the
// first layer's units — lines with a shaded positive side, hairlines when there are many,
// curves (not drawn) over engineered features.
export function inputCaption(info, show, drawn, nTrain) {
  const data = nTrain < info.points ? 'Training points filled, test points as rings' : 'The training points';
  if (!info.available) return '';
  if (show.model === false) return `The data: ${data[0].toLowerCase()}${data.slice(1)}. No model yet.`;
  const heat = show.heatmap ? (info.regions != null ? ' Colours: the activation patterns (which hidden units are on).' : ' The heatmap is the network\'s output.') : '';
  const units = info.boundaries.length;
  const whose = info.depth === 0 ? 'The line is the output unit\'s, w1·x1 + w2·x2 + b = 0' : 'The lines are the first-layer units\', W1j·x1 + W2j·x2 + bj = 0';
  let lines;
  if (!info.lines) lines = info.depth === 0
    ? ' The model reads engineered features of the plane, so its boundary is a curve here, not a line: where the heatmap turns white.'
    : ' The network reads engineered features of the plane, so its units are curves here, not lines: the heatmap shows where it switches.';
  else if (units > 8) lines = ` The ${units} first-layer units are drawn as thin lines, without shading.`;
  else lines = ` ${whose}; the shaded side is where ${info.depth === 0 ? 'it' : 'each'} is positive.${drawn && units <= 8 ? ' Drag a line\'s round handle to move it, a square one to turn it.' : ''}`;
  return `${data}.${heat}${lines}`;
}

// Keeps only the views' toolbars that `controls` allows (a pure figure shows none), also in the
// layout shown before the core arrives.
export function allowToolbars(root, names) {
  const strip = (id) => root.querySelector(`#${id}`)?.closest('.space-tools')?.remove();
  if (!names.includes('space-tools')) strip('space-layer');
  if (!names.includes('regions')) strip('space-regions');
  // The loss chart's loss/accuracy toggle and log scale.
  if (!names.includes('chart-tools')) root.querySelector('#chart-tools')?.remove();
  if (!names.includes('draw')) root.querySelector('.draw-tools')?.remove();
}
