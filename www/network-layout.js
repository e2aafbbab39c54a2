// Where the network diagram puts its nodes and links, what a point or a key picks, the names,
// and the nodes' heatmaps. The geometry: columns for the inputs, every hidden layer and the
// output, one square box per unit; a column of many units packs its boxes tightly, so no two
// ever overlap.

// The largest node box (CSS px); below MIN_MAP a box is too small for its heatmap.
export const MAX_NODE = 52;
export const MIN_MAP = 12;
// Above this many links in all only the strongest are drawn (a share per layer).
export const MAX_LINKS = 3000;
// The gap under a box with its bias written there.
const GAP = 22;

/**
 * @param {number[]} sizes  units per column: inputs, each hidden layer, outputs
 * @param {number} width    CSS px available
 * @param {{left: number, right: number}} labels  room for the input and output names
 * @returns {{width: number, height: number, top: number, pitch: number, sizes: number[],
 *   numbers: boolean[], columns: Array<Array<{x: number, y: number}>>}}  node centres per
 *   column; column c's boxes are sizes[c] square, with the bias written under them if numbers[c]
 */
export function layout(sizes, width, labels) {
  const left = labels.left + 8, right = labels.right + 8;
  const pitch = Math.max(8, (width - left - right) / sizes.length);
  // Room for the column titles above; never taller than a screen needs: wide layers pack.
  const top = 22, bottom = 6;
  const most = Math.max(...sizes);
  const cap = Math.min(MAX_NODE, pitch * 0.5);
  const column = (n, room) => {
    let size = Math.max(1.5, Math.min(cap, room / (n * 1.3)));
    // Biases are written under boxes large enough for the number, clear of the bias rings.
    let numbers = size >= 26;
    if (numbers && n * (size + Math.max(GAP, size * 0.3)) > room) {
      size = room / n - GAP;
      numbers = size >= 26;
      if (!numbers) size = Math.max(1.5, Math.min(25, room / (n * 1.3)));
    }
    const gap = numbers ? Math.max(GAP, size * 0.3) : Math.max(size * 0.3, 0.5);
    // A column of n boxes spans n pitches, less the last gap unless a number sits in it.
    return { size, numbers, gap, extent: n * (size + gap) - (numbers ? 0 : gap) };
  };
  const maxHeight = Math.max(260, Math.min(620, width * 0.75));
  // The widest column sets the height (its least size may overflow maxHeight); the others
  // fit in it with room to spare.
  const widest = column(most, maxHeight - top - bottom);
  const height = Math.ceil(top + bottom + widest.extent);
  const room = height - top - bottom;
  const shapes = sizes.map((n) => (n === most ? widest : column(n, room)));
  const columns = sizes.map((n, c) => {
    const { size, gap, extent } = shapes[c];
    const x = left + pitch * (c + 0.5), start = top + (room - extent) / 2 + size / 2;
    return Array.from({ length: n }, (_, j) => ({ x, y: start + j * (size + gap) }));
  });
  return { width, height, top, pitch, sizes: shapes.map((s) => s.size), numbers: shapes.map((s) => s.numbers), columns };
}

// Each node's name (the features as given, x1x2 as x1·x2; h1 … per hidden layer; out, or
// out 0 … for several outputs) and the architecture in words.
export function naming(sizes, features) {
  const last = sizes.length - 1;
  const names = sizes.map((n, c) => Array.from({ length: n }, (_, j) => {
    if (c === 0) return (features[j] ?? `input ${j + 1}`).replace('x1x2', 'x1·x2');
    if (c === last) return n > 1 ? `out ${j}` : 'out';
    return `h${j + 1}`;
  }));
  const hidden = sizes.slice(1, -1), plural = (n, word) => `${n} ${word}${n > 1 ? 's' : ''}`;
  const words = `${plural(sizes[0], 'input')} (${names[0].join(', ')}), `
    + (hidden.length ? `hidden layers of ${hidden.join(', ')} units, ` : 'no hidden layer, ')
    + plural(sizes[last], 'output');
  return { names, words };
}

/**
 * Where a key moves the pointed-at target `t` (null: nothing yet): arrows go from node to
 * node (← → between columns, keeping the relative height), Shift+↑/↓ walks the links into
 * the node. Null for any other key.
 */
export function move(t, key, shift, sizes) {
  if (!key.startsWith('Arrow')) return null;
  if (!t) return { kind: 'node', column: 0, unit: 0 };
  const node = t.kind === 'node' ? t : { kind: 'node', column: t.layer + 1, unit: t.unit };
  const down = { ArrowUp: -1, ArrowDown: 1 }[key] ?? 0, right = { ArrowLeft: -1, ArrowRight: 1 }[key] ?? 0;
  if (shift) {
    if (!down || node.column === 0) return null;
    const rows = sizes[node.column - 1];
    const row = t.kind === 'link' ? (t.row + down + rows) % rows : down > 0 ? 0 : rows - 1;
    return { kind: 'link', layer: node.column - 1, row, unit: node.unit };
  }
  const column = Math.max(0, Math.min(sizes.length - 1, node.column + right));
  const n = sizes[column];
  const unit = right ? Math.round((node.unit * n) / sizes[node.column]) : node.unit + down;
  return { kind: 'node', column, unit: Math.max(0, Math.min(n - 1, unit)) };
}

// The node boxes as [x, y, size] (top-left corner), column by column.
export function boxes(geometry) {
  return geometry.columns.flatMap((nodes, c) => {
    const s = geometry.sizes[c];
    return nodes.map(({ x, y }) => [x - s / 2, y - s / 2, s]);
  });
}

/**
 * How many links of each layer to draw: all, or when the network has more than MAX_LINKS,
 * a share of MAX_LINKS in proportion to the layer's links (the strongest of them).
 * @param {number[]} counts  links per layer
 */
export function linkBudgets(counts) {
  const total = counts.reduce((a, b) => a + b, 0);
  return counts.map((n) => (total <= MAX_LINKS ? n : Math.min(n, Math.max(64, Math.round((MAX_LINKS * n) / total)))));
}

/** Weight W[i][j] of a flat layer (frame.js's FlatLayer, unit by unit). */
export const weightAt = (layer, i, j) => layer.w[j * layer.rows + i];

/**
 * Which of a layer's links to draw when only `budget` of them are: {min: the smallest |w|
 * drawn, max: the largest |w|}. Both are estimated from a sample when the layer has more links
 * than that (a loop over every weight of a wide network each frame costs more than drawing it).
 * @param {import('./frame.js').FlatLayer} layer
 */
export function linkRange(layer, budget) {
  const { rows, units, w } = layer, count = rows * units;
  if (count <= budget) {
    let max = 0;
    for (const v of w) max = Math.max(max, Math.abs(v));
    return { min: 0, max };
  }
  // 1000 weights spread by the golden ratio (an even stride would alias with the rows).
  const sample = [];
  for (let k = 0; k < 1000; k++) {
    const at = Math.floor(((k * 0.6180339887498949) % 1) * count);
    sample.push(Math.abs(weightAt(layer, Math.floor(at / units), at % units)));
  }
  sample.sort((a, b) => b - a);
  return { min: sample[Math.min(sample.length - 1, Math.floor((budget / count) * sample.length))], max: sample[0] };
}

// The distance from (px, py) to the segment (ax, ay)–(bx, by).
function segmentDistance(px, py, ax, ay, bx, by) {
  const dx = bx - ax, dy = by - ay;
  const t = Math.max(0, Math.min(1, ((px - ax) * dx + (py - ay) * dy) / (dx * dx + dy * dy || 1)));
  return Math.hypot(px - (ax + t * dx), py - (ay + t * dy));
}

// Where a link of layer l from unit i to unit j starts and ends: the boxes' facing edges.
export function linkEnds(geometry, l, i, j) {
  const a = geometry.columns[l][i], b = geometry.columns[l + 1][j];
  return [a.x + geometry.sizes[l] / 2, a.y, b.x - geometry.sizes[l + 1] / 2, b.y];
}

/**
 * What (px, py) hits: {kind: 'node', column, unit} or {kind: 'link', layer, row, unit}, or null.
 * @param {import('./frame.js').FlatLayer[]} layers
 * @param {number[]} thresholds  per layer, the smallest |w| drawn
 * @param {number} slack  extra px of tolerance (more for touch)
 */
export function hit(geometry, layers, thresholds, px, py, slack = 3) {
  for (const [column, nodes] of geometry.columns.entries()) {
    const h = geometry.sizes[column] / 2 + Math.min(slack, 2);
    if (Math.abs(px - nodes[0]?.x) > h) continue;
    let best = null, bestD = Infinity;
    nodes.forEach(({ y }, unit) => {
      const d = Math.abs(py - y);
      if (d <= h && d < bestD) { best = { kind: 'node', column, unit }; bestD = d; }
    });
    if (best) return best;
  }
  // Links: only those between the two columns around px, the nearest within the slack.
  const l = geometry.columns.findIndex((nodes, c) => c + 1 < geometry.columns.length && px > nodes[0].x && px < geometry.columns[c + 1][0].x);
  if (l < 0 || !layers[l]) return null;
  let best = null, bestD = slack + 1.5;
  const { rows, units } = layers[l];
  for (let i = 0; i < rows; i++) {
    for (let j = 0; j < units; j++) {
      if (Math.abs(weightAt(layers[l], i, j)) < thresholds[l]) continue;
      const d = segmentDistance(px, py, ...linkEnds(geometry, l, i, j));
      if (d < bestD) { best = { kind: 'link', layer: l, row: i, unit: j }; bestD = d; }
    }
  }
  return best;
}

/**
 * The RGBA plane of each node's heatmap in the input view's images, per column (or null where
 * the core drew none): plane 0 is the output; then each hidden unit in layer order; then each
 * input feature.
 */
export function planes(sizes, info) {
  const hidden = sizes.slice(1, -1).reduce((a, b) => a + b, 0);
  const maps = info.featureMaps ?? 0;
  const withUnits = info.images > 1 && info.images === 1 + hidden + maps;
  let next = 1;
  return sizes.map((n, c) => {
    if (c === sizes.length - 1) return Array(n).fill(info.images > 0 ? 0 : null);
    if (c === 0) return Array.from({ length: n }, (_, i) => (withUnits && maps === n ? 1 + hidden + i : null));
    const first = next;
    next += n;
    return Array.from({ length: n }, (_, j) => (withUnits ? first + j : null));
  });
}

// The nodes' heatmaps, copied out of wasm memory into one image a frame (one putImageData,
// then a drawImage per node from `canvas`).
export class NodeMaps {
  constructor() {
    this.canvas = document.createElement('canvas');
    this.image = null;
  }

  /**
   * @param {{info: object, rgba: Uint8ClampedArray}} input  the input view's images (valid now only)
   * @param {number[]} sizes  units per column
   * @param {string[]} classes  the class colours
   * @returns {Array<Array<number|null>>|null}  each node's row of res × res pixels in `canvas`
   */
  fill({ info, rgba }, sizes, classes) {
    if (!info.images || !info.res) return null;
    const source = planes(sizes, info);
    const res = info.res, plane = res * res * 4;
    const wanted = source.flat().filter((p) => p != null).length;
    if (!this.image || this.image.width !== res || this.image.height !== res * wanted) {
      this.image = new ImageData(res, res * wanted);
      this.canvas.width = res;
      this.canvas.height = res * wanted;
    }
    const data = this.image.data, outputs = sizes.at(-1);
    let slot = 0;
    const slots = source.map((column, c) => column.map((p, j) => {
      if (p == null) return null;
      const from = rgba.subarray(p * plane, (p + 1) * plane), at = slot * plane;
      if (c === sizes.length - 1 && outputs > 1) classMask(from, data, at, j, classes.slice(0, outputs));
      else data.set(from, at);
      return slot++;
    }));
    this.canvas.getContext('2d').putImageData(this.image, 0, 0);
    return slots;
  }
}

// Several outputs share one map (the likeliest class's colour over white): output j keeps the
// pixels tinted towards class j's colour and is white elsewhere.
function classMask(from, data, at, j, classes) {
  const tints = classes.map((hex) => {
    const t = [1, 3, 5].map((i) => 255 - parseInt(hex.slice(i, i + 2), 16));
    const n = Math.hypot(...t) || 1;
    return t.map((v) => v / n);
  });
  for (let p = 0; p < from.length; p += 4) {
    const r = 255 - from[p], g = 255 - from[p + 1], b = 255 - from[p + 2];
    let best = 0, top = -Infinity;
    for (let q = 0; q < tints.length; q++) {
      const s = r * tints[q][0] + g * tints[q][1] + b * tints[q][2];
      if (s > top) { top = s; best = q; }
    }
    const keep = best === j;
    data[at + p] = keep ? from[p] : 255;
    data[at + p + 1] = keep ? from[p + 1] : 255;
    data[at + p + 2] = keep ? from[p + 2] : 255;
    data[at + p + 3] = 255;
  }
}
