// End-to-end tests of the <feature-space> element on pages of its own (fixtures served on the
// same origin as dist/): independence of several elements, views and controls, events, images,
// visibility and lazy loading, inline config, a crashed core, keys, embed code and frame rate.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import { URL, SHOTS, launch, newPage, twoFrames } from './browser.mjs';

const EVENTS = ['fs-ready', 'fs-step', 'fs-play', 'fs-pause', 'fs-error', 'fs-config'];

let browser, context, fixtures = 0;
before(async () => { browser = await launch('featurespace-element-'); ({ context } = browser); });
after(() => browser?.close());

// A page of its own: `body` after a script that records every fs-* event reaching document.
const html = (body, css = '') => `<!doctype html><html lang="en"><head><meta charset="utf-8">
<link rel="icon" href="data:,"><title>fixture</title>
<script>
  window.events = [];
  for (const type of ${JSON.stringify(EVENTS)}) document.addEventListener(type, (e) => events.push({
    type, id: e.target.id, detail: JSON.parse(JSON.stringify(e.detail ?? null)),
    bubbles: e.bubbles, composed: e.composed, t: performance.now() }));
</script>
<script type="module" src="www/feature-space.js"></script>
<style>body { margin: 0; } ${css}</style></head><body>${body}</body></html>`;

// Opens a fixture page; collects page errors and console errors.
async function open(body, { css = '', viewport } = {}) {
  const { page, errors } = await newPage(context);
  if (viewport) await page.setViewportSize(viewport);
  const name = `fixture-${++fixtures}.html`;
  await page.route(URL + name, (r) => r.fulfill({ contentType: 'text/html', body: html(body, css) }));
  await page.goto(URL + name);
  return { page, errors };
}

// Waits for the elements with these ids to be ready.
const ready = (page, ...ids) => page.evaluate(async (ids) => {
  await customElements.whenDefined('feature-space');
  await Promise.all(ids.map((id) => document.getElementById(id).ready));
}, ids);

const epoch = (page, id) => page.evaluate((id) => document.getElementById(id).state().epoch, id);
const events = (page, type) => page.evaluate((type) => window.events.filter((e) => !type || e.type === type), type);
const settle = (page, ms) => page.waitForTimeout(ms);

test('two elements on one page train independently and take their own attributes', async () => {
  const { page, errors } = await open(`
    <feature-space id="a" loading="eager" dataset="xor" hidden="4" views="input loss"></feature-space>
    <feature-space id="b" loading="eager" dataset="circle" hidden="2,2" views="input loss"></feature-space>`);
  await ready(page, 'a', 'b');
  const r = await page.evaluate(() => {
    const a = document.getElementById('a'), b = document.getElementById('b');
    const shape = (s) => s.layers.map((l) => [l.W.length, l.W[0].length, l.b.length]);
    a.step(10);
    b.step(3);
    const sa = a.state(), sb = b.state();
    a.setAttribute('lr', '0.1');
    const lrs = { a: a.config().lr, b: b.config().lr, aProp: a.lr };
    a.step(1);
    const bAfter = b.state();
    b.lr = 0.05;
    return {
      epochs: [sa.epoch, sb.epoch], shapes: [shape(sa), shape(sb)], datasets: [a.config().dataset, b.config().dataset],
      weights: [JSON.stringify(sa.layers), JSON.stringify(sb.layers)], lrs, aEpoch: a.state().epoch,
      bUnchanged: JSON.stringify(bAfter.layers) === JSON.stringify(sb.layers) && bAfter.epoch === 3,
      afterProp: { a: a.config().lr, b: b.config().lr, bProp: b.lr },
    };
  });
  assert.deepEqual(r.epochs, [10, 3]);
  assert.deepEqual(r.datasets, ['xor', 'circle']);
  assert.deepEqual(r.shapes[0], [[2, 4, 4], [4, 1, 1]]);
  assert.deepEqual(r.shapes[1], [[2, 2, 2], [2, 2, 2], [2, 1, 1]]);
  assert.notEqual(r.weights[0], r.weights[1]);
  assert.deepEqual(r.lrs, { a: 0.1, b: 0.01, aProp: 0.1 });
  assert.equal(r.aEpoch, 1, 'a config change starts A again (the core rebuilds its session), then one step');
  assert.ok(r.bUnchanged, "B's weights and epoch are untouched by A's step");
  assert.deepEqual(r.afterProp, { a: 0.1, b: 0.05, bProp: 0.05 });
  assert.deepEqual(errors, []);
  await page.close();
});

test('views and controls show exactly what they list, and a new views attribute rebuilds', async () => {
  const { page, errors } = await open(`
    <feature-space id="a" loading="eager" views="input loss" controls="play reset lr"></feature-space>
    <feature-space id="b" loading="eager" controls="none"></feature-space>`);
  await ready(page, 'a', 'b');
  const probe = (id) => page.evaluate((id) => {
    const root = document.getElementById(id).shadowRoot;
    const has = (s) => root.querySelector(s) !== null;
    return {
      views: ['#input-space', '#loss-chart', '#feature-space', '#weights', '#figures', '#lesson'].filter(has),
      buttons: [...root.querySelectorAll('button')].filter((b) => !b.closest('#message')).map((b) => b.id),
      keys: [...root.querySelectorAll('[data-key]')].map((k) => k.dataset.key),
      step: has('#step'), speed: has('#speed'),
    };
  }, id);
  const a = await probe('a');
  assert.deepEqual(a.views, ['#input-space', '#loss-chart']);
  assert.deepEqual(a.buttons, ['play', 'reset']);
  assert.deepEqual(a.keys, ['lr']);
  assert.equal(a.step, false);
  assert.equal(a.speed, false);
  const b = await probe('b');
  assert.deepEqual(b.buttons, []);
  assert.deepEqual(b.keys, []);
  assert.deepEqual(b.views.sort(), ['#feature-space', '#input-space', '#loss-chart', '#weights'], 'the default views');
  await page.evaluate(() => document.getElementById('a').setAttribute('views', 'input loss feature'));
  const rebuilt = await probe('a');
  assert.deepEqual(rebuilt.views, ['#input-space', '#loss-chart', '#feature-space']);
  assert.deepEqual(rebuilt.keys, ['lr'], 'the controls stay as listed');
  await twoFrames(page);
  assert.equal(await page.locator('#a #feature-space').isVisible(), true);
  assert.deepEqual(errors, []);
  await page.close();
});

test('events bubble to document, composed: ready once, play, pause, a few steps a second, errors', async () => {
  const { page, errors } = await open(`
    <feature-space id="a" loading="eager" views="input loss" controls="play lr"></feature-space>
    <feature-space id="b" loading="eager" views="input" controls="none"></feature-space>`);
  await ready(page, 'a', 'b');
  await settle(page, 300);
  const readies = await events(page, 'fs-ready');
  assert.deepEqual(readies.map((e) => e.id).sort(), ['a', 'b']);
  await page.evaluate(() => { window.events.length = 0; document.getElementById('a').play(); });
  await settle(page, 2000);
  await page.evaluate(() => document.getElementById('a').pause());
  const played = await events(page);
  assert.deepEqual(played.filter((e) => e.type === 'fs-play').map((e) => e.id), ['a']);
  assert.deepEqual(played.filter((e) => e.type === 'fs-pause').map((e) => e.id), ['a']);
  const steps = played.filter((e) => e.type === 'fs-step');
  assert.ok(steps.length >= 1 && steps.length <= 12, `${steps.length} fs-step events in 2 s`);
  assert.ok(steps.every((e) => e.id === 'a'));
  for (let i = 1; i < steps.length; i++) assert.ok(steps[i].detail.epoch > steps[i - 1].detail.epoch, 'epochs increase');
  assert.ok(steps[0].detail.train && 'loss' in steps[0].detail.train && steps[0].detail.test, 'detail has train and test');
  await page.evaluate(() => { window.events.length = 0; document.getElementById('a').setAttribute('lr', 'banana'); });
  const failed = await events(page, 'fs-error');
  assert.equal(failed.length, 1);
  assert.equal(failed[0].id, 'a');
  assert.equal(failed[0].detail.key, 'lr');
  const box = page.locator('#a #message');
  assert.equal(await box.isVisible(), true);
  assert.match(await box.textContent(), /lr.*banana|banana.*lr/s);
  assert.equal(await page.evaluate(() => document.getElementById('a').config().lr), 0.01, 'the bad value is not applied');
  assert.equal(await page.locator('#b #message').isVisible(), false, "B's message box stays hidden");
  const all = [...readies, ...played, ...failed];
  assert.ok(all.every((e) => e.bubbles && e.composed), 'every event bubbles and is composed');
  assert.deepEqual(errors, []);
  await page.close();
});

test('toBlob gives a PNG of a view canvas at its size; an unknown view rejects', async () => {
  const { page, errors } = await open('<feature-space id="a" loading="eager" views="input loss" controls="none"></feature-space>');
  await ready(page, 'a');
  const r = await page.evaluate(async () => {
    const el = document.getElementById('a');
    el.step(20);
    const out = {};
    for (const [view, id] of [['input', 'input-space'], ['loss', 'loss-chart']]) {
      const blob = await el.toBlob({ view });
      const bitmap = await createImageBitmap(blob);
      const canvas = el.shadowRoot.getElementById(id);
      out[view] = { blob: blob instanceof Blob, type: blob.type, size: [bitmap.width, bitmap.height], canvas: [canvas.width, canvas.height] };
    }
    out.nonsense = await el.toBlob({ view: 'nonsense' }).then(() => 'resolved', (e) => `rejected: ${e.message}`);
    out.feature = await el.toBlob({ view: 'feature' }).then(() => 'resolved', (e) => `rejected: ${e.message}`);
    return out;
  });
  for (const view of ['input', 'loss']) {
    assert.equal(r[view].blob, true);
    assert.equal(r[view].type, 'image/png');
    assert.deepEqual(r[view].size, r[view].canvas, `${view}: PNG size is the canvas size`);
    assert.ok(r[view].size[0] > 50 && r[view].size[1] > 50, `${view}: ${r[view].size}`);
  }
  assert.match(r.nonsense, /^rejected: .*nonsense/);
  assert.match(r.feature, /^rejected/, 'a view this element does not show rejects');
  assert.deepEqual(errors, []);
  await page.close();
});

test('autoplay="visible" trains only while on screen', async () => {
  const small = 'views="input loss" controls="play" autoplay="visible" loading="eager"';
  const { page, errors } = await open(`<feature-space id="top" ${small}></feature-space>
    <div style="height: 3000px"></div><feature-space id="far" ${small}></feature-space>`);
  await ready(page, 'top', 'far');
  await settle(page, 1000);
  assert.ok((await epoch(page, 'top')) > 0, 'the element on screen trains');
  assert.equal(await epoch(page, 'far'), 0, 'the element off screen does not');
  assert.equal(await page.evaluate(() => document.getElementById('far').playing), false);
  await page.evaluate(() => document.getElementById('far').scrollIntoView());
  await page.waitForFunction(() => document.getElementById('far').state().epoch > 0, null, { timeout: 2000 });
  const topThen = await epoch(page, 'top');
  await page.evaluate(() => window.scrollTo(0, 0));
  await settle(page, 300);
  const far = await epoch(page, 'far');
  await settle(page, 500);
  assert.equal(await epoch(page, 'far'), far, 'scrolled away, it stops');
  assert.equal(await page.evaluate(() => document.getElementById('far').playing), false);
  assert.ok((await epoch(page, 'top')) > topThen, 'the top one trains again');
  assert.deepEqual(errors, []);
  await page.close();
});

test('loading="lazy" loads an element only near the viewport, in a reserved box', async () => {
  const { page, errors } = await open(`<feature-space id="top" views="input loss"></feature-space>
    <div style="height: 5000px"></div><feature-space id="far" views="input loss"></feature-space>`);
  await ready(page, 'top');
  const before = await page.evaluate(async () => {
    const far = document.getElementById('far');
    const race = await Promise.race([far.ready.then(() => 'ready'), new Promise((r) => setTimeout(() => r('waiting'), 1000))]);
    return { race, height: far.getBoundingClientRect().height, loaded: far.run !== null, top: far.getBoundingClientRect().top + scrollY };
  });
  assert.equal(before.race, 'waiting', 'the far element has not loaded after 1 s');
  assert.equal(before.loaded, false);
  assert.ok(before.height > 100, `reserved height before load: ${before.height}`);
  // Near (half a viewport below the bottom edge), not yet on screen.
  await page.evaluate((top) => window.scrollTo(0, top - 1.5 * innerHeight), before.top);
  await page.waitForFunction(() => document.getElementById('far').run !== null, null, { timeout: 5000 });
  await ready(page, 'far');
  assert.deepEqual(errors, []);
  await page.close();
});

test('a JSON child holds the config', async () => {
  const { page, errors } = await open(`<feature-space id="a" loading="eager" views="input">
    <script type="application/json">{"dataset":"spiral","hidden":[8,8],"lr":0.03}</script></feature-space>`);
  await ready(page, 'a');
  const config = await page.evaluate(() => document.getElementById('a').config());
  assert.equal(config.dataset, 'spiral');
  assert.equal(config.hidden, '8,8');
  assert.equal(config.lr, 0.03);
  assert.equal(await page.locator('#a #message').isVisible(), false);
  assert.deepEqual(await events(page, 'fs-error'), []);
  assert.deepEqual(errors, []);
  await page.close();
});

test('a panic in the core is reported and reset recovers; the other element goes on', async () => {
  const { page, errors } = await open(`
    <feature-space id="a" loading="eager" views="input loss" controls="play reset"></feature-space>
    <feature-space id="b" loading="eager" views="input" controls="none"></feature-space>`);
  await ready(page, 'a', 'b');
  await page.evaluate(() => { const a = document.getElementById('a'); a.step(3); a.run.core.inject_fault(); a.play(); });
  await page.waitForFunction(() => window.events.some((e) => e.type === 'fs-error'), null, { timeout: 5000 });
  const failed = await events(page, 'fs-error');
  assert.equal(failed.length, 1);
  assert.equal(failed[0].id, 'a');
  assert.equal(failed[0].detail.key, 'core');
  assert.match(failed[0].detail.message, /fault injected/);
  const box = page.locator('#a #message');
  assert.equal(await box.isVisible(), true);
  assert.match(await box.textContent(), /fault injected/);
  assert.equal(await page.evaluate(() => document.getElementById('a').playing), false);
  const after = await page.evaluate(() => {
    const a = document.getElementById('a'), b = document.getElementById('b');
    a.reset();
    a.step(5);
    b.step(4);
    return { a: a.state().epoch, b: b.state().epoch, message: a.shadowRoot.getElementById('message').hidden };
  });
  assert.deepEqual(after, { a: 5, b: 4, message: true });
  // It plays again after the reset.
  await page.evaluate(() => document.getElementById('a').play());
  await page.waitForFunction(() => document.getElementById('a').state().epoch > 8, null, { timeout: 3000 });
  await page.evaluate(() => document.getElementById('a').pause());
  const panics = errors.filter((e) => /fault injected/.test(e));
  assert.equal(panics.length, 1, `one console error for the panic: ${JSON.stringify(errors)}`);
  assert.deepEqual(errors.filter((e) => !/fault injected/.test(e)), []);
  await page.close();
});

test('presenter keys: ? lists them, → steps, r resets, space plays; not in fields, not without presenter', async () => {
  const { page, errors } = await open(`
    <feature-space id="p" presenter loading="eager" views="input loss" controls="play lr"></feature-space>
    <feature-space id="q" loading="eager" views="input" controls="none"></feature-space>`);
  await ready(page, 'p', 'q');
  const focus = (id) => page.evaluate((id) => document.getElementById(id).focus(), id);
  const playing = (id) => page.evaluate((id) => document.getElementById(id).playing, id);
  await focus('p');
  await page.keyboard.press('?');
  const help = await page.evaluate(() => document.getElementById('p').shadowRoot.querySelector('.help')?.textContent ?? null);
  assert.ok(help, 'a .help overlay opens');
  assert.match(help, /Space/);
  assert.match(help, /reset/);
  await page.keyboard.press('?');
  assert.equal(await page.evaluate(() => document.getElementById('p').shadowRoot.querySelector('.help')), null, '? closes it');
  await page.keyboard.press('ArrowRight');
  assert.equal(await epoch(page, 'p'), 1);
  await page.keyboard.press('ArrowRight');
  assert.equal(await epoch(page, 'p'), 2);
  await page.keyboard.press('r');
  assert.equal(await epoch(page, 'p'), 0);
  await page.keyboard.press(' ');
  assert.equal(await playing('p'), true);
  await page.keyboard.press(' ');
  assert.equal(await playing('p'), false);
  // Without presenter the arrow does nothing.
  await focus('q');
  await page.keyboard.press('ArrowRight');
  assert.equal(await epoch(page, 'q'), 0);
  // Keys typed into a field are the field's.
  const was = await page.evaluate(() => { const p = document.getElementById('p'); p.step(3); return p.state().epoch; });
  await page.locator('#p input[data-key=lr]').focus();
  await page.keyboard.press(' ');
  await page.keyboard.press('r');
  await page.keyboard.press('ArrowRight');
  assert.equal(await playing('p'), false);
  assert.equal(await epoch(page, 'p'), was);
  assert.deepEqual(errors, []);
  await page.close();
});

test('in a dark theme every button and the weights\' unit colours read against what is behind them', async () => {
  const { page, errors } = await open('<feature-space id="d" theme="dark" dataset="blobs3" hidden="8,8" views="input weights" controls="all"></feature-space>',
    { viewport: { width: 1300, height: 1400 } });
  await ready(page, 'd');
  await page.evaluate(() => document.getElementById('d').step(5));
  await twoFrames(page);
  const low = await page.evaluate(() => {
    const root = document.getElementById('d').shadowRoot;
    const rgb = (c) => (c.match(/[\d.]+/g) ?? []).map(Number);
    // WCAG's relative luminance and contrast ratio.
    const lum = ([r, g, b]) => [r, g, b].map((v) => { v /= 255; return v <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4; })
      .reduce((sum, v, i) => sum + v * [0.2126, 0.7152, 0.0722][i], 0);
    const contrast = (a, b) => { const [hi, lo] = [lum(a), lum(b)].sort((x, y) => y - x); return (hi + 0.05) / (lo + 0.05); };
    // The first opaque background from the element up.
    const behind = (el) => {
      for (let e = el; e; e = e.parentElement ?? e.getRootNode().host) {
        const c = rgb(getComputedStyle(e).backgroundColor);
        if (c.length === 3 || c[3] > 0.5) return c.slice(0, 3);
      }
      return [255, 255, 255];
    };
    const texts = [...root.querySelectorAll('button'), ...root.querySelectorAll('.weights th.unit, .weights td')]
      .filter((e) => e.offsetParent && e.textContent.trim() && !e.classList.contains('swatch'));
    return texts.map((e) => [e.textContent.trim().slice(0, 12), contrast(rgb(getComputedStyle(e).color).slice(0, 3), behind(e))])
      .filter(([, c]) => c < 3).map(([t, c]) => `${t}: ${c.toFixed(2)}`);
  });
  assert.deepEqual(low, [], 'text under 3:1 against its background');
  assert.deepEqual(errors, []);
  await page.close();
});

test('embedCode names the non-default keys in kebab case; the iframe form carries them in the hash', async () => {
  const { page, errors } = await open(`<feature-space id="a" loading="eager" views="input loss" controls="play"></feature-space>
    <div id="copy"></div>`);
  await ready(page, 'a');
  const r = await page.evaluate(() => {
    const a = document.getElementById('a');
    const rejected = a.setConfig({ trainRatio: 0.5 });
    return { rejected, code: a.embedCode(), iframe: a.embedCode({ iframe: true }) };
  });
  assert.deepEqual(r.rejected, []);
  assert.match(r.code, /<script type="module" src="[^"]*feature-space\.js"><\/script>/);
  const tag = r.code.match(/<feature-space([^>]*)>/);
  assert.ok(tag, r.code);
  assert.match(tag[1], / train-ratio="0\.5"/);
  assert.doesNotMatch(tag[1], /points=/);
  assert.match(r.iframe, /embed\.html#/);
  assert.match(r.iframe, /trainRatio=0\.5/);
  // The code recreates the element: the same config.
  const copied = await page.evaluate(async (code) => {
    document.getElementById('copy').innerHTML = code.replace(/<script[^>]*><\/script>/, '').replace('<feature-space', '<feature-space id="c"');
    const c = document.getElementById('c');
    await c.ready;
    return { same: JSON.stringify(c.config()) === JSON.stringify(document.getElementById('a').config()), errors: window.events.filter((e) => e.type === 'fs-error') };
  }, r.code);
  assert.deepEqual(copied, { same: true, errors: [] });
  assert.deepEqual(errors, []);
  // Only the keys that differ from their defaults (not noise="0" for the default 0.0).
  const attrs = [...tag[1].matchAll(/ ([a-z0-9-]+)="/g)].map((m) => m[1]);
  assert.deepEqual(attrs.filter((n) => !['views', 'controls'].includes(n)), ['train-ratio'], `only non-default keys: ${tag[0]}`);
  // The src attribute is HTML: its & are written &amp;.
  assert.deepEqual(r.iframe.match(/#([^"]*)"/)[1].replace(/&amp;/g, '&').split('&').map((p) => p.split('=')[0]).filter((k) => !['views', 'controls'].includes(k)),
    ['trainRatio'], `only non-default keys in the hash: ${r.iframe}`);
  await page.close();
});

test('six elements playing at once keep the frame rate', async () => {
  const items = [2, '8,8', 2, '8,8', 2, '8,8'].map((h, i) =>
    `<feature-space id="e${i}" loading="eager" hidden="${h}" dataset="${['xor', 'spiral', 'circle'][i % 3]}" views="input feature" controls="none"></feature-space>`);
  const { page, errors } = await open(`<div class="grid">${items.join('')}</div>`, {
    viewport: { width: 1600, height: 1200 },
    css: `.grid { display: flex; flex-wrap: wrap; gap: 8px; }
      feature-space { width: 520px; }
      feature-space::part(views) { grid-template-columns: 1fr 1fr; }`,
  });
  const ids = items.map((_, i) => `e${i}`);
  await ready(page, ...ids);
  const boxes = await page.evaluate((ids) => ids.map((id) => document.getElementById(id).getBoundingClientRect().bottom), ids);
  assert.ok(boxes.every((b) => b <= 1200), `all six fit on screen: bottoms ${boxes}`);
  const start = await page.evaluate((ids) => ids.map((id) => { const e = document.getElementById(id); e.play(); return e.state().epoch; }), ids);
  const fps = await page.evaluate(() => new Promise((resolve) => {
    let frames = 0;
    const t0 = performance.now();
    const tick = (t) => { frames++; if (t - t0 < 2000) requestAnimationFrame(tick); else resolve((frames * 1000) / (t - t0)); };
    requestAnimationFrame(tick);
  }));
  const end = await page.evaluate((ids) => ids.map((id) => document.getElementById(id).state().epoch), ids);
  await page.screenshot({ path: path.join(SHOTS, 'six-elements.png') });
  await page.evaluate((ids) => ids.forEach((id) => document.getElementById(id).pause()), ids);
  console.log(`# six elements: ${fps.toFixed(1)} frames/s, epochs ${end}`);
  end.forEach((e, i) => assert.ok(e > start[i], `element ${i} trained: ${start[i]} → ${e}`));
  assert.deepEqual(errors, []);
  assert.ok(fps >= 30, `${fps.toFixed(1)} frames/s`);
  await page.close();
});
