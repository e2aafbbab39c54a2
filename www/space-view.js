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
    if (layer === 0 && info.points === 0) {
      plot.message(['No points yet. The custom data set comes from a CSV file with the header x1,x2,label:',
        'choose one under “Your data”.']);
      return;
    }
    const plane = info.res * info.res * 4;
    if (show.heatmap) plot.image(frame.rgba.subarray(0, plane), info.res);
    const task = info.task.kind;
    const range = info.valueRange;
    let colourOf;
    if (task === 'regression') {
      plot.colourBar(frame.scale, 'prediction', -range, range);
      colourOf = (v) => {
        const k = 4 * Math.max(0, Math.min(255, Math.round(((v / range + 1) / 2) * 255)));
        return `rgb(${frame.scale[k]}, ${frame.scale[k + 1]}, ${frame.scale[k + 2]})`;
      };
    } else if (task === 'multiclass') {
      const classes = frame.classes;
      plot.legend(classes.slice(0, info.task.classes).map((_, k) => `class ${k}`), classes);
      colourOf = (label) => classes[label % classes.length];
    } else {
      plot.colourBar(frame.scale, 'P(class 1)');
      colourOf = (label) => frame.classes[label > 0.5 ? 1 : 0];
    }
    const names = layer === 0 ? ['x1', 'x2'] : ['a1', 'a2'];
    plot.axes(names[0], names[1]);
    plot.clipToArea();
    plot.points(frame.points, frame.labels, frame.nTrain, show.test, colourOf);
    plot.ctx.restore();
    // The units of the next layer are lines in this space (unless its inputs are engineered
    // features of the plane, where they are curves: the heatmaps show those).
    if (!info.lines) return;
    const next = layers[layer];
    const isOutput = layer === depth;
    const multiclass = isOutput && task === 'multiclass';
    const units = next.b.length;
    // Few lines carry their formula with live numbers; many are drawn as hairlines.
    const formula = (j) => {
      const t = (v, name) => `${v < 0 ? '−' : '+'} ${Math.abs(v).toFixed(2)}${name}`;
      return `${t(next.W[0][j], '·' + names[0])} ${t(next.W[1][j], '·' + names[1])} ${t(next.b[j], '')}`.replace(/^\+ /, '');
    };
    for (let j = 0; j < units; j++) {
      const colour = multiclass ? frame.classes[j % frame.classes.length] : isOutput ? OUTPUT : unitColour(j);
      const label = multiclass ? `out ${j}` : isOutput ? 'out' : `h${j + 1}`;
      const options = { detail: units <= 3 ? formula(j) : '', thin: units > 8 };
      this.segments.push(plot.line(next.W[0][j], next.W[1][j], next.b[j], colour, label, options));
    }
  }

  unavailable(info, depth) {
    if (info.reason) return [`This view cannot be drawn: ${info.reason}.`, 'Scale the data (for example to between −10 and 10) and load it again.'];
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
