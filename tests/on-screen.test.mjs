// End-to-end tests of the costly views beside the spaces (the diagram, the weights panel, the
// figures) on the full page in a laptop's window, where they are below the fold: while training,
// off screen, they redraw about once a second and the core computes no unit maps for them in
// the other frames; scrolled into view they draw at once and then at their usual rate; paused,
// an export or a printout draws them whatever they are. The element's first frame leaves them
// for a frame after the browser has shown it.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import { SHOTS, URL, launch, newPage, openPlayground, twoFrames } from './browser.mjs';

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
  // A little shorter than a laptop's window, so that the diagram's top (~899 px down) is surely below.
  await page.setViewportSize({ width: 1440, height: 860 });
  const below = await page.evaluate(() => ['#network-panel', '#weights-panel', '#figures'].map((s) => document.querySelector('feature-space').shadowRoot.querySelector(s).getBoundingClientRect().top));
  assert.ok(below.every((top) => top > 860), `the three panels start below the fold: ${below}`);
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
  // The maps serve the diagram and the weights' maps (16 of them a frame), which since each
  // part keeps its own timer need not draw in the same frame: at most one per such frame.
  assert.ok(off.maps <= off.network + off.thumbs / 16, `the unit maps are computed only for those frames: ${JSON.stringify(off)}`);

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

test('off screen while training, a part redraws in a frame its timer makes due: a heavy network\'s parts keep their turns', async () => {
  const { page, errors } = await openPlayground(context, '#dataset=xor&points=300&hidden=256,256,256,256,256,256');
  // The planner's answers for a part of the weights panel, off screen while training, at
  // 0, 0.1, 1.5 and 1.6 s, its timer due in the first, second and last of them.
  const answers = await page.evaluate(() => {
    const planner = document.querySelector('feature-space').viewSet.onScreen;
    planner.shown.weights = false;
    return [[true, 0], [true, 100], [false, 1500], [true, 1600]].map(([due, at]) => planner.refresh('a part', 'weights', due, true, at));
  });
  assert.deepEqual(answers, ['all', 'no', 'no', 'all'], 'a second on, it waits for its timer');
  // Six layers of 256 playing in a laptop's window from the start: the diagram and the
  // weights' numbers, the two costliest parts, never draw in one frame, nor when the parts the
  // first frame left (the weights, below the fold) draw.
  const both = await page.evaluate(async () => {
    const el = document.querySelector('feature-space');
    const views = el.viewSet;
    const drew = new Set();
    let together = 0, frames = 0;
    for (const [view, name] of [[views.network, 'draw'], [views.weights, 'drawNumbers']]) {
      const f = view[name].bind(view);
      view[name] = (...a) => { drew.add(name); return f(...a); };
    }
    const run = el.run, draw = run.draw.bind(run);
    let counting = true;
    run.draw = (...a) => { drew.clear(); draw(...a); if (counting) { frames++; if (drew.size === 2) together++; } };
    el.play();
    await new Promise((r) => setTimeout(r, 4000));
    // Paused, a frame draws every part (the worker has stopped).
    counting = false;
    el.pause();
    return { together, frames };
  });
  assert.ok(both.frames >= 10, `it redrew while playing: ${JSON.stringify(both)}`);
  assert.equal(both.together, 0, `no frame drew both: ${JSON.stringify(both)}`);
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

// Opens the page in a window `height` tall, noting when each canvas first drew and when the
// first animation frame after the input space's first drawing came (the browser shows a frame's
// drawing at the end of it).
async function firstFrames(height, hash, play = false) {
  const { page, errors } = await newPage(context);
  await page.setViewportSize({ width: 1440, height });
  await page.addInitScript(() => {
    const at = (window.firstDraws = {});
    for (const method of ['drawImage', 'stroke', 'fill', 'fillRect', 'putImageData']) {
      const f = CanvasRenderingContext2D.prototype[method];
      CanvasRenderingContext2D.prototype[method] = function (...a) {
        const name = this.canvas.id || this.canvas.className;
        if (at[name] == null) {
          at[name] = performance.now();
          if (name === 'input-space') requestAnimationFrame(() => { at.shown = performance.now(); });
        }
        return f.apply(this, a);
      };
    }
  });
  await page.goto(URL + hash);
  await page.evaluate((play) => window.playground.ready.then((p) => play && p.play()), play);
  await page.waitForFunction(() => ['sigmoid-1d', 'pickable', 'shown'].every((k) => window.firstDraws[k] != null));
  const at = await page.evaluate(() => window.firstDraws);
  return { page, errors, at };
}

test('the first frame draws the views on screen; those below the fold draw once the browser has shown it', async () => {
  const hash = '#dataset=xor&points=500&hidden=8,8';
  // The figures and the weights' unit maps (canvases 'sigmoid-1d', 'pickable') lie below a
  // laptop's fold from the first frame on.
  const low = await firstFrames(900, hash);
  for (const part of ['sigmoid-1d', 'pickable']) {
    assert.ok(low.at[part] > low.at.shown, `${part} drew after the first frame was shown: ${JSON.stringify(low.at)}`);
  }
  // Paused and never scrolled to, they are drawn all the same (a screenshot of the whole page).
  const ink = await low.page.evaluate(() => [...document.querySelector('feature-space').shadowRoot.querySelectorAll('canvas.pickable')].map((c) => {
    const d = c.getContext('2d').getImageData(0, 0, c.width, c.height).data;
    let n = 0;
    for (let i = 3; i < d.length; i += 4) if (d[i] > 0) n++;
    return n;
  }));
  assert.ok(ink.length >= 16 && ink.every((n) => n > 100), `the unit maps are drawn: ${ink}`);
  assert.deepEqual(low.errors, []);
  await low.page.close();
  // Played at once, they still draw right after the first frame is shown, not a second later
  // as the parts off screen do while training.
  const played = await firstFrames(900, hash, true);
  for (const part of ['sigmoid-1d', 'pickable']) {
    assert.ok(played.at[part] > played.at.shown && played.at[part] - played.at.shown < 500, `${part} drew soon after the first frame: ${JSON.stringify(played.at)}`);
  }
  assert.deepEqual(played.errors, []);
  await played.page.close();
  // In a window that shows them, they draw in the first frame.
  const tall = await firstFrames(2400, hash);
  for (const part of ['sigmoid-1d', 'pickable']) {
    assert.ok(tall.at[part] < tall.at.shown, `on screen, ${part} drew in the first frame: ${JSON.stringify(tall.at)}`);
  }
  assert.deepEqual(tall.errors, []);
  await tall.page.close();
});
