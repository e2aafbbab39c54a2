// Which of the costly views beside the spaces (the diagram, the weights panel, the figures) are on
// screen. While training, one off screen redraws at most once a second instead of at the
// secondary views' rate (in a frame its timer makes due, so a heavy network's turns hold), and
// draws at once when it comes on screen with an older picture: a page whose views below the fold
// are not looked at spends its frames on the spaces, while a printout or a screenshot of the
// whole page still shows a recent picture. Paused, every view draws.
// The element's first frame draws what is on screen only: a part whose panel is wholly outside
// the viewport then (by its box, as the observer has not said yet) draws once the browser has
// shown the first, in a frame its timer makes due (paused: the next), so that the page appears
// that much sooner and every part has drawn once soon after, training or not.
import { watch } from './visibility.js';

const OFF_SCREEN_HZ = 1;

export class OnScreen {
  /**
   * @param {Record<string, Element>} panels  view name → the panel it draws in
   * @param {() => void} redraw  asks for a frame (a view came on screen with an old picture)
   */
  constructor(panels, redraw) {
    this.panels = panels;
    this.shown = {}; // panel name → on screen, as the observer last said (absent: not said yet)
    this.stale = new Map(); // part → its panel, for the parts that skipped a redraw that was due
    this.drawnAt = {};
    this.redraw = redraw;
    this.first = true; // no frame planned yet
    this.waiting = new Set(); // the parts the first frame left for later
    this.released = false; // whether the browser has shown the first frame
    this.stops = Object.entries(panels).map(([name, panel]) => watch(panel, {
      near() {},
      seen: (on) => {
        this.shown[name] = on;
        if (on && [...this.stale.values()].includes(name)) redraw();
      },
    }));
  }

  /**
   * Whether `part` of the view in panel `panel` (a view may have parts on timers of their own)
   * draws in this frame: 'no'; 'due', what its timer made due; or 'all', as it missed redraws.
   * `due`: its timer says so; `training`: off screen counts only then; `mayWait`: false when
   * every view must draw now (an export, a printout).
   * @returns {'no'|'due'|'all'}
   */
  refresh(part, panel, due, training, now, mayWait = true) {
    if (!this.panels[panel]) return due ? 'due' : 'no';
    if (this.first && mayWait && this.shown[panel] === undefined && outside(this.panels[panel])) this.waiting.add(part);
    if (this.waiting.has(part)) {
      // Once shown, in a frame its timer makes due (paused: the next), as below.
      if ((!this.released || !due) && mayWait) return 'no';
      // Its once-a-second clock starts when it draws, as the other parts' do: off screen, the
      // parts drawn from the unit maps keep drawing in the same frames (the maps computed once).
      this.waiting.delete(part);
      this.drawnAt[part] = now;
      return 'all';
    }
    if (training && this.shown[panel] === false) {
      if (due) this.stale.set(part, panel);
      // In a frame its timer makes due, not in any frame once the second is up: a heavy
      // network's parts keep their turns (six layers of 256: the diagram and the weights'
      // numbers drawn in one frame made frame callbacks of up to ~117 ms).
      if (!due || now - (this.drawnAt[part] ?? -Infinity) < 1000 / OFF_SCREEN_HZ) return 'no';
    } else if (!this.stale.has(part)) {
      if (due) this.drawnAt[part] = now;
      return due ? 'due' : 'no';
    }
    this.stale.delete(part);
    this.drawnAt[part] = now;
    return 'all';
  }

  // After a frame's plan: the first one, if it left a part for later, asks for a frame once the
  // browser has shown it (two animation frames on: one would draw them before it is shown).
  planned() {
    if (this.first && this.waiting.size) {
      requestAnimationFrame(() => requestAnimationFrame(() => {
        this.released = true;
        if (!this.destroyed) this.redraw();
      }));
    }
    this.first = false;
  }

  destroy() {
    this.destroyed = true;
    for (const stop of this.stops) stop();
  }
}

// Whether no pixel of `element` is in the viewport (as the observer would say).
function outside(element) {
  const r = element.getBoundingClientRect();
  return r.bottom <= 0 || r.right <= 0 || r.top >= innerHeight || r.left >= innerWidth;
}
