// One requestAnimationFrame loop for every <feature-space> on the page, within one frame budget.
// Members that are on screen train (those at the fastest speed share the training time that
// keeps the display's frame rate) and then draw; members off screen cost nothing.

// The training time per frame grows a little after every frame that came on time and shrinks
// after one that came late (the browser's own work after a frame, such as painting the
// canvases, is invisible to timers).
const MIN_BUDGET_MS = 1;
const GROW_MS = 0.1;
const SHRINK = 0.75;

/**
 * @typedef {object} Member
 * @property {() => boolean} active      on screen, connected and loaded
 * @property {() => boolean} flatOut     playing at the fastest speed on this thread
 * @property {(budgetMs: number, frameMs: number) => void} train   one frame's training (the
 *           display's frame: a fixed speed leaves room for a redraw due in it)
 * @property {() => boolean} dirty      whether it has anything new to draw
 * @property {() => void} draw           redraws
 * @property {(error: unknown) => void} fail      a call into the core threw
 */

const members = new Set();
const frameTimes = [];
let period = 1000 / 60;
let late = false;
let trainMs = 4;
let drawMs = 4;
let running = false;
const drawnAt = new WeakMap(); // member → time of its last frame drawn
const MIN_DRAW_MS = 2;
let drawAllowed = 8;
// A member whose own training took longer than the display's frame (the pass over every point
// at a wide network's epoch end) draws in the next frame instead, so that the two never add up
// in one frame; it waits one frame at most.
const deferred = new WeakSet();

/** @param {Member} member */
export function join(member) {
  members.add(member);
  if (!running) {
    running = true;
    requestAnimationFrame(loop);
  }
}

/** @param {Member} member */
export function leave(member) {
  members.delete(member);
}

function loop(time) {
  notePeriod(time);
  const active = [...members].filter((m) => m.active());
  const flatOut = active.filter((m) => m.flatOut());
  const share = flatOut.length ? budget() / flatOut.length : 0;
  const trainStart = performance.now();
  for (const m of active) {
    const t0 = performance.now();
    guard(m, () => m.train(share, period));
    const overran = performance.now() - t0 > period;
    if (overran && !deferred.has(m)) deferred.add(m);
    else deferred.delete(m);
  }
  // Drawing within what is left of the frame: the members that waited longest first, at least
  // one per frame; the rest stay dirty and draw in a later frame.
  const start = performance.now();
  const drawBudget = drawLimit(start - trainStart);
  const waiting = active.filter((m) => !deferred.has(m) && m.dirty()).sort((a, b) => (drawnAt.get(a) ?? 0) - (drawnAt.get(b) ?? 0));
  for (const m of waiting) {
    if (m !== waiting[0] && performance.now() - start > drawBudget) break;
    guard(m, () => m.draw());
    drawnAt.set(m, time);
  }
  drawMs = 0.9 * drawMs + 0.1 * (performance.now() - start);
  if (members.size) requestAnimationFrame(loop);
  else running = false;
}

function guard(member, work) {
  try {
    work();
  } catch (error) {
    member.fail(error);
  }
}

// The display's frame period (the shortest gap between the last 30 frames) and whether this
// frame came late.
function notePeriod(time) {
  frameTimes.push(time);
  if (frameTimes.length > 30) frameTimes.shift();
  let shortest = Infinity;
  for (let i = 1; i < frameTimes.length; i++) shortest = Math.min(shortest, frameTimes[i] - frameTimes[i - 1]);
  period = Number.isFinite(shortest) && shortest > 2 ? shortest : 1000 / 60;
  const gap = frameTimes.length > 1 ? time - frameTimes[frameTimes.length - 2] : period;
  late = gap > 1.5 * period;
}

// Drawing time for this frame: what the frame has left, less after frames that came late (the
// browser paints the canvases after the frame, unseen by timers), a little more after each on time.
function drawLimit(trainedMs) {
  drawAllowed = late ? drawAllowed * SHRINK : drawAllowed + GROW_MS;
  drawAllowed = Math.max(MIN_DRAW_MS, Math.min(period - trainedMs - 2, drawAllowed));
  return drawAllowed;
}

// Training time for this frame at the fastest speed, steered by the frames' punctuality.
function budget() {
  const most = Math.max(MIN_BUDGET_MS, period - drawMs - 1);
  trainMs = late ? trainMs * SHRINK : trainMs + GROW_MS;
  trainMs = Math.max(MIN_BUDGET_MS, Math.min(most, trainMs));
  return trainMs;
}
