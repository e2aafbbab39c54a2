// One element's run: its core Playground (a Rust object in the page's one wasm instance), the
// training worker (at full speed, or at a fixed speed that is work), and the actions of the API.
// It holds no model state of its own and knows no DOM: the element hands it a host that draws
// frames and hears what happened.
import { readData, readFrame, readHistory } from './frame.js';
import { SYNC_WORK, pace, trainEpochs, trainFor } from './training.js';
import { WorkerRun } from './worker-run.js';
import { noteScrub, scrub, shownState, withShown } from './timeline-run.js';
import { afterTraining, checkStop } from './run-events.js';
import { besideDraw, due, measureRate } from './run-pacing.js';

// Epochs per frame of the speed control; Infinity: as many as keep the display's frame rate.
export const SPEEDS = [1, 2, 5, 10, 20, 50, 100, 300, 1000, Infinity];
// A fixed speed whose frame of epochs is more work than this (training points × weights × epochs:
// a millisecond or two) trains in the worker too, and the page's thread only draws; below it the
// worker's round trip would cost more than the training.
const WORKER_WORK = 1e6;

/**
 * @typedef {object} Host  what the element gives its run
 * @property {(frame: import('./frame.js').Frame) => void} paint   draws a frame's views
 * @property {() => boolean} canPaint                                 whether the views exist yet
 * @property {() => {show: object, inputs: boolean}} wants        what the next frame must read
 * @property {(config: object, query: string) => void} configured  the config changed
 * @property {(type: string, detail?: object) => void} emit         fires an fs-* event
 * @property {(errors: Array<{key: string, message: string}>, title: string) => void} report
 * @property {(text: string, title?: string) => void} notify        tells the reader something (`title`:
 *   its kind, which a later action may take back)
 */

export class Playground {
  /**
   * @param {import('./core.js').Core} loaded
   * @param {Host} host
   * @param {string} query  the starting config as `key=value&…`
   */
  constructor(loaded, host, query) {
    this.glue = loaded.glue;
    this.memory = loaded.memory;
    this.simd = loaded.simd;
    this.host = host;
    this.worker = new WorkerRun(loaded.wasm, loaded.module);
    this.playing = false;
    this.speed = 0; // index into SPEEDS
    this.csv = null; // the loaded CSV file's text while the run trains on it
    this.broken = null; // the message of a crash, until reset
    this.rate = { epoch: 0, time: performance.now(), value: 0 };
    this.lastStepEvent = 0;
    this.drawnAt = 0;
    this.drawStart = 0;
    this.drawCost = 0;
    this.lastEpoch = -1;
    this.core = null;
    this.startErrors = this.load(query);
  }

  // A whole config from `key=value&…` over the defaults; returns the rejected pairs.
  load(query) {
    this.stopWorker();
    this.replaceCore(new this.glue.Playground(query));
    const errors = this.core.take_errors();
    this.changed();
    return errors;
  }

  replaceCore(core) {
    // A core that crashed mid-call stays borrowed by its failed call and cannot be freed.
    if (this.core && !this.broken) this.core.free();
    this.core = core;
    this.cache = {};
    this.pace = pace(core);
    if (this.colours) core.set_class_colours(this.colours);
    this.broken = null;
    this.configured();
  }

  config() {
    return this.core.config();
  }

  // The config changed: the host hears it, and the query is kept to rebuild after a crash.
  configured() {
    this.lastQuery = this.core.query();
    this.host.configured(this.core.config(), this.lastQuery);
    const note = this.core.stop_note();
    if (note) this.host.notify(note);
  }

  query() {
    return this.core.query();
  }

  state() {
    this.takeWorker();
    return this.core.state();
  }

  data() {
    this.takeWorker();
    return readData(this.core, this.memory);
  }

  history() {
    this.takeWorker();
    return readHistory(this.core, this.memory);
  }

  // What an exported script needs, of the model the views show (a recorded epoch's while the
  // timeline shows one): state, outputs, initial weights (calls that allocate) first, then the
  // data (views of wasm memory, copied out), the config and the task.
  exportParts() {
    this.takeWorker();
    const { state, outputs } = withShown(this, (epoch) => ({ state: shownState(this.core, epoch), outputs: this.core.outputs() }));
    const initial = this.core.initial_weights();
    const data = readData(this.core, this.memory);
    return { config: this.core.config(), state, initial, data, task: this.core.view_info(0).task, outputs };
  }

  // `state()` of the model the views show: a recorded epoch's weights, scores and number while
  // the timeline shows one.
  shownState() {
    this.takeWorker();
    return withShown(this, (epoch) => shownState(this.core, epoch));
  }

  // Applies a `key=value&…` query; returns the rejected pairs.
  setQuery(query) {
    this.stopWorker();
    const { dataset: before, drawn } = this.core.config();
    const loaded = this.csv != null;
    const errors = this.core.set_config(query);
    const after = this.core.config().dataset;
    if (before === 'custom' && after !== 'custom' && (drawn || loaded)) this.host.notify(`Your ${drawn ? 'drawn' : 'loaded'} points were replaced by the ${after} data set; Undo among the drawing tools brings them back.`, 'replaced');
    if (after !== 'custom') this.csv = null;
    this.pace = pace(this.core);
    this.configured();
    this.changed();
    return errors;
  }

  // The data edited by hand (www/draw-tools.js): `change(core)` makes the core's new run on the
  // edited data; returns its errors.
  editData(change) {
    this.stopWorker();
    const errors = change(this.core);
    // Undo can bring loaded points back: their file comes from the core, which keeps it.
    this.csv = this.core.loaded_csv() ?? null;
    this.pace = pace(this.core);
    this.configured();
    this.changed();
    return errors;
  }

  // Points from CSV text become the `custom` data set; returns the errors (nothing changes then).
  loadCsv(text) {
    this.stopWorker();
    const errors = this.core.load_csv(text);
    this.pace = pace(this.core);
    if (errors.length === 0) {
      this.csv = text;
      this.configured();
    }
    this.changed();
    return errors;
  }

  play() {
    if (this.broken || this.playing) return;
    this.playing = true;
    this.host.emit('fs-play');
    // Nothing the views show has changed yet: the next frame trains and draws (drawing now
    // too would hold that first trained frame back by a whole frame's drawing).
    this.dirty = true;
    this.rate = { epoch: this.core.epoch(), time: performance.now(), value: 0 };
  }

  pause() {
    this.stopWorker();
    if (!this.playing) return;
    this.playing = false;
    this.host.emit('fs-pause');
    this.changed();
  }

  // The most epochs step(n) trains synchronously for this network and data.
  maxStep() {
    return Math.max(1, Math.floor(SYNC_WORK / Math.max(1, this.pace.epochWork)));
  }

  // Trains n epochs at once (at most maxStep()), then redraws.
  step(n = 1) {
    if (this.broken) throw new Error(`the core stopped (${this.broken}); reset starts it again`);
    if (n > this.maxStep())
      throw new RangeError(`step(${n}) would block the page: this network and data allow at most ${this.maxStep()} epochs at once; stepAsync(n) trains any number in the background`);
    this.stopWorker();
    this.core.step(n);
    this.afterTraining(true);
    this.changed();
  }

  // Starts again from the same config (the same data and initial weights); after a crash, from
  // a new core of the last config.
  reset() {
    this.stopWorker();
    if (this.broken) {
      const query = this.lastQuery ?? '';
      this.replaceCore(new this.glue.Playground(query));
      this.core.take_errors();
      if (this.csv != null && /(^|&)dataset=custom(&|$)/.test(query)) {
        this.core.load_csv(this.csv);
        this.core.set_config(query);
      }
    } else {
      this.core.reset();
    }
    this.pace = pace(this.core);
    this.lastEpoch = -1;
    this.changed();
  }

  // Logistic regression (no hidden layer) by L-BFGS to convergence (at most 1000 iterations).
  fit() {
    this.setQuery('hidden=none&optimizer=lbfgs');
    this.fitToConvergence();
  }

  fitToConvergence() {
    this.stopWorker();
    for (let i = 0; i < 20 && !this.core.converged() && !this.core.stop_pending(); i++) this.core.step(50);
    this.afterTraining(true);
    this.changed();
  }

  // The reader changes the model by hand (a weight typed in, a line dragged): the worker's run
  // stops with its newest weights here, `change(core)` edits them, and play continues from
  // there. Returns the error message of a rejected edit, else null.
  edit(change) {
    if (this.broken) return `the core stopped (${this.broken}); reset starts it again`;
    this.stopWorker();
    // Hand edits change the live weights: the views show them.
    if (this.scrubbed != null) scrub(this, null);
    try {
      change(this.core);
    } catch (e) {
      return typeof e === 'string' ? e : e.message;
    } finally {
      this.changed();
    }
    return null;
  }

  // Which hidden layer and axes the feature view shows, and the views' extras; rejected
  // settings as [{key, message}]. The run goes on.
  setSpace(layer, axes, extras) {
    this.takeWorker();
    this.core.set_extras(extras.warp, extras.regions);
    const errors = this.core.set_space(layer, axes);
    this.changed();
    return errors;
  }

  // The theme's class colours for the heatmaps: R, G, B bytes per class.
  setClassColours(rgb) {
    this.colours = rgb;
    this.core.set_class_colours(rgb);
    this.cache = {};
    this.dirty = true;
  }

  setSpeed(index) {
    // The next frame's train() moves the run to the worker's new pace or back to this thread.
    this.speed = Math.max(0, Math.min(SPEEDS.length - 1, index));
  }

  epochsPerFrame() {
    return SPEEDS[this.speed];
  }

  // --- the scheduler's side ---

  // Playing at the fastest speed on this thread (the worker, when it trains, needs no time here).
  flatOut() {
    return !this.broken && (Boolean(this.job) || (this.playing && this.epochsPerFrame() === Infinity && !this.worker.training));
  }

  // n epochs trained over the next frames (as many per frame as fit); resolves with the state.
  stepAsync(n) {
    if (this.broken) return Promise.reject(new Error(`the core stopped (${this.broken}); reset starts it again`));
    this.job?.reject(new Error('replaced by a newer stepAsync'));
    this.stopWorker();
    return new Promise((resolve, reject) => { this.job = { left: n, resolve, reject }; });
  }

  // The background steps of stepAsync, within this frame's budget.
  trainPending(budgetMs) {
    const job = this.job;
    job.left -= trainFor(this.core, Math.max(budgetMs, 2), this.pace, job.left);
    const stopped = this.core.stop_pending();
    this.afterTraining(false);
    if (job.left <= 0 || this.core.converged() || stopped) {
      this.job = null;
      this.afterTraining(true);
      job.resolve(this.core.state());
    }
  }

  // `frameMs`: the display's frame, for a fixed speed's share beside a redraw (see run-pacing.js).
  train(budgetMs, frameMs = 1000 / 60) {
    if (this.broken) return;
    // A stop the worker's newest snapshot brought (read by state()) pauses before anything.
    this.checkStop();
    // A stepAsync's epochs are the frame's training, here: no worker run meanwhile (stepAsync took
    // it back), whose snapshots would overwrite them, nor one left going off screen after it.
    if (this.job) return this.trainPending(budgetMs);
    if (!this.playing) return;
    const perFrame = this.epochsPerFrame();
    const apart = perFrame === Infinity || perFrame * this.pace.epochWork > WORKER_WORK;
    if (apart && this.worker.start(this.core, this.csv, perFrame === Infinity ? null : perFrame)) {
      this.worker.feed();
      if (this.worker.take(this.core)) return this.afterTraining(false);
      // Until the worker is further on, this thread trains the same run on (see worker-run.js).
      if (!this.worker.catchingUp) return;
    } else this.stopWorker();
    if (perFrame === Infinity) trainFor(this.core, budgetMs, this.pace);
    else trainEpochs(this.core, perFrame, this.pace, besideDraw(this, frameMs));
    this.afterTraining(false);
  }

  checkStop() {
    return checkStop(this);
  }

  afterTraining(always) {
    afterTraining(this, always);
  }

  due() {
    return due(this);
  }

  // After a divergence: the last finite weights trained here, with a fresh optimizer.
  restoreFinite() {
    this.stopWorker();
    const epoch = this.core.restore_finite();
    this.changed();
    return epoch;
  }

  // After an action (a step, a reset, a new config): the views show the new state at once, so
  // that what the API returns and what the reader sees agree.
  changed() {
    this.dirty = true;
    this.rate = { epoch: this.core.epoch(), time: performance.now(), value: 0 };
    if (this.host.canPaint()) this.draw();
  }

  draw(force = false) {
    if (!this.dirty && !force) return;
    if (this.broken) return;
    this.dirty = false;
    const start = performance.now();
    // A scrubbed epoch's model stands in for the live one while the frame reads and paints.
    withShown(this, (epoch) => {
      noteScrub(this, epoch);
      const frame = readFrame(this.core, this.memory, this.host.wants(), this.cache);
      frame.rate = measureRate(this, frame.state.epoch);
      this.host.paint(frame);
    });
    this.drawStart = start;
    this.drawnAt = performance.now();
    this.drawCost = this.drawnAt - start;
    this.draws = (this.draws ?? 0) + 1; // for the benchmarks
    if (this.core.epoch() > 0 && !this.firstTrainedFrame) this.firstTrainedFrame = performance.now();
  }

  // A call into the core threw: a Rust panic (its message kept by the core) or a trap.
  fail(error) {
    const panic = this.glue.take_panic();
    const message = panic ? `the core panicked: ${panic}` : `the core failed: ${error?.message ?? error}`;
    this.broken = message;
    this.job?.reject(new Error(message));
    this.job = null;
    // Its worker ends; a reset's run starts another when it plays at the fastest speed.
    this.worker.destroy();
    this.playing = false;
    this.host.emit('fs-pause');
    this.host.emit('fs-error', { key: 'core', message });
    return message;
  }

  stopWorker() {
    if (!this.broken) this.worker.stop(this.core);
  }

  // The worker's newest snapshot into this thread's core, so that reads see the newest state.
  takeWorker() {
    if (this.worker.active && this.worker.take(this.core)) this.dirty = true;
  }

  destroy() {
    this.worker.destroy();
    if (!this.broken) this.core.free();
    this.core = null;
  }
}
