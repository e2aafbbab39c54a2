// The training worker. While an element plays at the fastest speed, or at a fixed speed whose
// frame of training is more than a little work, its run moves here so that training has a core
// of its own and the page's thread only draws. It trains in slices of a few milliseconds and
// after each one posts the run's snapshot; the page draws the newest and, when it stops the run,
// goes on from that snapshot exactly (later epochs here are dropped). At a fixed speed the page
// grants the epochs of each of its frames ('more'), and the worker trains no more than granted.
import init, { Playground as Core } from '../pkg/featurespace.js';
import { nextChunk } from './chunks.js';

const SLICE_MS = 10;
let ready = null;
let core = null;
let run = 0; // the run being trained; 0 when idle
let wanted = 0; // the run last asked for: a 'stop' that comes while a start awaits init wins
let chunk = 1;
// Epochs granted and not yet trained: Infinity at the fastest speed; at a fixed speed at most
// two frames' worth, so that the run never gets ahead of the frames that show it.
let granted = Infinity;
let perFrame = Infinity;
let idle = true;
// Posting to this channel yields to the event loop, so that 'stop' is heard between slices.
const tick = new MessageChannel();

onmessage = async ({ data }) => {
  if (data.type === 'stop') {
    run = 0;
    if (wanted === data.run || data.run === undefined) wanted = 0;
    return;
  }
  if (data.type === 'more') {
    if (data.run !== run) return;
    granted = Math.min(granted + perFrame, 2 * perFrame);
    if (idle) resume();
    return;
  }
  if (data.type !== 'start') return; // 0: a snapshot the page is done with, dropped here
  wanted = data.run;
  try {
    // The page's compiled module: no second fetch or compile.
    ready ??= init({ module_or_path: data.module });
    await ready;
    if (wanted !== data.run) return; // stopped (or replaced) while loading
    core?.free();
    core = new Core(data.query);
    if (data.csv != null) core.load_csv(data.csv);
    core.restore(data.snapshot);
    run = data.run;
    perFrame = data.epochs ?? Infinity;
    granted = perFrame;
    if (idle) resume(); // else the slices under way go on with this run
  } catch (error) {
    postMessage({ type: 'error', run: data.run, message: String(error) });
  }
};

function resume() {
  idle = false;
  tick.port2.postMessage(null);
}

tick.port1.onmessage = () => {
  if (!run) {
    idle = true;
    return;
  }
  const start = performance.now();
  let now = start;
  // A stop condition that fired halts the core: the last snapshot carries the stop to the page,
  // which pauses, and this run trains no more.
  while (now - start < SLICE_MS && granted >= 1 && !core.stop_pending()) {
    const epochs = Math.min(chunk, granted);
    core.step(epochs);
    granted -= epochs;
    const took = performance.now() - now;
    now += took;
    chunk = nextChunk(chunk, took);
  }
  // The snapshot is a Float64Array of its own: handed over, not copied.
  const snapshot = core.snapshot();
  postMessage({ type: 'progress', run, snapshot }, [snapshot.buffer]);
  if (granted >= 1 && !core.stop_pending()) tick.port2.postMessage(null);
  else idle = true;
};
