// The figures of the lessons, beside the spaces: the sigmoid explorer (1D, 2D, 3D), p against
// an engineered feature u, the lifted space (x1, x2, u) in 3D, and the activation curves.
// Every number they draw comes from the wasm core.
import { SigmoidExplorer, activation_curve, sigmoid_curve } from '../pkg/featurespace.js';
import { Plot } from './plot.js';
import { View3D } from './view3d.js';
import { OUTPUT } from './palette.js';
import { setText } from './dom-write.js';

// The 1D plots: room left for tick labels such as 0.75 and, apart from them, the axis title.
const WIDE = { left: 58, right: 14, top: 12, bottom: 40 };
// A linear expression from [coefficient, name] terms and a constant, with its signs written
// once: "8.64·u − 0.16", never "+ -0.16".
export function linearText(terms, constant, digits = 2) {
  const parts = [];
  const push = (value, name) => {
    const text = Math.abs(value).toFixed(digits) + (name ? `·${name}` : '');
    const negative = value < 0 && Number(Math.abs(value).toFixed(digits)) !== 0;
    parts.push(parts.length ? `${negative ? '−' : '+'} ${text}` : `${negative ? '−' : ''}${text}`);
  };
  for (const [value, name] of terms) push(value, name);
  push(constant, '');
  return parts.join(' ');
}

const scaleColour = (scale, t) => {
  const k = 4 * Math.max(0, Math.min(255, Math.round(t * 255)));
  return `rgb(${scale[k]}, ${scale[k + 1]}, ${scale[k + 2]})`;
};

class SigmoidFigure {
  constructor(root, host) {
    this.host = host;
    this.explorer = new SigmoidExplorer(-6, 6, 61);
    this.plot1d = new Plot(root.querySelector('#sigmoid-1d'), { square: false, margin: WIDE });
    this.plot2d = new Plot(root.querySelector('#sigmoid-2d'));
    this.view3d = new View3D(root.querySelector('#sigmoid-3d'), () => host.redraw());
    this.sliders = {};
    for (const input of root.querySelectorAll('[data-sigmoid]')) {
      this.sliders[input.dataset.sigmoid] = input;
      input.addEventListener('input', () => host.redraw());
    }
  }

  params() {
    const v = (k) => Number(this.sliders[k].value);
    for (const [k, input] of Object.entries(this.sliders))
      setText(input.parentElement.querySelector('output'), Number(input.value).toFixed(2));
    return { w: v('w'), b1: v('b1'), w1: v('w1'), w2: v('w2'), b: v('b') };
  }

  set(values) {
    for (const [k, v] of Object.entries(values)) if (this.sliders[k]) this.sliders[k].value = v;
  }

  draw({ memory, scale }) {
    const p = this.params();
    // It depends only on its sliders, the 3D angle and the canvas size: skip unchanged frames.
    const c = this.plot2d.canvas;
    const key = JSON.stringify([p, this.view3d.yaw, this.view3d.pitch, c.clientWidth, c.clientHeight]);
    if (key === this.key) return;
    this.key = key;
    // 1D: σ(w·x + b).
    const xs = Array.from({ length: 201 }, (_, i) => -10 + i * 0.1);
    const ys = sigmoid_curve(p.w, p.b1, -10, 10, 201);
    this.plot1d.begin({ x: [-10, 10], y: [-0.05, 1.05] });
    this.plot1d.axes('x', 'σ(w·x + b)');
    this.plot1d.curve(xs, [...ys], OUTPUT, 2.5);
    // 2D: the same space view as the playground's, with the boundary line.
    this.explorer.set(p.w1, p.w2, p.b);
    const info = this.explorer.info();
    const plane = info.res * info.res;
    const rgba = new Uint8ClampedArray(memory.buffer, this.explorer.rgba_ptr(), plane * 4);
    this.plot2d.begin(info.window);
    this.plot2d.image(rgba, info.res);
    this.plot2d.colourBar(scale, 'σ(z)');
    this.plot2d.axes('x1', 'x2');
    this.segment = this.plot2d.line(p.w1, p.w2, p.b, OUTPUT, 'z = 0');
    // 3D: the surface σ over the plane, rotatable.
    const values = new Float32Array(memory.buffer, this.explorer.values_ptr(), plane);
    this.view3d.begin();
    const box = [['x1', 'x2', 'σ'], [[-6, 6], [-6, 6], [0, 1]]];
    this.view3d.box(...box);
    this.view3d.wireframe(values, info.res, (v) => 2 * v - 1, (v) => scaleColour(scale, v), 2);
    this.view3d.labelAxes();
  }
}

// p against u when the network reads one engineered feature: points at (u, class), the curve,
// its formula for a logistic regression and where it crosses 0.5. A lesson's data-only step
// (no model yet) shows the points alone, and the caption says so.
class FeatureCurveFigure {
  constructor(root) {
    this.plot = new Plot(root.querySelector('#feature-curve'), { square: false, margin: WIDE });
    this.caption = root.querySelector('[data-figure-page="feature"] .caption');
  }

  say(text) {
    if (this.caption) setText(this.caption, text);
  }

  draw({ config, labels, nTrain, inputs, curve, classes, input, state }) {
    const plot = this.plot;
    const features = config.features.split(',');
    const model = input?.show?.model !== false;
    plot.begin({ x: [-1, 1], y: [-0.1, 1.1] });
    if (features.length !== 1 || config.hidden !== 'none' || !curve) {
      plot.message(['This view plots p against one engineered input: set features to x1x2 and hidden units to none.']);
      this.say('');
      return;
    }
    const name = features[0] === 'x1x2' ? 'x1·x2' : features[0];
    this.say(model
      ? `Every point at its value of u = ${name}, at height 1 for class 1 and 0 for class 0 (rings: test points); the curve is the model's p(u), the dashed line where p = 0.5.`
      : `Every point at its value of u = ${name}, at height 1 for class 1 and 0 for class 0 (rings: test points). No model yet.`);
    const u = inputs;
    const { lo, hi } = curve;
    plot.begin({ x: [lo, hi], y: [-0.1, 1.1] });
    plot.axes(`u = ${name}`, model ? 'category, p' : 'category');
    plot.clipToArea();
    const ctx = plot.ctx;
    for (let i = 0; i < u.length; i++) {
      const [px, py] = plot.toPixel(u[i], labels[i]);
      ctx.beginPath();
      ctx.arc(px, py, 3, 0, 2 * Math.PI);
      ctx.fillStyle = i < nTrain ? classes[labels[i] > 0.5 ? 1 : 0] : '#fff';
      ctx.strokeStyle = classes[labels[i] > 0.5 ? 1 : 0];
      ctx.fill();
      ctx.stroke();
    }
    ctx.restore();
    if (!model) return;
    const n = curve.values.length;
    const xs = Array.from({ length: n }, (_, i) => lo + ((hi - lo) * i) / (n - 1));
    // p = 0.5 where w·u + b = 0 (a logistic regression: one layer, one output).
    const layer = state.layers.length === 1 && state.layers[0].W[0].length === 1 ? state.layers[0] : null;
    const [w, b] = layer ? [layer.W[0][0], layer.b[0]] : [0, 0];
    if (layer && Math.abs(w) > 1e-9 && -b / w > lo && -b / w < hi) {
      const [px, top] = plot.toPixel(-b / w, 1.1);
      const [, bottom] = plot.toPixel(-b / w, -0.1);
      ctx.save();
      ctx.strokeStyle = '#6b7585';
      ctx.setLineDash([4, 4]);
      ctx.beginPath();
      ctx.moveTo(px, top);
      ctx.lineTo(px, bottom);
      ctx.stroke();
      ctx.restore();
    }
    plot.curve(xs, [...curve.values], OUTPUT, 2.5);
    if (layer) {
      const text = `p(u) = σ(${linearText([[w, 'u']], b)}),  p = 0.5 at u = ${(-b / w).toFixed(3)}`;
      const [x0, y0] = plot.toPixel(lo, 0.85);
      ctx.save();
      ctx.font = '12px ui-monospace, monospace';
      ctx.textAlign = 'left';
      ctx.textBaseline = 'middle';
      const width = ctx.measureText(text).width;
      ctx.fillStyle = 'rgba(255, 255, 255, 0.9)';
      ctx.fillRect(x0 + 8, y0 - 10, width + 8, 20);
      ctx.fillStyle = OUTPUT;
      ctx.fillText(text, x0 + 12, y0);
      ctx.restore();
    }
  }
}

// The points lifted to (x1, x2, u = x1·x2) with the plane a logistic regression on those
// inputs learned: a flat cut up here is the curved boundary down in the plane.
class LiftedFigure {
  constructor(root, host) {
    this.view = new View3D(root.querySelector('#lifted'), () => host.redraw());
    this.note = root.querySelector('#lifted-note');
  }

  draw({ config, state, points, labels, window, classes, input }) {
    const v = this.view;
    const ctx = v.begin();
    const [xr, yr] = [window.x, window.y];
    const us = [];
    for (let i = 0; i < labels.length; i++) us.push(points[2 * i] * points[2 * i + 1]);
    const ur = [Math.min(...us, -0.1), Math.max(...us, 0.1)];
    const norm = (t, r) => (2 * (t - r[0])) / (r[1] - r[0]) - 1;
    const box = [['x1', 'x2', 'u = x1·x2'], [xr, yr, ur]];
    v.box(...box);
    // Points, far ones first.
    const order = us.map((u, i) => [v.project(norm(points[2 * i], xr), norm(points[2 * i + 1], yr), norm(u, ur))[2], i]);
    order.sort((a, b) => b[0] - a[0]);
    for (const [, i] of order) {
      const [px, py] = v.project(norm(points[2 * i], xr), norm(points[2 * i + 1], yr), norm(us[i], ur));
      ctx.beginPath();
      ctx.arc(px, py, 2.6, 0, 2 * Math.PI);
      ctx.fillStyle = classes[labels[i] > 0.5 ? 1 : 0];
      ctx.fill();
    }
    // The plane w1·x1 + w2·x2 + wu·u + b = 0 of a network with no hidden layer.
    const features = config.features.split(',');
    const layer = state.layers[0];
    const weight = (name) => (features.includes(name) ? layer.W[features.indexOf(name)][0] : 0);
    const wu = weight('x1x2');
    if (input?.show?.model === false) {
      this.note.textContent = 'The points lifted to u = x1·x2. No model yet.';
      v.labelAxes();
      return;
    }
    if (state.layers.length !== 1 || !features.includes('x1x2') || features.some((f) => !['x1', 'x2', 'x1x2'].includes(f))) {
      this.note.textContent = 'The plane appears for a logistic regression (hidden units: none) whose inputs include x1x2 (and at most x1, x2).';
      v.labelAxes();
      return;
    }
    const [w1, w2, b] = [weight('x1'), weight('x2'), layer.b[0]];
    // Only the model's own inputs appear in its equation.
    const terms = [[w1, 'x1'], [w2, 'x2'], [wu, 'u']].filter(([, name]) => features.includes(name === 'u' ? 'x1x2' : name));
    const flat = features.length === 1 && Math.abs(wu) > 1e-9 ? `: the flat plane u = ${(-b / wu).toFixed(3)}` : '';
    this.note.textContent = `The model's boundary p = 0.5: ${linearText(terms, b)} = 0${flat}. Drag (or focus it and use the arrow keys) to turn.`;
    if (Math.abs(wu) < 1e-9) {
      v.labelAxes();
      return;
    }
    ctx.strokeStyle = 'rgba(34, 34, 34, 0.55)';
    ctx.lineWidth = 1;
    const n = 16;
    const uAt = (x, y) => -(w1 * x + w2 * y + b) / wu;
    for (let k = 0; k <= n; k++)
      for (const along of [0, 1]) {
        ctx.beginPath();
        let drawing = false;
        for (let j = 0; j <= n; j++) {
          const a = xr[0] + ((xr[1] - xr[0]) * (along ? k : j)) / n;
          const c = yr[0] + ((yr[1] - yr[0]) * (along ? j : k)) / n;
          const u = uAt(a, c);
          if (u < ur[0] || u > ur[1]) { drawing = false; continue; }
          const [px, py] = v.project(norm(a, xr), norm(c, yr), norm(u, ur));
          if (drawing) ctx.lineTo(px, py); else ctx.moveTo(px, py);
          drawing = true;
        }
        ctx.stroke();
      }
    v.labelAxes();
  }
}

// ReLU, tanh and sigmoid, the configured one drawn strong.
class ActivationFigure {
  constructor(root) {
    this.plot = new Plot(root.querySelector('#activation-curves'), { square: false, margin: WIDE });
    this.legend = root.querySelector('#activation-legend');
  }

  draw({ config }) {
    const plot = this.plot;
    plot.begin({ x: [-3, 3], y: [-1.2, 3] });
    plot.axes('z', 'activation(z)');
    const n = 121;
    const xs = Array.from({ length: n }, (_, i) => -3 + (6 * i) / (n - 1));
    const curves = [['relu', '#d55e00'], ['tanh', '#0072b2'], ['sigmoid', '#009e73']];
    const chosen = config.activation;
    for (const [name, colour] of curves) {
      const strong = name === chosen;
      plot.curve(xs, [...activation_curve(name, -3, 3, n)], colour, strong ? 3.5 : 1.5, strong ? [] : [5, 4]);
    }
    this.legend.textContent = `relu (vermillion), tanh (blue), sigmoid (green); drawn strong: ${chosen}` +
      (curves.some(([n]) => n === chosen) ? '' : ' (not among these three)');
  }
}

export class Figures {
  constructor(root, host) {
    this.root = root;
    this.figures = {
      sigmoid: new SigmoidFigure(root, host),
      feature: new FeatureCurveFigure(root),
      lifted: new LiftedFigure(root, host),
      activations: new ActivationFigure(root),
    };
    this.tabs = [...root.querySelectorAll('[data-figure]')];
    for (const tab of this.tabs) tab.addEventListener('click', () => { this.show(tab.dataset.figure); host.redraw(); });
    this.show('sigmoid');
  }

  show(name) {
    this.current = name;
    for (const tab of this.tabs) tab.setAttribute('aria-selected', String(tab.dataset.figure === name));
    for (const page of this.root.querySelectorAll('[data-figure-page]')) page.hidden = page.dataset.figurePage !== name;
  }

  sigmoid() {
    return this.figures.sigmoid;
  }

  draw(frame) {
    this.figures[this.current].draw(frame);
  }

  destroy() {
    this.figures.sigmoid.explorer.free();
  }
}

