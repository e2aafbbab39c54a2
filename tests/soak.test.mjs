// Fuzz and soak runs of the full page in Debian's Chromium (playwright-core): generated links,
// CSV files and wrong-typed API calls, then a minute at full speed with random actions. Every
// run prints its seed; FEATURESPACE_SEED=<n> repeats one.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { launch, openPlayground } from './browser.mjs';

const SEED = Number(process.env.FEATURESPACE_SEED) || (Date.now() % 1e9);
console.log(`# soak/fuzz seed ${SEED} (FEATURESPACE_SEED=${SEED} repeats it)`);

// mulberry32: a small seeded PRNG, so that a failure reproduces.
function prng(seed) {
  let a = seed >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const int = (n) => Math.floor(next() * n);
  return { next, int, pick: (list) => list[int(list.length)], chance: (p) => next() < p };
}

let browser;
before(async () => { browser = await launch('featurespace-soak-'); });
after(() => browser?.close());
const open = (hash) => openPlayground(browser.context, hash);

// What every fuzz step checks: the message box's length and that config() answers.
const probe = (page) => page.evaluate(() => {
  const m = document.querySelector('feature-space').shadowRoot.querySelector('#message');
  const config = window.playground.config();
  return { message: m.hidden ? 0 : m.textContent.length, text: m.hidden ? '' : m.textContent, config: config !== null && typeof config === 'object' };
});

// After everything: a known config plays and its epoch advances within 2 s.
async function alive(page) {
  const ok = await page.evaluate(async () => {
    const p = window.playground;
    p.pause();
    p.setConfig({ dataset: 'xor', hidden: '4', optimizer: 'adam', lr: 0.01, points: 200, batch: 10 });
    const start = p.state().epoch;
    p.play();
    const t0 = performance.now();
    while (performance.now() - t0 < 2000 && p.state().epoch === start) await new Promise((r) => setTimeout(r, 50));
    p.pause();
    return p.state().epoch > start;
  });
  assert.ok(ok, 'the page trains after the fuzzing');
}

// --- generated links ---

const KEYS = ['lr', 'hidden', 'dataset', 'points', 'batch', 'seed', 'noise', 'trainRatio', 'features', 'activation',
  'optimizer', 'l1', 'l2', 'momentum', 'nesterov', 'lesson', 'step', 'views', 'controls'];
const VALID = {
  lr: ['0.01', '0.1', '1'], hidden: ['2', '8,8', 'none', '4,2'], dataset: ['band', 'xor', 'spiral', 'blobs3', 'plane', 'custom'],
  points: ['50', '500', '2000'], batch: ['1', '10', '400'], seed: ['1', '42'], noise: ['0', '0.2'], trainRatio: ['0.5', '1'],
  features: ['x1,x2', 'x1x2', 'x1,x2,sinx1'], activation: ['relu', 'tanh', 'leakyrelu'], optimizer: ['sgd', 'lbfgs', 'momentum'],
  l1: ['0', '0.001'], l2: ['0.01'], momentum: ['0.5'], nesterov: ['true', '1'], lesson: ['hidden-space', 'nonlinear'],
  step: ['1', '3', '9'], views: ['input feature', 'input'], controls: ['none', 'play lr'],
};
const CHARS = 'abcXYZ019.,;-_+~!*()\'" é日本語🙂\u0000\u202e%';
function longText(r, n) {
  let s = '';
  while (s.length < n) s += r.pick([...CHARS]);
  return s;
}
function fuzzValue(r, key) {
  switch (r.int(8)) {
    case 0: case 1: return encodeURIComponent(r.pick(VALID[key] ?? ['1']));
    case 2: return r.pick(['%', '%Z', '%FF', '%00', '%E0%A4%A', '%%', '%zz', '%C3%28']);
    case 3: return r.pick(['1e308', '1e400', '-1e400', '99999999999999999999999', '4294967297', '9'.repeat(400)]);
    case 4: return r.pick(['NaN', '-1', '0', '-0', 'Infinity', '', 'null', 'undefined', 'true']);
    case 5: return encodeURIComponent(longText(r, 1 + r.int(3000)));
    case 6: return r.pick(['日本語', encodeURIComponent('🙂'), '%F0%9F%99%82', encodeURIComponent('\u202e'), 'x'.repeat(r.int(3000))]);
    default: return r.pick(['8,8,8,8,8,8,8', '0', ',', '2,,2', 'none,2', 'relu%20', ' tanh']);
  }
}
function fuzzHash(r) {
  const pairs = [];
  const n = 1 + r.int(5);
  for (let i = 0; i < n; i++) {
    const roll = r.int(10);
    if (roll === 0) pairs.push(`${r.pick(['colour', 'LR', 'x', '__proto__', 'constructor', encodeURIComponent('日本')])}=${fuzzValue(r, 'lr')}`);
    else if (roll === 1) pairs.push(r.pick(['', '=', '=1', 'lr', '&&', 'lr==2']));
    else if (roll === 2 && pairs.length) pairs.push(pairs[r.int(pairs.length)]); // a duplicate key
    else { const key = r.pick(KEYS); pairs.push(`${key}=${fuzzValue(r, key)}`); }
  }
  return `#${pairs.join('&')}`;
}

// Shapes every run tries, before the generated ones.
const FIXED = [`#lesson=${'x'.repeat(3000)}`, '#lesson=hidden-space&step=1e308', '#lesson=nonlinear&step=-1',
  '#lesson=hidden-space&step=NaN', `#${'k'.repeat(3000)}=1`, `#lr=${'9'.repeat(3000)}`, `#views=${'v'.repeat(3000)}`,
  `#controls=${'c'.repeat(3000)}&speed=${'s'.repeat(3000)}`, '#lesson=%&step=%FF', '#=&=&&=&lr'];

// Every problem of a fuzz run, so that one bug does not hide the others.
function problems(t, label) {
  const found = [];
  return {
    add: (text) => found.push(text),
    check(errors, seen, where, p) {
      for (const e of errors.slice(seen)) found.push(`page error ${e.slice(0, 200)} after ${where}`);
      if (!p.config) found.push(`config() is not an object after ${where}`);
      if (p.message > 2000) found.push(`a message of ${p.message} characters (${short(p.text)}) after ${where}`);
      return errors.length;
    },
    done() {
      t.diagnostic(`${label}: ${found.length} problems`);
      if (found.length) assert.fail(`${found.length} problems (seed ${SEED}):\n  ${found.slice(0, 12).join('\n  ')}`);
    },
  };
}
const short = (text) => (text.length > 160 ? `${text.slice(0, 160)}… (${text.length} characters)` : text);

test('fuzz: 200 generated links, on one live page and ~15 opened fresh', async (t) => {
  const r = prng(SEED);
  const hashes = [...FIXED, ...Array.from({ length: 200 - FIXED.length }, () => fuzzHash(r))];
  const found = problems(t, 'links');
  const { page, errors } = await open();
  let seen = 0;
  for (const [i, hash] of hashes.entries()) {
    await page.evaluate((hash) => new Promise((resolve) => {
      const done = () => setTimeout(resolve, 0);
      addEventListener('hashchange', done, { once: true });
      setTimeout(done, 300); // the same hash again fires no hashchange
      location.hash = hash;
    }), hash);
    seen = found.check(errors, seen, `link ${i}: ${short(hash)}`, await probe(page));
  }
  await alive(page);
  found.check(errors, seen, 'playing after the links', { config: true, message: 0 });
  await page.close();
  // Some of them opened fresh.
  const spread = Array.from({ length: 10 }, (_, k) => FIXED.length + Math.floor((k * (hashes.length - FIXED.length)) / 10));
  for (const i of [0, 1, 4, 6, 7, ...spread]) {
    const fresh = await open(hashes[i]);
    found.check(fresh.errors, 0, `fresh link ${i}: ${short(hashes[i])}`, await probe(fresh.page));
    await fresh.page.close();
  }
  found.done();
});

// --- generated CSV files ---

function fuzzCsv(r) {
  const kind = r.pick(['valid', 'valid', 'ten', 'badNumber', 'missing', 'quotes', 'unterminated', 'empty', 'huge', 'header', 'many', 'blank']);
  const rows = (n, row) => ['x1,x2,label', ...Array.from({ length: n }, (_, i) => row(i))].join(r.chance(0.2) ? '\r\n' : '\n');
  const num = () => (r.next() * 4 - 2).toFixed(3);
  switch (kind) {
    case 'valid': return { kind, text: rows(5 + r.int(200), (i) => `${num()},${num()},${i % 2}`) };
    case 'ten': return { kind, text: rows(100, (i) => `${num()},${num()},${i % 10}`) };
    case 'badNumber': return { kind, text: rows(20, (i) => (i === 7 ? `${num()},${r.pick(['zz', '1e999x', '--1', '0x1g', 'NaN?'])},1` : `${num()},${num()},${i % 2}`)) };
    case 'missing': return { kind, text: rows(20, (i) => (i === 3 ? `${num()},` : `${num()},${num()},${i % 2}`)) };
    case 'quotes': return { kind, text: rows(20, (i) => `"${num()}","${num()}",${i % 2}`) };
    case 'unterminated': return { kind, text: rows(20, (i) => (i === 5 ? `"${num()},${num()},1` : `${num()},${num()},${i % 2}`)) };
    case 'empty': return { kind, text: r.pick(['', '\n', ' ', '\uFEFF']) };
    case 'huge': return { kind, text: rows(3, (i) => (i === 1 ? `${'9'.repeat(100000 + r.int(100000))},0,1` : `${num()},${num()},${i % 2}`)) };
    case 'header': return { kind, text: r.pick(['x1,x2,label', 'a,b,c\n1,2,3', 'x1;x2;label\n1;2;0', longText(r, 2000)]) };
    case 'many': return { kind, text: rows(20001 + r.int(500), (i) => `${(i % 200) / 100 - 1},${Math.floor(i / 200) / 60 - 1},${i % 2}`) };
    default: return { kind, text: rows(10, (i) => (i % 3 ? `${num()},${num()},${i % 2}` : '')) };
  }
}

test('fuzz: 60 generated CSV files through loadCsv', async (t) => {
  const r = prng(SEED + 1);
  const found = problems(t, 'CSV files');
  const { page, errors } = await open();
  const kinds = {};
  let seen = 0;
  for (let i = 0; i < 60; i++) {
    const { kind, text } = fuzzCsv(r);
    const result = await page.evaluate((text) => {
      try { return { errors: window.playground.loadCsv(text) }; } catch (e) { return { threw: `${e.constructor.name}: ${e.message}` }; }
    }, text);
    const where = `CSV ${i} (${kind}): ${short(JSON.stringify(text))}`;
    kinds[kind] = (kinds[kind] ?? 0) + 1;
    seen = found.check(errors, seen, where, await probe(page));
    if (!Array.isArray(result.errors)) { found.add(`loadCsv did not return an array (${short(JSON.stringify(result))}) for ${where}`); continue; }
    for (const e of result.errors)
      if (typeof e.message !== 'string' || e.message.length > 500) found.add(`an error of ${e.message?.length} characters (${short(String(e.message))}) for ${where}`);
    if ((kind === 'valid' || kind === 'ten') && result.errors.length) found.add(`errors ${short(JSON.stringify(result.errors))} for ${where}`);
    if ((kind === 'badNumber' || kind === 'missing') && !result.errors.length) found.add(`no error for ${where}`);
  }
  t.diagnostic(`CSV kinds: ${JSON.stringify(kinds)}`);
  await alive(page);
  found.check(errors, seen, 'playing after the CSV files', { config: true, message: 0 });
  await page.close();
  found.done();
});

// --- wrong-typed API calls ---

test('fuzz: 100 wrong-typed API calls return or throw an Error, never a wasm trap', async () => {
  const { page, errors } = await open();
  const results = await page.evaluate(async (seed) => {
    // The same mulberry32 as in Node.
    let a = seed >>> 0;
    const next = () => { a = (a + 0x6d2b79f5) >>> 0; let t = Math.imul(a ^ (a >>> 15), 1 | a); t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t; return ((t ^ (t >>> 14)) >>> 0) / 4294967296; };
    const pick = (list) => list[Math.floor(next() * list.length)];
    const args = () => [null, undefined, 0, -1, 1.5, NaN, Infinity, -Infinity, 2 ** 53, 1e308, '', 'abc', '%', '10', 'x'.repeat(5000),
      {}, { lr: 'x' }, { hidden: {} }, { lr: [] }, { views: 'nope' }, { view: 'nonsense' }, { view: 42 }, { iframe: 'yes' },
      { toString() { throw new Error('toString'); } }, Object.create(null), [], [1], [[1, 2]], new Map(), new Map([[{}, 1]]),
      new Map([['lr', Symbol('s')]]), new Set([1]), () => 1, Symbol('s'), 10n, new Date(0), /re/, new Uint8Array(3),
      { dataset: 'xor', lr: Symbol('s') }, { [Symbol('k')]: 1 }];
    const p = window.playground;
    const calls = {
      setConfig: (x) => p.setConfig(x), step: (x, y) => p.step(x, y), loadCsv: (x) => p.loadCsv(x),
      lesson: (x, y) => p.lesson(x, y), toBlob: (x) => p.toBlob(x), embedCode: (x) => p.embedCode(x), stepAsync: (x) => p.stepAsync(x),
    };
    const describe = (v) => { try { return typeof v === 'symbol' ? v.toString() : typeof v === 'function' ? 'function' : JSON.stringify(v)?.slice(0, 40) ?? String(v); } catch { return typeof v; } };
    const out = [];
    for (let i = 0; i < 100; i++) {
      const name = pick(Object.keys(calls));
      const x = pick(args()), y = pick(args());
      const record = { i, call: `${name}(${describe(x)}, ${describe(y)})` };
      try {
        let value = calls[name](x, y);
        if (value && typeof value.then === 'function')
          value = await Promise.race([value, new Promise((r) => setTimeout(() => r('pending'), 1000))]);
        record.outcome = 'returned';
      } catch (e) {
        record.outcome = e instanceof WebAssembly.RuntimeError ? 'trap' : e instanceof Error ? 'error' : `non-Error ${typeof e}`;
        record.error = `${e?.constructor?.name}: ${String(e?.message ?? e).slice(0, 200)}`;
      }
      out.push(record);
    }
    p.pause();
    return out;
  }, SEED + 2);
  const bad = results.filter((r) => r.outcome !== 'returned' && r.outcome !== 'error');
  assert.deepEqual(bad, [], `seed ${SEED + 2}`);
  const panics = results.filter((r) => /panick|core failed|unreachable/i.test(r.error ?? ''));
  assert.deepEqual(panics, [], 'no call reached a crashed core');
  await alive(page);
  assert.deepEqual(errors, []);
  await page.close();
});

// --- a minute at full speed ---

const SOAK_CONFIG = [
  ['dataset', ['band', 'xor', 'spiral', 'circle', 'moons', 'blobs3', 'plane', 'bumps']], ['hidden', ['2', '8', '8,8', '4,2', 'none']],
  ['activation', ['tanh', 'relu', 'sigmoid', 'leakyrelu']], ['optimizer', ['adam', 'sgd', 'momentum', 'rmsprop', 'lbfgs']],
  ['lr', [0.003, 0.01, 0.03, 0.1]], ['batch', [1, 10, 32]], ['points', [100, 500, 1500]], ['seed', [1, 2, 3, 7]],
  ['noise', [0, 0.1, 0.3]], ['trainRatio', [0.5, 0.8, 1]], ['features', ['x1,x2', 'x1,x2,x1x2', 'x1sq,x2sq']], ['l2', [0, 0.001]],
];

test('soak: 60 s at full speed with random actions; the worker stops, memory stays flat, the display is current', async (t) => {
  const r = prng(SEED + 3);
  const { page, errors } = await open();
  // The heap's high-water mark for the soak's configs first (wasm memory never shrinks, so a
  // later, larger config must not read as a leak): the largest data, network and inputs, with
  // each kind of optimizer.
  const warm = await page.evaluate(() => {
    const p = window.playground;
    const start = p.config();
    for (const optimizer of ['lbfgs', 'adam', 'momentum', 'rmsprop'])
      for (const [dataset, batch] of [['blobs3', 1], ['bumps', 32], ['spiral', 10]]) {
        p.setConfig({ dataset, hidden: '8,8', features: 'x1,x2,x1x2', points: 1500, trainRatio: 1, noise: 0.3, batch, optimizer });
        p.step(3);
      }
    p.setConfig(start);
    return p.heapBytes();
  });
  await page.locator('#speed').fill('9');
  await page.evaluate(() => window.playground.play());
  const t0 = Date.now();
  let actions = 0, spaceMisses = 0;
  while (Date.now() - t0 < 60000) {
    const roll = r.int(10);
    if (roll < 4) {
      const [key, values] = r.pick(SOAK_CONFIG);
      await page.evaluate(([k, v]) => window.playground.setConfig({ [k]: v }), [key, r.pick(values)]);
    } else if (roll === 4) await page.evaluate(() => (window.playground.playing ? window.playground.pause() : window.playground.play()));
    else if (roll === 5) {
      // The space bar with nothing focused toggles play.
      const before = await page.evaluate(() => { document.activeElement?.blur(); return window.playground.playing; });
      await page.keyboard.press('Space');
      if ((await page.evaluate(() => window.playground.playing)) === before) spaceMisses++;
    }
    else if (roll === 6) await page.evaluate(() => window.playground.reset());
    else if (roll === 7) await page.evaluate(() => { try { window.playground.step(5); } catch (e) { if (!(e instanceof RangeError)) throw e; } });
    else await page.locator('#speed').fill(String(r.chance(0.6) ? 9 : r.int(10)));
    actions++;
    await page.waitForTimeout(250 + r.int(100));
  }
  // The last stretch at full speed on a config the worker trains, then the final pause.
  await page.evaluate(() => window.playground.setConfig({ optimizer: 'adam', lr: 0.01 }));
  await page.locator('#speed').fill('9');
  await page.evaluate(() => window.playground.play());
  await page.waitForTimeout(1500);
  const end = await page.evaluate(async () => {
    const p = window.playground;
    p.pause();
    await new Promise((r) => setTimeout(r, 100)); // slices posted before the worker heard 'stop'
    return { messages: p.timings().workerMessages, heap: p.heapBytes() };
  });
  await page.waitForTimeout(1500);
  const later = await page.evaluate(async () => {
    await new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r)));
    const root = document.querySelector('feature-space').shadowRoot;
    return { messages: window.playground.timings().workerMessages, shown: root.querySelector('#epoch').textContent, epoch: window.playground.state().epoch };
  });
  const figures = `${actions} actions (${spaceMisses} space presses that did not toggle); heap ${warm} B after the warm-up, ${end.heap} B at the end; worker messages ${end.messages} → ${later.messages} over 1.5 s after pause; epoch ${later.epoch} (shown ${later.shown})`;
  t.diagnostic(figures);
  console.log(`# soak: ${figures}`);
  assert.deepEqual(errors, []);
  assert.equal(spaceMisses, 0, 'the space bar toggles play');
  assert.equal(later.messages, end.messages, 'no worker activity after the final pause');
  assert.ok(end.heap <= 1.5 * warm, `heap ${warm} → ${end.heap} bytes`);
  assert.equal(later.shown, String(later.epoch), 'the epoch shown is the state\'s');
  await page.close();
});
