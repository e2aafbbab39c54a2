// End-to-end tests of stepping by one sample or one minibatch in Chromium: a sample step changes
// the weights by exactly one SGD update of that sample (against a finite-difference reference
// computed here and, for logistic regression, the closed form), a batch step marks its points and
// draws their arrows in both space views (pixels), the buttons and fs-update, the arrows clear
// on an epoch step, L-BFGS says why it cannot step so; screenshots on a desktop and a phone.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import { URL, SHOTS, launch, newPage, twoFrames } from './browser.mjs';

let browser, fixtures = 0;
before(async () => { browser = await launch('featurespace-stepping-'); });
after(() => browser?.close());

// A page with one element (`attrs` added) that records fs-update and fs-error events.
async function open(context, attrs, views = 'input feature') {
  const { page, errors } = await newPage(context);
  const name = `stepping-${++fixtures}.html`;
  const body = `<!doctype html><html lang="en"><head><meta charset="utf-8"><link rel="icon" href="data:,">
<title>stepping</title><meta name="viewport" content="width=device-width, initial-scale=1"><script>window.events = [];
for (const t of ['fs-error', 'fs-update']) document.addEventListener(t, (e) => events.push({ type: t, detail: e.detail }));
</script><script type="module" src="www/feature-space.js"></script><style>body { margin: 0; }</style></head>
<body><feature-space id="a" loading="eager" views="${views}" ${attrs}></feature-space></body></html>`;
  await page.route(URL + name, (r) => r.fulfill({ contentType: 'text/html', body }));
  await page.goto(URL + name);
  await page.evaluate(async () => { await customElements.whenDefined('feature-space'); await document.getElementById('a').ready; });
  await twoFrames(page);
  return { page, errors };
}

const read = (page, fn, arg) => page.evaluate(({ fn, arg }) => new Function('el', 'arg', `return (${fn})(el, arg)`)(document.getElementById('a'), arg), { fn: String(fn), arg });
async function act(page, fn, arg) {
  const result = await read(page, fn, arg);
  await twoFrames(page);
  return result;
}
const events = (page, type) => page.evaluate((type) => window.events.filter((e) => e.type === type), type);

// The largest difference between two [{W, b}] lists.
function maxDiff(a, b) {
  let d = 0;
  a.forEach((layer, l) => {
    layer.W.forEach((row, i) => row.forEach((w, j) => { d = Math.max(d, Math.abs(w - b[l].W[i][j])); }));
    layer.b.forEach((v, j) => { d = Math.max(d, Math.abs(v - b[l].b[j])); });
  });
  return d;
}

// The reference for one plain SGD step on point (x, y): θ − lr·∇ of that point's loss (a
// sigmoid output's cross-entropy from its logit, as nn/loss.rs has it, no penalty), the gradient
// by central differences over a forward pass written here: none of the core's code, no backward
// pass.
function referenceStep(layers, x, y, { activation, lr, l1, l2, features }) {
  assert.equal(String(features), 'x1,x2');
  assert.ok(l1 === 0 && l2 === 0, 'no penalty');
  const act = { tanh: Math.tanh, relu: (v) => Math.max(0, v), sigmoid: (v) => 1 / (1 + Math.exp(-v)), linear: (v) => v }[activation];
  const loss = () => {
    let a = x;
    layers.forEach((layer, l) => {
      const z = layer.b.map((b, j) => a.reduce((s, v, i) => s + v * layer.W[i][j], b));
      a = l < layers.length - 1 ? z.map(act) : z;
    });
    const z = a[0];
    return Math.max(z, 0) - y * z + Math.log1p(Math.exp(-Math.abs(z)));
  };
  const next = structuredClone(layers);
  const step = (holder, k, into) => {
    const v = holder[k];
    const h = 1e-6 * (1 + Math.abs(v));
    holder[k] = v + h;
    const up = loss();
    holder[k] = v - h;
    const down = loss();
    holder[k] = v;
    into[k] = v - lr * (up - down) / (2 * h);
  };
  layers.forEach((layer, l) => {
    layer.W.forEach((row, i) => row.forEach((_, j) => step(row, j, next[l].W[i])));
    layer.b.forEach((_, j) => step(layer.b, j, next[l].b));
  });
  return next;
}

test('a sample step changes the weights by exactly one SGD update of that sample', async () => {
  const { page, errors } = await open(browser.context, 'hidden="2" optimizer="sgd" lr="0.3"');
  for (const trained of [0, 4]) {
    if (trained) await act(page, (el, n) => el.step(n), trained);
    const r = await act(page, (el) => {
      const point = el.run.core.next_sample();
      const data = el.data();
      const before = el.state();
      const update = el.stepSample();
      return { point, x: data.x[point], y: data.y[point], config: el.config(), before, update, after: el.state() };
    });
    r.expected = referenceStep(r.before.layers, r.x, r.y, r.config);
    assert.deepEqual(r.update.points, [r.point], 'the next point of the run');
    assert.equal(r.update.kind, 'sample');
    assert.equal(r.after.epoch, r.before.epoch, 'a sample step trains outside the epochs');
    assert.ok(maxDiff(r.after.layers, r.before.layers) > 1e-4, 'the weights moved');
    assert.ok(maxDiff(r.after.layers, r.expected) < 1e-7, `one SGD update: off by ${maxDiff(r.after.layers, r.expected)}`);
    assert.ok(r.update.lossAfter < r.update.lossBefore, JSON.stringify(r.update));
  }
  // A chosen point, in logistic regression: w −= lr·(p − y)·x, b −= lr·(p − y).
  await act(page, (el) => el.setConfig({ hidden: 'none' }));
  const r = await act(page, (el) => {
    const data = el.data();
    const before = el.state().layers[0];
    const update = el.stepSample(5);
    return { x: data.x[5], y: data.y[5], before, after: el.state().layers[0], update };
  });
  const [[w1], [w2]] = r.before.W;
  const p = 1 / (1 + Math.exp(-(w1 * r.x[0] + w2 * r.x[1] + r.before.b[0])));
  const g = p - r.y;
  const expected = [w1 - 0.3 * g * r.x[0], w2 - 0.3 * g * r.x[1], r.before.b[0] - 0.3 * g];
  const got = [r.after.W[0][0], r.after.W[1][0], r.after.b[0]];
  got.forEach((v, k) => assert.ok(Math.abs(v - expected[k]) < 1e-12, `${v} vs ${expected[k]}`));
  assert.deepEqual(r.update.points, [5]);
  const updates = await events(page, 'fs-update');
  assert.equal(updates.length, 3);
  assert.deepEqual(updates[2].detail.points, [5]);
  assert.deepEqual(errors, []);
  await page.close();
});

// Pixels that differ between the view as drawn and the same view without the update's marks,
// within 20 CSS pixels of each stepped point; also the view's magnification.
function marksDrawn(page, which) {
  return read(page, (el, which) => {
    const view = el.viewSet[which], c = view.canvas;
    const k = c.width / c.getBoundingClientRect().width;
    const ctx = c.getContext('2d');
    const points = [];
    const arrows = el.run.core.update_arrows(which === 'input' ? 0 : 1);
    for (let a = 0; a < arrows.length; a += 5) points.push(view.pixelOf(arrows[a]));
    const scale = view.arrowScale;
    const withMarks = ctx.getImageData(0, 0, c.width, c.height).data;
    el.run.core.clear_update();
    el.run.draw(true);
    const without = ctx.getImageData(0, 0, c.width, c.height).data;
    let differ = 0;
    for (const [px, py] of points)
      for (let y = Math.round((py - 20) * k); y < (py + 20) * k; y++)
        for (let x = Math.round((px - 20) * k); x < (px + 20) * k; x++) {
          const i = 4 * (y * c.width + x);
          if (Math.abs(withMarks[i] - without[i]) + Math.abs(withMarks[i + 1] - without[i + 1]) + Math.abs(withMarks[i + 2] - without[i + 2]) > 60) differ++;
        }
    return { points: points.length, differ, scale };
  }, which);
}

test('a batch step rings its points and draws their arrows in both views; an epoch step clears them', async () => {
  const { page, errors } = await open(browser.context, 'batch="10"');
  await act(page, (el) => el.step(3));
  const shot = (name) => page.locator('#a').screenshot({ path: path.join(SHOTS, `stepping-${name}.png`) });
  for (const which of ['input', 'feature']) {
    const update = await act(page, (el) => el.stepBatch());
    assert.equal(update.kind, 'batch');
    assert.equal(update.points.length, 10);
    assert.equal(new Set(update.points).size, 10);
    if (which === 'input') await shot('batch-desktop');
    const drawn = await marksDrawn(page, which);
    assert.equal(drawn.points, 10, `${which}: an arrow per point of the batch`);
    assert.ok(drawn.differ > 10 * 30, `${which}: marks and arrows drawn (${drawn.differ} pixels)`);
    assert.ok(drawn.scale >= 1, `${which}: magnification ${drawn.scale}`);
  }
  // The batch step is the run's own next minibatch: an epoch has batchesPerEpoch of them.
  const epoch = await read(page, (el) => {
    const per = el.run.core.batches_per_epoch();
    const start = el.state().epoch;
    const seen = new Set();
    let ended = 0;
    for (let k = 0; k < per; k++) {
      const u = el.stepBatch();
      u.points.forEach((p) => seen.add(p));
      if (u.epochEnded) ended++;
    }
    return { per, start, end: el.state().epoch, seen: seen.size, ended, nTrain: el.data().nTrain };
  });
  // The earlier batch steps left an epoch under way: stepping a whole epoch's count ends it once.
  assert.equal(epoch.ended, 1);
  assert.equal(epoch.end, epoch.start + 1);
  // An epoch step clears the arrows (the weights changed otherwise).
  await act(page, (el) => el.stepBatch());
  assert.ok((await read(page, (el) => el.run.core.update_arrows(0).length)) > 0);
  await act(page, (el) => el.step(1));
  assert.equal(await read(page, (el) => el.run.core.update_arrows(0).length), 0);
  assert.equal(await read(page, (el) => el.run.core.update_arrows(1).length), 0);
  assert.deepEqual(errors, []);
  await page.close();
});

test('the Sample and Batch buttons step, a linked point is the one stepped, L-BFGS says why not', async () => {
  const { page, errors } = await open(browser.context, 'hidden="2" optimizer="sgd" lr="0.1"', 'input feature weights');
  const click = async (id) => { await page.locator(`#a #${id}`).click(); await twoFrames(page); };
  await click('step-sample');
  await click('step-batch');
  let updates = await events(page, 'fs-update');
  assert.deepEqual(updates.map((u) => u.detail.kind), ['sample', 'batch']);
  // A linked training point is the one the Sample button steps on.
  await act(page, (el) => el.highlight(7));
  await read(page, (el) => el.viewSet.point(7, true));
  await click('step-sample');
  updates = await events(page, 'fs-update');
  assert.deepEqual(updates[2].detail.points, [7]);
  await page.locator('#a').screenshot({ path: path.join(SHOTS, 'stepping-sample-desktop.png') });
  // Under L-BFGS: no update, a message and fs-error.
  await act(page, (el) => el.setConfig({ optimizer: 'lbfgs' }));
  assert.equal(await act(page, (el) => el.stepSample()), null);
  const failed = await events(page, 'fs-error');
  assert.equal(failed.at(-1).detail.key, 'step-sample');
  assert.match(failed.at(-1).detail.message, /L-BFGS/);
  assert.match(await page.locator('#a #message').textContent(), /L-BFGS/);
  assert.deepEqual(errors, []);
  await page.close();
});

test('in a projection of a wide layer the arrows are drawn on the same axes', async () => {
  const { page, errors } = await open(browser.context, 'dataset="xor" hidden="8" activation="relu" batch="16"');
  await act(page, (el) => el.step(20));
  const update = await act(page, (el) => el.stepBatch());
  assert.equal(update.points.length, 16);
  assert.equal(await read(page, (el) => el.viewSet.feature.info.mode), 'projection');
  await page.locator('#a').screenshot({ path: path.join(SHOTS, 'stepping-projection.png') });
  assert.match(await page.locator('#a #feature-caption').textContent(), /magnified ×\d+/);
  const drawn = await marksDrawn(page, 'feature');
  assert.equal(drawn.points, 16);
  assert.ok(drawn.differ > 16 * 30, `${drawn.differ} pixels`);
  assert.deepEqual(errors, []);
  await page.close();
});

test('on a phone the buttons fit and the arrows show', async () => {
  const phone = await launch('featurespace-stepping-phone-', { viewport: { width: 390, height: 844 }, hasTouch: true, isMobile: true, deviceScaleFactor: 2 });
  try {
    const { page, errors } = await open(phone.context, 'batch="10"', 'input feature');
    await act(page, (el) => el.step(3));
    await page.locator('#a #step-batch').tap();
    await twoFrames(page);
    const box = await page.locator('#a #step-batch').boundingBox();
    assert.ok(box.x >= 0 && box.x + box.width <= 390, JSON.stringify(box));
    await page.screenshot({ path: path.join(SHOTS, 'stepping-batch-phone.png'), fullPage: true });
    const drawn = await marksDrawn(page, 'feature');
    assert.equal(drawn.points, 10);
    assert.ok(drawn.differ > 300, `${drawn.differ} pixels`);
    assert.deepEqual(errors, []);
  } finally {
    await phone.close();
  }
});
