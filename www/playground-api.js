// `window.playground` on the full page (and the iframe mode's postMessage API): the element's API
// plus the page-level members the README lists (views' windows and pixels, timings).

/** @param {import('./feature-space.js').FeatureSpaceElement} el */
export function playgroundApi(el) {
  const space = (view) => el.viewSet?.space(view === 'feature' ? 'feature' : 'input');
  const api = {
    state: () => el.state(),
    config: () => el.config(),
    setConfig: (partial) => el.setConfig(partial),
    play: () => el.play(),
    pause: () => el.pause(),
    step: (n = 1) => el.step(n),
    stepSample: (index) => el.stepSample(index),
    stepBatch: () => el.stepBatch(),
    stepAsync: (n) => el.stepAsync(n),
    reset: () => el.reset(),
    fit: () => el.fit(),
    // Opens a lesson step (1-based), as #lesson=ID&step=N does.
    lesson: (id, step = 1) => el.lesson(id, step),
    // The points (x1, x2), labels and how many are training points (the rest are test points).
    data: () => el.data(),
    // The loss chart's kept epochs with train and test loss and accuracy.
    history: () => el.history(),
    loadCsv: (text) => el.loadCsv(text),
    toBlob: (options) => el.toBlob(options),
    // The exports: the points as CSV, the weights as JSON, a Python (scikit-learn) script.
    exportCsv: () => el.exportCsv(),
    exportWeights: () => el.exportWeights(),
    exportPython: () => el.exportPython(),
    embedCode: (options) => el.embedCode(options),
    // The timeline: recorded epochs, showing one in every view, continuing from one.
    timeline: () => el.timeline(),
    scrub: (epoch) => el.scrub(epoch),
    continueFrom: (epoch) => el.continueFrom(epoch),
    get playing() {
      return el.playing;
    },
    // Data coordinates → CSS pixels of a view's canvas ('input' or 'feature').
    toPixel: (view, x, y) => space(view).toPixel(x, y),
    // The segments of the lines last drawn in a view, in canvas CSS pixels.
    lines: (view) => space(view).segments,
    // A view's window and what it shows.
    view: (view) => el.run.core.view_info(view === 'feature' ? 1 : 0),
    // For benchmarks: when the first trained frame was drawn (ms after navigation), which build
    // runs, whether a worker trains; the mean time of n full redraws; the wasm heap's size.
    timings: () => ({
      firstTrainedFrame: el.run?.firstTrainedFrame ?? 0, simd: el.core?.simd ?? false,
      worker: el.run?.worker.training ?? false, workerMessages: el.run?.worker.received ?? 0,
    }),
    timeFrames: (n = 100) => {
      const t0 = performance.now();
      for (let i = 0; i < n; i++) el.run.draw(true);
      return (performance.now() - t0) / n;
    },
    heapBytes: () => el.core.memory.buffer.byteLength,
  };
  return api;
}
