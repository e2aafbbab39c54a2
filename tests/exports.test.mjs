// Exports: the Python (scikit-learn) script run in the virtualenv `cargo xtask test` makes
// (FEATURESPACE_PYTHON): a logistic regression fitted in the script lands on the playground's
// coefficients, the exported weights loaded into scikit-learn give the playground's outputs, and
// a full-batch run from the playground's initial weights follows the playground's step for step; a PNG of every view the element shows; the export row of the controls.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { execFileSync } from 'node:child_process';
import { URL, ROOT, SHOTS, TMP, launch, newPage } from './browser.mjs';

let browser, context, fixtures = 0;
before(async () => { browser = await launch('featurespace-exports-'); ({ context } = browser); });
after(() => browser?.close());

// The virtualenv's python (made by `cargo xtask test`), else target/venv when run by hand.
function python() {
  if (process.env.FEATURESPACE_PYTHON_MISSING) assert.fail(`no Python to run the export: ${process.env.FEATURESPACE_PYTHON_MISSING}`);
  const py = process.env.FEATURESPACE_PYTHON || path.join(ROOT, 'target/venv/bin/python');
  assert.ok(fs.existsSync(py), `no Python at ${py}: run the browser tests with \`cargo xtask test e2e tests/exports.test.mjs\`, which makes target/venv`);
  return py;
}

// Runs an exported script; its last line is one JSON object.
function runScript(script, name) {
  const file = path.join(TMP, `featurespace-${name}.py`);
  fs.writeFileSync(file, script);
  const out = execFileSync(python(), [file], { encoding: 'utf8', timeout: 120000 });
  fs.rmSync(file, { force: true });
  const lines = out.trim().split('\n');
  return { text: out, result: JSON.parse(lines[lines.length - 1]) };
}

const html = (body) => `<!doctype html><html lang="en"><head><meta charset="utf-8"><link rel="icon" href="data:,">
<title>exports</title><script type="module" src="www/feature-space.js"></script><style>body { margin: 0; }</style></head><body>${body}</body></html>`;

async function open(body, viewport) {
  const { page, errors } = await newPage(context);
  if (viewport) await page.setViewportSize(viewport);
  const name = `exports-${++fixtures}.html`;
  await page.route(URL + name, (r) => r.fulfill({ contentType: 'text/html', body: html(body) }));
  await page.goto(URL + name);
  await page.evaluate(async () => { await customElements.whenDefined('feature-space'); await document.getElementById('a').ready; });
  return { page, errors };
}

const maxDiff = (a, b) => {
  let m = 0;
  a.forEach((layer, l) => {
    assert.equal(layer.b.length, b[l].b.length, `layer ${l + 1}: units`);
    layer.W.forEach((row, i) => row.forEach((v, j) => { m = Math.max(m, Math.abs(v - b[l].W[i][j])); }));
    layer.b.forEach((v, j) => { m = Math.max(m, Math.abs(v - b[l].b[j])); });
  });
  return m;
};

test('a logistic regression fitted by L-BFGS: scikit-learn lands on the same coefficients (1e-6)', async (t) => {
  const { page, errors } = await open('<feature-space id="a" loading="eager" views="input" controls="none" dataset="blobs" points="400"></feature-space>');
  for (const [name, config, estimator = 'LogisticRegression'] of [
    ['plain', { l2: 0 }],
    ['features-l2', { l2: 0.003, features: 'x1,x2,x1sq,x1x2,sinx2', seed: 7 }],
    ['three-classes', { dataset: 'blobs3', l2: 0.01, points: 300 }],
    ['l1', { dataset: 'blobs', l1: 0.01, l2: 0, points: 400, features: 'x1,x2' }],
    ['regression-l1-l2', { dataset: 'bumps', l1: 0.005, l2: 0.01, points: 300 }, 'ElasticNet'],
  ]) {
    const r = await page.evaluate((config) => {
      const el = document.getElementById('a');
      el.setConfig(config);
      el.fit();
      return { state: el.state(), script: el.exportPython() };
    }, config);
    assert.equal(r.state.layers.length, 1, `${name}: no hidden layer`);
    assert.match(r.script, /maps exactly onto scikit-learn/, `${name}: says the config maps exactly`);
    assert.match(r.script, new RegExp(`return ${estimator}\\(`));
    const { text, result } = runScript(r.script, `lr-${name}`);
    assert.equal(result.estimator, estimator, text);
    assert.equal(result.exact, true);
    const diff = maxDiff(result.trained.layers, r.state.layers);
    t.diagnostic(`${name}: coefficients within ${diff.toExponential(2)}, outputs within ${result.loaded.max_abs_difference.toExponential(2)}`);
    assert.ok(diff < 1e-6, `${name}: scikit-learn's coefficients are ${diff} from the playground's\n${text}`);
    assert.ok(result.loaded.max_abs_difference < 1e-9, `${name}: loaded outputs differ by ${result.loaded.max_abs_difference}`);
    assert.equal(result.loaded.train.accuracy, r.state.train.accuracy);
    assert.equal(result.trained.train.accuracy, r.state.train.accuracy);
    assert.ok(Math.abs(result.loaded.train.loss - r.state.train.loss) < 1e-9, `${name}: loss ${result.loaded.train.loss} vs ${r.state.train.loss}`);
    assert.ok(Math.abs(result.loaded.test.loss - r.state.test.loss) < 1e-9);
  }
  assert.deepEqual(errors, []);
  await page.close();
});

test('MLP exports: the loaded weights give the playground\'s outputs, loss and accuracy; scikit-learn trains the same architecture', async (t) => {
  const { page, errors } = await open('<feature-space id="a" loading="eager" views="input" controls="none"></feature-space>');
  for (const [name, config, epochs, estimator, exact, sameRun] of [
    ['xor-tanh-adam', { dataset: 'xor', hidden: '4,3', activation: 'tanh', optimizer: 'adam', lr: 0.03, batch: 10, l2: 0.001, points: 200 }, 30, 'MLPClassifier', true],
    ['blobs3-relu-momentum', { dataset: 'blobs3', hidden: '5', activation: 'relu', optimizer: 'momentum', nesterov: true, features: 'x1,x2,x1x2', points: 150 }, 20, 'MLPClassifier', true],
    ['plane-sigmoid-lbfgs', { dataset: 'plane', hidden: '3', activation: 'sigmoid', optimizer: 'lbfgs', l2: 0.01, points: 120 }, 40, 'MLPRegressor', true],
    ['circle-sgd-full-batch', { dataset: 'circle', hidden: '3', activation: 'tanh', optimizer: 'sgd', lr: 0.3, batch: 20000, l2: 0.001, points: 100 }, 25, 'MLPClassifier', true, 'same run'],
    ['moons-adam-full-batch', { dataset: 'moons', hidden: '4,2', activation: 'relu', optimizer: 'adam', lr: 0.02, batch: 20000, points: 120, features: 'x1,x2,sinx1' }, 25, 'MLPClassifier', true, 'same run'],
    ['circle-leaky-rmsprop', { dataset: 'circle', hidden: '6', activation: 'leakyrelu', optimizer: 'rmsprop', l1: 0.001, points: 100 }, 10, 'MLPClassifier', false],
  ]) {
    const r = await page.evaluate(({ config, epochs }) => {
      const el = document.getElementById('a');
      el.load('');
      el.setConfig(config);
      el.step(epochs);
      return { state: el.state(), script: el.exportPython() };
    }, { config, epochs });
    assert.equal(r.state.epoch, epochs);
    const { text, result } = runScript(r.script, `mlp-${name}`);
    assert.equal(result.estimator, estimator, text);
    assert.equal(result.exact, exact, `${name}: exact`);
    const top = r.script.slice(0, r.script.indexOf('import io'));
    if (exact) assert.match(top, /maps exactly/);
    else {
      assert.match(top, /DOES NOT MAP EXACTLY/);
      for (const word of [/leaky ReLU/, /no L1/, /no RMSprop/]) assert.match(top, word, `${name}: the top says what does not map`);
    }
    assert.deepEqual(result.trained.layers.map((l) => l.b.length), r.state.layers.map((l) => l.b.length), `${name}: the same architecture`);
    t.diagnostic(`${name}: loaded outputs within ${result.loaded.max_abs_difference.toExponential(2)}; scikit-learn's run: train ${JSON.stringify(result.trained.train)}`);
    if (!exact) continue; // leaky ReLU → relu: the loaded outputs differ where units are negative
    assert.ok(result.loaded.max_abs_difference < 1e-9, `${name}: loaded outputs differ by ${result.loaded.max_abs_difference}\n${text}`);
    assert.ok(Math.abs(result.loaded.train.loss - r.state.train.loss) < 1e-9, `${name}: train loss ${result.loaded.train.loss} vs ${r.state.train.loss}`);
    assert.ok(Math.abs(result.loaded.test.loss - r.state.test.loss) < 1e-9, `${name}: test loss`);
    assert.equal(result.loaded.train.accuracy, r.state.train.accuracy);
    assert.equal(result.loaded.test.accuracy, r.state.test.accuracy);
    assert.match(top, /trains \d+ epochs from the playground's initial weights/);
    if (sameRun) {
      // Full batch: no shuffling, so scikit-learn's steps are the playground's.
      const diff = maxDiff(result.trained.layers, r.state.layers);
      t.diagnostic(`${name}: scikit-learn's ${epochs} epochs end within ${diff.toExponential(2)} of the playground's weights`);
      assert.ok(diff < 1e-9, `${name}: scikit-learn's run ends ${diff} from the playground's weights\n${text}`);
      assert.match(top, /follows the playground's own run/);
    }
  }
  assert.deepEqual(errors, []);
  await page.close();
});

const VIEWS = ['input', 'feature', 'network', 'weights', 'loss', 'confusion', 'figures'];

test('toBlob gives a real PNG of every view shown, at its size', async () => {
  const { page, errors } = await open(`<feature-space id="a" loading="eager" views="${VIEWS.join(' ')}" controls="none" dataset="blobs3" hidden="3"></feature-space>`, { width: 1500, height: 1800 });
  const r = await page.evaluate(async (views) => {
    const el = document.getElementById('a');
    el.step(30);
    await new Promise((done) => requestAnimationFrame(() => requestAnimationFrame(done)));
    const out = {};
    for (const view of views) {
      const blob = await el.toBlob({ view });
      const bytes = new Uint8Array(await blob.arrayBuffer());
      const bitmap = await createImageBitmap(blob);
      const c = new OffscreenCanvas(bitmap.width, bitmap.height);
      const ctx = c.getContext('2d');
      ctx.drawImage(bitmap, 0, 0);
      const d = ctx.getImageData(0, 0, c.width, c.height).data;
      const colours = new Set();
      let ink = 0;
      for (let i = 0; i < d.length; i += 4) {
        if (d[i + 3] > 0 && (d[i] < 200 || d[i + 1] < 200 || d[i + 2] < 200)) ink++;
        if (colours.size < 1000) colours.add((d[i] << 24) | (d[i + 1] << 16) | (d[i + 2] << 8) | d[i + 3]);
      }
      const own = { input: 'input-space', feature: 'feature-space', loss: 'loss-chart' }[view];
      const canvas = own ? el.shadowRoot.getElementById(own) : view === 'network' ? el.shadowRoot.querySelector('.network-canvas') : null;
      const panel = el.shadowRoot.querySelector({ weights: '#weights-panel', confusion: '#confusion-panel', figures: '#figures' }[view] ?? 'nothing');
      const box = panel?.getBoundingClientRect();
      out[view] = {
        type: blob.type, signature: Array.from(bytes.slice(0, 8)), size: [bitmap.width, bitmap.height],
        expected: canvas ? [canvas.width, canvas.height] : [Math.round(box.width * devicePixelRatio), Math.round(box.height * devicePixelRatio)],
        ink: ink / (c.width * c.height), colours: colours.size,
        bytes: Array.from(bytes),
      };
    }
    out.notShown = await el.toBlob({ view: 'lesson' }).then(() => 'resolved', (e) => e.message);
    return out;
  }, VIEWS);
  for (const view of VIEWS) {
    const v = r[view];
    assert.equal(v.type, 'image/png', view);
    assert.deepEqual(v.signature, [137, 80, 78, 71, 13, 10, 26, 10], `${view}: a PNG file`);
    assert.deepEqual(v.size, v.expected, `${view}: the PNG has the view's size`);
    assert.ok(v.size[0] > 100 && v.size[1] > 50, `${view}: ${v.size}`);
    assert.ok(v.ink > 0.01, `${view}: ${(100 * v.ink).toFixed(2)}% of the pixels are drawn`);
    assert.ok(v.colours > 8, `${view}: ${v.colours} colours`);
    fs.writeFileSync(path.join(SHOTS, `export-${view}.png`), Buffer.from(v.bytes));
  }
  assert.match(r.notShown, /'lesson' is not a view this element shows/);
  assert.deepEqual(errors, []);
  await page.close();
});

test('the export row offers CSV, JSON, Python and a PNG of each view, as downloads', async () => {
  for (const [label, viewport, touch] of [['desktop', { width: 1440, height: 900 }, false], ['phone', { width: 390, height: 844 }, true]]) {
    const ctx = touch ? (await launch('featurespace-exports-phone-', { viewport, hasTouch: true, isMobile: true, acceptDownloads: true })) : null;
    const { page, errors } = ctx ? await newPage(ctx.context) : await newPage(context);
    if (!ctx) await page.setViewportSize(viewport);
    await page.goto(`${URL}#dataset=xor&hidden=4`);
    await page.evaluate(() => window.playground.ready);
    await page.evaluate(() => window.playground.step(20));
    const row = page.locator('feature-space div:has(> .export-buttons)');
    await row.scrollIntoViewIfNeeded();
    const options = await page.evaluate(() => [...document.querySelector('feature-space').shadowRoot.querySelectorAll('#export-png-view option')].map((o) => o.value));
    assert.ok(options.includes('input') && options.includes('feature'), `PNG choices: ${options}`);
    await row.screenshot({ path: path.join(SHOTS, `export-row-${label}.png`) });
    await page.screenshot({ path: path.join(SHOTS, `export-page-${label}.png`) });
    const saved = async (id, pick) => {
      if (pick) await page.locator('feature-space #export-png-view').selectOption(pick);
      const [download] = await Promise.all([page.waitForEvent('download'), page.locator(`feature-space #${id}`).click()]);
      return { name: download.suggestedFilename(), bytes: fs.readFileSync(await download.path()) };
    };
    const py = await saved('export-python');
    assert.equal(py.name, 'feature_space.py');
    assert.match(py.bytes.toString('utf8'), /^#!\/usr\/bin\/env python3\n"""Feature Space, exported at epoch 20/);
    const png = await saved('export-png', 'feature');
    assert.equal(png.name, 'feature-space-feature.png');
    assert.deepEqual([...png.bytes.subarray(0, 4)], [137, 80, 78, 71]);
    assert.deepEqual(errors, []);
    await page.close();
    await ctx?.close();
  }
});
