// The `timeline` view: a strip under the views with a slider over the epochs the run recorded
// (its last stop is the live run), ticks at the recorded epochs, the epoch shown, and the
// buttons "Continue from here" and "Live". Keys: the slider's arrows, Home and End (End: live).
import { setAttr, setFlag, setText } from './dom-write.js';

/**
 * @typedef {object} TimelineHost
 * @property {(epoch: number|null) => void} scrub        shows an epoch (null: live)
 * @property {(epoch: number) => void} continueFrom      continues from a recorded epoch
 */

export class TimelineView {
  /**
   * @param {HTMLElement} panel  the #timeline-panel section
   * @param {TimelineHost} host
   */
  constructor(panel, host) {
    this.panel = panel;
    this.range = panel.querySelector('#timeline-range');
    this.output = panel.querySelector('#timeline-epoch');
    this.ticks = panel.querySelector('#timeline-ticks');
    this.note = panel.querySelector('#timeline-note');
    this.continueButton = panel.querySelector('#timeline-continue');
    this.liveButton = panel.querySelector('#timeline-live');
    this.first = panel.querySelector('#timeline-first');
    this.last = panel.querySelector('#timeline-last');
    this.epochs = [];
    this.scrub = null;
    // The tick strip's size and colours are read when they change, not every frame, and it is
    // drawn without text: a style or layout read (or a canvas font) after other views wrote to
    // the page forces a relayout of the whole element, which cost half the redraws of a frame.
    this.size = null;
    this.colours = null;
    this.drawn = '';
    new ResizeObserver(([entry]) => { this.size = entry.contentRect; this.drawn = ''; }).observe(this.ticks);
    this.range.addEventListener('input', () => {
      const i = Number(this.range.value);
      host.scrub(i >= this.epochs.length ? null : this.epochs[i]);
    });
    this.continueButton.addEventListener('click', () => { if (this.scrub != null) host.continueFrom(this.scrub); });
    this.liveButton.addEventListener('click', () => host.scrub(null));
  }

  /** @param {import('./frame.js').Frame} frame */
  draw(frame) {
    const { epochs, scrub, exact } = frame.timeline;
    const live = frame.state.epoch;
    this.epochs = epochs;
    this.scrub = scrub;
    const n = epochs.length;
    // One stop per recorded epoch, then the live run.
    let index = n;
    if (scrub != null) {
      index = epochs.indexOf(scrub);
      if (index < 0) index = Math.max(0, epochs.findIndex((e) => e > scrub) - 1);
    }
    setAttr(this.range, 'max', String(n));
    if (this.range.value !== String(index)) this.range.value = String(index);
    const words = scrub == null ? `live run, epoch ${live}` : `epoch ${scrub} of ${live}`;
    setAttr(this.range, 'aria-valuetext', words);
    setText(this.output, scrub == null ? `live · ${live}` : `${scrub}`);
    setFlag(this.continueButton, 'disabled', scrub == null);
    setFlag(this.liveButton, 'disabled', scrub == null);
    setText(this.note, scrub == null
      ? `Drag the slider (or use the arrow keys) to show any of ${n} recorded epochs in every view; training goes on.`
      : exact
        ? `Every view shows epoch ${scrub}; the run is at epoch ${live}. “Continue from here” drops the later epochs and trains on exactly as the run did from this one.`
        : `Every view shows epoch ${scrub}; the run is at epoch ${live}. L-BFGS keeps no curvature memory on the timeline: “Continue from here” restores the weights and starts it afresh, so the run after this epoch may differ from the first.`);
    setText(this.first, n ? String(epochs[0]) : '');
    setText(this.last, `live ${live}`);
    this.drawTicks(epochs, index);
  }

  // A tick under each recorded epoch (at most one per 3 pixels), the shown one taller, aligned
  // with the slider's thumb positions; redrawn only when one of them moved.
  drawTicks(epochs, index) {
    const key = `${epochs.length} ${epochs[0]} ${epochs.at(-1)} ${index} ${this.size?.width}`;
    if (key === this.drawn || !this.size) return;
    this.drawn = key;
    const c = this.ticks;
    const dpr = globalThis.devicePixelRatio || 1;
    const { width: w, height: h } = this.size;
    if (c.width !== Math.round(w * dpr) || c.height !== Math.round(h * dpr)) { c.width = Math.round(w * dpr); c.height = Math.round(h * dpr); }
    const ctx = c.getContext('2d');
    ctx.setTransform(dpr, 0, 0, dpr, 0, 0);
    ctx.clearRect(0, 0, w, h);
    if (!this.colours) {
      const style = getComputedStyle(this.panel);
      this.colours = { muted: style.getPropertyValue('--fs-muted').trim() || '#5b6575', accent: style.getPropertyValue('--fs-accent').trim() || '#0072b2' };
    }
    const { muted, accent } = this.colours;
    const stops = epochs.length; // the last stop (index = stops) is the live run
    const thumb = 8; // half the slider thumb's width, where the track's ends are
    const x = (i) => thumb + (stops ? i / stops : 1) * (w - 2 * thumb);
    ctx.fillStyle = muted;
    let column = -Infinity;
    for (let i = 0; i < stops; i++) {
      if (x(i) - column < 3) continue;
      column = x(i);
      ctx.fillRect(Math.round(x(i)), 0, 1, 5);
    }
    ctx.fillRect(Math.round(x(stops)) - 1, 0, 2, 7);
    ctx.fillStyle = accent;
    ctx.fillRect(Math.round(x(index)) - 1, 0, 3, Math.min(h, 9));
  }
}
