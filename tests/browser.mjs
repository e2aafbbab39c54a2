// What the browser tests share: the served site's address, where screenshots go, Debian's
// Chromium on a profile of its own (driven by playwright-core), and pages that collect errors.
// Not a test file itself (its name does not end in .test.mjs).
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const { chromium } = require('playwright-core');

// `cargo xtask test` serves dist/ and sets FEATURESPACE_URL.
export const URL = process.env.FEATURESPACE_URL || 'http://127.0.0.1:8000/';
export const ROOT = path.resolve(path.dirname(new globalThis.URL(import.meta.url).pathname), '..');
export const SHOTS = path.join(ROOT, 'target/screenshots');
export const TMP = process.env.TMPDIR || os.tmpdir();
export const ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
  '--disable-background-networking', '--disable-component-update', '--disable-sync'];

// Chromium (CHROMIUM, else /usr/bin/chromium) on a new profile in TMP named `prefix`…, a
// 1500×1000 viewport unless `options` say otherwise; makes sure SHOTS exists. close() closes
// the browser and removes its profile.
export async function launch(prefix, options = {}) {
  fs.mkdirSync(SHOTS, { recursive: true });
  const profile = fs.mkdtempSync(path.join(TMP, prefix));
  const remove = () => fs.rmSync(profile, { recursive: true, force: true });
  let context;
  try {
    context = await chromium.launchPersistentContext(profile, {
      executablePath: process.env.CHROMIUM || '/usr/bin/chromium', headless: true, args: ARGS,
      viewport: { width: 1500, height: 1000 }, ...options,
    });
  } catch (e) {
    remove();
    throw e;
  }
  return { context, close: async () => { await context.close(); remove(); } };
}

// A new page of `context`; its page errors and console errors are collected in `errors`.
export async function newPage(context) {
  const page = await context.newPage();
  const errors = [];
  page.on('pageerror', (e) => errors.push(e.message));
  page.on('console', (m) => m.type() === 'error' && errors.push(m.text()));
  return { page, errors };
}

// Opens the full page on `hash` and waits for window.playground.ready; collects page errors.
export async function openPlayground(context, hash = '') {
  const { page, errors } = await newPage(context);
  await page.goto(URL + hash);
  await page.evaluate(() => window.playground.ready);
  return { page, errors };
}

// Waits for two animation frames of the page (the next one drawn).
export const twoFrames = (page) => page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))));

// How many pixels of a canvas in the element's shadow root are painted and not (near) white, and how
// many in all (a canvas never drawn is transparent: no ink). `target`: a page or a frame.
export function canvasInk(target, id = 'input-space', selector = 'feature-space') {
  return target.evaluate(({ id, selector }) => {
    const c = document.querySelector(selector).shadowRoot.getElementById(id);
    const d = c.getContext('2d').getImageData(0, 0, c.width, c.height).data;
    let n = 0;
    for (let i = 0; i < d.length; i += 4) if (d[i + 3] > 0 && (d[i] < 235 || d[i + 1] < 235 || d[i + 2] < 235)) n++;
    return { ink: n, area: c.width * c.height };
  }, { id, selector });
}
