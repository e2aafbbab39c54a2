// The element's panels, one per view name of `views="…"`, as static markup (no inline styles or
// scripts, so that a strict Content-Security-Policy allows them). Ids are scoped to the
// element's shadow root.

export const VIEW_NAMES = ['input', 'feature', 'network', 'weights', 'loss', 'confusion', 'figures', 'lesson', 'timeline'];

const PANELS = {
  lesson: `
  <section id="lesson" class="panel lesson" part="panel lesson-panel" aria-label="Guided lessons">
    <div class="lesson-head">
      <label>Lesson <select id="lesson-select"></select></label>
      <button id="lesson-prev" type="button" part="button" title="Previous step (←)">◀ Previous</button>
      <span id="lesson-progress"></span>
      <button id="lesson-next" type="button" part="button" title="Next step (→)">Next ▶</button>
    </div>
    <div id="lesson-body" hidden>
      <h2 id="lesson-title"></h2>
      <p id="lesson-text"></p>
      <p id="lesson-try" class="try"></p>
      <p id="challenge" class="challenge" role="status" aria-live="polite" hidden></p>
    </div>
  </section>`,
  input: `
  <section id="input-panel" class="panel space-panel" part="panel input-panel">
    <h2>Input space <small>(x1, x2)</small></h2>
    <canvas id="input-space" class="space" tabindex="0" role="img" aria-label="Input space: the data, the output as a heatmap and each first-layer unit's line. Arrow keys step through the points."></canvas>
    <div class="space-tools"><label><input type="checkbox" id="space-regions"> Activation regions</label></div>
    <div class="space-tools draw-tools" part="draw-tools" role="toolbar" aria-label="Draw points">
      <span class="draw-tool-group" role="group" aria-label="Tool"><button type="button" part="button" data-tool="point" title="Point at points and drag lines (no drawing)">Point</button><button type="button" part="button" data-tool="add" title="Click adds a point of the chosen class (shift-click: the other class); drag a point to move it; right-click or long-press removes one">+ Add</button><button type="button" part="button" data-tool="erase" title="Click a point to remove it">Erase</button><button type="button" part="button" data-tool="move" title="Drag a point to move it">Move</button></span>
      <span class="draw-classes" role="group" aria-label="Class of new points"></span>
      <button type="button" part="button" class="draw-undo" title="Undo the last change to the data">↶ Undo</button>
      <button type="button" part="button" class="draw-clear" title="Remove every point: an empty plane to draw on">Clear</button>
      <span class="draw-note" role="status" hidden></span>
    </div>
    <p id="input-caption" class="caption"></p>
    <div id="input-card" class="point-card" role="status" hidden></div>
  </section>`,
  feature: `
  <section id="feature-panel" class="panel space-panel" part="panel feature-panel">
    <h2>Feature space <small id="feature-title"></small></h2>
    <div class="space-tools" part="space-tools">
      <label>Space <select id="space-layer"><option value="last">last hidden layer</option></select></label>
      <label>Axes <select id="space-axes"><option value="auto">auto</option><option value="projection">projection</option><option value="units">units…</option></select></label>
      <input id="space-units" type="text" size="5" placeholder="1,3" aria-label="Units as axes, e.g. 1,3 or 1,2,3" hidden>
      <label><input type="checkbox" id="space-grid"> Warped grid</label>
      <button id="morph-play" type="button" part="button" title="Move every point from the input plane into this space">▶ Morph</button>
      <input id="morph" type="range" min="0" max="1" step="0.01" value="1" aria-label="Morph from the input plane (0) to this space (1)">
    </div>
    <canvas id="feature-space" class="space" tabindex="0" role="img" aria-label="Feature space: every point at its hidden activations, with the next layer's lines. Arrow keys step through the points."></canvas>
    <p id="feature-caption" class="caption"></p>
    <div id="feature-card" class="point-card" role="status" hidden></div>
  </section>`,
  loss: `
  <section id="loss-panel" class="panel loss" part="panel loss-panel" aria-label="Loss and accuracy">
    <dl id="metrics" class="metrics">
      <dt>Epoch</dt><dd id="epoch">0</dd>
      <dt>Train loss</dt><dd id="train-loss">–</dd>
      <dt>Train accuracy</dt><dd id="train-acc">–</dd>
      <dt>Test loss</dt><dd id="test-loss">–</dd>
      <dt>Test accuracy</dt><dd id="test-acc">–</dd>
      <dt>Epochs / s</dt><dd id="rate">–</dd>
    </dl>
    <div id="chart-tools" class="chart-tools">
      <span class="toggle" role="group" aria-label="Chart"><button type="button" part="button" data-chart="loss" aria-pressed="true">Loss</button><button type="button" part="button" data-chart="accuracy" aria-pressed="false">Accuracy</button></span>
      <label><input type="checkbox" id="chart-log"> log scale</label>
    </div>
    <canvas id="loss-chart" class="chart" tabindex="0" role="img" aria-label="Loss per epoch: training solid, test dashed"></canvas>
    <p id="loss-readout" class="caption readout"></p>
  </section>`,
  figures: `
  <section id="figures" class="panel figures" part="panel figures-panel" aria-label="Figures">
    <div class="tabs" role="tablist">
      <button type="button" role="tab" part="button" data-figure="sigmoid">Sigmoid explorer</button>
      <button type="button" role="tab" part="button" data-figure="feature">p against u</button>
      <button type="button" role="tab" part="button" data-figure="lifted">Lifted space (3D)</button>
      <button type="button" role="tab" part="button" data-figure="activations">Activations</button>
    </div>
    <div data-figure-page="sigmoid" class="sigmoid">
      <div class="fig"><canvas id="sigmoid-1d" class="wide" role="img" aria-label="Sigmoid in 1D"></canvas>
        <label>w <input data-sigmoid="w" type="range" min="-5" max="5" step="0.05" value="1"><output></output></label>
        <label>b <input data-sigmoid="b1" type="range" min="-10" max="10" step="0.1" value="0"><output></output></label></div>
      <div class="fig"><canvas id="sigmoid-2d" class="space" role="img" aria-label="Sigmoid in 2D"></canvas>
        <label>w1 <input data-sigmoid="w1" type="range" min="-5" max="5" step="0.05" value="1"><output></output></label>
        <label>w2 <input data-sigmoid="w2" type="range" min="-5" max="5" step="0.05" value="2"><output></output></label>
        <label>b <input data-sigmoid="b" type="range" min="-10" max="10" step="0.1" value="0"><output></output></label></div>
      <div class="fig"><canvas id="sigmoid-3d" class="space turnable" tabindex="0" role="img" aria-label="Sigmoid in 3D: drag or use the arrow keys to turn"></canvas>
        <p class="caption">Drag (or focus it and use the arrow keys) to turn. The same w1, w2, b as the 2D map.</p></div>
    </div>
    <div data-figure-page="feature" hidden><canvas id="feature-curve" class="wide tall" role="img" aria-label="p against u"></canvas>
      <p class="caption">Every point at its value of the single input u, at height 0 or 1 by its class.</p></div>
    <div data-figure-page="lifted" hidden><canvas id="lifted" class="space lifted turnable" tabindex="0" role="img" aria-label="Lifted space: drag or use the arrow keys to turn"></canvas>
      <p id="lifted-note" class="caption"></p></div>
    <div data-figure-page="activations" hidden><canvas id="activation-curves" class="wide tall" role="img" aria-label="Activation functions"></canvas>
      <p id="activation-legend" class="caption"></p></div>
  </section>`,
  network: `
  <section id="network-panel" class="panel network-panel" part="panel network-panel" aria-label="Network diagram">
    <h2>Network</h2>
    <div id="network" class="network"></div>
    <p id="network-note" class="caption"></p>
  </section>`,
  confusion: `
  <section id="confusion-panel" class="panel confusion-panel" part="panel confusion-panel" aria-label="Confusion matrix">
    <h2>Confusion matrix</h2>
    <label>Points <select id="confusion-set"><option value="test">test</option><option value="train">training</option></select></label>
    <table id="confusion" class="confusion"></table>
    <p id="confusion-note" class="caption" role="status"></p>
  </section>`,
  timeline: `
  <section id="timeline-panel" class="panel timeline-panel" part="panel timeline-panel" aria-label="Timeline">
    <div class="timeline-row">
      <label for="timeline-range" class="timeline-label">Epoch shown <output id="timeline-epoch">live</output></label>
      <div class="timeline-track">
        <input id="timeline-range" type="range" min="0" max="0" step="1" value="0" aria-label="Epoch every view shows (the last stop is the live run)">
        <canvas id="timeline-ticks" class="timeline-ticks" aria-hidden="true"></canvas>
        <div class="timeline-ends" aria-hidden="true"><span id="timeline-first"></span><span id="timeline-last"></span></div>
      </div>
      <button id="timeline-continue" type="button" part="button continue-button" disabled>Continue from here</button>
      <button id="timeline-live" type="button" part="button live-button" disabled>Live</button>
    </div>
    <p id="timeline-note" class="caption" role="status"></p>
  </section>`,
  weights: `
  <section id="weights-panel" class="panel weights" part="panel weights-panel" aria-label="Weights">
    <h2>Weights</h2>
    <div id="weights"></div>
  </section>`,
};

// The views named in a `views` attribute, in the author's order; unknown names are returned
// apart so that the element can say so.
export function parseViews(text) {
  const names = String(text ?? '').split(/[\s,]+/).filter(Boolean);
  return {
    views: [...new Set(names.filter((n) => VIEW_NAMES.includes(n)))],
    unknown: names.filter((n) => !VIEW_NAMES.includes(n)),
  };
}

const panelMarkup = (views) => views.map((name) => PANELS[name]).join('');

// The element's whole markup: the message box, the panels (a lesson named first stands above
// the controls; the other views follow them) and the live status region.
export function shellMarkup(views) {
  const top = views[0] === 'lesson' ? ['lesson'] : [];
  return `<div class="fs" part="container"><div id="message" class="message" role="alert" hidden></div>
    ${panelMarkup(top)}<section class="panel controls" part="panel controls-panel" aria-label="Controls"></section>
    <div class="views" part="views">${panelMarkup(views.slice(top.length))}</div><div class="status" role="status" aria-live="polite"></div></div>`;
}

// Where the controls go: nowhere when none are allowed, a toolbar above the views for buttons
// only, and a column of their own beside the views (with the loss view's numbers) when they
// include fields.
export function placeControls(root, panel, controls) {
  if (controls.empty) return panel.remove();
  if (!controls.inputs.length) return panel.classList.add('toolbar');
  const side = document.createElement('div');
  side.className = 'side';
  const views = root.querySelector('.views');
  views.prepend(side);
  side.append(panel);
  const loss = root.querySelector('#loss-panel');
  if (loss) side.append(loss);
  views.classList.add('sidebar');
}
