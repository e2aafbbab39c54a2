// Reading one frame out of wasm memory. Any call into the core may allocate and so grow wasm
// memory, which detaches every typed-array view of it: this is the one place that makes all the
// calls first and only then wraps the buffers, and nothing keeps the views past the frame.
import { readTimeline } from './timeline-run.js';

// Numbers per loss-history entry (crate/src/history.rs, ENTRY_LEN).
export const HISTORY_FIELDS = 5;

/**
 * @typedef {object} Window  a data window: {x: [lo, hi], y: [lo, hi]}
 * @typedef {object} ViewInfo  what the core says of one space view
 * @property {number} layer       0 = the input plane, ℓ = hidden layer ℓ
 * @property {boolean} available  false where the layer cannot be drawn as a plane
 * @property {number} width       units in that layer
 * @property {number} res         heatmap resolution (res × res)
 * @property {Window} window
 * @property {number} images      RGBA planes: the output, then (input view) every first-layer unit
 * @property {number} depth       hidden layers of the network (the picker offers 0 … depth)
 * @property {number} featureMaps input-feature images after the hidden units' (input view)
 * @property {number} points      points placed in the view
 * @property {boolean} lines      whether the next layer's units are straight lines here
 * @property {'plane'|'units'|'projection'|'space3d'} mode  how the axes were chosen
 * @property {number} dims        numbers per point: 2, or 3 for a 3D view
 * @property {Array<[number, number]>} ranges  3D: each axis' [min, max]
 * @property {string[]} names     the axes' short names
 * @property {string} caption     what the axes are, in words
 * @property {Boundary[]} boundaries  the next layer's units (or class boundaries) here
 * @property {{lines: number, samples: number}} [warp]  the warped grid's shape, when asked for
 * @property {number} [regions]   distinct activation patterns on the grid, when asked for
 * @property {{kind: string, classes?: number}} task
 * @property {number} valueRange  regression: the colour scale's half-range
 *
 * @typedef {object} Boundary  a unit's line w·(s, t) + b = 0 (a plane in 3D) in a view
 * @property {number[]} w
 * @property {number} b
 * @property {boolean} exact   false where a projection only approximates it
 * @property {string} label
 * @property {number} unit     the unit of the next layer (the first class of a class pair)
 *
 * @typedef {object} SpaceFrame  one space view's buffers (views of wasm memory)
 * @property {ViewInfo} info
 * @property {Uint8ClampedArray} rgba    info.images planes of res × res × 4 bytes
 * @property {Float64Array} points       info.dims numbers per point, training points first
 * @property {Float64Array} origins      (x1, x2) per point: where the morph starts
 * @property {Float64Array|null} warp    the warped grid: per vertex x1, x2, then info.dims
 * @property {Uint8ClampedArray|null} regions  res × res RGBA: one colour per activation pattern
 * @property {Float64Array} labels
 * @property {number} nTrain
 * @property {Uint8ClampedArray} scale   256 RGBA colours of the probability scale (a copy)
 * @property {{heatmap: boolean, test: boolean, discretize?: boolean}} show
 * @property {string[]} classes          the class colours (the element's theme)
 * @property {Float64Array} arrows       the last sample or batch step's arrows: index, x, y, dx, dy
 *                                       per point (a copy; empty once the weights changed otherwise)
 *
 * @typedef {object} Frame
 * @property {object} state        {epoch, train, test, layers}, and `flat`: FlatLayer[]
 * @property {object} config
 * @property {SpaceFrame} input
 * @property {SpaceFrame} feature
 * @property {Float64Array} history   HISTORY_FIELDS numbers per kept entry: epoch, train loss,
 *                                    test loss, train accuracy, test accuracy (NaN: none)
 * @property {Float64Array|null} inputs  the network's inputs per point (when asked for)
 * @property {Uint32Array|null} confusion  k × k counts, row = true class (when asked for)
 * @property {{lo: number, hi: number, values: Float64Array}|null} curve  p along one input
 * @property {import('./timeline-run.js').TimelineInfo} timeline  the recorded epochs, the one shown
 */

/**
 * @param {object} core  the element's wasm Playground
 * @param {WebAssembly.Memory} memory
 * @param {{show: {heatmap: boolean, test: boolean}, inputs: boolean, classes: string[],
 *          spaces: {input: boolean, feature: boolean}, maps?: boolean, timelineEpochs?: boolean}} wants
 *          what the shown views need (`maps`: the input view's per-unit maps, for the diagram and
 *          weights; `coarse`: heatmaps on a coarser grid, while training; `timelineEpochs`: the
 *          recorded epochs, for the timeline strip; `stepWork`: what placing the feature view's
 *          points may cost this frame, see views.js; `metrics` false: the last frame's loss and
 *          accuracy stand, since measuring them is a pass over every point)
 * @param {{scale?: Uint8ClampedArray, metrics?: object}} cache  keeps the colour scale and the
 *          last loss and accuracy between frames (the core keeps its last pass for the weights it
 *          was made for, so asking again after the step event's costs no pass)
 * @returns {Frame}
 */
export function readFrame(core, memory, wants, cache) {
  // 1. Every call that may allocate.
  core.set_discrete(Boolean(wants.show.discretize));
  core.set_step_work(wants.stepWork ?? 0);
  core.render_views_maps(wants.spaces.input, wants.spaces.feature, wants.maps ?? true, wants.coarse ?? false);
  const state = readState(core, wants.metrics ?? true, cache);
  const config = core.config();
  const nTrain = core.train_len();
  const n = nTrain + core.test_len();
  const infos = [core.view_info(0), core.view_info(1)];
  const historyLength = core.history_len();
  const arrows = [core.update_arrows(0), core.update_arrows(1)];
  const timeline = readTimeline(core, wants.timelineEpochs ?? true);
  let inputs = null, curve = null;
  // The confusion matrix comes back as a copy (a Uint32Array of its own), like the inputs.
  const confusion = wants.confusion ? core.confusion(wants.confusion === 'test') : null;
  if (wants.inputs) {
    inputs = core.inputs();
    if (config.features.split(',').length === 1 && n > 0) {
      let lo = Infinity, hi = -Infinity;
      for (const u of inputs) { lo = Math.min(lo, u); hi = Math.max(hi, u); }
      const pad = (hi - lo) * 0.05 || 1;
      curve = { lo: lo - pad, hi: hi + pad, values: core.output_curve(lo - pad, hi + pad, 201) };
    }
  }
  cache.scale ??= new Uint8ClampedArray(new Uint8ClampedArray(memory.buffer, core.colour_scale_ptr(), 256 * 4));
  const scale = cache.scale;
  // 2. Only now the views of wasm memory.
  const buffer = memory.buffer;
  const labels = new Float64Array(buffer, core.labels_ptr(), n);
  const space = (which) => {
    const info = infos[which];
    return {
      info,
      rgba: new Uint8ClampedArray(buffer, core.view_rgba_ptr(which), info.images * info.res * info.res * 4),
      points: new Float64Array(buffer, core.view_points_ptr(which), info.points * (info.dims ?? 2)),
      origins: new Float64Array(buffer, core.view_origins_ptr(which), info.available ? info.points * 2 : 0),
      warp: info.warp ? new Float64Array(buffer, core.view_warp_ptr(which), info.warp.lines * info.warp.samples * (2 + info.dims)) : null,
      regions: info.regions != null ? new Uint8ClampedArray(buffer, core.view_regions_ptr(which), info.res * info.res * 4) : null,
      labels,
      nTrain,
      scale,
      show: wants.show,
      classes: wants.classes,
      arrows: arrows[which],
    };
  };
  return {
    state,
    config,
    input: space(0),
    feature: space(1),
    history: new Float64Array(buffer, core.history_ptr(), historyLength * HISTORY_FIELDS),
    inputs,
    curve,
    confusion,
    timeline,
    classes: wants.classes,
  };
}

// The state() shape, {epoch, train, test, layers}, for a frame. The weights come as one flat
// copy (`params()`, each layer's W column by column, then b), which costs a small fraction of
// the nested arrays state() builds in wasm. The diagram and the weights panel read `flat`;
// `layers` nests them only when read (the figures, in the frames they redraw: six layers of 256
// are 330,000 numbers of garbage a frame). The loss and accuracy, a pass over every point, are
// measured only when asked for (else the cached ones stand).
function readState(core, metrics, cache) {
  if (metrics || !cache.metrics) cache.metrics = core.metrics();
  const shape = core.shape();
  const params = core.params();
  const flat = flatLayers(shape, params);
  let layers = null;
  const state = { epoch: core.epoch(), train: cache.metrics.train, test: cache.metrics.test };
  Object.defineProperties(state, {
    layers: { enumerable: true, get: () => (layers ??= flat.map(nest)) },
    // The views that read every weight of a wide network (diagram, weights panel) read these.
    flat: { value: flat },
  });
  return state;
}

/**
 * @typedef {object} FlatLayer  a layer's weights as the core keeps them, without nesting
 * @property {number} rows     its inputs
 * @property {number} units
 * @property {Float64Array} w  unit by unit: w[j·rows + i] joins input i to unit j
 * @property {Float64Array} b
 */

/** Each layer of the flat parameters (a copy, not wasm memory) as views of them.
 * @returns {FlatLayer[]} */
function flatLayers(shape, params) {
  const layers = [];
  let at = 0;
  for (let l = 1; l < shape.length; l++) {
    const rows = shape[l - 1], units = shape[l];
    layers.push({ rows, units, w: params.subarray(at, at + rows * units), b: params.subarray(at + rows * units, at + rows * units + units) });
    at += rows * units + units;
  }
  return layers;
}

// A layer as state() gives it: {W: rows × units, b}.
function nest({ rows, units, w, b }) {
  const W = [];
  for (let i = 0; i < rows; i++) {
    const row = new Array(units);
    for (let j = 0; j < units; j++) row[j] = w[j * rows + i];
    W.push(row);
  }
  return { W, b: Array.from(b) };
}

/**
 * @typedef {object} HistoryEntry  one kept epoch of the loss chart (state()'s shapes)
 * @property {number} epoch
 * @property {{loss: number, accuracy: number|null}} train   accuracy null for regression
 * @property {{loss: number, accuracy: number|null}|null} test  null without test points
 */

// The loss history as plain objects (a copy), for the API.
/** @returns {HistoryEntry[]} */
export function readHistory(core, memory) {
  const n = core.history_len();
  const hasTest = core.test_len() > 0;
  const h = new Float64Array(memory.buffer, core.history_ptr(), n * HISTORY_FIELDS);
  const orNull = (v) => (Number.isNaN(v) ? null : v);
  const out = [];
  for (let i = 0; i < n; i++) {
    const e = h.subarray(i * HISTORY_FIELDS, (i + 1) * HISTORY_FIELDS);
    out.push({ epoch: e[0], train: { loss: e[1], accuracy: orNull(e[3]) }, test: hasTest ? { loss: e[2], accuracy: orNull(e[4]) } : null });
  }
  return out;
}

// The points and labels as plain arrays: {x: [[x1, x2]…], y, nTrain}, training points first.
export function readData(core, memory) {
  const nTrain = core.train_len();
  const n = nTrain + core.test_len();
  const info = core.view_info(0);
  const buffer = memory.buffer;
  const points = new Float64Array(buffer, core.view_points_ptr(0), info.points * 2);
  const labels = new Float64Array(buffer, core.labels_ptr(), n);
  const x = [];
  for (let i = 0; i < n; i++) x.push([points[2 * i], points[2 * i + 1]]);
  return { x, y: [...labels], nTrain };
}
