// When a run redraws while it trains, and how fast it trains as the frames show it.

const CHEAP_DRAW_MS = 8;
const HALF_FRAME_MS = 8;
const MIN_TRAIN_MS = 1;
const FRAME_MARGIN_MS = 4;

// Whether a redraw is due: something changed, and (while training on this thread) a draw that
// took long comes again only after three times its cost, counted from its start, so drawing a big
// network never takes more than a third of the page's time. The first draws are cold (fonts,
// canvases, compiled code) and do not count.
export function due(run) {
  if (!run.dirty || run.broken) return false;
  // A run the worker trains leaves this thread to drawing: it redraws whenever there is news.
  // While the worker catches up, this thread trains (see worker-run.js).
  const training = (run.playing && !run.worker.training) || Boolean(run.job);
  return !training || drawTurn(run, performance.now());
}

// While training, a frame that costs more than half the display's frame is drawn at most a
// third of the time, so that training keeps most of it; a cheaper one every frame. Frames come
// at the display's rate: the draw goes in the frame nearest its turn (half a frame early at
// most), not in the one after.
function drawTurn(run, time) {
  return (run.draws ?? 0) < 3 || run.drawCost <= CHEAP_DRAW_MS ||
    time - run.drawStart >= 3 * run.drawCost - HALF_FRAME_MS;
}

// At a fixed speed, the training time of a frame that will also redraw a slow-drawn network (its
// turn has come): what the display's frame leaves beside the draw (at least MIN_TRAIN_MS), so
// that training and drawing together fit one frame; the frames between draws train their full
// share. (Predicting a turn that comes during the frame's training drew more but trained 7%
// less.) Infinity: no limit beyond the fixed speed's own.
export function besideDraw(run, frameMs) {
  if (run.drawCost <= CHEAP_DRAW_MS || !drawTurn(run, performance.now())) return Infinity;
  return Math.max(MIN_TRAIN_MS, frameMs - run.drawCost - FRAME_MARGIN_MS);
}

// Epochs per second over the last half second or more.
export function measureRate(run, epoch) {
  const now = performance.now();
  const r = run.rate;
  if (now - r.time >= 500) {
    r.value = ((epoch - r.epoch) * 1000) / (now - r.time);
    r.epoch = epoch;
    r.time = now;
  }
  return run.playing ? r.value : 0;
}
