// Where the network diagram puts its nodes and links, and what a point of the diagram hits.
// Pure geometry (no DOM): columns for the inputs, every hidden layer and the output, one
// square box per unit; a column of many units packs its boxes tightly, so no two ever overlap.

// The largest node box (CSS px); below MIN_MAP a box is too small for its heatmap.
export const MAX_NODE = 52;
export const MIN_MAP = 12;
// Above this many links between two columns only the strongest are drawn.
export const MAX_LINKS = 2500;

/**
 * @param {number[]} sizes  units per column: inputs, each hidden layer, outputs
 * @param {number} width    CSS px available
 * @param {{left: number, right: number}} labels  room for the input and output names
 * @returns {{width: number, height: number, size: number, numbers: boolean,
 *   columns: Array<Array<{x: number, y: number}>>}}  node centres per column; boxes are size × size
 */
export function layout(sizes, width, labels) {
  const columns = sizes.length;
  const left = labels.left + 4, right = labels.right + 4;
  const pitchX = Math.max(8, (width - left - right) / columns);
  const most = Math.max(...sizes);
  // Tall enough to read, never taller than the screen needs: wide layers pack their boxes.
  const maxHeight = Math.max(260, Math.min(620, width * 0.75));
  let size = Math.min(MAX_NODE, pitchX * 0.55, (maxHeight - 16) / (most * 1.3));
  size = Math.max(1.5, size);
  // Biases are written under boxes large enough for the number.
  const numbers = size >= 26;
  const gap = numbers ? Math.max(14, size * 0.3) : Math.max(size * 0.3, 0.5);
  const pitchY = size + gap;
  const top = 8;
  // A column of n boxes spans n pitches, less the last gap unless a number sits in it.
  const extent = (n) => n * pitchY - (numbers ? 0 : gap);
  const height = Math.ceil(2 * top + extent(most));
  const layoutColumns = sizes.map((n, c) => {
    const x = left + pitchX * (c + 0.5);
    const start = top + (height - 2 * top - extent(n)) / 2 + size / 2;
    return Array.from({ length: n }, (_, j) => ({ x, y: start + j * pitchY }));
  });
  return { width, height, size, numbers, columns: layoutColumns };
}

// The node boxes as [x, y, size] (top-left corner), column by column.
export function boxes(geometry) {
  const s = geometry.size;
  return geometry.columns.flat().map(({ x, y }) => [x - s / 2, y - s / 2, s]);
}

/**
 * Which links of layer `l` (columns l → l+1) to draw: all, or the strongest when there are
 * more than MAX_LINKS (a threshold on |w| estimated from an even sample, no sort per frame).
 * @returns {number} the smallest |w| drawn
 */
export function linkThreshold(W) {
  const rows = W.length, units = W[0]?.length ?? 0, count = rows * units;
  if (count <= MAX_LINKS) return 0;
  const sample = [];
  const step = Math.max(1, Math.floor(count / 2000));
  for (let k = 0; k < count; k += step) sample.push(Math.abs(W[Math.floor(k / units)][k % units]));
  sample.sort((a, b) => b - a);
  return sample[Math.min(sample.length - 1, Math.floor((MAX_LINKS / count) * sample.length))];
}

// The distance from (px, py) to the segment (ax, ay)–(bx, by).
function segmentDistance(px, py, ax, ay, bx, by) {
  const dx = bx - ax, dy = by - ay;
  const t = Math.max(0, Math.min(1, ((px - ax) * dx + (py - ay) * dy) / (dx * dx + dy * dy || 1)));
  return Math.hypot(px - (ax + t * dx), py - (ay + t * dy));
}

// Where a link of layer l from unit i to unit j starts and ends: the boxes' facing edges.
export function linkEnds(geometry, l, i, j) {
  const a = geometry.columns[l][i], b = geometry.columns[l + 1][j], h = geometry.size / 2;
  return [a.x + h, a.y, b.x - h, b.y];
}

/**
 * What (px, py) hits: {kind: 'node', column, unit} or {kind: 'link', layer, row, unit}, or null.
 * @param {Array<{W: number[][]}>} layers
 * @param {number[]} thresholds  per layer, the smallest |w| drawn
 * @param {number} slack  extra px of tolerance (more for touch)
 */
export function hit(geometry, layers, thresholds, px, py, slack = 3) {
  const h = geometry.size / 2 + Math.min(slack, 2);
  for (const [column, nodes] of geometry.columns.entries()) {
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
  layers[l].W.forEach((row, i) => row.forEach((w, j) => {
    if (Math.abs(w) < thresholds[l]) return;
    const d = segmentDistance(px, py, ...linkEnds(geometry, l, i, j));
    if (d < bestD) { best = { kind: 'link', layer: l, row: i, unit: j }; bestD = d; }
  }));
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
