// One playground on a page: the wasm core, its views and controls, stepped once per animation
// frame. It keeps no model state of its own; every frame it reads the core's buffers.
import { Playground as Core } from '../pkg/featurespace.js';
import { SpaceView } from './space-view.js';
import { WeightsView } from './weights.js';
import { LossChart } from './loss-chart.js';
import { Controls } from './controls.js';
import { readHash, splitHash, toQuery, writeHash } from './url-state.js';
import { Figures } from './figures.js';
import { LessonPanel } from './lessons.js';
import { nextChunk } from './chunks.js';

// The "max" speed trains as long as the display's frame rate holds: the training time per frame
// grows a little after every frame that came on time and shrinks after one that came late (the
// browser's own work after a frame, such as painting the canvases, is invisible to timers).
const MIN_BUDGET_MS = 1;
const GROW_MS = 0.1;
const SHRINK = 0.75;

export class Playground {
  // wasm: the URL of the wasm module in use, for the training worker to load the same one.
  constructor(root, memory, simd = false, wasm = null) {
    this.root = root;
    this.memory = memory;
    this.simd = simd;
    this.wasm = wasm;
    // The training worker (made on first use), the run it trains (0: none) and its newest
    // snapshot not yet drawn. `?worker=0` in the address keeps training on this thread.
    this.trainer = null;
    this.run = 0;
    this.runs = 0;
    this.pending = null;
    this.workerUsable = Boolean(wasm) && typeof Worker !== 'undefined'
      && new URLSearchParams(location.search).get('worker') !== '0';
    const hash = splitHash(readHash());
    this.core = new Core(hash.query);
    this.playing = false;
    this.dirty = true;
    this.input = new SpaceView(root.querySelector('#input-space'), 0);
    this.feature = new SpaceView(root.querySelector('#feature-space'), 1);
    this.weights = new WeightsView(root.querySelector('#weights'));
    this.chart = new LossChart(root.querySelector('#loss-chart'));
    this.controls = new Controls(root, this);
    this.figures = new Figures(root.querySelector('#figures'), this);
    this.messageBox = document.querySelector('#message');
    this.controls.setConfig(this.core.config());
    this.report(this.core.take_errors(), 'The link had settings that were not used; defaults were used instead');
    this.rate = { epoch: 0, time: performance.now(), value: 0 };
    this.chunk = 1;
    this.lessons = new LessonPanel(root.querySelector('#lesson'), (lesson, step, s) => this.applyStep(lesson, step, s));
    this.openLesson(hash);
    addEventListener('hashchange', () => {
      const next = splitHash(readHash());
      if (next.lesson) this.openLesson(next);
      else this.load(next.query);
    });
    addEventListener('keydown', (e) => {
      if (e.code === 'Space' && !/INPUT|SELECT|TEXTAREA|BUTTON/.test(e.target.tagName)) {
        e.preventDefault();
        this.playing ? this.pause() : this.play();
      }
    });
    this.frameTimes = [];
    this.drawMs = 4;
    this.trainMs = 4;
    const loop = (time) => {
      this.frame(time);
      requestAnimationFrame(loop);
    };
    requestAnimationFrame(loop);
  }

  // A whole config from a URL hash, over the defaults.
  load(query, redraw = true) {
    this.stopWorker();
    this.core.free();
    this.core = new Core(query);
    this.controls.setConfig(this.core.config());
    this.report(this.core.take_errors(), 'The link had settings that were not used; defaults were used instead');
    if (redraw) this.changed();
  }

  openLesson({ lesson, step }) {
    if (lesson && !this.lessons.go(lesson, step))
      this.report([{ key: 'lesson', message: `'${lesson}' is not a lesson; there are hidden-space and nonlinear` }], 'The link named no lesson');
  }

  // Sets the playground to reproduce a lesson step's figure.
  applyStep(lesson, step, s) {
    this.pause();
    this.load(toQuery(s.config), false);
    if (s.train === 'fit') this.fitToConvergence();
    else if (s.train > 0) this.core.step(s.train);
    if (s.figure) this.figures.show(s.figure);
    if (s.sliders) this.figures.sigmoid().set(s.sliders);
    for (const el of this.root.querySelectorAll('.focus')) el.classList.remove('focus');
    const focus = this.root.querySelector(`#${s.focus}`);
    focus?.classList.add('focus');
    focus?.scrollIntoView?.({ block: 'nearest' });
    writeHash(`lesson=${lesson.id}&step=${step}`);
    this.changed();
  }

  // Runs L-BFGS until it converges (or 1000 iterations).
  fitToConvergence() {
    this.stopWorker();
    for (let i = 0; i < 20 && !this.core.converged(); i++) this.core.step(50);
  }

  // The "Fit logistic regression" button: no hidden layer, L-BFGS, to convergence.
  fit() {
    this.setConfig({ hidden: 'none', optimizer: 'lbfgs' });
    this.fitToConvergence();
    this.draw();
  }

  setConfig(partial) {
    this.stopWorker();
    const errors = this.core.set_config(toQuery(partial));
    this.controls.setConfig(this.core.config());
    writeHash(this.core.query());
    this.report(errors, 'Not applied');
    this.changed();
    return errors;
  }

  // Points from CSV text become the `custom` data set (the URL cannot carry them).
  loadCsv(text) {
    this.stopWorker();
    const errors = this.core.load_csv(text);
    if (errors.length === 0) this.csv = text;
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
    this.stopWorker();
    this.playing = false;
    this.controls.setPlaying(false);
  }

  // Trains n epochs at once, then redraws.
  step(n = 1) {
    this.stopWorker();
    this.core.step(Math.max(0, Math.floor(n)));
    this.draw();
  }

  reset() {
    this.stopWorker();
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

  frame(time) {
    this.notePeriod(time);
    if (this.playing && this.controls.epochsPerFrame() === Infinity && this.startWorker()) {
      // The worker trains; draw its newest snapshot, if one came since the last frame.
      if (this.pending) {
        this.takePending();
        this.dirty = true;
      }
    } else if (this.playing) {
      this.stopWorker();
      this.train();
      this.dirty = true;
    }
    if (this.dirty) {
      const start = performance.now();
      this.draw();
      this.drawMs = 0.9 * this.drawMs + 0.1 * (performance.now() - start);
    }
  }

  // Moves the run to the training worker unless it is there; false where no worker can take it
  // (no Worker, L-BFGS, or a worker that failed).
  startWorker() {
    if (this.run) return true;
    if (!this.workerUsable) return false;
    const snapshot = this.core.snapshot();
    if (!snapshot) return false;
    if (!this.trainer) {
      this.trainer = new Worker(new URL('./trainer.js', import.meta.url), { type: 'module' });
      this.trainer.onmessage = ({ data }) => {
        if (data.run !== this.run) return; // from a run already stopped
        if (data.type === 'progress') this.pending = data.snapshot;
        else this.workerFailed(data.message);
      };
      this.trainer.onerror = (e) => this.workerFailed(e.message);
    }
    this.run = ++this.runs;
    const custom = this.core.config().dataset === 'custom';
    this.trainer.postMessage({
      type: 'start', run: this.run, wasm: String(this.wasm), query: this.core.query(),
      csv: custom ? this.csv ?? null : null, snapshot,
    });
    return true;
  }

  // Ends the worker's run; this thread goes on from the newest snapshot it sent.
  stopWorker() {
    if (!this.run) return;
    this.trainer.postMessage({ type: 'stop' });
    this.run = 0;
    this.takePending();
  }

  takePending() {
    if (!this.pending) return;
    this.core.restore(this.pending);
    this.pending = null;
  }

  workerFailed(message) {
    console.warn(`Feature Space trains on the page's thread: the training worker failed (${message})`);
    this.workerUsable = false;
    this.run = 0;
    this.pending = null;
  }

  // The display's frame period (the shortest gap between the last 30 animation frames), and
  // whether this frame came late.
  notePeriod(time) {
    const times = this.frameTimes;
    times.push(time);
    if (times.length > 30) times.shift();
    let period = Infinity;
    for (let i = 1; i < times.length; i++) period = Math.min(period, times[i] - times[i - 1]);
    this.period = Number.isFinite(period) && period > 2 ? period : 1000 / 60;
    const gap = times.length > 1 ? time - times[times.length - 2] : this.period;
    this.late = gap > 1.5 * this.period;
  }

  // Training time for this frame at the fastest speed, steered by the frames' punctuality.
  budget() {
    const most = Math.max(MIN_BUDGET_MS, this.period - this.drawMs - 1);
    this.trainMs = this.late ? this.trainMs * SHRINK : this.trainMs + GROW_MS;
    this.trainMs = Math.max(MIN_BUDGET_MS, Math.min(most, this.trainMs));
    return this.trainMs;
  }

  train() {
    const perFrame = this.controls.epochsPerFrame();
    if (perFrame !== Infinity) {
      this.core.step(perFrame);
      return;
    }
    // As many epochs as fit the budget.
    const budget = this.budget();
    const start = performance.now();
    let now = start;
    while (now - start < budget) {
      this.core.step(this.chunk);
      const took = performance.now() - now;
      now += took;
      this.chunk = nextChunk(this.chunk, took);
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
    const config = core.config();
    const inputs = this.figures.current === 'feature' ? core.inputs() : null;
    const curve = this.figures.current === 'feature' ? (lo, hi, n) => core.output_curve(lo, hi, n) : null;
    const buffer = this.memory.buffer;
    const labels = new Float64Array(buffer, core.labels_ptr(), n);
    // The colour scale never changes: keep a copy, safe from memory growth.
    this.scale ??= new Uint8ClampedArray(new Uint8ClampedArray(buffer, core.colour_scale_ptr(), 256 * 4));
    const scale = this.scale;
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
    this.chart.draw(new Float64Array(buffer, core.history_ptr(), core.history_len() * 3));
    // Copies taken before the figures run: they may call into wasm and grow its memory.
    this.lastFrame = { points: [...input.points], labels: [...labels], nTrain };
    this.figures.draw({
      core, config, state, memory: this.memory, scale, nTrain,
      points: this.lastFrame.points, labels: this.lastFrame.labels, window: input.info.window, inputs, curve,
    });
    // Text last: the canvases above read their sizes, and a text change before that would
    // make the browser lay the page out twice per frame. The figures may have grown wasm
    // memory, so the hidden units' images are read from a fresh view.
    const res = input.info.res, plane = res * res * 4;
    const rgba = new Uint8ClampedArray(this.memory.buffer, core.view_rgba_ptr(0), input.info.images * plane);
    const unitImages = [];
    for (let k = 1; k < input.info.images; k++) unitImages.push({ rgba: rgba.subarray(k * plane, (k + 1) * plane), res });
    this.weights.draw({ layers: state.layers, unitImages, features: config.features.split(',') });
    this.controls.setMetrics(state, this.measureRate(state.epoch));
    this.lastState = state;
    if (state.epoch > 0 && !this.firstTrainedFrame) this.firstTrainedFrame = performance.now();
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
      fit: () => this.fit(),
      // Opens a lesson step (1-based), as #lesson=ID&step=N does.
      lesson: (id, step = 1) => this.lessons.go(id, step),
      // The points (x1, x2), labels and how many are training points (the rest are test points).
      data: () => {
        const { points, labels, nTrain } = this.lastFrame;
        const x = [];
        for (let i = 0; i < labels.length; i++) x.push([points[2 * i], points[2 * i + 1]]);
        return { x, y: [...labels], nTrain };
      },
      loadCsv: (text) => this.loadCsv(text),
      get playing() {
        return self.playing;
      },
      // Data coordinates → CSS pixels of a view's canvas ('input' or 'feature').
      toPixel: (view, x, y) => (view === 'feature' ? this.feature : this.input).toPixel(x, y),
      // The segments of the lines last drawn in a view, in canvas CSS pixels.
      lines: (view) => (view === 'feature' ? this.feature : this.input).segments,
      view: (view) => this.core.view_info(view === 'feature' ? 1 : 0),
      // For benchmarks: when the first trained frame was drawn (ms after navigation), the mean
      // time of n full redraws, and the wasm heap's size.
      timings: () => ({ firstTrainedFrame: this.firstTrainedFrame ?? 0, simd: this.simd, worker: this.run !== 0 }),
      timeFrames: (n = 100) => {
        const t0 = performance.now();
        for (let i = 0; i < n; i++) this.draw();
        return (performance.now() - t0) / n;
      },
      heapBytes: () => this.memory.buffer.byteLength,
    };
  }
}
