// End-to-end tests of the built page in Debian's Chromium, driven by playwright-core.
// `cargo xtask test` serves dist/ and sets FEATURESPACE_URL; screenshots go to target/screenshots.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { SHOTS, launch, openPlayground } from './browser.mjs';

let browser;
before(async () => { browser = await launch('featurespace-e2e-'); });
after(() => browser?.close());

// Opens the page and waits for window.playground.ready; collects page errors.
const open = (hash) => openPlayground(browser.context, hash);

// [r, g, b] of the canvas pixel at CSS position (x, y).
function pixels(page, id, points) {
  return page.evaluate(({ id, points }) => {
    const c = document.querySelector('feature-space').shadowRoot.getElementById(id);
    const k = c.width / c.clientWidth;
    const ctx = c.getContext('2d');
    return points.map(([x, y]) => [...ctx.getImageData(Math.round(x * k), Math.round(y * k), 1, 1).data.slice(0, 3)]);
  }, { id, points });
}

// How many pixels of a canvas are neither white nor near-white.
function inkCount(page, id) {
  return page.evaluate((id) => {
    const c = document.querySelector('feature-space').shadowRoot.getElementById(id);
    const d = c.getContext('2d').getImageData(0, 0, c.width, c.height).data;
    let n = 0;
    for (let i = 0; i < d.length; i += 4) if (d[i] < 235 || d[i + 1] < 235 || d[i + 2] < 235) n++;
    return n;
  }, id);
}

const hex = (h) => [1, 3, 5].map((i) => parseInt(h.slice(i, i + 2), 16));
const dist = (a, b) => Math.hypot(a[0] - b[0], a[1] - b[1], a[2] - b[2]);
const UNIT = ['#cc79a7', '#e69f00'];

// Checks that unit j's line lies where its weights put it: along the line the pixels have the
// unit's colour, just off it on the positive side the tinted band, on the negative side no tint.
async function checkLine(page, view, canvasId, w1, w2, b, colour) {
  const win = (await page.evaluate((v) => window.playground.view(v), view)).window;
  const samples = [];
  for (let k = 1; k < 20; k++) {
    // Points on w1·x + w2·y + b = 0 spread over the window, parameterised along the longer axis.
    let x, y;
    if (Math.abs(w2) >= Math.abs(w1)) {
      x = win.x[0] + ((win.x[1] - win.x[0]) * k) / 20;
      y = -(w1 * x + b) / w2;
    } else {
      y = win.y[0] + ((win.y[1] - win.y[0]) * k) / 20;
      x = -(w2 * y + b) / w1;
    }
    const inside = (v, r) => v > r[0] + 0.03 * (r[1] - r[0]) && v < r[1] - 0.03 * (r[1] - r[0]);
    if (inside(x, win.x) && inside(y, win.y)) samples.push([x, y]);
  }
  assert.ok(samples.length >= 5, `the line crosses the view (${samples.length} samples)`);
  const norm = Math.hypot(w1, w2);
  const geometry = await page.evaluate(({ view, samples, w1, w2, norm }) => samples.map(([x, y]) => {
    const on = window.playground.toPixel(view, x, y);
    const off = window.playground.toPixel(view, x + (1e-3 * w1) / norm, y + (1e-3 * w2) / norm);
    const d = Math.hypot(off[0] - on[0], off[1] - on[1]);
    return { on, n: [(off[0] - on[0]) / d, (off[1] - on[1]) / d] };
  }), { view, samples, w1, w2, norm });
  const at = (g, s) => [g.on[0] + g.n[0] * s, g.on[1] + g.n[1] * s];
  const onLine = await pixels(page, canvasId, geometry.map((g) => g.on));
  const positive = await pixels(page, canvasId, geometry.map((g) => at(g, 6)));
  const negative = await pixels(page, canvasId, geometry.map((g) => at(g, -6)));
  const target = hex(colour);
  const tint = target.map((c) => 255 + (c - 255) * 0.28);
  const white = [255, 255, 255];
  const share = (f) => geometry.filter((_, i) => f(i)).length / geometry.length;
  assert.ok(share((i) => dist(onLine[i], target) < 60) >= 0.6, `line pixels have ${colour}: ${JSON.stringify(onLine)}`);
  // Points lie under the band: a sample on one of them (or on a label) misses the tint; at epoch 0
  // of the tutorial 8 of 19 do, one of them by a dot's antialiased edge alone.
  assert.ok(share((i) => dist(positive[i], tint) < 40) >= 0.5, `positive side tinted: ${JSON.stringify(positive)}`);
  assert.ok(share((i) => dist(negative[i], white) < 12) >= 0.6, `negative side clear: ${JSON.stringify(negative)}`);
}

test('opens on the tutorial setup and trains it to at least 99% training accuracy', async () => {
  const { page, errors } = await open();
  const config = await page.evaluate(() => window.playground.config());
  assert.equal(config.dataset, 'band');
  assert.equal(config.hidden, '2');
  assert.equal(config.activation, 'tanh');
  assert.equal(config.optimizer, 'adam');
  assert.equal(config.batch, 10);
  await page.screenshot({ path: path.join(SHOTS, 'initial.png') });
  const before = await page.evaluate(() => window.playground.state());
  assert.equal(before.epoch, 0);
  const after = await page.evaluate(() => { window.playground.step(100); return window.playground.state(); });
  assert.equal(after.epoch, 100);
  assert.ok(after.train.accuracy >= 0.99, `train accuracy ${after.train.accuracy}`);
  assert.ok(after.train.loss < before.train.loss / 4);
  assert.ok(after.test.accuracy >= 0.95);
  // W input-major: 2 inputs × 2 units, then 2 × 1.
  assert.deepEqual(after.layers.map((l) => [l.W.length, l.W[0].length, l.b.length]), [[2, 2, 2], [2, 1, 1]]);
  const shown = await page.locator('#train-acc').textContent();
  assert.equal(shown, `${(100 * after.train.accuracy).toFixed(1)}%`);
  await page.screenshot({ path: path.join(SHOTS, 'trained.png') });
  assert.deepEqual(errors, []);
  await page.close();
});

test('input space, heatmap and feature space are drawn', async () => {
  const { page } = await open();
  await page.evaluate(() => window.playground.step(60));
  const input = await inkCount(page, 'input-space');
  const feature = await inkCount(page, 'feature-space');
  const area = await page.evaluate(() => { const c = document.querySelector('feature-space').shadowRoot.getElementById('input-space'); return c.width * c.height; });
  assert.ok(input > area * 0.4, `input space ink ${input} of ${area}`);
  assert.ok(feature > area * 0.3, `feature space ink ${feature} of ${area}`);
  // The heatmap: far from the band the network says class 0 (vermillion tint), on it class 1 (blue).
  const [corner, centre] = await page.evaluate(() => [
    window.playground.toPixel('input', 0.95, -0.95), window.playground.toPixel('input', -0.02, 0.02)]);
  const [warm, cool] = await pixels(page, 'input-space', [corner, centre]);
  assert.ok(warm[0] > warm[2] + 40, `class-0 region is warm: ${warm}`);
  assert.ok(cool[2] > cool[0] + 40, `class-1 region is cool: ${cool}`);
  // Turning the heatmap off removes most of the ink.
  await page.locator('#show-heatmap').uncheck();
  await page.evaluate(() => new Promise(requestAnimationFrame));
  await page.evaluate(() => new Promise(requestAnimationFrame));
  assert.ok((await inkCount(page, 'input-space')) < input * 0.6);
  await page.close();
});

test('each hidden unit line and the output line lie where their weights put them', async () => {
  const { page } = await open();
  await page.locator('#show-heatmap').uncheck();
  for (const epochs of [0, 100]) {
    const state = await page.evaluate((n) => { window.playground.step(n); return window.playground.state(); }, epochs);
    const [hidden, output] = state.layers;
    for (let j = 0; j < 2; j++)
      await checkLine(page, 'input', 'input-space', hidden.W[0][j], hidden.W[1][j], hidden.b[j], UNIT[j]);
    await checkLine(page, 'feature', 'feature-space', output.W[0][0], output.W[1][0], output.b[0], '#222222');
    await page.screenshot({ path: path.join(SHOTS, `lines-epoch-${epochs}.png`) });
  }
  await page.close();
});

test('feature space places every point at its hidden activations', async () => {
  const { page } = await open();
  const { state, view } = await page.evaluate(() => {
    window.playground.step(30);
    return { state: window.playground.state(), view: window.playground.view('feature') };
  });
  assert.equal(view.available, true);
  assert.equal(view.points, 500);
  // tanh activations live in [-1, 1]: the window covers that range.
  assert.ok(view.window.x[0] <= -1 && view.window.x[1] >= 1);
  assert.ok(state.layers[0].W.length === 2);
  await page.close();
});

test('a bad hash shows a message naming it, and the defaults are used', async () => {
  const { page, errors } = await open('#lr=banana&colour=red&hidden=8,8');
  const box = page.locator('#message');
  assert.equal(await box.isVisible(), true);
  const text = await box.textContent();
  assert.match(text, /lr/);
  assert.match(text, /banana/);
  assert.match(text, /colour/);
  const config = await page.evaluate(() => window.playground.config());
  assert.equal(config.lr, 0.01);
  assert.equal(config.hidden, '8,8');
  // Still works: trains, and the feature space explains itself instead of staying blank.
  const state = await page.evaluate(() => { window.playground.step(2); return window.playground.state(); });
  assert.equal(state.epoch, 2);
  assert.equal(state.layers.length, 3);
  assert.ok((await inkCount(page, 'feature-space')) > 2000);
  await page.screenshot({ path: path.join(SHOTS, 'bad-hash.png') });
  assert.deepEqual(errors, []);
  await page.close();
});

test('controls edit the config and the URL hash; play, pause and reset work', async () => {
  const { page, errors } = await open();
  await page.locator('select[data-key=dataset]').selectOption('xor');
  await page.locator('input[data-key=hidden]').fill('4');
  await page.locator('input[data-key=hidden]').dispatchEvent('change');
  const hash = await page.evaluate(() => location.hash);
  assert.match(hash, /dataset=xor/);
  assert.match(hash, /hidden=4/);
  let config = await page.evaluate(() => window.playground.config());
  assert.equal(config.dataset, 'xor');
  // A bad value typed into a control is named and not applied.
  await page.locator('input[data-key=lr]').fill('-3');
  await page.locator('input[data-key=lr]').dispatchEvent('change');
  assert.match(await page.locator('#message').textContent(), /lr/);
  config = await page.evaluate(() => window.playground.config());
  assert.equal(config.lr, 0.01);
  // Reloading the URL restores the experiment.
  await page.reload();
  await page.evaluate(() => window.playground.ready);
  config = await page.evaluate(() => window.playground.config());
  assert.equal(config.dataset, 'xor');
  assert.equal(config.hidden, '4');
  // Play trains on animation frames; pause stops it.
  await page.locator('#play').click();
  await page.waitForFunction(() => window.playground.state().epoch >= 5);
  await page.locator('#play').click();
  const paused = await page.evaluate(() => window.playground.state().epoch);
  await page.waitForTimeout(200);
  assert.equal(await page.evaluate(() => window.playground.state().epoch), paused);
  const first = await page.evaluate(() => { window.playground.reset(); return window.playground.state(); });
  assert.equal(first.epoch, 0);
  // setConfig from JS: logistic regression draws its one line in the input space.
  const lr = await page.evaluate(() => { window.playground.setConfig({ hidden: 'none', dataset: 'blobs' }); window.playground.step(20); return window.playground.state(); });
  assert.equal(lr.layers.length, 1);
  assert.equal(await page.evaluate(() => window.playground.view('feature').available), false);
  await page.screenshot({ path: path.join(SHOTS, 'logistic-regression.png') });
  assert.deepEqual(errors, []);
  await page.close();
});

test('the max speed trains many epochs per frame', async () => {
  const { page } = await open();
  await page.locator('#speed').fill('9');
  await page.evaluate(() => window.playground.play());
  await page.waitForTimeout(1500);
  const epoch = await page.evaluate(() => { window.playground.pause(); return window.playground.state().epoch; });
  assert.ok(epoch > 200, `${epoch} epochs in 1.5 s`);
  await page.close();
});

test('at the fastest speed a worker trains, and pausing hands its exact run back to the page', async () => {
  const { page, errors } = await open('#dataset=spiral&hidden=6,2&activation=tanh&optimizer=adam&lr=0.01&batch=10&seed=4');
  await page.locator('#speed').fill('9');
  await page.evaluate(() => window.playground.play());
  await page.waitForFunction(() => window.playground.timings().worker && window.playground.state().epoch > 500,
    null, { timeout: 20000 });
  const played = await page.evaluate(() => {
    const p = window.playground;
    p.pause();
    return { worker: p.timings().worker, state: p.state() };
  });
  assert.equal(played.worker, false, 'pausing ends the worker run');
  const epochs = played.state.epoch;
  // Going on here from the handed-back run equals training all the way here.
  const result = await page.evaluate((epochs) => {
    const p = window.playground;
    p.step(7);
    const continued = p.state();
    p.reset();
    p.step(epochs);
    const here = p.state();
    p.step(7);
    return { continued, here, after: p.state() };
  }, epochs);
  assert.deepStrictEqual(result.here.layers, played.state.layers, `weights after ${epochs} epochs`);
  assert.equal(result.here.train.loss, played.state.train.loss);
  assert.equal(result.continued.epoch, epochs + 7);
  assert.deepStrictEqual(result.continued.layers, result.after.layers, 'the run goes on as if it had never moved');
  assert.deepEqual(errors, []);
  await page.close();
  // ?worker=0 keeps training on the page's thread.
  const { page: still } = await open('?worker=0');
  await still.locator('#speed').fill('9');
  const usedWorker = await still.evaluate(async () => {
    const p = window.playground;
    p.play();
    await new Promise((r) => setTimeout(r, 500));
    const w = p.timings().worker;
    p.pause();
    return { w, epoch: p.state().epoch };
  });
  assert.equal(usedWorker.w, false);
  assert.ok(usedWorker.epoch > 0);
  await still.close();
});

// Trains as many epochs as `state` in a fresh run of the same config, asserts that its weights
// are the same bit for bit, and returns its state.
async function assertSameRun(page, state, what = 'the same run') {
  const fresh = await page.evaluate(async (epochs) => {
    const p = window.playground;
    p.reset();
    await p.stepAsync(epochs);
    return p.state();
  }, state.epoch);
  assert.deepStrictEqual(fresh.layers, state.layers, `${what} after ${state.epoch} epochs`);
  return fresh;
}

test('at the fastest speed the page trains from the first frame while the worker starts, then hands the same run to it', async () => {
  const { page, errors } = await open('#dataset=circle&hidden=4,2&activation=tanh&lr=0.03&batch=10&seed=6');
  await page.locator('#speed').fill('9');
  const played = await page.evaluate(async () => {
    const p = window.playground;
    const run = document.querySelector('feature-space').run;
    const frames = []; // [epoch shown, messages of the worker so far, who trains]
    let on = true;
    const look = () => {
      frames.push([run.core.epoch(), run.worker.received, run.worker.training ? 'worker' : 'page']);
      if (on) requestAnimationFrame(look);
    };
    p.play();
    requestAnimationFrame(look);
    await new Promise((r) => setTimeout(r, 1500));
    on = false;
    p.pause();
    return { frames, state: p.state(), runs: run.worker.runs };
  });
  const { frames, state } = played;
  // Before, the epoch stayed 0 until the worker's first snapshot (50-100 ms and more).
  assert.ok(frames.some(([epoch, received]) => epoch > 0 && received === 0),
    `a frame trained before the worker posted anything: ${JSON.stringify(frames.slice(0, 8))}`);
  assert.ok(frames.some(([, , who]) => who === 'worker'), 'then the worker trained the run');
  assert.ok(frames.every(([epoch], i) => i === 0 || epoch >= frames[i - 1][0]), 'the epoch shown never went back');
  const fresh = await assertSameRun(page, state, 'the same run, bit for bit,');
  assert.equal(fresh.train.loss, state.train.loss);
  assert.deepEqual(errors, []);
  await page.close();
});

test('a worker that stays behind the page starts the run again from the page and takes it over', async () => {
  const { page, errors } = await open('#dataset=xor&hidden=5&activation=relu&lr=0.03&batch=10&seed=8');
  await page.locator('#speed').fill('9');
  const played = await page.evaluate(async () => {
    const p = window.playground;
    const run = document.querySelector('feature-space').run;
    p.play();
    // Frame by frame until `done` (5 s at most).
    const until = (done) => new Promise((r) => { const t = performance.now(); const wait = () => (done() || performance.now() - t > 5000 ? r() : requestAnimationFrame(wait)); wait(); });
    await until(() => run.worker.active);
    // This thread far ahead of the snapshot the worker started from, and no more patience: the
    // worker's first snapshot is behind, so the run restarts there from this thread's state.
    run.core.step(3000);
    run.worker.behind = Infinity;
    await until(() => run.worker.training);
    const taken = { runs: run.worker.runs, epoch: run.core.epoch() };
    await new Promise((r) => setTimeout(r, 500));
    p.pause();
    return { taken, state: p.state() };
  });
  assert.equal(played.taken.runs, 2, 'a second worker run, from the page');
  assert.ok(played.taken.epoch >= 3000, `no step back: ${played.taken.epoch}`);
  assert.ok(played.state.epoch > played.taken.epoch, 'the worker trained on');
  await assertSameRun(page, played.state);
  assert.deepEqual(errors, []);
  await page.close();
});

test('stepAsync while playing at the fastest speed trains on the page: no worker run meanwhile, the epoch never goes back', async () => {
  const { page, errors } = await open('#dataset=circle&hidden=4,2&activation=tanh&lr=0.03&batch=10&seed=6');
  await page.locator('#speed').fill('9');
  const played = await page.evaluate(async () => {
    const p = window.playground;
    const run = document.querySelector('feature-space').run;
    const frames = []; // [epoch shown, a job pending, a worker run on]
    let on = true;
    const look = () => {
      frames.push([run.core.epoch(), Boolean(run.job), run.worker.active]);
      if (on) requestAnimationFrame(look);
    };
    p.play();
    requestAnimationFrame(look);
    const until = (done) => new Promise((r) => { const t = performance.now(); const wait = () => (done() || performance.now() - t > 5000 ? r() : requestAnimationFrame(wait)); wait(); });
    await until(() => run.worker.training);
    const from = run.core.epoch();
    const job = await p.stepAsync(5000);
    // Playing goes on in the worker once the job is done.
    await until(() => run.worker.training);
    const after = run.worker.training;
    on = false;
    p.pause();
    return { frames, from, job: job.epoch, after, state: p.state() };
  });
  const { frames } = played;
  assert.ok(frames.some(([, job]) => job), 'frames drew while the job trained');
  assert.ok(!frames.some(([, job, worker]) => job && worker), 'no worker run while the job trains');
  assert.ok(frames.every(([epoch], i) => i === 0 || epoch >= frames[i - 1][0]), 'the epoch shown never went back');
  assert.ok(played.job >= played.from + 5000, `the job's epochs all count: ${played.from} → ${played.job}`);
  assert.ok(played.after, 'the worker took the run again after the job');
  await assertSameRun(page, played.state);
  assert.deepEqual(errors, []);
  await page.close();
});

test('off screen, a stepAsync while playing at the fastest speed leaves no worker training after it', async () => {
  const { page, errors } = await open('#dataset=circle&hidden=4,2&activation=tanh&lr=0.03&batch=10&seed=6');
  await page.locator('#speed').fill('9');
  const r = await page.evaluate(async () => {
    const p = window.playground;
    const el = document.querySelector('feature-space');
    const run = el.run;
    const sleep = (ms) => new Promise((res) => setTimeout(res, ms));
    p.play();
    await sleep(500);
    el.style.position = 'absolute';
    el.style.top = '20000px';
    await sleep(300);
    const off = !el.onScreen && !run.worker.active;
    await p.stepAsync(50);
    const received = run.worker.received, epoch = run.core.epoch();
    await sleep(1000);
    return { off, active: run.worker.active, more: run.worker.received - received, epoch, later: run.core.epoch() };
  });
  assert.ok(r.off, 'off screen the worker run stopped');
  assert.equal(r.active, false, 'no worker run after the job');
  assert.equal(r.more, 0, 'the worker posted nothing after the job');
  assert.equal(r.later, r.epoch, 'nothing trained off screen after the job');
  assert.deepEqual(errors, []);
  await page.close();
});

test('the training worker runs the module the page compiled and hands every snapshot it is done with back', async () => {
  // Every request of the context, the worker's too: the module is fetched once.
  const modules = [];
  const count = (request) => { if (request.url().endsWith('.wasm')) modules.push(request.url()); };
  browser.context.on('request', count);
  const { page, errors } = await open('#dataset=spiral&hidden=64,64&points=1000');
  await page.locator('#speed').fill('9');
  const seen = await page.evaluate(async () => {
    const p = window.playground;
    const run = document.querySelector('feature-space').run;
    p.play();
    await new Promise((r) => { const wait = () => (run.worker.worker ? r() : requestAnimationFrame(wait)); wait(); });
    const snapshots = [];
    run.worker.worker.addEventListener('message', ({ data }) => { if (data.snapshot) snapshots.push(data.snapshot); });
    await new Promise((r) => setTimeout(r, 1500));
    const whilePlaying = snapshots.slice(0, -2).filter((s) => s.buffer.byteLength > 0).length;
    p.pause();
    await new Promise((r) => setTimeout(r, 300));
    return { count: snapshots.length, whilePlaying, kept: snapshots.filter((s) => s.buffer.byteLength > 0).length, epoch: p.state().epoch };
  });
  browser.context.off('request', count);
  assert.ok(seen.count >= 5 && seen.epoch > 0, `the worker trained and posted snapshots (${JSON.stringify(seen)})`);
  assert.deepEqual(modules.length, 1, `one fetch of the module: ${modules}`);
  // A snapshot the page has read (or that a newer one replaced) goes back to the worker, so
  // its megabytes are not garbage for the page's collector: its buffer here is detached.
  assert.equal(seen.whilePlaying, 0, 'snapshots before the last two were handed back while playing');
  assert.equal(seen.kept, 0, 'after the pause every snapshot was handed back');
  assert.deepEqual(errors, []);
  await page.close();
});

test('the same config gives bit-identical weights natively (CLI) and in wasm, with SIMD and without', async () => {
  const bin = process.env.FEATURESPACE_BIN;
  if (!bin || !fs.existsSync(bin)) {
    assert.fail(`FEATURESPACE_BIN must point at the native featurespace binary (got ${bin})`);
  }
  const { execFileSync } = await import('node:child_process');
  const runs = [
    { dataset: 'spiral', hidden: '8,8', activation: 'tanh', optimizer: 'adam', lr: 0.03, batch: 10, seed: 7, noise: 0.1, epochs: 20 },
    { dataset: 'circle', hidden: '4,2', activation: 'sigmoid', optimizer: 'sgd', lr: 0.3, batch: 7, seed: 5, epochs: 15 },
    { dataset: 'blobs3', hidden: '5', activation: 'leakyrelu', optimizer: 'rmsprop', lr: 0.01, batch: 16, seed: 3, features: 'x1,x2,x1x2,sinx1', l1: 0.001, epochs: 10 },
    { dataset: 'xor', hidden: 'none', features: 'x1x2', optimizer: 'lbfgs', l2: 0.01, batch: 400, seed: 2, epochs: 30 },
  ];
  // The SIMD module (what Chromium loads) and the fallback for engines without SIMD.
  for (const { query, simd } of [{ query: '', simd: true }, { query: '?simd=0', simd: false }]) {
    const { page, errors } = await open(query);
    assert.equal(await page.evaluate(() => window.playground.timings().simd), simd, `module for '${query}'`);
    const defaults = await page.evaluate(() => window.playground.config());
    for (const { epochs, ...changes } of runs) {
      const config = { ...defaults, ...changes };
      const flags = Object.entries(config)
        .filter(([k]) => k !== 'nesterov')
        .flatMap(([k, v]) => [`--${k.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`)}`, String(v)])
        .concat(config.nesterov ? ['--nesterov'] : []);
      const native = JSON.parse(execFileSync(bin, ['train', '--json', '--epochs', String(epochs), ...flags], { encoding: 'utf8' }));
      const wasm = await page.evaluate(({ config, epochs }) => {
        window.playground.setConfig(config);
        window.playground.step(epochs);
        return { state: window.playground.state(), config: window.playground.config() };
      }, { config, epochs });
      assert.deepEqual(wasm.config, native.config, 'same config both ways');
      assert.equal(wasm.state.epoch, native.epochs);
      // Numbers travel as shortest round-trip decimals, so equality here is equality of the bits.
      assert.deepStrictEqual(wasm.state.layers, native.layers, `${config.dataset} (SIMD ${simd}): weights differ`);
      assert.equal(wasm.state.train.loss, native.train.loss);
    }
    assert.deepEqual(errors, []);
    await page.close();
  }
});

test('a CSV file becomes the custom data set; a bad one is named by line', async () => {
  const { page, errors } = await open();
  const rows = ['x1,x2,label'];
  for (let i = 0; i < 40; i++) rows.push(`${(i % 8) / 4 - 1},${Math.floor(i / 8) / 2 - 1},${i % 3 === 0 ? 1 : 0}`);
  await page.locator('#csv-file').setInputFiles({ name: 'points.csv', mimeType: 'text/csv', buffer: Buffer.from(rows.join('\n')) });
  await page.waitForFunction(() => window.playground.config().dataset === 'custom');
  const config = await page.evaluate(() => window.playground.config());
  assert.equal(config.points, 40);
  const view = await page.evaluate(() => window.playground.view('input'));
  assert.equal(view.points, 40);
  assert.match(await page.evaluate(() => location.hash), /dataset=custom/);
  // Reset keeps the loaded points.
  assert.equal(await page.evaluate(() => { window.playground.reset(); return window.playground.view('input').points; }), 40);
  const bad = await page.evaluate(() => window.playground.loadCsv('x1,x2,label\n0,0,1\n1,zz,0\n'));
  assert.equal(bad.length, 1);
  assert.match(bad[0].message, /line 3/);
  assert.match(await page.locator('#message').textContent(), /line 3: x2 'zz' is not a number/);
  assert.equal(await page.evaluate(() => window.playground.view('input').points), 40, 'nothing partial loaded');
  assert.deepEqual(errors, []);
  await page.close();
});
