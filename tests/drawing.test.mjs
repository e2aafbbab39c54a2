// End-to-end tests of data you make (the input view's drawing tools, control `draw`): points
// added by mouse clicks land in data() with their classes and places; shift-click draws the
// other class; right-click and the eraser remove, a drag moves, undo takes edits back; drawing
// on a generated set keeps its points; the CSV export reads back through loadCsv; the page's link
// restores the drawing after a reload, and leaves out (and says so) a drawing too big for it;
// the training worker trains on drawn data; on a phone a tap adds and a long press removes.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import { SHOTS, launch, openPlayground, twoFrames } from './browser.mjs';

let browser, context;
before(async () => { browser = await launch('featurespace-drawing-'); ({ context } = browser); });
after(() => browser?.close());

// The client pixel of data point (x, y) in the input view, with the view scrolled into sight.
function pixel(page, x, y) {
  return page.evaluate(([x, y]) => {
    const el = document.querySelector('feature-space');
    const c = el.shadowRoot.getElementById('input-space');
    const r = c.getBoundingClientRect();
    const [px, py] = el.viewSet.input.toPixel(x, y);
    return [r.left + px, r.top + py];
  }, [x, y]);
}

async function showInput(page) {
  await page.evaluate(() => document.querySelector('feature-space').shadowRoot.getElementById('input-space').scrollIntoView({ block: 'center' }));
  await twoFrames(page);
}

const data = (page) => page.evaluate(() => window.playground.data());
const config = (page) => page.evaluate(() => window.playground.config());
// Points as sorted [x1, x2, label] triples, to compare data sets whatever their split.
const triples = (d) => d.x.map(([a, b], i) => [a, b, d.y[i]]).sort((p, q) => p[0] - q[0] || p[1] - q[1]);
const tool = (page, name) => page.locator(`feature-space .draw-tools [data-tool=${name}]`).click();
const shot = (page, name) => page.locator('feature-space').screenshot({ path: path.join(SHOTS, `drawing-${name}.png`) });

// Whether every wanted [x, y, label] has a point of that label within `tol` (and the counts agree).
function sameSet(got, want, tol) {
  assert.equal(got.length, want.length);
  const left = [...got];
  for (const [x, y, l] of want) {
    const k = left.findIndex((p) => p[2] === l && Math.abs(p[0] - x) <= tol && Math.abs(p[1] - y) <= tol);
    assert.ok(k >= 0, `no point of class ${l} near (${x}, ${y}) in ${JSON.stringify(got)}`);
    left.splice(k, 1);
  }
}

// 20 places on the plane [-1, 1]²: ten of class 0 on the left, ten of class 1 (shift) on the right.
const PLACES = Array.from({ length: 20 }, (_, i) => [i < 10 ? -0.75 + 0.05 * (i % 5) : 0.3 + 0.05 * (i % 5), -0.7 + 0.3 * Math.floor((i % 10) / 2), i < 10 ? 0 : 1]);
const TOL = 0.02; // a cell is 1/1024 of the plane; the rest is pixel rounding

async function draw20(page) {
  await showInput(page);
  await tool(page, 'add');
  for (const [x, y, label] of PLACES) {
    const [px, py] = await pixel(page, x, y);
    if (label === 1) await page.keyboard.down('Shift');
    await page.mouse.click(px, py);
    if (label === 1) await page.keyboard.up('Shift');
  }
}

test('twenty clicks make a custom data set of twenty points with their classes and places; reload restores it', async () => {
  const { page, errors } = await openPlayground(context, '#dataset=custom');
  // An empty plane offers three classes.
  assert.equal(await page.locator('feature-space .draw-classes .swatch').count(), 3);
  await draw20(page);
  const d = await data(page);
  sameSet(triples(d), PLACES, TOL);
  const c = await config(page);
  assert.equal(c.dataset, 'custom');
  assert.equal(c.points, 20);
  assert.match(c.drawn, /^1~[-\d.]+~[-\d.]+~[\d.]+~[A-Za-z0-9_-]{80}$/);
  // Rings mark the test points: with trainRatio 0.8, 16 train and 4 test.
  assert.equal(d.nTrain, 16);
  // The link carries the drawing; a reload restores the same points and classes.
  const hash = await page.evaluate(() => location.hash);
  assert.match(hash, /dataset=custom/);
  assert.match(hash, /drawn=1~/);
  await twoFrames(page);
  await shot(page, 'twenty');
  await page.reload();
  await page.evaluate(() => window.playground.ready);
  await twoFrames(page);
  assert.deepEqual(triples(await data(page)), triples(d));
  assert.equal((await config(page)).drawn, c.drawn);
  assert.deepEqual(errors, []);
  await page.close();
});

test('right-click and the eraser remove, a drag moves, undo takes the edits back', async () => {
  const { page, errors } = await openPlayground(context, '#dataset=custom');
  await draw20(page);
  const start = triples(await data(page));
  // Right-click on the first place removes that point.
  const [x0, y0] = PLACES[0];
  await page.mouse.click(...(await pixel(page, x0, y0)), { button: 'right' });
  let now = triples(await data(page));
  sameSet(now, PLACES.slice(1), TOL);
  // The eraser removes the point clicked.
  await tool(page, 'erase');
  const [x1, y1] = PLACES[1];
  await page.mouse.click(...(await pixel(page, x1, y1)));
  now = triples(await data(page));
  sameSet(now, PLACES.slice(2), TOL);
  // A click on empty space with the eraser changes nothing.
  await page.mouse.click(...(await pixel(page, 0, 0.9)));
  assert.equal((await data(page)).x.length, 18);
  // With the add tool, a drag from a point moves it (on release).
  await tool(page, 'add');
  const [x2, y2, l2] = PLACES[2];
  await page.mouse.move(...(await pixel(page, x2, y2)));
  await page.mouse.down();
  const to = await pixel(page, 0.0, 0.85);
  await page.mouse.move(to[0], to[1], { steps: 6 });
  assert.equal((await config(page)).drawn.split('~')[4].length, 18 * 4, 'nothing changes before the release');
  await page.mouse.up();
  const moved = [[0.0, 0.85, l2], ...PLACES.slice(3)];
  sameSet(triples(await data(page)), moved, TOL);
  await shot(page, 'edited');
  // Undo: the move, then the eraser, then the right-click.
  const undo = page.locator('feature-space .draw-tools .draw-undo');
  await undo.click();
  sameSet(triples(await data(page)), PLACES.slice(2), TOL);
  await undo.click();
  await undo.click();
  assert.deepEqual(triples(await data(page)), start);
  // Ctrl+Z on the focused view undoes too (the last of the twenty clicks).
  await page.evaluate(() => document.querySelector('feature-space').shadowRoot.getElementById('input-space').focus());
  await page.keyboard.press('Control+z');
  assert.equal((await data(page)).x.length, 19);
  assert.deepEqual(errors, []);
  await page.close();
});

test('drawing on a generated set keeps its points; a third class; clear gives an empty plane', async () => {
  const { page, errors } = await openPlayground(context, '#dataset=xor&points=60&trainRatio=1');
  const before = triples(await data(page));
  await showInput(page);
  await tool(page, 'add');
  // Two swatches for two classes.
  assert.equal(await page.locator('feature-space .draw-classes .swatch').count(), 2);
  await page.mouse.click(...(await pixel(page, 0.2, 0.4)));
  const after = triples(await data(page));
  assert.equal((await config(page)).dataset, 'custom');
  sameSet(after, [...before, [0.2, 0.4, 0]], 0.01);
  // A drawing offers a third class: class 2 makes the data three classes (a softmax).
  assert.equal(await page.locator('feature-space .draw-classes .swatch').count(), 3);
  await page.locator('feature-space .draw-classes .swatch').nth(2).click();
  await page.mouse.click(...(await pixel(page, -0.4, -0.4)));
  const d = await data(page);
  assert.equal(d.y.filter((y) => y === 2).length, 1);
  const state = await page.evaluate(() => window.playground.state());
  assert.equal(state.layers.at(-1).b.length, 3, 'three output units');
  await twoFrames(page);
  await shot(page, 'three-classes');
  // Clear: no points, the same plane; undo brings them back.
  await page.locator('feature-space .draw-tools .draw-clear').click();
  assert.equal((await data(page)).x.length, 0);
  assert.match((await config(page)).drawn, /^1~[-\d.]+~[-\d.]+~[\d.]+~$/);
  await page.locator('feature-space .draw-tools .draw-undo').click();
  assert.equal((await data(page)).x.length, 62);
  // Another data set replaces the drawing (with a message); undo brings it back.
  await page.evaluate(() => window.playground.setConfig({ dataset: 'moons' }));
  assert.equal((await config(page)).drawn, '');
  assert.match(await page.locator('feature-space #message').textContent(), /drawn points were replaced by the moons data set/);
  await page.locator('feature-space .draw-tools .draw-undo').click();
  assert.equal((await config(page)).dataset, 'custom');
  assert.equal((await data(page)).x.length, 62);
  // A regression cannot be drawn on: the tools say why.
  await page.evaluate(() => window.playground.setConfig({ dataset: 'plane' }));
  await twoFrames(page);
  assert.equal(await page.locator('feature-space .draw-tools [data-tool=add]').isDisabled(), true);
  assert.match(await page.locator('feature-space .draw-note').textContent(), /regression/);
  assert.deepEqual(errors, []);
  await page.close();
});

test('the CSV export reads back through loadCsv, and CSV points can be drawn on', async () => {
  const { page, errors } = await openPlayground(context, '#dataset=custom');
  await draw20(page);
  const drawn = triples(await data(page));
  const csv = await page.evaluate(() => document.querySelector('feature-space').exportCsv());
  assert.match(csv, /^x1,x2,label\n/);
  assert.equal(csv.trim().split('\n').length, 21);
  const rejected = await page.evaluate((text) => window.playground.loadCsv(text), csv);
  assert.deepEqual(rejected, []);
  const c = await config(page);
  assert.equal(c.dataset, 'custom');
  assert.equal(c.drawn, '', 'loaded points are a file, not a drawing');
  assert.deepEqual(triples(await data(page)), drawn);
  // Editing the loaded points makes them a drawing again (21 points), and undo the file's.
  await page.mouse.click(...(await pixel(page, 0.1, -0.1)));
  assert.equal((await config(page)).points, 21);
  assert.notEqual((await config(page)).drawn, '');
  await page.locator('feature-space .draw-tools .draw-undo').click();
  assert.deepEqual(triples(await data(page)), drawn);
  assert.equal((await config(page)).drawn, '');
  assert.deepEqual(errors, []);
  await page.close();
});

test('a drawing too big for a link is left out of it with a message; the training worker trains on drawn data', async () => {
  const { page, errors } = await openPlayground(context, '#dataset=band&points=1200');
  await showInput(page);
  await tool(page, 'add');
  await page.mouse.click(...(await pixel(page, 0, 0)));
  const c = await config(page);
  assert.equal(c.points, 1201);
  const hash = await page.evaluate(() => location.hash);
  assert.match(hash, /dataset=custom/);
  assert.doesNotMatch(hash, /drawn=/);
  const message = await page.locator('feature-space #message').textContent();
  assert.match(message, /1201 drawn points are more than a link carries \(at most 1000\)/);
  assert.match(message, /CSV/);
  await page.evaluate(() => window.scrollTo(0, 0));
  await page.screenshot({ path: path.join(SHOTS, 'drawing-too-many.png'), clip: { x: 0, y: 0, width: 1500, height: 500 } });
  const embed = await page.evaluate(() => document.querySelector('feature-space').embedCode());
  assert.match(embed, /^<!-- Your 1201 drawn points/);
  assert.doesNotMatch(embed, / drawn="/);
  await page.close();

  const small = await openPlayground(context, '#dataset=custom');
  await draw20(small.page);
  const embedSmall = await small.page.evaluate(() => document.querySelector('feature-space').embedCode());
  assert.match(embedSmall, / drawn="1~/);
  // At full speed the worker trains on the same drawn points (its snapshot must fit them).
  await small.page.evaluate(() => { const el = document.querySelector('feature-space'); el.setAttribute('speed', 'max'); el.play(); });
  await small.page.waitForFunction(() => document.querySelector('feature-space').run.worker.received > 3, null, { timeout: 15000 });
  await small.page.evaluate(() => document.querySelector('feature-space').pause());
  const state = await small.page.evaluate(() => window.playground.state());
  assert.ok(state.epoch > 10, `epoch ${state.epoch}`);
  assert.equal((await data(small.page)).x.length, 20);
  assert.deepEqual([...errors, ...small.errors], []);
  await small.page.close();
});

test('on a phone a tap adds a point and a long press removes one', async () => {
  const phone = await launch('featurespace-drawing-phone-', { viewport: { width: 390, height: 844 }, hasTouch: true, isMobile: true, deviceScaleFactor: 2 });
  try {
    const { page, errors } = await openPlayground(phone.context, '#dataset=custom');
    await showInput(page);
    await tool(page, 'add');
    for (const [x, y] of [[-0.5, 0.5], [0.5, -0.5], [0.2, 0.3]]) await page.touchscreen.tap(...(await pixel(page, x, y)));
    let d = await data(page);
    assert.equal(d.x.length, 3);
    sameSet(triples(d), [[-0.5, 0.5, 0], [0.5, -0.5, 0], [0.2, 0.3, 0]], TOL);
    await page.locator('feature-space .draw-classes .swatch').nth(1).tap();
    await page.touchscreen.tap(...(await pixel(page, -0.3, -0.6)));
    await twoFrames(page);
    await page.locator('feature-space #input-panel').screenshot({ path: path.join(SHOTS, 'drawing-phone.png') });
    await page.screenshot({ path: path.join(SHOTS, 'drawing-phone-page.png') });
    // A long press on a point removes it.
    const [px, py] = await pixel(page, 0.5, -0.5);
    const cdp = await page.context().newCDPSession(page);
    await cdp.send('Input.dispatchTouchEvent', { type: 'touchStart', touchPoints: [{ x: px, y: py }] });
    await page.waitForTimeout(900);
    await cdp.send('Input.dispatchTouchEvent', { type: 'touchEnd', touchPoints: [] });
    await twoFrames(page);
    d = await data(page);
    sameSet(triples(d), [[-0.5, 0.5, 0], [0.2, 0.3, 0], [-0.3, -0.6, 1]], TOL);
    assert.deepEqual(errors, []);
  } finally {
    await phone.close();
  }
});
