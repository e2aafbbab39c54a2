// The one view of a "space": layer ℓ's space (0 = the input plane) with the data placed there,
// the network's output over it as a heatmap, and the units of layer ℓ+1 as lines. The input
// space and the feature space are both this component.
import { Plot } from './plot.js';
import { OUTPUT, unitColour } from './palette.js';

export class SpaceView {
  constructor(canvas, which) {
    this.plot = new Plot(canvas);
    this.which = which; // 0: input space, 1: feature space (the last hidden layer)
    this.segments = [];
  }

  // frame: {info, rgba, points, labels, nTrain, layers, scale, show}
  draw(frame) {
    const { info, layers, show } = frame;
    const plot = this.plot;
    plot.begin(info.window);
    this.segments = [];
    const depth = layers.length - 1; // number of hidden layers
    if (!info.available) {
      plot.message(this.unavailable(info, depth));
      return;
    }
    const layer = info.layer;
    const plane = info.res * info.res * 4;
    if (show.heatmap) plot.image(frame.rgba.subarray(0, plane), info.res);
    plot.colourBar(frame.scale, 'P(class 1)');
    const names = layer === 0 ? ['x1', 'x2'] : ['a1', 'a2'];
    plot.axes(names[0], names[1]);
    plot.clipToArea();
    plot.points(frame.points, frame.labels, frame.nTrain, show.test);
    plot.ctx.restore();
    // The lines of the next layer: its units are lines in this space.
    const next = layers[layer];
    const isOutput = layer === depth;
    for (let j = 0; j < next.b.length; j++) {
      const colour = isOutput ? OUTPUT : unitColour(j);
      const label = isOutput ? 'out' : `h${j + 1}`;
      this.segments.push(plot.line(next.W[0][j], next.W[1][j], next.b[j], colour, label));
    }
  }

  unavailable(info, depth) {
    if (depth === 0)
      return ['Logistic regression (hidden = none) has no hidden layer, so there is no feature space.',
        'Its one straight line is drawn in the input space.'];
    return [`The last hidden layer has ${info.width} unit${info.width === 1 ? '' : 's'}.`,
      'This view draws a 2-unit last layer as the plane (a1, a2); set hidden units to 2 or 8,2 to see it.',
      'Wider layers need a projection, which a later version adds.'];
  }

  toPixel(x, y) {
    return this.plot.toPixel(x, y);
  }
}
