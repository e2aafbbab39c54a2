// Sets an element to one lesson step: the views and controls the step shows (the element is
// rebuilt when they change), its config, the model as the step wants it (data only, untrained,
// trained for some epochs or fitted), the figure and sliders, the feature view's settings, and
// what it points at.
import { configQuery } from './config-input.js';

// Where a highlight name points in the element's shadow root.
const TARGET_SELECTORS = {
  input: '#input-panel', feature: '#feature-panel', network: '#network-panel', weights: '#weights-panel',
  loss: '#loss-panel', figures: '#figures', metrics: '#metrics', 'test-accuracy': '#test-acc',
  'train-accuracy': '#train-acc', 'sigmoid-1d': '#sigmoid-1d', 'sigmoid-2d': '#sigmoid-2d',
  'sigmoid-3d': '#sigmoid-3d', lifted: '#lifted', 'feature-curve': '#feature-curve',
  'activation-curves': '#activation-curves', challenge: '#challenge',
};

export const targetSelector = (name) => TARGET_SELECTORS[name] ?? `#${name}, [data-key="${name}"]`;

// The layout a step asks for: the lesson panel first, then its views; its controls.
export const stepLayout = (s) => ({ views: ['lesson', ...s.views].join(' '), controls: s.controls.join(' ') || 'none' });

/**
 * @param {HTMLElement} element  the <feature-space>
 * @param {import('./lesson-format.js').LessonStep} s
 */
export function applyLessonStep(element, s) {
  const run = element.run;
  run.pause();
  // Config keys first: a step's words are checked against the core like a link's.
  const errors = run.load(configQuery(s.config));
  if (s.model === 'fit') run.fitToConvergence();
  else if (s.model.epochs > 0) run.step(s.model.epochs);
  element.modelShown = s.model !== 'none';
  for (const key of ['space', 'axes']) {
    if (s[key] != null) element.setAttribute(key, s[key]);
    else element.removeAttribute(key);
  }
  const views = element.viewSet;
  // The figures' code may still be on its way (see views.js).
  views.with('figures', (figures) => {
    if (s.figure) figures.show(s.figure);
    if (s.sliders) figures.sigmoid().set(s.sliders);
  });
  const root = element.shadowRoot;
  for (const el of root.querySelectorAll('.focus')) el.classList.remove('focus');
  for (const name of s.highlight) root.querySelector(targetSelector(name))?.classList.add('focus');
  run.dirty = true;
  return errors;
}
