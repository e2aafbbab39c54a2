// One playground on a page: the wasm core, its views and controls, stepped once per animation
// frame. It keeps no model state of its own; every frame it reads the core's buffers.
import { Playground as Core } from '../pkg/featurespace.js';
import { SpaceView } from './space-view.js';
import { WeightsView } from './weights.js';
import { LossChart } from './loss-chart.js';
import { Controls } from './controls.js';
import { readHash, toQuery, writeHash } from './url-state.js';

// Time the "max" speed may spend training in one frame, leaving room to draw at 60 fps.
const BUDGET_MS = 8;

export class Playground {
  constructor(root, memory) {
    this.root = root;
    this.memory = memory;
    this.core = new Core(readHash());
    this.playing = false;
    this.dirty = true;
    this.input = new SpaceView(root.querySelector('#input-space'), 0);
    this.feature = new SpaceView(root.querySelector('#feature-space'), 1);
    this.weights = new WeightsView(root.querySelector('#weights'));
    this.chart = new LossChart(root.querySelector('#loss-chart'));
    this.controls = new Controls(root, this);
    this.messageBox = document.querySelector('#message');
    this.controls.setConfig(this.core.config());
    this.report(this.core.take_errors(), 'The link had settings that were not used; defaults were used instead');
    this.rate = { epoch: 0, time: performance.now(), value: 0 };
    this.chunk = 1;
    addEventListener('hashchange', () => this.load(readHash()));
    addEventListener('keydown', (e) => {
      if (e.code === 'Space' && !/INPUT|SELECT|TEXTAREA|BUTTON/.test(e.target.tagName)) {
        e.preventDefault();
        this.playing ? this.pause() : this.play();
      }
    });
    const loop = () => {
      this.frame();
      requestAnimationFrame(loop);
    };
    requestAnimationFrame(loop);
  }

  // A whole config from a URL hash, over the defaults.
  load(query) {
    this.core.free();
    this.core = new Core(query);
    this.controls.setConfig(this.core.config());
    this.report(this.core.take_errors(), 'The link had settings that were not used; defaults were used instead');
    this.changed();
  }

  setConfig(partial) {
    const errors = this.core.set_config(toQuery(partial));
    this.controls.setConfig(this.core.config());
    writeHash(this.core.query());
    this.report(errors, 'Not applied');
    this.changed();
    return errors;
  }

  // Points from CSV text become the `custom` data set (the URL cannot carry them).
  loadCsv(text) {
    const errors = this.core.load_csv(text);
    this.controls.setConfig(this.core.config());
    if (errors.length === 0) writeHash(this.core.query());
    this.report(errors, 'The CSV file was not loaded');
    this.changed();
    return errors;
  }

  play() {
    this.playing = true;
    this.controls.setPlaying(true);
  }

  pause() {
    this.playing = false;
    this.controls.setPlaying(false);
  }

  // Trains n epochs at once, then redraws.
  step(n = 1) {
    this.core.step(Math.max(0, Math.floor(n)));
    this.draw();
  }

  reset() {
    this.core.reset();
    this.changed();
  }

  randomSeed() {
    return Core.random_seed();
  }

  changed() {
    this.rate = { epoch: 0, time: performance.now(), value: 0 };
    this.draw();
  }

  redraw() {
    this.dirty = true;
  }

  report(errors, title) {
    const box = this.messageBox;
    if (!errors || errors.length === 0) {
      if (box.dataset.title === title) box.hidden = true;
      return;
    }
    box.dataset.title = title;
    box.replaceChildren(`${title}: `, errors.map((e) => `${e.key} — ${e.message}`).join('; '), '.');
    const close = document.createElement('button');
    close.textContent = 'Dismiss';
    close.addEventListener('click', () => (box.hidden = true));
    box.append(close);
    box.hidden = false;
  }

  frame() {
    if (this.playing) {
      this.train();
      this.dirty = true;
    }
    if (this.dirty) this.draw();
  }

  train() {
    const perFrame = this.controls.epochsPerFrame();
    if (perFrame !== Infinity) {
      this.core.step(perFrame);
      return;
    }
    // As many epochs as fit the budget, in chunks sized to take about a millisecond each.
    const start = performance.now();
    let now = start;
    while (now - start < BUDGET_MS) {
      this.core.step(this.chunk);
      const took = performance.now() - now;
      now += took;
      this.chunk = Math.max(1, Math.min(100000, Math.round(this.chunk * (took < 0.5 ? 2 : took > 2 ? 0.5 : 1))));
    }
  }

  draw() {
    this.dirty = false;
    const core = this.core;
    core.render();
    // Every call that may allocate in wasm (and so grow its memory) comes before the views.
    const state = core.state();
    const nTrain = core.train_len();
    const n = nTrain + core.test_len();
    const infos = [core.view_info(0), core.view_info(1)];
    const buffer = this.memory.buffer;
    const labels = new Float64Array(buffer, core.labels_ptr(), n);
    const scale = new Uint8ClampedArray(buffer, core.colour_scale_ptr(), 256 * 4);
    const show = this.controls.show();
    const frameFor = (which) => {
      const info = infos[which];
      const planes = info.images * info.res * info.res * 4;
      return {
        info,
        layers: state.layers,
        rgba: new Uint8ClampedArray(buffer, core.view_rgba_ptr(which), planes),
        points: new Float64Array(buffer, core.view_points_ptr(which), info.points * 2),
        labels,
        nTrain,
        scale,
        show,
      };
    };
    const input = frameFor(0);
    this.input.draw(input);
    this.feature.draw(frameFor(1));
    const plane = input.info.res * input.info.res * 4;
    const unitImages = [];
    for (let k = 1; k < input.info.images; k++)
      unitImages.push({ rgba: input.rgba.subarray(k * plane, (k + 1) * plane), res: input.info.res });
    this.weights.draw({ layers: state.layers, unitImages });
    this.chart.draw(new Float64Array(buffer, core.history_ptr(), core.history_len() * 2));
    this.controls.setMetrics(state, this.measureRate(state.epoch));
    this.lastState = state;
  }

  // Epochs per second over the last half second or more.
  measureRate(epoch) {
    const now = performance.now();
    const r = this.rate;
    if (now - r.time >= 500) {
      r.value = ((epoch - r.epoch) * 1000) / (now - r.time);
      r.epoch = epoch;
      r.time = now;
    }
    return this.playing ? r.value : 0;
  }

  // The public API (window.playground): the contract embedding pages build on.
  api() {
    const self = this;
    return {
      state: () => this.core.state(),
      config: () => this.core.config(),
      setConfig: (partial) => this.setConfig(partial),
      play: () => this.play(),
      pause: () => this.pause(),
      step: (n = 1) => this.step(n),
      reset: () => this.reset(),
      loadCsv: (text) => this.loadCsv(text),
      get playing() {
        return self.playing;
      },
      // Data coordinates → CSS pixels of a view's canvas ('input' or 'feature').
      toPixel: (view, x, y) => (view === 'feature' ? this.feature : this.input).toPixel(x, y),
      // The segments of the lines last drawn in a view, in canvas CSS pixels.
      lines: (view) => (view === 'feature' ? this.feature : this.input).segments,
      view: (view) => this.core.view_info(view === 'feature' ? 1 : 0),
    };
  }
}
