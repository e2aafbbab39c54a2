// The benchmark's public path (www/bench-public.js): the training cases the core lists are
// valid configs, and timing them through new Playground(query) and step(n), as the training
// worker runs a playing element, gives one epochs/s figure per case with its arithmetic. No
// timing is asserted (the machine is shared); only that the figures exist and make sense.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { URL, launch, newPage } from './browser.mjs';

let browser;
before(async () => { browser = await launch('featurespace-bench-public-'); });
after(() => browser?.close());

async function open() {
  const { page, errors } = await newPage(browser.context);
  const body = `<!doctype html><html lang="en"><head><meta charset="utf-8"><link rel="icon" href="data:,"><title>bench</title>
<script type="module">
import init, * as core from './pkg/featurespace.js';
import { wasmUrl } from './www/core.js';
import { publicTraining } from './www/bench-public.js';
await init({ module_or_path: wasmUrl() });
window.bench = { core, publicTraining };
</script></head><body></body></html>`;
  await page.route(URL + 'bench-public.html', (r) => r.fulfill({ contentType: 'text/html', body }));
  await page.goto(URL + 'bench-public.html');
  await page.waitForFunction(() => window.bench);
  return { page, errors };
}

test('every training case is a valid config, the heavy one 2-64-64-64-1 on 2,000 points', async () => {
  const { page, errors } = await open();
  const cases = await page.evaluate(() => window.bench.core.bench_training_cases().map(({ case: name, query, flopsPerEpoch }) => {
    const p = new window.bench.core.Playground(query);
    const out = { name, flopsPerEpoch, errors: p.take_errors(), train: p.train_len() };
    p.free();
    return out;
  }));
  assert.equal(cases.length, 4);
  for (const c of cases) {
    assert.deepEqual(c.errors, [], c.name);
    assert.ok(c.flopsPerEpoch > 0, c.name);
    assert.match(c.name, /^train .+, through Playground\.step\(n\) as the page runs it$/);
  }
  assert.deepEqual(cases.slice(0, 3).map((c) => c.train), [250, 250, 250]);
  assert.match(cases[3].name, /2-64-64-64-1 relu, Adam, batch 32, 2,000 points/);
  assert.equal(cases[3].train, 2000);
  // The tiny network does less work per epoch than the wide one, which does less than the heavy.
  assert.ok(cases[0].flopsPerEpoch < cases[1].flopsPerEpoch && cases[1].flopsPerEpoch < cases[3].flopsPerEpoch);
  assert.deepEqual(errors, []);
});

test('the public path trains each case and reports epochs/s with its flop rate', async () => {
  const { page, errors } = await open();
  const figures = await page.evaluate(() => window.bench.publicTraining(40));
  assert.equal(figures.length, 4);
  for (const f of figures) {
    assert.equal(f.unit, 'epochs/s');
    assert.ok(Number.isFinite(f.value) && f.value > 0, `${f.case}: ${f.value}`);
    assert.ok(f.flops > f.value, f.case);
  }
  assert.deepEqual(errors, []);
});
