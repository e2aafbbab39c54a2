// Lessons are data: a JSON document with a title and steps. This module reads one, checks every
// field and names what is wrong ("step 3, field views: …"), so an author's lesson file fails
// with a message, not a blank panel. The shipped lessons (www/lessons/*.json) are read the same
// way.
import { VIEW_NAMES } from './panels.js';
import { CONTROL_NAMES } from './controls.js';
import { checkChallenge } from './challenge.js';

/**
 * @typedef {object} LessonStep
 * @property {string} title
 * @property {string} text
 * @property {string} try                 a "try this" suggestion
 * @property {Object<string, string|number|boolean>} config  any config keys, over the defaults
 * @property {string[]} views             the views shown (the lesson panel comes first)
 * @property {string[]} controls          the controls shown
 * @property {string[]} highlight         views, controls or figure canvases to point at
 * @property {'none'|'initial'|'fit'|{epochs: number}} model  data only, untrained, fitted, trained
 * @property {string} [figure]            the figure tab shown (sigmoid, feature, lifted, activations)
 * @property {Object<string, number>} [sliders]  the sigmoid explorer's w, b1, w1, w2, b
 * @property {string} [space]             the feature view's layer
 * @property {string} [axes]              the feature view's axes
 * @property {object} [check]             a challenge: see challenge.js
 *
 * @typedef {object} Lesson
 * @property {string} id
 * @property {string} title
 * @property {LessonStep[]} steps
 */

export const FIGURES = ['sigmoid', 'feature', 'lifted', 'activations'];
// Parts of the views a step can point at, besides whole views and controls.
export const TARGETS = ['metrics', 'test-accuracy', 'train-accuracy', 'sigmoid-1d', 'sigmoid-2d', 'sigmoid-3d', 'lifted', 'feature-curve', 'activation-curves', 'challenge'];
const SLIDERS = ['w', 'b1', 'w1', 'w2', 'b'];
const FIELDS = ['title', 'text', 'try', 'config', 'views', 'controls', 'highlight', 'model', 'figure', 'sliders', 'space', 'axes', 'check'];
const DEFAULTS = { views: ['input', 'loss'], controls: ['play', 'step', 'reset'], highlight: [], model: 'initial', config: {}, try: '' };

const quote = (v) => JSON.stringify(v)?.slice(0, 40) ?? String(v);

/**
 * Checks a lesson document; `source` names it in messages (a file name or "inline").
 * @returns {{lesson: Lesson|null, errors: Array<{key: string, message: string}>}}
 */
export function readLesson(doc, source = 'the lesson') {
  const errors = [];
  const fail = (where, message) => errors.push({ key: 'lesson', message: `${source}, ${where}: ${message}` });
  if (!doc || typeof doc !== 'object' || Array.isArray(doc)) {
    fail('the document', 'is not a JSON object with a title and steps');
    return { lesson: null, errors };
  }
  for (const key of Object.keys(doc)) if (!['id', 'title', 'steps'].includes(key)) fail(`field ${key}`, 'is not a lesson field (id, title, steps)');
  if (typeof doc.title !== 'string' || !doc.title.trim()) fail('field title', 'must be a non-empty string');
  if (doc.id != null && (typeof doc.id !== 'string' || !/^[a-z0-9-]+$/.test(doc.id))) fail('field id', `${quote(doc.id)} must be lowercase letters, digits and dashes`);
  if (!Array.isArray(doc.steps) || doc.steps.length === 0) {
    fail('field steps', 'must be a list of at least one step');
    return { lesson: null, errors };
  }
  const steps = doc.steps.map((s, i) => readStep(s, (field, message) => fail(`step ${i + 1}${field ? `, field ${field}` : ''}`, message)));
  if (errors.length) return { lesson: null, errors };
  const id = doc.id ?? String(doc.title).toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '');
  return { lesson: { id, title: doc.title, steps }, errors };
}

function readStep(s, fail) {
  if (!s || typeof s !== 'object' || Array.isArray(s)) {
    fail('', 'is not an object');
    return null;
  }
  for (const key of Object.keys(s)) if (!FIELDS.includes(key)) fail(key, `is not a step field (${FIELDS.join(', ')})`);
  const step = { ...DEFAULTS, ...s };
  const text = (key, required) => {
    if (step[key] == null && !required) return;
    if (typeof step[key] !== 'string' || (required && !step[key].trim())) fail(key, 'must be a non-empty string');
  };
  text('text', true);
  text('title', false);
  text('try', false);
  step.title ??= '';
  if (typeof step.config !== 'object' || step.config === null || Array.isArray(step.config)) fail('config', 'must be an object of config keys');
  else for (const [k, v] of Object.entries(step.config)) if (!['string', 'number', 'boolean'].includes(typeof v)) fail(`config.${k}`, `${quote(v)} must be a string, number or true/false`);
  const list = (key, allowed) => {
    if (!Array.isArray(step[key]) || step[key].some((n) => typeof n !== 'string')) return fail(key, 'must be a list of names');
    const unknown = step[key].filter((n) => !allowed.includes(n));
    if (unknown.length) fail(key, `${unknown.map(quote).join(', ')} ${unknown.length > 1 ? 'are' : 'is'} not one of ${allowed.join(', ')}`);
  };
  list('views', VIEW_NAMES.filter((v) => v !== 'lesson'));
  list('controls', CONTROL_NAMES);
  list('highlight', [...VIEW_NAMES, ...CONTROL_NAMES, ...TARGETS]);
  const m = step.model;
  const epochs = m && typeof m === 'object' && Object.keys(m).length === 1 && Number.isSafeInteger(m.epochs) && m.epochs >= 0 && m.epochs <= 100000;
  if (!['none', 'initial', 'fit'].includes(m) && !epochs) fail('model', `${quote(m)} must be "none" (data only), "initial" (untrained), "fit" or {"epochs": 0…100000}`);
  if (step.figure != null && !FIGURES.includes(step.figure)) fail('figure', `${quote(step.figure)} is not one of ${FIGURES.join(', ')}`);
  if (step.figure != null && Array.isArray(step.views) && !step.views.includes('figures')) fail('figure', 'needs "figures" among the views');
  if (step.sliders != null) {
    if (typeof step.sliders !== 'object' || Array.isArray(step.sliders)) fail('sliders', 'must be an object of numbers');
    else for (const [k, v] of Object.entries(step.sliders)) {
      if (!SLIDERS.includes(k)) fail(`sliders.${k}`, `is not one of ${SLIDERS.join(', ')}`);
      else if (!Number.isFinite(v)) fail(`sliders.${k}`, `${quote(v)} must be a number`);
    }
  }
  for (const key of ['space', 'axes']) if (step[key] != null && typeof step[key] !== 'string') fail(key, 'must be a string');
  if (step.check != null) for (const message of checkChallenge(step.check)) fail(`check${message.field ? `.${message.field}` : ''}`, message.message);
  return step;
}
