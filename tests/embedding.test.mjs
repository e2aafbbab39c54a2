// End-to-end tests of <feature-space> hosted the ways blog authors host it: a plain static host,
// a strict Content-Security-Policy, an iframe driven from another origin, a subfolder, a file
// opened from disk, and a phone. `cargo xtask test e2e embedding.test.mjs` runs this file alone.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import { URL, ROOT, SHOTS, TMP, launch, canvasInk } from './browser.mjs';

const CSP_URL = process.env.FEATURESPACE_CSP_URL || URL;
const OTHER_URL = process.env.FEATURESPACE_OTHER_URL || URL;
const DIST = process.env.FEATURESPACE_DIST || path.join(ROOT, 'dist');
const SLOW = { timeout: 180_000 };

const browsers = [];
// A browser context of its own (own profile), closed after the tests.
async function newContext(options = {}) {
  const browser = await launch('featurespace-embed-', options);
  browsers.push(browser);
  return browser.context;
}
let context;
before(async () => {
  context = await newContext();
});
after(async () => {
  for (const browser of browsers) await browser.close();
});

// Opens `url` in a new page; collects page errors, console errors, 4xx/5xx responses, and CSP
// reports (console messages and securitypolicyviolation events, in window.cspViolations).
// `init`: a function to run in every frame before the page's scripts.
async function open(url, ctx = context, init = null) {
  const page = await ctx.newPage();
  const errors = [], csp = [];
  page.on('pageerror', (e) => errors.push(`pageerror: ${e.message}`));
  const favicon = (u) => u?.endsWith('/favicon.ico'); // asked for by the plain pages the hosts below start from
  page.on('console', (m) => {
    if (favicon(m.location()?.url)) return;
    if (/Content Security Policy/i.test(m.text())) csp.push(m.text());
    if (m.type() === 'error') errors.push(`console: ${m.text()}`);
  });
  page.on('response', (r) => r.status() >= 400 && !favicon(r.url()) && errors.push(`HTTP ${r.status()} ${r.url()}`));
  await page.addInitScript(() => addEventListener('securitypolicyviolation',
    (e) => (window.cspViolations ??= []).push(`${e.violatedDirective} ${e.blockedURI} ${e.sourceFile}:${e.lineNumber}`)));
  if (init) await page.addInitScript(init);
  await page.goto(url);
  return { page, errors, csp };
}

// Scrolls the element into view (it loads lazily) and awaits its ready promise (at most 20 s).
function ready(page, selector = 'feature-space') {
  return page.evaluate(async (selector) => {
    const el = document.querySelector(selector);
    el.scrollIntoView({ block: 'center' });
    const late = new Promise((_, reject) => setTimeout(() => reject(new Error(`${selector} not ready after 20 s`)), 20_000));
    await Promise.race([el.ready, late]);
  }, selector);
}

// Pauses the element (autoplay="visible" plays it), trains n epochs with step(n) and returns
// how many epochs that added.
const step = (page, n, selector = 'feature-space') => page.evaluate(({ n, selector }) => {
  const el = document.querySelector(selector);
  el.pause();
  const before = el.state().epoch;
  el.step(n);
  return el.state().epoch - before;
}, { n, selector });

const frames = (page, n = 3) => page.evaluate(async (n) => { for (let i = 0; i < n; i++) await new Promise(requestAnimationFrame); }, n);

async function assertDrawn(page, id = 'input-space', selector = 'feature-space') {
  const { ink: n, area } = await canvasInk(page, id, selector);
  assert.ok(area > 0 && n > area * 0.2, `${selector} #${id} drawn: ${n} of ${area} pixels have ink`);
}

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
// Scrolls to the blog's iframe: Chromium paints a frame that is off screen in no screenshot.
const toFrame = async (page) => { await page.evaluate(() => document.querySelector('#circle-frame').scrollIntoView({ block: 'center' })); await sleep(300); };
// The full page's window.playground: step(n), then the epoch.
const train = (page, n) => page.evaluate((n) => window.playground.ready.then((p) => { p.step(n); return p.state().epoch; }), n);

// Polls `check` every 250 ms for 10 s.
async function until(check, what) {
  for (let i = 0; i < 40; i++, await sleep(250)) if (await check()) return;
  assert.fail(`${what} (waited 10 s)`);
}

// Brings each blog figure on screen (again while figures above it grow as they load) until it is
// ready and its input view drawn; then the iframe (Figure 4) until its element has drawn. Off
// screen nothing draws, so this also fills the full-page screenshots.
async function showFigures(page) {
  const drawn = async (target, selector) => { const { ink: n, area } = await canvasInk(target, 'input-space', selector); return n > 0.2 * area; };
  for (const id of ['#band', '#xor', '#spiral']) {
    await ready(page, id);
    await until(async () => {
      await page.evaluate((id) => document.querySelector(id).scrollIntoView({ block: 'center' }), id);
      return drawn(page, id);
    }, `${id} draws on screen`);
  }
  const frame = await (await page.waitForSelector('#circle-frame')).contentFrame();
  await until(async () => {
    await toFrame(page);
    return await frame.evaluate(() => document.querySelector('feature-space')?.run != null).catch(() => false) && drawn(frame, 'feature-space');
  }, 'the iframe figure draws on screen');
}

test('a plain static host: the full page trains, the blog\'s three figures start and #band plays on screen', SLOW, async () => {
  const { page, errors } = await open(URL);
  assert.equal(await page.evaluate(() => crossOriginIsolated), false);
  assert.equal(await train(page, 20), 20);
  assert.deepEqual(errors, []);
  await page.close();

  const blog = await open(`${URL}examples/blog.html`);
  assert.equal(await blog.page.evaluate(() => crossOriginIsolated), false);
  await showFigures(blog.page);
  await blog.page.evaluate(() => scrollTo(0, 0));
  const epoch = () => blog.page.evaluate(() => document.querySelector('#band').state().epoch);
  const start = await epoch();
  await sleep(1500);
  const later = await epoch();
  assert.ok(later > start, `#band (autoplay="visible") trains on screen: epoch ${start} → ${later}`);
  // Scrolled off screen it stops.
  await blog.page.evaluate(() => document.querySelector('#spiral').scrollIntoView({ block: 'end' }));
  await sleep(500);
  const away = await epoch();
  await sleep(800);
  assert.equal(await epoch(), away, '#band stops training off screen');
  await toFrame(blog.page);
  await blog.page.screenshot({ path: path.join(SHOTS, 'blog.png'), fullPage: true });
  assert.deepEqual(blog.errors, []);
  await blog.page.close();
});

test('a strict Content-Security-Policy: no violations; the element starts, steps and draws', SLOW, async () => {
  const pages = [
    ['index.html', 'feature-space', 'index'],
    ['examples/blog.html', '#band', 'blog'],
    ['embed.html#dataset=xor&views=input', 'feature-space', 'embed'],
  ];
  const violations = {};
  for (const [file, selector, name] of pages) {
    const { page, errors, csp } = await open(`${CSP_URL}${file}`);
    await ready(page, selector);
    assert.equal(await step(page, 15, selector), 15, `${name}: step(15)`);
    await frames(page);
    await assertDrawn(page, 'input-space', selector);
    if (name === 'index') {
      // The fastest speed trains in a worker: it must load under the policy too.
      await page.evaluate(() => { const el = document.querySelector('feature-space'); el.speed = 'max'; el.play(); });
      await sleep(1500);
      assert.ok(await page.evaluate(() => window.playground.timings().worker), 'the training worker runs');
      await page.evaluate(() => document.querySelector('feature-space').pause());
    }
    if (name === 'blog') for (const id of ['#xor', '#spiral']) await ready(page, id);
    if (name === 'embed') assert.equal(await page.evaluate(() => document.querySelector('feature-space').config().dataset), 'xor');
    violations[name] = [...csp, ...await page.evaluate(() => window.cspViolations ?? [])];
    assert.deepEqual(errors.filter((e) => !/Content Security Policy/.test(e)), [], `${name}: no errors`);
    await page.close();
  }
  assert.deepEqual(violations, { index: [], blog: [], embed: [] }, 'no CSP violations (console reports, then securitypolicyviolation events)');
});

// Opens a host page on `base`'s origin whose iframe shows embed.html with `hash`; it records every
// message in window.msgs, and call(id, method, args) posts an fs-call to the frame. (Not a
// route.fulfill()ed page: Chromium treats such a page as public and its Local Network Access
// checks block its 127.0.0.1 iframe; a real page of that origin, rewritten, keeps loopback.)
async function openHost(base, hash) {
  const host = await open(`${base}examples/blog.css`);
  await host.page.setContent(`<!doctype html><html><head><meta charset="utf-8"><title>host</title>
<script>window.msgs = []; addEventListener('message', (e) => msgs.push({ origin: e.origin, fromFrame: e.source === document.querySelector('iframe')?.contentWindow, data: e.data }));
function call(id, method, args) { document.querySelector('iframe').contentWindow.postMessage({ type: 'fs-call', id, method, args }, '*'); }</script>
</head><body><iframe src="${URL}embed.html#${hash}" sandbox="allow-scripts" width="600" height="200"></iframe></body></html>`);
  return host;
}

test('an iframe on another origin: height messages, the postMessage API for listed origins only', SLOW, async () => {
  const other = new globalThis.URL(OTHER_URL).origin;
  const hash = `dataset=xor&hidden=4&views=input%20feature&controls=play&origins=${encodeURIComponent(other)}`;
  const { page, errors } = await openHost(OTHER_URL, hash);
  const msgs = () => page.evaluate(() => window.msgs);
  const result = async (id) => {
    await page.waitForFunction((id) => window.msgs.some((m) => m.data?.type === 'fs-result' && m.data.id === id), id, { timeout: 20_000 });
    return (await msgs()).find((m) => m.data?.type === 'fs-result' && m.data.id === id).data;
  };
  await page.waitForFunction(() => window.msgs.some((m) => m.data?.type === 'fs-height'), null, { timeout: 20_000 });
  const height = (await msgs()).find((m) => m.data?.type === 'fs-height');
  assert.ok(height.data.height > 200, `fs-height ${height.data.height} > 200`);
  assert.ok(height.fromFrame, 'the height comes from the iframe');
  await page.evaluate(() => { call(1, 'step', [5]); call(2, 'state'); call(3, 'config'); call(4, 'eval', ['1']); });
  assert.deepEqual(await result(1), { type: 'fs-result', id: 1, result: null });
  const state = (await result(2)).result;
  assert.equal(state?.epoch, 5, `state after step(5): ${JSON.stringify(state)?.slice(0, 200)}`);
  assert.deepEqual(state.layers.map((l) => [l.W.length, l.W[0].length, l.b.length]), [[2, 4, 4], [4, 1, 1]]);
  const config = (await result(3)).result;
  assert.equal(config.dataset, 'xor');
  assert.equal(config.hidden, '4');
  assert.match((await result(4)).error ?? '', /not one of/, 'an unknown method is refused');
  // The element's events are passed on to the listed origin.
  await page.waitForFunction(() => window.msgs.some((m) => m.data?.type === 'fs-ready'), null, { timeout: 5000 });
  assert.ok((await msgs()).filter((m) => m.data?.type === 'fs-result').every((m) => m.fromFrame));
  assert.deepEqual(errors, []);
  await page.close();

  // A host on an origin that is not listed gets no answer (the frame itself runs).
  const stranger = await openHost(URL, hash);
  const frame = await (await stranger.page.waitForSelector('iframe')).contentFrame();
  await frame.waitForFunction(() => document.querySelector('feature-space')?.run, null, { timeout: 20_000 });
  await stranger.page.evaluate(() => { call(1, 'step', [5]); call(2, 'state'); });
  await sleep(1000);
  const seen = await stranger.page.evaluate(() => window.msgs.map((m) => m.data?.type));
  assert.deepEqual(seen.filter((t) => t === 'fs-result'), [], 'no fs-result for an unlisted origin');
  assert.equal(await frame.evaluate(() => document.querySelector('feature-space').state().epoch), 0, 'the unlisted call did not step');
  await stranger.page.close();

  // blog.html sizes its iframe from the posted height.
  const blog = await open(`${URL}examples/blog.html`, context,
    () => addEventListener('message', (e) => e.data?.type === 'fs-height' && (window.heights ??= []).push(e.data.height)));
  await blog.page.evaluate(() => document.querySelector('#circle-frame').scrollIntoView());
  await blog.page.waitForFunction(() => window.heights?.length, null, { timeout: 20_000 });
  await sleep(500);
  const { posted, style, box } = await blog.page.evaluate(() => {
    const f = document.querySelector('#circle-frame');
    return { posted: window.heights.at(-1), style: f.style.height, box: f.getBoundingClientRect().height };
  });
  assert.equal(style, `${posted}px`, 'iframe.style.height is the posted height');
  assert.equal(Math.round(box), posted);
  assert.deepEqual(blog.errors, []);
  await blog.page.close();
});

const MIME = { '.html': 'text/html; charset=utf-8', '.js': 'text/javascript', '.mjs': 'text/javascript', '.css': 'text/css',
  '.wasm': 'application/wasm', '.json': 'application/json', '.svg': 'image/svg+xml', '.png': 'image/png' };

// A static server of `root` on 127.0.0.1 (a port of its own); resolves to [server, base URL].
function staticServer(root) {
  const server = http.createServer((req, res) => {
    let file = path.join(root, decodeURIComponent(new globalThis.URL(req.url, 'http://x').pathname));
    if (!file.startsWith(root)) return res.writeHead(403).end();
    if (fs.existsSync(file) && fs.statSync(file).isDirectory()) file = path.join(file, 'index.html');
    if (!fs.existsSync(file)) return res.writeHead(404, { 'content-type': 'text/plain' }).end('not found');
    res.writeHead(200, { 'content-type': MIME[path.extname(file)] ?? 'application/octet-stream', 'x-content-type-options': 'nosniff' });
    fs.createReadStream(file).pipe(res);
  });
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve([server, `http://127.0.0.1:${server.address().port}/`])));
}

test('a subfolder of a static host: relative paths work', SLOW, async () => {
  const root = fs.mkdtempSync(path.join(TMP, 'featurespace-subfolder-'));
  fs.mkdirSync(path.join(root, 'site'));
  fs.symlinkSync(DIST, path.join(root, 'site', 'sub'), 'dir');
  const [server, base] = await staticServer(root);
  try {
    for (const url of [`${base}site/sub/index.html`, `${base}site/sub/`]) {
      const { page, errors } = await open(url);
      assert.equal(await train(page, 10), 10, url);
      await frames(page);
      await assertDrawn(page);
      assert.deepEqual(errors, [], url);
      await page.close();
    }
    const { page, errors } = await open(`${base}site/sub/examples/blog.html`);
    await showFigures(page);
    for (const id of ['#band', '#xor', '#spiral']) assert.equal(await step(page, 10, id), 10, `${id} trains`);
    assert.deepEqual(errors, []);
    await page.close();
  } finally {
    server.closeAllConnections();
    await new Promise((r) => server.close(r));
    fs.rmSync(root, { recursive: true, force: true });
  }
});

test('opened from disk: the offline file runs; index.html says what to do', SLOW, async () => {
  const { page, errors } = await open(`file://${DIST}/feature-space-offline.html`);
  assert.equal(await train(page, 30), 30);
  await frames(page);
  await assertDrawn(page);
  await assertDrawn(page, 'feature-space');
  await page.screenshot({ path: path.join(SHOTS, 'offline.png') });
  assert.deepEqual(errors, []);
  await page.close();

  const index = await open(`file://${DIST}/index.html`);
  await sleep(500);
  const text = await index.page.evaluate(() => document.body.innerText);
  assert.match(text, /cargo xtask serve/, 'index.html from disk names `cargo xtask serve`');
  assert.match(text, /feature-space-offline\.html/, 'index.html from disk names the offline file');
  assert.ok(await index.page.locator('.fallback').isVisible(), 'the fallback message is visible');
  await index.page.close();
});

test('a phone: no horizontal scroll, usable Play button, the page scrolls, also by a swipe over a canvas', SLOW, async () => {
  const phone = await newContext({ viewport: { width: 390, height: 844 }, hasTouch: true, isMobile: true, deviceScaleFactor: 2 });
  const { page, errors } = await open(URL, phone);
  await page.evaluate(() => window.playground.ready);
  await frames(page);
  assert.ok(await page.evaluate(() => document.documentElement.scrollWidth) <= 390, 'no horizontal scroll on index.html');
  const play = await page.locator('#play').boundingBox();
  assert.ok(play && play.x >= 0 && play.x + play.width <= 390, `Play inside the width: ${JSON.stringify(play)}`);
  assert.ok(play.height >= 24, `Play is ${play.height} px tall`);
  const touchAction = await page.evaluate(() => getComputedStyle(document.querySelector('feature-space').shadowRoot.getElementById('input-space')).touchAction);
  assert.ok(touchAction === 'auto' || touchAction.includes('pan-y'), `canvas touch-action: ${touchAction}`);
  await page.screenshot({ path: path.join(SHOTS, 'phone.png'), fullPage: true });
  await page.evaluate(() => scrollTo(0, 800));
  assert.ok(await page.evaluate(() => scrollY) > 0, 'the page scrolls');
  // A swipe up that starts on the input-space canvas scrolls the page down.
  await page.evaluate(() => document.querySelector('feature-space').shadowRoot.getElementById('input-space').scrollIntoView({ block: 'center' }));
  await frames(page);
  const box = await page.locator('#input-space').boundingBox();
  const y0 = await page.evaluate(() => scrollY);
  const cdp = await phone.newCDPSession(page);
  const [x, y] = [box.x + box.width / 2, box.y + box.height * 0.8];
  await cdp.send('Input.dispatchTouchEvent', { type: 'touchStart', touchPoints: [{ x, y }] });
  for (let i = 1; i <= 10; i++) {
    await cdp.send('Input.dispatchTouchEvent', { type: 'touchMove', touchPoints: [{ x, y: y - 30 * i }] });
    await sleep(16);
  }
  await cdp.send('Input.dispatchTouchEvent', { type: 'touchEnd', touchPoints: [] });
  await sleep(300);
  const y1 = await page.evaluate(() => scrollY);
  assert.ok(y1 > y0 + 50, `a swipe over the canvas scrolls the page: scrollY ${y0} → ${y1}`);
  assert.deepEqual(errors, []);

  const blog = await open(`${URL}examples/blog.html`, phone);
  await showFigures(blog.page);
  assert.ok(await blog.page.evaluate(() => document.documentElement.scrollWidth) <= 390, 'no horizontal scroll on the blog');
  await toFrame(blog.page);
  await blog.page.screenshot({ path: path.join(SHOTS, 'phone-blog.png'), fullPage: true });
  assert.deepEqual(blog.errors, []);
});
