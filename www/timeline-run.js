// The timeline's actions on one element's run (the core keeps the states: see
// crate/src/session/timeline.rs): show a past epoch in every view while the run goes on, go
// back to the live run, continue from a past epoch. The element's API and the timeline view
// both come through here.

/**
 * @typedef {object} TimelineInfo  what the core's timeline holds, read with each frame
 * @property {number[]} epochs    the recorded epochs, oldest first (a bounded sample of the run);
 *                                empty when not asked for
 * @property {number|null} scrub  the epoch every view shows, null when the live run
 * @property {boolean} exact      whether continuing repeats the run bit for bit (not under
 *                                L-BFGS, which continues with its curvature memory afresh)
 */

/**
 * @param {boolean} [withEpochs]  whether to copy the recorded epochs (only the strip draws them)
 * @returns {TimelineInfo}
 */
export function readTimeline(core, withEpochs = true) {
  const scrub = core.scrubbed_epoch();
  const epochs = withEpochs ? Array.from(core.timeline_epochs()) : [];
  return { epochs, scrub: scrub < 0 ? null : scrub, exact: core.timeline_exact() };
}

// Fires fs-scrub when the epoch shown changed (also when a new run dropped it).
export function noteScrub(run, epoch) {
  if ((run.scrubbed ?? null) === epoch) return;
  run.scrubbed = epoch;
  run.host.emit('fs-scrub', { epoch });
}

/**
 * Runs `read(epoch)` with the model the views show in place: a recorded epoch's while the
 * timeline shows one (`epoch` its number, between the core's show_scrubbed brackets), else the
 * live run's (`epoch` null). Frames and exports read through here.
 */
export function withShown(run, read) {
  const epoch = run.core.scrubbed_epoch();
  if (epoch < 0) return read(null);
  run.core.show_scrubbed(true);
  try {
    return read(epoch);
  } finally {
    // Unless the core trapped (that error is the one to report).
    if (!run.broken) try { run.core.show_scrubbed(false); } catch { /* reported by the caller */ }
  }
}

/** The core's state() within `withShown`, numbered with the epoch shown. */
export const shownState = (core, epoch) => Object.assign(core.state(), epoch == null ? {} : { epoch });

/**
 * Shows the recorded epoch nearest `epoch` in every view (null: the live run); the run goes on
 * playing or stays paused. Returns the epoch shown, or null for the live run.
 */
export function scrub(run, epoch) {
  const shown = run.core.scrub(epoch == null ? -1 : epoch);
  const value = shown < 0 ? null : shown;
  noteScrub(run, value);
  run.changed();
  return value;
}

/**
 * Goes back to recorded epoch `epoch` and continues from it: later epochs and their loss
 * history are dropped, the live run is shown. Throws a RangeError naming the nearest recorded
 * epoch when `epoch` is not on the timeline. Returns the state.
 */
export function continueFrom(run, epoch) {
  run.stopWorker();
  try {
    run.core.continue_from(epoch);
  } catch (e) {
    if (typeof e === 'string') throw new RangeError(`Feature Space continueFrom(): ${e}`);
    throw e;
  }
  noteScrub(run, null);
  run.lastEpoch = -1;
  run.afterTraining(true);
  run.changed();
  return run.core.state();
}
