// End-to-end tests of the `compare` link: two <feature-space> elements side by side from the same
// data and initial weights, stepping, playing and resetting together, each loss chart overlaying
// the other's curve; the full page's Compare button and the example page.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import { URL, SHOTS, launch, newPage, openPlayground } from './browser.mjs';

let browser, context, fixtures = 0;
before(async () => { browser = await launch('featurespace-compare-'); ({ context } = browser); });
after(() => browser?.close());

const html = (body) => `<!doctype html><html lang="en"><head><meta charset="utf-8">
<link rel="icon" href="data:,"><title>fixture</title>
<script>
  window.events = [];
  for (const type of ['fs-error', 'fs-play', 'fs-pause']) document.addEventListener(type, (e) => events.push({ type, id: e.target.id, detail: e.detail }));
</script>
<script type="module" src="www/feature-space.js"></script>
<style>body { margin: 0; } .pair { display: grid; grid-template-columns: 1fr 1fr; }</style></head><body>${body}</body></html>`;

async function open(body, viewport) {
  const { page, errors } = await newPage(context);
  if (viewport) await page.setViewportSize(viewport);
  const name = `compare-fixture-${++fixtures}.html`;
  await page.route(URL + name, (r) => r.fulfill({ contentType: 'text/html', body: html(body) }));
  await page.goto(URL + name);
  return { page, errors };
}

// Waits until the element `id` is linked to its partner.
const linked = (page, id) => page.waitForFunction((id) => Boolean(document.getElementById(id)?.compareLink), id, { timeout: 10000 });

const PAIR = `<div class="pair">
  <feature-space id="a" optimizer="adam" views="input loss" controls="play step reset speed" loading="eager"></feature-space>
  <feature-space id="b" compare="a" optimizer="sgd" seed="9" lr="0.05" views="input loss" controls="play step reset speed" loading="eager"></feature-space>
</div>
<feature-space id="c" views="loss" controls="none" loading="eager"></feature-space>`;

// Pixels of the overlay's colour (#cc79a7) in an element's loss chart.
const overlayPixels = (page, id) => page.evaluate((id) => {
  const c = document.getElementById(id).shadowRoot.getElementById('loss-chart');
  const d = c.getContext('2d').getImageData(0, 0, c.width, c.height).data;
  let n = 0;
  for (let i = 0; i < d.length; i += 4) if (Math.abs(d[i] - 204) < 30 && Math.abs(d[i + 1] - 121) < 30 && Math.abs(d[i + 2] - 167) < 30) n++;
  return n;
}, id);

test('two linked elements share the data and start from equal weights, with their own settings over the other\'s', async () => {
  const { page, errors } = await open(PAIR);
  await linked(page, 'b');
  const r = await page.evaluate(() => {
    const a = document.getElementById('a'), b = document.getElementById('b');
    const sa = a.state(), sb = b.state();
    return {
      epochs: [sa.epoch, sb.epoch], layersA: sa.layers, layersB: sb.layers,
      a: a.config(), b: b.config(), sameData: JSON.stringify(a.data()) === JSON.stringify(b.data()),
      caption: b.shadowRoot.querySelector('.compare-caption')?.textContent,
      captionA: a.shadowRoot.querySelector('.compare-caption')?.textContent,
    };
  });
  assert.deepEqual(r.epochs, [0, 0]);
  assert.equal(r.a.optimizer, 'adam');
  assert.equal(r.b.optimizer, 'sgd');
  assert.equal(r.b.lr, 0.05, 'the linked element keeps its own settings');
  assert.equal(r.b.seed, r.a.seed, 'the data keys come from the other element (its seed attribute is not used)');
  assert.ok(r.sameData, 'the same points');
  assert.deepEqual(r.layersB, r.layersA, 'exactly equal initial weights');
  assert.match(r.caption, /Compared with #a \(Adam, lr 0\.01; here SGD, lr 0\.05\): the same data and the same initial weights/);
  assert.match(r.captionA, /Compared with #b \(SGD, lr 0\.05; here Adam, lr 0\.01\)/);
  assert.deepEqual(errors, []);
  await page.close();
});

test('linked elements step, play, pause and reset together, and their runs differ', async () => {
  const { page, errors } = await open(PAIR);
  await linked(page, 'b');
  const stepped = await page.evaluate(() => {
    const a = document.getElementById('a'), b = document.getElementById('b');
    a.step(5);
    const first = [a.state().epoch, b.state().epoch];
    b.step(3);
    const second = [a.state().epoch, b.state().epoch];
    return { first, second, lossA: a.state().train.loss, lossB: b.state().train.loss };
  });
  assert.deepEqual(stepped.first, [5, 5]);
  assert.deepEqual(stepped.second, [8, 8]);
  assert.notEqual(stepped.lossA, stepped.lossB, 'different optimizers train differently');
  // Play on one: both play; pause on the other: both stop at the same epoch.
  await page.evaluate(() => document.getElementById('a').play());
  await page.waitForTimeout(600);
  const playing = await page.evaluate(() => [document.getElementById('a').playing, document.getElementById('b').playing]);
  assert.deepEqual(playing, [true, true]);
  await page.evaluate(() => document.getElementById('b').pause());
  await page.waitForTimeout(100);
  const paused = await page.evaluate(() => {
    const a = document.getElementById('a'), b = document.getElementById('b');
    return { playing: [a.playing, b.playing], epochs: [a.state().epoch, b.state().epoch] };
  });
  assert.deepEqual(paused.playing, [false, false]);
  assert.equal(paused.epochs[0], paused.epochs[1], `the same epoch after pause: ${paused.epochs}`);
  assert.ok(paused.epochs[0] > 8, `played: ${paused.epochs}`);
  // The keyboard's and the buttons' actions go through the same API: the step button of b.
  await page.evaluate(() => document.getElementById('b').shadowRoot.querySelector('[part~="step-button"]').click());
  const afterButton = await page.evaluate(() => [document.getElementById('a').state().epoch, document.getElementById('b').state().epoch]);
  assert.equal(afterButton[0], afterButton[1]);
  assert.equal(afterButton[0], paused.epochs[0] + 1);
  // Reset on one: both at epoch 0 from equal weights again.
  const reset = await page.evaluate(() => {
    const a = document.getElementById('a'), b = document.getElementById('b');
    b.reset();
    return { epochs: [a.state().epoch, b.state().epoch], equal: JSON.stringify(a.state().layers) === JSON.stringify(b.state().layers) };
  });
  assert.deepEqual(reset.epochs, [0, 0]);
  assert.ok(reset.equal);
  // Speed on one: both.
  const speeds = await page.evaluate(() => {
    const a = document.getElementById('a'), b = document.getElementById('b');
    a.setAttribute('speed', '5');
    return [a.run.speed, b.run.speed];
  });
  assert.deepEqual(speeds, [2, 2]);
  assert.deepEqual(errors, []);
  await page.close();
});

test('data changes on either element apply to both; a different shape starts from the seed and says so', async () => {
  const { page, errors } = await open(PAIR);
  await linked(page, 'b');
  const r = await page.evaluate(() => {
    const a = document.getElementById('a'), b = document.getElementById('b');
    a.step(4);
    b.setConfig({ dataset: 'xor', seed: 3 });
    const data = { a: a.config(), b: b.config(), epochs: [a.state().epoch, b.state().epoch], same: JSON.stringify(a.data()) === JSON.stringify(b.data()), weights: JSON.stringify(a.state().layers) === JSON.stringify(b.state().layers) };
    a.setConfig({ noise: 0.2 });
    const noise = b.config().noise;
    b.hidden = '3';
    const shapes = { a: a.config().hidden, b: b.config().hidden, caption: b.shadowRoot.querySelector('.compare-caption').textContent, captionA: a.shadowRoot.querySelector('.compare-caption').textContent };
    a.step(2);
    const epochs = [a.state().epoch, b.state().epoch];
    const csvErrors = b.loadCsv('x1,x2,label\n0,0,0\n1,1,1\n0,1,1\n1,0,0\n0.5,0.5,0\n0.2,0.9,1\n0.9,0.1,0\n0.3,0.3,1\n');
    return { data, noise, shapes, epochs, csvErrors, csv: { a: a.config().dataset, b: b.config().dataset, same: JSON.stringify(a.data()) === JSON.stringify(b.data()) } };
  });
  assert.equal(r.data.a.dataset, 'xor');
  assert.equal(r.data.a.seed, 3);
  assert.deepEqual(r.data.epochs, [0, 0], 'both start again');
  assert.ok(r.data.same && r.data.weights);
  assert.equal(r.noise, 0.2);
  assert.equal(String(r.shapes.a), '2');
  assert.equal(String(r.shapes.b), '3');
  assert.match(r.shapes.caption, /differ in shape \(2-3-1 here, 2-2-1 there\), so each starts from its seed's initialisation/);
  assert.match(r.shapes.captionA, /differ in shape \(2-2-1 here, 2-3-1 there\)/);
  assert.deepEqual(r.epochs, [2, 2]);
  assert.deepEqual(r.csvErrors, []);
  assert.deepEqual(r.csv, { a: 'custom', b: 'custom', same: true });
  assert.deepEqual(errors, []);
  await page.close();
});

test('each loss chart overlays the other run\'s curve; an element without a link has none', async () => {
  const { page, errors } = await open(PAIR);
  await linked(page, 'b');
  await page.evaluate(async () => {
    const a = document.getElementById('a'), c = document.getElementById('c');
    await c.ready;
    a.step(60);
    c.step(60);
  });
  // No forced draw: the scheduler redraws both charts (each with the other's newest curve).
  await page.waitForTimeout(300);
  const [pa, pb, pc] = [await overlayPixels(page, 'a'), await overlayPixels(page, 'b'), await overlayPixels(page, 'c')];
  assert.ok(pa > 40, `overlay drawn on a: ${pa} pixels`);
  assert.ok(pb > 40, `overlay drawn on b: ${pb} pixels`);
  assert.equal(pc, 0, 'no overlay without a link');
  await page.locator('.pair').screenshot({ path: path.join(SHOTS, 'compare-pair.png') });
  // Unlinking (the attribute removed) takes the overlay and the caption away.
  const after = await page.evaluate(() => {
    const a = document.getElementById('a'), b = document.getElementById('b');
    b.removeAttribute('compare');
    a.run.draw(true);
    a.step(1);
    return { link: Boolean(a.compareLink || b.compareLink), caption: Boolean(b.shadowRoot.querySelector('.compare-caption')), epochs: [a.state().epoch, b.state().epoch] };
  });
  assert.deepEqual(after, { link: false, caption: false, epochs: [61, 60] });
  assert.equal(await overlayPixels(page, 'a'), 0);
  assert.deepEqual(errors, []);
  await page.close();
});

test('a missing, self or already linked target is named in a message and the element runs alone', async () => {
  const { page } = await open(`
    <feature-space id="a" views="loss" controls="play" loading="eager"></feature-space>
    <feature-space id="b" compare="a" views="loss" controls="play" loading="eager"></feature-space>
    <feature-space id="x" compare="nowhere" views="loss" controls="play" loading="eager"></feature-space>
    <feature-space id="y" compare="y" views="loss" controls="play" loading="eager"></feature-space>
    <feature-space id="z" compare="b" views="loss" controls="play" loading="eager"></feature-space>`);
  await linked(page, 'b');
  await page.waitForFunction(() => window.events.filter((e) => e.type === 'fs-error' && e.detail.key === 'compare').length >= 3);
  const r = await page.evaluate(() => ({
    errors: Object.fromEntries(window.events.filter((e) => e.type === 'fs-error').map((e) => [e.id, e.detail.message])),
    message: document.getElementById('x').shadowRoot.querySelector('#message').textContent,
    alone: (() => { const x = document.getElementById('x'); x.step(2); return x.state().epoch; })(),
    aEpoch: document.getElementById('a').state().epoch,
  }));
  assert.match(r.errors.x, /there is no <feature-space id="nowhere"> in this document/);
  assert.match(r.message, /Not linked \(this element runs on its own\)/);
  assert.match(r.errors.y, /cannot be compared with itself/);
  assert.match(r.errors.z, /#b is itself linked/);
  assert.equal(r.alone, 2);
  assert.equal(r.aEpoch, 0);
  await page.close();
});

test('a link waits for a lazy target to load', async () => {
  const { page, errors } = await open(`
    <feature-space id="b" compare="a" activation="relu" views="loss" controls="play" loading="eager"></feature-space>
    <div style="height: 3000px"></div>
    <feature-space id="a" views="loss" controls="play"></feature-space>`);
  await linked(page, 'b');
  const r = await page.evaluate(() => {
    const a = document.getElementById('a'), b = document.getElementById('b');
    b.step(3);
    return { epochs: [a.state().epoch, b.state().epoch], act: [a.config().activation, b.config().activation] };
  });
  assert.deepEqual(r, { epochs: [3, 3], act: ['tanh', 'relu'] });
  assert.deepEqual(errors, []);
  await page.close();
});

for (const [name, viewport, touch] of [['desktop', { width: 1440, height: 900 }, false], ['phone', { width: 390, height: 844 }, true]]) {
  test(`the page's Compare button adds a linked element beside the first (${name})`, async () => {
    const phone = touch ? await launch('featurespace-compare-phone-', { viewport, hasTouch: true, isMobile: true, deviceScaleFactor: 2 }) : null;
    const { page, errors } = await newPage(phone ? phone.context : context);
    if (!phone) await page.setViewportSize(viewport);
    await page.goto(URL);
    await page.evaluate(() => window.playground.ready);
    await page.click('#compare');
    await linked(page, 'compared');
    await page.selectOption('#compare-key', 'optimizer');
    await linked(page, 'compared');
    await page.selectOption('#compare-value', 'sgd');
    await page.waitForFunction(() => document.getElementById('compared').config().optimizer === 'sgd');
    const r = await page.evaluate(async () => {
      const a = document.getElementById('playground'), b = document.getElementById('compared');
      const equal = JSON.stringify(a.state().layers) === JSON.stringify(b.state().layers);
      a.step(40);
      const ra = a.getBoundingClientRect(), rb = b.getBoundingClientRect();
      return { equal, epochs: [a.state().epoch, b.state().epoch], optimizers: [a.config().optimizer, b.config().optimizer], views: a.getAttribute('views'), ra: [ra.left, ra.top, ra.width], rb: [rb.left, rb.top, rb.width], scroll: document.documentElement.scrollWidth };
    });
    assert.ok(r.equal, 'equal initial weights');
    assert.deepEqual(r.epochs, [40, 40]);
    assert.deepEqual(r.optimizers, ['adam', 'sgd']);
    if (name === 'desktop') assert.ok(r.rb[0] > r.ra[0] + r.ra[2] - 5 && Math.abs(r.rb[1] - r.ra[1]) < 5, `side by side: ${JSON.stringify(r)}`);
    else {
      assert.ok(r.rb[1] > r.ra[1] + 100, `stacked: ${JSON.stringify(r)}`);
      assert.ok(r.scroll <= 392, `no sideways scroll: ${r.scroll}`);
    }
    await page.waitForTimeout(300);
    await page.screenshot({ path: path.join(SHOTS, `compare-page-${name}.png`), fullPage: name === 'phone' });
    // Stop comparing: the second element goes, the first gets its views back.
    await page.click('#compare');
    const back = await page.evaluate(() => ({ second: Boolean(document.getElementById('compared')), views: document.getElementById('playground').getAttribute('views') }));
    assert.equal(back.second, false);
    assert.match(back.views, /^lesson input feature( timeline)? network/);
    assert.deepEqual(errors, []);
    await page.close();
    await phone?.close();
  });
}

test("the page's comparison is in its link, opens from it, and follows the second run's own control", async () => {
  const { page, errors } = await newPage(context);
  await page.setViewportSize({ width: 1440, height: 900 });
  await page.goto(`${URL}#hidden=4,2&activation=tanh`);
  await page.evaluate(() => window.playground.ready);
  const inLink = () => page.evaluate(() => new URLSearchParams(location.hash.slice(1)).get('compare'));
  await page.click('#compare');
  await linked(page, 'compared');
  assert.equal(await inLink(), 'optimizer:sgd', 'the first optimizer that differs from adam');
  await page.selectOption('#compare-key', 'lr');
  await page.selectOption('#compare-value', '0.1');
  await page.waitForFunction(() => document.getElementById('compared').config().lr === 0.1);
  assert.equal(await inLink(), 'lr:0.1');
  // The second run's own learning-rate box: the chooser and the link follow it.
  await page.locator('#compared #key-lr').fill('0.25');
  await page.locator('#compared #key-lr').press('Enter');
  await page.waitForFunction(() => document.querySelector('#compare-value').value === '0.25');
  assert.equal(await inLink(), 'lr:0.25');
  const href = await page.evaluate(() => location.href);
  await page.click('#compare');
  assert.equal(await inLink(), null, 'stopping takes the comparison out of the link');

  // The copied link opens the same comparison; a changed hash changes it; a bad one is named.
  const opened = await newPage(context);
  await opened.page.setViewportSize({ width: 1440, height: 900 });
  await opened.page.goto(href);
  await opened.page.evaluate(() => window.playground.ready);
  await linked(opened.page, 'compared');
  const shown = await opened.page.evaluate(() => ({
    lr: [document.getElementById('playground').config().lr, document.getElementById('compared').config().lr],
    hidden: document.getElementById('compared').config().hidden,
    chooser: [document.querySelector('#compare-key').value, document.querySelector('#compare-value').value],
    pressed: document.querySelector('#compare').getAttribute('aria-pressed'),
  }));
  assert.deepEqual(shown, { lr: [0.01, 0.25], hidden: '4,2', chooser: ['lr', '0.25'], pressed: 'true' });
  // The address keeps the comparison after the page's first idle moment (which writes the link).
  await opened.page.waitForTimeout(600);
  assert.equal(await opened.page.evaluate(() => new URLSearchParams(location.hash.slice(1)).get('compare')), 'lr:0.25');
  await opened.page.evaluate(() => { location.hash = location.hash.replace(/compare=[^&]*/, 'compare=activation:relu'); });
  await opened.page.waitForFunction(() => document.getElementById('compared')?.config().activation === 'relu');
  await opened.page.evaluate(() => { location.hash = location.hash.replace(/compare=[^&]*/, 'compare=colour:red'); });
  await opened.page.waitForFunction(() => /'colour' cannot be compared/.test(document.getElementById('playground').shadowRoot.textContent));
  await opened.page.evaluate(() => { location.hash = location.hash.replace(/&?compare=[^&]*/, ''); });
  await opened.page.waitForFunction(() => !document.getElementById('compared'));
  assert.deepEqual(errors, []);
  assert.deepEqual(opened.errors, []);
  await opened.page.close();
  await page.close();
});

test('the example page loads two linked elements with no errors', async () => {
  const { page, errors } = await newPage(context);
  await page.setViewportSize({ width: 1280, height: 1000 });
  await page.goto(`${URL}examples/compare.html`);
  await linked(page, 'sgd');
  const r = await page.evaluate(() => {
    const a = document.getElementById('adam'), b = document.getElementById('sgd');
    const equal = JSON.stringify(a.state().layers) === JSON.stringify(b.state().layers);
    a.step(100);
    return { equal, opt: [a.config().optimizer, b.config().optimizer], loss: [a.state().train.loss, b.state().train.loss], epochs: [a.state().epoch, b.state().epoch] };
  });
  assert.ok(r.equal);
  assert.deepEqual(r.opt, ['adam', 'sgd']);
  assert.deepEqual(r.epochs, [100, 100]);
  assert.ok(r.loss[0] < r.loss[1], `Adam learns the band faster here: ${r.loss}`);
  await page.waitForTimeout(300);
  await page.screenshot({ path: path.join(SHOTS, 'compare-example.png'), fullPage: true });
  assert.deepEqual(errors, []);
  await page.close();
});

test('at the fastest speed the pair trains on the page\'s thread in lock step and ends level', async () => {
  const { page, errors } = await open(PAIR);
  await linked(page, 'b');
  await page.evaluate(() => { const b = document.getElementById('b'); b.hidden = '8,8'; b.setAttribute('speed', 'max'); b.play(); });
  const gaps = [];
  for (let i = 0; i < 5; i++) {
    await page.waitForTimeout(150);
    gaps.push(await page.evaluate(() => {
      const a = document.getElementById('a'), b = document.getElementById('b');
      return { a: a.run.core.epoch(), b: b.run.core.epoch(), workers: [a.run.worker.active, b.run.worker.active] };
    }));
  }
  await page.evaluate(() => document.getElementById('a').pause());
  await page.waitForFunction(() => !document.getElementById('b').run.job);
  const end = await page.evaluate(() => ({ a: document.getElementById('a').state().epoch, b: document.getElementById('b').state().epoch, speed: document.getElementById('a').run.speed }));
  assert.equal(end.speed, 9, 'the speed went to both');
  assert.ok(gaps.every((g) => !g.workers[0] && !g.workers[1]), 'no training worker runs ahead');
  assert.ok(gaps.at(-1).a > 20, `trained: ${JSON.stringify(gaps)}`);
  // The run ahead waits while the other catches up: the gap stays within a few frames' epochs.
  for (const g of gaps) assert.ok(Math.abs(g.a - g.b) <= Math.max(20, 0.25 * Math.max(g.a, g.b)), `in step: ${JSON.stringify(gaps)}`);
  assert.equal(end.a, end.b, `level after pause: ${JSON.stringify(end)}`);
  assert.deepEqual(errors, []);
  await page.close();
});
