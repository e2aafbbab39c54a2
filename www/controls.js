// The control panel: every input with a `data-key` edits that config key; buttons call the
// playground. Controls only read and write the config, they hold no state of their own.

export const SPEEDS = [1, 2, 5, 10, 20, 50, 100, 300, 1000, Infinity];

export class Controls {
  constructor(root, playground) {
    this.root = root;
    this.inputs = [...root.querySelectorAll('[data-key]')];
    for (const input of this.inputs)
      input.addEventListener('change', () => {
        const errors = playground.setConfig({ [input.dataset.key]: input.value });
        input.classList.toggle('invalid', errors.length > 0);
      });
    const $ = (id) => root.querySelector(`#${id}`);
    this.playButton = $('play');
    this.playButton.addEventListener('click', () => (playground.playing ? playground.pause() : playground.play()));
    $('step').addEventListener('click', () => playground.step(1));
    $('reset').addEventListener('click', () => playground.reset());
    $('fit').addEventListener('click', () => playground.fit());
    $('new-seed').addEventListener('click', () => playground.setConfig({ seed: playground.randomSeed() }));
    $('csv-file').addEventListener('change', async (e) => {
      const file = e.target.files[0];
      if (file) playground.loadCsv(await file.text());
    });
    this.speed = $('speed');
    this.speedLabel = $('speed-label');
    this.speed.addEventListener('input', () => this.showSpeed());
    this.showSpeed();
    this.heatmap = $('show-heatmap');
    this.test = $('show-test');
    for (const box of [this.heatmap, this.test]) box.addEventListener('change', () => playground.redraw());
    this.metrics = ['epoch', 'train-loss', 'train-acc', 'test-loss', 'test-acc', 'rate'].map($);
  }

  // Epochs per frame; Infinity means as many as fit the frame budget.
  epochsPerFrame() {
    return SPEEDS[Number(this.speed.value)];
  }

  showSpeed() {
    const s = this.epochsPerFrame();
    this.speedLabel.textContent = s === Infinity ? 'max (as many as keep 60 frames/s)' : `${s} epoch${s > 1 ? 's' : ''} / frame`;
  }

  show() {
    return { heatmap: this.heatmap.checked, test: this.test.checked };
  }

  setConfig(config) {
    for (const input of this.inputs) {
      input.value = String(config[input.dataset.key]);
      input.classList.remove('invalid');
    }
  }

  setPlaying(playing) {
    this.playButton.textContent = playing ? '❚❚ Pause' : '▶ Play';
  }

  setMetrics(state, rate) {
    const pct = (m) => (m && m.accuracy != null ? `${(100 * m.accuracy).toFixed(1)}%` : '–');
    const loss = (m) => (m ? m.loss.toFixed(4) : '–');
    const values = [state.epoch, loss(state.train), pct(state.train), loss(state.test), pct(state.test),
      rate ? Math.round(rate).toLocaleString('en') : '–'];
    this.metrics.forEach((el, i) => (el.textContent = values[i]));
  }
}
