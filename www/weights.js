// Every layer's W and b as numbers, updated live, each unit coloured like its line, with its
// equation and a small map of where it is positive. A layer with more weights than a table can
// show readably is drawn as a colour matrix instead, so the panel's cost never explodes with
// width.
import { OUTPUT_TEXT, unitTextColour } from './palette.js';
import { setText } from './dom-write.js';

// More weights than this in a layer and it is drawn as a colour matrix.
const MAX_CELLS = 128;
const fmt = (v) => (Math.abs(v) >= 1000 ? v.toExponential(2) : v.toFixed(3));
const sign = (v) => (v < 0 ? '−' : '+');

export class WeightsView {
  constructor(root) {
    this.root = root;
    this.shape = '';
  }

  // Builds the tables once per architecture. `layers`: the frame's flat layers (frame.js's
  // FlatLayer: W[i][j] is w[j·rows + i]), read without nesting them.
  layout(layers, features, classes) {
    this.features = features;
    this.classes = classes;
    const shape = `${features}:${classes}:` + layers.map((l) => `${l.rows}x${l.units}`).join('-');
    if (shape !== this.shape) this.build(layers);
    this.shape = shape;
  }

  // Hidden unit k's map over the input plane (a res × res RGBA view of wasm memory).
  drawThumb(k, rgba, res) {
    this.thumbs[k]?.draw({ rgba, res });
  }

  // Redraws the colour matrices of wide layers and, with `text`, rewrites the numbers that
  // changed (text in the page: each change lays the element out again).
  drawNumbers(layers, text = true) {
    layers.forEach(({ rows, w, b }, l) => {
      const cells = this.cells[l];
      if (cells.matrix) {
        const largest = cells.matrix.draw(layers[l]);
        if (text) setText(cells.largest, fmt(largest));
        return;
      }
      if (!text) return;
      cells.W.forEach((row, i) => row.forEach((cell, j) => setText(cell, fmt(w[j * rows + i]))));
      cells.b.forEach((cell, j) => setText(cell, fmt(b[j])));
      cells.formulas.forEach((el, j) => {
        const inputs = cells.W.map((_, i) => `${sign(w[j * rows + i])} ${Math.abs(w[j * rows + i]).toFixed(2)}·${this.inputName(l, i)}`);
        setText(el, `${inputs.join(' ').replace(/^\+ /, '')} ${sign(b[j])} ${Math.abs(b[j]).toFixed(2)} = 0`);
      });
    });
  }

  // A layer too wide for numbers: its weights as a colour matrix, with words for how to read it.
  matrix(box, { rows, units }) {
    const note = document.createElement('p');
    note.className = 'caption';
    const largest = document.createElement('span');
    note.append(`${rows} × ${units} weights (rows: inputs, columns: units; the last row the biases) as colours: blue positive, vermillion negative, the strongest |w| = `, largest, '.');
    const canvas = document.createElement('canvas');
    canvas.className = 'matrix';
    canvas.setAttribute('role', 'img');
    canvas.setAttribute('aria-label', `Weights of a ${rows} by ${units} layer as colours`);
    box.append(note, canvas);
    return { matrix: new MatrixImage(canvas), largest };
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
    let firstUnit = 0; // hidden units before this layer: the index of its units' maps
    layers.forEach(({ rows, units }, l) => {
      const box = document.createElement('div');
      box.className = 'layer';
      const h = document.createElement('h3');
      h.textContent = l === last ? (last === 0 ? 'Output (logistic regression)' : 'Output layer') : `Hidden layer ${l + 1}`;
      box.append(h);
      const unitsBefore = firstUnit;
      if (l < last) firstUnit += units;
      if (rows * units > MAX_CELLS) {
        this.cells.push(this.matrix(box, layers[l]));
        this.root.append(box);
        return;
      }
      const table = document.createElement('table');
      const head = table.insertRow();
      head.insertCell().outerHTML = '<th></th>';
      const colour = (j) => (l === last ? (units > 1 ? this.classes[j % this.classes.length] : OUTPUT_TEXT) : unitTextColour(j));
      const eachUnit = (make) => Array.from({ length: units }, (_, j) => make(j));
      eachUnit((j) => {
        const th = document.createElement('th');
        th.className = 'unit';
        th.style.color = colour(j);
        th.textContent = l === last ? (units > 1 ? `out ${j}` : 'out') : `h${j + 1}`;
        head.append(th);
      });
      const cells = { W: [], b: [], formulas: [] };
      for (let i = 0; i < rows; i++) {
        const tr = table.insertRow();
        tr.insertCell().outerHTML = `<th>W ${this.inputName(l, i)}</th>`;
        cells.W.push(eachUnit((j) => Object.assign(tr.insertCell(), { style: `color:${colour(j)}` })));
      }
      const tr = table.insertRow();
      tr.insertCell().outerHTML = '<th>b</th>';
      cells.b = eachUnit((j) => Object.assign(tr.insertCell(), { style: `color:${colour(j)}` }));
      box.append(table);
      if (units <= 8 && rows <= 8) {
        eachUnit((j) => {
          const p = document.createElement('p');
          p.className = 'formula';
          p.style.color = colour(j);
          if (l < last) {
            const c = document.createElement('canvas');
            c.width = c.height = 36;
            c.title = `Where h${j + 1} (layer ${l + 1}) is positive (blue) or negative, over the input plane. Click to make it an axis of the feature space.`;
            c.className = 'pickable';
            // Picking units as the feature view's axes: the views hear it.
            c.addEventListener('click', () => c.dispatchEvent(new CustomEvent('unit-pick', { bubbles: true, detail: { layer: l + 1, unit: j } })));
            p.append(c);
            this.thumbs[unitsBefore + j] = new Thumb(c);
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

// A wide layer: W (inputs × units) and b as one image, a pixel per weight.
// From white at 0 to the default class colours at the largest |value|, vermillion (213, 94, 0)
// for negative and blue (0, 114, 178) for positive: 255 minus these.
const FADE_NEGATIVE = [42, 161, 255];
const FADE_POSITIVE = [255, 141, 77];

class MatrixImage {
  constructor(canvas) {
    this.canvas = canvas;
  }

  // Returns the largest |weight|, which sets the strongest colour. `layer`: a FlatLayer.
  draw({ rows, units, w, b }) {
    if (this.canvas.width !== units || this.canvas.height !== rows + 1) {
      this.canvas.width = units;
      this.canvas.height = rows + 1;
    }
    // Indexed loops, no closure per pixel: six layers of 256 are 390,000 pixels, a redraw of the
    // panel ~8 ms with for-of and a helper, ~5 ms so.
    let largest = 1e-12;
    for (let k = 0; k < w.length; k++) largest = Math.max(largest, Math.abs(w[k]));
    for (let k = 0; k < b.length; k++) largest = Math.max(largest, Math.abs(b[k]));
    // One image, kept between frames.
    if (this.image?.width !== units || this.image.height !== rows + 1) this.image = new ImageData(units, rows + 1);
    const data = this.image.data;
    // Unit by unit, as the weights lie: unit j is pixel column j, its bias the last row.
    for (let j = 0; j < units; j++) {
      for (let i = 0; i <= rows; i++) {
        const v = i < rows ? w[j * rows + i] : b[j];
        const t = Math.min(1, Math.abs(v) / largest), fade = v < 0 ? FADE_NEGATIVE : FADE_POSITIVE;
        const k = 4 * (i * units + j);
        data[k] = 255 - fade[0] * t;
        data[k + 1] = 255 - fade[1] * t;
        data[k + 2] = 255 - fade[2] * t;
        data[k + 3] = 255;
      }
    }
    this.canvas.getContext('2d').putImageData(this.image, 0, 0);
    return largest;
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
