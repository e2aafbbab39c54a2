// The views an element shows, created from its panels and drawn from one frame. Canvases are
// drawn before any text, so the browser lays the element out once per frame.
import { SpaceView } from './space-view.js';
import { WeightsView } from './weights.js';
import { LossView } from './loss-chart.js';
import { Figures } from './figures.js';

export class Views {
  /**
   * @param {ShadowRoot} root
   * @param {string[]} names  the views shown
   * @param {{redraw: () => void}} host
   * @param {WebAssembly.Memory} memory
   */
  constructor(root, names, host, memory) {
    this.memory = memory;
    const has = (n) => names.includes(n);
    this.input = has('input') ? new SpaceView(root.querySelector('#input-space'), 0) : null;
    this.feature = has('feature') ? new SpaceView(root.querySelector('#feature-space'), 1) : null;
    this.weights = has('weights') ? new WeightsView(root.querySelector('#weights')) : null;
    this.loss = has('loss') ? new LossView(root) : null;
    this.figures = has('figures') ? new Figures(root.querySelector('#figures'), host) : null;
    this.canvases = {
      input: root.querySelector('#input-space'),
      feature: root.querySelector('#feature-space'),
      loss: root.querySelector('#loss-chart'),
    };
  }

  // Which space views the core must compute: the input space also feeds the weights' unit
  // maps and the figures' points.
  spaces() {
    return { input: Boolean(this.input || this.weights || this.figures), feature: Boolean(this.feature) };
  }

  // Whether the next frame must read the network's inputs per point (the p(u) figure).
  wantsInputs() {
    return this.figures?.current === 'feature';
  }

  /** @param {import('./frame.js').Frame} frame */
  draw(frame) {
    this.input?.draw(frame.input);
    this.feature?.draw(frame.feature);
    this.loss?.draw(frame);
    if (this.weights) {
      this.weights.layout(frame.state.layers, frame.config.features.split(','), frame.classes);
      const { info, rgba } = frame.input;
      const plane = info.res * info.res * 4;
      for (let k = 1; k < info.images; k++) this.weights.drawThumb(k - 1, rgba.subarray(k * plane, (k + 1) * plane), info.res);
    }
    // The figures after every view of the frame's buffers: they call into the core themselves,
    // which may grow wasm memory and detach those views.
    this.figures?.draw({
      ...frame, memory: this.memory, points: frame.input.points, labels: frame.input.labels,
      nTrain: frame.input.nTrain, scale: frame.input.scale, window: frame.input.info.window,
    });
    this.weights?.drawNumbers(frame.state.layers);
    this.loss?.drawText(frame);
  }

  // The space view of 'input' or 'feature'.
  space(name) {
    return name === 'feature' ? this.feature : this.input;
  }

  destroy() {
    this.figures?.destroy();
  }
}
