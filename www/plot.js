// Shared drawing helpers: a square plot area mapping a data window to canvas pixels, axes with
// ticks, points, and lines with a marked positive side.
import { withAlpha } from './palette.js';
import { PointLayer } from './point-layer.js';

const MARGIN = { left: 46, right: 62, top: 12, bottom: 40 };

// Sizes a canvas's backing store to w × h CSS pixels at the display's pixel ratio; returns its
// context, cleared and scaled to CSS pixels.
export function fitCanvas(canvas, w, h) {
  const dpr = globalThis.devicePixelRatio || 1;
  if (canvas.width !== Math.round(w * dpr) || canvas.height !== Math.round(h * dpr)) {
    canvas.width = Math.round(w * dpr);
    canvas.height = Math.round(h * dpr);
  }
  const ctx = canvas.getContext('2d');
  ctx.setTransform(dpr, 0, 0, dpr, 0, 0);
  ctx.clearRect(0, 0, w, h);
  return ctx;
}
const MAX_POINTS = 4000;

export class Plot {
  // square: keep one scale on both axes (the spaces); otherwise fill the canvas (1D curves).
  constructor(canvas, { square = true, margin = MARGIN } = {}) {
    this.canvas = canvas;
    this.ctx = canvas.getContext('2d');
    this.window = { x: [-1, 1], y: [-1, 1] };
    this.square = square;
    this.margin = margin;
    // Line and point weight and type size: larger in presenter mode, for a projector.
    this.thick = 1;
  }

  // Sizes the backing store to the element's CSS size × devicePixelRatio; returns the context.
  begin(window) {
    const w = Math.round(this.canvas.clientWidth || this.canvas.width);
    const h = Math.round(this.canvas.clientHeight || this.canvas.height);
    const ctx = fitCanvas(this.canvas, w, h);
    ctx.fillStyle = '#fff';
    ctx.fillRect(0, 0, w, h);
    this.width = w;
    this.height = h;
    // Presenter mode's larger type needs larger margins for the tick labels and axis titles.
    const t = this.thick;
    const m = { left: this.margin.left * t, right: this.margin.right, top: this.margin.top, bottom: this.margin.bottom * t };
    const width = Math.max(10, w - m.left - m.right);
    const height = Math.max(10, h - m.top - m.bottom);
    const size = Math.min(width, height);
    this.area = this.square
      ? { left: m.left, top: m.top, width: size, height: size }
      : { left: m.left, top: m.top, width, height };
    if (window) this.window = window;
    this.labels = []; // the line labels drawn in this picture, so that the next avoid them
    return ctx;
  }

  // Data coordinates → CSS pixels in the canvas.
  toPixel(x, y) {
    const { left, top, width, height } = this.area;
    const w = this.window;
    return [
      left + ((x - w.x[0]) / (w.x[1] - w.x[0])) * width,
      top + ((w.y[1] - y) / (w.y[1] - w.y[0])) * height,
    ];
  }

  // CSS pixels in the canvas → data coordinates.
  toData(px, py) {
    const { left, top, width, height } = this.area;
    const w = this.window;
    return [w.x[0] + ((px - left) / width) * (w.x[1] - w.x[0]), w.y[1] - ((py - top) / height) * (w.y[1] - w.y[0])];
  }

  clipToArea() {
    const { left, top, width, height } = this.area;
    this.ctx.save();
    this.ctx.beginPath();
    this.ctx.rect(left, top, width, height);
    this.ctx.clip();
  }

  // An RGBA image (a view of wasm memory) stretched over the plot area.
  image(rgba, res) {
    if (!this.scratch || this.scratch.width !== res) {
      this.scratch = document.createElement('canvas');
      this.scratch.width = this.scratch.height = res;
    }
    this.scratch.getContext('2d').putImageData(new ImageData(rgba, res, res), 0, 0);
    const { left, top, width, height } = this.area;
    this.ctx.imageSmoothingEnabled = true;
    this.ctx.drawImage(this.scratch, left, top, width, height);
  }

  // Class swatches right of the plot, for more than two classes.
  legend(names, colours) {
    const ctx = this.ctx;
    const { left, top, width } = this.area;
    const x = left + width + 8;
    ctx.font = '10px system-ui, sans-serif';
    ctx.textAlign = 'left';
    ctx.textBaseline = 'middle';
    names.forEach((name, k) => {
      const y = top + 8 + k * 18;
      ctx.fillStyle = colours[k];
      ctx.fillRect(x, y - 5, 10, 10);
      ctx.fillStyle = '#404a5a';
      ctx.fillText(name, x + 13, y);
    });
  }

  // A vertical colour scale right of the plot: `rgba` holds 256 colours from `lo` to `hi`.
  colourBar(rgba, title, lo = 0, hi = 1) {
    // The scale's colours never change: its image is made once.
    if (this.barColours !== rgba) {
      this.bar ??= document.createElement('canvas');
      this.bar.width = 1;
      this.bar.height = 256;
      const flipped = new Uint8ClampedArray(256 * 4);
      for (let i = 0; i < 256; i++) flipped.set(rgba.subarray((255 - i) * 4, (256 - i) * 4), i * 4);
      this.bar.getContext('2d').putImageData(new ImageData(flipped, 1, 256), 0, 0);
      this.barColours = rgba;
    }
    const ctx = this.ctx;
    const { left, top, width, height: size } = this.area;
    const x = left + width + 10;
    ctx.imageSmoothingEnabled = true;
    ctx.drawImage(this.bar, x, top, 10, size);
    ctx.strokeStyle = '#9aa3b0';
    ctx.lineWidth = 1;
    ctx.strokeRect(x + 0.5, top + 0.5, 10, size);
    ctx.fillStyle = '#404a5a';
    ctx.font = '10px system-ui, sans-serif';
    ctx.textAlign = 'left';
    ctx.textBaseline = 'middle';
    for (const p of [0, 0.5, 1]) ctx.fillText(format(lo + p * (hi - lo)), x + 13, top + (1 - p) * size);
    ctx.save();
    ctx.translate(x + 44, top + size / 2);
    ctx.rotate(Math.PI / 2);
    ctx.textAlign = 'center';
    ctx.fillText(title, 0, 0);
    ctx.restore();
  }

  axes(labelX, labelY) {
    const ctx = this.ctx;
    const { left, top, width, height } = this.area;
    ctx.strokeStyle = '#9aa3b0';
    ctx.lineWidth = 1;
    ctx.strokeRect(left + 0.5, top + 0.5, width, height);
    ctx.fillStyle = '#404a5a';
    ctx.font = `${Math.round(11 * this.thick)}px system-ui, sans-serif`;
    ctx.textAlign = 'center';
    ctx.textBaseline = 'top';
    for (const t of ticks(this.window.x)) {
      const [px] = this.toPixel(t, 0);
      ctx.beginPath();
      ctx.moveTo(px, top + height);
      ctx.lineTo(px, top + height + 4);
      ctx.stroke();
      ctx.fillText(format(t), px, top + height + 6);
    }
    ctx.textAlign = 'right';
    ctx.textBaseline = 'middle';
    for (const t of ticks(this.window.y)) {
      const [, py] = this.toPixel(0, t);
      ctx.beginPath();
      ctx.moveTo(left - 4, py);
      ctx.lineTo(left, py);
      ctx.stroke();
      ctx.fillText(format(t), left - 6, py);
    }
    ctx.font = `italic ${Math.round(13 * this.thick)}px system-ui, sans-serif`;
    ctx.textAlign = 'center';
    ctx.textBaseline = 'bottom';
    // Right under the tick labels (the canvas may be taller than the square plot).
    ctx.fillText(labelX, left + width / 2, Math.min(this.height - 2, top + height + 36 * this.thick));
    ctx.save();
    ctx.translate(12 * this.thick, top + height / 2);
    ctx.rotate(-Math.PI / 2);
    ctx.textBaseline = 'middle';
    ctx.fillText(labelY, 0, 0);
    ctx.restore();
  }

  // Points stored as [x, y, x, y, …]: training points filled, test points as rings (drawn
  // after them), one colour after the other, stamped into one image (point-layer.js: the
  // browser's own circles cost most of a wide network's frame).
  // Above MAX_POINTS points an even sample is drawn (rasterising tens of thousands of circles
  // takes the browser a large part of a second), and the plot says so.
  points(coords, labels, nTrain, showTest, colourOf) {
    const n = showTest ? labels.length : nTrain;
    const every = Math.ceil(n / MAX_POINTS);
    const { left, top, width, height } = this.area;
    const w = this.window;
    const sx = width / (w.x[1] - w.x[0]), sy = height / (w.y[1] - w.y[0]);
    const groups = [];
    for (const train of [true, false]) {
      const byColour = new Map();
      const r = (train ? 3.2 : 3.6) * this.thick, lineWidth = (train ? 0.8 : 1.8) * this.thick;
      for (let i = train ? 0 : nTrain; i < (train ? Math.min(n, nTrain) : n); i += every) {
        const colour = colourOf(labels[i]);
        let group = byColour.get(colour);
        if (!group) {
          byColour.set(colour, (group = { colour, train, r, lineWidth, xy: [] }));
          groups.push(group);
        }
        // toPixel's mapping, without its array per point.
        group.xy.push(left + (coords[2 * i] - w.x[0]) * sx, top + (w.y[1] - coords[2 * i + 1]) * sy);
      }
    }
    (this.layer ??= new PointLayer()).draw(this.ctx, this.area, groups);
    if (every > 1) this.note(`every ${every === 2 ? 'other' : `${every}th`} point shown`);
  }

  // A short note in the plot's top left corner, on a light box.
  note(text) {
    const ctx = this.ctx;
    ctx.font = '10px system-ui, sans-serif';
    ctx.textAlign = 'left';
    ctx.textBaseline = 'top';
    ctx.fillStyle = 'rgba(255,255,255,0.85)';
    ctx.fillRect(this.area.left, this.area.top, ctx.measureText(text).width + 6, 14);
    ctx.fillStyle = '#404a5a';
    ctx.fillText(text, this.area.left + 3, this.area.top + 2);
  }

  // A polyline through (xs[i], ys[i]).
  curve(xs, ys, colour, width = 2, dash = []) {
    const ctx = this.ctx;
    this.clipToArea();
    ctx.beginPath();
    ctx.setLineDash(dash);
    xs.forEach((x, i) => {
      const [px, py] = this.toPixel(x, ys[i]);
      if (i === 0) ctx.moveTo(px, py); else ctx.lineTo(px, py);
    });
    ctx.strokeStyle = colour;
    ctx.lineWidth = width;
    ctx.stroke();
    ctx.setLineDash([]);
    ctx.restore();
  }

  // The line w1·x + w2·y + b = 0 across the plot, with a band on its positive side and a label.
  // Returns the drawn segment in pixels (or null when the line misses the window).
  // `detail` (a formula) is written under the label; `thin` draws a plain hairline (many units);
  // `dashed` marks a line a projection only approximates; `span` ([x0, y0, x1, y1]) draws only
  // that piece of it (a class pair's boundary).
  line(w1, w2, b, colour, label, { detail = '', thin = false, dashed = false, span = null } = {}) {
    const seg = span ? [[span[0], span[1]], [span[2], span[3]]] : clipLine(w1, w2, b, this.window);
    if (!seg) return null;
    const ctx = this.ctx;
    const p = seg.map(([x, y]) => this.toPixel(x, y));
    if (thin) {
      this.clipToArea();
      ctx.beginPath();
      ctx.moveTo(p[0][0], p[0][1]);
      ctx.lineTo(p[1][0], p[1][1]);
      ctx.strokeStyle = withAlpha(colour, 0.7);
      ctx.lineWidth = 1.2 * this.thick;
      ctx.setLineDash(dashed ? [5, 4] : []);
      ctx.stroke();
      ctx.setLineDash([]);
      ctx.restore();
      return { from: p[0], to: p[1] };
    }
    // The gradient (w1, w2) points to the positive side; flip y for pixels.
    const { width, height } = this.area;
    const sx = width / (this.window.x[1] - this.window.x[0]);
    const sy = height / (this.window.y[1] - this.window.y[0]);
    let nx = w1 * sx, ny = -w2 * sy;
    const len = Math.hypot(nx, ny);
    nx /= len;
    ny /= len;
    const band = 12 * this.thick;
    this.clipToArea();
    ctx.beginPath();
    ctx.moveTo(p[0][0], p[0][1]);
    ctx.lineTo(p[1][0], p[1][1]);
    ctx.lineTo(p[1][0] + nx * band, p[1][1] + ny * band);
    ctx.lineTo(p[0][0] + nx * band, p[0][1] + ny * band);
    ctx.closePath();
    ctx.fillStyle = withAlpha(colour, 0.28);
    ctx.fill();
    ctx.beginPath();
    ctx.moveTo(p[0][0], p[0][1]);
    ctx.lineTo(p[1][0], p[1][1]);
    ctx.strokeStyle = colour;
    ctx.lineWidth = 2.6 * this.thick;
    ctx.setLineDash(dashed ? [8, 5] : []);
    ctx.stroke();
    ctx.setLineDash([]);
    // A label with a "+" on the positive side, along the segment where it covers no other
    // line's label (a quarter of the way first), else where it covers least of them.
    ctx.font = `bold ${Math.round(12 * this.thick)}px system-ui, sans-serif`;
    ctx.textAlign = 'center';
    ctx.textBaseline = 'middle';
    const text = `${label} +`;
    ctx.font = '11px ui-monospace, monospace';
    const dw = detail ? ctx.measureText(detail).width : 0;
    ctx.font = `bold ${Math.round(12 * this.thick)}px system-ui, sans-serif`;
    const tw = Math.max(ctx.measureText(text).width, dw);
    const h = detail ? 30 : 16;
    // Keep the whole label inside the plot.
    const { left, top, width: aw, height: ah } = this.area;
    const place = (f) => {
      const x = p[0][0] + (p[1][0] - p[0][0]) * f + nx * 22;
      const y = p[0][1] + (p[1][1] - p[0][1]) * f + ny * 22;
      return [Math.max(left + tw / 2 + 4, Math.min(left + aw - tw / 2 - 4, x)), Math.max(top + 10, Math.min(top + ah - h, y))];
    };
    const box = ([x, y]) => ({ x0: x - tw / 2 - 3, x1: x + tw / 2 + 3, y0: y - 8, y1: y - 8 + h });
    const covered = (b) => this.labels.reduce((sum, o) => sum + Math.max(0, Math.min(b.x1, o.x1) - Math.max(b.x0, o.x0)) * Math.max(0, Math.min(b.y1, o.y1) - Math.max(b.y0, o.y0)), 0);
    const spot = [0.22, 0.5, 0.78, 0.36, 0.64, 0.1, 0.9].map(place).reduce((best, at) => (covered(box(at)) < covered(box(best)) ? at : best));
    const [lx, ly] = spot;
    this.labels.push(box(spot));
    ctx.fillStyle = 'rgba(255,255,255,0.85)';
    ctx.fillRect(lx - tw / 2 - 3, ly - 8, tw + 6, h);
    ctx.fillStyle = colour;
    ctx.fillText(text, lx, ly);
    if (detail) {
      ctx.font = '11px ui-monospace, monospace';
      ctx.fillText(detail, lx, ly + 14);
    }
    ctx.restore();
    return { from: p[0], to: p[1], normal: [nx, ny] };
  }

  message(lines) {
    const ctx = this.ctx;
    const { left, top, width, height } = this.area;
    ctx.fillStyle = '#f7f8fa';
    ctx.fillRect(left, top, width, height);
    ctx.fillStyle = '#404a5a';
    ctx.textAlign = 'center';
    ctx.textBaseline = 'middle';
    // The largest type (14 px down to 8) at which the wrapped words fit the area.
    let size = 14, wrapped;
    for (; ; size--) {
      ctx.font = `${size}px system-ui, sans-serif`;
      wrapped = lines.flatMap((l) => wrap(ctx, l, width - 16));
      if (size <= 8 || wrapped.length * size * 1.35 <= height - 8) break;
    }
    const step = size * 1.35;
    wrapped.forEach((l, i) => ctx.fillText(l, left + width / 2, top + height / 2 + (i - (wrapped.length - 1) / 2) * step));
  }
}

function wrap(ctx, text, width) {
  const out = [];
  let line = '';
  for (const word of text.split(' ')) {
    const next = line ? `${line} ${word}` : word;
    if (ctx.measureText(next).width > width && line) {
      out.push(line);
      line = word;
    } else line = next;
  }
  if (line) out.push(line);
  return out;
}

// The segment of w1·x + w2·y + b = 0 inside the window, or null.
export function clipLine(w1, w2, b, win) {
  const pts = [];
  const [x0, x1] = win.x, [y0, y1] = win.y;
  if (Math.abs(w2) > 1e-12) {
    for (const x of [x0, x1]) {
      const y = -(w1 * x + b) / w2;
      if (y >= y0 && y <= y1) pts.push([x, y]);
    }
  }
  if (Math.abs(w1) > 1e-12) {
    for (const y of [y0, y1]) {
      const x = -(w2 * y + b) / w1;
      if (x >= x0 && x <= x1) pts.push([x, y]);
    }
  }
  if (pts.length < 2) return null;
  // The two points farthest apart (corners can appear twice).
  let best = [pts[0], pts[1]], dist = -1;
  for (let i = 0; i < pts.length; i++)
    for (let j = i + 1; j < pts.length; j++) {
      const d = Math.hypot(pts[i][0] - pts[j][0], pts[i][1] - pts[j][1]);
      if (d > dist) { dist = d; best = [pts[i], pts[j]]; }
    }
  return dist > 0 ? best : null;
}

// About five round tick values across [lo, hi].
export function ticks([lo, hi]) {
  const raw = (hi - lo) / 5;
  const mag = 10 ** Math.floor(Math.log10(raw));
  const step = [1, 2, 2.5, 5, 10].map((m) => m * mag).find((s) => s >= raw) || raw;
  const out = [];
  for (let t = Math.ceil(lo / step) * step; t <= hi + 1e-9; t += step) out.push(Math.abs(t) < 1e-12 ? 0 : t);
  return out;
}

export const format = (t) => (Math.abs(t) >= 100 ? t.toFixed(0) : String(Number(t.toPrecision(3))));
