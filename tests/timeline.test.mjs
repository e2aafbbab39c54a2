// End-to-end tests of the timeline in Chromium: "continue from here" gives the weights a fresh
// element stepped to that epoch has (exactly; also after playing at speed max, where the
// training worker trains), scrubbing shows an old epoch in every view while the run plays and
// "Live" comes back, the slider works by keyboard, and the strip fits a phone.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import { URL, SHOTS, launch, newPage, openPlayground, twoFrames } from './browser.mjs';

let browser, context, fixtures = 0;
before(async () => { browser = await launch('featurespace-timeline-'); ({ context } = browser); });
after(() => browser?.close());

// A page with elements #a and #b (`attrs` on both) that records fs-scrub and fs-error events.
async function open(attrs, ctx = context) {
  const { page, errors } = await newPage(ctx);
  const name = `timeline-${++fixtures}.html`;
  const body = `<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><link rel="icon" href="data:,">
<title>timeline</title><script>window.events = [];
for (const t of ['fs-error', 'fs-scrub']) document.addEventListener(t, (e) => events.push({ type: t, id: e.target.id, detail: e.detail }));
</script><script type="module" src="www/feature-space.js"></script></head>
<body><feature-space id="a" loading="eager" ${attrs}></feature-space>
<feature-space id="b" loading="eager" ${attrs}></feature-space></body></html>`;
  await page.route(URL + name, (r) => r.fulfill({ contentType: 'text/html', body }));
  await page.goto(URL + name);
  await page.evaluate(async () => {
    await customElements.whenDefined('feature-space');
    for (const id of ['a', 'b']) await document.getElementById(id).ready;
  });
  await twoFrames(page);
  return { page, errors };
}

// Runs `fn(a, b)` in the page with the two elements.
const run = (page, fn, arg) => page.evaluate(({ fn, arg }) => new Function('a', 'b', 'arg', `return (${fn})(a, b, arg)`)(
  document.getElementById('a'), document.getElementById('b'), arg), { fn: String(fn), arg });
const scrubEvents = (page) => page.evaluate(() => window.events.filter((e) => e.type === 'fs-scrub' && e.id === 'a').map((e) => e.detail.epoch));

test('continue from here gives exactly the weights of a fresh run stepped to that epoch (SGD and Adam)', async () => {
  for (const optimizer of ['adam', 'sgd']) {
    const { page, errors } = await open(`views="input loss timeline" optimizer="${optimizer}" hidden="3" batch="7"`);
    const r = await run(page, (a, b) => {
      a.step(700);
      const epochs = a.timeline();
      const back = epochs[Math.floor(epochs.length / 2)];
      const continued = a.continueFrom(back);
      b.step(back);
      const same = JSON.stringify(a.state().layers) === JSON.stringify(b.state().layers);
      a.step(40); b.step(40);
      return {
        epochs, back, epoch: continued.epoch, same, sameAfter: JSON.stringify(a.state().layers) === JSON.stringify(b.state().layers),
        last: a.timeline().at(-1), history: a.state().epoch,
      };
    });
    // 700 epochs thinned the timeline (256 entries at most) and kept the whole range.
    assert.ok(r.epochs.length > 100 && r.epochs.length <= 256, `${r.epochs.length} entries`);
    assert.equal(r.epochs[0], 0);
    assert.ok(r.epochs.at(-1) >= 690, String(r.epochs.at(-1)));
    assert.equal(r.epoch, r.back);
    assert.ok(r.same, `${optimizer}: the weights at epoch ${r.back} equal a fresh run's`);
    assert.ok(r.sameAfter, `${optimizer}: and 40 epochs later too`);
    assert.equal(r.last, r.back + 40, 'the later entries were dropped, new ones recorded');
    // An epoch not on the timeline is refused with the nearest one named.
    const refused = await run(page, (a) => { try { a.continueFrom(a.timeline().at(-1) + 1); return null; } catch (e) { return e.message; } });
    assert.match(refused, /not on the timeline; the nearest recorded epoch is \d+/);
    assert.deepEqual(errors, []);
    await page.close();
  }
});

test('while a recorded epoch is shown, the weights JSON and the Python script are of that epoch', async () => {
  const { page, errors } = await open('views="input loss timeline" hidden="3" batch="7"');
  const r = await run(page, (a, b) => {
    a.step(200);
    const back = a.timeline()[Math.floor(a.timeline().length / 2)];
    const live = a.exportPython();
    a.scrub(back);
    const shown = { weights: JSON.parse(a.exportWeights()), python: a.exportPython(), state: a.state().epoch };
    b.step(back);
    a.scrub(null);
    const after = JSON.parse(a.exportWeights());
    return {
      back, epoch: shown.weights.epoch, live: a.state().epoch,
      same: JSON.stringify(shown.weights.layers) === JSON.stringify(b.state().layers),
      python: shown.python.match(/exported at epoch (\d+)/)?.[1], livePython: live.match(/exported at epoch (\d+)/)?.[1],
      stateWhileShown: shown.state, after: after.epoch, afterSame: JSON.stringify(after.layers) === JSON.stringify(a.state().layers),
    };
  });
  assert.ok(r.back > 0 && r.back < 200, String(r.back));
  assert.equal(r.epoch, r.back, 'the JSON names the epoch shown');
  assert.ok(r.same, `the JSON's weights are those of a fresh run stepped to epoch ${r.back}`);
  assert.equal(r.python, String(r.back), 'the script is of the epoch shown');
  assert.equal(r.livePython, '200');
  assert.equal(r.stateWhileShown, 200, 'state() stays the live run');
  assert.equal(r.after, 200, 'back to live, the JSON is live again');
  assert.ok(r.afterSame);
  assert.deepEqual(errors, []);
  await page.close();
});

test('continue from here is exact after playing at speed max (the training worker)', async () => {
  const { page, errors } = await open('views="input loss timeline" speed="max" hidden="4" activation="relu"');
  await run(page, (a) => a.play());
  await page.waitForFunction(() => document.getElementById('a').run.worker.active && document.getElementById('a').state().epoch > 1500, null, { timeout: 20000 });
  const r = await run(page, async (a, b) => {
    const worker = a.run.worker.received > 0;
    a.pause();
    const epochs = a.timeline();
    // An epoch the worker trained to (recorded when the page took its snapshot).
    const back = epochs[Math.floor(epochs.length * 0.6)];
    a.continueFrom(back);
    await b.stepAsync(back);
    const same = JSON.stringify(a.state().layers) === JSON.stringify(b.state().layers);
    // Playing on at max from there, then both to the same epoch.
    a.play();
    await new Promise((res) => setTimeout(res, 600));
    a.pause();
    const epoch = a.state().epoch;
    await b.stepAsync(epoch - back);
    return { worker, epochs, back, same, epoch, sameAfter: JSON.stringify(a.state().layers) === JSON.stringify(b.state().layers) };
  });
  assert.ok(r.worker, 'the worker trained');
  // Recorded each time the page took the worker's newest snapshot (once a frame at most).
  assert.ok(r.epochs.length > 4, `${r.epochs.length} entries`);
  assert.ok(r.back > 0);
  assert.ok(r.same, `the weights at epoch ${r.back} equal a fresh run's`);
  assert.ok(r.epoch > r.back, `played on to ${r.epoch}`);
  assert.ok(r.sameAfter, `and at epoch ${r.epoch} after playing on at max`);
  assert.deepEqual(errors, []);
  await page.close();
});

test('scrubbing while playing shows the old epoch in every view; Live returns; keys move the slider', async () => {
  const { page, errors } = await open('views="input feature network weights loss confusion timeline" hidden="3" speed="1"');
  const canvases = (el) => ['input-space', 'feature-space'].map((id) => el.shadowRoot.getElementById(id).toDataURL());
  const r = await run(page, (a, b) => {
    a.step(200);
    b.step(40);
    return { shown: a.scrub(40), scrubbed: a.scrubbed, epoch: a.state().epoch };
  });
  assert.deepEqual(r, { shown: 40, scrubbed: 40, epoch: 200 });
  await twoFrames(page);
  // Paused: every view of a, scrubbed to 40, draws what b, at epoch 40, draws.
  const paused = await run(page, (a, b, src) => {
    const canvases = new Function(`return ${src}`)();
    const text = (el, id) => el.shadowRoot.getElementById(id).textContent;
    return {

      canvases: JSON.stringify(canvases(a)) === JSON.stringify(canvases(b)),
      weights: text(a, 'weights') === text(b, 'weights'),
      network: text(a, 'network') === text(b, 'network'),
      confusion: text(a, 'confusion') === text(b, 'confusion'),
      loss: text(a, 'train-loss') === text(b, 'train-loss'),
      epoch: text(a, 'epoch'),
      output: text(a, 'timeline-epoch'),
      live: a.state().epoch,
    };
  }, String(canvases));
  assert.ok(paused.canvases, 'the space views show epoch 40');
  assert.ok(paused.weights && paused.network && paused.confusion && paused.loss, JSON.stringify(paused));
  // A point's card too: its forward pass with the weights of epoch 40.
  // (b is below the fold, where an element does not redraw by itself.)
  await run(page, (a, b) => { a.highlight(7); b.highlight(7); a.run.draw(true); b.run.draw(true); });
  await twoFrames(page);
  const cards = await run(page, (a, b) => ['feature-card', 'input-card'].map((id) => [a, b].map((el) => el.shadowRoot.getElementById(id).textContent)));
  assert.ok(cards.some(([x, y]) => x.length > 20 && x === y), JSON.stringify(cards));
  assert.equal(paused.epoch, '40 (live 200)');
  assert.equal(paused.output, '40');
  assert.equal(paused.live, 200, 'state() is the live run');
  await page.locator('#a').screenshot({ path: path.join(SHOTS, 'timeline-scrubbed.png') });

  // Playing: the run trains on while the views keep showing epoch 40.
  await run(page, (a) => a.play());
  await page.waitForFunction(() => document.getElementById('a').state().epoch > 230);
  await twoFrames(page);
  const playing = await run(page, (a, b) => ({
    weights: a.shadowRoot.getElementById('weights').textContent === b.shadowRoot.getElementById('weights').textContent,
    epoch: a.shadowRoot.getElementById('epoch').textContent,
    scrubbed: a.scrubbed,
  }));
  assert.ok(playing.weights, 'the weights panel still shows epoch 40');
  assert.match(playing.epoch, /^40 \(live \d+\)$/);
  assert.equal(playing.scrubbed, 40);

  // "Live": the views follow the run again; scrubbing while it plays goes back to epoch 40.
  // (While training, the weights panel redraws a few times a second.)
  const weightsAre = (same) => page.waitForFunction((same) => {
    const text = (id) => document.getElementById(id).shadowRoot.getElementById('weights').textContent;
    return (text('a') === text('b')) === same;
  }, same, { timeout: 5000 });
  await page.locator('#a #timeline-live').click();
  await weightsAre(false);
  assert.equal(await run(page, (a) => [a.playing, a.scrub(40)].join()), 'true,40');
  await weightsAre(true);
  assert.match(await page.locator('#a #epoch').textContent(), /^40 \(live \d+\)$/);
  await page.locator('#a #timeline-live').click();
  await twoFrames(page);
  await run(page, (a) => a.pause());
  await twoFrames(page);
  const live = await run(page, (a, b) => ({
    weights: a.shadowRoot.getElementById('weights').textContent === b.shadowRoot.getElementById('weights').textContent,
    epoch: a.shadowRoot.getElementById('epoch').textContent,
    state: a.state().epoch,
    scrubbed: a.scrubbed,
    disabled: a.shadowRoot.getElementById('timeline-continue').disabled,
  }));
  assert.equal(live.scrubbed, null);
  assert.ok(!live.weights, 'the weights panel shows the live run');
  assert.equal(live.epoch, String(live.state));
  assert.ok(live.disabled, '"Continue from here" needs an epoch shown');

  // The keyboard: Home shows the first recorded epoch, → the next one, End the live run.
  const slider = page.locator('#a #timeline-range');
  await slider.focus();
  await page.keyboard.press('Home');
  await twoFrames(page);
  const home = await run(page, (a) => ({ scrubbed: a.scrubbed, epochs: a.timeline().slice(0, 2) }));
  assert.equal(home.scrubbed, home.epochs[0]);
  await page.keyboard.press('ArrowRight');
  await twoFrames(page);
  assert.equal(await run(page, (a) => a.scrubbed), home.epochs[1]);
  // "Continue from here" by click.
  await page.locator('#a #timeline-continue').click();
  await twoFrames(page);
  assert.deepEqual(await run(page, (a) => [a.state().epoch, a.scrubbed, a.timeline().at(-1)]), [home.epochs[1], null, home.epochs[1]]);
  await page.keyboard.press('End');
  const ev = await scrubEvents(page);
  assert.deepEqual(ev, [40, null, 40, null, home.epochs[0], home.epochs[1], null]);
  assert.deepEqual(errors, []);
  await page.close();
});

test('under L-BFGS the timeline shows past epochs and continues from their weights, and says so', async () => {
  const { page, errors } = await open('views="input loss timeline" optimizer="lbfgs" hidden="3"');
  const r = await run(page, (a, b) => {
    a.step(30);
    a.scrub(10);
    b.step(10);
    return { shown: a.scrubbed, continued: a.continueFrom(10).epoch, same: JSON.stringify(a.state().layers) === JSON.stringify(b.state().layers) };
  });
  assert.deepEqual(r, { shown: 10, continued: 10, same: true });
  await run(page, (a) => a.scrub(5));
  await twoFrames(page);
  assert.match(await page.locator('#a #timeline-note').textContent(), /L-BFGS .*afresh/);
  // A step from there trains on (with fresh curvature).
  assert.equal(await run(page, (a) => { a.continueFrom(5); a.step(3); return a.state().epoch; }), 8);
  assert.deepEqual(errors, []);
  await page.close();
});

test('the full page shows the timeline; it fits a phone with touch', async () => {
  const { page, errors } = await openPlayground(context, '#dataset=xor&hidden=4');
  await page.evaluate(() => { window.playground.step(300); window.playground.scrub(120); });
  await twoFrames(page);
  const panel = page.locator('feature-space #timeline-panel');
  assert.ok(await panel.isVisible());
  assert.equal(await page.locator('feature-space #timeline-epoch').textContent(), '120');
  await page.screenshot({ path: path.join(SHOTS, 'timeline-page.png'), fullPage: true });
  assert.deepEqual(errors, []);
  await page.close();

  const phone = await launch('featurespace-timeline-phone-', { viewport: { width: 390, height: 844 }, hasTouch: true, isMobile: true, deviceScaleFactor: 2 });
  try {
    const { page, errors } = await open('views="input loss timeline" hidden="3"', phone.context);
    await run(page, (a) => a.step(100));
    await twoFrames(page);
    const strip = page.locator('#a #timeline-panel');
    await strip.scrollIntoViewIfNeeded();
    const box = await strip.boundingBox();
    assert.ok(box.x >= 0 && box.x + box.width <= 390, JSON.stringify(box));
    // A tap on the slider's left end shows an early epoch; the buttons are big enough to tap.
    const range = await page.locator('#a #timeline-range').boundingBox();
    await page.touchscreen.tap(range.x + 10, range.y + range.height / 2);
    await twoFrames(page);
    const scrubbed = await run(page, (a) => a.scrubbed);
    assert.ok(scrubbed != null && scrubbed < 20, `tapped to ${scrubbed}`);
    const button = await page.locator('#a #timeline-continue').boundingBox();
    assert.ok(button.height >= 40 && button.x + button.width <= 390, JSON.stringify(button));
    await strip.screenshot({ path: path.join(SHOTS, 'timeline-phone.png') });
    await page.screenshot({ path: path.join(SHOTS, 'timeline-phone-page.png') });
    assert.deepEqual(errors, []);
  } finally {
    await phone.close();
  }
});
