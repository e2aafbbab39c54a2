// The training cases timed through the public path: `new Playground(query)` and `step(n)`, as
// the training worker (trainer.js) runs a playing element: 10 ms slices of step(chunk) calls
// whose chunk grows or shrinks so a call takes about a millisecond, the run's snapshot taken
// after each slice (the worker posts it to the page), the loss history kept as always.
import { Playground, bench_parts, bench_training_cases } from '../pkg/featurespace.js';
import { nextChunk } from './chunks.js';

const SLICE_MS = 10;

/**
 * @typedef {object} PublicCase  from bench_training_cases (crate/src/bench/training.rs)
 * @property {string} case
 * @property {string} query          for new Playground(query)
 * @property {number} flopsPerEpoch  floating-point work of one epoch, activations counted
 */

/** Epochs per second of one core trained in worker-like slices for `ms` milliseconds. */
function slices(core, ms) {
  let chunk = 1;
  const e0 = core.epoch(), t0 = performance.now();
  let now = t0;
  while (now - t0 < ms) {
    const start = now;
    while (now - start < SLICE_MS) {
      core.step(chunk);
      const took = performance.now() - now;
      now += took;
      chunk = nextChunk(chunk, took);
    }
    core.snapshot();
    now = performance.now();
  }
  return ((core.epoch() - e0) * 1000) / (now - t0);
}

/**
 * Every training case through the public path, after a warm-up of a quarter of the budget (as
 * bench.rs times the inner loop), as figures like run_benchmarks's.
 * @returns {{case: string, value: number, unit: string, flops: number}[]}
 */
export function publicTraining(budgetMs) {
  /** @type {PublicCase[]} */
  const cases = bench_training_cases();
  return cases.map(({ case: name, query, flopsPerEpoch }) => {
    const core = new Playground(query);
    slices(core, budgetMs / 4);
    // Timed in parts, the fastest counting, as bench.rs times the inner loop: the part other
    // work on a shared machine disturbed least.
    const parts = bench_parts();
    const epochs = Math.max(...Array.from({ length: parts }, () => slices(core, budgetMs / parts)));
    core.free();
    return { case: name, value: epochs, unit: 'epochs/s', flops: epochs * flopsPerEpoch };
  });
}
