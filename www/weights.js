// Every layer's W and b as numbers, updated live, each unit coloured like its line, with its
// equation and a small map of where the unit is positive.
import { OUTPUT, unitColour } from './palette.js';

const fmt = (v) => (Math.abs(v) >= 1000 ? v.toExponential(2) : v.toFixed(3));
const sign = (v) => (v < 0 ? '−' : '+');
// Writes only changed text: every write makes the browser redo the panel's layout.
const setText = (el, text) => {
  if (el.textContent !== text) el.textContent = text;
};

export class WeightsView {
  constructor(root) {
    this.root = root;
    this.shape = '';
  }

  // Builds the tables once per architecture.
  layout(layers, features, classes) {
    this.features = features;
    this.classes = classes;
    const shape = `${features}:${classes}:` + layers.map((l) => `${l.W.length}x${l.b.length}`).join('-');
    if (shape !== this.shape) this.build(layers);
    this.shape = shape;
  }

  // Hidden unit k's map over the input plane (a res × res RGBA view of wasm memory).
  drawThumb(k, rgba, res) {
    this.thumbs[k]?.draw({ rgba, res });
  }

  // Rewrites the numbers that changed.
  drawNumbers(layers) {
    layers.forEach((layer, l) => {
      const cells = this.cells[l];
      layer.W.forEach((row, i) => row.forEach((v, j) => setText(cells.W[i][j], fmt(v))));
      layer.b.forEach((v, j) => setText(cells.b[j], fmt(v)));
      cells.formulas.forEach((el, j) => {
        const inputs = layer.W.map((row, i) => `${sign(row[j])} ${Math.abs(row[j]).toFixed(2)}·${this.inputName(l, i)}`);
        setText(el, `${inputs.join(' ').replace(/^\+ /, '')} ${sign(layer.b[j])} ${Math.abs(layer.b[j]).toFixed(2)} = 0`);
      });
    });
  }

  // Layer 0 reads the configured features (x1, x2, x1x2, …); later layers the activations.
  inputName(l, i) {
    return l === 0 ? this.features[i].replace('x1x2', 'x1·x2') : `a${i + 1}`;
  }

  build(layers) {
    this.root.replaceChildren();
    this.cells = [];
    this.thumbs = [];
    const last = layers.length - 1;
    layers.forEach((layer, l) => {
      const box = document.createElement('div');
      box.className = 'layer';
      const h = document.createElement('h3');
      h.textContent = l === last ? (last === 0 ? 'Output (logistic regression)' : 'Output layer') : `Hidden layer ${l + 1}`;
      box.append(h);
      const table = document.createElement('table');
      const head = table.insertRow();
      head.insertCell().outerHTML = '<th></th>';
      const colour = (j) => (l === last ? (layer.b.length > 1 ? this.classes[j % this.classes.length] : OUTPUT) : unitColour(j));
      layer.b.forEach((_, j) => {
        const th = document.createElement('th');
        th.className = 'unit';
        th.style.color = colour(j);
        th.textContent = l === last ? (layer.b.length > 1 ? `out ${j}` : 'out') : `h${j + 1}`;
        head.append(th);
      });
      const cells = { W: [], b: [], formulas: [] };
      layer.W.forEach((row, i) => {
        const tr = table.insertRow();
        tr.insertCell().outerHTML = `<th>W ${this.inputName(l, i)}</th>`;
        cells.W.push(row.map((_, j) => Object.assign(tr.insertCell(), { style: `color:${colour(j)}` })));
      });
      const tr = table.insertRow();
      tr.insertCell().outerHTML = '<th>b</th>';
      cells.b = layer.b.map((_, j) => Object.assign(tr.insertCell(), { style: `color:${colour(j)}` }));
      box.append(table);
      if (layer.b.length <= 8 && layer.W.length <= 8) {
        layer.b.forEach((_, j) => {
          const p = document.createElement('p');
          p.className = 'formula';
          p.style.color = colour(j);
          if (l < last) {
            const c = document.createElement('canvas');
            c.width = c.height = 36;
            c.title = `Where h${j + 1} (layer ${l + 1}) is positive (blue) or negative, over the input plane`;
            p.append(c);
            this.thumbs.push(new Thumb(c));
          }
          const span = document.createElement('span');
          p.append(span);
          cells.formulas.push(span);
          box.append(p);
        });
      }
      this.cells.push(cells);
      this.root.append(box);
    });
  }
}

// A hidden unit's activation over the input plane, from the core's RGBA buffer.
class Thumb {
  constructor(canvas) {
    this.canvas = canvas;
    this.scratch = document.createElement('canvas');
  }

  draw({ rgba, res }) {
    if (this.scratch.width !== res) this.scratch.width = this.scratch.height = res;
    this.scratch.getContext('2d').putImageData(new ImageData(rgba, res, res), 0, 0);
    const ctx = this.canvas.getContext('2d');
    ctx.imageSmoothingEnabled = true;
    ctx.drawImage(this.scratch, 0, 0, this.canvas.width, this.canvas.height);
  }
}
