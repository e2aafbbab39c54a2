// What a run tells after training: a stop condition that fired, the fs-step event (a few per
// second) and a divergence. The scheduler's training and stepAsync's both come through here.

const STEP_EVENT_MS = 250;

// A stop condition that fired halts the core: the run pauses, says why and fires fs-stop.
// Taking the stop lets training go on when the reader plays again (the conditions stay
// disarmed until a reset or a new config).
export function checkStop(run) {
  const stop = run.core.stop_pending() ? run.core.take_stop() : null;
  if (!stop) return false;
  run.stopWorker();
  run.pause();
  run.lastStepEvent = -Infinity;
  run.host.emit('fs-stop', stop);
  run.host.notify(`${stop.message}. Play goes on from here; Reset starts again.`);
  return true;
}

// After epochs were trained: a stop, the step event (a few per second) and divergence.
export function afterTraining(run, always) {
  run.dirty = true;
  if (checkStop(run)) always = true;
  const now = performance.now();
  if (!always && now - run.lastStepEvent < STEP_EVENT_MS) return;
  run.lastStepEvent = now;
  const epoch = run.core.epoch();
  if (epoch === run.lastEpoch && !always) return;
  // The loss and accuracy without the weights, which the event does not carry (the core keeps
  // the pass, so a frame drawn before the weights change again makes none).
  const state = { epoch, ...run.core.metrics() };
  run.lastEpoch = state.epoch;
  run.host.emit('fs-step', { epoch: state.epoch, train: state.train, test: state.test });
  if (!Number.isFinite(state.train.loss)) {
    run.pause();
    run.host.emit('fs-error', {
      key: 'training',
      message: `the training diverged: by epoch ${state.epoch} the loss is no longer a finite number. Try a lower learning rate, then reset, or go back to the last finite weights.`,
    });
  }
}
