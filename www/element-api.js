// The element's public API and its messages: what pages and tests call on <feature-space>
// (play, step, setConfig, state, exports, …) and how errors reach the reader. The element's
// lifecycle, layout and wiring are in feature-space.js, which extends this class.
import { argumentError, configQuery } from './config-input.js';
import { dataCsv, weightsJson } from './exports.js';
import { embedCode } from './embed-code.js';
import { part, partLoaded, partMissing } from './on-demand.js';
import { SPACE_KEYS } from './space-settings.js';
import { stepUpdate } from './stepping.js';
import { linkableConfig } from './draw-tools.js';
import { SCHEMA } from './keys.js';
import { continueFrom, readTimeline, scrub } from './timeline-run.js';

export class FeatureSpaceApi extends HTMLElement {
  // --- messages and events ---

  emit(type, detail = {}) {
    this.dispatchEvent(new CustomEvent(type, { detail, bubbles: true, composed: true }));
  }

  report(errors, title) {
    if (!errors || errors.length === 0) return this.notices?.hide(title);
    for (const e of errors) this.emit('fs-error', { key: e.key, message: e.message });
    // A pair without a key, or the count of pairs not listed, reads as its message alone.
    const words = (e) => (e.key && e.key !== '…' ? `${e.key} — ${e.message}` : e.message);
    this.notices?.show(`${title}: ${errors.map(words).join('; ')}.`, { title });
  }

  crashed(error) {
    this.run.fail(error);
  }

  // Runs an API action; a crash of the core becomes fs-error and a message, then rethrows.
  guard(action) {
    try {
      return action();
    } catch (error) {
      if (error instanceof WebAssembly.RuntimeError && this.run && !this.run.broken) throw new Error(this.run.fail(error));
      throw error;
    }
  }

  needRun() {
    if (!this.run) throw new Error('Feature Space has not loaded yet: await element.ready first');
    return this.run;
  }

  // --- the API ---

  get playing() { return this.run?.playing ?? false; }
  // Training shows the model, also in a lesson's data-only step.
  play() { this.modelShown = true; this.guard(() => this.needRun().play()); }
  pause() { this.guard(() => this.run?.pause()); }
  reset() { this.guard(() => { this.needRun().reset(); this.notices.hide(); }); this.compareLink?.mirror(this, 'reset'); }
  fit() { this.modelShown = true; this.guard(() => this.needRun().fit()); }
  config() { return this.run ? this.run.config() : null; }
  state() { return this.guard(() => this.needRun().state()); }
  data() { return this.guard(() => this.needRun().data()); }
  // The loss chart's kept epochs: [{epoch, train: {loss, accuracy}, test: {loss, accuracy}|null}].
  history() { return this.guard(() => this.needRun().history()); }
  // The points as CSV text (x1,x2,label, training points first), as loadCsv reads them.
  exportCsv() { return dataCsv(this.data()); }
  // The weights as JSON text: {config, epoch, layers: [{W, b}]}, of the epoch the views show (a
  // recorded one while the timeline shows it), as the other exports.
  exportWeights() { const state = this.guard(() => this.needRun().shownState()); return weightsJson(state, this.config()); }
  // A Python script (numpy + scikit-learn) that rebuilds the data and the model, loads these
  // weights and trains the same model from scratch. Its writer loads beside the wasm (`ready`).
  exportPython() {
    const run = this.needRun();
    const python = partLoaded('python');
    if (!python) {
      const missing = partMissing('python');
      part('python').catch(() => {}); // asked for again, for the next call
      throw missing;
    }
    return python.pythonScript(this.guard(() => run.exportParts()));
  }

  step(n = 1) {
    if (!Number.isSafeInteger(n) || n < 0) throw argumentError('step', `n must be a whole number of epochs, not ${String(n).slice(0, 40)}`);
    this.modelShown = true;
    this.guard(() => this.needRun().step(n));
    this.compareLink?.mirror(this, 'step', n);
  }

  // One optimizer update on training point `index` (null: the next point of the run's order),
  // or on the next minibatch: the update (see stepping.js), also as fs-update; null, with the
  // reason as a message and fs-error, where the run cannot step so (L-BFGS, no such point).
  stepSample(index = null) {
    if (index != null && (!Number.isSafeInteger(index) || index < 0)) throw argumentError('stepSample', `index must be a training point's number from 0, not ${String(index).slice(0, 40)}`);
    return this.stepUpdate('sample', index);
  }

  stepBatch() { return this.stepUpdate('batch', null); }

  stepUpdate(kind, index) {
    this.modelShown = true;
    const run = this.needRun();
    let update;
    try {
      update = this.guard(() => stepUpdate(run, this.viewSet, kind, index));
    } catch (error) {
      if (run.broken) throw error;
      this.report([{ key: kind === 'sample' ? 'step-sample' : 'step-batch', message: error.message }], 'Not stepped');
      return null;
    }
    this.notices?.hide('Not stepped');
    this.emit('fs-update', update);
    return update;
  }

  // Trains n epochs over the next frames, as many per frame as keep the page responsive; a
  // promise of the state after them.
  stepAsync(n) {
    if (!Number.isSafeInteger(n) || n < 0) return Promise.reject(argumentError('stepAsync', `n must be a whole number of epochs, not ${String(n).slice(0, 40)}`));
    this.modelShown = true;
    this.compareLink?.mirror(this, 'stepAsync', n);
    return this.ready.then(() => this.run.stepAsync(n));
  }

  // Changes some keys; returns the rejected ones as [{key, message}].
  setConfig(partial) {
    const query = configQuery(partial);
    if (!this.run) {
      this.pending.push(query);
      return [];
    }
    const errors = this.guard(() => this.run.setQuery(query));
    this.report(errors, 'Not applied');
    return errors;
  }

  // A whole config from `key=value&…` over the defaults (as a link's hash); returns the rejected pairs.
  load(query) {
    if (typeof query !== 'string') throw argumentError('load', 'expects a query such as "dataset=xor&hidden=8,8"');
    if (!this.run) {
      this.pending = [query];
      return [];
    }
    this.notices.hide();
    const errors = this.guard(() => this.needRun().load(query));
    this.report(errors, 'Settings that were not used (their defaults are)');
    return errors;
  }

  loadCsv(text) {
    if (typeof text !== 'string') throw argumentError('loadCsv', 'expects the CSV file as text');
    const errors = this.guard(() => this.needRun().loadCsv(text));
    this.report(errors, 'The CSV file was not loaded');
    return errors;
  }

  // Opens a lesson step (1-based): a lesson's id, the URL of a lesson JSON file (a promise of
  // whether it opened) or a lesson document; lesson(null) closes the lesson. A promise too
  // while the lessons' code loads (an element without a lesson panel loads it on first use).
  lesson(ref, step = 1) {
    if (ref == null) return this.lessonState.close();
    if (!this.run) return false;
    return this.lessonState.open(ref, step);
  }

  // A PNG of one view the element shows (input, feature, loss, network, weights, confusion,
  // figures, lesson: see view-png.js), drawn fresh.
  // Its code is a chunk loaded on the first call (see on-demand.js).
  toBlob({ view = 'input' } = {}) {
    if (!this.viewSet) return Promise.reject(new Error('Feature Space has not loaded yet: await element.ready first'));
    return part('png').then(({ viewCanvas }) => {
      if (!this.viewSet) throw new Error('the element was taken out of the page');
      this.viewSet.drawEvery();
      const canvas = viewCanvas(this.viewSet, this.shadowRoot, view);
      if (!canvas) throw argumentError('toBlob', `'${view}' is not a view this element shows`);
      return new Promise((resolve, reject) => canvas.toBlob((blob) => (blob ? resolve(blob) : reject(new Error('the canvas is empty'))), 'image/png'));
    });
  }

  // Links point `index` (training points first; null: none) in every view, as a tap does.
  highlight(index) {
    if (index != null && (!Number.isSafeInteger(index) || index < 0)) throw argumentError('highlight', `index must be a point's number from 0, not ${String(index).slice(0, 40)}`);
    this.viewSet?.point(index, index != null);
  }

  // Where point `index` is drawn in a view ('input' or 'feature'), in client pixels, or null.
  pointPosition(view, index) {
    const space = this.viewSet?.space(view);
    const at = space?.pixelOf(index);
    if (!at) return null;
    const r = space.canvas.getBoundingClientRect();
    return { x: r.left + at[0], y: r.top + at[1] };
  }

  // --- the timeline ---

  // The epochs the timeline holds, oldest first: a bounded sample of the run (see README).
  timeline() {
    return this.guard(() => {
      const run = this.needRun();
      run.takeWorker();
      return readTimeline(run.core).epochs;
    });
  }

  // The epoch every view shows, or null while they show the live run.
  get scrubbed() {
    const epoch = this.run && !this.run.broken ? this.run.core.scrubbed_epoch() : -1;
    return epoch < 0 ? null : epoch;
  }

  // Shows the recorded epoch nearest `epoch` in every view while the run goes on (null: the
  // live run again); returns the epoch shown.
  scrub(epoch) {
    if (epoch != null && !(typeof epoch === 'number' && epoch >= 0)) throw argumentError('scrub', `expects an epoch (a number from 0) or null, not ${String(epoch).slice(0, 40)}`);
    return this.guard(() => {
      const run = this.needRun();
      run.takeWorker();
      return scrub(run, epoch);
    });
  }

  // Goes back to a recorded epoch and trains on from there exactly as the run did (later epochs
  // are dropped); returns the state. A RangeError names the nearest epoch on the timeline.
  continueFrom(epoch) {
    if (!Number.isSafeInteger(epoch) || epoch < 0) throw argumentError('continueFrom', `expects an epoch on the timeline, not ${String(epoch).slice(0, 40)}`);
    this.modelShown = true;
    return this.guard(() => continueFrom(this.needRun(), epoch));
  }

  embedCode(options = {}) {
    const extra = ['presenter', 'autoplay', 'speed', ...SPACE_KEYS].filter((a) => this.hasAttribute(a)).map((a) => [a, this.getAttribute(a) || '1']);
    // Drawn points come along while few enough for a link; else a comment says why not.
    const { config, note } = linkableConfig(this.needRun().config(), SCHEMA.find((s) => s.key === 'drawn').linkPoints);
    const code = embedCode(config, { ...this.shown, extra }, options);
    return note ? `<!-- ${note} -->\n${code}` : code;
  }
}
