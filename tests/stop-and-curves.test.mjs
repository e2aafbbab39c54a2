// Stop conditions and the loss/accuracy chart on the full page: a played run pauses by itself at
// the first epoch that meets a condition (on the page's thread and in the training worker), says
// why and fires fs-stop; Play goes on, Reset re-arms. The chart toggles loss ↔ accuracy and a
// log scale, and its readout shows the kept epoch nearest the pointer (mouse or finger).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import { SHOTS, launch, openPlayground, twoFrames } from './browser.mjs';

let browser;
before(async () => { browser = await launch('featurespace-stop-'); });
after(() => browser?.close());

// Records every fs-stop and fs-pause reaching document, in order.
const record = (page) => page.evaluate(() => {
  window.stops = [];
  for (const type of ['fs-stop', 'fs-pause', 'fs-play']) document.addEventListener(type, (e) => window.stops.push({ type, detail: e.detail }));
});
const stops = (page) => page.evaluate(() => window.stops.filter((e) => e.type === 'fs-stop').map((e) => e.detail));
const notice = (page) => page.evaluate(() => {
  const box = document.querySelector('feature-space').shadowRoot.querySelector('#message');
  return box.hidden ? '' : box.textContent;
});
const speed = (page, index) => page.locator('#speed').fill(String(index));

test('stopAtEpoch pauses a played run at exactly that epoch; Play goes on, Reset re-arms', async () => {
  const { page, errors } = await openPlayground(browser.context, '#dataset=xor&hidden=4&stopAtEpoch=37');
  await record(page);
  await speed(page, 2); // 5 epochs a frame: 37 is not a multiple, the core stops within a call
  await page.evaluate(() => window.playground.play());
  await page.waitForFunction(() => window.stops.some((e) => e.type === 'fs-stop'), null, { timeout: 10000 });
  await twoFrames(page);
  const s = await page.evaluate(() => ({ epoch: window.playground.state().epoch, playing: window.playground.playing }));
  assert.deepEqual(s, { epoch: 37, playing: false });
  const [stop] = await stops(page);
  assert.equal(stop.epoch, 37);
  assert.equal(stop.reason, 'epoch');
  assert.match(await notice(page), /Stopped at epoch 37/);
  await page.screenshot({ path: path.join(SHOTS, 'stop-notice.png') });
  assert.ok(await page.evaluate(() => window.stops.some((e) => e.type === 'fs-pause')), 'fs-pause too');
  // The control shows the key, as every config key's.
  assert.equal(await page.locator('#key-stop-at-epoch').inputValue(), '37');
  // Play goes on past it, without stopping again.
  await page.evaluate(() => window.playground.play());
  await page.waitForFunction(() => window.playground.state().epoch >= 80);
  assert.equal((await stops(page)).length, 1);
  // Reset re-arms it; step(n) stops there too.
  const stepped = await page.evaluate(() => { const p = window.playground; p.pause(); p.reset(); p.step(100); return p.state().epoch; });
  assert.equal(stepped, 37);
  assert.equal((await stops(page)).length, 2);
  assert.deepEqual(errors, []);
  await page.close();
});

test('stopAtAccuracy at the fastest speed (the worker) stops at the first epoch whose accuracy reaches it', async () => {
  const config = 'dataset=spiral&hidden=8,8&activation=tanh&lr=0.01&batch=10&seed=3';
  const target = 0.9;
  const { page, errors } = await openPlayground(browser.context, `#${config}&stopAtAccuracy=${target}`);
  await record(page);
  await speed(page, 9);
  await page.evaluate(() => window.playground.play());
  await page.waitForFunction(() => window.stops.some((e) => e.type === 'fs-stop'), null, { timeout: 60000 });
  const played = await page.evaluate(() => {
    const p = window.playground;
    return { state: p.state(), playing: p.playing, timings: p.timings() };
  });
  const [stop] = await stops(page);
  assert.equal(played.playing, false);
  assert.ok(played.timings.workerMessages > 0, 'the worker trained the run');
  assert.equal(played.timings.worker, false, 'and handed it back');
  assert.equal(stop.reason, 'accuracy');
  assert.equal(played.state.epoch, stop.epoch);
  assert.ok(stop.epoch > 50, `a run that takes a while: ${stop.epoch}`);
  assert.equal(played.state.train.accuracy, stop.value);
  assert.ok(stop.value >= target);
  assert.match(await notice(page), new RegExp(`Stopped at epoch ${stop.epoch}: training accuracy [0-9.]+ ≥ 0\\.9`));
  // A second element with the same run and no condition, stepped one epoch at a time.
  const first = await page.evaluate(async ({ config, target }) => {
    const el = document.createElement('feature-space');
    el.setAttribute('loading', 'eager');
    el.setAttribute('views', 'loss');
    el.setAttribute('controls', 'none');
    for (const pair of config.split('&')) { const [k, v] = pair.split('='); el.setAttribute(k.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`), v); }
    document.body.append(el);
    await el.ready;
    for (let e = 1; e <= 5000; e++) {
      el.step(1);
      const s = el.state();
      if (s.train.accuracy >= target) return s;
    }
    return null;
  }, { config, target });
  assert.equal(first.epoch, stop.epoch);
  assert.deepStrictEqual(first.layers, played.state.layers, 'the same weights bit for bit');
  assert.deepEqual(errors, []);
  await page.close();
});

test('stopAtEpoch in the worker and stopAtLoss on the page end at the right epoch; regression explains stopAtAccuracy', async () => {
  const { page, errors } = await openPlayground(browser.context, '#dataset=circle&hidden=6&stopAtEpoch=1500');
  await record(page);
  await speed(page, 9);
  await page.evaluate(() => window.playground.play());
  await page.waitForFunction(() => window.stops.some((e) => e.type === 'fs-stop'), null, { timeout: 60000 });
  const r = await page.evaluate(() => ({ epoch: window.playground.state().epoch, t: window.playground.timings(), playing: window.playground.playing }));
  assert.deepEqual([r.epoch, r.playing], [1500, false]);
  assert.ok(r.t.workerMessages > 0);
  // stopAtLoss, checked against stepping one epoch at a time.
  const loss = await page.evaluate(async () => {
    const p = window.playground;
    p.setConfig({ stopAtEpoch: 0, stopAtLoss: 0.2 });
    const firstAt = (() => {
      p.setConfig({ stopAtLoss: 0 });
      for (let e = 1; e <= 3000; e++) { p.step(1); if (p.state().train.loss <= 0.2) return e; }
      return null;
    })();
    p.setConfig({ stopAtLoss: 0.2 });
    await p.stepAsync(3000);
    return { firstAt, epoch: p.state().epoch, stop: window.stops.filter((e) => e.type === 'fs-stop').at(-1).detail };
  });
  assert.ok(loss.firstAt > 1);
  assert.equal(loss.epoch, loss.firstAt);
  assert.equal(loss.stop.reason, 'loss');
  await page.evaluate(() => window.playground.setConfig({ stopAtLoss: 0, dataset: 'plane', stopAtAccuracy: 0.9 }));
  assert.match(await notice(page), /stopAtAccuracy is ignored: a regression has no accuracy/);
  assert.deepEqual(errors, []);
  await page.close();
});

// The chart's readout and what history() says of the same kept epoch.
const readout = (page) => page.evaluate(() => {
  const root = document.querySelector('feature-space').shadowRoot;
  const out = root.querySelector('#loss-readout');
  return { text: out.textContent, epoch: Number(out.dataset.epoch) };
});
const entry = (page, epoch) => page.evaluate((epoch) => window.playground.history().find((e) => e.epoch === epoch), epoch);
const chartPixels = (page) => page.evaluate(() => {
  const c = document.querySelector('feature-space').shadowRoot.querySelector('#loss-chart');
  const d = c.getContext('2d').getImageData(0, 0, c.width, c.height).data;
  let h = 0;
  for (let i = 0; i < d.length; i += 7) h = (h * 31 + d[i]) >>> 0;
  return h;
});

test('the chart toggles loss and accuracy, has a log scale, and its hover readout shows the kept values', async () => {
  const { page, errors } = await openPlayground(browser.context, '#dataset=circle&hidden=6&lr=0.03&batch=10&noise=0.1');
  await page.evaluate(() => window.playground.step(300));
  const history = await page.evaluate(() => window.playground.history());
  assert.equal(history.length, 300);
  const state = await page.evaluate(() => window.playground.state());
  const last = history.at(-1);
  assert.equal(last.epoch, 300);
  assert.equal(last.train.accuracy, state.train.accuracy, 'the kept accuracy is the metrics at that epoch');
  assert.equal(last.test.accuracy, state.test.accuracy);
  assert.equal(last.test.loss, state.test.loss);
  const chart = page.locator('feature-space #loss-chart');
  await chart.scrollIntoViewIfNeeded();
  const box = await chart.boundingBox();
  // Hover at the right end: the last kept epoch; in the middle: an epoch near the middle.
  await page.mouse.move(box.x + box.width - 3, box.y + box.height / 2);
  let r = await readout(page);
  assert.equal(r.epoch, 300);
  assert.equal(r.text, `Epoch 300: train loss ${last.train.loss.toFixed(4)}, test loss ${last.test.loss.toFixed(4)}`);
  const left = 42, right = 8; // the chart's margins
  const mid = box.x + left + (box.width - left - right) * (149 / 299);
  await page.mouse.move(mid, box.y + box.height / 2);
  r = await readout(page);
  assert.ok(Math.abs(r.epoch - 150) <= 2, `the epoch under the pointer: ${r.epoch}`);
  const at = r.epoch;
  const e150 = await entry(page, at);
  assert.equal(r.text, `Epoch ${at}: train loss ${e150.train.loss.toFixed(4)}, test loss ${e150.test.loss.toFixed(4)}`);
  await page.screenshot({ path: path.join(SHOTS, 'chart-loss.png'), clip: { x: box.x - 20, y: box.y - 60, width: box.width + 40, height: box.height + 110 } });
  const linear = await chartPixels(page);
  await page.locator('feature-space #chart-log').check();
  const log = await chartPixels(page);
  assert.notEqual(log, linear, 'the log scale redraws the curves');
  await page.screenshot({ path: path.join(SHOTS, 'chart-loss-log.png'), clip: { x: box.x - 20, y: box.y - 60, width: box.width + 40, height: box.height + 110 } });
  await page.locator('feature-space [data-chart=accuracy]').click();
  assert.equal(await page.locator('feature-space #chart-log').isDisabled(), true, 'no log scale for accuracy');
  await page.mouse.move(mid, box.y + box.height / 2);
  r = await readout(page);
  const pct = (v) => `${(100 * v).toFixed(1)}%`;
  assert.equal(r.text, `Epoch ${at}: train accuracy ${pct(e150.train.accuracy)}, test accuracy ${pct(e150.test.accuracy)}`);
  await page.screenshot({ path: path.join(SHOTS, 'chart-accuracy.png'), clip: { x: box.x - 20, y: box.y - 60, width: box.width + 40, height: box.height + 110 } });
  // The mouse leaving hides the readout's values; the arrow keys move it from epoch to epoch.
  await page.mouse.move(5, 5);
  assert.match((await readout(page)).text, /Point at/);
  await chart.focus();
  await page.keyboard.press('End');
  await page.keyboard.press('ArrowLeft');
  assert.equal((await readout(page)).epoch, 299);
  assert.equal(await page.evaluate(() => window.playground.state().epoch), 300, 'the arrow key did not step the run');
  assert.deepEqual(errors, []);
  await page.close();
});

test('on a phone the chart fits 390 px and a tap shows the values', async () => {
  const phone = await launch('featurespace-stop-phone-', { viewport: { width: 390, height: 844 }, hasTouch: true, isMobile: true, deviceScaleFactor: 2 });
  try {
    const { page, errors } = await openPlayground(phone.context, '#dataset=xor&hidden=4&views=loss%20input&controls=play%20reset%20chart-tools');
    await page.evaluate(() => window.playground.step(120));
    const chart = page.locator('feature-space #loss-chart');
    await chart.scrollIntoViewIfNeeded();
    const box = await chart.boundingBox();
    assert.ok(box.x >= 0 && box.x + box.width <= 390, `inside the screen: ${JSON.stringify(box)}`);
    await page.touchscreen.tap(box.x + box.width - 3, box.y + box.height / 2);
    const r = await readout(page);
    assert.equal(r.epoch, 120);
    const e = await entry(page, 120);
    assert.equal(r.text, `Epoch 120: train loss ${e.train.loss.toFixed(4)}, test loss ${e.test.loss.toFixed(4)}`);
    await page.locator('feature-space [data-chart=accuracy]').tap();
    assert.match((await readout(page)).text, /^Epoch 120: train accuracy/);
    await page.screenshot({ path: path.join(SHOTS, 'chart-phone.png') });
    assert.deepEqual(errors, []);
    await page.close();
  } finally {
    await phone.close();
  }
});
