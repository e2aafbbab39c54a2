// The guided lessons in the real page at 1440×900, as a new user meets them: every step of every
// lesson the chooser lists (read from the element, so a lesson added later is covered too) is
// visited by the Next button or the arrow key; its words, its Next button and everything it
// points at are on screen; the canvases it shows are drawn; a data-only step shows no model and
// a trained one its lines; its "try this" names only controls the step shows; and the numbers
// the texts state hold against the running model and independent computations.
// Screenshots of every step: target/screenshots/lesson-<id>-<n>.png.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import { URL, SHOTS, launch, newPage, twoFrames } from './browser.mjs';

const VIEWPORT = { width: 1440, height: 900 };
let browser, page, errors, lessons;
before(async () => {
  browser = await launch('featurespace-lessons-', { viewport: VIEWPORT });
  ({ page, errors } = await newPage(browser.context));
  await page.goto(`${URL}#lesson=hidden-space&step=1`);
  await page.evaluate(() => window.playground.ready);
  // Every lesson the chooser offers, with the steps as the element read them.
  lessons = await page.evaluate(() => {
    const el = document.querySelector('feature-space');
    const offered = [...el.shadowRoot.querySelectorAll('#lesson-select option')].map((o) => o.value).filter(Boolean);
    return el.lessonState.all().filter((l) => offered.includes(l.id)).map((l) => ({ id: l.id, title: l.title, steps: l.steps }));
  });
});
after(() => browser?.close());

const lessonById = (id) => lessons.find((l) => l.id === id);

// The share of a canvas's pixels that are painted and not near white (a canvas never drawn is
// transparent: no ink).
function inkShare(id) {
  return page.evaluate((id) => {
    const c = document.querySelector('feature-space').shadowRoot.getElementById(id);
    const d = c.getContext('2d').getImageData(0, 0, c.width, c.height).data;
    let n = 0;
    for (let i = 0; i < d.length; i += 4) if (d[i + 3] > 0 && (d[i] < 235 || d[i + 1] < 235 || d[i + 2] < 235)) n++;
    return n / (c.width * c.height);
  }, id);
}

// What a step shows: the visible canvases (by id), the bounding boxes of the lesson's words,
// its Next button and each .focus element, the input view's lines, the model flag.
function stepPicture() {
  return page.evaluate(() => {
    const el = document.querySelector('feature-space');
    const root = el.shadowRoot;
    const box = (node) => {
      const r = node.getBoundingClientRect();
      return { top: r.top, bottom: r.bottom, left: r.left, right: r.right, width: r.width, height: r.height };
    };
    const shown = (node) => node.getClientRects().length > 0 && node.getBoundingClientRect().width > 0;
    return {
      canvases: [...root.querySelectorAll('canvas')].filter(shown).map((c) => c.id).filter(Boolean),
      text: box(root.querySelector('#lesson-text')),
      next: box(root.querySelector('#lesson-next')),
      focus: [...root.querySelectorAll('.focus')].map((n) => ({ name: n.id || n.dataset.key || n.className, ...box(n) })),
      segments: el.viewSet.input ? el.viewSet.input.segments.length : null,
      modelShown: el.modelShown,
      scroll: window.scrollY,
    };
  });
}

// A Playwright bounding box ({x, y, width, height}) as the edges inViewport reads.
const edges = (b) => b && { ...b, top: b.y, left: b.x, bottom: b.y + b.height, right: b.x + b.width };
const inViewport = (b) => b.width > 0 && b.height > 0 && b.top >= -1 && b.left >= -1 && b.bottom <= VIEWPORT.height + 1 && b.right <= VIEWPORT.width + 1;

// The controls a "try this" asks for, by the words it uses; the sigmoid explorer's sliders by
// their names.
const TRY_CONTROLS = [
  [/\bPlay\b/, 'play'], [/\bStep\b/, 'step'], [/\bReset\b/, 'reset'], [/\bFit\b/, 'fit'], [/\bspeed\b/i, 'speed'],
  [/\bhidden units\b/i, 'hidden'], [/\bactivation\b/i, 'activation'], [/\bnoise\b/i, 'noise'], [/\bl2\b/, 'l2'],
  [/\bfeatures\b/, 'features'], [/\bseed\b/i, 'seed'], [/\blearning rate\b/i, 'lr'],
];

// Logistic regression by Newton's method on mean log-loss + l2/2·‖w‖² (intercept free) over
// rows of inputs: an independent check of the L-BFGS fit. Returns [w…, b].
function newtonLogistic(x, y, l2) {
  const d = x[0].length + 1;
  let t = new Array(d).fill(0);
  const n = x.length;
  for (let it = 0; it < 60; it++) {
    const g = new Array(d).fill(0);
    const H = Array.from({ length: d }, () => new Array(d).fill(0));
    for (let i = 0; i < n; i++) {
      const r = [...x[i], 1];
      const z = r.reduce((s, v, k) => s + v * t[k], 0);
      const p = 1 / (1 + Math.exp(-z));
      for (let a = 0; a < d; a++) {
        g[a] += ((p - y[i]) * r[a]) / n;
        for (let b = 0; b < d; b++) H[a][b] += (p * (1 - p) * r[a] * r[b]) / n;
      }
    }
    for (let a = 0; a < d - 1; a++) { g[a] += l2 * t[a]; H[a][a] += l2; }
    // Solve H·s = g by Gaussian elimination.
    const M = H.map((row, a) => [...row, g[a]]);
    for (let c = 0; c < d; c++)
      for (let r = c + 1; r < d; r++) {
        const f = M[r][c] / M[c][c];
        for (let k = c; k <= d; k++) M[r][k] -= f * M[c][k];
      }
    const s = new Array(d).fill(0);
    for (let r = d - 1; r >= 0; r--) {
      let rest = M[r][d];
      for (let k = r + 1; k < d; k++) rest -= M[r][k] * s[k];
      s[r] = rest / M[r][r];
    }
    t = t.map((v, k) => v - s[k]);
  }
  return t;
}

test('the chooser lists the shipped lessons', () => {
  const ids = lessons.map((l) => l.id);
  for (const id of ['hidden-space', 'nonlinear']) assert.ok(ids.includes(id), `${id} among ${ids.join(', ')}`);
});

test('every step of every lesson fits 1440×900, is drawn and shows the model it should', async () => {
  for (const lesson of lessons) {
    const count = lesson.steps.length;
    await page.evaluate((l) => window.playground.lesson(l, 1), lesson.id);
    assert.equal(await page.locator('#lesson-prev').isDisabled(), true, `${lesson.id}: no previous step on step 1`);
    for (let n = 1; n <= count; n++) {
      const step = lesson.steps[n - 1];
      const where = `${lesson.id} step ${n}`;
      if (n > 1) {
        // Alternate the ways in: the Next button and the arrow key.
        if (n % 2 === 0) await page.locator('#lesson-next').click();
        else { await page.locator('body').click({ position: { x: 5, y: 5 } }); await page.keyboard.press('ArrowRight'); }
      }
      await twoFrames(page);
      assert.equal(await page.evaluate(() => location.hash), `#lesson=${lesson.id}&step=${n}`);
      assert.match(await page.locator('#lesson-title').textContent(), new RegExp(`^${n}\\. `));
      assert.equal(await page.locator('#lesson-text').textContent(), step.text);
      assert.ok(step.try, `${where} has a "try this"`);
      assert.equal(await page.locator('#lesson-try').textContent(), `Try this: ${step.try}`);

      const picture = await stepPicture();
      // On screen without scrolling further: the words, Next, and what the step points at.
      assert.ok(inViewport(picture.text), `${where}: the text is on screen ${JSON.stringify(picture.text)}`);
      assert.ok(inViewport(picture.next), `${where}: Next is on screen`);
      assert.ok(picture.focus.length >= 1, `${where} marks what it is about`);
      assert.equal(picture.focus.length, step.highlight.length, `${where}: every highlight is found`);
      for (const f of picture.focus) assert.ok(inViewport(f), `${where}: ${f.name} is on screen ${JSON.stringify(f)}`);

      // The try's controls are shown and on screen.
      const wanted = TRY_CONTROLS.filter(([re]) => re.test(step.try)).map(([, name]) => name);
      for (const name of wanted) {
        assert.ok(step.controls.includes(name), `${where}: the try needs the ${name} control`);
        const control = page.locator(name === 'seed' ? '#new-seed' : `#${name}, [data-key="${name}"]`).first();
        const controlBox = edges(await control.boundingBox());
        assert.ok(controlBox && inViewport(controlBox), `${where}: the ${name} control is on screen ${JSON.stringify(controlBox)}`);
      }
      if (step.figure === 'sigmoid')
        for (const name of new Set(step.try.match(/\b(w1|w2|w)\b/g) ?? [])) {
          const slider = edges(await page.locator(`[data-sigmoid="${name}"]`).boundingBox());
          assert.ok(slider && inViewport(slider), `${where}: the ${name} slider is on screen`);
        }

      // Only the views the step names, and each canvas shown is drawn.
      const views = await page.evaluate(() => Object.entries(document.querySelector('feature-space').viewSet)
        .filter(([k, v]) => ['input', 'feature', 'network', 'weights', 'loss', 'figures'].includes(k) && v).map(([k]) => k));
      assert.deepEqual(views.sort(), [...step.views].sort(), `${where} shows its views only`);
      assert.ok(picture.canvases.length >= 1, `${where} shows a canvas`);
      for (const id of picture.canvases) {
        const ink = await inkShare(id);
        assert.ok(ink > 0.01, `${where}: canvas ${id} is drawn (${ink.toFixed(3)})`);
      }

      // The model as the step says: none (data only), or trained with its lines.
      const trained = step.model === 'fit' || step.model.epochs > 0;
      const engineered = step.config.features && step.config.features !== 'x1,x2';
      if (step.model === 'none') {
        assert.equal(picture.modelShown, false, `${where} is data only`);
        if (picture.segments != null) assert.equal(picture.segments, 0, `${where}: no lines in a data-only step`);
        if (step.figure === 'feature') assert.match(await page.locator('[data-figure-page="feature"] .caption').textContent(), /No model yet/);
      } else {
        assert.equal(picture.modelShown, true, `${where} shows its model`);
        if (trained && picture.segments != null && !engineered) assert.ok(picture.segments > 0, `${where}: the trained model's lines are drawn`);
      }
      if (trained) assert.ok((await page.evaluate(() => window.playground.state().epoch)) > 0, `${where} is trained`);

      await page.screenshot({ path: path.join(SHOTS, `lesson-${lesson.id}-${n}.png`) });
    }
    assert.equal(await page.locator('#lesson-next').isDisabled(), true, `${lesson.id}: no next step on the last`);
    await page.locator('#lesson-prev').click();
    assert.equal(await page.evaluate(() => location.hash), `#lesson=${lesson.id}&step=${count - 1}`);
    await page.keyboard.press('ArrowLeft');
    assert.equal(await page.evaluate(() => location.hash), `#lesson=${lesson.id}&step=${Math.max(1, count - 2)}`);
  }
  assert.deepEqual(errors, []);
});

test('the texts name the class colours the element draws', async () => {
  const classes = await page.evaluate(() => document.querySelector('feature-space').classes);
  const NAMES = { vermillion: '#d55e00', blue: '#0072b2' };
  let named = 0;
  for (const lesson of lessons) for (const [i, step] of lesson.steps.entries()) {
    for (const m of step.text.matchAll(/class (\d) \((blue|vermillion)\)|(blue|vermillion)[^.;]*?\(class (\d)\)/g)) {
      const [k, colour] = m[1] != null ? [Number(m[1]), m[2]] : [Number(m[4]), m[3]];
      assert.equal(classes[k], NAMES[colour], `${lesson.id} step ${i + 1}: class ${k} is drawn ${classes[k]}, the text says ${colour}`);
      named++;
    }
  }
  assert.ok(named >= 4, 'the blobs, the band and the quadrants say which colour is which class');
});

test('the band reaches 100% training accuracy from hidden-space step 3 on, with the rate the text gives', async () => {
  const lesson = lessonById('hidden-space');
  for (const [i, step] of lesson.steps.entries()) {
    if (!(step.model.epochs > 0)) continue;
    await page.evaluate((n) => window.playground.lesson('hidden-space', n), i + 1);
    const { state, config } = await page.evaluate(() => ({ state: window.playground.state(), config: window.playground.config() }));
    assert.equal(state.epoch, 100);
    assert.equal(state.train.accuracy, 1, `step ${i + 1}: ${state.train.accuracy}`);
    assert.equal(config.optimizer, 'adam');
    // Adam's rate differs from Keras' default 0.001: a step says so, and why.
    if (config.lr !== 0.001) assert.ok(lesson.steps.some((s) => s.text.includes(`learning rate is ${config.lr}`) && s.text.includes('0.001')), 'the lesson names its learning rate');
  }
  assert.ok(lesson.steps.slice(2).every((s) => s.model.epochs > 0), 'steps 3 on are trained');
});

test('seeds that stall on the band are what the lesson says', async () => {
  const lesson = lessonById('hidden-space');
  const n = lesson.steps.findIndex((s) => /stalls at 70–75%/.test(s.text)) + 1;
  assert.ok(n > 0, 'a step warns that some seeds stall');
  assert.ok(lesson.steps[n - 1].controls.includes('seed'), 'where the student can change the seed');
  const seeds = lesson.steps[n - 1].text.match(/seeds \(([\d, and]+) among/)[1].match(/\d+/g).map(Number);
  await page.evaluate((s) => window.playground.lesson('hidden-space', s), n);
  for (const seed of seeds) {
    const accuracy = await page.evaluate((seed) => {
      window.playground.setConfig({ seed });
      window.playground.reset();
      window.playground.step(100);
      return window.playground.state().train.accuracy;
    }, seed);
    assert.ok(accuracy >= 0.68 && accuracy <= 0.76, `seed ${seed}: ${accuracy}`);
  }
});

test('a step opened by its URL reproduces its model', async () => {
  await page.goto(`${URL}#lesson=hidden-space&step=6`);
  await page.evaluate(() => window.playground.ready);
  await page.reload();
  await page.evaluate(() => window.playground.ready);
  const state = await page.evaluate(() => window.playground.state());
  assert.equal(state.epoch, 100);
  assert.equal(state.train.accuracy, 1, 'the band network reaches 100% training accuracy');
  assert.equal(await page.locator('#lesson-title').textContent(), '6. Every training point right');
  assert.equal(await page.locator('#train-acc').textContent(), '100.0%');
});

test('logistic regressions in the lesson: scikit-learn\'s C = 1, equal to an independent Newton fit', async () => {
  const lesson = lessonById('nonlinear');
  let fits = 0;
  for (const [i, step] of lesson.steps.entries()) {
    if (step.model !== 'fit') continue;
    await page.evaluate((s) => window.playground.lesson('nonlinear', s), i + 1);
    const { state, data, config } = await page.evaluate(() => ({
      state: window.playground.state(), data: window.playground.data(), config: window.playground.config(),
    }));
    assert.equal(config.optimizer, 'lbfgs');
    assert.equal(config.hidden, 'none');
    // scikit-learn's C is 1/(l2·n): its default, 1.
    assert.ok(Math.abs(1 / (config.l2 * data.nTrain) - 1) < 1e-9, `step ${i + 1}: C = ${1 / (config.l2 * data.nTrain)}`);
    const features = config.features.split(',');
    const row = ([x1, x2]) => features.map((f) => ({ x1, x2, x1x2: x1 * x2 })[f]);
    const x = data.x.slice(0, data.nTrain).map(row), y = data.y.slice(0, data.nTrain);
    const want = newtonLogistic(x, y, config.l2);
    const got = [...state.layers[0].W.map((r) => r[0]), state.layers[0].b[0]];
    for (const [k, w] of want.entries()) assert.ok(Math.abs(got[k] - w) < 1e-6, `step ${i + 1} coefficient ${k}: ${got[k]} vs ${w}`);
    if (config.dataset === 'blobs') assert.ok(state.train.accuracy > 0.9, 'blobs are well separated');
    else if (features.join() === 'x1,x2') assert.ok(state.train.accuracy < 0.6, 'no line separates XOR quadrants');
    else {
      // The tutorial's p(u) with C = 1: w = 8.64; the step's 96.4% and its boundary u = −b/w ≈ 0.02.
      assert.ok(Math.abs(got[0] - 8.64) < 0.02, `the weight on u: ${got[0]}`);
      assert.ok(Math.abs(-got[1] / got[0] - 0.02) < 0.005, `p = 0.5 at u = ${-got[1] / got[0]}`);
      if (step.text.includes('96.4%')) assert.equal((100 * state.train.accuracy).toFixed(1), '96.4');
      // Every training point it gets wrong is a class-1 point just right of u = 0, by the axes.
      for (let k = 0; k < x.length; k++) {
        const p = 1 / (1 + Math.exp(-(got[0] * x[k][0] + got[1])));
        if ((p > 0.5) !== (y[k] > 0.5)) assert.ok(y[k] === 1 && x[k][0] > 0 && x[k][0] < -got[1] / got[0], `point ${k} at u = ${x[k][0]}`);
      }
    }
    fits++;
  }
  assert.ok(fits >= 4);
});

test('the lifted figure writes its plane with plain signs and only the model\'s inputs', async () => {
  const n = lessonById('nonlinear').steps.findIndex((s) => s.figure === 'lifted') + 1;
  await page.evaluate((s) => window.playground.lesson('nonlinear', s), n);
  await twoFrames(page);
  const note = await page.locator('#lifted-note').textContent();
  assert.match(note, /8\.64·u − 0\.16 = 0/);
  assert.doesNotMatch(note, /\+ -|\+ −|- -|x1 \+|·x2/);
  // With x1 and x2 among the inputs their terms appear; the signs stay plain.
  await page.evaluate(() => { window.playground.setConfig({ features: 'x1,x2,x1x2' }); window.playground.fit(); });
  await twoFrames(page);
  const both = await page.locator('#lifted-note').textContent();
  assert.match(both, /·x1 [+−] \d+\.\d\d·x2 [+−] \d+\.\d\d·u [+−] \d+\.\d\d = 0/);
  assert.doesNotMatch(both, /\+ -|- -/);
});

test('the 50-unit ReLU network reaches at least 97% test accuracy on XOR quadrants', async () => {
  const n = lessonById('nonlinear').steps.findIndex((s) => s.config.hidden === '50') + 1;
  await page.evaluate((s) => window.playground.lesson('nonlinear', s), n);
  const state = await page.evaluate(() => window.playground.state());
  const config = await page.evaluate(() => window.playground.config());
  assert.equal(config.hidden, '50');
  assert.equal(config.activation, 'relu');
  assert.equal(config.lr, 0.001, 'Adam at scikit-learn\'s default rate');
  assert.ok(state.test.accuracy >= 0.97, `test accuracy ${state.test.accuracy}`);
  assert.equal(await page.locator('#test-acc').textContent(), `${(100 * state.test.accuracy).toFixed(1)}%`);
  assert.equal(await page.evaluate(() => document.querySelector('feature-space').shadowRoot.querySelector('#test-acc').classList.contains('focus')), true);
  assert.ok(await page.evaluate(() => window.playground.lines('input').length) >= 40, 'the units\' hairlines are drawn');
});

test('the sigmoid explorer follows its sliders, and the 3D view turns', async () => {
  await page.evaluate(() => window.playground.lesson('nonlinear', 3));
  const snapshot = (id) => page.evaluate((id) => document.querySelector('feature-space').shadowRoot.getElementById(id).toDataURL(), id);
  const before2d = await snapshot('sigmoid-2d');
  const before1d = await snapshot('sigmoid-1d');
  const before3d = await snapshot('sigmoid-3d');
  await page.locator('[data-sigmoid=w2]').fill('-3');
  await page.locator('[data-sigmoid=w]').fill('-2');
  await twoFrames(page);
  assert.notEqual(await snapshot('sigmoid-2d'), before2d);
  assert.notEqual(await snapshot('sigmoid-1d'), before1d);
  const after3d = await snapshot('sigmoid-3d');
  assert.notEqual(after3d, before3d);
  const box = await page.locator('#sigmoid-3d').boundingBox();
  await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
  await page.mouse.down();
  await page.mouse.move(box.x + box.width / 2 + 80, box.y + box.height / 2 + 20, { steps: 5 });
  await page.mouse.up();
  await twoFrames(page);
  const dragged = await snapshot('sigmoid-3d');
  assert.notEqual(dragged, after3d, 'dragging turns the surface');
  // The keyboard turns it too, and its arrows move neither the lesson nor the page.
  const title = await page.locator('#lesson-title').textContent();
  await page.locator('#sigmoid-3d').focus();
  await page.keyboard.press('ArrowRight');
  await page.keyboard.press('ArrowDown');
  await twoFrames(page);
  assert.notEqual(await snapshot('sigmoid-3d'), dragged, 'the arrow keys turn the surface');
  assert.equal(await page.locator('#lesson-title').textContent(), title, 'the lesson stays on its step');
});

test('an unknown lesson in the link is named', async () => {
  await page.goto(`${URL}#lesson=cooking&step=2`);
  await page.evaluate(() => window.playground.ready);
  assert.match(await page.locator('#message').textContent(), /cooking/);
  assert.deepEqual(errors, []);
});
