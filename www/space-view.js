// The one view of a "space": layer ℓ's space (0 = the input plane) with the data placed there,
// the network's output over it as a heatmap, and the units of layer ℓ+1 as lines. The input
// space and the feature space are both this component; the core says what the axes are and
// where every line lies (`info.boundaries`), so the captions come from the view's own state.
import { Plot } from './plot.js';
import { OUTPUT, unitColour } from './palette.js';
import { part, partLoaded } from './on-demand.js';

const HIT_PX = 9;
// A regression's points are coloured in this many shades of its scale (see legend()).
const SHADES = 32;

export class SpaceView {
  // host: {redraw()} — a turn of the 3D view asks for a frame.
  constructor(canvas, which, host = { redraw() {} }) {
    this.host = host;
    this.canvas = canvas;
    this.plot = new Plot(canvas);
    this.which = which; // 0: input space, 1: feature space (the layer the picker chose)
    this.segments = [];
    this.morph = 1; // 0: every point at its input position … 1: in this layer's space
    this.highlight = null; // the index of the linked point, or null
    this.coords = new Float64Array(0); // the points' drawn coordinates (stride 2)
    this.space3d = null;
  }

  // The arrows of a step, drawn by a chunk loaded on the first step (a frame once it arrives).
  update(frame) {
    const arrows = partLoaded('arrows');
    if (arrows) return arrows.drawUpdate(this, frame);
    part('arrows').then(() => this.host.redraw(), (error) => this.host.notify?.(`The step's arrows are not shown: ${error.message}`));
  }

  // frame: {info, rgba, points, origins, warp, regions, labels, nTrain, scale, show, classes}
  draw(frame) {
    const { info, show } = frame;
    this.info = info;
    this.segments = [];
    this.count = 0;
    this.updateNote = ''; // what the last sample or batch step's marks mean, while shown
    if (info.dims === 3) return this.draw3d(frame);
    const plot = this.plot;
    const t = info.layer > 0 ? this.morph : 1;
    plot.begin(t < 1 ? lerpWindow(info.inputWindow, info.window, t) : info.window);
    if (!info.available) return plot.message(this.unavailable(info));
    if (info.layer === 0 && info.points === 0)
      return plot.message(['No points yet. Draw them with “+ Add” above the plane,', 'or load a CSV file (x1,x2,label) under “Your data”.']);
    const plane = info.res * info.res * 4;
    if (frame.regions && show.heatmap) plot.image(frame.regions, info.res);
    else if (show.heatmap && show.model !== false && t === 1) plot.image(frame.rgba.subarray(0, plane), info.res);
    const colourOf = this.legend(frame);
    plot.axes(...this.axisNames(info, t));
    plot.clipToArea();
    if (frame.warp) this.grid(frame, t);
    this.coords = this.placed(frame, t);
    this.count = info.points;
    plot.points(this.coords, frame.labels, frame.nTrain, show.test, colourOf);
    if (frame.regions && show.heatmap) plot.note(this.regionNote);
    if (this.highlight != null && this.highlight < info.points) this.ring(this.highlight);
    // The last sample or minibatch step: its points, their arrows, the lines before it.
    if (t === 1 && frame.arrows?.length && show.model !== false) this.update(frame);
    plot.ctx.restore();
    // A lesson's data-only step shows the points alone: no model yet.
    if (t === 1 && show.model !== false) this.lines(frame);
    // While points are drawn, they stay on top of the lines' labels.
    if (this.quiet) {
      plot.clipToArea();
      plot.points(this.coords, frame.labels, frame.nTrain, show.test, colourOf);
      plot.ctx.restore();
    }
  }

  // Three axes: drawn by a chunk loaded on the first such frame (until it comes, the canvas keeps
  // what it showed).
  draw3d(frame) {
    this.coords = new Float64Array(0);
    const m = partLoaded('space3d');
    if (!m) return void part('space3d').then(() => this.host.drawNow(), (error) => this.host.notify?.(`The 3D view is not shown: ${error.message}`));
    this.space3d ??= new m.Space3D(this.canvas, () => this.host.redraw(), () => this.info?.dims === 3);
    this.space3d.draw(frame, { morph: this.morph, highlight: this.highlight });
  }

  // The colour of a point by its label, and the heatmap's key.
  legend(frame) {
    const { info } = frame;
    const plot = this.plot;
    const task = info.task.kind;
    const model = frame.show.model !== false;
    const regions = Boolean(frame.regions && frame.show.heatmap);
    if (regions) this.regionNote = `${info.regions} activation patterns (linear regions for ReLU)`;
    if (task === 'multiclass') {
      plot.legend(frame.classes.slice(0, info.task.classes).map((_, k) => `class ${k}`), frame.classes);
      return (label) => frame.classes[label % frame.classes.length];
    }
    if (task === 'regression') {
      const range = info.valueRange;
      // The points carry their values in the scale's colours, with or without a model.
      if (!regions) plot.colourBar(frame.scale, model ? 'prediction' : 'value', -range, range);
      // In SHADES steps of the scale: each colour's dot is drawn once and then stamped
      // (point-layer.js), and a colour per value made hundreds of them every frame (0.4 s).
      return (v) => {
        const t = Math.round(Math.max(0, Math.min(1, (v / range + 1) / 2)) * (SHADES - 1));
        const k = 4 * Math.round((t * 255) / (SHADES - 1));
        return `rgb(${frame.scale[k]}, ${frame.scale[k + 1]}, ${frame.scale[k + 2]})`;
      };
    }
    // A data-only step has no output to put a scale to; a discretized one shows classes.
    if (model && !regions && frame.show.discretize) plot.legend(['class 0', 'class 1'], frame.classes);
    else if (model && !regions) plot.colourBar(frame.scale, 'P(class 1)');
    return (label) => frame.classes[label > 0.5 ? 1 : 0];
  }

  axisNames(info, t) {
    if (t < 1) return [`x1 → ${info.names[0]}`, `x2 → ${info.names[1]}`];
    return info.names;
  }

  // The points' coordinates as drawn: in the morph, from the input plane (mapped onto this
  // window) part of the way to the layer. A copy, which pointing reads between frames: the
  // frame's points are wasm memory, which any later call into the core may move.
  placed(frame, t) {
    const { info, points, origins } = frame;
    if (this.scratch?.length !== points.length) this.scratch = new Float64Array(points.length);
    if (t === 1) return this.scratch.set(points), this.scratch;
    const to = this.plot.window;
    const a = affine(info.inputWindow, to), b = affine(info.window, to);
    for (let i = 0; i < info.points; i++) {
      this.scratch[2 * i] = (1 - t) * a.x(origins[2 * i]) + t * b.x(points[2 * i]);
      this.scratch[2 * i + 1] = (1 - t) * a.y(origins[2 * i + 1]) + t * b.y(points[2 * i + 1]);
    }
    return this.scratch;
  }

  // The image of the input plane's grid: polylines, morphed like the points.
  grid(frame, t) {
    const { info, warp } = frame;
    const { lines, samples } = info.warp;
    const stride = 2 + info.dims;
    const to = this.plot.window;
    const a = affine(info.inputWindow, to), b = affine(info.window, to);
    const ctx = this.plot.ctx;
    ctx.beginPath();
    for (let l = 0; l < lines; l++)
      for (let s = 0; s < samples; s++) {
        const v = (l * samples + s) * stride;
        const x = (1 - t) * a.x(warp[v]) + t * b.x(warp[v + 2]);
        const y = (1 - t) * a.y(warp[v + 1]) + t * b.y(warp[v + 3]);
        const [px, py] = this.plot.toPixel(x, y);
        if (s === 0) ctx.moveTo(px, py); else ctx.lineTo(px, py);
      }
    ctx.strokeStyle = 'rgba(64, 74, 90, 0.45)';
    ctx.lineWidth = 1;
    ctx.stroke();
  }

  ring(i) {
    const [px, py] = this.plot.toPixel(this.coords[2 * i], this.coords[2 * i + 1]);
    const ctx = this.plot.ctx;
    ctx.beginPath();
    ctx.arc(px, py, 8 * this.plot.thick, 0, 2 * Math.PI);
    ctx.strokeStyle = '#111';
    ctx.lineWidth = 2.5;
    ctx.stroke();
    ctx.beginPath();
    ctx.arc(px, py, 10.5 * this.plot.thick, 0, 2 * Math.PI);
    ctx.strokeStyle = '#fff';
    ctx.lineWidth = 1.5;
    ctx.stroke();
  }

  // The next layer's units (or class boundaries) as lines; approximate ones dashed. In a plane of
  // a layer's own two coordinates the lines can be dragged, by the handles drawn on them.
  lines(frame) {
    const { info } = frame;
    if (!info.lines) return;
    const isOutput = info.layer === info.depth;
    const multiclass = isOutput && info.task.kind === 'multiclass';
    const count = info.boundaries.length;
    const names = info.names;
    const formula = (w, b) => {
      const term = (v, name) => `${v < 0 ? '−' : '+'} ${Math.abs(v).toFixed(2)}${name}`;
      return `${term(w[0], '·' + names[0])} ${term(w[1], '·' + names[1])} ${term(b, '')}`.replace(/^\+ /, '');
    };
    this.draggable = info.mode === 'plane' && info.width === 2;
    for (const line of info.boundaries) {
      if (!line.meets) continue;
      const pair = line.label.includes('|');
      const colour = pair || multiclass ? frame.classes[line.unit % frame.classes.length] : isOutput ? OUTPUT : unitColour(line.unit);
      // While points are drawn (`quiet`), no formula boxes cover them.
      const options = { detail: count <= 3 && line.exact && info.mode !== 'projection' && !this.quiet ? formula(line.w, line.b) : '', thin: count > 8, dashed: !line.exact, span: line.span };
      const label = line.exact ? line.label : `${line.label} ≈`;
      const seg = this.plot.line(line.w[0], line.w[1], line.b, colour, label, options);
      if (seg) this.segments.push({ ...seg, unit: line.unit, colour, middle: line.middle && this.plot.toPixel(...line.middle) });
    }
    if (this.draggable && count <= 8) for (const seg of this.segments) this.handles(seg);
  }

  // The middle handle (moves the line; where the core turns it about) and two end handles
  // (turn it).
  handles(seg) {
    const ctx = this.plot.ctx;
    const along = (f) => [seg.from[0] + (seg.to[0] - seg.from[0]) * f, seg.from[1] + (seg.to[1] - seg.from[1]) * f];
    seg.handles = [seg.middle ?? along(0.5), along(0.07), along(0.93)];
    seg.handles.forEach(([x, y], k) => {
      ctx.beginPath();
      if (k === 0) ctx.arc(x, y, 4.5, 0, 2 * Math.PI); else ctx.rect(x - 3.5, y - 3.5, 7, 7);
      ctx.fillStyle = '#fff';
      ctx.fill();
      ctx.strokeStyle = seg.colour;
      ctx.lineWidth = 2;
      ctx.stroke();
    });
  }

  // The handle under a canvas pixel: {unit, kind: 'move' | 'turn'}, or null.
  handleAt(px, py) {
    for (const seg of this.segments) {
      const k = (seg.handles ?? []).findIndex(([x, y]) => Math.hypot(x - px, y - py) <= HIT_PX);
      if (k >= 0) return { unit: seg.unit, kind: k === 0 ? 'move' : 'turn' };
    }
    return null;
  }

  // The point nearest a canvas pixel, within reach, or null.
  pointAt(px, py) {
    if (this.info?.dims === 3) return this.space3d?.pointAt(px, py) ?? null;
    let best = null, dist = HIT_PX;
    for (let i = 0; i < this.count; i++) {
      const [x, y] = this.plot.toPixel(this.coords[2 * i], this.coords[2 * i + 1]);
      const d = Math.hypot(x - px, y - py);
      if (d <= dist) { best = i; dist = d; }
    }
    return best;
  }

  // Where point i is drawn, in CSS pixels of the canvas, or null.
  pixelOf(i) {
    if (this.info?.dims === 3) return this.space3d?.pixelOf(i) ?? null;
    if (i == null || i >= this.count) return null;
    return this.plot.toPixel(this.coords[2 * i], this.coords[2 * i + 1]);
  }

  unavailable(info) {
    if (info.reason) return [`This view cannot be drawn: ${info.reason}.`, 'Scale the data (for example to between −10 and 10) and load it again.'];
    return ['Logistic regression (hidden = none) has no hidden layer, so there is no feature space.',
      'Its boundary is drawn in the input space.'];
  }

  toPixel(x, y) {
    return this.plot.toPixel(x, y);
  }
}

const lerp = (a, b, t) => (1 - t) * a + t * b;
const lerpWindow = (a, b, t) => ({ x: [lerp(a.x[0], b.x[0], t), lerp(a.x[1], b.x[1], t)], y: [lerp(a.y[0], b.y[0], t), lerp(a.y[1], b.y[1], t)] });

// The affine map of window `from` onto window `to`, per axis.
function affine(from, to) {
  const axis = (f, g) => (v) => g[0] + ((v - f[0]) / (f[1] - f[0])) * (g[1] - g[0]);
  return { x: axis(from.x, to.x), y: axis(from.y, to.y) };
}
