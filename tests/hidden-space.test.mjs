// End-to-end tests of the feature view's hidden spaces in Chromium: any layer's space with a
// straight output boundary, the layer and axes settings (2D, 3D, projection, bad values),
// points linked across views by pointer and keyboard, and dragging a first-layer unit's line
// (the view's other settings: space-settings.test.mjs).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { twoFrames } from './browser.mjs';
import { nameFixtures, open, act, read, text, events, shot, picture } from './space-fixture.mjs';

nameFixtures('hidden');

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
  // The wasm memory grows (as any call into the core may make it) while nothing redraws: the
  // views still know where their points are.
  const moved = await read(page, (el, i) => { el.run.memory.grow(1); return el.pointPosition('input', i); }, i);
  assert.deepEqual(moved, at, 'where the point is, after the memory grew');
  // Every panel's place and size, and the element's: a card shown moves none of them.
  const boxes = () => read(page, (el) => [el, ...el.shadowRoot.querySelectorAll('.panel')]
    .map((e) => { const r = e.getBoundingClientRect(); return [r.top, r.height].map(Math.round).join(' '); }));
  const unpointed = await boxes();
  await page.mouse.move(at.x, at.y);
  await twoFrames(page);
  assert.deepEqual(await boxes(), unpointed, 'the card moved nothing on the page');
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
  // Its card, over the panel, closes when clicked.
  await page.locator('#a #input-card').click();
  await twoFrames(page);
  assert.equal(await read(page, (el) => el.highlighted), null, 'a click on the kept card lets the point go');
  assert.equal(await page.locator('#a #input-card').isVisible(), false);
  await page.mouse.click(at.x, at.y);
  await page.mouse.move(5, 5);
  await twoFrames(page);
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
