// End-to-end tests of the network diagram (views="network"): one node per unit, links and
// biases edited by pointer and keys, a 6 × 8 network without overlapping nodes on a desktop
// and a phone, and wide networks drawn cheaply. Screenshots go to target/screenshots/network-*.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import { URL, SHOTS, launch, newPage, twoFrames } from './browser.mjs';
import { layout, boxes, move, linkRange, linkBudgets, weightAt, MAX_LINKS } from '../www/network-layout.js';

let browser, context, fixtures = 0;
before(async () => { browser = await launch('featurespace-network-'); ({ context } = browser); });
after(() => browser?.close());

const html = (body) => `<!doctype html><html lang="en"><head><meta charset="utf-8">
<link rel="icon" href="data:,"><title>network fixture</title>
<script type="module" src="www/feature-space.js"></script>
<style>body { margin: 0; padding: 8px; }</style></head><body>${body}</body></html>`;

// A page with one element `attrs`, ready, drawn.
async function open(attrs, viewport = { width: 1440, height: 1000 }) {
  const { page, errors } = await newPage(context);
  await page.setViewportSize(viewport);
  const name = `network-${++fixtures}.html`;
  await page.route(URL + name, (r) => r.fulfill({ contentType: 'text/html', body: html(`<feature-space id="a" loading="eager" ${attrs}></feature-space>`) }));
  await page.goto(URL + name);
  await page.evaluate(async () => { await customElements.whenDefined('feature-space'); await document.getElementById('a').ready; });
  await twoFrames(page);
  await twoFrames(page);
  return { page, errors };
}

// The diagram's nodes as [x, y, size] boxes in page coordinates, and the canvas's box.
const diagram = (page) => page.evaluate(() => {
  const c = document.getElementById('a').shadowRoot.querySelector('.network-canvas');
  const r = c.getBoundingClientRect();
  const boxes = JSON.parse(c.dataset.layout).map(([x, y, s]) => [x + r.left, y + r.top, s]);
  return { nodes: Number(c.dataset.nodes), boxes, rect: { left: r.left, top: r.top, width: r.width, height: r.height }, label: c.getAttribute('aria-label') };
});

const overlaps = (boxes) => {
  const out = [];
  for (let a = 0; a < boxes.length; a++)
    for (let b = a + 1; b < boxes.length; b++) {
      const [x0, y0, s0] = boxes[a], [x1, y1, s1] = boxes[b];
      if (x0 < x1 + s1 && x1 < x0 + s0 && y0 < y1 + s1 && y1 < y0 + s0) out.push([a, b]);
    }
  return out;
};

const inside = (d) => d.boxes.every(([x, y, s]) => x >= d.rect.left - 0.5 && y >= d.rect.top - 0.5
  && x + s <= d.rect.left + d.rect.width + 0.5 && y + s <= d.rect.top + d.rect.height + 0.5);

// Distinct colours among the pixels of a box (page coordinates) of the diagram.
const colours = (page, [x, y, s]) => page.evaluate(({ x, y, s }) => {
  const c = document.getElementById('a').shadowRoot.querySelector('.network-canvas');
  const r = c.getBoundingClientRect(), k = c.width / r.width;
  const d = c.getContext('2d').getImageData(Math.round((x - r.left + 3) * k), Math.round((y - r.top + 3) * k), Math.max(1, Math.round((s - 6) * k)), Math.max(1, Math.round((s - 6) * k))).data;
  const seen = new Set();
  for (let i = 0; i < d.length; i += 4) seen.add(`${d[i] >> 3},${d[i + 1] >> 3},${d[i + 2] >> 3}`);
  return seen.size;
}, { x, y, s });

test('the layout never overlaps nodes, at any width and architecture (no browser)', () => {
  const shapes = [[2, 1], [2, 3, 2, 1], [4, 8, 8, 8, 8, 8, 8, 1], [2, 64, 64, 1], [2, 256, 1], [6, 256, 256, 256, 256, 256, 256, 10], [2, 1, 1, 3]];
  for (const sizes of shapes) for (const width of [280, 340, 390, 600, 900, 1440, 2400]) {
    const g = layout(sizes, width, { left: 30, right: 30 });
    const b = boxes(g);
    assert.equal(b.length, sizes.reduce((a, n) => a + n, 0));
    assert.deepEqual(overlaps(b), [], `${sizes} at ${width} px`);
    for (const [x, y, s] of b) assert.ok(x >= 0 && y >= g.top - 0.01 && x + s <= width && y + s <= g.height + 0.01, `${sizes} at ${width} px: a node outside`);
  }
});

test('keys walk nodes and incoming links; wide layers draw a budget of their strongest links', () => {
  const sizes = [2, 3, 2, 1];
  assert.deepEqual(move(null, 'ArrowDown', false, sizes), { kind: 'node', column: 0, unit: 0 });
  assert.deepEqual(move({ kind: 'node', column: 0, unit: 1 }, 'ArrowRight', false, sizes), { kind: 'node', column: 1, unit: 2 });
  assert.deepEqual(move({ kind: 'node', column: 2, unit: 1 }, 'ArrowDown', true, sizes), { kind: 'link', layer: 1, row: 0, unit: 1 });
  assert.deepEqual(move({ kind: 'link', layer: 1, row: 0, unit: 1 }, 'ArrowUp', true, sizes), { kind: 'link', layer: 1, row: 2, unit: 1 });
  assert.deepEqual(move({ kind: 'link', layer: 1, row: 0, unit: 1 }, 'ArrowRight', false, sizes), { kind: 'node', column: 3, unit: 0 });
  assert.equal(move({ kind: 'node', column: 0, unit: 0 }, 'ArrowDown', true, sizes), null, 'inputs have no incoming links');
  assert.equal(move({ kind: 'node', column: 0, unit: 0 }, 'x', false, sizes), null);
  // 256 × 256 weights, uniformly spread: about the budget's worth at or above the threshold.
  const W = Array.from({ length: 256 }, (_, i) => Array.from({ length: 256 }, (_, j) => Math.sin(i * 256 + j) * (j % 7 === 0 ? 2 : 1)));
  const budgets = linkBudgets([512, 65536, 256]);
  assert.ok(budgets.reduce((a, b) => a + b, 0) <= MAX_LINKS + 128);
  // A flat layer as frames give it: unit by unit, W[i][j] at j·rows + i.
  const flat = (W) => ({ rows: W.length, units: W[0].length, w: Float64Array.from({ length: W.length * W[0].length }, (_, k) => W[k % W.length][Math.floor(k / W.length)]) });
  const { min, max } = linkRange(flat(W), budgets[1]);
  const drawn = W.flat().filter((w) => Math.abs(w) >= min).length;
  assert.ok(drawn > budgets[1] * 0.6 && drawn < budgets[1] * 1.6, `${drawn} drawn for a budget of ${budgets[1]}`);
  assert.ok(max > 1.9 && max <= 2);
  assert.deepEqual(linkRange(flat([[1, -3], [2, 0]]), 10), { min: 0, max: 3 });
  // W[i][j] of a flat layer, in a non-square one too.
  const wide = Array.from({ length: 3 }, (_, i) => Array.from({ length: 5 }, (_, j) => 10 * i + j));
  for (let i = 0; i < 3; i++) for (let j = 0; j < 5; j++) assert.equal(weightAt(flat(wide), i, j), wide[i][j]);
});

const shot = (page, name) => page.locator('feature-space').screenshot({ path: path.join(SHOTS, `network-${name}.png`) });

test('hidden=3,2 draws one heatmap node per unit; a link and a bias are edited by pointer and keys', async () => {
  const { page, errors } = await open('dataset="xor" hidden="3,2" views="network"');
  await page.evaluate(() => document.getElementById('a').step(30));
  await twoFrames(page);
  const d = await diagram(page);
  assert.equal(d.nodes, 2 + 3 + 2 + 1);
  assert.equal(d.boxes.length, 8);
  assert.deepEqual(overlaps(d.boxes), []);
  assert.ok(inside(d), 'every node lies inside the canvas');
  assert.match(d.label, /2 inputs \(x1, x2\), hidden layers of 3, 2 units, 1 output/);
  // Every node is a map: many colours inside each box, not a flat fill.
  for (const box of d.boxes) assert.ok(await colours(page, box) > 3, `node at ${box} shows a heatmap`);
  const note = await page.locator('#network-note').textContent();
  assert.match(note, /not kept in the URL/);
  await shot(page, 'xor-3-2');

  // A link from input 0 to hidden unit 1 (node 3), clicked a quarter of the way along. (The
  // screenshot may have scrolled the page: the boxes are read again.)
  const here = await diagram(page);
  const [a, b] = [here.boxes[0], here.boxes[3]];
  const [x0, y0, x1, y1] = [a[0] + a[2], a[1] + a[2] / 2, b[0], b[1] + b[2] / 2];
  await page.mouse.move(x0 + (x1 - x0) * 0.25, y0 + (y1 - y0) * 0.25);
  await twoFrames(page);
  const tip = await page.locator('.network-tip').textContent();
  assert.match(tip, /weight x1 → h2 \(layer 1\) = -?\d/);
  await page.mouse.click(x0 + (x1 - x0) * 0.25, y0 + (y1 - y0) * 0.25);
  const input = page.locator('.network-edit input');
  await input.waitFor();
  assert.ok(await input.evaluate((el) => el.matches(':focus')), 'the popover focuses its field');
  await input.fill('1.25');
  await input.press('Enter');
  await page.locator('.network-edit').waitFor({ state: 'detached' });
  assert.equal(await page.evaluate(() => document.getElementById('a').state().layers[0].W[0][1]), 1.25);

  // The bias of hidden layer 2's first unit (node 5).
  const n = here.boxes[5];
  await page.mouse.click(n[0] + n[2] / 2, n[1] + n[2] / 2);
  await input.waitFor();
  assert.match(await page.locator('.network-edit label').textContent(), /bias of h1 \(layer 2\)/);
  await input.fill('-0.5');
  await input.press('Enter');
  await page.locator('.network-edit').waitFor({ state: 'detached' });
  assert.equal(await page.evaluate(() => document.getElementById('a').state().layers[1].b[0]), -0.5);

  // An invalid value keeps the popover open with a message; Escape cancels and refocuses.
  await page.mouse.click(n[0] + n[2] / 2, n[1] + n[2] / 2);
  await input.waitFor();
  await input.fill('');
  await input.press('Enter');
  assert.match(await page.locator('.network-error').textContent(), /number/);
  await input.press('Escape');
  await page.locator('.network-edit').waitFor({ state: 'detached' });
  assert.equal(await page.evaluate(() => document.getElementById('a').state().layers[1].b[0]), -0.5);

  // Keys: arrows pick a node, Shift+↓ its first incoming weight, Enter edits it.
  await page.mouse.move(1, 1); // nothing pointed at: the keys start at the first input
  await page.locator('.network-canvas').focus();
  await page.keyboard.press('ArrowRight'); // input x1
  await page.keyboard.press('ArrowRight'); // h1 of layer 1
  await page.keyboard.press('Shift+ArrowDown'); // weight x1 → h1
  await page.keyboard.press('Shift+ArrowDown'); // weight x2 → h1
  await page.keyboard.press('Enter');
  await input.waitFor();
  assert.match(await page.locator('.network-edit label').textContent(), /weight x2 → h1 \(layer 1\)/);
  await input.fill('0.75');
  await input.press('Enter');
  await page.locator('.network-edit').waitFor({ state: 'detached' });
  assert.equal(await page.evaluate(() => document.getElementById('a').state().layers[0].W[1][0]), 0.75);
  assert.deepEqual(errors, []);
  await page.close();
});

for (const [name, viewport] of [['desktop', { width: 1440, height: 1000 }], ['phone', { width: 390, height: 844 }]]) {
  test(`hidden=8,8,8,8,8,8 lays out 51 nodes without overlap (${name}, ${viewport.width} px)`, async () => {
    const { page, errors } = await open('hidden="8,8,8,8,8,8" views="network"', viewport);
    const d = await diagram(page);
    assert.equal(d.nodes, 2 + 6 * 8 + 1);
    assert.equal(d.boxes.length, 51);
    assert.deepEqual(overlaps(d.boxes), []);
    assert.ok(inside(d), 'every node lies inside the canvas');
    assert.ok(d.rect.width <= viewport.width, 'the diagram fits the viewport');
    assert.ok(Math.min(...d.boxes.map((b) => b[2])) >= 12, 'nodes large enough for their maps');
    const width = await page.evaluate(() => document.documentElement.scrollWidth);
    assert.ok(width <= viewport.width, `no horizontal scrolling (${width} px)`);
    await shot(page, `6x8-${name}`);
    assert.deepEqual(errors, []);
    await page.close();
  });
}

test('three classes: three output nodes, each its class\'s map', async () => {
  const { page, errors } = await open('dataset="blobs3" hidden="4" views="network"');
  await page.evaluate(() => document.getElementById('a').step(40));
  await twoFrames(page);
  const d = await diagram(page);
  assert.equal(d.nodes, 2 + 4 + 3);
  assert.match(d.label, /3 outputs/);
  await shot(page, 'blobs3');
  assert.deepEqual(errors, []);
  await page.close();
});

test('wide networks (64,64 and 256) draw quickly, with hover, without error', async () => {
  for (const hidden of ['64,64', '256']) {
    const { page, errors } = await open(`hidden="${hidden}" views="network"`);
    const d = await diagram(page);
    const units = hidden.split(',').reduce((s, w) => s + Number(w), 0);
    assert.equal(d.nodes, 2 + units + 1);
    assert.deepEqual(overlaps(d.boxes), []);
    assert.ok(inside(d));
    // Time a few frames of training with the diagram drawn.
    const ms = await page.evaluate(async () => {
      const el = document.getElementById('a');
      el.play();
      const t0 = performance.now();
      for (let i = 0; i < 20; i++) await new Promise((r) => requestAnimationFrame(r));
      el.pause();
      return (performance.now() - t0) / 20;
    });
    assert.ok(ms < 100, `a frame takes ${ms.toFixed(1)} ms`);
    const b = d.boxes[2 + 5];
    await page.mouse.move(b[0] + b[2] / 2, b[1] + b[2] / 2);
    await twoFrames(page);
    assert.match(await page.locator('.network-tip').textContent(), /bias of h6 \(layer 1\) = /);
    await shot(page, `wide-${hidden.replace(',', 'x')}`);
    assert.deepEqual(errors, []);
    await page.close();
  }
});
