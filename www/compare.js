// The `compare` link: two <feature-space> elements side by side, `<feature-space compare="a">`
// beside `<feature-space id="a">`. The linked element runs the other's config (the same data,
// custom points too) with its own settings over it, starts from the same initial weights when
// the two networks have the same shape (copied through the core), and both play, pause, step,
// reset, change speed and change data together, epoch for epoch; each loss chart overlays the
// other's curve. The math stays in the cores: this module only wires two runs.
import { HISTORY_FIELDS } from './frame.js';
import { configQuery, excerpt } from './config-input.js';
import { tabVisible } from './visibility.js';
import { SCHEMA } from './keys.js';
import { setText } from './dom-write.js';

// The data: shared by both runs, whichever element changes it.
export const DATA_KEYS = ['dataset', 'points', 'noise', 'seed', 'trainRatio'];
// The linked run's own settings come from its config-key attributes (the data keys excepted)
// and from what the reader changes on it later.
const HISTORY_MAX = 512 * HISTORY_FIELDS; // the core keeps at most 512 entries

let sheet = null;
function styles() {
  if (!sheet) {
    sheet = new CSSStyleSheet();
    sheet.replaceSync(`.compare-caption { grid-column: 1 / -1; margin: 0; padding: 0.3rem 0.6rem; border-left: 3px solid #cc79a7;
      background: var(--fs-panel, #fff); color: var(--fs-text, inherit); font-size: 0.85em; }`);
  }
  return sheet;
}

const same = (a, b) => JSON.stringify(a) === JSON.stringify(b);

// What one run's settings are where they differ from the other's, in a few words: "Adam",
// "relu", "hidden 3", "lr 0.1".
function describe(config, other) {
  const words = Object.keys(config).filter((k) => !same(config[k], other[k])).map((k) => {
    const v = config[k];
    const spec = SCHEMA.find((s) => s.key === k);
    // A choice by its label ("Adam", "relu"), anything else as key and value ("hidden 3").
    if (spec?.choices) return spec.labels[spec.choices.indexOf(v)] ?? String(v);
    return `${k} ${Array.isArray(v) ? v.join(',') : v}`;
  });
  return words.length ? words.join(', ') : 'the same settings';
}

/**
 * The core calls of a link (crate/src/web/compare.rs); each returns a copy, no view of wasm memory.
 * @typedef {object} CompareCore
 * @property {() => Uint32Array} shape          layer sizes: inputs, hidden units…, outputs
 * @property {() => string} shape_text          the same as the reader writes it, "2-3-1"
 * @property {() => Float64Array} params        every weight and bias, layer by layer
 * @property {(shape: Uint32Array, params: Float64Array) => void} start_from  an untrained run
 *           starts from these weights; throws a message when they do not fit
 */

/**
 * @typedef {object} Overlay  the partner's loss curve for an element's loss chart
 * @property {Float64Array} history  HISTORY_FIELDS numbers per entry, as frame.js reads them (a copy)
 * @property {string} label          the partner's difference, e.g. "Adam (linked)"
 */

export class CompareLink {
  /**
   * Links `linked` (the element with the `compare` attribute) to `primary`; both have loaded.
   * @param {HTMLElement} primary
   * @param {HTMLElement} linked
   */
  constructor(primary, linked) {
    this.primary = primary;
    this.linked = linked;
    this.pair = [primary, linked];
    this.busy = false;
    this.sameStart = true;
    this.seen = new Map();
    this.buffers = new Map(this.pair.map((el) => [el, { data: new Float64Array(HISTORY_MAX), length: 0 }]));
    // The linked run's own settings: its config-key attributes but the data.
    this.own = {};
    for (const [key, value] of Object.entries(linked.configAttributes())) if (!DATA_KEYS.includes(key)) this.own[key] = value;
    primary.compareLink = this;
    linked.compareLink = this;
    // Lock step: each trains epochs on this thread (a training worker would run ahead).
    this.workers = this.pair.map((el) => el.run.worker.usable);
    for (const el of this.pair) { el.run.stopWorker(); el.run.worker.usable = false; }
    this.together(() => {
      this.follow();
      const speedFrom = linked.hasAttribute('speed') && !primary.hasAttribute('speed') ? linked : primary;
      this.partner(speedFrom).setSpeed(speedFrom.run.speed);
      for (const el of this.pair) if (el.run.core.epoch() !== 0) el.run.reset();
      this.align();
      if (primary.playing !== linked.playing) (primary.playing ? linked : primary).play();
    });
    for (const el of this.pair) this.seen.set(el, el.run.config());
    for (const el of this.pair) this.decorate(el);
  }

  partner(el) {
    return el === this.primary ? this.linked : this.primary;
  }

  // Runs `action` with the echo guard up: what it makes either element do is not mirrored again.
  together(action) {
    if (this.busy) return;
    this.busy = true;
    try {
      action();
    } finally {
      this.busy = false;
    }
  }

  // An API action on one element (play, pause, step, reset, speed) is done on the other too.
  mirror(from, name, ...args) {
    if (this.busy) return;
    const other = this.partner(from);
    if (!other.run) return;
    this.together(() => {
      let result;
      try {
        result = other[name](...args);
      } catch (error) {
        // A bigger partner network may not take n epochs at once: it trains them a slice per frame.
        if (name !== 'step' || !(error instanceof RangeError)) throw error;
        result = other.stepAsync(...args);
      }
      result?.catch?.(() => {}); // stepAsync: the partner's promise is its own business
      if (name === 'reset') this.align();
      if (name === 'pause') this.level();
    });
    // Each chart draws the other's curve: both redraw after either moved.
    for (const el of this.pair) if (el.run) el.run.dirty = true;
  }

  // The run's events: play and pause (also a divergence's pause) reach the partner.
  heard(el, type) {
    if (type === 'fs-play' && !this.partner(el).playing) this.mirror(el, 'play');
    if (type === 'fs-pause' && this.partner(el).playing) this.mirror(el, 'pause');
  }

  // A config changed on `el`: the data goes to both, the linked run is the primary's config
  // with its own settings over it, and both start again from the same weights.
  configured(el, config) {
    const before = this.seen.get(el);
    this.seen.set(el, config);
    if (this.busy || !before) return;
    const changed = Object.keys(config).filter((k) => !same(config[k], before[k]));
    if (changed.length === 0) return;
    this.together(() => {
      if (el === this.linked) {
        for (const k of changed) if (!DATA_KEYS.includes(k)) this.own[k] = config[k];
        if (changed.some((k) => DATA_KEYS.includes(k))) this.shareData();
      }
      this.follow();
      for (const e of this.pair) if (e.run.core.epoch() !== 0) e.run.reset();
      this.align();
    });
    for (const e of this.pair) this.seen.set(e, e.run.config());
    for (const e of this.pair) this.caption(e);
  }

  // The linked element's data (its loaded points too) into the primary.
  shareData() {
    const from = this.linked.run, to = this.primary.run;
    const config = from.config();
    if (config.dataset === 'custom' && from.csv != null && to.csv !== from.csv) to.loadCsv(from.csv);
    const data = Object.fromEntries(DATA_KEYS.map((k) => [k, config[k]]));
    this.primary.report(to.setQuery(configQuery(data)), 'Not applied');
  }

  // The linked run takes the primary's config (and loaded points) with its own settings over it.
  follow() {
    const from = this.primary.run, to = this.linked.run;
    if (from.config().dataset === 'custom' && from.csv != null && to.csv !== from.csv) to.loadCsv(from.csv);
    const query = [from.query(), configQuery(this.own)].filter(Boolean).join('&');
    this.linked.report(to.setQuery(query), 'Not applied');
  }

  // Both untrained: the linked run starts from the primary's initial weights when the shapes
  // match; otherwise each from its seed's initialisation (the captions say so).
  align() {
    const a = this.primary.run, b = this.linked.run;
    if (!a || !b || a.broken || b.broken || a.core.epoch() !== 0 || b.core.epoch() !== 0) return;
    this.shapes = [a.core.shape_text(), b.core.shape_text()];
    this.sameStart = this.shapes[0] === this.shapes[1];
    if (this.sameStart) {
      try {
        b.core.start_from(a.core.shape(), a.core.params());
      } catch (error) {
        this.sameStart = false;
        this.linked.report([{ key: 'compare', message: String(error?.message ?? error) }], 'Not the same initial weights');
      }
    }
    for (const el of this.pair) { el.run.changed(); this.caption(el); }
  }

  // After a pause the run behind trains up to the other's epoch, so that the curves end together.
  level() {
    const [a, b] = this.pair.map((el) => el.run);
    if (!a || !b || a.broken || b.broken) return;
    const ea = a.core.epoch(), eb = b.core.epoch();
    const behind = ea < eb ? a : b;
    const gap = Math.abs(ea - eb);
    if (gap === 0) return;
    if (gap <= behind.maxStep()) behind.step(gap);
    else behind.stepAsync(gap).catch(() => {});
  }

  // Lock step: the run ahead of its playing partner waits a frame.
  holds(el) {
    const other = this.partner(el);
    if (!other.run || other.run.broken || !(other.playing || other.run.job)) return false;
    return el.run.core.epoch() > other.run.core.epoch();
  }

  // The pair trains while either of them is on screen in a visible tab.
  keepsActive(el) {
    const other = this.partner(el);
    return Boolean(other.run) && other.isConnected && other.onScreen && tabVisible();
  }

  // Before a frame is read: the partner's loss history copied for the overlay (the partner's
  // core is only asked for a pointer and a length, which allocate nothing).
  readOverlay(el) {
    const other = this.partner(el).run;
    const buffer = this.buffers.get(el);
    if (!other || other.broken) { buffer.length = 0; return; }
    const length = Math.min(HISTORY_MAX, other.core.history_len() * HISTORY_FIELDS);
    buffer.data.set(new Float64Array(other.memory.buffer, other.core.history_ptr(), length));
    buffer.length = length;
  }

  /** @returns {Overlay|null} */
  overlay(el) {
    const buffer = this.buffers.get(el);
    const other = this.partner(el).run;
    if (!other || !el.run) return null;
    return { history: buffer.data.subarray(0, buffer.length), label: `${describe(other.config(), el.run.config())} (linked)` };
  }

  // After the element's panels are built: the overlay hook and the caption.
  decorate(el) {
    const root = el.shadowRoot;
    if (!root.adoptedStyleSheets.includes(styles())) root.adoptedStyleSheets = [...root.adoptedStyleSheets, styles()];
    if (el.viewSet?.loss) el.viewSet.loss.overlay = () => this.overlay(el);
    this.caption(el);
    if (el.run) el.run.dirty = true;
  }

  // One line at the top of the element: what it is linked to and how the two runs start.
  caption(el) {
    const fs = el.shadowRoot.querySelector('.fs');
    if (!fs || !el.run) return;
    let p = fs.querySelector('.compare-caption');
    if (!p) {
      p = document.createElement('p');
      p.className = 'compare-caption';
      p.setAttribute('part', 'compare-caption');
      fs.querySelector('#message').after(p);
    }
    const other = this.partner(el);
    const mine = describe(el.run.config(), other.run.config());
    const theirs = describe(other.run.config(), el.run.config());
    const name = other.id ? `#${other.id}` : 'the other element';
    const start = this.sameStart
      ? 'the same data and the same initial weights'
      : `the same data; the networks differ in shape (${el === this.primary ? this.shapes?.[0] : this.shapes?.[1]} here, ${el === this.primary ? this.shapes?.[1] : this.shapes?.[0]} there), so each starts from its seed's initialisation`;
    const text = `Compared with ${name} (${theirs}; here ${mine}): ${start}. They play, step and reset together; the pink dash-dotted curve is the other run's training loss.`;
    setText(p, text);
  }

  // Ends the link (an element left the page, or `compare` changed): each runs on its own again.
  unlink() {
    this.pair.forEach((el, i) => {
      if (el.compareLink !== this) return;
      el.compareLink = null;
      if (el.run) el.run.worker.usable = this.workers[i] && Boolean(el.run.worker.wasm);
      if (el.viewSet?.loss) el.viewSet.loss.overlay = null;
      el.shadowRoot.querySelector('.compare-caption')?.remove();
      if (el.run) el.run.dirty = true;
    });
  }
}

// Links `el` to the element its `compare` attribute names, once both have loaded; a missing,
// self or already linked target is said in a message and the element runs on its own.
export async function connect(el) {
  el.compareLink?.unlink();
  const id = el.getAttribute('compare');
  if (!id) return null;
  const fail = (message) => {
    el.report([{ key: 'compare', message }], 'Not linked (this element runs on its own)');
    return null;
  };
  if (document.readyState === 'loading') await new Promise((r) => document.addEventListener('DOMContentLoaded', r, { once: true }));
  const root = el.getRootNode();
  const target = root.getElementById?.(id) ?? document.getElementById(id);
  if (!target || target.localName !== 'feature-space') return fail(`there is no <feature-space id="${excerpt(id)}"> in this document`);
  if (target === el) return fail('an element cannot be compared with itself');
  // A partner that has left the page (its link ends a moment later) frees the target now.
  if (target.compareLink && !target.compareLink.linked.isConnected) target.compareLink.unlink();
  if (target.hasAttribute('compare')) return fail(`#${excerpt(id)} is itself linked (compare="${excerpt(target.getAttribute('compare'))}"); link both to the same first element instead`);
  const taken = target.compareLink && target.compareLink.linked !== el;
  if (taken) return fail(`#${excerpt(id)} is already compared with ${target.compareLink.linked.id ? `#${target.compareLink.linked.id}` : 'another element'}; a link joins two elements`);
  target.boot?.(); // a lazy element loads now: its partner needs it
  try {
    await target.ready;
  } catch {
    return fail(`#${excerpt(id)} could not load`);
  }
  // Still asked for, and still free, after the wait?
  if (el.getAttribute('compare') !== id || !el.run || !target.run || !target.isConnected) return null;
  if (target.compareLink && !target.compareLink.linked.isConnected) target.compareLink.unlink();
  if (target.compareLink && target.compareLink.linked !== el) return fail(`#${excerpt(id)} is already compared with another element; a link joins two elements`);
  el.report([], 'Not linked (this element runs on its own)');
  return new CompareLink(target, el);
}
