// Training you can read: one optimizer update on one sample or on one minibatch. The core
// trains and says which points it used (and, per frame, their arrows in each space view); here
// the run pauses, the lines the views drew before the update are kept so that they stay faint
// behind the new ones, and the element hears what happened.
import { part } from './on-demand.js';

/**
 * @typedef {object} Update  what one sample or minibatch step did (fs-update's detail)
 * @property {'sample'|'batch'} kind
 * @property {number[]} points   the training points used (indices from 0, training first)
 * @property {number} lossBefore their mean data loss before the update
 * @property {number} lossAfter  and after it
 * @property {number} epoch      the run's epoch after the step (a sample step trains outside the epochs)
 * @property {boolean} epochEnded  whether this minibatch finished an epoch
 */

/**
 * One update on training point `index` (kind 'sample'; null: the next point of the run's order)
 * or on the next minibatch (kind 'batch'). Returns the update, or throws the core's reason
 * (L-BFGS, an index past the training points).
 * @param {import('./playground.js').Playground} run
 * @param {{input: object|null, feature: object|null}|null} spaces  the element's space views
 * @param {'sample'|'batch'} kind
 * @param {number|null} index
 * @returns {Update}
 */
export function stepUpdate(run, spaces, kind, index = null) {
  if (run.broken) throw new Error(`the core stopped (${run.broken}); reset starts it again`);
  // The arrows' drawing code, asked for now so that it is there by the next frame (a failure
  // is said when a view draws them).
  part('arrows').catch(() => {});
  run.pause();
  run.stopWorker();
  let update;
  try {
    update = kind === 'sample' ? run.core.step_sample(index ?? -1) : run.core.step_batch();
  } catch (error) {
    if (typeof error === 'string') throw new Error(error);
    throw error;
  }
  // The lines as drawn just before the update: shown faint while its arrows are.
  for (const view of [spaces?.input, spaces?.feature])
    if (view?.info) view.before = { kind, count: update.points.length, layer: view.info.layer, mode: view.info.mode, boundaries: view.info.boundaries };
  run.afterTraining(true);
  run.changed();
  return update;
}
