// Page weight: what the full page and an embedding page fetch. The page loads one wasm module
// and minified bundles (www/page.js with its chunks), never the unbundled modules or the bench
// code; compare.js comes as a lazy chunk on the first Compare; the training worker is the
// bundled www/trainer.js. The gzipped total is checked against a budget, so growth is noticed.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import zlib from 'node:zlib';
import { URL, SHOTS, launch } from './browser.mjs';

// wasm + JS + CSS of the full page, gzipped, at first load (BENCHMARKS.md has the parts).
const BUDGET_KB = 233;

let browser;
before(async () => { browser = await launch('featurespace-weight-'); });
after(() => browser?.close());

// Opens `url` recording every response of the page and its workers: {url, type, body}.
async function open(url, context = browser.context) {
  const page = await context.newPage();
  const errors = [];
  const fetched = [];
  page.on('pageerror', (e) => errors.push(e.message));
  page.on('console', (m) => m.type() === 'error' && errors.push(m.text()));
  page.on('response', async (r) => {
    const body = await r.body().catch(() => Buffer.alloc(0));
    fetched.push({ url: r.url(), status: r.status(), body });
  });
  await page.goto(url);
  return { page, errors, fetched };
}

const local = (f) => f.url.startsWith(URL) ? f.url.slice(URL.length).split(/[?#]/)[0] : null;
const named = (fetched, re) => fetched.map(local).filter((u) => u && re.test(u));
const gz = (body) => zlib.gzipSync(body, { level: 9 }).length;

test('the full page loads one wasm module and minified bundles, within the weight budget', async () => {
  const { page, errors, fetched } = await open(URL);
  await page.evaluate(() => window.playground.ready);
  const epoch = await page.evaluate(() => { const el = document.getElementById('playground'); el.step(25); return el.state().epoch; });
  assert.equal(epoch, 25, 'the bundled page trains');
  await page.waitForTimeout(300);
  assert.deepEqual(named(fetched, /\.wasm$/), ['pkg/featurespace_bg.wasm'], 'one module, the SIMD build');
  const scripts = named(fetched, /\.js$/);
  assert.ok(scripts.includes('www/page.js'), scripts.join(' '));
  for (const s of scripts) assert.match(s, /^www\/(page|chunk-[A-Z0-9]+)\.js$/, `only bundles load: ${s}`);
  let total = 0;
  for (const f of fetched) {
    const u = local(f);
    if (!u || !/\.(js|wasm|css)$/.test(u)) continue;
    assert.equal(f.status, 200, u);
    total += gz(f.body);
    if (u.endsWith('.js')) {
      const text = f.body.toString();
      // Minified: none of the sources' line comments.
      assert.ok(!/^\s*\/\/ /m.test(text), `${u} is minified`);
      assert.ok(!text.includes('run_benchmarks'), `${u}: no benchmark entry in the page's glue`);
      assert.ok(!text.includes('is itself linked'), `${u}: compare.js is not loaded before it is needed`);
    }
  }
  const wasm = fetched.find((f) => local(f) === 'pkg/featurespace_bg.wasm');
  assert.ok(!wasm.body.includes('run_benchmarks'), 'the page\'s wasm has no benchmark entry');
  console.log(`# full page at first load: ${(total / 1000).toFixed(1)} KB gzipped (budget ${BUDGET_KB})`);
  assert.ok(total / 1000 <= BUDGET_KB, `${(total / 1000).toFixed(1)} KB gzipped is over the budget of ${BUDGET_KB} KB`);
  await page.screenshot({ path: path.join(SHOTS, 'weight-page.png') });

  // Compare: its module arrives as a chunk now, and the second run trains beside the first.
  const before = scripts.length;
  await page.locator('#compare').click();
  await page.waitForFunction(() => document.getElementById('compared')?.compareLink);
  await page.evaluate(() => document.getElementById('playground').step(5));
  const after = named(fetched, /\.js$/);
  assert.ok(after.length > before, 'a lazy chunk loaded');
  const lazy = fetched.filter((f) => /\.js$/.test(local(f) ?? '') && f.body.toString().includes('is itself linked'));
  assert.equal(lazy.length, 1, 'compare.js came as one chunk');
  assert.ok(await page.evaluate(() => document.getElementById('compared').state().epoch) >= 5, 'the second run steps with the first');
  await page.screenshot({ path: path.join(SHOTS, 'weight-compare.png') });
  assert.deepEqual(errors, []);
  await page.close();
});

test('the training worker is the bundled www/trainer.js', async () => {
  const { page, errors, fetched } = await open(`${URL}#dataset=xor&hidden=4&seed=3`);
  await page.evaluate(() => window.playground.ready);
  const workers = [];
  page.on('worker', (w) => workers.push(w.url()));
  await page.locator('#speed').fill('9');
  await page.evaluate(() => window.playground.play());
  await page.waitForFunction(() => window.playground.timings().worker && window.playground.state().epoch > 200,
    null, { timeout: 20000 });
  await page.evaluate(() => window.playground.pause());
  assert.equal(workers.length, 1);
  assert.ok(workers[0].endsWith('/www/trainer.js'), workers[0]);
  const trainer = fetched.find((f) => local(f) === 'www/trainer.js');
  assert.ok(trainer && !/^\s*\/\/ /m.test(trainer.body.toString()), 'the worker script is the minified bundle');
  assert.deepEqual(errors, []);
  await page.close();
});

test('an embedding page\'s www/feature-space.js is the bundle, and works on a phone', async () => {
  const phone = await launch('featurespace-weight-phone-', { viewport: { width: 390, height: 844 }, hasTouch: true, isMobile: true });
  try {
    const { page, errors, fetched } = await open(`${URL}examples/gallery.html`, phone.context);
    const ready = await page.evaluate(async () => {
      const el = document.querySelector('feature-space');
      el.setAttribute('loading', 'eager');
      await el.ready;
      el.pause(); // the gallery's figures may play while visible
      const from = el.state().epoch;
      el.step(3);
      return el.state().epoch - from;
    });
    assert.equal(ready, 3);
    const scripts = named(fetched, /\.js$/);
    assert.ok(scripts.includes('www/feature-space.js'), scripts.join(' '));
    for (const s of scripts) assert.match(s, /^www\/(feature-space|chunk-[A-Z0-9]+)\.js$/, `only bundles load: ${s}`);
    await page.screenshot({ path: path.join(SHOTS, 'weight-gallery-phone.png') });
    assert.deepEqual(errors, []);
    await page.close();
  } finally {
    await phone.close();
  }
});
