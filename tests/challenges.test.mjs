// The challenges lesson (www/lessons/03-challenges.json) in the real page: every challenge's
// check holds for a known solution and fails for known non-solutions (the step's own starting
// config, trained, among them); the hand-weights challenge is solved by dragging lines with the
// mouse and by set_param edits, and training breaks it. Lessons loaded from a JSON file (hash,
// attribute, inline document), broken lesson files and unknown ids are named. Screenshots:
// target/screenshots/challenge-<n>.png (each challenge solved).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { URL, ROOT, SHOTS, launch, newPage, twoFrames } from './browser.mjs';

const LESSON = JSON.parse(fs.readFileSync(path.join(ROOT, 'www/lessons/03-challenges.json'), 'utf8'));
const EXAMPLE = JSON.parse(fs.readFileSync(path.join(ROOT, 'www/pages/examples/lesson.json'), 'utf8'));

// Per challenge step: a config over the step's own and the epochs that solve it, and runs that
// do not (`broken`: the run reaches the bound but breaks a limit). The first non-solution of
// each is the step's starting config, trained: a student must change something.
const CASES = {
  1: {
    solution: { config: { features: 'x1,x2,x1sq,x2sq' }, epochs: 300 },
    fails: [{ config: {}, epochs: 500 }, { config: { hidden: '3' }, epochs: 500, broken: /at most 2 hidden units \(now 3\)/ }],
  },
  2: {
    solution: { config: { features: 'x1x2' }, epochs: 100 },
    fails: [{ config: {}, epochs: 300 }, { config: { features: 'x1sq,x2sq' }, epochs: 300 }],
  },
  3: {
    solution: { config: { hidden: '3' }, epochs: 1000 },
    fails: [{ config: {}, epochs: 1000 }, { config: { hidden: '8', lr: 0.03 }, epochs: 1000, broken: /at most 3 hidden units \(now 8\)/ }],
  },
  4: {
    solution: { config: { hidden: '64', activation: 'relu', lr: 0.03 }, epochs: 500 },
    fails: [{ config: {}, epochs: 500 }, { config: { hidden: '8,8', lr: 0.03 }, epochs: 1000, broken: /at most 1 hidden layer \(now 2\)/ }],
  },
  6: {
    solution: { config: { hidden: '8,8', lr: 0.03 }, epochs: 1000 },
    fails: [{ config: {}, epochs: 1000 }, { config: { hidden: '16', lr: 0.03 }, epochs: 1000 }, { config: { hidden: '16,16', lr: 0.03 }, epochs: 1000, broken: /at most 16 hidden units \(now 32\)/ }],
  },
};
const HAND = 5; // the hand-weights step

let browser, page, errors;
before(async () => {
  browser = await launch('featurespace-challenges-', { viewport: { width: 1500, height: 1100 } });
  ({ page, errors } = await newPage(browser.context));
  // Every fs-challenge and fs-error that reaches the document, from the start.
  await page.addInitScript(() => {
    window.seen = [];
    for (const type of ['fs-challenge', 'fs-error', 'fs-lesson']) document.addEventListener(type, (e) => window.seen.push({ type, detail: JSON.parse(JSON.stringify(e.detail)) }));
  });
  await page.goto(`${URL}#lesson=challenges&step=1`);
  await page.evaluate(() => window.playground.ready);
});
after(() => browser?.close());

const seen = (p, type) => p.evaluate((type) => window.seen.filter((e) => e.type === type).map((e) => e.detail), type);
const forget = (p) => p.evaluate(() => { window.seen.length = 0; });

// The indicator and the run after the next frames: met (class), its words, the state.
async function verdict(p = page) {
  await twoFrames(p);
  await twoFrames(p);
  return p.evaluate(() => {
    const el = document.querySelector('feature-space');
    const box = el.shadowRoot.getElementById('challenge');
    const s = el.state();
    return { met: box.classList.contains('met'), hidden: box.hidden, text: box.textContent, epoch: s.epoch, train: s.train, test: s.test, config: el.config() };
  });
}

// Whether a verdict's run reaches the check's bound (whatever the limits).
function reached(check, v) {
  const measured = check.measure.startsWith('train') ? v.train : v.test;
  const value = check.measure.endsWith('Accuracy') ? measured.accuracy : measured.loss;
  return check.atLeast != null ? value >= check.atLeast : value <= check.atMost;
}

// Opens challenge `step` afresh (its own config, untrained), then sets `config` and trains.
async function drive(step, { config = {}, epochs = 0 }) {
  await page.evaluate(async ({ step, config, epochs }) => {
    const el = document.querySelector('feature-space');
    el.lesson('challenges', step);
    const rejected = el.setConfig(config);
    if (rejected.length) throw new Error(JSON.stringify(rejected));
    await el.stepAsync(epochs);
  }, { step, config, epochs });
  return verdict();
}

test('the challenges lesson: at least five challenges, each a goal, a check, limits, controls, views and a success message', () => {
  assert.equal(LESSON.id, 'challenges');
  const checks = LESSON.steps.filter((s) => s.check);
  assert.ok(checks.length >= 5, `${checks.length} challenges`);
  for (const [i, s] of LESSON.steps.entries()) {
    assert.ok(s.check, `step ${i + 1} is a challenge`);
    assert.ok(s.check.goal && s.check.success && s.check.limits && Object.keys(s.check.limits).length, `step ${i + 1}: goal, success, limits`);
    assert.ok(s.controls.length && s.views.length, `step ${i + 1}: controls and views`);
    assert.equal(s.model, 'initial', `step ${i + 1} starts untrained`);
  }
  const hand = LESSON.steps[HAND - 1];
  assert.equal(hand.check.limits.maxEpochs, 0);
  assert.deepEqual(hand.controls.filter((c) => ['play', 'step', 'fit'].includes(c)), [], 'no training controls');
  assert.ok(hand.views.includes('input') && hand.views.includes('weights'));
  assert.deepEqual(Object.keys(CASES).map(Number).concat(HAND).sort(), LESSON.steps.map((_, i) => i + 1), 'every challenge has known solutions here');
});

for (const [n, { solution, fails }] of Object.entries(CASES)) {
  const step = Number(n);
  test(`challenge ${step} (${LESSON.steps[step - 1].title}): solved by its known solution, not by its non-solutions`, async (t) => {
    const check = LESSON.steps[step - 1].check;
    // The link carries the challenge; the step starts untrained and unmet.
    await page.evaluate((step) => { location.hash = `lesson=challenges&step=${step}`; }, step);
    await page.waitForFunction((step) => document.querySelector('feature-space').lessonState.current?.step === step, step);
    const start = await verdict();
    assert.equal(start.hidden, false, 'the indicator is shown');
    assert.equal(start.met, false, 'the starting config does not satisfy the check');
    assert.equal(start.epoch, 0);
    assert.match(start.text, new RegExp(`^${check.goal} — `));
    assert.match(await page.locator('#lesson-title').textContent(), new RegExp(`^${step}\\. `));
    for (const fail of fails) {
      const v = await drive(step, fail);
      assert.equal(v.met, false, `step ${step}, ${JSON.stringify(fail)}: ${v.text}`);
      assert.doesNotMatch(v.text, /✓ Done/);
      t.diagnostic(`non-solution ${JSON.stringify({ config: fail.config, epochs: fail.epochs })}: ${v.text}`);
      if (fail.broken) {
        assert.match(v.text, fail.broken, 'the indicator names the broken limit');
        assert.ok(reached(check, v), 'the bound is reached: only the limit fails');
      } else assert.ok(!reached(check, v), 'the bound is not reached');
    }
    await forget(page);
    const v = await drive(step, solution);
    assert.equal(v.met, true, `step ${step}, ${JSON.stringify(solution)}: ${v.text} (${JSON.stringify([v.train, v.test])})`);
    assert.ok(v.text.startsWith(`${check.goal} — ✓ Done: `), v.text);
    assert.ok(v.text.endsWith(check.success), 'the success message is shown');
    t.diagnostic(`solution ${JSON.stringify(solution)}: ${v.text}`);
    assert.ok(reached(check, v), `${check.measure} reaches the bound`);
    const events = await seen(page, 'fs-challenge');
    assert.equal(events.at(-1)?.met, true, `fs-challenge fired with met: ${JSON.stringify(events)}`);
    const value = events.at(-1).value;
    assert.ok(check.atLeast != null ? value >= check.atLeast : value <= check.atMost, `the event carries the value that met the bound: ${value}`);
    assert.deepEqual(events.at(-1).broken, []);
    await page.screenshot({ path: path.join(SHOTS, `challenge-${step}.png`), fullPage: true });
  });
}

// --- the hand-weights challenge ---

// Drags from client point `a` to client point `b` in steps.
async function drag(p, a, b) {
  await p.mouse.move(a.x, a.y);
  await p.mouse.down();
  await p.mouse.move(b.x, b.y, { steps: 8 });
  await p.mouse.up();
  await twoFrames(p);
}

// Unit `unit`'s line in view `name` (input: the first layer; feature: the output unit in the
// hidden plane): its weights, its handles and the client ↔ data mapping.
const lineIn = (p, name, unit) => p.evaluate(({ name, unit }) => {
  const el = document.querySelector('feature-space');
  const view = el.viewSet[name], r = view.canvas.getBoundingClientRect();
  const seg = view.segments.find((s) => s.unit === unit);
  const layer = el.state().layers[name === 'input' ? 0 : 1];
  const o = view.plot.toData(0, 0), one = view.plot.toData(1, 1);
  return {
    w: [layer.W[0][unit], layer.W[1][unit]], b: layer.b[unit],
    handles: seg.handles.map(([x, y]) => ({ x: r.left + x, y: r.top + y })),
    origin: [r.left, r.top], o, perPixel: [one[0] - o[0], one[1] - o[1]],
  };
}, { name, unit });
const toData = (l, c) => [l.o[0] + (c.x - l.origin[0]) * l.perPixel[0], l.o[1] + (c.y - l.origin[1]) * l.perPixel[1]];
const toClient = (l, d) => ({ x: l.origin[0] + (d[0] - l.o[0]) / l.perPixel[0], y: l.origin[1] + (d[1] - l.o[1]) / l.perPixel[1] });
const angleOf = (v) => Math.atan2(v[1], v[0]);
const wrap = (a) => Math.atan2(Math.sin(a), Math.cos(a));

// Drags unit `unit`'s line in view `name` with the mouse onto the line n·x + c = 0 (n a unit
// normal; the positive side is where n points): end handles turn it (at most a radian a drag,
// so its positive side follows), then the middle handle moves it there.
async function dragLineTo(p, name, unit, n, c) {
  for (let turn = 0; turn < 6; turn++) {
    const l = await lineIn(p, name, unit);
    const delta = wrap(angleOf(n) - angleOf(l.w));
    if (Math.abs(delta) < 0.003) break;
    const phi = angleOf(l.w) + Math.max(-1, Math.min(1, delta));
    const along = [-Math.sin(phi), Math.cos(phi)]; // the line's direction for normal angle phi
    const pivot = toData(l, l.handles[0]), end = toData(l, l.handles[1]);
    const reach = Math.min(Math.hypot(end[0] - pivot[0], end[1] - pivot[1]), 0.3 * Math.abs(l.perPixel[0]) * 400);
    const sign = (end[0] - pivot[0]) * along[0] + (end[1] - pivot[1]) * along[1] >= 0 ? 1 : -1;
    await drag(p, l.handles[1], toClient(l, [pivot[0] + sign * reach * along[0], pivot[1] + sign * reach * along[1]]));
  }
  const l = await lineIn(p, name, unit);
  const m = toData(l, l.handles[0]);
  const off = n[0] * m[0] + n[1] * m[1] + c;
  await drag(p, l.handles[0], toClient(l, [m[0] - off * n[0], m[1] - off * n[1]]));
  return lineIn(p, name, unit);
}

// The output line with the widest margin in the hidden plane for the training points: a unit
// normal n and offset c with the band (class 1) on the positive side.
const widestOutputLine = (p) => p.evaluate(() => {
  const el = document.querySelector('feature-space');
  const { layers: [first] } = el.state(), data = el.data();
  const pts = data.x.slice(0, data.nTrain).map(([x1, x2]) => [0, 1].map((u) => Math.tanh(first.W[0][u] * x1 + first.W[1][u] * x2 + first.b[u])));
  const ys = data.y.slice(0, data.nTrain);
  let best = { margin: -Infinity };
  for (let k = 0; k < 3600; k++) {
    const t = (2 * Math.PI * k) / 3600, n = [Math.cos(t), Math.sin(t)];
    let lo = Infinity, hi = -Infinity;
    pts.forEach((h, i) => { const v = n[0] * h[0] + n[1] * h[1]; if (ys[i] === 1) lo = Math.min(lo, v); else hi = Math.max(hi, v); });
    if ((lo - hi) / 2 > best.margin) best = { margin: (lo - hi) / 2, n, c: -(lo + hi) / 2 };
  }
  return best;
});

test('challenge 5: the band solved by dragging lines with the mouse, no training', async (t) => {
  await page.evaluate((step) => { location.hash = `lesson=challenges&step=${step}`; }, HAND);
  await page.waitForFunction((step) => document.querySelector('feature-space').lessonState.current?.step === step, HAND);
  const start = await verdict();
  assert.equal(start.met, false, `the initial weights do not classify the band: ${start.text}`);
  t.diagnostic(`initial weights: ${start.text}`);
  assert.equal(start.epoch, 0);
  assert.equal(start.config.hidden, '2');
  const buttons = await page.evaluate(() => [...document.querySelector('feature-space').shadowRoot.querySelectorAll('.control-buttons button')].map((b) => b.id));
  assert.deepEqual(buttons, ['reset'], 'no play, step or fit');
  const norms = await page.evaluate(() => document.querySelector('feature-space').state().layers.map((l) => l.b.map((_, u) => Math.hypot(l.W[0][u], l.W[1][u]))));
  await forget(page);

  // The two hidden lines on the band's edges, x2 − x1 = ±0.45; each keeps the side it faces
  // nearest (the output line in the hidden plane adapts to either).
  const r = Math.SQRT1_2;
  for (const [unit, edge] of [[0, 0.45], [1, -0.45]]) {
    const { w } = await lineIn(page, 'input', unit);
    const s = -w[0] + w[1] >= 0 ? 1 : -1; // n = s·(−1, 1)/√2
    const moved = await dragLineTo(page, 'input', unit, [-s * r, s * r], -s * r * edge);
    assert.ok(Math.abs(Math.hypot(...moved.w) - norms[0][unit]) < 1e-9, '‖w‖ is kept by dragging');
    const angle = Math.abs(wrap(angleOf(moved.w) - angleOf([-s, s])));
    assert.ok(angle < 0.01, `unit ${unit} lies along the band (${angle.toFixed(4)} rad off)`);
    const at = -moved.b / Math.hypot(...moved.w) * s * Math.SQRT2; // where it crosses x2 − x1
    assert.ok(Math.abs(at - edge) < 0.03, `unit ${unit} sits on x2 − x1 = ${edge} (at ${at.toFixed(3)})`);
  }
  assert.equal((await verdict()).met, false, 'the first-layer lines alone are not enough');
  // The output line in the hidden plane (a1, a2), dragged the same way in the feature view.
  const best = await widestOutputLine(page);
  assert.ok(best.margin > 0.005, `the folded band is separable in the hidden plane (margin ${best.margin})`);
  const out = await dragLineTo(page, 'feature', 0, best.n, best.c);
  assert.ok(Math.abs(Math.hypot(...out.w) - norms[1][0]) < 1e-9);
  const v = await verdict();
  assert.equal(v.epoch, 0, 'dragging does not train');
  assert.equal(v.met, true, `solved by hand: ${v.text}`);
  assert.ok(v.train.accuracy >= 0.95);
  t.diagnostic(`dragged by mouse (hidden-plane margin ${best.margin.toFixed(4)}): ${v.text}`);
  assert.equal((await seen(page, 'fs-challenge')).at(-1)?.met, true);
  await page.screenshot({ path: path.join(SHOTS, `challenge-${HAND}.png`), fullPage: true });

  // One epoch of training breaks the rule, though the accuracy stays.
  await page.evaluate(() => document.querySelector('feature-space').step(1));
  const trained = await verdict();
  assert.equal(trained.epoch, 1);
  assert.equal(trained.met, false);
  assert.match(trained.text, /keep to no training: set the weights by hand/);
  const last = (await seen(page, 'fs-challenge')).at(-1);
  assert.equal(last.met, false);
  assert.match(last.broken.join(), /no training/);
  assert.deepEqual(errors, []);
});

test('challenge 5: solved by set_param edits; training breaks it and Reset starts again', async () => {
  await page.evaluate((step) => document.querySelector('feature-space').lesson('challenges', step), HAND);
  assert.equal((await verdict()).met, false);
  await forget(page);
  // h1 = tanh(5(x2 − x1 + 0.45)), h2 = tanh(5(x1 − x2 + 0.45)): both near 1 only inside the band;
  // the output 5·h1 + 5·h2 − 5 is positive there.
  const error = await page.evaluate(() => document.querySelector('feature-space').run.edit((core) => {
    for (const [layer, row, unit, value] of [[0, 0, 0, -5], [0, 1, 0, 5], [0, 2, 0, 2.25], [0, 0, 1, 5], [0, 1, 1, -5], [0, 2, 1, 2.25], [1, 0, 0, 5], [1, 1, 0, 5], [1, 2, 0, -5]])
      core.set_param(layer, row, unit, value);
  }));
  assert.equal(error, null);
  const v = await verdict();
  assert.equal(v.met, true, v.text);
  assert.equal(v.train.accuracy, 1);
  assert.equal(v.epoch, 0);
  assert.equal((await seen(page, 'fs-challenge')).at(-1)?.met, true);
  await page.evaluate(() => document.querySelector('feature-space').step(3));
  const trained = await verdict();
  assert.equal(trained.epoch, 3);
  assert.equal(trained.met, false, trained.text);
  assert.equal((await seen(page, 'fs-challenge')).at(-1)?.met, false);
  await page.locator('#reset').click();
  const reset = await verdict();
  assert.equal(reset.epoch, 0);
  assert.equal(reset.met, false, 'Reset brings back the untrained weights');
  assert.deepEqual(errors, []);
});

// --- lessons from JSON files ---

test('a lesson from a JSON file: #lesson=<url> on the page', async () => {
  const { page: p, errors: errs } = await newPage(browser.context);
  await p.goto(`${URL}#lesson=examples/lesson.json&step=2`);
  await p.evaluate(() => window.playground.ready);
  await p.waitForFunction(() => document.querySelector('feature-space').lessonState.current?.step === 2);
  assert.equal(await p.locator('#lesson-title').textContent(), `2. ${EXAMPLE.steps[1].title}`);
  assert.equal(await p.locator('#lesson-select').inputValue(), EXAMPLE.id);
  const views = await p.evaluate(() => ['#input-space', '#weights', '#loss-chart', '#feature-space'].filter((s) => document.querySelector('feature-space').shadowRoot.querySelector(s)));
  assert.deepEqual(views, ['#input-space', '#weights'], 'the step shows its views');
  assert.equal(await p.evaluate(() => document.querySelector('feature-space').shadowRoot.querySelector('.focus')?.id), 'weights-panel', 'and points at its highlight');
  // The last step's check works as a shipped one does.
  await p.locator('#lesson-next').click();
  await p.locator('#lesson-next').click();
  assert.equal(await p.evaluate(() => location.hash), '#lesson=examples%2Flesson.json&step=4');
  assert.equal((await verdict(p)).met, false);
  await p.evaluate(async () => { const el = document.querySelector('feature-space'); el.setConfig({ hidden: '3' }); await el.stepAsync(500); });
  const v = await verdict(p);
  assert.equal(v.met, true, v.text);
  assert.deepEqual(errs, []);
  await p.close();
});

test('a lesson from a JSON file: the lesson attribute (the example page, under a strict CSP)', async () => {
  const base = process.env.FEATURESPACE_CSP_URL || URL;
  const { page: p, errors: errs } = await newPage(browser.context);
  await p.goto(`${base}examples/lesson.html`);
  await p.waitForFunction(() => document.getElementById('lesson').lessonState?.current?.step === 1);
  assert.equal(await p.locator('#lesson-title').textContent(), `1. ${EXAMPLE.steps[0].title}`);
  // model "none": data only, no heatmap.
  assert.equal(await p.evaluate(() => document.getElementById('lesson').modelShown), false);
  assert.match(await p.locator('#lesson-status').textContent(), /Step 1 of the lesson “example-circle”/, 'the page script runs (no inline script needed)');
  await p.evaluate(() => document.getElementById('lesson').lesson('example-circle', 3));
  const v = await verdict(p);
  assert.equal(v.epoch, 300, 'model {"epochs": 300} trains before the step is shown');
  assert.ok(v.test.accuracy >= 0.95, `three units hold the disc: ${v.test.accuracy}`);
  await p.screenshot({ path: path.join(SHOTS, 'challenge-example-lesson.png'), fullPage: true });
  assert.deepEqual(errs, []);
  await p.close();
});

test('a lesson from a JSON file: an inline document inside the element', async () => {
  const { page: p, errors: errs } = await newPage(browser.context);
  const doc = { ...EXAMPLE, id: 'inline-example' };
  await p.route(`${URL}inline-lesson.html`, (r) => r.fulfill({ contentType: 'text/html', body: `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>inline</title>
<script type="module" src="www/feature-space.js"></script></head><body>
<feature-space id="a" loading="eager"><script type="application/json">${JSON.stringify(doc)}</script></feature-space></body></html>` }));
  await p.goto(`${URL}inline-lesson.html`);
  await p.evaluate(async () => { await customElements.whenDefined('feature-space'); await document.getElementById('a').ready; });
  await p.waitForFunction(() => document.getElementById('a').lessonState.current?.lesson.id === 'inline-example');
  assert.equal(await p.locator('#a #lesson-title').textContent(), `1. ${EXAMPLE.steps[0].title}`);
  assert.equal(await p.evaluate(() => document.getElementById('a').lesson('inline-example', 4)), true);
  const v = await verdict(p);
  assert.equal(v.met, false);
  assert.match(v.text, /^Separate the circle with at most 3 hidden units — /);
  assert.deepEqual(errs, []);
  await p.close();
});

test('a broken lesson file is named by step and field; an unknown lesson id is named', async () => {
  const broken = {
    'bad-views.json': { doc: { title: 'Broken', steps: [{ text: 'Fine.' }, { text: 'Typo.', views: ['inptu'] }] }, message: /bad-views\.json, step 2, field views: "inptu" is not one of input/ },
    'no-text.json': { doc: { title: 'Broken', steps: [{ title: 'No text' }] }, message: /no-text\.json, step 1, field text: must be a non-empty string/ },
    'bad-check.json': { doc: { title: 'Broken', steps: [{ text: 'A.' }, { text: 'B.' }, { text: 'C.', check: { goal: 'x', measure: 'testAccuracy', atLeast: 2 } }] }, message: /step 3, field check\.atLeast: an accuracy needs atLeast/ },
    // A bound written as a string would compare, then fail to print on every frame.
    'string-bound.json': { doc: { title: 'Broken', steps: [{ text: 'A.', check: { goal: 'x', measure: 'testLoss', atMost: '0.1' } }] }, message: /step 1, field check\.atMost: a loss needs atMost, a number from 0/ },
  };
  for (const [name, { doc, message }] of Object.entries(broken)) {
    const { page: p } = await newPage(browser.context);
    await p.addInitScript(() => { window.seen = []; document.addEventListener('fs-error', (e) => window.seen.push({ type: 'fs-error', detail: e.detail })); });
    await p.route(`${URL}${name}`, (r) => r.fulfill({ contentType: 'application/json', body: JSON.stringify(doc) }));
    await p.goto(`${URL}#lesson=${name}`);
    await p.evaluate(() => window.playground.ready);
    await p.waitForFunction(() => window.seen.length > 0);
    const lessonErrors = (await seen(p, 'fs-error')).filter((e) => e.key === 'lesson');
    assert.equal(lessonErrors.length, 1, JSON.stringify(lessonErrors));
    assert.match(lessonErrors[0].message, message);
    const box = p.locator('#message');
    assert.equal(await box.isVisible(), true);
    assert.match(await box.textContent(), message);
    assert.equal(await p.evaluate(() => document.querySelector('feature-space').lessonState.current), null, 'no half-read lesson is opened');
    await p.close();
  }
  const { page: p } = await newPage(browser.context);
  await p.goto(`${URL}#lesson=no-such-lesson&step=2`);
  await p.evaluate(() => window.playground.ready);
  await p.waitForFunction(() => !document.querySelector('feature-space').shadowRoot.getElementById('message').hidden);
  const text = await p.locator('#message').textContent();
  assert.match(text, /'no-such-lesson' is not a lesson; there are hidden-space, nonlinear, challenges/);
  await p.close();
});
