// End-to-end tests of what the frames of wide networks show while they train and once paused:
// the full page with every view on. A frame reads the weights flat and measures the loss only
// now and then while training, draws coarser heatmaps, and (for the heaviest networks) refreshes
// its heavy parts by turns; paused, every frame is whole and exact.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import { SHOTS, launch, openPlayground, twoFrames } from './browser.mjs';

let browser, context;
before(async () => { browser = await launch('featurespace-wide-'); ({ context } = browser); });
after(() => browser?.close());

// Keeps the last frame the element painted (window.lastFrame: its state and both views' info).
function keepFrames(page) {
  return page.evaluate(() => {
    const el = document.querySelector('feature-space');
    const paint = el.run.host.paint;
    el.run.host.paint = (frame) => {
      window.lastFrame = { state: frame.state, info: [frame.input.info, frame.feature.info] };
      window.painted = (window.painted ?? 0) + 1;
      paint(frame);
    };
  });
}

const pauseAndDraw = (page) => page.evaluate(() => { const el = document.querySelector('feature-space'); el.pause(); el.run.draw(true); });

test('64,64 on 2,000 points: a frame\'s weights and loss are state()\'s; paused, the heatmap is at full resolution', async () => {
  const { page, errors } = await openPlayground(context, '#dataset=xor&points=2000&hidden=64,64');
  await keepFrames(page);
  await page.evaluate(() => document.querySelector('feature-space').play());
  await page.waitForFunction(() => document.querySelector('feature-space').state().epoch >= 2 && window.painted > 5, null, { timeout: 60000 });
  const playing = await page.evaluate(() => window.lastFrame.info.map((i) => i.res));
  await pauseAndDraw(page);
  const r = await page.evaluate(() => {
    const el = document.querySelector('feature-space');
    const s = el.state();
    return { frame: window.lastFrame, state: s, res: window.lastFrame.info.map((i) => i.res) };
  });
  // The layers built from the flat params are exactly state()'s (W[i][j]: input i to unit j).
  assert.deepEqual(r.frame.state.layers, r.state.layers);
  assert.equal(r.frame.state.epoch, r.state.epoch);
  assert.deepEqual(r.frame.state.train, r.state.train);
  assert.deepEqual(r.frame.state.test, r.state.test);
  // While training the grids are coarser; paused, the input view's is as fine as 20 million
  // multiply-adds allow (√(2·10⁷ / 4,417) = 67) and the feature view's at its cap (64).
  assert.deepEqual(r.res, [67, 64]);
  assert.ok(playing[0] < r.res[0] && playing[1] < r.res[1], `coarser while training: ${playing} → ${r.res}`);
  // The loss panel shows the paused frame's loss.
  const shown = await page.locator('#train-loss').textContent();
  assert.equal(Number(shown), Number(r.state.train.loss.toFixed(4)), `train loss shown ${shown}`);
  await page.screenshot({ path: path.join(SHOTS, 'wide-64x64.png') });
  assert.deepEqual(errors, []);
  await page.close();
});

test('8,8 while training: every frame recomputes both spaces, the diagram\'s unit maps come with the secondary views', async () => {
  const { page, errors } = await openPlayground(context, '#dataset=xor&points=500&hidden=8,8');
  await keepFrames(page);
  const calls = await page.evaluate(async () => {
    const el = document.querySelector('feature-space');
    const core = el.run.core, render = core.render_views_maps.bind(core);
    const seen = [];
    core.render_views_maps = (input, feature, maps, coarse) => {
      const r = render(input, feature, maps, coarse);
      seen.push({ input, feature, maps, coarse, pending: core.view_pending() });
      return r;
    };
    el.play();
    await new Promise((r) => setTimeout(r, 1500));
    el.pause();
    return seen;
  });
  assert.ok(calls.length > 5, `${calls.length} frames`);
  const training = calls.slice(0, -1);
  assert.ok(training.every((c) => c.input && c.feature && c.coarse), JSON.stringify(training.slice(0, 5)));
  assert.ok(training.some((c) => c.maps), 'the unit maps are computed now and then');
  // The frame after the pause is whole: maps, full resolution.
  const last = calls.at(-1);
  assert.deepEqual(last, { input: true, feature: true, maps: true, coarse: false, pending: false });
  const info = await page.evaluate(() => window.lastFrame.info[0]);
  assert.equal(info.images, 1 + 16 + 2, 'the output, every hidden unit and both inputs');
  assert.deepEqual(errors, []);
  await page.close();
});

test('8,8 playing with every view on: frames write to the page only what changed', async () => {
  // An equal write is not free: the text node is replaced or the attribute set again, and the
  // browser lays out and repaints for it (it cost 2.4 ms of a 16.7 ms frame here).
  const { page, errors } = await openPlayground(context, '#dataset=xor&points=500&hidden=8,8&space=1');
  const { writes, equal } = await page.evaluate(async () => {
    const el = document.querySelector('feature-space');
    el.warpedGrid = true;
    el.applySpace();
    const writes = {}, equal = [];
    const where = (n) => { const e = n.nodeType === 1 ? n : n.parentElement; return `${e.tagName.toLowerCase()}#${e.id}.${e.className}`; };
    const watch = (root) => new MutationObserver((records) => {
      for (const m of records) {
        const key = `${m.type}${m.attributeName ? `[${m.attributeName}]` : ''} ${where(m.target)}`;
        writes[key] = (writes[key] ?? 0) + 1;
        const sameAttribute = m.type === 'attributes' && m.oldValue === m.target.getAttribute(m.attributeName);
        const sameText = m.type === 'childList' && m.removedNodes.length === 1 && m.addedNodes.length === 1 &&
          m.removedNodes[0].nodeType === 3 && m.removedNodes[0].textContent === m.addedNodes[0].textContent;
        if (sameAttribute || sameText) equal.push(key);
      }
    }).observe(root, { subtree: true, childList: true, attributes: true, characterData: true, attributeOldValue: true });
    watch(el.shadowRoot);
    watch(document.body);
    el.play();
    await new Promise((r) => setTimeout(r, 1500));
    el.pause();
    return { writes, equal: [...new Set(equal)] };
  });
  // The frames did write: the epoch and the timeline move with every one.
  assert.ok(Object.keys(writes).some((k) => k.includes('#epoch')), JSON.stringify(writes));
  assert.ok(Object.keys(writes).some((k) => k.includes('timeline-range')), JSON.stringify(writes));
  assert.deepEqual(equal, [], 'writes of what was already there');
  assert.deepEqual(errors, []);
  await page.close();
});

test('a regression playing: its points come in a few shades, each dot drawn once, so frames do not redraw hundreds of dots', async () => {
  // A colour per value made a dot canvas (with a read-back) for every point in every frame: 0.3-0.4 s frames.
  const { page, errors } = await openPlayground(context, '#dataset=bumps');
  const r = await page.evaluate(async () => {
    const el = document.querySelector('feature-space');
    el.play();
    await new Promise((res) => setTimeout(res, 500));
    // A dot is read back from the canvas it was drawn on (point-layer.js); nothing else reads one.
    const read = CanvasRenderingContext2D.prototype.getImageData;
    let readBacks = 0;
    CanvasRenderingContext2D.prototype.getImageData = function (...args) { readBacks++; return read.apply(this, args); };
    const draws = el.run.draws;
    await new Promise((res) => setTimeout(res, 1000));
    el.pause();
    CanvasRenderingContext2D.prototype.getImageData = read;
    return { readBacks, draws: el.run.draws - draws, points: window.playground.data().y.length };
  });
  assert.ok(r.draws > 3, `it redrew while playing (${r.draws})`);
  assert.equal(r.readBacks, 0, `no dots drawn again once its shades were (${r.readBacks} in ${r.draws} redraws of ${r.points} points)`);
  assert.deepEqual(errors, []);
  await page.close();
});

test('no canvas lies inside a rounded clip: the compositor can draw the element\'s canvases as they are', async () => {
  // Paint containment or an overflow clip on a box with rounded corners makes the compositor draw
  // everything inside through a masked layer every frame: the host's own `contain: content` did
  // that to the whole element (software compositing, 8,8 at 1440 × 2000: 54 → 60 frames/s without it).
  const { page, errors } = await openPlayground(context, '#dataset=xor&points=500&hidden=8,8');
  const clips = await page.evaluate(async () => {
    const el = document.querySelector('feature-space');
    el.play();
    await new Promise((r) => setTimeout(r, 500));
    el.pause();
    const clipping = (node) => {
      const s = getComputedStyle(node);
      const rounded = ['TopLeft', 'TopRight', 'BottomLeft', 'BottomRight'].some((c) => parseFloat(s[`border${c}Radius`]) > 0);
      const clips = /paint|content|strict/.test(s.contain) || s.overflowX !== 'visible' || s.overflowY !== 'visible';
      return rounded && clips;
    };
    const found = new Set();
    const canvases = el.shadowRoot.querySelectorAll('canvas');
    for (const canvas of canvases) {
      for (let node = canvas.parentNode; node; node = node.parentNode ?? node.host) {
        if (node.nodeType === 1 && clipping(node)) found.add(node === el ? 'the host' : `${node.tagName.toLowerCase()}#${node.id}.${node.className}`);
        if (node === el) break;
      }
    }
    return { found: [...found], canvases: canvases.length };
  });
  assert.ok(clips.canvases >= 4, `the page has its canvases (${clips.canvases})`);
  assert.deepEqual(clips.found, []);
  assert.deepEqual(errors, []);
  await page.close();
});

test('six layers of 256 on 300 points: while training the heavy parts refresh by turns, all of them; paused, the frame is whole', async () => {
  const { page, errors } = await openPlayground(context, '#dataset=xor&points=300&hidden=256,256,256,256,256,256');
  assert.equal(await page.evaluate(() => document.querySelector('feature-space').config().hidden), '256,256,256,256,256,256');
  await keepFrames(page);
  const calls = await page.evaluate(async () => {
    const el = document.querySelector('feature-space');
    const core = el.run.core, render = core.render_views_maps.bind(core), metrics = core.metrics.bind(core);
    const seen = [];
    core.render_views_maps = (input, feature, maps, coarse) => {
      const r = render(input, feature, maps, coarse);
      seen.push({ input, feature, maps, coarse, pending: core.view_pending() });
      return r;
    };
    core.metrics = () => { seen.push({ metrics: true }); return metrics(); };
    el.play();
    const t0 = performance.now();
    while (seen.filter((c) => 'input' in c).length < 10 && performance.now() - t0 < 60000) await new Promise((r) => setTimeout(r, 100));
    el.pause();
    return seen;
  });
  const frames = calls.filter((c) => 'input' in c);
  const training = frames.slice(1, -1);
  // Each training frame computes at most one of the spaces; over three frames, both.
  assert.ok(training.every((c) => !(c.input && c.feature)), JSON.stringify(training));
  assert.ok(training.some((c) => c.input) && training.some((c) => c.feature), JSON.stringify(training));
  assert.ok(calls.some((c) => c.metrics), 'the loss is measured while training');
  // Placing the 300 points in layer 6 (10⁸ multiply-adds) takes the feature space's turn over
  // several frames, which go on with it until it is whole.
  assert.ok(training.some((c) => c.feature && c.pending), JSON.stringify(training));
  for (let i = 1; i < training.length; i++) {
    if (training[i - 1].pending) assert.ok(training[i].feature, `the turn goes on: ${JSON.stringify(training)}`);
  }
  await pauseAndDraw(page);
  assert.equal(await page.evaluate(() => document.querySelector('feature-space').run.core.view_pending()), false, 'paused: whole');
  const r = await page.evaluate(() => ({ frame: window.lastFrame, state: document.querySelector('feature-space').state() }));
  assert.deepEqual(r.frame.state.train, r.state.train);
  assert.equal(r.frame.state.layers[3].W[200][17], r.state.layers[3].W[200][17]);
  assert.equal(r.frame.info[0].res, 16, 'paused: the input heatmap at its least full resolution');
  // The weights panel draws every weight of a 256 × 256 layer as a pixel of its matrix.
  const matrix = await page.evaluate(() => {
    const c = document.querySelector('feature-space').shadowRoot.querySelectorAll('#weights canvas.matrix')[2];
    return [c.width, c.height];
  });
  assert.deepEqual(matrix, [256, 257]);
  await twoFrames(page);
  await page.screenshot({ path: path.join(SHOTS, 'wide-6x256.png') });
  assert.deepEqual(errors, []);
  await page.close();
});

test('a frame whose training overran the display\'s frame leaves its drawing to the next one', async () => {
  const { page, errors } = await openPlayground(context, '#dataset=xor&points=300&hidden=8,8');
  const r = await page.evaluate(async () => {
    const el = document.querySelector('feature-space');
    const run = el.run, train = run.train.bind(run), draw = run.draw.bind(run);
    // Every other frame's training stands in for an epoch's end pass of a wide network: 40 ms.
    // (A member waits one frame at most: on a loaded machine a frame meant to be short may
    // overrun too, and the long one after it then draws; those are not counted. The scheduler's
    // frame is the shortest gap between recent frames, which jitter can put below 16.7 ms, so
    // any training over 10 ms counts as a possible overrun here.)
    let frame = 0, long = false, overranBefore = false, overran = false, counting = true;
    const seen = { long: 0, counted: 0, drawnAfterLong: 0, drawn: 0 };
    run.train = (...a) => {
      const t0 = performance.now();
      train(...a);
      long = frame++ % 2 === 1;
      if (long) { seen.long++; while (performance.now() - t0 < 40); }
      overranBefore = overran;
      overran = performance.now() - t0 > 10;
      if (long && !overranBefore && counting) seen.counted++;
    };
    run.draw = (force) => {
      seen.drawn++;
      if (long && !overranBefore && counting) seen.drawnAfterLong++;
      long = false;
      return draw(force);
    };
    el.play();
    await new Promise((res) => setTimeout(res, 1500));
    counting = false; // pause() draws at once, whatever the last frame trained
    el.pause();
    run.train = train;
    run.draw = draw;
    return seen;
  });
  assert.ok(r.long >= 10 && r.counted >= 5 && r.drawn >= 10, JSON.stringify(r));
  assert.equal(r.drawnAfterLong, 0, JSON.stringify(r));
  assert.deepEqual(errors, []);
  await page.close();
});

test('at a fixed speed, a wide network trains in the worker no faster than the speed, the page redraws while it trains, and pausing hands back the exact run', async () => {
  const { page, errors } = await openPlayground(context, '#dataset=xor&points=1000&hidden=64,64');
  const r = await page.evaluate(async () => {
    const el = document.querySelector('feature-space');
    const run = el.run, paint = run.host.paint;
    // Every draw made slow (25 ms more): on this thread's training it would come a third of the
    // time at most; with the worker training, whenever a newer snapshot has come.
    run.host.paint = (frame) => { const t = performance.now(); while (performance.now() - t < 25); paint(frame); };
    el.play(); // speed 1: an epoch per frame
    await new Promise((res) => setTimeout(res, 300));
    let frames = 0, counting = true;
    const count = () => { frames++; if (counting) requestAnimationFrame(count); };
    requestAnimationFrame(count);
    const d0 = run.draws, e0 = el.state().epoch;
    let worker = true;
    for (let i = 0; i < 15; i++) {
      await new Promise((res) => setTimeout(res, 100));
      worker &&= el.run.worker.active;
    }
    counting = false;
    const e1 = el.state().epoch, draws = run.draws - d0;
    el.pause();
    run.host.paint = paint;
    return { worker, frames, draws, trained: e1 - e0, state: el.state(), after: el.run.worker.active };
  });
  assert.ok(r.worker, 'the worker trains the run at a fixed speed');
  assert.equal(r.after, false, 'pausing ends the worker run');
  assert.ok(r.trained > 0 && r.trained <= r.frames + 2, `no faster than an epoch a frame: ${JSON.stringify({ ...r, state: 0 })}`);
  assert.ok(r.draws >= 0.6 * Math.min(r.frames, r.trained), `redrawn with the worker's news: ${JSON.stringify({ ...r, state: 0 })}`);
  // The handed-back run is the one trained all the way here on the page's thread.
  const here = await page.evaluate(async (epochs) => {
    const el = document.querySelector('feature-space');
    el.reset();
    await el.stepAsync(epochs);
    return el.state();
  }, r.state.epoch);
  assert.equal(here.epoch, r.state.epoch);
  assert.deepStrictEqual(here.layers, r.state.layers);
  assert.equal(here.train.loss, r.state.train.loss);
  assert.deepEqual(errors, []);
  await page.close();
});

test('at a fixed speed on the page\'s thread (no worker), a frame whose redraw of a slow-drawn network is due trains only what the display\'s frame leaves beside the draw', async () => {
  const { page, errors } = await openPlayground(context, '?worker=0#dataset=xor&points=2000&hidden=64,64');
  const r = await page.evaluate(async () => {
    const el = document.querySelector('feature-space');
    const run = el.run, train = run.train.bind(run), paint = run.host.paint;
    // Every draw made slow (25 ms more, whatever this machine's speed), and every fifth frame's
    // draw made due before it trains.
    run.host.paint = (frame) => { const t = performance.now(); while (performance.now() - t < 25); paint(frame); };
    let frame = 0;
    const due = [], other = [];
    run.train = (...a) => {
      const turn = ++frame > 10 && frame % 5 === 0;
      if (turn) run.drawStart = -Infinity;
      const t = performance.now();
      train(...a);
      (turn ? due : other).push(performance.now() - t);
    };
    el.play();
    await new Promise((res) => setTimeout(res, 3000));
    el.pause();
    run.train = train;
    run.host.paint = paint;
    const mean = (a) => a.reduce((s, v) => s + v, 0) / a.length;
    return { due: mean(due), other: mean(other), counts: [due.length, other.length] };
  });
  assert.ok(r.counts[0] >= 5 && r.counts[1] >= 20, JSON.stringify(r));
  // A frame trains its 8 ms; beside a due draw of 25 ms and more, the least (a millisecond or so).
  assert.ok(r.due < 0.5 * r.other, JSON.stringify(r));
  assert.deepEqual(errors, []);
  await page.close();
});
