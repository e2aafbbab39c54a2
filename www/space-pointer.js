// What a reader does with a pointer (mouse, pen or finger) or the keyboard on a space view:
// pointing at a point links it in every view and shows its forward pass; a tap keeps it; the
// arrow keys step through the points; dragging a line's handles moves or turns that unit.

/**
 * @param {import('./space-view.js').SpaceView} view
 * @param {number} which  0: the input view, 1: the feature view (the core's view index)
 * @param {{point: (index: number|null, sticky: boolean, which: number) => void,
 *          selected: () => number|null, count: () => number,
 *          edit: (change: (core: object) => void) => string|null, notify: (text: string) => void}} link
 */
export function attachPointer(view, which, link) {
  const canvas = view.canvas;
  let drag = null;
  const local = (e) => {
    const r = canvas.getBoundingClientRect();
    return [e.clientX - r.left, e.clientY - r.top];
  };
  // A finger on a handle drags the line instead of scrolling the page (elsewhere it scrolls).
  canvas.addEventListener('touchstart', (e) => {
    const t = e.touches[0];
    const r = canvas.getBoundingClientRect();
    if (t && view.handleAt(t.clientX - r.left, t.clientY - r.top)) e.preventDefault();
  }, { passive: false });
  canvas.addEventListener('pointerdown', (e) => {
    const [px, py] = local(e);
    const handle = view.info?.dims === 2 ? view.handleAt(px, py) : null;
    if (!handle) return;
    e.preventDefault();
    canvas.setPointerCapture(e.pointerId);
    const at = view.plot.toData(px, py);
    drag = { ...handle, last: at, pivot: null, moved: false };
    if (handle.kind === 'turn') {
      // The line turns about its middle as it was when the drag began.
      let pivot = null;
      const error = link.edit((core) => { pivot = core.line_middle(which, handle.unit); });
      if (error || !pivot || pivot.length !== 2) { drag = null; return; }
      drag.pivot = [pivot[0], pivot[1]];
    }
  });
  canvas.addEventListener('pointermove', (e) => {
    const [px, py] = local(e);
    if (!drag) {
      canvas.style.cursor = view.info?.dims === 2 && view.handleAt(px, py) ? 'grab' : '';
      if (e.pointerType === 'mouse' && link.selected() == null) link.point(view.pointAt(px, py), false, which);
      return;
    }
    const at = view.plot.toData(px, py);
    const { unit, pivot, last } = drag;
    const error = link.edit((core) => {
      if (drag.kind === 'move') core.move_line(which, unit, at[0] - last[0], at[1] - last[1]);
      else core.turn_line(which, unit, pivot[0], pivot[1], at[0], at[1]);
    });
    if (error) { link.notify(error); drag = null; return; }
    drag.last = at;
    drag.moved = true;
  });
  const end = () => { drag = null; };
  canvas.addEventListener('pointerup', end);
  canvas.addEventListener('pointercancel', end);
  canvas.addEventListener('pointerleave', (e) => {
    if (!drag && e.pointerType === 'mouse' && link.selected() == null) link.point(null, false, which);
  });
  // A tap (or click) on a point keeps it linked; on empty space lets it go.
  canvas.addEventListener('click', (e) => {
    const [px, py] = local(e);
    if (view.handleAt(px, py)) return;
    const index = view.pointAt(px, py);
    link.point(index, index != null, which);
  });
  canvas.addEventListener('keydown', (e) => {
    if (view.info?.dims === 3 && e.key.startsWith('Arrow')) return; // the 3D view turns
    const n = link.count();
    if (!n) return;
    const current = link.selected();
    let next = null;
    if (e.key === 'ArrowRight' || e.key === 'ArrowDown') next = current == null ? 0 : (current + 1) % n;
    else if (e.key === 'ArrowLeft' || e.key === 'ArrowUp') next = current == null ? n - 1 : (current - 1 + n) % n;
    else if (e.key === 'Escape' && current != null) { link.point(null, false, which); }
    else return;
    // These keys step through points here: not the lesson's steps, not the page's scroll.
    e.preventDefault();
    e.stopPropagation();
    if (next != null) link.point(next, true, which);
  });
}
