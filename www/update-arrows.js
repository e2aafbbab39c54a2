// Drawing one update in a space view: its points marked, an arrow each (magnified by a round
// factor the note states), and the lines drawn before the update left faint behind the new ones.
// The core computes the arrows (see crate/src/views/arrows.rs); this only draws them.
import { OUTPUT, unitColour } from './palette.js';

const STRIDE = 5; // index, x, y, dx, dy
const TARGET_PX = 45; // the longest arrow is magnified to about this length

// The largest of 1, 2, 5 × 10^k that keeps the longest arrow within TARGET_PX (at least 1).
export function magnification(longestPx) {
  if (!(longestPx > 0)) return 1;
  let best = 1;
  for (let e = 0; e <= 8; e++)
    for (const m of [1, 2, 5]) {
      const k = m * 10 ** e;
      if (k * longestPx <= TARGET_PX) best = k;
    }
  return best;
}

/**
 * @param {import('./space-view.js').SpaceView} view
 * @param {import('./frame.js').SpaceFrame} frame  with `arrows`: STRIDE numbers per point
 */
export function drawUpdate(view, frame) {
  const { arrows, info } = frame;
  const plot = view.plot;
  const ctx = plot.ctx;
  faintLines(view, frame);
  const toPixel = (x, y) => plot.toPixel(x, y);
  let longest = 0;
  for (let a = 0; a < arrows.length; a += STRIDE) {
    const [px, py] = toPixel(arrows[a + 1], arrows[a + 2]);
    const [qx, qy] = toPixel(arrows[a + 1] + arrows[a + 3], arrows[a + 2] + arrows[a + 4]);
    longest = Math.max(longest, Math.hypot(qx - px, qy - py));
  }
  const k = magnification(longest);
  const hidden = info.layer > 0;
  view.arrowScale = k;
  for (let a = 0; a < arrows.length; a += STRIDE) {
    const [px, py] = toPixel(arrows[a + 1], arrows[a + 2]);
    const [qx, qy] = toPixel(arrows[a + 1] + arrows[a + 3], arrows[a + 2] + arrows[a + 4]);
    const dx = (qx - px) * k, dy = (qy - py) * k;
    // In a hidden layer the point moved here from the tail; in the input plane the arrow leaves
    // the point in the direction the update pushed its output.
    const from = hidden ? [px - dx, py - dy] : [px, py];
    const to = hidden ? [px, py] : [px + dx, py + dy];
    mark(ctx, px, py, plot.thick);
    arrow(ctx, from, to, plot.thick);
  }
  const n = arrows.length / STRIDE;
  const count = view.before?.count ?? n;
  const what = view.before?.kind !== 'batch' ? 'this sample'
    : count > n ? `the first ${n} of this minibatch's ${count} points` : `this minibatch's ${n} point${n === 1 ? '' : 's'}`;
  const faint = faintShown(view, frame) ? ' Dashed faint lines: the units before the update.' : '';
  view.updateNote = hidden
    ? `Ringed: ${what}. Arrows, magnified ×${k}: how the update moved each point in this layer (the tail is where it was, on the same axes).${faint}`
    : `Ringed: ${what}. Arrows, magnified ×${k}: where the update pushed each point's output — it changed ${info.task.kind === 'regression' ? 'the prediction at the point' : 'the probability of the point\'s own class'} by Δ, as much as moving the point by the arrow (along that output's gradient) would have.${faint}`;
}

// The lines drawn before the update, faint and dashed (where the axes do not depend on the
// weights: the input plane and a 2-unit layer's own plane).
function faintLines(view, frame) {
  if (!faintShown(view, frame)) return;
  const { info } = frame;
  const ctx = view.plot.ctx;
  const isOutput = info.layer === info.depth;
  const multiclass = isOutput && info.task.kind === 'multiclass';
  ctx.save();
  ctx.globalAlpha = 0.5;
  for (const line of view.before.boundaries) {
    if (!line.meets) continue;
    const colour = line.label.includes('|') || multiclass ? frame.classes[line.unit % frame.classes.length] : isOutput ? OUTPUT : unitColour(line.unit);
    view.plot.line(line.w[0], line.w[1], line.b, colour, '', { thin: true, dashed: true });
  }
  ctx.restore();
}

function faintShown(view, { info }) {
  const before = view.before;
  return Boolean(before && before.layer === info.layer && info.lines && (info.layer === 0 || info.mode === 'plane'));
}

function mark(ctx, x, y, thick) {
  ctx.beginPath();
  ctx.arc(x, y, 6 * thick, 0, 2 * Math.PI);
  ctx.strokeStyle = '#fff';
  ctx.lineWidth = 3.5;
  ctx.stroke();
  ctx.strokeStyle = '#111';
  ctx.lineWidth = 1.5;
  ctx.stroke();
}

// An arrow with a white halo, so it reads over any heatmap.
function arrow(ctx, [x0, y0], [x1, y1], thick) {
  const len = Math.hypot(x1 - x0, y1 - y0);
  if (len < 0.5) return;
  const ux = (x1 - x0) / len, uy = (y1 - y0) / len;
  const head = Math.min(7 * thick, len * 0.6);
  const path = () => {
    ctx.beginPath();
    ctx.moveTo(x0, y0);
    ctx.lineTo(x1, y1);
    ctx.moveTo(x1 - head * ux + head * 0.5 * uy, y1 - head * uy - head * 0.5 * ux);
    ctx.lineTo(x1, y1);
    ctx.lineTo(x1 - head * ux - head * 0.5 * uy, y1 - head * uy + head * 0.5 * ux);
  };
  path();
  ctx.strokeStyle = 'rgba(255,255,255,0.9)';
  ctx.lineWidth = 4 * thick;
  ctx.lineCap = 'round';
  ctx.stroke();
  path();
  ctx.strokeStyle = '#111';
  ctx.lineWidth = 2 * thick;
  ctx.stroke();
  ctx.lineCap = 'butt';
}
