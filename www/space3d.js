// A 3-unit layer (or three picked units) as a turnable 3D scatter: every point at its three
// activations, the next layer's units as planes w·a + b = 0 inside the box, and the warped
// grid. Drag or use the arrow keys (with the canvas focused) to turn it.
import { View3D } from './view3d.js';
import { OUTPUT, unitColour, withAlpha } from './palette.js';

const PLANE_STEPS = 8;

export class Space3D {
  // redraw(): asks the element for a frame; enabled(): whether the canvas shows 3D now.
  constructor(canvas, redraw, enabled) {
    this.view = new View3D(canvas, redraw, enabled);
    this.projected = new Float64Array(0);
  }

  // frame: a space frame whose info.dims is 3; options: {morph, highlight}
  draw(frame, { morph = 1, highlight = null } = {}) {
    const { info, points, labels } = frame;
    const v = this.view;
    const ctx = v.begin();
    const ranges = info.ranges;
    const norm = (value, k) => -1 + (2 * (value - ranges[k][0])) / (ranges[k][1] - ranges[k][0]);
    v.box(info.names, ranges);
    // The morph starts from the input plane laid on the box's floor.
    const input = info.inputWindow;
    const floor = (x, k) => -1 + (2 * (x - input[k ? 'y' : 'x'][0])) / (input[k ? 'y' : 'x'][1] - input[k ? 'y' : 'x'][0]);
    const at = (p, origin, t) => {
      const end = [norm(p[0], 0), norm(p[1], 1), norm(p[2], 2)];
      if (t === 1) return end;
      const start = [floor(origin[0], 0), floor(origin[1], 1), -1];
      return end.map((e, k) => (1 - t) * start[k] + t * e);
    };
    if (frame.warp) this.grid(frame, at, morph);
    if (morph === 1) this.planes(frame, norm);
    const n = info.points;
    if (this.projected.length !== 3 * n) this.projected = new Float64Array(3 * n);
    const colourOf = info.task.kind === 'multiclass'
      ? (y) => frame.classes[y % frame.classes.length]
      : info.task.kind === 'regression' ? () => '#404a5a' : (y) => frame.classes[y > 0.5 ? 1 : 0];
    const shown = frame.show.test ? n : frame.nTrain;
    for (let i = 0; i < shown; i++) {
      const [x, y, z] = at([points[3 * i], points[3 * i + 1], points[3 * i + 2]], [frame.origins[2 * i], frame.origins[2 * i + 1]], morph);
      const [px, py, depth] = v.project(x, y, z);
      this.projected.set([px, py, depth], 3 * i);
      ctx.beginPath();
      ctx.arc(px, py, 3, 0, 2 * Math.PI);
      const train = i < frame.nTrain;
      ctx.fillStyle = train ? colourOf(labels[i]) : '#fff';
      ctx.fill();
      ctx.strokeStyle = train ? '#fff' : colourOf(labels[i]);
      ctx.lineWidth = train ? 0.8 : 1.6;
      ctx.stroke();
    }
    this.count = shown;
    v.labelAxes();
    if (highlight != null && highlight < shown) {
      const [px, py] = this.projected.subarray(3 * highlight, 3 * highlight + 2);
      ctx.beginPath();
      ctx.arc(px, py, 8, 0, 2 * Math.PI);
      ctx.strokeStyle = '#111';
      ctx.lineWidth = 2.5;
      ctx.stroke();
    }
  }

  // Each unit's plane as a mesh over the box, solved for the axis its weights lean on most.
  planes(frame, norm) {
    const { info } = frame;
    const ctx = this.view.ctx;
    const isOutput = info.layer === info.depth;
    const r = info.ranges;
    for (const plane of info.boundaries) {
      const w = plane.w;
      const k = [0, 1, 2].reduce((best, j) => (Math.abs(w[j]) > Math.abs(w[best]) ? j : best), 0);
      if (Math.abs(w[k]) < 1e-12) continue;
      const [i, j] = [0, 1, 2].filter((a) => a !== k);
      const colour = isOutput ? (info.task.kind === 'multiclass' ? frame.classes[plane.unit % frame.classes.length] : OUTPUT) : unitColour(plane.unit);
      ctx.strokeStyle = withAlpha(colour, plane.exact ? 0.55 : 0.3);
      ctx.lineWidth = 1;
      for (let a = 0; a <= PLANE_STEPS; a++)
        for (const along of [0, 1]) {
          ctx.beginPath();
          let drawing = false;
          for (let b = 0; b <= PLANE_STEPS; b++) {
            const p = [];
            p[i] = r[i][0] + ((r[i][1] - r[i][0]) * (along ? a : b)) / PLANE_STEPS;
            p[j] = r[j][0] + ((r[j][1] - r[j][0]) * (along ? b : a)) / PLANE_STEPS;
            p[k] = -(w[i] * p[i] + w[j] * p[j] + plane.b) / w[k];
            if (p[k] < r[k][0] || p[k] > r[k][1]) { drawing = false; continue; }
            const [px, py] = this.view.project(norm(p[0], 0), norm(p[1], 1), norm(p[2], 2));
            if (drawing) ctx.lineTo(px, py); else ctx.moveTo(px, py);
            drawing = true;
          }
          ctx.stroke();
        }
    }
  }

  grid(frame, at, morph) {
    const { info, warp } = frame;
    const { lines, samples } = info.warp;
    const ctx = this.view.ctx;
    ctx.beginPath();
    for (let l = 0; l < lines; l++)
      for (let s = 0; s < samples; s++) {
        const v = (l * samples + s) * 5;
        const [x, y, z] = at([warp[v + 2], warp[v + 3], warp[v + 4]], [warp[v], warp[v + 1]], morph);
        const [px, py] = this.view.project(x, y, z);
        if (s === 0) ctx.moveTo(px, py); else ctx.lineTo(px, py);
      }
    ctx.strokeStyle = 'rgba(64, 74, 90, 0.35)';
    ctx.lineWidth = 1;
    ctx.stroke();
  }

  pointAt(px, py) {
    let best = null, dist = 9;
    for (let i = 0; i < this.count; i++) {
      const d = Math.hypot(this.projected[3 * i] - px, this.projected[3 * i + 1] - py);
      if (d <= dist) { best = i; dist = d; }
    }
    return best;
  }

  pixelOf(i) {
    if (i == null || i >= this.count) return null;
    return [this.projected[3 * i], this.projected[3 * i + 1]];
  }
}
