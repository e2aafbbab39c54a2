// Training in slices that fit a frame, whatever the network's size: small runs take whole
// epochs per call into the core, big ones minibatches, so that no frame waits on an epoch.
import { nextChunk } from './chunks.js';

// step(n) trains synchronously while n × training points × weights stays under this (about
// 0.2 s at the core's speed); larger runs go through stepAsync.
export const SYNC_WORK = 2e8;
// A frame's epochs are trained in one call below this much work (well under a millisecond).
const CHEAP_WORK = 2e5;
// At a fixed speed a frame trains at most this long; what does not fit waits for the next.
export const FRAME_TRAIN_MS = 8;

/**
 * @typedef {object} Pace  carried from frame to frame
 * @property {number} chunk            minibatches per call, sized to take about a millisecond
 * @property {number} batchesPerEpoch
 * @property {number} epochWork        training points × weights
 */

/** @returns {Pace} */
export function pace(core) {
  return { chunk: 1, batchesPerEpoch: Math.max(1, core.batches_per_epoch()), epochWork: core.epoch_work() };
}

/**
 * Trains for about `budgetMs`, or until `maxEpochs` epochs ended (or L-BFGS converged, or a
 * stop condition halted the core).
 * @returns {number} the epochs ended
 */
export function trainFor(core, budgetMs, p, maxEpochs = Infinity) {
  let epochs = 0;
  const start = performance.now();
  let now = start;
  while (now - start < budgetMs && epochs < maxEpochs && !core.converged() && !core.stop_pending()) {
    const whole = Math.floor(p.chunk / p.batchesPerEpoch);
    if (whole >= 1) {
      const k = Math.min(whole, maxEpochs - epochs);
      core.step(k);
      epochs += k;
    } else {
      epochs += core.step_batches(p.chunk);
    }
    const took = performance.now() - now;
    now += took;
    p.chunk = nextChunk(p.chunk, took);
  }
  return epochs;
}

// One frame at a fixed speed of `epochs` per frame, within `budgetMs` (FRAME_TRAIN_MS at most).
export function trainEpochs(core, epochs, p, budgetMs = FRAME_TRAIN_MS) {
  if (epochs * p.epochWork <= CHEAP_WORK) core.step(epochs);
  else trainFor(core, Math.min(budgetMs, FRAME_TRAIN_MS), p, epochs);
}
