// End-to-end tests of the costly views beside the spaces (the diagram, the weights panel, the
// figures) on the full page in a laptop's window, where they are below the fold: while training,
// off screen, they redraw about once a second and the core computes no unit maps for them in
// the other frames; scrolled into view they draw at once and then at their usual rate; paused,
// an export or a printout draws them whatever they are.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import { SHOTS, launch, openPlayground, twoFrames } from './browser.mjs';

let browser, context;
before(async () => { browser = await launch('featurespace-on-screen-', { viewport: { width: 1440, height: 900 } }); ({ context } = browser); });
after(() => browser?.close());

// Counts the draws of the diagram, the weights panel's maps and numbers, the figures and the
// input space, and the frames whose core call computed the unit maps (window.counts).
function count(page) {
  return page.evaluate(() => {
    const el = document.querySelector('feature-space');
    const views = el.viewSet, core = el.run.core;
    const counts = (window.counts = { network: 0, thumbs: 0, numbers: 0, figures: 0, input: 0, maps: 0 });
    const wrap = (obj, name, key) => { const f = obj[name].bind(obj); obj[name] = (...a) => { counts[key]++; return f(...a); }; };
    wrap(views.network, 'draw', 'network');
    wrap(views.weights, 'drawThumb', 'thumbs');
    wrap(views.weights, 'drawNumbers', 'numbers');
    wrap(views.figures, 'draw', 'figures');
    wrap(views.input, 'draw', 'input');
    const render = core.render_views_maps.bind(core);
    core.render_views_maps = (input, feature, maps, coarse) => { if (maps) counts.maps++; return render(input, feature, maps, coarse); };
  });
}

const counts = (page) => page.evaluate(() => ({ ...window.counts }));
const reset = (page) => page.evaluate(() => { for (const k of Object.keys(window.counts)) window.counts[k] = 0; });
const wait = (page, ms) => page.evaluate((ms) => new Promise((r) => setTimeout(r, ms)), ms);

test('off screen while training, the diagram, the weights and the figures redraw about once a second; on screen at once and at their rate', async () => {
  const { page, errors } = await openPlayground(context, '#dataset=xor&points=500&hidden=8,8');
  const below = await page.evaluate(() => ['#network-panel', '#weights-panel', '#figures'].map((s) => document.querySelector('feature-space').shadowRoot.querySelector(s).getBoundingClientRect().top));
  assert.ok(below.every((top) => top > 900), `the three panels start below the fold: ${below}`);
  await count(page);
  await page.evaluate(() => document.querySelector('feature-space').play());
  await wait(page, 300);
  await reset(page);
  await wait(page, 3000);
  const off = await counts(page);
  assert.ok(off.input >= 30, `the input space draws every frame: ${JSON.stringify(off)}`);
  for (const key of ['network', 'thumbs', 'figures']) {
    assert.ok(off[key] >= 2 * (key === 'thumbs' ? 8 : 1) && off[key] <= 5 * (key === 'thumbs' ? 16 : 1), `${key}: about once a second: ${JSON.stringify(off)}`);
  }
  assert.ok(off.numbers >= 2 && off.numbers <= 5, `the weights' numbers too: ${JSON.stringify(off)}`);
  assert.ok(off.maps <= 5, `the unit maps are computed only for those frames: ${JSON.stringify(off)}`);

  // Scrolled into view: the diagram draws within a few frames, then at the secondary views' rate.
  await reset(page);
  await page.evaluate(() => document.querySelector('feature-space').shadowRoot.querySelector('#network-panel').scrollIntoView({ block: 'center' }));
  await twoFrames(page);
  await twoFrames(page);
  assert.ok((await counts(page)).network >= 1, 'the diagram drew once it came on screen');
  await reset(page);
  await wait(page, 1000);
  const on = await counts(page);
  assert.ok(on.network >= 8, `on screen, the diagram redraws at its rate: ${JSON.stringify(on)}`);
  assert.ok(on.maps >= 8, `with the unit maps: ${JSON.stringify(on)}`);
  await page.screenshot({ path: path.join(SHOTS, 'on-screen-scrolled.png') });

  // Back at the top and paused: the paused frame draws every view, off screen too.
  await page.evaluate(() => window.scrollTo(0, 0));
  await twoFrames(page);
  await reset(page);
  await page.evaluate(() => document.querySelector('feature-space').pause());
  await twoFrames(page);
  const paused = await counts(page);
  assert.ok(paused.network >= 1 && paused.figures >= 1 && paused.numbers >= 1, `paused, every view draws: ${JSON.stringify(paused)}`);
  assert.deepEqual(errors, []);
  await page.close();
});

test('an export and a printout draw the views off screen while training', async () => {
  const { page, errors } = await openPlayground(context, '#dataset=xor&points=500&hidden=8,8');
  await count(page);
  await page.evaluate(() => document.querySelector('feature-space').play());
  await wait(page, 1500);
  await reset(page);
  const exported = await page.evaluate(async () => {
    const blob = await document.querySelector('feature-space').toBlob({ view: 'network' });
    return { size: blob.size, network: window.counts.network };
  });
  assert.ok(exported.network >= 1, `the export drew the diagram: ${JSON.stringify(exported)}`);
  assert.ok(exported.size > 1000, `a picture, not an empty canvas: ${exported.size} bytes`);
  await reset(page);
  const printed = await page.evaluate(() => {
    window.dispatchEvent(new Event('beforeprint'));
    return { ...window.counts };
  });
  assert.ok(printed.network >= 1 && printed.figures >= 1 && printed.numbers >= 1 && printed.thumbs >= 1, `a printout's frame draws them: ${JSON.stringify(printed)}`);
  await page.evaluate(() => document.querySelector('feature-space').pause());
  assert.deepEqual(errors, []);
  await page.close();
});
