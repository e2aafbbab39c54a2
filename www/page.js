// The full page: one <feature-space> with every view, control and the lessons, kept in step with
// the URL hash; window.playground is an alias of its API; "Copy link" and "Copy embed code".
import './feature-space.js';
import { applyElementKeys, readHash, splitHash, writeHash } from './url-state.js';
import { playgroundApi } from './playground-api.js';
import { excerpt } from './config-input.js';
import { spaceQuery } from './space-settings.js';
import { isLessonUrl } from './element-lessons.js';
import { linkableConfig } from './draw-tools.js';
import { SCHEMA } from './keys.js';
import { part } from './on-demand.js';

const el = document.querySelector('feature-space');
const api = playgroundApi(el);
window.playground = api;
// The Compare button's code comes on its first use (a click, or a link with a comparison). A
// comparison started, changed or stopped goes into the link at once.
let comparison = null;
let comparing = null;
const compareCode = () => (comparing ??= import('./page-compare.js').then(({ setupCompare }) => (comparison = setupCompare(el, () => {
  if (!el.run) return;
  inLesson = false; // comparing closes a lesson
  writeLink(currentLink());
}))));
const compareFailed = (error) => el.report([{ key: 'compare', message: String(error?.message ?? error) }], 'Not compared');
document.querySelector('#compare').addEventListener('click', () => el.ready.then(compareCode).then((c) => c.toggle(), compareFailed));

let inLesson = false;
const first = splitHash(readHash());
applyElementKeys(el, first.element);
el.load(first.query);
// A link to a lesson: its code comes beside the wasm, and the page is ready once the step shows.
if (first.lesson) part('lessons').catch(() => {}); // a failure is said when the lesson opens
api.ready = el.ready.then(() => openLesson(first)).then(() => api);
// A link to a comparison: shown once ready (a lesson's link wins: comparing would close it).
el.ready.then(() => { if (!first.lesson) applyComparison(first.compare); });

// Loaded points cannot travel in a link: a custom data set's hash leaves out their number. Drawn
// points can, while few enough (past that a message says so, once).
const LINK_POINTS = SCHEMA.find((s) => s.key === 'drawn').linkPoints;
let unlinked = false;
const linkable = ({ config, query }) => {
  if (config.dataset !== 'custom') return query;
  const { note } = linkableConfig(config, LINK_POINTS);
  if (note && !unlinked) el.notices.show(note, { title: 'link' });
  unlinked = Boolean(note);
  const left = note ? /(^|&)(points|drawn)=[^&]*/g : /(^|&)points=[^&]*/;
  return query.replace(left, '').replace(/^&/, '');
};
// The link holds the config, the feature view's settings (which do not restart the run) and
// the comparison, if any.
const link = (detail) => {
  const compared = comparison?.spec();
  return [linkable(detail), spaceQuery(el), compared && `compare=${compared}`].filter(Boolean).join('&');
};
// The link for the run as it is now (the events' detail, made afresh).
const currentLink = () => link({ config: el.config(), query: el.run.query() });
// The first link (the address's config with every key spelled out) is written in the first idle
// moment after the element is ready: replaceState takes a few milliseconds that the first frames
// need not wait for. Links after that (any change once ready) are written at once, and the idle
// write then has nothing left to do.
let startLink = ''; // the link made while starting; null once ready
const writeLink = (text) => { if (startLink === null) writeHash(text); else startLink = text; };
const idle = window.requestIdleCallback ? (f) => requestIdleCallback(f, { timeout: 300 }) : (f) => setTimeout(f, 0);
const started = () => {
  const text = startLink;
  startLink = null;
  let written = false;
  el.addEventListener('fs-config', () => { written = true; }, { once: true });
  el.addEventListener('fs-space', () => { written = true; }, { once: true });
  // The link as it is by then: a comparison the link named may have started meanwhile.
  idle(() => { if (text && !written && !inLesson) writeHash(el.run ? currentLink() : text); });
};
el.ready.then(started, started);
el.addEventListener('fs-config', ({ detail }) => { if (!inLesson) writeLink(link(detail)); });
el.addEventListener('fs-space', () => { if (!inLesson && el.run) writeLink(currentLink()); });
el.addEventListener('fs-lesson', ({ detail }) => {
  inLesson = true;
  writeHash(`lesson=${encodeURIComponent(detail.url ?? detail.lesson)}&step=${detail.step}`);
  // A lesson reads from the top of the element: the step's text, its controls, its result.
  if (Math.abs(el.getBoundingClientRect().top) > 2) el.scrollIntoView({ block: 'start' });
});

el.ready.then(() => {
  addEventListener('hashchange', () => {
    const next = splitHash(readHash());
    if (next.lesson) return openLesson(next);
    inLesson = false;
    el.lesson(null);
    el.load(next.query);
    applyComparison(next.compare);
  });
});

// #lesson=<id or URL of a lesson JSON file>&step=N: a file that fails is named by the element.
async function openLesson({ lesson, step }) {
  if (!lesson) return;
  const known = await el.lesson(lesson, step);
  if (!known && !isLessonUrl(lesson)) el.report([{ key: 'lesson', message: `'${excerpt(lesson)}' is not a lesson; there are ${el.lessonState.all().map((l) => l.id).join(', ')}` }], 'The link named no lesson');
}

// The comparison a link names (none: comparing stops); one it cannot show is said.
function applyComparison(spec) {
  if (!spec && !comparison) return;
  compareCode().then((c) => {
    const problem = c.apply(spec);
    if (problem) el.report([{ key: 'compare', message: problem }], 'The link’s comparison was not shown');
  }, compareFailed);
}

// Keys pressed with nothing focused go to the playground (space plays, arrows move lessons).
document.addEventListener('keydown', (e) => {
  if (e.target === document.body || e.target === document.documentElement) el.key(e);
});

// Copy link / Copy embed code: to the clipboard where allowed, and always shown to select.
const share = document.querySelector('#share');
const shareText = document.querySelector('#share-text');
async function offer(text, what) {
  shareText.value = text;
  share.hidden = false;
  let copied = false;
  try {
    await navigator.clipboard.writeText(text);
    copied = true;
  } catch { /* not allowed here: the text is shown to copy by hand */ }
  document.querySelector('#share-status').textContent = copied ? `${what} copied to the clipboard.` : `Select and copy the ${what.toLowerCase()}:`;
  shareText.select();
}
document.querySelector('#copy-link').addEventListener('click', () => offer(location.href, 'Link'));
document.querySelector('#copy-embed').addEventListener('click', () => offer(el.embedCode(), 'Embed code'));
document.querySelector('#copy-iframe').addEventListener('click', () => offer(el.embedCode({ iframe: true }), 'Iframe code'));
document.querySelector('#share-close').addEventListener('click', () => (share.hidden = true));
