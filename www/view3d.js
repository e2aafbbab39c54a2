// A small orthographic 3D view on a canvas: points in the unit cube [-1, 1]³ (z up) are turned
// by a yaw and a pitch that the user drags with the mouse or a finger, or turns with the arrow
// keys while the canvas has focus.
import { fitCanvas } from './plot.js';

export class View3D {
  // enabled(): whether the canvas shows this view now (a space view may be flat instead).
  constructor(canvas, onChange, enabled = () => true) {
    this.canvas = canvas;
    this.ctx = canvas.getContext('2d');
    this.yaw = -0.65;
    this.pitch = 0.5;
    let last = null;
    canvas.addEventListener('pointerdown', (e) => {
      if (!enabled()) return;
      last = [e.clientX, e.clientY];
      canvas.setPointerCapture(e.pointerId);
    });
    canvas.addEventListener('pointermove', (e) => {
      if (!last) return;
      this.rotate((e.clientX - last[0]) * 0.01, (e.clientY - last[1]) * 0.01);
      last = [e.clientX, e.clientY];
      onChange();
    });
    const end = () => (last = null);
    canvas.addEventListener('pointerup', end);
    canvas.addEventListener('pointercancel', end);
    const keys = { ArrowLeft: [-0.1, 0], ArrowRight: [0.1, 0], ArrowUp: [0, -0.1], ArrowDown: [0, 0.1] };
    canvas.addEventListener('keydown', (e) => {
      const turn = keys[e.key];
      if (!turn || !enabled()) return;
      // The arrows turn this view only: not the lesson's steps, not the page's scroll.
      e.preventDefault();
      e.stopPropagation();
      this.rotate(...turn);
      onChange();
    });
  }

  rotate(dyaw, dpitch) {
    this.yaw += dyaw;
    this.pitch = Math.max(-1.45, Math.min(1.45, this.pitch + dpitch));
  }

  begin() {
    const w = this.canvas.clientWidth || this.canvas.width;
    const h = this.canvas.clientHeight || this.canvas.height;
    const ctx = fitCanvas(this.canvas, w, h);
    ctx.fillStyle = '#fff';
    ctx.fillRect(0, 0, w, h);
    this.w = w;
    this.h = h;
    this.scale = Math.min(w, h) * 0.27;
    return ctx;
  }

  // [px, py, depth] of a point of the unit cube.
  project(x, y, z) {
    const c = Math.cos(this.yaw), s = Math.sin(this.yaw);
    const X = x * c - y * s;
    const Y = x * s + y * c;
    const cp = Math.cos(this.pitch), sp = Math.sin(this.pitch);
    const up = z * cp - Y * sp;
    const depth = Y * cp + z * sp;
    return [this.w / 2 + X * this.scale, this.h / 2 - up * this.scale, depth];
  }

  // The cube's edges; `labels` and `ranges` ([lo, hi] per axis) are kept for labelAxes(), which
  // is called after what is drawn inside the box so that nothing covers the words.
  box(labels, ranges) {
    const ctx = this.ctx;
    this.axisLabels = [labels, ranges];
    ctx.strokeStyle = '#c8ced8';
    ctx.lineWidth = 1;
    const corners = [-1, 1];
    for (const a of corners)
      for (const b of corners) {
        this.segment([-1, a, b], [1, a, b]);
        this.segment([a, -1, b], [a, 1, b]);
        this.segment([a, b, -1], [a, b, 1]);
      }
  }

  // The axes' titles and end values, each on a white outline, pushed outward from the box's
  // centre so that the three low ends never share a corner.
  labelAxes() {
    if (!this.axisLabels) return;
    const [labels, ranges] = this.axisLabels;
    const ctx = this.ctx;
    const [cx, cy] = this.project(0, 0, 0);
    const text = (words, font, at, push) => {
      const [px, py] = this.project(...at);
      const d = Math.hypot(px - cx, py - cy) || 1;
      const x = px + ((px - cx) / d) * push, y = py + ((py - cy) / d) * push;
      ctx.font = font;
      ctx.strokeStyle = '#fff';
      ctx.lineWidth = 3.5;
      ctx.lineJoin = 'round';
      ctx.strokeText(words, x, y);
      ctx.fillText(words, x, y);
    };
    ctx.save();
    ctx.fillStyle = '#404a5a';
    ctx.textAlign = 'center';
    ctx.textBaseline = 'middle';
    const fmt = (v) => String(Number(v.toPrecision(2)));
    const ends = [[[1.25, -1, -1], [-0.7, -1, -1], [1, -1, -1]], [[-1, 1.25, -1], [-1, -0.7, -1], [-1, 1, -1]], [[-1, -1, 1.2], [-1, -1, -0.7], [-1, -1, 1]]];
    ends.forEach(([title, lo, hi], k) => {
      text(labels[k], 'italic 12px system-ui, sans-serif', title, 4);
      text(fmt(ranges[k][0]), '10px system-ui, sans-serif', lo, 12);
      text(fmt(ranges[k][1]), '10px system-ui, sans-serif', hi, 12);
    });
    ctx.restore();
  }

  segment(a, b) {
    const [ax, ay] = this.project(...a);
    const [bx, by] = this.project(...b);
    this.ctx.beginPath();
    this.ctx.moveTo(ax, ay);
    this.ctx.lineTo(bx, by);
    this.ctx.stroke();
  }

  // A wireframe of z = values[row][col] over the cube's floor (rows along y from top, cols along
  // x), each segment coloured by `colourOf(value)`.
  wireframe(values, res, zOf, colourOf, stride = 1) {
    const ctx = this.ctx;
    ctx.lineWidth = 1;
    const at = (r, c) => {
      const x = -1 + (2 * c) / (res - 1);
      const y = 1 - (2 * r) / (res - 1);
      return this.project(x, y, zOf(values[r * res + c]));
    };
    for (let r = 0; r < res; r += stride)
      for (let c = 0; c < res; c += stride) {
        const p = at(r, c);
        for (const [dr, dc] of [[0, stride], [stride, 0]]) {
          if (r + dr >= res || c + dc >= res) continue;
          const q = at(r + dr, c + dc);
          ctx.strokeStyle = colourOf((values[r * res + c] + values[(r + dr) * res + c + dc]) / 2);
          ctx.beginPath();
          ctx.moveTo(p[0], p[1]);
          ctx.lineTo(q[0], q[1]);
          ctx.stroke();
        }
      }
  }
}
