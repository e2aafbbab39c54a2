// The views an element shows, created from its panels and drawn from one frame. Canvases are
// drawn before any text, so the browser lays the element out once per frame. A point pointed
// at in one space view is linked in all of them, with its forward pass on a card. The views
// beside the spaces are chunks (on-demand.js): one whose code has not come yet is made when it
// does, in its panel, which is laid out already (nothing moves).
import { SpaceView } from './space-view.js';
import { LossView } from './loss-chart.js';
import { SpaceTools } from './space-tools.js';
import { VIEW_PARTS, part, partLoaded } from './on-demand.js';
import { attachPointer } from './space-pointer.js';
import { showCard } from './point-card.js';
import { OnScreen } from './on-screen.js';

/**
 * @typedef {object} ViewHost  what the views may ask of their element
 * @property {() => void} redraw
 * @property {() => void} drawNow     draws a frame at once (an export; a lazily loaded part came)
 * @property {(change: (core: object) => void) => string|null} edit  edits the model by hand
 * @property {(text: string) => void} notify
 * @property {(index: number) => object|null} card   a point's forward pass (see point-card.js)
 * @property {(index: number|null) => void} pointed  the linked point changed
 * @property {object} space  setSpace, setAxes, setGrid, setRegions: the element's settings
 * @property {(epoch: number|null) => void} scrub     shows a recorded epoch (null: live)
 * @property {(epoch: number) => void} continueFrom  continues from a recorded epoch
 */

// While training, the views beside the spaces (diagram, weights, figures) redraw at most this
// often: the spaces are what moves, and a frame that does everything misses the display's rate.
const SECONDARY_HZ = 20;
// The loss and accuracy and the confusion matrix are each a pass over every point: while
// training they are measured this often (a wide network on many points pays a pass per frame
// otherwise).
const DATA_PASS_HZ = 5;
// While training, the numbers of the weights panel change at most this often: they are text,
// and every change lays the element out again (a frame's largest piece of the browser's own
// work at 8,8 or 64,64), while nobody reads numbers that change faster.
const NUMBERS_HZ = 4;
// Training points × weights above which a pass over the points costs more than a frame can
// spare: while training, such a network's heavy parts refresh by turns, one a frame (the input
// space with the maps and the secondary views, then the feature space, then the loss, accuracy
// and confusion matrix), so that no frame pays for all of them.
const HEAVY_WORK = 2e7;
// While training, the multiply-adds a frame may spend placing the feature view's points (a
// deep layer of six of 256 on 300 points is 10⁸): past them the core places them over several
// frames, for the weights of the first, and the view shows its last whole picture meanwhile.
const STEP_WORK = 4e7;
// Above this (64,64 on 2,000 points is 7·10⁶) the secondary views redraw half as often while
// training: the spaces keep the frames.
const WIDE_WORK = 2e6;

// Each view beside the spaces: its class in its chunk, and its element in the panels.
const VIEW_CLASSES = {
  weights: ['WeightsView', '#weights'],
  confusion: ['ConfusionView', '#confusion-panel'],
  network: ['NetworkView', '#network-panel'],
  timeline: ['TimelineView', '#timeline-panel'],
  figures: ['Figures', '#figures'],
};

export class Views {
  /**
   * @param {ShadowRoot} root
   * @param {string[]} names  the views shown
   * @param {ViewHost} host
   * @param {WebAssembly.Memory} memory
   */
  constructor(root, names, host, memory) {
    this.memory = memory;
    this.host = host;
    this.names = names;
    const has = (n) => this.shows(n);
    this.input = has('input') ? new SpaceView(root.querySelector('#input-space'), 0, host) : null;
    this.feature = has('feature') ? new SpaceView(root.querySelector('#feature-space'), 1, host) : null;
    this.loss = has('loss') ? new LossView(root) : null;
    this.waiting = {}; // what to do with a view once its code has come: [fn(view)]
    for (const name of VIEW_PARTS) {
      this[name] = null;
      if (!has(name)) continue;
      if (partLoaded(name)) this.make(name, root);
      else part(name).then(() => this.destroyed || this.make(name, root), (error) => host.notify(`The ${name} view is not shown: ${error.message}`));
    }
    // The costly views beside the spaces, by the panel that shows each.
    const panels = {};
    for (const name of ['network', 'weights', 'figures']) {
      const panel = has(name) && root.querySelector(VIEW_CLASSES[name][1]);
      if (panel) panels[name] = panel;
    }
    this.onScreen = new OnScreen(panels, host.redraw);
    // A printout shows every view as it is now (those off screen may be a second old).
    this.onPrint = () => this.drawEvery();
    window.addEventListener('beforeprint', this.onPrint);
    this.tools = new SpaceTools(root, { input: this.input, feature: this.feature }, { ...host.space, redraw: host.redraw });
    this.cards = [root.querySelector('#input-card'), root.querySelector('#feature-card')];
    // A kept point's card closes when clicked or tapped (on a phone it covers much of the canvas).
    for (const box of this.cards) box?.addEventListener('click', () => this.point(null, true));
    this.canvases = {
      input: root.querySelector('#input-space'),
      feature: root.querySelector('#feature-space'),
      loss: root.querySelector('#loss-chart'),
    };
    this.selected = null; // a point kept by a tap or the keyboard
    this.pointed = null;
    const link = {
      point: (index, sticky, which) => this.point(index, sticky, which),
      selected: () => this.selected,
      count: () => this.points ?? 0,
      edit: host.edit,
      notify: host.notify,
    };
    this.picked = [];
    root.addEventListener('unit-pick', (e) => this.pickUnit(e.detail));
    if (this.input) attachPointer(this.input, 0, link);
    if (this.feature) attachPointer(this.feature, 1, link);
  }

  // A view beside the spaces, from its chunk; then what was waiting for it, and a frame.
  make(name, root) {
    const [className, selector] = VIEW_CLASSES[name];
    this[name] = new (partLoaded(name)[className])(root.querySelector(selector), this.host);
    for (const fn of this.waiting[name] ?? []) fn(this[name]);
    delete this.waiting[name];
    this.host.redraw();
  }

  // Runs fn(view) with a view the element shows, now or once its code has come.
  with(name, fn) {
    if (this[name]) fn(this[name]);
    else if (this.shows(name)) (this.waiting[name] ??= []).push(fn);
  }

  // Links point `index` (null: none) in every view; the card shows in the view pointed at.
  point(index, sticky, which = 1) {
    if (sticky) this.selected = index;
    else if (index == null) this.selected = null;
    if (index === this.pointed && !sticky) return;
    this.pointed = index;
    this.cardIn = which;
    this.host.pointed(index);
    this.host.redraw();
  }

  // A unit clicked in the weights panel or the diagram becomes an axis of the feature view: two
  // picked units of one layer make a plane, three a 3D view (the oldest pick makes way).
  pickUnit({ layer, unit }) {
    if (!this.feature) return;
    if (this.picked.layer !== layer) this.picked = Object.assign([], { layer });
    const at = this.picked.indexOf(unit + 1);
    if (at >= 0) this.picked.splice(at, 1); else this.picked.push(unit + 1);
    if (this.picked.length > 3) this.picked.shift();
    this.host.space.setSpace(String(layer));
    if (this.picked.length >= 2) this.host.space.setAxes(this.picked.join(','));
    else this.host.notify(`Unit ${unit + 1} of layer ${layer} picked: click another unit of that layer to see the two as axes.`);
  }

  // Whether the element shows view `name`.
  shows(name) {
    return this.names.includes(name);
  }

  // Which space views the core must compute: the input space also feeds the weights' unit
  // maps, the diagram's nodes and the figures' points.
  spaces() {
    const has = (n) => this.shows(n);
    return { input: has('input') || has('weights') || has('figures') || has('network'), feature: has('feature') };
  }

  // Before a frame: which views beside the spaces it redraws (`this.draws`; all when not
  // training), and so whether the core must compute the input view's per-unit maps for them; which spaces it
  // computes; whether it measures the loss and accuracy. `work`: training points × weights.
  plan(training, work = 0, featurePending = false) {
    const now = performance.now();
    const spaces = this.spaces();
    const hz = work > WIDE_WORK ? SECONDARY_HZ / 2 : SECONDARY_HZ;
    const due = (at, rate) => !training || now - (at ?? -Infinity) >= 1000 / rate;
    let secondary = due(this.secondaryAt, hz);
    // The weights panel is a secondary view with a timer of its own, so that a heavy network
    // can draw it in another frame than the diagram (its colour matrices cost as much).
    let weightsDue = due(this.weightsAt, hz);
    let pass = due(this.passAt, DATA_PASS_HZ);
    if (training && work > HEAVY_WORK) {
      // The feature space's turn lasts until its points are all placed.
      if (!(featurePending && this.turn === 1)) this.turn = ((this.turn ?? -1) + 1) % 3;
      spaces.input &&= this.turn === 0;
      spaces.feature &&= this.turn === 1;
      secondary &&= this.turn === 0;
      // The pass's turn is light now that a worker's run brings its passes along.
      weightsDue &&= this.turn === 2;
      pass = this.turn === 2;
    }
    if (secondary) this.secondaryAt = now;
    if (weightsDue) this.weightsAt = now;
    // Which of the costly views draw: those due, but while training one off screen seldom (see
    // on-screen.js); every one for drawEvery. Their pictures come from the input space's
    // buffers (unit maps, points), so they draw only in a frame that computes them, except the
    // weights panel's numbers.
    const every = Boolean(this.everyView);
    const refresh = (part, panel, wanted, fromInput = true) => (this.shows(panel) && (spaces.input || !fromInput)
      ? this.onScreen.refresh(part, panel, wanted || every, training && !every, now, !every) : 'no');
    const numbers = refresh('weightsNumbers', 'weights', weightsDue, false);
    this.draws = {
      network: refresh('network', 'network', secondary) !== 'no',
      figures: refresh('figures', 'figures', secondary) !== 'no',
      weightsMaps: refresh('weightsMaps', 'weights', secondary) !== 'no',
      weightsNumbers: numbers !== 'no',
    };
    this.onScreen.planned();
    this.numbers = numbers === 'all' || (numbers === 'due' && due(this.numbersAt, NUMBERS_HZ));
    if (this.numbers) this.numbersAt = now;
    if (pass) this.passAt = now;
    return {
      spaces,
      maps: this.draws.weightsMaps || this.draws.network, coarse: training,
      stepWork: training ? STEP_WORK : 0,
      metrics: pass,
      confusion: pass && this.confusion ? this.confusion.wants() : null,
      // The recorded epochs are copied out of the core only for the strip that shows them.
      timelineEpochs: this.shows('timeline'),
    };
  }

  // Whether the next frame must read the network's inputs per point (the p(u) figure).
  wantsInputs() {
    return this.figures?.current === 'feature';
  }

  /** @param {import('./frame.js').Frame} frame */
  draw(frame) {
    this.points = frame.input.info.available ? frame.input.info.points : frame.feature.info.points;
    if (this.pointed != null && this.pointed >= (this.points ?? 0)) this.pointed = this.selected = null;
    for (const view of [this.input, this.feature]) if (view) view.highlight = this.pointed;
    this.input?.draw(frame.input);
    this.feature?.draw(frame.feature);
    this.loss?.draw(frame);
    const draws = this.draws ?? { network: true, figures: true, weightsMaps: true, weightsNumbers: true };
    // The panel's tables, once per frame that draws any of it (its maps or its numbers).
    if (this.weights && (draws.weightsMaps || draws.weightsNumbers)) this.weights.layout(frame.state.flat, frame.config.features.split(','), frame.classes);
    if (this.weights && draws.weightsMaps) {
      const { info, rgba } = frame.input;
      const plane = info.res * info.res * 4;
      const units = info.images - 1 - info.featureMaps;
      for (let k = 1; k <= units; k++) this.weights.drawThumb(k - 1, rgba.subarray(k * plane, (k + 1) * plane), info.res);
    }
    if (draws.network) this.network?.draw(frame);
    if (frame.confusion) this.confusion?.draw({ counts: frame.confusion, classes: frame.classes });
    // The figures after every view of the frame's buffers: they call into the core themselves,
    // which may grow wasm memory and detach those views.
    if (draws.figures) this.figures?.draw({
      ...frame, memory: this.memory, points: frame.input.points, labels: frame.input.labels,
      nTrain: frame.input.nTrain, scale: frame.input.scale, window: frame.input.info.window,
    });
    if (draws.weightsNumbers) this.weights?.drawNumbers(frame.state.flat, this.numbers ?? true);
    this.loss?.drawText(frame);
    this.timeline?.draw(frame);
    this.tools.update(this.feature ? frame.feature.info : null, this.host.space.settings().space, this.input ? frame.input : null);
    // A card goes over its panel's top when the point is in the canvas's lower half, so that the
    // point stays in sight (read first: the views' points are wasm memory).
    const low = [this.input, this.feature].map((view) => {
      const at = this.pointed == null ? null : view?.pixelOf(this.pointed);
      return Boolean(at) && at[1] > view.canvas.clientHeight / 2;
    });
    // The card calls into the core too: last.
    const card = this.pointed == null ? null : this.host.card(this.pointed);
    const kept = this.pointed != null && this.pointed === this.selected;
    this.cards.forEach((box, k) => showCard(box, k === (this.cardIn ?? 1) || !this.cards[this.cardIn ?? 1] ? card : null, kept, low[k]));
  }

  // A frame now with every view drawn, those off screen too (an export, a printout).
  drawEvery() {
    this.everyView = true;
    try {
      this.host.drawNow();
    } finally {
      this.everyView = false;
    }
  }

  // The space view of 'input' or 'feature'.
  space(name) {
    return name === 'feature' ? this.feature : this.input;
  }

  destroy() {
    this.destroyed = true;
    this.onScreen.destroy();
    window.removeEventListener('beforeprint', this.onPrint);
    this.figures?.destroy();
    this.network?.destroy();
  }
}
