// End-to-end tests of the feature view's settings and the panels beside it in Chromium: the
// warped grid and the morph, activation regions, discretized output, the data and weights
// exports, the confusion matrix, and the page's link keys for the space.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { openPlayground, twoFrames } from './browser.mjs';
import { nameFixtures, browserContext, open, act, read, text, shot, picture } from './space-fixture.mjs';

nameFixtures('space-settings');

const darker = (page) => read(page, (el) => {
  const c = el.viewSet.feature.canvas, d = c.getContext('2d').getImageData(0, 0, c.width, c.height).data;
  const kept = window.keptPicture ?? d;
  window.keptPicture = d;
  let n = 0;
  for (let i = 0; i < d.length; i += 4) if (kept[i] + kept[i + 1] + kept[i + 2] - d[i] - d[i + 1] - d[i + 2] >= 20) n++;
  return n;
});

test('the warped grid and the morph from the input plane', async () => {
  const { page, errors } = await open('dataset="circle" hidden="8"');
  await act(page, (el) => el.step(60));
  assert.equal(await darker(page), 0, 'the picture kept');
  assert.equal(await read(page, (el) => el.run.core.view_info(1).warp ?? null), null);
  await page.locator('#a #space-grid').check();
  await twoFrames(page);
  assert.deepEqual(await read(page, (el) => el.run.core.view_info(1).warp), { lines: 26, samples: 41 });
  const gridded = await darker(page);
  assert.ok(gridded > 2000, `the grid draws grey lines over the picture: ${gridded} pixels darker`);
  assert.match(await text(page, 'feature-caption'), /grey mesh/);
  // Morph 0: every point where it is in the input view (relative to each plot area).
  const relative = () => read(page, (el) => ['input', 'feature'].map((name) => {
    const view = el.viewSet[name], r = view.canvas.getBoundingClientRect(), { left, top, width, height } = view.plot.area;
    return [0, 5, 99, 250].map((i) => { const p = el.pointPosition(name, i); return [(p.x - r.left - left) / width, (p.y - r.top - top) / height]; });
  }));
  const [, far] = await relative();
  await page.locator('#a #morph').fill('0');
  await twoFrames(page);
  const r = await read(page, (el) => ({ morph: el.viewSet.feature.morph, segments: el.viewSet.feature.segments.length, epoch: el.state().epoch }));
  assert.deepEqual(r, { morph: 0, segments: 0, epoch: 60 });
  const [input, feature] = await relative();
  feature.forEach((p, k) => {
    assert.ok(Math.abs(p[0] - input[k][0]) < 0.01 && Math.abs(p[1] - input[k][1]) < 0.01, `point ${k}: ${p} vs ${input[k]}`);
  });
  assert.ok(far.some((p, k) => Math.hypot(p[0] - feature[k][0], p[1] - feature[k][1]) > 0.05), 'the points moved');
  // ▶ Morph plays from there into the layer's space, where the boundary is drawn again.
  await page.locator('#a #morph-play').click();
  await page.waitForFunction(() => document.getElementById('a').viewSet.feature.morph === 1, null, { timeout: 6000 });
  await twoFrames(page);
  assert.ok(await read(page, (el) => el.viewSet.feature.segments.length) >= 1, 'at 1 the boundary is back');
  assert.equal(await page.locator('#a #morph').inputValue(), '1');
  await page.locator('#a #space-grid').uncheck();
  await twoFrames(page);
  assert.equal(await read(page, (el) => el.run.core.view_info(1).warp ?? null), null);
  assert.deepEqual(errors, []);
  await page.close();
});

test('activation regions colour the input plane of a ReLU network', async () => {
  const { page, errors } = await open('dataset="circle" hidden="6" activation="relu" regions');
  await act(page, (el) => el.step(50));
  const regions = await read(page, (el) => el.run.core.view_info(0).regions);
  assert.ok(regions >= 2, `${regions} activation patterns`);
  assert.equal(await page.locator('#a #space-regions').isChecked(), true);
  await page.locator('#a #space-regions').uncheck();
  await twoFrames(page);
  assert.equal(await read(page, (el) => el.hasAttribute('regions')), false);
  assert.equal(await read(page, (el) => el.run.core.view_info(0).regions ?? null), null);
  assert.equal(await read(page, (el) => el.state().epoch), 50);
  assert.deepEqual(errors, []);
  await page.close();
});

test('"discretize output" paints the heatmaps in class colours only', async () => {
  const { page, errors } = await open('dataset="xor" hidden="4" controls="discretize"');
  await act(page, (el) => el.step(60));
  // Distinct colours of the input view's output heatmap, as the core painted it.
  const colours = () => read(page, (el) => {
    const core = el.run.core;
    const { res } = core.view_info(0);
    const rgba = new Uint8Array(el.core.memory.buffer, core.view_rgba_ptr(0), res * res * 4);
    const seen = new Set();
    for (let i = 0; i < rgba.length; i += 4) seen.add(`${rgba[i]},${rgba[i + 1]},${rgba[i + 2]}`);
    return seen.size;
  });
  assert.ok(await colours() > 20, 'a graded heatmap before');
  await page.locator('#a #show-discretized').check();
  await twoFrames(page);
  const n = await colours();
  assert.ok(n >= 2 && n <= 3, `${n} colours: the two classes (and white on an exact tie)`);
  await shot(page, 'discretized');
  assert.deepEqual(errors, []);
  await page.close();
});

test('the data exports as CSV that loadCsv reads back, the weights as JSON', async () => {
  const { page, errors } = await open('dataset="moons" points="60" hidden="3" controls="export csv"');
  await act(page, (el) => el.step(5));
  const rows = (d) => d.x.map(([a, b], i) => `${a},${b},${d.y[i]}`).sort();
  const before = await read(page, (el) => el.data());
  const csv = await read(page, (el) => el.exportCsv());
  assert.match(csv, /^x1,x2,label\n/);
  // The download button saves the same text.
  const [saved] = await Promise.all([page.waitForEvent('download'), page.locator('#a #export-csv').click()]);
  assert.equal(saved.suggestedFilename(), 'feature-space-data.csv');
  const fs = await import('node:fs');
  assert.equal(fs.readFileSync(await saved.path(), 'utf8'), csv);
  // Read back as the custom data set: the same points with the same labels, exactly.
  const after = await read(page, (el, text) => { const errors = el.loadCsv(text); return { errors, data: el.data(), dataset: el.config().dataset }; }, csv);
  assert.deepEqual(after.errors, []);
  assert.equal(after.dataset, 'custom');
  assert.deepEqual(rows(after.data), rows(before));
  const weights = JSON.parse(await read(page, (el) => el.exportWeights()));
  assert.deepEqual(weights.layers, await read(page, (el) => el.state().layers));
  assert.equal(weights.config.hidden, '3');
  assert.deepEqual(errors, []);
  await page.close();
});

test('the confusion matrix counts the points by true and predicted class, live', async () => {
  const { page, errors } = await open('dataset="blobs3" hidden="4" controls="none"');
  await act(page, (el) => el.setAttribute('views', 'input confusion'));
  await act(page, (el) => el.step(20));
  // The table against a count over data() and each point's predicted class (from its card).
  const counted = await read(page, (el) => {
    const data = el.data();
    const m = [[0, 0, 0], [0, 0, 0], [0, 0, 0]];
    for (let i = data.nTrain; i < data.y.length; i++) m[data.y[i]][el.run.core.point_card(i).prediction] += 1;
    return m;
  });
  const table = () => page.locator('#a #confusion tbody tr').evaluateAll((rows) => rows.map((r) => [...r.querySelectorAll('td')].slice(0, 3).map((c) => Number(c.textContent))));
  assert.deepEqual(await table(), counted);
  assert.match(await text(page, 'confusion-note'), /test points right/);
  // Training moves it; the training points can be shown instead.
  await act(page, (el) => el.step(200));
  assert.notDeepEqual(await table(), counted);
  await page.locator('#a #confusion-set').selectOption('train');
  await twoFrames(page);
  const train = await read(page, (el) => el.data().nTrain);
  const total = (await table()).flat().reduce((a, b) => a + b, 0);
  assert.equal(total, train);
  await shot(page, 'confusion');
  assert.deepEqual(errors, []);
  await page.close();
});

test('the page reads space and axes from its link and writes the picker back into it', async () => {
  const { page, errors } = await openPlayground(browserContext(), 'index.html#dataset=xor&hidden=8,8&space=1&axes=projection');
  const el = page.locator('feature-space');
  assert.equal(await el.getAttribute('space'), '1');
  assert.equal(await el.getAttribute('axes'), 'projection');
  await twoFrames(page);
  assert.match(await page.locator('#feature-title').textContent(), /^layer 1: /);
  await page.locator('#space-layer').selectOption('2');
  await twoFrames(page);
  const hash = await page.evaluate(() => location.hash);
  assert.match(hash, /(^#|&)space=2(&|$)/);
  assert.match(hash, /(^#|&)axes=projection(&|$)/);
  assert.match(hash, /(^#|&)hidden=8,8(&|$)/);
  assert.deepEqual(errors, []);
  await page.close();
});
