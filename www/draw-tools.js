// Data you make: the input view's drawing tools (control `draw`). With a tool chosen, a click (or
// a tap) on the input plane adds a point of the chosen class (shift-click: the other class),
// dragging a point moves it, a right-click or a long press removes one; "Erase" and "Move" do
// only that. Undo and Clear (an empty plane) sit beside them. The core owns the data: every
// edit is one call (draw_add, draw_erase, draw_move, draw_clear, draw_undo) that turns the data
// into a drawing (the `drawn` key) and starts the run again on it. With the tool "Point" the
// view keeps its other pointer features (linking points, dragging lines).
import { setText } from './dom-write.js';

const LONG_PRESS_MS = 550;
const DRAG_PX = 6;

/**
 * @typedef {object} DrawInfo  what the core says of the data (Playground.draw_info)
 * @property {boolean} drawn      the data is a drawing
 * @property {number} count       points
 * @property {number} classes     classes of the data (0 for a regression)
 * @property {boolean} editable   points can be drawn (the labels are classes)
 * @property {string|null} reason why not
 * @property {number} undo        edits undo can take back
 */

/**
 * @typedef {object} DrawHost  what the tools ask of their element
 * @property {() => object|null} core                 the core Playground (null before it runs)
 * @property {(change: (core: object) => Array<{key: string, message: string}>) => Array<object>} edit
 *   makes a new run on edited data; returns the errors
 * @property {() => string[]} classes                 the class colours
 * @property {() => void} redrawNow                   draws the views at once
 * @property {(errors: Array<object>, title: string) => void} report
 * @property {() => void} undone                      undo brought earlier data back
 */

export class DrawTools {
  /**
   * @param {HTMLElement} bar   the toolbar (.draw-tools)
   * @param {import('./space-view.js').SpaceView} view  the input view
   * @param {DrawHost} host
   */
  constructor(bar, view, host) {
    this.bar = bar;
    this.view = view;
    this.host = host;
    this.tool = 'point';
    this.label = 0;
    this.press = null;
    this.info = null;
    this.buttons = [...bar.querySelectorAll('[data-tool]')];
    this.swatches = bar.querySelector('.draw-classes');
    this.undoButton = bar.querySelector('.draw-undo');
    this.clearButton = bar.querySelector('.draw-clear');
    this.note = bar.querySelector('.draw-note');
    for (const b of this.buttons) b.addEventListener('click', () => this.choose(b.dataset.tool));
    this.undoButton.addEventListener('click', () => this.undo());
    this.clearButton.addEventListener('click', () => this.run((core) => core.draw_clear()));
    this.listen(view.canvas);
    this.choose('point', false);
  }

  choose(tool, redraw = true) {
    this.tool = tool;
    for (const b of this.buttons) b.setAttribute('aria-pressed', String(b.dataset.tool === tool));
    const drawing = tool !== 'point';
    this.view.canvas.classList.toggle('drawing', drawing);
    // While drawing, a finger draws instead of scrolling the page.
    this.view.canvas.style.touchAction = drawing ? 'none' : '';
    // The lines keep their names but not their formulas, which would hide points.
    this.view.quiet = drawing;
    if (redraw) this.host.redrawNow();
    this.refresh();
  }

  // The tools as the data allows: the class swatches (the data's classes; three on a drawing
  // or an empty plane, so that a third class can be drawn), undo, and why drawing is not possible.
  refresh() {
    const core = this.host.core();
    if (!core) return;
    const info = /** @type {DrawInfo} */ (core.draw_info());
    this.info = info;
    const count = info.classes === 0 ? 0 : Math.max(info.classes, info.drawn || info.count === 0 ? 3 : 2);
    if (this.label >= count) this.label = 0;
    if (this.swatches.children.length !== count) {
      const colours = this.host.classes();
      this.swatches.replaceChildren(...Array.from({ length: count }, (_, k) => {
        const b = document.createElement('button');
        b.type = 'button';
        b.className = 'swatch';
        b.dataset.label = String(k);
        b.title = `Draw points of class ${k}`;
        b.setAttribute('aria-label', `class ${k}`);
        b.style.background = colours[k % colours.length];
        b.addEventListener('click', () => { this.label = k; this.refresh(); });
        return b;
      }));
    }
    for (const b of this.swatches.children) b.setAttribute('aria-pressed', String(Number(b.dataset.label) === this.label));
    this.undoButton.disabled = info.undo === 0;
    this.undoButton.title = info.undo ? `Undo the last change to the data (${info.undo} kept)` : 'Nothing to undo';
    for (const b of this.buttons) if (b.dataset.tool !== 'point') b.disabled = !info.editable;
    const hints = {
      add: 'Click or tap adds a point of the chosen class (shift-click: the other class); drag a point to move it; right-click or a long press removes one.',
      erase: 'Click or tap a point to remove it.',
      move: 'Drag a point to move it.',
    };
    const text = info.editable ? hints[this.tool] ?? '' : `Drawing: ${info.reason}. Clear starts an empty plane.`;
    setText(this.note, text);
    this.note.hidden = !text;
  }

  // An edit of the data: a new run on it, or a message naming why not.
  run(change) {
    const errors = this.host.edit(change);
    this.host.report(errors, 'Not drawn');
    this.refresh();
    return errors;
  }

  undo() {
    this.host.edit((core) => { core.draw_undo(); return []; });
    this.host.undone();
    this.refresh();
  }

  local(e) {
    const r = this.view.canvas.getBoundingClientRect();
    return [e.clientX - r.left, e.clientY - r.top];
  }

  // Inside the plot's square (points drawn outside it would be off the plane).
  inside(px, py) {
    const a = this.view.plot.area;
    return a && px >= a.left && px <= a.left + a.width && py >= a.top && py <= a.top + a.height;
  }

  // The pointer on the canvas, caught before the view's own handlers (hover, links, lines)
  // whenever a drawing tool is chosen.
  listen(canvas) {
    const parent = canvas.parentElement;
    const mine = (e) => e.target === canvas && this.tool !== 'point' && this.view.info?.dims !== 3;
    const stop = (e) => { e.stopPropagation(); e.preventDefault(); };
    parent.addEventListener('pointerdown', (e) => {
      if (!mine(e)) return;
      stop(e);
      canvas.focus({ preventScroll: true });
      const [px, py] = this.local(e);
      const index = this.view.pointAt(px, py);
      if (e.button === 2) return this.erase(index);
      if (e.button !== 0) return;
      canvas.setPointerCapture?.(e.pointerId);
      this.press = { px, py, index, shift: e.shiftKey, dragging: false, done: false };
      // A long press (a finger held still) removes the point under it.
      if (e.pointerType !== 'mouse') {
        const press = this.press;
        press.timer = setTimeout(() => {
          if (this.press !== press || press.dragging) return;
          press.done = true;
          this.erase(index);
        }, LONG_PRESS_MS);
      }
    }, true);
    parent.addEventListener('pointermove', (e) => {
      if (!mine(e)) return;
      stop(e);
      const p = this.press;
      const [px, py] = this.local(e);
      if (!p) {
        canvas.style.cursor = this.tool === 'erase' || this.tool === 'move' ? (this.view.pointAt(px, py) != null ? 'pointer' : 'default') : 'crosshair';
        return;
      }
      if (!p.dragging && Math.hypot(px - p.px, py - p.py) > DRAG_PX && p.index != null && this.tool !== 'erase' && !p.done) {
        p.dragging = true;
        clearTimeout(p.timer);
      }
      if (p.dragging) this.preview(p.index, px, py);
    }, true);
    parent.addEventListener('pointerup', (e) => {
      if (!mine(e)) return;
      stop(e);
      const p = this.press;
      this.press = null;
      if (!p || p.done) return;
      clearTimeout(p.timer);
      const [px, py] = this.local(e);
      if (p.dragging) {
        const [x, y] = this.view.plot.toData(px, py);
        if (this.inside(px, py)) this.run((core) => core.draw_move(p.index, x, y));
        else this.host.redrawNow();
      } else if (this.tool === 'erase') this.erase(p.index);
      else if (this.tool === 'add' && this.inside(p.px, p.py)) this.add(p.px, p.py, p.shift);
    }, true);
    parent.addEventListener('pointercancel', (e) => {
      if (e.target !== canvas || !this.press) return;
      clearTimeout(this.press.timer);
      this.press = null;
      this.host.redrawNow();
    }, true);
    for (const type of ['click', 'contextmenu', 'touchstart']) parent.addEventListener(type, (e) => { if (mine(e)) stop(e); }, { capture: true, passive: false });
    canvas.addEventListener('keydown', (e) => {
      if ((e.ctrlKey || e.metaKey) && e.key.toLowerCase() === 'z' && this.info?.undo) { e.preventDefault(); e.stopPropagation(); this.undo(); }
    });
  }

  add(px, py, shift) {
    const [x, y] = this.view.plot.toData(px, py);
    const classes = this.swatches.children.length || 2;
    // Shift: the other class (the next one with three or more).
    const label = shift ? (this.label + 1) % classes : this.label;
    this.run((core) => core.draw_add(x, y, label));
  }

  erase(index) {
    if (index == null) return;
    this.run((core) => core.draw_erase(index));
  }

  // Where a dragged point goes: the views as they are, the point's new place on top.
  preview(index, px, py) {
    this.host.redrawNow();
    const from = this.view.pixelOf(index);
    if (!from) return;
    const ctx = this.view.plot.ctx;
    ctx.save();
    ctx.setLineDash([4, 3]);
    ctx.strokeStyle = '#333';
    ctx.lineWidth = 1;
    ctx.beginPath();
    ctx.moveTo(from[0], from[1]);
    ctx.lineTo(px, py);
    ctx.stroke();
    ctx.setLineDash([]);
    ctx.beginPath();
    ctx.arc(px, py, 6, 0, 2 * Math.PI);
    ctx.fillStyle = 'rgba(255, 255, 255, 0.8)';
    ctx.fill();
    ctx.lineWidth = 2;
    ctx.stroke();
    ctx.restore();
  }
}

/**
 * Drawn points travel in links and embed code while there are few enough; past that the key is
 * left out, with a message.
 * @param {object} config  the element's config
 * @param {number} limit   the most a link carries (the `drawn` key's `linkPoints`)
 * @returns {{config: object, note: string|null}}
 */
export function linkableConfig(config, limit) {
  if (config.dataset !== 'custom' || !config.drawn || config.points <= limit) return { config, note: null };
  const note = `Your ${config.points} drawn points are more than a link carries (at most ${limit}), so the link and the embed code leave them out. Save them with “Save data (CSV)” and load the file with “Your data”.`;
  return { config: { ...config, drawn: '' }, note };
}
