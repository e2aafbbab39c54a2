// A space view's points, stamped into one image here and put on the canvas in one call. The
// browser rasterises a path of 2,000 circles in about 8 ms (on the page's thread when it draws
// canvases in software), which took most of a wide network's frame; stamping a dot drawn once
// per colour and kind costs about a millisecond.

// Stamps per pixel in x and y: a dot lands within an eighth of a pixel of where it belongs.
const PHASES = 4;

export class PointLayer {
  constructor() {
    this.canvas = document.createElement('canvas');
    this.image = null;
  }

  /**
   * Draws the points onto `ctx` (scaled from CSS to device pixels) within `area`.
   * @param {CanvasRenderingContext2D} ctx
   * @param {{left: number, top: number, width: number, height: number}} area  CSS pixels
   * @param {Array<{colour: string, train: boolean, r: number, lineWidth: number, xy: number[]}>} groups
   *        in drawing order, each with its points' CSS pixel coordinates [x, y, x, y, …]
   */
  draw(ctx, area, groups) {
    const scale = ctx.getTransform().a || 1;
    const x0 = Math.round(area.left * scale), y0 = Math.round(area.top * scale);
    const w = Math.max(1, Math.round(area.width * scale)), h = Math.max(1, Math.round(area.height * scale));
    if (!this.image || this.image.width !== w || this.image.height !== h) {
      this.image = new ImageData(w, h);
      this.canvas.width = w;
      this.canvas.height = h;
      this.last = null;
    }
    // Plain bytes and words over the image (its own array rounds and clamps every store).
    const out = new Uint8Array(this.image.data.buffer);
    const out32 = new Uint32Array(out.buffer);
    // Only the rows and columns the last points covered are cleared and put again (the feature
    // view's points often cover a narrow band of it).
    const last = this.last;
    if (last) for (let y = last.y0; y < last.y1; y++) out32.fill(0, y * w + last.x0, y * w + last.x1);
    const box = { x0: w, y0: h, x1: 0, y1: 0 };
    for (const g of groups) {
      const phases = this.phasesOf(g, scale);
      const size = phases[0].size, half = size / 2;
      for (let i = 0; i < g.xy.length; i += 2) {
        const bx = g.xy[i] * scale - x0 - half, by = g.xy[i + 1] * scale - y0 - half;
        // Non-finite coordinates (a diverged run) are left out, as the browser leaves out such arcs.
        if (!Number.isFinite(bx) || !Number.isFinite(by) || bx >= w || by >= h || bx + size <= 0 || by + size <= 0) continue;
        // The stamp drawn nearest the point's fraction of a pixel (a quarter pixel apart).
        let px = Math.floor(bx), py = Math.floor(by);
        let fx = Math.round((bx - px) * PHASES), fy = Math.round((by - py) * PHASES);
        if (fx === PHASES) { px++; fx = 0; }
        if (fy === PHASES) { py++; fy = 0; }
        const stamp = phases[fy * PHASES + fx];
        box.x0 = Math.min(box.x0, Math.max(0, px));
        box.y0 = Math.min(box.y0, Math.max(0, py));
        box.x1 = Math.max(box.x1, Math.min(w, px + size));
        box.y1 = Math.max(box.y1, Math.min(h, py + size));
        if (px >= 0 && py >= 0 && px + size <= w && py + size <= h) blendInside(out, out32, stamp, stamp.offsetsFor(w), py * w + px);
        else blendClipped(out, out32, w, h, stamp, px, py);
      }
    }
    // The layer's canvas gets the union of the last box (now clear) and this one.
    const put = last ? { x0: Math.min(last.x0, box.x0), y0: Math.min(last.y0, box.y0), x1: Math.max(last.x1, box.x1), y1: Math.max(last.y1, box.y1) } : { x0: 0, y0: 0, x1: w, y1: h };
    if (put.x1 > put.x0 && put.y1 > put.y0)
      (this.context ??= this.canvas.getContext('2d')).putImageData(this.image, 0, 0, put.x0, put.y0, put.x1 - put.x0, put.y1 - put.y0);
    this.last = box.x1 > box.x0 ? box : { x0: 0, y0: 0, x1: 0, y1: 0 };
    if (box.x1 <= box.x0 || box.y1 <= box.y0) return;
    const bw = box.x1 - box.x0, bh = box.y1 - box.y0;
    ctx.save();
    ctx.setTransform(1, 0, 0, 1, 0, 0);
    ctx.drawImage(this.canvas, box.x0, box.y0, bw, bh, x0 + box.x0, y0 + box.y0, bw, bh);
    ctx.restore();
  }

  // A dot (filled, white edge) or a ring (white, coloured edge) as the browser draws it, once
  // for each quarter-pixel offset in x and y.
  phasesOf(group, scale) {
    const key = `${group.colour} ${group.train} ${group.r} ${group.lineWidth} ${scale}`;
    let phases = STAMPS.get(key);
    if (!phases) {
      // Enough for every view's dots and rings of a regression's shades (space-view.js).
      if (STAMPS.size > 160) STAMPS.clear();
      STAMPS.set(key, (phases = drawPhases(group, scale)));
    }
    return phases;
  }
}

// Every layer's stamps, shared: the page's space views draw the same dots, and making them once
// per view was a sixth of a first visit's first frame (each offset a canvas read-back).
const STAMPS = new Map(); // `${colour} ${train} ${radius} ${line width} ${scale}` → [Stamp] by phase

// The sixteen offsets of one dot drawn side by side on one canvas and read back at once. Each
// cell is wider than the dot with its edge, so no dot reaches into its neighbour's cell.
function drawPhases({ colour, train, r, lineWidth }, scale) {
  const size = Math.ceil(2 * (r + lineWidth) * scale) + 3;
  const c = document.createElement('canvas');
  c.width = c.height = size * PHASES;
  const g = c.getContext('2d', { willReadFrequently: true });
  g.fillStyle = train ? colour : '#fff';
  g.strokeStyle = train ? '#fff' : colour;
  g.lineWidth = lineWidth;
  for (let fy = 0; fy < PHASES; fy++)
    for (let fx = 0; fx < PHASES; fx++) {
      g.setTransform(scale, 0, 0, scale, fx * size + size / 2 + fx / PHASES, fy * size + size / 2 + fy / PHASES);
      g.beginPath();
      g.arc(0, 0, r, 0, 2 * Math.PI);
      g.fill();
      g.stroke();
    }
  const pixels = g.getImageData(0, 0, c.width, c.height).data;
  const phases = [];
  for (let fy = 0; fy < PHASES; fy++)
    for (let fx = 0; fx < PHASES; fx++) phases.push(new Stamp(pixels, c.width, fx * size, fy * size, size));
  return phases;
}

// A dot's covered pixels: where (dx, dy), the colour as bytes and as one 32-bit word, the alpha.
class Stamp {
  // The dot in the size × size cell at (x0, y0) of an image `stride` pixels wide.
  constructor(pixels, stride, x0, y0, size) {
    this.size = size;
    const at = (x, y) => 4 * ((y0 + y) * stride + x0 + x);
    let n = 0;
    for (let y = 0; y < size; y++) for (let x = 0; x < size; x++) if (pixels[at(x, y) + 3] > 0) n++;
    this.dx = new Int32Array(n);
    this.dy = new Int32Array(n);
    this.rgba = new Uint8Array(4 * n);
    this.alpha = new Uint8Array(n);
    let k = 0;
    for (let y = 0; y < size; y++)
      for (let x = 0; x < size; x++) {
        const p = at(x, y);
        if (pixels[p + 3] === 0) continue;
        this.dx[k] = x;
        this.dy[k] = y;
        this.rgba.set(pixels.subarray(p, p + 4), 4 * k);
        this.alpha[k++] = pixels[p + 3];
      }
    this.words = new Uint32Array(this.rgba.buffer);
    this.byWidth = new Map();
    this.offsets = null;
    this.width = -1;
  }

  // The covered pixels' offsets in an image `width` pixels wide (kept for each width, as the
  // views that share the stamp have images of their own widths).
  offsetsFor(width) {
    if (this.width !== width) {
      this.offsets = this.byWidth.get(width);
      if (!this.offsets) {
        if (this.byWidth.size > 8) this.byWidth.clear();
        this.offsets = this.dx.map((dx, k) => this.dy[k] * width + dx);
        this.byWidth.set(width, this.offsets);
      }
      this.width = width;
    }
    return this.offsets;
  }
}

// Source-over of the stamp's (unpremultiplied) pixels onto the image at pixel `at`: an opaque
// pixel, or one on nothing yet, is copied as a word; the rest are composited.
function blendInside(out, out32, stamp, offsets, at) {
  const { alpha, words } = stamp;
  for (let k = 0; k < offsets.length; k++) {
    const p = at + offsets[k], a = alpha[k];
    if (a === 255 || out[4 * p + 3] === 0) out32[p] = words[k];
    else composite(out, stamp.rgba, k, p, a);
  }
}

// The same for a dot across the image's edge, clipped to w × h.
function blendClipped(out, out32, w, h, stamp, px, py) {
  const { alpha, words, dx, dy } = stamp;
  for (let k = 0; k < dx.length; k++) {
    const x = px + dx[k], y = py + dy[k];
    if (x < 0 || y < 0 || x >= w || y >= h) continue;
    const p = y * w + x, a = alpha[k];
    if (a === 255 || out[4 * p + 3] === 0) out32[p] = words[k];
    else composite(out, stamp.rgba, k, p, a);
  }
}

// Both partly covered: alpha compositing in 0…255, rounded.
function composite(out, rgba, k, p, a) {
  const o = 4 * p, s = 4 * k;
  const keep = (out[o + 3] * (255 - a)) / 255;
  const alpha = a + keep;
  out[o] = (rgba[s] * a + out[o] * keep) / alpha + 0.5;
  out[o + 1] = (rgba[s + 1] * a + out[o + 1] * keep) / alpha + 0.5;
  out[o + 2] = (rgba[s + 2] * a + out[o + 2] * keep) / alpha + 0.5;
  out[o + 3] = alpha + 0.5;
}
