// The network as a diagram: the inputs (engineered features too), every hidden unit and the
// output(s) as nodes, each a small live map of its activation over the input plane; links
// coloured by the weight's sign and thickened by |w|; each bias as a ring (and a number on
// large nodes). Hovering says a value; clicking (tapping) a link or a node types a new weight
// or bias, from which the run goes on. One canvas draws everything; the DOM changes only when
// the architecture, the width or the thing pointed at does.
import { layout, boxes, hit, linkEnds, linkRange, linkBudgets, naming, move, weightAt, NodeMaps, MIN_MAP, MAX_LINKS } from './network-layout.js';
import { withAlpha } from './palette.js';
import { fitCanvas } from './plot.js';
import { setFlag, setText } from './dom-write.js';

const FONT = '11px system-ui, sans-serif';
const fmt = (v) => (Math.abs(v) >= 1000 ? v.toExponential(2) : v.toFixed(3));

export class NetworkView {
  /** @param {HTMLElement} section  the panel; @param {{edit, redraw, notify}} host */
  constructor(section, host) {
    this.host = host;
    this.box = section.querySelector('#network');
    this.note = section.querySelector('#network-note');
    this.canvas = Object.assign(document.createElement('canvas'), { className: 'network-canvas', tabIndex: 0 });
    this.canvas.setAttribute('role', 'img');
    this.tip = Object.assign(document.createElement('div'), { className: 'network-tip', hidden: true });
    this.box.append(this.canvas, this.tip);
    this.ctx = this.canvas.getContext('2d');
    this.maps = new NodeMaps();
    this.shape = '';
    this.hover = null; // what the pointer or the keys point at
    this.editor = null;
    const on = (type, f) => this.canvas.addEventListener(type, f);
    on('pointermove', (e) => { if (e.pointerType === 'mouse') this.point(this.at(e)); });
    on('pointerleave', () => { if (!this.editor) this.point(null); });
    on('pointerdown', (e) => { this.down = { x: e.clientX, y: e.clientY }; });
    on('pointerup', (e) => {
      const d = this.down;
      this.down = null;
      if (!d || Math.hypot(e.clientX - d.x, e.clientY - d.y) > 8) return;
      const target = this.at(e);
      this.point(target);
      if (target) this.open(target);
      else this.closeEditor();
    });
    on('keydown', (e) => this.key(e));
    on('blur', () => { if (!this.editor) this.point(null); });
  }

  // What an event's position hits.
  at(e) {
    if (!this.geometry) return null;
    const r = this.canvas.getBoundingClientRect();
    return hit(this.geometry, this.layers, this.thresholds, e.clientX - r.left, e.clientY - r.top, e.pointerType === 'mouse' ? 3 : 9);
  }

  /** @param {import('./frame.js').Frame} frame */
  draw(frame) {
    // The flat layers (frame.js's FlatLayer: W[i][j] is w[j·rows + i]): six layers of 256 are
    // 330,000 weights, which nested arrays would copy every frame.
    const layers = frame.state.flat;
    if (!layers?.length) return;
    const width = Math.round(this.box.clientWidth);
    if (!width) return;
    this.layers = layers;
    this.classes = frame.classes;
    const sizes = [layers[0].rows, ...layers.map((l) => l.units)];
    const features = frame.config.features.split(',');
    const shape = `${sizes}:${features}:${width}`;
    const budgets = linkBudgets(layers.map((l) => l.rows * l.units));
    const ranges = layers.map((l, k) => linkRange(l, budgets[k]));
    this.thresholds = ranges.map((r) => r.min);
    if (shape !== this.shape) this.build(sizes, features, width);
    this.shape = shape;
    const ctx = this.begin();
    // The largest |w| or |b| sets the thickest link and ring.
    let scale = Math.max(1e-9, ...ranges.map((r) => r.max));
    for (const l of layers) for (const b of l.b) scale = Math.max(scale, Math.abs(b));
    layers.forEach((l, k) => this.links(ctx, l, k, scale));
    this.nodes(ctx, frame, sizes, scale);
    this.highlight(ctx);
    this.readout();
  }

  // Once per architecture and width: the geometry, the canvas's size, its words.
  build(sizes, features, width) {
    this.sizes = sizes;
    const { names, words } = naming(sizes, features);
    this.names = names;
    const last = sizes.length - 1;
    this.ctx.font = FONT;
    const widest = (names) => Math.max(...names.map((t) => this.ctx.measureText(t).width));
    this.geometry = layout(sizes, width, { left: widest(this.names[0]), right: widest(this.names.at(-1)) });
    this.canvas.style.height = `${this.geometry.height}px`;
    const long = this.geometry.pitch >= 60;
    this.titles = sizes.map((_, c) => (c === 0 ? (long ? 'inputs' : 'in') : c === last ? (long ? 'output' : 'out') : long ? `layer ${c}` : `L${c}`));
    this.canvas.dataset.nodes = String(sizes.reduce((a, b) => a + b, 0));
    this.canvas.dataset.layout = JSON.stringify(boxes(this.geometry).map((b) => b.map((v) => Math.round(v * 10) / 10)));
    this.canvas.setAttribute('aria-label', `Network diagram: ${words}. Links blue for positive weights, vermillion for negative, thicker for larger ones. Arrow keys pick a node, Shift with up or down its incoming weights, Enter edits.`);
    const links = sizes.slice(1).reduce((sum, n, k) => sum + n * sizes[k], 0);
    setText(this.note, 'Each node maps its unit\'s activation over the input plane; the ring is its bias (blue +, vermillion −). '
      + 'Click or tap a link or a node to type a weight or a bias; training goes on from there. '
      + 'Hand-edited weights are not kept in the URL or in a copied link.'
      + (links > MAX_LINKS ? ` Of its ${links} links the strongest ${MAX_LINKS} or so are drawn.` : ''));
    this.closeEditor();
    this.point(null);
  }

  // Sizes the backing store to the CSS size × devicePixelRatio; returns the cleared context.
  begin() {
    return fitCanvas(this.canvas, this.geometry.width, this.geometry.height);
  }

  // A layer's links in a dozen strokes: by sign and by six steps of |w|.
  links(ctx, layer, l, scale) {
    // Fewer, thicker links for small layers; hairlines where hundreds cross.
    const { rows, units, w: weights } = layer, count = rows * units;
    const [width, step, alpha] = count <= 20 ? [0.7, 0.86, 0.45] : count <= 100 ? [0.6, 0.45, 0.4] : count <= 300 ? [0.5, 0.25, 0.3] : [0.4, 0.15, 0.15];
    const paths = [[], []].map(() => Array.from({ length: 6 }, () => new Path2D()));
    const threshold = this.thresholds[l];
    const from = this.geometry.columns[l], to = this.geometry.columns[l + 1];
    const x0 = from[0].x + this.geometry.sizes[l] / 2, x1 = to[0].x - this.geometry.sizes[l + 1] / 2;
    // Unit by unit, as the weights lie.
    for (let j = 0; j < units; j++) {
      const y1 = to[j].y;
      for (let i = 0; i < rows; i++) {
        const w = weights[j * rows + i], a = w < 0 ? -w : w;
        // NaN (a diverged run) is skipped; an infinite weight draws as the thickest.
        if (!(a >= threshold) || a === 0) continue;
        const k = Math.min(5, Math.floor((6 * a) / scale));
        const path = paths[w > 0 ? 1 : 0][Number.isFinite(k) ? k : 5];
        path.moveTo(x0, from[i].y);
        path.lineTo(x1, y1);
      }
    }
    paths.forEach((steps, sign) => steps.forEach((path, k) => {
      ctx.strokeStyle = withAlpha(this.classes[sign], alpha + 0.1 * k);
      ctx.lineWidth = width + step * k;
      ctx.stroke(path);
    }));
  }

  // Every node: its map (or a plain fill), its box, its bias ring and number; names at the
  // sides, titles above.
  nodes(ctx, frame, sizes, scale) {
    const { sizes: boxSizes, numbers, columns } = this.geometry;
    const maps = Math.max(...boxSizes) >= MIN_MAP ? this.maps.fill(frame.input, sizes, this.classes) : null;
    const res = frame.input.info.res, last = columns.length - 1;
    const signed = (b) => (b > 0 ? this.classes[1] : b < 0 ? this.classes[0] : '#9aa3b0');
    ctx.imageSmoothingEnabled = true;
    ctx.font = FONT;
    ctx.textBaseline = 'middle';
    // The fills first: maps, and plain boxes in one path per sign and shade, keyed by number
    // (a colour string per node was 1,500 strings a frame for six layers of 256).
    const plain = new Map();
    columns.forEach((nodes, c) => nodes.forEach(({ x, y }, j) => {
      const size = boxSizes[c], h = size / 2, b = c > 0 ? this.layers[c - 1].b[j] : 0;
      const slot = size >= MIN_MAP ? maps?.[c][j] : null;
      if (slot != null) return ctx.drawImage(this.maps.canvas, 0, slot * res, res, res, x - h, y - h, size, size);
      const shade = Math.round(4 * Math.min(1, Math.abs(b) / scale));
      const key = c > 0 ? (size < 6) * 30 + Math.sign(b) * 10 + shade : -1;
      if (!plain.has(key)) plain.set(key, [c > 0 ? withAlpha(signed(b), (size < 6 ? 0.4 : 0.15) + 0.15 * shade) : '#c8ced8', new Path2D()]);
      plain.get(key)[1].rect(x - h, y - h, size, size);
    }));
    for (const [colour, path] of plain.values()) {
      ctx.fillStyle = colour;
      ctx.fill(path);
    }
    columns.forEach((nodes, c) => {
      const size = boxSizes[c], h = size / 2;
      ctx.textAlign = 'center';
      ctx.fillStyle = this.muted;
      ctx.fillText(this.titles[c], nodes[0].x, 10);
      if (size < 6) return;
      nodes.forEach(({ x, y }, j) => {
        const b = c > 0 ? this.layers[c - 1].b[j] : 0;
        ctx.lineWidth = 1;
        ctx.strokeStyle = '#7d8694';
        ctx.strokeRect(x - h + 0.5, y - h + 0.5, size - 1, size - 1);
        if (c > 0 && size >= 8) {
          const ring = 1 + 3 * Math.min(1, Math.abs(b) / scale);
          ctx.lineWidth = ring;
          ctx.strokeStyle = signed(b);
          ctx.strokeRect(x - h - ring / 2 - 1, y - h - ring / 2 - 1, size + ring + 2, size + ring + 2);
        }
        ctx.fillStyle = this.text;
        if (c > 0 && numbers[c]) {
          ctx.textAlign = 'center';
          ctx.fillText(b.toFixed(2), x, y + h + 11);
        }
        if (c === 0 || c === last) {
          ctx.textAlign = c === 0 ? 'right' : 'left';
          if (c === last && sizes.at(-1) > 1) ctx.fillStyle = this.classes[j % this.classes.length];
          ctx.fillText(this.names[c][j], c === 0 ? x - h - 6 : x + h + 6, y);
        }
      });
    });
  }

  // The thing pointed at, outlined in the accent colour.
  highlight(ctx) {
    const t = this.hover;
    if (!t) return;
    ctx.strokeStyle = this.accent;
    ctx.lineWidth = 2;
    if (t.kind === 'link') {
      const [x0, y0, x1, y1] = linkEnds(this.geometry, t.layer, t.row, t.unit);
      ctx.beginPath();
      ctx.moveTo(x0, y0);
      ctx.lineTo(x1, y1);
      ctx.stroke();
    } else {
      const { x, y } = this.geometry.columns[t.column][t.unit], h = this.geometry.sizes[t.column] / 2 + 6;
      ctx.strokeRect(x - h, y - h, 2 * h, 2 * h);
    }
  }

  // What a target is and its current value (null for an input).
  describe(t) {
    if (t.kind === 'link') {
      const from = t.layer === 0 ? this.names[0][t.row] : `${this.names[t.layer][t.row]} (layer ${t.layer})`;
      const to = this.unitName(t.layer + 1, t.unit);
      return { label: `weight ${from} → ${to}`, value: weightAt(this.layers[t.layer], t.row, t.unit), layer: t.layer, row: t.row, unit: t.unit };
    }
    if (t.column === 0) return { label: `input ${this.names[0][t.unit]}`, value: null };
    const layer = t.column - 1;
    return { label: `bias of ${this.unitName(t.column, t.unit)}`, value: this.layers[layer].b[t.unit], layer, row: this.layers[layer].rows, unit: t.unit };
  }

  unitName(column, unit) {
    const name = this.names[column][unit];
    return column === this.sizes.length - 1 ? name : `${name} (layer ${column})`;
  }

  // Points at a target (or nothing): the outline and the readout follow.
  point(target) {
    if (JSON.stringify(target) === JSON.stringify(this.hover)) return;
    this.hover = target;
    this.readout();
    this.host.redraw();
  }

  // The readout by the target, its text rewritten only when it changed.
  readout() {
    const t = this.hover;
    if (!t || !this.layers || this.editor) { setFlag(this.tip, 'hidden', true); return; }
    const d = this.describe(t);
    setText(this.tip, d.value == null ? d.label : `${d.label} = ${fmt(d.value)}`);
    const key = JSON.stringify(t) + this.shape;
    if (this.tipAt !== key) {
      this.tipAt = key;
      this.place(this.tip, t);
    }
    setFlag(this.tip, 'hidden', false);
  }

  // Puts a box of the panel next to a target, inside the diagram.
  place(el, t) {
    const g = this.geometry;
    let x, y;
    if (t.kind === 'link') {
      const [x0, y0, x1, y1] = linkEnds(g, t.layer, t.row, t.unit);
      x = (x0 + x1) / 2;
      y = (y0 + y1) / 2 + 10;
    } else {
      x = g.columns[t.column][t.unit].x;
      y = g.columns[t.column][t.unit].y + g.sizes[t.column] / 2 + 8;
    }
    el.style.left = `${Math.max(0, Math.min(g.width - 220, x - 60))}px`;
    el.style.top = `${Math.min(g.height - 10, y)}px`;
  }

  // Arrow keys pick a node; Shift with ↑/↓ walks its incoming weights; Enter edits.
  key(e) {
    if (!this.geometry || e.altKey || e.ctrlKey || e.metaKey) return;
    const t = e.key === 'Enter' ? null : move(this.hover, e.key, e.shiftKey, this.sizes);
    if (e.key === 'Enter' && this.hover) this.open(this.hover);
    else if (!t) return;
    e.preventDefault();
    e.stopPropagation();
    if (t && !this.editor) this.point(t);
  }

  // The popover that types a new weight or bias: Enter applies, Escape cancels.
  open(t) {
    const d = this.describe(t);
    if (d.value == null) return;
    this.closeEditor();
    const form = Object.assign(document.createElement('form'), { className: 'network-edit' });
    form.setAttribute('role', 'dialog');
    form.setAttribute('aria-label', `Edit ${d.label}`);
    const label = document.createElement('label');
    const input = Object.assign(document.createElement('input'), { type: 'number', step: 'any', value: String(Number(d.value.toPrecision(6))) });
    label.append(`${d.label} `, input);
    const set = Object.assign(document.createElement('button'), { type: 'submit', textContent: 'Set' });
    const cancel = Object.assign(document.createElement('button'), { type: 'button', textContent: 'Cancel' });
    const error = Object.assign(document.createElement('p'), { className: 'network-error' });
    error.setAttribute('aria-live', 'assertive');
    form.append(label, set, cancel);
    // A hidden unit can also become an axis of the feature view (two or three picked make it).
    if (t.kind !== 'link' && t.column > 0 && t.column < this.sizes.length - 1) {
      const axis = Object.assign(document.createElement('button'), { type: 'button', textContent: 'Use as axis', title: 'Show this unit as an axis of the feature space' });
      axis.addEventListener('click', () => {
        this.box.dispatchEvent(new CustomEvent('unit-pick', { bubbles: true, detail: { layer: t.column, unit: t.unit } }));
        this.closeEditor(true);
      });
      form.append(axis);
    }
    form.append(error);
    form.addEventListener('submit', (e) => {
      e.preventDefault();
      const value = input.valueAsNumber;
      const message = Number.isFinite(value) ? this.host.edit((core) => core.set_param(d.layer, d.row, d.unit, value)) : 'type a number';
      if (message) { error.textContent = message; return; }
      this.closeEditor(true);
    });
    form.addEventListener('keydown', (e) => {
      e.stopPropagation(); // the element's shortcuts (space: play) stay out of the field
      if (e.key === 'Escape') { e.preventDefault(); this.closeEditor(true); }
    });
    cancel.addEventListener('click', () => this.closeEditor(true));
    this.editor = form;
    this.box.append(form);
    this.place(form, t);
    this.readout();
    input.focus();
    input.select();
  }

  closeEditor(refocus = false) {
    if (!this.editor) return;
    this.editor.remove();
    this.editor = null;
    if (refocus) this.canvas.focus({ preventScroll: true });
    this.readout();
    this.host.redraw();
  }

  get text() { return this.colours().text; }
  get muted() { return this.colours().muted; }
  get accent() { return this.colours().accent; }

  // The theme's colours, read once per architecture and width.
  colours() {
    if (this.themeFor !== this.shape) {
      const style = getComputedStyle(this.box);
      const read = (name, fallback) => style.getPropertyValue(name).trim() || fallback;
      this.theme = { text: read('--fs-text', '#1d2430'), muted: read('--fs-muted', '#5b6575'), accent: read('--fs-accent', '#0072b2') };
      this.themeFor = this.shape;
    }
    return this.theme;
  }

  destroy() {
    this.closeEditor();
    this.canvas.remove();
    this.tip.remove();
    this.maps = null;
  }
}
