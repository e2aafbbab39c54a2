// The `loss` view: epoch, loss and accuracy as numbers, and one chart of the kept epochs with a
// toggle loss ↔ accuracy, the training (solid) and test (dashed) curves with a legend, a log
// scale for the loss, and a readout of the values at the kept epoch nearest the pointer (mouse,
// finger, or the arrow keys with the chart focused). The chart keeps a copy of the history it
// last drew, so that pointing redraws it alone, without a call into the core.
import { CLASS } from './palette.js';
import { HISTORY_FIELDS } from './frame.js';
import { setAttr, setText } from './dom-write.js';

const F = HISTORY_FIELDS;
// Offsets in an entry: [epoch, train loss, test loss, train accuracy, test accuracy].
const SERIES = { loss: [1, 2], accuracy: [3, 4] };
const MARGIN = { left: 42, right: 8, top: 16, bottom: 18 };
const MUTED = '#5b6575';
const GRID = '#e3e6ea';
// The linked run's training curve (see compare.js): reddish purple, dash-dot.
const OVERLAY = '#cc79a7';
const OVERLAY_DASH = [7, 3, 2, 3];

// About `count` round tick values from lo to hi.
function ticks(lo, hi, count) {
  const span = hi - lo || 1;
  const raw = span / Math.max(1, count);
  const mag = 10 ** Math.floor(Math.log10(raw));
  const step = [1, 2, 2.5, 5, 10].map((m) => m * mag).find((s) => s >= raw) ?? 10 * mag;
  const out = [];
  for (let v = Math.ceil(lo / step - 1e-9) * step; v <= hi + step * 1e-9; v += step) out.push(Number(v.toPrecision(12)));
  return out;
}

const fmtLoss = (v) => (Number.isFinite(v) ? (Math.abs(v) >= 1e-3 || v === 0 ? v.toFixed(4) : v.toExponential(2)) : '–');
const fmtAcc = (v) => (Number.isFinite(v) ? `${(100 * v).toFixed(1)}%` : '–');
// A whole number ≥ 0 with thousands separators, as toLocaleString('en') writes it, without its
// first call's cost (it loads the locale data: some 20 ms, in the page's first frame).
const grouped = (n) => String(n).replace(/\B(?=(\d{3})+$)/g, ',');
const fmtTick = (v) => (v === 0 ? '0' : Math.abs(v) >= 1e4 || Math.abs(v) < 1e-3 ? v.toExponential(0) : String(Number(v.toPrecision(3))));

export class LossView {
  constructor(root) {
    this.canvas = root.querySelector('#loss-chart');
    this.overlay = null; // () => {history, label} | null: another run's history drawn over this one's
    this.cells = ['epoch', 'train-loss', 'train-acc', 'test-loss', 'test-acc', 'rate'].map((id) => root.querySelector(`#${id}`));
    this.readout = root.querySelector('#loss-readout');
    this.modeButtons = [...root.querySelectorAll('[data-chart]')];
    this.logBox = root.querySelector('#chart-log');
    this.mode = 'loss';
    this.log = false;
    this.hover = null; // the pointer's x in CSS pixels, or null
    this.data = new Float64Array(0); // a copy of the history last drawn
    this.n = 0;
    this.regression = false;
    for (const b of this.modeButtons) b.addEventListener('click', () => this.setMode(b.dataset.chart));
    this.logBox?.addEventListener('change', () => { this.log = this.logBox.checked; this.interact(); });
    const at = (e) => {
      const r = this.canvas.getBoundingClientRect();
      this.hover = e.clientX - r.left;
      this.interact();
    };
    this.canvas.addEventListener('pointermove', at);
    this.canvas.addEventListener('pointerdown', at);
    // A finger's readout stays after it lifts; the mouse's goes when it leaves.
    this.canvas.addEventListener('pointerleave', (e) => {
      if (e.pointerType !== 'mouse') return;
      this.hover = null;
      this.interact();
    });
    this.canvas.addEventListener('keydown', (e) => this.key(e));
  }

  setMode(mode) {
    this.mode = mode === 'accuracy' ? 'accuracy' : 'loss';
    for (const b of this.modeButtons) b.setAttribute('aria-pressed', String(b.dataset.chart === this.mode));
    if (this.logBox) this.logBox.disabled = this.mode !== 'loss';
    this.canvas.setAttribute('aria-label', `${this.mode === 'loss' ? 'Loss' : 'Accuracy'} per epoch: training solid, test dashed`);
    this.interact();
  }

  // A redraw of the chart alone (the reader pointed or toggled), with its readout.
  interact() {
    this.render();
    this.writeReadout();
  }

  // The arrow keys move the readout from kept epoch to kept epoch; Escape hides it.
  key(e) {
    if (!['ArrowLeft', 'ArrowRight', 'Home', 'End', 'Escape'].includes(e.key) || this.n === 0) return;
    e.preventDefault();
    e.stopPropagation();
    if (e.key === 'Escape') this.hover = null;
    else {
      const i = this.hover == null ? this.n - 1 : this.nearest(this.hover);
      const next = { ArrowLeft: i - 1, ArrowRight: i + 1, Home: 0, End: this.n - 1 }[e.key];
      this.hover = this.xOf(this.data[F * Math.max(0, Math.min(this.n - 1, next))]);
    }
    this.interact();
  }

  // After the canvases: text changes lay the page out again.
  // While an epoch is scrubbed to, the numbers are that epoch's.
  drawText({ state, rate, timeline }) {
    const pct = (m) => (m && m.accuracy != null ? `${(100 * m.accuracy).toFixed(1)}%` : '–');
    const loss = (m) => (m && m.loss != null ? m.loss.toFixed(4) : '–');
    const epoch = timeline?.scrub != null ? `${timeline.scrub} (live ${state.epoch})` : state.epoch;
    const values = [epoch, loss(state.train), pct(state.train), loss(state.test), pct(state.test),
      rate ? grouped(Math.round(rate)) : '–'];
    this.cells.forEach((el, i) => setText(el, String(values[i])));
    this.writeReadout();
  }

  /** @param {{history: Float64Array, state: object}} frame  history: HISTORY_FIELDS per entry */
  draw({ history, state, timeline }) {
    this.scrub = timeline?.scrub ?? null; // the epoch the timeline shows, marked on the chart
    if (this.data.length < history.length) this.data = new Float64Array(Math.max(history.length, 2 * this.data.length));
    this.data.set(history);
    this.n = history.length / F;
    this.regression = state.train.accuracy == null;
    this.render();
  }

  // Where epoch `e` is drawn, and the index of the kept entry nearest to pixel x.
  xOf(e) {
    const { first, last, area } = this;
    return last === first ? area.left + area.width / 2 : area.left + ((e - first) / (last - first)) * area.width;
  }

  nearest(x) {
    let best = 0, bestD = Infinity;
    for (let i = 0; i < this.n; i++) {
      const d = Math.abs(this.xOf(this.data[F * i]) - x);
      if (d < bestD) { bestD = d; best = i; }
    }
    return best;
  }

  // The y range and its ticks for the current mode; null when there is nothing to show.
  range(offsets) {
    let lo = Infinity, hi = -Infinity;
    const log = this.mode === 'loss' && this.log;
    for (let i = 0; i < this.n; i++) for (const k of offsets) {
      const v = this.data[F * i + k];
      if (!Number.isFinite(v) || (log && v <= 0)) continue;
      lo = Math.min(lo, v); hi = Math.max(hi, v);
    }
    const other = this.other;
    if (other) for (let i = 0; i < other.history.length / F; i++) {
      const v = other.history[F * i + offsets[0]];
      if (!Number.isFinite(v) || (log && v <= 0)) continue;
      lo = Math.min(lo, v); hi = Math.max(hi, v);
    }
    if (!(hi >= lo)) return null;
    if (this.mode === 'accuracy') {
      const bottom = Math.max(0, Math.floor(lo * 10 - 1e-9) / 10);
      return { lo: Math.min(bottom, 0.9), hi: 1, ticks: ticks(Math.min(bottom, 0.9), 1, 4), log: false };
    }
    if (log) {
      const a = Math.floor(Math.log10(lo)), b = Math.max(a + 1, Math.ceil(Math.log10(hi)));
      const every = Math.ceil((b - a) / 4);
      const t = [];
      for (let d = a; d <= b; d += every) t.push(10 ** d);
      return { lo: a, hi: b, ticks: t, log: true };
    }
    const top = hi * 1.05 || 1;
    return { lo: 0, hi: top, ticks: ticks(0, top, 4), log: false };
  }

  yOf(v, r) {
    const t = r.log ? Math.log10(v) : v;
    return this.area.top + this.area.height * (1 - (t - r.lo) / (r.hi - r.lo || 1));
  }

  render() {
    const c = this.canvas;
    if (!c) return;
    const dpr = globalThis.devicePixelRatio || 1;
    const w = c.clientWidth || c.width, h = c.clientHeight || c.height;
    if (c.width !== Math.round(w * dpr) || c.height !== Math.round(h * dpr)) { c.width = Math.round(w * dpr); c.height = Math.round(h * dpr); }
    const ctx = c.getContext('2d');
    ctx.setTransform(dpr, 0, 0, dpr, 0, 0);
    ctx.fillStyle = '#fff';
    ctx.fillRect(0, 0, w, h);
    ctx.font = '10px system-ui, sans-serif';
    this.area = { left: MARGIN.left, top: MARGIN.top, width: Math.max(10, w - MARGIN.left - MARGIN.right), height: Math.max(10, h - MARGIN.top - MARGIN.bottom) };
    const n = this.n;
    // Another run's curve over this one (the compare link), on a shared epoch axis.
    this.other = this.overlay?.() ?? null;
    const other = this.other?.history.length ? this.other : (this.other = null);
    const m = other ? other.history.length / F : 0;
    this.first = n ? (m ? Math.min(this.data[0], other.history[0]) : this.data[0]) : 0;
    this.last = n ? (m ? Math.max(this.data[F * (n - 1)], other.history[F * (m - 1)]) : this.data[F * (n - 1)]) : 0;
    this.shown = null;
    const say = (text) => { ctx.fillStyle = MUTED; ctx.textBaseline = 'middle'; ctx.textAlign = 'center'; ctx.fillText(text, w / 2, h / 2); };
    if (n < 1) return say(`${this.mode} per epoch appears here`);
    if (this.mode === 'accuracy' && this.regression) return say('no accuracy: a regression has a loss only');
    const offsets = SERIES[this.mode];
    const r = this.range(offsets);
    if (!r) return say(`no finite ${this.mode} yet`);
    this.axes(ctx, r);
    const colours = [CLASS[1], CLASS[0]];
    offsets.forEach((k, s) => this.series(ctx, k, r, colours[s], s ? [4, 3] : []));
    if (other) this.series(ctx, offsets[0], r, OVERLAY, OVERLAY_DASH, other.history);
    if (this.scrub != null) this.scrubMarker(ctx);
    this.legend(ctx, w, colours, offsets);
    if (this.hover != null) this.marker(ctx, r, offsets, colours);
  }

  axes(ctx, r) {
    const { left, top, width, height } = this.area;
    ctx.lineWidth = 1;
    ctx.strokeStyle = GRID;
    ctx.fillStyle = MUTED;
    ctx.textAlign = 'right';
    ctx.textBaseline = 'middle';
    for (const v of r.ticks) {
      const y = Math.round(this.yOf(v, r)) + 0.5;
      ctx.beginPath(); ctx.moveTo(left, y); ctx.lineTo(left + width, y); ctx.stroke();
      ctx.fillText(this.mode === 'accuracy' ? `${Math.round(100 * v)}%` : fmtTick(v), left - 4, y);
    }
    ctx.textAlign = 'center';
    ctx.textBaseline = 'top';
    const epochs = this.last === this.first ? [this.first] : ticks(this.first, this.last, Math.max(3, Math.floor(width / 60)));
    for (const e of epochs) {
      if (e < this.first || e > this.last || !Number.isInteger(e)) continue;
      const x = this.xOf(e);
      // A label at either end stays inside the canvas.
      ctx.textAlign = x > left + width - 12 ? 'right' : x < left + 12 ? 'left' : 'center';
      ctx.fillText(grouped(e), x, top + height + 4);
    }
    ctx.strokeStyle = '#aab1bb';
    ctx.strokeRect(left + 0.5, top + 0.5, width, height);
  }

  // One curve, one vertex per pixel column (and always the last), so long runs stay cheap.
  series(ctx, k, r, colour, dash, data = this.data) {
    const n = data === this.data ? this.n : data.length / F;
    ctx.save();
    ctx.beginPath();
    ctx.rect(this.area.left, this.area.top - 2, this.area.width, this.area.height + 4);
    ctx.clip();
    ctx.beginPath();
    ctx.setLineDash(dash);
    ctx.strokeStyle = colour;
    ctx.lineWidth = 1.5;
    let started = false, column = -Infinity;
    for (let i = 0; i < n; i++) {
      const v = data[F * i + k];
      if (!Number.isFinite(v) || (r.log && v <= 0)) { started = false; continue; }
      const x = this.xOf(data[F * i]);
      if (x - column < 1 && i < n - 1 && started) continue;
      column = x;
      const y = this.yOf(v, r);
      if (started) ctx.lineTo(x, y); else ctx.moveTo(x, y);
      started = true;
    }
    ctx.stroke();
    ctx.restore();
  }

  legend(ctx, w, colours, offsets) {
    const hasTest = Array.from({ length: this.n }, (_, i) => this.data[F * i + offsets[1]]).some(Number.isFinite);
    const items = [['train', colours[0], []], ...(hasTest ? [['test', colours[1], [4, 3]]] : [])];
    ctx.textBaseline = 'middle';
    ctx.textAlign = 'left';
    let x = w - MARGIN.right - items.length * 58 + 4;
    ctx.fillStyle = MUTED;
    ctx.fillText(this.mode === 'loss' ? (this.log ? 'loss (log scale)' : 'loss') : 'accuracy', MARGIN.left, 7);
    for (const [name, colour, dash] of items) {
      ctx.strokeStyle = colour; ctx.lineWidth = 2; ctx.setLineDash(dash);
      ctx.beginPath(); ctx.moveTo(x, 7); ctx.lineTo(x + 20, 7); ctx.stroke();
      ctx.setLineDash([]);
      ctx.fillStyle = MUTED;
      ctx.fillText(name, x + 24, 7);
      x += 58;
    }
    if (this.other) {
      // The linked run's curve, named inside the plot's top-left corner.
      const y = MARGIN.top + 9, x0 = MARGIN.left + 6;
      const label = `train: ${this.other.label}`;
      ctx.fillStyle = 'rgba(255,255,255,0.85)';
      ctx.fillRect(x0 - 2, y - 7, 28 + ctx.measureText(label).width, 14);
      ctx.strokeStyle = OVERLAY; ctx.lineWidth = 2; ctx.setLineDash(OVERLAY_DASH);
      ctx.beginPath(); ctx.moveTo(x0, y); ctx.lineTo(x0 + 20, y); ctx.stroke();
      ctx.setLineDash([]);
      ctx.fillStyle = OVERLAY;
      ctx.fillText(label, x0 + 24, y);
    }
  }

  // The epoch the timeline shows: an orange vertical line with its number.
  scrubMarker(ctx) {
    const { left, top, width, height } = this.area;
    const x = this.xOf(Math.min(Math.max(this.scrub, this.first), this.last));
    ctx.fillStyle = '#d55e00';
    ctx.fillRect(Math.round(x) - 1, top, 2, height);
    const right = x > left + width / 2;
    ctx.textAlign = right ? 'right' : 'left';
    ctx.textBaseline = 'top';
    ctx.fillText(`epoch ${this.scrub}`, x + (right ? -4 : 4), top + 2);
  }

  // The kept epoch nearest the pointer: a vertical line and a dot on each curve.
  marker(ctx, r, offsets, colours) {
    const i = this.nearest(this.hover);
    const e = this.data.subarray(F * i, F * (i + 1));
    const x = this.xOf(e[0]);
    ctx.strokeStyle = '#8a929e';
    ctx.lineWidth = 1;
    ctx.beginPath(); ctx.moveTo(x, this.area.top); ctx.lineTo(x, this.area.top + this.area.height); ctx.stroke();
    offsets.forEach((k, s) => {
      const v = e[k];
      if (!Number.isFinite(v) || (r.log && v <= 0)) return;
      ctx.fillStyle = colours[s];
      ctx.beginPath(); ctx.arc(x, this.yOf(v, r), 3.5, 0, 2 * Math.PI); ctx.fill();
    });
    this.shown = Array.from(e);
  }

  // The readout under the chart: the values at the marked epoch, or how to get them.
  writeReadout() {
    const out = this.readout;
    if (!out) return;
    const e = this.shown;
    let text;
    if (!e) text = this.n ? 'Point at (or tap) the chart for the values at an epoch.' : '';
    else if (this.mode === 'loss') text = `Epoch ${e[0]}: train loss ${fmtLoss(e[1])}, test loss ${fmtLoss(e[2])}`;
    else text = `Epoch ${e[0]}: train accuracy ${fmtAcc(e[3])}, test accuracy ${fmtAcc(e[4])}`;
    setText(out, text);
    setAttr(out, 'data-epoch', e ? String(e[0]) : '');
  }
}
