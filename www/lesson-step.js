// Sets an element to reproduce one lesson step's figure: its config, its training (epochs or a
// fit to convergence), the figure and sliders it shows, and the panel it points at.
import { configQuery } from './config-input.js';

export function applyLessonStep(element, lesson, step, s) {
  const run = element.run;
  run.pause();
  run.load(configQuery(s.config));
  if (s.train === 'fit') run.fitToConvergence();
  else if (s.train > 0) run.step(s.train);
  const views = element.viewSet;
  if (s.figure) views.figures?.show(s.figure);
  if (s.sliders) views.figures?.sigmoid().set(s.sliders);
  const root = element.shadowRoot;
  for (const el of root.querySelectorAll('.focus')) el.classList.remove('focus');
  const focus = root.querySelector(`#${s.focus}`);
  focus?.classList.add('focus');
  focus?.scrollIntoView?.({ block: 'nearest' });
  run.dirty = true;
}
