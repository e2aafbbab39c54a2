// End-to-end tests of the feature view's hidden spaces in Chromium: any layer's space with a
// straight output boundary, the layer and axes settings (2D, 3D, projection, bad values),
// points linked across views by pointer and keyboard, dragging a first-layer unit's line, the
// warped grid and the morph, activation regions, and the page's link keys.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import { URL, SHOTS, launch, newPage, openPlayground, twoFrames } from './browser.mjs';

let browser, context, fixtures = 0;
before(async () => { browser = await launch('featurespace-hidden-'); ({ context } = browser); });
after(() => browser?.close());

// A page with one element (`attrs` added to it) that records the fs-error, fs-space and fs-point
// events; resolves once the element is ready and has drawn.
async function open(attrs) {
  const { page, errors } = await newPage(context);
  const name = `hidden-${++fixtures}.html`;
  const body = `<!doctype html><html lang="en"><head><meta charset="utf-8"><link rel="icon" href="data:,">
<title>hidden space</title><script>window.events = [];
for (const t of ['fs-error', 'fs-space', 'fs-point']) document.addEventListener(t, (e) => events.push({ type: t, detail: e.detail }));
</script><script type="module" src="www/feature-space.js"></script><style>body { margin: 0; }</style></head>
<body><feature-space id="a" loading="eager" views="input feature" ${attrs}></feature-space></body></html>`;
  await page.route(URL + name, (r) => r.fulfill({ contentType: 'text/html', body }));
  await page.goto(URL + name);
  await page.evaluate(async () => { await customElements.whenDefined('feature-space'); await document.getElementById('a').ready; });
  await twoFrames(page);
  return { page, errors };
}

// Runs `fn(el, arg)` in the page, then waits for the next drawn frame.
async function act(page, fn, arg) {
  const result = await page.evaluate(({ fn, arg }) => new Function('el', 'arg', `return (${fn})(el, arg)`)(document.getElementById('a'), arg), { fn: String(fn), arg });
  await twoFrames(page);
  return result;
}
const read = (page, fn, arg) => page.evaluate(({ fn, arg }) => new Function('el', 'arg', `return (${fn})(el, arg)`)(document.getElementById('a'), arg), { fn: String(fn), arg });

const text = (page, id) => page.locator(`#a #${id}`).textContent();
const events = (page, type) => page.evaluate((type) => window.events.filter((e) => e.type === type), type);
const shot = (page, name) => page.locator('#a').screenshot({ path: path.join(SHOTS, `hidden-space-${name}.png`) });

// The feature view's picture: how many pixels have exactly (±12) each class colour (the points'
// fill; the heatmap is a lighter tint), and for each boundary segment the class tint found 15 px
// on either side of it at 17 places along it ([minus, plus] per place, the plus side being the
// side its weights point to; null where the pixel is near white).
function picture(page) {
  return read(page, (el) => {
    const view = el.viewSet.feature, c = view.canvas;
    const k = c.width / c.getBoundingClientRect().width;
    const data = c.getContext('2d').getImageData(0, 0, c.width, c.height).data;
    const rgb = el.classes.map((hex) => [1, 3, 5].map((i) => parseInt(hex.slice(i, i + 2), 16)));
    const at = (x, y) => { const i = 4 * (Math.round(y * k) * c.width + Math.round(x * k)); return [data[i], data[i + 1], data[i + 2]]; };
    // The class whose tint (its direction away from white) a pixel is closest to.
    const tint = (p) => {
      const d = p.map((v) => 255 - v), len = Math.hypot(...d);
      if (len < 12) return null;
      const cos = rgb.map((q) => { const e = q.map((v) => 255 - v); return d.reduce((s, v, i) => s + v * e[i], 0) / (len * Math.hypot(...e)); });
      return cos.indexOf(Math.max(...cos));
    };
    const exact = rgb.map(() => 0);
    for (let i = 0; i < data.length; i += 4)
      rgb.forEach((q, n) => { if (Math.abs(data[i] - q[0]) + Math.abs(data[i + 1] - q[1]) + Math.abs(data[i + 2] - q[2]) <= 12) exact[n]++; });
    const sides = view.segments.map(({ from, to, normal }) => {
      const len = Math.hypot(to[0] - from[0], to[1] - from[1]);
      const n = normal ?? [(from[1] - to[1]) / len, (to[0] - from[0]) / len];
      return Array.from({ length: 17 }, (_, s) => {
        const t = 0.1 + (0.8 * s) / 16, x = from[0] + t * (to[0] - from[0]), y = from[1] + t * (to[1] - from[1]);
        return [tint(at(x - 15 * n[0], y - 15 * n[1])), tint(at(x + 15 * n[0], y + 15 * n[1]))];
      });
    });
    return { exact, sides, segments: view.segments.map((s) => ({ unit: s.unit, from: s.from, to: s.to })), info: view.info };
  });
}

for (const [name, attrs, classes] of [
  ['xor-8', 'dataset="xor" hidden="8"', 2],
  ['circle-8-8', 'dataset="circle" hidden="8,8"', 2],
  ['blobs3-8', 'dataset="blobs3" hidden="8"', 3],
]) {
  test(`${name}: the last hidden layer's space shows the points and a straight boundary between the classes`, async () => {
    const { page, errors } = await open(attrs);
    await act(page, (el) => el.step(100));
    const p = await picture(page);
    assert.equal(p.info.available, true);
    assert.equal(p.info.layer, p.info.depth, 'the last hidden layer by default');
    assert.equal(p.info.mode, 'projection', 'a layer of 8 units is projected');
    p.exact.slice(0, classes).forEach((n, k) => assert.ok(n >= 30, `points of class ${k} drawn (${n} pixels of its colour)`));
    assert.ok(p.segments.length >= 1, 'a boundary drawn');
    const labels = p.info.boundaries.map((b) => b.label);
    // Each boundary separates its two classes: the plus side is class 1 (binary) or the pair's
    // first class, the minus side class 0 or the pair's second, at most places along it.
    p.segments.forEach((seg, s) => {
      const [plus, minus] = classes === 2 ? [1, 0] : labels[s].split('|').map(Number);
      const right = p.sides[s].filter(([m, q]) => m === minus && q === plus).length;
      const needed = classes === 2 ? 12 : 3;
      assert.ok(right >= needed, `boundary ${labels[s]}: ${right} of 17 places have class ${minus} on one side and ${plus} on the other: ${JSON.stringify(p.sides[s])}`);
    });
    if (classes === 2) {
      const [{ from, to }] = p.segments;
      assert.ok(Math.abs(from[0] - to[0]) < 0.5, `the projected binary boundary is vertical: ${from} → ${to}`);
      assert.match(await text(page, 'feature-caption'), /output weights' direction/);
    } else assert.match(await text(page, 'feature-caption'), /class-weight differences/);
    assert.match(await text(page, 'feature-title'), new RegExp(`^layer ${p.info.depth}: `));
    await shot(page, name);
    assert.deepEqual(errors, []);
    await page.close();
  });
}

test('the layer picker shows layer 1 of 8,8 through principal components, without restarting', async () => {
  const { page, errors } = await open('dataset="circle" hidden="8,8"');
  await act(page, (el) => el.step(40));
  const options = await page.locator('#a #space-layer option').evaluateAll((os) => os.map((o) => o.value));
  assert.deepEqual(options, ['last', '0', '1', '2']);
  await act(page, (el) => el.setAttribute('space', '1'));
  const r = await read(page, (el) => ({ epoch: el.state().epoch, layer: el.viewSet.feature.info.layer, lines: el.viewSet.feature.info.boundaries.length, picker: el.shadowRoot.querySelector('#space-layer').value }));
  assert.deepEqual(r, { epoch: 40, layer: 1, lines: 8, picker: '1' }, "layer 2's eight units as lines; the epoch stays");
  // A line is drawn where it crosses the window (cut through the points' mean, some may not).
  const units = await read(page, (el) => el.viewSet.feature.segments.map((s) => s.unit));
  assert.ok(units.length >= 3 && units.every((u, k) => u >= 0 && u < 8 && units.indexOf(u) === k), `drawn units ${units}`);
  assert.match(await text(page, 'feature-title'), /^layer 1: \(PC 1, PC 2\)/);
  assert.match(await text(page, 'feature-caption'), /principal components/);
  assert.deepEqual((await events(page, 'fs-space')).map((e) => e.detail.space), ['1']);
  // The picker sets the attribute back; 0 is the input plane itself.
  await page.locator('#a #space-layer').selectOption('0');
  assert.equal(await read(page, (el) => el.getAttribute('space')), '0');
  await twoFrames(page);
  assert.match(await text(page, 'feature-title'), /^layer 0: \(x1, x2\)/);
  assert.equal(await read(page, (el) => el.state().epoch), 40);
  await act(page, (el) => el.setAttribute('space', '1'));
  await shot(page, 'layer-1');
  assert.deepEqual(errors, []);
  await page.close();
});

test('axes: three units turn in 3D, the projection of a 2-unit layer, and bad values are reported', async () => {
  const { page, errors } = await open('dataset="xor" hidden="8"');
  await act(page, (el) => { el.step(60); el.axes = '1,2,3'; });
  let info = await read(page, (el) => el.viewSet.feature.info);
  assert.equal(info.dims, 3);
  assert.equal(info.mode, 'space3d');
  assert.match(await text(page, 'feature-caption'), /turn/);
  assert.equal(await page.locator('#a #space-axes').inputValue(), 'units');
  assert.equal(await page.locator('#a #space-units').inputValue(), '1,2,3');
  await shot(page, '3d');
  // A bad value: fs-error with key axes, and the 3D view stays.
  await act(page, (el) => el.setAttribute('axes', '0,9'));
  const failed = await events(page, 'fs-error');
  assert.equal(failed.length, 1);
  assert.equal(failed[0].detail.key, 'axes');
  assert.match(failed[0].detail.message, /unit number/);
  info = await read(page, (el) => el.viewSet.feature.info);
  assert.equal(info.dims, 3, 'the rejected axes leave the view as it was');
  await act(page, (el) => { el.axes = 'auto'; el.setAttribute('space', 'deep'); });
  assert.deepEqual((await events(page, 'fs-error')).map((e) => e.detail.key), ['axes', 'space']);
  assert.equal(await read(page, (el) => el.viewSet.feature.info.mode), 'projection', 'auto again, the last layer');
  assert.equal(await read(page, (el) => el.state().epoch), 60);
  await page.close();

  const two = await open('dataset="circle" hidden="2" axes="projection"');
  await act(two.page, (el) => el.step(60));
  info = await read(two.page, (el) => el.viewSet.feature.info);
  assert.equal(info.mode, 'projection', 'projection even where the layer has two units');
  assert.match(await text(two.page, 'feature-caption'), /output weights' direction/);
  await shot(two.page, 'projection-2');
  await act(two.page, (el) => el.removeAttribute('axes'));
  assert.equal(await read(two.page, (el) => el.viewSet.feature.info.mode), 'plane', 'auto: the layer\'s own plane');
  assert.deepEqual([...errors, ...two.errors], []);
  await two.page.close();
});

test('pointing at a point links it in both views with its forward pass; keys step through points', async () => {
  const { page, errors } = await open('dataset="xor" hidden="8"');
  await act(page, (el) => el.step(50));
  const i = 17;
  const at = await read(page, (el, i) => el.pointPosition('input', i), i);
  assert.ok(at, 'point 17 is drawn in the input view');
  await page.mouse.move(at.x, at.y);
  await twoFrames(page);
  const linked = await read(page, (el, i) => ({ highlighted: el.highlighted, feature: el.viewSet.feature.highlight, input: el.viewSet.input.highlight, there: el.pointPosition('feature', i) }), i);
  assert.equal(linked.highlighted, i);
  assert.equal(linked.feature, i);
  assert.equal(linked.input, i);
  assert.ok(linked.there, 'and drawn in the feature view');
  const card = page.locator('#a #input-card');
  assert.equal(await card.isVisible(), true);
  const lines = await card.textContent();
  assert.match(lines, new RegExp(`^Point ${i + 1} \\(`));
  assert.match(lines, /layer 1, a1: z = .* = -?[\d.]+; a1 = tanh\(z\) = /);
  assert.match(lines, /output, out: z = .*p = σ\(z\) = /);
  assert.equal(await page.locator('#a #feature-card').isVisible(), false, 'the card shows in the view pointed at');
  // Leaving the canvas lets an unkept point go; a click keeps it.
  await page.mouse.move(5, 5);
  await twoFrames(page);
  assert.equal(await read(page, (el) => el.highlighted), null);
  await page.mouse.click(at.x, at.y);
  await page.mouse.move(5, 5);
  await twoFrames(page);
  assert.equal(await read(page, (el) => el.highlighted), i, 'a clicked point stays linked');
  await page.locator('#a #feature-space').focus();
  await page.keyboard.press('ArrowRight');
  await page.keyboard.press('ArrowRight');
  await twoFrames(page);
  assert.equal(await read(page, (el) => el.highlighted), i + 2);
  assert.match(await page.locator('#a #feature-card').textContent(), new RegExp(`^Point ${i + 3} `));
  await page.keyboard.press('Escape');
  await twoFrames(page);
  assert.equal(await read(page, (el) => el.highlighted), null);
  assert.equal(await page.locator('#a #feature-card').isVisible(), false);
  // The API: highlight(i) links a point and fires fs-point.
  await act(page, (el) => el.highlight(3));
  assert.equal(await read(page, (el) => el.viewSet.feature.highlight), 3);
  const points = (await events(page, 'fs-point')).map((e) => e.detail.index);
  assert.deepEqual(points.slice(0, 2), [i, null]);
  assert.equal(points.at(-1), 3);
  assert.deepEqual(errors, []);
  await page.close();
});

// Drags from client point `a` by (dx, dy) in steps.
async function drag(page, a, dx, dy) {
  await page.mouse.move(a.x, a.y);
  await page.mouse.down();
  await page.mouse.move(a.x + dx, a.y + dy, { steps: 6 });
  await page.mouse.up();
  await twoFrames(page);
}

// Unit `unit`'s line in the input view: its handles in client pixels, the data units per pixel,
// the data point under a client pixel, and the unit's weights.
const lineOf = (page, unit) => read(page, (el, unit) => {
  const view = el.viewSet.input, r = view.canvas.getBoundingClientRect();
  const seg = view.segments.find((s) => s.unit === unit);
  const { layers: [first] } = el.state();
  const a = view.plot.toData(0, 0), b = view.plot.toData(1, 1);
  return {
    handles: seg.handles.map(([x, y]) => ({ x: r.left + x, y: r.top + y })),
    perPixel: [b[0] - a[0], b[1] - a[1]], origin: [r.left, r.top], toData: [a[0], a[1]],
    w: [first.W[0][unit], first.W[1][unit]], b: first.b[unit],
  };
}, unit);
const dataAt = (line, p) => [line.toData[0] + (p.x - line.origin[0]) * line.perPixel[0], line.toData[1] + (p.y - line.origin[1]) * line.perPixel[1]];

test('dragging a first-layer line: the middle handle moves it (b only), an end turns it (‖w‖ kept)', async () => {
  const { page, errors } = await open('dataset="xor" hidden="3"');
  await act(page, (el) => el.step(20));
  const before = await lineOf(page, 1);
  const epoch = await read(page, (el) => el.state().epoch);
  await drag(page, before.handles[0], 30, 0);
  const notice = page.locator('#a #message');
  assert.equal(await notice.isVisible(), false, `no notice during the drag: ${await notice.textContent()}`);
  const moved = await lineOf(page, 1);
  assert.deepEqual(moved.w, before.w, 'W column 1 unchanged');
  const expected = -before.w[0] * 30 * before.perPixel[0];
  assert.ok(Math.abs(moved.b - before.b - expected) <= 0.03 * Math.abs(expected) + 1e-9, `b changed by ${moved.b - before.b}, expected ${expected}`);
  // The line follows the pointer: the dragged handle's new place is on it.
  const on = dataAt(moved, { x: before.handles[0].x + 30, y: before.handles[0].y });
  const norm = Math.hypot(...before.w);
  assert.ok(Math.abs(moved.w[0] * on[0] + moved.w[1] * on[1] + moved.b) / norm < 2 * Math.abs(before.perPixel[0]), 'the line passes where it was dropped');

  // Turn it by an end handle: the norm stays, the direction changes, the line goes through the
  // drop point and still through its middle.
  const end = moved.handles[1], middle = dataAt(moved, moved.handles[0]);
  await drag(page, end, 0, 40);
  const turned = await lineOf(page, 1);
  assert.ok(Math.abs(Math.hypot(...turned.w) - norm) < 1e-6, `‖w‖ kept: ${Math.hypot(...turned.w)} vs ${norm}`);
  const angle = Math.acos((turned.w[0] * moved.w[0] + turned.w[1] * moved.w[1]) / norm ** 2);
  assert.ok(angle > 0.05, `the direction turned by ${angle} rad`);
  const dropped = dataAt(turned, { x: end.x, y: end.y + 40 });
  const distance = (p) => Math.abs(turned.w[0] * p[0] + turned.w[1] * p[1] + turned.b) / norm / Math.abs(turned.perPixel[0]);
  assert.ok(distance(dropped) < 2, `the line passes through the drop point (${distance(dropped).toFixed(1)} px off)`);
  assert.ok(distance(middle) < 2, `it turned about its middle handle (${distance(middle).toFixed(1)} px off)`);
  assert.equal(await read(page, (el) => el.state().epoch), epoch, 'dragging does not train or restart');
  assert.deepEqual(errors, []);
  await page.close();
});

// How many pixels of the feature canvas are darker (by 20 or more, summed over R, G, B) than in
// the picture `darker` last kept (each call keeps the current one).
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
  const { page, errors } = await openPlayground(context, 'index.html#dataset=xor&hidden=8,8&space=1&axes=projection');
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
