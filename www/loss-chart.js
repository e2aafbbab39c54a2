// The `loss` view: epoch, loss and accuracy as numbers, and the train (solid) and test (dashed)
// loss per epoch as a chart.
import { CLASS } from './palette.js';

export class LossView {
  constructor(root) {
    this.canvas = root.querySelector('#loss-chart');
    this.cells = ['epoch', 'train-loss', 'train-acc', 'test-loss', 'test-acc', 'rate'].map((id) => root.querySelector(`#${id}`));
  }

  // After the canvases: text changes lay the page out again.
  // While an epoch is scrubbed to, the numbers are that epoch's.
  drawText({ state, rate, timeline }) {
    const pct = (m) => (m && m.accuracy != null ? `${(100 * m.accuracy).toFixed(1)}%` : '–');
    const loss = (m) => (m && m.loss != null ? m.loss.toFixed(4) : '–');
    const epoch = timeline?.scrub != null ? `${timeline.scrub} (live ${state.epoch})` : state.epoch;
    const values = [epoch, loss(state.train), pct(state.train), loss(state.test), pct(state.test),
      rate ? Math.round(rate).toLocaleString('en') : '–'];
    this.cells.forEach((el, i) => {
      const text = String(values[i]);
      if (el.textContent !== text) el.textContent = text;
    });
  }

  // history: [epoch, train, test, epoch, train, test, …] (a bounded sample of the epochs)
  draw({ history, timeline }) {
    const c = this.canvas;
    const dpr = globalThis.devicePixelRatio || 1;
    const w = c.clientWidth || c.width, h = c.clientHeight || c.height;
    if (c.width !== Math.round(w * dpr)) { c.width = Math.round(w * dpr); c.height = Math.round(h * dpr); }
    const ctx = c.getContext('2d');
    ctx.setTransform(dpr, 0, 0, dpr, 0, 0);
    ctx.fillStyle = '#fff';
    ctx.fillRect(0, 0, w, h);
    const n = history.length / 3;
    ctx.fillStyle = '#5b6575';
    ctx.font = '10px system-ui, sans-serif';
    ctx.textBaseline = 'top';
    if (n < 1) {
      ctx.fillText('loss per epoch appears here', 4, 4);
      return;
    }
    let max = 0;
    for (let i = 0; i < n; i++)
      for (const k of [1, 2]) if (Number.isFinite(history[3 * i + k])) max = Math.max(max, history[3 * i + k]);
    max = max || 1;
    const first = history[0], last = history[3 * (n - 1)];
    // One vertex per pixel column (and always the last one), so long runs stay cheap.
    const series = (offset, colour, dash) => {
      ctx.beginPath();
      ctx.setLineDash(dash);
      ctx.strokeStyle = colour;
      ctx.lineWidth = 1.5;
      let started = false;
      let column = -Infinity;
      for (let i = 0; i < n; i++) {
        const v = history[3 * i + offset];
        if (!Number.isFinite(v)) continue;
        const x = last === first ? 1 : ((history[3 * i] - first) / (last - first)) * (w - 2) + 1;
        if (x - column < 1 && i < n - 1) continue;
        column = x;
        const y = h - 2 - (v / max) * (h - 16);
        if (started) ctx.lineTo(x, y); else ctx.moveTo(x, y);
        started = true;
      }
      ctx.stroke();
      ctx.setLineDash([]);
    };
    // The epoch the timeline shows, as a vertical line.
    const scrub = timeline?.scrub;
    if (scrub != null && last > first) {
      const x = ((Math.min(Math.max(scrub, first), last) - first) / (last - first)) * (w - 2) + 1;
      ctx.fillStyle = '#d55e00';
      ctx.fillRect(Math.round(x) - 1, 12, 2, h - 12);
      ctx.textAlign = x > w / 2 ? 'right' : 'left';
      ctx.fillText(`epoch ${scrub}`, x + (x > w / 2 ? -4 : 4), 14);
      ctx.textAlign = 'left';
      ctx.fillStyle = '#5b6575';
    }
    series(1, CLASS[1], []);
    series(2, CLASS[0], [4, 3]);
    ctx.fillStyle = '#5b6575';
    ctx.fillText(`loss (max ${max.toFixed(3)}) — train solid, test dashed`, 4, 2);
  }
}
