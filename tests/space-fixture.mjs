// The set-up the feature view's browser tests share (hidden-space.test.mjs, space-settings.test.mjs):
// a browser per test file, a page with one element, and readers of its state and pictures.
import { before, after } from 'node:test';
import path from 'node:path';
import { URL, SHOTS, launch, newPage, twoFrames } from './browser.mjs';

// The test file's name for its browser profile and fixture pages.
let label = 'space';
/** Names the test file's browser profile and fixture pages (call once, at its top level). */
export function nameFixtures(name) {
  label = name;
}

let browser, context, fixtures = 0;
before(async () => { browser = await launch(`featurespace-${label}-`); ({ context } = browser); });
after(() => browser?.close());
/** The file's browser context (for pages other than the fixture). */
export const browserContext = () => context;

// A page with one element (`attrs` added to it) that records the fs-error, fs-space and fs-point
// events; resolves once the element is ready and has drawn.
export async function open(attrs) {
  const { page, errors } = await newPage(context);
  const name = `${label}-${++fixtures}.html`;
  const body = `<!doctype html><html lang="en"><head><meta charset="utf-8"><link rel="icon" href="data:,">
<title>hidden space</title><script>window.events = [];
for (const t of ['fs-error', 'fs-space', 'fs-point']) document.addEventListener(t, (e) => events.push({ type: t, detail: e.detail }));
</script><script type="module" src="www/feature-space.js"></script><style>body { margin: 0; }</style></head>
<body><feature-space id="a" loading="eager" views="input feature" ${attrs}></feature-space></body></html>`;
  await page.route(URL + name, (r) => r.fulfill({ contentType: 'text/html', body }));
  await page.goto(URL + name);
  await page.evaluate(async () => { await customElements.whenDefined('feature-space'); await document.getElementById('a').ready; });
  await twoFrames(page);
  return { page, errors };
}

// Runs `fn(el, arg)` in the page, then waits for the next drawn frame.
export async function act(page, fn, arg) {
  const result = await page.evaluate(({ fn, arg }) => new Function('el', 'arg', `return (${fn})(el, arg)`)(document.getElementById('a'), arg), { fn: String(fn), arg });
  await twoFrames(page);
  return result;
}
export const read = (page, fn, arg) => page.evaluate(({ fn, arg }) => new Function('el', 'arg', `return (${fn})(el, arg)`)(document.getElementById('a'), arg), { fn: String(fn), arg });

export const text = (page, id) => page.locator(`#a #${id}`).textContent();
export const events = (page, type) => page.evaluate((type) => window.events.filter((e) => e.type === type), type);
export const shot = (page, name) => page.locator('#a').screenshot({ path: path.join(SHOTS, `hidden-space-${name}.png`) });

// The feature view's picture: how many pixels have exactly (±12) each class colour (the points'
// fill; the heatmap is a lighter tint), and for each boundary segment the class tint found 15 px
// on either side of it at 17 places along it ([minus, plus] per place, the plus side being the
// side its weights point to; null where the pixel is near white).
export function picture(page) {
  return read(page, (el) => {
    const view = el.viewSet.feature, c = view.canvas;
    const k = c.width / c.getBoundingClientRect().width;
    const data = c.getContext('2d').getImageData(0, 0, c.width, c.height).data;
    const rgb = el.classes.map((hex) => [1, 3, 5].map((i) => parseInt(hex.slice(i, i + 2), 16)));
    const at = (x, y) => { const i = 4 * (Math.round(y * k) * c.width + Math.round(x * k)); return [data[i], data[i + 1], data[i + 2]]; };
    // The class whose tint (its direction away from white) a pixel is closest to.
    const tint = (p) => {
      const d = p.map((v) => 255 - v), len = Math.hypot(...d);
      if (len < 12) return null;
      const cos = rgb.map((q) => { const e = q.map((v) => 255 - v); return d.reduce((s, v, i) => s + v * e[i], 0) / (len * Math.hypot(...e)); });
      return cos.indexOf(Math.max(...cos));
    };
    const exact = rgb.map(() => 0);
    for (let i = 0; i < data.length; i += 4)
      rgb.forEach((q, n) => { if (Math.abs(data[i] - q[0]) + Math.abs(data[i + 1] - q[1]) + Math.abs(data[i + 2] - q[2]) <= 12) exact[n]++; });
    const sides = view.segments.map(({ from, to, normal }) => {
      const len = Math.hypot(to[0] - from[0], to[1] - from[1]);
      const n = normal ?? [(from[1] - to[1]) / len, (to[0] - from[0]) / len];
      return Array.from({ length: 17 }, (_, s) => {
        const t = 0.1 + (0.8 * s) / 16, x = from[0] + t * (to[0] - from[0]), y = from[1] + t * (to[1] - from[1]);
        return [tint(at(x - 15 * n[0], y - 15 * n[1])), tint(at(x + 15 * n[0], y + 15 * n[1]))];
      });
    });
    return { exact, sides, segments: view.segments.map((s) => ({ unit: s.unit, from: s.from, to: s.to })), info: view.info };
  });
}
