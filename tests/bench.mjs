// Browser half of `cargo xtask bench`: the wasm benchmark page, then the real playground page
// (a full frame, playing speed and frame rate, first trained frame, wasm heap). Prints JSON.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const { chromium } = require('playwright-core');
const URL = process.env.FEATURESPACE_URL || 'http://127.0.0.1:8000/';
const BUDGET = Number(process.env.BENCH_BUDGET_MS || 1000);
const TPL = 'dataset=circle&points=500&trainRatio=0.5&optimizer=sgd&lr=0.03&batch=10';
const ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
  '--disable-background-networking', '--disable-component-update', '--disable-sync'];

const profile = fs.mkdtempSync(path.join(process.env.TMPDIR || os.tmpdir(), 'featurespace-bench-'));
const context = await chromium.launchPersistentContext(profile, {
  executablePath: process.env.CHROMIUM || '/usr/bin/chromium', headless: true, args: ARGS,
  viewport: { width: 1500, height: 1000 },
});
const out = { browser: context.browser()?.version() ?? '', figures: [] };
const add = (c, value, unit, flops = null) => out.figures.push({ case: c, value, unit, flops });

// 1. The core's cases in wasm: the SIMD module the page loads, then the fallback module for
// engines without SIMD (its figures as extra rows, without a share of the SIMD peak).
let page = await context.newPage();
await page.goto(`${URL}bench/www/bench.html?budget=${BUDGET}`);
await page.waitForFunction(() => window.benchResult, null, { timeout: 120000 });
out.figures.push(...(await page.evaluate(() => window.benchResult)));
out.isolated = await page.evaluate(() => crossOriginIsolated);
out.simd = await page.evaluate(() => window.benchSimd);
await page.close();
page = await context.newPage();
await page.goto(`${URL}bench/www/bench.html?budget=${BUDGET}&simd=0`);
await page.waitForFunction(() => window.benchResult, null, { timeout: 120000 });
const fallback = await page.evaluate(() => window.benchResult);
for (const f of fallback.filter((f) => /^(peak|train|grid 100×100, output \+ every hidden unit, 2-50-1)/.test(f.case)))
  add(`${f.case} — wasm without SIMD`, f.value, f.unit);
await page.close();

// 2. Time from navigation to the first frame that shows a trained network: the median of five
// first visits (one is at the mercy of the shared machine's noise), the browser's cache (and the
// compiled code it keeps) emptied before each.
const navigations = [];
for (let i = 0; i < 5; i++) {
  if (i > 0) await page.close();
  page = await context.newPage();
  await (await context.newCDPSession(page)).send('Network.clearBrowserCache');
  await page.goto(`${URL}#${TPL}&hidden=4,2&activation=tanh`, { waitUntil: 'commit' });
  await page.waitForFunction(() => window.playground?.ready);
  await page.evaluate(() => window.playground.ready.then((p) => p.play()));
  await page.waitForFunction(() => window.playground.timings().firstTrainedFrame > 0);
  navigations.push(await page.evaluate(() => window.playground.timings().firstTrainedFrame));
}
navigations.sort((a, b) => a - b);
add('navigation to first trained frame (localhost), median of 5', navigations[2], 'ms');
add('navigation to first trained frame (localhost), slowest of 5 (usually the first, in a browser that has not run the app yet)', navigations[4], 'ms');

// 3. A full frame without training: grid, feature-space transform and all drawing.
await page.evaluate(() => window.playground.pause());
add('full frame without training, 2-4-2-1 (grid, transform, drawing)', await page.evaluate(() => window.playground.timeFrames(100)), 'ms');

// 4. Playing at the fastest speed: frames per second and epochs per second shown, with the
// training worker (as the page runs) and with training on the page's thread (?worker=0).
async function play(page) {
  await page.locator('#speed').fill('9');
  return page.evaluate(async () => {
    const p = window.playground;
    p.play();
    await new Promise((r) => setTimeout(r, 500));
    let frames = 0;
    let running = true;
    const count = () => { frames++; if (running) requestAnimationFrame(count); };
    requestAnimationFrame(count);
    const e0 = p.state().epoch, t0 = performance.now();
    await new Promise((r) => setTimeout(r, 3000));
    running = false;
    const t1 = performance.now(), e1 = p.state().epoch;
    const worker = p.timings().worker;
    p.pause();
    return { fps: (frames * 1000) / (t1 - t0), epochs: ((e1 - e0) * 1000) / (t1 - t0), worker };
  });
}
const played = await play(page);
add(`playing 2-4-2-1 at max speed: frame rate${played.worker ? '' : ' (no worker)'}`, played.fps, 'frames/s');
add(`playing 2-4-2-1 at max speed: epochs per second${played.worker ? '' : ' (no worker)'}`, played.epochs, 'epochs/s');
const single = await context.newPage();
await single.goto(`${URL}?worker=0#${TPL}&hidden=4,2&activation=tanh`);
await single.evaluate(() => window.playground.ready);
const onThread = await play(single);
add('playing 2-4-2-1 at max speed, training on the page\'s thread: frame rate', onThread.fps, 'frames/s');
add('playing 2-4-2-1 at max speed, training on the page\'s thread: epochs per second', onThread.epochs, 'epochs/s');
await single.close();

// 4b. Any layer's space, live: 8,8 on 500 points with every view of the full page on (the
// feature view shows layer 1 through its projection, with the warped grid): the frame rate and
// how often the element redraws while playing one epoch per frame. First in a window tall enough
// for every view to be on screen (the browser then also paints every view: in software here,
// 1440 × 2000 costs old and new builds alike ~10 frames/s against 1440 × 1000); then in a
// laptop's, where the views below the fold redraw seldom while training (on-screen.js).
const EVERY_VIEW = { width: 1440, height: 2000 };
const LAPTOP = { width: 1440, height: 900 };
const LAPTOP_VIEWS = 'at 1440 × 900 (the views below the fold refresh once a second)';
for (const [viewport, views] of [[EVERY_VIEW, 'every view on'], [LAPTOP, LAPTOP_VIEWS]]) {
  const deep = await context.newPage();
  await deep.setViewportSize(viewport);
  await deep.goto(`${URL}#dataset=xor&points=500&hidden=8,8&space=1`);
  const hidden = await deep.evaluate(async () => {
    const el = document.querySelector('feature-space');
    await el.ready;
    el.warpedGrid = true;
    el.applySpace();
    el.play();
    await new Promise((r) => setTimeout(r, 500));
    let frames = 0, running = true;
    const count = () => { frames++; if (running) requestAnimationFrame(count); };
    requestAnimationFrame(count);
    const d0 = el.run.draws, t0 = performance.now();
    await new Promise((r) => setTimeout(r, 3000));
    running = false;
    const t1 = performance.now();
    el.pause();
    return { fps: (frames * 1000) / (t1 - t0), redraws: ((el.run.draws - d0) * 1000) / (t1 - t0) };
  });
  add(`playing 8,8 on 500 points, ${views}, layer 1 projected with its warped grid: frame rate`, hidden.fps, 'frames/s');
  add(`playing 8,8 on 500 points, ${views}: redraws per second`, hidden.redraws, 'frames/s');
  await deep.close();
}

// 4c. Wide networks, every view of the full page on screen, playing: 64,64 on 2,000 points (frame
// rate and redraws), and the largest network and the most data the UI accepts (points ×
// weights ≤ 10⁸: six layers of 256 units on 300 points, 64,64 on 20,000; the longest frame).
// Then the first two in a laptop's window (1440 × 900), where the diagram, the weights panel
// and the figures are below the fold and, off screen, redraw once a second. And a regression,
// whose points are coloured by value (they once made a dot per value every frame).
const SIX_256 = 'dataset=xor&points=300&hidden=256,256,256,256,256,256';
for (const [label, hash, viewport, views] of [
  ['64,64 on 2,000 points', 'dataset=xor&points=2000&hidden=64,64', EVERY_VIEW, 'every view on'],
  ['the largest network the UI accepts (6 × 256 units, 300 points)', SIX_256, EVERY_VIEW, 'every view on'],
  ['the most data the UI accepts (64,64 on 20,000 points)', 'dataset=xor&points=20000&hidden=64,64', EVERY_VIEW, 'every view on'],
  ['64,64 on 2,000 points', 'dataset=xor&points=2000&hidden=64,64', LAPTOP, LAPTOP_VIEWS],
  ['the largest network the UI accepts (6 × 256 units, 300 points)', SIX_256, LAPTOP, LAPTOP_VIEWS],
  ['a regression (bumps, 8,8 on 500 points)', 'dataset=bumps&points=500&hidden=8,8', EVERY_VIEW, 'every view on'],
]) {
  const wide = await context.newPage();
  await wide.setViewportSize(viewport);
  await wide.goto(`${URL}#${hash}`);
  const r = await wide.evaluate(async () => {
    const el = document.querySelector('feature-space');
    await el.ready;
    // A config the UI rejects would measure its fallback: fail loudly instead.
    if (el.run.startErrors?.length) throw new Error(`rejected: ${JSON.stringify(el.run.startErrors)}`);
    el.play();
    await new Promise((res) => setTimeout(res, 1000));
    let frames = 0, running = true, last = performance.now(), longest = 0;
    const count = (t) => { frames++; longest = Math.max(longest, t - last); last = t; if (running) requestAnimationFrame(count); };
    requestAnimationFrame((t) => { last = t; requestAnimationFrame(count); });
    const d0 = el.run.draws, t0 = performance.now();
    await new Promise((res) => setTimeout(res, 4000));
    running = false;
    const t1 = performance.now();
    el.pause();
    return { fps: (frames * 1000) / (t1 - t0), redraws: ((el.run.draws - d0) * 1000) / (t1 - t0), longest };
  });
  add(`playing ${label}, ${views}: frame rate`, r.fps, 'frames/s');
  add(`playing ${label}, ${views}: redraws per second`, r.redraws, 'frames/s');
  add(`playing ${label}, ${views}: longest frame`, r.longest, 'ms');
  await wide.close();
}

// 5. Six elements on one page (2-2-1 and 8,8 networks), all on screen and playing: the frame
// rate they keep together; first paint (the reserved boxes) before the wasm arrives; the first
// trained frame of the first element; then an element moved out of view costs nothing.
const gallery = await context.newPage();
await gallery.setViewportSize({ width: 1500, height: 1200 });
await gallery.goto(`${URL}examples/gallery.html`);
const six = await gallery.evaluate(async () => {
  const els = [...document.querySelectorAll('feature-space')];
  await Promise.all(els.map((e) => e.ready));
  await new Promise((r) => setTimeout(r, 500));
  let frames = 0, running = true;
  const count = () => { frames++; if (running) requestAnimationFrame(count); };
  requestAnimationFrame(count);
  const e0 = els.map((e) => e.state().epoch), d0 = els.map((e) => e.run.draws), t0 = performance.now();
  await new Promise((r) => setTimeout(r, 3000));
  running = false;
  const t1 = performance.now();
  const redraws = Math.min(...els.map((e, i) => e.run.draws - d0[i])) * 1000 / (t1 - t0);
  const advanced = els.every((e, i) => e.state().epoch > e0[i]);
  const paint = performance.getEntriesByName('first-contentful-paint')[0]?.startTime ?? NaN;
  const trained = els[0].run.firstTrainedFrame ?? NaN;
  // Out of view: the last element far below the others.
  const last = els[els.length - 1];
  last.style.marginTop = '5000px';
  await new Promise((r) => setTimeout(r, 300));
  const before = last.state().epoch;
  await new Promise((r) => setTimeout(r, 2000));
  return { fps: (frames * 1000) / (t1 - t0), redraws, advanced, paint, trained, away: last.state().epoch - before };
});
add('six elements playing on one page (2-2-1 and 8,8), all visible: frame rate', six.advanced ? six.fps : 0, 'frames/s');
add('six elements playing: redraws of the slowest-drawn element', six.redraws, 'frames/s');
add('six elements: first paint, reserved boxes before the wasm (localhost)', six.paint, 'ms');
add('six elements: navigation to the first element\'s first trained frame (localhost)', six.trained, 'ms');
add('an element out of view: epochs trained in 2 s', six.away, 'epochs');
await gallery.close();

// 6. The wasm heap after 1,000 and after 1,000,000 epochs.
const heap = await page.evaluate(async () => {
  const p = window.playground;
  p.reset();
  p.step(1000);
  const at1k = p.heapBytes();
  for (let i = 0; i < 999; i++) p.step(1000);
  return { at1k, at1m: p.heapBytes(), epoch: p.state().epoch };
});
add(`wasm heap after 1,000 epochs`, heap.at1k / 1024, 'KiB');
add(`wasm heap after ${heap.epoch.toLocaleString('en')} epochs`, heap.at1m / 1024, 'KiB');
await context.close();
fs.rmSync(profile, { recursive: true, force: true });
console.log(JSON.stringify(out));
