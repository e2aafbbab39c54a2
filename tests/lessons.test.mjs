// The guided lessons in the real page: every step of both lessons is visited, its view is drawn,
// and its numbers hold against independent computations. Screenshots: target/screenshots/.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import { URL, SHOTS, launch, newPage, twoFrames } from './browser.mjs';

let browser, page, errors;
before(async () => {
  browser = await launch('featurespace-lessons-', { viewport: { width: 1500, height: 1100 } });
  ({ page, errors } = await newPage(browser.context));
  await page.goto(`${URL}#lesson=hidden-space&step=1`);
  await page.evaluate(() => window.playground.ready);
});
after(() => browser?.close());

function inkCount(id) {
  return page.evaluate((id) => {
    const c = document.querySelector('feature-space').shadowRoot.getElementById(id);
    const d = c.getContext('2d').getImageData(0, 0, c.width, c.height).data;
    let n = 0;
    for (let i = 0; i < d.length; i += 4) if (d[i] < 235 || d[i + 1] < 235 || d[i + 2] < 235) n++;
    return n / (c.width * c.height);
  }, id);
}

// The canvases a step's figure is drawn on.
const CANVASES = {
  'input-space': ['input-space'], 'feature-space': ['feature-space'], weights: ['input-space'], metrics: ['input-space'],
  'sigmoid-1d': ['sigmoid-1d'], 'sigmoid-2d': ['sigmoid-2d'], 'sigmoid-3d': ['sigmoid-3d'],
};
const FIGURE_CANVAS = { sigmoid: 'sigmoid-2d', feature: 'feature-curve', lifted: 'lifted', activations: 'activation-curves' };

// Logistic regression by Newton's method on mean log-loss + l2/2·‖w‖² (intercept free): an
// independent check of the L-BFGS fit.
function newtonLogistic(x, y, l2) {
  let t = [0, 0, 0];
  const n = x.length;
  for (let it = 0; it < 50; it++) {
    const g = [0, 0, 0];
    const H = [[0, 0, 0], [0, 0, 0], [0, 0, 0]];
    for (let i = 0; i < n; i++) {
      const r = [x[i][0], x[i][1], 1];
      const z = t[0] * r[0] + t[1] * r[1] + t[2];
      const p = 1 / (1 + Math.exp(-z));
      for (let a = 0; a < 3; a++) {
        g[a] += ((p - y[i]) * r[a]) / n;
        for (let b = 0; b < 3; b++) H[a][b] += (p * (1 - p) * r[a] * r[b]) / n;
      }
    }
    for (let a = 0; a < 2; a++) { g[a] += l2 * t[a]; H[a][a] += l2; }
    // Solve H·d = g by Gaussian elimination.
    const M = H.map((row, a) => [...row, g[a]]);
    for (let c = 0; c < 3; c++) {
      const p = M[c][c];
      for (let r = c + 1; r < 3; r++) {
        const f = M[r][c] / p;
        for (let k = c; k < 4; k++) M[r][k] -= f * M[c][k];
      }
    }
    const d = [0, 0, 0];
    for (let r = 2; r >= 0; r--) {
      let rest = M[r][3];
      for (let k = r + 1; k < 3; k++) rest -= M[r][k] * d[k];
      d[r] = rest / M[r][r];
    }
    t = t.map((v, k) => v - d[k]);
  }
  return t;
}

const LESSONS = { 'hidden-space': 6, nonlinear: 11 };

for (const [lesson, count] of Object.entries(LESSONS)) {
  test(`lesson ${lesson}: every step is drawn and addressable`, async () => {
    await page.evaluate((l) => window.playground.lesson(l, 1), lesson);
    for (let step = 1; step <= count; step++) {
      if (step > 1) {
        // Alternate the ways in: the Next button and the arrow key.
        if (step % 2 === 0) await page.locator('#lesson-next').click();
        else { await page.locator('body').click({ position: { x: 5, y: 5 } }); await page.keyboard.press('ArrowRight'); }
      }
      assert.equal(await page.evaluate(() => location.hash), `#lesson=${lesson}&step=${step}`);
      const title = await page.locator('#lesson-title').textContent();
      assert.match(title, new RegExp(`^${step}\\. `));
      assert.ok((await page.locator('#lesson-text').textContent()).length > 40);
      assert.match(await page.locator('#lesson-try').textContent(), /^Try this: /);
      const focus = await page.evaluate(() => document.querySelector('feature-space').shadowRoot.querySelector('.focus')?.id);
      assert.ok(focus, 'the step marks the view it is about');
      const figure = await page.evaluate(() => document.querySelector('feature-space').shadowRoot.querySelector('[data-figure][aria-selected=true]').dataset.figure);
      for (const id of [...(CANVASES[focus] ?? []), FIGURE_CANVAS[figure], 'input-space']) {
        // Line plots leave most of their canvas white; maps and 3D views fill more of it.
        const least = ['sigmoid-1d', 'feature-curve', 'activation-curves'].includes(id) ? 0.01 : 0.05;
        const ink = await inkCount(id);
        assert.ok(ink > least, `${lesson} step ${step}: canvas ${id} is drawn (${ink.toFixed(3)})`);
      }
      await page.screenshot({ path: path.join(SHOTS, `lesson-${lesson}-${step}.png`), fullPage: true });
    }
    // Previous goes back; the last step has no next.
    assert.equal(await page.locator('#lesson-next').isDisabled(), true);
    await page.locator('#lesson-prev').click();
    assert.equal(await page.evaluate(() => location.hash), `#lesson=${lesson}&step=${count - 1}`);
  });
}

test('a step opened by its URL reproduces its figure', async () => {
  await page.goto(`${URL}#lesson=hidden-space&step=6`);
  await page.evaluate(() => window.playground.ready);
  await page.reload();
  await page.evaluate(() => window.playground.ready);
  const state = await page.evaluate(() => window.playground.state());
  assert.equal(state.epoch, 100);
  assert.equal(state.train.accuracy, 1, 'the band network reaches 100% training accuracy');
  assert.equal(await page.locator('#lesson-title').textContent(), '6. Every training point right');
});

test('logistic regression in the lesson equals an independent Newton fit to 1e-6', async () => {
  for (const step of [5, 6]) {
    await page.evaluate((s) => window.playground.lesson('nonlinear', s), step);
    const { state, data, config } = await page.evaluate(() => ({
      state: window.playground.state(), data: window.playground.data(), config: window.playground.config(),
    }));
    assert.equal(config.optimizer, 'lbfgs');
    const x = data.x.slice(0, data.nTrain), y = data.y.slice(0, data.nTrain);
    const [w1, w2, b] = newtonLogistic(x, y, config.l2);
    const got = [state.layers[0].W[0][0], state.layers[0].W[1][0], state.layers[0].b[0]];
    for (const [k, want] of [w1, w2, b].entries()) assert.ok(Math.abs(got[k] - want) < 1e-6, `step ${step} coefficient ${k}: ${got[k]} vs ${want}`);
    if (step === 5) assert.ok(state.train.accuracy > 0.9, 'blobs are well separated');
    else assert.ok(state.train.accuracy < 0.6, 'no line separates XOR quadrants');
  }
});

test('the 50-unit ReLU network reaches at least 97% test accuracy on XOR quadrants', async () => {
  await page.evaluate(() => window.playground.lesson('nonlinear', 10));
  const state = await page.evaluate(() => window.playground.state());
  const config = await page.evaluate(() => window.playground.config());
  assert.equal(config.hidden, '50');
  assert.equal(config.activation, 'relu');
  assert.ok(state.test.accuracy >= 0.97, `test accuracy ${state.test.accuracy}`);
  assert.equal(await page.locator('#test-acc').textContent(), `${(100 * state.test.accuracy).toFixed(1)}%`);
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
