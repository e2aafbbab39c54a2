// The network as a diagram: the inputs (engineered features too), every hidden unit and the
// output(s) as nodes, each a small live map of its activation over the input plane; links
// coloured by the weight's sign and thickened by |w|; each bias as a ring (and a number on
// large nodes). Hovering says a value; clicking (tapping) a link or a node types a new weight
// or bias, from which the run goes on. One canvas draws everything; the DOM changes only when
// the architecture, the width or the thing pointed at does.
import { layout, boxes, hit, linkEnds, linkThreshold, planes, MIN_MAP } from './network-layout.js';
import { withAlpha } from './palette.js';

const FONT = '11px system-ui, sans-serif';
const fmt = (v) => (Math.abs(v) >= 1000 ? v.toExponential(2) : v.toFixed(3));
const pretty = (f) => f.replace('x1x2', 'x1·x2');
const setText = (el, text) => { if (el.textContent !== text) el.textContent = text; };

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
    this.atlas = document.createElement('canvas');
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
    const layers = frame.state.layers;
    if (!layers?.length) return;
    const width = Math.round(this.box.clientWidth);
    if (!width) return;
    this.layers = layers;
    this.classes = frame.classes;
    const sizes = [layers[0].W.length, ...layers.map((l) => l.b.length)];
    const features = frame.config.features.split(',');
    const shape = `${sizes}:${features}:${width}`;
    if (shape !== this.shape) this.build(sizes, features, width);
    this.shape = shape;
    this.thresholds = layers.map((l) => linkThreshold(l.W));
    const ctx = this.begin();
    let scale = 1e-9;
    for (const l of layers) {
      for (const row of l.W) for (const w of row) scale = Math.max(scale, Math.abs(w));
      for (const b of l.b) scale = Math.max(scale, Math.abs(b));
    }
    layers.forEach((l, k) => this.links(ctx, l, k, scale));
    this.nodes(ctx, frame, sizes, scale);
    this.highlight(ctx);
    this.readout();
  }

  // Once per architecture and width: the geometry, the canvas's size, its words.
  build(sizes, features, width) {
    this.sizes = sizes;
    this.names = sizes.map((n, c) => Array.from({ length: n }, (_, j) => {
      if (c === 0) return pretty(features[j] ?? `input ${j + 1}`);
      if (c === sizes.length - 1) return n > 1 ? `out ${j}` : 'out';
      return `h${j + 1}`;
    }));
    this.ctx.font = FONT;
    const widest = (names) => Math.max(...names.map((t) => this.ctx.measureText(t).width));
    this.geometry = layout(sizes, width, { left: widest(this.names[0]), right: widest(this.names.at(-1)) });
    this.canvas.style.height = `${this.geometry.height}px`;
    this.canvas.dataset.nodes = String(sizes.reduce((a, b) => a + b, 0));
    this.canvas.dataset.layout = JSON.stringify(boxes(this.geometry).map((b) => b.map((v) => Math.round(v * 10) / 10)));
    const hidden = sizes.slice(1, -1);
    const words = `${sizes[0]} input${sizes[0] > 1 ? 's' : ''} (${this.names[0].join(', ')}), `
      + (hidden.length ? `hidden layers of ${hidden.join(', ')} units, ` : 'no hidden layer, ')
      + `${sizes.at(-1)} output${sizes.at(-1) > 1 ? 's' : ''}`;
    this.canvas.setAttribute('aria-label', `Network diagram: ${words}. Links blue for positive weights, vermillion for negative, thicker for larger ones. Arrow keys pick a node, Shift with up or down its incoming weights, Enter edits.`);
    const dense = this.layersOf(sizes).some(([a, b]) => a * b > 2500);
    setText(this.note, 'Each node maps its unit\'s activation over the input plane; the ring is its bias (blue +, vermillion −). '
      + 'Click or tap a link or a node to type a weight or a bias; training goes on from there. '
      + 'Hand-edited weights are not kept in the URL or in a copied link.'
      + (dense ? ' Only the strongest links of the widest layers are drawn.' : ''));
    this.closeEditor();
    this.point(null);
  }

  layersOf(sizes) {
    return sizes.slice(1).map((n, k) => [sizes[k], n]);
  }

  // Sizes the backing store to the CSS size × devicePixelRatio; returns the cleared context.
  begin() {
    const dpr = globalThis.devicePixelRatio || 1;
    const w = this.geometry.width, h = this.geometry.height;
    if (this.canvas.width !== Math.round(w * dpr) || this.canvas.height !== Math.round(h * dpr)) {
      this.canvas.width = Math.round(w * dpr);
      this.canvas.height = Math.round(h * dpr);
    }
    const ctx = this.ctx;
    ctx.setTransform(dpr, 0, 0, dpr, 0, 0);
    ctx.clearRect(0, 0, w, h);
    return ctx;
  }

  // A layer's links in a dozen strokes: by sign and by six steps of |w|.
  links(ctx, layer, l, scale) {
    const count = layer.W.length * layer.b.length;
    const dense = count > 300;
    const paths = [[], []].map(() => Array.from({ length: 6 }, () => new Path2D()));
    const threshold = this.thresholds[l];
    layer.W.forEach((row, i) => row.forEach((w, j) => {
      const a = Math.abs(w);
      if (a < threshold || a === 0) return;
      const [x0, y0, x1, y1] = linkEnds(this.geometry, l, i, j);
      const path = paths[w > 0 ? 1 : 0][Math.min(5, Math.floor((6 * a) / scale))];
      path.moveTo(x0, y0);
      path.lineTo(x1, y1);
    }));
    paths.forEach((steps, sign) => steps.forEach((path, k) => {
      ctx.strokeStyle = withAlpha(this.classes[sign], dense ? 0.2 + 0.1 * k : 0.45 + 0.1 * k);
      ctx.lineWidth = dense ? 0.5 + 0.15 * k : 0.7 + 0.9 * k;
      ctx.stroke(path);
    }));
  }

  // Every node: its map (or a plain fill), its box, its bias ring and number; names at the sides.
  nodes(ctx, frame, sizes, scale) {
    const { size, numbers, columns } = this.geometry;
    const maps = size >= MIN_MAP ? this.fillAtlas(frame, sizes) : null;
    const res = frame.input.info.res;
    const h = size / 2, last = columns.length - 1;
    ctx.imageSmoothingEnabled = true;
    ctx.font = FONT;
    ctx.textBaseline = 'middle';
    columns.forEach((nodes, c) => nodes.forEach(({ x, y }, j) => {
      const b = c > 0 ? this.layers[c - 1].b[j] : 0;
      const slot = maps?.[c][j];
      if (slot != null) ctx.drawImage(this.atlas, 0, slot * res, res, res, x - h, y - h, size, size);
      else {
        ctx.fillStyle = c > 0 ? withAlpha(this.classes[b > 0 ? 1 : 0], 0.15 + 0.6 * Math.min(1, Math.abs(b) / scale)) : '#c8ced8';
        ctx.fillRect(x - h, y - h, size, size);
      }
      if (size >= 6) {
        ctx.lineWidth = 1;
        ctx.strokeStyle = '#7d8694';
        ctx.strokeRect(x - h + 0.5, y - h + 0.5, size - 1, size - 1);
      }
      if (c > 0 && size >= 8) {
        const ring = 1 + 3 * Math.min(1, Math.abs(b) / scale);
        ctx.lineWidth = ring;
        ctx.strokeStyle = this.classes[b > 0 ? 1 : 0];
        ctx.strokeRect(x - h - ring / 2 - 1, y - h - ring / 2 - 1, size + ring + 2, size + ring + 2);
      }
      ctx.fillStyle = this.text;
      if (c > 0 && numbers) {
        ctx.textAlign = 'center';
        ctx.fillText(b.toFixed(2), x, y + h + 9);
      }
      if ((c === 0 || c === last) && size >= 6) {
        ctx.textAlign = c === 0 ? 'right' : 'left';
        if (c === last && sizes.at(-1) > 1) ctx.fillStyle = this.classes[j % this.classes.length];
        ctx.fillText(this.names[c][j], c === 0 ? x - h - 6 : x + h + 6, y);
      }
    }));
  }

  // Copies each node's plane out of wasm memory into one image (one putImageData a frame);
  // returns each node's slot in it, or null when the core drew no maps.
  fillAtlas(frame, sizes) {
    const { info, rgba } = frame.input;
    if (!info.images || !info.res) return null;
    const source = planes(sizes, info);
    const res = info.res, plane = res * res * 4;
    const wanted = source.flat().filter((p) => p != null).length;
    if (!this.image || this.image.width !== res || this.image.height !== res * wanted) {
      this.image = new ImageData(res, res * wanted);
      this.atlas.width = res;
      this.atlas.height = res * wanted;
    }
    const data = this.image.data, outputs = sizes.at(-1);
    let slot = 0;
    const slots = source.map((column, c) => column.map((p, j) => {
      if (p == null) return null;
      const from = rgba.subarray(p * plane, (p + 1) * plane), at = slot * plane;
      if (c === sizes.length - 1 && outputs > 1) this.classMask(from, data, at, j, outputs);
      else data.set(from, at);
      return slot++;
    }));
    this.atlas.getContext('2d').putImageData(this.image, 0, 0);
    return slots;
  }

  // Several outputs share one map (the likeliest class's colour): output j keeps where class
  // j leads and is white elsewhere.
  classMask(from, data, at, j, k) {
    const tints = this.classes.slice(0, k).map((hex) => [1, 3, 5].map((i) => 255 - parseInt(hex.slice(i, i + 2), 16)));
    for (let p = 0; p < from.length; p += 4) {
      const t = [255 - from[p], 255 - from[p + 1], 255 - from[p + 2]];
      let best = 0, top = -Infinity;
      tints.forEach((c, q) => {
        const s = (t[0] * c[0] + t[1] * c[1] + t[2] * c[2]) / (Math.hypot(...c) || 1);
        if (s > top) { top = s; best = q; }
      });
      const keep = best === j;
      for (let ch = 0; ch < 3; ch++) data[at + p + ch] = keep ? from[p + ch] : 255;
      data[at + p + 3] = 255;
    }
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
      const { x, y } = this.geometry.columns[t.column][t.unit], h = this.geometry.size / 2 + 6;
      ctx.strokeRect(x - h, y - h, 2 * h, 2 * h);
    }
  }

  // What a target is and its current value (null for an input).
  describe(t) {
    if (t.kind === 'link') {
      const from = t.layer === 0 ? this.names[0][t.row] : `${this.names[t.layer][t.row]} (layer ${t.layer})`;
      const to = this.unitName(t.layer + 1, t.unit);
      return { label: `weight ${from} → ${to}`, value: this.layers[t.layer].W[t.row][t.unit], layer: t.layer, row: t.row, unit: t.unit };
    }
    if (t.column === 0) return { label: `input ${this.names[0][t.unit]}`, value: null };
    const layer = t.column - 1;
    return { label: `bias of ${this.unitName(t.column, t.unit)}`, value: this.layers[layer].b[t.unit], layer, row: this.layers[layer].W.length, unit: t.unit };
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
    if (!t || !this.layers || this.editor) { this.tip.hidden = true; return; }
    const d = this.describe(t);
    setText(this.tip, d.value == null ? d.label : `${d.label} = ${fmt(d.value)}`);
    const key = JSON.stringify(t) + this.shape;
    if (this.tipAt !== key) {
      this.tipAt = key;
      this.place(this.tip, t);
    }
    this.tip.hidden = false;
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
      y = g.columns[t.column][t.unit].y + g.size / 2 + 8;
    }
    el.style.left = `${Math.max(0, Math.min(g.width - 220, x - 60))}px`;
    el.style.top = `${Math.min(g.height - 10, y)}px`;
  }

  // Arrow keys pick a node; Shift with ↑/↓ walks its incoming weights; Enter edits.
  key(e) {
    const g = this.geometry;
    if (!g || e.altKey || e.ctrlKey || e.metaKey) return;
    let t = this.hover ?? { kind: 'node', column: 0, unit: 0 };
    const node = t.kind === 'node' ? t : { kind: 'node', column: t.layer + 1, unit: t.unit };
    if (e.key === 'Enter' && this.hover) this.open(this.hover);
    else if (e.shiftKey && (e.key === 'ArrowUp' || e.key === 'ArrowDown') && node.column > 0) {
      const rows = this.sizes[node.column - 1], step = e.key === 'ArrowDown' ? 1 : -1;
      const row = t.kind === 'link' ? (t.row + step + rows) % rows : step > 0 ? 0 : rows - 1;
      t = { kind: 'link', layer: node.column - 1, row, unit: node.unit };
    } else if (e.key.startsWith('Arrow') && !e.shiftKey) {
      const dc = { ArrowLeft: -1, ArrowRight: 1 }[e.key] ?? 0, du = { ArrowUp: -1, ArrowDown: 1 }[e.key] ?? 0;
      const column = this.hover ? Math.max(0, Math.min(g.columns.length - 1, node.column + dc)) : 0;
      const n = g.columns[column].length;
      const unit = this.hover ? Math.max(0, Math.min(n - 1, (dc ? Math.round((node.unit * n) / g.columns[node.column].length) : node.unit) + du)) : 0;
      t = { kind: 'node', column, unit };
    } else return;
    e.preventDefault();
    e.stopPropagation();
    if (!this.editor) this.point(t);
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
    form.append(label, set, cancel, error);
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

  get text() {
    return this.colours().text;
  }

  get accent() {
    return this.colours().accent;
  }

  // The theme's text and accent colours, read once per architecture and width.
  colours() {
    if (this.themeFor !== this.shape) {
      const style = getComputedStyle(this.box);
      this.theme = { text: style.getPropertyValue('--fs-text').trim() || '#1d2430', accent: style.getPropertyValue('--fs-accent').trim() || '#0072b2' };
      this.themeFor = this.shape;
    }
    return this.theme;
  }

  destroy() {
    this.closeEditor();
    this.canvas.remove();
    this.tip.remove();
    this.image = null;
  }
}
